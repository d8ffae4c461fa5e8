"""OCR feasibility benchmark: prints seconds per page and character accuracy, asserts nothing.

1. Renders (once, cached in benchmarks/.cache/) the seed plan to a text-layer PDF with LibreOffice
   (tests/render_pdf.py), and from it two image-only scans (tests/render_scan.py): a clean one
   (300 dpi, JPEG quality 90) and a degraded one (200 dpi, turned 0.7°, blurred, noisy, JPEG
   quality 60).
2. OCRs pages of each scan with the engine (src/extract/ingest/ocr.py), one process, one thread,
   for every Tesseract model asked for, and scores each page against the text layer: character
   accuracy of the body text and of the table cells (1 − Levenshtein distance / reference
   length, NFKC, whitespace ignored), the table grid shapes against pdfplumber's find_tables(),
   and the deskew angle found.

Run: `.venv/bin/python benchmarks/ocr_feasibility.py [--pages 1-6] [--lang Japanese,jpn]`
(needs LibreOffice + fonts-ipaexfont, tesserocr, opencv-python-headless and Debian's
tesseract-ocr-jpn / tesseract-ocr-script-jpan).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.render_pdf import fodt_to_pdf, text_to_fodt  # noqa: E402
from tests.render_scan import ocr_reading, reference, render_scan, score  # noqa: E402

from extract.ingest.ocr import (  # noqa: E402
    OcrSettings,
    ocr_available,
    pdf_page_to_ocr_page,
)

SEED = ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt"
CACHE = ROOT / "benchmarks" / ".cache"
ANGLE = 0.7


def make_pdfs() -> tuple[Path, dict[str, Path]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    text_pdf = CACHE / "ocr_seed.pdf"
    if not text_pdf.exists():
        print("rendering the seed plan with LibreOffice …", flush=True)
        fodt_to_pdf(text_to_fodt(SEED.read_text(encoding="utf-8")), text_pdf)
    scans = {"clean": CACHE / "ocr_seed_clean.pdf", "degraded": CACHE / "ocr_seed_degraded.pdf"}
    if not scans["clean"].exists():
        render_scan(text_pdf, scans["clean"], dpi=300)
    if not scans["degraded"].exists():
        render_scan(text_pdf, scans["degraded"], dpi=200, degraded=True, angle=ANGLE)
    return text_pdf, scans


def page_range(spec: str, n: int) -> list[int]:
    if spec == "all":
        return list(range(1, n + 1))
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return [p for p in out if 1 <= p <= n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="1-6", help="e.g. 1-6, 2,5,9 or all (default 1-6)")
    ap.add_argument("--lang", default="Japanese,jpn", help="Tesseract models to compare")
    ap.add_argument("--dpi", type=int, default=300, help="rendering resolution for OCR")
    args = ap.parse_args()
    missing = ocr_available()
    if missing:
        print(missing)
        return 1
    import pdfplumber

    text_pdf, scans = make_pdfs()
    with pdfplumber.open(str(text_pdf)) as doc:
        n = len(doc.pages)
    pages = page_range(args.pages, n)
    refs = {p: reference(text_pdf, p) for p in pages}
    print(f"seed plan: {n} pages; OCR of pages {args.pages} at {args.dpi} dpi")
    summary = []
    for lang in args.lang.split(","):
        settings = OcrSettings(lang=lang, dpi=args.dpi)
        if ocr_available(settings):
            print(f"{lang}: {ocr_available(settings)}")
            continue
        pdf_page_to_ocr_page(str(scans["clean"]), pages[0], settings)  # load the model
        for kind, scan in scans.items():
            print(f"\n== {lang}, {kind} scan")
            secs: list[float] = []
            angles: list[float] = []
            body_n = body_e = cell_n = cell_e = shape_ok = shape_n = 0
            for p in pages:
                t = time.perf_counter()
                page = pdf_page_to_ocr_page(str(scan), p, settings)
                dt = time.perf_counter() - t
                sc = score(refs[p], ocr_reading(page))
                secs.append(dt)
                body_n, body_e = body_n + sc.body_chars, body_e + sc.body_errors
                cell_n, cell_e = cell_n + sc.cell_chars, cell_e + sc.cell_errors
                shape_ok += sum(1 for r, o in sc.shapes if r == o)
                shape_n += len(sc.shapes)
                angles.append(page.angle)
                bad = [f"{r}→{o}" for r, o in sc.shapes if r != o]
                print(
                    f"page {p:3d}: {dt:5.2f} s  angle {page.angle:+.2f}°  body {sc.body:.4f} "
                    f"({sc.body_errors}/{sc.body_chars})  cells {sc.cells:.4f} "
                    f"({sc.cell_errors}/{sc.cell_chars})  tables {len(sc.shapes)}"
                    + (f"  shape mismatch {bad}" if bad else "")
                    + f"  conf {page.mean_confidence:.0f}"
                )
            total = 1 - (body_e + cell_e) / max(1, body_n + cell_n)
            line = (
                f"{lang:9s} {kind:9s} {statistics.mean(secs):5.2f} s/page (median "
                f"{statistics.median(secs):.2f})  body {1 - body_e / max(1, body_n):.4f}  "
                f"cells {1 - cell_e / max(1, cell_n):.4f}  all {total:.4f}  "
                f"grids {shape_ok}/{shape_n}  angle {statistics.mean(angles):+.2f}°"
            )
            print(line)
            summary.append(line)
    print("\nsummary (seconds on one core, wall clock)")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
