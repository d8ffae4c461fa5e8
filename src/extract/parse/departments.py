"""所管課略称対応表: abbreviation → bureau (部) and section (課), possibly printed as several
column groups side by side (`略称 部 課名 略称 部 課名`).

Blank bureau cells carry the bureau above, per group. A row whose cells slipped (a section in
the bureau column, a bureau in the section column, a group starting mid-row) is rebuilt from the
shapes of its cells — bureaus end in 部/局/委員会, sections in 課/室/センター — and reported as
`layout.table_repaired`, so that the reviewer can confirm the repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract import messages
from extract.models import Department, Line, LineRole
from extract.parse import patterns as P
from extract.parse.context import ParseContext
from extract.parse.tables import find_column, line_to_cells

EMITS = ("layout.table_repaired", "layout.row_joined")


@dataclass
class Group:
    abbr_col: int
    bureau_col: int | None
    section_col: int | None
    carry_bureau: str = ""
    rows: list[Department] = field(default_factory=list)


@dataclass
class DepartmentTable:
    groups: list[Group]
    width: int


def header_to_department_table(cells: list[str], ctx: ParseContext) -> DepartmentTable | None:
    s = ctx.settings
    # 略称, or a longer header ending in it (所管課略称)
    starts = [
        i for i, c in enumerate(cells) if P.match_text(c).replace(" ", "").endswith(s.abbr_words)
    ]
    if not starts:
        return None
    groups = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(cells)
        span = cells[start:end]
        section = find_column(span, s.section_words, exclude=[0])
        bureau = find_column(
            span, s.bureau_words, exclude=[0, section if section is not None else -1]
        )
        groups.append(
            Group(
                abbr_col=start,
                bureau_col=None if bureau is None else start + bureau,
                section_col=None if section is None else start + section,
            )
        )
    return DepartmentTable(groups=groups, width=len(cells))


def _kind(text: str, ctx: ParseContext) -> str:
    """'bureau', 'section' or 'abbr', judged by the cell's ending."""
    key = P.match_text(text).replace(" ", "")
    if key.endswith(ctx.settings.bureau_suffixes):
        return "bureau"
    if key.endswith(ctx.settings.section_suffixes) and len(key) > 2:
        return "section"
    return "abbr"


def _aligned(cells: list[str], group: Group, ctx: ParseContext) -> bool:
    def at(i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    abbr, bureau, section = at(group.abbr_col), at(group.bureau_col), at(group.section_col)
    if not (abbr or bureau or section):
        return True  # an empty group on this row
    return (
        bool(abbr)
        and _kind(abbr, ctx) == "abbr"
        and (not bureau or _kind(bureau, ctx) == "bureau")
        and bool(section)
        and _kind(section, ctx) != "bureau"
    )


def _regroup(cells: list[str], ctx: ParseContext) -> list[tuple[str, str, str]]:
    """Rebuild (abbr, bureau, section) triples from the row's non-empty cells in order."""
    triples: list[list[str]] = []
    for text in (c for c in cells if c):
        kind = _kind(text, ctx)
        if kind == "abbr":
            triples.append([text, "", ""])
            continue
        slot = 1 if kind == "bureau" else 2
        if not triples or triples[-1][slot]:
            triples.append(["", "", ""])
        triples[-1][slot] = text
    return [(a, b, s) for a, b, s in triples]


def row_to_departments(line: Line, table: DepartmentTable, ctx: ParseContext) -> None:
    cells = line_to_cells(line)
    groups = table.groups
    if all(_aligned(cells, g, ctx) for g in groups):
        triples = []
        for g in groups:
            get = lambda i: cells[i] if i is not None and i < len(cells) else ""  # noqa: E731
            triples.append((get(g.abbr_col), get(g.bureau_col), get(g.section_col)))
        repaired = [False] * len(groups)
    else:
        rebuilt = _regroup(cells, ctx)
        if len(rebuilt) > len(groups):
            ctx.unparsed(line, "too_many_entries")
            return
        triples = rebuilt + [("", "", "")] * (len(groups) - len(rebuilt))
        repaired = [not _aligned(cells, g, ctx) for g in groups]
    added = lost = False
    for group, (abbr_raw, bureau, section), fixed in zip(groups, triples, repaired, strict=True):
        if not (abbr_raw or bureau or section):
            continue
        if bureau:
            group.carry_bureau = bureau
        record = Department(
            source_line=line.no,
            source_page=line.page,
            abbr=ctx.norm.abbr(abbr_raw),
            abbr_raw=abbr_raw,
            bureau=ctx.norm.name(group.carry_bureau),
            section=ctx.norm.name(section),
            repaired=fixed,
        )
        if not record.abbr:
            ctx.unparsed(line, "no_abbr", entry=bureau or section)
            lost = True
            continue
        group.rows.append(record)
        added = True
        if fixed:
            ctx.finding(
                "layout.table_repaired",
                line,
                {
                    **({} if section else {"form": "no_section"}),
                    "abbr": record.abbr,
                    "bureau": record.bureau,
                    "section": record.section,
                    "carried": "" if bureau else group.carry_bureau,
                },
                record_id=f"D:{record.abbr}",
                key=record.abbr,
            )
    if not lost:  # a line with an entry left unread stays unparsed (and reported)
        ctx.role(line, LineRole.DEPARTMENT if added else LineRole.UNPARSED)


# `企画：企画政策課　水産：水産振興課`: a 略称 legend printed as lines of pairs, an abbreviation,
# a colon (or ＝) and the department, the pairs set apart by spaces
_LEGEND_COLON = re.compile(r"\s*[:：=＝]\s*")


def _legend_pairs(text: str, ctx: ParseContext) -> list[tuple[str, str]] | None:
    """The (abbreviation, department) pairs of a legend line; None where it holds anything else.
    A PDF that joined two lines runs a department into the next abbreviation (`建築住宅課子育：
    子育て支援課`): the department ends at the last department ending before it."""
    ends = (*ctx.settings.section_suffixes, *ctx.settings.bureau_suffixes)
    pairs: list[tuple[str, str]] = []
    for token in text.split():
        parts = _LEGEND_COLON.split(token)
        if len(parts) < 2 or not all(parts):
            return None
        abbr = parts[0]
        for i, part in enumerate(parts[1:], start=1):
            if i == len(parts) - 1:
                name, nxt = part, ""
            else:
                cut = max((k for k in range(2, len(part)) if part[:k].endswith(ends)), default=0)
                if not cut or len(part) - cut > 5:
                    return None
                name, nxt = part[:cut], part[cut:]
            if len(abbr) > 5 or len(name) < 2:
                return None
            pairs.append((abbr, name))
            abbr = nxt
    return pairs or None


# `※担当課の略称　企政：企画政策課、農林：農林振興課`: the legend's caption and its pairs on
# one line (a note under the plan's introduction), the pairs set apart by 、 as in a sentence
_LEGEND_CAPTION = re.compile(r"^[※*＊]?\s*(?P<caption>\S{2,12}?)[\s　:：]+(?P<pairs>\S.*)$")
_LEGEND_COMMA = re.compile(r"\s*[、，,]\s*")


def line_to_captioned_legend(line: Line, ctx: ParseContext) -> bool:
    """A caption ending as a 略称 legend's does (`担当課の略称`) and, on its line, nothing but
    `略：課名` pairs: the plan's 略称 table (it had been a note, its abbreviations unknown)."""
    m = _LEGEND_CAPTION.match(P.strip_markup(line.text).strip())
    if m is None or not m.group("caption").endswith(ctx.settings.department_words):
        return False
    pairs = _LEGEND_COMMA.sub(" ", m.group("pairs").replace("\u3000", " ")).rstrip("。 ")
    return _legend_to_departments(line, _legend_pairs(pairs, ctx), ctx)


def line_to_legend_departments(line: Line, ctx: ParseContext) -> bool:
    """A line of a 略称 legend (under its caption), every word on it one `略：課名` pair, each an
    entry of the plan's 略称 table; False where the line holds anything else."""
    text = P.strip_markup(line.text).strip().replace("\u3000", " ")
    return _legend_to_departments(line, _legend_pairs(text, ctx), ctx)


def _legend_to_departments(
    line: Line, pairs: list[tuple[str, str]] | None, ctx: ParseContext
) -> bool:
    if pairs is None:
        return False
    for abbr, name in pairs:
        ctx.plan.departments.append(
            Department(
                source_line=line.no,
                source_page=line.page,
                abbr=ctx.norm.abbr(abbr),
                abbr_raw=abbr,
                bureau="",
                section=ctx.norm.name(name),
            )
        )
    ctx.role(line, LineRole.DEPARTMENT)
    return True


def table_to_departments(table: DepartmentTable, ctx: ParseContext) -> None:
    """Publish the entries group by group: the printed reading order of a side-by-side table."""
    for group in table.groups:
        ctx.plan.departments.extend(group.rows)
        group.rows.clear()


def _partition(text: str, known: set[str]) -> list[str] | None:
    """`text` as abbreviations of `known` run together, the fewest of them (None: it is not)."""
    best: list[list[str] | None] = [None] * (len(text) + 1)
    best[0] = []
    for end in range(1, len(text) + 1):
        for start in range(end):
            head = best[start]
            if head is not None and text[start:end] in known:
                parts = [*head, text[start:end]]
                if best[end] is None or len(parts) < len(best[end] or ()):
                    best[end] = parts
    return best[-1]


def split_joined_departments(ctx: ParseContext) -> None:
    """A department cell that wrapped and was joined with no separator (a converter's `総<br>住`
    read as `総住`): no abbreviation of the plan's 略称 table, but two or more of them run
    together — read as those, and said (`layout.row_joined/departments`)."""
    known = {d.abbr for d in ctx.plan.departments if d.listed}
    if not known:
        return
    for project in ctx.plan.projects:
        read: list[str] = []
        for abbr in project.departments:
            parts = None if abbr in known else _partition(abbr, known)
            read.extend(parts if parts and len(parts) >= 2 else [abbr])
        if read == project.departments:
            continue
        params = {
            "form": "departments",
            "project_id": project.project_id,
            "name": project.name,
            "raw": "・".join(project.departments),
            "read": "・".join(read),
        }
        project.departments = read
        ctx.plan.findings.append(
            messages.finding(
                "layout.row_joined",
                params,
                line=project.source_line,
                page=project.source_page,
                record_id=project.project_id,
                key=project.name,
            )
        )
