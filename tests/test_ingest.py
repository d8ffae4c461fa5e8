"""Text ingest: encodings, line numbers, pages, and bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.ingest import path_to_document
from extract.ingest.text import bytes_to_text, text_to_lines

from .conftest import SEED

SAMPLE = "基本目標1 テスト\n取組方針\t現状値\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("cp932"), "cp932"),
        (SAMPLE.encode("shift_jis"), "cp932"),
        (SAMPLE.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected(data: bytes, expected: str) -> None:
    text, used = bytes_to_text(data, "x.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert used == expected


def test_explicit_encoding_wins_and_bad_one_is_one_sentence() -> None:
    assert bytes_to_text(SAMPLE.encode("euc_jp"), "x", "euc_jp")[0] == SAMPLE
    with pytest.raises(InputError, match="not an encoding"):
        bytes_to_text(b"abc", "x", "no-such-codec")
    with pytest.raises(InputError, match="not valid utf-8"):
        bytes_to_text(SAMPLE.encode("cp932"), "x", "utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
        (bytes(range(0x80, 0x100)) * 4, "neither UTF-8, Shift_JIS"),
    ],
)
def test_bad_input_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        bytes_to_text(data, "bad.txt")


def test_line_numbers_are_one_based_and_complete() -> None:
    doc = path_to_document(SEED)
    raw = SEED.read_text(encoding="utf-8").split("\n")
    assert [line.no for line in doc.lines] == list(range(1, len(raw) + 1))
    assert doc.lines[56].text == raw[56]
    assert doc.lines[56].heading_level == 2  # "## (1) 基本目標1 …"
    assert doc.lines[87].cells[0] == "1"


def test_crlf_and_form_feed_pages() -> None:
    lines, pages = text_to_lines("a\r\nb\f\r\nc\rd\n")
    assert [(ln.no, ln.text, ln.page) for ln in lines] == [
        (1, "a", 1),
        (2, "b", 2),
        (3, "c", 2),
        (4, "d", 2),
    ]
    assert pages == 2


def test_missing_and_folder_and_fake_pdf(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        path_to_document(tmp_path / "none.txt")
    with pytest.raises(InputError, match="is a folder"):
        path_to_document(tmp_path)
    fake = tmp_path / "plan.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        path_to_document(fake)
