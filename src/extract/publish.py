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
from pathlib import Path

from extract import __version__
from extract.errors import OutputError
from extract.models import Document, Plan
from extract.report import plan_to_html, plan_to_markdown
from extract.schema import datapackage
from extract.tables import TABLES, Cell, format_cell

MARKER = ".plan-extract-output"
Table = tuple[list[str], list[list[Cell]]]


def plan_to_tables(plan: Plan) -> dict[str, Table]:
    """Every registered table as (header, rows of cells)."""
    return {
        t.name: (t.fields, [[row.get(f) for f in t.fields] for row in t.rows(plan)]) for t in TABLES
    }


def read_table(folder: Path, name: str) -> list[dict[str, str]]:
    """A table of an output folder, as rows of strings (what `table_to_csv` wrote)."""
    path = folder / f"{name}.csv"
    if not path.exists():
        raise OutputError(
            f"{folder} has no {name}.csv; give a folder written by `plan-extract run`."
        )
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def table_to_csv(table: Table) -> str:
    header, rows = table
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([format_cell(c) for c in row] for row in rows)
    return buf.getvalue()


def plan_metadata(plan: Plan, tables: dict[str, Table]) -> dict[str, object]:
    return {
        "generator": f"plan-extract {__version__}",
        "source": plan.source_name,
        "source_format": plan.source_format,
        "plan": plan.meta,
        "flag_column_titles": plan.flag_column_titles,
        "records": {t.name: len(tables[t.name][1]) for t in TABLES if t.counted},
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
    """Every file of an output folder: the CSV tables, metadata.json, datapackage.json and the
    two reports."""
    tables = plan_to_tables(plan)
    files = {f"{name}.csv": table_to_csv(table) for name, table in tables.items()}
    files["report.html"] = plan_to_html(plan, doc)
    files["report.md"] = plan_to_markdown(plan, doc)
    files["metadata.json"] = _json(plan_metadata(plan, tables))
    files["datapackage.json"] = _json(
        datapackage([t.schema for t in TABLES], plan.meta, plan.flag_column_titles)
    )
    return files


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
