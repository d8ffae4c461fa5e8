"""A pipe-table row with fewer cells than its header, put back under its columns.

markdownify and html2text write a cell merged down (`rowspan`) in its first row only and leave
it out of the rows below, so those rows have fewer cells than the header; a Markdown parser pads
them at the end, which shifts every value one column left (a 政策分野 merged down puts each
project's name under 政策分野). The cells left out are nearly always the leading ones (a goal,
a policy field, the KPI header's first cell), so a short row is placed right-aligned — where its
values are, the merged cells before them empty, as the text rendering and the PDF reader print a
merged cell. Where the values fit the leading columns better (they open as those columns' values
do: `基本方針（２）…` under `基本方針（１）…`), they go there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

_PIPE = re.compile(r"(?<!\\)\|")
_CODE = re.compile(r"`[^`]*`")
_DIGITS = str.maketrans("0123456789０１２３４５６７８９", "00000000000000000000")


def raw_cells(line: str) -> int:
    """How many cells a pipe-table line writes (before a parser pads or cuts the row)."""
    body = _CODE.sub("", line.strip())
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return len(_PIPE.split(body))


def _opening(cell: str) -> str:
    """A value's first two characters, digits alike (`基本`, `（0`)."""
    return re.sub(r"\s", "", cell)[:2].translate(_DIGITS)


def place_short_rows(
    grid: Sequence[Sequence[str]], counts: Sequence[int], ending: Collection[int] = ()
) -> list[list[str]]:
    """Each row of `grid` (padded to the header's width) whose source wrote `counts[i]` cells,
    fewer than the header's, with those cells under the columns they belong to; a row in
    `ending` (html2text writes a row whose last cells are empty without them) stays left
    unless its values fit further right."""
    width = len(grid[0]) if grid else 0
    full = [r for r, n in zip(grid, counts, strict=False) if n >= width]
    openings = [{_opening(r[j]) for r in full[1:] if r[j].strip()} for j in range(width)]
    out: list[list[str]] = []
    for i, row in enumerate(grid):
        n = counts[i] if i < len(counts) else width
        if i == 0 or n >= width or n < 1:
            out.append(list(row))
            continue
        cells = list(row[:n])
        missing = width - n

        def fit(offset: int, cells: list[str] = cells) -> int:
            fits = [_opening(c) in openings[offset + j] for j, c in enumerate(cells) if c.strip()]
            # the row's first value decides where it begins (a later one opening as a cell
            # of the column it would stand under, `農林課` as `農林業の…`, is no proof)
            return sum(fits) if fits and fits[0] else 0

        # right-aligned unless the values open as the columns further left do
        offset = max(range(missing + 1), key=lambda o: (fit(o), -o if i in ending else o))
        out.append([""] * offset + cells + [""] * (missing - offset))
    return out


_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def join_broken_rows(text: str) -> str:
    """html2text ends an empty cell that held a paragraph with a hard break (two spaces), so
    the row goes on on the next line (`␠␠` then `|  基本事業1-1-2 …`, or the next row, under a
    cell merged down, `事業名【所管課】 |  ○`), which a Markdown parser
    takes for a blank line that ends the table. Inside a table such a line is joined to the
    row it begins; the lines it takes are given back as blank lines after the table, so that
    every later line keeps its number."""
    lines = text.split("\n")
    out: list[str] = []
    in_table, owed = False, 0
    width = 0  # cells of a table written without outer pipes (html2text's), else 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if _DELIMITER.match(line) and "-" in line:
            in_table = True
            bare = line.strip()
            width = 0 if bare.startswith("|") else _pipes(bare) + 1
        elif (
            in_table
            and width
            and line.endswith("  ")
            and line.strip()
            and i + 1 < len(lines)
            and lines[i + 1].startswith("|")
            and _pipes(line) + 1 < width
        ):
            # a cell holding a line break breaks the row: the rest of the row, opening with
            # the pipe after that cell, is on the next line (`商工 |␠␠` then `|  商工課 | …`)
            lines[i + 1] = line.rstrip() + " " + lines[i + 1]
            owed += 1
            i += 1
            continue
        elif in_table and line.strip() == "" and line and i + 1 < len(lines):
            # (a cell of two line breaks leaves two such lines)
            k = i + 1
            while k < len(lines) and lines[k] and not lines[k].strip():
                k += 1
            header_next = k + 1 < len(lines) and _DELIMITER.match(lines[k + 1])
            # the next row may open without a pipe: html2text writes none at a row's edges
            if k < len(lines) and "|" in lines[k] and not header_next:  # (not a new table)
                # read as any row: it may break at an empty cell of its own (`… |␠␠` + `|␠␠`)
                owed += k - i
                i = k
                continue
        if in_table and not line.strip():
            in_table = False
            out.extend([""] * owed)
            owed = 0
        out.append(line)
        i += 1
    out.extend([""] * owed)
    return "\n".join(out)


_BLOCK = re.compile(r"\s*(?:#{1,6}\s|[-*+]\s|>|```)")


def explicit_pipes(text: str) -> str:
    """html2text writes a table without outer pipes (`a| b| c`), so an empty first cell opens
    its row with a pipe (`| x| y`) and an empty last cell ends it with one (`q| r|`), which a
    Markdown parser takes for outer pipes and drops with the cell. Such a table's rows get
    their outer pipes written, and a header a cell's line break broke over lines before the
    delimiter (`指標名 |  現状値 |␠␠` then `|  目標値 |␠␠`) is one row again (its other lines
    left blank, before the table)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not (_DELIMITER.match(line) and "-" in line and not line.startswith("|")):
            i += 1
            continue
        start = i - 1
        while start > 0 and lines[start - 1] != "" and i - start < 8:
            start -= 1
        head = lines[start:i]
        if head and all(h.lstrip().startswith("|") or not h.strip() for h in head[1:]):
            joined = " ".join(h.rstrip() for h in head if h.strip())
            lines[start:i] = [""] * (len(head) - 1) + [joined]
        # a header cell across the table (colspan) is one cell over a wider table: the header
        # and delimiter as wide as the widest row (a lone `---` under a line is a table's only
        # where rows of cells follow at once, not a heading's underline)
        j = _rows_end(lines, i + 1)
        width = max((_pipes(r.strip()) + 1 for r in lines[i + 1 : j]), default=0)
        columns = _pipes(line) + 1
        if columns == 1 and width < 2:
            i += 1
            continue
        if width > columns:
            lines[i] = "|" + "---|" * width
            lines[i - 1] = f"| {lines[i - 1].strip()} |" + " |" * (width - columns)
        else:
            lines[i - 1] = f"| {lines[i - 1].strip()} |"
        # a line without a pipe (a row whose cells after the first are empty, written without
        # them) is left as it is
        end = _rows_end(lines, i + 1)
        for j in range(i + 1, end):
            if "|" in lines[j]:
                lines[j] = f"| {lines[j].strip()} |"
        if end + 1 < len(lines) and lines[end].strip() and _DELIMITER.match(lines[end + 1]):
            # the next table follows at once (html2text writes tables one under another):
            # a blank line between, one of the blank lines after the tables taken for it
            lines.insert(end, "")
            after = end + 2
            while after + 1 < len(lines) and not (
                not lines[after].strip() and not lines[after + 1].strip()
            ):
                after += 1
            if after + 1 < len(lines):
                del lines[after + 1]
        i = end
    return "\n".join(lines)


def _rows_end(lines: list[str], j: int) -> int:
    """Where a table's rows end: at a blank line or the next block, as GFM ends them, or at the
    header of a table that follows at once."""
    while j < len(lines) and lines[j].strip() and not _BLOCK.match(lines[j]):
        if j + 1 < len(lines) and _DELIMITER.match(lines[j + 1]) and "-" in lines[j + 1]:
            break
        j += 1
    return j


def _pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


_ROW = re.compile(r"^\s*\|.*\|\s*$")


def add_missing_delimiters(text: str) -> str:
    """markdownify writes a table's header delimiter (`| --- |`) only when nothing precedes its
    first row in the table, so a table with a `<caption>` comes out as bare rows, which a
    Markdown parser takes for a paragraph. Two rows or more of two cells or more, a blank line
    before them, none of them a delimiter, get one under their first row; the blank line
    before them is taken for it, so that the lines after keep their numbers (a table may follow
    a paragraph at once; a line after it without a blank one would be one of its rows)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _ROW.match(lines[j]):
            j += 1
        run = lines[i:j]
        opens = i == 0 or not lines[i - 1].strip()
        if (
            len(run) >= 2
            and opens
            and raw_cells(run[0]) >= 2
            and not any(_DELIMITER.match(r) for r in run)
        ):
            if out:
                out.pop()  # the blank line before (a table may follow a paragraph at once)
            out += [run[0], "|" + "---|" * raw_cells(run[0]), *run[1:]]
            i = j
            continue
        if j > i:
            out += run
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)
