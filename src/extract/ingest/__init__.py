"""Ingest: a source file → Document (lines with provenance), whatever its format.

The form is told by the file's content where it can be (a PDF's header, a zip holding a Word
document or an Excel workbook, an encrypted Office file), else by its name (.html, .md); any
other file is read as a text rendering.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from extract.errors import InputError
from extract.ingest.text import is_spaced_layout, path_to_text, text_to_document
from extract.models import Document
from extract.settings import LimitSettings, OcrSettings, ParseSettings, PdfSettings

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: Office 97–2003, or encrypted
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
OFFICE_SUFFIXES = {".docx": "a Word", ".docm": "a Word", ".xlsx": "an Excel", ".xlsm": "an Excel"}


def path_to_document(
    path: Path,
    encoding: str | None = None,
    pdf_settings: PdfSettings | None = None,
    progress: Callable[[str], None] | None = None,
    ocr_settings: OcrSettings | None = None,
    limits: LimitSettings | None = None,
    parse_settings: ParseSettings | None = None,
) -> Document:
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(
            f"{path} is a folder; give the plan's file (.pdf, .docx, .xlsx, .html, .md or .txt)."
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        from extract.ingest.pdf import path_to_document as pdf_path_to_document

        return pdf_path_to_document(path, pdf_settings, progress, ocr_settings, limits)
    if suffix == ".pdf":
        raise InputError(f"{path} is named .pdf but is not a PDF file (no %PDF header).")
    if head.startswith(ZIP_MAGIC):
        return zip_to_document(path)
    if head.startswith(OLE_MAGIC):
        raise InputError(ole_sentence(path))
    if suffix in OFFICE_SUFFIXES:
        if not head.strip():
            raise InputError(f"{path} is empty: there is no plan to read.")
        raise InputError(
            f"{path} is named {suffix} but is not {OFFICE_SUFFIXES[suffix]} file "
            "(not a zip package); open it in the program that made it and save it again."
        )
    if suffix in HTML_SUFFIXES:
        from extract.ingest.html import path_to_document as html_path_to_document

        return html_path_to_document(path, encoding)
    if suffix in MARKDOWN_SUFFIXES:
        from extract.ingest.markdown import path_to_document as md_path_to_document

        # the words of the plan's captions, to tell a converter's list of one caption
        return md_path_to_document(path, encoding, parse_settings)
    text, used = path_to_text(path, encoding)
    if _looks_like_html(text):
        from extract.ingest.html import text_to_document as html_text_to_document

        return html_text_to_document(text, path.name, used)
    if is_spaced_layout(text):
        # cells and columns placed by spaces (pdftotext -layout): read as the PDF was
        from extract.ingest.spaced import spaced_to_document

        return spaced_to_document(text, path.name, used, pdf_settings or PdfSettings())
    return text_to_document(text, path.name, used)


def _looks_like_html(text: str) -> bool:
    """A web page saved under another name: it starts with a doctype or an <html> element."""
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return start.startswith("<!doctype html") or start.startswith("<html")


def zip_to_document(path: Path) -> Document:
    """A zip package: a Word document or an Excel workbook by the parts it holds."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path} is a damaged zip package (Word or Excel file).") from exc
    if "word/document.xml" in names:
        from extract.ingest.docx import path_to_document as docx_path_to_document

        return docx_path_to_document(path)
    if "xl/workbook.xml" in names:
        from extract.ingest.xlsx import path_to_document as xlsx_path_to_document

        return xlsx_path_to_document(path)
    if "content.xml" in names and "mimetype" in names:
        raise InputError(
            f"{path} is an OpenDocument file (LibreOffice); save it as .docx or .xlsx, or as PDF."
        )
    raise InputError(f"{path} is a zip archive, not a Word (.docx) or Excel (.xlsx) file.")


def ole_sentence(path: Path) -> str:
    """An Office compound file: a password-protected .docx/.xlsx, or the 97–2003 format."""
    with path.open("rb") as fh:
        data = fh.read(1 << 20)
    if (
        "EncryptionInfo".encode("utf-16-le") in data
        or "EncryptedPackage".encode("utf-16-le") in data
    ):
        return (
            f"{path} is password-protected; open it in Word or Excel, remove the password "
            "(File → Info → Protect) and save it again."
        )
    return (
        f"{path} is an old Word or Excel file (97–2003 .doc/.xls); save it as .docx or .xlsx "
        "(or as PDF) and give that file."
    )
