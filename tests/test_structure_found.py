"""Structure the reader finds in general, not by a plan's words: an indicator printed one field a
line, policies printed only as rows of a table, project tables headed by their caption, a
policy named by its （１） in a table's 施策 column, a trend column before the values — and, when
the structure is not found, a finding that names the line (never silence)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from extract.models import Finding, Plan
from extract.pipeline import run
from extract.rules import Rules
from extract.settings import ParseSettings

from .conftest import FIXTURES

FIELDS_PLAN = """第３章　施策の展開

基本目標１　地域の仕事をつくる
　農業の担い手を確保します。
【数値目標】
指標：市内の従業者数
現状値：38,420人（R5年度）
目標値：39,000人（令和11年度末）

施策１　農業の担い手の確保
　研修から経営開始までを支えます。
【成果指標】
指標：新規就農者数
基準値（R2）：年4人
実績値（R5）：年6人
目標値（R11）：年8人
【主な事業】
・新規就農者研修事業〔産業振興部〕
・農地集積事業〔産業振興部・農業委員会〕

第４章　計画の推進
　毎年度、検証します。
"""


def _run(tmp_path: Path, text: str, rules: Rules) -> Plan:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, rules=rules).plan


def _unparsed(plan: Plan, form: str) -> list[Finding]:
    return [f for f in plan.findings if f.code == "parse.unparsed" and f.params.get("form") == form]


def test_an_indicator_printed_one_field_a_line_is_one_record(tmp_path: Path, rules: Rules) -> None:
    plan = _run(tmp_path, FIELDS_PLAN, rules)
    [target] = plan.numeric_targets
    assert (target.indicator, target.baseline.value, target.target.value) == (
        "市内の従業者数",
        38420,
        39000,
    )
    assert (target.baseline.year_label, target.target.year, target.target.year_label) == (
        "R5年度",
        2029,
        "令和11年度末",
    )
    [kpi] = plan.kpis
    assert kpi.policy_no == 1 and kpi.indicator == "新規就農者数"
    # each value's year from its own word; the 実績 beside a baseline is the actual
    assert [(v.value, v.qualifier, v.year) for v in (kpi.baseline, kpi.actual, kpi.target)] == [
        (4, "年", 2020),
        (6, "年", 2023),
        (8, "年", 2029),
    ]
    assert not [f for f in plan.findings if f.code in ("parse.unparsed", "layout.row_joined")]
    # departments in 〔〕 after the name
    assert [(p.name, p.departments) for p in plan.projects] == [
        ("新規就農者研修事業", ["産業振興部"]),
        ("農地集積事業", ["産業振興部", "農業委員会"]),
    ]


def test_a_page_break_inside_the_fields_keeps_them_one_record(tmp_path: Path, rules: Rules) -> None:
    text = FIELDS_PLAN.replace("実績値（R5）：年6人\n", "実績値（R5）：年6人\n－ 12 －\n")
    [kpi] = _run(tmp_path, text, rules).kpis
    assert (kpi.baseline.value, kpi.actual and kpi.actual.value, kpi.target.value) == (4, 6, 8)


def test_fields_that_make_no_record_are_each_a_finding(tmp_path: Path, rules: Rules) -> None:
    """A block without its target (or its indicator) reads as no record: each of its lines is a
    parse.unparsed/fields finding naming the line, with a hint — not prose, not a caption."""
    text = FIELDS_PLAN.replace("目標値（R11）：年8人\n", "").replace("指標：市内の従業者数\n", "")
    # (an aim in words under a goal is no field: `目標：` and no figure)
    text = text.replace(
        "　農業の担い手を確保します。\n", "　農業の担い手を確保します。\n目標：担い手の確保\n"
    )
    plan = _run(tmp_path, text, rules)
    assert plan.kpis == [] and plan.numeric_targets == []
    lines = text.split("\n")
    want = [
        i
        for i, line in enumerate(lines, start=1)
        if line.startswith(("現状値", "目標値", "指標", "基準値", "実績値"))
    ]
    found = _unparsed(plan, "fields")
    assert [f.line for f in found] == want
    assert "目標値" in found[0].hint and found[0].params["text"] in lines[want[0] - 1]


POLICY_ROWS_PLAN = """第２章　戦略目標と具体的施策

戦略目標１　地域の資源を生かした仕事をつくる
　茶と木材の強みを生かします。
【具体的施策】
施策	内容	担当課
（１）茶業の振興	茶園の担い手を確保します。	農林課
（２）創業の促進	創業を支えます。	商工課
【成果指標】
施策	指標	基準値（R6）	目標値（R11）
（１）	茶の新規就農者数	年2人	年5人
（２）	創業件数	年9件	年15件
	地元就職者数	124人	150人
【主な事業】
施策	事業名	担当課
（１）	茶業後継者育成事業	農林課
	茶輸出促進事業	農林課・商工課
（２）	創業支援事業	商工課

戦略目標２　住み続けられるまちをつくる
　移住を支えます。
【具体的施策】
施策	内容	担当課
（１）移住の促進	相談から住まい探しまでを支えます。	企画課
【成果指標】
施策	指標	基準値（R6）	目標値（R11）
（１）	移住者数	年31人	年45人
【主な事業】
施策	事業名	担当課
（１）	空き家バンク事業	企画課

第３章　戦略の推進
　毎年度、検証します。
"""


def _two_cells(text: str) -> str:
    """`（１） | 茶業の振興 | …` under `施策 |  | 内容 | 担当課`: number and title in two cells."""
    text = re.sub(r"^(（[１２]）)([^\t]+)\t", r"\1\t\2\t", text, flags=re.M)
    return text.replace("施策\t内容\t担当課", "施策\t\t内容\t担当課")


@pytest.mark.parametrize(
    "printed",
    [
        lambda text: text,
        lambda text: text.replace("施策\t内容\t担当課", "施策名\t内容\t担当課"),
        _two_cells,
    ],
    ids=["施策 | 内容", "施策名 | 内容", "number and title in two cells"],
)
def test_policies_printed_as_rows_of_a_table(
    printed: Callable[[str], str], tmp_path: Path, rules: Rules
) -> None:
    """`施策 | 内容 | 担当課` over `（１）茶業の振興 | …`: the goal's policies (not projects); the KPI
    and project tables name each row's policy by its （１） in their 施策 column, printed once."""
    plan = _run(tmp_path, printed(POLICY_ROWS_PLAN), rules)
    assert [(p.goal_no, p.policy_no, p.title) for p in plan.policies] == [
        (1, 1, "茶業の振興"),
        (1, 2, "創業の促進"),
        (2, 1, "移住の促進"),
    ]
    assert [(k.goal_no, k.policy_no, k.indicator) for k in plan.kpis] == [
        (1, 1, "茶の新規就農者数"),
        (1, 2, "創業件数"),
        (1, 2, "地元就職者数"),
        (2, 1, "移住者数"),
    ]
    assert [(p.goal_no, p.policy_no, p.name) for p in plan.projects] == [
        (1, 1, "茶業後継者育成事業"),
        (1, 1, "茶輸出促進事業"),
        (1, 2, "創業支援事業"),
        (2, 1, "空き家バンク事業"),
    ]
    assert not [f for f in plan.findings if f.code.startswith(("parse.", "crossref."))]


def test_a_project_table_headed_by_its_caption(tmp_path: Path, rules: Rules) -> None:
    """`主な事業 | 担当部局` right under a KPI table, no caption above it: a project list."""
    text = FIELDS_PLAN.replace(
        "【主な事業】\n・新規就農者研修事業〔産業振興部〕\n・農地集積事業〔産業振興部・農業委員会〕\n",
        "主な事業\t担当部局\n新規就農者研修事業\t産業振興部\n農地集積事業\t産業振興部\n",
    )
    plan = _run(tmp_path, text, rules)
    assert [(p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (1, "新規就農者研修事業", ["産業振興部"]),
        (1, "農地集積事業", ["産業振興部"]),
    ]
    assert len(plan.kpis) == 1


def test_a_trend_column_before_the_values_under_a_blank_indicator_header(
    tmp_path: Path, rules: Rules
) -> None:
    text = FIELDS_PLAN.replace(
        "指標：市内の従業者数\n現状値：38,420人（R5年度）\n目標値：39,000人（令和11年度末）\n",
        "\t方向\t現状値（R5）\t目標値（R11）\n市内の従業者数\t↗\t38,420人\t39,000人\n",
    )
    [target] = _run(tmp_path, text, rules).numeric_targets
    assert (target.indicator, target.baseline.value, target.target.value) == (
        "市内の従業者数",
        38420,
        39000,
    )


YEARS_ROW = FIXTURES / "senryaku_sesaku_years_row" / "plan.txt"


def test_a_labelled_level_read_as_nothing_is_said(tmp_path: Path, rules: Rules) -> None:
    """The table headers' words unknown (当初 | 中間 | 最終, 取組 | 担当部局) and no targets: nothing
    tells the outline where the plan's content is, and it takes the chapter for the one goal.
    The 基本戦略 and 施策 headings that became neither goals nor policies are each a
    parse.level_unread on their first heading, the hint naming the setting; each unread header
    says why its rows are unplaced."""
    text = YEARS_ROW.read_text(encoding="utf-8")
    text = text.replace("成果指標\t基準値\t実績値\t目標値", "成果指標\t当初\t中間\t最終")
    text = re.sub(r"【数値目標】\n(?:(?:指標|現状値|目標値)：.*\n)+", "", text)
    text = text.replace("主な事業\t担当部局", "取組\t担当部局")
    plan = _run(tmp_path, text, rules)
    assert len(plan.goals) == 1 and not plan.kpis
    lines = text.split("\n")
    unread = {f.params["word"]: f for f in plan.findings if f.code == "parse.level_unread"}
    assert set(unread) == {"基本戦略", "施策"}
    assert lines[unread["基本戦略"].line - 1].startswith("基本戦略１")
    assert unread["基本戦略"].params["count"] == 3 and unread["施策"].params["count"] == 8
    assert 'goal_level = "基本戦略"' in unread["基本戦略"].hint
    assert 'policy_level = "施策"' in unread["施策"].hint
    headers = _unparsed(plan, "indicator_header")
    assert [lines[f.line - 1] for f in headers] == ["成果指標\t当初\t中間\t最終"] * 8
    assert "target_value_words" in headers[0].hint
    # the settings the hints name read the plan's levels
    parse = ParseSettings(
        **{**rules.parse.model_dump(), "goal_level": "基本戦略", "policy_level": "施策"}
    )
    named = rules.with_settings(rules.settings.model_copy(update={"parse": parse}))
    again = _run(tmp_path, text, named)
    assert (len(again.goals), len(again.policies)) == (3, 8)
    assert not [f for f in again.findings if f.code == "parse.level_unread"]


def test_a_caption_in_round_brackets(tmp_path: Path, rules: Rules) -> None:
    """`（主な事業）` over ①② items reads as `〔主な事業〕` does: a caption in round brackets is a
    caption (its projects had been read as nothing)."""
    source = FIXTURES / "mura_kpi_lines" / "plan.txt"
    want = run(source, rules=rules).plan
    text = source.read_text(encoding="utf-8").replace("〔主な事業〕", "（主な事業）")
    assert "（主な事業）" in text
    plan = _run(tmp_path, text, rules)
    assert len(want.projects) > 10
    assert [(p.policy_no, p.name) for p in plan.projects] == [
        (p.policy_no, p.name) for p in want.projects
    ]


NUMBER_BOX_PLAN = """第２章　施策の展開

基本目標１　地域の仕事をつくる
【数値目標】
市内の事業所数　R3：1,912事業所 → R11：1,950事業所

1-1
農業の担い手の確保
　研修から経営開始までを支えます。
【成果指標】
指標	R5	R11
	実績	目標
新規就農者数	R4：8人	年12人

1-2
商工業の振興
　創業を支えます。
【成果指標】
指標	R5	R11
	実績	目標
創業件数	14件	20件
"""


def test_a_number_box_a_years_row_on_top_and_years_before_values(
    tmp_path: Path, rules: Rules
) -> None:
    """A policy number alone on its line is the title's (`1-1` over `農業の担い手の確保`); a
    header whose years sit above 実績 | 目標 keeps them (the second row no table of its own); a
    year printed before a value with a colon is the value's (`R4：8人`, `R3：1,912事業所`)."""
    plan = _run(tmp_path, NUMBER_BOX_PLAN, rules)
    assert [(p.numbering, p.title) for p in plan.policies] == [
        ("1-1", "農業の担い手の確保"),
        ("1-2", "商工業の振興"),
    ]
    [target] = plan.numeric_targets
    assert (target.indicator, target.baseline.value, target.baseline.year_label) == (
        "市内の事業所数",
        1912,
        "R3",
    )
    assert (target.target.value, target.target.year) == (1950, 2029)
    first, second = plan.kpis
    assert (first.baseline.value, first.baseline.year_label, first.target.year) == (8, "R4", 2029)
    assert (second.baseline.year, second.target.year, second.policy_no) == (2023, 2029, 2)
    assert not [f for f in plan.findings if f.code == "parse.unparsed"]


def test_a_numbered_box_between_a_goal_and_its_policies(tmp_path: Path, rules: Rules) -> None:
    """A column box with its own numbered label (`コラム１　…`) printed between 基本目標Ⅱ and its
    first 施策: the 施策 series goes on at its own level (under the goal), not under the box
    (policies 4 and 5 had been lost with no finding)."""
    source = FIXTURES / "roman_sesaku_costs" / "plan.txt"
    want = run(source, rules=rules).plan
    text = re.sub(
        r"(?m)^(?=施策４)",
        "コラム１　移住した人の声\n　首都圏から移り住んだ夫婦は、空き家を改修して暮らしています。\n\n",
        source.read_text(encoding="utf-8"),
        count=1,
    )
    plan = _run(tmp_path, text, rules)
    assert len(want.policies) == 8
    assert [(p.goal_no, p.policy_no, p.title) for p in plan.policies] == [
        (p.goal_no, p.policy_no, p.title) for p in want.policies
    ]
    assert [(k.goal_no, k.policy_no, k.indicator) for k in plan.kpis] == [
        (k.goal_no, k.policy_no, k.indicator) for k in want.kpis
    ]


def test_the_kanji_zero_as_a_bullet(tmp_path: Path, rules: Rules) -> None:
    """`〇事業名` (the kanji zero, which a Japanese keyboard gives for まる) is a bullet as `○` is:
    the projects' names had kept it."""
    source = FIXTURES / "senryaku_roman_kpi_sentences" / "plan.txt"
    want = run(source, rules=rules).plan
    text = re.sub(r"(?m)^○", "〇", source.read_text(encoding="utf-8"))
    assert text.count("\n〇") >= 10
    plan = _run(tmp_path, text, rules)
    assert len(want.projects) >= 10
    assert [(p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (p.policy_no, p.name, p.departments) for p in want.projects
    ]


@pytest.mark.parametrize(
    "case",
    [
        "mura_kpi_lines",
        "angle_goals_colon_projects",
        "hashira_sentence_targets",
        "progress_report_grades",
        # (`1-(1)<tab>…` after a table: the heading ends the table, no row of it, and its
        # policies `1-(1)-①` below keep it a 節)
        "bunya_skip_middle_goal_projects",
    ],
)
def test_a_headings_number_set_apart_by_a_tab(case: str, tmp_path: Path, rules: Rules) -> None:
    """`Ⅰ<tab>村の恵みを…`, `１<tab>農業の…`, `(1)<tab>…`: a heading's number and title in two
    cells (a tab stop after Word's list numbering, a wide gap in the PDF) read as the heading,
    where the lines around it are no rows of a table of that width."""
    source = FIXTURES / case / "plan.txt"
    want = run(source, rules=rules).plan
    text, n = re.subn(
        r"(?m)^(\S{0,8}?[0-9０-９ⅠⅡⅢⅣⅤ一二三四五]{1,2}[)）]?)　(?=\S)",
        "\\1\\t",
        source.read_text(encoding="utf-8"),
    )
    assert n >= 5
    plan = _run(tmp_path, text, rules)
    assert [(g.goal_no, g.title) for g in plan.goals] == [(g.goal_no, g.title) for g in want.goals]
    assert [(p.goal_no, p.policy_no, p.title) for p in plan.policies] == [
        (p.goal_no, p.policy_no, p.title) for p in want.policies
    ]
    assert [(k.policy_no, k.indicator) for k in plan.kpis] == [
        (k.policy_no, k.indicator) for k in want.kpis
    ]


def test_a_goals_own_caption_marked_with_a_circle(tmp_path: Path, rules: Rules) -> None:
    """`〇重点目標１の数値目標` (a goal's own caption marked 〇, not ■) after a bullet list of
    projects: the caption, not one more project (the targets under it had been unplaced)."""
    source = FIXTURES / "jyuten_mokuhyo_milestones" / "plan.txt"
    want = run(source, rules=rules).plan
    text, n = re.subn(
        r"(?m)^■(?=重点目標[１-３]の数値目標$)", "〇", source.read_text(encoding="utf-8")
    )
    assert n >= 2
    plan = _run(tmp_path, text, rules)
    assert len(want.numeric_targets) >= 4
    assert [(t.goal_no, t.indicator) for t in plan.numeric_targets] == [
        (t.goal_no, t.indicator) for t in want.numeric_targets
    ]
    assert [p.name for p in plan.projects] == [p.name for p in want.projects]


def test_a_wrapped_title_in_a_text_that_indents_every_line(tmp_path: Path, rules: Rules) -> None:
    """Every line indented by one ideographic space (a copy that keeps a page's left margin): a
    policy title wrapped onto the next line still takes its rest (the rest had been lost)."""
    source = FIXTURES / "targets_only_sdgs" / "plan.txt"
    want = run(source, rules=rules).plan
    text = re.sub(r"(?m)^(?=\S)", "　", source.read_text(encoding="utf-8"))
    plan = _run(tmp_path, text, rules)
    assert any(len(p.title) > 30 for p in want.policies)
    assert [(p.goal_no, p.policy_no, p.title) for p in plan.policies] == [
        (p.goal_no, p.policy_no, p.title) for p in want.policies
    ]


TURNED_PLAN = """第２章　基本目標と施策

１　地域の仕事をつくる（基本目標１）
　町内の従業者数を、令和11年度までに4,300人にします（令和５年度　4,120人）。

（１）農林業の担い手の育成（施策１）
指標	現状値	目標値
新規就農者数	年4人(R5)	年6人(R11)
＜主な事業＞
ⅰ)　就農研修支援事業（農林課）
ⅱ)　農地集積協力金交付事業（農林課）

（２）地域公共交通の確保（第2期）
指標	現状値	目標値
バスの利用者数	8,620人(R5)	9,500人(R11)

２　町への人の流れをつくる（基本目標２）
　令和５年度に年214人だった転入者数を、令和11年度までに年250人に増やします。出生数を、令和11年度までに45人にします（令和５年度　41人）。

（１）移住の促進（施策１）
指標	現状値	目標値
移住相談件数	135件(R5)	200件(R11)

第３章　計画の推進
　毎年度、検証します。
"""


def test_a_label_printed_after_its_title(tmp_path: Path, rules: Rules) -> None:
    """`１　…（基本目標１）`, `（１）…（施策１）`: the level's word and number set after the title
    are no part of it; a bracket that holds no label (`（第2期）`) stays. `ⅰ)` numbers a list's
    items as ① does; two target sentences a paragraph joined are two targets, one with its
    baseline printed first (`令和５年度に年214人だった転入者数を、…`)."""
    plan = _run(tmp_path, TURNED_PLAN, rules)
    assert [g.title for g in plan.goals] == ["地域の仕事をつくる", "町への人の流れをつくる"]
    assert [p.title for p in plan.policies] == [
        "農林業の担い手の育成",
        "地域公共交通の確保（第2期）",
        "移住の促進",
    ]
    assert [p.name for p in plan.projects] == ["就農研修支援事業", "農地集積協力金交付事業"]
    assert [
        (t.goal_no, t.indicator, t.baseline.value, t.target.value) for t in plan.numeric_targets
    ] == [
        (1, "町内の従業者数", 4120, 4300),
        (2, "転入者数", 214, 250),
        (2, "出生数", 41, 45),
    ]


SKIPPED_LEVEL_PLAN = """第３章　政策分野別の施策

政策分野１　しごとをつくる
1-(1)　地域産業の強化
1-(1)-①　ものづくり産業の振興
指標名	基準値（R5）	目標値（R11）
製造品出荷額	1,820億円	2,000億円
1-(1)-②　農業の振興
指標名	基準値（R5）	目標値（R11）
農業産出額	86.2億円	92.0億円

政策分野２　ひとの流れをつくる
2-(1)　移住の促進
指標名	基準値（R5）	目標値（R11）
移住者数	年35人	年60人
2-(2)　関係人口の拡大
指標名	基準値（R5）	目標値（R11）
ふるさと納税の寄附件数	12,400件	15,000件

第４章　計画の推進
　毎年度、検証します。
"""


def test_a_middle_level_one_goal_skips(tmp_path: Path, rules: Rules) -> None:
    """`1-(1)` over `1-(1)-①` in one goal (節 over policies, by the numbers that extend it), `2-(1)`
    holding its own table in the next: the policies are the level that holds the tables in each
    goal (goal 1's had been read as its 節, the ② tables left unplaced)."""
    plan = _run(tmp_path, SKIPPED_LEVEL_PLAN, rules)
    assert [(p.goal_no, p.policy_no, p.numbering, p.section) for p in plan.policies] == [
        (1, 1, "1-1-1", "地域産業の強化"),
        (1, 2, "1-1-2", "地域産業の強化"),
        (2, 1, "2-1", ""),
        (2, 2, "2-2", ""),
    ]
    assert [(k.goal_no, k.policy_no) for k in plan.kpis] == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert not [f for f in plan.findings if f.code == "parse.unparsed"]


def test_two_ruled_tables_a_few_points_apart_keep_their_own_columns() -> None:
    """The table finder snaps vertical rules near in x into one wherever they stand: two tables
    one above the other, their column rules 411 and 416 pt, are read block by block."""
    from extract.ingest.pdftables import _ruled_blocks

    def v(x: float, top: float, bottom: float) -> dict[str, object]:
        return {"x0": x, "x1": x, "top": top, "bottom": bottom, "orientation": "v"}

    def h(top: float) -> dict[str, object]:
        return {"x0": 56.0, "x1": 539.0, "top": top, "bottom": top, "orientation": "h"}

    upper = [v(56, 100, 200), v(416, 100, 200), v(539, 100, 200), h(100), h(150), h(200)]
    lower = [v(56, 300, 400), v(411, 300, 400), v(539, 300, 400), h(300), h(350), h(400)]
    assert _ruled_blocks(upper + lower) == [upper, lower]
    assert _ruled_blocks(upper) == [upper]


YEARS_PLAN = """第３章　施策

【基本目標１】地域の仕事をつくる
　働く場を確保します。
＜数値目標＞
指標	基準値（R5）	実績値（R6）	R7	R8	R9	R10	R11
町内の従業者数	4,210人	4,185人	4,200人	4,200人	4,200人	4,200人	4,250人

（１）農業の振興
◆主な取組
・農地集積推進事業（産業振興課）
・町産材利用促進事業（産業振興課・建設課）

第４章　推進
　毎年度、検証します。
"""


def test_a_value_for_each_year_the_last_the_target(tmp_path: Path, rules: Rules) -> None:
    """Years alone heading the columns after the baseline, rising: the last is the target (the
    years between are milestones); the 実績値 beside the baseline is the actual."""
    [target] = _run(tmp_path, YEARS_PLAN, rules).numeric_targets
    values = (target.baseline, target.actual, target.target)
    assert [(v and v.value, v and v.year_label) for v in values] == [
        (4210, "R5"),
        (4185, "R6"),
        (4250, "R11"),
    ]
    # years that do not rise are no such run: the header names no target, said
    text = YEARS_PLAN.replace("R9\tR10\tR11", "R9\tR8\tR11")
    plan = _run(tmp_path, text, rules)
    assert plan.numeric_targets == []
    assert [f.line for f in plan.findings if f.code == "parse.unparsed"]


def test_a_list_caption_marked_as_its_items_are(tmp_path: Path, rules: Rules) -> None:
    """`◆主な取組` over ・ items, no table anywhere: the list is the plan's content (the goal and
    its policy found by it), not a list item before its list."""
    text = "\n".join(line for line in YEARS_PLAN.split("\n") if "\t" not in line)
    plan = _run(tmp_path, text, rules)
    assert [(p.goal_no, p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (1, 1, "農地集積推進事業", ["産業振興課"]),
        (1, 1, "町産材利用促進事業", ["産業振興課", "建設課"]),
    ]


def test_a_target_line_cut_into_cells_and_a_year_before_its_value(
    tmp_path: Path, rules: Rules
) -> None:
    """`◎ KPI：名　基準値 ―　→ 目標値 R8年度 策定` cut at its gaps by a layout of spaces is a
    KPI (no table header), its target 策定 of R8年度; a row number under a blank header cell
    keeps the row's cells under their columns."""
    text = YEARS_PLAN.replace(
        "◆主な取組",
        "◎\tKPI：観光振興計画の策定\t基準値\t―\t→\t目標値R8年度\t策定\n"
        "\t指標\t基準値（R5）\t目標値（R11）\n1\t観光入込客数\t250万人\t300万人\n◆主な取組",
    )
    plan = _run(tmp_path, text, rules)
    assert [(k.indicator, k.baseline.value, k.target.value, k.target.text) for k in plan.kpis] == [
        ("観光振興計画の策定", None, None, "策定"),
        ("観光入込客数", 250, 300, ""),
    ]
    assert plan.kpis[0].target.year == 2026
    assert not [f for f in plan.findings if f.code == "parse.unparsed"]


def test_a_target_line_wrapped_before_its_values(tmp_path: Path, rules: Rules) -> None:
    """A converter's Markdown wraps a long target line where its source wrapped (`…基準値` over
    `年4人（R5）→` over `目標値 年8人（R11）`; `―　→ 目標値 5年間累計` then `60件（R11）`): one
    record from the lines that carry its values, no caption or heading of the cut."""
    text = YEARS_PLAN.replace(
        "◆主な取組",
        "◎ KPI：新規就農者数　基準値\n年4人（R5）→\n目標値 年8人（R11）\n"
        "◎ KPI：創業件数　基準値\n―　→ 目標値 5年間累計\n60件（R11）\n◆主な取組",
    )
    plan = _run(tmp_path, text, rules)
    kpis = [(k.indicator, k.baseline.value, k.target.value, k.target.qualifier) for k in plan.kpis]
    assert kpis == [("新規就農者数", 4, 8, "年"), ("創業件数", None, 60, "5年間累計")]
    assert [h.text for h in plan.headings if "KPI" in h.text or "R11" in h.text] == []
    assert len(plan.projects) == 2


# Probe round 18: forms of its three plans, worded otherwise here.
BRACKETS_PLAN = """第２章　施策の展開

《１》　農と食の仕事を育てる
　農業の担い手を育てます。
＜数値目標＞
指標	基準値（R5）	目標値（R11）
農業産出額（億円）	42.6	45.0

（一）　担い手の確保
　研修から経営開始までを支えます。
指標	基準値（R5）	目標値（R11）
新規就農者数（人）	3	6
認定農業者の新規認定数（新）	2件	5件
【主な事業】
事業名	事業の内容	担当課	関係課
新規就農研修事業	研修農場で実践研修を行う	農政課	農業委員会事務局・企画課
農地集積事業	担い手に農地を集める	農政課

《２》　暮らしの安心を守る
　地域で支え合う仕組みをつくります。
＜数値目標＞
指標名（単位）	基準値（R5）	目標値（R11）
健康寿命（－）	80.1	81.0

（一）　見守りの充実
　地域の見守りを広げます。
指標	基準値（R5）	目標値（R11）
見守り協定の締結事業者数（社）	18	30
【主な事業】
事業名	事業の内容	担当課	関係課
見守りネットワーク事業	協定事業者と見守りを行う	福祉課

第３章　計画の推進
　毎年度、検証します。
"""


def test_a_number_alone_in_brackets_numbers_the_goals(tmp_path: Path, rules: Rules) -> None:
    """`《１》　…` (a number alone in a bracket pair, no word) numbers the goals, `（一）` the
    policies as `（１）` would (numbering `1`): no goal lost to the chapter above them."""
    plan = _run(tmp_path, BRACKETS_PLAN, rules)
    assert [(g.goal_no, g.title) for g in plan.goals] == [
        (1, "農と食の仕事を育てる"),
        (2, "暮らしの安心を守る"),
    ]
    assert [(p.goal_no, p.policy_no, p.numbering) for p in plan.policies] == [
        (1, 1, "1"),
        (2, 1, "1"),
    ]


def test_a_unit_in_brackets_after_the_indicator(tmp_path: Path, rules: Rules) -> None:
    """`農業産出額（億円）` over bare figures: the bracket is the figures' unit, not the name's; a
    mark in brackets (`（新）`) over figures with their own unit stays; `（－）` under a
    `指標名（単位）` header is no unit."""
    plan = _run(tmp_path, BRACKETS_PLAN, rules)
    rows = [(r.indicator, r.baseline.unit, r.target.unit) for r in plan.numeric_targets + plan.kpis]
    assert rows == [
        ("農業産出額", "億円", "億円"),
        ("健康寿命", "", ""),
        ("新規就農者数", "人", "人"),
        ("認定農業者の新規認定数（新）", "件", "件"),
        ("見守り協定の締結事業者数", "社", "社"),
    ]
    # no header to say so: a row under one that printed its unit so prints one too (`（経営体）`),
    # and a dash alone is no unit
    text = BRACKETS_PLAN.replace("指標名（単位）", "指標").replace(
        "見守り協定の締結事業者数（社）\t18\t30",
        "見守り協定の締結事業者数（社）\t18\t30\n見守りに参加する法人数（経営体）\t4\t9",
    )
    plan = _run(tmp_path, text, rules)
    rows = [(r.indicator, r.target.unit) for r in plan.numeric_targets + plan.kpis]
    assert rows[1] == ("健康寿命", "")
    assert rows[-1] == ("見守りに参加する法人数", "経営体")


def test_a_second_department_column(tmp_path: Path, rules: Rules) -> None:
    """`担当課 | 関係課`: the second column's departments are the project's too, after the first
    (a blank cell adds none)."""
    plan = _run(tmp_path, BRACKETS_PLAN, rules)
    assert [(p.name, p.departments) for p in plan.projects] == [
        ("新規就農研修事業", ["農政課", "農業委員会事務局", "企画課"]),
        ("農地集積事業", ["農政課"]),
        ("見守りネットワーク事業", ["福祉課"]),
    ]


SENTENCES_PLAN = """第２章　重点分野

重点分野１　港のにぎわいをつくる
　交流人口を増やします。
◆重点分野の目標
・観光入込客数を、令和11年度までに120万人にします（基準値：令和5年度 98万人）。
・人口の社会増減を、令和11年度までに均衡させます（現状：令和5年度 ▲85人）。

ａ．観光の振興
　港の景観を活かします。
ＫＰＩ	現状値（R5年度）	目標値（R11年度）	方向性
宿泊者数	4.2万人	5.0万人	増加
＜主な事業＞
・港まつり支援事業（観光）
・クルーズ船誘致事業（観光・港湾）
ｂ．移住の促進
　相談窓口を設けます。
ＫＰＩ	現状値（R5年度）	目標値（R11年度）	方向性
移住者数	12人	30人	増加
＜主な事業＞
・移住相談事業（新規）

重点分野２　暮らしを守る
　地域の足を確保します。
ａ．公共交通の確保
　バス路線を再編します。
ＫＰＩ	現状値（R5年度）	目標値（R11年度）	方向性
バスの利用者数	8.1万人	8.5万人	増加

第３章　推進体制
　毎年度、検証します。

担当課の略称
観光：観光振興課　港湾：港湾課
"""


def test_target_sentences_with_a_labelled_baseline_or_a_word_target(
    tmp_path: Path, rules: Rules
) -> None:
    """`…を、令和11年度までに120万人にします（基準値：令和5年度 98万人）。` under a caption
    ending in 目標: each line one target (not the caption's rest), the baseline read past its
    label; `…までに均衡させます` makes the word the target beside a baseline figure."""
    plan = _run(tmp_path, SENTENCES_PLAN, rules)
    rows = [
        (t.indicator, t.baseline.value, t.target.value, t.target.text, t.target.year)
        for t in plan.numeric_targets
    ]
    assert rows == [
        ("観光入込客数", 98, 120, "", 2029),
        ("人口の社会増減", -85, None, "均衡", 2029),
    ]
    # the items marked as captions are (■): still each a line of its own
    plan = _run(tmp_path, SENTENCES_PLAN.replace("\n・観光入込", "\n■観光入込"), rules)
    assert [t.indicator for t in plan.numeric_targets] == ["観光入込客数", "人口の社会増減"]


def test_small_letters_number_the_policies(tmp_path: Path, rules: Rules) -> None:
    """`ａ．観光の振興`, `ｂ．…`: small letters number a level as capitals do (`a`, `b`)."""
    plan = _run(tmp_path, SENTENCES_PLAN, rules)
    assert [(p.goal_no, p.policy_no, p.numbering, p.title) for p in plan.policies] == [
        (1, 1, "a", "観光の振興"),
        (1, 2, "b", "移住の促進"),
        (2, 1, "a", "公共交通の確保"),
    ]
    assert [(k.policy_no, k.indicator) for k in plan.kpis] == [
        (1, "宿泊者数"),
        (2, "移住者数"),
        (1, "バスの利用者数"),
    ]


def test_abbreviations_in_brackets_with_their_legend_at_the_end(
    tmp_path: Path, rules: Rules
) -> None:
    """`・港まつり支援事業（観光）` with a legend of `略：課名` pairs in lines after the plan: the
    bracket holds departments where every part is in the legend (`（新規）` is not)."""
    plan = _run(tmp_path, SENTENCES_PLAN, rules)
    assert [(d.abbr, d.section) for d in plan.departments] == [
        ("観光", "観光振興課"),
        ("港湾", "港湾課"),
    ]
    assert [(p.name, p.departments) for p in plan.projects] == [
        ("港まつり支援事業", ["観光"]),
        ("クルーズ船誘致事業", ["観光", "港湾"]),
        ("移住相談事業（新規）", []),
    ]
    # two legend lines a PDF joined with no space between them: split at the department's end
    joined = SENTENCES_PLAN.replace(
        "観光：観光振興課　港湾：港湾課", "観光：観光振興課港湾：港湾課"
    )
    plan = _run(tmp_path, joined, rules)
    assert [(d.abbr, d.section) for d in plan.departments] == [
        ("観光", "観光振興課"),
        ("港湾", "港湾課"),
    ]


def test_a_bureau_and_its_section_on_a_row_of_their_own(tmp_path: Path, rules: Rules) -> None:
    """`No. | 事業名 | … | 担当部局 | 担当課`: a row with no number holding a bureau and a
    section is a second department of the project above, not the rest of its section's name."""
    text = """第２章　施策

基本目標１　仕事をつくる
　企業を呼び込みます。
（１）企業誘致
指標	基準値（R5）	目標値（R11）
誘致企業数	2社	8社
No.	事業名	担当部局	担当課	事業費（千円）
1	企業誘致推進事業	産業部	企業立地課	12,000
		企画部	企画課
2	創業支援事業		商工課	3,000

第３章　推進
　検証します。
"""
    plan = _run(tmp_path, text, rules)
    assert [(p.name, p.departments) for p in plan.projects] == [
        ("企業誘致推進事業", ["産業部企業立地課", "企画部企画課"]),
        ("創業支援事業", ["産業部商工課"]),  # (the bureau merged down from its first row)
    ]
    # the second pair joined onto the first's cells (a layout of spaces reads the row so)
    joined = text.replace(
        "産業部\t企業立地課\t12,000\n\t\t企画部\t企画課", "産業部企画部\t企業立地課企画課\t12,000"
    )
    assert joined != text
    plan = _run(tmp_path, joined, rules)
    assert plan.projects[0].departments == ["産業部企業立地課", "企画部企画課"]


def test_a_plan_of_one_goal_labelled_by_a_word_no_setting_names(
    tmp_path: Path, rules: Rules
) -> None:
    """`重点分野１` alone over `ａ．` `ｂ．`: one goal and its policies (as a lone `基本目標１` is),
    not two goals with the heading above them lost."""
    text = (
        SENTENCES_PLAN[: SENTENCES_PLAN.index("重点分野２")]
        + SENTENCES_PLAN[SENTENCES_PLAN.index("第３章") :]
    )
    plan = _run(tmp_path, text, rules)
    assert [(g.goal_no, g.title) for g in plan.goals] == [(1, "港のにぎわいをつくる")]
    assert [(p.goal_no, p.policy_no, p.title) for p in plan.policies] == [
        (1, 1, "観光の振興"),
        (1, 2, "移住の促進"),
    ]
    assert [t.indicator for t in plan.numeric_targets] == ["観光入込客数", "人口の社会増減"]


SHEET_PLAN = """第４章　施策の展開

基本目標１　しごとをつくる
　地域の産業を育てます。
数値目標	指標名	基準値（R5）	目標値（R11）
	町内の従業者数	4,210人	4,400人

施策No.	1-1
名称	地場産業の振興
施策の目的	町内の企業が設備を新しくし、生産性を高める。
成果指標	指標名	基準値（R5）	目標値（R11）
	設備投資補助の件数	18件	60件
主な事業	事業名	担当課
	設備投資促進補助事業	産業振興課

施策No.	1-2
名称	農業の担い手の確保
施策の目的	新しく農業を始める人を増やし、農地を守る。
成果指標	指標名	基準値（R5）	目標値（R11）
	新規就農者数	3人	5人
主な事業	事業名	担当課
	新規就農者育成事業	農林課
"""


@pytest.mark.parametrize(
    "heading",
    [
        "施策No.\t{n}\n名称\t{title}",
        "施策番号\t{n}\t施策名\t{title}",
        "施策\t{n}　{title}",
        "施策名\t{n}　{title}",
    ],
)
def test_a_plan_printed_as_sheets_of_labelled_rows(
    heading: str, tmp_path: Path, rules: Rules
) -> None:
    """A 施策シート: the number and the title in labelled rows (`施策No. | 1-1` over `名称 | …`,
    or one row), a label printed on every sheet beside a sentence (`施策の目的 | …。`), tables
    beside a caption cell merged down (`成果指標 | 指標名 | …` over rows whose first cell is
    empty)."""
    text = re.sub(
        r"施策No\.\t(\S+)\n名称\t(\S+)",
        lambda m: heading.format(n=m.group(1), title=m.group(2)),
        SHEET_PLAN,
    )
    assert heading.format(n="1-2", title="農業の担い手の確保") in text
    plan = _run(tmp_path, text, rules)
    assert [(p.numbering, p.title) for p in plan.policies] == [
        ("1-1", "地場産業の振興"),
        ("1-2", "農業の担い手の確保"),
    ]
    assert [(t.indicator, t.baseline.value, t.target.value) for t in plan.numeric_targets] == [
        ("町内の従業者数", 4210, 4400)
    ]
    assert [(k.policy_no, k.indicator, k.baseline.value, k.target.value) for k in plan.kpis] == [
        (1, "設備投資補助の件数", 18, 60),
        (2, "新規就農者数", 3, 5),
    ]
    assert [(p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (1, "設備投資促進補助事業", ["産業振興課"]),
        (2, "新規就農者育成事業", ["農林課"]),
    ]
    assert [f.line for f in plan.findings if f.code == "parse.unparsed"] == []


def test_a_two_column_table_of_sentences_is_no_sheet(tmp_path: Path, rules: Rules) -> None:
    """A table whose first column names a project beside its summary sentence keeps its rows:
    a sheet's label is printed beside different sentences again and again, a name once."""
    text = SHEET_PLAN.replace(
        "主な事業	事業名	担当課\n	設備投資促進補助事業	産業振興課\n",
        "【主な事業】\n事業名	概要\n設備投資促進補助事業	設備の更新を補助する。\n"
        "販路開拓支援事業	展示会への出展を支援する。\n",
    )
    plan = _run(tmp_path, text, rules)
    assert [(p.policy_no, p.name) for p in plan.projects] == [
        (1, "設備投資促進補助事業"),
        (1, "販路開拓支援事業"),
        (2, "新規就農者育成事業"),
    ]


TRANSPOSED_PLAN = """第２章　施策の展開

戦略Ａ　港のにぎわいをつくる
　港を生かした観光を進めます。
【数値目標】
項目	観光入込客数	港の利用船舶数
現状（R6）	52.4万人	1,210隻
目標（R12）	60.0万人	1,300隻
施策Ａ－１　クルーズ船の誘致
　受入れ体制を整えます。
＜成果指標＞
	寄港回数	乗船客の市内消費額	港の中間支援組織の会員数
R6	年12回	3.1億円	40団体
R12	年20回	5.0億円	60団体
＜主な事業＞
(1)　クルーズ船誘致推進事業【港湾振興課】
(2)　歓迎イベント開催事業【港湾振興課・観光課】
戦略Ｂ　暮らしを支える
　医療を確保します。
施策Ｂ－１　地域医療の確保
＜成果指標＞
区分	休日当番医の診療日数
基準値（R6）	72日
目標値（R12）	72日

第３章　推進
　検証します。
"""


def test_letters_number_worded_goals_and_their_policy_paths(tmp_path: Path, rules: Rules) -> None:
    """`戦略Ａ` and `施策Ａ－１`: a capital letter after a label word numbers the level as a numeral
    does (Ｂ = 2), alone and as a path's first level."""
    plan = _run(tmp_path, TRANSPOSED_PLAN, rules)
    assert [(g.goal_no, g.title) for g in plan.goals] == [
        (1, "港のにぎわいをつくる"),
        (2, "暮らしを支える"),
    ]
    assert [(p.goal_no, p.policy_no, p.numbering, p.title) for p in plan.policies] == [
        (1, 1, "1-1", "クルーズ船の誘致"),
        (2, 1, "2-1", "地域医療の確保"),
    ]
    assert [(p.goal_no, p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (1, 1, "クルーズ船誘致推進事業", ["港湾振興課"]),
        (1, 1, "歓迎イベント開催事業", ["港湾振興課", "観光課"]),
    ]


def test_an_indicator_table_printed_turned(tmp_path: Path, rules: Rules) -> None:
    """The indicators across the header and a row for each value, led by its word and year
    (`現状（R6）`) or by the year alone (`R6`), the header's first cell blank or naming no column:
    each indicator is a record with its values' years; a row led by neither stays unread."""
    plan = _run(tmp_path, TRANSPOSED_PLAN, rules)
    rows = [
        (r.kind, r.goal_no, r.policy_no, r.indicator, r.baseline.value, r.baseline.unit,
         r.baseline.year, r.target.value, r.target.year)
        for r in [*plan.numeric_targets, *plan.kpis]
    ]  # fmt: skip
    assert rows == [
        ("numeric_target", 1, None, "観光入込客数", 52.4, "万人", 2024, 60.0, 2030),
        ("numeric_target", 1, None, "港の利用船舶数", 1210, "隻", 2024, 1300, 2030),
        ("kpi", 1, 1, "寄港回数", 12, "回", 2024, 20, 2030),
        ("kpi", 1, 1, "乗船客の市内消費額", 3.1, "億円", 2024, 5.0, 2030),
        ("kpi", 1, 1, "港の中間支援組織の会員数", 40, "団体", 2024, 60, 2030),
        ("kpi", 2, 1, "休日当番医の診療日数", 72, "日", 2024, 72, 2030),
    ]
    assert [f for f in plan.findings if f.code == "parse.unparsed"] == []
    # rows that say no value's word or year are no turned table's rows
    unled = TRANSPOSED_PLAN.replace("R6\t年12回", "港A\t年12回").replace(
        "R12\t年20回", "港B\t年20回"
    )
    plan = _run(tmp_path, unled, rules)
    assert [k.indicator for k in plan.kpis] == ["休日当番医の診療日数"]


def test_dotted_policy_paths_and_a_title_wrapped_under_its_first_character(
    tmp_path: Path, rules: Rules
) -> None:
    """`2.1　…` numbers a policy as `2-1` does (never `3.5` alone, a figure), and the rest of its
    title set in under the title's first character (a hanging indent) is the title's."""
    text = """第２章　施策の展開
基本目標2　暮らしやすいまちをつくる
　暮らしの基盤を整えます。
2.1　中心市街地の空き店舗と空き家を生かした
　　　住まいの確保
　住まいを確保します。
指標	基準値（2023年度）	目標値（2029年度）
空き家バンクの成約件数	12件	20件
2.2　公共交通の確保
　公共交通を守ります。
指標	基準値（2023年度）	目標値（2029年度）
バスの利用者数	3.5	万人
第３章　推進
　検証します。
"""
    plan = _run(tmp_path, text, rules)
    assert [(p.goal_no, p.policy_no, p.numbering, p.title) for p in plan.policies] == [
        (2, 1, "2-1", "中心市街地の空き店舗と空き家を生かした住まいの確保"),
        (2, 2, "2-2", "公共交通の確保"),
    ]
    assert [(k.policy_no, k.indicator) for k in plan.kpis][:1] == [(1, "空き家バンクの成約件数")]
    # a paragraph's first line (indented one em) is no title's rest
    para = text.replace("　　　住まいの確保\n", "")
    assert [p.title for p in _run(tmp_path, para, rules).policies][0] == (
        "中心市街地の空き店舗と空き家を生かした"
    )


def test_a_leader_of_dots_sets_an_items_departments_apart(tmp_path: Path, rules: Rules) -> None:
    """`●事業名……………課、課` (a list set like a table of contents): the name before the leader,
    the departments after it."""
    text = """第２章　施策の展開
基本目標１　しごとをつくる
　雇用を生みます。
（１）創業の支援
■主な事業
●創業塾開催事業………………………………商工課
●チャレンジショップ事業・・・・・・・・・・・商工課、都市計画課
●空き店舗活用事業...........................商工課
第３章　推進
　検証します。
"""
    plan = _run(tmp_path, text, rules)
    assert [(p.name, p.departments) for p in plan.projects] == [
        ("創業塾開催事業", ["商工課"]),
        ("チャレンジショップ事業", ["商工課", "都市計画課"]),
        ("空き店舗活用事業", ["商工課"]),
    ]


def test_a_year_printed_in_both_calendars(tmp_path: Path, rules: Rules) -> None:
    """`令和５(2023)年度` and `2029（令和11）年度`: one year, the label as printed."""
    text = """第２章　施策の展開
基本目標１　しごとをつくる
　雇用を生みます。
指標	基準値（令和５(2023)年度）	目標値（2029（令和11）年度）
市内の従業者数	28,460人	29,000人
第３章　推進
　検証します。
"""
    [target] = _run(tmp_path, text, rules).numeric_targets
    assert (target.baseline.year, target.baseline.year_label) == (2023, "令和5(2023)年度")
    assert (target.target.year, target.target.year_label) == (2029, "2029(令和11)年度")


def test_items_whose_number_a_tab_sets_apart(tmp_path: Path, rules: Rules) -> None:
    """`(2)<tab>名【課】` and `③<tab>名<tab>課` under a project caption (Word's list numbering
    copied out): projects, their departments in the bracket or the cell after the name."""
    text = """第２章　施策の展開
基本目標１　しごとをつくる
　雇用を生みます。
（１）創業の支援
＜主な事業＞
(1)\t創業塾開催事業【商工課】
(2)\tチャレンジショップ事業【商工課・都市計画課】
③\t空き店舗活用事業\t商工課
第３章　推進
　検証します。
"""
    plan = _run(tmp_path, text, rules)
    assert [(p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (1, "創業塾開催事業", ["商工課"]),
        (1, "チャレンジショップ事業", ["商工課", "都市計画課"]),
        (1, "空き店舗活用事業", ["商工課"]),
    ]


def test_a_heading_set_by_a_tab_right_after_a_note_set_so(tmp_path: Path, rules: Rules) -> None:
    """`＊1<tab>…` (a note under a table, its mark set apart by a tab) is no row of a two-column
    table: the `2.1<tab>title` under it is a heading, not that table's row."""
    text = """第２章　施策の展開
基本目標2\t暮らしやすいまちをつくる
　暮らしの基盤を整えます。
指標\t基準値（2023年度）\t目標値（2029年度）
転入者数＊1\t1,210人\t1,300人
＊1\t住民基本台帳による。
2.1\t空き家を生かした住まいの確保
　住まいを確保します。
指標\t基準値（2023年度）\t目標値（2029年度）
空き家バンクの成約件数\t12件\t20件
2.2\t公共交通の確保
　公共交通を守ります。
指標\t基準値（2023年度）\t目標値（2029年度）
バスの利用者数\t3.5万人\t4.0万人
第３章　推進
　検証します。
"""
    plan = _run(tmp_path, text, rules)
    assert [(p.policy_no, p.title) for p in plan.policies] == [
        (1, "空き家を生かした住まいの確保"),
        (2, "公共交通の確保"),
    ]
    assert [t.indicator for t in plan.numeric_targets] == ["転入者数"]
    assert [(k.policy_no, k.indicator) for k in plan.kpis] == [
        (1, "空き家バンクの成約件数"),
        (2, "バスの利用者数"),
    ]


def test_a_turned_table_broken_by_a_page(tmp_path: Path, rules: Rules) -> None:
    """A page number and a running head between a turned table's rows are passed over."""
    text = TRANSPOSED_PLAN.replace(
        "R6\t年12回\t3.1億円\t40団体\n", "R6\t年12回\t3.1億円\t40団体\n－ 7 －\n港まち総合戦略\n"
    )
    plan = _run(tmp_path, text, rules)
    assert [(k.indicator, k.target.value) for k in plan.kpis][:2] == [
        ("寄港回数", 20),
        ("乗船客の市内消費額", 5.0),
    ]


def test_a_letter_path_with_no_word(tmp_path: Path, rules: Rules) -> None:
    """`Ａ－１　…` with no label word (a title after a space) numbers a policy as `施策Ａ－１` does."""
    text = TRANSPOSED_PLAN.replace("施策Ａ－１", "Ａ－１").replace("施策Ｂ－１", "Ｂ－１")
    plan = _run(tmp_path, text, rules)
    assert [(p.goal_no, p.policy_no, p.numbering, p.title) for p in plan.policies] == [
        (1, 1, "1-1", "クルーズ船の誘致"),
        (2, 1, "2-1", "地域医療の確保"),
    ]
    assert [f.code for f in plan.findings if f.code.startswith(("parse.", "crossref."))] == []


EXPLAINED_KPI_PLAN = """第２章　施策の展開

目標１　稼ぐ力を高める
◆数値目標
指標	基準値（R5）	目標値（R11）
市内総生産	2,865億円	3,000億円

（１）地域産業の生産性の向上
　企業の生産性を高めます。
◆重要業績評価指標（ＫＰＩ）
指標	基準値（R5）	目標値（R11）	KPIの考え方
デジタル化支援を受けた事業所数	28社	150社	デジタル技術の導入は生産性の向上に直結するため、
			支援を受けた事業所の数を指標とします。
中小企業の設備投資額	1.2億円	2.0億円	制度融資と補助の実績から把握します。
◆主な取組
・中小企業デジタル化支援事業（商工労働課）

第３章　戦略の推進
　毎年度、検証します。
"""


def test_a_column_explaining_each_kpi_is_neither_its_name_nor_lost(
    tmp_path: Path, rules: Rules
) -> None:
    """`KPIの考え方` names the table's kind only in passing: the indicator is the 指標 column,
    and the explanation wrapped onto a row of its own is that prose's rest, not an unparsed row
    (each KPI had been named by its explanation, with no finding)."""
    plan = _run(tmp_path, EXPLAINED_KPI_PLAN, rules)
    assert [(k.indicator, k.baseline.value, k.target.value) for k in plan.kpis] == [
        ("デジタル化支援を受けた事業所数", 28, 150),
        ("中小企業の設備投資額", 1.2, 2.0),
    ]
    assert not [f for f in plan.findings if f.code == "parse.unparsed"]


DATED_NAMES_PLAN = """第２章　施策の展開

目標１　稼ぐ力を高める
◆数値目標
指標	目標（R11）
市内総生産（R3：2,865億円）	3,000億円
健康寿命（男性）（R4：79.8歳）	81.0歳
子育て世帯への給付額（１世帯当たり）	60,000円

（１）地域産業の生産性の向上
　企業の生産性を高めます。
◆重要業績評価指標（ＫＰＩ）
指標	基準年度	基準値	目標年度	目標値
デジタル化支援を受けた事業所数	R4	28社	R11	150社
中小企業の設備投資額		1.2億円	Ｒ１１	2.0億円
◆主な取組
・中小企業デジタル化支援事業（商工労働課）

第３章　戦略の推進
　毎年度、検証します。
"""


def test_a_dated_baseline_in_the_name_and_a_year_cell_merged_down(
    tmp_path: Path, rules: Rules
) -> None:
    """A targets-only table that prints each baseline dated in a bracket after the name gives
    the baseline (a bracket with no year stays in the name); a 基準年度 printed once for two
    rows dates both (the second row's baseline had no year)."""
    plan = _run(tmp_path, DATED_NAMES_PLAN, rules)
    assert [
        (t.indicator, t.baseline.value, t.baseline.year, t.target.value)
        for t in plan.numeric_targets
    ] == [
        ("市内総生産", 2865, 2021, 3000),
        ("健康寿命（男性）", 79.8, 2022, 81.0),
        ("子育て世帯への給付額（1世帯当たり）", None, None, 60000),
    ]
    assert [(k.baseline.year, k.target.year) for k in plan.kpis] == [(2022, 2029), (2022, 2029)]


TERMS_PLAN = """２　戦略の内容

戦略１　村の仕事をつくる
〔数値目標〕
指標	第２期目標値（R6）	現状値（R5）	第３期目標値（R11）	出典
村内の就業者数	1,250人	1,208人	1,220人	国勢調査

1-(1)　農業の担い手の確保
　新たな担い手の確保が課題です。
〔ＫＰＩ〕
指標	前期目標値	現状値（R5）	今期目標値（R11）	出典
新規就農者数	10人	6人	12人	村調べ
〔主な事業〕
・新規就農者定着支援事業（産業振興課）

３　推進体制
　毎年度、検証します。
"""


def test_an_earlier_terms_target_printed_before_the_baseline(tmp_path: Path, rules: Rules) -> None:
    """`第２期目標値（R6） | 現状値（R5） | 第３期目標値（R11）`: the header is no row of figures
    (`第２期` is a term, not a figure: the goal's table had been `parse.unparsed`), and the
    target printed before the baseline is the earlier plan's — the plan's own follows the
    baseline (every KPI had taken the 前期目標値 silently)."""
    plan = _run(tmp_path, TERMS_PLAN, rules)
    assert [
        (t.indicator, t.baseline.value, t.target.value, t.target.year)
        for t in (*plan.numeric_targets, *plan.kpis)
    ] == [("村内の就業者数", 1208, 1220, 2029), ("新規就農者数", 6, 12, 2029)]


LEGEND_LINE_PLAN = """第１章　戦略の考え方
　主な事業の担当課は略称で示します。
※担当課の略称　企政：企画政策課、子育：子育て支援課、健康：健康増進課

第２章　施策の展開

基本目標１　子育ての希望をかなえる
（１）出産・子育てへの切れ目のない支援
　妊娠期から子育て期まで切れ目なく支えます。
【重要業績評価指標（ＫＰＩ）】
指標名	基準値（R5）	目標値（R11）	担当課
保育所の待機児童数	2人	0人	子育
【具体的な施策】
事業番号	事業名	区分	担当課
2-2-1-01	産後ケア事業	拡	子育
			健康
2-2-1-02	移住子育て応援事業	新	企政
"""


def test_a_legend_of_abbreviations_on_its_captions_line(tmp_path: Path, rules: Rules) -> None:
    """`※担当課の略称　企政：企画政策課、…` is the plan's 略称 table, not a note; with it a
    department wrapped alone under an abbreviation is a second department (`子育健康` before)."""
    plan = _run(tmp_path, LEGEND_LINE_PLAN, rules)
    assert [(d.abbr, d.section) for d in plan.departments] == [
        ("企政", "企画政策課"),
        ("子育", "子育て支援課"),
        ("健康", "健康増進課"),
    ]
    assert not plan.footnotes
    assert [(p.name, p.departments) for p in plan.projects] == [
        ("産後ケア事業", ["子育", "健康"]),
        ("移住子育て応援事業", ["企政"]),
    ]


def test_a_caption_marked_as_a_bullet_with_a_bracket_after_its_words(
    tmp_path: Path, rules: Rules
) -> None:
    """`◆重要業績評価指標（ＫＰＩ）` is a caption as `◆成果指標` is (its bracket is no part of
    its length): it had been read as an action whose example was `KPI`, and
    `crossref.example_not_in_list` said the policy's list lacked a project `KPI`."""
    plan = _run(tmp_path, EXPLAINED_KPI_PLAN, rules)
    assert not plan.actions
    assert not [f for f in plan.findings if f.code == "crossref.example_not_in_list"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("指標\t", "\t"),  # the indicator's header cell left blank
        ("指標\t", "目標名\t"),  # named by a word no setting knows
        ("現状値（R5）", "直近値（R5）"),  # an actual standing for the baseline
    ],
)
def test_an_earlier_terms_target_in_a_header_read_otherwise(
    tmp_path: Path, rules: Rules, old: str, new: str
) -> None:
    """The earlier plan's target before the baseline is passed over where the indicator's
    header cell is blank or names no column (it had stopped the search for the blank cell: every
    row `parse.unparsed`), and where the baseline is an 直近値 (`第２期目標値（R6）` names a year
    too, and had been taken for the baseline)."""
    plan = _run(tmp_path, TERMS_PLAN.replace(old, new), rules)
    assert [
        (t.indicator, t.baseline.value, t.target.value, t.target.year)
        for t in (*plan.numeric_targets, *plan.kpis)
    ] == [("村内の就業者数", 1208, 1220, 2029), ("新規就農者数", 6, 12, 2029)]


TAB_UNDER_TWO_COLUMNS_PLAN = """Ⅱ　目標と施策

目標Ⅰ	稼ぐ力を高め、魅力ある雇用をつくる
◆数値目標
指標	目標（R11）
市内総生産（R3：2,865億円）	3,000億円
Ⅰ-(1)	地域産業の生産性の向上
　企業の生産性を高めます。
◆重要業績評価指標（ＫＰＩ）
指標	基準値（R5）	目標値（R11）
デジタル化支援を受けた事業所数	28社	150社
Ⅰ-(2)	観光による稼ぐ力の強化
　宿泊と消費を増やします。
◆重要業績評価指標（ＫＰＩ）
指標	基準値（R5）	目標値（R11）
観光消費額	86億円	100億円

Ⅲ　戦略の推進と検証
　毎年度、検証します。
"""


def test_a_heading_set_by_a_tab_right_under_a_two_column_table_of_values(
    tmp_path: Path, rules: Rules
) -> None:
    """`Ⅰ-(1)<tab>title` right under `指標 | 目標（R11）` rows is no row of that table: its rows
    hold a figure in the second cell, the heading words only (policy 1 had been lost, its KPI
    under no policy)."""
    plan = _run(tmp_path, TAB_UNDER_TWO_COLUMNS_PLAN, rules)
    assert [(p.policy_no, p.title) for p in plan.policies] == [
        (1, "地域産業の生産性の向上"),
        (2, "観光による稼ぐ力の強化"),
    ]
    assert [(k.policy_no, k.indicator) for k in plan.kpis] == [
        (1, "デジタル化支援を受けた事業所数"),
        (2, "観光消費額"),
    ]


MARKDOWN_WRAPPED_DEPARTMENTS = """# こまくさ村総合戦略

## 戦略１　村の仕事をつくる

### 1-(1)　農業の担い手の確保

〔ＫＰＩ〕

| 指標 | 現状値（R5） | 目標値（R11） |
|---|---|---|
| 新規就農者数 | 6人 | 10人 |

〔主な事業〕

| 事業名 | 概要 | 担当課 |
|---|---|---|
| 新規就農者定着支援事業 | 研修費を補助します。 | 産業振興課 |
| 農地保全活動支援事業 | 農地の保全活動を支援します。 | 産業振興課<br>農業委員会事務局 |
| 空き家改修補助事業 | 空き家の改修費用を補助します。 | 建設水道課<br>総務企画課 |
"""


def test_two_departments_a_cells_lines_ran_together(tmp_path: Path, rules: Rules) -> None:
    """A converter's `産業振興課<br>農業委員会事務局` joined as a wrapped cell is two departments,
    as the text's row of its own is: a 課 holds no 課 and no 事務局 (`消防本部総務課` and
    `福祉課高齢者係` stay one)."""
    path = tmp_path / "plan.md"
    path.write_text(MARKDOWN_WRAPPED_DEPARTMENTS, encoding="utf-8")
    plan = run(path, rules=rules).plan
    assert [p.departments for p in plan.projects] == [
        ["産業振興課"],
        ["産業振興課", "農業委員会事務局"],
        ["建設水道課", "総務企画課"],
    ]
