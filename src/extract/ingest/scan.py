"""Scanned pages: the OCR engine's page (`ingest/ocr.py`) → the page result every reader gives.

An OcrPage's ruled tables become table rows (one item per row, a cell's lines joined as a wrapped
cell), its body lines text items; then the document goes through the same layout passes and the
same parser as a PDF with a text layer. Each item keeps the engine's confidence, so that the
pipeline can report low-confidence lines (`ocr.low_confidence`) and the page each came from.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.ingest.layout import Item, PageResult
from extract.ingest.ocr import OcrLine, OcrPage, OcrSettings, pdf_page_to_ocr_page
from extract.settings import OcrSettings as OcrConfig
from extract.text import join_wrapped

# A dot leader's ends as read (…, ‥, ・・): its dots between them, too faint or too small, are
# taken out as specks, and the gap they leave cuts the line in two
_LEADER_END = re.compile(r"(?:[…‥]|[・.．]{2,})$")
_LEADER_START = re.compile(r"^(?:[…‥]|[・.．]{2,})")


def engine_settings(config: OcrConfig) -> OcrSettings:
    return OcrSettings(dpi=config.dpi, lang=config.lang)


def ocr_page_to_result(page: OcrPage) -> PageResult:
    items: list[Item] = []
    for t_index, table in enumerate(page.tables):
        for r_index, row in enumerate(table.rows):
            cells = []
            sizes: list[float] = []
            confidences: list[float] = []
            for cell in row:
                if cell is None:
                    cells.append("")  # covered by a merged cell
                    continue
                cells.append(join_wrapped([ln.text for ln in cell.lines]))
                sizes.extend(ln.size for ln in cell.lines)
                confidences.extend(ln.confidence for ln in cell.lines if ln.text)
            if not any(cells):
                continue
            boxes = [c for c in row if c is not None]
            item = Item(
                page.page,
                min(c.top for c in boxes),
                max(c.bottom for c in boxes),
                min(c.x0 for c in boxes),
                max(c.x1 for c in boxes),
                max(sizes) if sizes else 10.0,
                cells,
                t_index,
                r_index,
            )
            item.confidence = min(confidences) if confidences else None
            items.append(item)
    for line in _leaders_joined(page.lines):
        if not line.text.strip():
            continue
        item = Item(page.page, line.top, line.bottom, line.x0, line.x1, line.size, [line.text])
        item.confidence = line.confidence
        items.append(item)
    items.sort(key=lambda it: (it.top, it.x0))
    chars = sum(len(c) for it in items for c in it.cells)
    result = PageResult(page.page, page.width, page.height, items, chars)
    result.ocr_confidence = page.mean_confidence
    return result


def _same_row(a: OcrLine, b: OcrLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _leaders_joined(lines: tuple[OcrLine, ...]) -> list[OcrLine]:
    """Body lines with a dot leader's two ends joined (`●中小企業設備投資支援事業…` and
    `…商工振興課` on one row: one line, as the print sets it); a line right of another on its row
    is joined where the left ends in a leader and it starts with one."""
    out: list[OcrLine] = []
    for line in sorted(lines, key=lambda ln: (ln.x0, ln.top)):
        left = next(
            (
                i
                for i, a in enumerate(out)
                if a.x1 < line.x0
                and _same_row(a, line)
                and _LEADER_END.search(a.text.strip())
                and _LEADER_START.match(line.text.strip())
            ),
            None,
        )
        if left is None:
            out.append(line)
            continue
        a = out[left]
        out[left] = replace(
            a,
            text=a.text.rstrip() + line.text.strip(),
            x1=line.x1,
            top=min(a.top, line.top),
            bottom=max(a.bottom, line.bottom),
            size=max(a.size, line.size),
            confidence=min(a.confidence, line.confidence),
        )
    return out


def read_scanned_page(path: str, number: int, config: OcrConfig) -> PageResult:
    """One page rendered and read by OCR (run in a worker process: Tesseract is per process)."""
    return ocr_page_to_result(pdf_page_to_ocr_page(path, number, engine_settings(config)))
