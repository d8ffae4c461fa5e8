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

from extract.ingest.blocks import Block, cell_text, running_lines
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


# --- LibreOffice's PDF import: the page as text boxes ---------------------------------------

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
SAME_LINE = 50_000  # EMU (~4 pt): boxes this near in height are one printed line
RULE = 20_000  # EMU: a shape this thin is a rule (a table's border)
NEAR = 30_000  # EMU: a box this near a column's left rule starts in that column
INDENT = 400_000  # EMU (~0.44 in): a paragraph's line starts no further in than this
FILLED = 130_000  # EMU (~one character of 10 pt): a line ending this near the measure fills it
PAGE_DROP = 2_000_000  # EMU (~2.2 in): a shape this far above the last one is on a new page


def _box(anchor: object) -> tuple[int, int, int, int, str] | None:
    """(top, left, width, height, text) of an anchored shape, placed on its paragraph."""
    h, v = anchor.find(f"{{{WP}}}positionH"), anchor.find(f"{{{WP}}}positionV")  # type: ignore[attr-defined]
    ext = anchor.find(f"{{{WP}}}extent")  # type: ignore[attr-defined]
    if h is None or v is None or ext is None:
        return None
    ho, vo = h.find(f"{{{WP}}}posOffset"), v.find(f"{{{WP}}}posOffset")
    if ho is None or vo is None or not (ho.text or "").lstrip("-").isdigit():
        return None
    content = next(anchor.iter(f"{{{W}}}txbxContent"), None)  # type: ignore[attr-defined]
    text = ""
    if content is not None:
        lines = []
        for p in content.iter(f"{{{W}}}p"):
            lines.append("".join(t.text or "" for t in p.iter(f"{{{W}}}t")))
        text = " ".join(ln for ln in lines if ln.strip())
    return int(vo.text or 0), int(ho.text or 0), int(ext.get("cx", 0)), int(ext.get("cy", 0)), text


def text_boxes_page(body: object) -> bool:
    """Whether the document's text is all in shapes placed on the page (LibreOffice's PDF
    import): no paragraph of the body holds text of its own."""
    boxed = 0
    box = f"{{{W}}}txbxContent"
    for p in body.findall(f"{{{W}}}p"):  # type: ignore[attr-defined]
        # text of its own: not inside a text box (a run may sit in w:ins, a hyperlink …)
        if any(
            (t.text or "").strip() and next(t.iterancestors(box), None) is None
            for t in p.iter(f"{{{W}}}t")
        ):
            return False
        boxed += any(True for _ in p.iter(f"{{{WP}}}anchor"))
    return boxed > 0 and not body.findall(f"{{{W}}}tbl")  # type: ignore[attr-defined]


def _tables(rules: list[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    """The tables the vertical rules draw: (top, bottom, the columns' left edges and the last
    right edge), rules that overlap in height one table."""
    out: list[tuple[int, int, list[int]]] = []
    for top, left, height in sorted(rules):
        if out and top <= out[-1][1] + RULE:
            t, b, xs = out[-1]
            out[-1] = (t, max(b, top + height), [*xs, left])
        else:
            out.append((top, top + height, [left]))
    tables = []
    for top, bottom, xs in out:
        edges: list[int] = []
        for x in sorted(xs):
            if not edges or x - edges[-1] > RULE:
                edges.append(x)
        if len(edges) >= 3:  # two columns at least
            tables.append((top, bottom, edges))
    return tables


def boxes_to_blocks(body: object) -> list[Block]:
    """Each page's text boxes as the lines they print: boxes at one height one line, left to
    right; a line within a table's rules a row whose cells are the columns the rules draw."""
    blocks: list[Block] = []
    for n, shapes in enumerate(_pages(body), start=1):
        rules = [(top, left, h) for top, left, w, h, text in shapes if w <= RULE and not text]
        tables = _tables(rules)
        # the horizontal rules: a table's rows (a cell's wrapped lines lie between two)
        across = sorted({top for top, _, w, h, text in shapes if h <= RULE < w and not text})
        last: tuple[int, int] | None = None  # (the table's top, the row's rule above)
        texts = sorted((top, left, w, text) for top, left, w, _, text in shapes if text.strip())
        lines: list[list[tuple[int, int, int, str]]] = []
        for box in texts:
            if lines and box[0] - lines[-1][0][0] <= SAME_LINE:
                lines[-1].append(box)
            else:
                lines.append([box])
        prose = [ln for ln in lines if not any(t[0] - RULE <= ln[0][0] <= t[1] for t in tables)]
        measure = _measure(prose)
        margin = min((min(b[1] for b in ln) for ln in prose), default=0)
        wrapped = False  # the last line was a paragraph's line that filled the measure
        for i, line in enumerate(lines, start=1):
            line.sort(key=lambda b: b[1])
            top = line[0][0]
            table = next((t for t in tables if t[0] - RULE <= top <= t[1]), None)
            address = f"¶{n} line {i}"
            if table is None:
                text = _joined(line)
                if wrapped and blocks and not ITEM_START.match(text):
                    # the paragraph goes on from a line that filled the measure
                    blocks[-1] = replace(blocks[-1], cells=(cell_text([blocks[-1].text, text]),))
                else:
                    blocks.append(Block((text,), address))
                right = max(b[1] + b[2] for b in line)
                # (a line set right, as a running header is, fills no measure)
                opens = min(b[1] for b in line) <= margin + INDENT
                wrapped = measure is not None and opens and right >= measure - FILLED
                last = None
                continue
            wrapped = False
            edges = table[2]
            cells: list[list[tuple[int, int, int, str]]] = [[] for _ in edges[:-1]]
            for piece in (p for box in line for p in _split_at_rules(box, edges)):
                k = max((j for j, x in enumerate(edges[:-1]) if x <= piece[1] + NEAR), default=0)
                cells[k].append(piece)
            row = (table[0], max((y for y in across if y <= top + RULE), default=table[0]))
            texts_ = tuple(_joined(c) for c in cells)
            if row == last and blocks:  # a wrapped line of the row above: its cells go on
                before = blocks[-1]
                joined = tuple(
                    cell_text([a, b]) for a, b in zip(before.cells, texts_, strict=False)
                )
                blocks[-1] = replace(before, cells=joined)
            else:
                blocks.append(Block(texts_, address))
            last = row
    return blocks


def _measure(lines: list[list[tuple[int, int, int, str]]]) -> int | None:
    """The right edge of the page's text column: where three paragraph lines or more end
    together (wrapped lines fill it), else None (each line its own)."""
    rights = sorted((max(b[1] + b[2] for b in ln) for ln in lines), reverse=True)
    for i, right in enumerate(rights):
        if sum(1 for r in rights[i:] if right - r <= FILLED) >= 3:
            return right
    return None


def _split_at_rules(
    box: tuple[int, int, int, str], edges: list[int]
) -> list[tuple[int, int, int, str]]:
    """A box whose text runs over a column's rule (LibreOffice joins spans of one line that
    nearly touch: `中心市街地・商業地域 チャレンジ…`) split at the space nearest the rule."""
    top, left, width, text = box
    inside = [x for x in edges[1:-1] if left + NEAR < x < left + width - NEAR]
    if not inside or " " not in text or width <= 0:
        return [box]
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    at = min(spaces, key=lambda i: abs(i / len(text) - (inside[0] - left) / width))
    head_width = inside[0] - left
    head = (top, left, head_width, text[:at])
    rest = (top, inside[0], width - head_width, text[at + 1 :])
    return [head, *_split_at_rules(rest, edges)]


def _pages(body: object) -> list[list[tuple[int, int, int, int, str]]]:
    """The shapes page by page: LibreOffice anchors every page's shapes in one paragraph, each
    placed from the top of its page, a page's after the one before; a shape far above the last
    one opens the next page."""
    pages: list[list[tuple[int, int, int, int, str]]] = [[]]
    for anchor in body.iter(f"{{{WP}}}anchor"):  # type: ignore[attr-defined]
        box = _box(anchor)
        if box is None:
            continue
        if pages[-1] and box[0] < pages[-1][-1][0] - PAGE_DROP:
            pages.append([])
        pages[-1].append(box)
    return pages


def _joined(boxes: list[tuple[int, int, int, str]]) -> str:
    """Boxes of one line (or one cell) as its text: a space where they stand apart."""
    out = ""
    end = None
    for _, left, width, text in boxes:
        if end is not None and left - end > NEAR:
            out += " "
        out += text
        end = left + width
    return out.strip()
