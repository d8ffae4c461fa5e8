"""Text renderings laid out with spaces instead of tabs (`pdftotext -layout`): read as the PDF
they were printed from. The fixtures are pdftotext 22.12's renderings of the second plan printed
by LibreOffice Writer (ruled tables) and of the seed printed as borderless landscape tables."""

from __future__ import annotations

from pathlib import Path

from extract.ingest.spaced import counts_columns_by_character, footnote_markers, spaced_to_document
from extract.ingest.text import is_spaced_layout, path_to_text
from extract.pipeline import RunResult, run
from extract.rules import Rules
from extract.settings import PdfSettings

from .compare import assert_same_records
from .conftest import FIXTURES, SECOND, SEED
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
