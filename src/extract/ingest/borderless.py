"""Borderless tables: where a run of text lines whose text aligns in columns begins and ends,
and where its columns are (the cuts between them, and where each one's text begins).

`_borderless` finds a table that starts at a line: lines in one size set close together, at
least two of them cut by wide gaps that line up (the gutters of `ingest/columns.py`), or a
header row (`_heads_table`) with rows under it. `_rows_above` takes in the lines just above it
that were read as text, `_resumed_table` reads the rest of a table at the top of a column in
the columns its first part set, and `_aligned_starts` and `_header_columns` add the columns
whose gaps are too narrow to show. Used by `ingest/pdflines.py`'s `lines_to_items`; the rows
and cells of a table found here are read by `ingest/tablerows.py`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from extract.ingest.columns import Segment, gutters
from extract.ingest.layout import (
    CAPTION_ALONE,
    FOOTNOTE_START,
    PAGE_MARK,
    PAGE_NUMBER,
    Item,
    names_columns,
)
from extract.ingest.pdfchars import _box, _median_size, _segments, text_of
from extract.ingest.pdfium import Char
from extract.settings import PdfSettings


def _segment_rows(
    line: Sequence[Char], s: PdfSettings, ratio: float | None = None
) -> list[Segment]:
    return [Segment(*_box(seg)[0::2], "") for seg in _segments(line, s, ratio)]


def _loosest_white(lines: Sequence[Sequence[Char]], size: float) -> float:
    """How far apart a table's lines in `size` may sit: 1.6 em, or a little over the white its
    region's lines in that size repeat when they are set looser (cells at 1.5 or double
    spacing, where a wrapped cell's line and the next row sit as far below as 1.6 em or more).
    Lines a paragraph apart do not set it: the median is the white most lines sit apart."""
    whites = [
        _box(b)[1] - _box(a)[3]
        for a, b in zip(lines, lines[1:], strict=False)
        if a
        and b
        and abs(_median_size(a) - size) <= 0.3
        and abs(_median_size(b) - size) <= 0.3
        and _box(b)[1] > _box(a)[3]
    ]
    if len(whites) < 3:
        return 1.6 * size
    return max(1.6 * size, 1.15 * statistics.median(whites))


def _crosses(
    line: Sequence[Char], cuts: Sequence[float], starts: Sequence[float] | None = None
) -> bool:
    """Whether text runs across a cut: a character over it, or no word space around it (a row
    whose cells sit a space apart, `教育環境 就学援助事業【学教】`, still fits the columns). A
    long cell that runs past a cut but stops before the next column's text begins (`starts`,
    one per cut: a name running into the blank side of a ○ column) does not cross it."""
    inked = sorted((c for c in line if str(c["text"]).strip()), key=lambda c: float(c["x0"]))
    if not inked:
        return False
    size = _median_size(inked)
    first, last = float(inked[0]["x0"]), float(inked[-1]["x1"])
    for k, x in enumerate(cuts):
        if not first < x < last:
            continue
        if starts is not None and first < x and last < starts[k] - 0.5 * size:
            continue  # an overrun into the blank before the next column
        before = [c for c in inked if float(c["x1"]) <= x]
        after = [c for c in inked if float(c["x0"]) >= x]
        if len(before) + len(after) < len(inked):
            return True  # a character over the cut
        if float(after[0]["x0"]) - float(before[-1]["x1"]) < 0.3 * size:
            return True  # letters of one word on both sides
    return False


def _column_starts(rows: Sequence[Sequence[Segment]], cuts: Sequence[float]) -> list[float]:
    """For each cut, where the text of the column after it begins."""
    return [min((g.x0 for row in rows for g in row if g.x0 >= x), default=x) for x in cuts]


def _rows_above(
    lines: Sequence[Sequence[Char]],
    start: int,
    text_lines: Sequence[int],
    cuts: Sequence[float],
    starts: Sequence[float],
    s: PdfSettings,
) -> int:
    """Where a borderless table found at `start` really begins: lines just above it, set close
    in its size, that fit its columns are its first rows (the rest of a table begun on the
    page before). The topmost of them has text past the first cut: a caption or a heading
    above a table sits in the first column only, while a row in the first column alone (a
    row shifted left) belongs to the table when rows above it do."""
    size = _median_size(lines[start])
    if cuts and _heads_table(lines, start, s):
        # a table whose first line names its columns begins there, with the lines of its
        # header's cells that overlap it (a name wrapped in its cell, the row's other names
        # set at its middle: `単` + `位` above and below `指標 策定時`)
        first = start
        while (
            first - 1 in text_lines
            and _box(lines[first - 1])[3] - 0.15 * size > _box(lines[start])[1]
        ):
            first -= 1
        return first
    if not cuts:
        return start
    first = k = start
    loose = _loosest_white(lines, size)
    for prev in reversed(text_lines):
        line = lines[prev]
        if (
            prev != k - 1
            or abs(_median_size(line) - size) > 0.6
            or _box(lines[k])[1] - _box(line)[3] > loose
            or _crosses(line, cuts, starts)
            or CAPTION_ALONE.match(text_of(line, s)[0].strip())  # (`＜施策＞` heads it)
        ):
            break
        k = prev
        if _box(line)[2] > cuts[0]:
            first = k
    return first


def _borderless(
    lines: list[list[Char]], start: int, s: PdfSettings, margins: Sequence[float] = ()
) -> tuple[int, list[float], list[float]] | None:
    """A borderless table starting at `start`: (lines, column cuts, where each column after a
    cut begins), or None. Its rows are lines
    in one font size, set close together; at least two of them cut into segments by wide gaps,
    and the gaps line up (the gutters). A line with one segment belongs to it while it stays
    inside one column (the rest of a wrapped cell, a row with one cell filled) and does not
    begin at the text's margin (`margins`: where the text lines above begin) away from where
    any cell begins."""
    # A header row gives the columns before any row does (rows with one cell filled each),
    # and under it cells are told apart by a half em: a narrow table's cells sit a padding
    # apart, closer than the gap that otherwise starts a cell.
    headed = _heads_table(lines, start, s)
    ratio = s.cell_gap_ratio if headed else None
    if len(_segments(lines[start], s, ratio)) < 2:
        return None
    size = _median_size(lines[start])
    width = (min(0.8, s.cell_gap_ratio) if headed else 0.8) * size
    multi = [_segment_rows(lines[start], s, ratio)]
    end = start + 1
    last_bottom = _box(lines[start])[3]
    loose = _loosest_white(lines, size)
    head_bottom = last_bottom  # the bottom of the last line of cells (the header's, at first)
    widest = 0.0  # the widest white between two lines of the table so far
    cuts = gutters(multi, min_width=width) if headed else []
    fitted = float("inf")  # where the rows kept by the columns' starts alone begin
    # each line's white above it and whether it may go on a cell of the line above
    spaced: list[tuple[float, bool]] = []
    was_beside = False  # the line above filled only columns right of the line above it
    # the lines so far are the header's (its names' wrapped rests); on a grid of rows a
    # header's names and their rests keep to rows of their own (a text laid out with spaces)
    in_head = headed and not s.grid_rows
    after_head = False  # the line above was the header's last
    rests: set[int] = set()  # the rows of `multi` that are a header name's wrapped rest
    while end < len(lines):
        line = lines[end]
        box = _box(line)
        white = box[1] - last_bottom
        if abs(_median_size(line) - size) > 0.6:
            break
        segments = _segment_rows(line, s, ratio)
        fine = _at_known_starts(line, multi, size, s)
        if fine is not None and len(fine) > len(segments):
            # a narrow table's cells a padding apart (`１．次代を担うひとを育 施策１ …`): cut
            # where the cells of the rows above begin
            segments = fine
        if white > loose and not (
            white <= max(3.0 * size, loose) and _at_column_starts(segments, multi, cuts, size)
        ):
            # white above a row is a row taller than its text only where the row's cells begin
            # right at the columns (a spreadsheet sets a row's cells at its bottom)
            break
        if FOOTNOTE_START.match(text_of(line, s)[0]) and not _marker_cell(line, s):
            break  # `※3 各年度末時点の数値である。`: a note under the table
        # (a line that goes on cells of the line above that wrapped — or of the line above
        # that one, where the cells between sit at the row's middle —, or fills the columns
        # right of its cells: the row's other cells set lower, beside a raised note number
        # or at the row's middle)
        grid = s.grid_rows and bool(cuts)
        above = _segment_rows(lines[end - 1], s, ratio) if grid else []
        longest = _longest_in_columns(lines[start:end], cuts, s, ratio) if grid else {}
        beside = grid and _right_of(segments, above, cuts)
        goes_on = grid and (
            beside
            or _goes_on_a_cell(segments, above, longest, cuts, size)
            or (
                was_beside
                and _goes_on_a_cell(
                    segments, _segment_rows(lines[end - 2], s, ratio), longest, cuts, size
                )
            )
        )
        was_beside = beside
        # the table's rows set apart (a blank line) and this line close under the last, where
        # no row began as close: a wrapped cell's next line, or text after it (the white under
        # the first line is no proof: a header is often set apart). On a grid of rows only:
        # a PDF's rows and lines show their spacing to a point, and a cell set a little
        # closer is no text after the table.
        close = (
            grid
            and any(w >= white + 0.5 * size for w, _ in spaced[1:])
            and not any(w < white + 0.5 * size and not g for w, g in spaced)
        )
        if (
            close
            and len(segments) == 1
            and spaced[-1][0] >= white + 0.5 * size
            and _few_cells(above, cuts)
        ):
            # a row of half the columns or fewer and not the last, set apart as the rows are,
            # with one line of text close under it: the heading or the line of text before
            # what follows the table (`基本戦略１　…` under a 体系 table, `＜基本的方向＞`
            # below it; `新規就農者数（累計）　6年間で36人`, then `＜施策＞`)
            end -= 1
            break
        if close and not goes_on:
            # close under the last row and going on none of its cells: the heading or text
            # right after the table (`基本目標１　…` under a 体系 table, `新規就農者数（累計）
            # 5年間で30人` under `出生数`)
            break
        alone = text_of(line, s)[0].strip() if len(segments) == 1 else None
        if alone is not None and (
            white > max(widest + 0.25 * size, 1.0 * size)
            and PAGE_NUMBER.match(alone)
            or PAGE_MARK.match(alone)
        ):
            break  # the page's number set apart under a table at its foot (not a cell's `0）`)
        if (
            alone is not None
            and abs(segments[0].x0 - min(row[0].x0 for row in multi)) < 0.5 * size
            and (CAPTION_ALONE.match(alone) or _bulleted_after(alone, lines[start:end], s))
        ):
            # at the table's edge, `【主な事業】`: the caption of what follows, the next table's
            # or list's; `◆出会い応援事業（総務企画課）`: a list set right under it (not a
            # cell's wrapped `【都計・環境】` or `・環境】` further in)
            break
        core = [row for k, row in enumerate(multi) if k not in rests]
        if (len(core) >= 2 or not headed) and _header_row(line, s):
            # the header of another table set right below (a header's second line may name
            # columns too)
            break
        left = segments and segments[0].x0 < min(fitted, *(row[0].x0 for row in multi)) - 0.2 * size
        row = _with_cells_beside(lines, end, segments, s, ratio) if left and headed else []
        # (a first row whose cells sit at its middle beside a first cell that wrapped, set
        # below the header's lines — the header's own lines of years or wrapped names above
        # it; a name centred between a header's wrapped lines overlaps them and is the header's)
        beside = len(row) > len(segments) and len(core) <= 2 and box[1] > head_bottom
        # (a header's second line of years sits under its later names only; a row under the
        # header begins at its first column, and a heading under that row is no row)
        years = len(core) == 2 and core[1][0].x0 > core[0][0].x0 + size
        if (
            left
            and headed
            and (
                beside
                or (len(core) == 1 or years)
                and len(_segment_rows(line, s, 0.25)) == len(segments)
            )
            and _under_centred_names(row if beside else segments, multi[0])
        ):
            # the first row under names centred in their cells: its cells, not the names,
            # show where the columns are
            multi, cuts, rests = [row if beside else list(segments)], [], set()
        elif (
            left
            and white > -0.15 * size  # (a line the one above overlaps is of its row)
            and not _fills_first_column(line, multi, s)
            and not (headed and _under_blank_header(line, multi, s))
        ):
            # text set left of where the table's cells begin (they sit a padding inside its
            # edge, and a wrapped cell's lines all begin there): the body text after it; a
            # row whose other cells begin right at the columns fills a first column that the
            # rows above left empty
            break
        if len(segments) >= 2:
            trial = gutters([*multi, segments], min_width=width)
            if len(trial) < len(cuts):
                # cells a word space apart run together at a column gap's width: cut finer
                # when that keeps the columns the rows above have
                fine = _segment_rows(line, s, 0.5)
                kept = gutters([*multi, fine], min_width=width)
                if len(kept) > len(trial):
                    segments, trial = fine, kept
            if len(trial) < len(cuts) and _fits_at_starts(line, *_snug(multi, cuts, size)):
                # a cell that fills its column stops a word space before the next column's
                # text, which begins right where that column begins: the row keeps the columns
                # (and shows where the table's cells begin, as a row of cells does)
                fitted = min(fitted, segments[0].x0)
                last_bottom = box[3]
                widest = max(widest, white)
                end += 1
                continue
            if not trial:
                # a cell that fills its column leaves only a word space before the next
                segments = _segment_rows(line, s, 0.5)
                trial = gutters([*multi, segments], min_width=width)
            if not trial:
                break  # its gaps do not line up with the rows above
            multi.append(segments)
            head_bottom = box[3]
            cuts = trial
        elif not cuts:
            # the header's second line before any column is known (`単` + `位` of a wrapped
            # cell): it stays when it starts where a cell of the first row starts
            if not (segments and any(abs(segments[0].x0 - g.x0) < size for g in multi[0][1:])):
                if not _first_cell_wraps(segments, multi[0], white, size):
                    break
        elif (in_head or after_head) and white <= 1.2 * size and _under_names(segments, multi[0]):
            # a name's wrapped rest set a leading under it, centred in its cell and wider than
            # the name (`実績値` + `（令和3年` + `度）`): it crosses no column, it is the header's,
            # and shows where that column begins; right under the header, a first cell's first
            # line under its name, begun left of it (the row's other cells set at its middle)
            trial = gutters([*multi, segments], min_width=width)
            if in_head and len(trial) == len(cuts):
                rests.add(len(multi))
                multi.append(segments)
                cuts = trial
        elif _crosses(line, *_snug(multi, cuts, size)):
            break  # a line across the columns: text after the table
        elif _at_margin(segments[0].x0, margins, multi, size):
            break  # body text after a table indented from it (a heading inside column one)
        elif abs(_median_size(line) - size) >= 0.3 and any(
            abs(segments[0].x0 - m) < 0.1 * size for m in margins
        ):
            break  # a line in the body's own size at the text's margin, a cell's padding in
        elif white > max(1.0 * size, widest + 0.5 * size) and any(
            abs(segments[0].x0 - m) < 0.1 * size for m in margins
        ):
            break  # a line at the text's margin set farther below than the rows are apart
        spaced.append((white, goes_on))
        after_head = in_head
        in_head = in_head and white <= 1.2 * size and _under_names(segments, multi[0])
        last_bottom = box[3]
        widest = max(widest, white)
        end += 1
    if not cuts or end - start < 2:
        return None
    if len(multi) < 2 and not headed:
        return None  # one row of cells: a table only when it is a header with rows under it
    return end - start, *_snug(multi, cuts, size)


def _column(g: Segment, cuts: Sequence[float]) -> int:
    """The column a run of text stands in, by its middle."""
    return sum(1 for c in cuts if c <= (g.x0 + g.x1) / 2)


def _few_cells(segments: Sequence[Segment], cuts: Sequence[float]) -> bool:
    """Whether a line fills half a table's columns or fewer, and not its last."""
    filled = {_column(g, cuts) for g in segments}
    return len(cuts) not in filled and 2 * len(filled) <= len(cuts) + 1


def _right_of(segments: Sequence[Segment], above: Sequence[Segment], cuts: Sequence[float]) -> bool:
    """Whether a line fills only columns right of every cell the line above (`above`) fills."""
    filled = [_column(g, cuts) for g in above]
    return bool(filled) and all(_column(g, cuts) > max(filled) for g in segments)


def _longest_in_columns(
    rows: Sequence[Sequence[Char]], cuts: Sequence[float], s: PdfSettings, ratio: float | None
) -> dict[int, float]:
    """Where each column's longest line so far ends."""
    longest: dict[int, float] = {}
    for row in rows:
        for g in _segment_rows(row, s, ratio):
            k = _column(g, cuts)
            longest[k] = max(longest.get(k, g.x1), g.x1)
    return longest


def _goes_on_a_cell(
    segments: Sequence[Segment],
    above: Sequence[Segment],
    longest: dict[int, float],
    cuts: Sequence[float],
    size: float,
) -> bool:
    """Whether a line (its `segments`) may be the rest of cells of the line `above` that
    wrapped: it sets text in a column where that line's cell runs to within 1.5 em of the
    column's `longest` line so far (a cell that wraps fills its column; `出生数` under
    `年少人口の割合` did not wrap; `人` under `%` is no proof). Set at a row's middle, the cells
    beside a wrapped one sit on its lines, which run on in their column as well."""
    # (a cell of a letter or two, a unit, is as long as the others without wrapping)
    ran = {
        _column(g, cuts)
        for g in above
        if g.x1 >= longest[_column(g, cuts)] - 1.5 * size and g.x1 - g.x0 >= 3 * size
    }
    return any(_column(g, cuts) in ran for g in segments)


_BULLET = re.compile(r"^[・●○◆◇▶▼◎〇]")


def _bulleted_after(text: str, rows: Sequence[Sequence[Char]], s: PdfSettings) -> bool:
    """Whether a line of one run (its `text`) opens with a bullet where no line of the table
    above it (`rows`) opens its first cell with one: an item of a list after the table."""
    mark = _BULLET.match(text)
    if mark is None or text.count("】") > text.count("【") or text.count("）") > text.count("（"):
        return False  # (a bracket closed that it did not open: the rest of a wrapped cell)
    firsts = (_segments(line, s) for line in rows)
    return not any(text_of(runs[0], s)[0].startswith(mark.group(0)) for runs in firsts if runs)


def _with_cells_beside(
    lines: Sequence[Sequence[Char]],
    at: int,
    segments: Sequence[Segment],
    s: PdfSettings,
    ratio: float | None,
) -> list[Segment]:
    """A line's runs with those of the lines right under it that overlap it (the cells of its
    row set at the row's middle, beside a first cell that wrapped onto two lines), where they
    sit beside its runs."""
    out = list(segments)
    bottom = _box(lines[at])[3]
    size = _median_size(lines[at])
    for line in lines[at + 1 : at + 3]:
        if _box(line)[1] >= bottom - 0.15 * size:
            break
        for g in _segment_rows(line, s, ratio):
            if all(g.x1 <= h.x0 or g.x0 >= h.x1 for h in out):
                out.append(g)
    return sorted(out, key=lambda g: g.x0)


def _cell_runs(line: Sequence[Char], s: PdfSettings, ratio: float) -> list[Segment]:
    """The line's runs `ratio` ems apart or more, where no space glyph fills the gap: a gap
    between two cells is bare; a sentence's `　` may end where a column happens to begin."""
    blanks = [(float(c["x0"]) + float(c["x1"])) / 2 for c in line if not str(c["text"]).strip()]
    out: list[Segment] = []
    for g in _segment_rows(line, s, ratio):
        if out and any(out[-1].x1 < b < g.x0 for b in blanks):
            out[-1] = Segment(out[-1].x0, g.x1, "")
        else:
            out.append(g)
    return out


def _at_known_starts(
    line: Sequence[Char], multi: Sequence[Sequence[Segment]], size: float, s: PdfSettings
) -> list[Segment] | None:
    """The line cut at those of its bare gaps of half an em or more after which a part begins
    right where a later cell of a row above begins; None when there is none."""
    starts = [g.x0 for row in multi for g in row[1:]]
    out: list[Segment] = []
    for f in _cell_runs(line, s, 0.5):
        if out and not any(abs(f.x0 - x) < 0.3 * size for x in starts):
            out[-1] = Segment(out[-1].x0, f.x1, "")  # a word space inside the cell
        else:
            out.append(f)
    return out if len(out) >= 2 else None


def _lone_row_fits(
    line: Sequence[Char], below: Sequence[Char], starts: Sequence[float], s: PdfSettings
) -> bool:
    """Whether a row of cells read on its own (set right of where the table below begins: a
    header's second line over the value columns, `数値 年度 数値 年度`, at the top of a page's
    next column) is that table's first row: set close above it in its size, every cell
    beginning right where one of its columns does — or, its names centred in their cells,
    each cell inside a column of its own (right of where it begins, short of the next)."""
    size = _median_size(below)
    if abs(_median_size(line) - size) > 0.6 or _box(below)[1] - _box(line)[3] > 1.6 * size:
        return False
    cells = _segment_rows(line, s, 0.5)
    if all(any(abs(g.x0 - st) < 0.3 * size for st in starts) for g in cells):
        return True
    bounds = [_box(below)[0], *starts, float("inf")]
    # a name set right of where the row's text ends names a column its rows leave blank (`備考`
    # over no note): a column of its own after the last one
    beyond = _box(below)[2] + size
    where = [
        next(
            (
                k + (n if g.x0 > beyond else 0)
                for k in range(len(bounds) - 1)
                if bounds[k] - 0.3 * size <= g.x0 and g.x1 <= bounds[k + 1] - 0.3 * size
            ),
            None,
        )
        for n, g in enumerate(cells)
    ]
    return (
        len(cells) >= 2
        and None not in where
        and all(a < b for a, b in zip(where, where[1:], strict=False))  # type: ignore[operator]
    )


def _name_around(lines: Sequence[Sequence[Char]], header: int, s: PdfSettings) -> tuple[int, int]:
    """The lines of a header row read alone (`単位 基準値 目標値`) and of its names wrapped
    around it, the row's names set at its middle (`重要業績評価指` + `標`, `重要業績評価 単` +
    `指標 位` right above and right below it): (first, last) line of that row. Those lines
    touch the row (no white between: it sits in their middle) and none of their runs is over
    or under one of its names; (header, header) where no such lines are there."""
    line = lines[header]
    size = _median_size(line)
    _, top, _, bottom = _box(line)
    names = [(_box(g)[0], _box(g)[2]) for g in _segments(line, s)]

    def runs(k: int) -> list[tuple[float, float]]:
        return [(_box(g)[0], _box(g)[2]) for g in _segments(lines[k], s)]

    def wraps(k: int, below: bool) -> bool:
        if not 0 <= k < len(lines) or abs(_median_size(lines[k]) - size) > 0.6:
            return False
        _, a_top, _, a_bottom = _box(lines[k])
        touches = a_top <= bottom + 0.3 * size if below else a_bottom >= top - 0.3 * size
        beside = all(r1 <= n0 or r0 >= n1 for r0, r1 in runs(k) for n0, n1 in names)
        return beside and touches and (a_top > top if below else a_top < top)

    if not (wraps(header - 1, False) and wraps(header + 1, True)):
        return header, header
    # (the two are the lines of the same cells: each run below is under one above)
    above = runs(header - 1)
    if not all(any(r0 < a1 and a0 < r1 for a0, a1 in above) for r0, r1 in runs(header + 1)):
        return header, header
    return header - 1, header + 1


def _under_ruled_head(
    lines: Sequence[Sequence[Char]],
    cuts: list[float],
    starts: list[float],
    heads: Sequence[Item],
    s: PdfSettings,
) -> tuple[list[float], list[float]]:
    """The columns of a borderless table set right under a ruled header (a shaded header row
    drawn as boxes, its body without rules): the header's column rules cut the body too,
    where the body's own gaps are too narrow to show a column (cells that fill their
    columns, only a padding apart: `令和５年` + `度` beside `５年間で…`). The header is the
    ruled rows right above, one under another, that span the table's text."""
    inked = [c for line in lines for c in line if str(c["text"]).strip()]
    if not inked or not heads:
        return cuts, starts
    size = _median_size(lines[0])
    x0, top, x1, _ = _box(inked)
    edge = top
    rules: list[float] = []
    for head in sorted(heads, key=lambda it: -it.bottom):
        if head.ruled is None or head.bottom > edge + 0.3 * size:
            continue
        if edge - head.bottom > 2.5 * size:
            break  # (a header's line of its own between, `数値 年度 数値 年度`, at most)
        if head.x1 < x0 or head.x0 > x1:
            continue  # (a table in the other column)
        rules.extend(head.ruled)
        edge = head.top
    added = [
        r
        for r in sorted(set(rules))
        if x0 + size < r < x1 - size and all(abs(r - c) > size for c in cuts)
    ]
    if not added:
        return cuts, starts
    begins = dict(zip(cuts, starts, strict=True))
    for r in added:
        begins[r] = min(
            (float(c["x0"]) for c in inked if float(c["x0"]) >= r - 0.1 * size), default=r
        )
    ordered = sorted(begins)
    return ordered, [begins[c] for c in ordered]


def _ruled_above(
    top: float, x0: float, x1: float, size: float, heads: Sequence[Item]
) -> Item | None:
    """The ruled table row set right above text at `top` (a header's own line of names, not
    ruled, under its ruled first row; a row under that line), spanning that text."""
    above = [
        h
        for h in heads
        if h.ruled is not None
        and h.bottom <= top + 0.3 * size
        and top - h.bottom <= 2.5 * size
        # (a row placed in the header's columns spans them, whichever it fills)
        and min(h.x0, h.ruled[0]) - size <= x0
        and x1 <= max(h.x1, h.ruled[-1]) + size
    ]
    return max(above, key=lambda h: h.bottom, default=None)


def _fills_first_column(
    line: Sequence[Char], multi: Sequence[Sequence[Segment]], s: PdfSettings
) -> bool:
    """Whether a line that begins left of the rows above is a row whose first cell they left
    empty (a policy number on its group's first row only): its first run ends before they
    begin, and its next begins right where they do."""
    size = _median_size(line)
    left = min(row[0].x0 for row in multi)
    if not all(abs(row[0].x0 - left) < 0.3 * size for row in multi):
        return False
    runs = _segment_rows(line, s, 0.5)
    return len(runs) >= 3 and runs[0].x1 < left and abs(runs[1].x0 - left) < 0.3 * size


def _under_blank_header(
    line: Sequence[Char], multi: Sequence[Sequence[Segment]], s: PdfSettings
) -> bool:
    """Whether a line that begins left of a header is a row whose first cell the header left
    blank (`　| 単位 | 基準値 | 目標値` over `図書館の貸出冊数 | 冊 | …`): its first run ends
    before the header's first name, and its other runs, two or more, sit under the names."""
    runs = _segment_rows(line, s, 0.5)
    names = [g for row in multi for g in row]
    if len(runs) < 3 or runs[0].x1 >= min(g.x0 for g in multi[0]):
        return False
    if runs[0].x0 > min(row[0].x0 for row in multi) - _median_size(line):
        return False  # it begins about where a row above does: text a padding left of it
    return all(any(r.x0 < g.x1 and g.x0 < r.x1 for g in names) for r in runs[1:])


def _resumed_table(
    lines: Sequence[Sequence[Char]], grid: Sequence[float], s: PdfSettings
) -> tuple[int, list[float], list[float]] | None:
    """The rest of a table at the top of a column, read in the columns its first part set
    (`grid`: where each begins): its first line's runs, two or more, begin right at columns,
    and the lines under it, set as close, cross none of them. (lines, cuts, starts) or None.
    Cells a padding apart show no gap wide enough to find the columns from this part alone."""
    size = _median_size(lines[0])
    starts = list(grid[1:])
    cuts = [st - 0.3 * size for st in starts]

    def at_columns(line: Sequence[Char]) -> int:
        """How many runs the line has, each beginning right at a column; 0 if one does not."""
        runs = _cell_runs(line, s, 0.25)
        fits = all(any(abs(g.x0 - st) < 0.3 * size for st in grid) for g in runs)
        return len(runs) if fits else 0

    if not at_columns(lines[0]):
        return None
    end = 1
    bottom = _box(lines[0])[3]
    loose = _loosest_white(lines, size)
    while end < len(lines):
        line = lines[end]
        box = _box(line)
        if (
            abs(_median_size(line) - size) > 0.6
            or box[1] - bottom > loose
            or box[0] < grid[0] - 0.3 * size
            # (a note's marker alone is a cell's wrapped rest, `地域運営組織の数` + `※1`)
            or (FOOTNOTE_START.match(text_of(line, s)[0]) and not _marker_cell(line, s))
            or _header_row(line, s)
            or _crosses(line, cuts, starts)
        ):
            break
        bottom = box[3]
        end += 1
    # the first line at the columns (a header's wrapped rest may be one run), and two runs
    # or more at them within the part's first lines (a running header above is no row)
    if max(at_columns(ln) for ln in lines[: min(end, 3)]) < 2:
        return None
    return end, cuts, starts


_MARKER = re.compile(r"^(?:※|注)\s*[0-9０-９]+$")
# a list item's mark: a kana or a circled figure, a figure in brackets or with a period, or
# a label word and its number (`施策１`, `施策(2)`, `第1節`, `第三章`)
_LIST_MARK = re.compile(
    r"^(?:[ァ-ヶｱ-ﾝ]|[①-⑳]|[（(][0-9０-９ァ-ヶ一二三四五六七八九十]{1,2}[）)]|[0-9０-９]{1,2}[．.]"
    r"|[^\sA-Za-z0-9０-９（(]{1,6}(?:[0-9０-９]{1,2}[章節項部]?|[（(][0-9０-９]{1,2}[）)])"
    r"|第[一二三四五六七八九十]{1,3}[章節項部]?)$"
)


def _under_names(segments: Sequence[Segment], names: Sequence[Segment]) -> bool:
    """Whether each run of a line sits under one of a header's names past the first: over
    that name's middle, and clear of the names beside it (a name's wrapped rest centred in its
    cell, a line of years). A row's first cell, and a heading after the table, sit under the
    first name."""
    if not segments or len(names) < 2:
        return False
    for g in segments:
        over = [n for n in names if g.x0 < (n.x0 + n.x1) / 2 < g.x1]
        if (
            len(over) != 1
            or over[0] is names[0]
            or any(n is not over[0] and n.x0 < g.x1 and g.x0 < n.x1 for n in names)
        ):
            return False
    return True


def _under_centred_names(segments: Sequence[Segment], names: Sequence[Segment]) -> bool:
    """Whether a row of cells sits under a header whose names are centred in their cells:
    as many cells as names or more, and each name's middle over a cell of its own (between
    where that cell begins and where the next begins). (Only a row whose runs a word space
    apart are its cells: two cells that close may be under one name's middle.)"""
    if len(segments) < max(2, len(names)):
        return False
    bounds = [g.x0 for g in segments] + [float("inf")]
    cells = []
    for name in names:
        middle = (name.x0 + name.x1) / 2
        k = next((i for i in range(len(segments)) if bounds[i] <= middle < bounds[i + 1]), None)
        if k is None or (cells and k <= cells[-1]):
            return False
        cells.append(k)
    return True


def _marker_cell(line: Sequence[Char], s: PdfSettings) -> bool:
    """A line whose first run is a note marker alone, with other runs beside it: the marker of
    a cell wrapped onto a row's next line (`観光消費額` + `※５`), not a note (its text follows
    the marker)."""
    runs = _segments(line, s)
    if len(runs) == 1:
        return bool(_MARKER.match(text_of(runs[0], s)[0]))  # a marker alone: no note's text
    return len(runs) >= 2 and bool(_MARKER.match(text_of(runs[0], s)[0]))


def _first_cell_wraps(
    segments: Sequence[Segment], first: Sequence[Segment], white: float, size: float
) -> bool:
    """Whether a line under a table's first row is the rest of that row's first cell: one run
    beginning where the cell does, ending before the next cell begins, set a leading below."""
    return (
        len(segments) == 1
        and len(first) >= 2
        and white < 0.8 * size
        and abs(segments[0].x0 - first[0].x0) < 0.3 * size
        and segments[0].x1 < first[1].x0
    )


def _at_column_starts(
    segments: Sequence[Segment],
    multi: Sequence[Sequence[Segment]],
    cuts: Sequence[float],
    size: float,
) -> bool:
    """Whether a line is two cells or more, each beginning right where a column begins."""
    if len(segments) < 2 or not cuts:
        return False
    starts = [min(row[0].x0 for row in multi), *_snug(multi, cuts, size)[1]]
    return all(any(abs(g.x0 - st) < 0.15 * size for st in starts) for g in segments)


def _fits_at_starts(line: Sequence[Char], cuts: Sequence[float], starts: Sequence[float]) -> bool:
    """Whether a row's text keeps to the columns, cells as close as a word space: no character
    over a cut, and text on both sides of one either a half em apart or the text after it
    beginning right where its column begins (`starts`, one per cut)."""
    inked = sorted((c for c in line if str(c["text"]).strip()), key=lambda c: float(c["x0"]))
    if not inked:
        return False
    size = _median_size(inked)
    split = False
    for x, start in zip(cuts, starts, strict=True):
        before = [c for c in inked if float(c["x1"]) <= x]
        after = [c for c in inked if float(c["x0"]) >= x]
        if len(before) + len(after) < len(inked):
            return False  # a character over the cut
        if not before or not after:
            continue
        gap = float(after[0]["x0"]) - float(before[-1]["x1"])
        at_start = abs(float(after[0]["x0"]) - start) < 0.15 * size
        if gap < 0.3 * size or (gap < 0.5 * size and not at_start):
            return False
        split = True
    return split


def _paragraph_starts(lines: Sequence[Sequence[Char]], s: PdfSettings) -> list[float]:
    """Where the lines of paragraphs begin: lines of one run across most of the text's width."""
    boxes = [_box(line) for line in lines if line]
    if not boxes:
        return []
    width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    return [
        _box(line)[0]
        for line in lines
        if line and _box(line)[2] - _box(line)[0] >= 0.6 * width and len(_segments(line, s)) == 1
    ]


def _at_margin(
    x: float, margins: Sequence[float], multi: Sequence[Sequence[Segment]], size: float
) -> bool:
    """Whether a line beginning at x begins where the text above the table does, and where no
    cell of the table begins (a wrapped cell's lines begin at its column's start)."""
    if not any(abs(x - m) < 0.1 * size for m in margins):
        return False
    return all(abs(x - g.x0) >= 0.3 * size for row in multi for g in row)


def _snug(
    multi: Sequence[Sequence[Segment]], cuts: Sequence[float], size: float
) -> tuple[list[float], list[float]]:
    """The cuts moved right up to where the next column's text begins, and those beginnings: a
    gutter found between short cells sits mid-gap, where a longer cell of the column before
    (a name wrapped at its column's edge, a ○ beside it) still runs."""
    starts = _column_starts(multi, cuts)
    return [max(c, st - 0.3 * size) for c, st in zip(cuts, starts, strict=True)], starts


# --- headers and more columns ---------------------------------------------------------------------


def _header_row(line: Sequence[Char], s: PdfSettings) -> bool:
    """A line of column names, its cells a half em apart or more, or a word space where a
    name begins (`基準値 （R5） 実績値 （R8）`: names that fill their cells)."""
    return names_columns([text_of(seg, s)[0] for seg in _header_cells(line, s)], s.header_words)


def _heads_table(lines: Sequence[Sequence[Char]], start: int, s: PdfSettings) -> bool:
    """Whether the line at `start` names columns, alone or with the lines of its cells that
    wrapped (`単 策定` + `位 時`: 単位, 策定時): lines right under it, a wrapped line's leading
    apart, whose every run sits under one of its cells."""
    if _header_row(lines[start], s):
        return True
    cells = _segments(lines[start], s, 0.5)
    if len(cells) < 2:
        return False
    size = _median_size(lines[start])
    spans = [_box(c) for c in cells]
    parts: list[list[str]] = [[text_of(c, s)[0]] for c in cells]
    bottom = _box(lines[start])[3]
    for line in lines[start + 1 : start + 5]:
        box = _box(line)
        if abs(_median_size(line) - size) > 0.6 or box[1] - bottom > 0.6 * size:
            break
        runs = _segments(line, s, 0.5)
        where = [
            next((k for k, b in enumerate(spans) if b[0] - size <= _box(r)[0] < b[2]), None)
            for r in runs
        ]
        if None in where:
            break
        for k, r in zip(where, runs, strict=True):
            parts[k].append(text_of(r, s)[0])  # type: ignore[index]
        bottom = box[3]
        if names_columns(["".join(p) for p in parts], s.header_words):
            return True
    return False


def _header_line(lines: Sequence[Sequence[Char]], s: PdfSettings) -> int | None:
    """Which of a table's first lines names its columns: the first, or one under the lines of
    a name wrapped around it (`重要業績` + `評価指標` above and below `単位 基準値 …`: names set at
    their row's middle), each of those one run set within a leading of the next. None: no
    header."""
    if len(lines) < 2:
        return None
    if s.grid_rows:  # (on a grid of rows a header's names are read on its first line)
        return 0 if _heads_table(lines, 0, s) else None
    size = _median_size(lines[0])
    for k in range(min(3, len(lines) - 1)):
        if _heads_table(lines, k, s):
            return k
        if (
            len(_segments(lines[k], s, 0.5)) != 1
            or _box(lines[k + 1])[1] - _box(lines[k])[3] > 0.6 * size
        ):
            return None
    return None


def _names_between(
    lines: Sequence[Sequence[Char]],
    at: int,
    header: Sequence[tuple[float, float, float, float]],
    s: PdfSettings,
) -> list[tuple[float, float, float, float]]:
    """Names set at the header row's middle on a line of their own, between the header's line
    and the wrapped rest of its names (`指標` and `方向` between `基準値（令和元 …` and `年度）`):
    the line under them all sits under the header's names, and they sit under none."""
    if at + 2 >= len(lines) or s.grid_rows:
        return []  # (on a grid of rows no name sits between two of the header's lines)
    size = _median_size(lines[at])
    mid, rest = lines[at + 1], lines[at + 2]
    if _box(mid)[1] - _box(lines[at])[3] > 0.6 * size or _box(rest)[1] - _box(mid)[3] > 0.6 * size:
        return []

    def under(b: tuple[float, float, float, float]) -> bool:
        return any(b[0] < h[2] and b[2] > h[0] for h in header)

    rests = [_box(run) for run in _segments(rest, s, 0.5)]
    if not rests or not all(under(b) for b in rests):
        return []
    return [b for b in (_box(run) for run in _segments(mid, s, 0.5)) if not under(b)]


def _header_columns(
    lines: Sequence[Sequence[Char]], cuts: list[float], starts: list[float], s: PdfSettings
) -> tuple[list[float], list[float]]:
    """More columns where the header names one that the body's gaps did not show (a flag
    column with a ○ in two rows, set a word space after the names): each header cell after
    the first begins a column unless a cut already falls between it and the cell before, and
    no body row runs across the place."""
    at = _header_line(lines, s)
    if at is None:
        return cuts, starts
    size = _median_size(lines[at])
    header = [_box(cell) for cell in _header_cells(lines[at], s)]
    header = sorted([*header, *_names_between(lines, at, header, s)])
    body = lines[at + 1 :]
    pairs = list(zip(cuts, starts, strict=True))
    left = min(_box(line)[0] for line in body)
    if header[0][0] - left >= 2 * size:
        # a header whose first cell is left blank (over the indicators): its first name
        # begins a column too
        header.insert(0, (left, 0.0, left, 0.0))
    for before, cell in zip(header, header[1:], strict=False):
        if any(before[2] <= c <= cell[0] for c in cuts):
            continue
        if _over_text(cell, body, s, size):
            continue  # a name centred over its column's text, which begins left of it
        # the column begins where the header or the first body text under it does; a name
        # centred over a column whose cells are set at its left (`重点` over a `●` in one row,
        # the cell before set close, 均等割り付け undone) begins it where those cells all do,
        # past the name before (on a grid of rows, text laid out with spaces, a name is set
        # where pdftotext's columns put it, not centred)
        xs = [_box(seg)[0] for line in body for seg in _segments(line, s, 0.5)]
        near = [x for x in xs if cell[0] - size <= x < cell[0]]
        lefts = [x for x in xs if before[2] + 0.5 * size <= x < cell[0]]
        alike = not s.grid_rows and bool(lefts) and max(lefts) - min(lefts) <= size
        begin = min([cell[0], *(lefts if alike else near)])
        cut = begin - 0.15 * size
        if cut <= before[2]:
            continue
        if sum(1 for line in body if _crosses(line, [cut], [begin])) > 0.15 * len(body):
            continue
        pairs.append((cut, begin))
    pairs.sort()
    return [c for c, _ in pairs], [st for _, st in pairs]


def _centred_names(
    lines: Sequence[Sequence[Char]],
    cuts: list[float],
    starts: list[float],
    right: float,
    s: PdfSettings,
) -> tuple[list[float], list[float]]:
    """The columns less those only a centred header name begins: a column no body text begins
    in whose name sits mid-way between where the column before it (one the header names not)
    begins and where the next one does (`right`, the text's right edge, after the last) is that
    name over the column before, centred in its cell (a padding either side), not a column of
    its own."""
    if len(lines) < 2 or not cuts or not _heads_table(lines, 0, s):
        return cuts, starts
    size = _median_size(lines[0])
    names = [_box(cell) for cell in _header_cells(lines[0], s)]
    # the header's own wrapped lines (`基準` + `年度`) are no body
    first = 1
    while first < len(lines) and _box(lines[first])[1] - _box(lines[first - 1])[3] <= 0.6 * size:
        runs = _segments(lines[first], s, 0.5)
        if not all(any(b[0] - size <= _box(r)[0] < b[2] for b in names) for r in runs):
            break
        first += 1
    body = lines[first:]
    if not body:
        return cuts, starts
    body_starts = [_box(seg)[0] for line in body for seg in _segments(line, s, 0.5)]
    left = min(_box(line)[0] for line in body)
    # A name that begins where its column's text does, short of the next column, is set at
    # its cell's left: the header is not centred.
    ends = [*starts[1:], right]
    for st, end in zip(starts, ends, strict=True):
        if any(abs(st - x) < 0.3 * size for x in body_starts) and any(
            abs(b[0] - st) < 0.3 * size and b[2] < end - 1.0 * size for b in names
        ):
            return cuts, starts
    pairs = list(zip(cuts, starts, strict=True))
    k = 0
    while k < len(pairs):
        cut = pairs[k][0]
        end = pairs[k + 1][0] if k + 1 < len(pairs) else float("inf")
        inside = [b for b in names if cut <= b[0] and b[2] <= end]
        before = pairs[k - 1][0] if k else float("-inf")
        begin = pairs[k - 1][1] if k else left
        after = pairs[k + 1][1] if k + 1 < len(pairs) else right
        if (
            len(inside) == 1
            and not any(cut <= x < end for x in body_starts)
            and not any(before <= b[0] and b[2] <= cut for b in names)  # the column before: unnamed
            # (centred between its text's edges: the next cell's padding and its own right
            # one lie before where the next column's text begins; the last column's right
            # edge is not shown where the table runs past the text's: a name there only sits
            # well inside the column)
            and (
                -1.2 * size <= (inside[0][0] + inside[0][2]) / 2 - (begin + after) / 2 <= 0.6 * size
                or (k + 1 == len(pairs) and inside[0][0] - begin >= 1.0 * size)
            )
        ):
            del pairs[k]
            continue
        k += 1
    return [c for c, _ in pairs], [st for _, st in pairs]


def _over_text(
    cell: tuple[float, float, float, float],
    body: Sequence[Sequence[Char]],
    s: PdfSettings,
    size: float,
) -> bool:
    """Whether a header name sits over text that begins left of it in many body rows (a third
    or more): the name is centred in a column that begins there, it begins none of its own."""
    under = sum(
        1
        for line in body
        if any(
            _box(seg)[0] < cell[0] - 0.5 * size and _box(seg)[2] > cell[0] + 0.3 * size
            for seg in _segments(line, s, 0.5)
        )
    )
    return under >= max(1, 0.3 * len(body))


def _header_cells(line: Sequence[Char], s: PdfSettings) -> list[list[Char]]:
    """A header's cells: runs a half em apart, and a run cut at a word space where a column's
    name begins after it (`目標（令和元年 担当課`: a name that fills its cell)."""
    out: list[list[Char]] = []
    for seg in _segments(line, s, 0.5):
        parts = _segments(seg, s, 0.25)
        run = parts[0]
        for part in parts[1:]:
            if text_of(part, s)[0].startswith(tuple(s.header_words)):
                out.append(run)
                run = part
            else:
                run = run + part
        out.append(run)
    return out


def _aligned_starts(
    lines: Sequence[Sequence[Char]],
    cuts: list[float],
    starts: list[float],
    s: PdfSettings | None = None,
) -> tuple[list[float], list[float]]:
    """More columns where the gaps between them are narrow (a cell that fills its column
    leaves a word space before the next): text that starts at the same x after a space in many
    rows of the table starts a column, where no row runs across, nor a header name (`s`
    given) that begins where a column begins (`① 自然環境の保全` under `具体的な施策`: the
    number and its text are one cell). Returns the cuts and column starts with those added."""
    rows = [
        sorted((c for c in ln if str(c["text"]).strip()), key=lambda c: float(c["x0"]))
        for ln in lines
    ]
    rows = [r for r in rows if r]
    if len(rows) < 3:
        return cuts, starts
    # printed spaces (a `　` typed inside a cell): no gap between columns holds one
    blanks = [
        ((float(c["x0"]) + float(c["x1"])) / 2, float(c["top"]))
        for ln in lines
        for c in ln
        if not str(c["text"]).strip()
    ]
    size = statistics.median(_median_size(r) for r in rows)
    left = min(float(r[0]["x0"]) for r in rows)
    hits: dict[int, set[int]] = {}  # x in half points → rows with a start there
    begins: dict[int, set[int]] = {}  # … rows that begin there
    for k, row in enumerate(rows):
        # a row that begins right of the table's left edge begins in a later column (its
        # first cells left empty: a policy number printed on its group's first row only)
        if float(row[0]["x0"]) - left >= 1.0 * size:
            begins.setdefault(round(float(row[0]["x0"]) * 2), set()).add(k)
        for a, b in zip(row, row[1:], strict=False):
            if float(b["x0"]) - float(a["x1"]) >= 0.25 * size and not any(
                float(a["x1"]) < m < float(b["x0"]) and abs(float(a["top"]) - top) < 0.5 * size
                for m, top in blanks
            ):
                hits.setdefault(round(float(b["x0"]) * 2), set()).add(k)
    names = (
        [_box(c) for c in _header_cells(lines[0], s)]
        if s is not None and _heads_table(lines, 0, s)
        else []
    )
    # where the header's words begin (a name a word space after another: `施 成果指標`)
    words = [_box(w)[0] for w in _segments(lines[0], s, 0.25)] if names and s else []
    found: list[float] = []
    for key in sorted(hits.keys() | begins.keys()):
        spaced = set().union(*(hits.get(key + d, set()) for d in (-2, -1, 0, 1, 2)))
        begun = set().union(*(begins.get(key + d, set()) for d in (-2, -1, 0, 1, 2)))
        near = spaced | begun
        x = key / 2
        if len(near) < max(3, 0.4 * len(rows)) or x - left < 1.0 * size:
            continue
        if x - left < 2 * size and not (spaced and begun):
            continue  # near the left edge: a narrow first column (`３ 宿泊者数`), not an indent
        if any(abs(x - st) < 1.5 * size for st in [*starts, *found]):
            continue
        cut = x - 0.15 * size
        if not any(abs(w - x) < 0.5 * size for w in words) and any(
            b[0] < cut - 0.5 * size < cut + 0.5 * size < b[2]
            and any(abs(b[0] - st) < 0.5 * size for st in [left, *starts, *found])
            for b in names
        ):
            continue  # a name that begins at a column and runs across: one cell
        if _marks_before(rows, near, x, [left, *starts, *found], names, size):
            continue  # `ア　企業誘致と雇用の確保`: a list item's mark and its text, one cell
        crossing = sum(1 for r in rows if any(float(c["x0"]) < cut < float(c["x1"]) for c in r))
        if crossing > 0.15 * len(rows):
            continue
        found.append(x)
    if not found:
        return cuts, starts
    pairs = sorted([*zip(cuts, starts, strict=True), *((x - 0.15 * size, x) for x in found)])
    return [c for c, _ in pairs], [st for _, st in pairs]


def _marks_before(
    rows: Sequence[Sequence[Char]],
    near: set[int],
    x: float,
    begins: Sequence[float],
    names: Sequence[tuple[float, float, float, float]],
    size: float,
) -> bool:
    """Whether the text that rows starting at x set before it, from where the column before
    begins, is a list item's mark in every one of them (`ア`, `①`, `（1）`) and no header
    name sits over those marks alone: a mark a word space before its item's text is one cell
    with it, not a column of its own."""
    before = [b for b in begins if b < x - 0.5 * size]
    if not before or not near:
        return False
    lo = max(before)
    if any(lo - size <= b[0] and b[2] <= x - 0.3 * size for b in names):
        return False  # a column named over the marks (`No.`)
    for k in near:
        mark = "".join(
            str(c["text"]) for c in rows[k] if lo - 0.5 * size <= float(c["x0"]) < x - 0.15 * size
        )
        if not _LIST_MARK.match(mark):
            return False
    return True
