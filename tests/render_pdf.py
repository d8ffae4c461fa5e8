"""Render a plan's text rendering back to a PDF, the way offices make them (tests and benchmarks).

`text_to_fodt` turns the tab-separated text into a flat ODF document: `#` headings become
outline headings of growing size, runs of tab lines become ruled tables (header rows repeated on
each page for project lists), `<sup>n</sup>` markers become real footnotes (numbered from the
plan's own first number) placed at the foot of the page, and every page has a running header and
a page number. LibreOffice (`soffice --headless --convert-to pdf`) turns it into the PDF.
`text_to_reportlab_pdf` makes a simpler PDF with reportlab's built-in CID font.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

SUP = re.compile(r"\s*<sup>\s*(\d+)\s*</sup>\s*")
FOOTNOTE = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*(.+)$")
HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
TAG = re.compile(r"</?b>")
CAPTION = re.compile(r"^(取組方針|施策|基本目標)")
SIZES = {1: 20, 2: 16, 3: 14, 4: 12.5, 5: 11.5, 6: 11}

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _blocks(lines: list[str]) -> list[tuple[str, object]]:
    """('h', (level, text)) / ('p', text) / ('table', rows): the document's blocks in order."""
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] | None = None
    for raw in lines:
        if not raw.strip():
            continue
        if FOOTNOTE.match(raw):
            continue  # footnote texts are placed by their markers
        if "\t" in raw:
            cells = [c.strip() for c in raw.split("\t")]
            filled = [i for i, c in enumerate(cells) if c]
            # A caption printed with the table's tabs (`取組方針1 …\t\t`) is a paragraph; the rest
            # of a wrapped cell (`寄附件数\t\t`) stays a row of its table.
            if (
                filled == [0]
                and "【" not in cells[0]
                and (table is None or CAPTION.match(cells[0]))
            ):
                table = None
                blocks.append(("p", cells[0]))
                continue
            if table is None:
                if len(filled) < 2 and "【" not in raw:
                    blocks.append(("p", " ".join(c for c in cells if c)))
                    continue
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        match = HEADING.match(raw)
        if match:
            blocks.append(("h", (len(match.group(1)), match.group(2).strip())))
        else:
            blocks.append(("p", raw.strip()))
    return blocks


def _inline(text: str, notes: dict[str, str]) -> str:
    """Escape text; `<sup>n</sup>` becomes a real footnote carrying note n's text."""
    out, pos = [], 0
    text = TAG.sub("", text)
    for m in SUP.finditer(text):
        out.append(escape(text[pos : m.start()]))
        n = m.group(1)
        body = escape(notes.get(n, ""))
        out.append(
            f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="Footnote">{body}</text:p></text:note-body></text:note>'
        )
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def _widths(rows: list[list[str]]) -> list[float]:
    ncols = max(len(r) for r in rows)
    longest = [max((len(r[i]) if i < len(r) else 0) for r in rows) for i in range(ncols)]
    weights = [min(max(n, 3), 40) for n in longest]
    total = sum(weights)
    return [w / total for w in weights]


# A short worded cell (a 担当課, a name) that offices set 均等割り付け: its characters spread
# over the cell's width.
DISTRIBUTED = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff]{2,6}$")


def odt_table(
    t: int,
    rows: list[list[str]],
    notes: dict[str, str],
    repeat: bool,
    row_style: str = "",
    head: bool = False,
    distribute: bool = False,
) -> str:
    """Table `t` of a flat ODT: columns styled `T{t}C{i}`, the first row repeated on every page
    the table runs onto when `repeat`; `head`: the first row's cells styled HeadCell/HeadText;
    `distribute`: short worded body cells styled CellDist (均等割り付け)."""
    ncols = max(len(r) for r in rows)
    cols = "".join(f'<table:table-column table:style-name="T{t}C{i}"/>' for i in range(ncols))
    style = f' table:style-name="{row_style}"' if row_style else ""
    out = [f'<table:table table:name="Table{t}" table:style-name="Tbl">{cols}']

    def styles(r: int, c: str) -> tuple[str, str]:
        if head and r == 0:
            return "HeadCell", "HeadText"
        if distribute and DISTRIBUTED.match(c):
            return "Cell", "CellDist"
        return "Cell", "CellText"

    for r, row in enumerate(rows):
        cells = "".join(
            f'<table:table-cell table:style-name="{styles(r, c)[0]}" office:value-type="string"><text:p text:style-name="{styles(r, c)[1]}">{_inline(c, notes)}</text:p></table:table-cell>'
            for c in row + [""] * (ncols - len(row))
        )
        tr = f"<table:table-row{style}>{cells}</table:table-row>"
        out.append(
            f"<table:table-header-rows>{tr}</table:table-header-rows>" if r == 0 and repeat else tr
        )
    out.append("</table:table>")
    return "".join(out)


def text_to_fodt(text: str, running_header: str = "第3期 総合戦略") -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    notes = {m.group(1): m.group(2).strip() for m in map(FOOTNOTE.match, lines) if m}
    first_note = min((int(n) for n in notes), default=1)
    body: list[str] = []
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
            styles = "".join(
                f'<style:style style:name="T{t}C{i}" style:family="table-column"><style:table-column-properties style:rel-column-width="{int(w * 10000)}*"/></style:style>'
                for i, w in enumerate(_widths(rows))
            )
            body.append(f"<!--styles:{styles}-->")
            body.append(odt_table(t, rows, notes, any("事務事業" in c for c in rows[0])))
    column_styles = "".join(re.findall(r"<!--styles:(.*?)-->", "".join(body)))
    content = "".join(b for b in body if not b.startswith("<!--styles:"))
    headings = "".join(
        f'<style:style style:name="H{n}" style:family="paragraph" style:parent-style-name="Body" style:default-outline-level="{n}">'
        f'<style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>'
        f'<style:text-properties fo:font-size="{size}pt" style:font-size-asian="{size}pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
        for n, size in SIZES.items()
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="IPAexGothic" svg:font-family="IPAexGothic"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic" fo:font-size="10pt" style:font-size-asian="10pt" fo:language="ja" fo:country="JP"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.15cm"/></style:style>
<style:style style:name="CellText" style:family="paragraph"><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
<style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
{headings}
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="{first_note - 1}" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>
{column_styles}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Header">{escape(running_header)}</text:p></style:header>
<style:footer><text:p text:style-name="Footer">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>{content}</office:text></office:body>
</office:document>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fodt_to_pdf(fodt: str, out_pdf: Path, timeout: int = 300) -> Path:
    """Convert with LibreOffice headless (its own throwaway profile, so runs do not collide)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (out_pdf.stem + ".fodt")
        src.write_text(fodt, encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
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
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(tmp) / (out_pdf.stem + ".pdf")), out_pdf)
    return out_pdf


@dataclass(frozen=True)
class ReportlabLayout:
    """Page settings of the ReportLab drawing (the defaults are `text_to_reportlab_pdf`'s)."""

    landscape: bool = False
    font: str = "HeiseiKakuGo-W5"  # or HeiseiMin-W3 (reportlab's built-in CID fonts)
    body_pt: float = 10
    body_leading: float = 14
    cell_pt: float = 8.5
    cell_leading: float = 11
    table_frac: float = 0.8  # of the page width
    even_columns: float = 0.0  # 0 = widths by content, 1 = all equal (cells wrap)
    grid: bool = True
    margin: float | None = None  # pt on every side; None = SimpleDocTemplate's (1 inch)
    split_rows: bool = False  # a row may break across pages
    rules: str = "grid"  # with `grid`: "grid", "horizontal" (no vertical rules) or "vertical"
    header: str = "plain"  # the first row: "plain", "center" or "shaded" (grey, white, centred)
    valign: str = "top"  # cells' text set at the row's "top" or "middle"
    paper: str = "A4"  # "A4", "A3", "B5" (JIS, 182 × 257 mm) or "Letter"
    spacing: str = "single"  # line spacing 1.5 of the body ("1.5") or of cells too (a label)
    small_cells: bool = False  # table text in 8 pt beside a 10.5–12 pt body (a label)


def _reportlab_table_style(lay: ReportlabLayout, colors: Any) -> list[tuple[Any, ...]]:
    """The TableStyle commands of `lay`: rules, the header row's fill, the cells' alignment."""
    out: list[tuple[Any, ...]] = []
    if lay.grid and lay.rules == "grid":
        out.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif lay.grid and lay.rules == "horizontal":
        out += [
            ("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black),
        ]
    elif lay.grid:
        out += [
            ("LINEBEFORE", (0, 0), (-1, -1), 0.5, colors.black),
            ("LINEAFTER", (-1, 0), (-1, -1), 0.5, colors.black),
        ]
    if lay.header == "shaded":
        out.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.45, 0.45, 0.45)))
    out.append(("VALIGN", (0, 0), (-1, -1), "MIDDLE" if lay.valign == "middle" else "TOP"))
    return out


def text_to_reportlab_pdf(text: str, out_pdf: Path, lay: ReportlabLayout | None = None) -> Path:
    """The same blocks drawn with reportlab's built-in Japanese CID font (no font files)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A3, A4, LETTER, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    lay = lay or ReportlabLayout()
    pdfmetrics.registerFont(UnicodeCIDFont(lay.font))
    font = lay.font
    paper = {"A4": A4, "A3": A3, "B5": (182 * mm, 257 * mm), "Letter": LETTER}[lay.paper]
    pagesize = landscape(paper) if lay.landscape else paper
    lines = text.replace("\r\n", "\n").split("\n")
    notes = {m.group(1): m.group(2).strip() for m in map(FOOTNOTE.match, lines) if m}
    body = ParagraphStyle(
        "b", fontName=font, fontSize=lay.body_pt, leading=lay.body_leading, wordWrap="CJK"
    )
    cell = ParagraphStyle("c", parent=body, fontSize=lay.cell_pt, leading=lay.cell_leading)
    head = cell
    if lay.header != "plain":
        head = ParagraphStyle(
            "hc",
            parent=cell,
            alignment=TA_CENTER,
            textColor=colors.white if lay.header == "shaded" else colors.black,
        )

    def para(s: str, style: ParagraphStyle) -> Paragraph:
        s = escape(TAG.sub("", s))
        s = re.sub(r"\s*&lt;sup&gt;\s*(\d+)\s*&lt;/sup&gt;\s*", r"<super>\1</super>", s)
        return Paragraph(s, style)

    story: list[object] = []
    for kind, value in _blocks(lines):
        if kind == "h":
            level, title = value  # type: ignore[misc]
            size = SIZES[level]
            story.append(
                para(
                    title,
                    ParagraphStyle(
                        f"h{level}", parent=body, fontSize=size, leading=size * 1.4, spaceBefore=6
                    ),
                )
            )
        elif kind == "p":
            story.append(para(str(value), body))
        else:
            rows: list[list[str]] = value  # type: ignore[assignment]
            ncols = max(len(r) for r in rows)
            data = [
                [para(c, head if i == 0 else cell) for c in r + [""] * (ncols - len(r))]
                for i, r in enumerate(rows)
            ]
            weights = _widths(rows)
            if lay.even_columns:
                weights = [(1 - lay.even_columns) * w + lay.even_columns / ncols for w in weights]
            widths = [w * pagesize[0] * lay.table_frac for w in weights]
            split = {"splitInRow": 1} if lay.split_rows else {}
            table = Table(
                data,
                colWidths=widths,
                repeatRows=1 if any("事務事業" in c for c in rows[0]) else 0,
                **split,
            )
            table.setStyle(TableStyle(_reportlab_table_style(lay, colors)))
            story.append(table)
    for n, note in sorted(notes.items(), key=lambda kv: int(kv[0])):
        story.append(
            para(
                f"<sup>{n}</sup> {note}", ParagraphStyle("fn", parent=body, fontSize=8, leading=10)
            )
        )
    margins = (
        {}
        if lay.margin is None
        else {k: lay.margin for k in ("leftMargin", "rightMargin", "topMargin", "bottomMargin")}
    )
    SimpleDocTemplate(str(out_pdf), pagesize=pagesize, **margins).build(story)
    return out_pdf
