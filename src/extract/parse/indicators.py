"""数値目標 and 重要業績評価指標 (KPI) tables → Indicator records.

Columns are found by their header words; the baseline and target years come from the header
(`現状値 （令和4年度）`) unless a cell prints its own (`（R2）`). A blank 取組方針 cell carries the
number above; `<sup>n</sup>` in the indicator is a footnote marker; `※再掲` marks a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extract.models import Indicator, Line, LineRole
from extract.parse import patterns as P
from extract.parse.context import ParseContext, Section
from extract.parse.tables import cell, find_column, line_to_cells
from extract.parse.values import cell_to_value, header_to_year

EMITS = ("layout.column_shift", "parse.value_not_number")


@dataclass
class IndicatorTable:
    kind: Literal["numeric_target", "kpi"]
    indicator_col: int
    baseline_col: int
    target_col: int
    policy_col: int | None
    unit_col: int | None
    baseline_year: int | None
    baseline_label: str
    target_year: int | None
    target_label: str
    goal_no: int
    policy_no: int | None
    width: int
    interrupted: bool = False


def header_to_indicator_table(cells: list[str], ctx: ParseContext) -> IndicatorTable | None:
    s = ctx.settings
    if ctx.goal_no is None or len([c for c in cells if c]) < 3:
        return None
    kpi_col = find_column(cells, s.kpi_words)
    target_words_col = find_column(cells[:1], s.target_words)
    kind: Literal["numeric_target", "kpi"]
    fallback = find_column(cells, ("指標",))
    if kpi_col is not None:
        kind, indicator_col = "kpi", kpi_col
    elif target_words_col is not None:
        kind, indicator_col = "numeric_target", 0
    elif ctx.section in (Section.KPI, Section.DIRECTION) and fallback is not None:
        # A header naming its column only 指標: the section says which table it is.
        kind = "kpi" if ctx.section is Section.KPI else "numeric_target"
        indicator_col = fallback
    else:
        return None
    baseline_col = find_column(cells, s.baseline_words, exclude=[indicator_col])
    target_col = find_column(
        cells, s.target_value_words, exclude=[indicator_col, baseline_col or -1]
    )
    if baseline_col is None or target_col is None:
        return None
    policy_col = (
        find_column(cells, s.policy_words, exclude=[indicator_col]) if kind == "kpi" else None
    )
    unit_col = find_column(cells, ("単位",), exclude=[indicator_col])
    b_year, b_label = header_to_year(cells[baseline_col])
    t_year, t_label = header_to_year(cells[target_col])
    return IndicatorTable(
        kind=kind,
        indicator_col=indicator_col,
        baseline_col=baseline_col,
        target_col=target_col,
        policy_col=policy_col,
        unit_col=unit_col,
        baseline_year=b_year,
        baseline_label=b_label,
        target_year=t_year,
        target_label=t_label,
        goal_no=ctx.goal_no,
        policy_no=ctx.policy_no if kind == "kpi" else None,
        width=len(cells),
    )


def row_to_indicator(line: Line, table: IndicatorTable, ctx: ParseContext) -> None:
    cells = line_to_cells(line)
    shifted = False
    if table.policy_col is not None and len(cells) == table.width - 1:
        # The blank 取組方針 cell and its tab were lost: everything sits one column left.
        first = P.match_text(cell(cells, table.policy_col))
        if not P.POLICY_NO_CELL.match(first):
            cells = [""] + cells
            shifted = True
    indicator_cell = cell(cells, table.indicator_col)
    if not indicator_cell:
        ctx.unparsed(line, f"a {table.kind} row without an indicator")
        return
    if table.policy_col is not None:
        number = P.POLICY_NO_CELL.match(P.match_text(cell(cells, table.policy_col)))
        if number:
            table.policy_no = P.token_to_int(number.group(1))
        elif cell(cells, table.policy_col):
            ctx.unparsed(line, "the 取組方針 column does not hold a number")
            return
    relisted = bool(P.RELISTED.search(indicator_cell))
    text = P.RELISTED.sub(" ", indicator_cell).strip()
    footnote = P.MARKER.search(text) or P.SUP.search(text)
    footnote_no = int(next(g for g in footnote.groups() if g)) if footnote else None
    text = P.SUP.sub(" ", P.MARKER.sub("", text)).strip()
    baseline = cell_to_value(
        cell(cells, table.baseline_col), table.baseline_year, table.baseline_label
    )
    target = cell_to_value(cell(cells, table.target_col), table.target_year, table.target_label)
    unit = cell(cells, table.unit_col)
    if unit:
        baseline = baseline.model_copy(update={"unit": baseline.unit or unit})
        target = target.model_copy(update={"unit": target.unit or unit})
    key = ("indicator", table.kind, table.goal_no, table.policy_no if table.kind == "kpi" else None)
    record = Indicator(
        source_line=line.no,
        source_page=line.page,
        kind=table.kind,
        goal_no=table.goal_no,
        policy_no=table.policy_no,
        seq=ctx.next_seq(key),
        indicator=ctx.norm.name(text),
        indicator_raw=text,
        baseline=baseline,
        target=target,
        footnote_no=footnote_no,
        relisted=relisted,
    )
    (ctx.plan.kpis if table.kind == "kpi" else ctx.plan.numeric_targets).append(record)
    ctx.role(line, LineRole(table.kind))
    if shifted:
        ctx.finding(
            "layout.column_shift",
            f"Row of {record.record_id} lost its first (取組方針) cell; read it one column right.",
            line,
            record_id=record.record_id,
            key=record.indicator,
        )
    for label, value in (("baseline", baseline), ("target", target)):
        if value.text:
            ctx.finding(
                "parse.value_not_number",
                f"{record.record_id} {label} {value.raw!r} is not a number; kept as text.",
                line,
                record_id=record.record_id,
                key=record.indicator,
            )
