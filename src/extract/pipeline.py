"""The main job: source file → Plan with findings, stage by stage."""

from __future__ import annotations

import stat
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extract.checks import accept, plan_to_findings
from extract.errors import InputError
from extract.ingest import path_to_document
from extract.ingest.pdfsize import first_oversize
from extract.link import plan_to_links
from extract.models import Document, Plan
from extract.normalize import Normalizer
from extract.ocrfix import Vocabulary, document_to_repairs, plan_to_ocr_findings
from extract.ocrwords import document_to_word_repairs
from extract.parse import document_to_plan
from extract.rules import Rules, load_rules
from extract.settings import LimitSettings
from extract.variants import plan_to_variants

Progress = Callable[[str], None]


@dataclass
class RunResult:
    plan: Plan
    document: Document
    rules: Rules
    timings: dict[str, float] = field(default_factory=dict)


def project_root(start: Path | None = None) -> Path | None:
    """The folder holding rules/ and raw/: the working directory or the package's checkout."""
    candidates = [start or Path.cwd(), Path(__file__).resolve().parents[2]]
    for base in candidates:
        for folder in (base, *base.parents):
            if (folder / "rules").is_dir() and (folder / "raw").is_dir():
                return folder
    return None


def default_source(root: Path | None, rules: Rules) -> Path:
    if root is None:
        raise InputError("No plan file given and no project folder (with raw/ and rules/) found.")
    name = rules.settings.default_source
    if name is None:
        raise InputError(
            f"No plan file given and {root / 'rules' / 'settings.toml'} names no default_source."
        )
    return root / name


def read_meta(source: Path) -> dict[str, object]:
    """`<plan>.meta.toml` beside the source: municipality code, names, title, period, origin."""
    path = source.with_name(source.stem + ".meta.toml")
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc}).") from exc


def pdf_page_count(path: Path) -> int | None:
    """The page count from the PDF's page tree (fast: no page is read); None when the file
    cannot be opened (damaged, encrypted), which ingest then reports in its own words."""
    try:
        import pypdfium2

        doc = pypdfium2.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:  # any failure here is ingest's to report
        return None


def zip_xml_size(path: Path) -> int | None:
    """The unpacked size of a zip package's XML parts, from its directory (nothing is
    unpacked); None when it cannot be read as a zip, which ingest then reports."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml"))
    except (zipfile.BadZipFile, OSError):
        return None


def check_source(source: Path, limits: LimitSettings) -> None:
    """Refuse, before any work, a source that is not a regular file or is over [limits]: for a
    PDF, its page count, and what its pages decompress to (`check_pdf_content`)."""
    try:
        info = source.stat()
    except OSError:
        return  # missing or unreadable: ingest says so
    if stat.S_ISDIR(info.st_mode):
        return  # ingest says so
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{source} is not a regular file (a pipe, device or socket); "
            "save the plan to a file and give that file."
        )
    try:
        with source.open("rb") as fh:
            head = fh.read(5)
    except OSError:
        return
    if head.startswith(b"%PDF"):
        pages = pdf_page_count(source)
        if pages is not None and pages > limits.max_pdf_pages:
            raise InputError(
                f"{source} has {pages:,} pages, more than the limit of {limits.max_pdf_pages:,} "
                "([limits] max_pdf_pages in rules/settings.toml); give the strategy's chapters "
                "alone, or raise the limit."
            )
        check_pdf_content(source, limits)
    elif head.startswith(b"PK\x03\x04"):
        # a Word or Excel file: its pictures do not count, the XML it unpacks to does (a tenth
        # of the XML is about the text it holds)
        xml = zip_xml_size(source)
        if xml is not None and xml > limits.max_text_mb * 10_000_000:
            raise InputError(
                f"{source} unpacks to {xml / 1e6:,.1f} MB of XML, more than ten times the text "
                f"limit of {limits.max_text_mb:,} MB ([limits] max_text_mb in "
                "rules/settings.toml); give the strategy's chapters alone, or raise the limit."
            )
    elif info.st_size > limits.max_text_mb * 1_000_000:
        raise InputError(
            f"{source} is {info.st_size / 1e6:,.1f} MB of text, more than the limit of "
            f"{limits.max_text_mb:,} MB ([limits] max_text_mb in rules/settings.toml); give the "
            "strategy's chapters alone, or raise the limit."
        )


MB = 1_000_000


def check_pdf_content(source: Path, limits: LimitSettings) -> None:
    """Refuse a PDF a page of which expands past [limits] max_page_content_mb (decompressed,
    with the forms it draws as often as it draws them), whose pages together pass
    max_content_mb, or that draws an image of more than max_render_mpx: measured before PDFium
    parses a page, which would hold it whole in memory (`ingest.pdfsize`)."""
    over = first_oversize(
        source,
        limits.max_page_content_mb * MB,
        limits.max_content_mb * MB,
        limits.max_render_mpx * MB,
    )
    if over is None:
        return
    where = f"{source}: "
    if over.content > limits.max_page_content_mb * MB:
        raise InputError(
            f"{where}the content of page {over.page}, decompressed and with each form it draws "
            f"as often as it draws it, comes to more than the limit of "
            f"{limits.max_page_content_mb:,} MB ([limits] max_page_content_mb in "
            "rules/settings.toml); a page that large is damaged or built to exhaust memory — "
            "print the PDF again to a new file, or raise the limit."
        )
    if over.total > limits.max_content_mb * MB:
        raise InputError(
            f"{where}the pages' content up to page {over.page}, decompressed, comes to more "
            f"than the limit of {limits.max_content_mb:,} MB ([limits] max_content_mb in "
            "rules/settings.toml); give the strategy's chapters alone, or raise the limit."
        )
    raise InputError(
        f"{where}page {over.page} draws an image of {over.pixels / MB:,.0f} megapixels, more "
        f"than the limit of {limits.max_render_mpx:,} ([limits] max_render_mpx in "
        "rules/settings.toml); give a PDF with smaller images, or raise the limit."
    )


def run(
    source: Path,
    *,
    rules: Rules,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> RunResult:
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}

    def timed(stage: str, fn: Callable[[], object]) -> object:
        start = time.perf_counter()
        say(f"{stage} …")
        result = fn()
        timings[stage] = time.perf_counter() - start
        return result

    check_source(source, rules.settings.limits)
    document: Document = timed(
        "ingest",
        lambda: path_to_document(
            source,
            encoding,
            rules.pdf,
            progress,
            rules.settings.ocr,
            rules.settings.limits,
            rules.parse,
        ),
    )  # type: ignore[assignment]
    document.meta = read_meta(source)
    norm = Normalizer(rules.itaiji)
    # OCR'd lines: the words the structure is read by, repaired before the parse reads them
    repaired = document_to_repairs(document, Vocabulary.of(rules.parse))
    repaired += document_to_word_repairs(document, rules.ocr_confusions)
    plan: Plan = timed("parse", lambda: document_to_plan(document, rules.parse, norm))  # type: ignore[assignment]
    if not plan.goals:
        raise InputError(
            f"{source.name}: no plan content found (no goal headings, no indicator table with "
            "現状値/目標値, no project list); this does not look like a strategy plan "
            "(if its words differ, see [parse] in rules/settings.toml)."
        )
    plan.ocr_pages = document.ocr_pages
    plan.findings.extend(
        [
            *repaired,
            *plan_to_ocr_findings(
                plan,
                document,
                rules.settings.ocr.min_confidence,  # type: ignore[arg-type]
                rules.ocr_confusions,
            ),
        ]
    )
    timed("variants", lambda: plan_to_variants(plan, rules, norm))
    timed("link", lambda: plan_to_links(plan, rules))
    found: list = timed("checks", lambda: plan_to_findings(plan, rules))  # type: ignore[assignment]
    plan.findings = accept([*plan.findings, *found], rules)
    return RunResult(plan=plan, document=document, rules=rules, timings=timings)


__all__ = [
    "RunResult",
    "check_pdf_content",
    "check_source",
    "default_source",
    "load_rules",
    "pdf_page_count",
    "project_root",
    "read_meta",
    "run",
]
