"""Ingest: a source file → Document (lines with provenance), whatever its format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extract.errors import InputError
from extract.ingest.text import is_spaced_layout, path_to_text, text_to_document
from extract.models import Document
from extract.settings import LimitSettings, OcrSettings, PdfSettings


def path_to_document(
    path: Path,
    encoding: str | None = None,
    pdf_settings: PdfSettings | None = None,
    progress: Callable[[str], None] | None = None,
    ocr_settings: OcrSettings | None = None,
    limits: LimitSettings | None = None,
) -> Document:
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the plan's .txt or .pdf file.")
    with path.open("rb") as fh:
        head = fh.read(5)
    if head.startswith(b"%PDF"):
        from extract.ingest.pdf import path_to_document as pdf_path_to_document

        return pdf_path_to_document(path, pdf_settings, progress, ocr_settings, limits)
    if path.suffix.lower() == ".pdf":
        raise InputError(f"{path} is named .pdf but is not a PDF file (no %PDF header).")
    text, used = path_to_text(path, encoding)
    if is_spaced_layout(text):
        # cells and columns placed by spaces (pdftotext -layout): read as the PDF was
        from extract.ingest.spaced import spaced_to_document

        return spaced_to_document(text, path.name, used, pdf_settings or PdfSettings())
    return text_to_document(text, path.name, used)
