"""Layout: headings of one kind printed at different levels (the other layout.* findings —
shifted rows, repaired tables, resumed tables — are raised by the parser where it repairs them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from extract import findings
from extract.models import Finding, Plan
from extract.rules import Rules

# Heading kinds whose level should agree across the document (other headings and the captions
# over lists vary by design).
KINDS = {
    "goal": "基本目標",
    "policy": "取組方針",
    "section:direction": "基本的方向",
    "section:policies": "■ 取組方針",
    "section:kpi": "重要業績評価指標（KPI）",
    "section:projects": "事務事業一覧",
}


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    levels: dict[str, list[tuple[int, int, int | None, str]]] = defaultdict(list)
    for kind, level, line, page, text in plan.headings:
        if level and kind in KINDS:
            levels[kind].append((level, line, page, text))
    for kind, seen in levels.items():
        usual, _ = Counter(level for level, *_ in seen).most_common(1)[0]
        for level, line, page, text in seen:
            if level != usual:
                yield findings.make(
                    "layout.heading_level",
                    f"This {KINDS[kind]} heading is printed at level {level}; the others are at level {usual}.",
                    hint="Harmless for the data; fix the heading level in the source for a consistent document.",
                    line=line,
                    page=page,
                    key=f"{kind}:{text}",
                )
