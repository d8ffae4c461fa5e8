"""KPIs and numeric targets of many municipalities grouped by what they measure.

The same indicator is printed under other names from city to city (自治会加入率, 町内会加入率,
自治会・町内会への加入率). An indicator joins a group
1. of the vocabulary (`rules/indicator_vocabulary.csv`: group, unit, synonyms, excludes) when its
   core name — the name without spaces, brackets, の and per-year marks — is the group's or a
   synonym's (confidence 1.0), or close to one by rapidfuzz's ratio (confidence = the ratio,
   lowered when its unit differs from the group's);
2. otherwise, of the indicators of other plans whose core names are alike (the same: 1.0;
   close: the ratio), a group only when it spans two plans or more.
Every membership keeps its method and confidence, so a reviewer can sort the least sure first
and settle them in the vocabulary (a synonym to add, a name to exclude).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from extract.errors import RulesError

VOCABULARY = "indicator_vocabulary.csv"
# A vocabulary match by similarity, and a group of the rest, need at least these ratios.
VOCABULARY_RATIO = 82.0
CLUSTER_RATIO = 88.0
UNIT_MISMATCH = 0.8  # confidence factor when the indicator's unit is not the group's

_BRACKETED = re.compile(r"[（(【\[［〔<＜]([^）)】\]］〕>＞]*)[）)】\]］〕>＞]")
# A bracketed remark about when or how a figure is counted, not about what it measures.
_REMARK = re.compile(
    r"累計|年間|年度|暦年|[0-9０-９]+月|末|時点|再掲|見込|^[RHＲＨ]?[0-9０-９]+$|令和|平成"
)
_SAME = [("当たり", "あたり"), ("ひとり", "1人"), ("一人", "1人"), ("一日", "1日")]
_PER_YEAR = re.compile(r"[/／]\s*(?:年度?|月|日)$|(?:年間|年度|累計)$")
_DROP = str.maketrans("", "", " 　・･「」『』“”\"'、，,.。※★☆◎○●")


def core_name(name: str) -> str:
    """The part of an indicator's name that says what it measures: NFKC, without bracketed
    remarks of counting （累計）（1～12月）, per-year marks (/年), spaces, punctuation or の;
    a bracket that says what is measured （ひとり1日あたり） stays, without its brackets."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _BRACKETED.sub(lambda m: "" if _REMARK.search(m.group(1)) else m.group(1), text)
    for a, b in _SAME:
        text = text.replace(a, b)
    text = text.translate(_DROP)
    text = _PER_YEAR.sub("", text)
    text = text.replace("への", "").replace("の", "")
    return text or unicodedata.normalize("NFKC", name)


@dataclass(frozen=True)
class VocabularyGroup:
    name: str
    unit: str
    synonyms: tuple[str, ...]
    excludes: tuple[str, ...] = ()

    @property
    def cores(self) -> set[str]:
        return {core_name(n) for n in (self.name, *self.synonyms)}


def load_vocabulary(rules_root: Path | None) -> list[VocabularyGroup]:
    """rules/indicator_vocabulary.csv: `group,unit,synonyms,excludes`, synonyms and excludes
    separated by |. No file: no vocabulary (similar names still group)."""
    if rules_root is None or not (rules_root / VOCABULARY).is_file():
        return []
    path = rules_root / VOCABULARY
    text = path.read_text(encoding="utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].lstrip().startswith("#")]
    if not rows or rows[0][:3] != ["group", "unit", "synonyms"]:
        raise RulesError(f"{path}: the first row must be group,unit,synonyms,excludes.")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        row = [*row, "", "", ""][:4]
        if not row[0].strip():
            raise RulesError(f"{path}: row {n} has no group name.")
        split = lambda s: tuple(x.strip() for x in s.split("|") if x.strip())  # noqa: E731
        out.append(VocabularyGroup(row[0].strip(), row[1].strip(), split(row[2]), split(row[3])))
    return out


@dataclass(frozen=True)
class Member:
    plan_id: str
    record_id: str
    indicator: str
    unit: str


@dataclass
class Grouping:
    group: str
    kind: str  # vocabulary or similar
    unit: str
    members: list[tuple[Member, float, str]] = field(default_factory=list)  # member, conf, method

    @property
    def plans(self) -> set[str]:
        return {m.plan_id for m, _, _ in self.members}


def _vocabulary_match(
    member: Member, core: str, vocabulary: list[VocabularyGroup]
) -> tuple[VocabularyGroup, float, str] | None:
    best: tuple[VocabularyGroup, float, str] | None = None
    for g in vocabulary:
        if core in {core_name(x) for x in g.excludes}:
            continue
        if core in g.cores:
            score, method = 1.0, "vocabulary"
        else:
            ratio = max(fuzz.ratio(core, c) for c in g.cores)
            if ratio < VOCABULARY_RATIO:
                continue
            score, method = ratio / 100, "vocabulary~"
        if g.unit and member.unit and member.unit != g.unit:
            score *= UNIT_MISMATCH
        if best is None or score > best[1]:
            best = (g, round(score, 2), method)
    return best


def indicators_to_groups(
    members: Iterable[Member], vocabulary: list[VocabularyGroup]
) -> list[Grouping]:
    """Groups, largest first (by plans, then members, then name)."""
    groups: dict[str, Grouping] = {}
    rest: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        core = core_name(m.indicator)
        match = _vocabulary_match(m, core, vocabulary)
        if match is None:
            rest[core].append(m)
            continue
        g, score, method = match
        groups.setdefault(g.name, Grouping(g.name, "vocabulary", g.unit)).members.append(
            (m, score, method)
        )
    # the rest: the same core name first, then names close to an earlier cluster's
    clusters: list[tuple[str, list[tuple[Member, float, str]]]] = []
    for core in sorted(rest, key=lambda c: (-len({m.plan_id for m in rest[c]}), c)):
        near = max(
            ((fuzz.ratio(core, head), i) for i, (head, _) in enumerate(clusters)),
            default=(0.0, -1),
        )
        if near[0] >= CLUSTER_RATIO:
            clusters[near[1]][1].extend((m, round(near[0] / 100, 2), "similar") for m in rest[core])
        else:
            clusters.append((core, [(m, 1.0, "same name") for m in rest[core]]))
    for _core, found in clusters:
        if len({m.plan_id for m, _, _ in found}) < 2:
            continue
        names = defaultdict(int)
        for m, _, _ in found:
            names[m.indicator] += 1
        name = min(names, key=lambda n: (-names[n], len(n), n))  # the commonest, shortest
        units = defaultdict(int)
        for m, _, _ in found:
            units[m.unit] += 1
        unit = max(sorted(units), key=lambda u: units[u])
        key = name if name not in groups else f"{name}（類似）"
        groups[key] = Grouping(key, "similar", unit, found)
    return sorted(groups.values(), key=lambda g: (-len(g.plans), -len(g.members), g.group))
