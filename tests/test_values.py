"""Value parsing: every unit and year form the plans print."""

from __future__ import annotations

import pytest

from extract.parse.values import cell_to_value, header_to_year, label_to_year
from extract.text import format_number


@pytest.mark.parametrize(
    ("raw", "value", "unit", "qualifier", "year", "label", "from_cell"),
    [
        ("216,406百万円 （R2）", 216406, "百万円", "", 2020, "R2", True),
        ("1.41(R3)", 1.41, "", "", 2021, "R3", True),
        ("-323人", -323, "人", "", 2022, "令和4年度", False),
        ("−180人", -180, "人", "", 2022, "令和4年度", False),
        ("▲2.1%", -2.1, "%", "", 2022, "令和4年度", False),
        ("53件", 53, "件", "", 2022, "令和4年度", False),
        ("28.1%", 28.1, "%", "", 2022, "令和4年度", False),
        ("5経営体", 5, "経営体", "", 2022, "令和4年度", False),
        ("229,382kW", 229382, "kW", "", 2022, "令和4年度", False),
        ("970g（R7）", 970, "g", "", 2025, "R7", True),
        ("306万件", 306, "万件", "", 2022, "令和4年度", False),
        ("146万人", 146, "万人", "", 2022, "令和4年度", False),
        ("105.0%以上", 105.0, "%", "以上", 2022, "令和4年度", False),
        ("24（R7）", 24, "", "", 2025, "R7", True),
        ("１，２００人", 1200, "人", "", 2022, "令和4年度", False),
        ("50%（H30）", 50, "%", "", 2018, "H30", True),
        ("＋1.0", 1.0, "", "", 2022, "令和4年度", False),  # a rise printed with its sign
        ("±0人", 0, "人", "", 2022, "令和4年度", False),  # no change
        ("△1.2", -1.2, "", "", 2022, "令和4年度", False),
        # the year printed before the value, with a colon
        ("R5：36.2%", 36.2, "%", "", 2023, "R5", True),
        ("令和4年度：1,200人", 1200, "人", "", 2022, "令和4年度", False),
        ("R11: 年12人", 12, "人", "年", 2029, "R11", True),
    ],
)
def test_cell_to_value(
    raw: str, value: float, unit: str, qualifier: str, year: int, label: str, from_cell: bool
) -> None:
    v = cell_to_value(raw, 2022, "令和4年度")
    assert (v.value, v.unit, v.qualifier, v.year, v.year_label, v.year_from_cell) == (
        value,
        unit,
        qualifier,
        year,
        label,
        from_cell,
    )
    assert v.raw == raw.strip()


@pytest.mark.parametrize("raw", ["—", "－", "-", "―", "", "  "])
def test_printed_empties(raw: str) -> None:
    v = cell_to_value(raw, 2026, "令和8年度")
    assert v.value is None and v.text == "" and v.unit == ""
    assert v.year == 2026  # the column's year still applies


def test_text_value_keeps_text_and_its_year() -> None:
    v = cell_to_value("増加（R7）", 2026, "令和8年度")
    assert (v.value, v.text, v.year, v.year_from_cell) == (None, "増加", 2025, True)
    assert cell_to_value("検討中").text == "検討中"


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("令和4年度", 2022),
        ("令和元年度", 2019),
        ("R8", 2026),
        ("Ｒ６", 2024),
        ("平成30年度", 2018),
        ("H27", 2015),
        ("2030年度", 2030),
        ("昭和64年", 1989),
        ("なし", None),
    ],
)
def test_label_to_year(label: str, year: int | None) -> None:
    assert label_to_year(label) == year


def test_header_to_year() -> None:
    assert header_to_year("現状値 （令和4年度）") == (2022, "令和4年度")
    assert header_to_year("目標値（R11）") == (2029, "R11")
    assert header_to_year("目標値") == (None, "")
    # a year's end keeps its 末, as a cell's `（R6.3末）` does
    assert header_to_year("現状値（R5年度末）") == (2023, "R5年度末")


def test_format_number_is_deterministic() -> None:
    assert [format_number(x) for x in (216406.0, 1.41, -323.0, 0.0, None, 9.6)] == [
        "216406",
        "1.41",
        "-323",
        "0",
        "",
        "9.6",
    ]


@pytest.mark.parametrize(
    ("raw", "value", "unit", "qualifier", "year", "remark"),
    [
        ("年５人", 5, "人", "年", 2019, ""),
        ("５年間で３０件", 30, "件", "5年間で", 2019, ""),
        ("累計１００件", 100, "件", "累計", 2019, ""),
        ("延べ２４３日", 243, "日", "延べ", 2019, ""),
        ("約５００人", 500, "人", "約", 2019, ""),
        ("１．２倍", 1.2, "倍", "", 2019, ""),
        ("９０％以上", 90, "%", "以上", 2019, ""),
        ("年５以上", 5, "", "年 以上", 2019, ""),
        ("△８５人", -85, "人", "", 2019, ""),
        ("－８５", -85, "", "", 2019, ""),
        ("１．４２（2013年）", 1.42, "", "", 2013, ""),
        ("１２，０００人（H25）", 12000, "人", "", 2013, ""),
        ("年３回（５年間で１０回）", 3, "回", "年", 2019, "5年間で10回"),
        ("毎年度１２回", 12, "回", "毎年度", 2019, ""),
    ],
)
def test_qualifiers_and_remarks(
    raw: str, value: float, unit: str, qualifier: str, year: int, remark: str
) -> None:
    """The family's value forms: period words and 約/以上 are the qualifier, a second figure in
    parentheses is a remark, never the year."""
    v = cell_to_value(raw, 2019, "2019年度")
    assert (v.value, v.unit, v.qualifier, v.year, v.remark) == (
        value,
        unit,
        qualifier,
        year,
        remark,
    )


def test_a_cell_year_equal_to_the_columns_is_not_its_own() -> None:
    assert cell_to_value("53件（R4）", 2022, "令和4年度").year_from_cell is False
    assert cell_to_value("53件（R4）", None, "").year_from_cell is False  # the only year there is
    assert cell_to_value("53件（R2）", 2022, "令和4年度").year_from_cell is True


@pytest.mark.parametrize(
    ("text", "indicator", "baseline", "target"),
    [
        (
            "市内の従業者数を、令和２年の38,420人から令和11年に39,000人に増やします。",
            "市内の従業者数",
            (38420, "人", 2020, "令和2年"),
            (39000, "人", 2029, "令和11年"),
        ),
        (
            "合計特殊出生率を、令和４年の1.36から令和11年に1.45に引き上げます。",
            "合計特殊出生率",
            (1.36, "", 2022, "令和4年"),
            (1.45, "", 2029, "令和11年"),
        ),
        (
            "令和11年度に転入者数を1,200人にします。",
            "転入者数",
            (None, "", None, ""),
            (1200, "人", 2029, "令和11年度"),
        ),
    ],
)
def test_a_target_set_as_a_sentence(
    text: str, indicator: str, baseline: tuple, target: tuple
) -> None:
    """Each value takes the year printed before it; no `…の…から`: no baseline."""
    from extract.parse.inline import _sentence

    found = _sentence(text)
    assert found is not None
    name, b, t = found
    assert name == indicator
    assert (b.value, b.unit, b.year, b.year_label) == baseline
    assert (t.value, t.unit, t.year, t.year_label) == target


@pytest.mark.parametrize(
    "text",
    [
        "農地の集積を進め、担い手の経営を支えます。",  # no figure
        "令和５年度に策定した計画を見直します。",  # a year, no value
    ],
)
def test_prose_is_no_target_sentence(text: str) -> None:
    from extract.parse.inline import _sentence

    assert _sentence(text) is None


@pytest.mark.parametrize(
    ("text", "indicator", "baseline", "target"),
    [
        (
            "令和11年度までに、新製品の開発支援件数12件を達成します（令和５年度 7件）。",
            "新製品の開発支援件数",
            (7, "件", "", 2023, "令和5年度"),
            (12, "件", "", 2029, "令和11年度"),
        ),
        (
            "令和11年度まで、認定農業者数210経営体を維持します（令和５年度 212経営体）。",
            "認定農業者数",
            (212, "経営体", "", 2023, "令和5年度"),
            (210, "経営体", "", 2029, "令和11年度"),
        ),
        (
            "令和11年度に、市内高校卒業生の市内就職率30％以上を目指します（令和５年度 24.6％）。",
            "市内高校卒業生の市内就職率",
            (24.6, "%", "", 2023, "令和5年度"),
            (30, "%", "以上", 2029, "令和11年度"),
        ),
        (
            "令和11年度までに、創業件数年40件を達成します（令和５年度：年28件）。",
            "創業件数",
            (28, "件", "年", 2023, "令和5年度"),
            (40, "件", "年", 2029, "令和11年度"),
        ),
        (
            "待機児童数0人を維持します。",
            "待機児童数",
            (None, "", "", None, ""),
            (0, "人", "", None, ""),
        ),
    ],
)
def test_a_target_set_as_a_sentence_of_its_aim(
    text: str, indicator: str, baseline: tuple, target: tuple
) -> None:
    """…を達成します, …を維持します, …以上を目指します: the indicator runs into its target, the
    baseline (if any) is bracketed after the verb with its own year."""
    from extract.parse.inline import _sentence

    found = _sentence(text)
    assert found is not None
    name, b, t = found
    assert name == indicator
    assert (b.value, b.unit, b.qualifier, b.year, b.year_label) == baseline
    assert (t.value, t.unit, t.qualifier, t.year, t.year_label) == target


@pytest.mark.parametrize(
    "text",
    [
        "令和11年度までに、計画の目標を達成します。",  # no figure before を
        "地域の力で目標の実現を目指します。",
    ],
)
def test_an_aim_without_a_figure_is_no_target(text: str) -> None:
    from extract.parse.inline import _sentence

    assert _sentence(text) is None


def test_a_year_before_the_colon_is_the_values_not_the_names() -> None:
    from extract.parse.inline import split_indicator

    assert split_indicator("市内の事業所数　R3：1,912事業所") == (
        "市内の事業所数",
        "R3：1,912事業所",
    )
    assert split_indicator("新規就農者数：1.4人/年") == ("新規就農者数", "1.4人/年")
