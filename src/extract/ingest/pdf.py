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
import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extract.errors import InputError
from extract.ingest.layout import Item, PageResult, results_to_document
from extract.models import Document
from extract.settings import PdfSettings
from extract.text import join_wrapped

Progress = Callable[[str], None]


# --- one page ---------------------------------------------------------------------------------


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
                    Item(
                        number,
                        top,
                        bottom,
                        x0,
                        x1,
                        max(row_sizes or [body]),
                        cells,
                        t_index,
                        r_index,
                    )
                )
    rest = [c for c in chars if id(c) not in used]
    for line in _lines_of(rest, s):
        text, size = _text_of(line, s)
        if text:
            items.append(
                Item(
                    number,
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
    except (PDFSyntaxError, PSException) as exc:
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        if not raised_by_pdf_library(exc):
            raise  # a bug of ours, not a damaged file
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc


_PDF_LIBRARIES = ("/pdfminer/", "/pdfplumber/", "/pypdfium2/")


def raised_by_pdf_library(exc: BaseException) -> bool:
    """Whether an error comes from inside the PDF libraries (a damaged file makes them raise
    ValueError, KeyError … from deep in their parsers), not from our own code. Errors from
    worker processes carry the remote traceback as text in their cause."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    cause = exc.__cause__
    if cause is not None and type(cause).__name__ == "_RemoteTraceback":
        frames = [ln for ln in str(cause).splitlines() if ln.strip().startswith("File ")]
        last = frames[-1] if frames else last
    return last is not None and any(lib in last.replace("\\", "/") for lib in _PDF_LIBRARIES)


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
    except (PdfminerException, PDFSyntaxError, PSException) as exc:
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        if not raised_by_pdf_library(exc):
            raise
        raise InputError(f"{path.name} is a damaged or truncated PDF and cannot be read.") from exc
    if not any(r.char_count for r in results):
        raise InputError(
            f"{path.name} has no text layer (scanned images only?); run OCR on it first."
        )
    return results_to_document(results, path.name, s)
