"""Excel ingest: a .xlsx workbook → Document, sheet by sheet, each row a line.

A row of one value is a paragraph line (a heading, a caption, prose written in column A); a row of
several is a table row whose cells are the sheet's columns. A merged range keeps its value in its
first cell and leaves the cells it covers empty, as a PDF's table prints it. A table's rows keep
their empty trailing cells up to the table's edge, which is where its ruling ends (a row of a
wrapped cell, `寄附件数` alone under `ふるさと納税の`, stays a table row); a sheet without any
ruling whose first row names several columns is one table. Values are shown as Excel shows them:
the number format's digits, separators, percent and literal text (`#,##0"人"`, `0.0%`,
`#,##0;△#,##0`); a formula's last computed value. Hidden sheets, rows and columns are not printed
and are left out; sheets follow one another with a blank line between.

Provenance: `Sheet!A5:D5`, the row's cells in the workbook.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl.cell.rich_text import CellRichText

from extract.errors import InputError
from extract.ingest.blocks import Block, blocks_to_document, cell_text, paragraph, superscript
from extract.models import Document

# Parts of a number format that print nothing of the value: colours, locales, conditions.
_BRACKETS = re.compile(r"\[[^\]]*\]")
_PLACEHOLDERS = set("0#?,.%")


def display(value: object, number_format: str = "General") -> str:
    """A cell's value as Excel shows it under its number format (the formats plans use)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        shown = _date(day, number_format or "General")
        if shown is not None:
            return shown
        if isinstance(value, dt.datetime) and value.time() != dt.time(0):
            return value.isoformat(sep=" ", timespec="minutes")
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        shown = _serial_date(float(value), number_format or "General")
        return shown if shown is not None else _number(float(value), number_format or "General")
    return str(value)


# Japanese eras as Excel's `g`, `gg`, `ggg` print them, from their first day.
_ERAS = (
    (dt.date(2019, 5, 1), "R", "令", "令和"),
    (dt.date(1989, 1, 8), "H", "平", "平成"),
    (dt.date(1926, 12, 25), "S", "昭", "昭和"),
    (dt.date(1912, 7, 30), "T", "大", "大正"),
)
_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|ggg|gg|g|ee|e|[^"\\ymdge]+', re.I)


def _date(day: dt.date, fmt: str) -> str | None:
    """A date under a date format (`yyyy"年度"`, `ggge"年"m"月"`, `yyyy/m/d`), or None for a
    format that is not one (General: the reader's own `y/m/d`)."""
    section = _BRACKETS.sub("", fmt.split(";")[0])
    bare = re.sub(r'"[^"]*"|\\.', "", section).replace("General", "")
    if not re.search(r"[yYdDgGeEmM]", bare) or re.search(r"[hHsS]", bare):
        return None  # not a date format, or a time's (its m is minutes)
    era = next((e for e in _ERAS if day >= e[0]), None)
    out = []
    for token in _DATE_TOKEN.findall(section):
        low = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif low == "yyyy":
            out.append(f"{day.year:04d}")
        elif low == "yy":
            out.append(f"{day.year % 100:02d}")
        elif low in ("mm", "m"):
            out.append(f"{day.month:02d}" if low == "mm" else str(day.month))
        elif low in ("dd", "d"):
            out.append(f"{day.day:02d}" if low == "dd" else str(day.day))
        elif low in ("g", "gg", "ggg"):
            out.append(era[len(low)] if era else "")
        elif low in ("e", "ee"):
            year = day.year - era[0].year + 1 if era else day.year
            out.append(f"{year:02d}" if low == "ee" else str(year))
        else:
            out.append(token)
    return "".join(out)


def _serial_date(value: float, fmt: str) -> str | None:
    """A date serial under a format of Japanese era tokens alone (`ggge"年度"`), which
    openpyxl does not take for a date format and hands over as the number."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt.split(";")[0])
    if not re.search(r"[gGeE]", bare) or re.search(r"[0#?]", bare) or bare.lower() == "general":
        return None
    from openpyxl.utils.datetime import from_excel

    try:
        day = from_excel(value)
    except (ValueError, OverflowError):
        return None
    return _date(day.date() if isinstance(day, dt.datetime) else day, fmt)


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def _tokens(section: str) -> list[tuple[bool, str]]:
    """A format section as (is placeholder, text) tokens: `#,##0"人"` → #,##0 and 人."""
    out: list[tuple[bool, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append((False, section[i + 1 : end]))
            i = end + 1
        elif ch == "\\":
            out.append((False, section[i + 1 : i + 2]))
            i += 2
        elif ch in "_*":
            i += 2  # a space as wide as the next character, a fill: nothing of the value
        else:
            out.append((ch in _PLACEHOLDERS, ch))
            i += 1
    return out


def _number(value: float, fmt: str) -> str:
    sections = fmt.split(";")
    section = sections[0]
    signed = True
    if value < 0 and len(sections) > 1 and sections[1].strip():
        section, value, signed = sections[1], -value, False  # it prints its own sign (△)
    elif value == 0 and len(sections) > 2 and sections[2].strip():
        section = sections[2]
    section = _BRACKETS.sub("", section)
    if section.strip().lower() in ("general", "", "@"):
        return ("-" if value < 0 else "") + _general(abs(value))
    tokens = _tokens(section)
    digits = [i for i, (ph, ch) in enumerate(tokens) if ph and ch in "0#?"]
    if not digits:
        return "".join(ch for _, ch in tokens) or _general(value)
    first, last = digits[0], digits[-1]
    pattern = "".join(ch for _, ch in tokens[first : last + 1])
    after = tokens[last + 1 :]
    percent = any(ch == "%" for ph, ch in tokens if ph)
    scaled = abs(value) * (100 if percent else 1)
    # commas right after the digits scale by a thousand each (#,##0, → thousands)
    for ph, ch in after:
        if not (ph and ch == ","):
            break
        scaled /= 1000
    integer, _, fraction = pattern.partition(".")
    decimals = sum(1 for ch in fraction if ch in "0#?")
    required = sum(1 for ch in fraction if ch == "0")
    text = f"{scaled:,.{decimals}f}" if "," in integer else f"{scaled:.{decimals}f}"
    if decimals > required:
        text = text[: len(text) - (decimals - required)] + text[
            len(text) - (decimals - required) :
        ].rstrip("0")
        text = text.rstrip(".")
    if "0" not in integer and text.startswith("0."):
        text = text[1:]  # `#.0`: no digit before the point
    sign = "-" if signed and value < 0 else ""

    def literal(part: list[tuple[bool, str]]) -> str:
        return "".join(ch for ph, ch in part if not ph or ch == "%")

    return literal(tokens[:first]) + sign + text + literal(after)


def _ruled(cell: object) -> bool:
    border = getattr(cell, "border", None)
    if border is None:
        return False
    return any(
        getattr(getattr(border, side, None), "style", None)
        for side in ("left", "right", "top", "bottom")
    )


def _text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if isinstance(value, CellRichText):
        shown = ""
        for part in value:
            text = part if isinstance(part, str) else part.text
            font = None if isinstance(part, str) else part.font
            if font is not None and getattr(font, "vertAlign", None) == "superscript":
                text = superscript(text, shown)  # a ※n marker set raised: <sup>n</sup>
            shown += text
    else:
        shown = display(value, getattr(cell, "number_format", "General"))
    return cell_text(shown.split("\n")) if "\n" in shown else shown.strip()


def _bold(cell: object) -> bool:
    font = getattr(cell, "font", None)
    return bool(font is not None and font.b)


def sheet_to_blocks(ws: object) -> list[Block]:
    """A worksheet's visible rows as blocks, in row order; tables set side by side (an empty
    column between them) one after the other, the left first."""
    from openpyxl.utils import get_column_letter

    if ws.max_row is None or ws.max_column is None:  # type: ignore[attr-defined]
        return []
    hidden_cols = {
        key
        for key, dim in ws.column_dimensions.items()
        if dim.hidden  # type: ignore[attr-defined]
    }
    columns = [
        c
        for c in range(ws.min_column, ws.max_column + 1)  # type: ignore[attr-defined]
        if get_column_letter(c) not in hidden_cols
    ]
    rows = []
    for r in range(ws.min_row, ws.max_row + 1):  # type: ignore[attr-defined]
        dim = ws.row_dimensions.get(r)  # type: ignore[attr-defined]
        if dim is not None and dim.hidden:
            continue
        cells = [ws.cell(r, c) for c in columns]  # type: ignore[attr-defined]
        rows.append((r, [_text(c) for c in cells], [_ruled(c) for c in cells], cells))
    if not rows:
        return []
    merged = [
        (m.min_col, m.max_col)
        for m in ws.merged_cells.ranges  # type: ignore[attr-defined]
        if m.max_col > m.min_col
    ]
    blocks: list[Block] = []
    for band in _bands(rows, columns, merged):
        if blocks:
            blocks.append(Block(("",), f"{ws.title}!"))  # type: ignore[attr-defined]
        part = [
            (r, [t[i] for i in band], [rl[i] for i in band], [c[i] for i in band])
            for r, t, rl, c in rows
        ]
        blocks.extend(_band_blocks(part, [columns[i] for i in band], ws.title))  # type: ignore[attr-defined]
    return blocks


Row = tuple[int, list[str], list[bool], list[object]]


def _bands(rows: list[Row], columns: list[int], merged: list[tuple[int, int]]) -> list[list[int]]:
    """The sheet's columns (indexes) in bands split at a column empty in every row, neither
    ruled nor under a merged range: tables set side by side. Each band holds a table (a row
    of two values or more) over two columns or more, else the sheet is one band."""
    used = [
        any(t[i] or rl[i] for _, t, rl, _ in rows)
        or any(lo <= columns[i] <= hi for lo, hi in merged)
        for i in range(len(columns))
    ]
    bands: list[list[int]] = [[]]
    for i, u in enumerate(used):
        if u:
            bands[-1].append(i)
        elif bands[-1]:
            bands.append([])
    bands = [b for b in bands if b]
    tables = [
        len(b) >= 2 and any(sum(1 for i in b if t[i]) >= 2 for _, t, _, _ in rows) for b in bands
    ]
    if len(bands) < 2 or not all(tables):
        return [list(range(len(columns)))]
    return bands


def _band_blocks(rows: list[Row], columns: list[int], title: str) -> list[Block]:
    from openpyxl.utils import get_column_letter

    any_ruled = any(any(rl) for _, _, rl, _ in rows)
    first = next((texts for _, texts, _, _ in rows if any(texts)), [])
    one_table = not any_ruled and sum(1 for t in first if t) >= 2
    blocks: list[Block] = []
    for r, texts, ruled, cells_ in rows:
        filled = [i for i, t in enumerate(texts) if t]
        edge = max([*filled, *(i for i, rl in enumerate(ruled) if rl)], default=-1)
        if one_table:
            edge = len(texts) - 1
        if not filled:
            blocks.append(Block(("",), f"{title}!{r}"))
            continue
        cells = texts[: edge + 1]
        last = get_column_letter(columns[edge])
        start = get_column_letter(columns[0])
        if len(cells) == 1:
            blocks.extend(paragraph(cells[0], f"{title}!{start}{r}", bold=_bold(cells_[0])))
        else:
            blocks.append(Block(tuple(cells), f"{title}!{start}{r}:{last}{r}"))
    return blocks


def path_to_document(path: Path) -> Document:
    from openpyxl import load_workbook

    try:
        # data_only: a formula's value as Excel last computed it
        workbook = load_workbook(str(path), data_only=True, rich_text=True)
    except Exception as exc:  # openpyxl meets a damaged package with any error it hits
        raise InputError(
            f"{path} cannot be opened as an Excel workbook (.xlsx): it is damaged or not one."
        ) from exc
    blocks: list[Block] = []
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue
        sheet = sheet_to_blocks(ws)
        if not any(b.text.strip() for b in sheet):
            continue
        if blocks:
            blocks.append(Block(("",), f"{ws.title}!"))
        blocks.extend(sheet)
    return blocks_to_document(blocks, path.name, "xlsx")
