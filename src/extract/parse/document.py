"""The parse stage's driver: Document → Plan.

It walks the lines once. Each line is, in this order of precedence: blank; a footnote; a table
header (which opens a table of the family it names); a heading (基本目標 n, 取組方針 n, or a
section named by its words); a row of the open table; a ・ bullet of the current 取組方針; prose.
Whatever fits none of these is a `parse.unparsed` finding with its line, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from extract.models import (
    Document,
    Footnote,
    Goal,
    Heading,
    HeadingKind,
    Line,
    LineRole,
    OverviewEntry,
    Plan,
    Policy,
    Severity,
)
from extract.normalize import Normalizer
from extract.parse import patterns as P
from extract.parse.context import ParseContext, Section
from extract.parse.departments import (
    DepartmentTable,
    header_to_department_table,
    line_to_captioned_legend,
    line_to_legend_departments,
    row_to_departments,
    split_joined_departments,
    table_to_departments,
)
from extract.parse.indicators import (
    IndicatorTable,
    flush_indicator,
    header_to_indicator_table,
    note_to_years,
    row_to_indicator,
    transposed_table,
)
from extract.parse.inline import (
    LIST_MARK,
    block_to_indicator,
    field_block,
    line_to_inline_indicator,
    reads_as_labelled_target,
    unread_field,
    wrapped_before_value,
)
from extract.parse.mentions import line_to_mentions
from extract.parse.numbering import Numbering, read_numbering
from extract.parse.outline import (
    Node,
    NodeKind,
    lines_to_outline,
    numbering_words,
    smudge,
    stain,
    unread_levels,
    without_label_after,
)
from extract.parse.projects import (
    ProjectTable,
    bracketed_abbreviations,
    bullet_to_project,
    header_to_project_table,
    item_goes_on,
    item_row_to_project,
    labelled_line_to_project,
    line_to_listed_projects,
    line_to_project_departments,
    name_is_complete,
    numbered_cells_to_project,
    row_to_project,
)
from extract.parse.sheets import document_to_sheet_lines
from extract.parse.structure import (
    add_direction_paragraph,
    bullet_to_action,
    heading_to_goal,
    heading_to_policy,
    line_to_footnote,
    line_to_overview,
)
from extract.parse.tables import cell, cell_to_departments, find_column, line_to_cells
from extract.parse.values import cell_to_value
from extract.settings import ParseSettings
from extract.text import ems, join_cells, join_wrapped

Table = ProjectTable | IndicatorTable | DepartmentTable
_STRONG_MARKS = ("■", "□", "◆", "【", "<b>", "●")
_OUT_OF_SCOPE = {Section.INTRO, Section.OTHER}
# Where an indicator's field printed on a line of its own is looked for (not in prose blocks)
_FIELD_SECTIONS = {Section.GOAL, Section.DIRECTION, Section.KPI, Section.POLICIES}
_SENTENCE_END = ("。", "．", ".", "！", "？", "：", ":")


def _title_column(text: str, title: str) -> float:
    """Where a heading line's title starts, in ems (after its indent, number and space); 0 where
    the title is not found as printed."""
    at = text.find(title[:4]) if title.strip() else -1
    return ems(text[:at]) if at > 0 else 0.0


EMITS = (
    "layout.duplicate_row",
    "layout.header_missing",
    "parse.no_goal_headings",
    "parse.level_unread",
    "parse.spaced_layout",
    "scope.table_unread",
    "scope.table_outside",
    "scope.table_prose",
)


_ROLE_COLUMNS = {
    "indicator": "indicator_col",
    "baseline": "baseline_col",
    "actual": "actual_col",
    "target": "target_col",
    "policy": "policy_col",
    "unit": "unit_col",
    "department": "department_col",
    "direction": "trend_col",
    "baseline_year": "baseline_year_col",
    "target_year": "target_year_col",
    "field": "field_col",
    "name": "name_col",
    "summary": "summary_col",
    "relisted": "relisted_col",
    "flag": "flag_col",
}


def table_profile(table: Table, cells: list[str], line: int) -> dict[str, object]:
    """A table's kind and the header text of each column role it found."""
    if isinstance(table, DepartmentTable):
        return {"kind": "departments", "first_line": line, "columns": {"abbr": "略称"}}
    kind = table.kind if isinstance(table, IndicatorTable) else "projects"
    lead = table.lead if isinstance(table, IndicatorTable) else 0
    named = cells[lead:]
    columns = {
        role: P.match_text(named[col])
        for role, attr in _ROLE_COLUMNS.items()
        if (col := getattr(table, attr, None)) is not None and col < len(named)
    }
    return {"kind": kind, "first_line": line, "columns": columns}


_TARGET_ARROW = re.compile(r"[0-9０-９][^。]*[→⇒➡➔][^。]*[0-9０-９]")


def _target_in_cells(cells: list[str], ctx: ParseContext) -> bool:
    """Figures on both sides of an arrow across the cells (`◎ | KPI：名 | 基準値250万人（R5）→ |
    目標値300万人（R11）`: a target line a layout of spaces cut at its gaps), the years that may
    head columns left out, or the cells joined a target whose values carry their words: a
    row's shape, never a header's."""
    joined = " ".join(c for c in cells if c)
    return bool(_TARGET_ARROW.search(P.ERA_YEAR.sub("", P.match_text(joined)))) or (
        ctx.goal_no is not None and reads_as_labelled_target(joined, ctx)
    )


def _unread_target(filled: list[str]) -> bool:
    """One cell with figures on both sides of an arrow, not a sentence: a target's shape."""
    return (
        len(filled) == 1
        and not P.heading_text(filled[0]).endswith("。")
        and bool(_TARGET_ARROW.search(filled[0]))
    )


def _after_caption(text: str, words: tuple[str, ...]) -> str:
    """What a caption's line prints after the caption (`【主な事業】Ａ事業、Ｂ事業` → the list)."""
    plain = P.strip_markup(text)
    for word in sorted(words, key=len, reverse=True):
        m = re.match(
            rf"^[【［\[＜<〈《(（]?\s*{re.escape(word)}\s*[】］\]＞>〉》)）:：]\s*(?P<rest>\S.*)$",
            plain,
        )
        if m:
            return m.group("rest").strip()
    return ""


def _spread(cells: list[str], below: list[str], own: Callable[[str], bool]) -> list[str]:
    """The header's first row as its merged cells print it: an empty cell right of a named one,
    with a word under it, is covered by the named cell (`基準値` over `数値 | 年度`) — unless
    that word names a column of its own (単位, 担当課)."""
    out: list[str] = []
    left = ""
    for i in range(max(len(cells), len(below))):
        top, word = cell(cells, i), cell(below, i)
        if top:
            left = top
        out.append(top or (left if word and not own(word) else ""))
    return out


_YEAR_HEADING = re.compile(r"[(（](?:目標|現状|基準|実績|見込み?)[)）]$")


def _names_project(text: str) -> bool:
    """A list item that names a project, not an action: `…事業` (or プロジェクト), its
    departments after it or not (`…推進事業（林務課・産業振興課）`)."""
    plain = P.match_text(P.LIST_ITEM.sub("", text, count=1))
    plain = P.RELISTED.sub("", plain).strip()  # `…事業［課］（再掲）`
    m = P.ENDS_WITH_DEPARTMENT.search(plain)
    name = plain[: m.start()] if m else plain
    return len(name) >= 4 and name.endswith(("事業", "プロジェクト"))


def _marked_project(text: str) -> bool:
    """A line marked as captions are (■ □ ◎), naming a project with its departments after it:
    a list's item (`■新規就農者支援事業（農林課）`), never a caption."""
    mark = P.CAPTION_MARKS.match(text.strip())
    rest = P.strip_markup(text).strip()
    return bool(
        mark
        and mark.group(0).strip()
        and rest
        and P.ENDS_WITH_DEPARTMENT.search(rest)
        and _names_project(rest)
    )


def _is_figure(text: str) -> bool:
    """A cell that holds a figure (`42件（R6）`, `1`), not a year heading a column (`2024年度`)."""
    if not text or len(text) > 30:
        return False  # a sentence, not a cell
    if P.ERA_YEAR.fullmatch(_YEAR_HEADING.sub("", P.match_text(text)).strip()):
        return False  # `R5`, `R11（目標）`: a year heading a column
    # (`第２期目標値（R6）`: a term's ordinal names a column, it counts nothing)
    value = cell_to_value(P.TERM_ORDINAL.sub("", text))
    return value.value is not None and len(value.unit) <= 5 and value.unit not in ("年度", "年")


def _inside_policy(node: Node) -> bool:
    """A KPI or project caption under a policy heading belongs to it, unless the print sets it
    at a higher level than the policy (a goal-wide list after the policies)."""
    parent = node.parent
    # through the headings inside a policy (基本事業1-1-2 over its list) up to the policy
    while parent is not None and parent.kind is NodeKind.HEADING and parent.numbering is not None:
        parent = parent.parent
    if parent is None or parent.kind is not NodeKind.POLICY:
        return False
    mine, theirs = node.line.heading_level, parent.line.heading_level
    return not (mine and theirs and mine < theirs)


class _Walker:
    def __init__(self, doc: Document, settings: ParseSettings, norm: Normalizer) -> None:
        plan = Plan(source_name=doc.source_name, source_format=doc.source_format, meta=doc.meta)
        self.ctx = ParseContext(plan=plan, settings=settings, norm=norm)
        self.table: Table | None = None
        self.last_project_table: ProjectTable | None = None
        self.outline = lines_to_outline(doc.lines, settings)
        # A goal or policy heading whose title may wrap onto the next line.
        self.wrapping: Goal | Policy | None = None
        self.wrap_ems = 0.0  # how wide that heading printed
        self.wrap_indent = 0  # and how far in (a text indenting every line indents both)
        self.wrap_hang = 0.0  # where its title starts, in ems (a rest set under it hangs there)
        self.last_footnote: Footnote | None = None  # the footnote on the line just read
        # Out-of-scope lines that hold table cells or figures: (line, reason), reported in runs.
        self.skipped: list[tuple[Line, str]] = []
        self.tables: list[dict[str, object]] = []  # each table read, with its column roles
        self.seen_goal = False
        self.goal_word = ""  # the word of the last goal heading (`重点目標`), for its own captions
        self.following: Line | None = None  # the next non-blank line (a header's second row)
        self.header_rest: int | None = None  # a header's second row, read with the first
        # how often each line's text is printed: a caption under every goal is no title's rest
        self.printed = Counter(ln.text.strip() for ln in doc.lines if not ln.is_blank)
        # a policy list's column of numbered titles, and the line its next row must be on
        self.policy_list: tuple[int, int] | None = None
        self.lines = doc.lines
        self.index = {ln.no: i for i, ln in enumerate(doc.lines)}
        self.field_rest: set[int] = set()  # the value lines of an indicator read one field a line
        self.target_rest: set[int] = set()  # the lines a wrapped target line went on onto
        self.section_title: int | None = None  # the line of a 節's title printed under its number

    # --- tables ---------------------------------------------------------------------------

    def open_table(self, cells: list[str], line_no: int = 0) -> bool:
        ctx = self.ctx
        if any(_is_figure(c) for c in cells) or _target_in_cells(cells, ctx):
            return (
                False  # a header names columns; a row with figures is a row (事業承継の相談件数 …)
            )
        table: Table | None = header_to_department_table(cells, ctx)
        # a baseline and a target under a caption no setting names (■まちづくりの目標), inside
        # a goal: the goal's indicators all the same
        unnamed = ctx.section is Section.OTHER and ctx.goal_no is not None
        if table is None and (ctx.section not in _OUT_OF_SCOPE or unnamed):
            # Tables of other chapters (population vision, appendices) are out of scope.
            table = header_to_indicator_table(cells, ctx)
            if table is None and not unnamed:
                table = header_to_project_table(cells, ctx)
            if table is None and self._one_cell_more_below(cells):
                # `基準値 | 目標値` over `指標 | 12人 | 15人`: the indicator column's header cell
                # was left blank, and the print dropped it
                cells = ["", *cells]
                table = header_to_indicator_table(cells, ctx)
        if table is None and ctx.goal_no is None and self.outline.goal_at:
            table = self._overview_targets(cells)
        if isinstance(table, ProjectTable) and self._lists_policies(cells, table.name_col):
            table = None  # `施策 | 内容 | 担当課` over numbered titles: the goal's policies
        if table is None:
            return False
        if isinstance(table, IndicatorTable) and (joined := self._header_below(cells)):
            # `KPI | R5 | R11` over `  | 実績値 | 目標値`: the second row of the open header, not a
            # table of its own (its years would be lost) — read the two rows as one header
            table, cells = joined
            self.table = table
            first = self.tables[-1]["first_line"]
            self.tables[-1] = table_profile(table, cells, first if isinstance(first, int) else 0)
            return True
        self.close_table()
        self.table = table
        self.tables.append(table_profile(table, cells, line_no))
        if isinstance(table, ProjectTable):
            self.last_project_table = table
            if table.flag_title and table.flag_title not in ctx.plan.flag_column_titles:
                ctx.plan.flag_column_titles.append(table.flag_title)
        return True

    def _header_below(self, cells: list[str]) -> tuple[IndicatorTable, list[str]] | None:
        """The open indicator table's header, joined with `cells` when they are its second row:
        no row read yet, the indicator's cell blank, each word under a word of the header."""
        prev = self.table
        if not isinstance(prev, IndicatorTable) or prev.rows or prev.body or prev.pending:
            return None
        top = [""] * prev.lead + prev.header
        if cell(cells, prev.lead + prev.indicator_col):
            return None
        if any(c and not cell(top, i) for i, c in enumerate(cells)):
            return None
        merged = [" ".join(c for c in (t, cell(cells, i)) if c) for i, t in enumerate(top)]
        table = header_to_indicator_table(merged, self.ctx)
        return (table, merged) if table is not None else None

    def _overview_targets(self, cells: list[str]) -> IndicatorTable | None:
        """`基本目標 | 数値目標 | 基準値 | 目標値` before goals named only in an overview table:
        the goals' numeric targets, each row's goal named in its first cell (`1　地域の…`,
        printed once per goal)."""
        ctx, words = self.ctx, self.ctx.settings.goal_words
        key = P.match_text(cells[0]).replace(" ", "")
        if key == P.match_text(self.outline.goal_column).replace(" ", "") and words:
            cells = [words[0], *cells[1:]]  # the overview's own word for its goals
        elif key not in words:
            return None
        # (an indicator table is read inside a goal only: lend it the first; its rows name theirs)
        ctx.goal_no = next(iter(self.outline.goal_at.values())).ordinal
        try:
            table = header_to_indicator_table(cells, ctx)
        finally:
            ctx.goal_no = None
        if table is None or table.kind != "numeric_target" or table.indicator_col == 0:
            return None
        table.goal_col, table.row_goal = 0, None
        return table

    def two_row_header(self, line: Line, cells: list[str], spans: bool = False) -> bool:
        """A header whose roles are spread over two rows: `指標名 | 数値 |` over
        `| 現状値（R6） | 目標値（R12）` (a cell merged across the value columns). Read as one
        header, each column's words joined."""
        nxt, s = self.following, self.ctx.settings
        if nxt is None or len(nxt.cells) < 2 or any(_is_figure(c) for c in cells):
            return False
        if _target_in_cells(cells, self.ctx):
            return False
        if isinstance(self.table, IndicatorTable) and self.table.rows == 0:
            return False  # the open table's own second header row
        words = (*s.kpi_words, *s.indicator_words, *s.target_words)
        if not spans and find_column(cells, words) is None:
            return False  # the first row names the indicator column, or it is no header
        below = line_to_cells(nxt)
        merged = [
            " ".join(c for c in (top, cell(below, i)) if c).strip()
            for i, top in enumerate(_spread(cells, below, self._own_column))
        ]
        if header_to_indicator_table(merged, self.ctx) is None:
            return False  # only an indicator table's header spreads its roles so
        if not self.open_table(merged, line.no):
            return False
        self.ctx.role(line, LineRole.TABLE_HEADER)
        self.header_rest = nxt.no
        if isinstance(self.table, IndicatorTable):
            self.table.rows = 1  # its second row is read: the next is a body row
        return True

    def combined_row(self, line: Line, table: IndicatorTable) -> Line | None:
        """A row of a table that also names policies and projects (an A3 spread: `（１）農業の
        振興 | 新規就農者数 | 3人 | 5人 | 新規就農者支援事業 | 農林振興課`): the policy cell
        defines the policy (its wrapped rest goes on its title), the project cells make a
        project; the KPI cells are left for row_to_indicator (None: none are printed)."""
        ctx = self.ctx
        if table.lead or (table.project_col is None and table.policy_col is None):
            return line
        cells = line_to_cells(line)
        if table.policy_col is not None and (text := cell(cells, table.policy_col)):
            number = read_numbering(P.strip_markup(text), numbering_words(ctx.settings))
            if number is not None and number.title and not P.POLICY_NO_CELL.match(text):
                flush_indicator(table, ctx)  # a new policy ends the row read so far
                heading_to_policy(line, number.number, number.title, ctx, number.token)
                table.policy_from_cell = True
                cells[table.policy_col] = str(number.number)
            elif table.policy_from_cell and number is None and not P.POLICY_NO_CELL.match(text):
                policy = ctx.plan.policies[-1]  # `促進`: the rest of the title the cell wrapped
                policy.title_raw = join_wrapped([policy.title_raw, text])
                policy.title = ctx.norm.name(policy.title_raw)
                cells[table.policy_col] = ""
        last = ctx.plan.projects[-1] if ctx.plan.projects else None
        if table.project_col is not None and table.project_col < table.indicator_col:
            # the project's own columns left of the KPI (事業概要): no part of the KPI
            for i in range(table.project_col + 1, min(table.indicator_col, len(cells))):
                if i != table.policy_col and cell(cells, i) and cell(cells, table.project_col):
                    cells[i] = ""
        dept = cell(cells, table.project_dept_col)
        if (
            dept
            and last is not None
            and last.source_line == table.last_project_line
            and not [c for i, c in enumerate(cells) if c and i != table.project_dept_col]
        ):
            # `　|　|　|　|　| 企画政策課`: the department cell wrapped one name a line
            # (`企画政` | `策課`: a name the cell wrapped goes on; a whole name is the next)
            cut = last.departments_raw and not P.DEPARTMENT_END.search(last.departments_raw)
            last.departments_raw = (
                last.departments_raw + dept
                if cut
                else "、".join(p for p in (last.departments_raw, dept) if p)
            )
            last.departments = cell_to_departments(last.departments_raw, ctx.norm)
            ctx.role(line, LineRole.PROJECT_FIELD)
            return None
        if table.project_col is not None and (name := cell(cells, table.project_col)):
            dept = cell(cells, table.project_dept_col)
            item = replace(line, text=name, cells=(name,))
            flush_indicator(table, ctx)
            if (
                last is not None
                and last.source_line == table.last_project_line
                and not dept
                and not [c for i, c in enumerate(cells) if c and i != table.project_col]
                and not name_is_complete(last.name_raw)
            ):
                # `地域おこし協力隊活用` | `事業`: the cell wrapped onto a row of its own (a page
                # break between): one project
                last.name_raw = join_wrapped([last.name_raw, name])
                last.name = ctx.norm.name(last.name_raw)
            else:
                bullet_to_project(item, ctx, f"{name}（{dept}）" if dept else name)
            table.last_project_line = ctx.plan.projects[-1].source_line
            for col in (table.project_col, table.project_dept_col):
                if col is not None and col < len(cells):
                    cells[col] = ""
        if cells == line_to_cells(line):
            return line
        if not [c for i, c in enumerate(cells) if c and i != table.policy_col]:
            # only a policy, its title's rest or a project: no KPI on this row
            if line.no not in ctx.plan.line_roles:
                ctx.role(line, LineRole.HEADING)
            return None
        return replace(line, text=join_cells(cells), cells=tuple(cells))

    def _one_cell_more_below(self, cells: list[str]) -> bool:
        """The next row has one cell more than this one, a name before figures."""
        nxt = self.following
        if nxt is None or not cells or not cells[0]:
            return False
        below = [c for c in line_to_cells(nxt) if c]
        filled = [c for c in cells if c]
        return (
            len(below) == len(filled) + 1
            and not _is_figure(below[0])
            and any(_is_figure(c) for c in below[1:])
        )

    def _own_column(self, word: str) -> bool:
        s = self.ctx.settings
        key = P.match_text(word).replace(" ", "")
        words = (*s.unit_words, *s.department_column_words, *s.trend_words, "備考", "出典")
        return any(key == w for w in words)

    def spans_below(self, cells: list[str]) -> bool:
        """The next row names sub-columns under this row's cells merged across columns
        (`基準値 | ` over `数値 | 年度`): a word under an empty cell right of a named one."""
        nxt = self.following
        if nxt is None or any(_is_figure(c) for c in cells):
            return False
        below = line_to_cells(nxt)
        if any(_is_figure(c) for c in below):
            return False
        first = next((i for i, c in enumerate(cells) if c), len(cells))
        return any(
            b and not cell(cells, i) and i > first and len(P.match_text(b)) <= 8
            for i, b in enumerate(below)
        )

    def close_table(self) -> None:
        if isinstance(self.table, DepartmentTable):
            table_to_departments(self.table, self.ctx)
        elif isinstance(self.table, IndicatorTable):
            flush_indicator(self.table, self.ctx)
        self.table = None

    def resume_project_table(self, line: Line) -> ProjectTable | None:
        """Rows under a list caption with no header of their own reuse the last header."""
        ctx, last = self.ctx, self.last_project_table
        if ctx.section is not Section.PROJECTS or last is None or ctx.goal_no is None:
            return None
        table = ProjectTable(
            **{
                **last.__dict__,
                "goal_no": ctx.goal_no,
                "policy_no": ctx.policy_no,
                "carry_field": "",
                "last_line": None,
            }
        )
        ctx.finding(
            "layout.header_missing", line, {"goal": ctx.goal_no, "policy": ctx.policy_no or 0}
        )
        self.table = table
        return table

    def row(self, line: Line) -> bool:
        table = self.table
        single = len(line.cells) < 2
        if table is None and not single:
            table = self.resume_project_table(line) if "【" in line.text else None
        if table is None:
            return False
        if isinstance(table, ProjectTable):
            if single and "【" not in line.text:
                return False
            row_to_project(line, table, self.ctx)
        elif single:
            return False
        elif isinstance(table, IndicatorTable):
            rest = self.combined_row(line, table)
            if rest is not None:
                row_to_indicator(rest, table, self.ctx)
        else:
            row_to_departments(line, table, self.ctx)
        return True

    # --- headings -------------------------------------------------------------------------

    def heading(self, line: Line, text: str) -> bool:
        ctx, s = self.ctx, self.ctx.settings
        node = self.outline.node(line)
        if node is None:
            return False
        if node.kind is NodeKind.GOAL:
            self.seen_goal = True
            self.close_table()
            heading_to_goal(line, node.ordinal or node.number, node.title, ctx, node.token)
            self.goal_word = node.numbering.word if node.numbering else ""
            self.wrapping, self.wrap_ems = ctx.plan.goals[-1], ems(line.text.strip())
            self.wrap_indent = P.indent(line.text)
            self.wrap_hang = _title_column(line.text, ctx.plan.goals[-1].title_raw)
            return self._enter(line, Section.GOAL, HeadingKind.GOAL)
        if node.kind is NodeKind.POLICY and (goal := self.outline.goal_at.get(line.no)):
            # a goal named only in the overview table opens at its first policy
            self.seen_goal, self.goal_word = True, ""
            self.close_table()
            heading_to_goal(goal.line, goal.ordinal, goal.title, ctx, goal.token)
        if node.kind is NodeKind.POLICY and ctx.goal_no is not None:
            self.close_table()
            sections = tuple((n.token, n.title) for n in node.sections)
            new = heading_to_policy(line, node.ordinal, node.title, ctx, node.token, sections)
            if new or ctx.section not in (Section.PROJECTS, Section.KPI):
                self.wrapping = ctx.plan.policies[-1] if new else None
                self.wrap_ems = ems(line.text.strip())
                self.wrap_indent = P.indent(line.text)
                if new:
                    self.wrap_hang = _title_column(line.text, ctx.plan.policies[-1].title_raw)
                return self._enter(line, Section.POLICIES, HeadingKind.POLICY)
            ctx.plan.captions.append(
                OverviewEntry(
                    source_line=line.no,
                    source_page=line.page,
                    goal_no=ctx.goal_no,
                    policy_no=ctx.policy_no,
                    title=ctx.norm.name(node.title),
                )
            )
            return self._enter(line, ctx.section, HeadingKind.LIST_CAPTION)
        if node.kind is NodeKind.SECTION and ctx.goal_no is not None:
            # A 節 between goal and policies: what follows belongs to the next policy.
            self.close_table()
            ctx.policy_no = None
            nxt = self.following
            if not node.title and nxt is not None and self.outline.node(nxt) is None:
                # `（１）` alone, its title on the next line: the title its policies carry
                if len(title := line_to_cells(nxt)) == 1 and not title[0].endswith("。"):
                    node.title = without_label_after(P.strip_markup(title[0]).strip(), ctx.settings)
                    self.section_title = nxt.no
            return self._enter(line, Section.GOAL, HeadingKind.OTHER)
        if ctx.goal_no is None and node.kind is NodeKind.HEADING and not node.marked:
            return False  # outside the strategy a numbered line is only text
        if node.kind is NodeKind.END:
            # A later chapter: the strategy ends here.
            self.close_table()
            ctx.goal_no = ctx.policy_no = None
            return self._enter(line, Section.INTRO, HeadingKind.OTHER)
        key = P.caption_key(node.title if node.numbering is not None else text)
        own = P.OWN_CAPTION.match(key) or P.OWN_CAPTION_AFTER.match(key)
        if own and self.goal_word and own["word"] == self.goal_word and ctx.goal_no is not None:
            # `■重点目標１の数値目標` after the goal's policies: the goal's own caption
            if int(own["no"]) == ctx.goal_no:
                key, ctx.policy_no = own["rest"], None
        for section, words, exact in (
            (Section.DEPARTMENTS, s.department_words, False),
            (Section.PROJECTS, s.project_words, False),
            (Section.KPI, s.kpi_words, False),
            (Section.DIRECTION, s.direction_words, False),
            (Section.POLICIES, s.policy_words, True),
            (Section.DIRECTION, s.target_words, True),
            (Section.PROSE, s.prose_words, True),
        ):
            if any((key == w or key == w + "一覧") if exact else w in key for w in words):
                if section is not Section.DEPARTMENTS and ctx.goal_no is None:
                    break  # an introduction's heading that merely names a section
                self.close_table()
                if section in (Section.KPI, Section.PROJECTS) and not _inside_policy(node):
                    ctx.policy_no = None
                entered = self._enter(line, section, HeadingKind(f"section:{section.value}"))
                if section is Section.PROJECTS and (rest := _after_caption(text, words)):
                    # `【主な事業】Ａ事業、Ｂ事業`: the list printed on the caption's own line
                    item = replace(line, text=rest, cells=(rest,))
                    if not line_to_listed_projects(item, ctx):
                        bullet_to_project(item, ctx)
                return entered
        self.close_table()
        if node.numbering is not None and ctx.goal_no is not None:
            # A numbered heading inside a goal or policy: what follows stays where it is (a
            # sub-item `1-1-1` over its bullets inside a policy's project list stays in the list).
            section = Section.POLICIES if ctx.policy_no else Section.GOAL
            if ctx.section is Section.PROJECTS and ctx.policy_no and _inside_policy(node):
                section = Section.PROJECTS
            return self._enter(line, section, HeadingKind.OTHER)
        return self._enter(line, Section.OTHER if ctx.goal_no else Section.INTRO, HeadingKind.OTHER)

    def footnote_goes_on(self, line: Line, filled: list[str]) -> bool:
        """A footnote that wrapped: its next line, not a heading, a bullet or another note."""
        note, self.last_footnote = self.last_footnote, None
        if note is None or len(filled) != 1 or note.text_raw.endswith(("。", ".")):
            return False
        text = filled[0].strip()
        if (
            self.outline.node(line) is not None
            or P.BULLET.match(text)
            or P.FOOTNOTE.match(line.text)
            or P.PAGE_NUMBER.match(text)
        ):
            return False
        note.text_raw = note.text_raw + text
        note.text = self.ctx.norm.prose(note.text_raw)
        self.ctx.role(line, LineRole.FOOTNOTE)
        self.last_footnote = note
        return True

    def _policy_cell(self, cells: list[str], column: int | None = None) -> Numbering | None:
        """The one cell of a row that names a policy with its word, number and title
        (`主な施策４　移住・定住の促進`), or with its number and title alone in the column the
        header names with a policy word (`施策 | 内容` over `（１）茶業の振興 | …`)."""
        words = self.ctx.settings.policy_words
        if column is not None and P.NUMBER_ALONE.match(P.match_text(cell(cells, column)).strip()):
            # `（１） | 茶業の振興 | …`: the number and the title in two cells
            cells = [*cells[:column], "　".join(cells[column : column + 2]), *cells[column + 2 :]]
        found = [
            n
            for i, c in enumerate(cells)
            if c
            and (n := read_numbering(P.strip_markup(c), numbering_words(self.ctx.settings)))
            and (n.word in words or (i == column and not n.word))
            and n.title
        ]
        return found[0] if len(found) == 1 else None

    def _lists_policies(self, cells: list[str], column: int) -> bool:
        """A header whose column `column` a policy word names, over a row that numbers a title
        there: a list of policies (read by policy_row), not of projects."""
        below = line_to_cells(self.following) if self.following is not None else []
        return self._policy_column(cells) == column and self._policy_cell(below, column) is not None

    def _policy_column(self, cells: list[str]) -> int | None:
        """The column a policy-list header names with a policy word (`施策 | 内容 | 担当課`)."""
        words = self.ctx.settings.policy_words
        named = [P.caption_key(c).removesuffix("名称").removesuffix("名") for c in cells]
        return next((i for i, key in enumerate(named) if key and key in words), None)

    def policy_row(self, line: Line, filled: list[str]) -> bool:
        """A table that lists a goal's policies, a row each (`施策分野 | 主な施策 | 担当課` over
        `観光 | 主な施策３　観光資源の磨き上げ | 観光課`): each row defines its policy."""
        ctx = self.ctx
        if ctx.goal_no is None or ctx.section in _OUT_OF_SCOPE or len(filled) < 2:
            return False
        nxt = self.following
        cells = line_to_cells(line)
        if (column := self._policy_column(cells)) is not None:
            below = line_to_cells(nxt) if nxt is not None else []
            if self._policy_cell(below, column) is None:
                return False
            ctx.role(line, LineRole.TABLE_HEADER)  # the header of such a list
            self.policy_list = (column, nxt.no if nxt is not None else -1)
            return True
        column, row = self.policy_list or (None, -1)
        number = self._policy_cell(cells, column if row == line.no else None)
        if number is None:
            return False
        if row == line.no:
            self.policy_list = (column, nxt.no if nxt is not None else -1)  # the list goes on
        heading_to_policy(line, number.number, number.title, ctx, number.token)
        ctx.role(line, LineRole.HEADING)
        return True

    def wrapped_title(self, line: Line, filled: list[str]) -> bool:
        """The rest of a goal or policy title that wrapped onto the next line."""
        record, self.wrapping = self.wrapping, None
        if record is None or len(filled) != 1 or self.outline.node(line) is not None:
            return False
        if smudge(line):
            if not record.title_raw.strip():
                self.wrapping = record  # (a label alone: its title is under the stain)
            return False  # (a scan's stain under the heading)
        text = filled[0].strip()
        if P.BULLET.match(text) or text.endswith("。") or len(text) > 40:
            return False
        # a label printed alone (`基本目標１`) has its whole title on the next line
        ended = record.title_raw.endswith(("、", "・", "，"))
        if record.title_raw.strip() and not ended and not self._cut_short(line, text):
            return False
        alone = not record.title_raw.strip()
        # (the colon that stood between the label and its title: `基本目標１` over `：…`)
        text = P.strip_markup(text).lstrip(":：　 ") if alone else text
        record.title_raw = without_label_after(record.title_raw + text, self.ctx.settings)
        record.title = self.ctx.norm.name(record.title_raw)
        self.ctx.role(line, LineRole.HEADING)
        if record.title_raw.endswith(("、", "・", "，")):
            self.wrapping = record  # wrapped again
        elif alone:
            # the title below a label alone may fill its measure and go on too
            self.wrapping, self.wrap_ems = record, ems(line.text.strip())
            self.wrap_indent = P.indent(line.text)
        return True

    def _cut_short(self, line: Line, text: str) -> bool:
        """A heading that filled its measure and went on in a shorter line below it
        (`基本目標１　地域の産業を元気にし、安心して働ける` + `まちをつくる`): not a paragraph's first
        line (indented, or as wide as the measure), not a sentence's end, not a figure."""
        return (
            self.wrap_ems >= 16
            and ems(text) < self.wrap_ems * 0.8
            and (P.indent(line.text) <= self.wrap_indent or self._hangs(line))
            and not text.endswith(_SENTENCE_END)
            and not P.LIST_ITEM.match(text)
            and not P.FOOTNOTE.match(text)
            and not P.PAGE_NUMBER.match(text)
            and not P.SDGS_LINE.match(P.match_text(text))
            and not P.SUBTITLE.match(text.strip())
            and not P.looks_like_content(text)
            # (〔数値目標 and ©目指す姿 under each goal, their marks misread by OCR)
            and (self.printed[line.text.strip()] < 2 or bool(P.PARTICLE_FIRST.match(text)))
        )

    def _hangs(self, line: Line) -> bool:
        """A rest set in under the title's first character (`1.1　…新たな販路の` over `　　　開拓`,
        a hanging indent): further in than a paragraph's first line, within an em of where the
        heading's title starts."""
        lead = ems(line.text[: len(line.text) - len(line.text.lstrip(" 　"))])
        return lead >= 2 and abs(lead - self.wrap_hang) <= 1

    def _enter(self, line: Line, section: Section, kind: HeadingKind) -> bool:
        self.ctx.section = section
        self.ctx.headings.append(
            Heading(
                kind=kind,
                level=line.heading_level,
                line=line.no,
                page=line.page,
                text=P.heading_text(line.text),
            )
        )
        self.ctx.role(line, LineRole.HEADING)
        return True

    # --- the walk -------------------------------------------------------------------------

    def line(self, line: Line) -> None:
        ctx = self.ctx
        if line.is_blank:
            return
        cells = line_to_cells(line)
        filled = [c for c in cells if c]
        if line.no in self.outline.running:
            # a running head at a page break: furniture, and the page's last note ends there
            self.last_footnote = None
            ctx.role(line, LineRole.PAGE_FURNITURE)
            return
        if len(filled) == 1 and P.PAGE_NUMBER.match(filled[0]):
            # a page number the rendering kept (a footnote cut by it, a title wrapped at it, go
            # on after it)
            ctx.role(line, LineRole.PAGE_FURNITURE)
            return
        if self.wrapping is not None and self.wrapped_title(line, filled):
            return
        if line.no in self.target_rest:
            return  # (its role given with the record)
        if len(filled) == 1 and self.wrapped_target(line, filled[0]):
            return
        if ctx.open_item is not None and self.item_goes_on(line, filled):
            return
        ctx.open_item = None
        if line.no in self.outline.repeats:
            first = self.outline.repeats[line.no]
            params = {"form": "identical", "what": "row.heading", "first_line": first}
            text = P.heading_text(" ".join(filled))[:60]
            ctx.finding(
                "layout.duplicate_row", line, params | {"text": text}, severity=Severity.WARNING
            )
            ctx.role(line, LineRole.HEADING)
            return
        if self.footnote_goes_on(line, filled):
            return
        if len(filled) == 1 and line_to_captioned_legend(line, ctx):
            return
        if line_to_footnote(line, ctx):
            self.last_footnote = ctx.plan.footnotes[-1]
            if isinstance(self.table, IndicatorTable):
                flush_indicator(self.table, ctx)
                note_to_years(self.last_footnote.text_raw, self.table, ctx)
            if isinstance(self.table, ProjectTable | IndicatorTable):
                self.table.interrupted = True
            return
        if line.no in self.field_rest or (len(filled) == 1 and self.fields(line)):
            return
        if self.header_rest == line.no:
            self.header_rest = None
            ctx.role(line, LineRole.TABLE_HEADER)
            return
        if self.section_title == line.no:
            self.section_title = None
            ctx.role(line, LineRole.HEADING)
            return
        node = self.outline.node(line) if len(filled) == 2 else None
        if node is not None and node.numbering is not None and self.heading(line, " ".join(filled)):
            return  # (`(1) | 港湾物流と…` above a table's header: no header row of its own)
        if len(filled) >= 2 and self.spans_below(cells) and self.two_row_header(line, cells, True):
            return
        if len(filled) >= 2 and self.turned_table(line, cells):
            return
        if len(filled) >= 2 and self.open_table(cells, line.no):
            ctx.role(line, LineRole.TABLE_HEADER)
            return
        if len(filled) >= 2 and self.two_row_header(line, cells):
            return
        if self.table is None and ctx.section in _OUT_OF_SCOPE and line_to_overview(line, ctx):
            return
        # a heading, its label and title in two cells too (`取組方針２   港の…` laid out by spaces)
        labelled = len(filled) == 2 and self.outline.node(line) is not None
        if (len(filled) == 1 or labelled) and self.heading(line, " ".join(filled)):
            return
        if self.table is None and self.policy_row(line, filled):
            return
        if (
            ctx.section is Section.DEPARTMENTS
            and self.table is None
            and line_to_legend_departments(line, ctx)
        ):
            return
        if self.row(line):
            return
        if self.content(line):
            return
        if ctx.goal_no is not None and ctx.section not in _OUT_OF_SCOPE and _unread_target(filled):
            # figures on both sides of an arrow that no target or KPI took: say so
            ctx.unparsed(line, section=f"section.{ctx.section.value}")
        elif ctx.goal_no is not None and ctx.section in _FIELD_SECTIONS and unread_field(line, ctx):
            # `現状値：…` with no `指標：…` or no `目標値：…` beside it: an indicator's field
            # that made no record, said (not read as prose)
            ctx.unparsed(line, "fields", section=f"section.{ctx.section.value}")
        elif (
            (P.LIST_ITEM.match(line.text) or _marked_project(line.text))
            and ctx.policy_no
            and (
                ctx.section is Section.POLICIES
                # `●…事業［課］` right after a prose caption's text (＜役割分担＞): a project
                # the print lists with no caption of its own
                or (ctx.section is Section.PROSE and _names_project(line.text))
            )
        ):
            if _marked_project(line.text):
                # `■新規就農者支援事業（農林課）`: marked as a caption is, a department after it
                item = P.CAPTION_MARKS.sub("", P.strip_markup(line.text)).strip()
                bullet_to_project(line, ctx, item)
            elif _names_project(line.text):
                bullet_to_project(line, ctx)  # `◆町有林間伐推進事業（林務課）` with no caption
            else:
                bullet_to_action(line, ctx)
        elif self._direction_paragraph(filled):
            add_direction_paragraph(line, ctx)
            ctx.role(line, LineRole.BASIC_DIRECTION)
        elif ctx.section in _OUT_OF_SCOPE:
            ctx.role(line, LineRole.OUT_OF_SCOPE)
            ctx.plan.out_of_scope_lines += 1
            reason = (
                "unrecognised_section"
                if ctx.goal_no is not None
                else ("after_goals" if self.seen_goal else "before_goals")
            )
            scope = ctx.plan.out_of_scope
            scope[reason] = scope.get(reason, 0) + 1
            if len(filled) >= 2 or any(_is_figure(c) for c in filled):
                self.skipped.append((line, reason))
        elif ctx.section is Section.PROSE and len(filled) >= 2:
            # a table under a prose caption (役割分担: 主体 | 役割): prose set in cells
            ctx.role(line, LineRole.OUT_OF_SCOPE)
            ctx.plan.out_of_scope_lines += 1
            scope = ctx.plan.out_of_scope
            scope["prose_table"] = scope.get("prose_table", 0) + 1
            self.skipped.append((line, "prose_table"))
        elif len(filled) == 1 and P.heading_text(filled[0]).endswith("。"):
            ctx.role(line, LineRole.PROSE)
        elif len(filled) == 1 and len(P.heading_text(filled[0])) <= ctx.settings.max_heading_chars:
            if ctx.goal_no is not None and (m := P.BRACKETED_LETTER.match(filled[0])):
                # `(a)農業の振興`: a heading numbered in a way no level is read by, said (its
                # tables would go to the heading above it with no word)
                ctx.unparsed(line, "numbered_caption", token=m.group(1))
            else:
                ctx.role(line, LineRole.CAPTION)
        elif len(filled) == 1 and not P.looks_like_content(filled[0]):
            ctx.role(line, LineRole.PROSE)  # a paragraph line the rendering wrapped
        elif self._unread_header(filled):
            # `成果指標 | 当初 | 中間 | 最終`: the table's rows will be unplaced too; say why
            columns = " | ".join(filled[1:])[:60]
            ctx.unparsed(line, "indicator_header", columns=columns)
        else:
            ctx.unparsed(line, section=f"section.{ctx.section.value}")

    def _unread_header(self, filled: list[str]) -> bool:
        """A header that names an indicator column (指標, 成果指標) over value columns whose
        words name no baseline or target: an indicator table whose header was not understood."""
        s = self.ctx.settings
        words = (*s.indicator_words, *s.kpi_words, *s.target_words)
        return (
            len(filled) >= 2
            and P.caption_key(filled[0]) in words
            and not any(_is_figure(c) for c in filled)
        )

    def _furniture(self, line: Line) -> bool:
        """A page break's lines: a running head, a page number, a form feed's blank."""
        text = line.text.strip()
        return line.no in self.outline.running or bool(text and P.PAGE_NUMBER.match(text))

    def turned_table(self, line: Line, cells: list[str]) -> bool:
        """An indicator table printed turned — the indicators across its header, a row for each
        value (`区分 | 新規就農者数 | 認定農業者数` over `現状値（R5） | 年3人 | 112経営体`): read as the
        table it transposes, each indicator a row whose record sits on the first value line."""
        ctx = self.ctx
        if ctx.goal_no is None or ctx.section in _OUT_OF_SCOPE:
            return False
        at = self.index[line.no]
        below: list[Line] = []
        broken = False  # a page break between its rows is passed over: its page number, and
        for ln in self.lines[at + 1 : at + 10]:  # a running head of one cell right after it
            furniture = self._furniture(ln)
            # (and a scan's speck read between two rows: `|`, `}”`)
            if ln.is_blank or furniture or stain(ln) or (broken and len(ln.cells) < 2):
                broken = broken or furniture
                continue
            broken = False
            below.append(ln)
            if len(below) == 4:
                break
        found = transposed_table(cells, [line_to_cells(ln) for ln in below], ctx)
        if found is None or not self.open_table(found[0], line.no):
            return False
        header, rows = found
        table = self.table
        assert isinstance(table, IndicatorTable)
        ctx.role(line, LineRole.TABLE_HEADER)
        values = below[: len(header) - 1]
        for row in rows:
            row_to_indicator(replace(values[0], cells=tuple(row)), table, ctx)
        self.close_table()
        for value_line in values:
            ctx.role(value_line, LineRole(table.kind))
        self.field_rest |= {ln.no for ln in values}  # (their role given with the records)
        return True

    def fields(self, line: Line) -> bool:
        """A target or KPI printed one field a line (`指標：…` over `現状値：…`, `目標値：…`)."""
        ctx = self.ctx
        if ctx.goal_no is None or ctx.section in _OUT_OF_SCOPE:
            return False
        at = self.index[line.no]
        block = field_block(self.lines[at : at + 9], ctx, self._furniture)
        if block is None:
            return False
        self.close_table()
        kind = "kpi" if ctx.section is Section.KPI or ctx.policy_no else "numeric_target"
        block_to_indicator(block, kind, ctx)  # type: ignore[arg-type]
        self.field_rest = {ln.no for ln in block[1:]}
        return True

    def wrapped_target(self, line: Line, text: str) -> bool:
        """A target line a converter wrapped before its values (`◎ KPI：名　基準値` over
        `年4人（R5）→` over `目標値 年8人（R11）`): read with the one or two lines that carry
        them, as one record (each of its lines given the record's role)."""
        ctx = self.ctx
        if ctx.goal_no is None or ctx.section in _OUT_OF_SCOPE:
            return False
        if not wrapped_before_value(text, ctx):
            return False
        at = self.index[line.no]
        rest: list[Line] = []
        before = text
        for nxt in self.lines[at + 1 : at + 3]:
            mark = P.CAPTION_MARKS.match(nxt.text)
            if P.LIST_ITEM.match(nxt.text) or (mark and mark.group().strip()):
                break  # a list's next item is a line of its own (`◆…の目標` over `・…`, `■…`)
            cells = [c for c in line_to_cells(nxt) if c]
            # (a second line only where the first was cut again, or it holds a value alone:
            # `―　→ 目標値 5年間累計` over `60件（R11）`)
            if len(cells) != 1 or (rest and not wrapped_before_value(before, ctx)):
                if len(cells) != 1 or not _is_figure(cells[0]):
                    break
            rest.append(nxt)
            before = cells[0]
        kind = "kpi" if ctx.section is Section.KPI or ctx.policy_no else "numeric_target"
        for k in range(len(rest), 0, -1):
            if wrapped_before_value(P.strip_markup(rest[k - 1].text), ctx):
                continue  # (still cut before a value: no target yet)
            if isinstance(self.table, IndicatorTable):
                flush_indicator(self.table, ctx)
            if line_to_inline_indicator(line, kind, ctx, rest[:k]):  # type: ignore[arg-type]
                self.target_rest |= {ln.no for ln in rest[:k]}
                return True
        return False

    def content(self, line: Line) -> bool:
        """Inline targets (`…４０人（2014年度）→４５人（2019年度）`) and 主な事業 bullets."""
        ctx = self.ctx
        if ctx.goal_no is None or ctx.section in _OUT_OF_SCOPE:
            return False
        # Under a prose caption (現状と課題) only a listed target (`① 指標:76件 → 93件`) is one:
        # a sentence there may print a figure with an arrow.
        listed = ctx.section is Section.PROSE and bool(LIST_MARK.match(P.strip_markup(line.text)))
        if listed or ctx.section in (
            Section.DIRECTION,
            Section.GOAL,
            Section.KPI,
            Section.POLICIES,
        ):
            kind = "kpi" if ctx.section is Section.KPI or ctx.policy_no else "numeric_target"
            if isinstance(self.table, IndicatorTable):
                flush_indicator(self.table, ctx)  # its rows come first
            if line_to_inline_indicator(line, kind, ctx):  # type: ignore[arg-type]
                return True
        item = self.outline.items.get(line.no)
        if item is not None and ctx.section in (Section.KPI, Section.POLICIES):
            # a list right under a KPI table, numbered again below its heading: its projects
            self.close_table()
            ctx.section = Section.PROJECTS
        if ctx.section is Section.PROJECTS and numbered_cells_to_project(line, ctx):
            self.close_table()
            return True
        if ctx.section is Section.PROJECTS and (item is not None or P.LIST_ITEM.match(line.text)):
            self.close_table()
            bullet_to_project(line, ctx, item)
            return True
        if ctx.section is Section.PROJECTS and (
            labelled_line_to_project(line, ctx)
            or line_to_listed_projects(line, ctx)
            or item_row_to_project(line, ctx)
        ):
            self.close_table()
            return True
        words = ctx.settings.project_words
        if self.outline.node(line) is None and (rest := _after_caption(line.text, words)):
            # `＜主な事業＞Ａ事業【課】、Ｂ事業、…`: a caption and its list on one long line
            item = replace(line, text=rest, cells=(rest,))
            self.close_table()
            self._enter(line, Section.PROJECTS, HeadingKind("section:projects"))
            if not line_to_listed_projects(item, ctx):
                bullet_to_project(item, ctx)
            return True
        return ctx.section is Section.PROJECTS and line_to_project_departments(line, ctx)

    def next_content(self, after: Sequence[Line]) -> Line | None:
        """The next non-blank line within two, a page's foot and the next page's running head
        passed over (a header's second row printed at the next page's top)."""
        running = self.outline.running
        near = [
            ln for ln in after if ln.no not in running and not P.PAGE_NUMBER.match(ln.text.strip())
        ]
        return next((ln for ln in near[:2] if not ln.is_blank), None)

    def item_goes_on(self, line: Line, filled: list[str]) -> bool:
        """The rest of a listed project whose bracket its line left open, wrapped below it."""
        if (
            self.ctx.section is not Section.PROJECTS
            or len(filled) != 1
            or P.LIST_ITEM.match(line.text)
            or P.FOOTNOTE.match(line.text)
            or self.outline.node(line) is not None
        ):
            return False
        return item_goes_on(line, self.ctx)

    def _direction_paragraph(self, filled: list[str]) -> bool:
        """Prose under 基本的方向 — or, with no such heading, sentences right after the goal's."""
        ctx = self.ctx
        if ctx.goal_no is None or len(filled) != 1:
            return False
        if ctx.section is Section.DIRECTION:
            return True
        return ctx.section is Section.GOAL and P.heading_text(filled[0]).endswith("。")

    def one_goal(self, doc: Document) -> None:
        """Content but no goal hierarchy: read the whole document as one goal, and say so."""
        first = next(line for line in doc.lines if not line.is_blank)
        node = next((n for n in self.outline.nodes if n.marked or n.numbering), None)
        title = node.title if node is not None else doc.source_name.rsplit(".", 1)[0]
        heading_to_goal(first, 1, title, self.ctx)
        self.ctx.section = Section.GOAL
        self.ctx.finding(
            "parse.no_goal_headings",
            first,
            {"content": self.outline.content, "title": title},
            record_id="G1",
        )

    def report_unread_levels(self) -> None:
        """A labelled level of headings that became neither goals nor policies: said once, on
        its first heading, with the setting that names it."""
        outline = self.outline
        for run in unread_levels(outline, self.ctx.settings):
            first = run[0]
            word = first.numbering.word if first.numbering else ""
            params = {
                # a policy word: the hint names policy_level
                **({"form": "policy"} if word in self.ctx.settings.policy_words else {}),
                "word": word,
                "count": len({n.token for n in run}),
                "line": first.line.no,
                "text": P.heading_text(first.line.text)[:40],
                "goals": P.heading_text(outline.goals[0].line.text)[:40] if outline.goals else "",
            }
            self.ctx.finding("parse.level_unread", first.line, params)

    def report_skipped(self) -> None:
        """Runs of out-of-scope lines with cells or figures: a table inside a goal that no
        record took is a warning; one before or after the goals an info, so that no table is
        dropped in silence."""
        runs: list[list[tuple[Line, str]]] = []
        for line, reason in self.skipped:
            last = runs[-1][-1] if runs else None
            if last is not None and last[1] == reason and line.no - last[0].no <= 2:
                runs[-1].append((line, reason))
            else:
                runs.append([(line, reason)])
        for run in runs:
            first, reason = run[0]
            code = {
                "unrecognised_section": "scope.table_unread",
                "prose_table": "scope.table_prose",
            }.get(reason, "scope.table_outside")
            params = {
                "line": first.no,
                "lines": len(run),
                "last": run[-1][0].no,
                "reason": reason,
                "text": first.text.strip()[:60],
            }
            self.ctx.finding(code, first, params)

    def profile(self) -> dict[str, object]:
        """The plan's inferred profile: outline levels and the tables read (metadata.json)."""
        outline = self.outline

        def level(nodes: list[Node]) -> dict[str, object] | None:
            if not nodes:
                return None
            return {
                "scheme": nodes[0].scheme,
                "word": nodes[0].numbering.word if nodes[0].numbering else "",
                # headings printed again (over a project list) counted once
                "count": len({(n.parent.index if n.parent else -1, n.token) for n in nodes}),
                "first_line": nodes[0].line.no,
                "example": P.heading_text(nodes[0].line.text)[:40],
            }

        sections = [n for n in outline.nodes if n.kind is NodeKind.SECTION]
        kinds: dict[str, dict[str, object]] = {}
        for t in self.tables:
            key = f"{t['kind']}:" + "|".join(f"{r}={h}" for r, h in t["columns"].items())  # type: ignore[union-attr]
            if key in kinds:
                kinds[key]["count"] += 1  # type: ignore[operator]
            else:
                kinds[key] = {**t, "count": 1}
        # every numbered level the outline holds: what the review offers as goals or policies
        by_scheme: dict[str, list[Node]] = {}
        for n in outline.nodes:
            if n.numbering is not None and not n.caption:
                by_scheme.setdefault(n.scheme, []).append(n)
        levels = sorted(
            (found for nodes in by_scheme.values() if (found := level(nodes))),
            key=lambda lv: lv["first_line"],  # type: ignore[arg-type,return-value]
        )
        return {
            "goals": level(outline.goals),
            "sections": level(sections),
            "policies": level(outline.policies),
            "levels": levels,
            "tables": list(kinds.values()),
            "out_of_scope": dict(self.ctx.plan.out_of_scope),
        }

    def finish(self) -> Plan:
        self.close_table()
        split_joined_departments(self.ctx)
        bracketed_abbreviations(self.ctx)
        self.report_unread_levels()
        self.report_skipped()
        self.ctx.plan.profile = self.profile()
        return self.ctx.plan


def document_to_plan(
    doc: Document, settings: ParseSettings | None = None, norm: Normalizer | None = None
) -> Plan:
    settings = settings or ParseSettings()
    doc = document_to_sheet_lines(doc, settings)
    walker = _Walker(doc, settings, norm or Normalizer())
    if not walker.outline.goals and walker.outline.content:
        walker.one_goal(doc)
    if doc.spaced:
        first = next(line for line in doc.lines if not line.is_blank)
        walker.ctx.finding("parse.spaced_layout", first, {"source": doc.source_name})
    lines = doc.lines
    for i, line in enumerate(lines):
        walker.following = walker.next_content(lines[i + 1 : i + 8])
        walker.line(line)
        if not line.is_blank:
            line_to_mentions(line, walker.ctx)
    plan = walker.finish()
    plan.headings = walker.ctx.headings
    return plan
