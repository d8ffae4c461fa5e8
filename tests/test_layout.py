"""The layout passes, one by one, on small page results built by hand (no PDF involved)."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import partial

from extract.ingest.layout import (
    Item,
    PageResult,
    RightEdges,
    continue_footnotes,
    drop_furniture,
    join_paragraphs,
    names_columns,
    number_footnotes,
    regrid_resumed_tables,
    results_to_document,
    right_edges,
    stitch_tables,
)
from extract.ingest.ocr import OcrLine, OcrPage
from extract.ingest.scan import ocr_page_to_result
from extract.settings import PdfSettings

S = PdfSettings()
W, H = 600.0, 800.0


def text(
    page: int, top: float, body: str, *, x0: float = 50, x1: float = 550, size: float = 10
) -> Item:
    return Item(page, top, top + size, x0, x1, size, [body])


def row(page: int, top: float, cells: list[str], *, table: int = 0, r: int = 1) -> Item:
    return Item(page, top, top + 12, 50, 550, 10, cells, table, r)


def edges(ends: dict[int, float]) -> RightEdges:
    """Pages of one column ending at these x."""
    return RightEdges({p: (None, math.inf, x) for p, x in ends.items()})


def page(n: int, items: list[Item]) -> PageResult:
    return PageResult(n, W, H, items, sum(len(c) for it in items for c in it.cells))


def test_drop_furniture_running_header_and_page_numbers() -> None:
    pages = [
        page(
            n,
            [
                text(n, 20, "第3期 総合戦略", size=8),
                text(n, 100, f"本文{n}"),
                text(n, 780, f"- {n} -", size=8),
            ],
        )
        for n in (1, 2, 3)
    ]
    kept, dropped = drop_furniture(pages, S)
    assert [it.text for it in kept] == ["本文1", "本文2", "本文3"]
    assert dropped == 6


def test_drop_furniture_keeps_a_one_off_line_in_the_margin() -> None:
    pages = [
        page(1, [text(1, 20, "はじめに", size=8), text(1, 100, "本文")]),
        page(2, [text(2, 100, "本文")]),
    ]
    kept, dropped = drop_furniture(pages, S)
    assert [it.text for it in kept] == ["はじめに", "本文", "本文"] and dropped == 0


def test_a_caption_at_the_foot_of_both_columns_of_one_page_is_no_footer() -> None:
    """`■重要業績評価指標（KPI）` at the foot of both columns of a page (a Writer print, two
    columns, a table after each caption on the next column): twice on one page, a hair apart,
    it is printed by the text, not by a running footer, which a page prints once."""
    caption = "■重要業績評価指標（KPI）"
    pages = [
        page(1, [text(1, 300, "本文1"), text(1, 750, "本文の続き")]),
        page(
            2,
            [
                text(2, 300, "本文2", x1=280),
                text(2, 750, caption, x1=200),
                text(2, 300, "本文3", x0=320),
                text(2, 753, caption, x0=320, x1=460),
            ],
        ),
        page(3, [text(3, 300, "本文4")]),
    ]
    kept, dropped = drop_furniture(pages, S)
    assert [it.text for it in kept].count(caption) == 2 and dropped == 0
    footer = [page(n, [text(n, 300, f"本文{n}"), text(n, 780, caption)]) for n in (1, 2)]
    kept, dropped = drop_furniture(footer, S)
    assert caption not in [it.text for it in kept] and dropped == 2


def test_a_heading_that_opens_two_pages_where_every_page_begins_is_body() -> None:
    """`■主な取組` first on pages 2 and 3 of four (a Calc print): the other pages begin their
    body at its height too, so it is no running header. A header set above the body stays
    furniture however few pages there are."""
    tops = {1: "第２部 後期基本計画", 2: "■主な取組", 3: "■主な取組", 4: "■数値目標"}
    pages = [page(n, [text(n, 100, tops[n]), text(n, 130, f"本文{n}")]) for n in tops]
    kept, dropped = drop_furniture(pages, S)
    assert [it.text for it in kept].count("■主な取組") == 2 and dropped == 0
    pages = [
        page(n, [text(n, 34, "総合戦略", size=8), text(n, 100, tops[n]), text(n, 130, "本文")])
        for n in tops
    ]
    kept, dropped = drop_furniture(pages, S)
    assert "総合戦略" not in [it.text for it in kept] and dropped == 4


def test_number_footnotes_only_for_markers_seen_above() -> None:
    items = [
        text(1, 100, "新規企業立地件数<sup>9</sup>"),
        text(1, 700, "9 令和4年度末時点で目標値を達成している。", size=8),
        text(1, 720, "10 marker never printed above", size=8),
    ]
    out = number_footnotes(items, body=10)
    assert [it.text for it in out] == [
        "新規企業立地件数<sup>9</sup>",
        "<sup>9</sup> 令和4年度末時点で目標値を達成している。",
        "10 marker never printed above",
    ]
    assert items[1].text.startswith("9 ")  # the input is not changed


def test_join_paragraphs_by_the_right_edge_and_spacing() -> None:
    items = [
        text(1, 100, "長い段落の一行目で、右端まで続いて"),
        text(1, 114, "二行目に折り返す。", x1=200),
        text(1, 150, "次の段落。", x1=150),  # after a wider gap: a new paragraph
    ]
    out = join_paragraphs(items, edges({1: 550}), S)
    assert [it.text for it in out] == [
        "長い段落の一行目で、右端まで続いて二行目に折り返す。",
        "次の段落。",
    ]


def test_a_heading_read_by_ocr_without_its_space_is_no_wrapped_line() -> None:
    """(a scan) A list item that ends at the right edge with a bracket, then a short line that
    opens with a label word and its number glued to the title — OCR drops the space: a heading;
    a short line of a date (`令和5年度…`) under it goes on as the paragraph's."""
    item = text(
        1, 100, "▼しらさぎ米ブランド化推進事業（再掲：柱１）（担当：産業振興課、観光商工課）"
    )
    head = text(1, 119, "施策の方向2関係人口の創出", x1=200)
    for it in (item, head):
        it.confidence = 90.0
    assert len(join_paragraphs([item, head], edges({1: 550}), S)) == 2
    date = replace(head, cells=["令和5年度から実施"])
    assert len(join_paragraphs([item, date], edges({1: 550}), S)) == 1
    head.confidence = None  # (a text layer keeps its space: the rule is the scan's)
    assert len(join_paragraphs([item, head], edges({1: 550}), S)) == 1


def test_a_heading_read_by_ocr_without_its_space_runs_on_into_no_sentence() -> None:
    """(a scan, held out in the thirteenth pass) a goal heading whose title fills the measure,
    read with the space after its number lost (`基本目標3結婚・…まちをつくる`), over the sentence
    under it: the heading ends there (the goal had run on into the sentence and been lost); a
    text layer prints the space, and its rule is the one for spaced numbers."""
    head = text(1, 100, "基本目標3結婚・出産・子育ての希望をかなえ、安心して暮らせるまちをつくる")
    sentence = text(
        1, 114, "子育て世代を切れ目なく支え、誰もが住み続けたいと思える地域をつくります。", x1=400
    )
    for it in (head, sentence):
        it.confidence = 90.0
    assert len(join_paragraphs([head, sentence], edges({1: 550}), S)) == 2
    head.confidence = sentence.confidence = None
    assert len(join_paragraphs([head, sentence], edges({1: 550}), S)) == 1


def test_a_dot_leaders_two_ends_read_apart_are_one_line() -> None:
    """(a scan, held out in the thirteenth pass) `●事業名……………担当課`: the leader's dots between
    its ends are taken out as specks and the gap cuts the row in two; the two ends are one line
    again (the department had been lost, and the next item's name taken for a department).
    Two runs on a row without a leader stay apart."""
    line = partial(OcrLine, top=100, bottom=110, size=10, confidence=90.0)
    ocr = OcrPage(
        1,
        W,
        H,
        0.0,
        (
            line("●中小企業設備投資支援事業…", x0=57, x1=203),
            line("…商工振興課", x0=299, x1=361),
            line("主な事業", x0=57, x1=110, top=130, bottom=140),
            line("担当課", x0=299, x1=340, top=130, bottom=140),
        ),
        (),
        90.0,
    )
    items = ocr_page_to_result(ocr).items
    assert [it.cells for it in items] == [
        ["●中小企業設備投資支援事業……商工振興課"],
        ["主な事業"],
        ["担当課"],
    ]
    assert items[0].box == (57, 100, 361, 110)


def test_a_numbered_heading_under_a_line_that_fills_the_measure_is_no_wrapped_line() -> None:
    """A list item as wide as the text, not ending a sentence, then a short line that opens
    with a full-width number and its point (`２．若い世代が…`): the next heading, not the
    item's rest — a number with its point is a list's, not a figure (`12 人` goes on)."""
    item = text(1, 100, "①移住相談窓口運営事業（移住希望者への情報提供と相談対応）　企画課・総務課")
    head = text(1, 114, "２．若い世代が住み続けたいまちをつくる", x1=300)
    assert len(join_paragraphs([item, head], edges({1: 550}), S)) == 2
    figure = replace(head, cells=["12 人を目標とする"])
    assert len(join_paragraphs([item, figure], edges({1: 550}), S)) == 1


def test_join_paragraphs_keeps_bullets_apart() -> None:
    items = [text(1, 100, "・一つ目の取組"), text(1, 114, "・二つ目の取組")]
    assert len(join_paragraphs(items, edges({1: 550}), S)) == 2


def test_join_paragraphs_never_across_pages_or_into_tables() -> None:
    items = [
        text(1, 780, "頁末まで続く本文の行"),
        text(2, 60, "次の頁の本文"),
        row(2, 80, ["a", "b"]),
    ]
    assert len(join_paragraphs(items, edges({1: 550, 2: 550}), S)) == 3


def test_continue_footnotes_across_the_page() -> None:
    items = [
        text(1, 760, "<sup>9</sup> 頁末で切れた注の前半で、", size=8),
        text(2, 100, "次の頁の本文。"),
        text(2, 760, "後半が次の頁の注の位置に続く。", x1=300, size=8),
    ]
    out = continue_footnotes(items, edges({1: 550, 2: 550}))
    assert [it.text for it in out] == [
        "<sup>9</sup> 頁末で切れた注の前半で、後半が次の頁の注の位置に続く。",
        "次の頁の本文。",
    ]


def test_a_finished_footnote_does_not_swallow_the_next_page() -> None:
    items = [
        text(1, 760, "<sup>9</sup> 完結した注。", size=8),
        text(2, 760, "別の小さな文字の行", size=8),
    ]
    assert len(continue_footnotes(items, edges({1: 550, 2: 550}))) == 2


def test_stitch_tables_drops_the_repeated_header() -> None:
    header = ["政策分野", "事務事業【所管課】"]
    items = [
        Item(1, 100, 112, 50, 550, 10, header, 0, 0),
        row(1, 112, ["観光", "A事業【観光】"]),
        Item(2, 60, 72, 50, 550, 10, header, 0, 0),
        row(2, 72, ["", "B事業【観光】"]),
    ]
    out = stitch_tables(items)
    assert [it.cells for it in out] == [header, ["観光", "A事業【観光】"], ["", "B事業【観光】"]]


def test_stitch_tables_joins_a_row_broken_by_the_page() -> None:
    header = ["政策分野", "事務事業【所管課】"]
    items = [
        Item(1, 100, 112, 50, 550, 10, header, 0, 0),
        row(1, 700, ["観光", "会津若松市観光推進事業（観光"]),
        row(2, 60, ["", "分野）【観光】"], r=0),
    ]
    out = stitch_tables(items)
    assert [it.cells for it in out] == [
        header,
        ["観光", "会津若松市観光推進事業（観光分野）【観光】"],
    ]


def test_stitch_tables_a_new_table_after_text_is_not_a_continuation() -> None:
    header = ["指標", "現状値", "目標値"]
    items = [
        Item(1, 100, 112, 50, 550, 10, header, 0, 0),
        row(1, 112, ["A", "1", "2"]),
        text(1, 300, "次の表の説明"),
        Item(2, 60, 72, 50, 550, 10, header, 0, 0),
    ]
    assert len(stitch_tables(items)) == 4


def test_results_to_document_runs_the_passes_in_order() -> None:
    pages = [
        page(
            1,
            [
                text(1, 20, "ヘッダー", size=8),
                text(1, 60, "基本目標1 しごとをつくる", size=16),
                text(1, 100, "長い段落の一行目で、右端まで続いて"),
                text(1, 114, "二行目に折り返す。", x1=200),
            ],
        ),
        page(2, [text(2, 20, "ヘッダー", size=8), text(2, 100, "本文の続き。", x1=200)]),
    ]
    doc = results_to_document(pages, "x.pdf", S)
    assert [(ln.no, ln.page, ln.text, ln.heading_level) for ln in doc.lines] == [
        (1, 1, "基本目標1 しごとをつくる", 1),
        (2, 1, "長い段落の一行目で、右端まで続いて二行目に折り返す。", 0),
        (3, 2, "本文の続き。", 0),
    ]
    assert doc.layout_lines == 2 and doc.pages == 2


def test_right_edges_ignore_short_lines() -> None:
    r = page(
        1,
        [
            text(1, 100, "長い行", x1=540),
            text(1, 114, "長い行", x1=548),
            text(1, 128, "短", x1=120),
        ],
    )
    assert right_edges([r]).of(r.items[0]) == 548


def test_right_edges_of_two_columns_and_a_paragraph_in_each() -> None:
    """On a page of two columns each column has its own right edge: a line of the left column
    that runs to the left column's edge goes on, though it stops far short of the page's."""
    r = page(
        1,
        [
            text(1, 100, "左の段の長い行で、段の", x0=50, x1=280),
            text(1, 114, "右端まで続く。", x0=50, x1=150),
            text(1, 100, "右の段の長い行で、段の", x0=320, x1=550),
            text(1, 114, "右端まで続く。", x0=320, x1=420),
        ],
    )
    r.gutter = 300.0
    rights = right_edges([r])
    assert (rights.of(r.items[0]), rights.of(r.items[2])) == (280, 550)
    joined = join_paragraphs(r.items, rights, S)
    assert [it.text for it in joined] == [
        "左の段の長い行で、段の右端まで続く。",
        "右の段の長い行で、段の右端まで続く。",
    ]


def test_two_column_pages_share_their_columns_measure() -> None:
    """A page of list items and headings shows its left column ending short of where it ends:
    its last item, at the column's foot, is no paragraph that runs on into the heading at the
    top of the right column. The measure is the one the document's other pages show (their
    right column begins at the same margin)."""
    full = page(
        1,
        [
            text(1, 100, "左の段の長い行で、段の", x0=50, x1=280),
            text(1, 114, "右端まで続く。", x0=50, x1=150),
            text(1, 100, "右の段の長い行で、段の", x0=320, x1=550),
            text(1, 114, "右端まで続く。", x0=320, x1=420),
        ],
    )
    items = [
        text(2, 100, "◆結婚新生活支援事業【健康推進課】", x0=50, x1=220),
        text(2, 120, "◆放課後児童クラブ運営事業【健康推進課、市民課】", x0=50, x1=250),
        text(2, 140, "◆妊産婦健診助成事業【子育て支援課】", x0=50, x1=230),
        text(2, 60, "重点施策２ 妊娠・出産の支援", x0=320, x1=460),
        text(2, 80, "■ KPI", x0=320, x1=350),
    ]
    short = page(2, items)
    full.gutter = short.gutter = 300.0
    rights = right_edges([full, short])
    assert (rights.of(items[2]), rights.of(items[3])) == (280, 550)
    joined = join_paragraphs(items, rights, S)
    assert [it.text for it in joined] == [it.text for it in items]
    alone = right_edges([short])  # the page on its own shows no more than its short lines
    assert alone.of(items[2]) < 280


def test_a_scanned_page_of_short_lines_takes_the_scans_measure() -> None:
    """(a Mincho scan: a page whose prose is one-line sentences, under a goal's heading that
    runs to two thirds of the measure) OCR knows no bold: the heading's line is the page's
    median long line, so the caption under it (its ◇ read as ツ) ran on into the title. A
    scanned page with few long lines takes the measure its scan's other pages show; a page
    with a text layer keeps its own."""
    prose = [
        text(1, 100 + 14 * k, "本文の長い行で、段の右端まで続く", x0=57, x1=540) for k in range(8)
    ]
    items = [
        text(2, 130, "■分野別目標2 安心して子どもを産み育て、健やかに暮らせるまち", x0=57, x1=381),
        text(2, 145, "ツ数値目標", x0=57, x1=109),
        text(2, 200, "妊娠期から子育て期まで一貫した相談体制を整えます。", x0=57, x1=375),
    ]
    full, short = page(1, prose), page(2, items)
    assert right_edges([full, short]).of(items[0]) == 381  # (a text layer's pages)
    full.ocr_confidence = short.ocr_confidence = 80.0
    rights = right_edges([full, short])
    assert rights.of(items[0]) == 540
    assert [it.text for it in join_paragraphs(items, rights, S)] == [it.text for it in items]


def test_stitch_tables_drops_the_header_repeated_in_the_next_column() -> None:
    left = Item(1, 600, 612, 50, 280, 10, ["政策分野", "事務事業"], 0, 0)
    body = Item(1, 620, 632, 50, 280, 10, ["観光", "A事業【観光】"], 0, 1)
    again = Item(1, 60, 72, 320, 550, 10, ["政策分野", "事務事業"], 1, 0)
    more = Item(1, 80, 92, 320, 550, 10, ["", "B事業【観光】"], 1, 1)
    out = stitch_tables([left, body, again, more])
    assert [it.cells for it in out] == [left.cells, body.cells, more.cells]


def borderless(
    page: int, top: float, cells: list[str], starts: tuple[float, ...], r: int = 1
) -> Item:
    item = Item(page, top, top + 12, starts[0], 700, 10, cells, 0, r)
    item.starts = starts
    return item


GRID = (60.0, 240.0, 630.0)  # 政策分野 | 事務事業 | ○


def test_a_table_resumed_with_a_column_left_empty_is_placed_in_its_columns() -> None:
    header = borderless(1, 100, ["政策分野", "事務事業", "関連"], GRID, 0)
    first = borderless(1, 114, ["学校教育", "A事業【学教】", "○"], GRID)
    # page 2: 政策分野 carried down, so that column is empty and the page has two columns
    rest = [
        borderless(2, 60 + 14 * i, [f"{n}事業【学教】", ""], (241.0, 631.0))
        for i, n in enumerate("BC")
    ]
    out = regrid_resumed_tables([header, first, *rest])
    assert [it.cells for it in out[2:]] == [["", "B事業【学教】", ""], ["", "C事業【学教】", ""]]


def test_rows_alone_at_a_page_top_join_the_table_of_the_page_before() -> None:
    first = borderless(1, 114, ["学校教育", "A事業【学教】", "○"], GRID)
    note = text(1, 700, "<sup>1</sup>注記", size=8)  # a footnote of page 1
    alone = [text(2, 60 + 14 * i, f"{n}事業【学教】", x0=241, x1=360) for i, n in enumerate("BC")]
    heading = text(2, 100, "取組方針2 子育てを応援する", x0=60, x1=300)
    after = text(2, 120, "D事業【学教】", x0=241, x1=360)  # after a heading: not the table's
    out = regrid_resumed_tables([first, note, *alone, heading, after])
    assert [(it.cells, it.table >= 0) for it in out[2:]] == [
        (["", "B事業【学教】", ""], True),
        (["", "C事業【学教】", ""], True),
        (["取組方針2 子育てを応援する"], False),
        (["D事業【学教】"], False),
    ]


def test_a_table_elsewhere_on_the_page_keeps_its_own_columns() -> None:
    first = borderless(1, 114, ["学校教育", "A事業【学教】", "○"], GRID)
    other = borderless(2, 60, ["指標", "基準値"], (300.0, 500.0))
    margin = text(2, 60, "本文の段落です。", x0=60, x1=200)  # at the margin: never a cell
    assert regrid_resumed_tables([first, other])[1].cells == ["指標", "基準値"]
    assert regrid_resumed_tables([first, margin])[1].table < 0


HEADER_WORDS = ("指標", "基準値", "目標値", "事業名", "分野", "担当課", "所管課")


def test_cells_that_name_columns_are_told_from_rows() -> None:
    assert names_columns(["分野", "事業名【所管課】", "DX関連"], HEADER_WORDS)
    assert names_columns(["指標", "基準値（R1）", "（R6）"], HEADER_WORDS)
    assert not names_columns(["学校教育", "A事業【学教】", "○"], HEADER_WORDS)
    assert not names_columns(["指標の名前", "120", "150"], HEADER_WORDS)  # a figure: a row
    assert not names_columns(["事業名"], HEADER_WORDS)  # one cell is a caption


def test_a_part_that_begins_with_its_own_header_is_another_table() -> None:
    first = borderless(1, 114, ["学校教育", "A事業【学教】", "○"], GRID)
    # page 2: a KPI row resumed, then a project list with its own header, fewer columns
    other = borderless(2, 80, ["分野", "事業名【所管課】"], (60.0, 240.0), 0)
    kept = regrid_resumed_tables([first, other], HEADER_WORDS)
    assert kept[1].cells == ["分野", "事業名【所管課】"]
    placed = regrid_resumed_tables([first, other])  # without the words: read as resumed
    assert placed[1].cells == ["分野", "事業名【所管課】", ""]


def test_a_line_of_two_runs_at_a_page_top_is_placed_in_the_resumed_table() -> None:
    first = borderless(1, 114, ["学校教育", "A事業【学教】", "○"], GRID)
    alone = text(2, 60, "B事業【学教】 ○", x0=241, x1=640)
    alone.parts = ((241.0, "B事業【学教】"), (631.0, "○"))
    margin = text(2, 80, "本文 のあと", x0=60, x1=300)
    margin.parts = ((60.0, "本文"), (200.0, "のあと"))  # begins in the first column: text
    out = regrid_resumed_tables([first, alone, margin])
    assert [(it.cells, it.table >= 0) for it in out[1:]] == [
        (["", "B事業【学教】", "○"], True),
        (["本文 のあと"], False),
    ]


def test_lines_set_at_a_wide_line_height_are_joined_by_the_documents_leading() -> None:
    """150% line height: the white between a paragraph's lines is wider than an em; the
    document's own leading joins them, and the wider spacing after a paragraph does not."""
    items: list[Item] = []
    top = 60.0
    for k in range(5):  # five paragraphs of three lines, 12 pt of white inside, 16 after
        for line in range(3):
            last = line == 2
            items.append(text(1, top, f"段落{k}の行{line}", x1=300 if last else 550))
            top += 10 + (16 if last else 12)
    out = join_paragraphs(items, edges({1: 550}), S, 10.0)  # body text in 10 pt
    assert [it.text for it in out] == [f"段落{k}の行0段落{k}の行1段落{k}の行2" for k in range(5)]


def test_a_list_item_that_fills_its_column_does_not_run_into_the_next() -> None:
    """Items set a paragraph's spacing apart (7.5 pt) when the lines of a paragraph are 5 pt
    apart (the document's leading is measured over eight paragraphs or more): an item that
    fills the column ends there."""
    items: list[Item] = []
    top = 60.0
    for k in range(9):  # paragraphs of two lines, 5 pt inside, 7.5 pt after
        items += [text(1, top, f"本文{k}の一行目"), text(1, top + 15, f"本文{k}の二行目", x1=200)]
        top += 32.5
    items += [text(1, top, "施策(1) 安全な道路環境の整備"), text(1, top + 17.5, "施策(2) 見守り")]
    out = join_paragraphs(items, edges({1: 550}), S, 10.0)  # body text in 10 pt
    assert [it.text for it in out[-2:]] == ["施策(1) 安全な道路環境の整備", "施策(2) 見守り"]


def test_a_header_cut_at_the_column_break_gets_back_the_ends_of_its_words() -> None:
    header = Item(1, 740, 752, 50, 280, 10, ["施", "成果指標", "策定時", "目標値"], 0, 0)
    rest = Item(1, 60, 72, 320, 550, 10, ["策", "", "", ""], 1, 0)
    first = Item(1, 80, 92, 320, 550, 10, ["１", "外国人宿泊者数", "867人", "1,300人"], 1, 1)
    out = stitch_tables([header, rest, first])
    assert [it.cells for it in out] == [["施策", "成果指標", "策定時", "目標値"], first.cells]
    # a row of figures, or one that fills the header's cells, is no rest of it
    again = Item(1, 60, 72, 320, 550, 10, ["施策", "成果指標", "策定時", "目標値"], 1, 0)
    assert len(stitch_tables([header, again, first])) == 3


def test_a_header_part_is_placed_in_the_columns_of_its_rest_in_the_next_column() -> None:
    """A header at the left column's foot, its value columns merged (策定時 over 数値 | 年度),
    and the table going on at the top of the right column with all its columns."""
    header = Item(1, 740, 752, 56, 280, 8, ["取組方針", "指標", "策定時", "目標"], 0, 0)
    header.starts = (56.0, 76.0, 169.0, 229.0)
    body = Item(1, 86, 98, 311, 540, 8, ["１", "実施率", "26.2", "2023年度", "41.5", "2029年度"], 1)
    body.starts = (311.0, 331.0, 424.0, 454.0, 484.0, 514.0)
    out = regrid_resumed_tables([header, body])
    assert out[0].cells == ["取組方針", "指標", "策定時", "", "目標", ""]
    assert out[1].cells == body.cells


def test_a_number_glued_to_its_title_after_a_sentence_and_a_speck_is_a_heading() -> None:
    """(photocopy) A paragraph that ends its sentence at the edge with a speck read after it
    (`…示します。・`), then a short line that opens with a number glued to its title
    (`1地域の仕事をつくり、働く場を広げる(基本目標1)`: OCR lost the space): the next heading,
    not the paragraph's rest; a count glued the same way (`3人に増やします…`) goes on."""
    para = text(1, 100, "各見出しの末尾の括弧内は、体系上の番号です。数値目標は文中に示します。・")
    head = text(1, 115, "1地域の仕事をつくり、働く場を広げる(基本目標1)", x1=320)
    for it in (para, head):
        it.confidence = 88.0
    assert len(join_paragraphs([para, head], edges({1: 550}), S)) == 2
    count = replace(head, cells=["3人に増やします(令和5年度)"])
    assert len(join_paragraphs([para, count], edges({1: 550}), S)) == 1


def test_a_headings_title_runs_on_into_no_sentence() -> None:
    """A goal heading whose title runs near the measure (a page of tables and one-line
    sentences measures short) over the sentence under it (`…支えます。`, a speck after it on a
    photocopy): two lines. A sentence that a label word and a year begin goes on (`令和５ 年度`)."""
    head = text(1, 100, "《基本目標2》ひばり野で子どもを育てたいと思えるまちをつくる", x1=545)
    para = text(1, 115, "出産と子育ての負担を軽くし、子どもの学びを地域で支えます。.", x1=400)
    para.confidence = head.confidence = 88.0
    assert len(join_paragraphs([head, para], edges({1: 550}), S)) == 2
    # (a text layer: no speck)
    plain = text(
        1, 100, "基本目標３ 結婚・出産・子育ての希望をかなえ、暮らせるまちをつくる", x1=545
    )
    sentence = text(
        1, 115, "子育て世代を切れ目なく支え、住み続けたいと思える地域をつくります。", x1=400
    )
    assert len(join_paragraphs([plain, sentence], edges({1: 550}), S)) == 2
    year = replace(
        head, cells=["令和５ 年度から令和11年度までの５年間に重点的に取り組む施策をまとめ"]
    )
    assert len(join_paragraphs([year, para], edges({1: 550}), S)) == 1
