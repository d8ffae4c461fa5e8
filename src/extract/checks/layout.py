"""Layout: headings of one kind printed at different levels (the other layout.* findings —
shifted rows, repaired tables, resumed tables — are raised by the parser where it repairs them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from extract import messages
from extract.models import Finding, Heading, HeadingKind, Plan
from extract.rules import Rules

# Heading kinds whose level should agree across the document (other headings and the captions
# over lists vary by design).
KINDS = {
    HeadingKind.GOAL: "基本目標",
    HeadingKind.POLICY: "取組方針",
    HeadingKind.DIRECTION: "基本的方向",
    HeadingKind.POLICIES: "■ 取組方針",
    HeadingKind.KPI: "重要業績評価指標（KPI）",
    HeadingKind.PROJECTS: "事務事業一覧",
}
EMITS = ("layout.heading_level",)


def check(plan: Plan, rules: Rules) -> Iterator[Finding]:
    levels: dict[HeadingKind, list[Heading]] = defaultdict(list)
    for h in plan.headings:
        if h.level and h.kind in KINDS:
            levels[h.kind].append(h)
    for kind, seen in levels.items():
        usual, _ = Counter(h.level for h in seen).most_common(1)[0]
        for h in seen:
            if h.level != usual:
                yield messages.finding(
                    "layout.heading_level",
                    {"label": KINDS[kind], "level": h.level, "usual": usual},
                    line=h.line,
                    page=h.page,
                    key=f"{kind.value}:{h.text}",
                )
