"""Validation checks. Each module holds small functions `plan → findings`, one per rule family;
CHECKS lists them in the order the report presents them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from extract.checks import abbreviations, accepted, crossref, kpis, layout, relisted
from extract.models import Finding, Plan
from extract.rules import Rules

Check = Callable[[Plan, Rules], Iterable[Finding]]

CHECKS: list[Check] = [
    relisted.check,
    abbreviations.check,
    kpis.check,
    crossref.check,
    layout.check,
]


def plan_to_findings(plan: Plan, rules: Rules) -> None:
    """Run every check, then mark what rules/accepted_findings.csv accepts (in place)."""
    for check in CHECKS:
        plan.findings.extend(check(plan, rules))
    plan.findings = accepted.apply(plan.findings, rules)
