"""What a PDF's pages decompress to, measured before PDFium parses any of them.

A page's content is stored compressed (FlateDecode, LZW …), and PDFium inflates a content
stream whole to parse it: a few kilobytes of file can stand for gigabytes (a "flate bomb"). Here
every page's content streams and the forms and patterns it draws (recursively) are inflated in
chunks that are counted and dropped, stopping at the limit, so that memory stays at a chunk and
time at the limit. The images a page draws are measured by the pixels they declare, which is
what decoding one takes. pdfminer (installed with pdfplumber) reads the document's structure.

Not measured: fonts (PDFium loads each once per document; an embedded CJK font is megabytes by
right) and annotation appearances.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20  # bytes inflated at a time


@dataclass(frozen=True)
class Oversize:
    """The first page over a limit: its number, and what was measured of it."""

    page: int
    content: int  # bytes its content streams inflate to (counted up to just over the limit)
    total: int  # bytes of every page up to this one
    pixels: int  # pixels of its largest image


def _flate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    inflate = zlib.decompressobj()
    try:
        for chunk in chunks:
            data = chunk
            while data:
                out = inflate.decompress(data, CHUNK)
                if out:
                    yield out
                data = inflate.unconsumed_tail
            if inflate.eof:
                return
        while out := inflate.decompress(b"", CHUNK):  # what the last input left buffered
            yield out
    except zlib.error:
        return  # a damaged stream ends here, as PDFium's reading of it does


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    from pdfminer.lzw import LZWDecoder

    yield from LZWDecoder(io.BytesIO(b"".join(chunks))).run()


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    data = b"".join(chunks)
    i = 0
    while i < len(data):
        n = data[i]
        if n == 128:
            return
        if n < 128:
            yield data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            yield data[i + 1 : i + 2] * (257 - n)
            i += 2


def _whole(decode) -> object:  # noqa: ANN001 - a pdfminer decoder of bytes
    def stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
        yield decode(b"".join(chunks))  # output no longer than the input: ASCIIHex, ASCII85

    return stage


def _stages() -> dict[str, object]:
    from pdfminer.pdftypes import ascii85decode, asciihexdecode

    return {
        "FlateDecode": _flate,
        "Fl": _flate,
        "LZWDecode": _lzw,
        "LZW": _lzw,
        "RunLengthDecode": _run_length,
        "RL": _run_length,
        "ASCII85Decode": _whole(ascii85decode),
        "A85": _whole(ascii85decode),
        "ASCIIHexDecode": _whole(asciihexdecode),
        "AHx": _whole(asciihexdecode),
    }


def _capped(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    """The chunks up to just over `limit` bytes: a stage that needs its input whole never holds
    more than that."""
    seen = 0
    for chunk in chunks:
        seen += len(chunk)
        yield chunk
        if seen > limit:
            return


def inflated_size(stream: object, limit: int) -> int:
    """The bytes a pdfminer PDFStream decodes to through its filters, counted up to just over
    `limit` (an image filter, or one unknown, ends the count at its input)."""
    data = stream.rawdata if stream.rawdata is not None else stream.data or b""  # type: ignore[attr-defined]
    decipher = getattr(stream, "decipher", None)
    if decipher and stream.rawdata is not None:  # type: ignore[attr-defined]
        data = decipher(stream.objid, stream.genno, data, stream.attrs)  # type: ignore[attr-defined]
    stages = _stages()
    chunks: Iterable[bytes] = [data]
    for name, _params in stream.get_filters():  # type: ignore[attr-defined]
        stage = stages.get(getattr(name, "name", str(name)))
        if stage is None:
            break
        chunks = _capped(stage(chunks), limit)  # type: ignore[operator]
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            break
    return total


class _Page:
    """One page's measure: the bytes of its content streams, and its largest image."""

    def __init__(self, limit: int, sizes: dict[int, int]):
        self.limit, self.sizes = limit, sizes
        self.content = 0
        self.pixels = 0
        self.seen: set[int] = set()

    def stream(self, stream: object) -> bool:
        """Count a stream once per page (drawn twice, it is parsed once); False if counted."""
        key = getattr(stream, "objid", None) or id(stream)
        if key in self.seen:
            return False
        self.seen.add(key)
        if key not in self.sizes:  # a form on every page is inflated once
            self.sizes[key] = inflated_size(stream, self.limit)
        self.content += self.sizes[key]
        return True

    def resources(self, resources: object, depth: int = 0) -> None:
        """The forms, patterns and images a resource dictionary names, forms recursively."""
        from pdfminer.pdftypes import PDFStream, dict_value, resolve1

        if depth > 32 or self.content > self.limit:
            return
        res = dict_value(resolve1(resources)) if resources else {}
        for kind in ("XObject", "Pattern"):
            named = dict_value(resolve1(res.get(kind))) if res.get(kind) else {}
            for value in named.values():
                obj = resolve1(value)
                if not isinstance(obj, PDFStream):
                    continue  # a shading pattern: a dictionary, no content
                subtype = getattr(resolve1(obj.attrs.get("Subtype")), "name", "")
                if subtype == "Image":
                    width, height = (resolve1(obj.attrs.get(k)) for k in ("Width", "Height"))
                    if isinstance(width, int) and isinstance(height, int):
                        self.pixels = max(self.pixels, width * height)
                    continue
                if self.stream(obj):  # a form drawing itself is followed once
                    self.resources(obj.attrs.get("Resources"), depth + 1)


def first_oversize(path: Path, page_bytes: int, total_bytes: int, pixels: int) -> Oversize | None:
    """The first page whose content inflates past `page_bytes`, that brings the whole past
    `total_bytes`, or that draws an image of more than `pixels`; None when none does, or when
    pdfminer cannot read the structure (ingest then says what is wrong in its own words)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import PSException

    sizes: dict[int, int] = {}
    total = 0
    try:
        with path.open("rb") as fh:
            doc = PDFDocument(PDFParser(fh))
            for number, page in enumerate(PDFPage.create_pages(doc), start=1):
                measure = _Page(page_bytes, sizes)
                for content in page.contents:
                    content = resolve1(content)
                    if isinstance(content, PDFStream):
                        measure.stream(content)
                measure.resources(page.resources)
                total += measure.content
                if measure.content > page_bytes or total > total_bytes or measure.pixels > pixels:
                    return Oversize(number, measure.content, total, measure.pixels)
    except (PSException, ValueError, TypeError, KeyError, IndexError, RecursionError, OSError):
        return None  # a structure pdfminer cannot read: ingest reports it in its own words
    return None
