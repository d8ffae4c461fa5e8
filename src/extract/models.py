"""The data model: source lines in, validated records and findings out.

Every record keeps `source_line` (1-based line of the source document) and `source_page`
(1-based page, when the source has pages) so that a reviewer can go back to the print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# --- source -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source as printed; `cells` are its tab-separated parts."""

    no: int
    text: str
    page: int | None = None
    cells: tuple[str, ...] = ()
    # True when the line was a heading in the source's own markup (markdown `#`, a bold run).
    heading_level: int = 0
    # Where a PDF prints it: (x0, top, x1, bottom) in points on `page`, origin top-left.
    box: tuple[float, float, float, float] | None = None
    # Read by OCR: the engine's confidence (0–100) in its least sure part; None: not OCR'd.
    confidence: float | None = None
    # Where a source without pages holds the line: a Word paragraph or table row (`¶12`,
    # `table 3 row 2`), an Excel row (`KPI!A5:D5`), an HTML or Markdown block; "" for text and PDF.
    address: str = ""

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


# The forms a plan is read from: a text rendering, a PDF (its text layer, or OCR of every page),
# a Word document, an Excel workbook, a web page, a Markdown conversion.
SourceFormat = Literal["text", "pdf", "ocr", "docx", "xlsx", "html", "markdown"]


@dataclass(slots=True)
class Document:
    """What every ingest stage produces, whatever the source format."""

    lines: list[Line]
    source_name: str
    source_format: SourceFormat = "text"
    encoding: str | None = None
    pages: int | None = None
    # Lines the ingest stage dropped as page furniture (running headers, page numbers).
    layout_lines: int = 0
    # Pages read by OCR → the engine's mean confidence there (0–100).
    ocr_pages: dict[int, float] = field(default_factory=dict)
    # Pages without a text layer that were not read (OCR turned off).
    unread_pages: list[int] = field(default_factory=list)
    # Pages whose text layer is unusable (fonts without a ToUnicode map) → why; read as scans.
    unusable_pages: dict[int, str] = field(default_factory=dict)
    # A text whose cells were placed by runs of spaces (pdftotext -layout), not tabs.
    spaced: bool = False
    # Pages whose text was set at a quarter turn and read turned (page → 1 upward, 3 downward).
    turned_pages: dict[int, int] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)


# --- findings ---------------------------------------------------------------------------------


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(BaseModel):
    """A defect (or a repair) that a reviewer should see. `code` is stable: tests, reports and
    rules/accepted_findings.csv name findings by it."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    line: int | None = None
    page: int | None = None
    record_id: str | None = None
    message: str
    hint: str = ""
    # Key that survives a revision (canonical name, indicator …), used by accepted findings.
    key: str = ""
    accepted: bool = False
    accepted_note: str = ""
    # The values the message catalogue fills the code's templates (`finding.CODE`, `hint.CODE`)
    # with, in the report's language; without them the report shows `message`. Not a CSV column.
    params: dict[str, str | int] = Field(default_factory=dict)


# --- records ----------------------------------------------------------------------------------


class LineRole(StrEnum):
    """How the parser read a non-blank source line (lines.csv): nothing is lost."""

    HEADING = "heading"  # any heading; its kind is in Plan.headings
    TABLE_HEADER = "table_header"
    ACTION = "action"
    FOOTNOTE = "footnote"
    OVERVIEW = "overview"
    BASIC_DIRECTION = "basic_direction"
    NUMERIC_TARGET = "numeric_target"
    KPI = "kpi"
    PROJECT = "project"
    PROJECT_FIELD = "project_field"
    DEPARTMENT = "department"
    PROSE = "prose"
    CAPTION = "caption"
    OUT_OF_SCOPE = "out_of_scope"
    PAGE_FURNITURE = "page_furniture"  # a page number kept by a text rendering
    UNPARSED = "unparsed"


class HeadingKind(StrEnum):
    GOAL = "goal"
    POLICY = "policy"
    LIST_CAPTION = "list_caption"  # a 取組方針 heading repeated over its list
    DIRECTION = "section:direction"
    POLICIES = "section:policies"
    KPI = "section:kpi"
    PROJECTS = "section:projects"
    DEPARTMENTS = "section:departments"
    PROSE = "section:prose"
    OTHER = "heading"


class Heading(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: HeadingKind
    level: int  # the source's own markup level (markdown #, font size rank); 0 = none
    line: int
    page: int | None
    text: str


class Record(BaseModel):
    model_config = ConfigDict(validate_assignment=True)

    source_line: int
    source_page: int | None = None

    @property
    def record_id(self) -> str:
        """A readable id from the record's place in the plan, for findings to point at."""
        raise NotImplementedError


class Goal(Record):
    goal_no: int
    title: str
    title_raw: str
    basic_direction: str = ""
    basic_direction_raw: str = ""
    numbering: str = ""  # the number as printed (`2`, `II`), beside the ordinal goal_no

    @property
    def record_id(self) -> str:
        return f"G{self.goal_no}"


class Policy(Record):
    goal_no: int
    policy_no: int
    title: str
    title_raw: str
    numbering: str = ""  # the number as printed (`1-2-1`), beside the ordinal policy_no
    # The levels between the goal and the policy (a 総合計画's 節), outermost first, ` / ` apart.
    section: str = ""
    section_numbering: str = ""

    @property
    def record_id(self) -> str:
        return f"G{self.goal_no}-P{self.policy_no}"


class ActionExample(BaseModel):
    example_no: int
    example: str
    example_raw: str


class Action(Record):
    goal_no: int
    policy_no: int
    action_no: int
    text: str
    text_raw: str
    examples: list[ActionExample] = Field(default_factory=list)

    @property
    def record_id(self) -> str:
        return f"A{self.goal_no}-{self.policy_no}-{self.action_no}"


class Value(BaseModel):
    """A printed cell such as `216,406百万円 （R2）`, taken apart."""

    raw: str = ""
    value: float | None = None
    unit: str = ""
    qualifier: str = ""
    year: int | None = None
    year_label: str = ""
    # Set when the cell carried its own year, overriding the column's.
    year_from_cell: bool = False
    text: str = ""  # a value that is not a number (e.g. 増加), kept as text
    # A parenthesised second figure that is not a year (`年3回（5年間で10回）`): kept in `raw`
    # and reported, not published as a field of its own.
    remark: str = ""
    # Further figures printed in the same cell (`小75.7%/中64.9%`: 中64.9%), as printed.
    others: str = ""


class Indicator(Record):
    """A numeric target (数値目標, policy_no None) or a KPI (重要業績評価指標)."""

    kind: Literal["numeric_target", "kpi"]
    goal_no: int
    policy_no: int | None = None
    seq: int  # kpi_no within its policy, or the target's number within its goal
    indicator: str
    indicator_raw: str
    baseline: Value
    target: Value
    footnote_no: int | None = None
    relisted: bool = False
    # An 実績値 (中間値, 直近値) column between the baseline and the target.
    actual: Value | None = None
    # Marks printed with the indicator (【戦略KPI】, ★, （新）), without their brackets.
    flags: list[str] = Field(default_factory=list)
    # Departments of a 担当課 column in the indicator table.
    departments: list[str] = Field(default_factory=list)
    # The direction the plan prints (方向 ↑ ↓ →): higher, lower, none; "" when not printed.
    direction: str = ""

    @property
    def record_id(self) -> str:
        if self.kind == "kpi":
            return f"K{self.goal_no}-{self.policy_no or 0}-{self.seq:02d}"
        return f"N{self.goal_no}-{self.seq:02d}"


class Footnote(Record):
    footnote_no: int
    text: str
    text_raw: str

    @property
    def record_id(self) -> str:
        return f"F{self.footnote_no}"


class Project(Record):
    goal_no: int
    policy_no: int | None
    seq: int
    policy_field: str
    policy_field_raw: str
    name: str
    name_raw: str
    departments: list[str]
    departments_raw: str
    smart_city: bool
    relisted: bool
    original_project_id: str | None = None

    @property
    def project_id(self) -> str:
        return f"G{self.goal_no}-P{self.policy_no or 0}-{self.seq:03d}"

    @property
    def record_id(self) -> str:
        return self.project_id

    @property
    def list_id(self) -> str:
        """The list the row is printed in: `G1-P2`."""
        return f"G{self.goal_no}-P{self.policy_no or 0}"


class Department(Record):
    abbr: str
    abbr_raw: str
    bureau: str
    section: str
    repaired: bool = False
    listed: bool = True  # printed in the 略称対応表; False: only used in 【】
    alias_of: str = ""  # the table entry it stands for, from rules/departments.csv

    @property
    def record_id(self) -> str:
        return f"D:{self.abbr}"


class OverviewEntry(Record):
    """A row of the plan's overview table (基本目標 / 取組方針 at a glance), kept for cross-checks."""

    goal_no: int
    policy_no: int | None
    title: str

    @property
    def record_id(self) -> str:
        return f"O{self.source_line}"


class Mention(BaseModel):
    """A thing named in the plan's text, in any line (prose, footnotes, headings, cells): a name
    in 「」 or a word for a plan or programme (第7次総合計画, 地方創生事業), as printed. The
    variants stage compares mentions for spellings of one thing."""

    model_config = ConfigDict(frozen=True)

    text: str
    line: int
    page: int | None = None


class VariantRow(BaseModel):
    """One printed spelling of a variant group (see variants.py)."""

    group_id: str
    field: str
    canonical: str
    variant: str
    count: int
    source_lines: list[int]
    resolution: Literal["rule", "normalized", "suspected"]
    rule: str = ""


# Roles of lines whose content went into records.
RECORD_ROLES = frozenset(
    {
        LineRole.PROJECT,
        LineRole.PROJECT_FIELD,
        LineRole.KPI,
        LineRole.NUMERIC_TARGET,
        LineRole.ACTION,
        LineRole.FOOTNOTE,
        LineRole.DEPARTMENT,
        LineRole.BASIC_DIRECTION,
    }
)


class Coverage(BaseModel):
    """Content lines of the plan: how many went into records, how many were reported."""

    in_records: int
    reported: int

    @property
    def content(self) -> int:
        return self.in_records + self.reported

    @property
    def share(self) -> float:
        return self.in_records / self.content if self.content else 1.0


class Plan(BaseModel):
    """Everything parsed from one document."""

    source_name: str
    source_format: str = "text"
    meta: dict[str, object] = Field(default_factory=dict)
    flag_column_titles: list[str] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    policies: list[Policy] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    numeric_targets: list[Indicator] = Field(default_factory=list)
    kpis: list[Indicator] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    # Footnotes printed without a number (`注）…`), counted in print order: none can refer to them.
    unnumbered_notes: list[int] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    departments: list[Department] = Field(default_factory=list)
    overview: list[OverviewEntry] = Field(default_factory=list)
    # Titles printed over each 事務事業一覧 / KPI list (取組方針n …), for cross-checks.
    captions: list[OverviewEntry] = Field(default_factory=list)
    # Things named in the text, line by line (for the variants stage).
    mentions: list[Mention] = Field(default_factory=list)
    variants: list[VariantRow] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    # line number → how it was read: proves nothing was lost.
    line_roles: dict[int, LineRole] = Field(default_factory=dict)
    out_of_scope_lines: int = 0
    # Out-of-scope lines by reason: before_goals, after_goals, unrecognised_section.
    out_of_scope: dict[str, int] = Field(default_factory=dict)
    # What the parser inferred (metadata.json): the goal, section and policy levels of the
    # outline and each table's column roles. Overridable in rules/settings.toml ([parse]).
    profile: dict[str, object] = Field(default_factory=dict)
    # Pages read by OCR → the engine's mean confidence there (0–100).
    ocr_pages: dict[int, float] = Field(default_factory=dict)
    # Every heading with its kind and printed level, for the heading-level check.
    headings: list[Heading] = Field(default_factory=list)

    def coverage(self) -> Coverage:
        roles = list(self.line_roles.values())
        return Coverage(
            in_records=sum(1 for r in roles if r in RECORD_ROLES),
            reported=sum(1 for r in roles if r is LineRole.UNPARSED),
        )
