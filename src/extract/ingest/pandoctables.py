"""pandoc's own Markdown tables, which CommonMark does not know, as pipe tables.

`pandoc -t markdown` (its default dialect) writes a table as a grid table when a cell is merged
or holds more than a line (`+----+----+` borders, `+====+` under the header, a merged cell's
border left out: row and column spans), else as a multiline or simple table (columns told by the
dashes under the header, rows one line each or set apart by blank lines). markdown-it reads them
as paragraphs of dashes and pipes. Each is found here in the source lines and written again as
the pipe table of its grid (a merged cell's text in its first grid cell, the cells it covers
empty, a cell's lines joined as wrapped text); the lines the table took beyond it are left blank
after it, so every later line keeps its number.

Columns are display columns: a wide (Japanese) character takes two, as pandoc lays them out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from extract.ingest.blocks import GridCell, cell_text, spread

_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+\s*$")
_GRID_LINE = re.compile(r"^[+|]")
_PAD = "\x00"  # the second display column of a wide character
_FULL_DASH = re.compile(r"^\s*-{3,}\s*$")
_SEGMENTS = re.compile(r"^\s*-+(?:\s+-+)+\s*$")


def _columns(line: str) -> list[str]:
    """The line as display columns: a wide character, then a pad for the column it also
    covers."""
    out: list[str] = []
    for ch in line.rstrip("\n"):
        out.append(ch)
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            out.append(_PAD)
    return out


def _text(cols: Sequence[str], start: int, end: int) -> str:
    return "".join(cols[start:end]).replace(_PAD, "").rstrip()


@dataclass
class _Cell:
    top: int
    left: int
    bottom: int
    right: int
    text: str


def _grid_cells(lines: Sequence[str]) -> list[_Cell]:
    """A grid table's cells: from each cell's top-left corner, the nearest bottom-right corner
    whose borders close around it (docutils' way: a merged cell's inner borders are missing)."""
    grid = [_columns(ln) for ln in lines]
    width = max(len(g) for g in grid)
    grid = [g + [" "] * (width - len(g)) for g in grid]
    height = len(grid)

    def at(r: int, c: int) -> str:
        return grid[r][c] if 0 <= r < height and 0 <= c < width else " "

    cells: list[_Cell] = []
    todo, seen = [(0, 0)], set()
    while todo:
        top, left = todo.pop(0)
        if (top, left) in seen or at(top, left) != "+" or top >= height - 1:
            continue
        seen.add((top, left))
        found = None
        for right in range(left + 1, width):
            if at(top, right) != "+":
                if at(top, right) not in "-=:":
                    break
                continue
            if at(top + 1, right) not in "|+":
                continue
            for bottom in range(top + 1, height):
                if at(bottom, right) not in "|+":
                    break
                if at(bottom, right) != "+":
                    continue
                if at(bottom, left) == "+" and all(
                    at(bottom, c) in "-=:+" for c in range(left, right)
                ):
                    if all(at(r, left) in "|+" for r in range(top, bottom)):
                        found = (bottom, right)
                        break
            if found:
                break
        if not found:
            continue
        bottom, right = found
        body = [_text(grid[r], left + 1, right) for r in range(top + 1, bottom)]
        cells.append(_Cell(top, left, bottom, right, _dedent(body)))
        todo += [(top, right), (bottom, left)]
    return cells


def _dedent(lines: list[str]) -> str:
    """A cell's lines without the common indent (pandoc pads one space inside the border)."""
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    # a lone `\` is pandoc's hard break of an empty paragraph: nothing printed
    return "\n".join(ln[cut:] for ln in lines if ln.strip() != "\\").strip("\n")


def _pipe_table(rows: list[list[tuple[str, int, int]]]) -> list[str]:
    """Rows of (cell text, rowspan, colspan) as a pipe table: spread to the grid (a merged
    cell's text in its first grid cell, as the text rendering prints it), a cell's lines joined
    as wrapped text."""
    grid = spread([[GridCell(t, across, down) for t, down, across in row] for row in rows])
    if not grid:
        return []
    cells = [[cell_text(c.split("\n")).replace("|", "\\|") or " " for c in row] for row in grid]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    return [lines[0], "|" + "---|" * len(grid[0]), *lines[1:]]


def _grid_table(lines: Sequence[str]) -> list[str]:
    cells = _grid_cells(lines)
    tops = sorted({c.top for c in cells})
    lefts = sorted({c.left for c in cells})
    rows: dict[int, list[tuple[str, int, int]]] = {t: [] for t in tops}
    for c in sorted(cells, key=lambda c: (c.top, c.left)):
        down = sum(1 for t in tops if c.top <= t < c.bottom)
        across = sum(1 for x in lefts if c.left <= x < c.right)
        rows[c.top].append((c.text, down, across))
    return _pipe_table([rows[t] for t in tops])


def _dash_table(lines: Sequence[str], dashes: int, multiline: bool) -> list[str]:
    """A simple or multiline table: its columns start where the dashes under the header do."""
    marks = _columns(lines[dashes])
    starts = [i for i, ch in enumerate(marks) if ch == "-" and (i == 0 or marks[i - 1] != "-")]
    bounds = [*starts[1:], 10**6]
    starts[0] = 0

    def split(group: list[str]) -> list[tuple[str, int, int]]:
        cols = [_columns(ln) for ln in group]
        return [
            (_dedent([_text(c, s, e) for c in cols]), 1, 1)
            for s, e in zip(starts, bounds, strict=True)
        ]

    body = [ln for ln in lines if not _FULL_DASH.match(ln)]
    at = body.index(lines[dashes]) if lines[dashes] in body else 0
    head, rest = body[:at], body[at + 1 :]
    rows = [split(head)] if any(h.strip() for h in head) else []
    if multiline:  # rows set apart by blank lines
        group: list[str] = []
        for ln in [*rest, ""]:
            if ln.strip():
                group.append(ln)
            elif group:
                rows.append(split(group))
                group = []
    else:
        rows += [split([ln]) for ln in rest if ln.strip() and not _SEGMENTS.match(ln)]
    return _pipe_table(rows)


def _dash_region(lines: Sequence[str], i: int) -> tuple[int, int, bool] | None:
    """The lines of a simple or multiline table whose dashes under the header are line `i`:
    (first, end, multiline)."""
    first = i
    while first > 0 and lines[first - 1].strip() and i - first < 6:
        first -= 1
    framed = _FULL_DASH.match(lines[first]) is not None
    if framed:
        end = next((j for j in range(i + 1, len(lines)) if _FULL_DASH.match(lines[j])), None)
        return (first, end + 1, True) if end is not None else None
    if first != i and first < i - 1:
        return None  # a simple table has one header line
    end = i + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return (first, end, False) if end > i + 1 else None


def pandoc_tables_to_pipes(text: str) -> str:
    """The text with each pandoc grid, multiline and simple table as a pipe table."""
    if "+--" not in text and "---" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _GRID_BORDER.match(line):
            end = i + 1
            while end < len(lines) and _GRID_LINE.match(lines[end]):
                end += 1
            while end > i + 1 and not _GRID_BORDER.match(lines[end - 1]):
                end -= 1
            table = _grid_table(lines[i:end]) if end - i >= 3 else []
            if table:
                out.extend(table)
                out.extend([""] * max(0, end - i - len(table)))
                i = end
                continue
        if _SEGMENTS.match(line) and i + 1 < len(lines):
            region = _dash_region(lines, i)
            if region is not None:
                first, end, multiline = region
                table = _dash_table(lines[first:end], i - first, multiline)
                del out[len(out) - (i - first) :]
                out.extend(table)
                out.extend([""] * max(0, end - first - len(table)))
                i = end
                continue
        out.append(line)
        i += 1
    return "\n".join(out)
