"""Benchmark: scans as offices make them (issue 21). Prints figures, asserts nothing.

Each test plan (the seed, raw/…txt, and every tests/fixtures/<case>/ with an expected.json) is
printed by LibreOffice Writer and scanned as each kind of `tests/render_scan.SCAN_KINDS` says
(fonts, wrapped cells in tight leading, 150–300 dpi, tilt, blur, JPEG, a photocopy's look); the
scan is read by `plan-extract` (OCR) and its records are compared field by field with the
expectation: the fixture's expected.json, or for the seed the records its text gives. The kind
`pdf` is the print itself (its text layer, no OCR): what the layout alone costs.

Per kind it prints the share of fields right per table (goals, policies, KPIs, projects, and the
projects' departments), the goals and policies that are all right (plans), and seconds per page
of CPU in the reading process (one core: OCR runs in-process, `--jobs 1`) and wall-clock.

Prints and scans are cached in benchmarks/.cache/scans/ (by the plan text and the kind).

Run: `make bench-scans` (needs LibreOffice, the fonts and Tesseract: `make system-deps`);
`--kinds` and `--plans` take comma-separated names to run a part.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.family import actual_rows, align, expected_rows  # noqa: E402
from tests.render_scan import SCAN_KINDS, ScanKind, office_print, scan_pages  # noqa: E402

from extract.pipeline import run  # noqa: E402
from extract.rules import load_rules  # noqa: E402

SEED = ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt"
FIXTURES = ROOT / "tests" / "fixtures"
CACHE = ROOT / "benchmarks" / ".cache" / "scans"
TABLES = ("goals", "policies", "kpis", "projects", "departments")
PDF_KIND = ScanKind("pdf")  # the print's text layer, no scan


@dataclass
class Plan:
    name: str
    text: str
    want: dict[str, list[dict[str, Any]]]


@dataclass
class Tally:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    extra: int = 0  # records read that no expected record is paired with
    outline_right: int = 0  # plans whose goals and policies are all right
    plans: int = 0
    pages: int = 0
    cpu: float = 0.0
    wall: float = 0.0
    failed: list[str] = field(default_factory=list)


def test_plans(names: set[str] | None, rules) -> list[Plan]:  # noqa: ANN001
    out = []
    if names is None or "seed" in names:
        text = SEED.read_text(encoding="utf-8")
        out.append(Plan("seed", text, actual_rows(run(SEED, rules=rules).plan)))
    for case in sorted(FIXTURES.iterdir()):
        if not (case / "expected.json").exists() or (names is not None and case.name not in names):
            continue
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        out.append(
            Plan(
                case.name, (case / "plan.txt").read_text(encoding="utf-8"), expected_rows(expected)
            )
        )
    return out


def _key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def made(plan: Plan, kind: ScanKind) -> Path:
    """The print (kind `pdf`) or the scan of it, cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    printed = CACHE / f"{plan.name}-print-{_key(plan.text, kind.print_key)}.pdf"
    if not printed.exists():
        office_print(plan.text, kind, printed)
    if kind is PDF_KIND:
        return printed
    scan = CACHE / f"{plan.name}-{kind.name}-{_key(plan.text, kind)}.pdf"
    if not scan.exists():
        scan_pages(printed, kind, scan)
    return scan


def score(got: dict[str, list[dict[str, Any]]], want: dict[str, list[dict[str, Any]]], t: Tally):
    """Fields right, records aligned (a missing record: all its fields wrong)."""
    for table in TABLES:
        family = "projects" if table == "departments" else table
        paired = align(got[family], want[family])
        if table != "departments":
            t.extra += len(got[family]) - sum(1 for g in paired if g)
        for w, g in zip(want[family], paired, strict=True):
            keys = ["departments"] if table == "departments" else list(w)
            for key in keys:
                value = w[key]
                if isinstance(value, dict):
                    for k, v in value.items():
                        t.total[table] += 1
                        t.right[table] += (g.get(key) or {}).get(k) == v
                else:
                    t.total[table] += 1
                    t.right[table] += g.get(key) == value
    outline = all(
        len(got[f]) == len(want[f])
        and all(
            all(g.get(k) == v for k, v in w.items()) for g, w in zip(got[f], want[f], strict=True)
        )
        for f in ("goals", "policies")
    )
    t.outline_right += outline
    t.plans += 1
    return outline


def differences(got: dict[str, list[dict[str, Any]]], want: dict[str, list[dict[str, Any]]]):
    """Readable lines: each field that differs (records in order)."""
    for family in ("goals", "policies", "kpis", "projects"):
        g, w = got[family], want[family]
        if len(g) != len(w):
            yield f"{family}: {len(g)} records, expected {len(w)}"
        paired = align(g, w)
        taken = {id(a) for a in paired if a}
        for a in g:
            if id(a) not in taken:
                yield f"{family} extra: {a}"
        for i, (b, a) in enumerate(zip(w, paired, strict=True)):
            if not a:
                yield f"{family}[{i}] missing: {b}"
                continue
            for key, value in b.items():
                if a.get(key) != value and not (
                    isinstance(value, dict)
                    and all((a.get(key) or {}).get(k) == v for k, v in value.items())
                ):
                    yield f"{family}[{i}] {key}: got {a.get(key)!r}, expected {value!r}"


def cache_documents() -> None:
    """Keep each scan's Document (pickled, keyed by the scan and the ingest code): reruns that
    change only later stages skip the OCR."""
    import pickle

    import extract.pipeline as pipeline

    code = b"".join(p.read_bytes() for p in sorted((ROOT / "src/extract/ingest").glob("*.py")))
    read = pipeline.path_to_document

    def cached(source: Path, *args: Any, **kwargs: Any):  # noqa: ANN202
        key = _key(source.name, source.stat().st_size, hashlib.sha256(code).hexdigest())
        path = CACHE / "documents" / f"{source.stem}-{key}.pickle"
        if path.exists():
            return pickle.loads(path.read_bytes())
        doc = read(source, *args, **kwargs)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(doc))
        return doc

    pipeline.path_to_document = cached


def bench(
    kinds: list[ScanKind],
    plans: list[Plan],
    rules,  # noqa: ANN001
    verbose: bool,
    diffs: Path | None = None,
) -> dict[str, Tally]:
    out: dict[str, Tally] = {}
    for kind in kinds:
        t = out.setdefault(kind.name, Tally())
        for plan in plans:
            source = made(plan, kind)
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                result = run(source, rules=rules)
            except Exception as exc:  # a benchmark reports a failed plan and goes on
                t.failed.append(f"{plan.name}: {exc}")
                score({k: [] for k in plan.want}, plan.want, t)
                continue
            t.cpu += time.process_time() - cpu
            t.wall += time.perf_counter() - wall
            t.pages += result.document.pages or 0
            got = actual_rows(result.plan)
            outline = score(got, plan.want, t)
            if diffs is not None:
                diffs.mkdir(parents=True, exist_ok=True)
                (diffs / f"{kind.name}-{plan.name}.txt").write_text(
                    "\n".join(differences(got, plan.want)) + "\n", encoding="utf-8"
                )
            if verbose:
                print(f"  {kind.name:22} {plan.name:26} outline {'ok' if outline else 'WRONG'}")
    return out


def report(tallies: dict[str, Tally]) -> str:
    head = (
        "| kind | "
        + " | ".join(TABLES)
        + " | extra records | outline right | s/page CPU | s/page wall |"
    )
    lines = [head, "|" + "---|" * (len(TABLES) + 5)]
    for name, t in tallies.items():
        shares = [f"{100 * t.right[x] / t.total[x]:.1f}%" if t.total[x] else "–" for x in TABLES]
        cpu, wall = (f"{v / t.pages:.2f}" if t.pages else "–" for v in (t.cpu, t.wall))
        lines.append(
            f"| {name} | " + " | ".join(shares) + f" | {t.extra} | {t.outline_right}/{t.plans} | "
            f"{cpu} | {wall} |"
        )
    for name, t in tallies.items():
        for f in t.failed:
            lines.append(f"failed ({name}): {f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", help="comma-separated kind names (default: pdf and every scan kind)")
    ap.add_argument("--plans", help="comma-separated plan names (seed, fixture folders)")
    ap.add_argument("--json", type=Path, help="also write the tallies here")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per plan")
    ap.add_argument("--diffs", type=Path, help="write each plan's differing fields here")
    ap.add_argument(
        "--reuse-ocr",
        action="store_true",
        help="keep what ingest read (by scan and ingest code): for work on later stages; "
        "the timings are then not the reading's",
    )
    args = ap.parse_args()
    if args.reuse_ocr:
        cache_documents()
    rules = load_rules(ROOT / "rules")
    # OCR in this process: its CPU time is the reading's
    rules = rules.with_settings(rules.settings.override(pdf={"jobs": 1}))
    every = {k.name: k for k in (PDF_KIND, *SCAN_KINDS)}
    kinds = [every[n] for n in args.kinds.split(",")] if args.kinds else list(every.values())
    plans = test_plans(set(args.plans.split(",")) if args.plans else None, rules)
    tallies = bench(kinds, plans, rules, args.verbose, args.diffs)
    print(report(tallies))
    if args.json:
        args.json.write_text(
            json.dumps({k: vars(v) for k, v in tallies.items()}, ensure_ascii=False, indent=1)
        )


if __name__ == "__main__":
    main()
