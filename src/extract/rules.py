"""rules/: the declarative data a planning office edits (often in Excel), loaded once per run.

Every table is a UTF-8 CSV (a BOM from Excel is fine) with a header row and a `note` column that
says why the entry exists. A malformed file raises RulesError naming the file and line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from extract.errors import RulesError
from extract.settings import ParseSettings, PdfSettings, Settings, load_settings
from extract.text import unguard_formula


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


@dataclass(frozen=True)
class Rules:
    root: Path | None = None
    itaiji: dict[str, str] = field(default_factory=dict)
    variants: list[VariantRule] = field(default_factory=list)
    departments: list[DepartmentFix] = field(default_factory=list)
    kpi_directions: list[KpiDirection] = field(default_factory=list)
    accepted: list[Acceptance] = field(default_factory=list)
    # what OCR reads → what may have been printed (ocrwords.py: the dictionary decides)
    ocr_confusions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    @property
    def parse(self) -> ParseSettings:
        return self.settings.parse

    @property
    def pdf(self) -> PdfSettings:
        pdf = self.settings.pdf
        if pdf.header_words:
            return pdf
        return pdf.model_copy(update={"header_words": self.settings.parse.header_words()})

    def with_settings(self, settings: Settings) -> Rules:
        return replace(self, settings=settings)

    @property
    def templates(self) -> Path | None:
        """The office's own templates folder ([report] templates), or None."""
        name = self.settings.report.templates
        if not name:
            return None
        return (self.root / name) if self.root is not None else Path(name)


def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, dict); blank rows and rows starting with # are skipped."""
    if not path.exists():
        return []
    if not path.is_file():
        # a FIFO or a device would block or never end
        raise RulesError(f"{path}: not a regular file; a rules file is a CSV file.")
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
        _check_quotes(path, line, row, len(header))
        # a cell the review wrote guarded against Excel ('=1+1) reads as what was printed
        clean = {k: unguard_formula((v or "").strip()) for k, v in row.items()}
        if not any(clean.values()) or next(iter(clean.values()), "").startswith("#"):
            continue
        rows.append((line, clean))
    return rows


def _check_quotes(path: Path, end: int, row: dict[str, str], width: int) -> None:
    """csv reads an unclosed quote on to the end of the file: refuse it, don't swallow rows.
    A line break inside a note is Excel's Alt+Enter and fine, unless what follows it has the
    shape of rows."""
    for name, value in row.items():
        if not value or "\n" not in value:
            continue
        swallowed = value.split("\n")[1:]
        if name != "note" or any(part.count(",") >= width - 1 for part in swallowed):
            start = end - value.rstrip("\n").count("\n")
            raise RulesError(
                f"{path}:{start}: a quote opened on this line is not closed, so lines {start}–{end} "
                'read as one cell; close the quote (") or remove it.'
            )


def _need(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row.get(name):
            raise RulesError(f"{path}:{line}: column {name!r} is empty.")


def _file(root: Path, settings: Settings, key: str) -> Path:
    path = root / getattr(settings.files, key)
    if key in settings.files.named() and not path.is_file():
        raise RulesError(
            f"{root / 'settings.toml'}: [files] {key} names {path}, which does not exist."
        )
    return path


def load_rules(root: Path | None) -> Rules:
    """Load every rules file under `root` (a missing file is an empty table)."""
    if root is None:
        return Rules()
    if not root.is_dir():
        raise RulesError(f"{root}: rules folder not found.")
    settings = load_settings(root / "settings.toml")
    rules = Rules(root=root, settings=settings)
    if rules.templates is not None and not rules.templates.is_dir():
        raise RulesError(
            f"{root / 'settings.toml'}: [report] templates names {rules.templates}, which is "
            "not a folder."
        )

    path = _file(root, settings, "itaiji")
    for line, row in _read_csv(path, ("variant", "canonical", "note")):
        _need(path, line, row, "variant", "canonical", "note")
        if len(row["variant"]) != 1 or len(row["canonical"]) != 1:
            raise RulesError(f"{path}:{line}: itaiji entries map one character to one character.")
        if row["canonical"] in rules.itaiji or row["variant"] in rules.itaiji.values():
            raise RulesError(
                f"{path}:{line}: {row['variant']}→{row['canonical']} chains with another entry; map straight to the final form."
            )
        rules.itaiji[row["variant"]] = row["canonical"]

    path = _file(root, settings, "ocr_confusions")
    for line, row in _read_csv(path, ("read", "meant", "note")):
        _need(path, line, row, "read", "note")
        if len(row["read"]) > 2 or len(row["meant"]) > 2 or row["read"] == row["meant"]:
            raise RulesError(
                f"{path}:{line}: an OCR confusion maps one or two characters read to the one or "
                "two printed (or to nothing, for a character read that was not printed)."
            )
        known = rules.ocr_confusions.setdefault(row["read"], ())
        rules.ocr_confusions[row["read"]] = (*known, row["meant"])

    path = _file(root, settings, "variants")
    for line, row in _read_csv(path, ("canonical", "variant", "scope", "note")):
        _need(path, line, row, "canonical", "variant", "note")
        if row["variant"] in row["canonical"]:
            # 事業 → ツーリズム推進事業 would grow the text at every pass
            raise RulesError(
                f"{path}:{line}: the canonical spelling {row['canonical']!r} contains the variant "
                f"{row['variant']!r}; a rule rewrites the variant into the canonical, so give "
                "the whole differing spelling as the variant."
            )
        rules.variants.append(
            VariantRule(row["canonical"], row["variant"], row["scope"], row["note"], line)
        )

    path = _file(root, settings, "departments")
    for line, row in _read_csv(path, ("abbr", "canonical", "bureau", "section", "note")):
        _need(path, line, row, "abbr", "note")
        rules.departments.append(
            DepartmentFix(
                row["abbr"], row["canonical"], row["bureau"], row["section"], row["note"], line
            )
        )

    path = _file(root, settings, "kpi_direction")
    for line, row in _read_csv(path, ("keyword", "direction", "note")):
        _need(path, line, row, "keyword", "direction", "note")
        if row["direction"] not in ("higher", "lower", "none"):
            raise RulesError(
                f"{path}:{line}: direction must be higher, lower or none, not {row['direction']!r}."
            )
        rules.kpi_directions.append(
            KpiDirection(row["keyword"], row["direction"], row["note"], line)
        )  # type: ignore[arg-type]

    path = _file(root, settings, "accepted_findings")
    for line, row in _read_csv(path, ("code", "record", "line", "note")):
        _need(path, line, row, "code", "note")
        if not row["record"] and not row["line"]:
            raise RulesError(f"{path}:{line}: give the record (id or name) or the source line.")
        if row["line"] and not (row["line"].isascii() and row["line"].isdigit()):
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

    return rules
