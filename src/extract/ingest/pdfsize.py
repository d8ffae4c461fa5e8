"""What a PDF's pages decompress to, measured before PDFium parses any of them.

A page's content is stored compressed (FlateDecode, LZW …), and PDFium inflates a content
stream whole to parse it: a few kilobytes of file can stand for gigabytes (a "flate bomb"). And
a form drawn ten times by a form drawn ten times … is parsed for every use: a few small forms
nested can stand for millions of objects. Here every page's content streams, and the forms it
draws as often as it draws them (recursively), and its tiling patterns are inflated in chunks
that are counted (with the forms they draw) and dropped, stopping at the limit, so that memory
stays at a chunk and time at the limit. The images a page draws are measured by the pixels
they declare, which is what decoding one takes. pdfminer (installed with pdfplumber) reads the
document's structure.

Not measured: fonts (PDFium loads each once per document; an embedded CJK font is megabytes by
right) and annotation appearances.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20  # bytes inflated at a time


@dataclass(frozen=True)
class Oversize:
    """The first page over a limit: its number, and what was measured of it."""

    page: int
    content: int  # bytes its content expands to (counted up to just over the limit)
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


# A form drawn: `/Name Do` (a name ends at white space or a delimiter; #xx escapes a byte).
_DO = re.compile(
    rb"/([^\x00\t\n\f\r ()<>\[\]{}/%]+)[\x00\t\n\f\r ]*Do(?![^\x00\t\n\f\r ()<>\[\]{}/%])"
)
_ESCAPE = re.compile(rb"#([0-9a-fA-F]{2})")
# What drawing a form costs beyond its content, in bytes of content: PDFium builds a form object
# and parses the form again for every use (measured: about 2.5 KB a use, nested forms included).
FORM_USE = 256


@dataclass(frozen=True)
class Inflated:
    size: int  # bytes, counted up to just over the limit
    draws: Counter[str]  # the forms (or images) it draws by name, with how often


def inflated(stream: object, limit: int) -> Inflated:
    """What a pdfminer PDFStream decodes to through its filters — its size, counted up to just
    over `limit` (an image filter, or one unknown, ends the count at its input), and the names
    it draws with `Do` — without holding more than a chunk of it."""
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
    draws: Counter[str] = Counter()
    tail = b""  # the end of the previous chunk: a `/Name Do` across two chunks is seen once
    for chunk in chunks:
        total += len(chunk)
        text = tail + chunk
        for match in _DO.finditer(text):
            if match.end() > len(tail):
                name = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
                draws[name.decode("latin-1")] += 1
        tail = text[-300:]
        if total > limit:
            break
    return Inflated(total, draws)


class _Measure:
    """What the pages of one document expand to: each stream inflated once (a form on every
    page too), a form's expansion — its content and that of the forms it draws, as often as it
    draws them — worked out once for the resources it is drawn with."""

    def __init__(self, limit: int):
        self.limit = limit
        self.streams: dict[object, Inflated] = {}
        self.forms: dict[tuple[object, int], int] = {}
        self.pixels = 0  # of the largest image seen on the current page

    def inflated(self, stream: object) -> Inflated:
        key = getattr(stream, "objid", None) or id(stream)
        if key not in self.streams:
            self.streams[key] = inflated(stream, self.limit)
        return self.streams[key]

    def drawn(self, draws: Counter[str], resources: object, stack: tuple[object, ...]) -> int:
        """The bytes the forms `draws` names expand to, images measured by their pixels."""
        from pdfminer.pdftypes import PDFStream, dict_value, resolve1

        res = dict_value(resolve1(resources)) if resources else {}
        named = dict_value(resolve1(res.get("XObject"))) if res.get("XObject") else {}
        total = 0
        for name, times in draws.items():
            obj = resolve1(named.get(name))
            if not isinstance(obj, PDFStream):
                continue
            if getattr(resolve1(obj.attrs.get("Subtype")), "name", "") == "Image":
                width, height = (resolve1(obj.attrs.get(k)) for k in ("Width", "Height"))
                if isinstance(width, int) and isinstance(height, int):
                    self.pixels = max(self.pixels, width * height)
                continue
            total += times * (FORM_USE + self.form(obj, resources, stack))
            if total > self.limit:
                break
        return total

    def form(self, form: object, inherited: object, stack: tuple[object, ...]) -> int:
        key = getattr(form, "objid", None) or id(form)
        if key in stack or len(stack) > 32:
            return 0  # a form drawing itself: PDFium stops there too
        resources = form.attrs.get("Resources") or inherited  # type: ignore[attr-defined]
        memo = (key, id(resources))
        if memo not in self.forms:
            own = self.inflated(form)
            self.forms[memo] = own.size + self.drawn(own.draws, resources, (*stack, key))
        return self.forms[memo]

    def patterns(self, resources: object) -> int:
        """Tiling patterns: content streams too, counted once each."""
        from pdfminer.pdftypes import PDFStream, dict_value, resolve1

        res = dict_value(resolve1(resources)) if resources else {}
        named = dict_value(resolve1(res.get("Pattern"))) if res.get("Pattern") else {}
        total = 0
        for value in named.values():
            obj = resolve1(value)
            if isinstance(obj, PDFStream):  # a shading pattern is a dictionary: no content
                total += self.form(obj, resources, ())
        return total

    def page(self, contents: list[object], resources: object) -> int:
        """The bytes a page expands to: its content streams (the same one twice in the list is
        parsed twice), the forms they draw, and its tiling patterns."""
        from pdfminer.pdftypes import PDFStream, resolve1

        self.pixels = 0
        total = self.patterns(resources)
        for content in contents:
            content = resolve1(content)
            if isinstance(content, PDFStream):
                own = self.inflated(content)
                total += own.size + self.drawn(own.draws, resources, ())
            if total > self.limit:
                break
        return total


def first_oversize(path: Path, page_bytes: int, total_bytes: int, pixels: int) -> Oversize | None:
    """The first page whose content expands past `page_bytes`, that brings the whole past
    `total_bytes`, or that draws an image of more than `pixels`; None when none does, or when
    pdfminer cannot read the structure (ingest then says what is wrong in its own words)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    measure = _Measure(page_bytes)
    total = 0
    try:
        with path.open("rb") as fh:
            doc = PDFDocument(PDFParser(fh))
            for number, page in enumerate(PDFPage.create_pages(doc), start=1):
                content = measure.page(page.contents, page.resources)
                total += content
                if content > page_bytes or total > total_bytes or measure.pixels > pixels:
                    return Oversize(number, content, total, measure.pixels)
    except (PSException, ValueError, TypeError, KeyError, IndexError, RecursionError, OSError):
        return None  # a structure pdfminer cannot read: ingest reports it in its own words
    return None
