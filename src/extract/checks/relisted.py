"""※再掲 consistency: every relisted project row has an earlier original (same canonical name and
department) that is not itself marked 再掲; repeats without the mark are reported too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from extract import findings
from extract.models import Finding, Plan, Project
from extract.normalize import Normalizer
from extract.rules import Rules

HINT_MARK = "Add ※再掲 to the later row, or rename one of them if they are different projects."


def _f(code: str, p: Project, message: str, hint: str = "") -> Finding:
    return findings.make(
        code,
        message,
        hint=hint,
        line=p.source_line,
        page=p.source_page,
        record_id=p.project_id,
        key=f"{p.name}【{'・'.join(p.departments)}】",
    )


EMITS = (
    "relisted.unmarked_repeat",
    "relisted.original_later",
    "relisted.orphan",
    "relisted.department_differs",
    "relisted.flag_differs",
    "relisted.variant_original",
)


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    plain = Normalizer()  # the printed spelling, before the itaiji and variant tables
    by_id = {p.project_id: p for p in plan.projects}
    by_name: dict[str, list[Project]] = defaultdict(list)
    for p in sorted(plan.projects, key=lambda p: p.source_line):
        by_name[p.name].append(p)
    for rows in by_name.values():
        originals = [p for p in rows if not p.relisted]
        for p in rows:
            if not p.relisted:
                earlier = [o for o in originals if o.source_line < p.source_line]
                if earlier:
                    o = earlier[0]
                    where = "in the same list" if o.list_id == p.list_id else f"as {o.project_id}"
                    yield _f(
                        "relisted.unmarked_repeat",
                        p,
                        f"{p.project_id} {p.name} was listed earlier {where} (line {o.source_line}) but is not marked ※再掲.",
                        HINT_MARK,
                    )
                continue
            original = by_id.get(p.original_project_id or "")
            if original is None:
                later = [o for o in originals if o.source_line > p.source_line]
                if later:
                    yield _f(
                        "relisted.original_later",
                        p,
                        f"{p.project_id} {p.name} is marked ※再掲 but its original ({later[0].project_id}, line {later[0].source_line}) comes later.",
                        "Move the ※再掲 mark to the later row.",
                    )
                else:
                    yield _f(
                        "relisted.orphan",
                        p,
                        f"{p.project_id} {p.name} is marked ※再掲 but no earlier row lists it without the mark.",
                        "Remove ※再掲, or check the spelling against the original row (then add the variant to rules/variants.csv).",
                    )
                continue
            if set(original.departments) != set(p.departments):
                yield _f(
                    "relisted.department_differs",
                    p,
                    f"{p.project_id} {p.name} 【{'・'.join(p.departments)}】 repeats {original.project_id} 【{'・'.join(original.departments)}】 with another department.",
                    "Make the department match the original row.",
                )
            if original.smart_city != p.smart_city:
                flag = "○" if original.smart_city else "no ○"
                yield _f(
                    "relisted.flag_differs",
                    p,
                    f"{p.project_id} {p.name} repeats {original.project_id} but the original has {flag} in the flag column and this row does not agree.",
                    "Make the ○ flag match the original row.",
                )
            if plain.name(p.name_raw) != plain.name(original.name_raw):
                yield _f(
                    "relisted.variant_original",
                    p,
                    f"{p.project_id} {p.name_raw!r} matches its original {original.project_id} {original.name_raw!r} only through a variant spelling.",
                    "Correct the spelling in the source; the variant rule already unifies it in the data.",
                )
