"""Things the plan names in its text, in every line — prose, footnotes, headings and table
cells alike: names in 「」 and words for plans, programmes and schemes (…計画, …事業, …制度,
…戦略, …ビジョン, …構想). They are kept as printed, with their line, for the variants stage to
find spellings of one thing (第7次総合計画 and 第7期総合計画) outside the records' own names."""

from __future__ import annotations

from extract.models import Line, Mention
from extract.parse import patterns as P
from extract.parse.context import ParseContext

EMITS = ()

# Shorter mentions (「場」, 本計画) name nothing a reader could confuse.
MIN_CHARS = 4


def line_to_mentions(line: Line, ctx: ParseContext) -> None:
    text = P.SUP.sub(" ", P.strip_markup(line.text))
    found = [m.group(1) for m in P.QUOTED_NAME.finditer(text)]
    found += [m.group(0) for m in P.NAMED_THING.finditer(text)]
    for name in dict.fromkeys(n.strip() for n in found):
        if len(name) >= MIN_CHARS:
            ctx.plan.mentions.append(Mention(text=name, line=line.no, page=line.page))
