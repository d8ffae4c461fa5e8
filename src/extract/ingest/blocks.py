"""What the structured forms (Word, Excel, HTML, Markdown) share: their content as blocks —
paragraphs and table rows in reading order — turned into the Document lines a text rendering of
the same plan would give.

A paragraph is one line (a line break inside it starts a new one); a table row is one line whose
cells are the table's grid cells, a merged cell's text in its first grid cell and the cells it
covers empty (as a PDF's table and a tab text print it). A paragraph set wholly in bold and short
is a heading one level below the source's own heading levels, as the PDF reader marks a bold line
at body size. These forms have no pages: `Line.address` says where the line is in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.errors import InputError
from extract.models import Document, Line, SourceFormat
from extract.text import join_cells, join_wrapped, sup

# A bold line longer than this is emphasised prose, not a heading (the PDF reader's bound).
MAX_BOLD_HEADING = 60
# Word and web bullets printed as the plan's own bullet ・ (which the parser reads as a bullet);
# private-use code points are the Symbol and Wingdings glyphs Word's bullet lists use.
_BULLETS = {
    "\uf0b7": "・",
    "\uf0a7": "▪",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "◆",
    "\uf0d8": "・",
    "\uf0fc": "・",
    "\uf0a8": "・",
    "•": "・",
    "◦": "・",
    "‣": "・",
    "⁃": "・",
    "∙": "・",
    "·": "・",
    "o": "・",
    "-": "・",
    "–": "・",
    "*": "・",
}
# A bullet the printed text already carries (`・企業誘致…`, `◆…`): no second one is added.
STARTS_WITH_MARK = re.compile(r"^\s*[・･●○◎◆◇■□▪▫★☆※➢→▶►\-]")
# A superscript that is a footnote marker: digits, optionally with ※ / * or a closing paren.
_MARKER = re.compile(r"^\s*(?:※|\*|＊)?\s*([0-9０-９]{1,3})\s*[)）]?\s*$")
# A superscript 2 or 3 after a unit of length is a power (㎡ printed m²), not a footnote.
_POWER_BEFORE = re.compile(r"(?:[kKcCmM]?[mｍ]|km|cm|mm|ｋｍ|ｃｍ)$")
# A page number printed on a line of its own (－１２－, - 15 -, 12), as the parser knows it.
_PAGE_NUMBER = re.compile(r"^[-－―‐–—\s]*[0-9０-９]{1,4}[-－―‐–—\s]*$")
MAX_RUNNING = 40  # characters of a running header or footer


@dataclass(frozen=True, slots=True)
class Block:
    """One line to be: a paragraph (one cell) or a table row (its grid cells)."""

    cells: tuple[str, ...]
    address: str = ""
    heading_level: int = 0
    # Every character of the paragraph set in bold (or strong / **): a heading when short.
    bold: bool = False

    @property
    def text(self) -> str:
        return join_cells(self.cells)


def paragraph(text: str, address: str = "", level: int = 0, bold: bool = False) -> list[Block]:
    """A paragraph's printed lines: each line break starts a new line (a title that the print
    wraps on purpose is two lines in the text rendering too)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1:
        while lines and not lines[-1].strip():
            lines.pop()  # a break at the end prints nothing
    return [
        Block((line.rstrip().replace("\t", "\u3000"),), address, level, bold) for line in lines
    ] or [Block(("",), address)]


def cell_text(parts: Iterable[str]) -> str:
    """A table cell's printed lines (paragraphs, line breaks) as one value, joined as wrapped
    text is: no space invented between Japanese text."""
    return join_wrapped([p.replace("\t", " ") for p in parts if p.strip()])


def bullet(mark: str) -> str:
    """A list's bullet as the plan prints it (Symbol and Wingdings glyphs mapped)."""
    mark = mark.strip()
    return _BULLETS.get(mark, mark) if mark else "・"


def superscript(text: str, before: str) -> str:
    """A raised run: a footnote marker as `<sup>n</sup>` (the line encoding), a power after a
    unit of length as ² ³, anything else as printed."""
    m = _MARKER.match(text)
    if not m:
        return text
    digits = m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits in ("2", "3") and _POWER_BEFORE.search(before.rstrip()):
        return "²" if digits == "2" else "³"
    return sup(digits)


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell as the source lists it: its text and how many grid columns and rows it covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1


def spread(rows: Sequence[Sequence[GridCell]]) -> list[list[str]]:
    """Cells with spans → the grid: a merged cell's text in its first grid cell, the cells it
    covers empty, every row as wide as the widest (HTML's table model)."""
    grid: list[list[str | None]] = []
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        col = 0
        for c in row:
            while col < len(grid[r]) and grid[r][col] is not None:
                col += 1  # covered by a cell above that spans rows
            span, down = max(1, c.colspan), max(1, c.rowspan)
            for dr in range(down):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < col + span:
                    target.append(None)
                for dc in range(span):
                    target[col + dc] = c.text if dr == 0 and dc == 0 else ""
            col += span
    grid = grid[: len(rows)]  # a rowspan past the last row covers nothing (HTML clips it)
    width = max((len(g) for g in grid), default=0)
    return [[c or "" for c in g] + [""] * (width - len(g)) for g in grid]


def table_blocks(grid: Sequence[Sequence[str]], addresses: Sequence[str] = ()) -> list[Block]:
    """A spread table's rows as blocks; a table of one column is a frame around paragraphs
    (boxed text), its cells read as paragraphs."""
    out: list[Block] = []
    for i, row in enumerate(grid):
        address = addresses[i] if i < len(addresses) else ""
        cells = tuple(c.strip() for c in row)
        if len(cells) == 1:
            out.extend(paragraph(row[0], address))
        elif any(cells):
            out.append(Block(cells, address))
        else:
            out.append(Block(("",), address))
    return out


def running_lines(blocks: Sequence[Block]) -> set[int]:
    """The blocks a converter kept from each page's running header or footer: a short line
    that opens (or closes) the document, as the first page's header (or the last page's footer)
    does, and is printed three times or more, nearly always beside a page number printed on a
    line of its own. A caption repeated under every goal opens no document. Without page
    numbers nothing is taken for one."""
    texts = [" ".join(b.cells[0].split()) if len(b.cells) == 1 else "\t" for b in blocks]
    order = [i for i, t in enumerate(texts) if t.strip()]
    if not order:
        return set()
    place = {i: k for k, i in enumerate(order)}
    numbers = [k for k, i in enumerate(order) if _PAGE_NUMBER.match(texts[i])]
    last = len(order) - 1
    ends = {texts[i] for i in order[:2] + order[-2:]}
    out: set[int] = set()
    for text in ends:
        if text == "\t" or len(text) > MAX_RUNNING or _PAGE_NUMBER.match(text) or not numbers:
            continue
        found = [i for i in order if texts[i] == text]
        beside = sum(
            1
            for i in found
            if place[i] <= 1 or place[i] >= last - 1 or any(abs(place[i] - k) <= 2 for k in numbers)
        )
        if len(found) >= 3 and beside >= 0.75 * len(found):
            out.update(found)
    return out


def blocks_to_document(
    blocks: Sequence[Block],
    name: str,
    source_format: SourceFormat,
    *,
    encoding: str | None = None,
    pages: dict[int, int] | None = None,
) -> Document:
    """Numbered lines (1-based, in reading order). A short bold paragraph is a heading one level
    below the deepest level the source marks itself. `pages` (block index → page) where the
    source says where its pages begin (a converter's page markers)."""
    if not any(any(c.strip() for c in b.cells) for b in blocks):
        raise InputError(f"{name} holds no text: there is no plan to read.")
    deepest = max((b.heading_level for b in blocks), default=0)
    lines: list[Line] = []
    page = None
    for i, b in enumerate(blocks):
        if pages and i in pages:
            page = pages[i]
        level = b.heading_level
        if (
            not level
            and b.bold
            and len(b.cells) == 1
            and 0 < len(b.cells[0].strip()) <= MAX_BOLD_HEADING
        ):
            level = min(deepest + 1, 6)
        lines.append(
            Line(
                no=len(lines) + 1,
                text=b.text,
                page=page,
                cells=b.cells,
                heading_level=level,
                address=b.address,
            )
        )
    return Document(
        lines=lines,
        source_name=name,
        source_format=source_format,
        encoding=encoding,
        pages=max(pages.values()) if pages else None,
    )
