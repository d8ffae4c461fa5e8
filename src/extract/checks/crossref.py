"""Cross-references: the example projects named in a policy's ・ bullets are projects of that
policy's own 事務事業一覧; the overview table and list captions agree with the headings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from extract import findings
from extract.models import Finding, OverviewEntry, Plan
from extract.parse.structure import split_trailing_group
from extract.rules import Rules


def _base(name: str) -> str:
    """`工業団地整備事業（工業団地整備事業特別会計）` → `工業団地整備事業`."""
    group = split_trailing_group(name)
    return group[0] if group else name


def check_examples(plan: Plan) -> Iterator[Finding]:
    lists: dict[tuple[int, int | None], set[str]] = defaultdict(set)
    where: dict[str, list[str]] = defaultdict(list)
    for p in plan.projects:
        lists[(p.goal_no, p.policy_no)].update({p.name, _base(p.name)})
        where[p.name].append(p.project_id)
        where[_base(p.name)].append(p.project_id)
    for a in plan.actions:
        own = lists.get((a.goal_no, a.policy_no), set())
        if not own:
            continue  # no list printed for this policy: nothing to compare with
        for e in a.examples:
            if e.example in own:
                continue
            rid = f"A{a.goal_no}-{a.policy_no}-{a.action_no}"
            near = process.extractOne(e.example, sorted(own), scorer=fuzz.ratio)
            hint = (
                f"Nearest in the list: {near[0]}."
                if near and near[1] >= 60
                else "No similar project in the list."
            )
            elsewhere = sorted(
                {pid.split("-")[0] + "-" + pid.split("-")[1] for pid in where.get(e.example, [])}
            )
            if elsewhere:
                hint += f" It is listed under {', '.join(elsewhere)}."
            hint += " Make the bullet and the list use one name, or add the variant to rules/variants.csv."
            yield findings.make(
                "crossref.example_not_in_list",
                f"Example {e.example!r} in goal {a.goal_no} policy {a.policy_no}'s bullets is not a project of that policy's 事務事業一覧.",
                hint=hint,
                line=a.source_line,
                page=a.source_page,
                record_id=rid,
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


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    yield from check_examples(plan)
    yield from _check_titles(plan.overview, plan, "overview table")
    yield from _check_titles(plan.captions, plan, "list caption")
