"""Accepted findings: rules/accepted_findings.csv names a finding by code and record (id or
content key) or source line. Accepted findings leave the counts but stay listed; an acceptance
that matches nothing any more is reported, so the file does not rot."""

from __future__ import annotations

from extract import messages
from extract.models import Finding
from extract.rules import Acceptance, Rules

EMITS = ("rules.stale_acceptance",)


def _matches(a: Acceptance, f: Finding) -> bool:
    if a.code != f.code:
        return False
    if a.record and a.record not in (f.record_id, f.key):
        return False
    return a.line is None or a.line == f.line


def apply(found: list[Finding], rules: Rules) -> list[Finding]:
    used: set[int] = set()
    out = []
    for f in found:
        match = next((a for a in rules.accepted if _matches(a, f)), None)
        if match is not None:
            used.add(match.rules_line)
            f = f.model_copy(update={"accepted": True, "accepted_note": match.note})
        out.append(f)
    for a in rules.accepted:
        if a.rules_line not in used:
            target = a.record or f"line {a.line}"
            where: dict[str, str | int] = (
                {"record": a.record} if a.record else {"form": "line", "line": a.line or 0}
            )
            out.append(
                messages.finding(
                    "rules.stale_acceptance",
                    {"rules_line": a.rules_line, "accepted_code": a.code, **where},
                    key=f"{a.code}:{target}",
                )
            )
    return out
