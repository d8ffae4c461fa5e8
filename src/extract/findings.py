"""The catalogue of finding codes: stable names, default severity and what each means.

Checks create findings through `make()`, so a code that is not in the catalogue is a bug caught
at once, and the report can explain every code it shows.
"""

from __future__ import annotations

from extract.models import Finding, Severity

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, tuple[Severity, str]] = {
    # parse.*: lines and cells the parser could not place
    "parse.unparsed": (WARN, "A non-blank line that the parser could not place in any record."),
    "parse.no_department": (WARN, "A project row without a 【所管課】 department."),
    "parse.value_not_number": (INFO, "A KPI or target value that is not a number; kept as text."),
    "parse.unknown_policy": (
        WARN,
        "A list or KPI names a 取組方針 number the goal does not define.",
    ),
    "parse.no_records": (ERR, "No 基本目標 was found: the document may not be a strategy plan."),
    # layout.*: what the PDF-to-text conversion did to the rows
    "layout.column_shift": (WARN, "A table row whose cells slipped a column; repaired."),
    "layout.table_repaired": (WARN, "A row of the abbreviation table was misaligned; repaired."),
    "layout.table_resumed": (INFO, "A table interrupted by footnotes resumes without its header."),
    "layout.header_missing": (INFO, "Rows before any header reuse the previous table's columns."),
    "layout.heading_level": (INFO, "Headings of the same kind printed at different levels."),
    # variant.*: spellings of one thing
    "variant.merged": (
        INFO,
        "Spellings unified into one canonical form (by rules or normalization).",
    ),
    "variant.suspected": (WARN, "Spellings that may name one thing; no rule resolves them yet."),
    "layout.missing_cell": (WARN, "A cell that should hold a value is empty."),
}


def make(
    code: str,
    message: str,
    *,
    hint: str = "",
    line: int | None = None,
    page: int | None = None,
    record_id: str | None = None,
    key: str = "",
    severity: Severity | None = None,
) -> Finding:
    default, _ = CODES[code]
    return Finding(
        code=code,
        severity=severity or default,
        line=line,
        page=page,
        record_id=record_id,
        message=message,
        hint=hint,
        key=key,
    )
