"""Pictures of the printed page for the report: the region around a finding's source line, with
that line highlighted, as a small PNG (the report embeds it as a data URI).

Only sources read from a PDF have them: their lines carry `Line.box` (points on `Line.page`,
origin top-left). The page is rendered once with pypdfium2 (installed with pdfplumber), cropped
to the text's width and ±`MARGIN` points around the line, downscaled and reduced to a small
palette, so that one picture costs a few kilobytes.
"""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.models import Document, Line

DPI = 110  # resolution of the picture
MARGIN = 60.0  # points above and below the line
SIDE = 14.0  # points left and right of the page's text
MAX_WIDTH = 900  # pixels
COLOURS = 16  # palette size: anti-aliased black text on white, the highlight, table rules
HIGHLIGHT = (255, 214, 0, 90)  # translucent yellow over the line
OUTLINE = (214, 40, 40, 255)


@dataclass(frozen=True)
class Picture:
    page: int
    line: int
    png: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def wanted(doc: Document | None, line: int | None) -> Line | None:
    """The source line a picture can show: one read from a PDF with its printed box."""
    if doc is None or doc.source_format != "pdf" or not line or not 0 < line <= len(doc.lines):
        return None
    ln = doc.lines[line - 1]
    return ln if ln.box is not None and ln.page else None


def _text_extent(doc: Document) -> dict[int, tuple[float, float]]:
    """Per page, the left and right edge of its printed lines (the picture's width)."""
    edges: dict[int, tuple[float, float]] = {}
    for ln in doc.lines:
        if ln.box is None or not ln.page:
            continue
        left, right = edges.get(ln.page, (ln.box[0], ln.box[2]))
        edges[ln.page] = (min(left, ln.box[0]), max(right, ln.box[2]))
    return edges


def render(pdf: Path, doc: Document, lines: Iterable[int]) -> dict[int, Picture]:
    """Pictures of the given source lines (line number → Picture), each page rendered once.

    Lines without a printed box are left out; a PDF that cannot be rendered gives no pictures
    (the report then shows the printed lines as text)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    by_page: dict[int, list[Line]] = defaultdict(list)
    for no in sorted(set(lines)):
        ln = wanted(doc, no)
        if ln is not None:
            by_page[ln.page].append(ln)  # type: ignore[index]
    if not by_page:
        return {}
    edges = _text_extent(doc)
    scale = DPI / 72
    out: dict[int, Picture] = {}
    try:
        pdf_doc = pdfium.PdfDocument(str(pdf))
    except (pdfium.PdfiumError, OSError):
        return {}
    try:
        for page_no, page_lines in sorted(by_page.items()):
            if not 0 < page_no <= len(pdf_doc):
                continue
            page = pdf_doc[page_no - 1]
            try:
                width_pt, height_pt = page.get_size()
                image = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
            left, right = edges.get(page_no, (0.0, width_pt))
            left, right = max(0.0, left - SIDE), min(width_pt, right + SIDE)
            for ln in page_lines:
                x0, top, x1, bottom = ln.box  # type: ignore[misc]
                crop = (
                    left,
                    max(0.0, top - MARGIN),
                    right,
                    min(height_pt, bottom + MARGIN),
                )
                piece = image.crop(tuple(round(v * scale) for v in crop)).convert("RGBA")
                mark = Image.new("RGBA", piece.size, (0, 0, 0, 0))
                draw = ImageDraw.Draw(mark)
                box = (
                    (x0 - 3 - crop[0]) * scale,
                    (top - 2 - crop[1]) * scale,
                    (x1 + 3 - crop[0]) * scale,
                    (bottom + 2 - crop[1]) * scale,
                )
                draw.rectangle(box, fill=HIGHLIGHT, outline=OUTLINE, width=2)
                piece = Image.alpha_composite(piece, mark).convert("RGB")
                if piece.width > MAX_WIDTH:
                    height = round(piece.height * MAX_WIDTH / piece.width)
                    piece = piece.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
                small = piece.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
                buf = io.BytesIO()
                small.save(buf, format="PNG", optimize=True)
                out[ln.no] = Picture(page_no, ln.no, buf.getvalue(), small.width, small.height)
    finally:
        pdf_doc.close()
    return out
