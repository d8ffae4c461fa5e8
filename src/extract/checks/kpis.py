"""KPIs and numeric targets: units, direction, years, footnotes, repeats."""

from __future__ import annotations

from collections.abc import Iterator

from extract import findings
from extract.models import Finding, Indicator, Plan
from extract.rules import Rules
from extract.text import format_number, kana_fold


def _f(code: str, r: Indicator, message: str, hint: str = "") -> Finding:
    return findings.make(
        code,
        message,
        hint=hint,
        line=r.source_line,
        page=r.source_page,
        record_id=r.record_id,
        key=r.indicator,
    )


def direction(indicator: str, rules: Rules) -> tuple[str, str]:
    """('higher'|'lower'|'none', why): the longest matching keyword of rules/kpi_direction.csv."""
    hits = [d for d in rules.kpi_directions if d.keyword in indicator]
    if not hits:
        return "higher", "default"
    best = max(hits, key=lambda d: len(d.keyword))
    return best.direction, f"rules/kpi_direction.csv:{best.line} ({best.keyword})"


def _show(r: Indicator, which: str) -> str:
    v = getattr(r, which)
    return v.raw or format_number(v.value)


def check_units(records: list[Indicator]) -> Iterator[Finding]:
    for r in records:
        b, t = r.baseline, r.target
        if b.value is not None and t.value is not None and b.unit != t.unit:
            yield _f(
                "kpi.unit_mismatch",
                r,
                f"{r.record_id} {r.indicator}: baseline in {b.unit or '(no unit)'} but target in {t.unit or '(no unit)'}.",
                "Print both values in the same unit.",
            )


def check_direction(records: list[Indicator], rules: Rules) -> Iterator[Finding]:
    for r in records:
        b, t = r.baseline.value, r.target.value
        if b is None or t is None or r.footnote_no is not None:
            continue  # a footnote is the plan's own explanation
        if r.baseline.unit != r.target.unit:
            continue  # not comparable (3.5倍 vs 12基): kpi.unit_mismatch says so
        way, why = direction(r.indicator, rules)
        if (way == "higher" and t < b) or (way == "lower" and t > b):
            better = "higher" if way == "higher" else "lower"
            yield _f(
                "kpi.target_against_direction",
                r,
                f"{r.record_id} {r.indicator}: target {_show(r, 'target')} is {'below' if way == 'higher' else 'above'} the baseline {_show(r, 'baseline')}, though {better} is better ({why}) and no footnote explains it.",
                f"Add a footnote explaining the target, or add `{r.indicator},{'lower' if way == 'higher' else 'higher'},<why>` to rules/kpi_direction.csv if {'lower' if way == 'higher' else 'higher'} is better.",
            )


def check_cell_years(records: list[Indicator]) -> Iterator[Finding]:
    for r in records:
        for which in ("baseline", "target"):
            v = getattr(r, which)
            if v.year_from_cell:
                yield _f(
                    "kpi.cell_year",
                    r,
                    f"{r.record_id} {r.indicator}: the {which} {v.raw!r} is for {v.year_label} ({v.year}), not the column's year.",
                )


def check_footnotes(plan: Plan) -> Iterator[Finding]:
    notes = {f.footnote_no for f in plan.footnotes}
    referenced = set()
    for r in [*plan.numeric_targets, *plan.kpis]:
        if r.footnote_no is None:
            continue
        referenced.add(r.footnote_no)
        if r.footnote_no not in notes:
            yield _f(
                "kpi.footnote_missing",
                r,
                f"{r.record_id} {r.indicator} refers to footnote {r.footnote_no}, which the plan does not print.",
                "Add the footnote text or remove the marker.",
            )
    for f in plan.footnotes:
        if f.footnote_no not in referenced:
            yield findings.make(
                "kpi.footnote_unreferenced",
                f"Footnote {f.footnote_no} is printed but no KPI or target refers to it.",
                hint="Add the marker to the row it explains, or remove the footnote.",
                line=f.source_line,
                page=f.source_page,
                record_id=f.record_id,
                key=str(f.footnote_no),
            )


def _same(a: Indicator, b: Indicator) -> bool:
    return (a.baseline.value, a.baseline.unit, a.target.value, a.target.unit, a.target.year) == (
        b.baseline.value,
        b.baseline.unit,
        b.target.value,
        b.target.unit,
        b.target.year,
    )


def check_repeated_targets(plan: Plan) -> Iterator[Finding]:
    seen: dict[str, Indicator] = {}
    for r in plan.numeric_targets:
        key = kana_fold(r.indicator)
        first = seen.setdefault(key, r)
        if first is not r and first.goal_no != r.goal_no:
            same = "with the same values" if _same(first, r) else "with other values"
            yield _f(
                "kpi.target_repeated",
                r,
                f"{r.record_id} repeats numeric target {first.record_id} of goal {first.goal_no} ({r.indicator}) {same}.",
                f"Check that goal {r.goal_no} was meant to share goal {first.goal_no}'s target; if so, accept this finding.",
            )


def check_relisted(plan: Plan) -> Iterator[Finding]:
    for r in plan.kpis:
        if not r.relisted:
            continue
        key = kana_fold(r.indicator)
        earlier = [
            o
            for o in [*plan.numeric_targets, *plan.kpis]
            if o is not r and not o.relisted and kana_fold(o.indicator) == key
        ]
        if not earlier:
            yield _f(
                "kpi.relisted_orphan",
                r,
                f"{r.record_id} {r.indicator} is marked ※再掲 but no numeric target or KPI prints it without the mark.",
                "Remove ※再掲 or correct the indicator's wording.",
            )
        elif not _same(earlier[0], r):
            o = earlier[0]
            yield _f(
                "kpi.relisted_mismatch",
                r,
                f"{r.record_id} repeats {o.record_id} but its values differ: {_show(r, 'baseline')} → {_show(r, 'target')} vs {_show(o, 'baseline')} → {_show(o, 'target')}.",
                "Make the repeated row match the original.",
            )


EMITS = (
    "kpi.unit_mismatch",
    "kpi.target_against_direction",
    "kpi.cell_year",
    "kpi.footnote_missing",
    "kpi.footnote_unreferenced",
    "kpi.target_repeated",
    "kpi.relisted_orphan",
    "kpi.relisted_mismatch",
)


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    records = [*plan.numeric_targets, *plan.kpis]
    yield from check_units(records)
    yield from check_direction(records, rules)
    yield from check_cell_years(records)
    yield from check_footnotes(plan)
    yield from check_repeated_targets(plan)
    yield from check_relisted(plan)
