"""Cross-references: the example projects named in a policy's ・ bullets are projects of that
policy's own 事務事業一覧; the overview table and list captions agree with the headings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from extract import findings
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
            hint = (
                f"Nearest in the list: {near[0]}."
                if near and near[1] >= 60
                else "No similar project in the list."
            )
            elsewhere = sorted(where.get(e.example, set()))
            if elsewhere:
                hint += f" It is listed under {', '.join(elsewhere)}."
            hint += " Make the bullet and the list use one name, or add the variant to rules/variants.csv."
            yield findings.make(
                "crossref.example_not_in_list",
                f"Example {e.example!r} in goal {a.goal_no} policy {a.policy_no}'s bullets is not a project of that policy's 事務事業一覧.",
                hint=hint,
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
        name = f"goal {e.goal_no}" + (f" policy {e.policy_no}" if e.policy_no else "")
        if title is None:
            yield findings.make(
                "crossref.title_mismatch",
                f"The {what} names {name} ({e.title}), which the plan's headings do not define.",
                line=e.source_line,
                page=e.source_page,
                key=e.title,
                hint="Check the numbering against the headings.",
            )
        elif title != e.title:
            yield findings.make(
                "crossref.title_mismatch",
                f"The {what} titles {name} {e.title!r}; its heading says {title!r}.",
                line=e.source_line,
                page=e.source_page,
                key=e.title,
                hint="Use one title in both places.",
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
        what = "KPI table" if r in plan.kpis else "project list"
        yield findings.make(
            "crossref.unknown_policy",
            f"A {what} names 取組方針 {r.policy_no} of goal {r.goal_no} ({r.record_id}), which the goal does not define.",
            hint="Check the policy number in the table against the policy headings.",
            line=r.source_line,
            page=r.source_page,
            record_id=r.record_id,
            key=f"G{r.goal_no}-P{r.policy_no}",
        )


EMITS = ("crossref.example_not_in_list", "crossref.title_mismatch", "crossref.unknown_policy")


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    yield from check_examples(plan)
    yield from check_policy_numbers(plan)
    yield from _check_titles(plan.overview, plan, "overview table")
    yield from _check_titles(plan.captions, plan, "list caption")
