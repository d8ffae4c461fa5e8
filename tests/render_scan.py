"""Turn a text-layer PDF into a scan-like, image-only PDF (tests and benchmarks of the OCR path).

`rasterize` renders pages with pypdfium2 (greyscale); `degrade` makes a page look scanned (a
small rotation, blur, sensor noise); `images_to_pdf` writes the pages as a PDF with nothing but
one JPEG image per page, sized so the page keeps its size in points; `render_scan` does all three.

To score OCR against the text-layer original: `reference` takes a page's ruled tables (pdfplumber
`find_tables()`) and the text outside them, `ocr_reading` the same from an OcrPage, and
`char_accuracy` compares (1 − Levenshtein distance / reference length, after NFKC and with
whitespace removed: layout spaces are not text).

Scans as offices make them (issue 21): `ScanKind` names a print (LibreOffice Writer in one font,
cells wrapped in narrow columns with tight leading and text touching the rules, or not) and a
scan of it (resolution, tilt, blur, noise, JPEG quality, a photocopy's uneven background and
toner speckle). `SCAN_KINDS` is the set the benchmark (benchmarks/scan_bench.py) and the tests
use; `office_print` makes the print, `scan_pages` the scan of it.

Rotation follows PIL's convention: a positive angle turns the page counter-clockwise, so the OCR
engine, which reports the rotation it applied to straighten the page, should report about
`-angle`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter


def rasterize(
    pdf: Path | str, dpi: int = 300, pages: Sequence[int] | None = None
) -> list[Image.Image]:
    """Greyscale images of the PDF's pages (1-based page numbers; all pages by default)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        numbers = list(pages) if pages is not None else list(range(1, len(doc) + 1))
        out = []
        for n in numbers:
            page = doc[n - 1]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            out.append(bitmap.to_pil().convert("L"))
            page.close()
        return out
    finally:
        doc.close()


def degrade(
    image: Image.Image,
    angle: float = 0.7,
    blur: float = 0.7,
    noise: float = 10.0,
    seed: int = 0,
) -> Image.Image:
    """A page as a cheap office scanner would give it back: turned by `angle` degrees (counter-
    clockwise positive, about the centre, white fill), blurred (Gaussian radius in pixels), with
    Gaussian noise of standard deviation `noise` grey levels. JPEG loss comes when it is saved."""
    out = image.convert("L")
    if angle:
        out = out.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = np.random.default_rng(seed)
        arr = np.asarray(out, dtype=np.float32)
        arr = arr + rng.normal(0.0, noise, arr.shape).astype(np.float32)
        out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return out


def images_to_pdf(
    images: Sequence[Image.Image], out_pdf: Path | str, dpi: int, quality: int = 90
) -> Path:
    """An image-only PDF, one JPEG (at `quality`) per page, `dpi` pixels per inch."""
    out_pdf = Path(out_pdf)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    first, *rest = [im.convert("L") for im in images]
    first.save(
        out_pdf,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=float(dpi),
        quality=quality,
    )
    return out_pdf


def render_scan(
    pdf: Path | str,
    out_pdf: Path | str,
    dpi: int = 300,
    pages: Sequence[int] | None = None,
    degraded: bool = False,
    angle: float = 0.7,
    blur: float = 0.7,
    noise: float = 10.0,
    quality: int | None = None,
    seed: int = 0,
) -> Path:
    """`pdf` as an image-only scan: clean (JPEG quality 90) or, with `degraded`, turned by
    `angle`, blurred, noisy and saved at JPEG quality 60 (use dpi=200 for a cheap scanner)."""
    images = rasterize(pdf, dpi=dpi, pages=pages)
    if degraded:
        images = [
            degrade(im, angle=angle, blur=blur, noise=noise, seed=seed + i)
            for i, im in enumerate(images)
        ]
    q = quality if quality is not None else (60 if degraded else 90)
    return images_to_pdf(images, out_pdf, dpi=dpi, quality=q)


# --- scans as offices make them ------------------------------------------------------------------


@dataclass(frozen=True)
class ScanKind:
    """A print and a scan of it. Print: LibreOffice Writer in `font` (headings bold, as the
    plan's `#` levels); `wrapped`: narrow, nearly even columns so that cells wrap onto two or
    three lines; `tight`: cells set at `leading` of their font size with no padding, the text
    touching the rules. Scan: `dpi`, tilt `angle` (degrees, counter-clockwise positive),
    Gaussian `blur` (pixels), sensor `noise` (grey levels), JPEG `quality`; `photocopy`: an
    uneven grey background, a shadow along the binding edge, toner speckle."""

    name: str
    font: str = "IPAexGothic"
    wrapped: bool = False
    tight: bool = False
    leading: str = "95%"
    cell_pt: float = 9.0
    dpi: int = 300
    angle: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    quality: int = 90
    photocopy: bool = False

    @property
    def print_key(self) -> tuple[object, ...]:
        """What the print depends on (scans of one print share it)."""
        return (self.font, self.wrapped, self.tight, self.leading, self.cell_pt)


SCAN_KINDS: tuple[ScanKind, ...] = (
    # a clean office scan of a Gothic print
    ScanKind("gothic-300-clean", font="IPAexGothic", dpi=300),
    # the held-out case: Mincho, wrapped cells in tight leading, a cheap 200 dpi scan
    ScanKind(
        "mincho-200-wrapped",
        font="IPAexMincho",
        wrapped=True,
        tight=True,
        cell_pt=8.0,
        dpi=200,
        angle=0.6,
        blur=0.9,
        noise=8.0,
        quality=60,
    ),
    # a fax-grade 150 dpi scan of a serif print, heavier JPEG
    ScanKind(
        "notoserif-150",
        font="Noto Serif CJK JP",
        wrapped=True,
        dpi=150,
        angle=-1.2,
        blur=0.5,
        noise=6.0,
        quality=50,
    ),
    # a photocopy of a Gothic print, scanned at 200 dpi, tilted 2°
    ScanKind(
        "notosans-photocopy",
        font="Noto Sans CJK JP",
        tight=True,
        dpi=200,
        angle=2.0,
        blur=0.7,
        noise=10.0,
        quality=70,
        photocopy=True,
    ),
    # Mincho at 300 dpi but blurred and tilted the other way
    ScanKind(
        "mincho-300-blur",
        font="IPAexMincho",
        wrapped=True,
        tight=True,
        leading="90%",
        cell_pt=8.5,
        dpi=300,
        angle=-1.8,
        blur=1.4,
        noise=8.0,
        quality=75,
    ),
)


def office_print(text: str, kind: ScanKind, out_pdf: Path | str) -> Path:
    """The plan text printed by LibreOffice Writer as `kind` says (tests/producers.py's layout,
    with the cells' leading and padding set here)."""
    from .producers import WriterLayout, soffice_convert, text_to_layout_fodt

    lay = WriterLayout(
        font=kind.font,
        cell_pt=kind.cell_pt,
        even_columns=0.6 if kind.wrapped else 0.0,
        table_width=15.0 if kind.wrapped else None,
    )
    fodt = text_to_layout_fodt(text, lay)
    if kind.tight:
        fodt = _replace_once(
            fodt,
            '<style:style style:name="CellText" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"/>',
            '<style:style style:name="CellText" style:family="paragraph"><style:paragraph-properties'
            f' fo:margin-bottom="0cm" fo:line-height="{kind.leading}"/>',
        )
        fodt = _replace_once(fodt, 'fo:padding="0.08cm"', 'fo:padding="0cm"')
    return soffice_convert(fodt, ".fodt", Path(out_pdf))


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"the Writer layout no longer has {old[:60]!r} once")
    return text.replace(old, new)


def photocopy(image: Image.Image, seed: int = 0) -> Image.Image:
    """A photocopy's look: the paper an uneven grey (a smooth field and a darker band along the
    left, binding edge), toner a little heavier, and speckle (dots of one to three pixels)."""
    rng = np.random.default_rng(seed)
    arr = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    h, w = arr.shape
    coarse = rng.uniform(0.0, 1.0, (6, 5)).astype(np.float32)
    field = np.asarray(
        Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC),
        dtype=np.float32,
    )
    field = field / 255.0
    xs = np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :]
    edge = np.exp(-xs / 0.04) * 0.35  # the binding's shadow
    paper = 0.93 - 0.12 * field - edge  # 0.46 … 0.93 of white
    out = np.minimum(arr, 1.0) ** 1.3 * paper  # ink heavier, paper greyed
    # speckle: toner dots scattered over the page
    n = int(h * w / 4000)
    ys, xs_ = rng.integers(0, h, n), rng.integers(0, w, n)
    sizes = rng.integers(1, 4, n)
    for y, x, r in zip(ys, xs_, sizes, strict=True):
        out[y : y + r, x : x + r] = rng.uniform(0.0, 0.35)
    return Image.fromarray(np.clip(out * 255.0, 0, 255).astype(np.uint8), "L")


def scan_pages(
    pdf: Path | str,
    kind: ScanKind,
    out_pdf: Path | str,
    seed: int = 0,
    pages: Sequence[int] | None = None,
) -> Path:
    """`pdf` scanned as `kind` says: an image-only PDF, one JPEG per page (`pages`, 1-based: only
    those, each degraded as in the whole scan)."""
    numbers = list(pages) if pages else None
    images = rasterize(pdf, dpi=kind.dpi, pages=numbers)
    out = []
    for k, im in enumerate(images):
        i = numbers[k] - 1 if numbers else k
        if kind.photocopy:
            im = photocopy(im, seed=seed + i)
        out.append(degrade(im, angle=kind.angle, blur=kind.blur, noise=kind.noise, seed=seed + i))
    return images_to_pdf(out, out_pdf, dpi=kind.dpi, quality=kind.quality)


@dataclass
class Reading:
    """A page's text for scoring: the body (outside tables) and each table's cell texts."""

    body: str
    tables: list[tuple[tuple[float, float, float, float], list[list[str]]]]


def reference(pdf: Path | str, page_no: int) -> Reading:
    """What the text layer of page `page_no` (1-based) says, read with pdfplumber."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        page = doc.pages[page_no - 1]
        found = page.find_tables()
        tables = [
            (tuple(t.bbox), [[(c or "").replace("\n", "") for c in row] for row in t.extract()])
            for t in found
        ]

        def outside(obj: dict) -> bool:
            if obj.get("object_type") != "char":
                return True
            x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b, _ in tables)

        body = page.filter(outside).extract_text() or ""
    return Reading(body=body, tables=tables)  # type: ignore[arg-type]


def ocr_reading(page) -> Reading:
    """The same from an OcrPage (merged-cell slots read as empty cells)."""
    tables = []
    for t in page.tables:
        rows = [[c.text if c is not None else "" for c in row] for row in t.rows]
        tables.append(((t.x0, t.top, t.x1, t.bottom), rows))
    return Reading(body="\n".join(ln.text for ln in page.lines), tables=tables)


def normalize(text: str) -> str:
    """NFKC, no whitespace, no <sup> markup (the text layer has the bare digits)."""
    text = text.replace("<sup>", "").replace("</sup>", "")
    return "".join(unicodedata.normalize("NFKC", text).split())


def char_accuracy(ref: str, hyp: str) -> float:
    from rapidfuzz.distance import Levenshtein

    r, h = normalize(ref), normalize(hyp)
    if not r:
        return 1.0 if not h else 0.0
    return max(0.0, 1.0 - Levenshtein.distance(r, h) / len(r))


def _iou(a: Sequence[float], b: Sequence[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


@dataclass
class Score:
    body_chars: int
    body_errors: int
    cell_chars: int
    cell_errors: int
    shapes: list[tuple[tuple[int, int], tuple[int, int] | None]]  # (reference, ocr) rows × cols

    @property
    def body(self) -> float:
        return 1 - self.body_errors / self.body_chars if self.body_chars else 1.0

    @property
    def cells(self) -> float:
        return 1 - self.cell_errors / self.cell_chars if self.cell_chars else 1.0

    @property
    def total(self) -> float:
        n = self.body_chars + self.cell_chars
        return 1 - (self.body_errors + self.cell_errors) / n if n else 1.0


def score(ref: Reading, hyp: Reading) -> Score:
    """Edit distances of the body text and of every table cell (cells paired by grid position
    when the shapes agree, else the whole table's text)."""
    from rapidfuzz.distance import Levenshtein

    def dist(a: str, b: str) -> tuple[int, int]:
        a, b = normalize(a), normalize(b)
        return len(a), Levenshtein.distance(a, b)

    bn, be = dist(ref.body, hyp.body)
    cn = ce = 0
    shapes: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
    for bbox, rows in ref.tables:
        shape = (len(rows), len(rows[0]) if rows else 0)
        best = max(hyp.tables, key=lambda t: _iou(bbox, t[0]), default=None)
        if best is None or _iou(bbox, best[0]) < 0.5:
            shapes.append((shape, None))
            n, e = dist("".join("".join(r) for r in rows), "")
            cn, ce = cn + n, ce + e
            continue
        got = best[1]
        shapes.append((shape, (len(got), len(got[0]) if got else 0)))
        if shapes[-1][0] == shapes[-1][1]:
            for rr, gr in zip(rows, got, strict=True):
                for rc, gc in zip(rr, gr, strict=True):
                    n, e = dist(rc, gc)
                    cn, ce = cn + n, ce + e
        else:
            n, e = dist("".join("".join(r) for r in rows), "".join("".join(r) for r in got))
            cn, ce = cn + n, ce + e
    return Score(bn, be, cn, ce, shapes)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf")
    ap.add_argument("out")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--degraded", action="store_true")
    ap.add_argument("--angle", type=float, default=0.7)
    args = ap.parse_args()
    render_scan(args.pdf, args.out, dpi=args.dpi, degraded=args.degraded, angle=args.angle)
