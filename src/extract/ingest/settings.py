"""Settings of the PDF ingest, kept apart from it so that loading rules does not import pdfplumber."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from extract.errors import RulesError


@dataclass(frozen=True)
class PdfSettings:
    """Tolerances are ratios of the font size, so they hold for 8pt footnotes and 16pt headings.
    rules/settings.toml [pdf] may override any of them."""

    dedupe_ratio: float = 0.15  # chars drawn twice (bold by overprinting) within this are one
    line_ratio: float = 0.5  # chars whose vertical middles are this close share a line
    space_ratio: float = 0.8  # a horizontal gap wider than this (no space glyph) is a space
    superscript_ratio: float = 0.85  # a char this much smaller than its line, and raised
    margin_ratio: float = 0.08  # top and bottom bands where running headers/footers live
    repeat_ratio: float = 0.5  # a band text on at least this share of pages is a running header
    heading_ratio: float = 1.15  # lines this much larger than body text are headings
    join_gap_ratio: float = 0.6  # wrapped lines closer than this are one paragraph
    jobs: int = 0  # processes; 0 = all cores
    parallel_min_pages: int = 12  # fewer pages are read in one process (start-up costs more)
    table_settings: dict[str, object] = field(
        default_factory=lambda: {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    )


def settings_from(table: object, where: str = "rules/settings.toml") -> PdfSettings:
    """[pdf] of rules/settings.toml → PdfSettings; an unknown key is a RulesError."""
    if table is None:
        return PdfSettings()
    if not isinstance(table, dict):
        raise RulesError(f"{where}: [pdf] must be a table.")
    known = {f.name for f in fields(PdfSettings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise RulesError(
            f"{where}: [pdf] has no setting {unknown[0]!r}; known: {', '.join(sorted(known))}."
        )
    return replace(PdfSettings(), **table)
