"""Department abbreviations: every abbreviation printed in 【】 resolves in the 略称対応表 (or in
rules/departments.csv); entries never used, and abbreviations printed with spaces, are reported."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from extract import findings
from extract.models import Department, Finding, Plan, Project
from extract.rules import Rules

_SPACED = re.compile(r"\S\s+\S")


def resolve(abbr: str, table: dict[str, Department], rules: Rules) -> str | None:
    """The table abbreviation `abbr` stands for: itself, or its fix in rules/departments.csv."""
    if abbr in table:
        return abbr
    for fix in rules.departments:
        if fix.abbr == abbr:
            return fix.canonical or abbr
    return None


def nearest(abbr: str, table: dict[str, Department]) -> Department | None:
    """The table entry `abbr` most likely means: its characters inside a section's name
    (情統 → 情報統計課), else the closest abbreviation."""
    for d in table.values():
        if all(ch in d.section for ch in abbr):
            return d
    match = process.extractOne(abbr, list(table), scorer=fuzz.ratio, score_cutoff=50)
    return table[match[0]] if match else None


EMITS = (
    "abbreviation.spaced",
    "abbreviation.unknown",
    "abbreviation.bad_fix",
    "abbreviation.unused",
)


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    # The printed table: rows the link stage added for unlisted abbreviations are not in it.
    table = {d.abbr: d for d in plan.departments if d.listed}
    if not table and not rules.departments:
        return  # the plan prints no 略称対応表 (normal): nothing to check names against
    uses: dict[str, list[Project]] = defaultdict(list)
    for p in plan.projects:
        for abbr in p.departments:
            uses[abbr].append(p)
        if _SPACED.search(p.departments_raw):
            yield findings.make(
                "abbreviation.spaced",
                f"{p.project_id} prints its department as 【{p.departments_raw}】 with a space; read as 【{'・'.join(p.departments)}】.",
                hint="Remove the space in the source.",
                line=p.source_line,
                page=p.source_page,
                record_id=p.project_id,
                key=p.departments_raw,
            )
    for abbr, projects in uses.items():
        if resolve(abbr, table, rules) is not None:
            continue
        first = projects[0]
        guess = nearest(abbr, table)
        lines = ", ".join(str(p.source_line) for p in projects[:8]) + (
            " …" if len(projects) > 8 else ""
        )
        hint = f"Try: add `{abbr},{guess.abbr if guess else ''},,,<why>` to rules/departments.csv"
        hint += (
            f" (nearest: {guess.abbr} = {guess.bureau} {guess.section})."
            if guess
            else " with its bureau and section."
        )
        yield findings.make(
            "abbreviation.unknown",
            f"【{abbr}】 is used by {len(projects)} project(s) (lines {lines}) but is not in the 略称対応表.",
            hint=hint,
            line=first.source_line,
            page=first.source_page,
            record_id=first.project_id,
            key=abbr,
        )
    for fix in rules.departments:
        if fix.canonical and fix.canonical not in table:
            yield findings.make(
                "abbreviation.bad_fix",
                f"rules/departments.csv line {fix.line} maps {fix.abbr} to {fix.canonical}, which the table does not list.",
                hint="Correct the canonical abbreviation in rules/departments.csv.",
                key=fix.abbr,
            )
    used = {resolve(a, table, rules) for a in uses}
    for d in table.values():
        if d.abbr not in used:
            yield findings.make(
                "abbreviation.unused",
                f"{d.abbr} ({d.bureau} {d.section}) is in the 略称対応表 but no project uses it.",
                line=d.source_line,
                page=d.source_page,
                record_id=d.record_id,
                key=d.abbr,
            )
