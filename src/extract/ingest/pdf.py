"""PDF ingest with pdfplumber: pages → the same lines-with-cells the text ingest produces.

Per page (in parallel across processes for longer documents): characters are de-duplicated;
ruled tables come from `find_tables()` and each cell's text is rebuilt from its characters (a cell
that wraps is joined without inventing spaces); the rest is grouped into lines. Small raised
digits become `<sup>n</sup>`, as in the text rendering, so footnote markers and footnotes read the
same. Then, over the whole document: running headers, footers and page numbers are dropped as
layout; a header row repeated at the top of a continued table is dropped (the table is stitched);
wrapped paragraph lines are joined; heading levels come from font size.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extract.errors import InputError
from extract.ingest.settings import PdfSettings
from extract.models import Document, Line
from extract.parse import patterns as P

Progress = Callable[[str], None]
_PAGE_NUMBER = re.compile(
    r"^[-–—(（]?\s*\d{1,4}\s*[-–—)）]?$|^\d{1,4}\s*/\s*\d{1,4}$|^p\.?\s*\d{1,4}$", re.I
)
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


# --- one page ---------------------------------------------------------------------------------


@dataclass
class Item:
    """A text line or a table row of one page, before document-wide clean-up."""

    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    cells: list[str]
    table: int = -1  # index of its table on the page, -1 for text
    row: int = 0
    line_gap: float | None = None  # gap between the wrapped lines already joined into this one


@dataclass
class PageResult:
    page: int
    width: float
    height: float
    items: list[Item]
    char_count: int


def _text_of(chars: Sequence[dict], s: PdfSettings) -> tuple[str, float]:
    """One visual line's text (x order), with raised small digits as <sup>n</sup>."""
    chars = sorted(chars, key=lambda c: c["x0"])
    sizes = [c["size"] for c in chars if c["text"].strip()]
    size = statistics.median(sizes) if sizes else chars[0]["size"]
    baseline = statistics.median(
        [c["bottom"] for c in chars if abs(c["size"] - size) < 0.5] or [c["bottom"] for c in chars]
    )
    out: list[str] = []
    in_sup = False
    prev = None
    for c in chars:
        text = c["text"]
        sup = (
            text.isdigit()
            and c["size"] < size * s.superscript_ratio
            and c["bottom"] < baseline - 0.12 * size
        )
        if prev is not None and text != " " and prev["text"] != " ":
            if c["x0"] - prev["x1"] > s.space_ratio * size and not (sup or in_sup):
                out.append(" ")
        if sup and not in_sup:
            out.append("<sup>")
        elif not sup and in_sup:
            out.append("</sup>")
        in_sup = sup
        out.append(text)
        prev = c
    if in_sup:
        out.append("</sup>")
    return "".join(out).strip(), max(sizes or [size])


def _lines_of(chars: Sequence[dict], s: PdfSettings) -> list[list[dict]]:
    """Group chars into visual lines by their vertical middles."""
    lines: list[list[dict]] = []
    mids: list[float] = []
    for c in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (c["top"] + c["bottom"]) / 2
        if lines and abs(mid - mids[-1]) <= s.line_ratio * c["size"]:
            lines[-1].append(c)
        else:
            lines.append([c])
            mids.append(mid)
    return lines


def join_wrapped(parts: Sequence[str]) -> str:
    """Wrapped pieces of one cell or paragraph: no space is invented between Japanese text."""
    out = ""
    for part in parts:
        part = part.strip()
        if out and part and _LATIN_END.search(out) and _LATIN_START.match(part):
            out += " "
        out += part
    return out


def _inside(c: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _has_duplicates(chars: Sequence[dict], tolerance: float) -> bool:
    """Whether any char is drawn twice at (nearly) the same place: a cheap bucketed look."""
    seen: set[tuple[str, int, int]] = set()
    step = max(tolerance, 0.01)
    for c in chars:
        x, y = int(c["x0"] / step), int(c["top"] / step)
        keys = [(c["text"], x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        if any(k in seen for k in keys):
            return True
        seen.add((c["text"], x, y))
    return False


def page_to_result(page: pdfplumber.page.Page, number: int, s: PdfSettings) -> PageResult:
    sizes = [c["size"] for c in page.chars]
    body = statistics.median(sizes) if sizes else 10.0
    tolerance = s.dedupe_ratio * body
    if _has_duplicates(page.chars, tolerance):
        page = page.dedupe_chars(tolerance=tolerance)  # costly: only where chars are overprinted
    chars = [c for c in page.chars if c.get("upright", True)]
    items: list[Item] = []
    tables = page.find_tables(dict(s.table_settings))
    used: set[int] = set()
    for t_index, table in enumerate(tables):
        in_table = [c for c in chars if _inside(c, table.bbox)]
        for r_index, row in enumerate(table.rows):
            in_row = [c for c in in_table if _inside(c, row.bbox)]
            cells: list[str] = []
            row_sizes: list[float] = []
            for bbox in row.cells:
                if bbox is None:
                    cells.append("")  # merged with the cell before it
                    continue
                inside = [c for c in in_row if _inside(c, bbox)]
                used.update(id(c) for c in inside)
                parts = []
                for line in _lines_of(inside, s):
                    text, size = _text_of(line, s)
                    parts.append(text)
                    row_sizes.append(size)
                cells.append(join_wrapped(parts))
            if any(cells):
                x0, top, x1, bottom = row.bbox
                items.append(
                    Item(top, bottom, x0, x1, max(row_sizes or [body]), cells, t_index, r_index)
                )
    rest = [c for c in chars if id(c) not in used]
    for line in _lines_of(rest, s):
        text, size = _text_of(line, s)
        if text:
            items.append(
                Item(
                    min(c["top"] for c in line),
                    max(c["bottom"] for c in line),
                    min(c["x0"] for c in line),
                    max(c["x1"] for c in line),
                    size,
                    [text],
                )
            )
    items.sort(key=lambda i: (i.top, i.x0))
    return PageResult(number, float(page.width), float(page.height), items, len(chars))


def _read_pages(path: str, numbers: list[int], s: PdfSettings) -> list[PageResult]:
    with pdfplumber.open(path) as pdf:
        out = []
        for n in numbers:
            page = pdf.pages[n - 1]
            out.append(page_to_result(page, n, s))
            page.close()
        return out


# --- the whole document -----------------------------------------------------------------------


def _furniture(results: list[PageResult], s: PdfSettings) -> set[tuple[int, int]]:
    """(page, item index) of running headers, footers and page numbers."""

    def band(r: PageResult, it: Item) -> bool:
        return it.table < 0 and (
            it.bottom < r.height * s.margin_ratio or it.top > r.height * (1 - s.margin_ratio)
        )

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    counts = Counter(shape(it.cells[0]) for r in results for it in r.items if band(r, it))
    repeated = {k for k, n in counts.items() if n >= max(2, s.repeat_ratio * len(results))}
    drop = set()
    for r in results:
        for i, it in enumerate(r.items):
            if band(r, it) and (_PAGE_NUMBER.match(it.cells[0]) or shape(it.cells[0]) in repeated):
                drop.add((r.page, i))
    return drop


def _body_size(items: list[tuple[PageResult, Item]]) -> float:
    """The size most text outside tables is set in (table cells are often smaller)."""
    weights: Counter[float] = Counter()
    for _, it in items:
        if it.table >= 0:
            continue
        weights[round(it.size * 2) / 2] += sum(len(c) for c in it.cells)
    return weights.most_common(1)[0][0] if weights else 10.0


def _heading_levels(
    items: list[tuple[PageResult, Item]], body: float, s: PdfSettings
) -> dict[float, int]:
    sizes = {round(it.size * 2) / 2 for _, it in items if it.table < 0}
    big = sorted((size for size in sizes if size >= body * s.heading_ratio), reverse=True)
    return {size: level for level, size in enumerate(big, start=1)}


def results_to_document(results: list[PageResult], name: str, s: PdfSettings) -> Document:
    drop = _furniture(results, s)
    kept: list[tuple[PageResult, Item]] = [
        (r, it) for r in results for i, it in enumerate(r.items) if (r.page, i) not in drop
    ]
    body = _body_size(kept)
    levels = _heading_levels(kept, body, s)
    rights = {r.page: _right_edge(r) for r in results}
    markers: set[str] = set()
    merged: list[tuple[PageResult, Item]] = []
    open_header: list[str] | None = None  # header of the table still running (only footnotes since)
    note: Item | None = None  # the last footnote, which may go on at the next page's foot
    note_page: PageResult | None = None
    last_row_page = 0
    for r, it in kept:
        if it.table < 0:
            _footnote_number(it, markers, body)
        # Markers in the body, not the footnotes' own numbers.
        markers.update(
            m for cell in it.cells if not cell.startswith("<sup>") for m in P.SUP.findall(cell)
        )
        prev = merged[-1][1] if merged else None
        prev_page = merged[-1][0] if merged else None
        if it.table >= 0:
            if it.row == 0 and r.page != last_row_page and it.cells == open_header:
                continue  # the header row repeated where the table continues on a new page
            last = next((m for _, m in reversed(merged) if m.table >= 0), None)
            if (
                open_header is not None
                and last is not None
                and r.page != last_row_page
                and _split_row(last, it)
            ):
                last.cells = [
                    join_wrapped([a, b]) for a, b in zip(last.cells, it.cells, strict=True)
                ]
                last_row_page = r.page
                continue  # a row broken across the page: its rest joins it
            if it.row == 0:
                open_header = it.cells
            last_row_page = r.page
            merged.append((r, it))
            continue
        if (
            prev is not None
            and prev.table < 0
            and prev_page is r
            and _continues(prev, it, rights[r.page], s)
        ):
            gap = it.top - prev.bottom
            prev.cells = [join_wrapped([prev.cells[0], it.cells[0]])]
            prev.x1, prev.bottom = it.x1, it.bottom  # the paragraph now ends where this line ends
            prev.line_gap = gap if prev.line_gap is None else max(prev.line_gap, gap)
            continue
        if (
            note is not None
            and note_page is not None
            and r.page == note_page.page + 1
            and _note_goes_on(note, it, rights[note_page.page])
        ):
            note.cells = [join_wrapped([note.cells[0], it.cells[0]])]
            note = None
            continue  # a footnote broken across the page: its rest joins it
        if it.cells[0].startswith("<sup>"):
            note, note_page = it, r
        else:
            open_header = None  # text between the tables: a new table, not a continuation
        merged.append((r, it))
    lines = [
        Line(
            no=n,
            text="\t".join(it.cells),
            page=r.page,
            cells=tuple(it.cells),
            heading_level=levels.get(round(it.size * 2) / 2, 0) if it.table < 0 else 0,
        )
        for n, (r, it) in enumerate(merged, start=1)
    ]
    return Document(
        lines=lines,
        source_name=name,
        source_format="pdf",
        pages=len(results),
        layout_lines=len(drop),
    )


_OPENERS, _CLOSERS = "（(【「『[", "）)】」』]"


def _unfinished(text: str) -> bool:
    """A cell cut off mid-bracket: more openers than closers."""
    return sum(text.count(c) for c in _OPENERS) > sum(text.count(c) for c in _CLOSERS)


def _split_row(last: Item, it: Item) -> bool:
    """The first row on a page is the rest of the row the previous page ended with: its text
    sits only in cells that the row above left unfinished."""
    if len(last.cells) != len(it.cells):
        return False
    filled = [i for i, c in enumerate(it.cells) if c]
    return bool(filled) and all(last.cells[i] and _unfinished(last.cells[i]) for i in filled)


def _note_goes_on(note: Item, it: Item, right: float) -> bool:
    """The first footnote-sized line on the next page continues a footnote cut at the page end."""
    return (
        abs(note.size - it.size) < 0.3
        and not it.cells[0].startswith("<sup>")
        and not note.cells[0].endswith(("。", "."))
        and note.x1 >= right - 2.5 * note.size
    )


def _right_edge(r: PageResult) -> float:
    """Where the page's text block ends: the median end of its long lines (justified text with
    kinsoku stops a character or two short, hanging punctuation a little past)."""
    ends = sorted(i.x1 for i in r.items if i.table < 0 and i.x1 - i.x0 > r.width / 2)
    return ends[len(ends) // 2] if ends else r.width


def _continues(prev: Item, it: Item, right: float, s: PdfSettings) -> bool:
    """A wrapped line of the same paragraph: same size, right below, and the line above running
    to the text block's right edge."""
    if abs(prev.size - it.size) > 0.5 or it.cells[0].startswith("<sup>"):
        return False
    if P.BULLET.match(it.cells[0]) and P.BULLET.match(prev.cells[0]):
        return False  # the next item of a list (a ・ inside running prose may still wrap)
    gap = it.top - prev.bottom
    # Within a paragraph the lines keep one spacing; a wider gap starts the next paragraph.
    limit = s.join_gap_ratio * it.size if prev.line_gap is None else prev.line_gap + 0.15 * it.size
    return gap < limit and prev.x1 >= right - 2.5 * prev.size


_LEADING_NUMBER = re.compile(r"^(\d{1,3})(?=\D)")


def _footnote_number(it: Item, markers: set[str], body: float) -> None:
    """Footnote areas often print the number at full height (LibreOffice does): a smaller-than-
    body line that starts with a marker seen above is that footnote."""
    text = it.cells[0]
    match = _LEADING_NUMBER.match(text)
    if match and match.group(1) in markers and it.size < body:
        markers.discard(match.group(1))
        it.cells = [f"<sup>{match.group(1)}</sup>{text[match.end() :]}"]


def _open(path: Path) -> int:
    """Page count, or one clear sentence for a PDF that cannot be read."""
    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(
            f"{path.name} is encrypted (password-protected); give an unprotected copy."
        ) from exc
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(
                f"{path.name} is encrypted (password-protected); give an unprotected copy."
            ) from exc
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc


def path_to_document(
    path: Path, settings: PdfSettings | None = None, progress: Progress | None = None
) -> Document:
    s = settings or PdfSettings()
    pages = _open(path)
    if pages == 0:
        raise InputError(f"{path.name} has no pages.")
    numbers = list(range(1, pages + 1))
    jobs = s.jobs or os.cpu_count() or 1
    say = progress or (lambda _m: None)
    results: list[PageResult] = []
    try:
        if jobs > 1 and pages >= s.parallel_min_pages:
            chunk = max(1, -(-pages // (jobs * 4)))
            batches = [numbers[i : i + chunk] for i in range(0, pages, chunk)]
            with ProcessPoolExecutor(max_workers=min(jobs, len(batches))) as pool:
                for batch in pool.map(
                    _read_pages, [str(path)] * len(batches), batches, [s] * len(batches)
                ):
                    results.extend(batch)
                    say(f"pages {len(results)}/{pages}")
        else:
            with pdfplumber.open(path) as pdf:
                for n in numbers:
                    page = pdf.pages[n - 1]
                    results.append(page_to_result(page, n, s))
                    page.close()
                    if n % 10 == 0 or n == pages:
                        say(f"pages {n}/{pages}")
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc
    if not any(r.char_count for r in results):
        raise InputError(
            f"{path.name} has no text layer (scanned images only?); run OCR on it first."
        )
    return results_to_document(results, path.name, s)
