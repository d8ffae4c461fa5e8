"""事務事業一覧: one Project per row, with carry-down of the policy field and shifted-row repair.

A row prints as `政策分野 <tab> 事業名【所管課】※再掲 <tab> ○`. Blank field cells carry the
value above; rows whose leading tab was lost have the name in the first column (repaired, with a
`layout.column_shift` finding). The ○ flag column keeps whatever title the plan prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.models import Line, LineRole, Project
from extract.parse import patterns as P
from extract.parse.context import ParseContext
from extract.parse.tables import cell, find_column, line_to_cells

EMITS = ("layout.column_shift", "layout.table_resumed", "parse.no_department")


@dataclass
class ProjectTable:
    field_col: int | None  # None: the list has no 政策分野 column
    name_col: int
    dept_col: int | None  # None: the department is printed in 【】 inside the name cell
    flag_col: int | None
    relisted_col: int | None
    flag_title: str
    width: int
    goal_no: int
    policy_no: int | None
    carry_field: str = ""
    interrupted: bool = False


def header_to_project_table(cells: list[str], ctx: ParseContext) -> ProjectTable | None:
    s = ctx.settings
    name_col = None
    for i, text in enumerate(cells):
        key = P.match_text(text).replace(" ", "")
        if any(key.startswith(w) for w in s.project_name_words) and not key.startswith(
            s.field_words
        ):
            name_col = i
            break
    if name_col is None or ctx.goal_no is None:
        return None
    field_col = find_column(cells, s.field_words, exclude=[name_col])
    taken = [name_col] if field_col is None else [name_col, field_col]
    dept_col = find_column(cells, s.department_column_words, exclude=taken)
    relisted_col = find_column(cells, ("再掲",), exclude=taken)
    used = {name_col, field_col, dept_col, relisted_col}
    flag_col = next((i for i, c in enumerate(cells) if i not in used and c), None)
    flag_title = ctx.norm.name(cells[flag_col]) if flag_col is not None else ""
    return ProjectTable(
        field_col=field_col,
        name_col=name_col,
        dept_col=dept_col,
        flag_col=flag_col,
        relisted_col=relisted_col,
        flag_title=flag_title,
        width=len(cells),
        goal_no=ctx.goal_no,
        policy_no=ctx.policy_no,
    )


def _looks_like_name(text: str, table: ProjectTable) -> bool:
    return bool(text) and (table.dept_col is not None or "【" in text)


def row_to_project(line: Line, table: ProjectTable, ctx: ParseContext) -> None:
    cells = line_to_cells(line)
    name_cell = cell(cells, table.name_col)
    first = cell(cells, table.field_col)
    shifted = False
    # Leading tab lost: the name sits in the field column, the flag in the name column.
    if (
        table.field_col is not None
        and (not name_cell or P.FLAG_MARK.match(name_cell))
        and _looks_like_name(first, table)
    ):
        shift = table.name_col - table.field_col
        cells = [""] * shift + cells
        shifted = True
        name_cell = cell(cells, table.name_col)
    if not name_cell:
        if first and not any(cells[i] for i in range(len(cells)) if i != table.field_col):
            # A policy field printed on a row of its own: it heads the rows below.
            table.carry_field = first
            ctx.role(line, LineRole.PROJECT_FIELD)
            return
        ctx.unparsed(line, "a 事務事業一覧 row without a project name")
        return
    field_raw = cell(cells, table.field_col) or table.carry_field
    table.carry_field = field_raw

    relisted = any(P.RELISTED.search(c) for c in cells[table.name_col :])
    name_text = P.RELISTED.sub(" ", name_cell)
    departments_raw = ""
    if table.dept_col is not None:
        departments_raw = cell(cells, table.dept_col)
    else:
        brackets = list(P.DEPT_BRACKET.finditer(name_text))
        if brackets:
            last = brackets[-1]
            departments_raw = last.group(1)
            name_text = name_text[: last.start()] + " " + name_text[last.end() :]
    name_raw = name_text.strip()
    departments = [d for d in (ctx.norm.abbr(p) for p in P.DEPT_SPLIT.split(departments_raw)) if d]
    flag_cells = cells[table.name_col + 1 :]
    smart_city = any(P.FLAG_MARK.match(c) for c in flag_cells)

    goal_no, policy_no = table.goal_no, table.policy_no
    seq = ctx.next_seq(("project", goal_no, policy_no))
    project = Project(
        source_line=line.no,
        source_page=line.page,
        goal_no=goal_no,
        policy_no=policy_no,
        seq=seq,
        policy_field=ctx.norm.name(field_raw),
        policy_field_raw=field_raw,
        name=ctx.norm.name(name_raw),
        name_raw=name_raw,
        departments=departments,
        departments_raw=departments_raw,
        smart_city=smart_city,
        relisted=relisted,
    )
    ctx.plan.projects.append(project)
    ctx.role(line, LineRole.PROJECT)
    if shifted:
        ctx.finding(
            "layout.column_shift",
            f"Row of {project.project_id} starts one column early (its leading tab was lost): "
            f"read {name_raw!r} as the project and kept policy field {field_raw!r} from above.",
            line,
            record_id=project.project_id,
            hint="No action needed if the repair is right; otherwise correct the source row.",
            key=project.name,
        )
    if table.interrupted:
        table.interrupted = False
        ctx.finding(
            "layout.table_resumed",
            f"The project list of goal {goal_no} policy {policy_no} resumes after footnotes "
            f"without repeating its header.",
            line,
            record_id=project.project_id,
        )
    if not departments:
        ctx.finding(
            "parse.no_department",
            f"{project.project_id} {project.name} has no 【所管課】.",
            line,
            record_id=project.project_id,
            hint="Add the department in 【】 to the source row.",
            key=project.name,
        )
