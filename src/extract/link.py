"""Link: what the outputs need from the plan as a whole, resolved before the checks judge it.

- every ※再掲 project gets `original_project_id`: the earliest row of the same canonical name
  not itself marked 再掲 (the one with the same departments when there are several);
- every abbreviation printed in 【】 gets a departments row, so that the published tables hold
  together: one not in the 略称対応表 is added with `listed=false` and what
  rules/departments.csv says of it.

The checks then only read the plan.
"""

from __future__ import annotations

from collections import defaultdict

from extract.models import Department, Plan, Project
from extract.rules import Rules


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


def plan_to_links(plan: Plan, rules: Rules) -> None:
    """Resolve the links in place (the parse stage's plan is the link stage's to complete)."""
    link_relisted(plan)
    link_unlisted_departments(plan, rules)
