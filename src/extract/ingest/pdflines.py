"""A page's (or a column's) text lines → its items, after `ingest/gutter.py` has cut a
two-column page into columns: `lines_to_items` reads runs of lines whose text aligns in columns
as the rows of a borderless table (found by `ingest/borderless.py`, its rows and cells read by
`ingest/tablerows.py`), a line of three runs or more (or two that name columns) as a row on its
own, and every other line as text, with its baseline, weight and the runs it is cut into.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from extract.ingest.borderless import (
    _aligned_starts,
    _borderless,
    _centred_names,
    _header_cells,
    _header_columns,
    _header_row,
    _heads_table,
    _lone_row_fits,
    _name_around,
    _paragraph_starts,
    _resumed_table,
    _rows_above,
    _ruled_above,
    _under_ruled_head,
)
from extract.ingest.layout import Item, continues_row
from extract.ingest.pdfchars import _bold, _box, _median_size, _segments, chars_to_lines, text_of
from extract.ingest.pdfium import Char
from extract.ingest.tablerows import (
    _cells_of,
    _cells_wrapped,
    _filled_columns,
    _header_wrapped,
    _merge_spread_names,
    _merge_unnamed,
    _name_over_its_text,
    _rows_between_rules,
    _rows_by_overlap,
    _rows_by_pitch,
)
from extract.ingest.vrules import Rule, ruled_columns
from extract.settings import PdfSettings
from extract.text import join_wrapped


def lines_to_items(
    lines: list[list[Char]],
    number: int,
    s: PdfSettings,
    first_table: int,
    resume: Sequence[float] | None = None,
    rules: Sequence[tuple[float, float, float]] = (),
    vrules: Sequence[Rule] = (),
    heads: Sequence[Item] = (),
) -> tuple[list[Item], int]:
    """Text lines, with runs of lines whose text aligns in columns read as borderless tables.
    `resume`: where the columns begin of a borderless table that ran to the foot of the
    column before, moved to this one (its rest at the top is read in them); `rules`: the
    page's horizontal lines (y, x0, x1), parting the rows of a table ruled with those only;
    `vrules`: its vertical lines (x, top, bottom), the column cuts of a table ruled between
    its columns only (`ingest/vrules.py`); `heads`: the page's ruled table rows (a ruled header
    gives its columns to the borderless rows under it)."""
    items: list[Item] = []
    table = first_table
    i = 0
    text_lines: list[int] = []  # lines read as text since the last table, in order
    # where text lines begin: those read so far, and paragraph lines (one run across most of
    # the region) anywhere on it, for a table at the page top
    margins = _paragraph_starts(lines, s)
    lone: dict[int, Item] = {}  # lines read as a row on their own (a header's second line)
    placed: dict[int, Sequence[float]] = {}  # of those, rows placed in a ruled header's columns
    right = max((_box(line)[2] for line in lines if line), default=0.0)  # the text's right edge
    while i < len(lines):
        above = lone.get(i - 1)
        wrapped = (
            _wrapped_in(lines[i], above, lines[i - 1], placed[i - 1], s)
            if above is not None and items and items[-1] is above and i - 1 in placed
            else None
        )
        if above is not None and wrapped is not None:
            # cells of a row placed in a ruled header's columns, wrapped onto the next line
            above.cells = wrapped
            above.bottom = _box(lines[i])[3]
            lone[i] = above
            placed[i] = placed[i - 1]
            i += 1
            continue
        ruled = ruled_columns(lines, i, vrules, s)
        found = ruled or _borderless(lines, i, s, margins)
        if ruled is None and i <= 1 and resume is not None:
            # (under a running header, at most)
            resumed = _resumed_table(lines[i:], resume, s)
            if resumed is not None and (found is None or len(found[1]) < len(resumed[1])):
                found, resume = resumed, None
        if found is not None:
            count, cuts, starts = found
            if not ruled:
                cuts, starts = _under_ruled_head(lines[i : i + count], cuts, starts, heads, s)
            # (a ruled table's first line is its first; its columns are where its rules are)
            first = i if ruled else _rows_above(lines, i, text_lines, cuts, starts, s)
            del items[len(items) - (i - first) :]  # those lines were read as text: rows now
            if (
                not ruled
                and first == i
                and i - 1 not in placed  # (a header's line the ruled columns placed stays)
                and lone.get(i - 1) is not None
                and items
                and items[-1] is lone[i - 1]
            ):
                aligned = _aligned_starts(lines[i : i + count], cuts, starts)[1]
                if _lone_row_fits(lines[i - 1], lines[i], aligned, s):
                    del items[-1]  # a row of cells right above, in the table's columns
                    first = i - 1
            # a header row read alone above, its names wrapped around it (names set at the
            # row's middle), with their lines above and under it (the one under may be the
            # table's first line already): the table's first row
            named = False
            for header in (first - 2, first - 1):
                back = len(items) - (first - header)
                if (
                    not ruled
                    and back >= 0
                    and lone.get(header) is not None
                    and items[back] is lone[header]
                    and header - 1 in text_lines
                    and (header + 1 == first or header + 1 in text_lines)
                    and _header_row(lines[header], s)
                    and _name_around(lines, header, s) == (header - 1, header + 1)
                ):
                    del items[back - 1 :]
                    first, named = header - 1, True
                    break
            count += i - first
            i = first
            text_lines = []
            if not ruled:
                cuts, starts = _aligned_starts(lines[i : i + count], cuts, starts, s)
                cuts, starts = _header_columns(lines[i : i + count], cuts, starts, s)
                cuts, starts = _centred_names(lines[i : i + count], cuts, starts, right, s)
                cuts, starts = _under_ruled_head(lines[i : i + count], cuts, starts, heads, s)
            # the white before the line after the table: how far apart the table's rows are not
            after = (
                _box(lines[i + count])[1] - _box(lines[i + count - 1])[3]
                if i + count < len(lines)
                else None
            )
            # (a header's lines wrapped around it are one row, whatever their pitch)
            skip = 3 if named else 0
            head = [c for line in lines[i : i + skip] for c in line]
            body = lines[i + skip : i + count]
            # (the white under a header's line placed in a ruled header's columns, right above)
            under = (
                _box(lines[i])[1] - items[-1].bottom
                if not skip and items and i - 1 in placed and items[-1] is lone.get(i - 1)
                else None
            )
            headed = bool(head) or _heads_table(lines, i, s)
            block = _rows_by_pitch(_rows_by_overlap(body, s), s, after, under, headed and not skip)
            block = _rows_between_rules(block, rules, s)
            block = [head, *block] if head else block
            grid = [min(_box(line)[0] for line in block), *starts]
            raw = [_cells_of(line, cuts, s) for line in block]
            if headed:
                block, raw = _header_wrapped(block, raw, cuts, s)
            block, raw = _cells_wrapped(block, raw, cuts, starts, int(headed), s)
            if headed and not ruled:
                # (a column ruled off is one)
                raw = _merge_unnamed(_name_over_its_text(_merge_spread_names(raw)))
            keep = _filled_columns(raw)
            cells = [[row[k] for k in keep] for row in raw]
            kept_starts = tuple(grid[k] for k in keep)
            r = 0
            for line, row in zip(block, cells, strict=True):
                last = items[-1] if r else None
                if last is not None and continues_row(last.cells, row):
                    # a cell wrapped onto a line of its own: `…発電）【廃` + `対】`
                    last.cells = [
                        join_wrapped([a, b]) for a, b in zip(last.cells, row, strict=True)
                    ]
                    last.bottom = _box(line)[3]
                    last.runs = (*(last.runs or ()), *_runs(line, s))
                    continue
                x0, top, x1, bottom = _box(line)
                item = Item(number, top, bottom, x0, x1, _median_size(line), row, table, r)
                item.starts = kept_starts
                item.runs = _runs(line, s)
                items.append(item)
                r += 1
            table += 1
            i += count
            continue
        line = lines[i]
        segments = _segments(line, s)
        if _header_row(line, s):
            # names a word space apart are columns too (a header alone at a page foot whose
            # names sit closer than a column gap)
            segments = _header_cells(line, s)
        x0, top, x1, bottom = _box(line)
        head = _ruled_above(top, x0, x1, _median_size(line), heads)
        ruled = head.ruled if head is not None else None
        band = _ruled_band(lines, i, ruled, rules, s) if ruled is not None else 0
        under = False
        if band:
            # a row ruled off above and below, its first cell wrapped around the others set
            # at its middle (`生涯学習講座の受講` / `人 14,568 …` / `者数`): one row, its lines'
            # runs placed in the header's columns as a row on its own is
            line = [c for ln in lines[i : i + band] for c in ln]
            segments = [g for ln in lines[i : i + band] for g in _segments(ln, s, 0.25)]
            x0, top, x1, bottom = _box(line)
            under = True
        elif head is not None and head.ruled is not None and len(segments) < 3:
            # right under a ruled row of a header: runs a word space apart, each inside a
            # column of its own, are that header's next line (`（R5） （R10）`)
            # (set close under it, its first column left blank: no heading or text after it)
            # (a row of the table's own size may fill its first column, or only one other:
            # `伝統工芸…事業【企業】` alone in its column, on a page the table goes on to)
            words = _segments(line, s, 0.25)
            where = [_column_of(_box(g), head.ruled) for g in words]
            own_size = abs(_median_size(line) - head.size) < 0.5
            # (under a row placed so, the rows' own pitch: a padding and a leading of 1.5 lines)
            reach = 2.0 if own_size and any(head is it for it in lone.values()) else 1.0
            if (
                (
                    len(words) >= 2
                    or (own_size and where[0] is not None and where[0] >= 1)
                    or (own_size and where == [0] and _row_follows(lines, i, head, s))
                )
                and None not in where
                and len(set(where)) == len(where)
                and (min(where) >= 1 or own_size)  # type: ignore[type-var]
                and top - head.bottom <= reach * _median_size(line)
            ):
                segments, under = words, True
        if len(segments) >= 3 or (
            len(segments) >= 1 + (not under) and (_header_row(line, s) or under)
        ):
            # A row on its own, three cells or more apart or two that name columns (a table's
            # header alone at a page foot, the rest of a table at the top of the next page):
            # one cell per run.
            cells = [text_of(_with_blanks(line, segment), s)[0] for segment in segments]
            starts = tuple(_box(segment)[0] for segment in segments)
            if head is not None and head.ruled is not None:
                # under a ruled row of its header: its names in that header's columns
                cells, starts = _in_columns(line, segments, head.ruled, s)
                placed[i] = head.ruled
            item = Item(number, top, bottom, x0, x1, _median_size(lines[i]), cells, table, 0)
            item.starts = starts
            if i in placed:
                # (a header's line in the ruled columns: the rows under it are in them too)
                item.ruled = placed[i]
                heads = [*heads, item]
            item.runs = _runs(line, s)
            items.append(item)
            lone[i] = item
            table += 1
            i += max(band, 1)
            continue
        text, size = text_of(line, s)
        if text:
            x0, top, x1, bottom = _box(line)
            item = Item(number, top, bottom, x0, x1, size, [text])
            item.baseline = statistics.median(float(c.get("baseline", c["bottom"])) for c in line)
            item.bold = _bold(line)
            if len(segments) == 2:
                item.parts = tuple((_box(g)[0], text_of(g, s)[0]) for g in segments)
            items.append(item)
            text_lines.append(i)
            if i + 1 >= len(lines) or _box(lines[i + 1])[1] >= bottom - 0.15 * size:
                margins.append(x0)  # (a line the next overlaps is a cell's, set at a row's middle)
        i += 1
    return items, table


def _wrapped_in(
    line: Sequence[Char], row: Item, last: Sequence[Char], ruled: Sequence[float], s: PdfSettings
) -> list[str] | None:
    """The cells of `row` (placed in the columns `ruled` shows; `last`: its last line) with
    `line` as their wrapped rest: set a wrapped line's leading under it (up to ~1.2 em of white
    at 1.5 lines), each of its runs inside a column where the row's last line runs to the
    column's end (it wrapped there); None where it is no such line (the next row)."""
    size = _median_size(line)
    if _box(line)[1] - row.bottom > 1.2 * size:
        return None
    where = _columns_of_runs(line, ruled, s)
    if not where or any(k is None or k >= len(row.cells) or not row.cells[k] for k in where):
        return None
    for k in where:
        ends = [
            float(c["x1"])
            for c in last
            if str(c["text"]).strip()
            and ruled[k] <= (float(c["x0"]) + float(c["x1"])) / 2 < ruled[k + 1]  # type: ignore[index]
        ]
        if not ends or max(ends) < ruled[k + 1] - 2.0 * size:  # type: ignore[index]
            return None
    rest = _cells_of(line, ruled[1:-1], s)
    return [join_wrapped([a, b]) if b else a for a, b in zip(row.cells, rest, strict=False)]


def _ruled_band(
    lines: Sequence[Sequence[Char]],
    i: int,
    ruled: Sequence[float],
    rules: Sequence[tuple[float, float, float]],
    s: PdfSettings,
) -> int:
    """How many lines from `i` on are one row of the columns `ruled` shows (under a ruled
    header): lines between the same two horizontal rules across those columns (a table ruled
    across only), or lines each overlapping the ones before (a cell's lines set solid, the
    row's other cells at its middle, half a line off each) — each run inside one column,
    two columns or more filled, by one line at most (a header's row of years too, `（2023年`
    / `（2029年度）` / `度）`). 0 where there are no such lines (two or more)."""
    size = _median_size(lines[i])
    reach = 0.2 * (ruled[-1] - ruled[0])
    ys = sorted(y for y, a, b in rules if a <= ruled[0] + reach and b >= ruled[-1] - reach)
    top = _box(lines[i])[1]
    above = [y for y in ys if y <= top + 0.2 * size]
    below = [y for y in ys if y > top + 0.2 * size]
    # (the rule above a cell's padding away, the one below another's: a row's own rules)
    banded = bool(above and below) and top - above[-1] <= 1.0 * size
    end, filled, rows, bottom = i, set(), 0, _box(lines[i])[3]
    while end < len(lines):
        box = _box(lines[end])
        if banded and box[3] > below[0] + 0.2 * size:
            break
        if end > i and not banded and box[1] >= bottom - 0.15 * size:
            break
        if abs(_median_size(lines[end]) - size) > 0.5:
            return 0
        if end > i and box[1] - _box(lines[end - 1])[3] > 0.6 * size:
            return 0  # lines a leading apart, a cell's, not rows or a heading after them
        where = _columns_of_runs(lines[end], ruled, s)
        if None in where:
            return 0
        filled |= set(where)
        rows += len(set(where)) >= 2
        bottom = max(bottom, box[3])
        end += 1
    if end - i < 2 or len(filled) < 2 or rows > 1:
        return 0  # (two lines of cells: rows a rule does not part, a table ruled at its edges)
    if banded and below[0] - _box(lines[end - 1])[3] > 1.0 * size:
        return 0
    return end - i


def _row_follows(lines: Sequence[Sequence[Char]], i: int, head: Item, s: PdfSettings) -> bool:
    """Whether line `i` begins where the first cell of the row above (`head`, placed in ruled
    columns) does and the line after it is a row of those columns, a cell in the first and
    another further on (no header): a line in the first column alone between two such rows
    is a row of the table with only that cell filled (a name continued on a row of its own,
    as a sheet typed in rows prints it), not a heading, a caption or the text after the
    table."""
    if i + 1 >= len(lines) or head.ruled is None or not head.starts or not head.cells[0]:
        return False
    if abs(_box(lines[i])[0] - head.starts[0]) > 0.3 * _median_size(lines[i]):
        return False
    if _header_row(lines[i + 1], s):
        return False
    where = _columns_of_runs(lines[i + 1], head.ruled, s)
    return len(where) >= 2 and where[0] == 0 and None not in where


def _columns_of_runs(
    line: Sequence[Char], ruled: Sequence[float], s: PdfSettings
) -> list[int | None]:
    """The column of `ruled` each of a line's runs (a word space apart) sits in, None for one
    across."""
    return [_column_of(_box(g), ruled) for g in _segments(line, s, 0.25)]


def _column_of(box: tuple[float, float, float, float], ruled: Sequence[float]) -> int | None:
    """The column between two of `ruled`'s rules that holds a run, None for a run across."""
    return next(
        (
            k
            for k in range(len(ruled) - 1)
            if ruled[k] - 1.0 <= box[0] and box[2] <= ruled[k + 1] + 1.0
        ),
        None,
    )


def _in_columns(
    line: Sequence[Char], segments: Sequence[Sequence[Char]], ruled: Sequence[float], s: PdfSettings
) -> tuple[list[str], tuple[float, ...]]:
    """A row's cells placed in the columns a ruled row above shows (`ruled`: where each begins,
    then the table's end); a column it leaves blank begins that column's padding in."""
    cells = _cells_of(line, ruled[1:-1], s)
    size = _median_size(line)
    firsts: dict[int, float] = {}
    for segment in segments:
        x = _box(segment)[0]
        k = max(0, sum(1 for r in ruled[1:-1] if x >= r))
        firsts[k] = min(firsts.get(k, x), x)
    pad = min((x - ruled[k] for k, x in firsts.items()), default=0.0)
    pad = min(max(pad, 0.0), size)
    starts = tuple(firsts.get(k, ruled[k] + pad) for k in range(len(ruled) - 1))
    return cells, starts


def _with_blanks(line: Sequence[Char], segment: Sequence[Char]) -> list[Char]:
    """A run's characters with the space glyphs set inside it (a segment holds ink only)."""
    x0, _, x1, _ = _box(segment)
    blanks = [
        c
        for c in line
        if not str(c["text"]).strip() and x0 < (float(c["x0"]) + float(c["x1"])) / 2 < x1
    ]
    return [*segment, *blanks]


def _runs(row: Sequence[Char], s: PdfSettings) -> tuple[tuple[tuple[float, str], ...], ...]:
    """A table row's text runs a word space apart or more, line by line, with where each
    begins: a part of the table resumed on the next page is placed by them in the columns of
    the first part (a narrow column that this page's gaps did not show, a cell that fills its
    column)."""
    return tuple(
        tuple((_box(seg)[0], text_of(seg, s)[0]) for seg in _segments(line, s, 0.25))
        for line in chars_to_lines(list(row), s)
    )
