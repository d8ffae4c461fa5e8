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
    "parse.no_goal_headings": (
        WARN,
        "Plan content without a goal hierarchy: the document is read as one goal.",
    ),
    "parse.level_unread": (
        WARN,
        "Headings labelled like goals or policies (基本戦略1–3) read as neither: a level of the "
        "plan left out of the records.",
    ),
    "parse.value_not_number": (INFO, "A KPI or target value that is not a number; kept as text."),
    "parse.value_remark": (
        INFO,
        "A value printed with a second figure in parentheses (年3回（5年間で10回）); kept in *_raw.",
    ),
    "scope.table_unread": (
        WARN,
        "Lines with table cells or figures inside a goal, under a heading the parser did not "
        "recognise: no record took them.",
    ),
    "scope.table_outside": (
        INFO,
        "A table before or after the goals (an overview, a population table, an appendix): read "
        "as out of scope.",
    ),
    "scope.table_prose": (
        INFO,
        "A table under a caption that holds prose (役割分担: 主体 | 役割): read as out of scope.",
    ),
    "parse.two_figures": (
        INFO,
        "A value cell printing two figures (小75.7%/中64.9%): the first is the value, the rest "
        "are kept in *_others.",
    ),
    "parse.spaced_layout": (
        INFO,
        "A text rendering laid out with spaces (pdftotext -layout): cells placed by column.",
    ),
    # layout.*: what the PDF-to-text conversion did to the rows
    "layout.column_shift": (WARN, "A table row whose cells slipped a column; repaired."),
    "layout.row_joined": (INFO, "A table row whose cells wrapped onto the next line; joined."),
    "layout.table_repaired": (WARN, "A row of the abbreviation table was misaligned; repaired."),
    "layout.table_resumed": (INFO, "A table interrupted by footnotes resumes without its header."),
    "layout.header_missing": (INFO, "Rows before any header reuse the previous table's columns."),
    "layout.heading_level": (INFO, "Headings of the same kind printed at different levels."),
    "layout.duplicate_row": (
        ERR,
        "A row that repeats the key of an earlier one (a 略称 or footnote number printed twice): "
        "only the first is in the tables (a warning when the two rows are identical).",
    ),
    # variant.*: spellings of one thing
    "variant.merged": (
        INFO,
        "Spellings unified into one canonical form (by rules or normalization).",
    ),
    "variant.suspected": (WARN, "Spellings that may name one thing; no rule resolves them yet."),
    # relisted.*: ※再掲 rows and their originals
    "relisted.orphan": (ERR, "A ※再掲 row whose project is not listed earlier without the mark."),
    "relisted.original_later": (ERR, "A ※再掲 row whose original only comes later."),
    "relisted.variant_original": (
        WARN,
        "A ※再掲 row that matches its original only through a variant spelling.",
    ),
    "relisted.unmarked_repeat": (WARN, "A project listed again later without ※再掲."),
    "relisted.department_differs": (
        WARN,
        "A ※再掲 row whose department differs from its original's.",
    ),
    "relisted.flag_differs": (WARN, "A ※再掲 row whose ○ flag differs from its original's."),
    # abbreviation.*: 【所管課】 against the 略称対応表
    "abbreviation.unknown": (
        ERR,
        "A department abbreviation used in 【】 that the 略称対応表 does not list.",
    ),
    "abbreviation.spaced": (WARN, "A department abbreviation printed with a space inside 【】."),
    "abbreviation.unused": (INFO, "A 略称対応表 entry that no project uses."),
    "abbreviation.bad_fix": (ERR, "A rules/departments.csv fix that points at no table entry."),
    "abbreviation.repeated": (WARN, "A department printed twice in one 【】; it is listed once."),
    # kpi.*: KPIs and numeric targets
    "kpi.unit_mismatch": (WARN, "Baseline and target printed in different units."),
    "kpi.target_against_direction": (
        WARN,
        "A target on the wrong side of the baseline, with no footnote.",
    ),
    "kpi.target_explained": (
        INFO,
        "A target on the wrong side of the baseline that a footnote explains (named).",
    ),
    "kpi.cumulative_below_baseline": (
        WARN,
        "A cumulative (累計) indicator whose target is below its baseline.",
    ),
    "kpi.no_baseline": (
        INFO,
        "A baseline printed as a dash or 新規 (a new measure): no value, not compared.",
    ),
    "kpi.cell_year": (INFO, "A value printed with its own year, other than its column's."),
    "kpi.footnote_missing": (ERR, "A footnote marker with no footnote text."),
    "kpi.footnote_unreferenced": (WARN, "A footnote that no KPI or target refers to."),
    "kpi.target_repeated": (WARN, "A numeric target repeated from another goal."),
    "kpi.relisted_orphan": (ERR, "A KPI marked ※再掲 that repeats nothing."),
    "kpi.relisted_mismatch": (
        WARN,
        "A KPI marked ※再掲 whose values differ from the row it repeats.",
    ),
    # crossref.*: the plan against itself
    "crossref.example_not_in_list": (
        WARN,
        "An example in a policy's bullets that its own project list lacks.",
    ),
    "crossref.title_mismatch": (
        WARN,
        "An overview or caption title that differs from the heading's.",
    ),
    "crossref.unknown_policy": (
        WARN,
        "A KPI table or project list names a 取組方針 number the goal does not define.",
    ),
    "crossref.no_policy": (
        WARN,
        "KPIs or projects printed under no 取組方針 heading: published under 取組方針 0 of their goal.",
    ),
    # ocr.*: pages read from their image
    "ocr.page_read": (INFO, "A page without a text layer, read by OCR (with its confidence)."),
    "pdf.text_layer_unusable": (
        WARN,
        "A page whose text layer cannot be read (fonts without a ToUnicode map give unmapped "
        "codes): read by OCR like a scan.",
    ),
    "ocr.name_voted": (
        INFO,
        "A project or KPI name the plan prints more than once, read by OCR a character or two "
        "apart: the spelling read most surely is taken for every printing.",
    ),
    "ocr.word_repaired": (
        INFO,
        "A heading's label word, a table header word or an era name OCR misread by a character "
        "or two, repaired to the plan's own word.",
    ),
    "ocr.title_repaired": (
        INFO,
        "A goal or policy title OCR misread, repaired from where the plan repeats it, or "
        "cleared of specks read as marks.",
    ),
    "ocr.page_unread": (WARN, "A page without a text layer left unread (--no-ocr)."),
    "ocr.low_confidence": (WARN, "A line OCR read with low confidence: check the printed page."),
    "ocr.department_snapped": (
        INFO,
        "An OCR-read abbreviation one character from a 略称対応表 entry, snapped to it.",
    ),
    "ocr.number_repaired": (INFO, "A count OCR read with a period for a comma, repaired."),
    # rules.*
    "rules.stale_acceptance": (WARN, "An accepted finding that no longer occurs."),
    # municipality.*: which municipality a plan belongs to (plan-extract batch)
    "municipality.unknown": (
        WARN,
        "No municipality of the 全国地方公共団体コード list found for the plan: no metadata names "
        "one, and none is named in its title, cover or greeting.",
    ),
    "municipality.ambiguous": (
        WARN,
        "Several municipalities could be the plan's (a name they share, or several names as "
        "often); none was chosen.",
    ),
    "municipality.mismatch": (
        WARN,
        "The metadata's 全国地方公共団体コード is not a valid or listed code, or differs from the "
        "name it gives or from the municipality the plan's title names.",
    ),
    # corpus.*: the plans of a batch together
    "corpus.plan_failed": (ERR, "A plan of the batch could not be read; the batch went on."),
    "corpus.duplicate_plan": (
        WARN,
        "Two files of the batch are plans of the same kind of the same municipality; both kept.",
    ),
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
    params: dict[str, str | int] | None = None,
) -> Finding:
    """A finding of a catalogued code. Emitters go through `messages.finding`, which writes
    `message` and `hint` from the message catalogue's templates and `params`."""
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
        params=params or {},
    )
