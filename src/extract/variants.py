"""Spelling variants: one canonical spelling per thing, every printed spelling listed.

1. Rules (rules/variants.csv, rules/itaiji.csv) rewrite known variants into the canonical form:
   サステイナブル → サステナブル, あいペあ → あいべあ, 宿舍 → 宿舎 … (`variant.merged`, info).
2. Spellings that normalization alone unified (`ICT を` / `ICTを`) are listed the same way.
3. Discovery without a rule: names whose kana-folded keys are equal or one kana apart (the kanji
   skeleton identical), within the same department where both are known, are reported as
   `variant.suspected` with the rules file to edit. Kanji differences never match: 広報/広聴
   and （観光分野）/（防災分野） are different things.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extract import findings
from extract.models import Finding, Plan, VariantRow
from extract.normalize import Normalizer
from extract.rules import Rules, VariantRule
from extract.text import kana_fold, kana_only


@dataclass
class Occurrence:
    """One printed spelling in one record, with a setter that writes the canonical form back."""

    family: str  # "name" (projects and bullet examples), "policy_field", "indicator", "title"
    scope: str  # "project", "example", "policy_field", "indicator", "title"
    raw: str
    normalized: str
    line: int
    page: int | None
    record_id: str
    departments: frozenset[str]
    set_value: Callable[[str], None]
    canonical: str = ""
    rule: VariantRule | None = None
    itaiji: bool = False


EMITS = ("variant.merged", "variant.suspected")


@dataclass
class VariantGroup:
    group_id: str
    family: str
    canonical: str
    resolution: str  # "rule", "normalized" or "suspected"
    spellings: dict[str, list[Occurrence]] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)


def plan_to_occurrences(plan: Plan) -> list[Occurrence]:
    occ: list[Occurrence] = []

    def add(
        family: str,
        scope: str,
        raw: str,
        norm: str,
        line: int,
        page: int | None,
        rid: str,
        deps: Iterable[str],
        setter: Callable[[str], None],
    ) -> None:
        occ.append(Occurrence(family, scope, raw, norm, line, page, rid, frozenset(deps), setter))

    for p in plan.projects:
        add(
            "name",
            "project",
            p.name_raw,
            p.name,
            p.source_line,
            p.source_page,
            p.project_id,
            p.departments,
            lambda v, p=p: setattr(p, "name", v),
        )
        add(
            "policy_field",
            "policy_field",
            p.policy_field_raw,
            p.policy_field,
            p.source_line,
            p.source_page,
            p.project_id,
            (),
            lambda v, p=p: setattr(p, "policy_field", v),
        )
    for a in plan.actions:
        for e in a.examples:
            add(
                "name",
                "example",
                e.example_raw,
                e.example,
                a.source_line,
                a.source_page,
                a.record_id,
                (),
                lambda v, e=e: setattr(e, "example", v),
            )
    for k in [*plan.numeric_targets, *plan.kpis]:
        add(
            "indicator",
            "indicator",
            k.indicator_raw,
            k.indicator,
            k.source_line,
            k.source_page,
            k.record_id,
            (),
            lambda v, k=k: setattr(k, "indicator", v),
        )
    return occ


def _applies(rule: VariantRule, occ: Occurrence) -> bool:
    return rule.scope in ("", occ.scope) or (rule.scope == "name" and occ.family == "name")


def apply_rules(occurrences: list[Occurrence], rules: Rules, norm: Normalizer) -> None:
    """Rewrite each occurrence to its canonical spelling and remember which rule did it."""
    plain = Normalizer()  # without itaiji: tells whether the itaiji table changed a spelling
    compiled = [(r, norm.name(r.variant), norm.name(r.canonical)) for r in rules.variants]
    for o in occurrences:
        value = o.normalized
        for rule, variant, canonical in compiled:
            if variant and variant in value and _applies(rule, o):
                value = value.replace(variant, canonical)
                o.rule = o.rule or rule
        o.itaiji = plain.name(o.raw) != norm.name(o.raw)
        o.canonical = value
        if value != o.normalized:
            o.set_value(value)


def _groups_by_canonical(occurrences: list[Occurrence]) -> list[VariantGroup]:
    by_key: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in occurrences:
        by_key[(o.family, o.canonical)].append(o)
    groups = []
    for (family, canonical), occs in by_key.items():
        spellings: dict[str, list[Occurrence]] = defaultdict(list)
        for o in occs:
            spellings[o.raw].append(o)
        if len(spellings) < 2 and not any(o.rule for o in occs):
            continue
        rules = sorted(
            {f"rules/variants.csv:{o.rule.line}" for o in occs if o.rule}
            | ({"rules/itaiji.csv"} if any(o.itaiji for o in occs) else set())
        )
        groups.append(
            VariantGroup(
                "", family, canonical, "rule" if rules else "normalized", dict(spellings), rules
            )
        )
    return groups


def _suspected(occurrences: list[Occurrence], max_distance: int) -> list[VariantGroup]:
    """Union of canonical names one kana apart (or equal once kana-folded)."""
    names: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in occurrences:
        if o.family in ("name", "policy_field"):
            names[(o.family, o.canonical)].append(o)
    keys = list(names)
    folded = [kana_fold(name) for _, name in keys]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matrix = process.cdist(
        folded, folded, scorer=Levenshtein.distance, score_cutoff=max_distance, workers=1
    )
    close = np.argwhere(np.triu(matrix <= max_distance, k=1))  # only close pairs reach Python
    for i, j in close.tolist():
        if keys[i][0] != keys[j][0] or not kana_only(folded[i], folded[j]):
            continue
        di = set().union(*(o.departments for o in names[keys[i]]))
        dj = set().union(*(o.departments for o in names[keys[j]]))
        if di and dj and not di & dj:
            continue  # two departments' projects that merely look alike
        parent[find(i)] = find(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        members[find(i)].append(i)
    groups = []
    for idx in members.values():
        if len(idx) < 2:
            continue
        counted = Counter({keys[i][1]: len(names[keys[i]]) for i in idx})
        first = min(idx, key=lambda i: names[keys[i]][0].line)
        # The spelling used most, else the first printed.
        canonical = max(counted, key=lambda n: (counted[n], n == keys[first][1]))
        spellings: dict[str, list[Occurrence]] = defaultdict(list)
        for i in idx:
            for o in names[keys[i]]:
                spellings[o.canonical].append(o)
        groups.append(VariantGroup("", keys[idx[0]][0], canonical, "suspected", dict(spellings)))
    return groups


def _finding(group: VariantGroup) -> Finding:
    occs = [o for spelled in group.spellings.values() for o in spelled]
    first = min(occs, key=lambda o: o.line)
    variants = [s for s in group.spellings if s != group.canonical]
    listing = " / ".join(f"{s} (×{len(o)})" for s, o in group.spellings.items())
    if group.resolution == "suspected":
        return findings.make(
            "variant.suspected",
            f"Spellings that may name one thing: {listing}.",
            hint=f"Try: add `{group.canonical},{variants[0]},,<why>` to rules/variants.csv if they are one thing "
            "(or accept this finding if they are distinct).",
            line=first.line,
            page=first.page,
            record_id=first.record_id,
            key=group.canonical,
        )
    how = ", ".join(group.rules) if group.rules else "normalization (width, spaces, brackets)"
    return findings.make(
        "variant.merged",
        f"{group.canonical}: printed as {listing}; unified by {how}.",
        line=first.line,
        page=first.page,
        record_id=first.record_id,
        key=group.canonical,
    )


def plan_to_variants(plan: Plan, rules: Rules, norm: Normalizer) -> list[VariantGroup]:
    """Apply the rules to the plan in place; return every variant group, with findings added."""
    occurrences = plan_to_occurrences(plan)
    apply_rules(occurrences, rules, norm)
    max_distance = rules.settings.variants.max_distance
    groups = _groups_by_canonical(occurrences) + _suspected(occurrences, max_distance)
    groups.sort(
        key=lambda g: (min(o.line for s in g.spellings.values() for o in s), g.family, g.canonical)
    )
    for n, group in enumerate(groups, start=1):
        group.group_id = f"V{n:03d}"
        plan.findings.append(_finding(group))
    plan.variants = groups_to_rows(groups)
    return groups


def groups_to_rows(groups: list[VariantGroup]) -> list[VariantRow]:
    return [
        VariantRow(
            group_id=g.group_id,
            field=g.family,
            canonical=g.canonical,
            variant=spelling,
            count=len(occs),
            source_lines=sorted({o.line for o in occs}),
            resolution=g.resolution,  # type: ignore[arg-type]
            rule=" ".join(g.rules),
        )
        for g in groups
        for spelling, occs in g.spellings.items()
    ]
