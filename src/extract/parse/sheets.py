"""A plan printed as sheets (施策シート): each policy a table of labelled rows, read as the lines
the same plan prints without the sheet.

A sheet's left column names each row: `施策番号 | 1-1`, `施策名 | 地場産業の…`, `目指す姿 | …。`,
and a label cell merged down beside a table (`重要業績評価指標（ＫＰＩ） | 指標名 | 基準値 | 目標値`
over rows whose first cell is empty). The labels are the sheet's furniture; what they label is
a heading's number and title, a paragraph, a table. The lines keep their numbers (provenance);
only their cells change, before the parser reads them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.models import Document, Line
from extract.parse import patterns as P
from extract.parse.numbering import read_numbering
from extract.parse.outline import lines_to_running, stain
from extract.parse.tables import line_to_cells
from extract.settings import ParseSettings

# A label naming a level's number (`施策番号`, `施策No.`) or its title (`施策名`, `名称`).
_NUMBER_LABEL = re.compile(r"^(?P<word>\S+?)(?:番号|No\.?|NO\.?|№)$")
_NAME_LABEL = re.compile(r"^(?P<word>\S*?)(?:名|名称)$")
_FIGURE = re.compile(r"[0-9０-９]")


def _level_words(s: ParseSettings) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*s.goal_words, *s.policy_words, *s.level_words)))


def _table_caption(cell: str, s: ParseSettings) -> bool:
    """`重要業績評価指標（ＫＰＩ）`, `主な事業`, `数値目標`: a caption of a table the parser reads."""
    key = P.caption_key(cell)
    words = (*s.target_words, *s.kpi_words, *s.project_words)
    return bool(key) and any(
        key == w or (key.startswith(w) and len(key) <= len(w) + 8) for w in words
    )


def _next_filled(lines: Sequence[Line], i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if not lines[j].is_blank), None)


def _label_column(line: Line, below: Line, s: ParseSettings) -> bool:
    """A table's caption in a cell merged down beside it: the header's first cell names a table
    and the row under the header leaves that column empty."""
    cells = line_to_cells(line)
    if len(cells) < 3 or not all(cells[1:]) or not _table_caption(cells[0], s):
        return False
    # the cell after it names the table's first column (`指標名`, `事業名`): not `KPI | R5 | R11`
    # over `| 実績 | 目標`, a header of two rows whose first cell names the indicators' column
    names = (*s.indicator_words, *s.project_name_words)
    if not P.caption_key(cells[1]).startswith(names):
        return False
    under = [c.strip() for c in below.cells]
    return len(under) >= 2 and not under[0] and any(under[1:])


def _level_number(cells: list[str], s: ParseSettings) -> tuple[str, str] | None:
    """`施策番号 | 1-1` → (`施策`, `施策1-1`): a level's word, and the word with its number that
    the sheet set apart."""
    if len(cells) != 2:
        return None
    m = _NUMBER_LABEL.match(P.match_text(cells[0]))
    if m is None or m["word"] not in _level_words(s):
        return None
    numbering = read_numbering(cells[1].strip())
    if numbering is None or numbering.word or numbering.title:
        return None
    return m["word"], f"{cells[0].strip()[: len(m['word'])]}{cells[1].strip()}"


def _level_row(cells: list[str], s: ParseSettings) -> str | None:
    """A level's number and title in one labelled row: `施策 | 1-1　地場産業の…` (or `施策名 |
    1-1　…`), `施策番号 | 1-1 | 施策名 | 地場産業の…` → `施策1-1　地場産業の…`."""
    if len(cells) == 4 and (number := _level_number(cells[:2], s)) is not None:
        title = _level_title(cells[2:], number[0])
        return f"{number[1]}\u3000{title}" if title else None
    if len(cells) != 2:
        return None
    label = P.match_text(cells[0])
    m = _NAME_LABEL.match(label)
    word = m["word"] if m is not None and m["word"] else label
    if word not in _level_words(s):
        return None
    numbering = read_numbering(cells[1].strip())
    if numbering is None or numbering.word or not numbering.title:
        return None
    return f"{cells[0].strip()[: len(word)]}{cells[1].strip()}"


def _level_title(cells: list[str], word: str) -> str | None:
    """`施策名 | 地場産業の…` (or `名称 | …`) under its number: the heading's title."""
    if len(cells) != 2:
        return None
    m = _NAME_LABEL.match(P.match_text(cells[0]))
    if m is None or m["word"] not in ("", word):
        return None
    return cells[1].strip()


def _field_labels(lines: Sequence[Line]) -> set[str]:
    """Labels a sheet prints on every sheet (`目指す姿`, `施策の目的`): a short first cell of
    two, beside a sentence, printed so more than once with other sentences. A table's first
    column names one thing a row, never the same beside different sentences."""
    beside: dict[str, set[str]] = {}
    for line in lines:
        cells = line_to_cells(line)
        if len(cells) == 2 and 2 <= len(cells[0]) <= 10 and not _FIGURE.search(cells[0]):
            if cells[1].endswith("。"):
                beside.setdefault(cells[0], set()).add(cells[1])
    return {label for label, sentences in beside.items() if len(sentences) >= 2}


def _table_row(lines: Sequence[Line], i: int) -> bool:
    """Whether the run of rows of two cells around line `i` opens with a header (`主体 | 役割`:
    a second cell that is no sentence): a table's rows (its first column may well repeat a
    label per policy, `市民 | …。`), not a sheet's labelled fields."""
    start = i
    while start > 0:
        k = start - 1
        while k >= 0 and lines[k].is_blank:
            k -= 1
        if k < 0 or len(line_to_cells(lines[k])) != 2:
            break
        start = k
    first = line_to_cells(lines[start])
    return start < i and not first[1].endswith("。")


def _furniture(lines: Sequence[Line]) -> set[int]:
    """Page numbers and running heads: what a page break sets between two rows of a sheet; and
    a scan's specks read as lines of their own (`i`, `|`, `§` between a photocopy's rows)."""
    numbers = {i for i, ln in enumerate(lines) if P.PAGE_NUMBER.match(ln.text.strip())}
    specks = {i for i, ln in enumerate(lines) if stain(ln)}
    return numbers | lines_to_running(lines) | specks


def _next_row(lines: Sequence[Line], i: int, furniture: set[int]) -> int | None:
    j = _next_filled(lines, i)
    while j is not None and j in furniture:
        j = _next_filled(lines, j)
    return j


def _sheet_headings(lines: list[Line], s: ParseSettings, furniture: set[int]) -> int:
    """`施策番号 | 1-1` over `施策名 | …` → `施策1-1` over the title, and a number and title in
    one labelled row (`_level_row`) → the heading, in place; how many."""
    made = 0
    for i, line in enumerate(lines):
        if (heading := _level_row(line_to_cells(line), s)) is not None:
            lines[i] = replace(line, text=heading, cells=(heading,))
            made += 1
            continue
        number = _level_number(line_to_cells(line), s)
        j = _next_row(lines, i, furniture) if number is not None else None
        if number is None or j is None:
            continue
        word, heading = number
        title = _level_title(line_to_cells(lines[j]), word)
        if title is not None:
            lines[i] = replace(line, text=heading, cells=(heading,))
            lines[j] = replace(lines[j], text=title, cells=(title,))
            made += 1
    return made


def document_to_sheet_lines(doc: Document, s: ParseSettings) -> Document:
    """The document with its sheets' labelled rows as the lines a plan prints without sheets:
    `施策番号 | 1-1` over `施策名 | …` → `施策1-1` over the title; `目指す姿 | …。` → one line of
    prose; a table's caption merged down beside it → the table (its column left empty)."""
    lines = list(doc.lines)
    labels = _field_labels(lines)
    furniture = _furniture(lines)  # (of the printed lines: a heading made here is none)
    changed = _sheet_headings(lines, s, furniture)
    for i, line in enumerate(lines):
        if line.is_blank:
            continue
        cells = line_to_cells(line)
        if len(cells) == 2 and cells[0] in labels and not _table_row(lines, i):
            text = f"{cells[0]}\u3000{cells[1]}"
            lines[i] = replace(line, text=text, cells=(text,))
            changed += 1
        elif len(cells) >= 3 and (j := _next_row(lines, i, furniture)) is not None:
            if _label_column(line, lines[j], s):
                lines[i] = replace(line, cells=("", *line.cells[1:]))
                changed += 1
    changed += _misread_label_columns(lines, s, furniture)
    return replace(doc, lines=lines) if changed else doc


def _misread_label_columns(lines: list[Line], s: ParseSettings, furniture: set[int]) -> int:
    """A scan's label column whose caption OCR read past telling (`還要本定評価指標(KP _I)` for
    `重要業績評価指標（ＫＰＩ）`): a row as wide as a label column's header the sheet prints
    elsewhere, its next cell the same column's name (`指標名`), over a row that leaves the first
    column empty, is that header too (in place; how many)."""
    known = {
        (len(line.cells), P.caption_key(line.cells[1]))
        for line in lines
        if len(line.cells) >= 3 and not line.cells[0].strip() and line.cells[1].strip()
    }
    made = 0
    for i, line in enumerate(lines):
        cells = line_to_cells(line)
        if line.confidence is None or len(cells) < 3 or not all(cells):
            continue
        if (len(line.cells), P.caption_key(cells[1])) not in known:
            continue
        names = (*s.indicator_words, *s.project_name_words)
        j = _next_row(lines, i, furniture)
        if j is None or not P.caption_key(cells[1]).startswith(names):
            continue
        under = [c.strip() for c in lines[j].cells]
        if len(under) >= 2 and not under[0] and any(under[1:]):
            lines[i] = replace(line, cells=("", *line.cells[1:]))
            made += 1
    return made
