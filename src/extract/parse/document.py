"""The parse stage's driver: Document → Plan.

It walks the lines once. Each line is, in this order of precedence: blank; a footnote; a table
header (which opens a table of the family it names); a heading (基本目標 n, 取組方針 n, or a
section named by its words); a row of the open table; a ・ bullet of the current 取組方針; prose.
Whatever fits none of these is a `parse.unparsed` finding with its line, never dropped.
"""

from __future__ import annotations

from extract.models import Document, Heading, HeadingKind, Line, LineRole, OverviewEntry, Plan
from extract.normalize import Normalizer
from extract.parse import patterns as P
from extract.parse.context import ParseContext, Section
from extract.parse.departments import (
    DepartmentTable,
    header_to_department_table,
    row_to_departments,
    table_to_departments,
)
from extract.parse.indicators import IndicatorTable, header_to_indicator_table, row_to_indicator
from extract.parse.projects import ProjectTable, header_to_project_table, row_to_project
from extract.parse.structure import (
    add_direction_paragraph,
    bullet_to_action,
    heading_to_goal,
    heading_to_policy,
    line_to_footnote,
    line_to_overview,
)
from extract.parse.tables import line_to_cells
from extract.settings import ParseSettings

Table = ProjectTable | IndicatorTable | DepartmentTable
_STRONG_MARKS = ("■", "□", "◆", "【", "<b>", "●")
_OUT_OF_SCOPE = {Section.INTRO, Section.OTHER}

EMITS = ("layout.header_missing",)


class _Walker:
    def __init__(self, doc: Document, settings: ParseSettings, norm: Normalizer) -> None:
        plan = Plan(source_name=doc.source_name, source_format=doc.source_format, meta=doc.meta)
        self.ctx = ParseContext(plan=plan, settings=settings, norm=norm)
        self.table: Table | None = None
        self.last_project_table: ProjectTable | None = None
        self.goal_re = P.goal_heading(settings)
        self.policy_re = P.policy_heading(settings)

    # --- tables ---------------------------------------------------------------------------

    def open_table(self, cells: list[str]) -> bool:
        ctx = self.ctx
        table: Table | None = header_to_department_table(cells, ctx)
        if table is None and ctx.section not in _OUT_OF_SCOPE:
            # Tables of other chapters (population vision, appendices) are out of scope.
            table = header_to_indicator_table(cells, ctx) or header_to_project_table(cells, ctx)
        if table is None:
            return False
        self.close_table()
        self.table = table
        if isinstance(table, ProjectTable):
            self.last_project_table = table
            if table.flag_title and table.flag_title not in ctx.plan.flag_column_titles:
                ctx.plan.flag_column_titles.append(table.flag_title)
        return True

    def close_table(self) -> None:
        if isinstance(self.table, DepartmentTable):
            table_to_departments(self.table, self.ctx)
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
            }
        )
        ctx.finding(
            "layout.header_missing",
            f"Project rows for goal {ctx.goal_no} policy {ctx.policy_no} start without a header; "
            "read with the previous list's columns.",
            line,
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
            row_to_indicator(line, table, self.ctx)
        else:
            row_to_departments(line, table, self.ctx)
        return True

    # --- headings -------------------------------------------------------------------------

    def heading(self, line: Line, text: str) -> bool:
        ctx, s = self.ctx, self.ctx.settings
        raw = text.strip()
        if P.BULLET.match(raw):
            return False
        strong = bool(line.heading_level) or raw.startswith(_STRONG_MARKS)
        plain = P.heading_text(raw)
        if (
            not plain
            or plain.endswith("。")
            or len(plain) > s.max_heading_chars
            or P.TOC_ENTRY.search(plain)
        ):
            return False
        if goal := self.goal_re.match(plain):
            self.close_table()
            heading_to_goal(line, P.token_to_int(goal.group("no")), goal.group("title"), ctx)
            return self._enter(line, Section.GOAL, HeadingKind.GOAL)
        if (policy := self.policy_re.match(plain)) and ctx.goal_no is not None:
            self.close_table()
            new = heading_to_policy(
                line, P.token_to_int(policy.group("no")), policy.group("title"), ctx
            )
            if new or ctx.section not in (Section.PROJECTS, Section.KPI):
                return self._enter(line, Section.POLICIES, HeadingKind.POLICY)
            ctx.plan.captions.append(
                OverviewEntry(
                    source_line=line.no,
                    source_page=line.page,
                    goal_no=ctx.goal_no,
                    policy_no=ctx.policy_no,
                    title=ctx.norm.name(policy.group("title")),
                )
            )
            return self._enter(line, ctx.section, HeadingKind.LIST_CAPTION)
        key = plain.replace(" ", "")
        for section, words, exact in (
            (Section.DEPARTMENTS, s.department_words, False),
            (Section.PROJECTS, s.project_words, False),
            (Section.KPI, s.kpi_words, False),
            (Section.DIRECTION, s.direction_words, False),
            (Section.POLICIES, s.policy_words, True),
            (Section.DIRECTION, s.target_words, True),
        ):
            if any((key == w or key == w + "一覧") if exact else w in key for w in words):
                if section is not Section.DEPARTMENTS and ctx.goal_no is None:
                    break  # an introduction's heading that merely names a section
                self.close_table()
                if section in (Section.KPI, Section.PROJECTS):
                    ctx.policy_no = None
                return self._enter(line, section, HeadingKind(f"section:{section.value}"))
        if strong:
            self.close_table()
            return self._enter(
                line, Section.OTHER if ctx.goal_no else Section.INTRO, HeadingKind.OTHER
            )
        return False

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
        if line_to_footnote(line, ctx):
            if isinstance(self.table, ProjectTable | IndicatorTable):
                self.table.interrupted = True
            return
        cells = line_to_cells(line)
        filled = [c for c in cells if c]
        if len(filled) >= 2 and self.open_table(cells):
            ctx.role(line, LineRole.TABLE_HEADER)
            return
        if self.table is None and ctx.section in _OUT_OF_SCOPE and line_to_overview(line, ctx):
            return
        if len(filled) == 1 and self.heading(line, filled[0]):
            return
        if self.row(line):
            return
        if P.BULLET.match(line.text) and ctx.section is Section.POLICIES and ctx.policy_no:
            bullet_to_action(line, ctx)
        elif self._direction_paragraph(filled):
            add_direction_paragraph(line, ctx)
            ctx.role(line, LineRole.BASIC_DIRECTION)
        elif ctx.section in _OUT_OF_SCOPE:
            ctx.role(line, LineRole.OUT_OF_SCOPE)
            ctx.plan.out_of_scope_lines += 1
        elif len(filled) == 1 and P.heading_text(filled[0]).endswith("。"):
            ctx.role(line, LineRole.PROSE)
        elif len(filled) == 1 and len(P.heading_text(filled[0])) <= ctx.settings.max_heading_chars:
            ctx.role(line, LineRole.CAPTION)
        else:
            ctx.unparsed(line, f"nothing expected here in the {ctx.section.value} section")

    def _direction_paragraph(self, filled: list[str]) -> bool:
        """Prose under 基本的方向 — or, with no such heading, sentences right after the goal's."""
        ctx = self.ctx
        if ctx.goal_no is None or len(filled) != 1:
            return False
        if ctx.section is Section.DIRECTION:
            return True
        return ctx.section is Section.GOAL and P.heading_text(filled[0]).endswith("。")

    def finish(self) -> Plan:
        self.close_table()
        return self.ctx.plan


def document_to_plan(
    doc: Document, settings: ParseSettings | None = None, norm: Normalizer | None = None
) -> Plan:
    walker = _Walker(doc, settings or ParseSettings(), norm or Normalizer())
    for line in doc.lines:
        walker.line(line)
    plan = walker.finish()
    plan.headings = walker.ctx.headings
    return plan
