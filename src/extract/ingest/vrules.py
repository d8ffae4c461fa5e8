"""Tables ruled between their columns but not between their rows (vertical rules only, or a
grid whose horizontal lines are missing): the vertical rules that run beside a text line on
both sides and between its words are the table's column cuts. pdfplumber's table finder
needs rules both ways, so such a table reaches `ingest/pdflines.py` as text lines; its rows
are then read as a borderless table's, its columns are where the rules are, not where its
text happens to begin (a header name centred in its cell, a first cell left blank).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from extract.ingest.pdfchars import _box, _median_size, _segments
from extract.ingest.pdfium import Char, Edge
from extract.settings import PdfSettings

Rule = tuple[float, float, float]  # a vertical rule: x, top, bottom


def vertical_rules(edges: Sequence[Edge]) -> list[Rule]:
    """The page's vertical lines as (x, top, bottom), those drawn a cell at a time joined
    where they meet (or all but meet) at one x."""
    upright = sorted(
        (float(e["x0"]), float(e["top"]), float(e["bottom"]))
        for e in edges
        if e["orientation"] == "v"
    )
    # one x: the rules within half a point (one cell's border drawn a hair off the next's)
    columns: list[list[tuple[float, float, float]]] = []
    for rule in upright:
        if columns and rule[0] - columns[-1][-1][0] < 0.5:
            columns[-1].append(rule)
        else:
            columns.append([rule])
    out: list[list[float]] = []
    for column in columns:
        x = min(r[0] for r in column)
        run: list[float] | None = None
        for _, top, bottom in sorted(column, key=lambda r: r[1]):
            if run is not None and top <= run[2] + 1.5:
                run[2] = max(run[2], bottom)
            else:
                run = [x, top, bottom]
                out.append(run)
    return [(x, top, bottom) for x, top, bottom in out]


def _beside(line: Sequence[Char], rules: Sequence[Rule]) -> list[float]:
    """The x of the rules that run beside the whole of `line` (over its middle third), one
    per x."""
    _, top, _, bottom = _box(line)
    third = (bottom - top) / 3
    xs = sorted(x for x, a, b in rules if a <= top + third and b >= bottom - third)
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > 1.0:
            out.append(x)
    return out


def _frame(line: Sequence[Char], xs: Sequence[float]) -> tuple[float, float] | None:
    """The rules left and right of the line's ink that frame it as a table row: a rule
    between them crosses no word of the line (it runs in a gap between two cells)."""
    inked = [c for c in line if str(c["text"]).strip()]
    if not inked:
        return None
    x0 = min(float(c["x0"]) for c in inked)
    x1 = max(float(c["x1"]) for c in inked)
    left = [x for x in xs if x <= x0 + 0.5]
    right = [x for x in xs if x >= x1 - 0.5]
    if not left or not right:
        return None
    a, b = left[0], right[-1]  # the outermost: a blank first or last cell sits inside them
    inner = [x for x in xs if a < x < b]
    if not inner:
        return None
    for x in inner:
        if any(float(c["x0"]) + 0.5 < x < float(c["x1"]) - 0.5 for c in inked):
            return None  # a rule through a character: not a cut of this line
    return a, b


def ruled_columns(
    lines: Sequence[Sequence[Char]], start: int, rules: Sequence[Rule], s: PdfSettings
) -> tuple[int, list[float], list[float]] | None:
    """A table whose columns are parted by vertical rules, starting at `start`: (lines, column
    cuts, where each column after a cut begins), or None. Its lines are those framed by the
    same outer rules with a rule between cells; its cuts are the rules between the outer ones
    beside any of them (a header cell merged over two columns leaves a rule out). One line
    so framed is a row of cells (a table's last row alone on a page)."""
    if not rules:
        return None
    size = _median_size(lines[start])
    xs = _beside(lines[start], rules)
    frame = _frame(lines[start], xs)
    if frame is None:
        return None
    a, b = frame
    cuts: list[float] = []
    end = start
    while end < len(lines):
        here = _beside(lines[end], rules)
        if not any(abs(x - a) <= 1.0 for x in here) or not any(abs(x - b) <= 1.0 for x in here):
            break
        inked = [c for c in lines[end] if str(c["text"]).strip()]
        if inked and (
            min(float(c["x0"]) for c in inked) < a - 0.5
            or max(float(c["x1"]) for c in inked) > b + 0.5
        ):
            break
        cuts += [x for x in here if a + 1.0 < x < b - 1.0]
        end += 1
    merged: list[float] = []
    for x in sorted(cuts):
        if not merged or x - merged[-1] > 1.0:
            merged.append(x)
    # Each column's text begins a cell padding after its rule (the padding one table keeps;
    # a centred or right-set cell begins farther in, a bracket's glyph a little off).
    firsts = [_box(seg)[0] for line in lines[start:end] for seg in _segments(line, s)]
    pads = [
        x0 - max(x for x in (a, *merged) if x < x0)
        for x0 in firsts
        if any(0 < x0 - x < size for x in (a, *merged))
    ]
    pad = statistics.median_low(pads) if pads else 0.3 * size
    starts = [x + pad for x in merged]
    return end - start, merged, starts


def ruled_gap(lines: Sequence[Sequence[Char]], gutter: float, rules: Sequence[Rule]) -> bool:
    """Whether a gap that looked like a gutter holds the rule between two cells of a ruled
    table: two lines or more whose text either side of the gap has one rule between it,
    framed left and right by rules beside the line (a rule between two columns of text frames
    nothing; two tables side by side leave two rules, each one's border, in the gap)."""
    framed = 0
    for line in lines:
        inked = [c for c in line if str(c["text"]).strip()]
        left = [float(c["x1"]) for c in inked if float(c["x1"]) <= gutter]
        right = [float(c["x0"]) for c in inked if float(c["x0"]) >= gutter]
        if not left or not right:
            continue
        xs = _beside(inked, rules)
        frame = _frame(inked, xs)
        inside = [x for x in xs if max(left) <= x <= min(right)]
        if frame is not None and len(inside) == 1 and frame[0] < inside[0] < frame[1]:
            framed += 1
    return framed >= 2
