"""The generated-plan sweep (issue 20): prints figures, asserts nothing.

Each seed's plan (`tests/generator.py`, key correct by construction) is rendered as every form
asked for (tab text, spaced text, PDF through a producer with random page settings), read by
`extract.pipeline.run`, and compared with its key field by field (`tests/family.py`'s measure,
plus the 略称対応表). The report prints the accuracy per table and per rendering; per form choice
(which goal label, header variant, value form, producer setting is below 100%); the plans with
uncertain forms apart; the worst cases with the lines they misread; and the time a plan takes per
rendering. Progress goes to stderr.

Run:
    .venv/bin/python benchmarks/sweep.py --seed 0 --count 40 --producers text,writer
    .venv/bin/python benchmarks/sweep.py --seed 100 --count 5 --producers spaced,calc,chromium,reportlab \\
        --keep-failures /tmp/failures
Renderings: text, spaced, writer, calc, chromium, reportlab (random page settings),
writer_baseline and the fixed layouts of tests/producers.PRODUCERS (writer_wrapped,
two_column, borderless_landscape, gothic_footnotes, cairo_writer, cairo_chromium).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.family import FAMILY, actual_rows, expected_rows  # noqa: E402
from tests.generator import (  # noqa: E402
    VALUE_FORMS,
    GeneratedPlan,
    generate,
    producer_available,
    render,
)

TABLES = (*FAMILY, "departments")
SHORT = {"numeric_targets": "targets", "departments": "depts"}


@dataclass
class CaseResult:
    seed: int
    form: str
    settings: dict[str, Any] = field(default_factory=dict)
    forms: dict[str, Any] = field(default_factory=dict)
    uncertain_forms: list[str] = field(default_factory=list)
    # table → [right, total]
    tables: dict[str, list[int]] = field(default_factory=dict)
    # value form ("b:cell_year") → [right, total] over the value fields of rows printed so
    uncertain_rows: dict[str, list[int]] = field(default_factory=dict)
    value_forms: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table → (got, want)
    diffs: list[str] = field(default_factory=list)
    render_seconds: float = 0.0
    run_seconds: float = 0.0
    error: str = ""

    @property
    def right(self) -> int:
        return sum(r for r, _ in self.tables.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.tables.values())

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else (0.0 if self.error else 1.0)


# --- comparing one case --------------------------------------------------------------------------


def _fields(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, Any, Any, bool]]:
    """(field, got, want, same) for every field of the key row b (value dicts flattened)."""
    out = []
    for key, want in b.items():
        got = a.get(key)
        if isinstance(want, dict):
            for k, v in want.items():
                g = (got or {}).get(k)
                out.append((f"{key}.{k}", g, v, g == v))
        else:
            out.append((key, got, want, got == want))
    return out


def _department_rows(plan: Any, expected: list[dict[str, str]]) -> tuple[list[bool], list[str]]:
    """Fields of the 略称対応表 found right (abbr found, bureau, section), and differences."""
    from extract.normalize import Normalizer

    norm = Normalizer()
    got = {norm.abbr(d.abbr): d for d in plan.departments if d.listed}
    fields: list[bool] = []
    diffs: list[str] = []
    for e in expected:
        d = got.get(norm.abbr(e["abbr"]))
        bureau = d is not None and norm.name(d.bureau) == norm.name(e["bureau"])
        section = d is not None and norm.name(d.section) == norm.name(e["section"])
        fields += [d is not None, bureau, section]
        if d is None:
            diffs.append(f"departments: {e['abbr']} missing (key {e['bureau']} {e['section']})")
        elif not (bureau and section):
            diffs.append(
                f"departments: {e['abbr']} read {d.bureau!r} {d.section!r}, "
                f"key {e['bureau']!r} {e['section']!r}"
            )
    extra = sorted(set(got) - {norm.abbr(e["abbr"]) for e in expected})
    if extra:
        diffs.append(f"departments: not in the table: {', '.join(extra)}")
    return fields, diffs


def compare_case(plan: GeneratedPlan, result: Any, case: CaseResult) -> None:
    lines = plan.text.split("\n")
    got, want = actual_rows(result.plan), expected_rows(plan.key)
    for family in FAMILY:
        right = total = 0
        g, w = got[family], want[family]
        case.counts[family] = (len(g), len(w))
        for i, b in enumerate(w):
            a = g[i] if i < len(g) else {}
            forms = plan.row_forms.get(family, [[]] * len(w))[i] if family in plan.row_forms else []
            unsure = any(not VALUE_FORMS[f.split(":", 1)[1]].certain for f in forms)
            # value forms are scored on rows read in their place (the same indicator), so that
            # a record lost above does not count against the forms of every row below it
            aligned = bool(a) and a.get("indicator") == b.get("indicator")
            bad = []
            for name, gv, wv, same in _fields(a, b):
                total += 1
                right += same
                role = name.split(".", 1)[0]
                for f in forms if aligned else []:
                    if f[0] == role[0] and role in ("baseline", "target"):
                        acc = case.value_forms.setdefault(f, [0, 0])
                        acc[0] += same
                        acc[1] += 1
                if unsure and aligned and role in ("baseline", "target"):
                    acc = case.uncertain_rows.setdefault(family, [0, 0])
                    acc[0] += same
                    acc[1] += 1
                if not same:
                    bad.append(f"{name} read {gv!r}, key {wv!r}")
            if bad and len(case.diffs) < 60:
                no = plan.key_lines[family][i]
                text = lines[no - 1] if 0 < no <= len(lines) else ""
                where = f"{family}[{i}] line {no} `{text[:70]}`"
                case.diffs.append(
                    f"{where}: " + "; ".join(bad[:4]) + (" …" if len(bad) > 4 else "")
                )
        if len(g) > len(w) and len(case.diffs) < 60:
            for extra in g[len(w) :][:3]:
                case.diffs.append(f"{family}: unexpected record {extra}")
        case.tables[family] = [right, total]
    if plan.departments:
        fields, diffs = _department_rows(result.plan, plan.departments)
        case.tables["departments"] = [sum(fields), len(fields)]
        case.counts["departments"] = (
            len([d for d in result.plan.departments if d.listed]),
            len(plan.departments),
        )
        case.diffs += diffs[:10]


# --- running cases -------------------------------------------------------------------------------

_RULES: Any = None


def _rules() -> Any:
    global _RULES
    if _RULES is None:
        from extract.rules import load_rules

        _RULES = load_rules(ROOT / "rules")
    return _RULES


def run_case(
    seed: int,
    form: str,
    uncertain: bool,
    keep: str | None,
    extra: bool = True,
    paper: bool | None = None,
) -> CaseResult:
    """Generate, render, read and compare one (seed, rendering); `keep` a folder to leave the
    rendering in (else a temporary one); `extra=False`: the page settings of the rounds before
    the sixth; `paper=False`: those before the eighth (tests/generator.py)."""
    from extract.pipeline import run

    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    plan = generate(seed, uncertain=uncertain)
    case = CaseResult(seed, form, forms=plan.forms, uncertain_forms=plan.uncertain_forms)
    rng = random.Random(f"{seed}:{form}")
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix=f"sweep-{seed}-{form}-"))
    stage = "render"
    try:
        rendering = render(plan, form, tmp, rng, extra, paper)
        case.settings = rendering.settings
        case.render_seconds = rendering.seconds
        stage = "read"
        start = time.perf_counter()
        result = run(rendering.path, rules=_rules())
        case.run_seconds = time.perf_counter() - start
        compare_case(plan, result, case)
    except Exception as exc:  # noqa: BLE001 — one case's failure must not stop the sweep
        last = traceback.extract_tb(exc.__traceback__)[-1]
        first = str(exc).splitlines()[0] if str(exc) else ""
        case.error = (
            f"{stage}: {type(exc).__name__}: {first} ({Path(last.filename).name}:{last.lineno})"
        )
        for family in FAMILY:
            case.tables[family] = [0, len(plan.key[family])]
        if plan.departments:
            case.tables["departments"] = [0, 3 * len(plan.departments)]
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return case


# --- the report ----------------------------------------------------------------------------------


def pct(right: int, total: int) -> str:
    if not total:
        return "–"
    share = 100 * right / total
    return "100%" if right == total else f"{min(share, 99.9):.1f}%"


def _add(acc: dict[Any, list[int]], key: Any, right: int, total: int) -> None:
    cell = acc.setdefault(key, [0, 0])
    cell[0] += right
    cell[1] += total


def table_report(cases: list[CaseResult], forms: list[str], title: str) -> list[str]:
    out = [f"\n## {title}\n"]
    heads = [SHORT.get(t, t) for t in TABLES]
    out.append(
        f"{'rendering':<16}{'cases':>6}" + "".join(f"{h:>10}" for h in heads) + f"{'all':>9}"
    )
    for form in forms:
        mine = [c for c in cases if c.form == form]
        if not mine:
            continue
        cells = []
        for t in TABLES:
            r = sum(c.tables.get(t, [0, 0])[0] for c in mine)
            n = sum(c.tables.get(t, [0, 0])[1] for c in mine)
            cells.append(f"{pct(r, n):>10}")
        r = sum(c.right for c in mine)
        n = sum(c.total for c in mine)
        out.append(f"{form:<16}{len(mine):>6}" + "".join(cells) + f"{pct(r, n):>9}")
    return out


def _printable(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v


# The table and page settings of the sixth round (tests/generator.py `_table_settings`), reported
# value by value whatever their accuracy; `borders`/`grid` beside them, as `rules` needs them.
ROUND6_SETTINGS = (
    "borders",
    "grid",
    "rules",
    "header",
    "valign",
    "distribute",
    "letter_spacing",
    "header_rule",
)
# The paper and type settings of the eighth round (tests/generator.py `_paper_settings`).
ROUND8_SETTINGS = ("paper", "zoom", "scale", "spacing", "small_cells")


def settings_report(
    cases: list[CaseResult],
    forms: list[str],
    keys: tuple[str, ...] = ROUND6_SETTINGS,
    title: str = "sixth round",
) -> list[str]:
    """Accuracy per value of each of a round's page settings, per producer (a `rules` value
    counts the ruled printings only)."""
    out = [
        f"\n## Per table and page setting ({title})\n",
        f"{'rendering':<12}{'setting':<16}{'value':<10}{'cases':>6}{'exact':>6}{'all':>8}",
    ]
    for form in forms:
        mine = [c for c in cases if c.form == form]
        for k in keys:
            acc: dict[str, list[int]] = {}
            count: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for c in mine:
                if k not in c.settings:
                    continue
                if k == "rules" and not (c.settings.get("borders") or c.settings.get("grid")):
                    continue
                v = _printable(c.settings[k])
                _add(acc, v, c.right, c.total)
                count[v][0] += 1
                count[v][1] += c.right == c.total and not c.error
            for v, (r, n) in sorted(acc.items()):
                out.append(
                    f"{form:<12}{k:<16}{v:<10}{count[v][0]:>6}{count[v][1]:>6}{pct(r, n):>8}"
                )
    return out


def form_report(cases: list[CaseResult], limit: int) -> list[str]:
    """Accuracy of all tables over the cases that made each choice, lowest first; and of the
    value fields per printed value form."""
    by_choice: dict[tuple[str, str, str], list[int]] = {}
    by_table: dict[tuple[str, str, str], dict[str, list[int]]] = defaultdict(dict)
    plans: dict[tuple[str, str, str], int] = defaultdict(int)
    exact: dict[tuple[str, str, str], int] = defaultdict(int)
    for c in cases:
        items = [(k, _printable(v)) for k, v in c.forms.items()]
        # page settings with few values (bools, choices), per producer
        items += [
            (f"{c.form}.{k}", _printable(v))
            for k, v in c.settings.items()
            if isinstance(v, (bool, str, int)) or v is None
        ]
        for k, v in items:
            key = (c.form if not k.startswith(f"{c.form}.") else "", k, v)
            _add(by_choice, key, c.right, c.total)
            plans[key] += 1
            exact[key] += c.right == c.total and not c.error
            for t, (r, n) in c.tables.items():
                _add(by_table[key], t, r, n)
    out = [
        "\n## Per form choice\n",
        "Every choice value below 100%, lowest first: the cases (plan × rendering) that made it, how",
        "many of them read exactly, the field accuracy over all their tables, and their weakest table.",
        "A plan combines ~60 choices, so a value is low also when it shares plans with a failing one:",
        "read it with the suspects list below. Rendering '' = a page setting of that producer.\n",
    ]
    out.append(
        f"{'rendering':<12}{'choice':<24}{'value':<28}{'cases':>6}{'exact':>6}{'fields':>8}{'all':>8}"
        "  weakest table"
    )
    rows = sorted(by_choice.items(), key=lambda kv: kv[1][0] / max(1, kv[1][1]))
    shown = 0
    for (form, k, v), (r, n) in rows:
        if r == n:
            continue
        weakest = min(
            ((t, rn) for t, rn in by_table[(form, k, v)].items() if rn[1]),
            key=lambda kv: kv[1][0] / kv[1][1],
        )
        wt = f"{SHORT.get(weakest[0], weakest[0])} {pct(*weakest[1])}"
        key = (form, k, v)
        out.append(
            f"{form:<12}{k:<24}{v[:27]:<28}{plans[key]:>6}{exact[key]:>6}{n:>8}{pct(r, n):>8}  {wt}"
        )
        shown += 1
        if shown >= limit:
            out.append(f"… ({sum(1 for _, (r, n) in rows if r != n) - shown} more below 100%)")
            break
    perfect = sum(1 for _, (r, n) in rows if r == n)
    out.append(f"({perfect} choice values at 100% over every case that made them)")
    suspects = sorted(
        (key for key in plans if plans[key] >= 2 and exact[key] == 0),
        key=lambda key: (-plans[key], by_choice[key][0] / max(1, by_choice[key][1])),
    )
    out.append("\nSuspects — choice values never read exactly in any of their (≥2) cases:")
    for form, k, v in suspects[:limit]:
        r, n = by_choice[(form, k, v)]
        out.append(f"  {form or '(setting)'} {k}={v}: 0/{plans[(form, k, v)]} exact, {pct(r, n)}")
    if not suspects:
        out.append("  (none)")

    values: dict[tuple[str, str], list[int]] = {}
    for c in cases:
        for f, (r, n) in c.value_forms.items():
            _add(values, (c.form, f), r, n)
    out.append(
        "\n## Per value form (baseline/target fields of the rows printed in it, rows read in"
        " place)\n"
    )
    out.append(f"{'rendering':<16}{'form':<24}{'certain':<9}{'fields':>8}{'right':>8}")
    for (form, f), (r, n) in sorted(
        values.items(), key=lambda kv: (kv[0][0], kv[1][0] / max(1, kv[1][1]))
    ):
        name = f.split(":", 1)[1]
        certain = "yes" if VALUE_FORMS[name].certain else "NO"
        if r < n or not VALUE_FORMS[name].certain:
            out.append(f"{form:<16}{f:<24}{certain:<9}{n:>8}{pct(r, n):>8}")
    out.append("(value forms not listed: 100% in every rendering)")
    return out


def uncertain_report(cases: list[CaseResult], forms: list[str]) -> list[str]:
    out = ["\n## Plans with uncertain forms, apart\n"]
    unsure = [c for c in cases if c.uncertain_forms or c.uncertain_rows]
    if not unsure:
        return out + ["(none: run with --uncertain to draw them)"]
    certain = [c for c in cases if not (c.uncertain_forms or c.uncertain_rows)]
    out.append("Plans drawn with certain forms only:")
    out += table_report(certain, forms, "")[2:]
    out.append("\nPlans with at least one uncertain form:")
    out += table_report(unsure, forms, "")[2:]
    rows: dict[tuple[str, str], list[int]] = {}
    for c in unsure:
        for t, (r, n) in c.uncertain_rows.items():
            _add(rows, (c.form, t), r, n)
    out.append("")
    for (form, t), (r, n) in sorted(rows.items()):
        out.append(
            f"value fields of {t} rows printed in an uncertain form ({form}, rows read in place):"
            f" {pct(r, n)} of {n}"
        )
    return out


def worst_report(cases: list[CaseResult], limit: int) -> list[str]:
    out = ["\n## Worst cases\n"]
    bad = sorted((c for c in cases if c.right < c.total or c.error), key=lambda c: c.accuracy)
    for c in bad[:limit]:
        counts = ", ".join(f"{SHORT.get(t, t)} {g}/{w}" for t, (g, w) in c.counts.items() if g != w)
        out.append(
            f"- seed {c.seed} {c.form} {pct(c.right, c.total)}"
            + (f" — {c.error}" if c.error else "")
            + (f" (records read/key: {counts})" if counts else "")
        )
        if c.settings:
            out.append("    settings: " + ", ".join(f"{k}={v!r}" for k, v in c.settings.items()))
        for d in c.diffs[:6]:
            out.append(f"    {d}")
    if not bad:
        out.append("(none)")
    return out


def timing_report(cases: list[CaseResult], forms: list[str]) -> list[str]:
    out = ["\n## Time per plan (seconds, mean; render = generate + print, read = pipeline.run)\n"]
    out.append(f"{'rendering':<16}{'render':>8}{'read':>8}{'total':>8}{'max':>8}")
    for form in forms:
        mine = [c for c in cases if c.form == form and not c.error]
        if not mine:
            continue
        r = sum(c.render_seconds for c in mine) / len(mine)
        q = sum(c.run_seconds for c in mine) / len(mine)
        m = max(c.render_seconds + c.run_seconds for c in mine)
        out.append(f"{form:<16}{r:>8.2f}{q:>8.2f}{r + q:>8.2f}{m:>8.2f}")
    return out


def keep_failure(
    case: CaseResult, folder: Path, uncertain: bool, extra: bool = True, paper: bool | None = None
) -> Path:
    """The failing case as a fixture folder: plan.txt, plan.meta.toml, expected.json, README.md
    (seed, forms, rendering and its settings, what was misread) and the PDF it was read from."""
    plan = generate(case.seed, uncertain=uncertain)
    out = folder / f"gen_{case.seed}_{case.form}"
    if out.exists():
        shutil.rmtree(out)
    rendering_dir = out / "rendering"
    if case.form != "text":
        rng = random.Random(f"{case.seed}:{case.form}")
        render(plan, case.form, rendering_dir, rng, extra, paper)
    settings = "\n".join(f"- {k} = {v!r}" for k, v in case.settings.items()) or "- (none)"
    misread = "\n".join(f"- {d}" for d in case.diffs[:30]) or "- (none)"
    extra = (
        f"## Rendering\n\n`{case.form}` — field accuracy {pct(case.right, case.total)}"
        + (f"; error: {case.error}" if case.error else "")
        + (
            f". The rendering read is in `rendering/` (made by `render(generate({case.seed}), "
            f"{case.form!r}, dir, random.Random('{case.seed}:{case.form}'))`)."
            if case.form != "text"
            else "."
        )
        + f"\n\nPage settings:\n\n{settings}\n\n## Misread (line numbers in plan.txt)\n\n{misread}\n"
    )
    plan.write_fixture(out, extra)
    (out / "settings.json").write_text(
        json.dumps({"form": case.form, "settings": case.settings}, ensure_ascii=False, indent=2)
        + "\n",
        encoding="utf-8",
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--count", type=int, default=10, help="plans (seeds seed … seed+count-1)")
    ap.add_argument(
        "--producers",
        default="text",
        help="comma-separated renderings: text, spaced, writer, calc, chromium, reportlab, "
        "writer_baseline or a fixed producer of tests/producers.py",
    )
    ap.add_argument("--jobs", type=int, default=1, help="cases run in parallel (processes)")
    ap.add_argument("--uncertain", action="store_true", help="also draw uncertain forms")
    ap.add_argument(
        "--classic",
        action="store_true",
        help="the page settings of the rounds before the sixth (no one-way rules, shaded or "
        "centred headers, middle-aligned or 均等割り付け cells, letter-spacing, header rules)",
    )
    ap.add_argument(
        "--no-paper",
        action="store_true",
        help="the page settings of the rounds before the eighth (no A3, B5 or Letter paper, "
        "print scale, line spacing 1.5 or 8 pt table text beside a larger body)",
    )
    ap.add_argument("--keep-failures", type=Path, help="write failing cases here as fixtures")
    ap.add_argument("--keep-max", type=int, default=10, help="failing cases kept (worst first)")
    ap.add_argument("--worst", type=int, default=12, help="worst cases shown")
    ap.add_argument("--choices", type=int, default=60, help="form choices shown (below 100%%)")
    args = ap.parse_args(argv)
    forms = [p.strip() for p in args.producers.split(",") if p.strip()]
    for form in forms:
        why = producer_available(form)
        if why:
            ap.error(f"rendering {form!r} is not available here: {why}")
    tasks = [(s, f) for s in range(args.seed, args.seed + args.count) for f in forms]
    cases: list[CaseResult] = []
    start = time.perf_counter()

    def progress(case: CaseResult) -> None:
        cases.append(case)
        note = case.error or pct(case.right, case.total)
        print(
            f"[{len(cases)}/{len(tasks)}] seed {case.seed} {case.form}: {note} "
            f"({case.render_seconds + case.run_seconds:.1f}s)",
            file=sys.stderr,
            flush=True,
        )

    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            futures = [
                pool.submit(
                    run_case, s, f, args.uncertain, None, not args.classic, not args.no_paper
                )
                for s, f in tasks
            ]
            for fut in as_completed(futures):
                progress(fut.result())
    else:
        for s, f in tasks:
            progress(run_case(s, f, args.uncertain, None, not args.classic, not args.no_paper))
    cases.sort(key=lambda c: (c.seed, forms.index(c.form)))
    elapsed = time.perf_counter() - start

    out = [
        f"# Generated-plan sweep: seeds {args.seed}…{args.seed + args.count - 1}, "
        f"renderings {', '.join(forms)}{', uncertain forms drawn' if args.uncertain else ''}"
        f"{', classic page settings' if args.classic else ''}"
        f"{', without the eighth round' if args.no_paper and not args.classic else ''}",
        f"{len(cases)} cases in {elapsed:.0f}s; field accuracy = fields of the key read right "
        "(records matched in order, tests/family.py), depts = the 略称対応表 (abbr, bureau, section)",
    ]
    out += table_report(cases, forms, "Accuracy per table and rendering")
    perfect = {
        f: sum(1 for c in cases if c.form == f and c.right == c.total and not c.error)
        for f in forms
    }
    out.append(
        "plans read exactly: "
        + ", ".join(f"{f} {perfect[f]}/{sum(1 for c in cases if c.form == f)}" for f in forms)
    )
    out += uncertain_report(cases, forms)
    out += settings_report(cases, forms)
    if not args.classic and not args.no_paper:
        out += settings_report(cases, forms, ROUND8_SETTINGS, "eighth round")
    out += form_report(cases, args.choices)
    out += worst_report(cases, args.worst)
    out += timing_report(cases, forms)
    if args.keep_failures:
        failing = sorted(
            (c for c in cases if c.right < c.total or c.error), key=lambda c: c.accuracy
        )
        kept = [
            keep_failure(c, args.keep_failures, args.uncertain, not args.classic, not args.no_paper)
            for c in failing[: args.keep_max]
        ]
        out.append(f"\nkept {len(kept)} failing case(s) as fixtures in {args.keep_failures}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
