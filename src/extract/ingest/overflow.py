"""Sheets wider than the page: a spreadsheet prints its last columns on a later page, each row
at the height it has on the page of its first columns. These passes over the pages read
(`ingest/pdf.py`'s `path_to_document`, after every page is read and before the document-wide
layout passes of `ingest/layout.py`) put such a column back as the last cell of its rows: of a
borderless table (`_sheet_overflow`) and of a ruled one (`_ruled_overflow`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import replace

from extract.ingest.gutter import _shared_start
from extract.ingest.layout import PAGE_NUMBER, Item, PageResult
from extract.text import join_wrapped


def _sheet_overflow(results: list[PageResult]) -> list[PageResult]:
    """A sheet wider than the page prints its last columns on a later page, each row at the
    height it has on the page of its first columns: a page that holds only one column of
    cells, their lines beginning at the heights of borderless tables' rows on an earlier page,
    holds those tables' last column (wrapped cells' lines go to the row they sit in; a page of
    several tables prints all their last columns). The ends of that page's text lines that ran
    past its right edge, printed again left of this page's edge, are dropped, as for a ruled
    sheet (`_ruled_overflow`)."""
    out = list(results)
    for n, r in enumerate(out):
        lines = [it for it in r.items if not PAGE_NUMBER.match(it.text.strip(" -－―"))]
        if len(lines) < 2 or any(it.table >= 0 for it in lines):
            continue
        ends = [it for it in lines if it.x0 < 0]
        rest = [it for it in lines if it.x0 >= 0]
        if len(rest) < 2:
            continue
        size = statistics.median(it.size for it in rest)
        x = _shared_start([it.x0 for it in rest], 0.5 * size)
        cells = [it for it in rest if abs(it.x0 - x) < 0.5 * size]
        if len(cells) < 2 or len(cells) < 0.8 * len(rest):
            continue
        for m in range(n - 1, -1, -1):
            items = list(out[m].items)
            found = _overflow_rows(items, cells, size)
            if found is None or not _line_ends(items, ends, size):
                continue
            placed, taken = found
            for column in placed:
                items = _with_last_column(items, column)
            out[m] = replace(out[m], items=items)
            taken += ends
            out[n] = replace(r, items=[it for it in r.items if not any(it is c for c in taken)])
            break
    return out


def _line_ends(items: Sequence[Item], ends: Sequence[Item], size: float) -> bool:
    """Each of `ends` (set left of its page's edge) is the end of the text line of `items`
    at its height: a line that ran past the right edge of that page."""
    texts = [k for k, it in enumerate(items) if it.table < 0]
    return all(
        (k := _level(e, items, texts, size)) is not None
        and _squeeze(items[k].text).endswith(_squeeze(e.text))
        for e in ends
    )


def _ruled_overflow(results: list[PageResult]) -> list[PageResult]:
    """The same for a ruled sheet: a later page that holds only one-column ruled tables whose
    rows sit at the heights of an earlier page's ruled table rows (their last column) goes back
    to those rows, each of its tables to one table there (a page of two KPI tables prints both
    tables' last columns on one later page). The ends of that page's text lines that ran past
    its right edge, printed again left of this page's margin at their lines' heights, are
    dropped: the text layer of the earlier page holds them whole."""
    out = list(results)
    for n, r in enumerate(out):
        body = [it for it in r.items if not PAGE_NUMBER.match(it.text.strip(" -－―"))]
        cells = [it for it in body if it.table >= 0]
        ends = [it for it in body if it.table < 0]
        if any(len(it.cells) != 1 for it in cells) or not (
            len(cells) >= 2 or (ends and all(e.x0 < 0 for e in ends))
        ):
            continue  # (text set left of the page's edge is the end of a line run past it)
        size = statistics.median(it.size for it in cells or ends)
        for m in range(n - 1, -1, -1):
            items = list(out[m].items)
            columns = _overflow_columns(items, cells, size)
            texts = [k for k, it in enumerate(items) if it.table < 0]
            left = min((items[k].x0 for k in texts), default=0.0)
            lines = {id(e): _level(e, items, texts, size) for e in ends}
            if columns is None or any(
                e.x0 >= left
                or (k := lines[id(e)]) is None
                or not _squeeze(items[k].text).endswith(_squeeze(e.text))
                for e in ends
            ):
                continue
            for column in columns:
                items = _with_last_column(items, column)
            out[m] = replace(out[m], items=items)
            out[n] = replace(r, items=[it for it in r.items if it not in body])
            break
    return out


def _overflow_columns(
    items: Sequence[Item], cells: Sequence[Item], size: float
) -> list[dict[int, str]] | None:
    """Each one-column table of `cells` placed in the ruled table of `items` whose rows sit at
    its cells' heights: per table, its rows' indices → the new last cell; None where a cell
    sits at no row's height or one table's cells fall in two tables."""
    rows = [k for k, it in enumerate(items) if it.table >= 0 and len(it.cells) >= 2]
    columns: list[dict[int, str]] = []
    for table in dict.fromkeys(c.table for c in cells):
        own = [c for c in cells if c.table == table]
        placed = {k: c for c in own if (k := _level(c, items, rows, size)) is not None}
        if len(placed) < len(own) or len({items[k].table for k in placed}) != 1:
            return None
        columns.append({k: c.cells[0] for k, c in placed.items()})
    if len({items[min(c)].table for c in columns}) < len(columns):
        return None  # two columns of one table: not a last column each
    return columns


def _with_last_column(items: Sequence[Item], placed: dict[int, str]) -> list[Item]:
    """`items` with a cell added to every row of the table the rows `placed` are of: their
    text there, an empty cell in the table's other rows (on a page, its items are its own)."""
    if not placed:
        return list(items)
    table = items[min(placed)].table
    return [
        replace(it, cells=[*it.cells, placed.get(k, "")], starts=_widened(it))
        if it.table == table
        else it
        for k, it in enumerate(items)
    ]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _level(it: Item, items: Sequence[Item], among: Sequence[int], size: float) -> int | None:
    """The item of `items` (of those numbered `among`) set at the height of `it`."""
    return next((k for k in among if abs(items[k].top - it.top) < 0.3 * size), None)


def _widened(row: Item) -> tuple[float, ...] | None:
    return None if row.starts is None else (*row.starts, row.x1 + 1.0)


def _overflow_rows(
    items: Sequence[Item], cells: Sequence[Item], size: float
) -> tuple[list[dict[int, str]], list[Item]] | None:
    """Each of `cells` placed in the borderless table row of `items` it sits in (by height:
    at or below the row's top, nothing else of the page printed between), as the text of that
    row's new last cell; per table, its rows' indices → that text, and the cells placed. None
    unless most cells begin right where a row begins. A cell beside no row stays where it is
    printed (a row read as a text line, under a header alone at the page foot before)."""
    rows = [(k, it) for k, it in enumerate(items) if it.table >= 0 and it.starts]
    if not rows:
        return None
    exact = sum(1 for c in cells if any(abs(c.top - it.top) < 0.1 * size for _, it in rows))
    if exact < max(2, 0.5 * len(cells)):
        return None
    placed: dict[int, list[str]] = {}
    taken: list[Item] = []
    for c in cells:
        above = [(k, it) for k, it in rows if it.top <= c.top + 0.1 * size]
        if not above:
            continue
        k, row = max(above, key=lambda kr: kr[1].top)
        # (a line below a table's last row, under text printed after it, is no cell of it)
        if any(
            row.top + 0.1 * size < it.top <= c.top + 0.1 * size
            for it in items
            if it.table != row.table
        ):
            continue
        placed.setdefault(k, []).append(c.text)
        taken.append(c)
    tables: dict[int, dict[int, str]] = {}
    for k, texts in placed.items():
        tables.setdefault(items[k].table, {})[k] = join_wrapped(texts)
    return list(tables.values()), taken
