"""A borderless table's rows and cells, once `ingest/borderless.py` has found its lines and its
columns: lines that overlap, or sit closer than the table's rows are apart, are one row
(`_rows_by_overlap`, `_rows_by_pitch`); a row's characters go to the columns the cuts make
(`_cells_of`); a header's wrapped lines and a cell's wrapped lines join their row
(`_header_wrapped`, `_cells_wrapped`); a column the header does not name that holds another
alignment of the column before is merged into it (`_merge_unnamed`), and columns left empty are
dropped (`_filled_columns`). Used by `ingest/pdflines.py`'s `lines_to_items`.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence

from extract.ingest.pdfchars import (
    _box,
    _median_size,
    _segments,
    chars_to_lines,
    text_of,
    wide_letter,
)
from extract.ingest.pdfium import Char
from extract.settings import PdfSettings
from extract.text import is_wide, join_wrapped

OPENING = "（(「『【〔［[〈《"  # brackets a line does not end with
# a cell's list number (`施策２`, `２．`, `（２）`, `②`) or bullet, at its start
_ITEM_START = re.compile(
    r"^(?P<label>[（(]?[一-龥ぁ-んァ-ヶ]{0,4}?)(?P<n>[0-9０-９]{1,2}|[①-⑳])(?![0-9０-９])"
)
_BULLETS = "・●○◆◇■□▶▼◎〇"

# --- rows -----------------------------------------------------------------------------------------


def _rows_by_overlap(lines: list[list[Char]], s: PdfSettings | None = None) -> list[list[Char]]:
    """Lines of a borderless table that overlap vertically are one row: a cell centred beside a
    wrapped one (a ○ beside a name on two lines) sits between that name's lines. So is a line
    that goes on a line of the row above, where that one begins and a leading or less below it,
    with only lines of other columns between (the row's other cells set at its middle, beside
    a cell wrapped set wide apart: they need not overlap its lines). A line between is read
    by its runs (`s` given): the cells set at the middle sit left and right of the wrapped one."""
    rows: list[list[Char]] = []
    # the row's lines: (x0, x1, middle, the spans of its runs)
    members: list[tuple[float, float, float, list[tuple[float, float]]]] = []
    bottom = -1.0
    for line in lines:
        x0, top, x1, line_bottom = _box(line)
        size = _median_size(line)
        here = (top + line_bottom) / 2
        beside = any(
            abs(x0 - a[0]) < 0.3 * size
            and here - a[2] <= 1.8 * size
            and k + 1 < len(members)
            and all(g1 <= x0 or g0 >= x1 for b in members[k + 1 :] for g0, g1 in b[3])
            for k, a in enumerate(members)
        )
        runs = [(_box(g)[0], _box(g)[2]) for g in _segments(line, s)] if s else [(x0, x1)]
        # A line whose box touches the row's last line (no white between) beside its runs, not
        # under them, is set at that row's middle: one-line cells between the lines of a cell
        # wrapped at 1.5 lines, and that cell's next line beside them (lines of rows, and a
        # cell's lines at single spacing, keep white between them).
        touches = (
            bool(members)
            and top < bottom + 0.05 * size
            and all(g1 <= r0 or g0 >= r1 for g0, g1 in members[-1][3] for r0, r1 in runs)
        )
        if rows and (top < bottom - 0.15 * size or beside or touches):
            rows[-1] = rows[-1] + line
            bottom = max(bottom, line_bottom)
            members.append((x0, x1, here, runs))
        else:
            rows.append(list(line))
            bottom = line_bottom
            members = [(x0, x1, here, runs)]
    return rows


def _high(values: Iterable[float]) -> float:
    """The 90th percentile: what the tall glyphs reach, not the odd one."""
    ordered = sorted(values)
    return ordered[int(0.9 * (len(ordered) - 1))]


def _spans(rows: Sequence[Sequence[Char]], s: PdfSettings) -> list[tuple[float, float]]:
    """Where each row's lines begin and end vertically, by their baselines: every line is
    given the ascent and descent of the block's tall glyphs (a line of figures, a comma's or
    a bracket's own box, as some fonts give one, would otherwise sit higher or lower than a
    line of kanji)."""
    inked = [c for row in rows for c in row if str(c["text"]).strip()]
    ascent = _high(float(c.get("baseline", c["bottom"])) - float(c["top"]) for c in inked)  # type: ignore[arg-type]
    descent = _high(float(c["bottom"]) - float(c.get("baseline", c["bottom"])) for c in inked)  # type: ignore[arg-type]
    out = []
    for row in rows:
        lines = chars_to_lines([c for c in row if str(c["text"]).strip()] or list(row), s)
        # (the baseline of its kanji and kana where it has any: a Latin fallback font's
        # figures sit on a baseline of their own)
        bases = [
            statistics.median(
                float(c.get("baseline", c["bottom"]))  # type: ignore[arg-type]
                for c in ([c for c in ln if is_wide(str(c["text"]))] or ln)
            )
            for ln in lines
        ]
        out.append((min(bases) - ascent, max(bases) + descent))
    return out


def _rows_by_pitch(
    rows: list[list[Char]],
    s: PdfSettings,
    after: float | None = None,
    under: float | None = None,
    headed: bool = False,
) -> list[list[Char]]:
    """Lines of a borderless table set closer than its rows are one row: the lines of a wrapped
    cell are a line's leading apart, rows a leading plus the cells' padding. Only where the
    block shows both spacings (a gap between body rows clearly wider than the narrowest) are
    lines joined; in a block set tight whose rows sit only a little wider apart than a cell's
    lines (a spreadsheet's), the white `after` it, before the text that follows, shows that.
    `headed`: the block's first line names its columns (a header row, its cells padded as
    the body's are)."""
    if len(rows) < 3:
        return rows
    spans = _spans(rows, s)
    size = statistics.median(_median_size(r) for r in rows)
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False)]
    # the narrowest spacing the block repeats (a stray line a hair off does not set it)
    # (the lower median: of a cell's line and a row set a hair wider, the cell's line)
    small = statistics.median_low(g for g in gaps if g < min(gaps) + 0.1 * size)
    # The evidence is the gaps between body rows: the first may be a header's own (a
    # spreadsheet sets its header apart), counted only in a block of a row or two; the last may
    # be the space before the text after the table (it counts when lines are set tight).
    counted = gaps if len(rows) <= 3 else gaps[1:]
    counted = counted if small <= 0.45 * size else counted[:-1]
    wide = [g for g in counted if g >= small + 0.25 * size]
    if (
        not wide
        and after is not None
        and small <= 0.2 * size  # no padding: a spreadsheet's cells
        and after >= max(counted, default=small) + 0.25 * size
        and any(g >= small + 0.06 * size for g in counted)
    ):
        wide = [after]
    if (
        not wide
        and len(rows) >= 4
        and min(gaps[0], gaps[-1]) >= small + 0.25 * size
        and abs(gaps[0] - gaps[-1]) <= 0.1 * size
    ):
        # a short block (a header, a row that wrapped, one more row): neither the gap under
        # the header nor the last one is proof alone, but the two kept to a hair are the
        # rows' pitch, and a narrower gap between them a wrapped cell's line
        wide = [gaps[-1]]
    narrow = sum(1 for g in gaps if g <= small + 0.06 * size)
    # A header and the lines of one row under it, at one pitch of 1.5 lines: the header sits a
    # padding farther than the lines, and so does the text after the block (one-line rows
    # under a header set apart by their padding would sit that padding apart too). Not at
    # single spacing: a spreadsheet's rows, unpadded, sit a line apart under a header set apart.
    lone_row = (
        headed
        and small > 0.55 * size
        and after is not None
        and narrow == len(gaps) - 1
        and min(gaps[0], after) >= small + 0.25 * size
    )
    if lone_row and not wide:
        wide = [gaps[0]]
    if (
        not wide
        and under is not None
        and small > 0.55 * size
        and under >= small + 0.25 * size
        and narrow >= 3
    ):
        # cells at 1.5 lines under a header line of their own (`under`: the white below it),
        # a cell's lines repeating one pitch: the header sits a row's padding farther
        wide = [under]
    # wrapped lines sit a line's leading apart: at most ~0.55 em of white between them at
    # single spacing, and up to ~1.2 em at 1.5 lines (a font's single line is 1–1.45 em);
    # white that wide is a cell's lines only where the rows sit clearly wider apart still
    # (their padding on top of that leading), not a table of one-line rows set loose
    if not wide or small > 1.2 * size:
        return rows
    if small > 0.55 * size:
        # the evidence from body rows alone (not the gap under a header or a running header
        # above the block's first row), in a block of four lines or more, half as far apart
        # again (a caption set right under one-line rows, a little closer, is no cell's line)
        body = [g for g in gaps[1:] if g >= small + 0.25 * size] or [g for g in wide if g == under]
        # (or a cell's lines repeat that narrow spacing to a hair more often than rows part:
        # cells wrapped over many lines in narrow columns, rows only a padding wider apart)
        if not lone_row and (
            len(rows) < 4
            or not body
            or (statistics.median(body) < 1.5 * small and narrow < max(3, 2 * len(body)))
        ):
            return rows
    # Lines of one cell keep one leading to a hair; a spreadsheet's rows (no padding) sit only
    # a little wider apart, so only gaps that close to the narrowest are a cell's lines.
    # (at 1.5 lines, a line of figures in a fallback font sits its own baseline off: a cell's
    # lines keep their leading to a few tenths of a point less closely)
    hair = 0.15 if small > 0.55 * size else 0.06
    limit = min((small + statistics.median(wide)) / 2, small + hair * size)
    left = min(_row_left(r) for r in rows)
    # where the second column's text begins at the earliest: a line of cells that begins left
    # of it has text in column one, though figures set right there begin far from the block's
    # left (`1`, `2` under `No.`; a note's number alone there is a cell's rest, no row)
    second = min(
        (_box(segs[1])[0] for r in rows if len(segs := _segments(r, s)) >= 2), default=left
    )

    def in_first(row: Sequence[Char]) -> bool:
        x = _row_left(row)
        return x - left < 0.5 * size or (x < second - size and len(_segments(row, s)) >= 2)

    out = [list(rows[0])]
    opened = [in_first(rows[0])]  # the row begins in column one
    above = opened[0]  # the line above has text in column one
    # the row's first line and the line above have cells past the first
    filled = [len(_segments(rows[0], s)) >= 2]
    beside = filled[0]
    # where each run of the block begins and ends: a column's longest lines end at its edge
    runs = [(_box(g)[0], _box(g)[2]) for r in rows for g in _segments(r, s, 0.5)]
    single = _row_alone(rows[0], s)  # the row so far: one line whose first cell did not wrap
    short = _row_short(rows[0], runs, s)  # … or no cell of which wrapped
    for row, gap in zip(rows[1:], gaps, strict=True):
        here = in_first(row)
        cells = len(_segments(row, s)) >= 2
        # A row whose cells sit at its top fills column one on its first line; text there
        # again below lines that left it empty begins the next row (a spreadsheet's rows as
        # close as a wrapped cell's lines) — as do cells past the first again, in column one
        # and beyond, below lines of the first cell's wrapped rest alone, and a line filling
        # as many cells as a one-line row above whose first cell stops far short of the next
        if gap < limit and not (
            (opened[-1] and here and not above)
            or (filled[-1] and here and cells and not beside)
            or (here and single and len(_segments(row, s, 0.5)) == single)
            or (here and short and len(_segments(row, s, 0.5)) >= 2)
        ):
            out[-1] = out[-1] + row
            single, short = 0, False
        else:
            out.append(list(row))
            opened.append(here)
            filled.append(cells)
            single = _row_alone(row, s)
            short = _row_short(row, runs, s)
        above, beside = here, cells
    return out


def _row_alone(line: Sequence[Char], s: PdfSettings) -> int:
    """How many cells a line fills (two or more) where its first run, four ems long or more,
    stops three ems or more before the next begins — a first cell that did not wrap (one that
    wrapped fills its column but for less than a letter, up to two paddings from the next; a
    column a letter or two wide, its names wrapped a letter a line, shows no such proof) —
    else 0."""
    segments = _segments(line, s, 0.5)
    if len(segments) < 2:
        return 0
    size = _median_size(line)
    x0, _, x1, _ = _box(segments[0])
    return len(segments) if x1 - x0 >= 4.0 * size and _box(segments[1])[0] - x1 >= 3.0 * size else 0


def _row_short(line: Sequence[Char], runs: Sequence[tuple[float, float]], s: PdfSettings) -> bool:
    """A line of two cells or more none of which wrapped: each stops an em and a half short of
    where the longest lines of its column end (`runs`: where the block's runs begin and end;
    a wrapped cell fills its column to within a letter), and two ems short of where the next
    cell's text begins; the last an em short of its column's end. A line under it beginning
    in column one and filling two cells is the next row (a spreadsheet's rows sit as close as
    a cell's lines)."""
    segments = _segments(line, s, 0.5)
    if len(segments) < 2:
        return False
    size = _median_size(line)
    boxes = [_box(g) for g in segments]
    for k, (x0, _, x1, _) in enumerate(boxes):
        column = max(b for a, b in runs if abs(a - x0) <= 0.5 * size)
        if k + 1 == len(boxes):
            return x1 <= column - size
        if x1 > min(column - 1.5 * size, boxes[k + 1][0] - 2.0 * size):
            return False
    return True


def _rows_between_rules(
    rows: list[list[Char]], rules: Sequence[tuple[float, float, float]], s: PdfSettings
) -> list[list[Char]]:
    """Rows of a table ruled with horizontal lines only (no rule between its columns): lines
    between the same two rules are one row — where two rules or more cross the table inside
    and the lines no rule parts sit closer than any two a rule parts (a wrapped cell's lines,
    not rows grouped under a rule every few). `rules`: the page's horizontal lines (y, x0, x1),
    joined (`pdfium.horizontal_rules`)."""
    if len(rows) < 3 or not rules:
        return rows
    boxes = [_box(r) for r in rows]
    x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
    top, bottom = boxes[0][1], boxes[-1][3]
    size = statistics.median(_median_size(r) for r in rows)
    reach = 0.2 * (x1 - x0)
    inside = [y for y, a, b in rules if a <= x0 + reach and b >= x1 - reach and top < y < bottom]
    if len(inside) < 2:
        return rows
    ruled = [
        any(a[3] - 0.2 * size <= y <= b[1] + 0.2 * size for y in inside)
        for a, b in zip(boxes, boxes[1:], strict=False)
    ]
    gaps = [b[1] - a[3] for a, b in zip(boxes, boxes[1:], strict=False)]
    apart = [g for g, r in zip(gaps, ruled, strict=True) if r]
    close = [g for g, r in zip(gaps, ruled, strict=True) if not r]
    if not close or not apart or max(close) >= min(apart) - 0.1 * size:
        return rows
    out = [list(rows[0])]
    for row, r in zip(rows[1:], ruled, strict=True):
        if r:
            out.append(list(row))
        else:
            out[-1] = out[-1] + row
    return out


def _row_left(row: Sequence[Char]) -> float:
    """Where a row's ink begins."""
    return min(float(c["x0"]) for c in ([c for c in row if str(c["text"]).strip()] or row))


# --- cells ----------------------------------------------------------------------------------------


def _cells_of(row: Sequence[Char], cuts: Sequence[float], s: PdfSettings) -> list[str]:
    """A row's characters placed in the columns the cuts make (by each character's centre); a
    run of text that crosses a cut (a header wider than its column) stays whole, in the column
    where it starts; a cell on several lines is joined as a wrapped cell."""
    columns: list[list[Char]] = [[] for _ in range(len(cuts) + 1)]
    for c in row:
        if not str(c["text"]).strip():  # a space glyph: by its centre
            centre = (float(c["x0"]) + float(c["x1"])) / 2
            columns[sum(1 for x in cuts if centre >= x)].append(c)
    for line in chars_to_lines(list(row), s):
        for segment in _segments(line, s):
            for part in _split_at_spaces(segment, cuts):
                x0, _, x1, _ = _box(part)
                if any(x0 < x < x1 for x in cuts):
                    columns[sum(1 for x in cuts if x0 >= x)].extend(part)
                    continue
                for c in part:
                    centre = (float(c["x0"]) + float(c["x1"])) / 2
                    columns[sum(1 for x in cuts if centre >= x)].append(c)
    return [
        join_wrapped([text_of(ln, s)[0] for ln in chars_to_lines(col, s)]) if col else ""
        for col in columns
    ]


def _split_at_spaces(segment: list[Char], cuts: Sequence[float]) -> list[list[Char]]:
    """A run that crosses cuts, cut at the word space nearest to each (`取組方針 重要業績評価指標`
    over a narrow number column and the indicator column; `単位 策定時 実績値` over three); a
    run without one stays whole."""
    x0, _, x1, _ = _box(segment)
    crossed = [x for x in cuts if x0 < x < x1]
    if not crossed:
        return [segment]
    size = _median_size(segment)
    ordered = sorted(segment, key=lambda c: float(c["x0"]))
    spaces = [
        i
        for i in range(1, len(ordered))
        if float(ordered[i]["x0"]) - float(ordered[i - 1]["x1"]) >= 0.3 * size
    ]
    at: set[int] = set()
    for x in crossed:
        best = min(
            spaces,
            key=lambda i: abs((float(ordered[i - 1]["x1"]) + float(ordered[i]["x0"])) / 2 - x),
            default=None,
        )
        if best is not None:
            mid = (float(ordered[best - 1]["x1"]) + float(ordered[best]["x0"])) / 2
            if abs(mid - x) < 3.0 * size:
                at.add(best)
    if not at:
        return [segment]
    bounds = [0, *sorted(at), len(ordered)]
    return [ordered[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _header_wrapped(
    block: list[list[Char]], raw: list[list[str]], cuts: Sequence[float], s: PdfSettings
) -> tuple[list[list[Char]], list[list[str]]]:
    """A header whose cells wrapped (`取` `組` `方` `針` down a narrow column, `単` + `位`): the
    lines right under it, a wrapped line's leading apart, with no figure, and text only under
    header cells that do not name a column yet, are the rest of those cells. A body row fills
    named columns too (a second header row, `数値 年度`, sits under named ones)."""
    words = tuple(s.header_words)
    size = _median_size(block[0])
    k = 1
    while k < len(block):
        row = raw[k]
        above, here = _spans([block[k - 1], block[k]], s)
        gap = here[0] - above[1]
        if (
            gap > 0.55 * size
            or any(ch.isdigit() for cell in row for ch in cell)
            or not any(row)
            or any(cell and not head for cell, head in zip(row, raw[0], strict=True))
            or (
                any(cell and head.startswith(words) for cell, head in zip(row, raw[0], strict=True))
                and not _word_ends(row, raw[0])
            )
        ):
            break
        k += 1
    if k == 1:
        return block, raw
    head = [c for line in block[:k] for c in line]
    return [head, *block[k:]], [_cells_of(head, cuts, s), *raw[k:]]


def _cells_wrapped(
    block: list[list[Char]],
    raw: list[list[str]],
    cuts: Sequence[float],
    starts: Sequence[float],
    first: int,
    s: PdfSettings,
) -> tuple[list[list[Char]], list[list[str]]]:
    """Rows that are the wrapped lines of the row above, where the block's spacing does not
    tell them (a spreadsheet sets a row a hair farther below than a cell's next line): every
    cell they fill is one the row above filled up to its column's end (so it wrapped), their
    first cell is empty, and they sit a wrapped line's leading below. Rows from `first` on
    (after the header)."""
    # where each column's text must stop: where the next begins; the last column's edge is
    # shown only where lines of two rows or more end together (the width they wrapped at)
    lasts = [
        round(max(float(c["x1"]) for c in ln if str(c["text"]).strip()))
        for row in block
        for ln in chars_to_lines(row, s)
        if any(str(c["text"]).strip() for c in ln)
    ]
    shared = [x for x in lasts if sum(1 for y in lasts if abs(x - y) <= 1) >= 2]
    # where each column's longest line ends: a wrapped cell's lines end within a character of it
    inked = [c for row in block[first:] for c in row if str(c["text"]).strip()]
    widest = [
        max(
            (float(c["x1"]) for c in inked if lo <= (float(c["x0"]) + float(c["x1"])) / 2 < hi),
            default=math.inf,
        )
        for lo, hi in zip([-math.inf, *cuts], [*cuts, math.inf], strict=True)
    ]
    # (the edge is no nearer than the column's longest line: short names alike, `農林課` on
    # several rows, end together without wrapping)
    ends = [*starts, max(shared + [widest[-1]]) if shared else math.inf]
    # how far apart the body's rows sit (the upper quartile of its gaps: most are rows', some
    # wrapped lines'): a line much closer under a row than that may be its wrapped rest though
    # its spacing is not a wrapped line's (a taller line above it); a spreadsheet's rows sit
    # about as close as its wrapped lines
    body = block[first:]
    spans = _spans(body, s) if len(body) >= 3 else []
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False)]
    apart = sorted(gaps)[int(0.75 * (len(gaps) - 1))] if gaps else -math.inf
    out_block, out_raw = list(block[:first]), list(raw[:first])
    for k in range(first, len(block)):
        if (
            out_raw
            and k > first
            and _goes_on(out_block[-1], out_raw[-1], block[k], raw[k], cuts, ends, s, widest, apart)
        ):
            out_block[-1] = out_block[-1] + block[k]
            out_raw[-1] = _cells_of(out_block[-1], cuts, s)
            continue
        out_block.append(block[k])
        out_raw.append(raw[k])
    return out_block, out_raw


def _goes_on(
    above: Sequence[Char],
    head: Sequence[str],
    line: Sequence[Char],
    cells: Sequence[str],
    cuts: Sequence[float],
    ends: Sequence[float],
    s: PdfSettings,
    widest: Sequence[float] = (),
    apart: float = -math.inf,
) -> bool:
    """Whether `line` (its `cells`) is the next line of cells of the row `above` (its cells
    `head`) that wrapped: never a line that goes on the list a cell above began; its first
    cell empty and each cell it fills run to its column's end above. Or, where it
    leaves empty a cell (past the first) that the row above filled and sits closer under it
    than the block's rows sit apart (`apart`), each cell it fills begins where that cell's
    text above begins and with a word that would not fit after it, short of its column's
    longest line (`widest`): a new row fills its cells, a wrapped row's next line only those
    that wrapped, its first cell too (a line set a little taller, as a fallback font's
    figures make it, leaves the spacing no proof; `延べ` + `490`, a Latin word unbroken)."""
    filled = [i for i, c in enumerate(cells) if c]
    if not filled or len(line) == 0:
        return False
    size = _median_size(line)
    spans = _spans([above, line], s)
    # a wrapped line sits at most ~0.7 em below at single spacing; in cells set looser (1.5
    # lines) farther, but still clearly closer than the block's rows sit apart
    if spans[1][0] - spans[0][1] > max(0.7 * size, min(1.3 * size, apart - 0.25 * size)):
        return False
    last = chars_to_lines([c for c in above if str(c["text"]).strip()], s)[-1]
    bounds = list(zip([-math.inf, *cuts], [*cuts, math.inf], strict=True))
    inked = [
        [c for c in last if lo <= (float(c["x0"]) + float(c["x1"])) / 2 < hi] for lo, hi in bounds
    ]
    if any(_next_item(head[i], cells[i]) for i in filled if i < len(head)):
        return False
    # it leaves empty a cell the row above filled (past column one, which a group's rows
    # leave empty below its first): only some of the row's cells wrapped
    fewer = any(cell and i not in filled for i, cell in enumerate(inked) if i)
    # (and it sits closer under the row than the block's rows sit apart: where every line
    # keeps one pitch, as in text laid out with spaces, a column of short codes is no proof)
    fewer = fewer and spans[1][0] - spans[0][1] <= apart - 0.25 * size
    for i in filled:
        end = max((float(c["x1"]) for c in inked[i]), default=-math.inf)
        if (
            fewer
            and widest
            and end + _first_word(line, *bounds[i], s) >= widest[i] - 0.2 * size
            and _begins_under(line, inked[i], bounds[i], size, s)
        ):
            continue  # the next line's first word did not fit after it: the cell wrapped
        if filled == [len(cuts)]:
            return False  # (a cell of the last column alone: where that column ends is not known)
        if cells[0] or end < ends[i] - 1.5 * size:
            return False  # that cell above stops short of its column's end: it did not wrap
    return True


def _next_item(above: str, text: str) -> bool:
    """Whether `text` begins as the cell above (`above`, its first line) began, with the next
    number of its series or the same bullet: the next item of a list set one to a line (a
    group's rows under one first cell), never the rest of a cell that wrapped. So is a text
    that ends in a bracket as the cell above ends in its closed one (`…事業【商観】` under
    `…事業【商観・農林】`): two names each with its bracket, not one name wrapped."""
    close = text[-1:]
    if (
        close in "】）)"
        and above.endswith(close)
        and text[:1] not in OPENING
        and sum(above.count(c) for c in "【（(") == sum(above.count(c) for c in "】）)")
    ):
        return True
    if text[:1] in _BULLETS:
        return above[:1] == text[:1]
    now, before = _ITEM_START.match(text), _ITEM_START.match(above)
    if now is None or before is None or now["label"] != before["label"]:
        return False

    def number(n: str) -> int:
        return ord(n) - ord("①") + 1 if "①" <= n <= "⑳" else int(n)

    return number(now["n"]) == number(before["n"]) + 1


def _begins_under(
    line: Sequence[Char],
    above: Sequence[Char],
    bounds: tuple[float, float],
    size: float,
    s: PdfSettings,
) -> bool:
    """Whether the first line of `line` begins its text between `bounds` where the cell's
    text above (`above`) begins: a cell's wrapped line begins at the cell's edge, a caption
    under a table wherever its own margin is."""
    first = chars_to_lines([c for c in line if str(c["text"]).strip()], s)[0]
    mine = [c for c in first if bounds[0] <= (float(c["x0"]) + float(c["x1"])) / 2 < bounds[1]]
    if not mine or not above:
        return False
    start = min(float(c["x0"]) for c in mine)
    return abs(start - min(float(c["x0"]) for c in above)) <= 0.5 * size


def _first_word(line: Sequence[Char], lo: float, hi: float, s: PdfSettings) -> float:
    """The width of the first word the first line of `line` sets between lo and hi: a run of
    Latin letters and figures (`490`, `LED`) is not broken, a kanji or kana is a word alone."""
    first = chars_to_lines([c for c in line if str(c["text"]).strip()], s)[0]
    inked = sorted(
        (c for c in first if lo <= (float(c["x0"]) + float(c["x1"])) / 2 < hi),
        key=lambda c: float(c["x0"]),
    )
    if not inked:
        return 0.0
    k = 1
    while k < len(inked) and str(inked[k - 1]["text"]) in OPENING:
        k += 1  # an opening bracket does not end a line: it goes with what follows
    while (
        k < len(inked) and str(inked[k - 1]["text"]).isascii() and str(inked[k]["text"]).isascii()
    ):
        if float(inked[k]["x0"]) - float(inked[k - 1]["x1"]) > 0.2 * float(inked[k]["size"]):
            break  # a word space
        k += 1
    return float(inked[k - 1]["x1"]) - float(inked[0]["x0"])


def _word_ends(row: Sequence[str], header: Sequence[str]) -> bool:
    """Whether a line under a header holds only the ends of words its cells cut (`所管課略` +
    `称`): a character or two in fewer than half of the header's cells."""
    filled = [c for c in row if c]
    return 2 * len(filled) <= sum(1 for c in header if c) and all(len(c) <= 2 for c in filled)


def _merge_unnamed(rows: list[list[str]]) -> list[list[str]]:
    """Under a header (the first row), a column it does not name whose cells never share a row
    with the column before is that column's other alignment (a spreadsheet sets figures right,
    words left, in one column): its text goes to the column before, and it is left empty."""
    rows = [list(r) for r in rows]
    for k in range(1, len(rows[0])):
        if rows[0][k] or not rows[0][k - 1]:
            continue
        body = rows[1:]
        if not any(r[k] for r in body) or any(r[k] and r[k - 1] for r in body):
            continue
        for r in body:
            if r[k]:
                r[k - 1], r[k] = r[k], ""
    return rows


def _name_over_its_text(rows: list[list[str]]) -> list[list[str]]:
    """A header's name centred over a column of words whose cells begin left of it, under no
    name (a name column wider than its name, laid out by pdftotext): the name that column's,
    its own column, filled by no row, left empty. (Not over cells that hold figures: a value
    run into the name before it, one space apart, leaves its own column empty too.)"""
    rows = [list(r) for r in rows]
    head, body = rows[0], rows[1:]
    for k in range(1, len(head)):
        cells = [r[k - 1] for r in body if r[k - 1]]
        words = [c for c in cells if not any(ch.isdigit() for ch in c)]
        if (
            head[k]
            and not head[k - 1]
            and not any(r[k] for r in body)
            and len(cells) >= 2
            and 2 * len(words) > len(cells)
        ):
            head[k - 1], head[k] = head[k], ""
    return rows


def _merge_spread_names(rows: list[list[str]]) -> list[list[str]]:
    """A header's name of two letters set 均等割り付け across its cell (`指　　　　標`), its second
    letter read as a column of its own that no row under it fills: one name."""
    rows = [list(r) for r in rows]
    head = rows[0]
    for k in range(len(head) - 1, 0, -1):
        pair = head[k - 1] + head[k]
        if (
            len(head[k - 1]) == len(head[k]) == 1
            and all(wide_letter(c) for c in pair)
            and not any(r[k] for r in rows[1:])
        ):
            head[k - 1], head[k] = pair, ""
    return rows


def _filled_columns(rows: list[list[str]]) -> list[int]:
    """The columns with text in some row (all rows have one cell per column)."""
    return [i for i in range(len(rows[0])) if any(r[i] for r in rows)]
