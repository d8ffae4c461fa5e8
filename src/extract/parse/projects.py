"""事務事業一覧 and 主な事業 lists: one Project per row or bullet.

A row prints as `政策分野 <tab> 事業名【所管課】※再掲 <tab> ○`, or `事業名 <tab> 概要 <tab> 担当課`.
Blank field cells carry the value above. A row whose leading tab was lost has the name in the
first column, a row with an extra tab has it in the ○ or the 所管課 column: both are read back
in place, with a `layout.column_shift` finding (a row is never dropped for sitting a column
off). The ○ flag column keeps whatever title the plan prints. A cell that wraps onto a row of its own (`…ツアー実施` then `事業`) is
joined to the row above. Under a 主な事業 / 主な取組 caption, each ・ bullet is a project, with
its department in 【】 or in a trailing （…課）, and `【再掲】` before or `※再掲` after the name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from extract.models import Line, LineRole, Project
from extract.parse import patterns as P
from extract.parse.context import ParseContext, Section
from extract.parse.tables import cell, cell_to_departments, find_column, line_to_cells
from extract.text import join_wrapped, split_top_level, split_trailing_group

EMITS = ("layout.column_shift", "layout.row_joined", "layout.table_resumed", "parse.no_department")


# A field of a labelled line: `事業名：…`, `担当：…` (the label a short word before a colon)
_LABELLED_FIELD = re.compile(r"^(?P<label>[^:：\s]{1,6})\s*[:：]\s*(?P<value>\S.*)$")
# The gap before a labelled field on one line (`事業名：…　担当：…`, the space a PDF may narrow)
_FIELD_GAP = re.compile(r"\s+(?=[^:：\s]{1,6}\s*[:：])")


@dataclass
class ProjectTable:
    field_col: int | None  # None: the list has no 政策分野 column
    name_col: int
    dept_col: int | None  # None: the department is printed in 【】 inside the name cell
    flag_col: int | None
    relisted_col: int | None
    summary_col: int | None
    flag_title: str
    width: int
    goal_no: int
    policy_no: int | None
    carry_field: str = ""
    number_col: int | None = None  # `No.`: every row numbered, a row without one goes on above
    bureau_col: int | None = None  # `担当部 | 担当課`: the bureau printed in a column of its own
    carry_bureau: str = ""
    carry_dept: str = ""  # the department column first: its cell merged down its rows
    # `施策 | 事業名 | 担当課`: the policy's number printed once over its projects' rows
    policy_col: int | None = None
    carry_policy: int | None = None
    interrupted: bool = False
    last_line: int | None = None  # the line of the last project read from this table
    header_cells: list[str] = field(default_factory=list)
    more_dept_cols: list[int] = field(default_factory=list)  # `主担当課 | 関係課`: 関係課


def header_to_project_table(cells: list[str], ctx: ParseContext) -> ProjectTable | None:
    s = ctx.settings
    filled = [P.match_text(c).strip() for c in cells if c.strip()]
    if all(_LABELLED_FIELD.match(c) for c in filled):
        return None  # `事業名：… | 担当：…`: a project's labelled fields, no header's words
    name_col = None
    for i, text in enumerate(cells):
        key = P.match_text(text).replace(" ", "")
        # A header cell is a short label (事業名, 事務事業【所管課】), not 事業者との協定の締結…
        # nor a project whose name starts with the word (事業承継支援事業).
        words = [w for w in s.project_name_words if key.startswith(w)]
        if (
            any(_HEADER_REST.match(key[len(w) :]) for w in words)
            and not key.startswith(s.field_words)
            and len(key) <= 16
        ):
            name_col = i
            break
    if name_col is None:
        name_col = _name_column_by_place(cells, ctx)
    if name_col is None or ctx.goal_no is None:
        return None
    field_col = find_column(cells, s.field_words, exclude=[name_col])
    taken = [name_col] if field_col is None else [name_col, field_col]
    dept_col = find_column(cells, s.department_column_words, exclude=taken)
    relisted_col = find_column(cells, ("再掲",), exclude=taken)
    summary_col = find_column(cells, s.summary_words, exclude=[*taken, dept_col or -1])
    number_col = next(
        (i for i, c in enumerate(cells) if i < name_col and _NUMBER_HEADER.match(P.match_text(c))),
        None,
    )
    bureau_col = None
    if dept_col is not None and dept_col - 1 not in (*taken, -1):
        key = P.match_text(cells[dept_col - 1]).replace(" ", "")
        bureau_col = dept_col - 1 if _BUREAU_HEADER.match(key) else None
    policy_col = next(
        (i for i, c in enumerate(cells[:name_col]) if c and P.caption_key(c) in s.policy_words),
        None,
    )
    # `主担当課 | 関係課`: more columns of departments after the first, each cell the project's
    # departments too (the first column's come first)
    more_dept_cols = [
        i
        for i, c in enumerate(cells)
        if dept_col is not None
        and i > dept_col
        and i not in (*taken, relisted_col, summary_col, number_col)
        and _DEPT_HEADER.search(P.match_text(c).replace(" ", ""))
    ]
    used = {
        *more_dept_cols,
        name_col,
        field_col,
        dept_col,
        relisted_col,
        summary_col,
        number_col,
        bureau_col,
        policy_col,
    }
    # a cost column (事業費（千円）) prints figures, not the ○ of a flag column
    flag_col = next(
        (i for i, c in enumerate(cells) if i not in used and c and not _COST_HEADER.search(c)),
        None,
    )
    flag_title = ctx.norm.name(cells[flag_col]) if flag_col is not None else ""
    return ProjectTable(
        field_col=field_col,
        name_col=name_col,
        dept_col=dept_col,
        flag_col=flag_col,
        relisted_col=relisted_col,
        summary_col=summary_col,
        flag_title=flag_title,
        width=len(cells),
        goal_no=ctx.goal_no,
        policy_no=ctx.policy_no,
        number_col=number_col,
        bureau_col=bureau_col,
        policy_col=policy_col,
        more_dept_cols=more_dept_cols,
    )


_RELIST_MARK = re.compile(
    r"^\s*(?:[○◯●◎〇✓✔]|(?:再掲\s*[:：]?\s*)?[0-9]{1,2}(?:\s*[-－‐]\s*[0-9]{1,2}){1,3}|再掲)\s*$"
)
_COST_HEADER = re.compile(r"事業費|予算|金額|千円|万円|円\)|円）")
# a header naming a column of departments by its ending (関係課, 協力課, 関係部署, 所属)
_DEPT_HEADER = re.compile(r"(?:課|課名|部署|所属)$")
_BUREAU_HEADER = re.compile(r"^(?:担当|所管|主管)?(?:部局?|局)名?$")
_NUMBER_HEADER = re.compile(r"^(?:No|NO|no|№|(?:事業)?番号|通し番号|通番)\s*[.．]?$")


def _name_column_by_place(cells: list[str], ctx: ParseContext) -> int | None:
    """Under a project caption, a header that names a department column (`主な取組 | 担当課`,
    `具体的な取組 | 担当部署`): its first other column holds the names."""
    s = ctx.settings
    keys = [P.match_text(c).replace(" ", "") for c in cells]
    # (year columns of a schedule, `R6 | R7 | R8`, are no names)
    years = {i for i, k in enumerate(keys) if k and P.ERA_YEAR.fullmatch(k)}
    filled = [i for i, c in enumerate(cells) if c and i not in years]
    # elsewhere in a goal (right under a KPI table), a summary column must say it too
    # (or the name column's header is the list's caption itself: `主な事業 | 担当部局`)
    listed = (
        ctx.section is Section.PROJECTS
        or (ctx.goal_no is not None and find_column(cells, s.summary_words) is not None)
        or (bool(filled) and P.caption_key(cells[filled[0]]) in s.project_words)
    )
    if not listed or len(filled) < 2 or len(filled) > 5:
        return None
    values = (*s.baseline_words, *s.target_value_words, *s.indicator_words, *s.kpi_words)
    if find_column(cells, values) is not None:
        return None
    if any(
        len(k) > 12 or any(ch.isdigit() for ch in k) for i, k in enumerate(keys) if i not in years
    ):
        return None
    dept = find_column(cells, s.department_column_words)
    if dept is None or dept == filled[0]:
        return None
    return filled[0]


def _looks_like_name(text: str, table: ProjectTable) -> bool:
    return bool(text) and (table.dept_col is not None or "【" in text)


# What may follow the word in a name column's header (事業名, 事務事業【所管課】, 事業名（担当課）):
# a cell that goes on otherwise (事業承継支援事業, 事業者・自治会と…) is a row, not a header.
_HEADER_REST = re.compile(r"^(?:名|名称|一覧)?(?:【[^】]*】|[(（][^)）]*[)）])?$")


# Endings of a complete project name: a row that ends otherwise may wrap onto the next.
def name_is_complete(name: str) -> bool:
    """Whether a project name ends as names end (…事業, …補助金, …協議会), not cut by a wrap."""
    return bool(_NAME_ENDS.search(name.strip()))


_NAME_ENDS = re.compile(
    r"(事業|事業費|補助金|負担金|交付金|助成金|奨励金|給付金|委託|運営費|会議|計画|制度|"
    r"センター|協議会|委員会|プロジェクト|隊|費|金|[)）】」])$"
)


def _report_joined(last: Project, line: Line, ctx: ParseContext) -> None:
    ctx.finding(
        "layout.row_joined",
        line,
        {"project_id": last.project_id, "name": last.name, "next_line": line.no},
        record_id=last.project_id,
        key=last.name,
    )


def _wrapped(
    line: Line, cells: list[str], name_cell: str, table: ProjectTable, ctx: ParseContext
) -> bool:
    """The rest of the row above, printed on a row of its own: joined to that project."""
    last = ctx.plan.projects[-1] if ctx.plan.projects else None
    if last is None or table.last_line is None or last.source_line != table.last_line:
        return False
    others = [i for i, c in enumerate(cells) if c and i != table.name_col]
    dept = cell(cells, table.dept_col)
    # a row cut by a page break, every cell wrapped (`こども家庭センター運営事` | … |
    # `こども家庭課・健康推進` over `業` | … | `課`)
    cut_by_page = (
        line.page is not None
        and last.source_page is not None
        and line.page > last.source_page
        and not cell(cells, table.summary_col)
    )
    # a name wrapped in its cell, on a line of its own with the rest of the row's other cells
    # (`伝統工芸後継者育` | `職人への弟子入り` | `農林課` over `成事業` | `に対する…`): no
    # department of its own, or the rest of the one above (`情報政` + `策課`)
    wrapped_in_cell = bool(last.departments_raw) and (
        not dept or not P.DEPARTMENT_END.search(last.departments_raw)
    )
    if (
        name_cell
        and table.dept_col is not None
        and "【" not in name_cell
        and not name_is_complete(last.name_raw)
        and name_is_complete(last.name_raw + name_cell)
        and not cell(cells, table.field_col)
        and not cell(cells, table.number_col)
        and (cut_by_page or wrapped_in_cell)
    ):
        # one project, one department
        last.name_raw = join_wrapped([last.name_raw, name_cell])
        last.name = ctx.norm.name(last.name_raw)
        if dept:
            last.departments_raw = join_wrapped([last.departments_raw, dept])
            last.departments = cell_to_departments(last.departments_raw, ctx.norm)
        _report_joined(last, line, ctx)
        return True
    if table.number_col is not None and not cell(cells, table.number_col) and (name_cell or others):
        # a numbered list: a row without its number is the rest of the row above (cut by a
        # page break, or a cell wrapped onto a row of its own)
        if name_cell:
            last.name_raw = join_wrapped([last.name_raw, P.RELISTED.sub(" ", name_cell)])
            last.name = ctx.norm.name(last.name_raw)
            last.relisted = last.relisted or bool(P.RELISTED.search(name_cell))
        dept = cell(cells, table.dept_col)
        if dept and (bureau := cell(cells, table.bureau_col)):
            # a bureau and its section on the row: a second department, whole (`企画部 | 企画政策課`)
            last.departments_raw = f"{last.departments_raw}、{bureau} {dept}"
            last.departments = cell_to_departments(last.departments_raw, ctx.norm)
        elif dept:
            last.departments_raw = join_wrapped([last.departments_raw, dept])
            last.departments = cell_to_departments(last.departments_raw, ctx.norm)
        if line.page != last.source_page or name_cell:
            _report_joined(last, line, ctx)
        return True
    if (
        name_cell
        and table.dept_col is None
        and not last.departments_raw
        and "【" in name_cell
        and not cell(cells, table.field_col)
        # the name above goes on, or this row has no name of its own (【地づ】※再掲 alone)
        and (
            not _NAME_ENDS.search(last.name_raw)
            or not _name_and_departments(cells, name_cell, table)[0]
        )
    ):
        # A row cut by a page break: 地域課題解決型先端サービス | 実装化支援事業【スマ】※再掲
        rest, departments_raw = _name_and_departments(cells, name_cell, table)
        last.name_raw = join_wrapped([last.name_raw, rest])
        last.name = ctx.norm.name(last.name_raw)
        last.departments_raw = departments_raw
        last.departments = cell_to_departments(departments_raw, ctx.norm)
        last.relisted = last.relisted or bool(P.RELISTED.search(name_cell))
        last.smart_city = last.smart_city or any(
            P.FLAG_MARK.match(c) for c in cells[table.name_col + 1 :]
        )
        # The first part had no department yet: that finding no longer holds.
        ctx.plan.findings[:] = [
            f
            for f in ctx.plan.findings
            if not (f.code == "parse.no_department" and f.record_id == last.project_id)
        ]
        _report_joined(last, line, ctx)
        return True
    if name_cell and not others and table.dept_col is not None and "【" not in name_cell:
        if _NAME_ENDS.search(last.name_raw):
            return False  # a project without a department, not the rest of a name
        last.name_raw = join_wrapped([last.name_raw, name_cell])
        last.name = ctx.norm.name(last.name_raw)
        return True
    # (the rest of a summary or a department cell wrapped onto a row of its own: `| 町民部 町民課`)
    if not name_cell and others and (table.summary_col is not None or others == [table.dept_col]):
        if table.field_col is not None and cell(cells, table.field_col):
            return False
        dept = cell(cells, table.dept_col)
        if dept:
            last.departments_raw = _join_departments(last.departments_raw, dept, ctx)
            last.departments = cell_to_departments(last.departments_raw, ctx.norm)
        return all(i in (table.summary_col, table.dept_col) for i in others)
    return False


def _header_second_row(cells: list[str], table: ProjectTable) -> bool:
    """Before any row, a row under the header naming sub-columns (`| | R6 | R7 | R8` under a
    merged `事業費（千円）`): no name, no figure but years, short words."""
    if table.last_line is not None or cell(cells, table.name_col):
        return False
    filled = [c for c in cells if c]
    return bool(filled) and all(
        len(P.match_text(c)) <= 8
        and not P.VALUE.match(P.match_text(c).replace(",", ""))
        or P.ERA_YEAR.fullmatch(P.match_text(c).strip())
        for c in filled
    )


def _header_goes_on(cells: list[str], table: ProjectTable, ctx: ParseContext) -> bool:
    """Before any row, a row holding only the rest of the flag column's title (スマートシティ関 /
    連事業: the header cell wrapped, or a page break cut it)."""
    if table.last_line is not None or table.flag_col is None:
        return False
    filled = [i for i, c in enumerate(cells) if c]
    if filled != [table.flag_col] or P.FLAG_MARK.match(cells[table.flag_col]):
        return False
    old = table.flag_title
    table.flag_title = ctx.norm.name(join_wrapped([old, cells[table.flag_col]]))
    titles = ctx.plan.flag_column_titles
    if old in titles:
        titles[titles.index(old)] = table.flag_title
    return True


def _run_together(text: str, ends: tuple[str, ...]) -> list[str]:
    """`企業立地課企画政策課` → its names each up to an ending of `ends` ([] where the text does
    not end so)."""
    alternatives = "|".join(re.escape(e) for e in sorted(ends, key=len, reverse=True))
    parts = re.findall(rf".+?(?:{alternatives})", text.replace(" ", ""))
    return parts if "".join(parts) == text.replace(" ", "") else []


def _joined_pairs(bureau: str, section: str, ctx: ParseContext) -> str | None:
    """Two bureaus and two sections each run together in their cells (`産業経済部企画部` |
    `企業立地課企画政策課`: a layout of spaces joined a second pair's row onto the first's): the
    pairs, in order (None: not so)."""
    bureaus = _run_together(bureau, tuple(ctx.settings.bureau_suffixes))
    sections = _run_together(section, tuple(ctx.settings.section_suffixes))
    if len(bureaus) < 2 or len(bureaus) != len(sections):
        return None
    return "、".join(f"{b} {s}" for b, s in zip(bureaus, sections, strict=True))


def bracketed_abbreviations(ctx: ParseContext) -> None:
    """`・水産ブランド育成事業（商観・水産）`: a project whose name ends in a bracket holding only
    abbreviations of the plan's 略称 table (printed anywhere, the end of the plan too) has its
    departments there — read once the table is known."""
    known = {d.abbr for d in ctx.plan.departments if d.listed}
    if not known:
        return
    for project in ctx.plan.projects:
        if project.departments:
            continue
        m = _ABBR_BRACKET.search(project.name_raw)
        if m is None:
            continue
        parts = [ctx.norm.abbr(x) for x in P.DEPT_SPLIT.split(m.group(1)) if x.strip()]
        if not parts or not all(x in known for x in parts):
            continue
        project.name_raw = project.name_raw[: m.start()].strip()
        project.name = ctx.norm.name(project.name_raw)
        project.departments_raw, project.departments = m.group(1), parts
        ctx.plan.findings[:] = [
            f
            for f in ctx.plan.findings
            if not (f.code == "parse.no_department" and f.record_id == project.project_id)
        ]


_ABBR_BRACKET = re.compile(r"\s*[（(]([^（）()]{1,20})[）)]\s*$")


def _name_and_departments(cells: list[str], name_cell: str, table: ProjectTable) -> tuple[str, str]:
    """The name as printed and the departments as printed: from the 所管課 column, or from the
    last 【】 of the name cell."""
    name_text = P.RELISTED.sub(" ", name_cell)
    if table.dept_col is not None:
        return name_text.strip(), cell(cells, table.dept_col)
    brackets = list(P.DEPT_BRACKET.finditer(name_text))
    if not brackets:
        return name_text.strip(), ""
    last = brackets[-1]
    name_text = name_text[: last.start()] + " " + name_text[last.end() :]
    return name_text.strip(), last.group(1)


def _out_of_place(cells: list[str], table: ProjectTable) -> bool:
    """A row that cannot be read as it stands: wider than its header, or holding words where
    the ○ column has only marks."""
    flag = cell(cells, table.flag_col)
    return len(cells) > table.width or bool(
        flag and not P.FLAG_MARK.match(flag) and not P.RELISTED.fullmatch(flag)
    )


def _reads_as_row(cells: list[str], table: ProjectTable) -> bool:
    """A row that reads right: a name (with its 【所管課】 where the list prints it in the name
    cell, or a department in its column), and nothing out of place."""
    name = cell(cells, table.name_col)
    if not name or P.FLAG_MARK.match(name) or _out_of_place(cells, table):
        return False
    if name.rstrip().endswith(_SENTENCE_END):
        return False  # a summary's wrapped sentence (`販路を広げます。`), never a name
    if table.dept_col is None:
        return "【" in name
    return bool(cell(cells, table.dept_col))


_SENTENCE_END = ("。", "．")


def _join_departments(above: str, rest: str, ctx: ParseContext) -> str:
    """A department cell that wrapped onto the next row: one name cut by the wrap (`情報政` +
    `策課`, `産・` + `企`), or a second department under a complete first one (`総` + `住`
    where the 略称 table names both; `商工課` + `都市計画課`)."""
    above, rest = above.strip(), rest.strip()
    if not above or not rest or P.DEPT_SPLIT.match(above[-1]) or P.DEPT_SPLIT.match(rest[0]):
        return join_wrapped([above, rest])
    known = {d.abbr_raw for d in ctx.plan.departments} | {d.abbr for d in ctx.plan.departments}
    last = P.DEPT_SPLIT.split(above)[-1].strip()
    # (a bureau above, `町民部` + `町民課`: its section, one department)
    bureau = last.endswith(tuple(ctx.settings.bureau_suffixes))
    if (last in known and rest in known) or (
        not bureau and P.DEPARTMENT_END.search(last) and P.DEPARTMENT_END.search(rest)
    ):
        return f"{above}、{rest}"
    return join_wrapped([above, rest])


def _shifted_right(cells: list[str], table: ProjectTable) -> tuple[list[str], int]:
    """A row that a stray tab shifted right (the name in the ○ or the 所管課 column), read back
    into place: the cells without the empty ones the tab made — at the start of the row or
    between the policy field and the name — and how many there were (0: the row as it is)."""
    if not _out_of_place(cells, table) and cell(cells, table.name_col):
        return cells, 0
    for extra in (1, 2):
        for at in dict.fromkeys((0, table.name_col)):
            if any(cells[at : at + extra]) or at + extra >= len(cells):
                continue
            repaired = cells[:at] + cells[at + extra :]
            if _reads_as_row(repaired, table):
                return repaired, extra
    return cells, 0


def _glued_field(cells: list[str], table: ProjectTable, ctx: ParseContext) -> list[str] | None:
    """A row read as one cell (its cells a space apart, a row alone at the top of a PDF page):
    a policy field this plan's lists already print, a space, then a name with its 【】. The
    cells put back in their columns, or None."""
    if table.field_col is None or table.name_col <= table.field_col:
        return None
    filled = [c for c in cells if c]
    if len(filled) != 1 or cell(cells, table.field_col) != filled[0]:
        return None
    head, _, rest = filled[0].partition(" ")
    known = {p.policy_field_raw for p in ctx.plan.projects}
    if not rest.strip() or head not in known or not P.DEPT_BRACKET.search(rest):
        return None
    out = [""] * max(len(cells), table.name_col + 1)
    out[table.field_col], out[table.name_col] = head, rest.strip()
    return out


def row_to_project(line: Line, table: ProjectTable, ctx: ParseContext) -> None:
    if _header_second_row(line_to_cells(line), table):
        ctx.role(line, LineRole.TABLE_HEADER)
        return
    # An extra tab before the name (the name in the ○ or 所管課 column): read it back in place.
    cells, extra = _shifted_right(line_to_cells(line), table)
    glued = _glued_field(cells, table, ctx)
    if glued is not None:
        cells = glued
    name_cell = cell(cells, table.name_col)
    first = cell(cells, table.field_col)
    shifted = False
    # Leading tab lost: the name sits in the field column, the flag in the name column.
    if (
        not extra
        and table.field_col is not None
        and first
        # a bare ○ is never a project name: the row slipped whatever the first cell holds
        and (P.FLAG_MARK.match(name_cell) or (not name_cell and _looks_like_name(first, table)))
    ):
        shift = table.name_col - table.field_col
        cells = [""] * shift + cells
        shifted = True
        name_cell = cell(cells, table.name_col)
    if _header_goes_on(cells, table, ctx):
        ctx.role(line, LineRole.TABLE_HEADER)
        return
    if _wrapped(line, cells, name_cell, table, ctx):
        ctx.role(line, LineRole.PROJECT)
        return
    if not name_cell:
        if first and not any(cells[i] for i in range(len(cells)) if i != table.field_col):
            # A policy field printed on a row of its own: it heads the rows below.
            table.carry_field = first
            ctx.role(line, LineRole.PROJECT_FIELD)
            return
        ctx.unparsed(line, "no_project_name")
        return
    field_raw = cell(cells, table.field_col) or table.carry_field
    table.carry_field = field_raw

    relisted = (
        any(P.RELISTED.search(c) for c in cells[table.name_col :])
        or bool(
            table.relisted_col is not None
            and bool(_RELIST_MARK.match(P.match_text(cell(cells, table.relisted_col))))
        )  # a ○ in a 再掲 column, or where it was listed first (`1-3-3`, `再掲：2-1`)
        # `再掲` in place of the row's number (`No. | 事業名 | …`): a relisting
        or bool(P.RELISTED.fullmatch(cell(cells, table.number_col)))
    )
    name_raw, departments_raw = _name_and_departments(cells, name_cell, table)
    if table.dept_col is not None and table.dept_col < table.name_col:
        # the department column first (`所管課 | 事業名 | …`): a cell merged down the rows of
        # one department prints in the first of them, as a 政策分野 cell does
        departments_raw = departments_raw or table.carry_dept
        table.carry_dept = departments_raw
    if table.bureau_col is not None:
        # a bureau cell merged down the rows of its sections prints in the first of them
        bureau = cell(cells, table.bureau_col) or table.carry_bureau
        table.carry_bureau = bureau
        if bureau and departments_raw:
            parts = [p for p in P.DEPT_SPLIT.split(departments_raw) if p.strip()]
            departments_raw = _joined_pairs(bureau, departments_raw, ctx) or "、".join(
                f"{bureau} {p.strip()}" for p in parts
            )
    more = [c.strip() for c in (cell(cells, i) for i in table.more_dept_cols) if c.strip()]
    departments_raw = "、".join(d for d in (departments_raw, *more) if d)
    departments = cell_to_departments(departments_raw, ctx.norm)
    # (a ○ in the 再掲 column marks the relisting, not the flag)
    flag_cells = [c for i, c in enumerate(cells) if i > table.name_col and i != table.relisted_col]
    smart_city = any(P.FLAG_MARK.match(c) for c in flag_cells)

    goal_no, policy_no = table.goal_no, table.policy_no
    if table.policy_col is not None:
        policy_no = table.carry_policy = _policy_in_column(cells, table, ctx)
    if policy_no is None:
        policy_no = _policy_by_number(cell(cells, table.number_col), goal_no, ctx)
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
    table.last_line = line.no
    ctx.role(line, LineRole.PROJECT)
    # How the row was put back in its columns, if it was: one finding, its form saying how.
    repair: dict[str, str | int] | None = None
    if glued is not None:
        repair = {"form": "project_glued", "field": field_raw}
    elif shifted:
        repair = {"field": field_raw}
    elif extra:
        repair = {"form": "project_right", "columns": extra}
    if repair is not None:
        ctx.finding(
            "layout.column_shift",
            line,
            {**repair, "project_id": project.project_id, "name": name_raw},
            record_id=project.project_id,
            key=project.name,
        )
    if table.interrupted:
        table.interrupted = False
        ctx.finding(
            "layout.table_resumed",
            line,
            {"goal": goal_no, "policy": policy_no or 0},
            record_id=project.project_id,
        )
    if not departments:
        ctx.finding(
            "parse.no_department",
            line,
            {"project_id": project.project_id, "name": project.name},
            record_id=project.project_id,
            key=project.name,
        )


_NUMBER_PATH = re.compile(r"^\s*([0-9０-９]{1,2})\s*[-－‐―ー−]\s*[0-9０-９]{1,3}\s*$")


def _policy_by_number(number: str, goal_no: int | None, ctx: ParseContext) -> int | None:
    """A goal's own project list numbered by policy (`4-2`: policy 4's second project): the
    policy, where the goal defines it."""
    m = _NUMBER_PATH.match(number)
    if m is None:
        return None
    n = int(unicodedata.normalize("NFKC", m.group(1)))
    mine = {p.policy_no for p in ctx.plan.policies if p.goal_no == goal_no and p.title}
    return n if n in mine else None


def _policy_in_column(cells: list[str], table: ProjectTable, ctx: ParseContext) -> int | None:
    """The policy a row's 施策 cell names by number (`（１）`, `2`), where the goal defines it;
    a blank cell: the policy of the rows above."""
    m = P.POLICY_NO_CELL.match(P.match_text(cell(cells, table.policy_col)))
    if m is None:
        return table.carry_policy
    n = P.token_to_int(m.group(1) or m.group(2))
    mine = {p.policy_no for p in ctx.plan.policies if p.goal_no == table.goal_no and p.title}
    return n if n in mine else None


_DEPT_LABEL = re.compile(r"^\s*(?:担当課?|所管課?|担当部署)\s*[:：]\s*")
# (`［企画課］`, `〔企画部〕`: square and tortoise-shell brackets too)
_DEPT_PAREN = re.compile(r"\s*[（(［\[〔]([^（）()［］\[\]〔〕]+)[）)］\]〕]\s*$")
# An item's last words set apart by a full-width space, two spaces, a space after its
# bracket (a PDF's text keeps one) or a leader of dots (`名……………課`, as a list set like a
# table of contents leads the eye to its right column), with no bracket of their own: where a
# list prints the departments (`名（概要）　教育委員会・総務課`)
_LEADER = r"(?:[…‥]{2,}|[・･.．]{3,})"
_DEPT_AFTER_GAP = re.compile(
    rf"^(?P<rest>.*[^\s　…‥・･.．])[\s　]*(?:{_LEADER}|　|\s{{2,}}|(?<=[）)])\s?)[\s　]*"
    r"(?P<departments>[^\s　（）()【】…‥]+)$"
)  # (right after a closing bracket the gap may be lost: OCR drops a wide space)
# A bracket that says what the project does — a phrase, with particles — is its summary; a
# name part (（あいべあ）, （工業団地整備事業特別会計）, （都市OS・データ連携分野）) is not.
_SUMMARY = re.compile(r"\S[をのとや、]\S")
_PARTICLE = re.compile(r"\S[をのとや]\S")
# A phrase that says what something does (`退職教員による学習教室`): a department's name does not
# read so, even when it ends as one (室).
_PHRASE = re.compile(r"\S(?:を|による|における|に関する|のための|に向けた)\S")


# `事業名：概要`, `事業名 ― 概要` (the name a complete one, so `担当：…` and `例：…` stay whole)
_COLON_SUMMARY = re.compile(
    r"^(?P<name>[^:：]{2,40}?(?:事業|制度|プロジェクト)(?:[（(【]再掲[）)】])?)\s*(?:[:：]|\s[―—]\s*|[―—]\s)\s*(?P<summary>.+)$"
)


def open_bracket(text: str) -> tuple[str, str] | None:
    """A bracket left open at the line's end (`事業名（…を支援し、`, its rest on the next line):
    the text before it and the text inside it (None: every bracket closes)."""
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch in "（(":
            opened.append(i)
        elif ch in "）)" and opened:
            opened.pop()
    if not opened:
        return None
    return text[: opened[0]].strip(), text[opened[0] + 1 :].strip()


def _is_summary(inner: str) -> bool:
    return len(inner) >= 8 and bool(_SUMMARY.search(inner))


def _summary_after_name(name: str, inner: str) -> bool:
    """A short phrase (`改装費の補助`) after a name complete without it (…事業) is what the
    project does too; after a cut name it may be the name's own part."""
    phrase = _SUMMARY.search(inner) or _PHRASE.search(inner)
    return len(inner) >= 4 and bool(phrase) and name_is_complete(name)


def _department_like(text: str, ctx: ParseContext) -> bool:
    s = ctx.settings
    parts = [p for p in P.DEPT_SPLIT.split(P.match_text(text).replace(" ", "")) if p]
    return (
        bool(parts)
        and all(p.endswith((*s.section_suffixes, *s.bureau_suffixes)) for p in parts)
        and not any(_PHRASE.search(p) for p in parts)
    )


def line_to_listed_projects(line: Line, ctx: ParseContext) -> bool:
    """`空き家バンク事業、移住体験事業、定住奨励金事業` under 主な事業: several projects printed in
    one line, each a complete name (its department in （）or【】after it, if any)."""
    cells = [c for c in line.cells if c.strip()]
    if len(cells) != 1:
        return False
    text = P.strip_markup(cells[0]).rstrip("。．等")
    head = _before_summary(text.strip())
    parts = [p for sep in ("、", "，") for p in [split_top_level(text, sep)] if len(p) >= 2]
    names = parts[0] if parts and head is None else [text.strip()]
    if len(names) == 1:
        # one name alone, unmarked: a project only where it says so — a department after it,
        # or 事業 — and no sentence (not a running head: みずなら市総合計画　後期基本計画)
        name = head or names[0]
        marked = _strip_department(name) != P.RELISTED.sub(" ", name).strip()
        if (
            len(name) > 40
            or "。" in name
            or not (marked or _strip_department(name).endswith("事業"))
        ):
            return False
        if not _NAME_ENDS.search(_strip_department(name)):
            return False
    elif not all(_NAME_ENDS.search(_strip_department(n)) for n in names):
        return False
    for name in names:
        bullet_to_project(line, ctx, name)
    return True


# A list's number before an item set in cells: (1) （２） 3. ①
_ITEM_NUMBER = re.compile(r"^\s*(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．]|[①-⑳])[\s　]*")


def item_row_to_project(line: Line, ctx: ParseContext) -> bool:
    """`(1)　新規就農者研修事業 | 産業振興課` under 主要事業, no header over it: a numbered (or
    bulleted) item naming a project, its departments in a cell of their own."""
    cells = [c.strip() for c in line.cells if c.strip()]
    if len(cells) != 2 or not _department_like(cells[1], ctx):
        return False
    name = _ITEM_NUMBER.sub("", P.LIST_ITEM.sub("", P.strip_markup(cells[0]), count=1), count=1)
    if name == cells[0] or not _NAME_ENDS.search(P.RELISTED.sub(" ", name).strip()):
        return False  # no list mark: a table's row, not an item
    bullet_to_project(line, ctx, name)
    project = ctx.plan.projects[-1]
    project.departments_raw = cells[1]
    project.departments = cell_to_departments(cells[1], ctx.norm)
    return True


def numbered_cells_to_project(line: Line, ctx: ParseContext) -> bool:
    """`(1)<tab>名【課】`, `③<tab>名<tab>課` under 主な事業: an item whose number a tab set apart
    (Word's list numbering copied out), its name (and departments) in the cells after it."""
    cells = [c.strip() for c in line.cells if c.strip()]
    if len(cells) not in (2, 3) or _ITEM_NUMBER.sub("", cells[0]) != "":
        return False
    if len(cells) == 3 and not _department_like(cells[2], ctx):
        return False
    if not _NAME_ENDS.search(P.RELISTED.sub(" ", _bullet_fields(cells[1], ctx)[0]).strip()):
        return False
    bullet_to_project(line, ctx, cells[1])
    if len(cells) == 3:
        project = ctx.plan.projects[-1]
        project.departments_raw = cells[2]
        project.departments = cell_to_departments(cells[2], ctx.norm)
    return True


def labelled_line_to_project(line: Line, ctx: ParseContext) -> bool:
    """`事業名：ものづくり支援補助事業　担当：商工課` under 主な事業: a project printed as labelled
    fields on one line — the name under a name column's word, the departments under a
    department column's (a summary's field, `概要：…`, is passed over; a field no column word
    names makes the line a finding)."""
    s = ctx.settings
    cells = [c.strip() for c in line.cells if c.strip()]
    if not cells:
        return False
    parts = [p.strip() for c in cells for p in _FIELD_GAP.split(P.strip_markup(c)) if p.strip()]
    fields = [_LABELLED_FIELD.match(p) for p in parts]
    if len(parts) < 2 or not all(fields):
        return False
    name = departments = None
    unknown = False
    for m in fields:
        assert m is not None
        label = m.group("label")
        if label in s.project_name_words and name is None:
            name = m.group("value")
        elif label in s.department_column_words and departments is None:
            departments = m.group("value")
        elif label not in s.summary_words:
            unknown = True
    if name is None:
        return False
    if unknown:
        # a project's name beside a field no column word names: said, not guessed at
        ctx.unparsed(line, section=f"section.{ctx.section.value}")
        return True
    bullet_to_project(line, ctx, name)
    project = ctx.plan.projects[-1]
    project.departments_raw = departments or ""
    project.departments = cell_to_departments(project.departments_raw, ctx.norm)
    return True


def _strip_department(text: str) -> str:
    text = P.RELISTED.sub(" ", text).strip()
    brackets = list(P.DEPT_BRACKET.finditer(text))
    if brackets:
        return text[: brackets[-1].start()].strip()
    if text.endswith(("〕", "］", "]")) and (square := _DEPT_PAREN.search(text)):
        return text[: square.start()].strip()  # `…事業〔企画部〕`, `…事業［企画課］`
    group = split_trailing_group(text)
    return group[0] if group else text


def bullet_to_project(line: Line, ctx: ParseContext, item: str | None = None) -> None:
    """`・新規就農者支援事業【産業振興課】`, `・【再掲】空き家バンク事業（企画課）` under 主な事業;
    `item` is the text of a numbered item (`（１）…`) after its number."""
    assert ctx.goal_no is not None
    raw = item if item is not None else P.LIST_ITEM.sub("", P.strip_markup(line.text), count=1)
    raw = raw.strip()
    name_raw, departments_raw, relisted = _bullet_fields(raw, ctx)
    seq = ctx.next_seq(("project", ctx.goal_no, ctx.policy_no))
    project = Project(
        source_line=line.no,
        source_page=line.page,
        goal_no=ctx.goal_no,
        policy_no=ctx.policy_no,
        seq=seq,
        policy_field="",
        policy_field_raw="",
        name=ctx.norm.name(name_raw),
        name_raw=name_raw,
        departments=cell_to_departments(departments_raw, ctx.norm),
        departments_raw=departments_raw,
        smart_city=False,
        relisted=relisted,
    )
    ctx.plan.projects.append(project)
    ctx.role(line, LineRole.PROJECT)
    # a bracket left open: the item goes on below (its summary, or its department, wrapped)
    ctx.open_item = (project, raw) if open_bracket(raw) is not None else None


def item_goes_on(line: Line, ctx: ParseContext) -> bool:
    """The rest of a listed item whose bracket the line above left open (`…保健師と助産師が`
    over `一体となって行う）`): the item read again from both lines."""
    if ctx.open_item is None:
        return False
    project, raw = ctx.open_item
    raw = join_wrapped([raw, P.strip_markup(line.text)])
    project.name_raw, project.departments_raw, project.relisted = _bullet_fields(raw, ctx)
    project.name = ctx.norm.name(project.name_raw)
    project.departments = cell_to_departments(project.departments_raw, ctx.norm)
    ctx.open_item = (project, raw) if open_bracket(raw) is not None else None
    ctx.role(line, LineRole.PROJECT)
    return True


def _bullet_fields(raw: str, ctx: ParseContext) -> tuple[str, str, bool]:
    """A listed item's name, departments as printed and 再掲 mark."""
    relisted = bool(P.RELISTED.search(raw))
    text = P.RELISTED.sub(" ", raw).strip()
    departments_raw = ""
    brackets = list(P.DEPT_BRACKET.finditer(text))
    gap = _DEPT_AFTER_GAP.match(text)
    if gap and not brackets and _department_like(gap["departments"], ctx):
        # `名（概要）　企画課・総務課`: the departments set apart by a wide space at the end
        departments_raw, text = gap["departments"], gap["rest"]
        if (group := split_trailing_group(text.strip())) and (
            _is_summary(group[1]) or _summary_after_name(*group)
        ):
            text = group[0]
    elif brackets:
        last = brackets[-1]
        departments_raw = last.group(1)
        text = text[: last.start()] + " " + text[last.end() :]
    elif (paren := _DEPT_PAREN.search(text)) and _department_like(paren.group(1), ctx):
        departments_raw = _DEPT_LABEL.sub("", paren.group(1))
        text = text[: paren.start()]
    elif (group := split_trailing_group(text.strip())) and (
        _is_summary(group[1]) or _summary_after_name(*group)
    ):
        text = group[0]  # `事業名（…の開催と…の補助）`: what the project does, not its name
    if (head := _before_summary(text.strip())) is not None:
        text = head  # (`事業名：概要（担当課）`: the summary before the department too)
    return text.strip(), departments_raw, relisted


def _before_summary(text: str) -> str | None:
    """The name before a summary printed after a colon (`事業名：…を補助します。`) or in a
    bracket the line leaves open (`事業名（…を支援し、`, wrapped onto the next line) or closes
    (`事業名（妊娠期から…を行う）`, a long one joined from the lines it wrapped over)."""
    if (opened := open_bracket(text)) and _is_summary(opened[1]):
        return opened[0]
    # (a closed one with a particle between words: not `（産業振興課、農業委員会）`, departments)
    if (
        (group := split_trailing_group(text))
        and _is_summary(group[1])
        and _PARTICLE.search(group[1])
    ):
        return group[0]
    if (m := _COLON_SUMMARY.match(text)) and _is_summary(m.group("summary")):
        return m.group("name")
    return None


def line_to_project_departments(line: Line, ctx: ParseContext) -> bool:
    """`担当課：企業立地推進課、商工観光課` under a bullet project, or `（農林水産課）` wrapped
    right below its item: that project's departments."""
    if not ctx.plan.projects or ctx.plan.projects[-1].departments_raw:
        return False
    project = ctx.plan.projects[-1]
    if (project.goal_no, project.policy_no) != (ctx.goal_no, ctx.policy_no):
        return False
    rest = P.department_line(line.text, ctx.settings.department_column_words)
    alone = _DEPT_PAREN.fullmatch(line.text.strip())
    if rest is None and alone and project.source_line == line.no - 1:
        # `（農林水産課）` alone under an item: its department, wrapped onto a line of its own
        rest = alone.group(1) if _department_like(alone.group(1), ctx) else None
    if rest is None:
        return False
    project.departments_raw = rest
    project.departments = cell_to_departments(project.departments_raw, ctx.norm)
    ctx.role(line, LineRole.PROJECT_FIELD)
    return True
