"""The family plans (tests/fixtures/*/expected.json): how the reader does on each, field by field.
Prints figures, asserts nothing (tests/test_family_plans.py asserts). Use it on a new plan written
with its key, before it joins the tests.

For each plan (text only): records read vs expected, the fields right per table (records
paired by `tests/family.align`, so one missed record does not shift the rest), the same without
goal_no/policy_no (what the cells gave, apart from the outline), every difference from the key,
the lines left unplaced (parse.unparsed), the parse/layout findings, and the lines that print an
expected project or indicator but were given no record role (read silently as a caption, a
heading or out of scope).

A read must not depend on Python's string hashing (a tie once was broken by set order):
`--hash-seeds 0,1,2,3` runs the reader under each PYTHONHASHSEED in a
subprocess and says which plans read differently.

Run:
    PYTHONPATH=src .venv/bin/python benchmarks/family_plans.py [bunyabetsu_setsu …] [--hash-seeds 0,1,2,3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.family import FAMILY, actual_rows, align, compare, expected_rows  # noqa: E402

from extract.models import LineRole, Plan  # noqa: E402
from extract.pipeline import RunResult, run  # noqa: E402
from extract.rules import load_rules  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
OUTLINE_KEYS = ("goal_no", "policy_no")
RECORD_ROLES = {
    LineRole.PROJECT,
    LineRole.PROJECT_FIELD,
    LineRole.KPI,
    LineRole.NUMERIC_TARGET,
    LineRole.FOOTNOTE,
    LineRole.DEPARTMENT,
}


def _fields(want: list[dict[str, Any]], got: list[dict[str, Any]], skip: tuple[str, ...] = ()):
    right = total = 0
    for w, g in zip(want, align(got, want), strict=True):
        for key, value in w.items():
            if key in skip:
                continue
            pairs = value.items() if isinstance(value, dict) else [(None, value)]
            for sub, v in pairs:
                total += 1
                right += ((g.get(key) or {}).get(sub) if sub else g.get(key)) == v
    return right, total


def _silent(result: RunResult, expected: dict[str, Any]) -> list[tuple[int, str, str]]:
    """Lines printing an expected project name or indicator that got no record role."""
    names = [p["name"] for p in expected["projects"]]
    names += [k["indicator"] for k in expected["kpis"] + expected["numeric_targets"]]
    roles = result.plan.line_roles
    out = []
    for line in result.document.lines:
        role = roles.get(line.no)
        if role in RECORD_ROLES or line.is_blank:
            continue
        if any(name in line.text for name in names):
            out.append((line.no, str(role), line.text))
    return out


def digest(plan: Plan) -> str:
    rows = actual_rows(plan)
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False, default=str).encode()).hexdigest()


def report(name: str, result: RunResult) -> None:
    plan = result.plan
    expected = json.loads((FIXTURES / name / "expected.json").read_text(encoding="utf-8"))
    got, want = actual_rows(plan), expected_rows(expected)
    print(f"=== {name}")
    counts = {f: f"{len(got[f])}/{len(want[f])}" for f in FAMILY}
    print("  records read/expected:", counts)
    right = total = 0
    for family in FAMILY:
        r, t = _fields(want[family], got[family])
        right, total = right + r, total + t
        line = f"  {family:16s} {r:4d}/{t:<4d}"
        if family in ("numeric_targets", "kpis", "projects"):
            cr, ct = _fields(want[family], got[family], OUTLINE_KEYS)
            line += f"   cells only {cr}/{ct}"
        print(line)
    print(f"  all fields       {right}/{total} = {right / max(total, 1):.1%}")
    lines = {line.no: line.text for line in result.document.lines}
    unplaced = [n for n, role in plan.line_roles.items() if role is LineRole.UNPARSED]
    print(f"  unplaced lines ({len(unplaced)}):")
    for n in unplaced:
        print(f"    L{n}: {lines[n][:80]!r}")
    silent = _silent(result, expected)
    print(f"  lines with an expected name read as no record ({len(silent)}):")
    for n, role, text in silent:
        print(f"    L{n} {role}: {text[:80]!r}")
    codes = Counter(f.code for f in plan.findings)
    print("  findings:", dict(sorted(codes.items())))
    headings = [h for h in plan.headings if h.kind.value in ("goal", "policy")]
    print(
        "  goal/policy headings read:",
        [f"L{h.line} {h.kind.value}:{h.text[:24]}" for h in headings],
    )
    print("  differences from the key:")
    for diff in compare(plan, expected):
        print("    " + diff[:240])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--hash-seeds", default="", help="e.g. 0,1,2,3: compare reads per seed")
    parser.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    cases = args.cases or sorted(p.parent.name for p in FIXTURES.glob("*/expected.json"))
    if args.hash_seeds:
        for case in cases:
            seen: dict[str, list[str]] = {}
            for seed in args.hash_seeds.split(","):
                env = os.environ | {"PYTHONHASHSEED": seed}
                cmd = [sys.executable, __file__, "--digest", case]
                out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
                seen.setdefault(out.stdout.strip(), []).append(seed)
            verdict = "same read" if len(seen) == 1 else f"{len(seen)} different reads"
            print(f"{case}: {verdict} under PYTHONHASHSEED {args.hash_seeds} {list(seen.values())}")
        return
    rules = load_rules(ROOT / "rules")
    for case in cases:
        result = run(FIXTURES / case / "plan.txt", rules=rules)
        if args.digest:
            print(digest(result.plan))
        else:
            report(case, result)


if __name__ == "__main__":
    main()
