"""`plan-extract batch` on this machine: pages per second and memory, extrapolated to the nation.

Generates plans with tests/generator.py (each as a PDF drawn by ReportLab, a real municipality's
code in its metadata), runs the batch on them with --jobs, then again with nothing changed and
with one plan revised, and prints:
- pages read per second (PDF plans with a text layer), and per plan;
- the peak memory of the batch process and of its largest worker (max RSS);
- the corpus's size per page;
- the extrapolation to 1,741 plans × 150 pages on this machine and on bigger ones (linear in
  cores: plans are independent, a worker reads one plan at a time);
- optionally (--scan-pages N), OCR pages per second on a scan of N pages.
Prints figures, asserts nothing.

    python benchmarks/corpus_bench.py --plans 16 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.generator import generate, meta_toml  # noqa: E402
from tests.render_pdf import text_to_reportlab_pdf  # noqa: E402

from extract.corpus import batch  # noqa: E402
from extract.municipalities import load_code_list  # noqa: E402
from extract.rules import load_rules  # noqa: E402

NATION_PLANS = 1741
PAGES_PER_PLAN = 150


def make_plans(folder: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    towns = [m for m in load_code_list().entries if m.name]
    for i in range(count):
        plan = generate(seed + i)
        town = rng.choice(towns)
        meta = {**plan.meta, "municipality_code": town.code, "municipality": town.name}
        meta["prefecture"] = town.prefecture
        text_to_reportlab_pdf(plan.text, folder / f"plan{i:03d}.pdf")
        (folder / f"plan{i:03d}.meta.toml").write_text(meta_toml(meta), encoding="utf-8")


def add_office_copies(folder: Path, count: int) -> None:
    """The embedded plan as LibreOffice prints it (denser, longer pages than the generated
    ones), `count` times under other names: each is read, none is known yet."""
    from tests.render_pdf import fodt_to_pdf, text_to_fodt

    seed = ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt"
    pdf = fodt_to_pdf(text_to_fodt(seed.read_text(encoding="utf-8")), folder / "office.pdf")
    for i in range(count):
        shutil.copy(pdf, folder / f"office{i:02d}.pdf")
    pdf.unlink()


def du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scan-pages", type=int, default=0, help="also time OCR on N pages")
    parser.add_argument(
        "--office-copies",
        type=int,
        default=0,
        help="add N copies of the embedded plan printed by LibreOffice (needs soffice)",
    )
    args = parser.parse_args()
    rules = load_rules(ROOT / "rules")
    with tempfile.TemporaryDirectory() as tmp:
        plans, out = Path(tmp) / "plans", Path(tmp) / "corpus"
        plans.mkdir()
        t = time.perf_counter()
        make_plans(plans, args.plans, args.seed)
        if args.office_copies:
            add_office_copies(plans, args.office_copies)
        print(
            f"{args.plans} generated plans and {args.office_copies} LibreOffice ones as PDFs "
            f"in {time.perf_counter() - t:.1f} s"
        )

        first = batch(plans, out, rules=rules, jobs=args.jobs)
        read = [o for o in first.outcomes if o.status == "read"]
        pages = sum(o.pages or 0 for o in read)
        rate = pages / first.seconds
        self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = du(out)
        print(
            f"batch, {args.jobs} jobs: {len(read)} plans, {pages} pages in {first.seconds:.1f} s "
            f"= {rate:.2f} pages/s ({first.seconds / len(read):.2f} s per plan, "
            f"{pages / len(read):.1f} pages per plan); {len(first.failed)} failed"
        )
        print(f"memory: batch process peak {self_mb:.0f} MB, largest worker peak {child_mb:.0f} MB")
        print(f"corpus: {size / 1e6:.1f} MB on disk ({size / pages / 1e3:.0f} kB per page)")

        again = batch(plans, out, rules=rules, jobs=args.jobs)
        print(
            f"second batch, nothing changed: {again.seconds:.1f} s (read none, rewrote the corpus)"
        )
        # a revision: the same municipality's plan, other content
        text_to_reportlab_pdf(generate(args.seed + 10_000).text, plans / "plan000.pdf")
        third = batch(plans, out, rules=rules, jobs=args.jobs)
        n = sum(1 for o in third.outcomes if o.status == "read")
        print(f"third batch, one plan replaced: {third.seconds:.1f} s ({n} read)")

        total = NATION_PLANS * PAGES_PER_PLAN
        hours = total / rate / 3600
        corpus_gb = size / pages * total / 1e9
        print(
            f"\nextrapolated to {NATION_PLANS} plans × {PAGES_PER_PLAN} pages = {total:,} pages "
            f"(text-layer PDFs):"
        )
        per_core = rate / max(1, min(args.jobs, os.cpu_count() or 1))
        for cores in (max(1, min(args.jobs, os.cpu_count() or 1)), 16, 64):
            print(f"  {cores:>3} cores: {total / (per_core * cores) / 3600:6.1f} h")
        print(f"  corpus on disk ≈ {corpus_gb:.1f} GB; memory stays per worker (one plan each)")
        print(f"  (this machine: {hours:.1f} h)")

        if args.scan_pages:
            from tests.render_scan import render_scan

            scan_dir = Path(tmp) / "scan"
            scan_dir.mkdir()
            render_scan(
                plans / "plan002.pdf",
                scan_dir / "scan.pdf",
                dpi=200,
                pages=range(1, args.scan_pages + 1),
            )
            ocr = batch(scan_dir, Path(tmp) / "scan-corpus", rules=rules, jobs=args.jobs)
            o = ocr.outcomes[0]
            print(
                f"\nscan: {o.pages} pages by OCR in {o.seconds:.1f} s = "
                f"{(o.pages or 0) / o.seconds:.2f} pages/s ({o.status})"
            )
            if o.pages:
                ocr_rate = o.pages / o.seconds  # one plan: its pages across the cores
                jobs = max(1, min(args.jobs, os.cpu_count() or 1))
                print(
                    f"  all {total:,} pages by OCR: {total / ocr_rate / 3600:.0f} h here, "
                    f"{total / (ocr_rate / jobs * 64) / 3600:.0f} h on 64 cores"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
