"""A value's unit OCR misread, repaired from the units the plan itself prints.

A KPI's baseline and target almost always count in one unit (38経営体 → 45経営体). In small
table cells OCR reads a unit's character as a look-alike (組 → 租, 人 → 大, 億円 → 俺円), takes a
speck for a character before or after it (和経営体, 経営体。) or reads it as a digit or a mark
(25 4 for 25件). Where one value of a row reads a unit the plan's values print nowhere else and
the row's other value reads a unit plans print, a character or two apart (or the same with a
speck before or after it), the misread one takes its pair's unit. A unit the
plan prints twice or more is its own (a KPI counted in 人 against a target in 人/年 stays), and
so is a counter the dictionary knows (回 beside 件) or a unit plans print; the pair's unit must
be one plans print (a misreading the plan repeats, 俺円 in three rows, is none).
Each repair is an `ocr.number_repaired` finding (form `unit`) with both units.

    repair_units   the OCR'd rows' units, repaired in place; the findings
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from rapidfuzz.distance import Levenshtein

from extract import messages
from extract.models import Document, Finding, Indicator, Plan, Value

EMITS = ("ocr.number_repaired",)

# Units plans print (a figure's counter, with 千/万/億 before 円 and 人, and /年 after)
_KNOWN = re.compile(
    r"(?:(?:千|万|百万|億|十億)?(?:円|人)|件|%|％|回|か所|箇所|校|社|戸|世帯|団体|日|時間|km|ha|"
    r"t|トン|倍|点|台|名|組|経営体|事業者|事業所|施設|店舗|泊|人泊|品目|本|ポイント|pt|園|種|区|地区|"
    r"集落|隻|頭|kg|㎥|m|a)(?:/年|/日|/月)?"
)
_SPECKS = "。、・.,:;'\"`|!_-ー"
# Units of two characters or more that plans print, which a row read alike in both its values
# (軽営体 → 軽営体, 優円) is one character from
_WORDED = (
    "千円",
    "万円",
    "百万円",
    "億円",
    "千人",
    "万人",
    "経営体",
    "事業者",
    "事業所",
    "世帯",
    "団体",
    "施設",
    "店舗",
    "人泊",
    "品目",
    "ポイント",
    "か所",
    "箇所",
    "地区",
    "集落",
    "時間",
    "トン",
)
_PER = re.compile(r"/(?:年|日|月)$")
# What an indicator's name says it counts, by its last word: the unit its figures are in
_NAMED = (
    ("件数", "件"),
    ("者数", "人"),
    ("人数", "人"),
    ("員数", "人"),
    ("回数", "回"),
    ("校数", "校"),
    ("社数", "社"),
    ("世帯数", "世帯"),
    ("団体数", "団体"),
    ("割合", "%"),
    ("率", "%"),
)
_SCALE = re.compile(r"^(?:千|万|百万|億|十億)(?=.)")


def repair_units(
    plan: Plan, doc: Document, confusions: Mapping[str, tuple[str, ...]] | None = None
) -> list[Finding]:
    """Repair in place the units of values read by OCR that only their row's pair explains;
    `confusions` (read → printed characters) choose among units a character apart (優円: 億円)."""
    ocr_lines = {line.no for line in doc.lines if line.confidence is not None}
    rows = [*plan.numeric_targets, *plan.kpis]
    # (by rows: a unit misread alike in a row's three values is printed in one row)
    printed: Counter[str] = Counter(
        unit
        for r in rows
        for unit in {v.unit for v in (r.baseline, r.target, r.actual) if v and v.unit}
    )
    out = []
    for r in rows:
        if r.source_line not in ocr_lines:
            continue
        pair = {"baseline": r.baseline, "target": r.target, "actual": r.actual}
        for which, other in (("baseline", "target"), ("target", "baseline"), ("actual", "target")):
            value, near = pair[which], pair[other]
            if value is None or near is None:
                continue
            unit = (
                _misread_of(value, near, printed)
                or _worded_unit(value, printed, confusions or {})
                or _named_unit(r.indicator, value, near, printed)
            )
            if unit is None:
                continue
            setattr(r, which, value.model_copy(update={"unit": unit}))
            out.append(_unit_finding(r, which, value, unit))
    return out


def _misread_of(value: Value, near: Value, printed: Counter[str]) -> str | None:
    """The unit `value` was printed in, when its own reading is a misread of `near`'s."""
    read, meant = value.unit, near.unit
    if value.value is None or near.value is None or not read or not meant or read == meant:
        return None
    if printed[read] >= 2:
        return None  # a unit the plan prints twice is its own
    if _a_unit(read) or not _KNOWN.fullmatch(meant):
        # a unit the language or the plans know (回 beside 件) may be the row's own; and a
        # misreading the plan repeats (俺円 in three rows) is no unit to repair to
        return None
    stripped = read.strip(_SPECKS)
    if stripped == meant:
        return meant  # a speck read before or after it (経営体。)
    if len(read) == len(meant) + 1 and read[1:] == meant:
        return meant  # a character read from a speck before it (和経営体)
    if Levenshtein.distance(read, meant) <= max(1, len(meant) // 2):
        return meant  # one character misread (租 for 組, 俺円 for 億円)
    return None


def _worded_unit(
    value: Value | None, printed: Counter[str], confusions: Mapping[str, tuple[str, ...]]
) -> str | None:
    """The unit of two characters or more that `value`'s reading is one character from, where
    no plan prints that reading as a unit and its row's pair reads it alike (軽営体 in both: the
    pair cannot tell) or not at all."""
    if value is None or value.value is None or len(value.unit) < 2:
        return None
    read = value.unit
    per = _PER.search(read)
    stem = read[: per.start()] if per else read
    if _a_unit(stem) or _SCALE.match(stem):
        # a unit plans or the dictionary know, or a multiple of one (万件: 万 and 件, one
        # character from 万人 but no misreading of it)
        return None
    near = [u for u in _WORDED if len(u) == len(stem) and Levenshtein.distance(u, stem) == 1]
    known = [u for u in near if any(u[i] in confusions.get(c, ()) for i, c in enumerate(stem))]
    if printed[read] > 2:
        # printed in other rows: the plan's own unit, unless OCR is known to read a unit so
        # (俺円 in every row of a column of 億円)
        near = known
    elif len(near) > 1:  # (優円: 千円, 万円 or 億円 — the one the plan prints elsewhere, if one,
        # or the one whose character OCR is known to read so)
        near = [u for u in near if printed[u]] or known
    return near[0] + (per.group(0) if per else "") if len(near) == 1 else None


def _named_unit(
    name: str, value: Value | None, near: Value | None, printed: Counter[str]
) -> str | None:
    """The unit an indicator's name says it counts in (…件数: 件, …者数: 人, …割合: %), for a
    value read in a unit no plan prints, no counter, in this row alone — and read alike in the
    row's other value (作 for 件 in both, 内 for 人), so that the pair cannot tell."""
    if value is None or value.value is None or not value.unit or near is None:
        return None
    read = value.unit
    if near.unit != read or printed[read] > 2 or _a_unit(read):
        return None
    stem = re.sub(r"[（(].*$|※.*$|\s+", "", name)
    return next((unit for end, unit in _NAMED if stem.endswith(end)), None)


def _a_unit(unit: str) -> bool:
    """Whether `unit` is one as read: a unit plans print or a counter the dictionary knows."""
    return bool(_KNOWN.fullmatch(unit)) or _counter(unit)


def _counter(unit: str) -> bool:
    """Whether the dictionary knows `unit` as a counter (回, 倍, 泊, %), or it is 人."""
    from extract.ocrwords import _dictionary

    return unit == "人" or any(
        m.part_of_speech()[2] == "助数詞可能" for m in _dictionary().lookup(unit)
    )


def _unit_finding(r: Indicator, which: str, value: Value, unit: str) -> Finding:
    return messages.finding(
        "ocr.number_repaired",
        {
            "form": "unit",
            "record_id": r.record_id,
            "indicator": r.indicator,
            "which": which,
            "raw": value.raw,
            "unit": value.unit,
            "repaired": unit,
        },
        line=r.source_line,
        page=r.source_page,
        record_id=r.record_id,
        key=r.indicator,
    )
