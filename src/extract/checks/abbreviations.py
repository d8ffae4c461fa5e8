"""Department abbreviations: every abbreviation printed in 【】 resolves in the 略称対応表 (or in
rules/departments.csv); entries never used, and abbreviations printed with spaces, are reported."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from extract import messages
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
            yield messages.finding(
                "abbreviation.spaced",
                {
                    "project_id": p.project_id,
                    "raw": p.departments_raw,
                    "read": "・".join(p.departments),
                },
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
        params: dict[str, str | int] = {
            "abbr": abbr,
            "count": len(projects),
            "lines": messages.lines_param(p.source_line for p in projects),
        }
        if guess is None:
            params["form"] = "no_guess"
        else:
            params |= {
                "guess": guess.abbr,
                "guess_bureau": guess.bureau,
                "guess_section": guess.section,
            }
        yield messages.finding(
            "abbreviation.unknown",
            params,
            line=first.source_line,
            page=first.source_page,
            record_id=first.project_id,
            key=abbr,
        )
    for fix in rules.departments:
        if fix.canonical and fix.canonical not in table:
            yield messages.finding(
                "abbreviation.bad_fix",
                {"rules_line": fix.line, "abbr": fix.abbr, "canonical": fix.canonical},
                key=fix.abbr,
            )
    used = {resolve(a, table, rules) for a in uses}
    for d in table.values():
        if d.abbr not in used:
            yield messages.finding(
                "abbreviation.unused",
                {"abbr": d.abbr, "bureau": d.bureau, "section": d.section},
                line=d.source_line,
                page=d.source_page,
                record_id=d.record_id,
                key=d.abbr,
            )
