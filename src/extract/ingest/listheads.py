"""The numbers of a web page's headings that its HTML does not print.

LibreOffice's HTML filter writes Word's numbered headings as a plain `<ol>` around the heading
(`<ol start="2"><li><h1>…`, a policy's `<ol><ol><li><h2>`): the label Word prints
(`基本目標%1　`, `（%1）`, `①`) is lost, and the `start` it writes is not always the count (a list
that starts at 3 gets `start="3"` on every item). pandoc's HTML drops the numbers altogether. What
is left to recover them from:

- the count: a list heading continues its level's count and restarts after a heading of a
  higher level, as Word counts an outline list;
- the label: the plan usually prints each heading again with its number in its 体系 table or
  contents (`１．村の振興…`, `①　農業の…`); one heading of a level found so gives that level's
  label form, the count the rest;
- else a label by the heading's rank among the listed levels (`1.`, `(1)`, `①`), so that goals
  and policies are still told apart by their numbering.

A plain heading (pandoc's) takes a label only where the page prints its very title after one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.ingest.blocks import STARTS_WITH_MARK, Block
from extract.ingest.numbers import list_number

MAX_LABEL = 12  # characters of a printed label (`【基本目標１】`)
# A label: a few words, its number, a counter word (`第１章`), the punctuation and space the
# title follows.
_LABEL = re.compile(
    r"(?P<pre>[^\s。、]{0,8}?)(?P<n>[0-9０-９①-⑳Ⅰ-Ⅻ]+|[IVX]+|[アイウエオカキクケコ])"
    r"(?P<post>[章節部編]?[^\s。、\w]{0,2}[）)】」．.：:]?[ \u3000]*)"
)
# Formats a label's number is tried in (a token of the value, the first that is found).
_FORMATS = ("decimalFullWidth", "decimalEnclosedCircle", "upperRoman", "aiueoFullWidth", "decimal")
_ROMAN_WIDE = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
# A title that opens with a number of its own (`基本目標1 …`, `第3章`, `施策２`).
_OWN_NUMBER = re.compile(
    r"^(?:[^\s。、]{0,8}?[0-9０-９①-⑳Ⅰ-Ⅻⅰ-ⅻ⑴-⒇⒈-⒛]"
    r"|[(（](?:[ア-ンｱ-ﾝa-zA-Zａ-ｚＡ-Ｚ]|[一二三四五六七八九十]+)[)）]"  # ((ｱ)農業の…: its brackets close it)
    r"|(?:[ア-ンｱ-ﾝa-zA-Zａ-ｚＡ-Ｚ]|[一二三四五六七八九十]+)[)）．.、]?[ \u3000]"
    # (ａ．水産物の…: a letter and its point glued to a Japanese title)
    r"|(?:[ア-ンｱ-ﾝa-zA-Zａ-ｚＡ-Ｚ]|[一二三四五六七八九十]+)[．.](?=[^\s\x00-\x7f]))"
)


def prints_own_number(text: str) -> bool:
    """Whether a heading opens with a number or a label of its own (`基本目標1 …`, `ア　…`)."""
    return bool(_OWN_NUMBER.match(text.strip(" ")))


_WIDTH = str.maketrans("（）．：　", "().: ")


@dataclass(frozen=True, slots=True)
class ListHead:
    """A heading the page numbers by a list: its level and the value its `<ol>` says (or 0 for a
    plain heading, which is not counted)."""

    level: int
    value: int


@dataclass(frozen=True, slots=True)
class _Form:
    template: str  # the label with `{}` where the number goes
    fmt: str


# By rank among the listed levels when the page prints no label: goals, policies, measures.
_FALLBACK = (
    _Form("{}. ", "decimal"),
    _Form("({}) ", "decimal"),
    _Form("{}", "decimalEnclosedCircle"),
    _Form("{}. ", "upperRoman"),
)


def _shape(form: _Form) -> str:
    """A label form with its number's width and kind left out (`{}．` and `{}.` are one)."""
    return form.template.translate(_WIDTH).strip()


def _number(token: str, fmt: str) -> str:
    if fmt == "romanWide":
        return _ROMAN_WIDE[int(token) - 1] if 0 < int(token) <= len(_ROMAN_WIDE) else token
    return list_number(int(token), fmt)


def _form(label: str, value: int) -> tuple[_Form, bool] | None:
    """The label's form, and whether its number is `value`."""
    m = _LABEL.fullmatch(label)
    if not m or not label.strip() or len(label) > MAX_LABEL:
        return None
    token = m.group("n")
    for fmt in (*_FORMATS, "romanWide"):
        for v in range(1, 21):
            if _number(str(v), fmt) == token:
                template = m.group("pre") + "{}" + m.group("post")
                return _Form(template, fmt), v == value
    return None


def _printed(printed: Sequence[str], title: str) -> list[str]:
    """The labels the page prints before this very title elsewhere."""
    out = []
    for line in printed:
        if line != title and line.endswith(title):
            out.append(line[: -len(title)])
    return out


def number_headings(
    blocks: Sequence[Block], heads: dict[str, ListHead], printed: Sequence[str]
) -> list[Block]:
    """The blocks with each listed heading's label put back before its first line."""
    # the count, as Word's outline list counts: on from the level's last heading, again from
    # the list's start after a heading of a higher level (listed or not)
    values: dict[str, int] = {}
    last: dict[int, int] = {}
    order: list[tuple[str, Block]] = []
    for b in blocks:
        if not b.heading_level or b.address in values:
            continue
        for lv in [lv for lv in last if lv > b.heading_level]:
            del last[lv]
        head = heads.get(b.address)
        if head is None:
            continue
        order.append((b.address, b))
        values[b.address] = 0
        if head.value:
            values[b.address] = last[head.level] + 1 if head.level in last else head.value
            last[head.level] = values[b.address]
    # a label the page prints before the very title elsewhere is the heading's; one of a
    # level whose number is the count gives the level's form
    forms: dict[int, _Form] = {}
    labels: dict[str, str] = {}
    for address, b in order:
        level, value = heads[address].level, values[address]
        printed_labels = [x for x in _printed(printed, b.cells[0]) if _form(x, value)]
        if len(set(printed_labels)) == 1:
            labels[address] = printed_labels[0]
        exact = [f for f, same in (_form(x, value) for x in printed_labels) if same]  # type: ignore[misc]
        if value and exact and level not in forms:
            forms[level] = exact[0]
    plain, ranked = _plain_counts(blocks, heads, labels)
    for address, b in order:
        if address in plain:
            level, value = heads[address].level, plain[address]
            exact = [f for f, same in map(_form_of(value), _printed(printed, b.cells[0])) if same]
            if exact and level not in forms:
                forms[level] = exact[0]
    ranks = sorted({heads[a].level for a, _ in order if values[a] or a in plain})
    shapes = {_shape(f) for f in forms.values()}
    fallbacks = [f for f in _FALLBACK if _shape(f) not in shapes]
    for address, b in order:
        level, value = heads[address].level, values[address] or plain.get(address, 0)
        if not value or address in labels:
            continue
        if not values[address] and level not in forms and level not in ranked:
            continue  # a plain heading's level printed nowhere: no label made up
        if _OWN_NUMBER.match(b.cells[0]):
            continue  # `基本目標1 …` prints a number of its own: none is made up before it
        form = forms.get(level)
        if form is None:
            form = fallbacks[min(ranks.index(level), len(fallbacks) - 1)]
        labels[address] = form.template.format(_number(str(value), form.fmt))
    out: list[Block] = []
    done: set[str] = set()
    for b in blocks:
        label = labels.get(b.address)
        if label and b.address not in done:
            done.add(b.address)
            b = replace(b, cells=(label + b.cells[0],))
        out.append(b)
    return out


def _form_of(value: int):  # noqa: ANN202
    def get(label: str) -> tuple[_Form | None, bool]:
        return _form(label, value) or (None, False)

    return get


def _plain_counts(
    blocks: Sequence[Block], heads: dict[str, ListHead], labels: dict[str, str]
) -> tuple[dict[str, int], set[int]]:
    """Each plain heading's count among its level's headings since the last higher heading,
    for the levels whose every heading is plain (a level Word numbered, pandoc printing none
    of its numbers); and the levels that get a label by their rank where the document prints
    none: two or more headings, none opening with a mark (`■ 取組方針` is a caption), in a
    document whose headings have no number at all or beside a level that prints its own."""
    levels: dict[int, list[Block]] = {}
    seen: set[str] = set()
    for b in blocks:
        if b.heading_level and b.address not in seen:
            seen.add(b.address)
            levels.setdefault(b.heading_level, []).append(b)

    def plain(b: Block) -> bool:
        head = heads.get(b.address)
        return head is not None and head.value == 0

    all_plain = {lv for lv, bs in levels.items() if all(map(plain, bs))}
    counts: dict[str, int] = {}
    last: dict[int, int] = {}
    seen.clear()
    for b in blocks:
        if not b.heading_level or b.address in seen:
            continue
        seen.add(b.address)
        for lv in [lv for lv in last if lv > b.heading_level]:
            del last[lv]
        if b.heading_level in all_plain:
            last[b.heading_level] = last.get(b.heading_level, 0) + 1
            counts[b.address] = last[b.heading_level]
    numberless = all_plain == set(levels) and not labels
    numbered = {
        lv
        for lv, bs in levels.items()
        if any(prints_own_number(b.cells[0]) or b.address in labels for b in bs)
    }
    ranked = {
        lv
        for lv in all_plain
        if len(levels[lv]) >= 2
        and not any(STARTS_WITH_MARK.match(b.cells[0]) for b in levels[lv])
        and (numberless or {lv - 1, lv + 1} & numbered)
    }
    return counts, ranked


def label_plain_headings(blocks: Sequence[Block]) -> list[Block]:
    """Headings printed without a number (pandoc's Markdown of a Word file drops Word's heading
    numbers) with the label the document prints before their very title elsewhere."""
    heads = {
        b.address: ListHead(b.heading_level, 0)
        for b in blocks
        if b.heading_level and b.address and not prints_own_number(b.cells[0])
    }
    if not heads:
        return list(blocks)
    printed = [c.strip(" ") for b in blocks if not b.heading_level for c in b.cells if c.strip()]
    return number_headings(blocks, heads, printed)
