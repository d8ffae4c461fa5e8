"""※再掲 consistency: every relisted project row has an earlier original (same canonical name and
department) that is not itself marked 再掲; repeats without the mark are reported too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from extract import messages
from extract.models import Finding, Plan, Project
from extract.normalize import Normalizer
from extract.rules import Rules


def _f(code: str, p: Project, params: dict[str, str | int]) -> Finding:
    return messages.finding(
        code,
        {"project_id": p.project_id, "name": p.name, **params},
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
                    yield _f(
                        "relisted.unmarked_repeat",
                        p,
                        {
                            **({"form": "same_list"} if o.list_id == p.list_id else {}),
                            "original_id": o.project_id,
                            "original_line": o.source_line,
                        },
                    )
                continue
            original = by_id.get(p.original_project_id or "")
            if original is None:
                later = [o for o in originals if o.source_line > p.source_line]
                if later:
                    yield _f(
                        "relisted.original_later",
                        p,
                        {"original_id": later[0].project_id, "original_line": later[0].source_line},
                    )
                else:
                    yield _f("relisted.orphan", p, {})
                continue
            if set(original.departments) != set(p.departments):
                yield _f(
                    "relisted.department_differs",
                    p,
                    {
                        "departments": "・".join(p.departments),
                        "original_id": original.project_id,
                        "original_departments": "・".join(original.departments),
                    },
                )
            if original.smart_city != p.smart_city:
                flag = "flag.on" if original.smart_city else "flag.off"
                yield _f(
                    "relisted.flag_differs", p, {"original_id": original.project_id, "flag": flag}
                )
            if plain.name(p.name_raw) != plain.name(original.name_raw):
                yield _f(
                    "relisted.variant_original",
                    p,
                    {
                        "printed": p.name_raw,
                        "original_id": original.project_id,
                        "original_printed": original.name_raw,
                    },
                )
