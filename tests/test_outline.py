"""Numbering schemes and the outline: which headings are goals and which policies, on small
documents built for each layout of the family."""

from __future__ import annotations

import pytest

from extract.models import Line, LineRole
from extract.parse import patterns as P
from extract.parse.numbering import read_numbering, to_int
from extract.parse.outline import NodeKind, lines_to_outline
from extract.pipeline import run
from extract.rules import Rules
from extract.settings import ParseSettings

from .conftest import FIXTURES

S = ParseSettings()
WORDS = ("基本目標", "取組方針", "施策")


@pytest.mark.parametrize(
    ("text", "scheme", "number", "title"),
    [
        ("基本目標１　地域にしごとをつくる", "基本目標:arabic", 1, "地域にしごとをつくる"),
        ("基本目標Ⅲ　子育て", "基本目標:roman", 3, "子育て"),
        ("【基本目標２】ひとの流れ", "[基本目標]:arabic", 2, "ひとの流れ"),
        ("(1) 基本目標1 既存産業", "基本目標:arabic", 1, "既存産業"),  # the inner, specific token
        ("取組方針3 しごとと「人」をつなぐ", "取組方針:arabic", 3, "しごとと「人」をつなぐ"),
        ("施策１２　行政のデジタル化", "施策:arabic", 12, "行政のデジタル化"),
        ("第３章　基本目標と施策", "第:章", 3, "基本目標と施策"),
        ("第２部", "第:部", 2, ""),
        ("１．村の振興", "n.:arabic", 1, "村の振興"),
        ("三、地域づくり", "n.:kanji", 3, "地域づくり"),
        ("２　施策の体系", "n_", 2, "施策の体系"),
        ("（４）雇用の確保", "(n):arabic", 4, "雇用の確保"),
        ("（イ）交流", "(n):kana", 2, "交流"),
        ("⑴ 数値目標", "(n):arabic", 1, "数値目標"),
        ("③　雇用の創出", "circled", 3, "雇用の創出"),
        ("ウ　観光・交流の推進", "kana", 3, "観光・交流の推進"),
        ("Ⅳ．安心なくらし", "roman", 4, "安心なくらし"),
        ("１－２　商工業の振興", "n-n", 2, "商工業の振興"),
        ("基本目標１．しごとをつくる", "基本目標:arabic", 1, "しごとをつくる"),
        ("２）移住・定住の促進", "n):arabic", 2, "移住・定住の促進"),
        ("3) 子育て支援", "n):arabic", 3, "子育て支援"),
        ("イ）交流", "n):kana", 2, "交流"),
        # a kana word joined by の to the label; the ordinal before の and the word
        ("まちづくりの目標２　若い世代", "まちづくりの目標:arabic", 2, "若い世代"),
        ("第１の柱　しごとをつくる", "柱:arabic", 1, "しごとをつくる"),
        # small roman numerals in brackets; latin capitals with a full stop
        ("（ⅱ）特産品の販路拡大", "(n):roman", 2, "特産品の販路拡大"),
        ("B.　農業の担い手の確保", "n.:latin", 2, "農業の担い手の確保"),
        ("Ｃ．地域で支え合う福祉", "n.:latin", 3, "地域で支え合う福祉"),
        # a hyphenated number alone (its title on the next line, a number box): no title
        ("2-3-1", "n-n-n", 1, ""),
        ("１－２", "n-n", 2, ""),
        ("Ⅱ-1", "R-n", 1, ""),
    ],
)
def test_numbering_tokens(text: str, scheme: str, number: int, title: str) -> None:
    found = read_numbering(text, WORDS)
    assert found is not None
    assert (found.scheme, found.number, found.title) == (scheme, number, title)


@pytest.mark.parametrize(
    "text",
    [
        "1.5倍に増やす",  # a decimal
        "施策1.5倍",  # a decimal after a word
        "2 件",  # a value
        "2014年度の実績",
        "第３期総合戦略では",  # 第N期 is not a level
        "基本目標1に関連する「地域幸福度指標」一覧",  # a sentence about goal 1
        "イベントの開催",  # katakana word, not イ as a number
        "第２の人生を歩む",  # 第N の word with no space before a title: a sentence
        "これからの目標に向けて",  # kana before の, no number
        "A.I.を活用した業務の効率化",  # a latin abbreviation, not A as a number
        "B. Smith",  # latin words after the letter
        "",
    ],
)
def test_not_numbering(text: str) -> None:
    assert read_numbering(text, WORDS) is None


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # pdftotext and autospacing drop the space: a title may start with a counter's
        # character when a word starts there
        ("基本方針1時代に合った地域をつくる", ("基本方針", 1, "時代に合った地域をつくる")),
        ("重点戦略2人口減少を克服する", ("重点戦略", 2, "人口減少を克服する")),
        ("重点戦略3次代を担うひとを育てる", ("重点戦略", 3, "次代を担うひとを育てる")),
        ("市内1か所で実施する", None),  # a count
        ("事業所1人当たりの出荷額", None),
    ],
)
def test_a_label_no_setting_names_and_its_number_run_into_the_title(
    text: str, read: tuple[str, int, str] | None
) -> None:
    found = read_numbering(text)
    assert (found and (found.word, found.number, found.title)) == read


def test_roman_and_latin_policy_numbers_as_the_numbering() -> None:
    """（ⅱ） is numbered 2 as （２） is; a letter is kept as printed, as ア is."""
    small = read_numbering("（ⅱ）特産品の販路拡大", WORDS)
    latin = read_numbering("Ｂ．農業の担い手の確保", WORDS)
    assert small is not None and small.token == "2"
    assert latin is not None and latin.token == "B"


def test_roman_path_with_its_arabic_level_in_brackets() -> None:
    """`Ⅰ-(1)` prints the path `1-1` as `1-(1)` does: a policy under 目標Ⅰ, never a roman heading
    titled `-(1)…` (mokuhyo_roman_target_bracket_base_shared_year_kangaekata lost goals 1–3)."""
    bare = read_numbering("Ⅰ-(1)　地域産業の生産性の向上", WORDS)
    worded = read_numbering("施策Ⅱ－（２）　地域の安全の確保", WORDS)
    assert bare is not None and (bare.scheme, bare.token, bare.title) == (
        "R-n",
        "1-1",
        "地域産業の生産性の向上",
    )
    assert worded is not None and (worded.word, worded.token) == ("施策", "2-2")


def test_to_int() -> None:
    assert [to_int(t) for t in ("１２", "十二", "二十", "Ⅸ", "XIV", "⑮", "エ")] == [
        12,
        12,
        20,
        9,
        14,
        15,
        4,
    ]


def _lines(text: str) -> list[Line]:
    return [
        Line(no=n, text=raw, cells=tuple(raw.split("\t")))
        for n, raw in enumerate(text.strip("\n").split("\n"), start=1)
    ]


def _outline(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, int, str]]]:
    o = lines_to_outline(_lines(text), S)
    goals = [(n.number, n.title) for n in o.goals]
    policies = [
        (p.number, next(g.number for g in o.goals if g.index < p.index < g.end), p.title)
        for p in o.policies
    ]
    return goals, policies


KPI = "指標\t現状値\t目標値\nA人数\t1人\t2人\n"
PROJECTS = "事業名\t概要\t担当課\nA事業\t説明\t企画課\n"

NUMBERED = f"""
第２章　まち・ひと・しごと創生総合戦略
１　戦略の考え方
　総合計画は次の目標を掲げています。
　　１　豊かな自然のまち
　　２　活力ある産業のまち
２　施策の体系
基本目標\t施策
１．産業を育てる\t①農業
３　具体的な施策
１．産業を育てる
【数値目標】
・農業産出額　８．６億円（2014年度）→９．０億円（2019年度）
①　農業の担い手を確保する
＜主な事業＞
・新規就農者支援事業
◎施策の目標
{KPI}②　森林を活かす
{KPI}２．ひとの流れをつくる
①　移住の促進
{KPI}第３章　推進体制
１　推進体制
①　PDCA
{KPI}"""


def test_numbered_goals_without_the_word() -> None:
    goals, policies = _outline(NUMBERED)
    assert goals == [(1, "産業を育てる"), (2, "ひとの流れをつくる")]
    assert policies == [
        (1, 1, "農業の担い手を確保する"),
        (2, 1, "森林を活かす"),
        (1, 2, "移住の促進"),
    ]


def test_the_closing_chapter_ends_the_strategy() -> None:
    o = lines_to_outline(_lines(NUMBERED), S)
    end = [n for n in o.nodes if n.kind is NodeKind.END]
    assert [n.title for n in end] == ["推進体制"]
    assert o.stop == end[0].index


HINTED = f"""
１　基本目標の設定
　なお、総合計画では次の基本目標を掲げています。
基本目標１　ともに支え合うまち
基本目標２　活力あるまち
２　基本目標ごとの施策
基本目標Ⅰ　しごとをつくる
【数値目標】
指標\t基準値（H26）\t目標値（H31）
従業者数\t3,210人\t3,400人
（１）地場産業の振興
{KPI}（２）農林業
{PROJECTS}基本目標Ⅱ　ひとの流れ
（１）移住
{KPI}"""


def test_a_goal_word_series_with_content_beats_a_quoted_one() -> None:
    goals, policies = _outline(HINTED)
    assert goals == [(1, "しごとをつくる"), (2, "ひとの流れ")]
    assert [p[2] for p in policies] == ["地場産業の振興", "農林業", "移住"]


CAPTIONS = f"""
基本目標１　しごとをつくる
（１）数値目標
指標\t基準値（2014年度）\t目標値（2019年度）
雇用者数\t―\t100人
（２）基本的方向
　担い手を確保します。
（３）具体的な施策
①　農林水産業の振興
{KPI}②　商工業の振興
{PROJECTS}基本目標２　ひとの流れ
（１）数値目標
（３）具体的な施策
①　移住の促進
{KPI}"""


def test_numbered_captions_are_not_policies() -> None:
    goals, policies = _outline(CAPTIONS)
    assert [g[0] for g in goals] == [1, 2]
    assert [(p[0], p[1], p[2]) for p in policies] == [
        (1, 1, "農林水産業の振興"),
        (2, 1, "商工業の振興"),
        (1, 2, "移住の促進"),
    ]


CHAPTERS = f"""
第３部　後期基本計画
第１章　活力ある産業のまち
施策１　農林業の振興
■成果指標
{KPI}■主な事業
{PROJECTS}施策２　商工業
{KPI}第２章　子育てのまち
施策１　子育て支援
{KPI}"""


OVERVIEW_REST = f"""
基本目標\t取組方針
【基本目標１】まちをつくる\t取組方針１　交通の確保
【基本目標２】ひとを育てる\t取組方針１　学校づくり
取組方針２　ふるさと学習
取組方針３　学校教育の充実
【基本目標１】まちをつくる
取組方針１　交通の確保
{KPI}【基本目標２】ひとを育てる
取組方針１　学校づくり
{KPI}取組方針２　ふるさと学習
{KPI}取組方針３　学校教育の充実
{KPI}"""


def test_the_rest_of_an_overview_table_read_as_lines_holds_no_goal() -> None:
    """The overview's last rows as lines of text (a PDF's column break cut the table): a
    series numbered from 2 before its scheme's first 1 is not the plan's outline."""
    goals, policies = _outline(OVERVIEW_REST)
    assert goals == [(1, "まちをつくる"), (2, "ひとを育てる")]
    assert policies == [
        (1, 1, "交通の確保"),
        (1, 2, "学校づくり"),
        (2, 2, "ふるさと学習"),
        (3, 2, "学校教育の充実"),
    ]


OVERVIEW_ONLY = f"""
第２章　施策の体系
分野別目標\t施策
第一　しごとをつくる\t第1節　農業の振興
\t第2節　観光の振興
第二　ひとを呼ぶ\t第3節　移住の促進
第３章　施策の展開
第1節　農業の振興
{KPI}第2節　観光の振興
{KPI}第3節　移住の促進
{KPI}"""


def test_goals_named_only_in_an_overview_table() -> None:
    """No goal heading in the body: the overview's group cells are the goals, the 節 it names
    under each their policies (numbered through), each goal opening at its first policy."""
    o = lines_to_outline(_lines(OVERVIEW_ONLY), S)
    assert [(g.ordinal, g.title) for g in o.goals] == [(1, "しごとをつくる"), (2, "ひとを呼ぶ")]
    assert [[(p.ordinal, p.title) for p in g.children] for g in o.goals] == [
        [(1, "農業の振興"), (2, "観光の振興")],
        [(3, "移住の促進")],
    ]
    assert o.policies == [p for g in o.goals for p in g.children]
    assert {no: g.title for no, g in o.goal_at.items()} == {7: "しごとをつくる", 13: "ひとを呼ぶ"}
    assert o.goal_column == "分野別目標"


def test_an_overview_that_leaves_a_heading_out_makes_no_goals() -> None:
    """Every heading must be in the table, in order: one left out and the 節 stay the goals."""
    text = OVERVIEW_ONLY.replace("第二　ひとを呼ぶ\t第3節　移住の促進\n", "")
    goals, _ = _outline(text)
    assert [t for _, t in goals] == ["農業の振興", "観光の振興", "移住の促進"]


def test_chapters_with_policies_under_them() -> None:
    goals, policies = _outline(CHAPTERS)
    assert goals == [(1, "活力ある産業のまち"), (2, "子育てのまち")]
    assert [(p[0], p[1]) for p in policies] == [(1, 1), (2, 1), (1, 2)]


PUBLICATION = f"""
第１章　人口ビジョン
{KPI}第２章　総合戦略
１．しごと
①　農業
{KPI}{PROJECTS}②　商業
{KPI}２．ひと
①　移住
{KPI}{PROJECTS}３．まち
①　交通
{KPI}"""


def test_a_strategy_chapter_beside_a_population_chapter() -> None:
    """The chapters hold content too, but one of them holds nearly all of it: its goals are
    the plan's goals."""
    goals, _ = _outline(PUBLICATION)
    assert goals == [(1, "しごと"), (2, "ひと"), (3, "まち")]


def test_no_content_no_goals() -> None:
    o = lines_to_outline(_lines("１　はじめに\n本書は…。\n２　おわりに\n"), S)
    assert o.goals == [] and o.content == 0


def test_a_numbered_strategy_section_beside_a_population_section() -> None:
    text = PUBLICATION.replace("第１章　人口ビジョン", "１　人口ビジョン").replace(
        "第２章　総合戦略", "２　総合戦略"
    )
    goals, _ = _outline(text)
    assert goals == [(1, "しごと"), (2, "ひと"), (3, "まち")]


def test_running_heads_at_page_breaks_are_furniture(rules: Rules) -> None:
    """The plan's name printed at the top of each page, next to the page number line: page
    furniture, not prose out of scope."""
    result = run(FIXTURES / "a3_spread_table" / "plan.txt", rules=rules)
    lines = {ln.no: ln.text for ln in result.document.lines}
    heads = [
        (no, lines[no])
        for no, role in sorted(result.plan.line_roles.items())
        if role is LineRole.PAGE_FURNITURE and not P.PAGE_NUMBER.match(lines[no])
    ]
    assert heads == [
        (no, "第２期しらさぎ町まち・ひと・しごと創生総合戦略") for no in (7, 25, 37, 45)
    ]


def test_a_figure_after_a_word_is_no_heading_number() -> None:
    """市内総生産3,128億円（R2） is a target line, not heading 3 of a label 市内総生産 (a misread
    arrow had made its line one; 施策1.5 is a decimal for the same reason)."""
    assert read_numbering("市内総生産3,128億円（R2）=3,300億円（R11）") is None
    assert read_numbering("重点戦略3 しごとをつくる").number == 3


TABBED = f"""
第１章　計画の考え方
　この計画は、重点目標ごとに施策を定めています。
第２章　重点目標と施策
重点目標１　しごと
（１）　農業
{KPI}町の計画
- 12 -
第２章
{KPI}（２）　商業
{KPI}重点目標２　ひと
（１）　移住
{KPI}町の計画
- 13 -
第２章
{KPI}"""


def test_a_bare_chapter_tab_at_a_page_break_is_furniture() -> None:
    """`第２章` alone under the running title repeats the chapter the page is under: page
    furniture, not a chapter that would end the strategy (printed twice, it escapes the
    running-head count)."""
    lines = _lines(TABBED)
    o = lines_to_outline(lines, S)
    assert [(n.number, n.title) for n in o.goals] == [(1, "しごと"), (2, "ひと")]
    assert [p.title for p in o.policies] == ["農業", "商業", "移住"]
    tabs = [ln.no for ln in lines if ln.text == "第２章"]
    assert len(tabs) == 2 and set(tabs) <= o.running


def test_a_bare_label_of_a_new_number_is_still_a_heading() -> None:
    """Only the number of the chapter the page is under is a tab: `第３章` alone is a heading."""
    lines = _lines(TABBED.replace("第２章\n指標", "第３章\n指標", 1))
    o = lines_to_outline(lines, S)
    third = next(ln.no for ln in lines if ln.text == "第３章")
    assert third not in o.running and third in o.by_line


LISTED = f"""
基本目標１　しごと
①　農業
{KPI}①　Ａ事業（農地の集積と担い手への貸付）
所管：産業部 農政課
②　Ｂ事業（販路の開拓）
所管：産業部 商工課
②　商業
説明の文です。
{KPI}①　Ｃ事業（創業の支援）
所管：産業部 商工課
基本目標２　ひと
①　移住
{KPI}①　Ｄ事業（移住の相談）
所管：企画部 企画課
②　子育て
{KPI}"""


def test_a_list_numbered_again_under_a_table_is_its_headings_projects() -> None:
    """① policy > its KPI table > ① ② again: the policy's items (projects), not policies; the
    ② that prose and a table follow is the next policy."""
    lines = _lines(LISTED)
    o = lines_to_outline(lines, S)
    assert [(p.number, p.title) for p in o.policies] == [
        (1, "農業"),
        (2, "商業"),
        (1, "移住"),
        (2, "子育て"),
    ]
    items = sorted(o.items.values())
    assert items == sorted(
        [
            "Ａ事業（農地の集積と担い手への貸付）",
            "Ｂ事業（販路の開拓）",
            "Ｃ事業（創業の支援）",
            "Ｄ事業（移住の相談）",
        ]
    )
