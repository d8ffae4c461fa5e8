"""数値目標 and 重要業績評価指標 (KPI) tables → Indicator records.

Columns are found by their header words: the indicator (重要業績評価指標, 成果指標, 指標 …), the
baseline and target values, and where a plan prints them, the 取組方針 number, a unit column and
year columns (基準年度, 目標年度). Years come from a year column, from the header (`現状値
（令和4年度）`) or from a second header row (`（ＫＰＩ） | （2014年度） | （2019年度）`), unless a cell
prints its own (`（R2）`). A blank 取組方針 cell carries the number above; `<sup>n</sup>` or `※n`
after the indicator is a footnote marker; `※再掲` marks a repeat. A row that lost its blank
取組方針 cell, or has an extra empty cell before its indicator (a stray tab), is read back in place
(`layout.column_shift`). A baseline printed as a dash or 新規 is no value: `kpi.no_baseline`.

A cell that wraps in the print comes as a row of its own holding only the rest of the cell
(`新規就農者数 | ３人 | 年５人` then `（４０歳未満） | | `): rows are held until the next row shows
that they are complete, and such continuations are joined to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extract.models import Indicator, Line, LineRole, Value
from extract.parse import patterns as P
from extract.parse.context import ParseContext, Section
from extract.parse.numbering import read_numbering
from extract.parse.tables import cell, cell_to_departments, find_column, line_to_cells
from extract.parse.values import cell_to_value, header_to_year, label_to_year
from extract.settings import ParseSettings
from extract.text import format_number, join_wrapped

EMITS = (
    "parse.two_figures",
    "layout.column_shift",
    "parse.value_not_number",
    "parse.value_remark",
    "layout.row_joined",
    "kpi.no_baseline",
)

_HEADER_NOTE = re.compile(r"^[(（\[［【<＜].*[)）\]］】>＞]$")


@dataclass
class Pending:
    """A row read but not yet published: the next row may continue its cells."""

    cells: list[str]
    lines: list[Line]
    shift: int  # columns the row was moved to be read: +1 right (a cell lost), -n left
    policy_no: int | None
    goal_no: int | None = None  # from the row's own 基本目標 or `1-2` cell, else the table's
    # The row's own kind where a 区分 cell names it (`数値目標` / `KPI`), else the table's
    kind: Literal["numeric_target", "kpi"] | None = None


@dataclass
class IndicatorTable:
    kind: Literal["numeric_target", "kpi"]
    indicator_col: int
    baseline_col: int | None  # None: the table prints targets only (数値目標 | 目標値（R11）)
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
    baseline_year_col: int | None = None
    target_year_col: int | None = None
    interrupted: bool = False
    rows: int = 0  # rows read so far (the first may be the header's second row)
    pending: Pending | None = None
    value_cols: list[int] = field(default_factory=list)
    actual_col: int | None = None
    actual_year: int | None = None
    actual_label: str = ""
    department_col: int | None = None
    trend_col: int | None = None
    # A table that lists projects beside its KPIs (`… | 目標値 | 主な事業 | 担当課`, an A3 spread)
    project_col: int | None = None
    project_dept_col: int | None = None
    goal_col: int | None = None  # a KPI list apart from the goals: `基本目標 | 施策 | 指標 | …`
    # A 施策 column in a table of a goal's targets: it places the rows that a 区分 cell of
    # their own marks as KPIs (`区分 | 施策 | 指標 | …`, `KPI | 1-2 | …`).
    row_policy_col: int | None = None
    # The 区分 column whose cells name the rows' kinds, and the kind it named last: a blank
    # cell there is one merged down over the rows below it.
    kind_col: int | None = None
    row_kind: Literal["numeric_target", "kpi"] | None = None
    # The years the last row's year columns printed: a blank year cell under a printed one is
    # that cell merged down (`基準年度` printed once for two indicators)
    row_years: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    row_goal: int | None = None  # the goal the last row named (carried to rows that name none)
    policy_from_cell: bool = False  # the last policy was defined by a cell of this table
    last_project_line: int | None = None  # the line of the last project its cells made
    # Grid columns before the header's first named cell (the edge of a merged cell): rows
    # whose own leading cells are empty there are read without them.
    lead: int = 0
    header: list[str] = field(default_factory=list)  # the header's cells, wrapped parts joined
    units_in_names: bool = False  # a row's unit read in brackets after its name (`…（人）`)
    body: int = 0  # body rows read
    published: list[Indicator] = field(default_factory=list)  # the records its rows made


def _kind(
    cells: list[str], ctx: ParseContext
) -> tuple[Literal["numeric_target", "kpi"], int] | None:
    s = ctx.settings
    # (`KPIの考え方`: a column explaining each KPI names the table's kind, not its indicators)
    described = [i for i, c in enumerate(cells) if _describes(c)]
    kpi_col = find_column(cells, s.kpi_words, exclude=described)
    if kpi_col == 0 and _kind_by_place(cells, ctx) == "numeric_target":
        # `【数値目標】` over `評価指標 | 基準値 | 目標値`: where the table sits says which table it
        # is; the header word only names the indicator column
        return "numeric_target", 0
    if kpi_col is not None:
        return "kpi", kpi_col
    # (`基本目標 | 数値目標 | …`: a list of the goals' targets, each row naming its goal)
    first = int(len(cells) > 2 and P.match_text(cells[0]).replace(" ", "") in s.goal_words)
    if find_column(cells[first : first + 1], s.target_words) is not None:
        return "numeric_target", first
    fallback = find_column(cells, s.indicator_words, exclude=described)
    if fallback is None:
        return None
    # A header naming its column only 指標: where the table sits says which table it is.
    kind = _kind_by_place(cells, ctx)
    return (kind, fallback) if kind is not None else None


def _kind_by_place(cells: list[str], ctx: ParseContext) -> Literal["numeric_target", "kpi"] | None:
    """Which table a header that names no kind is, from where it sits: a goal's own indicators
    (■政策の目標指標 before its policies, no policy column) are its targets."""
    goal_level = not ctx.policy_no and find_column(cells, ctx.settings.policy_words) is None
    if ctx.section is Section.KPI and goal_level:
        return "numeric_target"
    if ctx.section is Section.KPI or (
        ctx.section in (Section.POLICIES, Section.OTHER, Section.PROSE) and ctx.policy_no
    ):
        return "kpi"
    if ctx.section in (Section.DIRECTION, Section.GOAL, Section.OTHER):
        return "numeric_target"
    return None


def _describes(header: str) -> bool:
    """`指標の説明`: a column of prose explaining the indicator, not the indicator's name."""
    return bool(P.DESCRIPTION_HEADER.search(P.match_text(header).replace(" ", "")))


def _blank_indicator(
    cells: list[str], ctx: ParseContext
) -> tuple[Literal["numeric_target", "kpi"], int] | None:
    """A header with a blank cell (or one naming no column) right before the first value
    column, whose cells name a baseline and a target: (kind, that cell's column)."""
    s = ctx.settings
    values = (*s.baseline_words, *s.actual_words)
    first = next((i for i in range(len(cells)) if find_column(cells[i : i + 1], values) == 0), 0)
    if not first or (
        find_column(cells, s.target_value_words) is None and _last_of_year_run(cells, first) is None
    ):
        return None  # (a target named, or a year's column for each year up to it)
    col = first - 1
    while (
        col > 0
        and (
            find_column(cells[col : col + 1], (*s.unit_words, *s.trend_words)) is not None
            or _describes(cells[col])
            # (`  | 前期目標値 | 現状値 | 今期目標値`: an earlier plan's target before the baseline)
            or find_column(cells[col : col + 1], s.target_value_words) is not None
            or _year_column(cells[col : col + 1], ("基準", "現状", "策定", "実績"), []) == 0
        )
    ):
        col -= 1  # `  | 単位 | 基準値`, `  | 方向 | 現状値`: a unit, trend or year column between
    unnamed = not cells[col] or (
        find_column(cells, s.target_value_words, exclude=[col]) is not None
        and not any(_figure(c) for c in cells[col + 1 :])
        and _names_no_column(cells[col], s)
    )
    if not unnamed or len([c for c in cells if c]) > 7:
        return None
    kind = _kind_by_place(cells, ctx)
    return (kind, col) if kind is not None else None


def _figure(header: str) -> bool:
    """A figure in a header cell outside its year: the row is values with their labels."""
    plain = P.TERM_ORDINAL.sub("", P.HEADER_YEARS.sub("", P.match_text(header)))
    return any(ch.isdigit() for ch in plain)


def _names_no_column(header: str, s: ParseSettings) -> bool:
    """A header word the settings do not know, before the values (`目標名`, `ＫＧＩ`, `達成目標`,
    or what OCR made of `ＫＰＩ`): no figure, no word of another column or of the outline —
    the indicator's column, as a blank cell there is."""
    key = P.match_text(header).replace(" ", "")
    # (目標 alone names the target column only where no other cell does: `目標名`, `達成目標`
    # before `目標値（R11）` name the indicator)
    words = [w for w in (*s.header_words(), *s.goal_words, *s.policy_words) if w != "目標"]
    return (
        0 < len(key) <= 12
        and not any(ch.isdigit() for ch in key)
        and not any(w in key for w in words)
    )


_POLICY_PATH = re.compile(r"^\s*([0-9０-９]{1,2})(?:\s*[-－‐]\s*([0-9０-９]{1,2}))?\s*$")


def _numbered_title(text: str) -> int | None:
    """The number of a goal cell printed with its title (`1　地域の仕事をつくる`, `Ⅱ　…`)."""
    found = read_numbering(P.strip_markup(text)) if text else None
    return found.number if found is not None and found.title and not found.word else None


def _targets_only(cells: list[str], indicator_col: int, target_col: int, ctx: ParseContext) -> bool:
    """A header of an indicator and its target alone (`数値目標 | 目標値（R11）`, a 単位 or 備考
    column beside): a table of targets with no baseline printed."""
    s = ctx.settings
    others = [
        c
        for i, c in enumerate(cells)
        if c
        and i not in (indicator_col, target_col)
        and find_column([c], (*s.unit_words, *s.remark_words, *s.trend_words)) is None
    ]
    return not others and target_col > indicator_col


def _year_column(cells: list[str], words: tuple[str, ...], exclude: list[int]) -> int | None:
    """A column of years (基準年度, 目標年度): a header with 年度 or 時点 but no 値."""
    for i, c in enumerate(cells):
        key = P.match_text(c).replace(" ", "")
        # `基準値 年度`: a sub-column of years under a value header merged across two
        sub = key.endswith(("年度", "年次", "時点"))
        if i in exclude or ("値" in key and not sub) or not any(w in key for w in words):
            continue
        if any(y in key for y in ("年度", "年次", "時点", "年")):
            return i
    return None


_BARE_YEAR = ("年度", "年次", "時点", "年")


def _later_year_column(cells: list[str], indicator_col: int) -> int | None:
    """`数値目標 | 令和5年度 | 令和11年度`: two value columns headed by a year alone, side by side
    right of the indicator — the later year's is the target (the earlier, the baseline)."""
    years = [
        (i, header_to_year(c)[0])
        for i, c in enumerate(cells)
        if i > indicator_col and P.ERA_YEAR.fullmatch(P.match_text(c).replace(" ", ""))
    ]
    if len(years) != 2 or years[1][0] != years[0][0] + 1:
        return None
    (_, first), (col, last) = years
    return col if first is not None and last is not None and last > first else None


def _last_of_year_run(cells: list[str], after: int) -> int | None:
    """`基準値（R5） | 実績値（R6） | R7 | R8 | … | R11`: a run of columns headed by a year alone
    right of the baseline, the years rising — a value set for each year, the last the plan's
    target (the years before it are milestones, no field)."""
    run: list[tuple[int, int]] = []
    for i in range(after + 1, len(cells)):
        year = header_to_year(cells[i])[0]
        if not P.ERA_YEAR.fullmatch(P.match_text(cells[i]).replace(" ", "")) or year is None:
            if run:
                break
            continue
        if run and (i != run[-1][0] + 1 or year <= run[-1][1]):
            return None
        run.append((i, year))
    return run[-1][0] if len(run) >= 3 else None


def _year_sub_column(header: str) -> bool:
    """`現状値 年度` (`現状値` merged over `年度 | 値`): the value's year, in a column of its own."""
    words = P.match_text(header).split()
    return len(words) > 1 and words[-1] in _BARE_YEAR


def _sub_year_of(cells: list[str], col: int | None, sub_years: list[int]) -> int | None:
    """The year column under the same merged header as value column `col` (`当初値 年度` for
    `当初値 値`)."""
    if col is None:
        return None
    head = P.match_text(cells[col]).split()[:-1]
    return next(
        (i for i in sub_years if head and P.match_text(cells[i]).split()[:-1] == head), None
    )


def _bare_year_column(cells: list[str], col: int) -> int | None:
    """`基準値 | 年度 | 目標値 | 年度`: a column headed by a year word alone, right of a value
    column, holds that value's years."""
    return col if P.match_text(cell(cells, col)).replace(" ", "") in _BARE_YEAR else None


def header_to_indicator_table(cells: list[str], ctx: ParseContext) -> IndicatorTable | None:
    s = ctx.settings
    filled = len([c for c in cells if c])
    if ctx.goal_no is None or filled < 2:
        return None
    lead = next((i for i, c in enumerate(cells) if c), 0)
    # (two cells: an indicator and its target, `数値目標 | 目標値（R11）`)
    two = filled == 2 and find_column(cells[lead + 1 :], s.target_value_words) is not None
    # (a unit or trend column first, `  | 方向 | 現状値`: the indicator's cell left blank before it)
    beside = P.match_text(cells[lead]).replace(" ", "") in (*s.unit_words, *s.trend_words)
    found = _kind(cells[lead:], ctx) if (filled >= 3 or two) and not beside else None
    if found is None:
        # `  | 現状値 | 目標値`, `施策 |  | 基準値 | 目標値`: the indicator column's header left
        # blank — where the table sits says which table it is
        blank = _blank_indicator(cells, ctx)
        if blank is None:
            return None
        kind, col = blank
        lead = min(lead, col)
        found = kind, col - lead
    cells = cells[lead:]
    kind, indicator_col = found
    # A baseline word that is not also an actual word first (策定時 before 実績値).
    baseline_only = tuple(w for w in s.baseline_words if w not in s.actual_words)
    sub_years = [i for i, c in enumerate(cells) if _year_sub_column(c)]
    baseline_col = find_column(cells, baseline_only, exclude=[indicator_col, *sub_years])
    # (not a 基本目標 column: its word holds 目標)
    labels = [
        i
        for i, c in enumerate(cells)
        if P.match_text(c).replace(" ", "") in (*s.goal_words, *s.policy_words)
    ]
    target_col = find_column(
        cells,
        s.target_value_words,
        exclude=[indicator_col, baseline_col or -1, *labels, *sub_years],
    )
    # (the first value column: the baseline, or an actual that stands for it, `直近値（R5）`)
    first_value = (
        baseline_col
        if baseline_col is not None
        else find_column(cells, s.actual_words, exclude=[indicator_col, *sub_years])
    )
    if target_col is not None and first_value is not None and target_col < first_value:
        # `前期目標値 | 現状値（R5） | 今期目標値（R11）`: a target printed before the baseline is
        # an earlier plan's (what the baseline was measured against); the plan's own follows it
        later = find_column(
            cells[first_value + 1 :],
            s.target_value_words,
            exclude=[i - first_value - 1 for i in (*labels, *sub_years) if i > first_value],
        )
        if later is not None:
            target_col = first_value + 1 + later
    if target_col is not None:
        # `中間目標（R8） | 最終目標（R11）`: the final target is the plan's; the milestone no field
        # (最終 and a year say it where the word after 最終 was misread: 最終日標（R11）)
        target_col = next(
            (
                i
                for i in range(target_col + 1, len(cells))
                if P.FINAL_TARGET in cells[i]
                and (
                    find_column(cells[i : i + 1], s.target_value_words) is not None
                    or header_to_year(cells[i])[0] is not None
                )
            ),
            target_col,
        )
    if target_col is None and baseline_col is None:
        target_col = _later_year_column(cells, indicator_col)
    if target_col is None and baseline_col is not None:
        target_col = _last_of_year_run(cells, baseline_col)
    if target_col is None:
        return None
    taken = [indicator_col, target_col, *([baseline_col] if baseline_col is not None else [])]
    actual_col = find_column(cells, s.actual_words, exclude=[*taken, *sub_years])
    if baseline_col is None:
        # `指標名 | 令和5年度 | 令和11年度（目標）`: a column that names only a year, before the
        # target (and before an 中間値), is the baseline
        # (not an earlier plan's target: `第２期目標値（R6）` names a year too)
        before = min(c for c in (target_col, actual_col) if c is not None)
        baseline_col = next(
            (
                i
                for i in range(indicator_col + 1, before)
                if header_to_year(cells[i])[0] is not None
                and find_column(cells[i : i + 1], s.target_value_words) is None
            ),
            None,
        )
    if baseline_col is None:
        # `R5実績 | 目標`: the only figure before the target is the baseline.
        baseline_col, actual_col = actual_col, None
    if baseline_col is None and not _targets_only(cells, indicator_col, target_col, ctx):
        return None
    taken = [c for c in (indicator_col, baseline_col, target_col, actual_col) if c is not None]
    policy_col = (
        find_column(cells, s.policy_words, exclude=[indicator_col]) if kind == "kpi" else None
    )
    row_policy_col = (
        find_column(cells, s.policy_words, exclude=[indicator_col]) if kind != "kpi" else None
    )
    goal_col = None
    if policy_col is not None:
        goal_col = find_column(
            cells[:policy_col], [w for w in s.goal_words if w not in s.policy_words]
        )
    unit_col = find_column(cells, s.unit_words, exclude=taken)
    department_col = find_column(cells, s.department_column_words, exclude=taken)
    trend_col = find_column(cells, s.trend_words, exclude=taken)
    # 主な事業 (and its 担当課) right of the values: the projects listed beside the KPIs
    project_col = next(
        (
            i
            for i in range(target_col + 1, len(cells))
            if (key := P.match_text(cells[i]).replace(" ", ""))
            and len(key) <= 8
            and (key.startswith(s.project_name_words) or any(w in key for w in s.project_words))
        ),
        None,
    )
    if project_col is None and indicator_col > 0:
        # `事業名 | 事業概要 | KPI | 基準値 | 目標値 | 担当課`: a project per row, its KPI beside it
        project_col = next(
            (
                i
                for i in range(indicator_col)
                if (key := P.match_text(cells[i]).replace(" ", ""))
                and len(key) <= 8
                and (key.startswith(s.project_name_words) or key in s.project_words)
                and not key.startswith(s.summary_words)
            ),
            None,
        )
    project_dept_col = None
    if project_col is not None:
        right = find_column(cells[project_col + 1 :], s.department_column_words)
        project_dept_col = project_col + 1 + right if right is not None else None
        if department_col is not None and department_col > project_col:
            department_col = None  # the 担当課 is the projects'
    b_year_col = _year_column(cells, ("基準", "現状", "策定", "実績"), taken)
    t_year_col = _year_column(cells, ("目標",), [*taken, b_year_col or -1])
    if b_year_col is None:
        b_year_col = _sub_year_of(cells, baseline_col, sub_years)
    if t_year_col is None:
        t_year_col = _sub_year_of(cells, target_col, sub_years)
    if b_year_col is None and baseline_col is not None:
        b_year_col = _bare_year_column(cells, baseline_col + 1)
    if t_year_col is None:
        t_year_col = _bare_year_column(cells, target_col + 1)
    b_year, b_label = (
        header_to_year(cells[baseline_col]) if baseline_col is not None else (None, "")
    )
    t_year, t_label = header_to_year(cells[target_col])
    a_year, a_label = header_to_year(cells[actual_col]) if actual_col is not None else (None, "")
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
        baseline_year_col=b_year_col,
        target_year_col=t_year_col,
        value_cols=[c for c in (baseline_col, actual_col, target_col) if c is not None],
        actual_col=actual_col,
        actual_year=a_year,
        actual_label=a_label,
        department_col=department_col,
        trend_col=trend_col,
        project_col=project_col,
        project_dept_col=project_dept_col,
        goal_col=goal_col,
        row_policy_col=row_policy_col,
        lead=lead,
        header=list(cells),
    )


def _value_label(text: str, s: ParseSettings) -> bool:
    """A row's first cell that says which value the row holds: a value word (`基準値（R5）`,
    `目標値`, `実績`) or a year alone (`R11`, `2029年度`)."""
    key = P.match_text(text).replace(" ", "")
    if not key or _figure(key):
        return False
    words = (*s.baseline_words, *s.actual_words, *s.target_value_words)
    return find_column([key], words) is not None or P.ERA_YEAR.fullmatch(key) is not None


def turned_row(cells: list[str], s: ParseSettings) -> bool:
    """A row of a table printed turned: led by a value's word or year, a figure after it
    (`目標値（R11） | 3,500人 | 52.0億円`)."""
    return _value_label(cell(cells, 0), s) and any(_figure(P.match_text(v)) for v in cells[1:])


def transposed_table(
    header: list[str], rows: list[list[str]], ctx: ParseContext
) -> tuple[list[str], list[list[str]]] | None:
    """A table printed turned (`区分 | 指標 | 指標` over `基準値（R5） | 値 | 值` and
    `目標値（R11） | 値 | 値`: the indicators across the header, a row for each value) as the
    table that lists an indicator a row — its header and its rows — where the header names no
    value column and two rows or more under it are each led by a value's word or year, hold a
    figure and stop within the header's columns; None where the table is no such table. `rows`
    are the lines below the header (the leading ones that qualify are taken)."""
    s = ctx.settings
    names = header[1:]
    if not names or not all(names) or any(_figure(P.match_text(n)) for n in names):
        return None
    values = (*s.baseline_words, *s.target_value_words, *s.actual_words)
    if any(P.match_text(h).replace(" ", "").startswith(values) for h in header):
        # (a header that names its value columns is read as printed; an indicator's name may
        # hold such a word inside it: 中間支援組織の登録団体数)
        return None
    taken: list[list[str]] = []
    for cells in rows:
        if not turned_row(cells, s) or len(cells) > len(header):
            break
        taken.append(cells + [""] * (len(header) - len(cells)))
    if len(taken) < 2:
        return None
    stub = header[0] if find_column(header[:1], s.indicator_words) is not None else ""
    turned = [stub or s.indicator_words[0], *(r[0] for r in taken)]
    return turned, [[name, *(r[i + 1] for r in taken)] for i, name in enumerate(names)]


def _drop_lead(cells: list[str], lead: int, width: int = 0) -> list[str]:
    """A row without the empty grid columns the header starts with — filled too where the row
    spans the header's whole grid (a row number under a blank header cell: `  | 指標 | …` over
    `1 | 創業件数 | …`)."""
    if lead and width and len(cells) == lead + width:
        return cells[lead:]
    n = 0
    while n < lead and n < len(cells) and not cells[n]:
        n += 1
    return cells[n:]


def _header_continues(cells: list[str], table: IndicatorTable) -> bool:
    """`（ＫＰＩ） | （2014年度） | （2019年度）` under the header: its second row."""
    filled = [c for c in cells if c]
    if not filled:
        return False
    for c in filled:
        text = P.match_text(c)
        if not (_HEADER_NOTE.match(text) or label_to_year(text) is not None):
            return False
        if label_to_year(text) is None and P.VALUE.match(text.strip("()（）")):
            return False
    return True


def _header_words(cells: list[str], table: IndicatorTable) -> bool:
    """A row under the header that only continues its words: no indicator, no figure, no
    year, short words in header columns (`位` of a wrapped `単位`)."""
    filled = [c for c in cells if c]
    if not filled or cell(cells, table.indicator_col) or len(cells) > len(table.header):
        return False
    for i, c in enumerate(cells):
        text = P.match_text(c)
        if not text:
            continue
        if len(text) > 6 or label_to_year(text) is not None or _HEADER_NOTE.match(text):
            return False
        if cell_to_value(text).value is not None or not cell(table.header, i):
            return False
    return True


def _year_from_cell(text: str) -> tuple[int | None, str]:
    label = "".join(P.match_text(text).strip("()（） ").split())
    return label_to_year(label), label


# What a unit column's cell holds: a counter or unit word, no figure
_UNIT_CELL = re.compile(r"[^\s0-9０-９.,、。()（）]{1,4}")


def _unnamed_unit_col(cells: list[str], table: IndicatorTable) -> int | None:
    """The last column, right of the values, where its header names nothing (blank, or a mark
    or a digit: a 単位 OCR read as `7`) and the row holds a unit word there: the row's unit
    column (`移住相談件数 | 184 | 300 | 件`)."""
    if not table.value_cols:
        return None
    col = max(table.value_cols) + 1
    head = P.match_text(cell(table.header, col)).strip()
    if col != len(cells) - 1 or (head and (len(head) > 1 or head.isalpha())):
        return None
    return col if _UNIT_CELL.fullmatch(P.match_text(cells[col]).strip()) else None


def row_to_indicator(line: Line, table: IndicatorTable, ctx: ParseContext) -> None:
    cells = _drop_lead(line_to_cells(line), table.lead, table.width)
    table.rows += 1
    heading = table.body == 0 and table.pending is None and table.rows <= 3
    if heading and _header_words(cells, table):
        # The rest of a header cell that wrapped (`単` + `位`), a page break inside it too.
        table.header = [
            join_wrapped([cell(table.header, i), cell(cells, i)])
            for i in range(max(len(table.header), len(cells)))
        ]
        taken = [c for c in (table.indicator_col, *table.value_cols) if c is not None]
        if table.unit_col is None:
            table.unit_col = find_column(table.header, ctx.settings.unit_words, exclude=taken)
        ctx.role(line, LineRole.TABLE_HEADER)
        return
    if heading and _header_continues(cells, table):
        if cells and label_to_year(P.match_text(cells[0])) is not None:
            # The merged indicator cell spans both header rows and the row starts with the
            # first value column's year: put it under that column.
            cells = [""] * min(table.value_cols) + cells
        columns = [(table.baseline_col, "baseline"), (table.target_col, "target")]
        if table.actual_col is not None:
            columns.append((table.actual_col, "actual"))
        for col, which in columns:
            year, label = _year_from_cell(cell(cells, col))
            if year is not None:
                setattr(table, f"{which}_year", year)
                setattr(table, f"{which}_label", label)
        ctx.role(line, LineRole.TABLE_HEADER)
        return
    shift = 0
    # Cells as printed, trailing empty ones too (an empty last column is no lost cell).
    printed = len(_drop_lead([c.strip() for c in line.cells], table.lead, table.width))
    if table.policy_col is not None and printed == table.width - 1 and len(cells) == printed:
        # The blank 取組方針 cell and its tab were lost: everything sits one column left.
        first = P.match_text(cell(cells, table.policy_col))
        if not P.POLICY_NO_CELL.match(first):
            cells = [""] + cells
            shift = 1
    elif extra := _extra_cells(cells, table):
        # A stray tab before the indicator: everything sits `extra` columns right.
        at = table.indicator_col
        cells = cells[:at] + cells[at + extra :]
        shift = -extra
    if _continues(cells, table):
        assert table.pending is not None
        pending = table.pending
        width = max(len(pending.cells), len(cells))
        pending.cells += [""] * (width - len(pending.cells))
        for i, text in enumerate(cells):
            if text:
                pending.cells[i] = join_wrapped([pending.cells[i], text])
        pending.lines.append(line)
        ctx.role(line, LineRole(table.kind))
        return
    flush_indicator(table, ctx)
    indicator_cell = cell(cells, table.indicator_col)
    if not indicator_cell:
        ctx.unparsed(line, "no_indicator", kind=table.kind)
        return
    kind = _row_kind(cells, table, ctx)
    policy_no = table.policy_no
    goal_no = table.row_goal
    policy_col = table.policy_col
    if kind == "kpi" and table.kind != "kpi":
        policy_col, policy_no = table.row_policy_col, ctx.policy_no
    elif kind == "numeric_target" and table.kind != "numeric_target":
        policy_col, policy_no = None, None
    if table.goal_col is not None and (g := _POLICY_PATH.match(cell(cells, table.goal_col))):
        goal_no = int(g.group(1))  # the row's own goal (a KPI list apart from the goals)
    elif table.goal_col is not None and (named := _numbered_title(cell(cells, table.goal_col))):
        goal_no = named  # `1　地域の仕事をつくる`: the goal's number and title
    if policy_col is not None:
        text = P.match_text(cell(cells, policy_col))
        number = P.POLICY_NO_CELL.match(text)
        path = _POLICY_PATH.match(text)
        if number:
            policy_no = P.token_to_int(number.group(1) or number.group(2))
        elif path and path.group(2):
            # `1-2`: policy 2 of goal 1 (a KPI list apart from the goals)
            goal_no, policy_no = int(path.group(1)), int(path.group(2))
        elif cell(cells, policy_col):
            ctx.unparsed(line, "policy_not_number")
            return
    if kind == table.kind:
        table.policy_no = policy_no
        table.row_goal = goal_no
    table.pending = Pending(cells, [line], shift, policy_no, goal_no, kind)
    table.body += 1
    ctx.role(line, LineRole(kind))


def _row_kind(
    cells: list[str], table: IndicatorTable, ctx: ParseContext
) -> Literal["numeric_target", "kpi"]:
    """A cell left of the indicator that holds only a kind word (`数値目標`, `ＫＰＩ`: a 区分
    column) says which record the row is, and the rows below whose cell there is blank (merged
    down); a table of one kind is read as its header says."""
    s = ctx.settings
    for i in range(table.indicator_col):
        key = P.match_text(cell(cells, i)).replace(" ", "")
        kind: Literal["numeric_target", "kpi"] | None = (
            "kpi" if key in s.kpi_words else "numeric_target" if key in s.target_words else None
        )
        if kind is not None:
            table.kind_col, table.row_kind = i, kind
            return kind
    if table.kind_col is not None and not cell(cells, table.kind_col) and table.row_kind:
        return table.row_kind  # (the 区分 cell merged down over this row)
    if (
        table.kind_col is not None
        and table.kind != "kpi"
        and table.row_policy_col is not None
        and _POLICY_PATH.match(P.match_text(cell(cells, table.row_policy_col)))
    ):
        # a 区分 cell that names neither kind (misread) on a row whose 施策 cell names a policy:
        # a goal's own target names none
        return "kpi"
    return table.kind


def _extra_cells(cells: list[str], table: IndicatorTable) -> int:
    """Empty cells a stray tab put before the indicator, in a row wider than its header: how
    many (0 when the row is not such a row)."""
    extra, at = len(cells) - table.width, table.indicator_col
    if extra <= 0 or any(cells[at : at + extra]):
        return 0
    indicator = P.match_text(cell(cells, at + extra))
    if not indicator or P.VALUE.match(indicator) or P.EMPTY_VALUE.match(indicator):
        return 0  # what would move into the indicator column is no indicator
    return extra


def _continues(cells: list[str], table: IndicatorTable) -> bool:
    """The rest of the row above: only the indicator (values empty), or only value cells."""
    if table.pending is None:
        return False
    if table.policy_col is not None and cell(cells, table.policy_col):
        return False
    indicator = cell(cells, table.indicator_col)
    values = [cell(cells, c) for c in table.value_cols]
    if indicator and not any(values):
        return True
    if not indicator and not any(values):
        # Only cells right of the values that the row above filled too (an 出典 or a
        # `KPIの考え方` of prose, wrapped onto a row of its own): that prose's rest
        filled = [i for i, c in enumerate(cells) if c]
        return bool(filled) and all(
            i > max(table.value_cols) and cell(table.pending.cells, i) for i in filled
        )
    return not indicator and any(values)


def indicator_marks(printed: str) -> tuple[str, bool, list[str], int | None]:
    """An indicator as printed → (its name, relisted, flags, footnote number): `※再掲`,
    `【戦略KPI】` / ★ / （新）, and a `※n` or `<sup>n</sup>` marker taken off the name."""
    relisted = bool(P.RELISTED.search(printed))
    text = P.ROW_NUMBER.sub("", P.RELISTED.sub(" ", printed)).strip()
    text, flags = P.split_flags(text)
    marker = P.MARKER.search(text) or P.NOTE_MARK.search(text) or P.SUP.search(text)
    footnote_no = int(next(g for g in marker.groups() if g)) if marker else None
    name = P.SUP.sub(" ", P.NOTE_MARK.sub("", P.MARKER.sub("", text))).strip()
    return name, relisted, flags, footnote_no


def _value_mark(text: str) -> tuple[str, int | None]:
    """A value cell with a note's marker after its figure (`31.5億円※1`, `72.0% ※3`,
    `120人 注2`): the figure, and the note's number (the marker is the indicator's)."""
    marker = P.MARKER.search(text)
    rest = text[: marker.start()] if marker else text
    if marker is None or not any(ch.isdigit() for ch in rest):
        return text, None
    return rest, int(next(g for g in marker.groups() if g))


def _relisted_in_remark(table: IndicatorTable, cells: list[str], ctx: ParseContext) -> bool:
    """`再掲（2-(2)）` in a 備考 cell: the row repeats an indicator listed under another policy
    (the mark is the remark's, the name printed bare)."""
    taken = [table.indicator_col, *table.value_cols]
    remark = find_column(table.header, ctx.settings.remark_words, exclude=taken)
    return remark is not None and bool(P.RELISTED.match(P.match_text(cell(cells, remark))))


def _unit_in_name(
    text: str, table: IndicatorTable, values: list[Value | None]
) -> tuple[str, str] | None:
    """(name, unit) of an indicator that prints its figures' unit in brackets after its name
    (`観光入込客数（万人）` over `48.6 | 55.0`): where the figures carry no unit of their own, and
    the header says so (`指標名（単位）`), the bracket ends as a unit does (`（件）`, `（百万円）`;
    not `（新）`, a mark, nor `（市調べ）`, a source), holds a dash alone (`（－）`: no unit), or
    a row above in the table printed its unit so."""
    m = P.UNIT_IN_NAME.match(text)
    figures = [v for v in values if v is not None and v.value is not None]
    if m is None or not figures or any(v.unit for v in figures):
        return None
    unit = P.match_text(m.group("unit")).strip()
    header = P.match_text(cell(table.header, table.indicator_col))
    # (a table that printed one unit so prints them all so: `（経営体）` below `（人）`)
    if "単位" in header or table.units_in_names or unit[-1] in P.UNIT_ENDS or _no_unit(unit):
        table.units_in_names = True
        return m.group("name"), "" if _no_unit(unit) else unit
    return None


def _no_unit(unit: str) -> bool:
    return bool(P.EMPTY_VALUE.match(unit.replace(" ", "")))


def _with_unit(value: Value, unit: str) -> Value:
    return value.model_copy(update={"unit": unit}) if value.value is not None else value


def _row_year(
    cells: list[str], table: IndicatorTable, which: Literal["baseline", "target"]
) -> tuple[int | None, str]:
    """The year of a row's baseline or target: its year column's cell, the one above where the
    cell is blank (merged down over the rows it dates), else the header's."""
    col = table.baseline_year_col if which == "baseline" else table.target_year_col
    header = (
        (table.baseline_year, table.baseline_label)
        if which == "baseline"
        else (table.target_year, table.target_label)
    )
    if col is None:
        return header
    printed = cell(cells, col)
    if (found := _year_from_cell(printed))[0] is not None:
        table.row_years[which] = found
        return found
    if not printed and which in table.row_years:
        return table.row_years[which]
    return header


def _dated_in_name(text: str) -> tuple[str, Value] | None:
    """(name, baseline) of an indicator that prints its baseline dated in a bracket after its
    name (`市内総生産（R3：2,865億円）` in a `指標 | 目標（R11）` table): a figure and a year both —
    `（１世帯当たり）`, `（男性）` or a unit stay in the name."""
    m = P.BRACKET_AT_END.match(text)
    if m is None:
        return None
    value = cell_to_value(m.group("inner"))
    if value.value is None or value.year is None:
        return None
    return m.group("name"), value


def flush_indicator(table: IndicatorTable, ctx: ParseContext) -> None:
    """Publish the held row, if any."""
    pending, table.pending = table.pending, None
    if pending is None:
        return
    cells, line = pending.cells, pending.lines[0]
    indicator_cell = cell(cells, table.indicator_col)
    text, relisted, flags, footnote_no = indicator_marks(indicator_cell)
    relisted = relisted or _relisted_in_remark(table, cells, ctx)
    b_year, b_label = _row_year(cells, table, "baseline")
    t_year, t_label = _row_year(cells, table, "target")
    b_cell, b_note = _value_mark(cell(cells, table.baseline_col))
    t_cell, t_note = _value_mark(cell(cells, table.target_col))
    a_cell, a_note = _value_mark(cell(cells, table.actual_col))
    if footnote_no is None:
        footnote_no = b_note or t_note or a_note
    baseline = cell_to_value(b_cell, b_year, b_label)
    target = cell_to_value(t_cell, t_year, t_label)
    actual = (
        cell_to_value(a_cell, table.actual_year, table.actual_label)
        if table.actual_col is not None
        else None
    )
    if baseline.value is None and not baseline.text and (dated := _dated_in_name(text)):
        text, baseline = dated
    unit_col = table.unit_col if table.unit_col is not None else _unnamed_unit_col(cells, table)
    unit = P.match_text(cell(cells, unit_col))
    if unit and not P.EMPTY_VALUE.match(P.match_text(unit).replace(" ", "")):
        # A unit column gives the unit of the numbers; a unit printed in the cell wins.
        if baseline.value is not None:
            baseline = baseline.model_copy(update={"unit": baseline.unit or unit})
        if target.value is not None:
            target = target.model_copy(update={"unit": target.unit or unit})
        if actual is not None and actual.value is not None:
            actual = actual.model_copy(update={"unit": actual.unit or unit})
    elif (found := _unit_in_name(text, table, [baseline, target, actual])) is not None:
        text, unit = found
        baseline, target = _with_unit(baseline, unit), _with_unit(target, unit)
        actual = _with_unit(actual, unit) if actual is not None else None
    departments = cell_to_departments(cell(cells, table.department_col), ctx.norm)
    goal_no = pending.goal_no or table.goal_no
    kind = pending.kind or table.kind
    key = (
        "indicator",
        kind,
        goal_no,
        pending.policy_no if kind == "kpi" else None,
    )
    record = Indicator(
        source_line=line.no,
        source_page=line.page,
        kind=kind,
        goal_no=goal_no,
        policy_no=pending.policy_no,
        seq=ctx.next_seq(key),
        indicator=ctx.norm.name(text),
        indicator_raw=text,
        baseline=baseline,
        target=target,
        footnote_no=footnote_no,
        relisted=relisted,
        actual=actual,
        flags=flags,
        departments=departments,
        direction=P.cell_to_trend(P.match_text(cell(cells, table.trend_col))),
    )
    (ctx.plan.kpis if kind == "kpi" else ctx.plan.numeric_targets).append(record)
    table.published.append(record)
    report_indicator(record, pending.shift, pending.lines, ctx)


# `基準値は令和５年度`, `目標値：R11`: a value column's word and the year a note gives it
_NOTE_YEAR = re.compile(
    r"(?P<word>[^\s、。，,はが：:]{2,6})\s*(?:は|が|[:：])\s*"
    r"(?P<year>(?:令和|平成|[RH])\s*(?:[0-9０-９]{1,2}|元)\s*年度?末?|[0-9０-９]{4}\s*年度?末?)"
)


def note_to_years(text: str, table: IndicatorTable, ctx: ParseContext) -> bool:
    """`※基準値は令和５年度、目標値は令和11年度の値です。` under a table whose header prints no
    year: the year of each column the note names, given to the values its rows read with
    none of their own (a cell's own year stays) and to the rows still to come."""
    s = ctx.settings
    found = False
    for m in _NOTE_YEAR.finditer(P.match_text(text)):
        word = m.group("word")
        label = "".join(m.group("year").split())
        year = label_to_year(label)
        if year is None:
            continue
        which = (
            "baseline"
            if word in s.baseline_words
            else "target"
            if word in s.target_value_words
            else "actual"
            if word in s.actual_words
            else None
        )
        if which is None or getattr(table, f"{which}_year") is not None:
            continue  # (a header's own year is not overridden by a note)
        setattr(table, f"{which}_year", year)
        setattr(table, f"{which}_label", label)
        for record in table.published:
            value = getattr(record, which)
            if value is not None and value.year is None:
                setattr(record, which, value.model_copy(update={"year": year, "year_label": label}))
        found = True
    return found


def report_indicator(record: Indicator, shift: int, lines: list[Line], ctx: ParseContext) -> None:
    """The findings a freshly read indicator row carries."""
    line = lines[0]
    where = {"record_id": record.record_id, "key": record.indicator}
    about = {"record_id": record.record_id, "indicator": record.indicator}
    if shift > 0:
        ctx.finding("layout.column_shift", line, {"form": "indicator_left", **about}, **where)
    elif shift < 0:
        params = {"form": "indicator_right", **about, "columns": -shift}
        ctx.finding("layout.column_shift", line, params, **where)
    if len(lines) > 1:
        joined = {"form": "indicator", **about, "lines": ",".join(str(ln.no) for ln in lines[1:])}
        ctx.finding("layout.row_joined", line, joined, **where)
    baseline = record.baseline
    new = bool(baseline.text) and bool(P.NEW_MEASURE.match(P.match_text(baseline.text)))
    if baseline.raw and baseline.value is None and (new or not baseline.text):
        # A dash or 新規: the plan says there is no baseline yet (not a value misread).
        target = record.target.raw or "—"
        params = {
            **({"form": "new"} if new else {}),
            **about,
            "raw": baseline.raw,
            "target": target,
        }
        ctx.finding("kpi.no_baseline", line, params, **where)
    for which, value in (("baseline", record.baseline), ("target", record.target)):
        if value.text and not (which == "baseline" and new):
            params = {**about, "which": which, "raw": value.raw}
            ctx.finding("parse.value_not_number", line, params, **where)
        figure = f"{format_number(value.value)}{value.unit}"
        if value.others:
            params = {**about, "which": which, "raw": value.raw, "others": value.others}
            ctx.finding("parse.two_figures", line, params | {"figure": figure}, **where)
        if value.remark:
            params = {**about, "which": which, "raw": value.raw, "remark": value.remark}
            ctx.finding("parse.value_remark", line, params | {"figure": figure}, **where)
