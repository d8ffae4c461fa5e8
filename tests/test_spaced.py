"""Text renderings laid out with spaces instead of tabs (`pdftotext -layout`): read as the PDF
they were printed from. The fixtures are pdftotext 22.12's renderings of the second plan printed
by LibreOffice Writer (ruled tables) and of the seed printed as borderless landscape tables."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from extract.ingest.spaced import counts_columns_by_character, footnote_markers, spaced_to_document
from extract.ingest.text import is_spaced_layout, path_to_text
from extract.pipeline import RunResult, run
from extract.rules import Rules
from extract.settings import PdfSettings

from .compare import assert_same_records
from .conftest import FIXTURES, SECOND, SEED
from .generator import generate, render
from .producers import require_producer
from .test_nothing_lost import _check_every_line

SPACED = FIXTURES / "spaced_layout"


def test_a_text_laid_out_with_spaces_is_told_from_one_with_tabs() -> None:
    assert is_spaced_layout((SPACED / "plan.txt").read_text(encoding="utf-8"))
    assert is_spaced_layout((SPACED / "seed_landscape.txt").read_text(encoding="utf-8"))
    for plan in [SEED, SECOND, *sorted(FIXTURES.glob("*/plan.txt"))]:
        if plan.parent != SPACED:
            assert not is_spaced_layout(path_to_text(plan)[0]), plan


def test_pdftotext_counts_every_character_as_one_column_an_editor_two() -> None:
    assert counts_columns_by_character((SPACED / "plan.txt").read_text(encoding="utf-8"))
    editor = "\n".join(
        [
            "指標                      基準値    目標値",
            "新規就農者数              5人       7人",
            "観光客数                  146万人   400万人",
            "移住相談件数（年間）      286件     240件",
        ]
    )
    assert not counts_columns_by_character(editor)


def test_the_second_plan_laid_out_by_pdftotext_reads_as_its_text(
    second: RunResult, rules: Rules
) -> None:
    got = run(SPACED / "plan.txt", rules=rules)
    assert got.document.spaced
    assert_same_records(second.plan, got.plan)
    assert [f.code for f in got.plan.findings if f.code == "parse.spaced_layout"] == [
        "parse.spaced_layout"
    ]
    _check_every_line(got.plan, SPACED / "plan.txt")


def test_the_seed_in_borderless_tables_laid_out_by_pdftotext(seed: RunResult, rules: Rules) -> None:
    got = run(SPACED / "seed_landscape.txt", rules=rules)
    assert_same_records(seed.plan, got.plan)
    # the overview table (`基本目標 1 既存産業…` beside `取組方針 1 しごとの…`) as in the text
    assert [(o.goal_no, o.policy_no, o.title) for o in got.plan.overview] == [
        (o.goal_no, o.policy_no, o.title) for o in seed.plan.overview
    ]
    assert len(got.plan.overview) == 16
    _check_every_line(got.plan, SPACED / "seed_landscape.txt")


def test_an_editor_aligned_table_is_read_by_its_columns(tmp_path: Path, rules: Rules) -> None:
    """Full-width characters two columns wide, as a monospace editor shows them."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "\n".join(
            [
                "基本目標１ 港のにぎわいと雇用をつくる",
                "■ 数値目標",
                "数値目標                  基準値（R5）    目標値（R11）",
                "市内事業所の従業者数      12,400人        13,000人",
                "取組方針１ 水産業の担い手を育てる",
                "■ 重要業績評価指標（KPI）",
                "取組方針  重要業績評価指標（KPI）    基準値（R5）    目標値（R11）",
                "１        新規漁業就業者数／年        3人             6人",
                "          漁港の利用隻数              120隻           150隻",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    got = run(plan, rules=rules)
    assert [(t.indicator, t.baseline.value, t.target.value) for t in got.plan.numeric_targets] == [
        ("市内事業所の従業者数", 12400.0, 13000.0)
    ]
    assert [(k.indicator, k.baseline.value, k.target.value) for k in got.plan.kpis] == [
        ("新規漁業就業者数/年", 3.0, 6.0),
        ("漁港の利用隻数", 120.0, 150.0),
    ]


def test_a_footnote_marker_printed_as_a_plain_digit_is_found() -> None:
    rows = [
        "２      クルーズ船寄港数1                4 回       10 回",
        "基本目標 1 港のにぎわい",  # a heading's number: no note 1 follows it
        "        港まつり来場者数                 8.5 万人   10 万人",
        "1寄港数は暦年で集計する。",
        "2030 年までに達成する。",  # no cell above ends with 20: prose
    ]
    assert footnote_markers(rows) == {0: frozenset({15}), 3: frozenset({0})}


def test_a_gap_closed_inside_a_cell_leaves_the_next_cells_in_their_columns() -> None:
    """pdftotext prints `基本方針 1 時代…` with a space each side of the number; closing them
    must not move the row's next cell left of the same column's cells in the rows below."""
    text = "\n".join(
        [
            "基本方針                                      重点施策",
            "基本方針 1 時代に合った地域をつくり、安心なくらしを守る             重点施策 1 地域公共交通の確保",
            "                                          重点施策 2 安全な道路環境の整備",
            "                                          重点施策 3 高齢者の見守りと介護予防",
            "基本方針 2 活力ある産業と働く場のあるまち                    重点施策 1 企業誘致と雇用の確保",
            "                                          重点施策 2 創業・事業承継の支援",
        ]
    )
    doc = spaced_to_document(text, "plan.txt", "utf-8", PdfSettings())
    assert [line.cells for line in doc.lines] == [
        ("基本方針", "重点施策"),
        ("基本方針1時代に合った地域をつくり、安心なくらしを守る", "重点施策1地域公共交通の確保"),
        ("", "重点施策2安全な道路環境の整備"),
        ("", "重点施策3高齢者の見守りと介護予防"),
        ("基本方針2活力ある産業と働く場のあるまち", "重点施策1企業誘致と雇用の確保"),
        ("", "重点施策2創業・事業承継の支援"),
    ]


def _spaced_lines(seed: int, rules: Rules, tmp_path: Path) -> list[tuple[str, ...]]:
    """A generated plan printed by Writer with the page settings its seed draws, laid out by
    pdftotext (the sweep's `spaced` rendering), as the reader's lines and cells."""
    require_producer("writer")
    if shutil.which("pdftotext") is None:
        require_producer("pdftotext")
    rendering = render(generate(seed), "spaced", tmp_path, random.Random(f"{seed}:spaced"))
    text = rendering.path.read_text(encoding="utf-8")
    doc = spaced_to_document(text, rendering.path.name, "utf-8", rules.pdf)
    return [line.cells for line in doc.lines]


def test_a_heading_or_text_under_a_table_whose_rows_are_set_apart_is_none_of_its_rows(
    rules: Rules, tmp_path: Path
) -> None:
    """Rows a blank line apart (seed 9): a goal's heading close under a 体系 table's last row,
    and a target as a sentence close under a table's last row whose first cell did not wrap,
    go on none of their cells: text after the table, not a cell's wrapped rest."""
    got = _spaced_lines(9, rules, tmp_path)
    assert ("", "", "エ", "データの利活用の推進") in got
    heading = got.index(("基本目標１ 結婚・出産・子育て支援と教育環境の整備",))
    assert got[heading + 1] == ("＜数値目標＞",)
    assert ("出生数", "人", "６７４", "７１６", "５年間で７７０") in got
    assert ("新規就農者数（累計） 5年間で30人",) in got


def test_a_heading_set_apart_under_a_table_as_its_rows_are_is_no_row_of_it(
    rules: Rules, tmp_path: Path
) -> None:
    """A goal's heading a blank line under a 体系 table's last row, as a row of its first
    column alone would be, its text close under it (seed 20): the table ends above it; so does
    a table before a target as a sentence and a caption under it, and a row's cells set a line
    lower than its name (a raised note number beside it) are its row's."""
    got = _spaced_lines(20, rules, tmp_path)
    heading = got.index(("基本戦略1 誰もが利用しやすい行政サービスが受けられるまち",))
    assert got[heading - 1] == ("", "施策3高齢者の見守りと介護予防")
    assert got[heading + 1] == ("＜基本的方向＞",)
    assert got[got.index(("出生数 6年間で2,400人",)) + 1] == ("＜施策＞",)
    assert any(c[0].startswith("転入者数") and c[-1] == "２，２００" for c in got)


def test_names_set_evenly_across_their_cells_read_as_words(rules: Rules, tmp_path: Path) -> None:
    """均等割り付け laid out by pdftotext on its grid (seed 18): a name's letters a few columns
    apart each (`ご    み   排       出   量`), a header's two-letter names across their cells."""
    got = _spaced_lines(18, rules, tmp_path)
    assert (
        "指標",
        "基準値（令和元年度）",
        "実績値（令和3年度）",
        "目標値（令和6年度）",
        "方向",
    ) in got
    assert any("ごみ排出量" in cells[0] for cells in got)
    # (seed 27: the last letter one space from the next cell's dash, `森   林  整  備 面   積 —`)
    got = _spaced_lines(27, rules, tmp_path / "27")
    assert ("森林整備面積", "—", "６１０ha", "↑") in got


def test_two_text_columns_laid_out_by_pdftotext_are_found(rules: Rules, tmp_path: Path) -> None:
    """Two text columns on a grid of rows (seed 42, B5 pages of two columns): their lines
    cannot sit at heights of their own, but a line of one beside a blank row of the other, then
    the other way round, again and again, shows the two flows; a page of one column with
    tables beside (seed 9) shows none."""
    from extract.ingest.pdf import page_to_result
    from extract.ingest.spaced import counts_columns_by_character, spaced_settings, text_to_pages

    def gutters(seed: int) -> list[float | None]:
        rendering = render(
            generate(seed), "spaced", tmp_path / str(seed), random.Random(f"{seed}:spaced")
        )
        text = rendering.path.read_text(encoding="utf-8")
        uniform = counts_columns_by_character(text)
        s = spaced_settings(rules.pdf, uniform)
        return [page_to_result(page, s).gutter for page in text_to_pages(text, uniform)]

    require_producer("writer")
    two = gutters(42)
    assert sum(g is not None for g in two) >= len(two) // 2
    one = gutters(9)
    assert one == [None] * len(one)


def test_a_name_centred_over_a_column_its_cells_begin_left_of_is_that_column_s(
    rules: Rules, tmp_path: Path
) -> None:
    """`成果指標` centred over a wide first column (seed 24): pdftotext sets it where no cell
    under it begins, its cells start at the column's left edge, under no name."""
    got = _spaced_lines(24, rules, tmp_path)
    at = got.index(("地域運営組織の数", "4団体", "6団体"))
    assert got[at - 2] == ("成果指標", "策定時", "目標")


def test_a_note_with_no_number_and_a_numbered_title_below_it_start_lines_of_their_own(
    rules: Rules,
) -> None:
    """A text aligned with spaces: a `※` note with no number under a paragraph, as long as the
    page's longest line, is no part of that paragraph, and the short `３　施策の体系` below it
    (a number, a space, a title that counts nothing) is a heading, not the note's wrapped rest —
    the 略称 legend had been run into the sentence above and the heading into it."""
    text = "\n".join(
        [
            "第１章　戦略の基本的な考え方",
            "２　戦略の構成",
            "　本戦略は、３つの基本目標のもとに基本的方向を定め、具体的な施策ごとに主な事業を掲げます。",
            "※担当課の略称　企政：企画政策課、農林：農林振興課、商観：商工観光課、建設：建設課、総務：総務課",
            "３　施策の体系",
            "基本目標     基本的方向",
            "１　しごと   （１）農林業",
            "２　まち     （１）防災",
        ]
    )
    doc = spaced_to_document(text + "\n", "plan.txt", "utf-8", rules.pdf)
    lines = [ln.cells for ln in doc.lines if not ln.is_blank]
    assert ("３ 施策の体系",) in lines
    assert any(c[0].startswith("※担当課の略称") and c[0].endswith("総務課") for c in lines)
