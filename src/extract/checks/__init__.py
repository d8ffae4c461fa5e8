"""Validation checks: pure functions `(plan, rules) → findings`, one module per rule family.

A check reads the plan and never changes it (the link stage has resolved what the outputs
need), so the checks give the same findings in any order. Each module declares the codes it
emits in `EMITS`; CHECKS lists them in the order the report presents them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType

from extract.checks import abbreviations, accepted, crossref, kpis, layout, relisted
from extract.models import Finding, Plan
from extract.rules import Rules

Check = Callable[[Plan, Rules], Iterable[Finding]]

MODULES: list[ModuleType] = [relisted, abbreviations, kpis, crossref, layout]
CHECKS: list[Check] = [m.check for m in MODULES]


def plan_to_findings(plan: Plan, rules: Rules, checks: list[Check] | None = None) -> list[Finding]:
    """Every check's findings, in CHECKS order."""
    return [f for check in (checks or CHECKS) for f in check(plan, rules)]


def accept(found: list[Finding], rules: Rules) -> list[Finding]:
    """Mark what rules/accepted_findings.csv accepts; report acceptances that match nothing."""
    return accepted.apply(found, rules)
