"""The plan's outline: which headings are its goals and which its policies, from numbering.

Plans number their levels with schemes of their own choosing (基本目標Ⅰ > （１） > ①, or
１． > ① > ・, or 第１章 > 施策１) and quote other hierarchies around them (the 総合計画's goals in
the introduction, an overview table, a closing chapter). So the outline is built in three steps:

    lines_to_candidates   single-cell lines that read as headings: a numbering token, or a caption
    candidates_to_tree    nest them by how their schemes nest (a scheme seen before closes the
                          levels opened after it; one met for the first time opens a level)
    tree_to_outline       choose the goals: the series of sibling headings that holds the plan's
                          content (indicator tables, project lists, inline targets) — a series
                          whose word says 基本目標 first; then the policies: the first numbered
                          level below the goals that is not a caption (（１）数値目標 is a caption)

Words are hints, not requirements: a plan headed `１．村の振興の要となる…` is read as well as one
headed `基本目標１`. Everything outside the goals' spans is out of the strategy's scope.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from extract.models import Line
from extract.parse import patterns as P
from extract.parse.indicators import turned_row
from extract.parse.inline import target_alone
from extract.parse.numbering import Numbering, read_numbering
from extract.settings import ParseSettings

# An inline target: a figure on both sides of the arrow, or `指標:新規 → 18.3%`.
_ARROW = re.compile(
    r"[0-9０-９].*[→⇒➡➔▶]\s*.*[0-9０-９]|[:：][^→⇒➡➔▶]*[→⇒➡➔▶]|[→⇒➡➔▶]\s*[0-9０-９]"
)
# An inline target whose figures carry their words, no arrow: `…　現状：420人　目標：500人`.
# (a qualifier may open a value: `現状：約1,200人`)
_LABELLED = re.compile(
    r"[:：]\s*[^:：\s0-9０-９]{0,2}[0-9０-９][^:：]*[:：]\s*[^:：\s0-9０-９]{0,2}[0-9０-９]"
)
# A target caption in brackets, then a name and a value holding a figure (`〈数値目標〉出生数
# ５年間で２５０人`): the caption's one target printed on its line, no heading's title.
_CAPTION_FIGURE = re.compile(
    r"^[【〈＜<［\[《](?P<label>[^】〉＞>］\]》]{1,14})[】〉＞>］\]》]\s*\S+\s+\S*[0-9]\S*$"
)
# `子育て支援の充実（施策１）`: the level's word and number printed after the title, in brackets
_LABEL_AFTER = re.compile(r"[\s　]*[（(]([^（()）]{2,14})[)）]$")
_END_PUNCT = ("。", "．", "！", "？")


class NodeKind(StrEnum):
    GOAL = "goal"
    POLICY = "policy"
    CAPTION = "caption"  # a block label: 【数値目標】, ■成果指標, （１）数値目標
    SECTION = "section"  # a level between goals and policies (節): kept as the policies' path
    HEADING = "heading"  # any other heading
    END = "end"  # a heading that closes the strategy (a later chapter)


@dataclass
class Node:
    index: int  # position in the document's lines
    line: Line
    numbering: Numbering | None
    title: str
    caption: bool  # titled by a section word
    marked: bool = False  # printed as a heading (markup, font size, ■ or 【】), not only numbered
    depth: int = 0
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    end: int = 0  # index after the last line of its span
    content: int = 0  # content lines in its span
    kind: NodeKind = NodeKind.HEADING
    ordinal: int = 0  # a policy's number within its goal (printed, or counted under sections)
    sections: list[Node] = field(default_factory=list)  # a policy's 節 headings, outermost first

    @property
    def scheme(self) -> str:
        return self.numbering.scheme if self.numbering else ""

    @property
    def number(self) -> int:
        return self.numbering.number if self.numbering else 0

    @property
    def token(self) -> str:
        return self.numbering.token if self.numbering else ""


@dataclass
class Outline:
    nodes: list[Node]
    goals: list[Node]
    policies: list[Node]
    by_line: dict[int, Node]
    # Index range of the strategy: before `start` and from `stop` on, nothing is a record.
    start: int = 0
    stop: int = 0
    content: int = 0  # content lines found in the whole document (the first look)
    # A heading printed again right below itself: its line → the first copy's line.
    repeats: dict[int, int] = field(default_factory=dict)
    # Lines numbered like headings that are the items of a list under a project caption.
    items: dict[int, str] = field(default_factory=dict)
    # Running heads a text rendering kept at page breaks: line numbers.
    running: set[int] = field(default_factory=set)
    # Goals named only in an overview table: the line of each one's first policy → the goal.
    goal_at: dict[int, Node] = field(default_factory=dict)
    goal_column: str = ""  # that table's header word over the goals (基本目標, 分野別目標)

    def node(self, line: Line) -> Node | None:
        return self.by_line.get(line.no)


# --- words --------------------------------------------------------------------------------------


def numbering_words(s: ParseSettings) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*s.goal_words, *s.policy_words)))


def caption_words(s: ParseSettings) -> tuple[str, ...]:
    return (
        *s.target_words,
        *s.kpi_words,
        *s.project_words,
        *s.direction_words,
        *s.department_words,
        *s.prose_words,
        *s.policy_words,
    )


def is_caption_title(title: str, s: ParseSettings) -> bool:
    """`数値目標`, `具体的な施策と重要業績評価指標（KPI）`, `現状と課題`: a block label, not a
    policy. A title that merely contains a word (施策の推進) is not."""
    key = P.caption_key(title)
    if not key:
        return True
    for word in caption_words(s):
        if key == word or (key.startswith(word) and len(key) <= len(word) + 14):
            return True
    # (`所管課の略称`: a legend's caption names what it lists last)
    if len(key) <= 12 and key.endswith(tuple(s.department_words)):
        return True
    # `〇重点目標１の数値目標`: a heading's own caption, however marked
    own = P.OWN_CAPTION.match(key)
    return bool(own and own["rest"] and is_caption_title(own["rest"], s))


# --- step 1: candidates -------------------------------------------------------------------------


def line_to_candidate(index: int, line: Line, s: ParseSettings, apart: bool = False) -> Node | None:
    """`apart`: the lines around it are no table's rows (a number and a title in two cells there
    are a heading whose number a tab stop set apart: `１\t地域の産業を…`)."""
    cells = [c.strip() for c in line.cells]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) == 2 and (
        _bare_label(cells[0], s) or apart and len(line.cells) == 2 and _bare_number(cells, s)
    ):
        # `基本目標２   安心して…`: a text laid out with spaces parts a label from its title
        cells = [f"{cells[0]} {cells[1]}"]
    if len(cells) != 1:
        return None  # a table row (a leading empty cell too: `\t取組方針2 …` continues a table)
    raw = cells[0]
    if P.FOOTNOTE.match(raw) or P.PAGE_NUMBER.match(raw):
        return None
    if P.BULLET.match(raw) and not (
        # `◆主な事業`: a caption marked like a bullet (short: its words alone, a bracket after
        # them aside — `◆重要業績評価指標（ＫＰＩ）`)
        (
            len(_LABEL_AFTER.sub("", P.match_text(raw))) <= 12
            and is_caption_title(P.BULLET.sub("", raw), s)
        )
        or _worded_heading(P.BULLET.sub("", raw), s)
    ):
        return None
    if P.department_line(raw, s.department_column_words) is not None:
        return None  # `【担当】企画課`: a project's departments, no heading
    if P.RELISTED_FIRST.match(raw):
        return None  # `【再掲】観光プロモーション事業（…）`: a list's item listed again
    plain = P.strip_markup(raw)
    if not plain or plain.endswith(_END_PUNCT) or P.TOC_ENTRY.search(P.match_text(plain)):
        return None
    if stain(line):
        return None  # (as tall as a heading)
    if len(P.match_text(plain)) > s.max_heading_chars or _ARROW.search(plain):
        return None
    if _LABELLED.search(plain):
        return None  # `【数値目標】転入者数　現状：1,873人　目標：2,000人`: a target, no heading
    figure = _CAPTION_FIGURE.match(P.match_text(plain))
    if figure and P.caption_key(figure["label"]) in (*s.target_words, *s.kpi_words):
        return None  # `〈数値目標〉出生数　５年間で２５０人`: a caption's one target on its line
    if target_alone(P.BULLET.sub("", P.match_text(plain))) is not None:
        return None  # `■出生数　５年間で６０人`: a target over a period, marked like a heading
    # An indented number is a list inside prose (the 総合計画's goals quoted in the introduction).
    if P.indent(P.HTML_TAG.sub("", line.text)) >= 2 and not line.heading_level:
        return None
    marked = bool(line.heading_level) or raw.lstrip().startswith(
        ("■", "□", "◆", "◇", "●", "◎", "▼", "【", "［", "[", "＜", "<", "〈", "<b>", "#")
    )
    numbering = read_numbering(plain, numbering_words(s), printed_heading=bool(line.heading_level))
    if numbering is not None and not numbering.word and P.BULLET.match(numbering.title):
        return None  # `2 -・求職…`: a list's item, a speck before it read as a number
    if numbering is not None and not numbering.word and target_alone(numbering.title):
        return None  # `①出生数　５年間で６０人`: a list's target over a period, no heading
    if numbering is not None and not numbering.word and _project_item(numbering.title):
        return None  # `①新規就農者研修支援事業（農林課）`: a list's item, no heading
    if numbering is not None:
        title = without_label_after(numbering.title, s)
        # `基本目標１` alone: its title is printed on the next line (a label box beside it)
        caption = is_caption_title(title, s) if title else not numbering.word
        return Node(index, line, numbering, title, caption, marked)
    caption = is_caption_title(plain, s)
    if marked and not caption and P.ENDS_WITH_DEPARTMENT.search(P.match_text(plain)):
        return None  # `▼新規就農者支援事業（担当：産業振興課）`: a list's item
    if marked or caption:
        return Node(index, line, None, plain, caption, marked)
    return None


def without_label_after(title: str, s: ParseSettings) -> str:
    """The title without a label printed after it (`１　子育て支援の充実（施策１）`: the word and
    number the plan's system gives the heading, set after its title instead of before it)."""
    m = _LABEL_AFTER.search(title)
    if m is None or m.start() == 0:
        return title
    label = read_numbering(m.group(1), numbering_words(s))
    return title[: m.start()] if label is not None and label.word and not label.title else title


def _project_item(title: str) -> bool:
    """A title that names a project with its departments after it (`…推進事業（農林課）`): what a
    list prints, never a heading."""
    text = P.match_text(title)
    m = P.ENDS_WITH_DEPARTMENT.search(text)
    return m is not None and text[: m.start()].rstrip().endswith(("事業", "プロジェクト"))


def stain(line: Line) -> bool:
    """A speck or a stain OCR read as a character or two at low confidence, or as marks alone
    (a rule's stub read as |)."""
    if line.confidence is None:
        return False
    text = line.text.strip()
    return (
        (line.confidence < 50 and len(text) <= 2)
        or (len(text) <= 3 and not _WORD_CHAR.search(text))
        or (len(text) == 1 and text.isascii())  # (a Latin letter alone: i, l)
    )


def smudge(line: Line) -> bool:
    """A stain, or a line OCR read at hardly any confidence (`デーデーHE指4ec =` at 17): no
    heading's wrapped rest."""
    return line.confidence is not None and (line.confidence < SMUDGE_CONFIDENCE or stain(line))


SMUDGE_CONFIDENCE = 30.0


_WORD_CHAR = re.compile(r"[0-9A-Za-z\u3040-\u30ff\u4e00-\u9fff０-９Ａ-Ｚａ-ｚ]")


def _worded_heading(text: str, s: ParseSettings) -> bool:
    """`◆施策１-１　農林業の担い手づくり`: a heading marked like a bullet — a level's word that
    the settings name, its number and a title (a list's item carries no such word)."""
    numbering = read_numbering(P.strip_markup(text), numbering_words(s))
    return bool(numbering and numbering.title and numbering.word in numbering_words(s))


def _bare_label(cell: str, s: ParseSettings) -> bool:
    """A numbering word and its number alone (`取組方針１`), or a bracketed number alone
    (`（１）`, `①`), nothing after."""
    numbering = read_numbering(P.strip_markup(cell), numbering_words(s))
    if numbering is None or numbering.title:
        return False
    return bool(numbering.word) or numbering.scheme.startswith(("(n)", "circled"))


def _bare_number(cells: list[str], s: ParseSettings) -> bool:
    """A number alone (`１`, `Ⅰ`, `1.`, `第1`, `1-1`) before a title that no value or sentence is."""
    title = cells[1]
    numbering = read_numbering(P.strip_markup(f"{cells[0]} {title}"), numbering_words(s))
    return (
        numbering is not None
        and not numbering.word
        and numbering.title.strip() == P.strip_markup(title).strip()
        and 2 <= len(title) <= s.max_heading_chars
        and not title.endswith(_END_PUNCT)
        and not P.looks_like_content(title)
        and not P.ENDS_WITH_DEPARTMENT.search(P.match_text(title))  # (a project's row)
        and read_numbering(P.strip_markup(title), numbering_words(s)) is None
    )


def _apart(lines: Sequence[Line]) -> list[bool]:
    """Per line: whether the nearest lines above and below (not blank) are rows of another width
    than its own (a list of two columns, `１ | Ａ事業`, is no heading's; nor a table's row whose
    number is printed on the first row of its group only)."""
    filled = [i for i, line in enumerate(lines) if not line.is_blank]
    out = [False] * len(lines)
    for j, i in enumerate(filled):
        near = [filled[j - 1]] if j else []
        near += [filled[j + 1]] if j + 1 < len(filled) else []
        # (a note under a table, `＊1<tab>…` as a tab stop sets its mark apart, is no row)
        near = [k for k in near if not P.FOOTNOTE.match(" ".join(lines[k].cells).strip())]
        # (a row of the same width that holds figures where this one holds words only is a
        # table's of another kind: `Ⅰ-(1)<tab>title` under `指標 | 目標` rows of values)
        out[i] = all(
            len(lines[k].cells) != len(lines[i].cells)
            or (_holds_figure(lines[k]) and not _holds_figure(lines[i]))
            for k in near
        )
    return out


def _holds_figure(line: Line) -> bool:
    """A row with a figure in a cell after its first (a value, not a title's words)."""
    return any(P.VALUE.match(P.match_text(c).strip()) for c in line.cells[1:])


def lines_to_candidates(lines: Sequence[Line], s: ParseSettings) -> list[Node]:
    apart = _apart(lines)
    out = [
        n
        for i, line in enumerate(lines)
        if (n := line_to_candidate(i, line, s, apart[i])) is not None
    ]
    at = {n.index for n in out}
    for n in out:
        # `（１）` alone, its title on the next line (a number set in a box beside the title)
        if n.numbering is not None and not n.title and n.caption:
            n.caption = not _title_follows(lines, n.index, at, s)
    return out


def _title_follows(lines: Sequence[Line], index: int, at: set[int], s: ParseSettings) -> bool:
    nxt = next(
        (i for i in range(index + 1, len(lines)) if not lines[i].is_blank and not stain(lines[i])),
        None,
    )  # (a speck read between the number and its title: `1-2-1`, `i`, `創業と…`)
    if nxt is None or nxt in at:
        return False
    cells = [c.strip() for c in lines[nxt].cells if c.strip()]
    if len(cells) != 1 or P.LIST_ITEM.match(cells[0]) or P.FOOTNOTE.match(cells[0]):
        return False
    text = P.strip_markup(cells[0])
    return (
        0 < len(P.match_text(text)) <= s.max_heading_chars
        and not text.endswith(_END_PUNCT)
        and not P.looks_like_content(text)
    )


def candidates_to_items(
    candidates: list[Node], lines: Sequence[Line], s: ParseSettings, furniture: Collection[int] = ()
) -> tuple[list[Node], dict[int, str]]:
    """A list numbered ①②③ (or （１）（２）, ア イ, or marked ■ like captions) right under a
    project caption is the list's
    items, not headings: its first line follows the caption, its numbers run on from 1, and only
    an item's own lines (a description, a `担当課：` line) sit between two items — no table, no
    caption. The items leave the outline: their line numbers are returned, with each item's text
    after its number."""
    items: dict[int, str] = {}
    drop: set[int] = set()
    by_index = {n.index: n for n in candidates}
    for cap in candidates:
        key = P.caption_key(cap.title)
        if not (cap.caption and any(w in key for w in s.project_words) and len(key) <= 24):
            continue
        run: list[Node] = []
        mark, members, last = "", 0, cap.index  # a marked list: its mark, its lines, the last
        closed = True  # the run ends at a heading, a caption or the end, not at other lines
        i = cap.index + 1
        while i < len(lines):
            line = lines[i]
            if (
                line.is_blank
                or i in furniture
                or P.PAGE_NUMBER.match(line.text.strip())
                or stain(line)
            ):
                i += 1  # (a page break inside the list, a stain on a scan)
                last += 1 if members else 0
                continue
            node = by_index.get(i)
            one_cell = len([c for c in line.cells if c.strip()]) == 1
            if node is None and one_cell and (item := _sentence_item(i, line, s)) is not None:
                node = item  # `①創業支援事業：…を行います。`: an item that is no heading
            own = _item_mark(node) if node is not None else _line_mark(line) if one_cell else ""
            if own and (mark or not run):
                if mark and own != mark:
                    break
                # `■Ａ事業` `■Ｂ事業【企画】`: a list marked like captions (the item that ends
                # in its departments is no candidate, but is the list's)
                mark, members, last = own, members + 1, i
                if node is not None:
                    run.append(node)
            elif node is not None:
                expected = run[-1].number + 1 if run else 1
                if mark or node.numbering is None or node.caption or node.marked:
                    break  # a caption (or a labelled heading: 基本施策１) is no item
                if node.numbering.word:
                    break
                if run and node.scheme != run[0].scheme:
                    break
                if node.number != expected:
                    break
                run.append(node)
                members, last = members + 1, i
            elif not members or not one_cell:
                closed = False
                break  # a table or prose right under the caption: not a numbered list
            elif P.LIST_ITEM.match(line.text):
                run = []
                break  # `1-1-1 …` over ▶ bullets: headings of lists, not items
            elif i - last > 3:
                closed = False
                break  # an item's own lines are few
            i += 1
        # one item alone only where a heading or caption follows its own lines (a marked one
        # never: `■Ａ事業` alone under the caption is as likely a heading)
        if members >= 2 or (run and not mark and closed and i - last <= 3):
            drop.update(n.index for n in run)
            items.update((n.line.no, n.title) for n in run)
    return [n for n in candidates if n.index not in drop], items


def candidates_to_table_lists(
    candidates: list[Node], lines: Sequence[Line], s: ParseSettings, furniture: Collection[int] = ()
) -> tuple[list[Node], dict[int, str]]:
    """A list with no caption right under a table, numbered again from 1 in the scheme of the
    heading it sits under (`①　地元企業の成長支援` > its KPI table > `①　…事業（…）`, `所管：…`,
    `②　…`): a level below that heading, not its next siblings — the items of the heading's
    list (its projects). Only an item's own lines (one cell, at most two) follow each item; a
    member followed by prose and a table heads them, and is the next heading, not an item.
    Numbered in a scheme of its own (（１） policies > ① items, as Word numbers them), every item
    must print its departments on a line of its own (`所管：…`) to be one."""
    items: dict[int, str] = {}
    drop: set[int] = set()
    by_index = {n.index: n for n in candidates}

    def skipped(i: int) -> bool:
        line = lines[i]
        return line.is_blank or i in furniture or bool(P.PAGE_NUMBER.match(line.text.strip()))

    kept: list[Node] = []  # the candidates that stay headings so far
    for n in candidates:
        if n.index in drop:
            continue  # (a later member of a list found)
        prev = kept[-1] if kept else None
        kept.append(n)
        if (
            prev is None
            or n.numbering is None
            or n.numbering.word
            or n.caption
            or n.marked
            or n.number != 1
        ):
            continue
        above = next((i for i in range(n.index - 1, prev.index, -1) if not skipped(i)), None)
        if above is None or len([c for c in lines[above].cells if c.strip()]) < 2:
            continue  # (not right under a table row)
        words = s.department_column_words
        run, own, i, dept = [n], 0, n.index + 1, 0
        while i < len(lines):
            if skipped(i):
                i += 1
                continue
            node = by_index.get(i)
            if node is not None:
                same = node.scheme == n.scheme and not (node.caption or node.marked)
                if not (same and node.number == run[-1].number + 1):
                    break  # another heading ends the list
                run.append(node)
                own = 0
            elif len([c for c in lines[i].cells if c.strip()]) != 1 or own >= 2:
                run.pop()  # a table or prose under the last member: it heads them
                break
            else:
                own += 1
                dept += P.department_line(lines[i].text, words) is not None
            i += 1
        if run and prev.scheme != n.scheme and dept < len(run):
            continue  # (a list of another scheme: sub-headings, unless each names departments)
        if run:
            drop.update(m.index for m in run)
            items.update((m.line.no, m.title) for m in run)
            kept.pop()  # (n, the list's first item)
    return [n for n in candidates if n.index not in drop], items


def _sentence_item(index: int, line: Line, s: ParseSettings) -> Node | None:
    """A numbered line that is no heading candidate (it ends a sentence, or runs long) but may
    be a numbered list's item: a number with no word (①, （１）, ア) and a text."""
    numbering = read_numbering(P.strip_markup(line.text), numbering_words(s))
    if numbering is None or numbering.word or not numbering.title:
        return None
    return Node(index, line, numbering, numbering.title, False)


_ITEM_MARKS = "■□◎◆◇●"


def _item_mark(node: Node) -> str:
    """The mark of an unnumbered line marked like a caption (■ □ ◎) that names no section."""
    return "" if node.numbering is not None or node.caption else _line_mark(node.line)


def _line_mark(line: Line) -> str:
    text = line.text.lstrip(" 　\t")
    return text[0] if text[:1] in tuple(_ITEM_MARKS) else ""


# --- step 2: the tree ---------------------------------------------------------------------------

_CHAPTER_RANK = {"部": 0, "編": 1, "章": 2, "節": 3, "": 4, "項": 5, "款": 6, "条": 7}


def _rank(node: Node) -> int | None:
    """Schemes that say their level outright: 第N部 > 第N章 > 第N節."""
    if node.scheme.startswith("第:"):
        return _CHAPTER_RANK.get(node.scheme[2:], 4)
    return None


def candidates_to_tree(candidates: list[Node], total: int) -> list[Node]:
    """Nest the numbered candidates; unnumbered ones become leaves of the open heading."""
    roots: list[Node] = []
    stack: list[Node] = []  # the open numbered headings, outermost first

    def attach(node: Node, parent: Node | None) -> None:
        node.parent = parent
        node.depth = parent.depth + 1 if parent else 0
        (parent.children if parent else roots).append(node)

    seen: set[str] = set()  # label words met so far
    # A labelled scheme's parent's scheme where it was first met (施策 under Ⅰ): the place of
    # `施策５` again under Ⅱ when a heading no series continues (a misread line) opened between
    parent_of: dict[str, str] = {}
    for node in candidates:
        if node.numbering is None:
            attach(node, stack[-1] if stack else None)
            continue
        kin = _kin_level(stack, node, seen)
        seen.add(node.numbering.word)
        same = [i for i, open_ in enumerate(stack) if open_.scheme == node.scheme]
        if same and node.caption and not any(stack[i].caption for i in same):
            # `（１）基本的な方向` under `基本目標１` (or `Ⅰ`) while an introduction's
            # `（３）基本目標ごとの施策` is open: a caption under a heading opened since is a
            # level below that heading, not the introduction's sibling.
            if any(not o.caption for o in stack[same[-1] + 1 :]):
                same = []
        if (
            same
            and node.number == 1
            and not node.numbering.word  # (基本目標１ again is a goal printed twice)
            and not any(stack[i].number + 1 == node.number for i in same)
        ):
            # `１　…` again under `Ⅰ　…` opened since the introduction's `１　…` `２　…`: a
            # series restarting at 1 below a heading of another scheme is that heading's
            # children, not the introduction's sibling
            if any(o.numbering is not None and not o.caption for o in stack[same[-1] + 1 :]):
                same = []
        rank = _rank(node)
        former = parent_of.get(node.scheme) if node.numbering.word else None
        below = [i for i, o in enumerate(stack) if o.scheme == former] if former else []
        if not same and kin is not None:
            # `横断的目標１` after `基本目標３`'s policies: a level of its own word's kind
            # (both goals), a sibling of that heading, not nested in its last policy
            del stack[kin:]
        elif (
            not same
            and below
            and node.number > 1
            # (not past a 第N節 opened since: a level the heading's rank places between)
            and not any(_rank(o) is not None for o in stack[below[-1] + 1 :])
        ):
            del stack[below[-1] + 1 :]
        elif same:
            # Continue the deepest open series it continues; a restart at 1 (or a gap) starts
            # the series again at that level.
            level = next(
                (i for i in reversed(same) if stack[i].number + 1 == node.number), same[-1]
            )
            del stack[level:]
        elif rank is not None:
            # 第N章 closes whatever lower levels are open, and sits under a higher 第N部; a
            # 第N節 sits in a heading of another kind open above it (分野別目標一 > 第１節 >
            # 施策項目(ア); 一 > 第１節, 第１ > 第１節: a goal with no label or unit).
            while stack and not ((r := _rank(stack[-1])) is not None and r < rank):
                top = stack[-1]
                if rank >= _CHAPTER_RANK["節"] and (r is None or top.scheme == "第:"):
                    break
                stack.pop()
        attach(node, stack[-1] if stack else None)
        if node.numbering.word and stack:
            parent_of.setdefault(node.scheme, stack[-1].scheme)
        stack.append(node)
    _spans(roots, total)
    return roots


def _kin(a: str, b: str) -> bool:
    """Two label words of one kind: different words with one head noun (基本目標 or 目標 and
    横断的目標, 横断的な目標), which real plans give to goals of one rank."""
    return a != b and min(len(a), len(b)) >= 2 and max(len(a), len(b)) >= 3 and a[-2:] == b[-2:]


def _kin_level(stack: list[Node], node: Node, seen: set[str]) -> int | None:
    """The place in the open headings of a labelled heading of another word of the same kind
    whose series is numbered past 1 and holds numbered headings of its own already: the first
    of a word never met before, after the last of them (横断的目標１ after 基本目標３'s
    policies; not 取組方針１, the first heading under 基本方針２, met under 基本方針１ too)."""
    numbering = node.numbering
    if numbering is None or not numbering.word or numbering.number != 1:
        return None
    if numbering.parent_number is not None or numbering.word in seen:
        return None  # `具体的施策2-1` names its parent (基本施策２): a level below it
    return next(
        (
            i
            for i, o in enumerate(stack)
            if o.numbering is not None
            and o.number > 1
            and not o.caption
            and _kin(o.numbering.word, numbering.word)
            and any(c.numbering is not None and not c.caption for c in o.children)
        ),
        None,
    )


def _spans(roots: list[Node], total: int) -> None:
    """Each numbered heading's span runs to the next numbered heading that is not inside it."""

    def walk(nodes: list[Node], end: int) -> None:
        numbered = [n for n in nodes if n.numbering is not None]
        for i, n in enumerate(numbered):
            n.end = numbered[i + 1].index if i + 1 < len(numbered) else end
            walk(n.children, n.end)
        for n in nodes:
            if n.numbering is None:
                n.end = n.index + 1

    walk(roots, total)


def walk(nodes: list[Node]) -> list[Node]:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(walk(n.children))
    return out


# --- step 3: goals and policies -----------------------------------------------------------------


def content_lines(
    lines: Sequence[Line],
    s: ParseSettings,
    items: dict[int, str] | None = None,
    headings: set[int] | None = None,
) -> list[bool]:
    """Which lines are plan content: rows of indicator and project tables, inline targets
    (`…４０人（2014年度）→４５人（2019年度）`), bullets under a project caption. A cheap first
    look, only to tell the plan's own hierarchy from the headings around it. A heading set in
    two cells (`1-(1)<tab>title`, its number set apart by a tab) ends a table, no row of it."""
    out = [False] * len(lines)
    in_table = in_list = False
    turned_above: int | None = None  # the row above, where it is a turned table's
    for i, line in enumerate(lines):
        cells = [c for c in (c.strip() for c in line.cells) if c]
        if not cells:
            continue
        if len(cells) >= 2 and i in (headings or set()):
            in_table = in_list = False
            continue
        if len(cells) >= 2:
            keys = [P.match_text(c).replace(" ", "") for c in cells]
            # a baseline word (or 直近値, the baseline where it is the only figure before the
            # target), or a column that names only a year (`R5 | R10（目標）`)
            before = any(w in k for k in keys for w in (*s.baseline_words, *s.actual_words)) or any(
                P.ERA_YEAR.fullmatch(k.removesuffix("末"))
                for k in keys  # (`R5年度末` too)
            )
            # (or the years alone that set a value for each year, the last the target)
            years = sum(bool(P.ERA_YEAR.fullmatch(k)) for k in keys[1:])
            header = before and (
                any(w in k for k in keys for w in s.target_value_words) or years >= 3
            )
            # (or headed by the list's caption: `主な事業 | 担当部局`)
            projects = any(k.startswith(s.project_name_words) for k in keys) or (
                keys[0] in s.project_words
                and any(w in k for k in keys[1:] for w in s.department_column_words)
            )
            if header or projects:
                in_table = True
                continue
            number = read_numbering(cells[0])
            if in_list and number is not None and not number.title and not number.word:
                out[i] = True  # `(1)<tab>名【課】`: a list's item, its number set apart by a tab
                continue
            # (a table printed turned: two rows or more led by a value's word or year, each
            # holding figures, `基準値（R5） | 3,420人` over `目標値（R11） | 3,500人`)
            turned = turned_row(cells, s)
            if turned and turned_above is not None:
                out[turned_above] = True
                out[i] = True
            turned_above = i if turned else None
            out[i] = out[i] or in_table
            continue
        turned_above = None
        text = cells[0]
        if _ARROW.search(text) or _target_field(text, s):
            out[i] = True
            continue
        in_table = False
        key = P.caption_key(text)
        # (`◆主な取組`: a list's caption marked as its items are, no item of a list before it)
        caption = any(key.startswith(w) for w in s.project_words) and len(key) <= 24
        if (P.LIST_ITEM.match(text) or line.no in (items or {})) and not caption:
            out[i] = in_list
            continue
        if any(w in key for w in s.project_words) and len(key) <= 24:
            in_list = True
        elif line_to_candidate(i, line, s) is not None:
            in_list = False
    return out


_FIELD_WORD = re.compile(r"^\s*(\S{1,14}?)\s*[:：]\s*\S")


def _target_field(text: str, s: ParseSettings) -> bool:
    """`目標値：2,400人（R11）`, `目標値（R11）：年8人`: a target printed as a field of its own."""
    m = _FIELD_WORD.match(P.match_text(text))
    return m is not None and P.YEAR_ONLY.sub("", m.group(1)) in s.target_value_words


def _count(nodes: list[Node], flags: list[bool]) -> None:
    for n in walk(nodes):
        n.content = sum(flags[n.index : n.end]) if n.numbering is not None else 0


def _series(roots: list[Node], s: ParseSettings) -> list[list[Node]]:
    """Runs of sibling headings of one scheme, numbered upward: the candidates for the goals (a
    document's own chapters, 人口ビジョン or 総合戦略, are not). Numbering that starts again opens a
    new run: an overview that lists 基本目標1–4 before the goals themselves is a run of its own."""
    groups: dict[tuple[int, str], list[list[Node]]] = {}
    for n in walk(roots):
        key = P.caption_key(n.title)
        if any(w in key for w in s.chapter_words) and not (n.numbering and n.numbering.word):
            continue
        if n.numbering is not None and not n.caption:
            parent = n.parent.index if n.parent else -1
            runs = groups.setdefault((parent, n.scheme), [])
            # a second 1 right after the first is a heading printed twice, not a new list
            if runs and (runs[-1][-1].number < n.number or len(runs[-1]) == 1):
                runs[-1].append(n)
            else:
                runs.append([n])
    return [run for runs in groups.values() for run in runs]


def _with_content(series: list[Node]) -> int:
    return sum(1 for n in series if n.content)


def _at_level(node: Node, level: str) -> bool:
    """Whether a heading is of the level a setting names: its word, or its scheme."""
    return node.numbering is not None and level in (node.numbering.word, node.scheme)


def choose_goals(roots: list[Node], s: ParseSettings) -> list[Node]:
    if s.goal_level:
        # every heading of the named level, wherever it sits; counted when numbers repeat
        named = [n for n in walk(roots) if _at_level(n, s.goal_level)]
        counted = len({n.number for n in named}) < len(named)
        for i, n in enumerate(named, start=1):
            n.ordinal = i if counted else n.number
        return named
    goals, loose = _choose_goals(roots, s)
    goals = goals if loose else _trim(goals)
    for n in goals:
        n.ordinal = n.number
    return goals + _kin_goals(goals)


def _kin_goals(goals: list[Node]) -> list[Node]:
    """Goals of another word of the same kind printed after the goals, at their level
    (`横断的目標１` after `基本目標１`–`３`, its own targets and policies): goals too, counted on
    from the last (横断的目標１ is goal 4)."""
    if not goals or goals[-1].numbering is None:
        return []
    last = goals[-1]
    siblings = last.parent.children if last.parent else []
    after = [n for n in siblings if n.index > last.index and n.numbering is not None]
    out: list[Node] = []
    for n in after:
        if (
            n.caption
            or not n.numbering
            or n.numbering.parent_number is not None
            or not _kin(last.numbering.word, n.numbering.word)
        ):
            break
        if not n.content:
            break
        n.ordinal = last.ordinal + len(out) + 1
        out.append(n)
    return out


def _trim(series: list[Node]) -> list[Node]:
    """Chapters before the first goal that holds content, and after the last, are the
    document's own (第２章　重点戦略 over 第３章–第６章 goals), not goals."""
    held = [i for i, n in enumerate(series) if n.content]
    return series[held[0] : held[-1] + 1] if held else series


def _choose_goals(roots: list[Node], s: ParseSettings) -> tuple[list[Node], bool]:
    """The goals' series, and whether it was taken without its content (not to be trimmed)."""
    series = _series(roots, s)
    total = sum(n.content for n in roots if n.numbering is not None) or 1
    # (not `基本目標1-(1)`: a goal's word over a number that names its parent — the level below)
    named = [
        g
        for g in series
        if any(n.numbering and n.numbering.word in s.goal_words for n in g)
        and not all(n.numbering and n.numbering.parent_number is not None for n in g)
    ]
    # a series the word names, two of whose headings hold content, or a goal alone (not an
    # introduction's quoted 基本目標1–5 whose last holds the whole plan when a PDF drops their
    # indent)
    hinted = [g for g in named if _with_content(g) >= min(2, len(g))]
    if hinted:
        # the series whose headings each hold content (not one that holds them all in its last)
        return max(
            hinted, key=lambda g: (_with_content(g), sum(n.content for n in g), -g[0].index)
        ), False
    # The shallowest series that holds most of the content in two or more of its headings …
    eligible = [
        g for g in series if _with_content(g) >= 2 and sum(n.content for n in g) >= 0.6 * total
    ]
    if not eligible:
        # goals the word names whose tables OCR left unread but one's (a header row misread):
        # still the goals, not the chapter around them — unless the content is all in the
        # last, as above
        loose = [g for g in named if len(g) >= 2 and any(n.content for n in g[:-1])]
        if loose:
            return max(loose, key=lambda g: (sum(n.content for n in g), -g[0].index)), True
        single = [g for g in series if _with_content(g)]
        return (
            min(single, key=lambda g: (-sum(n.content for n in g), g[0].depth))[:1]
            if single
            else []
        ), False
    chosen = min(eligible, key=lambda g: (g[0].depth, g[0].index))
    if (lone := _lone_goal_over(chosen, roots)) is not None:
        return [lone], False
    # … unless one of its headings holds nearly all of it and opens a series of its own there
    # (a 総合戦略 chapter beside a 人口ビジョン chapter).
    while True:
        big = max(chosen, key=lambda n: n.content)
        inner = [
            g
            for g in series
            if _inside(g[0], big)
            and _with_content(g) >= 2
            and sum(n.content for n in g) >= 0.6 * big.content
        ]
        # Chapters (第N章, 第N部) are containers to look into when one holds most of the content,
        # or the only numbered headings that hold any (the others' content loose, no heading
        # over it: a リーディングプロジェクト chapter's lists beside the goals' chapter); other
        # headings only when one holds nearly all of it (a goal that holds most is a goal).
        chapters = chosen[0].scheme.startswith("第:")
        share = 0.8 if chapters else 0.9
        alone = chapters and not any(
            _inside(g[0], n) and _with_content(g) for n in chosen if n is not big for g in series
        )
        if not inner or (big.content < share * sum(n.content for n in chosen) and not alone):
            return chosen, False
        chosen = min(inner, key=lambda g: (g[0].depth, g[0].index))


def _lone_goal_over(chosen: list[Node], roots: list[Node]) -> Node | None:
    """A heading a word labels with the number 1 (`重点分野１`), alone of its scheme among its
    siblings, over the whole series chosen: a plan of one goal, the series its policies (as a
    lone `基本目標１` is one goal by its word) — not a chapter (`第２章`), which holds goals."""
    up = chosen[0].parent
    if (
        up is None
        or up.numbering is None
        or not up.numbering.word
        or up.numbering.parent_number is not None
        or up.scheme.startswith("第:")
        or up.number != 1
        or any(n.parent is not up for n in chosen)
    ):
        return None
    siblings = up.parent.children if up.parent else roots
    return None if any(n is not up and n.scheme == up.scheme for n in siblings) else up


def _inside(node: Node, ancestor: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


def _first_numbered_below(node: Node) -> list[Node]:
    """The first numbered level under a heading, looking through caption headings."""
    out = []
    for child in node.children:
        if child.numbering is None:
            continue
        if child.caption:
            out.extend(_first_numbered_below(child))
        else:
            out.append(child)
    return out


def _is_section(node: Node) -> bool:
    """A 節: numbered headings below it hold all of its content, none sits in it directly."""
    below = _first_numbered_below(node)
    return bool(below) and node.content == sum(n.content for n in below)


def _shared_by_last(nodes: list[Node]) -> bool:
    """Whether each run of numbered headings below these holds content under its last heading
    only (`重点施策1-1` > `1-1-1` `1-1-2`, then the tables): the tables follow a run of sub-items
    and are their parent's, so the parent is the level that holds them."""
    runs = [run for run in (_first_numbered_below(n) for n in nodes) if len(run) >= 2]
    return bool(runs) and all(not any(c.content for c in run[:-1]) for run in runs)


def choose_policies(goals: list[Node], s: ParseSettings) -> list[Node]:
    if s.policy_level:
        named = [n for g in goals for n in walk(g.children) if _at_level(n, s.policy_level)]
        for n in named:
            parent = n.parent
            while parent is not None and parent not in goals:
                if parent.numbering is not None and not parent.caption:
                    parent.kind = NodeKind.SECTION
                parent = parent.parent
        _number_policies(goals, named)
        return named
    below = {id(g): _first_numbered_below(g) for g in goals}
    # Look through levels in between (a 総合計画's 節 `1-1` over its 施策 `1-1-1`): the policies
    # are the level whose headings hold the tables and lists themselves.
    for _ in range(3):
        holding = [n for nodes in below.values() for n in nodes if n.content]
        if not holding or not all(_is_section(n) for n in holding) or _shared_by_last(holding):
            break
        for n in (n for nodes in below.values() for n in nodes):
            n.kind = NodeKind.SECTION
        below = {
            gid: [c for n in nodes for c in (_first_numbered_below(n) or [n])]
            for gid, nodes in below.items()
        }
    schemes: Counter[str] = Counter()
    for nodes in below.values():
        for scheme in dict.fromkeys(n.scheme for n in nodes):  # in document order: ties stable
            schemes[scheme] += 1
    if not schemes:
        return []
    hinted = [sc for sc in schemes if sc.split(":")[0].strip("[]") in s.policy_words]
    scheme = max(hinted or schemes, key=lambda sc: (schemes[sc], sc in hinted))
    for goal in goals:
        below[id(goal)] = _through_sections(below[id(goal)], scheme)
    policies = [n for g in goals for n in below[id(g)] if n.scheme == scheme]
    policies = [n for g in goals for n in _deeper_in_goal(g, policies)]
    _number_policies(goals, policies)
    return policies


def _through_sections(nodes: list[Node], scheme: str) -> list[Node]:
    """A goal's first numbered level, looked through where that level is 節 over the policies'
    own scheme (`第１節` over `（３）` in one goal only, while the other goals hold `（１）`
    right under them): the headings of the scheme the other goals' policies print."""
    if not nodes or any(n.scheme == scheme for n in nodes):
        return nodes
    holding = [n for n in nodes if n.content]
    inner = [c for n in nodes for c in _first_numbered_below(n)]
    if not holding or not all(_is_section(n) for n in holding):
        return nodes
    if not inner or any(c.scheme != scheme for c in inner):
        return nodes
    for n in nodes:
        if _first_numbered_below(n):
            n.kind = NodeKind.SECTION
    return [c for n in nodes for c in (_first_numbered_below(n) or [n])]


def _deeper_in_goal(goal: Node, policies: list[Node]) -> list[Node]:
    """The goal's policies, a level further down where in this goal they are 節: every one that
    holds content holds it all in numbered headings whose numbers extend its own (`1-(1)` over
    `1-(1)-①`, while the next goal's `2-(1)` hold their tables themselves — a level the plan
    skips where it has nothing to divide)."""
    mine = [n for n in policies if _inside(n, goal)]
    holding = [n for n in mine if n.content]
    if not holding or _shared_by_last(holding):
        return mine
    if not all(_is_section(n) and _extended(n) for n in holding):
        return mine
    out = []
    for n in mine:
        below = _first_numbered_below(n)
        if below:
            n.kind = NodeKind.SECTION
        out.extend(below or [n])
    return out


def _extended(node: Node) -> bool:
    """Every numbered heading right below prints this heading's number and one level more."""
    below = _first_numbered_below(node)
    return bool(node.token) and all(
        c.token.startswith(f"{node.token}-") and c.token.count("-") == node.token.count("-") + 1
        for c in below
    )


def _number_policies(goals: list[Node], policies: list[Node]) -> None:
    """Policies keep their printed number (施策４ under 第２章 too), unless the goal prints a
    number for two policies (`(ア)` under two 節; `施策1-1-1`, `施策1-2-1`): then they are
    counted within the goal, a heading printed again (over its project list) keeping its
    count."""
    chosen = {id(n) for n in policies}
    for goal in goals:
        mine = [n for n in walk(goal.children) if id(n) in chosen]
        for n in mine:
            n.sections = []
            parent = n.parent
            while parent is not None and parent is not goal:
                if parent.kind is NodeKind.SECTION:
                    n.sections.insert(0, parent)
                parent = parent.parent

        # a number is the policy's within its 節: (ア) under 第１節 and under 第２節 are two
        def key(n: Node) -> tuple[tuple[int, ...], str]:
            return tuple(sec.index for sec in n.sections), n.token or str(n.number)

        tokens = list(dict.fromkeys(key(n) for n in mine))
        numbers = {n.number for n in mine}
        counted = len(numbers) < len(tokens)
        for n in mine:
            n.ordinal = tokens.index(key(n)) + 1 if counted else n.number


def unread_levels(outline: Outline, s: ParseSettings) -> list[list[Node]]:
    """Series of two or more headings inside the strategy labelled with a word that names goals
    or policies (基本戦略1–3, 施策1-1-1 …) that were taken for neither, nor for 節: a level of
    the plan the records leave out (the goals taken from another level instead)."""
    taken = [
        *outline.goals,
        *outline.policies,
        *(n for n in outline.nodes if n.kind is NodeKind.SECTION),
    ]
    used = {n.numbering.word for n in taken if n.numbering is not None}
    words = {*s.goal_words, *s.policy_words, *s.level_words}
    series: dict[tuple[str, str], list[Node]] = {}
    for n in outline.nodes:
        word = n.numbering.word if n.numbering is not None else ""
        if (
            n.kind is NodeKind.HEADING
            and word in words - used
            and not n.caption
            and outline.start <= n.index < outline.stop
        ):
            series.setdefault((word, n.scheme), []).append(n)
    goal_words = {g.numbering.word for g in outline.goals if g.numbering is not None}
    # a single heading too, when its word is of the goals' kind (`横断的目標１` after them: the
    # heading that ends the goals' span, when they are named by a setting)
    for n in outline.nodes:
        word = n.numbering.word if n.numbering is not None else ""
        if (
            n.kind in (NodeKind.HEADING, NodeKind.END)
            and word
            and word not in used
            and not n.caption
            and any(_kin(w, word) for w in goal_words)
            and outline.start <= n.index
            and all(m is not n for m in series.get((word, n.scheme), []))
        ):
            series.setdefault((word, n.scheme), []).append(n)
    return [
        run
        for (word, _), run in series.items()
        if len({n.token for n in run}) >= 2 or any(_kin(w, word) for w in goal_words)
    ]


def _overview_goals(
    lines: Sequence[Line], series: list[Node], s: ParseSettings
) -> tuple[list[Node], str]:
    """Goals printed only as the group cells of an overview table above the headings (a 体系図:
    `1　地域の仕事をつくる | 第1節　農業の…`, then `| 第2節　観光の…`, the goal's cell printed
    once per group): the headings the table's other cells name, in order and all of them, are
    the policies, each group's numbered cell a goal that opens at its first policy; and the
    header's word over the goal cells. Empty when no such table names the series (fewer groups
    than headings, two at least)."""
    if len(series) < 3:
        return [], ""
    words = numbering_words(s)
    wanted = {(n.scheme, n.number, n.title): n for n in series}
    groups: list[tuple[int, Numbering, list[Node]]] = []  # (row index, goal cell, its headings)
    for i in range(series[0].index):
        cells = [c.strip() for c in lines[i].cells]
        if len(cells) < 2:
            continue
        named = [
            wanted.get((r.scheme, r.number, r.title))
            for c in cells[1:]
            if c and (r := read_numbering(P.strip_markup(c), words)) is not None
        ]
        if not named or None in named:
            continue
        head = read_numbering(P.strip_markup(cells[0]), words) if cells[0] else None
        if head is not None and head.title and not (groups and head.number <= groups[-1][1].number):
            groups.append((i, head, []))
        elif cells[0] or not groups:
            continue
        groups[-1][2].extend(n for n in named if n is not None)
    mapped = [n for _, _, nodes in groups for n in nodes]
    if not 2 <= len(groups) < len(series) or mapped != series:
        return [], ""
    header = next((ln for ln in reversed(lines[: groups[0][0]]) if not ln.is_blank), None)
    word = header.cells[0].strip() if header is not None and len(header.cells) >= 2 else ""
    goals = []
    for i, head, nodes in groups:
        goal = Node(nodes[0].index, lines[i], head, head.title, False, kind=NodeKind.GOAL)
        goal.ordinal, goal.end, goal.children = head.number, nodes[-1].end, nodes
        goal.content = sum(n.content for n in nodes)
        goals.append(goal)
    return goals, word


def _goal_series_again(goals: list[Node], policies: list[Node]) -> Node | None:
    """The goals' own numbering starting again at 1 after the last goal's last policy, in a
    scheme no other goal holds inside it (`１．` `２．` of a 資料 after goals `１．`–`３．`):
    a new series (an appendix) nested only by where it fell, not the last goal's content."""
    if len(goals) < 2 or not goals[-1].numbering or goals[-1].numbering.word:
        return None
    last, scheme = goals[-1], goals[-1].scheme
    mine = [n for n in policies if _inside(n, last)]
    if not mine:
        return None
    for goal in goals[:-1]:
        if any(n.scheme == scheme for n in walk(goal.children)):
            return None  # the scheme numbers a level inside the goals too
    return next(
        (
            n
            for n in walk(last.children)
            # (after its first policy: the appendix may print headings the policies' own
            # way, `具体的な施策１` of a glossary, nested under the goal by where they fell)
            if n.scheme == scheme and n.number == 1 and n.index > mine[0].index
        ),
        None,
    )


def _closing_heading(
    lines: Sequence[Line], goals: list[Node], flags: list[bool], s: ParseSettings
) -> Node | None:
    """An unnumbered heading after the last goal's content that closes the strategy
    (`計画の推進に向けて`): a PDF may print it as plain text, with nothing to nest it by."""
    if not goals:
        return None
    last = goals[-1]
    seen = False
    for i in range(last.index + 1, last.end):
        seen = seen or flags[i]
        cells = [c for c in (c.strip() for c in lines[i].cells) if c]
        if not seen or len(cells) != 1:
            continue
        key = P.caption_key(cells[0])
        if len(key) <= 20 and not key.endswith("。") and any(w in key for w in s.end_words):
            node = line_to_candidate(i, lines[i], s) or Node(i, lines[i], None, key, False)
            if node.numbering is not None and node.scheme == last.scheme:
                return None  # a goal of the same series: not a closing heading
            node.kind = NodeKind.END
            node.end = last.end
            return node
    return None


def candidates_to_repeats(
    candidates: list[Node], lines: Sequence[Line]
) -> tuple[list[Node], dict[int, int]]:
    """A numbered heading printed again right below itself (only blank lines between), however
    often: the repeats leave the outline, each mapped (its line → the first copy's line)."""
    kept: list[Node] = []
    repeats: dict[int, int] = {}
    last = -1  # index of the last copy of the heading kept last
    for n in candidates:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and n.numbering is not None
            and (n.scheme, n.number, n.title) == (prev.scheme, prev.number, prev.title)
            and all(ln.is_blank for ln in lines[last + 1 : n.index])
        ):
            repeats[n.line.no] = prev.line.no
            last = n.index
            continue
        kept.append(n)
        last = n.index
    return kept, repeats


def candidates_to_orphans(candidates: list[Node]) -> list[Node]:
    """Headings of a scheme numbered past 1 before the first of that scheme numbered 1 (the
    rest of an overview table read as text lines: `取組方針２ 関係人口の創出`, `取組方針３ …`
    above `【基本目標１】`) are no headings: nested, they would hold the plan's goals."""
    first_one: dict[str, int] = {}
    for n in candidates:
        if n.numbering is not None and n.number == 1:
            first_one.setdefault(n.scheme, n.index)
    return [
        n
        for n in candidates
        if n.numbering is None or n.number == 1 or n.index > first_one.get(n.scheme, -1)
    ]


_RUNNING_CHARS = 40  # a running head is short


def _near_breaks(lines: Sequence[Line]) -> set[int]:
    """Lines right before or after a page number line, or either side of a form feed
    (indices)."""
    near: set[int] = set()
    body = [i for i, ln in enumerate(lines) if not ln.is_blank]
    for k, i in enumerate(body):
        line = lines[i]
        number = P.PAGE_NUMBER.match(line.text.strip()) is not None
        turned = k > 0 and line.page is not None and line.page != lines[body[k - 1]].page
        if number:
            near.update(body[max(0, k - 1) : k] + body[k + 1 : k + 2])
        elif turned:
            near.update(body[max(0, k - 1) : k + 1])
    return near


def candidates_to_tabs(
    candidates: list[Node], lines: Sequence[Line], running: Collection[int] = ()
) -> set[int]:
    """Chapter tabs: a bare label (`第２章`, no title on the next line, or a page number or
    running head there) that repeats the label of the heading the page is under — the last
    titled heading of its scheme — is printed on the page's edge, not a heading: the same
    number cannot open its own chapter again. Printed twice only, it escapes the running-head
    count, and read as a heading it would end the chapter it marks (indices)."""
    last: dict[str, int] = {}
    out: set[int] = set()
    for n in candidates:
        if n.numbering is None:
            continue
        if n.title:
            last[n.scheme] = n.number
            continue
        nxt = next((i for i in range(n.index + 1, len(lines)) if not lines[i].is_blank), None)
        edge = nxt is not None and (nxt in running or P.PAGE_NUMBER.match(lines[nxt].text.strip()))
        if (n.caption or edge) and last.get(n.scheme) == n.number:
            out.add(n.index)
    return out


def lines_to_running(lines: Sequence[Line]) -> set[int]:
    """Running heads a text rendering kept: a short one-cell line printed again and again next
    to a page break (right before or after a page number line, or a form feed). A first
    print away from any break is the heading it repeats (第４章…), and stays; the others are
    returned (indices)."""
    near = _near_breaks(lines)
    body = [i for i, ln in enumerate(lines) if not ln.is_blank]
    copies: dict[str, list[int]] = {}
    for i in body:
        text = lines[i].text.strip()
        if len(lines[i].cells) == 1 and len(text) <= _RUNNING_CHARS:  # (no table row)
            copies.setdefault(P.match_text(text), []).append(i)
    out: set[int] = set()
    for text, at in copies.items():
        if P.PAGE_NUMBER.match(text) or P.NUMBER_ALONE.match(text) or len(at) < 3:
            continue
        by_break = [i for i in at if i in near]
        if len(by_break) < 3:
            continue  # (a title printed at two page tops may be a heading and its repeat)
        if len(by_break) == len(at) or (len(by_break) == len(at) - 1 and at[0] not in near):
            out.update(by_break)
    return out


def lines_to_outline(lines: Sequence[Line], s: ParseSettings) -> Outline:
    running = lines_to_running(lines)
    found = [n for n in lines_to_candidates(lines, s) if n.index not in running]
    tabs = candidates_to_tabs(found, lines, running)
    running |= tabs
    found = [n for n in found if n.index not in tabs]
    candidates, repeats = candidates_to_repeats(candidates_to_orphans(found), lines)
    candidates, items = candidates_to_items(candidates, lines, s, running)
    candidates, listed = candidates_to_table_lists(candidates, lines, s, running)
    items |= listed
    roots = candidates_to_tree(candidates, len(lines))
    flags = content_lines(lines, s, items, {n.index for n in candidates if n.numbering})
    _count(roots, flags)
    goals = choose_goals(roots, s)
    grouped, goal_column = _overview_goals(lines, goals, s)
    if grouped:
        # the headings are the policies of goals an overview table names (numbered through)
        policies = goals
        for n in policies:
            n.ordinal = n.number
        goals = grouped
    else:
        policies = choose_policies(goals, s)
    for n in candidates:
        if n.kind is not NodeKind.SECTION:
            n.kind = NodeKind.CAPTION if n.caption else NodeKind.HEADING
    for n in goals:
        n.kind = NodeKind.GOAL
    for n in policies:
        n.kind = NodeKind.POLICY
    start = goals[0].index if goals else len(lines)
    stop = goals[-1].end if goals else len(lines)
    if not grouped and (again := _goal_series_again(goals, policies)) is not None:
        stop = min(stop, again.index)
    closing = _closing_heading(lines, goals, flags, s)
    if closing is not None and closing.index < stop:
        candidates = sorted(
            [n for n in candidates if n.index != closing.index] + [closing], key=lambda n: n.index
        )
        stop = closing.index
    for n in candidates:
        if n.kind is NodeKind.END:
            break
        if n.numbering is not None and n.index >= stop and n.kind is NodeKind.HEADING:
            n.kind = NodeKind.END
            break
    return Outline(
        nodes=candidates,
        goals=goals,
        policies=policies,
        by_line={n.line.no: n for n in candidates},
        start=start,
        stop=stop,
        content=sum(flags),
        repeats=repeats,
        items=items,
        running={lines[i].no for i in running},
        goal_at={g.children[0].line.no: g for g in grouped},
        goal_column=goal_column,
    )
