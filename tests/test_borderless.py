"""Borderless tables' columns (`ingest/borderless.py`), on synthetic lines: a list item's mark a
word space before its text is no column of its own, where cells that begin there are one. The
printed cases are in tests/test_generated.py's ROUND6_CASES."""

from __future__ import annotations

from extract.ingest.borderless import _aligned_starts
from extract.settings import PdfSettings
from tests.test_vrules import SIZE, _line


def _rows(firsts: list[str]) -> list[list[dict]]:
    """A header and five rows: a goal at x=50, and at x=250 a first word, a word space, and
    the rest of the cell from x=250 + 10 * (its length + 1)."""
    lines = [_line(100, (50, "基本目標"), (250, "施策"))]
    for k, first in enumerate(firsts):
        rest = 250 + SIZE * (len(first) + 1)
        lines.append(_line(115 + 15 * k, (50, f"目標{k}"), (250, first), (rest, "施策の名前")))
    return lines


def test_a_list_mark_and_its_text_are_one_cell() -> None:
    marks = ["ア　", "イ　", "ウ　", "エ　", "オ　"]  # (an ideographic space after each)
    cuts, starts = _aligned_starts(_rows(marks), [245.0], [250.0], PdfSettings())
    assert (cuts, starts) == ([245.0], [250.0])
    # numbered labels too (`施策１　…`)
    labels = [f"施策{n}" for n in "１２３４５"]
    assert _aligned_starts(_rows(labels), [245.0], [250.0], PdfSettings())[1] == [250.0]


def test_words_aligned_after_a_space_in_many_rows_begin_a_column() -> None:
    codes = ["市民課", "企画課", "総務課", "税務課", "農林課"]
    _, starts = _aligned_starts(_rows(codes), [245.0], [250.0], PdfSettings())
    assert starts == [250.0, 290.0]
