"""Targets printed inline rather than in a table: `・農業産出額　８．６億円（2014年度）→９．０億円（2019年度）`,
or one field a line (`指標：転入者数` over `現状値：2,140人（R5年度）` and `目標値：2,400人（R11）`).

The line splits at its arrow; the left part is the indicator followed by the baseline, the right
part the target. Where the indicator ends is found from the right: the longest tail of the left
part that reads as a value on its own (so `65歳以上の高齢者数1,200人` keeps `65歳以上` in the
indicator).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from extract.models import Indicator, Line, LineRole, Value
from extract.parse import patterns as P
from extract.parse.context import ParseContext
from extract.parse.indicators import indicator_marks, report_indicator
from extract.parse.values import cell_to_value, header_to_year, label_to_year

EMITS = ()

ARROW = re.compile(r"\s*(?:→|⇒|➡|➔|▶|⇨|－＞|->)\s*")
_SPACE = re.compile(r"[ \u3000\t]+")
# A list mark before the indicator: ①, (1), 1., ○ (the KPIs of a policy printed as a list).
LIST_MARK = re.compile(r"^\s*(?:[①-⑳]|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．]|[○◯〇●◎])\s*")
_COLON = re.compile(r"\s*[:：]\s*")
# The last word before a colon is a year alone (`指標　R3：…`): the year of the value after it
_YEAR_BEFORE_COLON = re.compile(
    r"(?:^|[ \u3000\t])(?:令和|平成|R|H|Ｒ|Ｈ)\s*(?:元|[0-9０-９]{1,2})\s*(?:年度?)?$"
    r"|(?:^|[ \u3000\t])(?:19|20|１９|２０)[0-9０-９]{2}\s*年度?$"
)
# A value with its year printed before it, a space between or the year's 年度 (`R8年度 策定`,
# `2029年度 300人`, `R8年度策定`; not `R11年度末`)
_YEAR_FIRST = re.compile(
    r"^(?P<y>(?:令和|平成|R|H|Ｒ|Ｈ)\s*(?:元|[0-9０-９]{1,2})\s*年度?|(?:19|20|１９|２０)[0-9０-９]{2}\s*年度?)"
    r"(?:[ \u3000\t]+|(?<=年度)|(?<=年))(?P<v>(?![末度])\S+)$"
)
# A label that opens a target's line (`目標：…`, `数値目標：…`, `KPI：…`, `【数値目標】…`), not
# its indicator (nor a flag such as 【戦略KPI】: the word names the line's own kind)
_LABEL_WORDS = "数値目標|目標|成果指標|指標|KPI|ＫＰＩ"
_LABEL = re.compile(
    rf"^(?:(?:{_LABEL_WORDS})\s*[:：]|[【〈＜<［《](?:{_LABEL_WORDS})[】〉＞>］》])\s*(?=\S+[\s　])"
)


def _is_value(text: str) -> bool:
    """A number with its unit and qualifiers, or a printed dash: not words (増加 is no value
    of an inline target, whose arrow says what changes)."""
    if not text.strip():
        return False
    value = cell_to_value(text)
    return value.value is not None or not value.text


def _is_word_value(text: str) -> bool:
    """A short word a colon-separated line prints for a value (新規, 維持, 増加)."""
    text = text.strip()
    return 0 < len(text) <= 8 and " " not in text and not P.BULLET.match(text)


def split_indicator(left: str) -> tuple[str, str] | None:
    """(indicator, baseline) of `農業産出額　８．６億円（2014年度）` or `新規就農者数：1.4人/年`."""
    if (
        len(pieces := _COLON.split(left.strip(), maxsplit=1)) == 2
        and (_is_value(pieces[1]) or _is_word_value(pieces[1]))
        # (`市内の事業所数　R3：1,912事業所`: the colon follows the value's year, not the name)
        and not _YEAR_BEFORE_COLON.search(pieces[0])
    ):
        return pieces[0], pieces[1]
    parts = _SPACE.split(left.strip())
    if len(parts) >= 2 and _is_value(parts[-1]):
        return " ".join(parts[:-1]), parts[-1]
    # No space before the value: the leftmost split whose tail is a value.
    for i in range(1, len(left)):
        if _is_value(left[i:]) and not _is_value(left[i - 1 :]):
            head = left[:i].strip()
            if head:
                return head, left[i:].strip()
    return None


# A value closed by its year, then words the print joined on (the next paragraph's first line)
_VALUE_THEN_TEXT = re.compile(
    r"^(\S*?[0-9０-９][^（(]*[（(][^）)]*(?:年度?|[RH][0-9０-９]+)[）)])\S"
)
# The qualifier that makes a lone figure a target: a period or a running total.
_PERIOD = re.compile(r"\d+\s*年間|累計|までに|延べ")


def target_alone(text: str) -> tuple[str, str] | None:
    """(indicator, target) of `出生数　5年間で1,900人`: words, a space, a figure over a period."""
    parts = _SPACE.split(text.strip())
    if len(parts) != 2 or P.looks_like_content(parts[0]) and _is_value(parts[0]):
        return None
    value = cell_to_value(parts[1])
    # (or a figure dated by its own year: `年間の創業件数　年12件（2029年度）`)
    dated = value.year is not None and P.YEAR_ONLY.search(parts[1]) is not None
    if value.value is None or not (_PERIOD.search(P.match_text(value.qualifier)) or dated):
        return None
    return parts[0], parts[1]


def _dated_word(text: str) -> bool:
    """A word target dated by its year (`均衡（R11）`): the arrow from a figure says it is one."""
    m = P.YEAR_ONLY.search(text)
    return (
        m is not None and _is_word_value(text[: m.start()]) and cell_to_value(text).year is not None
    )


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _labelled(text: str, ctx: ParseContext) -> tuple[str, str, str] | None:
    """(indicator, baseline, target) of a line whose values carry their column words:
    `転入者数　現状値 120人（R5）→目標値 150人（R11）`, `認定農業者数　現状：45経営体　目標：50経営体`.
    The words stand after a space, a bracket or an arrow, and a value follows each."""
    s = ctx.settings
    label = r"(?:^|(?<=[\s　(（:：]))"
    m = re.match(
        rf"^(?P<i>.+?)[\s　]*[(（]?{label}(?:{_words(s.baseline_words)})[\s　]*[:：]?[\s　]*"
        rf"(?P<b>\S.*?)[\s　]*(?:{ARROW.pattern})?[\s　]*(?<![^\s　→⇒➡➔▶>])"
        rf"(?:{_words(s.target_value_words)})[\s　]*[:：]?[\s　]*(?P<t>\S.*)$",
        text,
    )
    if m is None or not m.group("i").strip():
        return None
    target = _year_after(m.group("t").strip())
    if not (_is_value(target) or _is_word_value(target)):
        return None
    baseline = _year_after(ARROW.sub("", m.group("b")).strip())
    if not (_is_value(baseline) or _is_word_value(baseline)):
        return None
    return m.group("i").strip(" 　:："), baseline, target


def _unmarked(text: str) -> str:
    """The line without its markup, its list number and its list mark (`◎ KPI：…`)."""
    return LIST_MARK.sub("", P.LIST_ITEM.sub("", P.strip_markup(text), count=1).strip(), count=1)


def wrapped_before_value(text: str, ctx: ParseContext) -> bool:
    """A target's line cut before a value (`◎ KPI：名　基準値`, `…28,450人（R5）→`, `…→ 目標値`):
    an indicator's words, then an arrow or a value's word with nothing after it."""
    s = ctx.settings
    words = _words((*s.baseline_words, *s.actual_words, *s.target_value_words))
    plain = _unmarked(text)
    m = re.search(rf"(?:{ARROW.pattern}|[\s　]*(?:{words})\s*[:：]?)\s*$", plain)
    return m is not None and len(plain[: m.start()].strip()) >= 4


def reads_as_labelled_target(text: str, ctx: ParseContext) -> bool:
    """Whether a line (its cells joined) is a target whose values carry their column words, an
    arrow between them (`◎ KPI：名　基準値 ―　→ 目標値 R8年度 策定`), its list mark and label
    aside."""
    text = _unmarked(text)
    # (an arrow between the values: a header's `現状値 | 目標値` holds none)
    found = _labelled(_LABEL.sub("", text, count=1), ctx) if ARROW.search(text) else None
    if found is None:
        return False
    # (not a header's `基準値（R5） | 目標値（R11）`: a year alone is no value)
    target = cell_to_value(found[2])
    return target.value is not None or bool(target.text)


def _year_after(text: str) -> str:
    """`R8年度 策定` as `策定（R8年度）`: the year a value's cell prints after it, where the line
    prints it first."""
    m = _YEAR_FIRST.match(text)
    return f"{m.group('v')}（{m.group('y')}）" if m else text


def _sentence(text: str) -> tuple[str, Value, Value] | None:
    """(indicator, baseline, target) of a target set as a sentence, each value's year printed
    before it: `市内総生産を、令和2年度の2,860億円から令和11年度に3,000億円に高めます。`."""

    def value(raw: str | None, year: str | None) -> Value:
        if not raw or not year:
            return Value()
        label = "".join(year.split())
        return cell_to_value(raw, label_to_year(label), label)

    m = P.TARGET_SENTENCE.match(P.match_text(text))
    if m is None:
        return _aim_sentence(text, value)
    if not (target_year := m.group("ty") or m.group("ty1") or m.group("ty0")):
        return None
    if (m.group("ty") or m.group("ty1")) and m.group("ty0"):
        return None  # two target years: no such sentence

    target = value(m.group("t") or m.group("tw"), target_year)
    if sum(bool(m.group(b)) for b in ("b0", "b", "b2")) > 1:
        return None  # two baselines: no such sentence
    raw = m.group("b0") or m.group("b") or m.group("b2")
    baseline = value(raw, m.group("by0") or m.group("by") or m.group("by2"))
    if raw and baseline.value is None:
        return None
    # a word target is one only beside a baseline figure: `…を均衡させます（現状値：…▲210人）`
    if target.value is None and not (m.group("tw") and target.text and baseline.value is not None):
        return None
    return m.group("i").strip(), baseline, target


def _aim_sentence(
    text: str, value: Callable[[str | None, str | None], Value]
) -> tuple[str, Value, Value] | None:
    """(indicator, baseline, target) of `令和11年度までに、指標12件を達成します（令和5年度 7件）。`
    (…を維持します, …以上を目指します): the indicator runs into its target, the baseline is
    bracketed after the verb with its year."""
    m = P.AIM_SENTENCE.match(P.match_text(text))
    if m is None or (found := split_indicator(m.group("iv"))) is None:
        return None
    indicator, target_raw = found
    target = value(target_raw, m.group("ty")) if m.group("ty") else cell_to_value(target_raw)
    baseline = value(m.group("b"), m.group("by"))
    if target.value is None or (m.group("b") and baseline.value is None):
        return None
    return indicator.strip(), baseline, target


def line_to_inline_indicator(
    line: Line,
    kind: Literal["numeric_target", "kpi"],
    ctx: ParseContext,
    rest: Sequence[Line] = (),
) -> bool:
    """An inline target or KPI on `line` (with `rest`, the lines a converter wrapped it onto)."""
    if ctx.goal_no is None:
        return False
    lines = [line, *rest]
    printed = " ".join(P.strip_markup(ln.text).strip() for ln in lines)
    text = P.LIST_ITEM.sub("", printed, count=1).strip()
    text = LIST_MARK.sub("", text, count=1)
    # target sentences a paragraph's reflow joined (`…250人に増やします。…80人にします。`): each
    sentences = [f"{part.strip()}。" for part in text.split("。")[:-1] if part.strip()]
    read = [found for sentence in sentences if (found := _sentence(sentence))]
    if text.endswith("。") and len(read) >= 2:
        for indicator_raw, baseline, target in read:
            _add_indicator(lines, kind, indicator_raw, baseline, target, None, ctx)
        return True
    if "。" in text[:-1] and ARROW.search(text.rsplit("。", 1)[1]):
        text = text.rsplit("。", 1)[1].strip()  # a sentence the print joined before the target
    elif (
        text.endswith("。")
        and "。" in text[:-1]
        and _sentence(last := text[:-1].rsplit("。", 1)[1] + "。")
    ):
        text = last.strip()  # the goal's lead joined before a target sentence (a PDF's paragraph)
    text = _LABEL.sub("", text, count=1)  # `目標：村内の新規就業者数　…`: the line's label
    pieces = ARROW.split(text)
    baseline = target = None
    if len(pieces) == 1 and (sentence := _sentence(text)) is not None:
        indicator_raw, baseline, target = sentence
        baseline_text = target_text = ""
    elif (labelled := _labelled(text, ctx)) is not None:
        indicator_raw, baseline_text, target_text = labelled
    elif len(pieces) == 1 and (alone := target_alone(text)) is not None:
        # `出生数　5年間で1,900人`: a target over a period, no baseline printed
        indicator_raw, baseline_text, target_text = alone[0], "", alone[1]
    elif len(pieces) != 2:
        return False
    else:
        left, target_text = pieces
        if not _is_value(target_text) and (m := _VALUE_THEN_TEXT.match(target_text)):
            if _is_value(m.group(1)):
                target_text = m.group(1)  # `８０％以上（2019年度）高齢化が…`: a sentence joined on
        found = split_indicator(left)
        colon = found is not None and bool(_COLON.search(left))
        word = colon and _is_word_value(target_text)
        if found is not None and not word and _dated_word(target_text):
            word = cell_to_value(found[1]).value is not None  # `▲120人（R5）→　均衡（R11）`
        if found is None or not (_is_value(target_text) or word):
            return False
        indicator_raw, baseline_text = found
    _add_indicator(
        lines,
        kind,
        indicator_raw,
        baseline or cell_to_value(baseline_text),
        target or cell_to_value(target_text),
        None,
        ctx,
    )
    return True


# One field of an indicator on a line of its own: its word (with a year: `現状値（R5）`), a colon,
# what the field holds.
_FIELD = re.compile(r"^\s*[・◇○〇●■]?\s*(?P<word>[^:：\s]{1,14}?)\s*[:：]\s*(?P<text>\S.*?)\s*$")


def _field(line: Line) -> tuple[str, str] | None:
    m = _FIELD.match(P.strip_markup(line.text)) if line.text.count("\t") == 0 else None
    return (m.group("word"), m.group("text")) if m else None


def _value_word(word: str, ctx: ParseContext) -> str | None:
    """`現状値（R5）` → baseline, `目標値` → target, `実績値` → actual (None: no value word)."""
    s = ctx.settings
    key = P.YEAR_ONLY.sub("", P.match_text(word)).replace(" ", "")
    if key in s.target_value_words:
        return "target"
    if key in s.actual_words:
        return "actual"
    return "baseline" if key in s.baseline_words else None


def field_block(
    lines: Sequence[Line], ctx: ParseContext, furniture: Callable[[Line], bool]
) -> list[Line] | None:
    """The lines of one indicator printed one field a line, from `lines[0]` (`指標：…`, then
    its value fields, `目標値：…` among them; a page break's furniture passed over); None when
    `lines[0]` opens no such block."""
    first = _field(lines[0]) if lines else None
    words = (*ctx.settings.indicator_words, *ctx.settings.kpi_words, *ctx.settings.target_words)
    if first is None or P.match_text(first[0]) not in words or _is_value(first[1]):
        return None
    block = [lines[0]]
    for line in lines[1:]:
        if furniture(line):
            continue
        if line.is_blank:
            break
        found = _field(line)
        if found is None or _value_word(found[0], ctx) is None:
            break
        block.append(line)
    kinds = [_value_word(f[0], ctx) for ln in block[1:] if (f := _field(ln))]
    return block if "target" in kinds else None


def unread_field(line: Line, ctx: ParseContext) -> bool:
    """A line that prints one field of an indicator (`現状値：2,140人`, `指標：転入者数`) but
    opens or belongs to no block field_block reads: a target or KPI that must not vanish."""
    found = _field(line)
    if found is None or found[1].endswith(("。", ".")) or len(found[1]) > 40:
        return False
    word, text = found
    s = ctx.settings
    if P.match_text(word) in (*s.indicator_words, *s.kpi_words, *s.target_words):
        return not _is_value(text)
    if _value_word(word, ctx) is None:
        return False
    # a figure; a word (増加) only after a value word proper (目標値：), not `目標：地域の活性化`
    key = P.YEAR_ONLY.sub("", P.match_text(word)).strip()
    return _is_value(text) or (key.endswith("値") and _is_word_value(text))


def block_to_indicator(
    block: list[Line], kind: Literal["numeric_target", "kpi"], ctx: ParseContext
) -> None:
    """An indicator from its field lines (field_block): each value read with the year its
    word carries; an 実績 field beside a baseline is the actual."""
    fields = [f for ln in block if (f := _field(ln))]
    values: dict[str, Value] = {}
    named = [_value_word(word, ctx) for word, _ in fields[1:]]
    for (word, text), which in zip(fields[1:], named, strict=True):
        if which == "actual" and "baseline" not in named:
            which = "baseline"  # the only figure before the target is its baseline
        year, label = header_to_year(word)
        values.setdefault(which or "", cell_to_value(text, year, label))
    assert ctx.goal_no is not None
    _add_indicator(
        block,
        kind,
        fields[0][1],
        values.get("baseline", Value()),
        values["target"],
        values.get("actual"),
        ctx,
    )


def _add_indicator(
    lines: list[Line],
    kind: Literal["numeric_target", "kpi"],
    indicator_raw: str,
    baseline: Value,
    target: Value,
    actual: Value | None,
    ctx: ParseContext,
) -> Indicator:
    """An indicator read from `lines` (one line, or a block of field lines), added to the plan
    under the current goal and policy, its lines given the record's role and its checks run."""
    indicator_raw, relisted, flags, footnote_no = indicator_marks(indicator_raw)
    policy_no = ctx.policy_no if kind == "kpi" else None
    record = Indicator(
        source_line=lines[0].no,
        source_page=lines[0].page,
        kind=kind,
        goal_no=ctx.goal_no,
        policy_no=policy_no,
        seq=ctx.next_seq(("indicator", kind, ctx.goal_no, policy_no)),
        indicator=ctx.norm.name(indicator_raw),
        indicator_raw=indicator_raw,
        baseline=baseline,
        target=target,
        actual=actual,
        footnote_no=footnote_no,
        relisted=relisted,
        flags=flags,
    )
    (ctx.plan.kpis if kind == "kpi" else ctx.plan.numeric_targets).append(record)
    for line in lines:
        ctx.role(line, LineRole(kind))
    # (a block's fields stand apart by print, no row joined: its first line is the record's)
    report_indicator(record, 0, lines[:1], ctx)
    return record
