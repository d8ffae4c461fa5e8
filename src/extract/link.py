"""Link: what the outputs need from the plan as a whole, resolved before the checks judge it.

- every ※再掲 project gets `original_project_id`: the earliest row of the same canonical name
  not itself marked 再掲 (the one with the same departments when there are several);
- every abbreviation printed in 【】 gets a departments row, so that the published tables hold
  together: one not in the 略称対応表 is added with `listed=false` and what
  rules/departments.csv says of it;
- every table keeps its keys: a row that repeats an earlier row's key (a 略称 printed twice in
  the 略称対応表, a footnote number used twice, a heading printed twice) is left out, and its
  line gets a `layout.duplicate_row` finding (an error when the rows differ); a department
  printed twice in one 【】 is listed once (`abbreviation.repeated`);
- every KPI and project points at a policies row: rows printed under no 取組方針 heading go
  under 取組方針 0 of their goal (`crossref.no_policy`), and a number the goal does not define
  gets a policies row without a title (`crossref.unknown_policy`).

The checks then only read the plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import TypeVar

from extract import messages
from extract.models import (
    Department,
    Indicator,
    Plan,
    Policy,
    Project,
    Record,
    Severity,
)
from extract.rules import Rules

EMITS = (
    "layout.duplicate_row",
    "abbreviation.repeated",
    "crossref.no_policy",
    "crossref.unknown_policy",
)


R = TypeVar("R", bound=Record)
# What a duplicate is compared on: everything but where it was printed.
_PLACE = {"source_line", "source_page", "repaired"}


def relisted_original(project: Project, earlier: list[Project]) -> Project | None:
    """The row a ※再掲 row repeats, among the earlier unmarked rows of its name."""
    same_dept = [o for o in earlier if set(o.departments) == set(project.departments)]
    candidates = same_dept or earlier
    return candidates[0] if candidates else None


def link_relisted(plan: Plan) -> None:
    originals: dict[str, list[Project]] = defaultdict(list)
    for p in sorted(plan.projects, key=lambda p: p.source_line):
        if p.relisted:
            original = relisted_original(p, originals.get(p.name, []))
            p.original_project_id = original.project_id if original else None
        else:
            originals[p.name].append(p)


def link_unlisted_departments(plan: Plan, rules: Rules) -> None:
    table = {d.abbr: d for d in plan.departments}
    fixes = {f.abbr: f for f in rules.departments}
    for p in plan.projects:
        for abbr in p.departments:
            if abbr in table:
                continue
            fix = fixes.get(abbr)
            target = table.get(fix.canonical) if fix and fix.canonical else None
            table[abbr] = Department(
                source_line=p.source_line,
                source_page=p.source_page,
                abbr=abbr,
                abbr_raw=abbr,
                bureau=(fix.bureau if fix and fix.bureau else target.bureau if target else ""),
                section=(fix.section if fix and fix.section else target.section if target else ""),
                listed=False,
                alias_of=fix.canonical if fix else "",
            )
            plan.departments.append(table[abbr])


def unique_rows(
    plan: Plan,
    records: list[R],
    key: Callable[[R], Hashable],
    what: Callable[[R], dict[str, str | int]],
) -> list[R]:
    """The records with the first of each key; each later one is reported on its own line.
    `what` names a record for the message: `{"what": "row.kpi", "id": …}` (a term of the
    message catalogue and its fields)."""
    first: dict[Hashable, R] = {}
    kept: list[R] = []
    for r in records:
        k = key(r)
        if k not in first:
            first[k] = r
            kept.append(r)
            continue
        earlier = first[k]
        same = r.model_dump(exclude=_PLACE) == earlier.model_dump(exclude=_PLACE)
        params = {**({"form": "identical"} if same else {}), **what(r)}
        plan.findings.append(
            messages.finding(
                "layout.duplicate_row",
                params | {"first_line": earlier.source_line},
                line=r.source_line,
                page=r.source_page,
                record_id=earlier.record_id,
                key=earlier.record_id,
                severity=Severity.WARNING if same else None,
            )
        )
    return kept


def link_unique_keys(plan: Plan) -> None:
    """Every table's primary key holds: later rows with an earlier row's key are left out."""
    plan.goals = unique_rows(
        plan, plan.goals, lambda g: g.goal_no, lambda g: {"what": "row.goal", "goal": g.goal_no}
    )
    plan.policies = unique_rows(
        plan,
        plan.policies,
        lambda p: (p.goal_no, p.policy_no),
        lambda p: {"what": "row.policy", "goal": p.goal_no, "policy": p.policy_no},
    )
    plan.actions = unique_rows(
        plan,
        plan.actions,
        lambda a: a.record_id,
        lambda a: {"what": "row.action", "id": a.record_id},
    )
    plan.numeric_targets = unique_rows(
        plan,
        plan.numeric_targets,
        lambda r: r.record_id,
        lambda r: {"what": "row.numeric_target", "id": r.record_id},
    )
    plan.kpis = unique_rows(
        plan, plan.kpis, lambda r: r.record_id, lambda r: {"what": "row.kpi", "id": r.record_id}
    )
    plan.footnotes = unique_rows(
        plan,
        plan.footnotes,
        lambda f: f.footnote_no,
        lambda f: {"what": "row.footnote", "id": f.footnote_no},
    )
    plan.projects = unique_rows(
        plan,
        plan.projects,
        lambda p: p.project_id,
        lambda p: {"what": "row.project", "id": p.project_id},
    )
    plan.departments = unique_rows(
        plan, plan.departments, lambda d: d.abbr, lambda d: {"what": "row.department", "id": d.abbr}
    )


def link_project_departments(plan: Plan) -> None:
    """A department printed twice in one 【】 is the project's department once."""
    for p in plan.projects:
        once = list(dict.fromkeys(p.departments))
        if len(once) == len(p.departments):
            continue
        twice = sorted({d for d in p.departments if p.departments.count(d) > 1})
        p.departments = once
        plan.findings.append(
            messages.finding(
                "abbreviation.repeated",
                {"project_id": p.project_id, "raw": p.departments_raw, "twice": "・".join(twice)},
                line=p.source_line,
                page=p.source_page,
                record_id=p.project_id,
                key=p.name,
            )
        )


def link_policies(plan: Plan) -> None:
    """Every KPI and project row points at a policies row (their foreign key)."""
    defined = {(p.goal_no, p.policy_no) for p in plan.policies}
    unplaced: dict[int, list[Indicator | Project]] = defaultdict(list)
    for r in [*plan.kpis, *plan.projects]:
        if r.policy_no is None:
            unplaced[r.goal_no].append(r)
    for goal_no, rows in unplaced.items():
        for r in rows:
            r.policy_no = 0
        first = min(rows, key=lambda r: r.source_line)
        plan.findings.append(
            messages.finding(
                "crossref.no_policy",
                {"count": len(rows), "goal": goal_no, "first_line": first.source_line},
                line=first.source_line,
                page=first.source_page,
                key=f"G{goal_no}-P0",
            )
        )
    for r in sorted([*plan.kpis, *plan.projects, *plan.actions], key=lambda r: r.source_line):
        key = (r.goal_no, r.policy_no)
        if key in defined:
            continue
        defined.add(key)
        assert r.policy_no is not None  # set above
        plan.policies.append(
            Policy(
                source_line=r.source_line,
                source_page=r.source_page,
                goal_no=r.goal_no,
                policy_no=r.policy_no,
                title="",
                title_raw="",
            )
        )
        if r.policy_no == 0:
            continue  # reported above as crossref.no_policy
        what = (
            "table.kpi"
            if isinstance(r, Indicator)
            else "table.projects"
            if isinstance(r, Project)
            else "table.bullets"
        )
        plan.findings.append(
            messages.finding(
                "crossref.unknown_policy",
                {"what": what, "policy": r.policy_no, "goal": r.goal_no, "record_id": r.record_id},
                line=r.source_line,
                page=r.source_page,
                record_id=r.record_id,
                key=f"G{r.goal_no}-P{r.policy_no}",
            )
        )


def plan_to_links(plan: Plan, rules: Rules) -> None:
    """Resolve the links in place (the parse stage's plan is the link stage's to complete)."""
    link_unique_keys(plan)
    link_policies(plan)
    link_project_departments(plan)
    link_relisted(plan)
    link_unlisted_departments(plan, rules)
