"""基本目標, 取組方針, their ・ bullets (with example projects), footnotes and the overview table."""

from __future__ import annotations

from extract.models import (
    Action,
    ActionExample,
    Footnote,
    Goal,
    Line,
    LineRole,
    OverviewEntry,
    Policy,
)
from extract.parse import patterns as P
from extract.parse.context import ParseContext
from extract.parse.tables import line_to_cells
from extract.text import join_wrapped, split_top_level, split_trailing_group

_SENTENCE_END = ("。", "．", "！", "？", ")", "）", "」")


def heading_to_goal(
    line: Line, number: int, title: str, ctx: ParseContext, numbering: str = ""
) -> None:
    title = title.strip()
    ctx.plan.goals.append(
        Goal(
            source_line=line.no,
            source_page=line.page,
            goal_no=number,
            title=ctx.norm.name(title),
            title_raw=title,
            numbering=numbering,
        )
    )
    ctx.goal_no, ctx.policy_no = number, None


def heading_to_policy(
    line: Line,
    number: int,
    title: str,
    ctx: ParseContext,
    numbering: str = "",
    sections: tuple[tuple[str, str], ...] = (),
) -> bool:
    """Define policy `number` of the current goal; False when it exists already (the heading is
    then a caption, e.g. over that policy's 事務事業一覧)."""
    assert ctx.goal_no is not None
    ctx.policy_no = number
    if any(p.goal_no == ctx.goal_no and p.policy_no == number for p in ctx.plan.policies):
        return False
    title = title.strip()
    ctx.plan.policies.append(
        Policy(
            source_line=line.no,
            source_page=line.page,
            goal_no=ctx.goal_no,
            policy_no=number,
            title=ctx.norm.name(title),
            title_raw=title,
            numbering=numbering,
            section=" / ".join(ctx.norm.name(t) for _, t in sections),
            section_numbering=" / ".join(n for n, _ in sections),
        )
    )
    return True


def add_direction_paragraph(line: Line, ctx: ParseContext) -> None:
    """A paragraph of the basic direction; a line that continues an unfinished sentence (the
    rendering wrapped it) joins the line before it, a new paragraph starts a new line."""
    goal = ctx.plan.goals[-1]
    text = " ".join(line.cells).strip()
    before = goal.basic_direction_raw
    if before and not before.endswith(_SENTENCE_END):
        goal.basic_direction_raw = join_wrapped([before, text])
    else:
        goal.basic_direction_raw = "\n".join(filter(None, [before, text]))
    goal.basic_direction = ctx.norm.prose(goal.basic_direction_raw)


def example_to_names(example: str) -> list[str]:
    """`事業A（分野1、分野2）` names two projects: `事業A（分野1）` and `事業A（分野2）`."""
    group = split_trailing_group(example)
    if group:
        base, inner = group
        items = split_top_level(inner)
        if base and len(items) > 1:
            return [f"{base}（{item}）" for item in items]
    return [example]


def bullet_to_action(line: Line, ctx: ParseContext) -> None:
    assert ctx.goal_no is not None and ctx.policy_no is not None
    raw = P.LIST_ITEM.sub("", line.text, count=1).strip()
    body = P.TRAILING_MORE.sub("", raw)
    group = split_trailing_group(body)
    title, inner = group if group else (body, "")
    names: list[str] = []
    items = split_top_level(inner)
    for n, item in enumerate(items):
        if n == len(items) - 1:
            item = P.TRAILING_ETC.sub("", item)  # 「…事業等」: the list goes on
        names.extend(example_to_names(item))
    action_no = ctx.next_seq(("action", ctx.goal_no, ctx.policy_no))
    ctx.plan.actions.append(
        Action(
            source_line=line.no,
            source_page=line.page,
            goal_no=ctx.goal_no,
            policy_no=ctx.policy_no,
            action_no=action_no,
            text=ctx.norm.name(title),
            text_raw=raw,
            examples=[
                ActionExample(example_no=i, example=ctx.norm.name(name), example_raw=name)
                for i, name in enumerate(names, start=1)
            ],
        )
    )
    ctx.role(line, LineRole.ACTION)


def line_to_footnote(line: Line, ctx: ParseContext) -> bool:
    match = P.FOOTNOTE.match(line.text)
    if not match:
        return False
    number = next((g for g in match.groups()[:4] if g), None)
    text = match.group("text").strip()
    ctx.plan.footnotes.append(
        Footnote(
            source_line=line.no,
            source_page=line.page,
            # `注）…` printed without a number: counted in print order
            footnote_no=int(number) if number else ctx.next_seq(("note",)),
            text=ctx.norm.prose(text),
            text_raw=text,
        )
    )
    if not number:
        ctx.plan.unnumbered_notes.append(ctx.plan.footnotes[-1].footnote_no)
    ctx.role(line, LineRole.FOOTNOTE)
    return True


def line_to_overview(line: Line, ctx: ParseContext) -> bool:
    """A row of the at-a-glance table: `基本目標1 title <tab> 取組方針1 title`, or `<tab> 取組方針2 …`."""
    cells = line_to_cells(line)
    if len(line.cells) < 2 or not any(cells):
        return False
    goal_re, policy_re = P.goal_heading(ctx.settings), P.policy_heading(ctx.settings)
    first = P.match_text(cells[0]) if cells[0] else ""
    goal = goal_re.match(first) if first else None
    if first and not goal:
        return False
    rest = [P.match_text(c) for c in cells[1:] if c]
    policies = [policy_re.match(c) for c in rest]
    if not rest or not all(policies):
        return False
    entries = ctx.plan.overview
    if goal:
        goal_no = P.token_to_int(goal.group("no"))
        entries.append(
            OverviewEntry(
                source_line=line.no,
                source_page=line.page,
                goal_no=goal_no,
                policy_no=None,
                title=ctx.norm.name(goal.group("title")),
            )
        )
    elif entries:
        goal_no = entries[-1].goal_no
    else:
        return False
    for match in policies:
        assert match is not None
        entries.append(
            OverviewEntry(
                source_line=line.no,
                source_page=line.page,
                goal_no=goal_no,
                policy_no=P.token_to_int(match.group("no")),
                title=ctx.norm.name(match.group("title")),
            )
        )
    ctx.role(line, LineRole.OVERVIEW)
    return True
