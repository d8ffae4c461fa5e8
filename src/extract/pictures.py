"""Pictures of the printed page for the report: the region around a finding's source line, with
that line highlighted, as a small PNG (the report embeds it as a data URI).

Only sources read from a PDF (text layer or OCR) have them: their lines carry `Line.box` (points on `Line.page`,
origin top-left). Only the band around the line is rendered with pypdfium2 (installed with
pdfplumber): the text's width and ±`MARGIN` points around the line, downscaled and reduced to a
small palette, so that one picture costs a few kilobytes and milliseconds.
"""

from __future__ import annotations

import base64
import io
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract import workers
from extract.models import Document, Line

if TYPE_CHECKING:
    from PIL import Image

DPI = 110  # resolution of the picture
MARGIN = 60.0  # points above and below the line
SIDE = 14.0  # points left and right of the page's text
MAX_WIDTH = 900  # pixels
# Pixels of one page's render at most: a page of 14,400 pt (5 m) would be 22,000 pixels square at
# DPI; such a page is rendered coarser, as its picture is scaled down to MAX_WIDTH anyway.
MAX_RENDER_PIXELS = 16_000_000
MAX_PICTURES = 300  # per report: errors first, then warnings; the rest show the printed lines
COLOURS = 16  # palette size: anti-aliased black text on white, the highlight, table rules
HIGHLIGHT = (255, 214, 0)  # yellow, blended over the line
HIGHLIGHT_ALPHA = 0.35
OUTLINE = (214, 40, 40)


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
    if doc is None or doc.source_format == "text" or not line or not 0 < line <= len(doc.lines):
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


def _highlight(piece: Image.Image, box: tuple[int, int, int, int]) -> None:
    """The line's box tinted yellow and outlined, in place (only the box is blended)."""
    from PIL import Image, ImageDraw

    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(piece.width, box[2]), min(piece.height, box[3])
    if x1 <= x0 or y1 <= y0:
        return
    region = piece.crop((x0, y0, x1, y1))
    tint = Image.new("RGB", region.size, HIGHLIGHT)
    piece.paste(Image.blend(region, tint, HIGHLIGHT_ALPHA), (x0, y0))
    ImageDraw.Draw(piece).rectangle((x0, y0, x1 - 1, y1 - 1), outline=OUTLINE, width=2)


PARALLEL_MIN = 40  # fewer pictures are made in this process


def render(
    pdf: Path, doc: Document, lines: Iterable[int], jobs: int | None = None
) -> dict[int, Picture]:
    """Pictures of the given source lines (line number → Picture), made in parallel processes
    when there are many (`jobs`: processes, default all cores).

    Lines without a printed box are left out; a PDF that cannot be rendered gives no pictures
    (the report then shows the printed lines as text)."""
    by_page: dict[int, list[Line]] = defaultdict(list)
    for no in sorted(set(lines)):
        ln = wanted(doc, no)
        if ln is not None:
            by_page[ln.page].append(ln)  # type: ignore[index]
    if not by_page:
        return {}
    edges = _text_extent(doc)
    pages = sorted(by_page)
    # An OCR'd page was read as displayed (its /Rotate applied); a text page in its own
    # coordinates, turned where its text was set at a quarter turn: -1 and 0/1/3.
    tasks = [
        (
            n,
            edges.get(n),
            [(ln.no, ln.box) for ln in by_page[n]],
            -1 if n in doc.ocr_pages else doc.turned_pages.get(n, 0),
        )
        for n in pages
    ]
    jobs = jobs or os.cpu_count() or 1
    count = sum(len(v) for v in by_page.values())
    if jobs == 1 or count < PARALLEL_MIN:
        return {p.line: p for p in _render_pages(str(pdf), tasks)}
    size = -(-len(tasks) // jobs)
    batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    out: dict[int, Picture] = {}
    with workers.pool(jobs, len(batches)) as pool:
        for made in pool.map(_render_pages, [str(pdf)] * len(batches), batches):
            out.update((p.line, p) for p in made)
    return out


Box = tuple[float, float, float, float]
# A page, the left and right edge of its text, its lines to show with their boxes, and the
# quarter turn its text was read at.
PageTask = tuple[int, tuple[float, float] | None, list[tuple[int, Box | None]], int]


def _render_pages(pdf: str, tasks: list[PageTask]) -> list[Picture]:
    """The pictures of some pages' lines: each page rendered once, only the band that holds
    its lines."""
    import pypdfium2 as pdfium

    try:
        pdf_doc = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, OSError):
        return []
    out: list[Picture] = []
    try:
        for page_no, extent, page_lines, quarter in tasks:
            if not 0 < page_no <= len(pdf_doc):
                continue
            page = pdf_doc[page_no - 1]
            try:
                # In the coordinates the reader used: a /Rotate undone, text set at a quarter
                # turn turned to run left to right (ingest.pdfium.read_page).
                if quarter >= 0 and page.get_rotation():
                    page.set_rotation(0)
                quarter = max(quarter, 0)
                width_pt, height_pt = page.get_size()
                if quarter:
                    width_pt, height_pt = height_pt, width_pt
                left, right = extent or (0.0, width_pt)
                left, right = max(0.0, left - SIDE), min(width_pt, right + SIDE)
                shots = [
                    (
                        no,
                        box,
                        (left, max(0.0, box[1] - MARGIN), right, min(height_pt, box[3] + MARGIN)),
                    )
                    for no, box in page_lines
                    if box is not None
                ]
                if not shots:
                    continue
                # One render per page, of the band that holds all its pictures (PDFium crops
                # by the amount cut from each side: left, bottom, right, top).
                top = min(crop[1] for _, _, crop in shots)
                bottom = max(crop[3] for _, _, crop in shots)
                area = width_pt * height_pt if quarter else (right - left) * (bottom - top)
                scale = min(DPI / 72, (MAX_RENDER_PIXELS / max(area, 1.0)) ** 0.5)
                if quarter:
                    # the whole page, turned clockwise (quarter 1) or back (3), then the band
                    turned = page.render(scale=scale, rotation=90 if quarter == 1 else 270)
                    band = (
                        turned.to_pil()
                        .convert("RGB")
                        .crop(tuple(round(v * scale) for v in (left, top, right, bottom)))
                    )
                else:
                    band = (
                        page.render(
                            scale=scale, crop=(left, height_pt - bottom, width_pt - right, top)
                        )
                        .to_pil()
                        .convert("RGB")
                    )
            finally:
                page.close()
            for line_no, line_box, crop in shots:
                piece = band.crop(
                    tuple(
                        round(v * scale)
                        for v in (crop[0] - left, crop[1] - top, crop[2] - left, crop[3] - top)
                    )
                )
                out.append(_picture(page_no, line_no, piece, line_box, crop, scale))
    finally:
        pdf_doc.close()
    return out


def _picture(
    page_no: int,
    line_no: int,
    piece: Image.Image,
    line_box: Box,
    crop: Box,
    scale: float,
) -> Picture:
    from PIL import Image

    x0, top, x1, bottom = line_box
    box = (
        round((x0 - 3 - crop[0]) * scale),
        round((top - 2 - crop[1]) * scale),
        round((x1 + 3 - crop[0]) * scale),
        round((bottom + 2 - crop[1]) * scale),
    )
    _highlight(piece, box)
    if piece.width > MAX_WIDTH:
        height = round(piece.height * MAX_WIDTH / piece.width)
        piece = piece.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    # A fast palette and plain zlib: a tenth of the time of median cut and PNG's optimize
    # pass, for the same few kilobytes (a plan can have thousands of findings).
    small = piece.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)
    buf = io.BytesIO()
    small.save(buf, format="PNG", compress_level=6)
    return Picture(page_no, line_no, buf.getvalue(), small.width, small.height)
