"""Layout passes shared by the PDF and OCR readers: page results → Document lines.

A reader turns each page into `Item`s — text lines and table rows with their boxes and font
size. The passes below then work on the whole document, one job each, each pure (they return new
items and never change their input):

    drop_furniture        running headers, footers and page numbers
    number_footnotes      footnote areas that print the number at full height
    join_paragraphs       wrapped lines of one paragraph
    continue_footnotes    a footnote cut at a page's foot goes on at the next page's foot
    stitch_tables         header rows repeated on a new page; rows split by a page break

This module does not import pdfplumber: tests build page results by hand.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from extract.models import Document, Line
from extract.settings import PdfSettings
from extract.text import BULLET, SUP, ems, join_cells, join_wrapped, starts_with_sup, sup

_PAGE_NUMBER = re.compile(
    r"^[-–—(（]?\s*\d{1,4}\s*[-–—)）]?$|^\d{1,4}\s*/\s*\d{1,4}$|^p\.?\s*\d{1,4}$", re.I
)
PAGE_NUMBER = _PAGE_NUMBER  # a page number alone on its line (pdf.py: never a table's row)
# a year that names a column (`R6`, `令和７年度`, `2025年度`)
_YEAR_NAME = re.compile(
    r"^(?:[RHＲＨ]\.?\s*[0-9０-９]{1,2}(?:年度?)?|(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)年度?"
    r"|[0-9０-９]{4}年度?)$"
)
_YEAR_LEAD = re.compile(
    r"^(?:[RHＲＨ][0-9０-９]{1,2}|(?:令和|平成)(?:[0-9０-９]{1,2}|元)|[0-9０-９]{4})年?度?"
)
# a page number between dashes (`― 2 ―`, `－ ２０ －`): no table's cell is printed so
PAGE_MARK = re.compile(r"^[-－―‐–—]\s*[0-9０-９]{1,4}\s*[-－―‐–—]$")
_BRACKETED = re.compile(r"^[(（].*[)）]$")
# a caption alone on its line (`【主な施策】`, `〔成果指標〕`): what follows is a new block
# (or after a caption mark: `▽主要事業`, `■成果指標`; words only, no figure)
# (a department's bracket wrapped from a cell is none: `【都計・環境】`, `【企画課】`)
CAPTION_ALONE = re.compile(
    r"^(?:[【〔［\[＜〈《](?![^】〕］\]＞〉》]*[・、])[^】〕］\]＞〉》\s]{3,20}(?<![課部局室係])[】〕］\]＞〉》]"
    r"|[＜〈《][^＞〉》\s]{2}[＞〉》]"  # (`＜施策＞`: no department is bracketed so)
    r"|[■□◆◇▼▽◎][ 　]?[一-龥ぁ-んァ-ヶーＡ-Ｚa-zA-Z・]{2,12})$"
)
_LEADING_NUMBER = re.compile(r"^(\d{1,3})(?=\D)")
# What starts a caption or heading line, never a wrapped line of running text.
# A numbered list item's start: ①, ⑵, （２）, (2).
# (○ ▶ ▼ open list items too: `○事業名（概要）` lines that fill the measure are not one paragraph)
_ITEM_START = re.compile(r"^(?:[①-⑳⑴-⒇○◯▶►▼▽]|[（(][0-9０-９]{1,2}[）)])")
# A numbered heading's start: a word and a number before a space (取組方針２, 施策1-1, 基本目標Ⅱ)
# or in brackets (基本施策（１）), 第n章, `1-2`, `1-(2)`, `1.` (（n） and ① start list items,
# _ITEM_START).
_NUMBERED_START = re.compile(
    r"^(?:[一-龥ァ-ヴー][一-龥ぁ-んァ-ヴー]{0,7}(?:[0-9０-９]+(?:[-－][0-9０-９]+)*|[Ⅰ-Ⅻ])[\s\u3000]"
    r"|[一-龥ァ-ヴー][一-龥ぁ-んァ-ヴー]{0,7}[（(][0-9０-９]{1,2}[）)]|第[0-9０-９一二三四五六七八九十]+[章節部]"
    r"|[0-9０-９]{1,2}(?:[-－‐][(（]?[0-9０-９]{1,2}[)）]?)+[\s\u3000]"
    r"|[0-9０-９]{1,2}(?:[．.](?![0-9０-９])|[\s\u3000]))"
)
# Counters after a figure (`令和５ 年度`, `3人に`): a quantity in a sentence, no heading's number.
_COUNTERS = "年月日度人件回歳ヶか箇ヵ号条項位者社校名割倍期次代"
_COUNTER_AFTER = re.compile(rf"[{_COUNTERS}万億千百]")


# A label word and its number in a bracket pair (`《基本目標２》`, `【施策１】`) before a title.
_BRACKETED_LABEL = re.compile(
    r"^[《〔【［〈＜]\s*[一-龥ァ-ヴー]{1,8}\s*(?:[0-9０-９]{1,2}|[Ⅰ-Ⅻ])\s*[》〕】］〉＞]\s*"
)


def _titled_heading(text: str, scanned: bool = False) -> bool:
    """A label word and its number before a title that ends no sentence (`基本目標３ 結婚・…を
    かなえ、…まちをつくる`, `《基本目標２》…`; on a scan the space after the number lost,
    `基本目標3結婚・…`): a heading, however near the measure its title runs."""
    m = (
        _BRACKETED_LABEL.match(text)
        or _NUMBERED_START.match(text)
        or (_NUMBERED_GLUED.match(text) if scanned else None)
    )
    if m is None or (m.re is _NUMBERED_START and not m.group(0)[:1].isalpha()):
        return False  # (`１ 地域の…`: a list's item may run on into its sentence)
    title = text[m.end() :].lstrip()
    return bool(title) and not _COUNTER_AFTER.match(title) and not text.endswith(("。", "、"))


# OCR drops the space after a heading's number (施策の方向2関係人口の創出): a label word and a
# number glued to a word that is no counter (not 令和5年度, 第2回)
_NUMBERED_GLUED = re.compile(
    r"^[一-龥ァ-ヴー][一-龥ぁ-んァ-ヴー]{1,7}[0-9０-９]{1,2}(?:[-－][0-9０-９]{1,2})*"
    r"(?=[一-龥ぁ-んァ-ヴ「])(?![年月日度人件回歳ヶか箇ヵ号条項位者社校名])"
)
# (a scan) a number glued to its title (1地域の仕事を…: OCR lost the space), not a count
_NUMBER_GLUED = re.compile(rf"^[0-9]{{1,2}}(?=[一-龥ァ-ヴ「])(?![{_COUNTERS}])")
# a title after a number and its space: two words or more, the first no counter (`12 人`)
_TITLE_AFTER_NUMBER = re.compile(rf"^(?![{_COUNTERS}])[一-龥ぁ-んァ-ヴ「]{{2}}")
# specks OCR reads at a line's end (示します。・): the line ends before them
_END_SPECKS = re.compile(r"[\s・.,:;'\"`]+$")


def _unspecked(it: Item) -> str:
    """The item's text, without the specks OCR reads after a scanned line's end."""
    return _END_SPECKS.sub("", it.text) if it.confidence is not None else it.text


_LABEL_START = re.compile(r"^[【［\[〔＜<〈《◎■□◆◇▼]")
FOOTNOTE_START = re.compile(r"^(?:※\s*[0-9０-９]|注\s*[0-9０-９]|[（(]注[)）]|注[)）:：])")
# `※担当課の略称　…`, `※目標値は…`: a note printed with no number starts a line of its own too
_NOTE_START = re.compile(r"^※(?![\s　]*再掲)")
_OPENERS, _CLOSERS = "（(【「『[", "）)】」』]"


@dataclass
class Item:
    """A text line or a table row of one page, in page coordinates (points, origin top-left)."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    cells: list[str]
    table: int = -1  # index of its table on the page, -1 for text
    row: int = 0
    line_gap: float | None = None  # gap between the wrapped lines already joined into this one
    baseline: float | None = None  # of its last line, where the reader knows it
    line_pitch: float | None = None  # baseline to baseline of the lines joined into this one
    # Where the item is printed, all its joined parts included: (x0, top, x1, bottom).
    extent: tuple[float, float, float, float] | None = None
    bold: bool = False  # set in a bold weight (a heading at body size)
    confidence: float | None = None  # OCR: the engine's confidence in its least sure part
    # A borderless table row: the x where each cell's column begins (a column left empty on a
    # page is not among them, so the page's rows are placed by these in the table's columns).
    starts: tuple[float, ...] | None = None
    # A text line of two runs far apart: where each begins and its text (a row of a table
    # resumed at a page top, `事業名【所管課】　○`, when it sits in that table's columns).
    parts: tuple[tuple[float, str], ...] | None = None
    # A borderless table row's runs of text, line by line, with where each begins.
    runs: tuple[tuple[tuple[float, str], ...], ...] | None = None
    # A ruled table row: where each column of its table begins (its vertical rules), and
    # where the table ends (a shaded header's rules give the columns of the rows under it).
    ruled: tuple[float, ...] | None = None

    @property
    def box(self) -> tuple[float, float, float, float]:
        own = (self.x0, self.top, self.x1, self.bottom)
        return own if self.extent is None else _union(self.extent, own)

    @property
    def text(self) -> str:
        return self.cells[0] if self.cells else ""


@dataclass
class PageResult:
    page: int
    width: float
    height: float
    items: list[Item]
    char_count: int
    # Set by the OCR reader: the page was read from its image, with this mean confidence.
    ocr_confidence: float | None = None
    notes: list[str] = field(default_factory=list)
    gutter: float | None = None  # x between the page's two text columns, if it has two
    scanned: bool = False  # no text layer to speak of, an image: a page for OCR
    quarter: int = 0  # text turned a quarter to be read (ingest.pdfium.PageData.quarter)


def _least(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _union(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


# --- the passes ---------------------------------------------------------------------------------


def drop_furniture(results: Sequence[PageResult], s: PdfSettings) -> tuple[list[Item], int]:
    """Items without running headers, footers and page numbers; and how many were dropped."""

    # the first and the last line of each page: furniture may sit lower than the band (a
    # running header under a deep top margin) but never below the page's first line
    ends = {
        r.page: (min(it.top for it in r.items), max(it.bottom for it in r.items))
        for r in results
        if r.items
    }

    def band(r: PageResult, it: Item) -> bool:
        if it.table >= 0 and sum(1 for c in it.cells if c) != 1:
            return False  # (a row of one cell: a running header read into a table below it)
        if it.bottom < r.height * s.margin_ratio or it.top > r.height * (1 - s.margin_ratio):
            return True
        first, last = ends[r.page]
        return (it.top == first and it.bottom < 2 * r.height * s.margin_ratio) or (
            it.bottom == last and it.top > r.height * (1 - 2 * s.margin_ratio)
        )

    def shape(r: PageResult, it: Item) -> tuple[str, str, int]:
        """Text with its digits masked, and where it sits: a running header or footer is
        printed at the same distance from its edge on every page, a body line that happens to
        repeat (`担当課：商工観光課`) is not."""
        top = it.bottom < r.height / 2
        offset = it.top if top else r.height - it.bottom
        return re.sub(r"\d+", "#", _one_text(it)), "top" if top else "bottom", round(offset / 6)

    # pages, not lines: a page prints its running header once (a caption at the foot of both
    # columns of one page is no footer); a neighbouring 6 pt step counts too: a footer a hair
    # higher on some pages is the same
    pages: dict[tuple[str, str, int], set[int]] = {}
    for r in results:
        for it in r.items:
            if band(r, it):
                pages.setdefault(shape(r, it), set()).add(r.page)
    need = max(2, s.repeat_ratio * len(results))
    repeated = {
        k
        for k in pages
        if len(set().union(*(pages.get((k[0], k[1], k[2] + d), set()) for d in (-1, 0, 1)))) >= need
    }
    repeated -= _body_lines(results, repeated, shape)

    def page_number(r: PageResult, it: Item) -> bool:
        """A page number alone; one in brackets (`（３）`) only where every page prints it so
        (`repeated`): alone at a page's foot or top it is a heading's number, its title on the
        next page or line."""
        return bool(_PAGE_NUMBER.match(it.text)) and not _BRACKETED.match(it.text.strip())

    kept, dropped = [], 0
    for r in results:
        for it in r.items:
            if band(r, it) and (page_number(r, it) or shape(r, it) in repeated):
                dropped += 1
            else:
                kept.append(it)
    return kept, dropped


def _one_text(it: Item) -> str:
    """A line's text; a table row's one filled cell."""
    return it.text if it.table < 0 else next((c for c in it.cells if c), "")


def _body_lines(
    results: Sequence[PageResult],
    repeated: set[tuple[str, str, int]],
    shape: Callable[[PageResult, Item], tuple[str, str, int]],
) -> set[tuple[str, str, int]]:
    """Repeated text that sits where the body begins (or ends): the other pages, two or more,
    most of them and at least as many as the pages it is on, set their own first (last) line at
    its height. A heading that happens to open two pages of a short plan is body; a running
    header is on most pages, above the body's first line."""
    out: set[tuple[str, str, int]] = set()
    for k in repeated:
        top = k[1] == "top"
        where: list[float] = []  # the repeated text's edge on the pages it is on
        others: list[float] = []  # the body's edge on the other pages
        for r in results:
            if not r.items:
                continue
            mine = [it for it in r.items if shape(r, it) == k]
            if mine:
                where.append(mine[0].top if top else mine[0].bottom)
                continue
            body = [it for it in r.items if not _PAGE_NUMBER.match(it.text)]
            if body:
                others.append(min(it.top for it in body) if top else max(it.bottom for it in body))
        at = statistics.median(where) if where else None
        same = [e for e in others if at is not None and abs(e - at) <= 1.5]
        if len(same) >= 2 and len(same) >= 0.5 * len(others) and len(others) >= len(where):
            out.add(k)
    return out


def _at_foot(items: Sequence[Item], i: int, body: float) -> bool:
    """Whether item `i` opens its page's last block of text lines (a footnote area set at body
    size): after it on the page, only a few text lines no larger than it."""
    rest = [it for it in items[i + 1 :] if it.page == items[i].page]
    return len(rest) <= 6 and all(it.table < 0 and it.size <= body + 0.1 for it in rest)


def number_footnotes(items: Sequence[Item], body: float) -> list[Item]:
    """Footnote areas often print the number at full height (LibreOffice does): a smaller-than-
    body line that starts with a marker seen above is that footnote, `<sup>n</sup>…`; so is one
    at body size in the page's last block of lines."""
    markers: set[str] = set()
    out = []
    for i, it in enumerate(items):
        if it.table < 0:
            match = _LEADING_NUMBER.match(it.text)
            if match and match.group(1) in markers and (it.size < body or _at_foot(items, i, body)):
                markers.discard(match.group(1))
                it = replace(it, cells=[sup(match.group(1)) + it.text[match.end() :]])
        # Markers in the body, not the footnotes' own numbers.
        markers.update(
            m for cell in it.cells if not starts_with_sup(cell) for m in SUP.findall(cell)
        )
        out.append(it)
    return out


def join_paragraphs(
    items: Sequence[Item], rights: RightEdges, s: PdfSettings, body: float = 0.0
) -> list[Item]:
    """Wrapped lines of one paragraph become one line (a heading's too, set with more
    leading)."""
    out: list[Item] = []
    leading = _leading(items, rights)
    spacing = _paragraph_spacing(items, rights)
    for it in items:
        prev = out[-1] if out else None
        if (
            it.table < 0
            and prev is not None
            and prev.table < 0
            and prev.page == it.page
            and _continues(prev, it, rights.of(prev), s, body, leading, spacing)
        ):
            gap = it.top - prev.bottom
            pitch = _pitch(prev, it)
            out[-1] = replace(
                prev,
                extent=_union(prev.box, it.box),
                confidence=_least(prev.confidence, it.confidence),
                cells=[join_wrapped([prev.text, it.text])],
                parts=None,
                # the paragraph now ends where this line ends
                x1=it.x1,
                bottom=it.bottom,
                line_gap=gap if prev.line_gap is None else max(prev.line_gap, gap),
                baseline=it.baseline,
                line_pitch=pitch
                if prev.line_pitch is None or pitch is None
                else max(prev.line_pitch, pitch),
            )
            continue
        out.append(it)
    return out


def continue_footnotes(items: Sequence[Item], rights: RightEdges) -> list[Item]:
    """A footnote cut at the foot of a page goes on with the first footnote-sized line of the
    next page."""
    out: list[Item] = []
    note: int | None = None  # index in `out` of the last footnote
    for it in items:
        if it.table < 0:
            last = out[note] if note is not None else None
            if last is not None and it.page == last.page + 1 and _note_goes_on(last, it, rights):
                # a note cut by the page break: its box stays on the page it starts on
                out[note] = replace(last, cells=[join_wrapped([last.text, it.text])])  # type: ignore[index]
                note = None
                continue
            if starts_with_sup(it.text):
                note = len(out)
        out.append(it)
    return out


def regrid_resumed_tables(items: Sequence[Item], header_words: Sequence[str] = ()) -> list[Item]:
    """A borderless table resumed on a new page is placed in the columns of its first part, by
    where each column begins: its rows there may leave a column empty (政策分野 carried down
    from the page before), and a row alone at the page top, one cell filled, is read as a
    text line. Only the first part's page geometry is trusted: a part in the next column of
    a two-column page, or printed elsewhere, keeps its own columns; so does a part that
    begins with its own header (another table)."""
    out: list[Item] = []
    grid: tuple[float, ...] | None = None  # the columns of the table still running
    grid_at: tuple[int, int] = (0, -1)  # page and table index of the last part placed
    grid_page = 0  # page of the part whose columns they are
    mapping: list[int] | None = None  # for the resumed part being placed
    for n, it in enumerate(items):
        if it.table < 0:
            if (
                grid
                and it.page > grid_page
                and _first_cell_goes_on(items, n, grid, out, header_words)
            ):
                continue
            after = items[n + 1] if n + 1 < len(items) else None
            first = n == 0 or items[n - 1].page != it.page
            placed = (
                _parts_columns(it, grid, after, first) if grid and it.page > grid_page else None
            )
            if placed is not None:
                cells = [""] * len(grid or ())
                for (_, text), k in zip(it.parts or (), placed, strict=True):
                    cells[k] = text
                out.append(replace(it, cells=cells, table=_ALONE, row=1, starts=grid, parts=None))
                continue
            k = _lone_cell_column(it, grid) if grid and it.page > grid_page else None
            if k is None:
                if not starts_with_sup(it.text):
                    grid = None  # text between the tables: a new table
                out.append(it)
                continue
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.table == _ALONE
                and prev.page == it.page
                and prev.cells[k]
                and it.top - prev.bottom < 0.5 * it.size
                and (
                    it.text.startswith(("【", "（", "("))
                    or _unfinished(prev.cells[k])
                    or _fragment(it.text)
                )
            ):
                # the next line of a cell of the row placed just above (`…推進事業` + `【観光】`)
                cells = list(prev.cells)
                cells[k] = join_wrapped([cells[k], it.text])
                out[-1] = replace(prev, cells=cells, bottom=it.bottom)
                continue
            cells = [""] * len(grid or ())
            cells[k] = it.text
            # row 1: a body row, never taken for a header by the passes after
            out.append(replace(it, cells=cells, table=_ALONE, row=1, starts=grid))
            continue
        key = (it.page, it.table)
        if it.starts is None:
            grid, mapping = None, None
        elif key == grid_at:
            pass  # a row of the part that set the grid, or of a part being placed in it
        elif (
            grid is not None
            and mapping is None
            and it.page == grid_page
            and (moved := _next_column_part(out, grid, grid_at, it)) is not None
        ):
            # the table goes on in the next column with more columns than its first part
            # showed (a header over merged value columns): that part is placed in them
            for k, placed in moved.items():
                out[k] = placed
            grid, grid_at = it.starts, key
        elif (
            grid is not None
            and it.page > grid_page
            and (moved := _header_over_next_page(out, grid_at, it, header_words)) is not None
        ):
            # a header alone at a page foot over the rest of its table on the next page, which
            # shows more columns (merged names over sub-columns, a name left blank)
            for k, placed in moved.items():
                out[k] = placed
            grid, grid_at, grid_page, mapping = it.starts, key, it.page, None
        elif (
            grid is not None
            and it.page > grid_page
            and len(it.starts) < len(grid)
            and not (it.row == 0 and names_columns(it.cells, header_words))
            and (found := _place_columns(it.starts, grid, it.size)) is not None
        ):
            mapping, grid_at = found, key
        else:
            grid, grid_at, grid_page, mapping = it.starts, key, it.page, None
        if mapping is not None and key == grid_at:
            cells = [""] * len(grid or ())
            for cell, k in zip(it.cells, mapping, strict=True):
                cells[k] = cell
            finer = _runs_cells(it, grid or ())
            if finer is not None and sum(map(bool, finer)) > sum(map(bool, cells)):
                cells = finer  # a narrow column this page's gaps did not show
            it = replace(it, cells=cells, starts=grid)
        out.append(it)
    return out


def _next_column_part(
    out: Sequence[Item], grid: Sequence[float], grid_at: tuple[int, int], it: Item
) -> dict[int, Item] | None:
    """The rows of the table part that set `grid` (in `out`), placed in the columns of `it`,
    the first row of a part of the same table resumed in the next column of the page (set
    higher up, right of it): every column of the first part begins where one of `it`'s does,
    moved by the columns' offset. None when it is not so, or `it` shows no more columns."""
    rows = {k: row for k, row in enumerate(out) if (row.page, row.table) == grid_at}
    if not rows or it.starts is None or len(it.starts) <= len(grid):
        return None
    last = out[max(rows)]
    if it.top >= last.top or it.x0 < last.x1 or it.page != last.page:
        return None
    offset = it.starts[0] - grid[0]
    found = _place_columns([g + offset for g in grid], it.starts, it.size)
    if found is None:
        return None
    moved = {}
    for k, row in rows.items():
        cells = [""] * len(it.starts)
        for cell, col in zip(row.cells, found, strict=True):
            cells[col] = cell
        moved[k] = replace(row, cells=cells, starts=it.starts)
    return moved


def _header_over_next_page(
    out: Sequence[Item], grid_at: tuple[int, int], it: Item, header_words: Sequence[str]
) -> dict[int, Item] | None:
    """The header row that set the grid (in `out`), alone at the foot of its page, placed in the
    columns of `it`, the first row of the next page's part, which shows more of them: each name
    in the column where it begins. None when it is not so."""
    rows = {k: row for k, row in enumerate(out) if (row.page, row.table) == grid_at}
    if len(rows) != 1 or it.starts is None:
        return None
    k, head = next(iter(rows.items()))
    if (
        head.starts is None
        or len(it.starts) <= len(head.starts)
        or it.page != head.page + 1
        or not names_columns(head.cells, header_words)
    ):
        return None
    found: list[int] = []
    for x in head.starts:
        col = max((j for j, st in enumerate(it.starts) if st <= x + 0.5 * it.size), default=0)
        if found and col <= found[-1]:
            return None
        found.append(col)
    cells = [""] * len(it.starts)
    for cell, col in zip(head.cells, found, strict=True):
        cells[col] = cell
    return {k: replace(head, cells=cells, starts=it.starts)}


_ALONE = 10_000  # the table index given to rows alone at a page top (a page has fewer tables)


def names_columns(cells: Sequence[str], header_words: Sequence[str]) -> bool:
    """Cells that name columns (`分野　事業名【所管課】　DX関連`): two cells or more, each short,
    two of them starting with a header word, and no figure but in those or in brackets."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(len(c) > 16 for c in filled):
        return False
    words = tuple(header_words)
    # (a year before the name: `R5実績`, `令和6年度目標値`)
    named = [
        c.startswith(words)
        or ((m := _YEAR_LEAD.match(c)) is not None and c[m.end() :].startswith(words))
        for c in filled
    ]
    for cell, name in zip(filled, named, strict=True):
        # a figure only in a named cell, in brackets or as a year that names a column:
        # `目標値（令和６年度）`, `（R1）`, `R6 R7 R8` over a schedule's marks
        if (
            not name
            and not cell.startswith(("（", "("))
            and any(ch.isdigit() for ch in cell)
            and not _YEAR_NAME.match(cell)
        ):
            return False
    return sum(named) >= 2


def _lone_cell_column(it: Item, grid: Sequence[float]) -> int | None:
    """The column, after the first, a text line sits in alone: it begins within a character of
    where the column begins and ends before the next one does. The first column is left out:
    a heading or a caption at the margin begins there too."""
    for k in range(1, len(grid)):
        if abs(it.x0 - grid[k]) <= it.size and (k + 1 == len(grid) or it.x1 < grid[k + 1]):
            return k
    return None


def _first_cell_goes_on(
    items: Sequence[Item],
    n: int,
    grid: Sequence[float],
    out: list[Item],
    header_words: Sequence[str] = (),
) -> bool:
    """The first line of a page, alone in the first column of the table running, right above
    the rest of that table: the end of the first cell of the row the page break cut
    (`子育て支援センターの利用` + `者数`). Joined to it in `out`; True when it was. Not a line
    over a header (`施策２　…` over `指標名 | 単位 | …`): a heading over the next table."""
    it = items[n]
    if (
        len(grid) < 2
        or (n and items[n - 1].page == it.page)
        or n + 1 >= len(items)
        or items[n + 1].table < 0
        or items[n + 1].page != it.page
        or (items[n + 1].row == 0 and names_columns(items[n + 1].cells, header_words))
        or abs(it.x0 - grid[0]) > it.size
        or it.x1 >= grid[1]
    ):
        return False
    last = next((k for k in range(len(out) - 1, -1, -1) if out[k].table >= 0), None)
    if last is None or out[last].page >= it.page or not out[last].cells[0]:
        return False
    if abs(out[last].size - it.size) > 0.6:
        return False  # set in another size than the cells: a heading over the next table
    row = out[last]
    out[last] = replace(row, cells=[join_wrapped([row.cells[0], it.text]), *row.cells[1:]])
    return True


def _runs_cells(it: Item, grid: Sequence[float]) -> list[str] | None:
    """The row's runs placed in the grid by where each begins (within a character before a
    column's start); runs of one line in one column keep their space, lines are joined as a
    wrapped cell."""
    if not it.runs or not grid:
        return None
    columns: list[list[str]] = [[] for _ in grid]
    for line in it.runs:
        here: dict[int, list[str]] = {}
        for x, text in line:
            k = max((j for j, g in enumerate(grid) if g <= x + it.size), default=0)
            here.setdefault(k, []).append(text)
        for k, texts in here.items():
            columns[k].append(" ".join(texts))
    return [join_wrapped(texts) if texts else "" for texts in columns]


def _parts_columns(
    it: Item, grid: Sequence[float], after: Item | None, first: bool
) -> list[int] | None:
    """The columns each run of a two-run line begins in (within a character of the column's
    start), or None. A line beginning in the first column is a row only when its runs begin
    right at their columns and it is its page's first line or the line under it is set in
    the table's columns too (a heading at the margin begins there as well)."""
    if not it.parts:
        return None
    found = _place_columns([x for x, _ in it.parts], grid, it.size)
    if found is None or found[0] >= 1:
        return found
    if any(abs(x - grid[k]) > 0.5 * it.size for (x, _), k in zip(it.parts, found, strict=True)):
        return None
    return found if first or _in_columns(after, it.page, grid) else None


def _in_columns(it: Item | None, page: int, grid: Sequence[float]) -> bool:
    """A table row, or a line set in a column of `grid` after the first, on `page`."""
    if it is None or it.page != page:
        return False
    if it.table >= 0 or _lone_cell_column(it, grid) is not None:
        return True
    return bool(it.parts) and _place_columns([x for x, _ in it.parts], grid, it.size) is not None


def _place_columns(starts: Sequence[float], grid: Sequence[float], size: float) -> list[int] | None:
    """For each column start, the grid column beginning within a character of it, in order;
    None when one has no such column."""
    out: list[int] = []
    for x in starts:
        k = min(range(len(grid)), key=lambda j: abs(grid[j] - x))
        if abs(grid[k] - x) > size or (out and k <= out[-1]):
            return None
        out.append(k)
    return out


def stitch_tables(items: Sequence[Item]) -> list[Item]:
    """A table continued on a new page or in the next column: its repeated header row is
    dropped, and a row broken by the page or column break is joined to its first part."""
    out: list[Item] = []
    open_header: list[str] | None = None  # header of the table still running (only notes since)
    last_row: int | None = None  # index in `out` of the last table row
    where: tuple[int, float] = (0, 0.0)  # page and top of the last row printed
    # the foot of the text area: a row that reaches it may have been split by the break
    foot = max((it.bottom for it in items), default=0.0)
    noted = False  # footnotes printed since the last table row (at its page's foot)
    for it in items:
        if it.table < 0:
            if not starts_with_sup(it.text):
                open_header = None  # text between the tables: a new table, not a continuation
            noted = True
            out.append(it)
            continue
        last = out[last_row] if last_row is not None else None
        resumes = it.page != where[0] or it.top < where[1] - 1.0  # a new page or column
        if it.row == 0 and it.cells == open_header and resumes:
            continue  # the header row repeated where the table continues
        where = (it.page, it.top)
        if (
            open_header is not None
            and last is not None
            and resumes
            and (
                continues_row(last.cells, it.cells)
                or _split_at_foot(last, it, foot)
                or _header_goes_on(last, it)
                or (noted and _first_cell_rest(last, it))
            )
        ):
            cells = [join_wrapped([a, b]) for a, b in zip(last.cells, it.cells, strict=True)]
            out[last_row] = replace(last, cells=cells)  # type: ignore[index]
            continue
        if it.row == 0:
            open_header = it.cells
        last_row = len(out)
        noted = False
        out.append(it)
    return out


def _header_goes_on(last: Item, it: Item) -> bool:
    """`it`, the first row where a table resumes, is the rest of its header `last`, cut by the
    break: the ends of words a cell or two long (`施` + `策`, `所管課略` + `称`), under cells
    the header began, in fewer than half of them, no figure (a repeated header fills every
    cell; a body row has figures or fills more)."""
    if last.row != 0 or len(last.cells) != len(it.cells):
        return False
    filled = [i for i, c in enumerate(it.cells) if c]
    return (
        bool(filled)
        and all(last.cells[i] for i in filled)
        and 2 * len(filled) <= sum(1 for c in last.cells if c)
        and all(
            len(it.cells[i]) <= 2 and not any(ch.isdigit() for ch in it.cells[i]) for i in filled
        )
    )


def _first_cell_rest(last: Item, it: Item) -> bool:
    """`it`, the first row where a table resumes after the footnotes of the page before, fills
    only its first cell, in words, under a row that filled more: the rest of that row's first
    cell on a line of its own (`放課後児童クラブの` + `登録児童数`), which the reader joins
    where it sits right under its row; the notes set between them at the page's foot hide that.
    A new row fills its values."""
    if len(last.cells) != len(it.cells) or not it.cells[0] or any(it.cells[1:]):
        return False
    return (
        bool(last.cells[0]) and any(last.cells[1:]) and not any(ch.isdigit() for ch in it.cells[0])
    )


def _split_at_foot(last: Item, it: Item, foot: float) -> bool:
    """`it`, the first row where a table resumes, is the rest of `last`, a row the break split:
    `last` runs down to the foot of the text area, and `it` fills only cells that `last` began,
    one of them with text that can only go on a cell (a new row never begins so)."""
    if len(last.cells) != len(it.cells) or last.bottom < foot - 0.6 * last.size:
        return False
    filled = [i for i, c in enumerate(it.cells) if c]
    if not filled or not all(last.cells[i] for i in filled):
        return False
    if any(_fragment(it.cells[i]) for i in filled):
        return True
    sparse = 2 * len(filled) < sum(1 for c in last.cells if c)
    # Or a sparse row that goes on a ruled cell whose line above filled its column to within a
    # letter or so (the cell wrapped there, `図書館の貸` + `出冊数`): a new row fills its values.
    if sparse and any(_fills_ruled_cell(last, i) for i in filled):
        return True
    # Or a sparse row that goes on the first cell and the digits of a number cut after the
    # last digit above (`公民館講座` + `の参加者数`, `760` + `0`): a new row fills its values.
    cut_number = any(i and last.cells[i][-1].isdigit() and it.cells[i][0].isdigit() for i in filled)
    return sparse and 0 in filled and cut_number


def _fills_ruled_cell(row: Item, k: int) -> bool:
    """Cell `k` of a ruled row, on one line, reaches within one and a half letters of its
    column's width (its rules; a padding each side and the letter that did not fit): the
    cell wrapped there. A full-width letter is an em of the row's size, others half."""
    ruled, text = row.ruled, row.cells[k]
    if ruled is None or k + 1 >= len(ruled) or len(ruled) != len(row.cells) + 1:
        return False
    width, column = ems(text) * row.size, ruled[k + 1] - ruled[k]
    # (no wider than its column: a cell of two lines or more may end its last line anywhere)
    return column - 1.5 * row.size <= width <= column


# Characters a cell never begins with but a wrapped line may: small kana, a long-vowel mark,
# closing marks and punctuation (Japanese line breaking keeps them off a line's start, yet a
# cell cut by a page break may begin with one). Particles are not among them: がん検診, のり.
_NOT_FIRST = set("っゃゅょぁぃぅぇぉゎァィゥェォッャュョヮー、。，．）)】」』〕］")


def _fragment(below: str) -> bool:
    """`below` can only be the rest of a cell: it begins where no cell begins (digits prove
    nothing: a No. column counts 1, 2 …)."""
    return below[0] in _NOT_FIRST


# --- the document -------------------------------------------------------------------------------


def body_size(items: Sequence[Item]) -> float:
    """The size most text outside tables is set in (table cells are often smaller)."""
    weights: Counter[float] = Counter()
    for it in items:
        if it.table < 0:
            weights[_size_key(it.size)] += sum(len(c) for c in it.cells)
    return weights.most_common(1)[0][0] if weights else 10.0


def heading_levels(items: Sequence[Item], body: float, s: PdfSettings) -> dict[float, int]:
    """Font sizes larger than body text, largest first: level 1, 2, …"""
    sizes = {_size_key(it.size) for it in items if it.table < 0}
    big = sorted((size for size in sizes if size >= body * s.heading_ratio), reverse=True)
    return {size: level for level, size in enumerate(big, start=1)}


def _level(it: Item, levels: dict[float, int]) -> int:
    """A heading's level from its size; a bold line at body size is the level below them all."""
    if it.table >= 0:
        return 0
    level = levels.get(_size_key(it.size), 0)
    if not level and it.bold and len(it.text) <= 60:
        return len(levels) + 1
    return level


@dataclass(frozen=True)
class RightEdges:
    """Where the text block ends on each page; on a page of two columns, where each ends."""

    pages: dict[int, tuple[float | None, float, float]]  # page: (gutter, left column, right)

    def of(self, it: Item) -> float:
        gutter, left, right = self.pages.get(it.page, (None, math.inf, math.inf))
        return left if gutter is not None and it.x0 < gutter else right


def _median_end(items: Sequence[Item], x0: float, x1: float) -> float:
    """The median end of the long lines between x0 and x1 (justified text with kinsoku stops a
    character or two short, hanging punctuation a little past)."""
    ends = sorted(i.x1 for i in _long_lines(items, x0, x1))
    return ends[len(ends) // 2] if ends else x1


def _long_lines(items: Sequence[Item], x0: float, x1: float) -> list[Item]:
    return [i for i in items if i.x0 >= x0 and i.x1 <= x1 + 5 and i.x1 - i.x0 > (x1 - x0) / 2]


# A scanned page with fewer long lines than this measures its text block with the other
# scanned pages of its size (a page of one-line sentences and a long heading has no measure
# of its own; the pages of one print share one)
_FEW_LONG_LINES = 5


def right_edges(results: Sequence[PageResult]) -> RightEdges:
    pages = {}
    shown: dict[int, tuple[bool, bool]] = {}  # page: (its columns' ends measured, left, right)
    scanned: dict[int, list[Item]] = {}  # page width: the scanned pages' text lines
    for r in results:
        if r.ocr_confidence is not None and r.gutter is None:
            scanned.setdefault(round(r.width), []).extend(i for i in r.items if i.table < 0)
    for r in results:
        text = [i for i in r.items if i.table < 0]
        if r.gutter is None:
            if r.ocr_confidence is not None and len(_long_lines(text, 0.0, r.width)) < (
                _FEW_LONG_LINES
            ):
                text = scanned[round(r.width)]
            pages[r.page] = (None, math.inf, _median_end(text, 0.0, r.width))
            continue
        left = [i for i in text if i.x1 <= r.gutter]
        right = [i for i in text if i.x0 >= r.gutter]
        start = min((i.x0 for i in left), default=0.0)
        end = max((i.x1 for i in right), default=r.width)
        pages[r.page] = (
            r.gutter,
            _median_end(left, start, r.gutter),
            _median_end(right, r.gutter, end),
        )
        shown[r.page] = (_shows_end(left, start, r.gutter), _shows_end(right, r.gutter, end))
    return RightEdges(_shared_measures(results, pages, shown))


def _shows_end(items: Sequence[Item], x0: float, x1: float) -> bool:
    """Whether lines between x0 and x1 show where the text block ends (`_median_end` has long
    lines to measure, not its fallback)."""
    return bool(_long_lines(items, x0, x1))


def _shared_measures(
    results: Sequence[PageResult],
    pages: dict[int, tuple[float | None, float, float]],
    shown: dict[int, tuple[bool, bool]],
) -> dict[int, tuple[float | None, float, float]]:
    """Two-column pages whose right column begins at one margin are set to one measure: each
    column ends where it ends on the page that shows it most (a page of short lines, list
    items and headings, shows its columns' ends short of where they are)."""
    margins: dict[int, tuple[float, float]] = {}  # page: (its right column's margin, width)
    for r in results:
        starts = [i.x0 for i in r.items if r.gutter is not None and i.x0 >= r.gutter]
        if starts:
            margins[r.page] = (min(starts), r.width)
    out = dict(pages)
    for page, (margin, width) in margins.items():
        same = [p for p, (m, _) in margins.items() if abs(m - margin) <= 0.01 * width]
        gutter, left, right = pages[page]
        lefts = [pages[p][1] for p in same if shown[p][0]]
        rights = [pages[p][2] for p in same if shown[p][1]]
        out[page] = (gutter, max(lefts, default=left), max(rights, default=right))
    return out


def results_to_document(
    results: Sequence[PageResult], name: str, s: PdfSettings, source_format: str = "pdf"
) -> Document:
    kept, dropped = drop_furniture(results, s)
    body = body_size(kept)
    levels = heading_levels(kept, body, s)
    rights = right_edges(results)
    items = number_footnotes(kept, body)
    items = join_paragraphs(items, rights, s, body)
    items = continue_footnotes(items, rights)
    items = regrid_resumed_tables(items, s.header_words)
    items = stitch_tables(items)
    lines = [
        Line(
            no=n,
            text=join_cells(it.cells),
            page=it.page,
            cells=tuple(it.cells),
            heading_level=_level(it, levels),
            box=it.box,
            confidence=it.confidence,
        )
        for n, it in enumerate(items, start=1)
    ]
    ocr = {r.page: r.ocr_confidence for r in results if r.ocr_confidence is not None}
    if ocr and len(ocr) == len(results):
        source_format = "ocr"
    return Document(
        lines=lines,
        source_name=name,
        source_format=source_format,  # type: ignore[arg-type]
        pages=len(results),
        layout_lines=dropped,
        ocr_pages=ocr,
        turned_pages={r.page: r.quarter for r in results if r.quarter},
    )


# --- tests of shape -----------------------------------------------------------------------------


def _size_key(size: float) -> float:
    return round(size * 2) / 2


def _unfinished(text: str) -> bool:
    """A cell cut off mid-bracket: more openers than closers."""
    return sum(text.count(c) for c in _OPENERS) > sum(text.count(c) for c in _CLOSERS)


def continues_row(above: Sequence[str], row: Sequence[str]) -> bool:
    """`row` is the rest of the row above, cut by a page or column break or wrapped onto a line
    of its own: the row above left a cell unfinished (a bracket open), and this row's text sits
    only in cells the row above had begun."""
    if len(above) != len(row):
        return False
    filled = [i for i, c in enumerate(row) if c]
    return (
        bool(filled)
        and all(above[i] for i in filled)
        and any(_unfinished(above[i]) for i in filled)
    )


def _note_goes_on(note: Item, it: Item, rights: RightEdges) -> bool:
    """The first footnote-sized line on the next page continues a footnote cut at the page end."""
    return (
        abs(note.size - it.size) < 0.3
        and not starts_with_sup(it.text)
        and not note.text.endswith(("。", "."))
        and note.x1 >= rights.of(note) - 2.5 * note.size
    )


def _gaps_below(items: Sequence[Item], rights: RightEdges, full: bool) -> list[float]:
    """The white between a text line and the next at its size on its page, in ems, sorted:
    below lines that run to their block's right edge (`full`), or below lines that stop short."""
    return sorted(
        (it.top - prev.bottom) / it.size
        for prev, it in zip(items, items[1:], strict=False)
        if prev.table < 0
        and it.table < 0
        and prev.page == it.page
        and abs(prev.size - it.size) <= 0.5
        and (prev.x1 >= rights.of(prev) - 2.5 * prev.size) == full
        and it.top > prev.bottom
    )


def _leading(items: Sequence[Item], rights: RightEdges) -> float | None:
    """The white between the wrapped lines of the document's paragraphs, in ems: the lower
    quartile of the gaps below lines that run to their block's right edge (a heading that
    fills its column is followed by a paragraph's spacing, wider). None with few of them."""
    ratios = _gaps_below(items, rights, full=True)
    return ratios[len(ratios) // 4] if len(ratios) >= 8 else None


def _paragraph_spacing(items: Sequence[Item], rights: RightEdges) -> float | None:
    """The white below a paragraph's last line (one that stops short of its block's right
    edge) down to the next line of text at its size, in ems: the median. None with few."""
    ratios = _gaps_below(items, rights, full=False)
    return ratios[len(ratios) // 2] if len(ratios) >= 8 else None


def _continues(
    prev: Item,
    it: Item,
    right: float,
    s: PdfSettings,
    body: float = 0.0,
    leading: float | None = None,
    spacing: float | None = None,
) -> bool:
    """A wrapped line of the same paragraph: same size, right below, and the line above running
    to the text block's right edge."""
    if abs(prev.size - it.size) > 0.5 or starts_with_sup(it.text):
        return False
    if BULLET.match(it.text) or _ITEM_START.match(it.text):
        return False  # the next item of a list (・, ①, （２）)
    if _PAGE_NUMBER.match(it.text.strip(" -－―")) or _PAGE_NUMBER.match(it.text):
        return False  # a page number the text prints on a line of its own (`- 16 -`)
    if prev.bold != it.bold:
        return False  # a bold heading does not run on into the text below it
    if _titled_heading(prev.text, prev.confidence is not None) and _unspecked(it).endswith("。"):
        return False  # `基本目標３ …をつくる` over a sentence: a title runs on into no sentence
    if _LABEL_START.match(it.text) or FOOTNOTE_START.match(it.text) or _NOTE_START.match(it.text):
        return (
            False  # 【数値目標】, ＜主な事業＞, ◎施策の目標, ※１ …: a label or a note starts here
        )
    if "→" in prev.text and "→" in it.text and prev.text.endswith(("）", ")")):
        return False  # lines of targets, each whole: `指標 534千トン（2014年度）→380千トン（2019年度）`
    if prev.text.endswith("。") and not it.text.endswith(("。", "、", "）", ")")):
        if it.x1 < right - 2.5 * it.size:
            return False  # a short line after a finished sentence: a heading, not the paragraph
    scanned = it.confidence is not None
    numbered = _NUMBERED_START.match(it.text) or (
        scanned and (_NUMBERED_GLUED.match(it.text) or _NUMBER_GLUED.match(it.text))
    )
    # (not a figure: `12 人`, `76.1億円`; a number and its point, `２．若い世代が…`, is a list's,
    # and so is a number and a space before a word that counts nothing, `３　施策の体系`)
    after = it.text[len(numbered.group(0)) :].lstrip() if numbered else ""
    worded = numbered and (
        not it.text[:1].isdigit()
        or numbered.group(0).endswith(("．", "."))
        or (numbered.group(0)[-1].isspace() and _TITLE_AFTER_NUMBER.match(after) is not None)
    )
    ended = _unspecked(prev).endswith(("。", "）", ")", "」"))
    if numbered and (worded or ended) and it.x1 < right - 2.5 * it.size:
        # `取組方針２ …`, `具体的な施策２ …` after a list or a paragraph that ended at the edge:
        # a heading
        return False
    if prev.x1 < right - 2.5 * prev.size:
        return False  # the line above stops short: its paragraph ends there
    if abs(it.x0 - prev.x0) < 2 * it.size and it.x1 > prev.x1 + 1.5 * it.size:
        # the line below (in the same column) runs on further: the one above did not fill
        # its measure
        return False
    indent = it.x0 - prev.x0
    indented = 0.5 * it.size < indent < 1.6 * it.size or it.text.startswith("\u3000")
    if indented and not _hangs(prev.text):
        return False  # a first line indented by one em: a new paragraph (after a heading too)
    # Within a paragraph the lines keep one spacing; a wider one starts the next paragraph.
    # Baselines measure it exactly; glyph boxes differ between fonts (a Latin fallback).
    pitch = _pitch(prev, it)
    if prev.line_pitch is not None and pitch is not None:
        return pitch < prev.line_pitch + 0.15 * it.size
    gap = it.top - prev.bottom
    ratio = s.join_gap_ratio
    if body and it.size > s.heading_ratio * body:
        ratio = max(ratio, 1.6)  # a heading in large type is set with more leading
    elif leading is not None and body and abs(it.size - body) <= 0.5:
        # Wider than the document's own leading: a new block (set with a wide line height,
        # 150%, its lines are joined at that leading, wider than the usual limit); and no
        # wider than halfway to the spacing below its paragraphs (a list item that fills its
        # column is followed by the next item a paragraph's spacing below). Both are
        # measured on the body text, in its size.
        ratio = leading + 0.3 if leading + 0.3 > ratio else min(ratio, leading + 0.3)
        if spacing is not None and spacing > leading:
            ratio = min(ratio, max(leading + 0.1, (leading + spacing) / 2))
    elif leading is not None:
        ratio = min(ratio, leading + 0.3)  # wider than the document's own leading: a new block
    limit = ratio * it.size if prev.line_gap is None else prev.line_gap + 0.15 * it.size
    return gap < limit


def _hangs(text: str) -> bool:
    """A line whose next lines may be indented under its text: a list item or a note."""
    return bool(
        BULLET.match(text)
        or _ITEM_START.match(text)
        or _NUMBERED_START.match(text)
        or FOOTNOTE_START.match(text)
        or starts_with_sup(text)
    )


def _pitch(prev: Item, it: Item) -> float | None:
    if prev.baseline is None or it.baseline is None:
        return None
    return it.baseline - prev.baseline
