"""Tables without ruling lines: columns from how text aligns across rows.

Shared by the PDF reader (positions in points) and the text reader of layout renderings
(positions in display columns). A row is a list of segments — runs of text separated by wide
gaps. A column boundary (a gutter) is an x range that no segment of the block covers, or only a
few do; cells are the segments between gutters. Single-segment rows inside a block (the rest of a
wrapped cell) keep their column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    x0: float
    x1: float
    text: str


def gutters(
    rows: Sequence[Sequence[Segment]], min_width: float, spanning: float = 0.15
) -> list[float]:
    """x positions that split the rows into columns: in a gap at least `min_width` wide that at
    most `spanning` of the rows cross (a title or an overlong cell may), with text on both sides
    in two rows or in the first (the header). Within one gap between two columns, the place
    fewest rows cross."""
    segments = [s for row in rows for s in row]
    if not segments:
        return []
    left = min(s.x0 for s in segments)
    right = max(s.x1 for s in segments)
    edges = sorted({round(s.x0, 1) for s in segments} | {round(s.x1, 1) for s in segments})
    starts = sorted({round(s.x0, 1) for s in segments})
    allowed = max(0, int(spanning * len(rows)))
    found: list[tuple[float, int]] = []  # (x, rows crossing it)
    for a, b in zip(edges, edges[1:], strict=False):
        if b - a < min_width or a <= left or b >= right:
            continue
        mid = (a + b) / 2
        crossing = sum(1 for row in rows if any(s.x0 < mid < s.x1 for s in row))
        if crossing > allowed:
            continue
        split = [
            i
            for i, row in enumerate(rows)
            if any(s.x1 <= mid for s in row) and any(s.x0 >= mid for s in row)
        ]
        # A sparse column (a ○ flag in a few rows) is still a column; so is one that only the
        # header names (a flag column with no flag set on this page).
        if len(split) >= 2 or split == [0]:
            found.append((mid, crossing))
    # Candidates with no column starting between them lie in one gap: keep its best place.
    out: list[float] = []
    group: list[tuple[float, int]] = []
    for x, crossing in found:
        if group and any(group[-1][0] < st < x for st in starts):
            out.append(min(group, key=lambda g: (g[1], -g[0]))[0])
            group = []
        group.append((x, crossing))
    if group:
        out.append(min(group, key=lambda g: (g[1], -g[0]))[0])
    return out


def rows_to_cells(rows: Sequence[Sequence[Segment]], cuts: Sequence[float]) -> list[list[str]]:
    """Each row's segments placed in the columns the gutters make (a segment that crosses a
    gutter stays whole, in the column where it starts)."""
    table = []
    for row in rows:
        cells = [""] * (len(cuts) + 1)
        for s in row:
            col = sum(1 for x in cuts if s.x0 >= x)
            cells[col] = f"{cells[col]} {s.text}".strip() if cells[col] else s.text
        table.append(cells)
    return table
