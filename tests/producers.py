"""PDFs of a plan's text rendering made by other producers and layouts than `render_pdf`'s one.

Each producer takes the plan text (the tab-separated text rendering: `#` headings, `<b>`,
`<sup>n</sup>` markers and `<sup>n</sup> text` footnote lines, tab-separated table rows) and an
output path, writes a PDF there and returns the path. Nothing is committed: tests and benchmarks
make these PDFs themselves.

- `chromium_pdf`: HTML printed by headless Chromium (Skia). Noto Serif CJK JP if installed
  (fonts-noto-cjk; its shared glyphs make Kangxi radicals such as ⽣ ⺠ appear in the extracted
  text), else IPAexMincho. Ruled tables, footnotes as a list at the end of each section.
- `writer_wrapped_pdf`: LibreOffice Writer with narrow table columns (cells wrap onto 2–3 lines),
  tables running over page breaks with no repeated header row, rows allowed to split.
- `calc_pdf`: a flat ODS spreadsheet (one sheet) printed by LibreOffice Calc: tables as bordered
  cells, headings/paragraphs/footnotes as single (merged, wrapping) cells.
- `reportlab_pdf`: `render_pdf.text_to_reportlab_pdf` (reportlab's built-in CID font).
- `borderless_landscape_pdf`: LibreOffice, landscape A4, tables without any ruling lines.
- `two_column_pdf`: LibreOffice, a two-column section; tables inside the columns.
- `gothic_footnotes_pdf`: LibreOffice, IPAexGothic, Word-like line spacing, real 8pt footnotes at
  the page foot with superscript numbers, wrapping over several lines at 1.5 line spacing.
- `cairo_reprint`: `pdftocairo -pdf` re-print of any PDF (changes character spacing and fonts).

`HtmlLayout`, `CalcLayout` and `render_pdf.ReportlabLayout` (like `WriterLayout`) hold page
settings a caller may vary (`tests/generator.py` draws them at random); their defaults are the
producers' own layouts.

`PRODUCERS` maps a name to a text → PDF function (including the baseline `writer` of
`render_pdf` and cairo re-prints of it and of Chromium). A missing tool raises
`ProducerUnavailable` naming the Debian package; tests call `require_producer(name)` to skip (or,
under CI, fail) instead.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .conftest import CHROMIUM_QUIET
from .render_pdf import (
    DISTRIBUTED,
    FOOTNOTE,
    NS,
    SIZES,
    SUP,
    TAG,
    ReportlabLayout,
    _blocks,
    _inline,
    _widths,
    odt_table,
    soffice,
    text_to_fodt,
    text_to_reportlab_pdf,
)

Producer = Callable[[str, Path], Path]


class ProducerUnavailable(RuntimeError):
    """A tool or font a producer needs is not installed."""


# --- tools ------------------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", *CHROMIUM_QUIET, "--no-pdf-header-footer"]

# producer → [(executable, Debian package)]; "font:<family>" entries are fontconfig families.
TOOLS: dict[str, list[tuple[str, str]]] = {
    "writer": [("soffice", "libreoffice-writer-nogui"), ("font:IPAexGothic", "fonts-ipaexfont")],
    "chromium": [("chromium", "chromium"), ("font:IPAexMincho", "fonts-ipaexfont")],
    "writer_wrapped": [
        ("soffice", "libreoffice-writer-nogui"),
        ("font:IPAexMincho", "fonts-ipaexfont"),
    ],
    "calc": [
        ("calc", "libreoffice-calc-nogui"),
        ("font:IPAexGothic", "fonts-ipaexfont"),
    ],
    "reportlab": [("python:reportlab", "reportlab (PyPI, dev extra)")],
    "borderless_landscape": [
        ("soffice", "libreoffice-writer-nogui"),
        ("font:IPAexMincho", "fonts-ipaexfont"),
    ],
    "two_column": [
        ("soffice", "libreoffice-writer-nogui"),
        ("font:IPAexMincho", "fonts-ipaexfont"),
    ],
    "gothic_footnotes": [
        ("soffice", "libreoffice-writer-nogui"),
        ("font:IPAexGothic", "fonts-ipaexfont"),
    ],
    "cairo": [("pdftocairo", "poppler-utils")],
}
TOOLS["cairo_writer"] = TOOLS["writer"] + TOOLS["cairo"]
TOOLS["cairo_chromium"] = TOOLS["chromium"] + TOOLS["cairo"]


def font_installed(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(
        ["fc-list", f":family={family}", "family"], capture_output=True, text=True, check=False
    ).stdout
    return bool(out.strip())


def _calc_installed() -> bool:
    exe = soffice()
    if exe is None:
        return False
    program = Path(exe).resolve().parent
    return (program / "libsclo.so").exists() or any(program.glob("*sclo*"))


def _have(tool: str) -> bool:
    if tool.startswith("font:"):
        return font_installed(tool[5:])
    if tool.startswith("python:"):
        try:
            __import__(tool[7:])
        except ImportError:
            return False
        return True
    if tool == "calc":
        return _calc_installed()
    if tool == "soffice":
        return soffice() is not None
    return shutil.which(tool) is not None


def missing_tools(producer: str) -> list[str]:
    """What `producer` needs and is not installed, as 'tool (package)' strings."""
    return [f"{tool} ({package})" for tool, package in TOOLS[producer] if not _have(tool)]


def _require(producer: str) -> None:
    missing = missing_tools(producer)
    if missing:
        raise ProducerUnavailable(
            f"PDF producer {producer!r} needs what is not installed: {', '.join(missing)}."
        )


def require_producer(producer: str) -> None:
    """For tests: skip (fail under CI=true) when `producer` cannot run here."""
    from .conftest import IN_CI

    missing = missing_tools(producer)
    if not missing:
        return
    import pytest

    message = f"PDF producer {producer!r} needs: {', '.join(missing)} (`make system-deps`)."
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def _soffice_lock() -> Iterator[None]:
    """One LibreOffice at a time on this machine (they are heavy; 2 cores)."""
    with open(Path(tempfile.gettempdir()) / "plan-extract-soffice.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def soffice_convert(source: str, suffix: str, out_pdf: Path, timeout: int = 300) -> Path:
    """A flat ODF document (.fodt/.fods) → PDF, with a throwaway LibreOffice profile."""
    exe = soffice()
    if exe is None:
        raise ProducerUnavailable("LibreOffice (soffice) is not installed")
    out_pdf = Path(out_pdf)
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp:
        src = Path(tmp) / f"doc{suffix}"
        src.write_text(source, encoding="utf-8")
        profile = Path(tmp) / "profile"
        with _soffice_lock():
            done = subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        made = Path(tmp) / "doc.pdf"
        if done.returncode != 0 or not made.exists():
            raise RuntimeError(
                f"LibreOffice could not convert {suffix} to PDF (exit {done.returncode}): "
                f"{(done.stderr or done.stdout).strip()[:500]}"
            )
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), out_pdf)
    return out_pdf


# --- shared parsing ---------------------------------------------------------------------------


def _parse(text: str) -> tuple[list[str], dict[str, str], int]:
    lines = text.replace("\r\n", "\n").split("\n")
    notes = {m.group(1): m.group(2).strip() for m in map(FOOTNOTE.match, lines) if m}
    first = min((int(n) for n in notes), default=1)
    return lines, notes, first


def _texts(kind: str, value: object) -> list[str]:
    if kind == "h":
        return [value[1]]  # type: ignore[index]
    if kind == "p":
        return [str(value)]
    return [c for row in value for c in row]  # type: ignore[union-attr]


def blocks_with_notes(lines: list[str], notes: dict[str, str]) -> list[tuple[str, object]]:
    """`_blocks` plus ('notes', [(n, text)]) closing each section: the footnotes its markers
    cite, listed before the next heading (and at the end), as web pages and sheets do."""
    out: list[tuple[str, object]] = []
    pending: list[tuple[str, str]] = []
    seen: set[str] = set()
    for kind, value in _blocks(lines):
        if kind == "h" and pending:
            out.append(("notes", pending))
            pending = []
        out.append((kind, value))
        for s in _texts(kind, value):
            for m in SUP.finditer(s):
                n = m.group(1)
                if n in notes and n not in seen:
                    seen.add(n)
                    pending.append((n, notes[n]))
    if pending:
        out.append(("notes", pending))
    return out


# --- a. Chromium ------------------------------------------------------------------------------


def _html_inline(s: str) -> str:
    s = escape(s)
    s = re.sub(r"&lt;(/?)b&gt;", r"<\1b>", s)
    return re.sub(
        r"\s*&lt;sup&gt;\s*(\d+)\s*&lt;/sup&gt;\s*", r'<sup><a href="#fn\1">\1</a></sup>', s
    )


def _g(x: float) -> str:
    """A CSS/ODF number: 9 → "9", 10.5 → "10.5"."""
    return f"{x:g}"


@dataclass(frozen=True)
class HtmlLayout:
    """Page settings of the Chromium print (the defaults are the `chromium` producer's)."""

    page: str = "A4"  # CSS page size: "A4", "A4 landscape", "B5" …
    margin: str = "18mm 20mm"
    font: str | None = None  # None: `chromium_font()`
    body_pt: float = 10.5
    line_height: float = 1.6
    cell_pt: float = 9
    cell_line_height: float = 1.35
    borders: bool = True
    even_columns: float = 0.0  # 0 = widths by content, 1 = all equal (cells wrap)
    table_width: str = "100%"
    columns: int = 1  # CSS columns on the body
    keep_rows: bool = False  # a row never breaks across pages
    rules: str = "grid"  # with `borders`: "grid", "horizontal" (no vertical rules), "vertical"
    header: str = "plain"  # tables' first row: "plain", "center", "shaded" (grey, white bold)
    valign: str = "top"  # cells' text at the row's "top" or "middle"
    distribute: bool = False  # short worded body cells (担当課) set 均等割り付け
    letter_spacing: str = "normal"  # CSS letter-spacing of the whole page
    paper: str = "as drawn"  # the paper `page` was set to by the eighth round (a label)
    zoom: float = 1.0  # the print scale (CSS zoom on the whole page, as Chromium's scale does)
    spacing: str = "single"  # line spacing 1.5 of the body ("1.5") or of cells too ("1.5 cells")
    small_cells: bool = False  # table text in 8 pt beside a 10.5–12 pt body (a label)


def text_to_html(text: str, font: str, lay: HtmlLayout | None = None) -> str:
    lay = lay or HtmlLayout()
    lines, notes, _ = _parse(text)
    body: list[str] = []
    for kind, value in blocks_with_notes(lines, notes):
        if kind == "h":
            level, title = value  # type: ignore[misc]
            body.append(f"<h{level}>{_html_inline(title)}</h{level}>")
        elif kind == "p":
            body.append(f"<p>{_html_inline(str(value))}</p>")
        elif kind == "notes":
            items = "".join(
                f'<li id="fn{n}"><sup>{n}</sup> {escape(t)}</li>'
                for n, t in value  # type: ignore[attr-defined]
            )
            body.append(f'<ol class="footnotes">{items}</ol>')
        else:
            rows: list[list[str]] = value  # type: ignore[assignment]
            ncols = max(len(r) for r in rows)
            widths = (
                _widths(rows) if not lay.even_columns else _column_widths(rows, lay.even_columns)
            )
            cols = "".join(f'<col style="width:{w * 100:.1f}%">' for w in widths)
            trs = [
                ('<tr class="head">' if i == 0 and lay.header != "plain" else "<tr>")
                + "".join(
                    f'<td class="dist">{_html_inline(c)}</td>'
                    if lay.distribute and i > 0 and DISTRIBUTED.match(c)
                    else f"<td>{_html_inline(c)}</td>"
                    for c in r + [""] * (ncols - len(r))
                )
                + "</tr>"
                for i, r in enumerate(rows)
            ]
            if any("事務事業" in c for c in rows[0]):
                head, trs = f"<thead>{trs[0]}</thead>", trs[1:]
            else:
                head = ""
            body.append(
                f"<table><colgroup>{cols}</colgroup>{head}<tbody>{''.join(trs)}</tbody></table>"
            )
    sizes = "".join(
        f"h{n} {{ font-size: {size}pt; margin: 0.8em 0 0.4em; break-after: avoid; }}\n"
        for n, size in SIZES.items()
    )
    border = "0.75pt solid #000" if lay.borders else "none"
    extra = ""
    if lay.columns > 1:
        extra += f"\nbody {{ column-count: {lay.columns}; column-gap: 8mm; }}"
    if lay.keep_rows:
        extra += "\ntr { break-inside: avoid; }"
    if lay.borders and lay.rules == "horizontal":
        extra += "\ntd { border-left: none; border-right: none; }"
    elif lay.borders and lay.rules == "vertical":
        extra += "\ntd { border-top: none; border-bottom: none; }"
    if lay.header != "plain":
        extra += "\ntr.head td { text-align: center; }"
    if lay.header == "shaded":
        extra += "\ntr.head td { background: #737373; color: #fff; font-weight: bold; }"
    if lay.valign == "middle":
        extra += "\ntd { vertical-align: middle; }"
    if lay.distribute:
        extra += "\ntd.dist { text-align: justify; text-align-last: justify; }"
    if lay.letter_spacing != "normal":
        extra += f"\nbody {{ letter-spacing: {lay.letter_spacing}; }}"
    if lay.zoom != 1.0:
        extra += f"\nhtml {{ zoom: {_g(lay.zoom)}; }}"
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>総合戦略</title>
<style>
@page {{ size: {lay.page}; margin: {lay.margin}; }}
body {{ font-family: "{font}", serif; font-size: {_g(lay.body_pt)}pt; line-height: {_g(lay.line_height)}; }}
{sizes}
p {{ margin: 0 0 0.4em; }}
table {{ border-collapse: collapse; width: {lay.table_width}; margin: 0.4em 0 0.8em; }}
td {{ border: {border}; padding: 2pt 4pt; font-size: {_g(lay.cell_pt)}pt; line-height: {_g(lay.cell_line_height)}; vertical-align: top; }}
ol.footnotes {{ list-style: none; margin: 0.6em 0; padding: 0.3em 0 0; border-top: 0.5pt solid #000;
  font-size: 8pt; line-height: 1.4; }}
sup {{ font-size: 65%; }}
a {{ color: inherit; text-decoration: none; }}{extra}
</style></head>
<body>
{chr(10).join(body)}
</body></html>
"""


def chromium_font() -> str:
    for family in ("Noto Serif CJK JP", "Noto Sans CJK JP", "IPAexMincho"):
        if font_installed(family):
            return family
    raise ProducerUnavailable("no Japanese font (fonts-noto-cjk or fonts-ipaexfont) installed")


def chromium_pdf(text: str, out: Path, timeout: int = 180, lay: HtmlLayout | None = None) -> Path:
    _require("chromium")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-") as tmp:
        page = Path(tmp) / "plan.html"
        font = (lay.font if lay else None) or chromium_font()
        page.write_text(text_to_html(text, font, lay), encoding="utf-8")
        profile = Path(tmp) / "profile"
        done = subprocess.run(
            [
                shutil.which("chromium") or "chromium",
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={out.resolve()}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(
            f"chromium --print-to-pdf failed (exit {done.returncode}): {done.stderr.strip()[-500:]}"
        )
    return out


# --- LibreOffice Writer layouts -----------------------------------------------------------------


@dataclass(frozen=True)
class WriterLayout:
    page_width: float = 21.0  # cm
    page_height: float = 29.7
    margin_top: float = 1.5
    margin_bottom: float = 1.5
    margin_side: float = 2.0
    font: str = "IPAexMincho"
    body_pt: float = 10.5
    body_line_height: str | None = None  # e.g. "125%"
    cell_pt: float = 9.0
    table_width: float | None = None  # cm; None = the text width
    even_columns: float = 0.0  # 0 = widths by content, 1 = all equal
    borders: bool = True  # ruled table cells (and the rule above the footnotes)
    repeat_header: bool = True  # the header row of project lists repeated on every page
    split_rows: bool = False  # a row may break across pages
    columns: int = 1
    footnote_pt: float = 8.0
    footnote_line_height: str | None = None
    footnote_number_super: bool = False  # the number in the footnote area raised, as Word does
    running_header: str = "第3期 総合戦略"
    rules: str = "grid"  # with `borders`: "grid", "horizontal" (no vertical rules), "vertical"
    header: str = "plain"  # tables' first row: "plain", "center", "shaded" (grey, white bold)
    valign: str = "top"  # cells' text at the row's "top" or "middle"
    distribute: bool = False  # short worded body cells (担当課) set 均等割り付け
    header_rule: bool = False  # a rule under the running header and over the page number
    paper: str = "A4"  # the paper size (a label: page_width and page_height set it)
    cell_line_height: str | None = None  # line spacing in table cells, e.g. "150%"
    spacing: str = "single"  # line spacing 1.5 of the body ("1.5") or of cells too (a label)
    small_cells: bool = False  # table text in 8 pt beside a 10.5–12 pt body (a label)


def _column_widths(rows: list[list[str]], even: float) -> list[float]:
    content = _widths(rows)
    n = len(content)
    return [(1 - even) * w + even / n for w in content]


def _odf_cell_borders(border: str, rules: str) -> str:
    """The cell border attributes: all four sides, or the horizontal or vertical ones only."""
    if border == "none" or rules == "grid":
        return f'fo:border="{border}"'
    sides = ("top", "bottom") if rules == "horizontal" else ("left", "right")
    return " ".join(
        f'fo:border-{side}="{border if side in sides else "none"}"'
        for side in ("top", "bottom", "left", "right")
    )


def text_to_layout_fodt(text: str, lay: WriterLayout) -> str:
    lines, notes, first_note = _parse(text)
    text_width = lay.page_width - 2 * lay.margin_side
    if lay.columns > 1:
        gap = 0.8
        text_width = (text_width - gap * (lay.columns - 1)) / lay.columns
    table_width = lay.table_width or text_width
    body: list[str] = []
    column_styles: list[str] = []
    for t, (kind, value) in enumerate(_blocks(lines)):
        if kind == "h":
            level, title = value  # type: ignore[misc]
            body.append(
                f'<text:h text:style-name="H{level}" text:outline-level="{level}">{_inline(title, notes)}</text:h>'
            )
        elif kind == "p":
            body.append(f'<text:p text:style-name="Body">{_inline(str(value), notes)}</text:p>')
        else:
            rows: list[list[str]] = value  # type: ignore[assignment]
            widths = _column_widths(rows, lay.even_columns)
            column_styles += [
                f'<style:style style:name="T{t}C{i}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{w * table_width:.3f}cm"/></style:style>'
                for i, w in enumerate(widths)
            ]
            repeat = lay.repeat_header and any("事務事業" in c for c in rows[0])
            body.append(
                odt_table(
                    t,
                    rows,
                    notes,
                    repeat,
                    row_style="Row",
                    head=lay.header != "plain",
                    distribute=lay.distribute,
                )
            )
    content = "".join(body)
    if lay.columns > 1:
        content = (
            f'<text:section text:style-name="Sect" text:name="Columns">{content}</text:section>'
        )
    headings = "".join(
        f'<style:style style:name="H{n}" style:family="paragraph" style:parent-style-name="Body" style:default-outline-level="{n}">'
        f'<style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>'
        f'<style:text-properties fo:font-size="{size}pt" style:font-size-asian="{size}pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
        for n, size in SIZES.items()
    )
    line_height = f' fo:line-height="{lay.body_line_height}"' if lay.body_line_height else ""
    cell_line_height = f' fo:line-height="{lay.cell_line_height}"' if lay.cell_line_height else ""
    fn_line_height = (
        f' fo:line-height="{lay.footnote_line_height}"' if lay.footnote_line_height else ""
    )
    border = "0.5pt solid #000000" if lay.borders else "none"
    cell_borders = _odf_cell_borders(border, lay.rules)
    valign = ' style:vertical-align="middle"' if lay.valign == "middle" else ""
    head_cell = ' fo:background-color="#737373"' if lay.header == "shaded" else ""
    head_text = (
        ' fo:color="#ffffff" fo:font-weight="bold" style:font-weight-asian="bold"'
        if lay.header == "shaded"
        else ""
    )
    rule = "0.5pt solid #000000"
    head_style = (
        f'<style:style style:name="HeadCell" style:family="table-cell"><style:table-cell-properties {cell_borders} fo:padding="0.08cm"{valign}{head_cell}/></style:style>'
        if lay.header != "plain"
        else ""  # (the plain layout's text as before: render_scan edits its one cell padding)
    )
    header_rule = (
        f' fo:border-bottom="{rule}" fo:padding-bottom="0.05cm"' if lay.header_rule else ""
    )
    footer_rule = f' fo:border-top="{rule}" fo:padding-top="0.05cm"' if lay.header_rule else ""
    orientation = "landscape" if lay.page_width > lay.page_height else "portrait"
    citation = (
        ' text:citation-body-style-name="FnSup" text:citation-style-name="FnAreaSup"'
        if lay.footnote_number_super
        else ""
    )
    fn_indent = (
        ' fo:margin-left="0.35cm" fo:text-indent="-0.35cm"' if lay.footnote_number_super else ""
    )
    separator = (
        ""
        if lay.borders
        else '<style:footnote-sep style:width="0cm" style:rel-width="0%" style:line-style="none" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm"/>'
    )
    section = (
        f'<style:style style:name="Sect" style:family="section"><style:section-properties text:dont-balance-text-columns="false">'
        f'<style:columns fo:column-count="{lay.columns}" fo:column-gap="0.8cm"/></style:section-properties></style:style>'
        if lay.columns > 1
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{lay.font}" svg:font-family="{lay.font}"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="{lay.font}" style:font-name-asian="{lay.font}" fo:font-size="{lay.body_pt}pt" style:font-size-asian="{lay.body_pt}pt" fo:language="ja" fo:country="JP"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.15cm"{line_height}/></style:style>
<style:style style:name="CellText" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"{cell_line_height}/><style:text-properties fo:font-size="{lay.cell_pt}pt" style:font-size-asian="{lay.cell_pt}pt"/></style:style>
<style:style style:name="CellDist" style:family="paragraph" style:parent-style-name="CellText"><style:paragraph-properties fo:text-align="justify" fo:text-align-last="justify"/></style:style>
<style:style style:name="HeadText" style:family="paragraph" style:parent-style-name="CellText"><style:paragraph-properties fo:text-align="center"/><style:text-properties{head_text}/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.05cm"{fn_line_height}{fn_indent}/><style:text-properties fo:font-size="{lay.footnote_pt}pt" style:font-size-asian="{lay.footnote_pt}pt"/></style:style>
<style:style style:name="FnSup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="FnAreaSup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="end"{header_rule}/><style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"{footer_rule}/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
{headings}
<text:notes-configuration text:note-class="footnote"{citation} style:num-format="1" text:start-value="{first_note - 1}" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{lay.page_width}cm" fo:page-height="{lay.page_height}cm" style:print-orientation="{orientation}" fo:margin-top="{lay.margin_top}cm" fo:margin-bottom="{lay.margin_bottom}cm" fo:margin-left="{lay.margin_side}cm" fo:margin-right="{lay.margin_side}cm">{separator}</style:page-layout-properties>
<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{table_width:.3f}cm" table:align="left" style:may-break-between-rows="true"/></style:style>
<style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="{"auto" if lay.split_rows else "always"}"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties {cell_borders} fo:padding="0.08cm"{valign}/></style:style>
{head_style}
{section}
{"".join(column_styles)}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Header">{escape(lay.running_header)}</text:p></style:header>
<style:footer><text:p text:style-name="Footer">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>{content}</office:text></office:body>
</office:document>
"""


def _writer(producer: str, lay: WriterLayout) -> Producer:
    def make(text: str, out: Path) -> Path:
        _require(producer)
        return soffice_convert(text_to_layout_fodt(text, lay), ".fodt", Path(out))

    make.__name__ = f"{producer}_pdf"
    return make


WRAPPED = WriterLayout(
    table_width=11.0,
    even_columns=0.6,
    cell_pt=9.5,
    repeat_header=False,
    split_rows=True,
)
BORDERLESS_LANDSCAPE = WriterLayout(
    page_width=29.7, page_height=21.0, margin_side=2.0, borders=False, repeat_header=False
)
TWO_COLUMN = WriterLayout(columns=2, margin_side=1.8, body_pt=9.5, cell_pt=8.0, split_rows=True)
GOTHIC_FOOTNOTES = WriterLayout(
    font="IPAexGothic",
    margin_side=3.0,
    margin_top=2.5,
    margin_bottom=2.5,
    body_pt=10.5,
    body_line_height="125%",
    footnote_pt=8.0,
    footnote_line_height="150%",
    footnote_number_super=True,
)

writer_wrapped_pdf = _writer("writer_wrapped", WRAPPED)
writer_wrapped_pdf.__doc__ = (
    "Writer, narrow columns: cells wrap; tables cross pages, no repeated header; rows split."
)
borderless_landscape_pdf = _writer("borderless_landscape", BORDERLESS_LANDSCAPE)
borderless_landscape_pdf.__doc__ = "Writer, landscape A4, tables without ruling lines."
two_column_pdf = _writer("two_column", TWO_COLUMN)
two_column_pdf.__doc__ = "Writer, a two-column section with the tables inside the columns."
gothic_footnotes_pdf = _writer("gothic_footnotes", GOTHIC_FOOTNOTES)
gothic_footnotes_pdf.__doc__ = "Writer, IPAexGothic, Word-like spacing, 8pt footnotes at 1.5 lines."


def writer_pdf(text: str, out: Path) -> Path:
    """The baseline: render_pdf's flat ODT (what test_pdf.py uses)."""
    _require("writer")
    return soffice_convert(text_to_fodt(text), ".fodt", Path(out))


# --- c. Calc ------------------------------------------------------------------------------------

CALC_NS = NS + (' xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')
CALC_TEXT_WIDTH = 17.0  # cm, A4 portrait minus 2cm margins
_INT = re.compile(r"^\d{1,6}$")


def _ems(s: str) -> float:
    """Width of a string in ems (full-width CJK 1, the rest half)."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in s)


def _calc_inline(s: str) -> str:
    s = escape(TAG.sub("", s))
    return re.sub(
        r"\s*&lt;sup&gt;\s*(\d+)\s*&lt;/sup&gt;\s*",
        r'<text:span text:style-name="Tsup">\1</text:span>',
        s,
    )


@dataclass(frozen=True)
class CalcLayout:
    """Page settings of the Calc print (the defaults are the `calc` producer's)."""

    page_width: float = 21  # cm
    page_height: float = 29.7
    margin_top: float = 1.5
    margin_bottom: float = 1.5
    margin_side: float = 2
    font: str = "IPAexGothic"
    cell_pt: float = 9
    borders: bool = True
    scale: int = 100  # % the sheet is printed at
    paper: str = "A4"  # the paper size (a label: page_width and page_height set it)


def text_to_fods(text: str, lay: CalcLayout | None = None) -> str:
    lay = lay or CalcLayout()
    text_width = float(lay.page_width - 2 * lay.margin_side)  # CALC_TEXT_WIDTH by default
    # printed larger than 100%, the sheet's columns are set narrower so that they still fit the
    # page's width (as an office that zooms the print checks the page preview first)
    text_width = text_width * 100 / max(lay.scale, 100)
    lines, notes, _ = _parse(text)
    blocks = blocks_with_notes(lines, notes)
    tables = [v for k, v in blocks if k == "table"]
    ncols = max((max(len(r) for r in rows) for rows in tables), default=1)  # type: ignore[union-attr]
    # one set of column widths for the sheet: each column's weight over all tables, by rows
    weight = [0.0] * ncols
    for rows in tables:
        for i, w in enumerate(_widths(rows)):  # type: ignore[arg-type]
            weight[i] += w * len(rows)  # type: ignore[arg-type]
    weight = [max(w, 0.1 * sum(weight)) for w in weight]
    widths = [text_width * w / sum(weight) for w in weight]

    row_styles: dict[float, str] = {}

    def row_style(height: float | None) -> str:
        if height is None:
            return "ro"
        h = round(height, 2)
        if h not in row_styles:
            row_styles[h] = f"ro{len(row_styles)}"
        return row_styles[h]

    def merged(content: str, plain: str, style: str, pt: float) -> str:
        per_line = max(1.0, (text_width - 0.3) / (pt * 0.03528))  # ems per line
        nlines = max(1, math.ceil(_ems(plain) / per_line))
        height = nlines * pt * 1.45 * 0.03528 + 0.15  # cm
        covered = "<table:covered-table-cell/>" * (ncols - 1)
        return (
            f'<table:table-row table:style-name="{row_style(height)}">'
            f'<table:table-cell table:style-name="{style}" office:value-type="string" '
            f'table:number-columns-spanned="{ncols}" table:number-rows-spanned="1">'
            f"<text:p>{content}</text:p></table:table-cell>{covered}</table:table-row>"
        )

    def blank() -> str:
        return f'<table:table-row table:style-name="ro"><table:table-cell table:number-columns-repeated="{ncols}"/></table:table-row>'

    rows_xml: list[str] = []
    for kind, value in blocks:
        if kind == "h":
            level, title = value  # type: ignore[misc]
            rows_xml.append(merged(_calc_inline(title), title, f"ceH{level}", SIZES[level]))
        elif kind == "p":
            rows_xml.append(merged(_calc_inline(str(value)), str(value), "cePara", 10))
        elif kind == "notes":
            for n, t in value:  # type: ignore[attr-defined]
                rows_xml.append(
                    merged(
                        f'<text:span text:style-name="Tsup">{n}</text:span> {escape(t)}',
                        f"{n} {t}",
                        "ceFn",
                        8,
                    )
                )
        else:
            rows: list[list[str]] = value  # type: ignore[assignment]
            width = max(len(r) for r in rows)
            for row in rows:
                cells = []
                for c in row + [""] * (width - len(row)):
                    plain = TAG.sub("", c)
                    if _INT.match(plain):
                        # a number cell holds the number: `１` typed in Calc is stored as 1
                        number = int(unicodedata.normalize("NFKC", plain))
                        cells.append(
                            f'<table:table-cell table:style-name="ceNum" office:value-type="float" office:value="{number}"><text:p>{number}</text:p></table:table-cell>'
                        )
                    else:
                        cells.append(
                            f'<table:table-cell table:style-name="ceCell" office:value-type="string"><text:p>{_calc_inline(c)}</text:p></table:table-cell>'
                        )
                if width < ncols:
                    cells.append(
                        f'<table:table-cell table:number-columns-repeated="{ncols - width}"/>'
                    )
                rows_xml.append(
                    f'<table:table-row table:style-name="ro">{"".join(cells)}</table:table-row>'
                )
            rows_xml.append(blank())

    column_styles = "".join(
        f'<style:style style:name="co{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.3f}cm"/></style:style>'
        for i, w in enumerate(widths)
    )
    columns = "".join(
        f'<table:table-column table:style-name="co{i}" table:default-cell-style-name="Default"/>'
        for i in range(ncols)
    )
    row_style_xml = (
        '<style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>'
        + "".join(
            f'<style:style style:name="{name}" style:family="table-row"><style:table-row-properties style:row-height="{h}cm" style:use-optimal-row-height="false"/></style:style>'
            for h, name in row_styles.items()
        )
    )

    def cell_style(
        name: str, pt: float, extra: str = "", bold: bool = False, para: str = ""
    ) -> str:
        weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
        return (
            f'<style:style style:name="{name}" style:family="table-cell" style:parent-style-name="Default">'
            f'<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"{extra}/>'
            f"{para}"
            f'<style:text-properties fo:font-size="{pt}pt" style:font-size-asian="{pt}pt"{weight}/></style:style>'
        )

    border = (
        ' fo:border="0.5pt solid #000000" fo:padding="0.05cm"'
        if lay.borders
        else ' fo:padding="0.05cm"'
    )
    cell_styles = (
        cell_style("ceCell", lay.cell_pt, border)
        + cell_style(
            "ceNum",
            lay.cell_pt,
            border,
            para='<style:paragraph-properties fo:text-align="center"/>',
        )
        + cell_style("cePara", 10)
        + cell_style("ceFn", 8)
        + "".join(cell_style(f"ceH{n}", size, bold=True) for n, size in SIZES.items())
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {CALC_NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls><style:font-face style:name="{lay.font}" svg:font-family="{lay.font}"/></office:font-face-decls>
<office:styles>
<style:style style:name="Default" style:family="table-cell"><style:text-properties style:font-name="{lay.font}" style:font-name-asian="{lay.font}" fo:font-size="10pt" style:font-size-asian="10pt" fo:language="ja" fo:country="JP" style:language-asian="ja" style:country-asian="JP"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="ta1" style:family="table" style:master-page-name="PM"><style:table-properties table:display="true"/></style:style>
{column_styles}
{row_style_xml}
{cell_styles}
<style:style style:name="Tsup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{_g(lay.page_width)}cm" fo:page-height="{_g(lay.page_height)}cm" style:print-orientation="{"landscape" if lay.page_width > lay.page_height else "portrait"}" fo:margin-top="{_g(lay.margin_top)}cm" fo:margin-bottom="{_g(lay.margin_bottom)}cm" fo:margin-left="{_g(lay.margin_side)}cm" fo:margin-right="{_g(lay.margin_side)}cm" style:print="charts drawings objects zero-values" style:scale-to="{lay.scale}%"/>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.25cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.25cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="PM" style:page-layout-name="PL">
<style:header style:display="false"/>
<style:footer><style:region-center><text:p><text:page-number>1</text:page-number> / <text:page-count>1</text:page-count></text:p></style:region-center></style:footer>
</style:master-page></office:master-styles>
<office:body><office:spreadsheet><table:table table:name="総合戦略" table:style-name="ta1">{columns}{"".join(rows_xml)}</table:table></office:spreadsheet></office:body>
</office:document>
"""


def calc_pdf(text: str, out: Path, lay: CalcLayout | None = None) -> Path:
    """A one-sheet flat ODS printed by LibreOffice Calc."""
    _require("calc")
    return soffice_convert(text_to_fods(text, lay), ".fods", Path(out))


# --- d. reportlab ---------------------------------------------------------------------------------


def reportlab_pdf(text: str, out: Path, lay: ReportlabLayout | None = None) -> Path:
    _require("reportlab")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    return text_to_reportlab_pdf(text, Path(out), lay)


# --- h. cairo re-print ----------------------------------------------------------------------------


def cairo_reprint(pdf_in: Path, out: Path, timeout: int = 300) -> Path:
    """`pdftocairo -pdf`: the same pages re-drawn by cairo (new fonts subsets, char spacing)."""
    _require("cairo")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["pdftocairo", "-pdf", str(pdf_in), str(out)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"pdftocairo failed (exit {done.returncode}): {done.stderr.strip()}")
    return out


def cairo_of(producer: Producer, name: str) -> Producer:
    def make(text: str, out: Path) -> Path:
        out = Path(out)
        with tempfile.TemporaryDirectory(prefix="cairo-") as tmp:
            first = producer(text, Path(tmp) / "first.pdf")
            return cairo_reprint(first, out)

    make.__name__ = f"cairo_{name}_pdf"
    return make


PRODUCERS: dict[str, Producer] = {
    "writer": writer_pdf,  # the baseline of test_pdf.py, for reference
    "chromium": chromium_pdf,
    "writer_wrapped": writer_wrapped_pdf,
    "calc": calc_pdf,
    "reportlab": reportlab_pdf,
    "borderless_landscape": borderless_landscape_pdf,
    "two_column": two_column_pdf,
    "gothic_footnotes": gothic_footnotes_pdf,
    "cairo_writer": cairo_of(writer_pdf, "writer"),
    "cairo_chromium": cairo_of(chromium_pdf, "chromium"),
}
