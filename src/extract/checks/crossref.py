"""Cross-references: the example projects named in a policy's ・ bullets are projects of that
policy's own 事務事業一覧; the overview table and list captions agree with the headings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from extract import messages
from extract.models import Finding, OverviewEntry, Plan
from extract.rules import Rules
from extract.text import base_name


def check_examples(plan: Plan) -> Iterator[Finding]:
    lists: dict[tuple[int, int | None], set[str]] = defaultdict(set)
    where: dict[str, set[str]] = defaultdict(set)
    for p in plan.projects:
        lists[(p.goal_no, p.policy_no)].update({p.name, base_name(p.name)})
        where[p.name].add(p.list_id)
        where[base_name(p.name)].add(p.list_id)
    for a in plan.actions:
        own = lists.get((a.goal_no, a.policy_no), set())
        if not own:
            continue  # no list printed for this policy: nothing to compare with
        for e in a.examples:
            if e.example in own:
                continue
            near = process.extractOne(e.example, sorted(own), scorer=fuzz.ratio)
            yield messages.finding(
                "crossref.example_not_in_list",
                {
                    "example": e.example,
                    "goal": a.goal_no,
                    "policy": a.policy_no,
                    "nearest": near[0] if near and near[1] >= 60 else "",
                    "elsewhere": ", ".join(sorted(where.get(e.example, set()))),
                },
                line=a.source_line,
                page=a.source_page,
                record_id=a.record_id,
                key=e.example,
            )


def _check_titles(entries: list[OverviewEntry], plan: Plan, what: str) -> Iterator[Finding]:
    goals = {g.goal_no: g.title for g in plan.goals}
    policies = {(p.goal_no, p.policy_no): p.title for p in plan.policies}
    for e in entries:
        title = (
            goals.get(e.goal_no) if e.policy_no is None else policies.get((e.goal_no, e.policy_no))
        )
        if title == e.title:
            continue
        params: dict[str, str | int] = {
            "what": what,
            "name": "name.policy" if e.policy_no else "name.goal",
            "goal": e.goal_no,
            "policy": e.policy_no or 0,
            "title": e.title,
        }
        if title is None:
            params["form"] = "undefined"
        else:
            params["heading"] = title
        yield messages.finding(
            "crossref.title_mismatch",
            params,
            line=e.source_line,
            page=e.source_page,
            key=e.title,
        )


def check_policy_numbers(plan: Plan) -> Iterator[Finding]:
    """KPIs and project lists point at their policy: the number must be one the goal defines."""
    defined = {(p.goal_no, p.policy_no) for p in plan.policies}
    seen: set[tuple[int, int | None]] = set()
    for r in [*plan.kpis, *plan.projects]:
        key = (r.goal_no, r.policy_no)
        if r.policy_no is None or key in defined or key in seen:
            continue
        seen.add(key)
        what = "table.kpi" if r in plan.kpis else "table.projects"
        yield messages.finding(
            "crossref.unknown_policy",
            {
                "form": "check",
                "what": what,
                "policy": r.policy_no,
                "goal": r.goal_no,
                "record_id": r.record_id,
            },
            line=r.source_line,
            page=r.source_page,
            record_id=r.record_id,
            key=f"G{r.goal_no}-P{r.policy_no}",
        )


EMITS = ("crossref.example_not_in_list", "crossref.title_mismatch", "crossref.unknown_policy")


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    yield from check_examples(plan)
    yield from check_policy_numbers(plan)
    yield from _check_titles(plan.overview, plan, "table.overview")
    yield from _check_titles(plan.captions, plan, "table.caption")
