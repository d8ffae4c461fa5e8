"""What "the same records" means between a plan's text input and a PDF of it: every field but the
provenance (line, page) and the printed `*_raw` forms, whose layout spaces depend on how a producer
sets Japanese beside Latin text (LibreOffice's autospace prints `53 件` for `53件`). The data a
portal publishes — normalized names, values, units, years, keys — must be equal."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pydantic import BaseModel

PROVENANCE = {"source_line", "source_page"}


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if not (k == "raw" or k.endswith("_raw"))}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def comparable(record: BaseModel) -> dict[str, Any]:
    return _strip(record.model_dump(exclude=PROVENANCE))


def record_set(records: list[BaseModel]) -> Counter[str]:
    return Counter(json.dumps(comparable(r), sort_keys=True, ensure_ascii=False) for r in records)


FAMILIES = ["goals", "policies", "numeric_targets", "kpis", "footnotes", "projects", "departments"]


def assert_same_records(want_plan: BaseModel, got_plan: BaseModel) -> None:
    """Every table of `got_plan` holds the records of `want_plan`, no more, no fewer."""
    for family in FAMILIES:
        want = record_set(getattr(want_plan, family))
        have = record_set(getattr(got_plan, family))
        assert have == want, (
            f"{family}: missing {sorted((want - have).elements())[:3]}, "
            f"extra {sorted((have - want).elements())[:3]}"
        )
