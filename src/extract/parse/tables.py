"""Cells and columns: what every table family shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from extract.models import Line
from extract.normalize import Normalizer
from extract.parse.patterns import DEPT_SPLIT, JOINED_SECTIONS, match_text


def line_to_cells(line: Line) -> list[str]:
    """The line's cells with layout whitespace trimmed; trailing empty cells dropped."""
    cells = [c.strip() for c in line.cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def find_column(
    headers: Sequence[str], words: Iterable[str], *, exclude: Iterable[int] = ()
) -> int | None:
    """Index of the first header containing one of `words` (tried in order of preference)."""
    excluded = set(exclude)
    keys = [match_text(h).replace(" ", "") for h in headers]
    for word in words:
        for i, key in enumerate(keys):
            if i not in excluded and word in key:
                return i
    return None


def cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def cell_to_departments(raw: str, norm: Normalizer) -> list[str]:
    """`企画課・商工課`, `企画課、商工課`, `【企画・商工】`'s inside → each department, normalized
    (two sections' names that a cell's wrap ran together, `建設水道課総務企画課`, apart)."""
    apart: list[str] = []
    for part in DEPT_SPLIT.split(raw):
        joined = JOINED_SECTIONS.match(part.strip())
        apart.extend(joined.groups() if joined else [part])
    return [d for d in (norm.abbr(p) for p in apart) if d]
