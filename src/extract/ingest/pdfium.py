"""Characters and ruling lines of a PDF page, read with PDFium (pypdfium2, installed with pdfplumber).

PDFium reads a page's text about ten times faster than pdfminer. This module only reads: per page
the characters (text, box, font size, weight, baseline) and the ruling lines (the axis-parallel
segments of the drawn paths), in page coordinates with the origin at the top left, as pdfplumber
gives them. Table finding and line building are done on these by `ingest/pdf.py`.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Char = dict[str, object]
Edge = dict[str, object]

_MIN_EDGE = 3.0  # points: shorter segments are not ruling lines (glyph outlines, ticks)
_THIN = 2.0  # a filled shape thinner than this is a line
_GLYPH_SEGMENTS = 60  # a path with more segments than this is text drawn as outlines …
_GLYPH_STROKE = 15.0  # … whose strokes are shorter than this


@dataclass
class PageData:
    number: int
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]
    images: int  # image objects: a page with images and no text is a scan
    # Text set at a quarter turn that the reader turned to run left to right: 1 (it ran
    # upward), 3 (downward), 0 (upright). Pictures of the page are turned the same way.
    quarter: int = 0


def _cfloat() -> ctypes.c_float:
    return ctypes.c_float()


def page_to_chars(page: pdfium.PdfPage, height: float) -> list[Char]:
    """Every character PDFium reads (its generated spaces and line breaks left out)."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        matrix = raw.FS_MATRIX()
        chars: list[Char] = []
        for i in range(raw.FPDFText_CountChars(handle)):
            if raw.FPDFText_IsGenerated(handle, i) == 1:
                continue
            code = raw.FPDFText_GetUnicode(handle, i)
            if code in (0, 10, 13, 0xFFFE, 0xFFFF):
                continue
            text = chr(code)
            rect = raw.FS_RECTF()
            if not raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(rect)):
                continue
            raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(ox), ctypes.byref(oy))
            # The size as printed: the font size times the text matrix's scale (cairo and some
            # producers set every font at size 1 and scale it with the matrix).
            raw.FPDFText_GetMatrix(handle, i, ctypes.byref(matrix))
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
            size = raw.FPDFText_GetFontSize(handle, i) * scale
            angle = raw.FPDFText_GetCharAngle(handle, i)
            chars.append(
                {
                    "text": text,
                    "x0": rect.left,
                    "x1": rect.right,
                    "top": height - rect.top,
                    "bottom": height - rect.bottom,
                    "baseline": height - oy.value,
                    "origin": ox.value,
                    "size": size,
                    "weight": raw.FPDFText_GetFontWeight(handle, i),
                    # rotated text (vertical labels, stamps) is left out of the lines
                    "upright": angle < 0 or abs(math.sin(angle)) < 0.05,
                    "angle": angle,
                }
            )
        del left, right, bottom, top
        return chars
    finally:
        textpage.close()


def _segments(obj: pdfium.PdfObject, height: float) -> list[tuple[float, float, float, float]]:
    """The straight segments of a path object, in page coordinates (x0, y0, x1, y1)."""
    handle = obj.raw
    matrix = raw.FS_MATRIX()
    has_matrix = raw.FPDFPageObj_GetMatrix(handle, ctypes.byref(matrix))
    points: list[tuple[int, float, float, bool]] = []
    x, y = _cfloat(), _cfloat()
    for i in range(raw.FPDFPath_CountSegments(handle)):
        seg = raw.FPDFPath_GetPathSegment(handle, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        if has_matrix:
            px, py = (
                matrix.a * px + matrix.c * py + matrix.e,
                matrix.b * px + matrix.d * py + matrix.f,
            )
        points.append(
            (
                raw.FPDFPathSegment_GetType(seg),
                px,
                height - py,
                bool(raw.FPDFPathSegment_GetClose(seg)),
            )
        )
    out = []
    start = prev = None
    for kind, px, py, close in points:
        if kind == raw.FPDF_SEGMENT_MOVETO or prev is None:
            start = prev = (px, py)
            continue
        if kind == raw.FPDF_SEGMENT_LINETO:
            out.append((prev[0], prev[1], px, py))
        prev = (px, py)
        if close and start is not None:
            out.append((px, py, start[0], start[1]))
            prev = start
    return out


def page_to_edges(page: pdfium.PdfPage, height: float) -> tuple[list[Edge], int]:
    """Horizontal and vertical ruling lines (pdfplumber's edge dicts), and the image count."""
    edges: list[Edge] = []
    images = 0
    for obj in page.get_objects(
        filter=[raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE], max_depth=4
    ):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if w < _THIN and h >= _MIN_EDGE:  # a thin filled bar: a vertical line
            x = (left + right) / 2
            edges.append(_edge(x, height - top, x, height - bottom))
            continue
        if h < _THIN and w >= _MIN_EDGE:
            y = height - (top + bottom) / 2
            edges.append(_edge(left, y, right, y))
            continue
        segments = _segments(obj, height)
        # Text drawn as outlines (cairo re-prints, some headings) is a path of hundreds of short
        # strokes: only its long straight segments can be ruling lines.
        shortest = _MIN_EDGE if len(segments) <= _GLYPH_SEGMENTS else _GLYPH_STROKE
        for x0, y0, x1, y1 in segments:
            if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= shortest:
                edges.append(_edge(min(x0, x1), y0, max(x0, x1), y0))
            elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= shortest:
                edges.append(_edge(x0, min(y0, y1), x0, max(y0, y1)))
    return edges, images


def horizontal_rules(edges: Sequence[Edge]) -> list[tuple[float, float, float]]:
    """The page's horizontal lines as (y, x0, x1), those drawn a cell at a time joined where
    they meet at one height."""
    out: list[list[float]] = []
    flat = [e for e in edges if e["orientation"] == "h"]
    for e in sorted(flat, key=lambda e: (round(float(e["top"])), float(e["x0"]))):
        y, a, b = float(e["top"]), float(e["x0"]), float(e["x1"])
        last = out[-1] if out else None
        if last is not None and abs(last[0] - y) < 0.5 and a <= last[2] + 1.0:
            last[2] = max(last[2], b)
        else:
            out.append([y, a, b])
    return [(y, a, b) for y, a, b in out]


def _edge(x0: float, top: float, x1: float, bottom: float) -> Edge:
    horizontal = abs(bottom - top) < 0.5
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": "h" if horizontal else "v",
        "object_type": "line",
    }


def read_page(doc: pdfium.PdfDocument, number: int) -> PageData:
    """A page's characters and ruling lines in reading orientation: a /Rotate is undone (the
    text is read where its producer set it), and text set at a quarter turn on the page (an A3
    table drawn sideways for a rotated page) is turned to run left to right."""
    page = doc[number - 1]
    try:
        if page.get_rotation():
            page.set_rotation(0)  # read in the page's own coordinates
        width, height = page.get_size()
        chars = page_to_chars(page, height)
        edges, images = page_to_edges(page, height)
        quarter = text_quarter(chars)
        if quarter:
            chars, edges, width, height = turn_page(chars, edges, width, height, quarter)
        return PageData(number, width, height, chars, edges, images, quarter)
    finally:
        page.close()


def text_quarter(chars: list[Char]) -> int:
    """1 when most text runs upward on the page (set at 90°), 3 when downward (270°), else 0."""
    turned = [c for c in chars if not c["upright"] and str(c["text"]).strip()]
    if len(turned) < 0.6 * max(1, sum(1 for c in chars if str(c["text"]).strip())):
        return 0
    # Which way: from where each next character of a line sits (up the page or down).
    steps = [
        b["top"] - a["top"]
        for a, b in zip(turned, turned[1:], strict=False)
        if abs(b["x0"] - a["x0"]) < 0.5 * a["size"] and abs(b["top"] - a["top"]) < 2 * a["size"]
    ]
    up = sum(1 for d in steps if d < 0)
    return 1 if up >= len(steps) - up else 3


def _turn(x: float, t: float, width: float, height: float, quarter: int) -> tuple[float, float]:
    """A point (x right, t down) of a page whose text runs upward (quarter 1) or downward (3),
    in the coordinates of that page turned so the text runs to the right."""
    return (height - t, x) if quarter == 1 else (t, width - x)


def turn_page(
    chars: list[Char], edges: list[Edge], width: float, height: float, quarter: int
) -> tuple[list[Char], list[Edge], float, float]:
    out_chars = []
    for c in chars:
        (ax, at), (bx, bt) = (
            _turn(c["x0"], c["top"], width, height, quarter),
            _turn(c["x1"], c["bottom"], width, height, quarter),
        )
        base = _turn(c["origin"], c["baseline"], width, height, quarter)[1]
        out_chars.append(
            {
                **c,
                "x0": min(ax, bx),
                "x1": max(ax, bx),
                "top": min(at, bt),
                "bottom": max(at, bt),
                "baseline": base,
                "upright": not c["upright"],
            }
        )
    out_edges = []
    for e in edges:
        (ax, at), (bx, bt) = (
            _turn(e["x0"], e["top"], width, height, quarter),
            _turn(e["x1"], e["bottom"], width, height, quarter),
        )
        out_edges.append(_edge(min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)))
    return out_chars, out_edges, height, width
