"""Borderless tables' columns (`ingest/borderless.py`), on synthetic lines: a list item's mark a
word space before its text is no column of its own, where cells that begin there are one; and
their rows (`ingest/tablerows.py`): a cell wrapped at line spacing 1.5 is still one row. The
printed cases are in tests/test_generated.py's ROUND6_CASES and PAPER_CASES."""

from __future__ import annotations

from extract.ingest.borderless import _aligned_starts
from extract.ingest.tablerows import _rows_by_pitch
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


def test_a_cell_wrapped_at_one_and_a_half_lines_stays_one_row() -> None:
    """Cells set at line spacing 1.5: a wrapped cell's lines sit 0.7 em of white apart, wider
    than single spacing ever sets them, and the rows 1.3 em (their padding on top): the
    wrapped lines are still their row's."""
    lines = [
        _line(100, (50, "移住"), (100, "移住定住推進")),
        _line(117, (100, "室")),
        _line(140, (50, "まち整"), (100, "まちづくり整備")),
        _line(157, (100, "課")),
        _line(180, (50, "企画"), (100, "企画課")),
        _line(203, (50, "総務"), (100, "総務課")),
    ]
    rows = _rows_by_pitch(lines, PdfSettings())
    assert [len(r) for r in rows] == [9, 11, 5, 5]


def test_one_line_rows_set_loose_are_not_joined() -> None:
    """Rows of one line each, 0.8 em of white apart and one gap a little wider: no row is a
    wrapped cell's line (the wider gap is no row's padding over a leading)."""
    tops = [100, 118, 136, 154, 174.5]
    lines = [_line(top, (50, "企画"), (100, "企画課")) for top in tops]
    assert len(_rows_by_pitch(lines, PdfSettings())) == 5


def test_a_caption_a_little_closer_under_one_line_rows_is_no_wrapped_line() -> None:
    """One-line rows 0.9 em apart and a caption 0.63 em under the last (ReportLab seed 59): rows
    only 1.43 times as far apart as that are no cell's lines and its padding."""
    lines = [
        _line(100, (50, "子育て支援事業"), (200, "高齢")),
        _line(119, (50, "出産応援事業"), (200, "高齢")),
        _line(138, (50, "生涯学習推進事業"), (200, "スポ")),
        _line(154.3, (50, "＜施策の目標＞")),
    ]
    assert len(_rows_by_pitch(lines, PdfSettings())) == 4


def test_a_wide_gap_under_the_first_line_alone_joins_no_rows() -> None:
    """A running header over two rows at a page top: the one wide gap is under the header, no
    body row shows padding over a leading, so the two rows 0.6 em apart stay two."""
    lines = [
        _line(100, (50, "第3期総合戦略")),
        _line(122.6, (50, "2"), (80, "地域運営組織支援事業")),
        _line(138.4, (50, "3"), (80, "介護予防推進事業")),
    ]
    assert len(_rows_by_pitch(lines, PdfSettings())) == 3


def test_the_first_row_under_centred_names_and_years_wrapped_at_its_middle_is_in_the_table() -> (
    None
):
    """Names centred in their cells over a line of years, then a row whose first cell wrapped
    onto two lines and whose other cells sit at the row's middle, between them (cells at 1.5
    lines, valign middle): the row begins left of every name, yet its cells, with those set
    beside its first line, sit each under a name — the table goes on (it is no text after a
    header)."""
    from extract.ingest.borderless import _borderless

    s = PdfSettings(header_words=("成果指標", "現状値", "目標"))
    lines = [
        _line(0, (100, "成果指標"), (255, "現状値"), (370, "目標")),
        _line(16, (250, "（R1）"), (340, "（R6）")),
        _line(32, (40, "総合型地域スポーツクラブの会")),
        _line(38, (250, "約234人"), (340, "360人以上")),
        _line(44, (40, "員数")),
        _line(64, (40, "図書館の貸出冊数"), (250, "264,069冊"), (340, "年350,000冊")),
        _line(80, (40, "公民館講座の参加者数"), (250, "7,679人"), (340, "8,200人")),
    ]
    found = _borderless(lines, 0, s)
    assert found is not None
    count, cuts, starts = found
    assert count == len(lines)
    assert starts == [250.0, 340.0]


def test_the_first_row_under_centred_names_and_a_line_of_years_is_in_the_table() -> None:
    """Names centred in their cells, a line of years under the later names, then rows whose
    first cell begins left of every name: the table goes on (the rows show its columns)."""
    from extract.ingest.borderless import _borderless

    s = PdfSettings(header_words=("成果指標", "現状値", "目標"))
    lines = [
        _line(0, (100, "成果指標"), (255, "現状値"), (370, "目標")),
        _line(16, (250, "（R1）"), (340, "（R6）")),
        _line(32, (40, "図書館の貸出冊数"), (250, "264,069冊"), (340, "年350,000冊")),
        _line(48, (40, "公民館講座の参加者数"), (250, "7,679人"), (340, "8,200人")),
        _line(64, (40, "山村留学生数"), (250, "5人"), (340, "全国平均以上")),
    ]
    found = _borderless(lines, 0, s)
    assert found is not None
    count, _, starts = found
    assert count == len(lines)
    assert starts == [250.0, 340.0]


def test_a_name_wrapped_around_cells_at_its_row_s_middle_goes_on_the_table() -> None:
    """Lines on a grid of rows (a text laid out with spaces), rows a blank row apart; a row
    whose name wrapped and whose other cells sit between its two lines: the name's second
    line, close under those cells, goes on the name above them (the table does not end at a
    line that goes on no cell of the line right above it)."""
    from extract.ingest.borderless import _borderless

    lines = [
        _line(0, (40, "図書館の貸出冊数"), (250, "264,069冊"), (340, "年350,000冊")),
        _line(20, (40, "公民館講座の参加者数"), (250, "7,679人"), (340, "8,200人")),
        _line(40, (40, "総合型地域スポーツクラブ")),
        _line(46.5, (250, "約234人"), (340, "360人以上")),
        _line(53, (40, "の会員数")),
        _line(73, (40, "体育館の利用者数"), (250, "5,000人"), (340, "6,000人")),
    ]
    found = _borderless(lines, 0, PdfSettings(grid_rows=True))
    assert found is not None and found[0] == len(lines)
