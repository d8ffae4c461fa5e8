"""Revision diffs of generated plans printed by a producer (issue 20): prints figures, asserts
nothing.

For each seed, the generated plan and a revision of it (`tests/revise.py`: a KPI target
raised, projects renamed, added and removed) are printed by one producer with one random page
layout, read, and diffed (`extract.diff`). What the diff must find is what it finds between the
two text renderings; every change it reports beyond those is one that is not there, every one
it misses is lost.

Run:
    .venv/bin/python benchmarks/revisions.py --seed 0 --count 20 --producers writer,chromium
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import sys
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.generator import generate, producer_available, render  # noqa: E402
from tests.revise import changes, revise  # noqa: E402


def revision_case(seed: int, producer: str) -> tuple[int, str, int, int, int, list[str]]:
    """(seed, producer, changes the text diff finds, extra in the print's, missing from it,
    examples)."""
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    plan = generate(seed)
    revised, _ = revise(plan, random.Random(f"revise:{seed}"))
    tmp = Path(tempfile.mkdtemp(prefix=f"revision-{seed}-{producer}-"))
    try:
        texts = [
            render(p, "text", tmp / f"text{k}", random.Random(0))
            for k, p in enumerate((plan, revised))
        ]
        # one layout for both editions: the same draw of page settings
        prints = [
            render(p, producer, tmp / f"{producer}{k}", random.Random(f"{seed}:{producer}"))
            for k, p in enumerate((plan, revised))
        ]
        want = changes(texts[0].path, texts[1].path)
        got = changes(prints[0].path, prints[1].path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    extra, missing = got - want, want - got
    shown = [f"+ {c}" for c in sorted(extra)[:2]] + [f"- {c}" for c in sorted(missing)[:2]]
    return seed, producer, len(want), len(extra), len(missing), shown


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--producers", default="writer")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    for p in producers:
        why = producer_available(p)
        if why:
            ap.error(f"{p} is not available here: {why}")
    tasks = [(s, p) for s in range(args.seed, args.seed + args.count) for p in producers]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(revision_case, *zip(*tasks, strict=True)))
    print(f"# Revision diffs: seeds {args.seed}…{args.seed + args.count - 1}")
    print("| producer | revisions | diffs exactly the edits | changes | not there | lost |")
    print("|---|---|---|---|---|---|")
    for p in producers:
        rows = [r for r in results if r[1] == p]
        exact = sum(1 for r in rows if not r[3] and not r[4])
        print(
            f"| {p} | {len(rows)} | {exact} | {sum(r[2] for r in rows)} | "
            f"{sum(r[3] for r in rows)} | {sum(r[4] for r in rows)} |"
        )
    for seed, p, _, extra, missing, shown in results:
        if extra or missing:
            print(f"seed {seed} {p}: {extra} not there, {missing} lost")
            for line in shown:
                print(f"    {line[:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
