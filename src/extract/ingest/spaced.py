"""Text renderings laid out with spaces instead of tabs (`pdftotext -layout`, a copy from a PDF
viewer): table cells and page columns are placed by runs of spaces, a wrapped cell goes on on
the next line in its own column.

Such a text is read as the PDF it was printed from: each character is given the place a
monospace page prints it at (pdftotext counts every character as one column, an editor a
full-width one as two: `counts_columns_by_character` tells which), and the pages go through
the PDF reader's line, column and borderless-table passes and the shared layout passes. What a
space inside a line means follows pdftotext's habits: one space between Japanese and Latin
text is the gap producers leave there (`第 3 期`), not a word space; two or more separate cells.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extract.ingest.layout import PAGE_MARK, results_to_document
from extract.ingest.pdf import page_to_result
from extract.ingest.pdfium import Char, PageData
from extract.models import Document
from extract.settings import PdfSettings
from extract.text import is_wide

# `9KPI「…」は…`: a note, its marker plain (a raised marker comes out in ASCII figures; a
# full-width one is the text's own, `柱１`, `２．関係人口…`)
_NOTE = re.compile(r"^\s*([0-9]{1,2})(?=[^0-9０-９\s.,:：%．，、)）\-－‐])")  # (not `1-1`)
# `（累計）9   53 件`: a marker glued to a cell's text, the cell ending there (never after a
# Latin letter: `R3`, `H30` are years)
_GLUED = re.compile(r"(?<=[^0-9０-９A-Za-z\s.,\-+~～/／(（])([0-9]{1,2})(?= {2,}|$)")
_DASHES = "—―‐–"  # dashes a font sets narrow or wide, printed for a value that is none
UNIT = 5.0  # points per display column (a half-width character)
SIZE = 2 * UNIT  # the font size: a full-width character is one em
PITCH = 1.4 * SIZE  # baseline to baseline


def line_to_chars(
    raw: str, top: float, uniform: bool, raised: frozenset[int] = frozenset()
) -> list[Char]:
    """A line's characters at their monospace places; spaces are gaps, and a lone space between
    a full-width and a half-width character is closed to the narrow gap producers leave there
    (`第 3 期`).
    `uniform`: every character takes one column (pdftotext's count), else a full-width one two.
    `raised`: indexes of a footnote marker's digits, set small and raised as the PDF printed them."""
    chars: list[Char] = []
    x = grid = 0.0
    i = 0
    space = SIZE if uniform else UNIT
    while i < len(raw):
        ch = raw[i]
        if ch in " \u3000":
            run = len(raw[i:]) - len(raw[i:].lstrip(" \u3000"))
            before, after = raw[i - 1 : i], raw[i + run : i + run + 1]
            # an ideographic space is one em, two columns on an editor's display
            grid += sum(SIZE if c == "\u3000" else space for c in raw[i : i + run])
            # A closed gap (narrower than the quarter em that starts a word) moves the rest of
            # its cell left; one space inside a line is a word space, set wider than the half
            # em a narrow character and the autospace beside it leave (`水と緑が輝き　人が集う`
            # is one cell); after two spaces or more, or at the line's start, the text starts
            # on the page's grid again, in line with the cells above and below it.
            if run == 1 and before and after:
                closed = ch == " " and _closed(before, after, uniform)
                word = 0.2 * SIZE if closed else max(space, 0.6 * SIZE)
                if ch == "\u3000" or not (uniform or closed):
                    # printed, as a PDF prints a typed space: a gap that holds one is inside
                    # a cell, wherever a column of the rows around happens to begin (an
                    # editor's table sets its cells two spaces apart or more; pdftotext's may
                    # be one apart where a cell fills its column)
                    chars.append(_char(ch, x, x + word, top))
                x += word
            else:
                x = grid
            i += run
            continue
        width = SIZE if uniform or is_wide(ch) else UNIT
        chars.append(_char(ch, x, x + width, top, i in raised))
        x += width
        grid += width
        i += 1
    return chars


def _char(ch: str, x0: float, x1: float, top: float, raised: bool = False) -> Char:
    """A character (a space too) where a monospace page prints it; a raised note marker small."""
    size = 0.6 * SIZE if raised else SIZE
    return {
        "text": ch,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": top + size,
        "baseline": top + (0.5 if raised else 0.88) * SIZE,
        "size": size,
        "weight": 400,
        "upright": True,
    }


def _closed(before: str, after: str, uniform: bool) -> bool:
    """Whether one space between two characters is the narrow gap producers leave between
    Japanese and Latin text (`第 3 期`): one side wide, the other not. pdftotext (`uniform`)
    leaves one beside a symbol a Japanese font sets full-width too (`■ 基本目標`); an
    editor's text has the spaces its author typed: only one beside ASCII is closed there, a
    space beside a symbol (`事業 ― 概要`, `■ 事業`) is kept."""
    if uniform:
        # (not a dash: a cell of its own, `―` for no value, one space from the cell before in
        # a narrow column, `森林整備面積 —`)
        return is_wide(before) != is_wide(after) and not {before, after} & set(_DASHES)
    return (is_wide(before) and after.isascii()) or (before.isascii() and is_wide(after))


def counts_columns_by_character(text: str) -> bool:
    """Whether the text places its columns counting every character as one column (pdftotext)
    rather than a full-width one as two (an editor's monospace display): the count under which
    more cells after a gap begin where a cell of the line above begins (a table's rows; the
    same header printed over many tables would count under either)."""

    def starts(raw: str, uniform: bool) -> set[int]:
        found: set[int] = set()
        col = gap = 0  # gap in half-width spaces
        for ch in raw:
            if ch in " \u3000":
                gap += 1 if ch == " " else 2
            else:
                if gap >= 2:
                    found.add(col)
                gap = 0
            col += 1 if uniform or not is_wide(ch) else 2
        return found

    def aligned(uniform: bool) -> int:
        total, above = 0, set()
        for raw in text.splitlines():
            here = starts(raw, uniform)
            total += len(here & above)
            above = here
        return total

    return aligned(True) >= aligned(False)


def footnote_markers(rows: list[str], reach: int = 120) -> dict[int, frozenset[int]]:
    """A text rendering prints a raised footnote marker as a plain digit: `（累計）9` ending a
    table cell, `9KPI「…」は…` starting the note at the page foot. A line that starts with a
    number glued to its text is a note when a line of the `reach` lines above ends a cell with
    the same number glued to its text: for both, the indexes of the marker's digits."""
    out: dict[int, set[int]] = {}
    for i, raw in enumerate(rows):
        note = _NOTE.match(raw)
        if note is None:
            continue
        for j in range(i - 1, max(-1, i - reach - 1), -1):
            glued = next((m for m in _GLUED.finditer(rows[j]) if m.group(1) == note.group(1)), None)
            if glued is not None:
                out.setdefault(j, set()).update(range(*glued.span(1)))
                out.setdefault(i, set()).update(range(*note.span(1)))
                break
    return {k: frozenset(v) for k, v in out.items()}


def furniture_rows(rows: list[str]) -> set[int]:
    """The rows of page furniture a text copied out of a viewer keeps between its lines, the
    form feeds lost: a page number between dashes (`- 12 -`), and a line printed three times
    or more that sits within two rows of one (the running head or the chapter tab)."""
    marks = {n for n, raw in enumerate(rows) if PAGE_MARK.match(raw.strip())}
    counts = Counter(raw.strip() for raw in rows if raw.strip())
    near = {
        n
        for m in marks
        for n in range(max(0, m - 2), min(len(rows), m + 3))
        if n not in marks and counts[rows[n].strip()] >= 3
    }
    return marks | near


def text_to_pages(text: str, uniform: bool) -> list[PageData]:
    """Pages (a form feed starts one), each line a row of characters."""
    rows = text.split("\n")
    raised = footnote_markers([r.replace("\f", "") for r in rows])
    pages: list[PageData] = []
    chars: list[Char] = []
    k = 0  # the row on the page

    def close() -> None:
        width = max((float(c["x1"]) for c in chars), default=0.0) + 2 * SIZE
        pages.append(PageData(len(pages) + 1, width, max(k, 1) * PITCH, list(chars), [], 0))

    apart = furniture_rows(rows)
    for n, raw in enumerate(rows):
        k += n in apart  # a blank line's white before and after it: no cell's or line's rest
        offset = 0  # the marker indexes count in the row with its form feeds taken out
        for part, piece in enumerate(raw.split("\f")):
            if part:  # a form feed: the page ends here
                close()
                chars, k = [], 0
            marks = frozenset(x - offset for x in raised.get(n, ()) if x >= offset)
            chars.extend(line_to_chars(piece.rstrip(), k * PITCH, uniform, marks))
            offset += len(piece)
        k += 1 + (n in apart)
    close()
    return pages


def spaced_settings(s: PdfSettings, uniform: bool) -> PdfSettings:
    """Two spaces or more separate cells (a space is one em wide when every character takes
    one column, half an em otherwise); one space between words is a space."""
    gap = 1.5 if uniform else 0.9
    # a space is a word space here, never the padding between two cells
    return s.model_copy(
        update={
            "column_gap_ratio": gap,
            "cell_gap_ratio": gap,
            "space_ratio": 0.25,
            "dedupe_ratio": 0,
            # pdftotext places a word set 均等割り付け letter by letter on its grid of
            # columns, its gaps a few columns unalike (`ご    み   排       出   量`)
            "spread_alike_ratio": 4.5 if uniform else 0.6,
            "grid_rows": True,
        }
    )


def spaced_to_document(text: str, name: str, encoding: str, s: PdfSettings) -> Document:
    uniform = counts_columns_by_character(text)
    settings = spaced_settings(s, uniform)
    pages = text_to_pages(text, uniform)
    results = [page_to_result(data, settings) for data in pages]
    doc = results_to_document(results, name, settings, source_format="text")
    # Lines are numbered in reading order, as a PDF's are; no picture of a page to point at.
    doc.lines = [replace(line, box=None) for line in doc.lines]
    doc.encoding = encoding
    doc.spaced = True
    doc.pages = len(pages) if len(pages) > 1 else None
    return doc
