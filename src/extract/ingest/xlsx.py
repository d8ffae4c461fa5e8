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
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return f"{value.year}/{value.month}/{value.day}"
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        return _number(float(value), number_format or "General")
    return str(value)


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
    """A worksheet's visible rows as blocks, in row order."""
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
    any_ruled = False
    for r in range(ws.min_row, ws.max_row + 1):  # type: ignore[attr-defined]
        dim = ws.row_dimensions.get(r)  # type: ignore[attr-defined]
        if dim is not None and dim.hidden:
            continue
        cells = [ws.cell(r, c) for c in columns]  # type: ignore[attr-defined]
        texts = [_text(c) for c in cells]
        ruled = [_ruled(c) for c in cells]
        any_ruled = any_ruled or any(ruled)
        rows.append((r, texts, ruled, cells))
    if not rows:
        return []
    first = next((texts for _, texts, _, _ in rows if any(texts)), [])
    one_table = not any_ruled and sum(1 for t in first if t) >= 2
    title = ws.title  # type: ignore[attr-defined]
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
