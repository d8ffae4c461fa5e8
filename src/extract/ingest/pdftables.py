"""Ruled tables on a PDF page: pdfplumber's table finder run on the page's ruling lines (as
PDFium reads them, `ingest/pdfium.py`), each cell's text rebuilt from the characters whose
centre it holds (`ingest/pdfchars.py`), a wrapped cell joined. The second step of
`ingest/pdf.py`'s `page_to_result`: the characters the tables take are left out of the text
lines, and the tables' rows count as text beside a gutter (`ingest/gutter.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.table import TableFinder

from extract.ingest.layout import Item
from extract.ingest.pdfchars import (
    Box,
    _marker_line,
    _median_size,
    chars_to_lines,
    close_spread_words,
    text_of,
)
from extract.ingest.pdfium import Char, PageData
from extract.settings import PdfSettings
from extract.text import join_wrapped


@dataclass
class _EdgePage:
    """What pdfplumber's table finder reads of a page: its ruling lines and its box."""

    edges: list[dict]
    bbox: Box


# How near (pt) two ruled blocks may stand and still be one: a rule's own width and the finder's
# join tolerance.
_BLOCK_GAP = 3.0


def _ruled_blocks(edges: list[dict]) -> list[list[dict]]:
    """The page's rules split into blocks whose vertical rules overlap top to bottom: the table
    finder snaps vertical rules near in x into one wherever they stand on the page, so two
    tables one above the other whose columns are a few points apart (Writer sizes each to its
    text) would share their columns, a figure at the edge of its cell cut off into the next."""
    spans: list[list[float]] = []
    for top, bottom in sorted(
        (float(e["top"]), float(e["bottom"])) for e in edges if e.get("orientation") == "v"
    ):
        if spans and top <= spans[-1][1] + _BLOCK_GAP:
            spans[-1][1] = max(spans[-1][1], bottom)
        else:
            spans.append([top, bottom])
    if len(spans) <= 1:
        return [edges]
    blocks: list[list[dict]] = [[] for _ in spans]
    for e in edges:
        middle = (float(e["top"]) + float(e["bottom"])) / 2
        for k, (top, bottom) in enumerate(spans):
            if top - _BLOCK_GAP <= middle <= bottom + _BLOCK_GAP:
                blocks[k].append(e)
                break
    return [b for b in blocks if b]


def chars_to_tables(
    data: PageData, chars: list[Char], s: PdfSettings, first_table: int = 0
) -> tuple[list[Item], set[int]]:
    """Rows of the ruled tables, and the ids of the characters they took."""
    items: list[Item] = []
    used: set[int] = set()
    if not data.edges:
        return items, used
    finders = [
        TableFinder(_EdgePage(group, (0, 0, data.width, data.height)), dict(s.table_settings))  # type: ignore[arg-type]
        for group in _ruled_blocks(data.edges)
    ]
    centres = [
        ((float(c["x0"]) + float(c["x1"])) / 2, (float(c["top"]) + float(c["bottom"])) / 2)
        for c in chars
    ]
    tables = [table for finder in finders for table in finder.tables]
    for t_index, table in enumerate(tables, start=first_table):
        tx0, ttop, tx1, tbottom = table.bbox
        in_table = [
            (c, x, y)
            for c, (x, y) in zip(chars, centres, strict=True)
            if tx0 <= x <= tx1 and ttop <= y <= tbottom
        ]
        rows = table.rows
        row_boxes = [row.bbox for row in rows]  # a computed property: read once
        lefts = [
            min(c[0] for c in col.cells if c is not None)
            for col in table.columns
            if any(c is not None for c in col.cells)
        ]
        ruled = (*sorted(lefts), tx1)
        # Each character in the first row, then the first cell, that holds its centre.
        by_row: list[list[tuple[Char, float, float]]] = [[] for _ in rows]
        for c, x, y in in_table:
            for i, (x0, top, x1, bottom) in enumerate(row_boxes):
                if x0 <= x <= x1 and top <= y <= bottom:
                    by_row[i].append((c, x, y))
                    break
        for r_index, row in enumerate(rows):
            cells: list[str] = []
            sizes: list[float] = []
            boxes = [b for b in row.cells if b is not None]
            by_cell: list[list[Char]] = [[] for _ in boxes]
            for c, x, y in by_row[r_index]:
                for i, (x0, top, x1, bottom) in enumerate(boxes):
                    if x0 <= x <= x1 and top <= y <= bottom:
                        by_cell[i].append(c)
                        break
            filled = iter(by_cell)
            for bbox in row.cells:
                if bbox is None:
                    cells.append("")  # merged with the cell before it
                    continue
                inside = next(filled)
                used.update(id(c) for c in inside)
                parts = []
                close_spread_words(inside, s)
                lines = chars_to_lines(inside, s)
                cell_size = max((_median_size(ln) for ln in lines), default=0.0)
                for line in lines:
                    text, size = text_of(line, s)
                    if text and _marker_line(line, cell_size, s):
                        text = f"<sup>{text}</sup>"  # a marker wrapped onto a line of its own
                    if text:
                        parts.append(text)
                        sizes.append(size)
                cells.append(join_wrapped(parts))
            if any(cells):
                x0, top, x1, bottom = row_boxes[r_index]
                body = max(sizes) if sizes else 10.0
                item = Item(data.number, top, bottom, x0, x1, body, cells, t_index, r_index)
                item.ruled = ruled
                items.append(item)
    return items, used
