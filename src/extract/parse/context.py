"""State shared by the parse stage's record builders while they walk the document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from extract import messages
from extract.models import Heading, Line, LineRole, Plan, Project
from extract.normalize import Normalizer
from extract.settings import ParseSettings

EMITS = ("parse.unparsed",)


class Section(StrEnum):
    INTRO = "intro"  # before the first 基本目標: out of scope except the overview table
    GOAL = "goal"  # right after a goal heading
    DIRECTION = "direction"  # 基本的方向 (and 数値目標)
    POLICIES = "policies"  # 取組方針 headings and their ・ bullets
    KPI = "kpi"
    PROJECTS = "projects"
    DEPARTMENTS = "departments"
    PROSE = "prose"  # 現状と課題, 関連する個別計画 …: prose inside a goal, tables still read
    OTHER = "other"  # any other heading: prose, out of scope


@dataclass
class ParseContext:
    plan: Plan
    settings: ParseSettings
    norm: Normalizer
    section: Section = Section.INTRO
    goal_no: int | None = None
    policy_no: int | None = None  # the 取組方針 whose bullets / list we are in
    headings: list[Heading] = field(default_factory=list)
    counters: Counter[tuple[object, ...]] = field(default_factory=Counter)
    # a listed project whose bracket its line left open, and the text read for it so far
    open_item: tuple[Project, str] | None = None

    def next_seq(self, key: tuple[object, ...]) -> int:
        """1, 2, 3 … per key: the position of a record within its list."""
        self.counters[key] += 1
        return self.counters[key]

    def role(self, line: Line, role: LineRole) -> None:
        self.plan.line_roles[line.no] = role

    def finding(self, code: str, line: Line, params: Mapping[str, str | int], **kw: object) -> None:
        """A finding on `line`, its sentences from the message catalogue filled with `params`."""
        self.plan.findings.append(
            messages.finding(code, params, line=line.no, page=line.page, **kw)  # type: ignore[arg-type]
        )

    def unparsed(self, line: Line, form: str = "", **params: str | int) -> None:
        """`line` could not be placed: why is the message's `form` (parse.unparsed/<form>)."""
        self.role(line, LineRole.UNPARSED)
        self.finding(
            "parse.unparsed",
            line,
            {**({"form": form} if form else {}), "line": line.no, "text": line.text.strip()[:80]}
            | params,
        )
