"""Tables ruled between their columns only (`ingest/vrules.py`): the rules, joined, are the
column cuts; a gap with one rule between framed cells is no gutter. Synthetic characters and
edges, so each rule is checked on its own (the printed cases are in tests/test_generated.py's
ROUND6_CASES)."""

from __future__ import annotations

from extract.ingest.pdfium import Char, Edge
from extract.ingest.vrules import ruled_columns, ruled_gap, vertical_rules
from extract.settings import PdfSettings

SIZE = 10.0


def _line(top: float, *runs: tuple[float, str]) -> list[Char]:
    """A line of full-width characters: each run (x, text) set from x, one em a letter."""
    out: list[Char] = []
    for x, text in runs:
        for k, ch in enumerate(text):
            out.append(
                {
                    "text": ch,
                    "x0": x + k * SIZE,
                    "x1": x + (k + 1) * SIZE,
                    "top": top,
                    "bottom": top + SIZE,
                    "baseline": top + 0.88 * SIZE,
                    "size": SIZE,
                    "weight": 400,
                    "upright": True,
                }
            )
    return out


def _v(x: float, top: float, bottom: float) -> Edge:
    return {
        "x0": x,
        "x1": x,
        "top": top,
        "bottom": bottom,
        "width": 0.0,
        "height": bottom - top,
        "orientation": "v",
        "object_type": "line",
    }


def test_rules_drawn_a_cell_at_a_time_are_joined_a_hair_apart() -> None:
    # one cell's border at 290.5, the next one's at 290.9 (Writer), one further down
    edges = [_v(290.9, 70.0, 100.0), _v(290.5, 100.0, 130.0), _v(290.5, 200.0, 230.0)]
    assert vertical_rules(edges) == [(290.5, 70.0, 130.0), (290.5, 200.0, 230.0)]


def test_the_rules_are_the_columns_not_where_the_text_begins() -> None:
    # a header over a blank first cell, its names centred; rows under it
    lines = [
        _line(100, (160, "現状値"), (260, "目標値")),
        _line(115, (55, "会員数"), (205, "７７１人"), (305, "８００人")),
        _line(130, (55, "参加者数"), (205, "８９人"), (305, "９７人")),
        _line(160, (55, "表の下の本文")),
    ]
    edges = [_v(x, 97.0, 143.0) for x in (50.0, 200.0, 300.0, 400.0)]
    found = ruled_columns(lines, 0, vertical_rules(edges), PdfSettings())
    assert found is not None
    count, cuts, starts = found
    assert count == 3  # the text under the table is not a row
    assert cuts == [200.0, 300.0]
    assert starts == [205.0, 305.0]  # the cells' padding after each rule
    # a line the rules do not frame, or a table without a rule between its cells, is none
    assert ruled_columns(lines, 3, vertical_rules(edges), PdfSettings()) is None
    assert ruled_columns(lines, 0, vertical_rules([edges[0], edges[3]]), PdfSettings()) is None


def test_a_rule_through_a_word_is_no_cut() -> None:
    lines = [_line(100, (55, "一つの長い見出しの行です"))]
    edges = [_v(x, 97.0, 113.0) for x in (50.0, 100.0, 300.0)]
    assert ruled_columns(lines, 0, vertical_rules(edges), PdfSettings()) is None


def test_one_rule_in_a_gap_between_framed_cells_is_no_gutter() -> None:
    lines = [_line(100 + 15 * k, (55, "指標の名前その" + str(k)), (310, "数値")) for k in range(4)]
    table = [_v(x, 97.0, 160.0) for x in (50.0, 300.0, 400.0)]
    assert ruled_gap(lines, 230.0, vertical_rules(table))
    # two tables side by side: each one's border in the gap, two columns of a page
    two = [_v(x, 97.0, 160.0) for x in (50.0, 140.0, 300.0, 340.0, 400.0)]
    assert not ruled_gap(lines, 230.0, vertical_rules(two))
    # a rule between two columns of text frames nothing
    assert not ruled_gap(lines, 230.0, vertical_rules([_v(230.0, 97.0, 160.0)]))
