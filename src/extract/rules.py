"""rules/: the declarative data a planning office edits (often in Excel), loaded once per run.

Every table is a UTF-8 CSV (a BOM from Excel is fine) with a header row and a `note` column that
says why the entry exists. A malformed file raises RulesError naming the file and line.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal

from extract.errors import RulesError
from extract.ingest.settings import PdfSettings, settings_from
from extract.parse.patterns import ParseSettings


@dataclass(frozen=True)
class VariantRule:
    canonical: str
    variant: str
    scope: str  # "" = everywhere; else a field (project, policy_field, example) or a substring
    note: str
    line: int


@dataclass(frozen=True)
class DepartmentFix:
    """`情統` printed in 【】 means `情報` of the table (abbr → canonical), with a note."""

    abbr: str
    canonical: str
    bureau: str
    section: str
    note: str
    line: int


@dataclass(frozen=True)
class KpiDirection:
    keyword: str
    direction: Literal["higher", "lower", "none"]
    note: str
    line: int


@dataclass(frozen=True)
class Acceptance:
    code: str
    record: str  # a record id or a content key; "" with `line` set
    line: int | None
    note: str
    rules_line: int


@dataclass
class Rules:
    root: Path | None = None
    itaiji: dict[str, str] = field(default_factory=dict)
    variants: list[VariantRule] = field(default_factory=list)
    departments: list[DepartmentFix] = field(default_factory=list)
    kpi_directions: list[KpiDirection] = field(default_factory=list)
    accepted: list[Acceptance] = field(default_factory=list)
    parse: ParseSettings = field(default_factory=ParseSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    settings: dict[str, object] = field(default_factory=dict)


def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, dict); blank rows and rows starting with # are skipped."""
    if not path.exists():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesError(f"{path}: not UTF-8 (save it as 'CSV UTF-8' from Excel).") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise RulesError(
            f"{path}:1: missing column(s) {', '.join(missing)}; expected {', '.join(required)}."
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise RulesError(f"{path}:{line}: more cells than the header has columns.")
        clean = {k: (v or "").strip() for k, v in row.items()}
        if not any(clean.values()) or next(iter(clean.values()), "").startswith("#"):
            continue
        rows.append((line, clean))
    return rows


def _need(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row.get(name):
            raise RulesError(f"{path}:{line}: column {name!r} is empty.")


def load_rules(root: Path | None) -> Rules:
    """Load every rules file under `root` (a missing file is an empty table)."""
    rules = Rules(root=root)
    if root is None:
        return rules
    if not root.is_dir():
        raise RulesError(f"{root}: rules folder not found.")

    path = root / "itaiji.csv"
    for line, row in _read_csv(path, ("variant", "canonical", "note")):
        _need(path, line, row, "variant", "canonical", "note")
        if len(row["variant"]) != 1 or len(row["canonical"]) != 1:
            raise RulesError(f"{path}:{line}: itaiji entries map one character to one character.")
        if row["canonical"] in rules.itaiji or row["variant"] in rules.itaiji.values():
            raise RulesError(
                f"{path}:{line}: {row['variant']}→{row['canonical']} chains with another entry; map straight to the final form."
            )
        rules.itaiji[row["variant"]] = row["canonical"]

    path = root / "variants.csv"
    for line, row in _read_csv(path, ("canonical", "variant", "scope", "note")):
        _need(path, line, row, "canonical", "variant", "note")
        rules.variants.append(
            VariantRule(row["canonical"], row["variant"], row["scope"], row["note"], line)
        )

    path = root / "departments.csv"
    for line, row in _read_csv(path, ("abbr", "canonical", "bureau", "section", "note")):
        _need(path, line, row, "abbr", "note")
        rules.departments.append(
            DepartmentFix(
                row["abbr"], row["canonical"], row["bureau"], row["section"], row["note"], line
            )
        )

    path = root / "kpi_direction.csv"
    for line, row in _read_csv(path, ("keyword", "direction", "note")):
        _need(path, line, row, "keyword", "direction", "note")
        if row["direction"] not in ("higher", "lower", "none"):
            raise RulesError(
                f"{path}:{line}: direction must be higher, lower or none, not {row['direction']!r}."
            )
        rules.kpi_directions.append(
            KpiDirection(row["keyword"], row["direction"], row["note"], line)
        )  # type: ignore[arg-type]

    path = root / "accepted_findings.csv"
    for line, row in _read_csv(path, ("code", "record", "line", "note")):
        _need(path, line, row, "code", "note")
        if not row["record"] and not row["line"]:
            raise RulesError(f"{path}:{line}: give the record (id or name) or the source line.")
        if row["line"] and not row["line"].isdigit():
            raise RulesError(f"{path}:{line}: line must be a number, not {row['line']!r}.")
        rules.accepted.append(
            Acceptance(
                row["code"],
                row["record"],
                int(row["line"]) if row["line"] else None,
                row["note"],
                line,
            )
        )

    rules.settings = _read_settings(root / "settings.toml")
    rules.parse = _parse_settings(rules.settings.get("parse", {}), root / "settings.toml")
    rules.pdf = settings_from(rules.settings.get("pdf"), str(root / "settings.toml"))
    return rules


def _read_settings(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: {exc}.") from exc


def _parse_settings(table: object, path: Path) -> ParseSettings:
    if not isinstance(table, dict):
        raise RulesError(f"{path}: [parse] must be a table.")
    known = {f.name: f for f in fields(ParseSettings)}
    updates: dict[str, object] = {}
    for key, value in table.items():
        if key not in known:
            raise RulesError(
                f"{path}: [parse] has no setting {key!r}; known: {', '.join(sorted(known))}."
            )
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise RulesError(f"{path}: [parse] {key} must be a list of strings.")
            value = tuple(value)
        updates[key] = value
    return replace(ParseSettings(), **updates)
