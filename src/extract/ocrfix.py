"""What OCR did, and the repairs the plan itself allows, each recorded as an `ocr.*` finding.

After the parse stage, for a plan read (partly) by OCR:

- every page read by OCR is reported with the engine's mean confidence (`ocr.page_read`), every
  scanned page left unread with --no-ocr (`ocr.page_unread`), and every line read with low
  confidence (`ocr.low_confidence`, with its page: the report shows the printed region);
- a department abbreviation in 【】 that the plan's own 略称対応表 does not list but one entry
  is one character from (工 read as I, 口 as ロ) is snapped to that entry
  (`ocr.department_snapped`: the printed and the repaired text);
- a count printed with a period where the print has a comma (`3.210人`) is read as 3210
  (`ocr.number_repaired`).

The variant discovery then merges OCR spellings of one name as it does any other spelling.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from extract import messages
from extract.models import Document, Finding, Goal, Indicator, Plan, Policy, Value

EMITS = (
    "ocr.title_repaired",
    "ocr.page_read",
    "ocr.page_unread",
    "ocr.low_confidence",
    "ocr.department_snapped",
    "ocr.number_repaired",
)

# Units of things counted in whole numbers: 3.210 of them is 3,210 misread, never a fraction.
_COUNTED = (
    "人",
    "件",
    "校",
    "社",
    "回",
    "戸",
    "世帯",
    "団体",
    "施設",
    "組",
    "日",
    "名",
    "箇所",
    "か所",
)
_PERIOD_THOUSANDS = re.compile(r"^\D*\d{1,3}\.\d{3}(?!\d)")


def document_to_findings(doc: Document, min_confidence: float) -> list[Finding]:
    out = []
    for page, confidence in sorted(doc.ocr_pages.items()):
        out.append(
            messages.finding(
                "ocr.page_read",
                {"page": page, "confidence": f"{confidence:.0f}"},
                page=page,
                key=f"page {page}",
            )
        )
    for page in doc.unread_pages:
        out.append(
            messages.finding("ocr.page_unread", {"page": page}, page=page, key=f"page {page}")
        )
    for line in doc.lines:
        if line.confidence is not None and line.confidence < min_confidence and line.text.strip():
            out.append(
                messages.finding(
                    "ocr.low_confidence",
                    {
                        "line": line.no,
                        "page": line.page or 0,
                        "confidence": f"{line.confidence:.0f}",
                        "text": line.text.replace("\t", " | ")[:80],
                    },
                    line=line.no,
                    page=line.page,
                    key=f"page {line.page}: {line.text[:40]}",
                )
            )
    return out


def snap_departments(plan: Plan, doc: Document) -> list[Finding]:
    """Abbreviations read by OCR snapped to the plan's own 略称対応表 (one character apart)."""
    table = {d.abbr: d for d in plan.departments if d.listed}
    ocr_lines = {line.no for line in doc.lines if line.confidence is not None}
    if not table or not ocr_lines:
        return []
    out = []
    for p in plan.projects:
        if p.source_line not in ocr_lines:
            continue
        fixed = []
        for abbr in p.departments:
            guess = None if abbr in table else _nearest(abbr, table)
            if guess is None:
                fixed.append(abbr)
                continue
            fixed.append(guess)
            entry = table[guess]
            out.append(
                messages.finding(
                    "ocr.department_snapped",
                    {
                        "project_id": p.project_id,
                        "abbr": abbr,
                        "guess": guess,
                        "bureau": entry.bureau,
                        "section": entry.section,
                    },
                    line=p.source_line,
                    page=p.source_page,
                    record_id=p.project_id,
                    key=f"{abbr}→{guess}",
                )
            )
        p.departments = fixed
    return out


def _nearest(abbr: str, table: dict[str, object]) -> str | None:
    # one character misread, dropped or added (【あいづっこ)】: a bracket read inside)
    close = [a for a in table if Levenshtein.distance(abbr, a) == 1 and len(a) > 1]
    return close[0] if len(close) == 1 else None


def repair_numbers(plan: Plan, doc: Document) -> list[Finding]:
    ocr_lines = {line.no for line in doc.lines if line.confidence is not None}
    out = []
    for r in [*plan.numeric_targets, *plan.kpis]:
        if r.source_line not in ocr_lines:
            continue
        for which in ("baseline", "target"):
            value: Value = getattr(r, which)
            if value.value is None or not value.unit.startswith(_COUNTED):
                continue
            if not _PERIOD_THOUSANDS.match(value.raw.replace(" ", "")):
                continue
            repaired = round(value.value * 1000)
            setattr(r, which, value.model_copy(update={"value": float(repaired)}))
            out.append(_number_finding(r, which, value, repaired))
    return out


def _number_finding(r: Indicator, which: str, value: Value, repaired: int) -> Finding:
    return messages.finding(
        "ocr.number_repaired",
        {
            "record_id": r.record_id,
            "indicator": r.indicator,
            "which": which,
            "raw": value.raw,
            "unit": value.unit,
            "repaired": f"{repaired:,}",
        },
        line=r.source_line,
        page=r.source_page,
        record_id=r.record_id,
        key=r.indicator,
    )


def repair_titles(plan: Plan, doc: Document) -> list[Finding]:
    """A goal or policy title read by OCR against the other places the plan prints it (the
    overview table, the captions over its lists): the spelling read most surely wins."""
    confidence = {line.no: line.confidence for line in doc.lines}
    out = []
    records: list[Goal | Policy] = [*plan.goals, *plan.policies]
    for r in records:
        own = confidence.get(r.source_line)
        if own is None:
            continue
        policy_no = getattr(r, "policy_no", None)
        others = [
            e
            for e in [*plan.overview, *plan.captions]
            if e.goal_no == r.goal_no and e.policy_no == policy_no and e.title
        ]
        votes: dict[str, float] = {r.title: own}
        for e in others:
            if Levenshtein.distance(e.title, r.title) <= max(2, len(r.title) // 8):
                votes[e.title] = votes.get(e.title, 0.0) + (confidence.get(e.source_line) or 0.0)
        best = max(votes, key=lambda t: (votes[t], t == r.title))
        if best == r.title:
            continue
        old = r.title
        r.title = best
        out.append(
            messages.finding(
                "ocr.title_repaired",
                {"record_id": r.record_id, "old": old, "new": best},
                line=r.source_line,
                page=r.source_page,
                record_id=r.record_id,
                key=best,
            )
        )
    return out


def plan_to_ocr_findings(plan: Plan, doc: Document, min_confidence: float) -> list[Finding]:
    """Repair what the plan allows, and report what OCR did (in place for the repairs)."""
    if not doc.ocr_pages and not doc.unread_pages:
        return []
    return [
        *document_to_findings(doc, min_confidence),
        *repair_titles(plan, doc),
        *snap_departments(plan, doc),
        *repair_numbers(plan, doc),
    ]
