"""Markdown ingest: a plan converted to Markdown (by docling, marker, MinerU, pymupdf4llm,
pandoc or by hand) → Document, parsed as CommonMark with GFM tables (markdown-it-py).

- `#` headings are headings of their level; a paragraph wholly in `**bold**` (or `*em*`) and short
  — converters print a policy `（１）…` that way — is a heading one level below the deepest `#`;
- each line of a paragraph stays a line, as the converter wrote it (a soft break is the printed
  line's end); `<br>` and a hard break start a new line too;
- `- ` / `* ` bullets become the plan's ・ (unless the item's text begins with a mark of its own),
  ordered items keep their number (`1.`);
- pipe tables are rows of cells, a cell's `<br>` lines joined as wrapped text; HTML inside the
  Markdown (a `<table>` with rowspan/colspan, as converters write merged cells) is read by the
  HTML reader;
- backslash escapes and entities are undone; `<sup>n</sup>` is a footnote marker, and `[^n]`
  references and `[^n]: …` notes are too; images and HTML comments print nothing;
- page markers give the page of the lines after them: `<!-- page 3 -->`,
  `<!-- PageNumber="3" -->`, `<!-- PageBreak -->`, marker's `{2}------`;
- a converter's Markdown of a PDF (told by its printed lines' common measure or its printed page
  numbers) keeps its printed lines, with what converters do to them undone (`mdpdf.py`): lines
  joined or split at the measure, autospace, note numbers printed flat, a numbered heading or
  caption made a list item, a table's header repeated after a page break or filled with the
  previous table's cells; docling's repeated merged cells are printed once; `^1^`, `$^{1}$`.

Provenance: the line of the Markdown file the block starts on (`md line 12`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from extract.errors import InputError
from extract.ingest.blocks import (
    MAX_RUNNING,
    STARTS_WITH_MARK,
    Block,
    blocks_to_document,
    cell_text,
    paragraph,
    running_lines,
    superscript,
    table_blocks,
)
from extract.ingest.html import BACK_LINKS, NOTE_LINK, html_to_blocks
from extract.ingest.listheads import label_plain_headings, prints_own_number
from extract.ingest.mdpdf import (
    BULLET_START,
    CONVERTER_PAGE_NO,
    MARGIN_SLACK,
    PRINTED_PAGE_NO,
    print_margin,
    raise_flattened_notes,
    rewrap,
    unrepeat,
    unspace,
    wide,
    width,
    without_cells,
)
from extract.ingest.mdpdf import (
    ITEM_START as _ITEM_START,
)
from extract.ingest.pandoctables import pandoc_tables_to_pipes
from extract.ingest.shortrows import (
    add_missing_delimiters,
    explicit_pipes,
    join_broken_rows,
    place_short_rows,
    raw_cells,
)
from extract.ingest.text import path_to_text
from extract.models import Document
from extract.settings import ParseSettings
from extract.text import starts_with_sup, sup

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,60}?(?:---|\.\.\.)[ \t]*\n")
_NOTE_REF = re.compile(r"\[\^(\d{1,3})\]")
_NOTE_DEF = re.compile(r"^\[\^(\d{1,3})\]:[ \t]*", re.M)
_PAGE_NUMBERED = re.compile(
    r"<!--\s*(?:page(?:\s*number)?\s*[:=]?\s*\"?(\d{1,4})\"?|PageNumber\s*=\s*\"?(\d{1,4})\"?)\s*-->",
    re.I,
)
_PAGE_BREAK = re.compile(r"<!--\s*page\s*-?\s*break\s*-->", re.I)
_MARKER_PAGE = re.compile(r"^[ \t]*\{(\d{1,4})\}-{3,}[ \t]*$", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)[^>]*?(/?)\s*>$")
_SOFT = "\x00"  # a soft break, until the line is joined
_PAGE_NUMBER = re.compile(r"^[0-9０-９]{1,4}(?:\s*[-－―])?$")  # `- 1` / `- 1 -` made an item
# The name a converter gives a column whose header cell is empty: pymupdf4llm's `Col3`, pandas'
# `Unnamed: 3` (markitdown's Markdown of a workbook, its empty cells written `NaN`).
_PLACEHOLDER = re.compile(r"^(?:Col\d+|Unnamed: \d+)$")
_PANDAS_EMPTY = "NaN"
_PANDAS_CELL = re.compile(r"\|\s*(?:NaN|Unnamed: \d+)\s*\|")
# A wrapped cell's bracketed rest (`（４０歳未満）`), not a bracketed number (`（１）`).
_BRACKETED_REST = re.compile(r"^[（(][^（）()]{3,}[）)]$")
_ONE_COLUMN = re.compile(r"^\|\s*-{3,}\s*\|\s*$")  # the delimiter row of a one-column table
# Leading ideographic spaces of a line: printed indentation that CommonMark's trim removes.
_INDENT = re.compile(r"^ {0,3}(\u3000+)")


# A caption on a line of its own: 【基本的方向】, ［具体的な施策］, ＜主な事業＞.
_CAPTION_LINE = re.compile(r"^\s*[【［\[〔＜<《][^】］\]〕＞>》]{1,30}[】］\]〕＞>》]\s*$")


def _complete(line: str) -> bool:
    """A line that a converter would not wrap into the next: a bracketed caption, or a short
    line that starts an item (a heading `施策（１） 水産業・農業の振興`) and ends no phrase
    half-way (`、`, an open bracket)."""
    if _CAPTION_LINE.match(line):
        return True
    text = line.strip()
    start = _ITEM_START.match(text)
    return bool(
        start
        and text[start.end() :].strip()  # `施策1` alone: its title follows on the next line
        and not BULLET_START.match(text)
        # `① 新規就農者数:1.4人/年` runs on to its target; `基本目標５ …` is a heading
        and not _FIGURE.search(text[start.end() :])
        and sum(2 if wide(c) else 1 for c in text) <= 50
        and not text.endswith(("、", "，", ",", "（", "(", "「"))
    )


# A line that goes on from the one before: an arrow to a target, closing punctuation.
_CONTINUES = re.compile(r"^\s*[→⇒➡）)、。，,]")
# A figure or a colon: an item's content, not a heading's title.
_FIGURE = re.compile(r"[0-9０-９:：]")


class _Inline:
    """An inline token stream as printed lines, and whether every word of it is emphasised."""

    def __init__(self, margin: int | None = None, captions: Sequence[str] = ()) -> None:
        self.margin = margin  # a full printed line's width (`print_margin`)
        self.captions = captions  # a line that is a caption ends (`基本的方向` / `観光を…`)
        self.parts: list[str] = [""]
        self.emphasis = True
        self.words = False

    def add(self, text: str, emphasised: bool) -> None:
        if text.replace(_SOFT, "").strip():
            self.emphasis = self.emphasis and emphasised
            self.words = True
        self.parts[-1] += text

    def newline(self) -> None:
        self.parts.append("")

    @property
    def lines(self) -> list[str]:
        """A soft break is the source's wrapping, joined as a renderer joins it (a space,
        nothing between two Japanese characters) — unless the next line starts an item of its
        own (`・…`, `（２）…`, `【…】`), or the line before is one that is complete (a caption
        `【基本的方向】`, a short numbered heading): converters write such lines one under
        another."""
        out: list[str] = []
        for part in self.parts:
            pieces = part.split(_SOFT)
            line = pieces[0]
            for before, piece in zip(pieces, pieces[1:], strict=False):
                # a PDF's printed line that stops short of the measure ends its paragraph
                # (a measure of 0: a converter's lines without one, each a printed line)
                # (a sentence's end a character short of it ends the paragraph too)
                ended = self.margin == 0 or (
                    self.margin is not None
                    and width(before)
                    < self.margin - (2 if before.rstrip().endswith("。") else MARGIN_SLACK)
                )
                if (
                    ended
                    or is_caption(line, self.captions, exact=True)
                    or (
                        not _CONTINUES.match(piece)
                        and (_ITEM_START.match(piece) or _complete(line))
                    )
                ):
                    out.append(line)
                    line = piece.lstrip(" ")
                elif wide(line[-1:]) and wide(piece[:1]):
                    line += piece
                else:
                    line = line.rstrip(" ") + " " + piece.lstrip(" ")
            out.append(line)
        if self.margin is None:
            return out
        return [piece for line in out for piece in rewrap(line, self.margin)]

    @property
    def bold(self) -> bool:
        return self.emphasis and self.words


def inline_to_lines(
    children: Sequence[object], margin: int | None = None, captions: Sequence[str] = ()
) -> _Inline:
    out = _Inline(margin, captions)
    strong = 0
    raised: list[str] | None = None
    note: list[str] | None = None  # the text of a link within the page (`[9](#fn9)`)
    for tok in children:
        kind = tok.type  # type: ignore[attr-defined]
        content = tok.content  # type: ignore[attr-defined]
        if kind == "link_open" and str(tok.attrs.get("href", "")).startswith("#"):  # type: ignore[attr-defined]
            note = []
        elif kind == "link_close" and note is not None:
            label = "".join(note).strip()
            m = NOTE_LINK.match(label)
            if m:
                out.add(sup(m.group(1)), strong > 0)  # a link to a note is its marker
            elif label not in BACK_LINKS:
                out.add("".join(note), strong > 0)
            note = None
        elif note is not None and kind in ("text", "code_inline"):
            note.append(content)
        elif kind in ("strong_open", "em_open"):
            strong += 1
        elif kind in ("strong_close", "em_close"):
            strong = max(0, strong - 1)
        elif kind == "softbreak":
            out.add(_SOFT, strong > 0)
        elif kind == "hardbreak":
            out.newline()
        elif kind == "image":
            continue
        elif kind == "html_inline":
            m = _TAG.match(content.strip())
            tag = m.group(2).lower() if m else ""
            closing = bool(m and m.group(1))
            if tag == "br":
                out.newline()
            elif tag == "sup" and not closing:
                raised = []
            elif tag == "sup" and closing and raised is not None:
                out.add(superscript("".join(raised), out.lines[-1]), strong > 0)
                raised = None
            elif tag in ("b", "strong"):
                strong = max(0, strong + (-1 if closing else 1))
            # any other tag (a page anchor `<span id="page-3-0">`, a comment) prints nothing
        elif kind in ("text", "code_inline"):
            if raised is not None:
                raised.append(content)
            else:
                out.add(content, strong > 0)
    return out


class _Reader:
    def __init__(
        self, tokens: Sequence[object], source: Sequence[str] = (), captions: Sequence[str] = ()
    ) -> None:
        self.tokens = tokens
        self.source = source
        self.captions = captions  # the words a plan's block captions are made of
        self.margin = print_margin(source)
        # made from a PDF by a converter: it keeps the printed lines' measure or the page numbers
        self.converted = self.margin is not None or any(
            CONVERTER_PAGE_NO.match(ln) for ln in source
        )
        if self.converted and self.margin is None:
            self.margin = 0
        self.workbook = _pandas_workbook(source)
        self.i = 0
        self.page: int | None = None
        self.pages: dict[int, int] = {}  # block index → the page it starts
        self.blocks: list[Block] = []
        self.lists: list[tuple[bool, int]] = []  # (ordered, next number)
        self.marker: str | None = None  # the list marker waiting for the item's first line
        self.lone = False  # the open bullet list has one item
        self.last_table: set[str] = set()  # the cells of the table read last, unspaced
        self.header: tuple[str, ...] | None = None  # the header row of the table read last
        self.table_end = 0  # the block after it
        self.last_first = ""  # the value the last table's first column ends with, as written

    def _sheet_name(self) -> bool:
        """The heading at `self.i` stands right above a table."""
        after = self.i + 3
        return after < len(self.tokens) and self.tokens[after].type == "table_open"  # type: ignore[attr-defined]

    def set_page(self, page: int) -> None:
        self.page = page
        self.pages[len(self.blocks)] = page

    def comments(self, html: str) -> None:
        for m in _COMMENT.finditer(html):
            numbered = _PAGE_NUMBERED.search(m.group(0))
            if numbered:
                self.set_page(int(numbered.group(1) or numbered.group(2)))
            elif _PAGE_BREAK.search(m.group(0)):
                self.set_page((self.page or 1) + 1)

    def add(self, blocks: list[Block]) -> None:
        self.blocks.extend(blocks)

    def read(self) -> list[Block]:
        tokens = self.tokens
        while self.i < len(tokens):
            tok = tokens[self.i]
            kind = tok.type  # type: ignore[attr-defined]
            where = f"md line {tok.map[0] + 1}" if tok.map else ""  # type: ignore[attr-defined]
            if kind == "heading_open" and self.workbook and self._sheet_name():
                # a sheet's name, as the workbook's own reader keeps it: in the address only
                name = tokens[self.i + 1].content.strip()  # type: ignore[attr-defined]
                self.add([Block(("",), f"sheet {name}")])
                self.i += 3
                continue
            if kind == "heading_open":
                inline = inline_to_lines(
                    tokens[self.i + 1].children or [], self.margin, self.captions
                )  # type: ignore[attr-defined]
                level = int(tok.tag[1])  # type: ignore[attr-defined]
                for line in inline.lines:
                    if line.strip():
                        self.add(paragraph(line.strip(), where, level))
                self.i += 3
                continue
            if kind == "paragraph_open" and self.underlined_row(tok, where):
                self.i += 3
                continue
            if kind == "paragraph_open":
                indent = ""
                if tok.map and tok.map[0] < len(self.source):  # type: ignore[attr-defined]
                    m = _INDENT.match(self.source[tok.map[0]])  # type: ignore[attr-defined]
                    indent = m.group(1) if m else ""
                self.paragraph(tokens[self.i + 1], where, indent)
                self.i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = tok.attrs.get("start", 1) if kind == "ordered_list_open" else 1  # type: ignore[attr-defined]
                self.lists.append((kind == "ordered_list_open", int(start)))
                self.lone = kind == "bullet_list_open" and self._items(tok) == 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                ordered, _ = self.lists[-1] if self.lists else (False, 1)
                if ordered and self._back_linked(tok):
                    # a note of a notes list (mammoth's `1. … [↑](#footnote-ref-1)`)
                    self.marker = sup(tok.info or "1") + " "  # type: ignore[attr-defined]
                elif ordered:
                    number = tok.info or "1"  # type: ignore[attr-defined]
                    self.marker = f"{number}{tok.markup} "  # type: ignore[attr-defined]
                else:
                    self.marker = _LONE if self.lone else "・"
            elif kind == "list_item_close":
                self.marker = None
            elif kind == "table_open":
                self.table(where)
                continue
            elif kind == "html_block":
                self.html(tok.content, where)  # type: ignore[attr-defined]
            elif kind in ("fence", "code_block"):
                for line in tok.content.split("\n"):  # type: ignore[attr-defined]
                    if line.strip():
                        self.add(paragraph(line.rstrip(), where))
            self.i += 1
        return self.blocks

    def underlined_row(self, tok: object, where: str) -> bool:
        """A table's header row at a page's foot, its rows on the next page: pymupdf4llm
        finds no table there and writes the header cells as underlined words (`<u>評価指標</u>
        <u>策定時</u> …`). They are the row they were."""
        span = tok.map  # type: ignore[attr-defined]
        if not span or self.marker is not None:
            return False
        text = " ".join(self.source[span[0] : span[1]])
        if not _UNDERLINED_ROW.fullmatch(text):
            return False
        cells = [c.strip() for c in re.findall(r"<u>([^<]*)</u>", text)]
        if len(cells) < 2:
            return False
        self.add(table_blocks([cells], [where]))
        return True

    def wrapped(self, text: str) -> bool:
        """Whether a sheet's cell alone on its row between rows of the table is the rest of the
        row above's cell (`寄附件数` under `ふるさと納税の`): short words, no heading's number or
        mark, no caption, no sentence."""
        text = text.strip()
        return (
            len(text) <= 16
            and not re.search(r"\s|。$", text)
            and not STARTS_WITH_MARK.match(text)
            and (_BRACKETED_REST.match(text) or not prints_own_number(text))
            and not is_caption(text, self.captions)
        )

    def _back_linked(self, opening: object) -> bool:
        """Whether the list item `opening` opens links back into the page (↑, ↩): a note."""
        level = opening.level  # type: ignore[attr-defined]
        for k in range(self.i + 1, len(self.tokens)):
            tok = self.tokens[k]
            if tok.type == "list_item_close" and tok.level == level:  # type: ignore[attr-defined]
                return False
            children = tok.children or [] if tok.type == "inline" else []  # type: ignore[attr-defined]
            for a, b in itertools.pairwise(children):
                if (
                    a.type == "link_open"
                    and str(a.attrs.get("href", "")).startswith("#")
                    and b.type == "text"
                    and b.content.strip() in BACK_LINKS
                ):
                    return True
        return False

    def _items(self, opening: object) -> int:
        """How many items the list opened by `opening` holds (its own, not nested lists')."""
        level = opening.level  # type: ignore[attr-defined]
        count = 0
        for tok in self.tokens[self.i + 1 :]:
            if tok.level == level and tok.type.endswith("_list_close"):  # type: ignore[attr-defined]
                break
            if tok.type == "list_item_open" and tok.level == level + 1:  # type: ignore[attr-defined]
                count += 1
        return count

    def lone_mark(self, text: str) -> str:
        """The mark of a bullet list's only item. Converters of PDFs make a list of a caption
        whose mark is ■ or ◎ (`- 取組方針`, `- 施策の目標`) and of a page number between
        dashes (`- 10`): those get their mark back; any other item is a bullet."""
        plain = text.strip()
        if STARTS_WITH_MARK.match(plain):
            return ""
        if _PAGE_NUMBER.match(plain):
            return "- "
        if is_caption(plain, self.captions):
            return "■ "
        return "・"

    def paragraph(self, inline_tok: object, where: str, indent: str = "") -> None:
        inline = inline_to_lines(inline_tok.children or [], self.margin, self.captions)  # type: ignore[attr-defined]
        lines = [ln for ln in inline.lines if ln.strip()]
        for k, line in enumerate(lines):
            line = line.strip(" ")
            if k == 0 and indent and self.marker is None:
                line = indent + line.lstrip("\u3000")
            if k == 0 and self.marker is not None:
                marker, self.marker = self.marker, None
                if marker in (_LONE, "・") and _PAGE_NUMBER.match(line.strip()):
                    marker = "- "  # a page number between dashes, as printed
                elif marker == _LONE:
                    marker = self.lone_mark(line)
                elif (
                    marker == "・"
                    and (len(lines) > 1 or self.converted)
                    and is_caption(line.strip(), self.captions)
                ):
                    # a caption whose ■ a converter of a PDF made a list mark, the block's
                    # lines run on under it (`- 基本的方向` / `港湾と水産業を…`); a bracketed
                    # one (`- 【数値目標】`) had no mark but its brackets
                    marker = "" if line.lstrip().startswith(_OPENING) else "■ "
                if marker == "・" and (
                    STARTS_WITH_MARK.match(line)
                    or (self.converted and _numbered_heading(line, self.captions))
                ):
                    # a mark of its own; in a converter's Markdown of a PDF, a numbered
                    # heading or a caption it made a list item (`- １．村の振興の…`)
                    marker = ""
                line = marker + line.lstrip()
            if self.converted:
                line = unspace(line)
            self.add(paragraph(line.rstrip(), where, bold=inline.bold and len(lines) == 1))

    def table(self, where: str) -> None:
        rows: list[list[str]] = []
        addresses: list[str] = []
        tokens = self.tokens
        while self.i < len(tokens) and tokens[self.i].type != "table_close":  # type: ignore[attr-defined]
            tok = tokens[self.i]
            if tok.type == "tr_open":  # type: ignore[attr-defined]
                rows.append([])
                addresses.append(f"md line {tok.map[0] + 1}" if tok.map else where)  # type: ignore[attr-defined]
            elif tok.type == "inline" and rows:  # type: ignore[attr-defined]
                lines = inline_to_lines(tok.children or []).lines  # type: ignore[attr-defined]
                text = cell_text(lines)
                rows[-1].append(unspace(text) if self.converted else text)
            elif tok.type in ("th_open", "td_open") and rows:  # type: ignore[attr-defined]
                # an empty cell has no inline token: mark its place
                nxt = tokens[self.i + 1]
                if nxt.type != "inline":  # type: ignore[attr-defined]
                    rows[-1].append("")
            self.i += 1
        self.i += 1
        width = max((len(r) for r in rows), default=0)
        grid = [
            ["" if c == _PANDAS_EMPTY else c for c in r] + [""] * (width - len(r)) for r in rows
        ]
        # the cells each row's source line writes: fewer than the header's where a converter
        # left out the cells merged down from a row above (shortrows.py). In a table written
        # without outer pipes (html2text) a row that does not open with one may as well end
        # early, its last cells empty; so does a row of one cell written without a pipe
        written = [
            self.source[int(a.split()[-1]) - 1]
            if a.startswith("md line ") and int(a.split()[-1]) <= len(self.source)
            else None
            for a in addresses
        ]
        piped = bool(written) and (written[0] or "|").lstrip().startswith("|")
        counts = [raw_cells(w) if w is not None else width for w in written]
        ending = {
            i
            for i, w in enumerate(written)
            if w and (not piped and "|" not in w[:1] or "|" not in w.strip()[1:])
        }
        grid = place_short_rows(grid, counts, ending)
        if grid:
            grid[0] = ["" if _PLACEHOLDER.match(c) else c for c in grid[0]]
        if self.workbook:
            # a whole sheet as one table: each row to its last filled cell, as the workbook's
            # own reader gives it (a row of one filled cell is a paragraph)
            ends = [max((k + 1 for k, c in enumerate(r) if c.strip()), default=1) for r in grid]
            for k in range(1, len(grid) - 1):
                if (
                    ends[k] == 1
                    and ends[k - 1] > 1
                    and ends[k + 1] > 1
                    and self.wrapped(grid[k][0])
                ):
                    ends[k] = len(grid[k])  # the rest of a cell wrapped onto a row of its own
            self.add(table_blocks([r[:n] for r, n in zip(grid, ends, strict=True)], addresses))
            return
        if grid:
            caption = _CAPTION_CELL.match(grid[0][0]) if width > 1 else None
            if caption and is_caption(caption.group(1), self.captions, exact=True):
                # html2text writes a table's <caption> before its first header cell
                # (`【数値目標】 数値目標| 基準値`): the caption is a line of its own
                self.add(paragraph(caption.group(1), addresses[0]))
                grid[0][0] = caption.group(2)
            stripped = [without_cells(c, self.last_table) for c in grid[0]]
            if any(n >= 2 for _, n in stripped):  # not a header the tables share
                grid[0] = [c for c, _ in stripped]
            head = grid[0][0].strip()
            if width > 1 and head and not any(grid[0][1:]) and self.broken_row(head, width):
                # the rest of the last row of the table before, which the page broke (`事業者数`
                # under `６次産業化に取り組む`): a row of that table, as the text prints it
                self.add(table_blocks([[head] + [""] * (len(self.header or ()) - 1)], addresses))
                grid, addresses = grid[1:], addresses[1:]
            elif width > 1 and head and not any(grid[0][1:]):
                # a header of one cell over a wider table is text the converter took into the
                # table (the caption above it, the last lines before it): lines again
                for line in _unglue(grid[0][0]):
                    self.add(paragraph(line, addresses[0]))
                grid, addresses = grid[1:], addresses[1:]
        raw_first = next((r[0].strip() for r in reversed(grid) if r and r[0].strip()), "")
        continued = self.continues(grid)
        if continued:
            # docling: a table the page broke goes on without its header, its merged first
            # column's value written again (as it writes it down every row it covers)
            grid = unrepeat([[self.last_first] + [""] * (len(grid[0]) - 1), *grid])[1:]
        else:
            grid = unrepeat(grid)
        self.last_first = raw_first
        if continued:
            pass
        elif grid and self.resumes(tuple(c.strip() for c in grid[0])):
            # the table goes on after a page break, its header row printed again: the PDF
            # reader drops it too (the rows below belong to the table above)
            grid, addresses = grid[1:], addresses[1:]
        elif grid:
            self.header = tuple(c.strip() for c in grid[0])
        self.last_table = {re.sub(r"\s", "", c) for row in grid for c in row if c.strip()}
        self.add(table_blocks(grid, addresses))
        self.table_end = len(self.blocks)

    def continues(self, grid: list[list[str]]) -> bool:
        """Whether a table goes on from the last one without its header: as wide, nothing but
        blank lines (an image's comment) or page numbers since, its first row not the header and
        its first cell the value the last table's first column ended with."""
        if not grid or self.header is None or len(self.header) < 2:
            return False
        if len(grid[0]) != len(self.header):
            return False
        first = tuple(c.strip() for c in grid[0])
        between = self.blocks[self.table_end :]
        return (
            first != self.header
            and bool(self.last_first)
            and first[0] == self.last_first
            and all(not b.text.strip() or _PAGE_NUMBER.match(b.text.strip()) for b in between)
        )

    def broken_row(self, text: str, width: int) -> bool:
        """`text`, a header cell alone over a table as wide as the last one, after a page
        break: a word that goes on the last row's first cell (no item, caption or sentence)."""
        return (
            self.header is not None
            and len(self.header) == width
            and self.after_break()
            and " " not in text
            and len(text) <= 12
            and not _ITEM_START.match(text)
            and not STARTS_WITH_MARK.match(text)
            and not is_caption(text, self.captions)
        )

    def after_break(self) -> bool:
        """Whether only a page break and the page's furniture came since the last table."""
        between = self.blocks[self.table_end :]
        paged = any(self.table_end < i <= len(self.blocks) for i in self.pages) or any(
            PRINTED_PAGE_NO.match(b.text) or _PAGE_NUMBER.match(b.text.strip()) for b in between
        )
        furniture = all(
            not b.text.strip()
            or starts_with_sup(b.text.strip())
            or b.text.lstrip().startswith(("※", "注"))  # a note at the page's foot
            or PRINTED_PAGE_NO.match(b.text)
            or _PAGE_NUMBER.match(b.text.strip())
            or (
                len(b.cells) == 1
                and len(b.text.strip()) <= MAX_RUNNING
                and "。" not in b.text
                # a heading or a caption is the plan's, never the page's furniture
                and not getattr(b, "heading_level", 0)
                and not is_caption(b.text.strip(), self.captions)
            )
            for b in between
        )
        return paged and furniture

    def resumes(self, first: tuple[str, ...]) -> bool:
        """Whether a table whose first row is `first` is the last table going on: its header
        again, after a page break (a printed page number or a page marker) with nothing but
        the page's furniture between — page numbers, notes, a running header."""
        if self.header is None or first != self.header or len(first) < 2:
            return False
        return self.after_break()

    def html(self, content: str, where: str) -> None:
        self.comments(content)
        body = _COMMENT.sub("", content)
        if body.strip():
            self.add([_at(b, where) for b in html_to_blocks(body)])


_UNDERLINED_ROW = re.compile(r"\s*(?:<u>[^<]+</u>\s*)+")
_LONE = "\x01"  # the mark of a list's only item, told by its text


def is_caption(text: str, words: Sequence[str], *, exact: bool = False) -> bool:
    """A block caption (`施策の目標`, `重要業績評価指標（KPI）`): a caption word, or one and a
    few more characters — the parser's test of a caption title, on the text alone. `exact`:
    the word alone or with a bracketed note (`（KPI）`), as a line of its own is written."""
    key = unicodedata.normalize("NFKC", text).replace(" ", "").strip("【】[]〔〕<>＜＞《》■◆●◎")
    if exact:
        return any(
            key == w or _NOTE_AFTER.fullmatch(key[len(w) :]) for w in words if key.startswith(w)
        )
    return any(key == w or (key.startswith(w) and len(key) <= len(w) + 14) for w in words)


_NOTE_AFTER = re.compile(r"\([^()]{1,12}\)")
_CAPTION_CELL = re.compile(r"^([【■◆●◎＜<〈][^】＞>〉\s]{1,20}[】＞>〉]?)[ \u3000]+(\S.*)$")


def _unglue(text: str) -> list[str]:
    """Lines a converter joined with a space, apart again where an item starts
    (`・観光情報発信事業 ◎施策の目標` → two lines)."""
    out, start = [], 0
    for m in re.finditer(r"[ \u3000](?=\S)", text):
        if m.start() > start and _ITEM_START.match(text[m.end() :]):
            out.append(text[start : m.start()].strip())
            start = m.end()
    out.append(text[start:].strip())
    return [t for t in out if t]


def _pandas_workbook(source: Sequence[str]) -> bool:
    """A workbook written by pandas (markitdown): each sheet a `## name` heading right over one
    table, nothing else; told by the empty cells pandas prints (`NaN`, a header's `Unnamed: n`)
    or by a sheet of one column, which nobody writes as a pipe table by hand."""
    filled = [ln for ln in source if ln.strip()]
    headings = [k for k, ln in enumerate(source) if ln.startswith("#")]
    if not headings or not all(
        source[k].startswith("## ") and k + 1 < len(source) and source[k + 1].startswith("|")
        for k in headings
    ):
        return False
    if not all(ln.startswith(("## ", "|")) for ln in filled):
        return False
    return any(_PANDAS_CELL.search(ln) or _ONE_COLUMN.match(ln) for ln in filled)


def _numbered_heading(text: str, captions: Sequence[str]) -> bool:
    """A numbered heading or a caption (`１．村の振興の…`, `３ 具体的な施策`, `【数値目標】`), not
    a bullet's text that opens with a bracketed note (`【再掲】地域おこし…`)."""
    if is_caption(text.strip(), captions, exact=True):
        return True
    return bool(_ITEM_START.match(text)) and not text.lstrip().startswith(_OPENING)


_OPENING = ("【", "［", "〔", "＜", "《", "◇")


def _at(block: Block, where: str) -> Block:
    address = f"{where} {block.address}".strip()
    return Block(block.cells, address, block.heading_level, block.bold)


def _prepare(text: str) -> str:
    """Front matter left out; footnote references and notes in the line encoding."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _FRONT_MATTER.match(text)
    if m and re.search(r"^\w[\w -]*:", m.group(0)[4:], re.M):
        # keep the line count: the front matter's lines become blank
        text = "\n" * m.group(0).count("\n") + text[m.end() :]
    text = add_missing_delimiters(explicit_pipes(join_broken_rows(pandoc_tables_to_pipes(text))))
    text = _DEFINITION.sub("", text)  # markdownify's `<dd>`: `:   ・…`
    # marker's page separator, `{2}------` (the third page, counted from 0), as a comment that
    # names the page: a comment ends the paragraph above, the separator would be its last line
    # (`・空き家バンク事業（企画課）` with no blank line between)
    text = _MARKER_PAGE.sub(lambda m: f"<!-- page {int(m.group(1)) + 1} -->", text)
    # pandoc's own markup around the text: a heading's attributes (`# 基本目標１ {#id .western}`),
    # fenced divs (`::: {#sdfootnote1}`, `:::`), a lone `\` (a hard break of an empty paragraph)
    text = _PANDOC_ATTRIBUTES.sub(r"\1", text)
    text = _PANDOC_FENCE.sub("", text)
    text = _PANDOC_INLINE_ATTRIBUTES.sub("", text)  # `[1](#fn1){#fn1sym .sym}`
    # its raised link to a note of LibreOffice's page (`^[^1^](#sdfootnote1sym)^`)
    text = _PANDOC_NOTE_LINK.sub(lambda n: sup(n.group(1)), text)
    text = _NOTE_DEF.sub(lambda n: sup(n.group(1)) + " ", text)
    text = _NOTE_REF.sub(lambda n: sup(n.group(1)), text)
    # other converters' raised numbers: pandoc's `^1^`, `※ 1` spaced apart
    text = _CARET_NOTE.sub(lambda n: sup(n.group(1)), text)
    text = _SPACED_NOTE.sub(r"※\1", text)
    text = _LATEX_NOTE.sub(lambda n: sup(n.group(1)), text)
    return "\n".join(raise_flattened_notes(text.split("\n")))


_PANDOC_ATTRIBUTES = re.compile(
    r"^(#{1,6}[ \t].*?)[ \t]*\{(?:[#.][^{}\n]*|[^{}\n]*=[^{}\n]*)\}[ \t]*$", re.M
)
_DEFINITION = re.compile(r"^:[ \t]{1,4}(?=\S)", re.M)
_PANDOC_NOTE_LINK = re.compile(r"\^\[\^?(\d{1,3})\^?\]\([^()\s]*\)\^")
_PANDOC_INLINE_ATTRIBUTES = re.compile(r"(?<=[\])])\{[#.][^{}\n]*\}")
_PANDOC_FENCE = re.compile(r"^(?::{3,}[ \t]*(?:\{[^{}\n]*\}|[\w-]+)?[ \t]*|\\)$", re.M)
_CARET_NOTE = re.compile(r"(?<=\S)\^(\d{1,3})\^?(?![\d^])")
# MinerU's raised number: LaTeX, `$^{1}$`, `$ ^ { 1 } $`, a space before it.
_LATEX_NOTE = re.compile(r"[ \t]*\$\s*\^\s*\{?\s*(\d{1,3})\s*\}?\s*\$")
_SPACED_NOTE = re.compile(r"※[ \t\u3000]+(\d{1,2})(?!\d)")


def caption_words(s: ParseSettings) -> tuple[str, ...]:
    """The words of a plan's block captions, as the parser's settings name them."""
    return (
        *s.target_words,
        *s.kpi_words,
        *s.project_words,
        *s.direction_words,
        *s.department_words,
        *s.prose_words,
        *s.policy_words,
    )


def text_to_document(
    text: str, name: str, encoding: str | None, settings: ParseSettings | None = None
) -> Document:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    prepared = _prepare(text)
    captions = caption_words(settings or ParseSettings())
    reader = _Reader(md.parse(prepared), prepared.split("\n"), captions)
    blocks = label_plain_headings(reader.read())
    if not any(b.text.strip() for b in blocks):
        raise InputError(f"{name} holds no text: there is no plan to read.")
    # a converter that keeps each page's running header leaves it between the pages' text
    running = running_lines(blocks)
    kept = [b for i, b in enumerate(blocks) if i not in running]
    pages = reader.pages
    if running and pages:
        index = {
            old: new for new, old in enumerate(i for i in range(len(blocks)) if i not in running)
        }
        pages = {
            index.get(i, min((index[j] for j in index if j > i), default=len(kept))): p
            for i, p in pages.items()
        }
    doc = blocks_to_document(kept, name, "markdown", encoding=encoding, pages=pages or None)
    doc.layout_lines = len(running)
    return doc


def path_to_document(
    path: Path, encoding: str | None = None, settings: ParseSettings | None = None
) -> Document:
    text, used = path_to_text(path, encoding)
    return text_to_document(text, path.name, used, settings)
