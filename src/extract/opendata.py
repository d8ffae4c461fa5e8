"""`plan-extract publish`: a portal-ready copy of an output folder.

Follows the Japanese machine-readable data rules: Japanese column headers (the schema titles),
leading 全国地方公共団体コード / 都道府県名 / 市区町村名 columns from the plan's metadata, one value
per cell, Western years beside era labels, numbers without units or separators, UTF-8. With
`excel=True` it adds BOM-prefixed copies that Excel opens cleanly, with text cells that could be
read as formulas guarded by a leading apostrophe (numbers stay numbers).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from extract.errors import InputError, PlanExtractError
from extract.publish import output_kind, read_metadata, read_table, write_folder
from extract.settings import PublishSettings
from extract.tables import TABLES
from extract.text import guard_formula as _guard

LEAD = ["全国地方公共団体コード", "都道府県名", "市区町村名"]
NUMERIC = {"integer", "number", "year"}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
# Columns that hold several values; the export keeps one value per cell (project_departments
# carries them one per row).
MULTI_VALUED = {("projects", "departments")}


class PublishRefused(PlanExtractError):
    """Error-level findings stand unaccepted."""

    exit_code = 1


def unaccepted_errors(folder: Path) -> list[dict[str, str]]:
    return [
        f
        for f in read_table(folder, "findings")
        if f["severity"] == "error" and f["accepted"] != "true"
    ]


def export(
    folder: Path,
    out: Path,
    *,
    excel: bool = False,
    force: bool = False,
    settings: PublishSettings | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[str]:
    """Write the export into `out` (atomically); returns the file names written. `warn` hears
    what the export leaves out (one sentence each)."""
    s = settings or PublishSettings()
    kind = output_kind(folder) if folder.is_dir() else None
    if kind != "run":
        raise InputError(f"{folder} is not an output folder of `plan-extract run`.")
    errors = unaccepted_errors(folder)
    if errors and not force:
        listed = "; ".join(
            f"{e['code']} (line {e['source_line'] or '-'}, {e['key'] or e['record_id']})"
            for e in errors[:5]
        )
        more = f" and {len(errors) - 5} more" if len(errors) > 5 else ""
        raise PublishRefused(
            f"Refusing to publish: {len(errors)} error finding(s) stand unaccepted: {listed}{more}. "
            "Fix the source, accept them in rules/accepted_findings.csv, or pass --force."
        )
    meta = read_metadata(folder).get("plan", {})
    assert isinstance(meta, dict)  # read_metadata checks it
    keys = ("municipality_code", "prefecture", "municipality")
    lead = [str(meta.get(k) or "") for k in keys]
    missing = [title for title, value in zip(LEAD, lead, strict=True) if not value]
    if missing and warn is not None:
        warn(
            f"{folder}/metadata.json names no {'/'.join(missing)}: those columns are left blank "
            "(add municipality_code, prefecture and municipality to the plan's .meta.toml and "
            "rerun `plan-extract run`)."
        )
    prefix = lead[0] or "plan"
    files: dict[str, str] = {}
    for schema in (t.schema for t in TABLES if t.schema.published):
        rows = read_table(folder, schema.name)
        fields = [f for f in schema.fields if (schema.name, f[0]) not in MULTI_VALUED]
        header = LEAD + [title for _, _, title, _ in fields]
        plain, guarded = io.StringIO(), io.StringIO()
        writers = [
            csv.writer(plain, lineterminator="\r\n"),
            csv.writer(guarded, lineterminator="\r\n"),
        ]
        for w in writers:
            w.writerow(header)
        for number, row in enumerate(rows, start=2):
            cells = []
            for name, kind, _, _ in fields:
                value = row.get(name, "")
                if kind in NUMERIC and value and not _NUMBER.match(value):
                    # a number column is never guarded as text, so it must hold a number
                    raise InputError(
                        f"{folder / (schema.name + '.csv')}:{number}: {name} is not a number "
                        f"({value[:40]!r}); the file was edited by hand: rerun `plan-extract run`."
                    )
                if kind == "boolean" and value:
                    value = s.true_value if value.lower() == "true" else s.false_value
                cells.append((value, kind))
            writers[0].writerow(lead + [v for v, _ in cells])
            writers[1].writerow(
                [_guard(x) for x in lead]
                + [v if k in NUMERIC or not v else _guard(v) for v, k in cells]
            )
        name = f"{prefix}_{schema.name}.csv"
        files[name] = plain.getvalue()
        if excel:
            files[f"excel/{name}"] = "\ufeff" + guarded.getvalue()
    write_folder(out, files, kind="publish", inputs=(folder,))
    return sorted(files)
