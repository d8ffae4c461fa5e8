"""Benchmark: prints figures, asserts nothing.

1. Generates (once, cached) a ~100-page plan PDF with LibreOffice: the seed's goal chapters
   repeated with renumbered goals.
2. Times bare pdfplumber (`extract_text` + `extract_tables` on every page, one process) and
   `plan-extract run` on that PDF (a whole process, all cores), and prints pages/s and the ratio.
3. Times the text path on the seed: the whole process, and the stages in-process.
4. Times the OCR path: the seed's PDF turned into a degraded 200 dpi scan (image-only pages),
   read by `plan-extract run` (all cores, and one), in seconds per page.
Peak memory is the largest resident set of any process (the run and its page workers).

Run: `make bench` (needs LibreOffice, fonts-ipaexfont and Tesseract: `make system-deps`).
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.render_pdf import fodt_to_pdf, text_to_fodt  # noqa: E402
from tests.render_scan import render_scan  # noqa: E402

SEED = ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt"
CACHE = ROOT / "benchmarks" / ".cache"
TARGET_PAGES = 100


def big_plan_text(copies: int) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first = next(
        i for i, ln in enumerate(lines) if re.search(r"基本目標1\s", ln) and ln.startswith("#")
    )
    last = next(i for i, ln in enumerate(lines) if "略称対応表" in ln)
    head, body, tail = lines[:first], lines[first:last], lines[last:]
    out = list(head)
    for k in range(copies):
        out += [
            re.sub(r"基本目標(\d+)", lambda m, k=k: f"基本目標{int(m.group(1)) + 4 * k}", ln)
            for ln in body
        ]
    return "\n".join(out + tail)


def make_pdf() -> Path:
    CACHE.mkdir(exist_ok=True)
    pdf = CACHE / f"plan_{TARGET_PAGES}p.pdf"
    if not pdf.exists():
        copies = 10
        print(
            f"generating {pdf.name} with LibreOffice ({copies} copies of the goal chapters) …",
            flush=True,
        )
        fodt_to_pdf(text_to_fodt(big_plan_text(copies)), pdf)
    return pdf


def make_scan() -> Path:
    scan = CACHE / "seed_scan_200dpi.pdf"
    if not scan.exists():
        office = CACHE / "seed.pdf"
        if not office.exists():
            fodt_to_pdf(text_to_fodt(SEED.read_text(encoding="utf-8")), office)
        render_scan(office, scan, dpi=200, degraded=True)
    return scan


def peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bare_pdfplumber(pdf: Path) -> tuple[float, int]:
    code = (
        "import sys, pdfplumber\n"
        "with pdfplumber.open(sys.argv[1]) as pdf:\n"
        "    for page in pdf.pages:\n"
        "        page.extract_text(); page.extract_tables(); page.close()\n"
        "    print(len(pdf.pages))\n"
    )
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, str(pdf)], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start, int(out.stdout.strip())


def plan_extract(source: Path, *extra: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "extract",
                "run",
                str(source),
                "--out",
                str(Path(tmp) / "out"),
                "--quiet",
                *extra,
            ],
            check=True,
            cwd=ROOT,
        )
        return time.perf_counter() - start


def text_stages(repeat: int = 20) -> dict[str, float]:
    from extract.pipeline import run
    from extract.publish import plan_to_files
    from extract.rules import load_rules

    rules = load_rules(ROOT / "rules")
    runs: dict[str, list[float]] = {}
    for _ in range(repeat):
        result = run(SEED, rules=rules)
        start = time.perf_counter()
        plan_to_files(result.plan, result.document)
        result.timings["publish"] = time.perf_counter() - start
        for stage, seconds in result.timings.items():
            runs.setdefault(stage, []).append(seconds)
    return {stage: statistics.median(v) for stage, v in runs.items()}


def main() -> None:
    pdf = make_pdf()
    bare_s, pages = bare_pdfplumber(pdf)
    bare_mem = peak_children_mb()
    ours_s = plan_extract(pdf)
    ours_mem = peak_children_mb()
    serial_s = plan_extract(pdf, "--jobs", "1")
    print(f"\nPDF: {pdf.name}, {pages} pages")
    print(
        f"  bare pdfplumber extract_text+extract_tables (1 process): {bare_s:6.2f} s  {pages / bare_s:6.1f} pages/s"
    )
    print(
        f"  plan-extract run (all cores, whole process):            {ours_s:6.2f} s  {pages / ours_s:6.1f} pages/s"
    )
    print(
        f"  plan-extract run --jobs 1 (whole process):              {serial_s:6.2f} s  {pages / serial_s:6.1f} pages/s"
    )
    print(f"  ratio plan-extract / bare pdfplumber (pages/s):          {bare_s / ours_s:6.2f}x")
    print(
        f"  peak RSS: bare pdfplumber {bare_mem:.0f} MB, plan-extract (largest process) {max(ours_mem, bare_mem):.0f} MB"
    )
    whole = statistics.median(plan_extract(SEED) for _ in range(5))
    stages = text_stages()
    print(f"\nText path on the seed ({SEED.name}):")
    print(f"  whole process (interpreter start-up included): {whole * 1000:7.1f} ms")
    print(f"  stages in-process (median of 20):              {sum(stages.values()) * 1000:7.1f} ms")
    for stage, seconds in stages.items():
        print(f"    {stage:<10} {seconds * 1000:7.2f} ms")
    scan = make_scan()
    import pypdfium2

    scan_pages = len(pypdfium2.PdfDocument(str(scan)))
    ocr_all = plan_extract(scan)
    ocr_one = plan_extract(scan, "--jobs", "1")
    print(f"\nOCR: {scan.name} (the seed as a degraded 200 dpi scan), {scan_pages} pages")
    print(f"  plan-extract run (all cores): {ocr_all:6.1f} s  {ocr_all / scan_pages:5.2f} s/page")
    print(f"  plan-extract run --jobs 1:    {ocr_one:6.1f} s  {ocr_one / scan_pages:5.2f} s/page")


if __name__ == "__main__":
    main()
