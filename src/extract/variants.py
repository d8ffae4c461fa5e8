"""Spelling variants: one canonical spelling per thing, every printed spelling listed.

1. Rules (rules/variants.csv, rules/itaiji.csv) rewrite known variants into the canonical form:
   サステイナブル → サステナブル, あいペあ → あいべあ, 宿舍 → 宿舎 … (`variant.merged`, info).
2. Spellings that normalization alone unified (`ICT を` / `ICTを`) are listed the same way.
3. Discovery without a rule, in every field that names a thing — project names and bullet
   examples, policy fields, indicators, goal and policy titles, and the mentions the parser
   collects from every line (names in 「」, words ending in 計画/事業/制度/戦略/ビジョン/構想):
   spellings of one family (or a mention and any record's name) whose kana-folded keys are
   equal or one kana apart (the kanji skeleton identical), or that differ only in the counter
   after an ordinal (第7次総合計画 / 第7期総合計画), within the same department where both
   are known, are reported as
   `variant.suspected` with the rules file to edit. Kanji, digit and Latin differences never
   match: 広報/広聴, （観光分野）/（防災分野） and 第2期/第3期 are different things. A mention
   that is a record's own name on its line is left to that record's family.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extract import messages
from extract.models import Finding, Plan, VariantRow
from extract.normalize import Normalizer
from extract.rules import Rules, VariantRule
from extract.text import kana_fold, kana_only


@dataclass
class Occurrence:
    """One printed spelling in one record, with a setter that writes the canonical form back."""

    # "name" (projects and bullet examples), "policy_field", "indicator", "title", "mention"
    family: str
    scope: str  # "project", "example", "policy_field", "indicator", "title", "mention"
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

# The counter after an ordinal, which editors swap for one another: 第7次 / 第7期 / 第7回 / 第7版.
_ORDINAL = re.compile(r"第([0-9一二三四五六七八九十]+)[次期回版]")


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
    for g in [*plan.goals, *plan.policies]:
        add(
            "title",
            "title",
            g.title_raw,
            g.title,
            g.source_line,
            g.source_page,
            g.record_id,
            (),
            lambda v, g=g: setattr(g, "title", v),
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


def mention_occurrences(plan: Plan, norm: Normalizer) -> list[Occurrence]:
    """The parser's mentions as occurrences of the family "mention" (nothing to write back)."""
    return [
        Occurrence(
            "mention",
            "mention",
            m.text,
            norm.name(m.text),
            m.line,
            m.page,
            "",
            frozenset(),
            lambda _v: None,
        )
        for m in plan.mentions
    ]


def _not_record_names(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Mentions that are not a record's own name on their line, as printed or as the rules
    spell it (that record's family compares those, with its departments)."""
    named = {
        (o.line, spelling)
        for o in occurrences
        if o.family != "mention"
        for spelling in (o.normalized, o.canonical)
    }
    return [
        o
        for o in occurrences
        if o.family != "mention" or not {(o.line, o.normalized), (o.line, o.canonical)} & named
    ]


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
        if family == "mention" and not rules:
            continue  # widths and layout spaces of running text: not worth a group
        groups.append(
            VariantGroup(
                "", family, canonical, "rule" if rules else "normalized", dict(spellings), rules
            )
        )
    return groups


def _suspected(occurrences: list[Occurrence], max_distance: int) -> list[VariantGroup]:
    """Union of canonical spellings one kana apart (or equal once kana-folded), or apart only in
    an ordinal's counter (第7次 / 第7期): within a family, and between a mention and any
    family (a footnote quoting an indicator, prose naming a project). A mention spelled as a
    record's name counts as that record family's spelling."""
    names: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    recorded: dict[str, str] = {}
    for o in occurrences:
        if o.family != "mention":
            recorded.setdefault(o.canonical, o.family)
    for o in occurrences:
        family = recorded.get(o.canonical, o.family) if o.family == "mention" else o.family
        names[(family, o.canonical)].append(o)
    keys = list(names)
    folded = [kana_fold(name) for _, name in keys]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        if keys[i][0] != keys[j][0] and "mention" not in (keys[i][0], keys[j][0]):
            return  # another family: a policy field is no project, an indicator no title
        di = set().union(*(o.departments for o in names[keys[i]]))
        dj = set().union(*(o.departments for o in names[keys[j]]))
        if di and dj and not di & dj:
            return  # two departments' projects that merely look alike
        parent[find(i)] = find(j)

    matrix = process.cdist(
        folded, folded, scorer=Levenshtein.distance, score_cutoff=max_distance, workers=1
    )
    close = np.argwhere(np.triu(matrix <= max_distance, k=1))  # only close pairs reach Python
    for i, j in close.tolist():
        if kana_only(folded[i], folded[j]):
            join(i, j)
    by_ordinal: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (family, name) in enumerate(keys):
        if _ORDINAL.search(name):
            by_ordinal[(family, _ORDINAL.sub(r"第\1", folded[i]))].append(i)
    for same in by_ordinal.values():
        for j in same[1:]:
            join(same[0], j)
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
        families = [keys[i][0] for i in idx]
        family = next((f for f in families if f != "mention"), "mention")
        groups.append(VariantGroup("", family, canonical, "suspected", dict(spellings)))
    return groups


def _finding(group: VariantGroup) -> Finding:
    """One finding per group. A suspected group points at the odd one out — the first line of
    its rarest spelling, when one spelling is rarer than the others — and lists every line."""
    occs = [o for spelled in group.spellings.values() for o in spelled]
    first = min(occs, key=lambda o: o.line)
    variants = [s for s in group.spellings if s != group.canonical]
    counts = {s: len(o) for s, o in group.spellings.items()}
    if group.resolution == "suspected" and len(set(counts.values())) > 1:
        rarest = min(counts, key=lambda s: (counts[s], min(o.line for o in group.spellings[s])))
        first = min(group.spellings[rarest], key=lambda o: o.line)
        variants.sort(key=lambda s: s != rarest)  # the rule the hint suggests: for the odd one
    spellings = messages.spellings_param(
        (s, len(o), sorted({x.line for x in o})) for s, o in group.spellings.items()
    )
    if group.resolution == "suspected":
        return messages.finding(
            "variant.suspected",
            {"canonical": group.canonical, "variant": variants[0], "spellings": spellings},
            line=first.line,
            page=first.page,
            record_id=first.record_id or None,
            key=group.canonical,
        )
    return messages.finding(
        "variant.merged",
        {"canonical": group.canonical, "spellings": spellings, "rules": ", ".join(group.rules)},
        line=first.line,
        page=first.page,
        record_id=first.record_id or None,
        key=group.canonical,
    )


def plan_to_variants(plan: Plan, rules: Rules, norm: Normalizer) -> list[VariantGroup]:
    """Apply the rules to the plan in place; return every variant group, with findings added."""
    occurrences = plan_to_occurrences(plan) + mention_occurrences(plan, norm)
    apply_rules(occurrences, rules, norm)
    occurrences = _not_record_names(occurrences)
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
