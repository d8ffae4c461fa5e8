"""`plan-extract batch`: many plans read into one dataset, kept current as they are revised.

A corpus folder holds
- `plans/<plan_id>/`: each plan's output folder, as `plan-extract run` writes it;
- `data/*.csv` and `parquet/*.parquet`: every table of every plan with `municipality_code` and
  `plan_id` first, plus the corpus's own tables (plans, sources, indicator groups), described by
  `datapackage.json` (Frictionless Data Package v2); `corpus.sqlite`: the same tables with their
  primary and foreign keys and indexes;
- `municipalities.csv`: which file is which municipality's plan; `report.md`: the corpus report;
- `changes/<code>/`: what each revision of a plan changed; `corpus.json`: the state a later batch
  starts from (each file's content hash and plan).

A later batch reads only the files whose content hash it has not read with the same rules and
version; a revised plan (the same municipality and kind, another hash) replaces its predecessor
and its changes are kept. The folder is built beside its destination and moved into place whole.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extract import __version__
from extract.diff import changes_to_csv, diff_tables, folder_to_tables, summary
from extract.errors import InputError, OutputError, PlanExtractError
from extract.indicator_groups import (
    VOCABULARY,
    Grouping,
    Member,
    indicators_to_groups,
    load_vocabulary,
)
from extract.messages import finding
from extract.municipalities import load_code_list, plan_identity
from extract.pipeline import run
from extract.publish import MARKER, check_destination, marker_text, plan_to_files, read_marker
from extract.publish import read_table as read_plan_table
from extract.rules import Rules
from extract.schema import TableSchema, table_schema
from extract.tables import TABLES, format_cell
from extract.workers import die_with_parent

EMITS = ("corpus.plan_failed", "corpus.duplicate_plan")

STATE = "corpus.json"
SKIP_SUFFIXES = (".meta.toml",)
# Rows held per table before they go to the CSV, Parquet and SQLite writers.
FLUSH_ROWS = 50_000
LEAD: list[tuple[str, str, str, str]] = [
    (
        "municipality_code",
        "string",
        "全国地方公共団体コード",
        "The plan's municipality (6 digits).",
    ),
    ("plan_id", "string", "計画ID", "The plan in this corpus: <code>-<kind>."),
]


# --- reading one plan (in a worker) -----------------------------------------------------------


@dataclass
class Outcome:
    """What reading one file gave: its plan's identity and output files, or why it failed."""

    path: str  # relative to the plans folder
    sha256: str
    status: str  # read, unchanged, failed
    message: str = ""
    seconds: float = 0.0
    pages: int | None = None
    source_format: str = ""
    identity: dict[str, object] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    plan_id: str = ""
    was_read: bool = True  # False: known by its hash from the previous batch


_RULES: Rules | None = None


def _init_worker(rules: Rules) -> None:
    global _RULES
    die_with_parent()
    _RULES = rules


def read_plan(source: Path, rel: str, sha: str, rules: Rules | None = None) -> Outcome:
    """Run the pipeline on one file and find its municipality; a failure is an outcome, never
    an exception, so that one plan cannot end the batch."""
    rules = rules or _RULES
    assert rules is not None
    start = time.perf_counter()
    try:
        result = run(source, rules=rules)
        lines = [line.text for line in result.document.lines]
        ident = plan_identity(result.plan.meta, lines, load_code_list())
        result.plan.findings.extend(ident.findings)
        files = plan_to_files(
            result.plan, result.document, source=source, templates=rules.templates
        )
        identity = {k: v for k, v in asdict(ident).items() if k != "findings"}
        identity["title"] = str(result.plan.meta.get("title") or _title(lines))
        return Outcome(
            rel,
            sha,
            "read",
            seconds=time.perf_counter() - start,
            pages=result.document.pages,
            source_format=result.document.source_format,
            identity=identity,
            files=files,
        )
    except PlanExtractError as exc:
        return Outcome(rel, sha, "failed", str(exc), time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - a bug on one plan is that plan's failure
        message = f"internal error ({type(exc).__name__}: {exc}); please report it"
        return Outcome(rel, sha, "failed", message, time.perf_counter() - start)


def _title(lines: list[str]) -> str:
    """The first line that names the plan's kind, as its title."""
    for line in lines[:40]:
        if re.search(r"総合戦略|総合計画|実施計画|基本計画", line):
            return line.strip()[:120]
    return ""


# --- the batch --------------------------------------------------------------------------------


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_plans(folder: Path) -> list[Path]:
    """Every file under `folder` that may be a plan: all but hidden files and metadata files.
    What `run` cannot read becomes a failed row, so no form is left out by its name."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give the folder that holds the plans.")
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name.endswith(SKIP_SUFFIXES):
            continue
        found.append(path)
    return found


def rules_fingerprint(rules: Rules) -> str:
    """The version and every rules file that reading a plan uses: plans read with other rules
    are read again. The indicator vocabulary is not one (groups are made anew every batch)."""
    digest = hashlib.sha256(__version__.encode())
    if rules.root is not None and rules.root.is_dir():
        for path in sorted(rules.root.rglob("*")):
            if path.is_file() and path.name != VOCABULARY:
                digest.update(path.relative_to(rules.root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Event:
    """A progress report: a plan done (`outcome`), or a step of the batch (`step`)."""

    done: int
    total: int
    outcome: Outcome | None = None
    step: str = ""


@dataclass
class BatchResult:
    out: Path
    outcomes: list[Outcome]
    groups: list[Grouping]
    changes: list[str]  # changes/ files written by this batch
    seconds: float
    pages_read: int

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def _read_all(
    todo: list[tuple[Path, str, str]],
    rules: Rules,
    jobs: int,
    say: Callable[[Outcome], None],
) -> list[Outcome]:
    """Read the files in parallel: plans across processes; a single plan's PDF pages across
    the cores instead. A worker that dies (a crash in a PDF library) fails only its plan: the
    plans it took down with it are read again one by one."""
    if not todo:
        return []
    workers = max(1, min(jobs, len(todo)))
    page_jobs = max(1, jobs // workers)
    rules = rules.with_settings(rules.settings.override("batch", pdf={"jobs": page_jobs}))
    if workers == 1:
        out = []
        for path, rel, sha in todo:
            outcome = read_plan(path, rel, sha, rules)
            say(outcome)
            out.append(outcome)
        return out
    out: list[Outcome] = []
    retry: list[tuple[Path, str, str]] = []
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rules,)) as pool:
        futures: dict[Future[Outcome], tuple[Path, str, str]] = {
            pool.submit(read_plan, *task): task for task in todo
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                try:
                    outcome = f.result()
                except BrokenProcessPool:
                    retry.append(futures[f])
                    continue
                say(outcome)
                out.append(outcome)
    for path, rel, sha in retry:
        with ProcessPoolExecutor(1, initializer=_init_worker, initargs=(rules,)) as pool:
            try:
                outcome = pool.submit(read_plan, path, rel, sha).result()
            except BrokenProcessPool:
                outcome = Outcome(rel, sha, "failed", "the reading process crashed on this file")
        say(outcome)
        out.append(outcome)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "_", text).strip("_") or "plan"


def _plan_ids(outcomes: list[Outcome]) -> list[dict[str, str]]:
    """`<code>-<kind>` for each plan read (`x-<file stem>-<kind>` without a code); a second
    plan of the same municipality and kind gets `-2`, and a finding."""
    notes: list[dict[str, str]] = []
    taken: dict[str, Outcome] = {}
    # plans not read again keep their ids: a new file of the same plan is the second one
    order = sorted(
        (o for o in outcomes if o.status != "failed"),
        key=lambda o: (o.status != "unchanged", o.path),
    )
    for o in order:
        ident = o.identity
        kind = {"総合戦略": "senryaku", "総合計画": "keikaku", "実施計画": "jisshi"}.get(
            str(ident.get("kind") or ""), "plan"
        )
        code = str(ident.get("code") or "")
        base = f"{code}-{kind}" if code else f"x-{_slug(Path(o.path).stem)}-{kind}"
        plan_id, n = base, 1
        while plan_id in taken:
            n += 1
            plan_id = f"{base}-{n}"
        if n > 1:
            notes.append(
                {
                    "source": o.path,
                    "plan_id": plan_id,
                    **_finding_row(
                        "corpus.duplicate_plan",
                        {"source": o.path, "other": taken[base].path, "plan_id": plan_id},
                    ),
                }
            )
        taken[plan_id] = o
        o.plan_id = plan_id
    return notes


def _finding_row(code: str, params: dict[str, str]) -> dict[str, str]:
    f = finding(code, params)
    return {"code": f.code, "severity": f.severity.value, "message": f.message, "hint": f.hint}


def _load_state(out: Path) -> dict[str, object]:
    if not out.is_dir() or read_marker(out) is None:
        return {}
    try:
        state = json.loads((out / STATE).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return state if isinstance(state, dict) else {}


def batch(
    plans_dir: Path,
    out: Path,
    *,
    rules: Rules,
    jobs: int | None = None,
    progress: Callable[[Event], None] | None = None,
) -> BatchResult:
    """Read every plan under `plans_dir` into the corpus folder `out` (see the module's doc)."""
    started = time.perf_counter()
    say = progress or (lambda _e: None)
    jobs = jobs or os.cpu_count() or 1
    reads = (plans_dir, *([rules.root] if rules.root is not None else []))
    check_destination(out, "batch", reads)
    state = _load_state(out)
    fingerprint = rules_fingerprint(rules)
    same_rules = state.get("fingerprint") == fingerprint
    previous: dict[str, dict[str, object]] = {
        str(s["sha256"]): s
        for s in state.get("sources", [])  # type: ignore[union-attr]
        if isinstance(s, dict) and same_rules
    }
    paths = find_plans(plans_dir)
    say(Event(0, len(paths), step=f"hashing {len(paths)} files"))
    tasks = []
    for path in paths:
        try:
            tasks.append((path, path.relative_to(plans_dir).as_posix(), file_hash(path)))
        except OSError as exc:
            raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    reused: list[Outcome] = []
    todo: list[tuple[Path, str, str]] = []
    for path, rel, sha in tasks:
        old = previous.get(sha)
        if old is not None and old.get("status") == "failed":
            # the same bytes fail the same way: reported again, not read again
            reused.append(Outcome(rel, sha, "failed", str(old.get("message", "")), was_read=False))
        elif old is not None and (out / "plans" / str(old["plan_id"])).is_dir():
            o = Outcome(rel, sha, "unchanged", identity=dict(old["identity"]), was_read=False)  # type: ignore[arg-type]
            o.pages, o.source_format = old.get("pages"), str(old.get("source_format", ""))  # type: ignore[assignment]
            o.plan_id = str(old["plan_id"])
            reused.append(o)
        else:
            todo.append((path, rel, sha))
    done = len(reused)
    for o in reused:
        say(Event(done, len(tasks), o))

    def heard(o: Outcome) -> None:
        nonlocal done
        done += 1
        say(Event(done, len(tasks), o))

    outcomes = reused + _read_all(todo, rules, jobs, heard)
    outcomes.sort(key=lambda o: o.path)
    old_ids = {o.path: o.plan_id for o in reused if o.status == "unchanged"}
    notes = _plan_ids(outcomes)
    say(Event(done, len(tasks), step="writing the corpus"))
    writer = _CorpusWriter(out, plans_dir, rules, state, fingerprint)
    try:
        changes = writer.write(outcomes, old_ids, notes)
    except BaseException:
        writer.abandon()
        raise
    pages = sum(o.pages or 0 for o in outcomes if o.status == "read")
    return BatchResult(out, outcomes, writer.groups, changes, time.perf_counter() - started, pages)


# --- writing the corpus -----------------------------------------------------------------------

SQL_TYPES = {"integer": "INTEGER", "year": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def corpus_schemas() -> list[TableSchema]:
    """The corpus's tables: its own (municipalities, plans, sources, indicator groups) and every
    plan table with municipality_code and plan_id first, keys widened by plan_id."""
    own = [
        TableSchema(
            "municipalities",
            "自治体",
            "The municipalities of the corpus's plans (全国地方公共団体コード list).",
            [
                ("code", "string", "全国地方公共団体コード", "Six digits with the check digit."),
                ("prefecture", "string", "都道府県名", "Prefecture."),
                ("municipality", "string", "市区町村名", "Municipality (empty: the prefecture)."),
                ("kana", "string", "市区町村名（カナ）", "Its reading."),
            ],
            ["code"],
        ),
        TableSchema(
            "plans",
            "計画",
            "Every plan of the corpus: whose, what kind, which years, read from which file.",
            [
                ("plan_id", "string", "計画ID", "<code>-<kind> (x-<file>-<kind> without a code)."),
                ("municipality_code", "string", "全国地方公共団体コード", "The municipality."),
                ("prefecture", "string", "都道府県名", "Prefecture."),
                ("municipality", "string", "市区町村名", "Municipality."),
                ("found_by", "string", "自治体の根拠", "metadata, title, greeting or text."),
                ("confidence", "number", "確からしさ", "How sure the municipality is (0–1)."),
                ("kind", "string", "計画の種類", "総合戦略, 総合計画 or 実施計画."),
                ("title", "string", "計画名", "The plan's title."),
                ("period", "string", "計画期間", "The period as printed."),
                ("period_start_fy", "year", "計画期間（初年度）", "First fiscal year."),
                ("period_end_fy", "year", "計画期間（最終年度）", "Last fiscal year."),
                ("source", "string", "ファイル", "The file, relative to the plans folder."),
                ("sha256", "string", "ハッシュ", "SHA-256 of the file's content."),
                ("source_format", "string", "形式", "text, pdf or ocr."),
                ("pages", "integer", "ページ数", "Pages of a PDF."),
            ],
            ["plan_id"],
            [(["municipality_code"], "municipalities", ["code"])],
        ),
        TableSchema(
            "sources",
            "ファイル",
            "Every file of the plans folder and how this batch treated it.",
            [
                ("source", "string", "ファイル", "Relative to the plans folder."),
                ("sha256", "string", "ハッシュ", "SHA-256 of its content."),
                ("status", "string", "状態", "read, unchanged (not read again) or failed."),
                ("read", "boolean", "読み取り", "Read by this batch (false: known by its hash)."),
                ("plan_id", "string", "計画ID", "The plan it holds."),
                ("seconds", "number", "秒", "Time to read it in this batch."),
                ("message", "string", "内容", "Why it failed."),
            ],
            ["source"],
            [(["plan_id"], "plans", ["plan_id"])],
        ),
        TableSchema(
            "batch_findings",
            "一括処理の検出事項",
            "Findings about the plans together (a file not read, a plan twice).",
            [
                ("source", "string", "ファイル", "The file."),
                ("plan_id", "string", "計画ID", "The plan, when read."),
                ("severity", "string", "重要度", "error, warning or info."),
                ("code", "string", "コード", "Stable code."),
                ("message", "string", "内容", "What is wrong."),
                ("hint", "string", "対応", "What to do next."),
            ],
        ),
        TableSchema(
            "indicator_groups",
            "指標グループ",
            "Indicators of several plans that measure the same thing.",
            [
                ("group_name", "string", "指標グループ", "The group's name."),
                (
                    "kind",
                    "string",
                    "根拠",
                    "vocabulary (rules/indicator_vocabulary.csv) or similar.",
                ),
                ("unit", "string", "単位", "The group's usual unit."),
                ("plans", "integer", "計画数", "Plans with a member."),
                ("members", "integer", "指標数", "Member indicators."),
                ("min_confidence", "number", "最小確からしさ", "The least sure membership."),
            ],
            ["group_name"],
        ),
        TableSchema(
            "indicator_members",
            "指標グループの構成",
            "Each grouped KPI or numeric target, how and how surely it was grouped, with its "
            "values: the comparison table of a group.",
            [
                ("group_name", "string", "指標グループ", "The group."),
                ("municipality_code", "string", "全国地方公共団体コード", "The municipality."),
                ("municipality", "string", "市区町村名", "Its name."),
                ("plan_id", "string", "計画ID", "The plan."),
                ("record_id", "string", "レコード", "kpi_id or target_id in the plan."),
                ("indicator", "string", "指標名", "As the plan names it (normalized)."),
                ("confidence", "number", "確からしさ", "0–1."),
                (
                    "method",
                    "string",
                    "方法",
                    "vocabulary, vocabulary~ (similar), same name, similar.",
                ),
                ("baseline_value", "number", "現状値", "Baseline."),
                ("baseline_unit", "string", "現状値単位", "Its unit."),
                ("baseline_year", "year", "現状値年度", "Its fiscal year."),
                ("target_value", "number", "目標値", "Target."),
                ("target_unit", "string", "目標値単位", "Its unit."),
                ("target_year", "year", "目標値年度", "Its fiscal year."),
                ("target_qualifier", "string", "目標値条件", "以上, 以下, 維持 …"),
                ("target_raw", "string", "目標値（原文）", "The target cell as printed."),
                (
                    "target_remark",
                    "string",
                    "目標値の注記",
                    "What the target cell prints in brackets: （維持）, （10年累計）.",
                ),
            ],
            ["plan_id", "record_id"],
            [
                (["group_name"], "indicator_groups", ["group_name"]),
                (["plan_id"], "plans", ["plan_id"]),
            ],
        ),
    ]
    plan_tables = []
    for t in TABLES:
        s = t.schema
        plan_tables.append(
            TableSchema(
                s.name,
                s.title,
                s.description,
                [*LEAD, *s.fields],
                ["plan_id", *s.primary_key] if s.primary_key else [],
                [(["plan_id"], "plans", ["plan_id"])]
                + [
                    (["plan_id", *f], r, ["plan_id", *rf])
                    for f, r, rf in s.foreign_keys
                    if not _nullable(s, f)
                ],
                s.published,
            )
        )
    return own + plan_tables


def _nullable(schema: TableSchema, fields: list[str]) -> bool:
    """A reference that may be empty (a relisted project's original): with plan_id in front it
    is never all-empty, so Frictionless would check it; SQLite still declares it."""
    return any(f in ("original_project_id",) for f in fields)


class _Sink:
    """One table's rows on their way to CSV, Parquet and SQLite, in bounded batches."""

    def __init__(self, schema: TableSchema, tmp: Path, db: sqlite3.Connection) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.schema, self.db = schema, db
        self.fields = [f[0] for f in schema.fields]
        self.types = schema.types()
        self.csv_file = (tmp / "data" / f"{schema.name}.csv").open(
            "w", encoding="utf-8", newline=""
        )
        self.csv = csv.writer(self.csv_file, lineterminator="\n")
        self.csv.writerow(self.fields)
        arrow = {
            "integer": pa.int64(),
            "year": pa.int64(),
            "number": pa.float64(),
            "boolean": pa.bool_(),
        }
        self.arrow_schema = pa.schema(
            [(f, arrow.get(self.types[f], pa.string())) for f in self.fields]
        )
        self.parquet = pq.ParquetWriter(
            tmp / "parquet" / f"{schema.name}.parquet", self.arrow_schema
        )
        self.rows: list[list[object]] = []
        self.count = 0
        self.insert = (
            f'INSERT INTO "{schema.name}" ({", ".join(map(_q, self.fields))}) '
            f"VALUES ({', '.join('?' * len(self.fields))})"
        )

    def add(self, row: dict[str, str]) -> None:
        self.rows.append([_typed(row.get(f, ""), self.types[f]) for f in self.fields])
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self.rows:
            return
        self.csv.writerows([format_cell(v) for v in r] for r in self.rows)
        columns = list(zip(*self.rows, strict=True))
        self.parquet.write_table(
            pa.Table.from_arrays(
                [pa.array(c, type=t.type) for c, t in zip(columns, self.arrow_schema, strict=True)],
                schema=self.arrow_schema,
            )
        )
        self.db.executemany(self.insert, self.rows)
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> None:
        self.flush()
        self.csv_file.close()
        self.parquet.close()


_REMARK = re.compile(r"[（(]([^（()）]+)[）)]")


def _remark(raw: str) -> str:
    """The bracketed words of a value cell: 92.5%（維持） → 維持."""
    return "・".join(m.group(1).strip() for m in _REMARK.finditer(raw))


def _q(name: str) -> str:
    return f'"{name}"'


def _typed(text: str, kind: str) -> object:
    if text == "":
        return None
    if kind in ("integer", "year"):
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        return text.lower() == "true"
    return text


def _create_sql(schema: TableSchema) -> list[str]:
    cols = [f"{_q(n)} {SQL_TYPES.get(t, 'TEXT')}" for n, t, _, _ in schema.fields]
    if schema.primary_key:
        cols.append(f"PRIMARY KEY ({', '.join(map(_q, schema.primary_key))})")
    fks = list(schema.foreign_keys)
    if schema.name == "projects":  # the nullable reference Frictionless is not given
        fks.append((["plan_id", "original_project_id"], "projects", ["plan_id", "project_id"]))
    for f, r, rf in fks:
        cols.append(
            f"FOREIGN KEY ({', '.join(map(_q, f))}) REFERENCES {_q(r)} ({', '.join(map(_q, rf))})"
        )
    out = [f"CREATE TABLE {_q(schema.name)} (\n  " + ",\n  ".join(cols) + "\n)"]
    names = {f[0] for f in schema.fields}
    for col in ("municipality_code", "plan_id", "group_name"):
        if col in names and schema.primary_key[:1] != [col]:
            out.append(
                f"CREATE INDEX {_q(f'{schema.name}_{col}')} ON {_q(schema.name)} ({_q(col)})"
            )
    return out


def _package(schemas: list[TableSchema]) -> dict[str, object]:
    resources: list[dict[str, object]] = []
    for s in schemas:
        schema = table_schema(s)
        common = {"title": s.title, "description": s.description, "type": "table"}
        resources.append(
            {
                "name": s.name,
                "path": f"data/{s.name}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **common,
                "schema": schema,
            }
        )
        resources.append(
            {
                "name": f"{s.name}-parquet",
                "path": f"parquet/{s.name}.parquet",
                "scheme": "file",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "title": s.title,
                "type": "table",
                "description": f"The table {s.name} (data/{s.name}.csv) as Parquet: the same "
                "rows, its keys checked on the CSV. Integer columns are nullable int64 in the "
                "file; readers that go through pandas see them as floats, so the schema here "
                "calls them numbers.",
                "schema": {
                    "fields": [
                        {
                            "name": n,
                            "type": "number" if t in ("integer", "year") else t,
                            "title": ja,
                        }
                        for n, t, ja, _ in s.fields
                    ]
                },
            }
        )
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "plan-extract-corpus",
        "title": "地方版総合戦略・総合計画 corpus (plan-extract batch)",
        "description": "Every table of every plan of the corpus, with municipality_code and "
        "plan_id, as CSV (data/) and Parquet (parquet/); the same tables with keys and "
        "indexes in corpus.sqlite.",
        "resources": resources,
    }


class _CorpusWriter:
    def __init__(
        self, out: Path, plans_dir: Path, rules: Rules, state: dict[str, object], fingerprint: str
    ) -> None:
        self.out = Path(os.path.abspath(out))
        self.plans_dir = plans_dir
        self.rules = rules
        self.state = state
        self.fingerprint = fingerprint
        self.groups: list[Grouping] = []
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(
            tempfile.mkdtemp(
                prefix=f".{self.out.name}.{os.getpid()}.", suffix=".tmp", dir=self.out.parent
            )
        )

    def abandon(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _plan_folder(self, o: Outcome, old_ids: dict[str, str]) -> Path:
        folder = self.tmp / "plans" / o.plan_id
        folder.mkdir(parents=True)
        if o.status == "unchanged":
            old = self.out / "plans" / old_ids[o.path]
            for src in old.rglob("*"):
                if src.is_file():
                    dst = folder / src.relative_to(old)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(src, dst)  # the old folder goes: a link costs nothing
                    except OSError:
                        shutil.copy2(src, dst)
            return folder
        meta = json.loads(o.files["metadata.json"])
        # where the source is, seen from the plan's folder in the finished corpus
        meta["source_path"] = Path(
            os.path.relpath(self.plans_dir.resolve() / o.path, self.out / "plans" / o.plan_id)
        ).as_posix()
        o.files["metadata.json"] = _json(meta)
        for name, text in o.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8", errors="replace", newline="")
        (folder / MARKER).write_text(marker_text("run", o.files), encoding="utf-8")
        o.files = {}  # written: free the memory
        return folder

    def write(
        self, outcomes: list[Outcome], old_ids: dict[str, str], notes: list[dict[str, str]]
    ) -> list[str]:
        for sub in ("plans", "data", "parquet", "changes"):
            (self.tmp / sub).mkdir()
        plans = [o for o in outcomes if o.status != "failed"]
        folders = {o.plan_id: self._plan_folder(o, old_ids) for o in plans}
        changes = self._changes(plans, folders)
        self._tables(outcomes, plans, folders, notes)
        self._finish(outcomes)
        return changes

    # changes/: a revised plan against its predecessor --------------------------------------

    def _changes(self, plans: list[Outcome], folders: dict[str, Path]) -> list[str]:
        old_changes = self.out / "changes"
        if old_changes.is_dir():
            shutil.copytree(old_changes, self.tmp / "changes", dirs_exist_ok=True)
        before = {
            str(s["plan_id"]): s
            for s in self.state.get("sources", [])  # type: ignore[union-attr]
            if isinstance(s, dict) and s.get("plan_id")
        }
        written = []
        for o in plans:
            old = before.get(o.plan_id)
            if o.status != "read" or old is None or old.get("sha256") == o.sha256:
                continue
            old_folder = self.out / "plans" / o.plan_id
            if not old_folder.is_dir():
                continue
            found = diff_tables(folder_to_tables(old_folder), folder_to_tables(folders[o.plan_id]))
            code = str(o.identity.get("code") or "unknown")
            name = f"{o.plan_id}_{str(old['sha256'])[:8]}-{o.sha256[:8]}"
            folder = self.tmp / "changes" / code
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.csv").write_text(changes_to_csv(found), encoding="utf-8")
            when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            text = f"<!-- {when} -->\n" + summary(found, str(old.get("source")), o.path)
            (folder / f"{name}.md").write_text(text, encoding="utf-8")
            o.message = f"revised: replaces {old.get('source')} ({len(found)} changes)"
            written.append(f"changes/{code}/{name}.csv")
        return written

    # data/, parquet/, corpus.sqlite ----------------------------------------------------------

    def _tables(
        self,
        outcomes: list[Outcome],
        plans: list[Outcome],
        folders: dict[str, Path],
        notes: list[dict[str, str]],
    ) -> None:
        schemas = corpus_schemas()
        db = sqlite3.connect(self.tmp / "corpus.sqlite")
        try:
            for s in schemas:
                for statement in _create_sql(s):
                    db.execute(statement)
            sinks = {s.name: _Sink(s, self.tmp, db) for s in schemas}
            codes = load_code_list()
            seen_codes = sorted(
                {str(o.identity.get("code")) for o in plans if o.identity.get("code")}
            )
            for code in seen_codes:
                m = codes.by_code[code]
                sinks["municipalities"].add(
                    {
                        "code": code,
                        "prefecture": m.prefecture,
                        "municipality": m.name,
                        "kana": m.name_kana or m.prefecture_kana,
                    }
                )
            for o in plans:
                ident = o.identity
                sinks["plans"].add(
                    {
                        "plan_id": o.plan_id,
                        "municipality_code": str(ident.get("code") or ""),
                        "prefecture": str(ident.get("prefecture") or ""),
                        "municipality": str(ident.get("municipality") or ""),
                        "found_by": str(ident.get("found_by") or ""),
                        "confidence": str(ident.get("confidence") or "0"),
                        "kind": str(ident.get("kind") or ""),
                        "title": str(ident.get("title") or ""),
                        "period": str(ident.get("period") or ""),
                        "period_start_fy": str(ident.get("period_start_fy") or ""),
                        "period_end_fy": str(ident.get("period_end_fy") or ""),
                        "source": o.path,
                        "sha256": o.sha256,
                        "source_format": o.source_format,
                        "pages": str(o.pages or ""),
                    }
                )
            for o in outcomes:
                sinks["sources"].add(
                    {
                        "source": o.path,
                        "sha256": o.sha256,
                        "status": o.status,
                        "read": "true" if o.was_read else "false",
                        "plan_id": o.plan_id,
                        "seconds": f"{o.seconds:.3f}",
                        "message": o.message,
                    }
                )
                if o.status == "failed":
                    notes.append(
                        {
                            "source": o.path,
                            "plan_id": "",
                            **_finding_row(
                                "corpus.plan_failed", {"source": o.path, "reason": o.message}
                            ),
                        }
                    )
            for note in notes:
                sinks["batch_findings"].add(note)
            members: list[tuple[Member, dict[str, str], Outcome]] = []
            for o in plans:
                lead = {
                    "municipality_code": str(o.identity.get("code") or ""),
                    "plan_id": o.plan_id,
                }
                for t in TABLES:
                    for row in read_plan_table(folders[o.plan_id], t.name):
                        sinks[t.name].add({**lead, **row})
                        if t.name in ("kpis", "numeric_targets"):
                            record = row.get("kpi_id") or row.get("target_id") or ""
                            unit = row["target_unit"] or row["baseline_unit"]
                            members.append(
                                (Member(o.plan_id, record, row["indicator"], unit), row, o)
                            )
            vocabulary = load_vocabulary(self.rules.root)
            self.groups = indicators_to_groups([m for m, _, _ in members], vocabulary)
            rows = {(m.plan_id, m.record_id): (row, o) for m, row, o in members}
            for g in self.groups:
                sinks["indicator_groups"].add(
                    {
                        "group_name": g.group,
                        "kind": g.kind,
                        "unit": g.unit,
                        "plans": str(len(g.plans)),
                        "members": str(len(g.members)),
                        "min_confidence": str(min(c for _, c, _ in g.members)),
                    }
                )
            for g in sorted(self.groups, key=lambda g: g.group):
                for m, conf, method in g.members:
                    row, o = rows[(m.plan_id, m.record_id)]
                    sinks["indicator_members"].add(
                        {
                            "group_name": g.group,
                            "municipality_code": str(o.identity.get("code") or ""),
                            "municipality": str(
                                o.identity.get("municipality") or o.identity.get("prefecture") or ""
                            ),
                            "plan_id": m.plan_id,
                            "record_id": m.record_id,
                            "indicator": m.indicator,
                            "confidence": str(conf),
                            "method": method,
                            **{
                                k: row.get(k, "")
                                for k in (
                                    "baseline_value",
                                    "baseline_unit",
                                    "baseline_year",
                                    "target_value",
                                    "target_unit",
                                    "target_year",
                                    "target_qualifier",
                                    "target_raw",
                                )
                            },
                            "target_remark": _remark(row.get("target_raw", "")),
                        }
                    )
            for sink in sinks.values():
                sink.close()
            db.commit()
            self.counts = {name: sink.count for name, sink in sinks.items()}
        finally:
            db.close()
        package = _package(schemas)
        (self.tmp / "datapackage.json").write_text(_json(package), encoding="utf-8")

    # municipalities.csv, report.md, corpus.json, marker; then the swap ---------------------------

    def _finish(self, outcomes: list[Outcome]) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(
            ["source", "status", "plan_id", "municipality_code", "prefecture", "municipality",
             "found_by", "confidence", "candidates", "kind", "period"]
        )  # fmt: skip
        for o in outcomes:
            i = o.identity
            w.writerow(
                [o.path, o.status, o.plan_id, i.get("code", ""), i.get("prefecture", ""),
                 i.get("municipality", ""), i.get("found_by", ""), i.get("confidence", ""),
                 " / ".join(i.get("candidates", []) or []), i.get("kind", ""), i.get("period", "")]
            )  # fmt: skip
        (self.tmp / "municipalities.csv").write_text(buf.getvalue(), encoding="utf-8")
        (self.tmp / "report.md").write_text(
            corpus_report(outcomes, self.groups, self.tmp), encoding="utf-8"
        )
        state = {
            "generator": f"plan-extract {__version__}",
            "fingerprint": self.fingerprint,
            "plans_dir": str(self.plans_dir.resolve()),
            "sources": [
                {
                    "source": o.path,
                    "sha256": o.sha256,
                    "status": o.status if o.status == "failed" else "read",
                    "message": o.message if o.status == "failed" else "",
                    "plan_id": o.plan_id,
                    "pages": o.pages,
                    "source_format": o.source_format,
                    "identity": o.identity,
                }
                for o in outcomes
            ],
        }
        (self.tmp / STATE).write_text(_json(state), encoding="utf-8")
        for folder in sorted(self.tmp.rglob("*"), key=lambda p: -len(p.parts)):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()  # an empty changes/: the marker lists files only
        names = [p.relative_to(self.tmp).as_posix() for p in self.tmp.rglob("*") if p.is_file()]
        (self.tmp / MARKER).write_text(marker_text("batch", names), encoding="utf-8")
        os.chmod(self.tmp, 0o777 & ~_umask())
        old = None
        if self.out.is_dir():
            old = self.out.with_name(f".{self.out.name}.{os.getpid()}.old.tmp")
            self.out.rename(old)
        try:
            self.tmp.rename(self.out)
        except OSError as exc:
            if old is not None:
                old.rename(self.out)
            raise OutputError(f"Could not write {self.out}: {exc.strerror or exc}.") from exc
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- the corpus report ------------------------------------------------------------------------


def corpus_report(outcomes: list[Outcome], groups: list[Grouping], folder: Path) -> str:
    status = Counter(o.status for o in outcomes)
    lines = [
        "# plan-extract corpus report",
        "",
        f"{len(outcomes)} files: {status.get('read', 0)} read, {status.get('unchanged', 0)} "
        f"unchanged (not read again), {status.get('failed', 0)} failed.",
        "",
        "## Plans",
        "",
        "| file | status | plan | municipality | kind | period | note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for o in outcomes:
        i = o.identity
        who = f"{i.get('code', '')} {i.get('prefecture', '')}{i.get('municipality', '')}".strip()
        if not i.get("code") and i.get("candidates"):
            who = "? " + " / ".join(i["candidates"])  # type: ignore[arg-type]
        note = o.message.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {o.path} | {o.status} | {o.plan_id} | {who} | {i.get('kind', '')} | "
            f"{i.get('period', '')} | {note} |"
        )
    findings = _count_findings(folder)
    if findings:
        lines += [
            "",
            "## Findings of the plans",
            "",
            "| code | severity | count |",
            "| --- | --- | --- |",
        ]
        lines += [f"| {c} | {s} | {n} |" for (c, s), n in findings.most_common()]
    lines += [
        "",
        "## Largest indicator groups",
        "",
        "Indicators of several plans that measure the same thing (data/indicator_members.csv has "
        "each membership with its confidence; `plan-extract compare CORPUS GROUP` prints one).",
        "",
        "| group | basis | unit | plans | indicators | least confidence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for g in groups[:15]:
        least = min(c for _, c, _ in g.members)
        lines.append(
            f"| {g.group} | {g.kind} | {g.unit} | {len(g.plans)} | {len(g.members)} | {least} |"
        )
    return "\n".join(lines) + "\n"


def _count_findings(folder: Path) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    path = folder / "data" / "findings.csv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["accepted"] != "true":
                    counts[(row["code"], row["severity"])] += 1
    return counts


# --- reading a corpus back (compare) ----------------------------------------------------------


def compare(folder: Path, name: str) -> tuple[str, list[dict[str, object]]]:
    """The comparison table of the indicator group `name` (or the group whose name or members'
    names are closest to it): (group name, rows by municipality)."""
    from rapidfuzz import fuzz, process

    from extract.indicator_groups import core_name

    if read_marker(folder) is None or not (folder / "corpus.sqlite").is_file():
        raise InputError(f"{folder} is not a corpus folder of `plan-extract batch`.")
    db = sqlite3.connect(f"file:{folder / 'corpus.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        groups = [r["group_name"] for r in db.execute("SELECT group_name FROM indicator_groups")]
        names = {
            r["indicator"]: r["group_name"]
            for r in db.execute("SELECT indicator, group_name FROM indicator_members")
        }
        choices = {core_name(g): g for g in groups} | {core_name(n): g for n, g in names.items()}
        if not choices:
            raise InputError(f"{folder} has no indicator groups (no KPI is shared by two plans).")
        best = process.extractOne(core_name(name), list(choices), scorer=fuzz.ratio)
        if best is None or best[1] < 60:
            shown = ", ".join(groups[:8])
            raise InputError(f'No indicator group like "{name}" in {folder}; groups: {shown}.')
        group = choices[best[0]]
        rows = [
            dict(r)
            for r in db.execute(
                "SELECT * FROM indicator_members WHERE group_name = ? "
                "ORDER BY municipality_code, plan_id, record_id",
                (group,),
            )
        ]
    finally:
        db.close()
    return group, rows
