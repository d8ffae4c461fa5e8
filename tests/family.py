"""Field-by-field comparison of a parsed plan with a test plan's hand-checked expected.json.

Text fields of the expectation are normalized the way the pipeline normalizes names, so that the
expectation can be written as printed. Returns readable differences (empty: the plan is right).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.models import Indicator, Plan, Value
from extract.normalize import Normalizer

NORM = Normalizer()
VALUE_FIELDS = ("value", "unit", "qualifier", "year", "year_label", "text")
FAMILY = ("goals", "policies", "numeric_targets", "kpis", "projects", "footnotes")


def load_expected(case: Path) -> dict[str, Any]:
    return json.loads((case / "expected.json").read_text(encoding="utf-8"))


def _n(text: str) -> str:
    return NORM.name(text)


def _value(v: Value | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {
        "value": v.value,
        "unit": _n(v.unit),
        "qualifier": _n(v.qualifier),
        "year": v.year,
        "year_label": _n(v.year_label),
        "text": _n(v.text),
        "others": _n(v.others),
    }


def _expected_value(v: dict[str, Any]) -> dict[str, Any]:
    out = {k: v.get(k) for k in VALUE_FIELDS}
    if "others" in v:  # keys written for newer plans are compared where the key has them
        out["others"] = _n(v["others"])
    out["year_label"] = _n(out["year_label"] or "")
    out["qualifier"] = _n(out["qualifier"] or "")
    out["text"] = _n(out["text"] or "")
    out["unit"] = _n(out["unit"] or "")
    if out["value"] is not None:
        out["value"] = float(out["value"])
    return out


def _indicator(r: Indicator) -> dict[str, Any]:
    return {
        "goal_no": r.goal_no,
        "policy_no": r.policy_no,
        "indicator": r.indicator,
        "relisted": r.relisted,
        "footnote_no": r.footnote_no,
        "baseline": _value(r.baseline),
        "target": _value(r.target),
        "actual": _value(r.actual),
        "flags": r.flags,
        "departments": r.departments,
    }


# Keys of newer test plans, compared only where an expectation has them.
OPTIONAL = ("actual", "flags", "departments")


def _expected_indicator(e: dict[str, Any], kind: str) -> dict[str, Any]:
    optional: dict[str, Any] = {}
    if "actual" in e:
        optional["actual"] = _expected_value(e["actual"]) if e["actual"] else None
    if "flags" in e:
        optional["flags"] = [_n(f) for f in e["flags"]]
    if "departments" in e:
        optional["departments"] = [NORM.abbr(d) for d in e["departments"]]
    return optional | {
        "goal_no": e["goal_no"],
        "policy_no": e.get("policy_no") if kind == "kpis" else None,
        "indicator": _n(e["indicator"]),
        "relisted": e.get("relisted", False),
        "footnote_no": e.get("footnote_no"),
        "baseline": _expected_value(e["baseline"]),
        "target": _expected_value(e["target"]),
    }


def actual_rows(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    return {
        "goals": [{"goal_no": g.goal_no, "title": g.title} for g in plan.goals],
        "policies": [
            {
                "goal_no": p.goal_no,
                "policy_no": p.policy_no,
                "title": p.title,
                "numbering": p.numbering,
                "section": p.section,
            }
            for p in plan.policies
        ],
        "numeric_targets": [_indicator(r) for r in plan.numeric_targets],
        "kpis": [_indicator(r) for r in plan.kpis],
        "projects": [
            {
                "goal_no": p.goal_no,
                "policy_no": p.policy_no,
                "name": p.name,
                "departments": p.departments,
                "relisted": p.relisted,
            }
            for p in plan.projects
        ],
        "footnotes": [{"footnote_no": f.footnote_no, "text": f.text} for f in plan.footnotes],
    }


def expected_rows(expected: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        "goals": [{"goal_no": g["goal_no"], "title": _n(g["title"])} for g in expected["goals"]],
        "policies": [
            {"goal_no": p["goal_no"], "policy_no": p["policy_no"], "title": _n(p["title"])}
            | ({"numbering": p["numbering"]} if "numbering" in p else {})
            | ({"section": _n(p["section"])} if "section" in p else {})
            for p in expected["policies"]
        ],
        "numeric_targets": [
            _expected_indicator(e, "numeric_targets") for e in expected.get("numeric_targets", [])
        ],
        "kpis": [_expected_indicator(e, "kpis") for e in expected.get("kpis", [])],
        "projects": [
            {
                "goal_no": p["goal_no"],
                "policy_no": p["policy_no"],
                "name": _n(p["name"]),
                "departments": [NORM.abbr(d) for d in p["departments"]],
                "relisted": p["relisted"],
            }
            for p in expected.get("projects", [])
        ],
        "footnotes": [
            {"footnote_no": f["footnote_no"], "text": NORM.prose(f["text"])}
            for f in expected.get("footnotes", [])
        ],
    }


def _same(got: Any, want: Any) -> bool:
    """Equal, a value dict on the fields the expectation names."""
    if isinstance(want, dict) and isinstance(got, dict):
        return all(got.get(k) == v for k, v in want.items())
    return bool(got == want)


def compare(plan: Plan, expected: dict[str, Any]) -> list[str]:
    """Differences between the plan and the expectation, one readable line each."""
    got, want = actual_rows(plan), expected_rows(expected)
    out = []
    for family in FAMILY:
        g, w = got[family], want[family]
        if len(g) != len(w):
            out.append(f"{family}: {len(g)} records, expected {len(w)}")
        for i, (a, b) in enumerate(zip(g, w, strict=False)):
            for key in b:
                if not _same(a.get(key), b[key]):
                    out.append(f"{family}[{i}] {key}: got {a.get(key)!r}, expected {b[key]!r}")
        for extra in g[len(w) :]:
            out.append(f"{family}: unexpected {extra}")
        for missing in w[len(g) :]:
            out.append(f"{family}: missing {missing}")
    return out


def field_accuracy(plan: Plan, expected: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """(right, total) fields per family, matching records in order: the OCR measure."""
    got, want = actual_rows(plan), expected_rows(expected)
    out = {}
    for family in FAMILY:
        right = total = 0
        for i, b in enumerate(want[family]):
            a = got[family][i] if i < len(got[family]) else {}
            for key, value in b.items():
                if isinstance(value, dict):
                    for k, v in value.items():
                        total += 1
                        right += (a.get(key) or {}).get(k) == v
                else:
                    total += 1
                    right += a.get(key) == value
        out[family] = (right, total)
    return out


def _fields(a: dict[str, Any], b: dict[str, Any]) -> int:
    """Fields of expectation `b` that record `a` has right."""
    n = 0
    for key, value in b.items():
        if isinstance(value, dict):
            n += sum((a.get(key) or {}).get(k) == v for k, v in value.items())
        else:
            n += a.get(key) == value
    return n


def align(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each expected record, the record read in its place: the order-keeping pairing with the
    most fields right (a record missed or one read extra does not shift all that follow); {} for
    an expected record nothing was paired with."""
    n, m = len(want), len(got)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(
                best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + _fields(got[j], want[i])
            )
    out: list[dict[str, Any]] = []
    i = j = 0
    while i < n:
        if j < m and best[i][j] == best[i + 1][j + 1] + _fields(got[j], want[i]):
            out.append(got[j])
            i, j = i + 1, j + 1
        elif j < m and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            out.append({})
            i += 1
    return out


def aligned_accuracy(
    got: list[dict[str, Any]], want: list[dict[str, Any]], keys: tuple[str, ...] | None = None
) -> float:
    """Share of the expected fields (or only `keys`) right, records paired by `align`."""
    right = total = 0
    for w, g in zip(want, align(got, want), strict=True):
        for key in keys or tuple(w):
            value = w[key]
            if isinstance(value, dict):
                for k, v in value.items():
                    total += 1
                    right += (g.get(key) or {}).get(k) == v
            else:
                total += 1
                right += g.get(key) == value
    return right / total if total else 1.0
