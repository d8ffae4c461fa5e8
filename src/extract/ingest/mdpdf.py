"""What converters of PDFs (pymupdf4llm, docling, marker, MinerU) do to a plan's printed text
in their Markdown, and how it is undone: the printed lines' measure (a line that stops short
of it ends its paragraph; a paragraph joined from printed lines is split at them again), the
producer's autospace between Japanese and Latin text printed as a space, note numbers printed
flat, a table's cells copied into the next table's header, a merged cell repeated (docling).

Pure functions on lines and cells; `markdown.py` decides when a file is such a conversion."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from extract.text import sup

# A bullet: its text may run on to the next line, as a wrapped bullet does.
BULLET_START = re.compile(r"^\s*[・･●○◎◆◇■□▪★☆※➢▶►-]")


def wide(ch: str) -> bool:
    """A character set an em wide in Japanese text (kana, kanji, full-width forms, and the
    ambiguous ones a Japanese font sets wide: →, ○, ※)."""
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F", "A")


def width(text: str) -> int:
    """A line's printed width in half-width cells (a Japanese character is two)."""
    return sum(2 if wide(c) else 1 for c in text.strip())


# Markdown lines that are not a paragraph's printed lines: tables, headings, HTML, markers.
_NOT_PROSE = re.compile(r"^\s*(?:[|#<{]|```|!\[)")
# How far short of the page's measure a wrapped line may end (a line broken before a word, or
# set with proportional Latin figures).
MARGIN_SLACK = 5


# The gap a PDF producer sets between Japanese and Latin text (LibreOffice's and Word's
# autospace), which a converter of the PDF prints as a space: `ICT 化推進`, `U ターン`. Only
# beside a Latin word with a capital (an acronym); a lower-case word (`in`) is spaced by the
# writer, and a figure's space before its unit is read either way.
_JA = "\u3041-\u30ff\u4e00-\u9fff"
_AUTOSPACE = re.compile(
    rf"(?<![A-Za-z])([A-Za-z]+) (?=[{_JA}])|(?<=[{_JA}]) ([A-Za-z]+)(?![A-Za-z])"
)


# A line that starts an item of its own: a bullet or heading mark, a number in the forms plans
# number their items and headings (not a figure: `74.2%`), a label word and its number.
ITEM_START = re.compile(
    r"^\s*(?:[・･●○◎◆◇■□▪★☆※➢▶►【［〔＜《◇]|[①-⑳]|[（(][0-9０-９]{1,2}[）)]"
    r"|[0-9０-９]{1,2}[.．、](?![0-9０-９])|第[0-9０-９一二三四五六七八九十]+[章節部編]"
    r"|(?:基本目標|基本戦略|基本方針|取組方針|施策|重点施策|重点プロジェクト)\s*[0-9０-９Ⅰ-Ⅹ]"
    r"|[ア-コ][\u3000 ]|[0-9０-９]{1,2}[\u3000 ](?=[^\x00-\x7f\s0-9０-９]))"
)


def unspace(text: str) -> str:
    """A converter's text of a PDF without the producer's autospace (`ICT化推進`)."""

    def join(m: re.Match[str]) -> str:
        word = m.group(1) or m.group(2)
        if word.islower():
            return m.group(0)
        return word

    def join_figure(m: re.Match[str]) -> str:
        before = text[: m.start()]
        after = text[m.end() :]
        numbered = (not before.strip() and not _COUNTER.match(after)) or _NUMBERED_LABEL.search(
            before
        )
        if numbered and not _PARTICLE.match(after):
            return m.group(0)  # `取組方針1 しごとの…`: the heading's own space
        return m.group(1)

    return _FIGURE_SPACE.sub(join_figure, _AUTOSPACE.sub(join, text))


# A figure and the word after it (`1 日あたり`, `令和4 年度`, `基本目標2 に関連する`).
_FIGURE_SPACE = re.compile(rf"(?<![0-9,.])([0-9](?:[0-9,.\-]*[0-9])?) (?=[{_JA}])")
# A counter after a figure (`4 回`, `1 日あたり`): a quantity, not an item's number.
_COUNTER = re.compile(r"[日人回件年月か箇ヶ個つ位校社億万千百割倍歳戸台基冊枚組名者週]")
# A particle: a figure's sentence goes on, no heading's title starts so.
_PARTICLE = re.compile(r"[にのをはがでへもや]")


def print_margin(source: Sequence[str]) -> int | None:
    """The width of a full printed line, when the Markdown keeps a PDF's printed lines (as a
    converter of PDFs writes them): several paragraph lines end at the same measure, the text
    column's. A line that reaches it was wrapped by the page; a shorter one ended there.
    None for Markdown written by hand or by a program, whose line breaks are the writer's."""
    widths = sorted(
        (
            width(a)
            for a, b in zip(source, source[1:], strict=False)
            if a.strip() and b.strip() and not _NOT_PROSE.match(a) and not _NOT_PROSE.match(b)
        ),
        reverse=True,
    )
    # a converter that joins a paragraph's printed lines with a space (pymupdf4llm's layout
    # mode) leaves the measure in the paragraph's first line, before the first space
    widths += sorted(
        (
            width(line.split(" ", 1)[0])
            for line in source
            if " " in line.strip() and not _NOT_PROSE.match(line)
        ),
        reverse=True,
    )
    widths.sort(reverse=True)
    if len(widths) < 3:
        return None
    top = widths[: max(3, len(widths) // 10)]
    measure = top[len(top) // 2]
    full = sum(1 for w in widths if measure - MARGIN_SLACK <= w <= measure + MARGIN_SLACK)
    # no printed line is wider than its page's measure: lines of one piece that are (a web
    # page's sentences of like length, `…（現状値：令和５年度 79億円）。`, whose spaces are the
    # writer's) say the lines were never a page's
    wider = sum(
        1
        for line in source
        if " " not in line.strip()
        and not _NOT_PROSE.match(line)
        and width(line) > measure + MARGIN_SLACK
    )
    return measure if measure >= 40 and full >= 3 and wider < 2 else None


_HEAD_START = re.compile(
    r"[・■□◆◇●◎【]|(?:基本目標|基本戦略|基本方針|取組方針|施策|重点施策|重点プロジェクト)\s*[0-9０-９Ⅰ-Ⅹ]"
    r"|第[0-9０-９一二三四五六七八九十]+\s*[章節]|(?:担当課|所管課|担当部署|担当)[：:]"
)
# A target's line: an indicator, its value now → its value then (`市内の従業者数 28,540 人（R3）
# →29,000 人（R12）`); the next one starts after it.
_TARGET_LINE = re.compile(r"→[^→]*[0-9０-９][^→]*$")


def rewrap(line: str, margin: int) -> list[str]:
    """A paragraph a converter joined from a PDF's printed lines with a space at each line's
    end (`…森林が増えて います。…`), as those printed lines: a space where the text before
    it, since the last break, fills the measure is the page's line break; so is a space after
    a sentence's end (`…進めます。 【重要業績評価指標（KPI）】`, `…図ります。 また、…`)."""
    out: list[str] = []
    start = 0
    wrapped = margin and width(line) > margin + MARGIN_SLACK  # longer than a printed line
    for m in re.finditer(" ", line):
        before = line[start : m.start()]
        full = wrapped and abs(width(before) - margin) <= MARGIN_SLACK
        # Japanese sets no space after a sentence's end but at a printed line's end, nor
        # before a bullet or a numbered heading but at a line's start
        after = line[m.end() :]
        ended = (
            before.endswith(("。", "．"))
            or (len(before.strip()) > 4 and _HEAD_START.match(after))  # not `(1) 基本目標1`
            or (
                before.endswith(("）", ")"))
                and _TARGET_LINE.search(before)
                and ("→" in after or BULLET_START.match(before))  # a target, or prose
                and wide(after[:1])
            )
        )
        if before.strip() and (full or ended):
            out.append(before)
            start = m.end()
    out.append(line[start:])
    return out


# A printed page number on a line of its own, as converters of PDFs keep it (`- 1 -`,
# `－ 18 －`, pymupdf4llm's indented `- 1`).
PRINTED_PAGE_NO = re.compile(
    r"^(?:\s*[-－―]\s*[0-9０-９]{1,4}(?:\s*[-－―])?|\s{4,}[0-9０-９]{1,4})\s*$"
)
# A page number as only a converter of a PDF writes it: indented as far as the page centres it
# (pymupdf4llm's classic mode, a code block to CommonMark), or its dash made a list mark
# (`- 1 -`, its layout mode). A plan's own text may print `― 2 ―` (a web page of it does).
CONVERTER_PAGE_NO = re.compile(
    r"^(?:\s{4,}[-－―]?\s*[0-9０-９]{1,4}(?:\s*[-－―])?|- [0-9]{1,4}(?: -)?)\s*$"
)


def without_cells(cell: str, cells: set[str]) -> tuple[str, int]:
    """A header cell without the previous table's cells that pymupdf4llm copies into the
    header of the table after it, each column's cells joined with spaces (`成果指標 認定農業者数
    … ■主な事業`): what is left is the text printed between the tables (`■主な事業`), and
    how many of those cells were found."""
    words = cell.split(" ")
    kept: list[str] = []
    i = found = 0
    while cells and i < len(words):
        end = next(
            (j for j in range(len(words), i, -1) if "".join(words[i:j]) in cells),
            None,
        )
        if end is None:
            kept.append(words[i])
            i += 1
        else:
            i, found = end, found + 1
    if not cells:
        return cell, 0
    return " ".join(w for w in kept if w), found


def unrepeat(grid: list[list[str]]) -> list[list[str]]:
    """A pipe table can't merge cells, and docling writes a merged cell's text in each grid
    cell it covers: a caption row's text across all its cells, the first column's text down the
    rows it spans (`基本戦略１…` beside each of its policies). A PDF's table prints it once,
    in its first grid cell, the cells it covers empty; so does this."""
    out = [list(r) for r in grid]
    for i, row in enumerate(out):
        if len(row) > 1 and row[0].strip() and all(c == row[0] for c in row[1:]):
            out[i] = [row[0]] + [""] * (len(row) - 1)
        elif i and row and row[0].strip() and row[0] == grid[i - 1][0]:
            out[i][0] = ""
    return out


# A note at a page's foot whose raised number a converter printed as plain text
# (`9KPI「…」は…`, `1寄港数は…`): the number against the note's first word.
# (html2text's page writes a space between: `1 寄港数は…`, `寄港数 1 |`)
_FLAT_NOTE = re.compile(r"^(\d{1,2})[ \t]?(?=[^\W\d_]|「)")
# The flattened marker in a table cell or at a line's end (`新規企業立地件数（累計）9|`),
# after a word, not a figure (`第4`, `R5`, `７１．２`) or a ※ (`※1` is printed as the plan prints it).
_FLAT_MARKER = re.compile(r"(?<=[^\x00-\x7f0-9０-９※．，])( ?)(\d{1,2})(?=[ \t]*(?:\||<br>|$))")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")
# A heading's or a label's own number, not a note marker (`基本目標1`, `施策2`, `第4期`).
_NUMBERED_LABEL = re.compile(r"(?:目標|施策|方針|戦略|章|節|期|号|回|位|プロジェクト|[※*＊])$")
_RAISED = re.compile(r"<sup>(\d{1,3})</sup>")
_RAISED_NOTE = re.compile(r"^(?:\|\s*)?<sup>(\d{1,2})</sup>\s*(?=[^\W\d_]|「)")
# Notes a converter ran together into one paragraph: `…こととする。 10KPI「…」`.
_NEXT_NOTE = re.compile(r"(?<=[。．.])[ \t]+(\d{1,2})(?=[^\W\d_]|「)")


def _lone_numbers(lines: list[str]) -> list[str]:
    """A note number alone on its line, the note's text on the next (html2text writes a
    LibreOffice page's note so: `9` then `KPI「…」は…`), where a line before ends in that
    number after a word: one line, `9 KPI「…」は…`, the next left blank."""
    out = list(lines)
    for i, line in enumerate(lines[:-1]):
        m = _LONE_NUMBER.match(line)
        if not m or not _FLAT_NOTE.match(f"{m.group(1)}{lines[i + 1]}"):
            continue
        if any(n.group(2) == m.group(1) for ln in lines[:i] for n in _FLAT_MARKER.finditer(ln)):
            out[i], out[i + 1] = f"{m.group(1)} {lines[i + 1]}", ""
    return out


def raise_flattened_notes(lines: list[str]) -> list[str]:
    """A note number printed as plain text, where a converter lost its raised size: a cell
    that ends in a number after a word (`寄港数1`) is that note's marker when a later line
    starts with the number against its text (`1寄港数は…`), which is then the note. Both get
    the footnote encoding; numbers without the pair are left as they are."""
    lines = _lone_numbers(lines)
    notes: dict[str, list[int]] = {}
    raised: dict[str, list[int]] = {}  # notes that kept their raised number (a sheet's cell)
    for i, line in enumerate(lines):
        if m := _FLAT_NOTE.match(line):
            notes.setdefault(m.group(1), []).append(i)
        elif m := _RAISED_NOTE.match(line):
            raised.setdefault(m.group(1), []).append(i)
    if not notes and not raised:
        return lines
    out = list(lines)
    cited: dict[str, int] = {}  # number → the line that first cites it
    for i, line in enumerate(lines):
        for m in _RAISED.finditer(line):
            cited.setdefault(m.group(1), i)

        def raise_marker(m: re.Match[str], i: int = i, line: str = line) -> str:
            number = m.group(2)
            later = any(j > i for j in (*notes.get(number, ()), *raised.get(number, ())))
            if not later or _NUMBERED_LABEL.search(line[: m.start()].rstrip()):
                return m.group(0)
            cited.setdefault(number, i)
            return m.group(1) + sup(number)

        if not _FLAT_NOTE.match(line):
            out[i] = _FLAT_MARKER.sub(raise_marker, line)
    for number, first in cited.items():
        at = next((j for j in notes.get(number, ()) if j > first), None)
        if at is None:
            continue
        text = out[at]
        rest = _NEXT_NOTE.sub(
            lambda m: "<br>" + sup(m.group(1)) + " " if m.group(1) in cited else m.group(0),
            text[len(number) :].lstrip(" \t"),
        )
        out[at] = sup(number) + " " + rest
    return out
