"""Text ingest: bytes → Document.

The text rendering of a plan has one printed line per line and tabs between table cells.
Encodings met in practice: UTF-8 (with or without BOM), CP932/Shift_JIS from Windows tools,
and occasionally UTF-16 with a BOM. A form feed (pdftotext's page break) starts a new page.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from extract.errors import InputError
from extract.models import Document, Line

_MD_HEADING = re.compile(r"^(#{1,6})\s")
_INNER_RUN = re.compile(r"\S {2,}\S")  # two spaces or more between words: a layout gap
# Control characters that never occur in a text rendering (tab, LF, CR, FF are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def bytes_to_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode, returning (text, encoding used). Raises InputError with one clear sentence."""
    if not data.strip():
        raise InputError(f"{name} is empty: there is no plan text to read.")
    if encoding:
        try:
            info = codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(f"--encoding {encoding!r} is not an encoding Python knows.") from exc
        if not getattr(info, "_is_text_encoding", True):
            # rot13, base64, zlib …: codecs that do not turn bytes into text
            raise InputError(f"--encoding {encoding!r} is not a text encoding.")
        try:
            return _check_text(data.decode(encoding), name), encoding
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not valid {encoding} (byte {exc.start}); try another --encoding."
            ) from exc
    if data.startswith(codecs.BOM_UTF8):
        return _decode_or_fail(data[3:], "utf-8", name, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_or_fail(data, "utf-16", name, "utf-16")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            raise InputError(
                f"{name} looks like UTF-16 text without a byte-order mark; "
                f"try --encoding {utf16} (or {'utf-16-be' if utf16 == 'utf-16-le' else 'utf-16-le'})."
            )
        raise InputError(
            f"{name} looks like a binary file, not a plan's text or PDF "
            "(if it is text, try --encoding utf-16-le or utf-16-be)."
        )
    for candidate in ("utf-8", "cp932", "euc_jp"):
        try:
            return _check_text(data.decode(candidate), name), candidate
        except UnicodeDecodeError:
            continue
    raise InputError(
        f"{name} is neither UTF-8, Shift_JIS (CP932) nor EUC-JP text; give --encoding if you know it."
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the bytes read as text in it, else None."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f")
        if "\n" in text and printable >= 0.98 * len(text):
            return codec
    return None


def _decode_or_fail(data: bytes, codec: str, name: str, label: str) -> tuple[str, str]:
    try:
        return _check_text(data.decode(codec), name), label
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} starts with a {label} mark but does not decode as it.") from exc


def _check_text(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 200):
        raise InputError(f"{name} looks like a binary file, not a plan's text or PDF.")
    if not text.strip():
        raise InputError(f"{name} is empty: there is no plan text to read.")
    return text


def is_spaced_layout(text: str) -> bool:
    """A rendering that lays out with spaces: next to no tabs, and many lines with a run of two
    spaces or more between words, or indented deep (a cell of a column beyond the first)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 5 or sum(ln.count("\t") for ln in lines) > len(lines) // 50:
        return False
    # One ideographic space between a heading's label and its title (基本目標１　…) is
    # typography; two of them, or spaces beside one, are a layout gap.
    spaced = sum(1 for ln in lines if _INNER_RUN.search(ln.replace("\u3000", " ")))
    # (a plan of prose with a few tables aligned by spaces is one too)
    return spaced >= max(3, len(lines) // 25)


def text_to_lines(text: str) -> tuple[list[Line], int | None]:
    """Split into numbered lines (1-based, as `cat -n` counts them); FF starts a new page."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    has_pages = "\f" in text
    page = 1
    lines: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        match = _MD_HEADING.match(raw)
        lines.append(
            Line(
                no=no,
                text=raw,
                page=page if has_pages else None,
                cells=tuple(raw.split("\t")),
                heading_level=len(match.group(1)) if match else 0,
            )
        )
    # A final newline does not make a line.
    if lines and lines[-1].text == "" and text.endswith("\n"):
        lines.pop()
    return lines, (page if has_pages else None)


def path_to_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read in."""
    try:
        # Opened once, without waiting for a pipe's writer: a pipe or device could not be read
        # twice, and may never end.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(
                    f"{path} is not a regular file (a pipe, device or socket); "
                    "save the plan to a file and give that file."
                )
            data = fh.read()
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from exc
    return bytes_to_text(data, path.name, encoding)


def text_to_document(text: str, name: str, encoding: str) -> Document:
    lines, pages = text_to_lines(text)
    return Document(
        lines=lines, source_name=name, source_format="text", encoding=encoding, pages=pages
    )
