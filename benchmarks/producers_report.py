"""How well the PDF reader does on PDFs from other producers and layouts: prints figures, asserts
nothing.

Each plan (text rendering) is rendered through every producer of `tests/producers.py` into
benchmarks/.cache/producers/<plan>/<producer>.pdf (with the plan's .meta.toml copied beside it),
then the pipeline runs on the text and on each PDF. For each producer and record family the table
shows the share of the text path's records found identical in the PDF's (records compared as
multisets of `model_dump` without source_line/source_page), then the number of findings (the text
path's in the first row), then the error if rendering or reading failed.

Run: .venv/bin/python benchmarks/producers_report.py [plan.txt ...] [--producers a,b]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.compare import record_set  # noqa: E402
from tests.producers import PRODUCERS  # noqa: E402

from extract.models import Plan  # noqa: E402
from extract.pipeline import run  # noqa: E402
from extract.rules import load_rules  # noqa: E402

DEFAULT_PLANS = [
    ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt",
    ROOT / "tests" / "fixtures" / "second_plan" / "plan.txt",
]
CACHE = ROOT / "benchmarks" / ".cache" / "producers"
FAMILIES = ["goals", "policies", "numeric_targets", "kpis", "footnotes", "projects", "departments"]
SHORT = {"numeric_targets": "targets"}
PROVENANCE = {"source_line", "source_page"}


def records(plan: Plan, family: str) -> Counter[str]:
    return record_set(getattr(plan, family))


def plan_name(path: Path) -> str:
    return path.parent.name if path.stem == "plan" else path.stem


def render(producer: str, text: str, source: Path, folder: Path) -> Path:
    out = folder / f"{producer}.pdf"
    out.unlink(missing_ok=True)
    PRODUCERS[producer](text, out)
    meta = source.with_name(source.stem + ".meta.toml")
    if meta.exists():  # the pipeline reads <stem>.meta.toml beside its source
        shutil.copy(meta, out.with_name(out.stem + ".meta.toml"))
    return out


def report(source: Path, producers: list[str], rules: object) -> None:
    text = source.read_text(encoding="utf-8")
    folder = CACHE / plan_name(source)
    folder.mkdir(parents=True, exist_ok=True)
    base = run(source, rules=rules).plan  # type: ignore[arg-type]
    expected = {f: records(base, f) for f in FAMILIES}
    heads = [SHORT.get(f, f) for f in FAMILIES]
    width = max(len(p) for p in [*producers, "text (records)"]) + 1
    print(f"\n== {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}")
    print(
        f"{'producer':<{width}}{'pages':>6}"
        + "".join(f"{h:>13}" for h in heads)
        + f"{'findings':>10}{'secs':>7}  error"
    )
    print(
        f"{'text (records)':<{width}}{'':>6}"
        + "".join(f"{sum(expected[f].values()):>13}" for f in FAMILIES)
        + f"{len(base.findings):>10}"
    )
    for producer in producers:
        start = time.perf_counter()
        stage = "render"
        try:
            pdf = render(producer, text, source, folder)
            stage = "read"
            result = run(pdf, rules=rules)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 — one producer's failure must not stop the report
            last = traceback.extract_tb(exc.__traceback__)[-1]
            print(
                f"{producer:<{width}}{'':>6}"
                + "".join(f"{'-':>13}" for _ in FAMILIES)
                + f"{'-':>10}{time.perf_counter() - start:>7.1f}  {stage}: "
                f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
                f"({Path(last.filename).name}:{last.lineno})"
            )
            continue
        cells = []
        for family in FAMILIES:
            want = expected[family]
            got = records(result.plan, family)
            same = sum((want & got).values())
            total = sum(want.values())
            extra = sum(got.values()) - same
            share = f"{same / total:.0%}" if total else "–"
            cells.append(f"{share}{f'+{extra}' if extra else ''}".rjust(13))
        print(
            f"{producer:<{width}}{result.document.pages or 0:>6}"
            + "".join(cells)
            + f"{len(result.plan.findings):>10}{time.perf_counter() - start:>7.1f}"
        )
    print(
        "share = text records found identical in the PDF; +n = PDF records not among them;"
        f" PDFs in {folder.relative_to(ROOT)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "plans", nargs="*", type=Path, help="plan text renderings (default: seed, second)"
    )
    ap.add_argument(
        "--producers",
        default=",".join(PRODUCERS),
        help=f"comma-separated subset of: {', '.join(PRODUCERS)}",
    )
    args = ap.parse_args(argv)
    producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    unknown = [p for p in producers if p not in PRODUCERS]
    if unknown:
        ap.error(f"unknown producer(s): {', '.join(unknown)}")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    rules = load_rules(ROOT / "rules")
    for plan in args.plans or DEFAULT_PLANS:
        report(plan.resolve(), producers, rules)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
