"""Field-aware normalization: examples from the seed, and properties that must always hold."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalize import Normalizer, fold_width, remove_layout_spaces

N = Normalizer({"舍": "舎", "髙": "高"})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("就職フェア in あいづ実行委員会負担金", "就職フェアinあいづ実行委員会負担金"),
        ("ICT を活用した中山間地域づくり事業", "ICTを活用した中山間地域づくり事業"),
        (
            "管路の更新・耐震化事業（デジタル技術の活用と水道 DX の推進）",
            "管路の更新・耐震化事業（デジタル技術の活用と水道DXの推進）",
        ),
        (
            "スマートシティ会津若松推進事業（都市 OS・データ連携分野）",
            "スマートシティ会津若松推進事業（都市OS・データ連携分野）",
        ),
        (
            "工業団地整備事業(工業団地整備事業特別会計)",
            "工業団地整備事業（工業団地整備事業特別会計）",
        ),
        ("保育士宿舍借上支援事業", "保育士宿舎借上支援事業"),
        ("人口の社会動態/年(1~12月)", "人口の社会動態/年（1～12月）"),
        ("出生数／年（1～12月）", "出生数/年（1～12月）"),
        ("ＩＣＴまちづくり１２３", "ICTまちづくり123"),
        ("ｻｽﾃﾅﾌﾞﾙ ﾂｰﾘｽﾞﾑ", "サステナブルツーリズム"),
        ("Society  5.0 の実現", "Society 5.0の実現"),
        ("ONSEN・ガストロノミーウォーク事業", "ONSEN・ガストロノミーウォーク事業"),
        ("髙田　地区", "高田地区"),
        ("Ａｉｚｕ　Ｗａｋａｍａｔｓｕ", "Aizu Wakamatsu"),
    ],
)
def test_name(raw: str, expected: str) -> None:
    assert N.name(raw) == expected


def test_keeps_wave_dash_and_minus() -> None:
    # jaconv.normalize would turn these into ー: names keep them.
    assert N.name("令和6年度～令和8年度") == "令和6年度～令和8年度"
    assert N.name("－323人") == "－323人"
    assert N.name("１〜３月") == "1～3月"


def test_abbr_and_prose() -> None:
    assert N.abbr("観 光") == "観光"
    assert N.abbr("情　統") == "情統"
    assert N.prose("ICT やデジタル\n２つ目 の段落") == "ICTやデジタル\n2つ目の段落"


def _digits(text: str) -> list[int]:
    return [unicodedata.digit(c) for c in text if unicodedata.digit(c, None) is not None]


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80),
        st.sampled_from("舍髙﨑〜～－−（）【】・、。 \u3000\t①²"),
        st.characters(),
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_properties(text: str) -> None:
    for fn in (N.name, N.prose, N.abbr):
        once = fn(text)  # never raises
        assert fn(once) == once  # idempotent
        if text.strip():
            assert once.strip(), f"{fn.__name__} emptied {text!r}"
        assert _digits(once) == _digits(text)  # digits keep their values and order


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_helpers_are_idempotent(text: str) -> None:
    assert fold_width(fold_width(text)) == fold_width(text)
    assert remove_layout_spaces(remove_layout_spaces(text)) == remove_layout_spaces(text)
