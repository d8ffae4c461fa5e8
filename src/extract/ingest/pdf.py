"""PDF ingest: pages → the same lines-with-cells the text ingest produces.

Per page (in parallel across processes for longer documents), PDFium reads the characters and
ruling lines (`ingest/pdfium.py`); then `page_to_result` reads the page, a module a step:

    page_to_chars        upright characters, code points folded (⽬ → 目), overprinting read
                         once; lines and their text (`ingest/pdfchars.py`)
    chars_to_tables      ruled tables: pdfplumber's table finder on the page's ruling lines, each
                         cell's text rebuilt from its characters, a wrapped cell joined
                         (`ingest/pdftables.py`)
    find_gutter          two-column pages: the gutter, each column read on its own, the items
                         then put in reading order (`ingest/gutter.py`)
    lines_to_items       text lines; runs of lines whose text aligns in columns become rows of a
                         borderless table (`ingest/pdflines.py`; the table found by
                         `ingest/borderless.py` with `ingest/columns.py`, its rows and cells read
                         by `ingest/tablerows.py`)

Small raised digits become `<sup>n</sup>`, as in the text rendering. Spaces come from gaps
scaled to the font size. Once every page is read, `path_to_document` reads some again: a page
in the columns the document's other pages share, a page under one that ended with a borderless
table in that table's columns; a sheet's last column printed on a later page is put back
(`ingest/overflow.py`), and pages without a text layer go to OCR (`ingest/scan.py`). The
document-wide passes (page furniture, paragraphs, footnotes, table stitching) are in
`ingest/layout.py`, shared with the OCR reader.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium

from extract import workers
from extract.errors import InputError
from extract.ingest.gutter import (
    _document_columns,
    _fits_columns,
    _flow_key,
    _gutter_of,
    _resume_grid,
    _ruled_across,
    _shared_start,
    _split_at_gutter,
    find_gutter,
)
from extract.ingest.layout import PAGE_NUMBER, Item, PageResult, results_to_document
from extract.ingest.overflow import _ruled_overflow, _sheet_overflow
from extract.ingest.pdfchars import (
    SCAN_MAX_CHARS,
    _box,
    chars_to_lines,
    close_spread_words,
    page_to_chars,
    unusable_text,
)
from extract.ingest.pdfium import PageData, horizontal_rules, read_page
from extract.ingest.pdflines import lines_to_items
from extract.ingest.pdftables import chars_to_tables
from extract.ingest.vrules import ruled_gap, vertical_rules
from extract.models import Document
from extract.settings import LimitSettings, PdfSettings
from extract.settings import OcrSettings as OcrConfig

Progress = Callable[[str], None]


# --- a page ---------------------------------------------------------------------------------------


def page_to_result(
    data: PageData,
    s: PdfSettings,
    columns: tuple[float, float] | None = None,
    resume: Sequence[float] | None = None,
) -> PageResult:
    """A page's items. `columns`: the document's gutter and right margin, for a page whose
    own lines do not show them; `resume`: where the columns of a borderless table that ended
    the page before begin on this page (its rest at the top is read in them)."""
    chars = page_to_chars(data, s)
    inked = sum(1 for c in chars if str(c["text"]).strip())
    if data.images and inked <= SCAN_MAX_CHARS:
        return PageResult(data.number, data.width, data.height, [], inked, scanned=True)
    if (why := unusable_text(chars)) is not None:
        # read like a scan: its picture is what the reader sees
        return PageResult(data.number, data.width, data.height, [], 0, notes=[why], scanned=True)
    table_items, used = chars_to_tables(data, chars, s)
    rest = [c for c in chars if id(c) not in used]
    close_spread_words(rest, s)
    lines = chars_to_lines(rest, s)
    rules = horizontal_rules(data.edges)
    vrules = vertical_rules(data.edges)
    gutter = find_gutter(lines, data.width, s, table_items)
    if gutter is not None and (
        _ruled_across(lines, gutter, rules) or ruled_gap(lines, gutter, vrules)
    ):
        gutter = None  # rows of one table, ruled across the gap or ruled between its cells
    # The borderless table that ended the page before goes on here with columns on both sides
    # of the gap: the white at the page's middle is its rows', not a gutter between columns.
    across = gutter is not None and bool(resume) and min(resume) < gutter < max(resume)
    if across:
        gutter = None
    if (
        gutter is None
        and not across
        and columns is not None
        and _fits_columns(lines, table_items, columns, s)
    ):
        gutter = columns[0]
    spanning: list[float] = []
    if gutter is not None:
        # Read each column on its own: a line of the left column and one of the right at the
        # same height are two lines; only a line that runs across the gutter spans both.
        left, right, whole = _split_at_gutter(lines, gutter, data.width)
        regions = [
            chars_to_lines(whole, s),
            chars_to_lines(left, s),
            chars_to_lines(right, s),
        ]
        # A heading or a table across both columns ends the columns above it.
        spanning = sorted(
            [_box(ln)[1] for ln in regions[0]]
            + [it.top for it in table_items if it.x0 < gutter < it.x1]
        )
    else:
        regions = [lines]
    items = list(table_items)
    next_table = len({it.table for it in table_items})
    column: dict[int, int] = {}  # a line's column is the region it was read in
    left_rows: list[Item] = []
    for k, region in enumerate(regions):
        if k == 2:
            grid = _resume_grid(left_rows, regions[1], region, s)
        else:  # the page's first column: the page before's table goes on there
            grid = resume if k == (0 if gutter is None else 1) else None
        # (a column's own vertical rules: a table in the other column is ruled at its heights)
        ruled = [r for r in vrules if k == 0 or gutter is None or (r[0] < gutter) == (k == 1)]
        found, next_table = lines_to_items(
            region, data.number, s, next_table, grid, rules, ruled, table_items
        )
        items.extend(found)
        left_rows = found if k == 1 else left_rows
        if gutter is not None:
            column.update((id(it), (2, 0, 1)[k]) for it in found)
    items.sort(
        key=lambda it: _flow_key(
            (it.x0, it.top, it.x1, it.bottom), gutter, spanning, column.get(id(it))
        )
    )
    return PageResult(
        data.number, data.width, data.height, items, len(chars), gutter=gutter, quarter=data.quarter
    )


# --- pages read again in the document's columns ---------------------------------------------------


def _columns_as_elsewhere(
    doc: pdfium.PdfDocument, results: list[PageResult], s: PdfSettings
) -> list[PageResult]:
    """Pages read as one column in a document whose other pages share two columns, read
    again in those columns where their lines fit them: a page's columns are the document's."""
    columns = _document_columns(results)
    if columns is None:
        return results
    out = []
    for r in results:
        if r.gutter is None and not r.scanned and r.items:
            again = page_to_result(read_page(doc, r.page), s, columns)
            r = again if again.gutter is not None else r
        out.append(r)
    return out


def _tables_resumed(
    doc: pdfium.PdfDocument, results: list[PageResult], s: PdfSettings
) -> list[PageResult]:
    """Pages that begin with text, or with a table of fewer columns, under a page that ended
    with a borderless table (a header alone at its foot, or rows), read again with that
    table's columns at their top, moved to
    where this page's first column begins: the rest of a table whose cells sit a padding
    apart shows no gap to find its columns by."""
    out = list(results)
    for n in range(1, len(out)):
        before, r = out[n - 1], out[n]
        if r.page != before.page + 1 or r.scanned or not r.items or not before.items:
            continue
        rows = [it for it in before.items if not PAGE_NUMBER.match(it.text.strip(" -－―"))]
        last = rows[-1] if rows else None
        if last is None or last.table < 0 or not last.starts or len(last.starts) < 3:
            continue
        head = next((it for it in r.items[:2] if it.table >= 0), None)
        if head is not None and len(head.cells) >= len(last.starts):
            continue  # the page begins with a table of its own columns
        size = last.size
        column = [
            it.x0
            for it in before.items
            if before.gutter is None or (it.x0 >= before.gutter) == (last.x0 >= before.gutter)
        ]
        first = [it.x0 for it in r.items if r.gutter is None or it.x0 < r.gutter]
        if len(column) < 2 or len(first) < 2:
            continue
        offset = _shared_start(first, 0.3 * size) - _shared_start(column, 0.3 * size)
        grid = [x + offset for x in last.starts]
        again = page_to_result(read_page(doc, r.page), s, _gutter_of(r), grid)
        found = next((it for it in again.items[:3] if it.table >= 0), None)
        if found is not None and (head is None or len(found.cells) > len(head.cells)):
            out[n] = again
    return out


# --- the document ---------------------------------------------------------------------------------


def _open(path: Path) -> pdfium.PdfDocument:
    """The document, or one clear sentence for a PDF that cannot be read."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise InputError(
                f"{path.name} is encrypted (password-protected); give an unprotected copy."
            ) from exc
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc


def _read_pages(path: str, numbers: list[int], s: PdfSettings) -> list[PageResult]:
    doc = _open(Path(path))
    try:
        return [page_to_result(read_page(doc, n), s) for n in numbers]
    finally:
        doc.close()


def page_count(path: Path) -> int:
    doc = _open(path)
    try:
        return len(doc)
    finally:
        doc.close()


def _read_text_pages(
    path: Path,
    doc: pdfium.PdfDocument,
    numbers: list[int],
    s: PdfSettings,
    jobs: int,
    say: Progress,
) -> list[PageResult]:
    results: list[PageResult] = []
    if jobs > 1 and len(numbers) >= s.parallel_min_pages:
        chunk = max(1, -(-len(numbers) // (jobs * 2)))
        batches = [numbers[i : i + chunk] for i in range(0, len(numbers), chunk)]
        with workers.pool(jobs, len(batches)) as pool:
            for batch in pool.map(
                _read_pages, [str(path)] * len(batches), batches, [s] * len(batches)
            ):
                results.extend(batch)
                say(f"pages {len(results)}/{len(numbers)}")
        return results
    for k, n in enumerate(numbers, start=1):
        results.append(page_to_result(read_page(doc, n), s))
        if k % 10 == 0 or k == len(numbers):
            say(f"pages {k}/{len(numbers)}")
    return results


def _check_render_size(path: Path, numbers: list[int], dpi: int, max_mpx: int) -> None:
    """Refuse, before any is rendered, a page that OCR at `dpi` would make more than `max_mpx`
    megapixels (a 14,400 pt page is 60,000 pixels square at 300 dpi: gigabytes). Refused, not
    rendered smaller: at a lower resolution its print would be read worse or not at all, and
    a page that size is no page of a plan."""
    doc = _open(path)
    try:
        for n in numbers:
            width, height = doc.get_page_size(n - 1)
            pixels = (width * dpi / 72) * (height * dpi / 72)
            if pixels > max_mpx * 1_000_000:
                raise InputError(
                    f"{path.name}: page {n} is {width / 72 * 25.4:,.0f} × "
                    f"{height / 72 * 25.4:,.0f} mm, which OCR at {dpi} dpi would render as "
                    f"{pixels / 1e6:,.0f} megapixels, more than the limit of {max_mpx:,} "
                    "([limits] max_render_mpx in rules/settings.toml); give the plan without "
                    "that page, lower [ocr] dpi, or raise the limit."
                )
    finally:
        doc.close()


def _read_scanned_pages(
    path: Path,
    numbers: list[int],
    config: OcrConfig,
    jobs: int,
    say: Progress,
    max_mpx: int = LimitSettings().max_render_mpx,
) -> list[PageResult]:
    """OCR, a page per task in worker processes (Tesseract runs one page on one core)."""
    from extract.ingest.ocr import OcrError, ocr_available
    from extract.ingest.scan import engine_settings, read_scanned_page

    missing = ocr_available(engine_settings(config))
    if missing:
        listed = ", ".join(map(str, numbers[:8])) + (" …" if len(numbers) > 8 else "")
        raise InputError(
            f"{path.name}: page(s) {listed} are scanned images and OCR cannot run here: {missing} "
            "Or give --no-ocr to read only the pages that have text."
        )
    _check_render_size(path, numbers, config.dpi, max_mpx)
    results: list[PageResult] = []
    try:
        if jobs > 1 and len(numbers) > 1:
            with workers.pool(jobs, len(numbers)) as pool:
                for result in pool.map(
                    read_scanned_page, [str(path)] * len(numbers), numbers, [config] * len(numbers)
                ):
                    results.append(result)
                    say(f"OCR pages {len(results)}/{len(numbers)}")
        else:
            for k, n in enumerate(numbers, start=1):
                results.append(read_scanned_page(str(path), n, config))
                say(f"OCR pages {k}/{len(numbers)}")
    except OcrError as exc:
        raise InputError(f"{path.name}: OCR failed: {exc}") from exc
    return results


def path_to_document(
    path: Path,
    settings: PdfSettings | None = None,
    progress: Progress | None = None,
    ocr: OcrConfig | None = None,
    limits: LimitSettings | None = None,
) -> Document:
    s = settings or PdfSettings()
    o = ocr or OcrConfig()
    max_mpx = (limits or LimitSettings()).max_render_mpx
    doc = _open(path)
    pages = len(doc)
    if pages == 0:
        doc.close()
        raise InputError(f"{path.name} has no pages.")
    jobs = s.jobs or os.cpu_count() or 1
    say = progress or (lambda _m: None)
    try:
        # Scans are found as the pages are read (images, next to no characters).
        text_pages = [] if o.mode == "all" else list(range(1, pages + 1))
        results = _read_text_pages(path, doc, text_pages, s, jobs, say)
        results = _columns_as_elsewhere(doc, results, s)
        results = _tables_resumed(doc, results, s)
        results = _ruled_overflow(_sheet_overflow(results))
        scanned = (
            list(range(1, pages + 1)) if o.mode == "all" else [r.page for r in results if r.scanned]
        )
        unusable = {r.page: r.notes[0] for r in results if r.scanned and r.notes}
        results = [r for r in results if not r.scanned]
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc
    finally:
        doc.close()
    unread: list[int] = []
    if scanned and o.mode == "off":
        unread = scanned
    elif scanned:
        results += _read_scanned_pages(path, scanned, o, jobs, say, max_mpx)
    results.sort(key=lambda r: r.page)
    if not any(r.char_count for r in results):
        if unread:
            raise InputError(
                f"{path.name} has no text layer (scanned images only); it is read by OCR "
                "unless --no-ocr is given: run it without --no-ocr."
            )
        raise InputError(
            f"{path.name} has no text to read: its pages carry neither text nor scanned images."
        )
    document = results_to_document(results, path.name, s)
    document.unread_pages = unread
    document.unusable_pages = unusable
    return document
