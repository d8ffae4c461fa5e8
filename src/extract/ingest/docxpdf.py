"""A Word file a converter made from a PDF (pdf2docx and the web services built on it).

Such a file keeps the printed page: each paragraph is a block of printed lines set at an exact
line height with the producer's autospace turned off, its lines runs one after another (a line
that ends short of the measure gets a break, one the converter took for wrapped does not), the
page's running header and page number paragraphs of their own, a raised note number a plain
digit. Told by its paragraphs (nearly all at an exact line height, autospace off), it is read as
a converter's Markdown of a PDF is: a run that opens an item (`【主な事業】`, `◎施策の目標`, `②`)
after text starts a line of its own, the autospace a converter prints as a space is taken out
(`6 次化` → `6次化`), a flat note number paired with its note is raised, and the running header
is page furniture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extract.ingest.blocks import Block, running_lines
from extract.ingest.mdpdf import ITEM_START, raise_flattened_notes, unspace

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MIN_PARAGRAPHS = 3  # too few paragraphs tell nothing of how the file was made
SHARE = 0.9
_CELL = "\x01"  # marks a table cell while notes are paired


def made_from_pdf(body: object) -> bool:
    """Nearly every paragraph of text set at an exact line height with autospace off: a
    converter's page, not a document typed in Word (whose styles set the spacing, not each
    paragraph)."""
    paragraphs = [
        p
        for p in body.findall(f".//{{{W}}}p")  # type: ignore[attr-defined]
        if any((t.text or "").strip() for t in p.iter(f"{{{W}}}t"))
    ]
    if len(paragraphs) < MIN_PARAGRAPHS:
        return False
    exact = 0
    for p in paragraphs:
        ppr = p.find(f"{{{W}}}pPr")
        if ppr is None:
            continue
        spacing = ppr.find(f"{{{W}}}spacing")
        autospace = ppr.find(f"{{{W}}}autoSpaceDE")
        exact += (
            spacing is not None
            and spacing.get(f"{{{W}}}lineRule") == "exact"
            and autospace is not None
            and autospace.get(f"{{{W}}}val") in ("0", "false")
        )
    return exact >= SHARE * len(paragraphs)


def opens_item(text: str, before: str) -> bool:
    """Whether a run starts a printed line of its own: it opens an item and follows text that
    is not already at a line's start."""
    return bool(before.strip()) and not before.endswith("\n") and bool(ITEM_START.match(text))


def as_printed(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with the autospace taken out, flat note numbers raised and the running
    header left out."""
    # a note is a paragraph, never a table cell (a cell the converter ran together with the
    # row number, `1妊産婦健診受診率`): a table's cells are marked so that none is taken for one
    cells = [(_CELL if len(b.cells) > 1 else "") + unspace(c) for b in blocks for c in b.cells]
    raised = iter(c.removeprefix(_CELL) for c in raise_flattened_notes(cells))
    out = [replace(b, cells=tuple(next(raised) for _ in b.cells)) for b in blocks]
    running = running_lines(out)
    return [b for i, b in enumerate(out) if i not in running]
