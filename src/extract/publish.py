"""Plan → CSV tables, written atomically into an output folder.

Files are UTF-8 with `\\n` line endings, one value per cell, booleans as true/false and numbers
without units or separators, so the same input and rules give byte-identical output.
The folder is built beside its destination and moved into place only when complete; a folder
that plan-extract did not write (no marker file) is never overwritten.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from extract import __version__
from extract.errors import OutputError
from extract.models import Document, Finding, Indicator, Plan, Value
from extract.parse.values import format_number
from extract.report import plan_to_html, plan_to_markdown

MARKER = ".plan-extract-output"
Cell = str | int | float | bool | None
Table = tuple[list[str], list[list[Cell]]]


def _fmt(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _value_cells(v: Value) -> list[Cell]:
    return [v.value, v.unit, v.year, v.year_label, v.qualifier]


_VALUE_COLUMNS = ["value", "unit", "year", "year_label", "qualifier"]


def _indicator_table(records: Sequence[Indicator], kind: str) -> Table:
    lead = (
        ["kpi_id", "goal_no", "policy_no", "kpi_no"]
        if kind == "kpi"
        else ["target_id", "goal_no", "target_no"]
    )
    header = (
        lead
        + ["indicator", "indicator_raw"]
        + [f"baseline_{c}" for c in _VALUE_COLUMNS]
        + [f"target_{c}" for c in _VALUE_COLUMNS]
        + ["baseline_text", "target_text", "baseline_raw", "target_raw", "footnote_no", "relisted"]
        + ["source_line", "source_page"]
    )
    rows = []
    for r in records:
        ids: list[Cell] = (
            [r.record_id, r.goal_no, r.policy_no, r.seq]
            if kind == "kpi"
            else [r.record_id, r.goal_no, r.seq]
        )
        rows.append(
            ids
            + [r.indicator, r.indicator_raw]
            + _value_cells(r.baseline)
            + _value_cells(r.target)
            + [
                r.baseline.text,
                r.target.text,
                r.baseline.raw,
                r.target.raw,
                r.footnote_no,
                r.relisted,
            ]
            + [r.source_line, r.source_page]
        )
    return header, rows


def findings_table(findings: Iterable[Finding]) -> Table:
    header = [
        "severity",
        "code",
        "source_line",
        "source_page",
        "record_id",
        "message",
        "hint",
        "key",
        "accepted",
        "accepted_note",
    ]
    rows: list[list[Cell]] = [
        [
            f.severity.value,
            f.code,
            f.line,
            f.page,
            f.record_id,
            f.message,
            f.hint,
            f.key,
            f.accepted,
            f.accepted_note,
        ]
        for f in findings
    ]
    return header, rows


def plan_to_tables(plan: Plan) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    tables["goals"] = (
        [
            "goal_no",
            "title",
            "title_raw",
            "basic_direction",
            "basic_direction_raw",
            "source_line",
            "source_page",
        ],
        [
            [
                g.goal_no,
                g.title,
                g.title_raw,
                g.basic_direction,
                g.basic_direction_raw,
                g.source_line,
                g.source_page,
            ]
            for g in plan.goals
        ],
    )
    tables["policies"] = (
        ["goal_no", "policy_no", "title", "title_raw", "source_line", "source_page"],
        [
            [p.goal_no, p.policy_no, p.title, p.title_raw, p.source_line, p.source_page]
            for p in plan.policies
        ],
    )
    tables["actions"] = (
        ["goal_no", "policy_no", "action_no", "text", "text_raw", "source_line", "source_page"],
        [
            [a.goal_no, a.policy_no, a.action_no, a.text, a.text_raw, a.source_line, a.source_page]
            for a in plan.actions
        ],
    )
    tables["action_examples"] = (
        [
            "goal_no",
            "policy_no",
            "action_no",
            "example_no",
            "example",
            "example_raw",
            "source_line",
        ],
        [
            [
                a.goal_no,
                a.policy_no,
                a.action_no,
                e.example_no,
                e.example,
                e.example_raw,
                a.source_line,
            ]
            for a in plan.actions
            for e in a.examples
        ],
    )
    tables["numeric_targets"] = _indicator_table(plan.numeric_targets, "numeric_target")
    tables["kpis"] = _indicator_table(plan.kpis, "kpi")
    tables["footnotes"] = (
        ["footnote_no", "text", "text_raw", "source_line", "source_page"],
        [[f.footnote_no, f.text, f.text_raw, f.source_line, f.source_page] for f in plan.footnotes],
    )
    tables["projects"] = (
        [
            "project_id",
            "goal_no",
            "policy_no",
            "seq",
            "policy_field",
            "policy_field_raw",
            "name",
            "name_raw",
            "departments",
            "departments_raw",
            "smart_city",
            "relisted",
            "original_project_id",
            "source_line",
            "source_page",
        ],
        [
            [
                p.project_id,
                p.goal_no,
                p.policy_no,
                p.seq,
                p.policy_field,
                p.policy_field_raw,
                p.name,
                p.name_raw,
                "・".join(p.departments),
                p.departments_raw,
                p.smart_city,
                p.relisted,
                p.original_project_id,
                p.source_line,
                p.source_page,
            ]
            for p in plan.projects
        ],
    )
    tables["project_departments"] = (
        ["project_id", "department_abbr"],
        [[p.project_id, d] for p in plan.projects for d in p.departments],
    )
    tables["departments"] = (
        ["abbr", "abbr_raw", "bureau", "section", "repaired", "source_line", "source_page"],
        [
            [d.abbr, d.abbr_raw, d.bureau, d.section, d.repaired, d.source_line, d.source_page]
            for d in plan.departments
        ],
    )
    tables["variants"] = (
        [
            "group_id",
            "field",
            "canonical",
            "variant",
            "count",
            "source_lines",
            "resolution",
            "rule",
        ],
        [
            [
                v.group_id,
                v.field,
                v.canonical,
                v.variant,
                v.count,
                " ".join(map(str, v.source_lines)),
                v.resolution,
                v.rule,
            ]
            for v in plan.variants
        ],
    )
    tables["findings"] = findings_table(plan.findings)
    tables["lines"] = (
        ["source_line", "role"],
        [[no, role] for no, role in sorted(plan.line_roles.items())],
    )
    return tables


def table_to_csv(table: Table) -> str:
    header, rows = table
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_fmt(c) for c in row] for row in rows)
    return buf.getvalue()


def plan_metadata(plan: Plan, tables: dict[str, Table]) -> dict[str, object]:
    return {
        "generator": f"plan-extract {__version__}",
        "source": plan.source_name,
        "source_format": plan.source_format,
        "plan": plan.meta,
        "flag_column_titles": plan.flag_column_titles,
        "records": {
            name: len(rows)
            for name, (_, rows) in tables.items()
            if name not in ("findings", "lines", "variants")
        },
        "out_of_scope_lines": plan.out_of_scope_lines,
    }


def check_destination(out: Path) -> None:
    """Refuse, before any work, a destination that plan-extract did not write."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder; choose another --out.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(
            f"{out} is not empty and was not written by plan-extract; choose an empty or new --out folder."
        )


def write_folder(out: Path, files: dict[str, str]) -> None:
    """Write `files` (name → text) as the folder `out`, replacing a previous plan-extract output."""
    check_destination(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        (tmp / MARKER).write_text(
            "This folder is written by plan-extract; it replaces it on each run.\n",
            encoding="utf-8",
        )
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"Could not write {out}: {exc.strerror or exc}.") from exc


def plan_to_files(plan: Plan, doc: Document | None = None) -> dict[str, str]:
    """Every file of an output folder: the CSV tables, metadata.json and the two reports."""
    tables = plan_to_tables(plan)
    files = {f"{name}.csv": table_to_csv(table) for name, table in tables.items()}
    files["report.html"] = plan_to_html(plan, doc)
    files["report.md"] = plan_to_markdown(plan, doc)
    files["metadata.json"] = (
        json.dumps(plan_metadata(plan, tables), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )
    return files
