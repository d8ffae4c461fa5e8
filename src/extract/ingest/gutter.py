"""Two-column pages: the gutter between the columns, and the reading order.

    find_gutter        the x of the gap between two text columns, if the page has two (its
                       lines and its ruled tables' rows, `ingest/pdftables.py`, as pieces)
    _split_at_gutter   each line's characters to the left column, the right one, or both
    _flow_key          items in reading order: column by column between the lines (or tables)
                       that cross the gutter
    _fits_columns      whether a page is set in the columns the document's other pages share
                       (`_document_columns`, `_gutter_of`: read again by `ingest/pdf.py`)
    _resume_grid       where the columns of a borderless table that ends the left column begin
                       at the top of the right one

Called by `ingest/pdf.py`'s `page_to_result` after the ruled tables are read and before
`ingest/pdflines.py` reads each column's lines.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from extract.ingest.layout import PAGE_NUMBER, Item, PageResult
from extract.ingest.pdfchars import Box, _box, _median_size
from extract.ingest.pdfium import Char
from extract.settings import PdfSettings

# --- the gutter -----------------------------------------------------------------------------------


@dataclass
class _Piece:
    """A run of text on a line (or a ruled table's row) as the gutter finder sees it."""

    row: int  # the line or table row it belongs to
    x0: float
    x1: float
    top: float
    bottom: float
    chars: int
    size: float = 10.0


def _pieces(lines: Sequence[Sequence[Char]], tables: Sequence[Item]) -> list[_Piece]:
    """Text lines cut at gaps wider than a character, and each table row whole."""
    pieces: list[_Piece] = []
    for row, line in enumerate(lines):
        inked = sorted((c for c in line if str(c["text"]).strip()), key=lambda c: float(c["x0"]))
        if not inked:
            continue
        size = statistics.median(float(c["size"]) for c in inked)
        _, top, _, bottom = _box(inked)
        for c in inked:
            last = pieces[-1] if pieces and pieces[-1].row == row else None
            if last is not None and float(c["x0"]) - last.x1 <= 1.0 * size:
                last.x1 = max(last.x1, float(c["x1"]))
                last.chars += 1
            else:
                pieces.append(_Piece(row, float(c["x0"]), float(c["x1"]), top, bottom, 1, size))
    for row, item in enumerate(tables, start=len(lines)):
        chars = sum(len(cell) for cell in item.cells)
        pieces.append(_Piece(row, item.x0, item.x1, item.top, item.bottom, chars))
    return pieces


def _split_rows(pieces: Sequence[_Piece], x: float) -> tuple[int, int]:
    """(rows with content left of x beside content right of it, rows crossing x). Beside means
    at the same height: a line of the left column next to a table row of the right one."""
    crossing = {p.row for p in pieces if p.x0 < x < p.x1}
    right_bands = sorted((p.top, p.bottom) for p in pieces if p.x0 >= x and p.row not in crossing)
    split: set[int] = set()
    for p in pieces:
        if p.x1 <= x and p.row not in crossing:
            if any(top < p.bottom - 0.5 and bottom > p.top + 0.5 for top, bottom in right_bands):
                split.add(p.row)
    return len(split), len(crossing)


def _ruled_across(
    lines: Sequence[Sequence[Char]], gutter: float, rules: Sequence[tuple[float, float, float]]
) -> bool:
    """Whether rules run across a gap that looked like a gutter, each between two lines that
    both have text on either side of it (two or more such rules): the rows of one table ruled
    across the page (horizontal lines only), not two columns."""
    spans = []
    for line in lines:
        inked = [c for c in line if str(c["text"]).strip()]
        if not inked:
            continue
        size = statistics.median(float(c["size"]) for c in inked)
        both = any(float(c["x1"]) <= gutter for c in inked) and any(
            float(c["x0"]) >= gutter for c in inked
        )
        if both:
            _, top, _, bottom = _box(inked)
            spans.append((top, bottom, size))
    crossed = 0
    for y, a, b in rules:
        if not a < gutter < b:
            continue
        above = any(y - 1.5 * size <= bottom <= y + 0.2 * size for top, bottom, size in spans)
        below = any(y - 0.2 * size <= top <= y + 1.5 * size for top, bottom, size in spans)
        crossed += above and below
    return crossed >= 2


def find_gutter(
    lines: Sequence[Sequence[Char]], width: float, s: PdfSettings, tables: Sequence[Item] = ()
) -> float | None:
    """The x of the gap between two text columns, if the page has two: most lines have text
    (or a table) beside them on the other side of it and almost none cross it."""
    pieces = _pieces(lines, tables)
    rows = len({p.row for p in pieces})
    if rows < 6:
        return None
    scores: list[tuple[float, int]] = []  # (x, rows split there) where few rows cross
    for step in range(60, 141):
        x = width * step / 200
        split, cross = _split_rows(pieces, x)
        scores.append((x, split if cross <= s.column_cross_ratio * rows else -1))
    best_split = max(split for _, split in scores)
    if best_split < max(4, s.column_split_ratio * rows) and not _boxed_sides(
        pieces, tables, max(scores, key=lambda xs: xs[1])[0], best_split, s
    ):
        return None
    best = _corridor(scores, best_split)
    if abs(best - width / 2) > 0.08 * width:
        # Two text columns share the page's measure evenly: where the widest corridor is off
        # the middle (between a table's columns inside one text column, whose rows the cells
        # beside them split as often), the one about the middle is the gutter if it splits
        # rows as a gutter does
        middle = [(x, sp) for x, sp in scores if abs(x - width / 2) <= 0.08 * width]
        split_there = max((sp for _, sp in middle), default=-1)
        if split_there >= max(4, s.column_split_ratio * rows, 0.75 * best_split):
            best_split = split_there
            best = _corridor(middle, best_split)
    # The left column's lines run up to the gutter (justified text fills its column, at least
    # a third of them); the cells of a wide table without ruling lines stop anywhere.
    right_bands = [(p.top, p.bottom) for p in pieces if p.x0 >= best]
    ends = [
        best - max(p.x1 for p in pieces if p.row == row and p.x1 <= best)
        for row in {p.row for p in pieces if p.x1 <= best}
        if any(
            top < p.bottom - 0.5 and bottom > p.top + 0.5
            for p in pieces
            if p.row == row and p.x1 <= best
            for top, bottom in right_bands
        )
    ]
    size = statistics.median(p.size for p in pieces)
    # Ruled tables set in each column are columns too, however short the text lines are.
    boxed = any(t.x1 <= best for t in tables) and any(t.x0 >= best for t in tables)
    # Two flows of text drift apart: lines of one column sit between the lines of the other.
    # A table's cells on both sides of the gap share their rows.
    # (a band of white as wide as two of the page's characters at least, as columns are set
    # apart: a table's cells set at the middle of their rows sit at other heights too, and a
    # one-column table's columns are only their padding apart)
    # (on a grid of rows, a line of one column beside a blank row of the other, then the
    # other way round, again and again: lines kept at pitches of their own)
    offset = _alternating(pieces, best) if s.grid_rows else _offset_lines(pieces, best)
    independent = offset >= max(4, 0.2 * best_split) and _white(pieces, best) >= 2.0 * size
    columns = boxed or independent
    if not boxed and abs(best - width / 2) > 0.08 * width:
        # Two text columns share the page's measure evenly; a gap far off the middle is the
        # one between a table's first column and the rest (its short cells beside the others)
        return None
    if not columns and (not ends or sum(1 for e in ends if e <= 3.0 * size) < 0.3 * len(ends)):
        return None
    # And the right column's lines all begin at its left margin; a table's cells begin at
    # each column's own x.
    firsts = [
        min(p.x0 for p in pieces if p.row == row and p.x0 >= best)
        for row in {p.row for p in pieces if p.x0 >= best}
    ]
    # the right column's margin: the leftmost start that more lines than one share (a stray
    # run set left of it, a caption overhanging the gutter, does not set it)
    margin = _shared_start(firsts, size)
    # (a column of its own flow may hold borderless tables, their wrapped cells begin inside)
    at_margin = 0.25 if independent else 0.6
    # (a ruled table set at that margin, its header shaded or ruled, holds rows below whose
    # cells begin at its own columns: they begin inside the column too)
    held = [t for t in tables if t.x0 >= best and abs(t.x0 - margin) <= size]
    at = sum(
        1
        for x in firsts
        if abs(x - margin) <= size or (independent and any(t.x0 <= x < t.x1 for t in held))
    )
    if at < at_margin * len(firsts):
        return None
    # Two columns of text carry text on both sides; a column of ○ flags, numbers or short
    # labels beside a table is not a second column of the page.
    left = sum(p.chars for p in pieces if p.x1 <= best)
    right = sum(p.chars for p in pieces if p.x0 >= best)
    total = sum(p.chars for p in pieces)
    if min(left, right) < 0.25 * total or right < 5 * best_split:
        return None
    if not independent and _cells_both_sides(pieces, best) >= 0.5 * best_split:
        return None  # rows of cells on both sides: borderless tables whose columns line up
    return best


def _corridor(scores: Sequence[tuple[float, int]], best_split: int) -> float:
    """The middle of the widest corridor of x that splits about as many rows as the best: a
    gutter at the corridor's edge would be crossed by the left column's longest lines."""
    corridors: list[list[float]] = []
    previous = False
    for x, split in scores:
        good = split >= 0.9 * best_split
        if good and previous:
            corridors[-1].append(x)
        elif good:
            corridors.append([x])
        previous = good
    widest = max(corridors, key=lambda xs: (xs[-1] - xs[0], -xs[0]))
    return (widest[0] + widest[-1]) / 2


def _shared_start(starts: Sequence[float], tolerance: float) -> float:
    """The leftmost of `starts` that another one shares (within `tolerance`): a column's
    margin, which a stray run set left of it does not move."""
    ordered = sorted(starts)
    return next(
        (x for x in ordered if sum(1 for f in ordered if abs(f - x) <= tolerance) >= 2),
        ordered[0],
    )


def _boxed_sides(
    pieces: Sequence[_Piece], tables: Sequence[Item], x: float, split: int, s: PdfSettings
) -> bool:
    """Ruled tables set on both sides of x, and most rows of the side with fewer beside the
    other side's: two columns of unequal fill (a column of tables beside one of text)."""
    if not (any(t.x1 <= x for t in tables) and any(t.x0 >= x for t in tables)):
        return False
    left = {p.row for p in pieces if p.x1 <= x}
    right = {p.row for p in pieces if p.x0 >= x}
    return split >= max(4, s.column_split_ratio * min(len(left), len(right)))


def _offset_lines(pieces: Sequence[_Piece], x: float) -> int:
    """Lines left of x with text right of x beside them on another line (set at another
    height): two text columns whose lines do not keep one grid."""
    rows: dict[int, list[_Piece]] = {}
    for p in pieces:
        rows.setdefault(p.row, []).append(p)
    right = [p for p in pieces if p.x0 >= x]
    count = 0
    for row, mine in rows.items():
        if any(p.x1 > x for p in mine):
            continue
        top, bottom = min(p.top for p in mine), max(p.bottom for p in mine)
        if any(q.row != row and q.top < bottom - 0.5 and q.bottom > top + 0.5 for q in right):
            count += 1
    return count


def _alternating(pieces: Sequence[_Piece], x: float) -> int:
    """Rows with text left of x alone next to a row with text right of it alone, on a page
    whose lines sit on one grid of rows: two text columns set at pitches of their own."""
    sides: dict[int, set[str]] = {}
    tops: dict[int, float] = {}
    for p in pieces:
        side = "L" if p.x1 <= x else "R" if p.x0 >= x else "C"
        sides.setdefault(p.row, set()).add(side)
        tops[p.row] = min(tops.get(p.row, p.top), p.top)
    order = sorted(sides, key=tops.__getitem__)
    alone = ["".join(sorted(sides[r])) for r in order]
    return sum(1 for a, b in zip(alone, alone[1:], strict=False) if {a, b} == {"L", "R"})


def _white(pieces: Sequence[_Piece], x: float) -> float:
    """The narrowest white between a run left of x and one right of it set beside it (at the
    same height), on lines not crossing x: what parts the columns where they stand side by
    side (a page number centred in the gutter at the foot stands beside nothing)."""
    crossing = {p.row for p in pieces if p.x0 < x < p.x1}
    left = [p for p in pieces if p.x1 <= x and p.row not in crossing]
    right = [p for p in pieces if p.x0 >= x and p.row not in crossing]
    return min(
        (
            q.x0 - p.x1
            for p in left
            for q in right
            if q.top < p.bottom - 0.5 and q.bottom > p.top + 0.5
        ),
        default=0.0,
    )


def _cells_both_sides(pieces: Sequence[_Piece], x: float) -> int:
    """Lines (not table rows) with two runs of text or more on each side of x: a line of a
    text column is one run, a borderless table's row is several on both sides."""
    count = 0
    for row in {p.row for p in pieces}:
        mine = [p for p in pieces if p.row == row]
        if len(mine) < 4 or any(p.x0 < x < p.x1 for p in mine):
            continue
        if sum(1 for p in mine if p.x1 <= x) >= 2 and sum(1 for p in mine if p.x0 >= x) >= 2:
            count += 1
    return count


# --- reading order --------------------------------------------------------------------------------


def _split_at_gutter(
    lines: Sequence[Sequence[Char]], gutter: float, width: float
) -> tuple[list[Char], list[Char], list[Char]]:
    """Each line's characters to the left column, the right one, or both (a heading across
    the page). A line is cut at the gap the gutter falls in, or the wide gap nearest to it: a
    left line that runs a little past it still belongs to the left column."""
    left: list[Char] = []
    right: list[Char] = []
    whole: list[Char] = []
    near = 0.15 * width
    # where the right column's text begins: a left line that stops before it (a heading in
    # large type overhanging its column) is the left column's
    margin = min(
        (
            min(float(c["x0"]) for c in line if str(c["text"]).strip())
            for line in lines
            if any(str(c["text"]).strip() for c in line)
            and min(float(c["x0"]) for c in line if str(c["text"]).strip()) >= gutter
        ),
        default=gutter,
    )
    for line in lines:
        ordered = sorted(line, key=lambda c: float(c["x0"]))
        inked = [c for c in ordered if str(c["text"]).strip()]
        if not inked:
            continue
        if float(inked[-1]["x1"]) <= max(gutter, margin - 1.0):
            left.extend(ordered)
            continue
        if float(inked[0]["x0"]) >= gutter:
            right.extend(ordered)
            continue
        size = _median_size(inked)
        # The gap the gutter falls in, else the wide gap nearest to it.
        cut, distance = None, near
        for a, b in zip(inked, inked[1:], strict=False):
            start, end = float(a["x1"]), float(b["x0"])
            if end - start < 1.0 * size:
                continue
            off = 0.0 if start <= gutter <= end else abs((start + end) / 2 - gutter)
            if off <= distance:
                cut, distance = (start + end) / 2, off
        if cut is None:
            whole.extend(ordered)
            continue
        left.extend(c for c in ordered if (float(c["x0"]) + float(c["x1"])) / 2 < cut)
        right.extend(c for c in ordered if (float(c["x0"]) + float(c["x1"])) / 2 >= cut)
    return left, right, whole


def _flow_key(
    box: Box, gutter: float | None, spanning: list[float], column: int | None = None
) -> tuple[int, int, float, float]:
    """(band, column, top, x0): column by column between the lines that cross the gutter."""
    x0, top, x1, _ = box
    band = sum(1 for y in spanning if y < top - 0.5)
    if gutter is None:
        return (0, 0, top, x0)
    if column is not None:
        return (band, column, top, x0)
    if x0 < gutter < x1:
        return (band, 2, top, x0)
    return (band, 0 if x1 <= gutter else 1, top, x0)


# --- the document's columns -----------------------------------------------------------------------


def _fits_columns(
    lines: Sequence[Sequence[Char]],
    tables: Sequence[Item],
    columns: tuple[float, float],
    s: PdfSettings,
) -> bool:
    """Whether a page whose own shape did not show two columns (short lines on both sides:
    list items beside a paragraph) is set in the columns of the document's other pages: no
    line across their gutter, lines beside each other across it, most lines right of it
    beginning at their right column's margin, and text on both sides."""
    gutter, margin = columns
    pieces = _pieces(lines, tables)
    rows = len({p.row for p in pieces})
    if rows < 2:
        return False
    split, cross = _split_rows(pieces, gutter)
    # A page of a few lines (the footnotes of both columns on a page of their own) shows
    # its columns only if no line crosses the gutter and each right of it begins at the margin.
    few = rows < 4
    if few and (cross or split < 2):
        return False
    if not few and (
        cross > s.column_cross_ratio * rows or split < max(4, s.column_split_ratio * rows)
    ):
        return False
    size = statistics.median(p.size for p in pieces)
    firsts = [
        min(p.x0 for p in pieces if p.row == row and p.x0 >= gutter)
        for row in {p.row for p in pieces if p.x0 >= gutter}
    ]
    # (its borderless tables' wrapped cells begin inside it: fewer than on its own)
    at_margin = sum(1 for x in firsts if abs(x - margin) < size)
    if at_margin < (len(firsts) if few else 0.4 * len(firsts)):
        return False
    left = sum(p.chars for p in pieces if p.x1 <= gutter)
    right = sum(p.chars for p in pieces if p.x0 >= gutter)
    # (rows of cells on both sides are tables set in each column here: the other pages
    # show the columns, and the right side's rows begin at their margin)
    return min(left, right) >= 0.25 * (left + right)


def _document_columns(results: Sequence[PageResult]) -> tuple[float, float] | None:
    """The gutter and the right column's margin that the document's two-column pages share
    (two pages or more, within a few points), or None."""
    found = []
    for r in results:
        if r.gutter is None:
            continue
        right = [it.x0 for it in r.items if it.x0 >= r.gutter]
        if right:
            found.append((r.gutter, _shared_start(right, 1.0), r.width))
    if len(found) < 2:
        return None
    gutter = statistics.median(g for g, _, _ in found)
    margin = statistics.median(m for _, m, _ in found)
    # The right column's margin is what the pages share; a page's gutter is found anywhere in
    # the white between the columns (where its lines leave most room), left of that margin.
    if any(abs(m - margin) > 0.01 * w or not gutter - 0.02 * w <= g < margin for g, m, w in found):
        return None
    return gutter, margin


def _gutter_of(r: PageResult) -> tuple[float, float] | None:
    """A page's gutter and its right column's margin, to read it again in them."""
    if r.gutter is None:
        return None
    right = [it.x0 for it in r.items if it.x0 >= r.gutter]
    return (r.gutter, _shared_start(right, 1.0)) if right else None


def _resume_grid(
    left: Sequence[Item],
    left_lines: Sequence[Sequence[Char]],
    right_lines: Sequence[Sequence[Char]],
    s: PdfSettings,
) -> list[float] | None:
    """Where the columns of the borderless table that ends the left column begin, moved by
    the offset between the columns' margins (a table broken at the column's foot goes on at
    the top of the next); None when the left column ends otherwise."""
    rows = [it for it in left if not PAGE_NUMBER.match(it.text.strip(" -－―"))]
    if not rows or rows[-1].table < 0 or not rows[-1].starts or len(rows[-1].starts) < 3:
        return None
    if not left_lines or not right_lines:
        return None
    size = rows[-1].size
    margin = _shared_start([_box(ln)[0] for ln in left_lines], 0.3 * size)
    other = _shared_start([_box(ln)[0] for ln in right_lines], 0.3 * size)
    return [x + other - margin for x in rows[-1].starts]
