"""KPIs and numeric targets: units, direction, years, footnotes, repeats."""

from __future__ import annotations

from collections.abc import Iterator

from extract import messages
from extract.models import Finding, Indicator, Plan
from extract.rules import Rules
from extract.text import format_number, kana_fold


def _f(code: str, r: Indicator, params: dict[str, str | int]) -> Finding:
    return messages.finding(
        code,
        {"record_id": r.record_id, "indicator": r.indicator, **params},
        line=r.source_line,
        page=r.source_page,
        record_id=r.record_id,
        key=r.indicator,
    )


def direction(indicator: str, rules: Rules) -> tuple[str, str]:
    """('higher'|'lower'|'none', why): the longest matching keyword of rules/kpi_direction.csv
    (why is empty for the default, higher)."""
    hits = [d for d in rules.kpi_directions if d.keyword in indicator]
    if not hits:
        return "higher", ""
    best = max(hits, key=lambda d: len(d.keyword))
    return best.direction, f"rules/kpi_direction.csv:{best.line} ({best.keyword})"


def _show(r: Indicator, which: str) -> str:
    v = getattr(r, which)
    return v.raw or format_number(v.value)


def check_units(records: list[Indicator]) -> Iterator[Finding]:
    for r in records:
        b, t = r.baseline, r.target
        if b.value is not None and t.value is not None and b.unit != t.unit:
            yield _f("kpi.unit_mismatch", r, {"baseline_unit": b.unit, "target_unit": t.unit})


def cumulative(r: Indicator) -> bool:
    """A count that only grows: 累計 in the indicator or before a value (累計53件)."""
    return any("累計" in text for text in (r.indicator, r.baseline.qualifier, r.target.qualifier))


# A target printed as a bound: its side is the better one
_BOUNDS = {"以下": "lower", "以内": "lower", "未満": "lower", "以上": "higher", "超": "higher"}


def check_direction(records: list[Indicator], plan: Plan, rules: Rules) -> Iterator[Finding]:
    """A target on the wrong side of its baseline: a warning, or an info naming the footnote
    that explains it; a cumulative count whose target is below its baseline is a warning
    whatever the footnote says. A baseline not printed (—, 新規) is not compared."""
    notes = {f.footnote_no: f.text for f in plan.footnotes}
    for r in records:
        b, t = r.baseline.value, r.target.value
        if b is None or t is None:
            continue  # nothing to compare (kpi.no_baseline says why when it is printed so)
        if r.baseline.unit != r.target.unit:
            continue  # not comparable (3.5倍 vs 12基): kpi.unit_mismatch says so
        values = {"target": _show(r, "target"), "baseline": _show(r, "baseline")}
        if cumulative(r) and t < b:
            footnote = "" if r.footnote_no is None else str(r.footnote_no)
            yield _f("kpi.cumulative_below_baseline", r, values | {"footnote_no": footnote})
            continue
        way, why = direction(r.indicator, rules)
        bound = r.target.qualifier.split()[-1] if r.target.qualifier else ""
        if _BOUNDS.get(bound, way) != way:
            # `30日以内`, `40%以上`: the target says which side is better (where a rule or the
            # default says the other; where they agree, the rule is the reason given)
            way, why = _BOUNDS[bound], bound
        if r.direction:  # the plan prints the way itself (方向 ↑ ↓ →)
            way, why = r.direction, "方向"
        if not ((way == "higher" and t < b) or (way == "lower" and t > b)):
            continue
        other = "lower" if way == "higher" else "higher"
        params = values | {"side": "below" if way == "higher" else "above", "better": way}
        if r.footnote_no is not None:
            note = notes.get(r.footnote_no, "")
            excerpt = note if len(note) <= 50 else note[:49] + "…"
            yield _f(
                "kpi.target_explained",
                r,
                params | {"footnote_no": r.footnote_no, "note": excerpt},
            )
        else:
            yield _f("kpi.target_against_direction", r, params | {"why": why, "other": other})


def check_cell_years(records: list[Indicator]) -> Iterator[Finding]:
    for r in records:
        for which in ("baseline", "target"):
            v = getattr(r, which)
            if v.year_from_cell:
                yield _f(
                    "kpi.cell_year",
                    r,
                    {"which": which, "raw": v.raw, "label": v.year_label, "year": v.year},
                )


def check_footnotes(plan: Plan) -> Iterator[Finding]:
    notes = {f.footnote_no for f in plan.footnotes}
    referenced = set()
    for r in [*plan.numeric_targets, *plan.kpis]:
        if r.footnote_no is None:
            continue
        referenced.add(r.footnote_no)
        if r.footnote_no not in notes:
            yield _f("kpi.footnote_missing", r, {"footnote_no": r.footnote_no})
    for f in plan.footnotes:
        if f.footnote_no not in referenced and f.footnote_no not in plan.unnumbered_notes:
            yield messages.finding(
                "kpi.footnote_unreferenced",
                {"footnote_no": f.footnote_no},
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
            yield _f(
                "kpi.target_repeated",
                r,
                {
                    "first_id": first.record_id,
                    "first_goal": first.goal_no,
                    "goal": r.goal_no,
                    "same": "same_values" if _same(first, r) else "other_values",
                },
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
            yield _f("kpi.relisted_orphan", r, {})
        elif not _same(earlier[0], r):
            o = earlier[0]
            yield _f(
                "kpi.relisted_mismatch",
                r,
                {
                    "original_id": o.record_id,
                    "baseline": _show(r, "baseline"),
                    "target": _show(r, "target"),
                    "original_baseline": _show(o, "baseline"),
                    "original_target": _show(o, "target"),
                },
            )


EMITS = (
    "kpi.unit_mismatch",
    "kpi.target_against_direction",
    "kpi.target_explained",
    "kpi.cumulative_below_baseline",
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
    yield from check_direction(records, plan, rules)
    yield from check_cell_years(records)
    yield from check_footnotes(plan)
    yield from check_repeated_targets(plan)
    yield from check_relisted(plan)
