"""Forms of the eleventh probe round, read by general rules: a cross-cutting goal printed after the
goals under a word of their kind (横断的目標１ after 基本目標３), policies numbered in half-width
katakana ((ｱ)), a target sentence with its baseline bracketed after the verb, a project table
that sets a KPI beside each project (事業名 | 事業概要 | KPI | 基準値 | 目標値 | 担当課), and a note
marker after a value (31.5億円※1) — and, where such a goal is not read, a finding on its line."""

from __future__ import annotations

import re
from pathlib import Path

from extract.models import Plan
from extract.parse.numbering import read_numbering
from extract.pipeline import run
from extract.rules import Rules
from extract.settings import ParseSettings

from .conftest import FIXTURES

CROSS = FIXTURES / "odan_mokuhyo_packages" / "plan.txt"
KANA = FIXTURES / "quoted_goals_kana_sentence" / "plan.txt"
ROWS = FIXTURES / "jigyo_kpi_tanto_multi" / "plan.txt"
MARKS = FIXTURES / "hoshin_year_before_value" / "plan.txt"


def _run(tmp_path: Path, text: str, rules: Rules) -> Plan:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, rules=rules).plan


def _line(text: str, no: int) -> str:
    return text.split("\n")[no - 1]


def test_a_cross_cutting_goal_after_the_goals_is_the_next_goal(rules: Rules) -> None:
    plan = run(CROSS, rules=rules).plan
    assert [g.goal_no for g in plan.goals] == [1, 2, 3, 4]
    assert plan.goals[3].title == "デジタルの力を活用し、地域の課題を解決する"
    # its targets, policies, KPIs and projects are its own, none of them goal 3's
    by_goal = {
        n: [
            len([r for r in family if r.goal_no == n])
            for family in (plan.numeric_targets, plan.policies, plan.kpis, plan.projects)
        ]
        for n in (3, 4)
    }
    assert by_goal == {3: [1, 2, 3, 5], 4: [2, 2, 3, 5]}


def test_a_cross_cutting_goal_left_unread_is_said(tmp_path: Path, rules: Rules) -> None:
    """With the goals' level named by a setting (基本目標), the 横断的目標 heading is no goal: a
    parse.level_unread on its line, its hint naming goal_level."""
    text = CROSS.read_text(encoding="utf-8")
    parse = ParseSettings(**{**rules.parse.model_dump(), "goal_level": "基本目標"})
    named = rules.with_settings(rules.settings.model_copy(update={"parse": parse}))
    plan = _run(tmp_path, text, named)
    assert len(plan.goals) == 3
    [unread] = [f for f in plan.findings if f.code == "parse.level_unread"]
    assert _line(text, unread.line).startswith("横断的目標１")
    assert unread.params["word"] == "横断的目標"
    assert "goal_level" in unread.hint


KIN_FIRST_CHILD = """第４章　基本方針と施策

基本方針１　地域の産業を伸ばす
取組方針１　農業の振興
成果指標	基準値（R5）	目標値（R11）
新規就農者数	4人	6人

基本方針２　ひとの流れをつくる
取組方針１　移住の促進
成果指標	基準値（R5）	目標値（R11）
移住者数	40人	60人
取組方針２　関係人口の創出
成果指標	基準値（R5）	目標値（R11）
ふるさと納税の寄附件数	3,000件	5,000件

第５章　計画の推進
　毎年度、検証します。
"""


def test_the_first_heading_under_a_goal_is_no_goal_of_a_kin_word(
    tmp_path: Path, rules: Rules
) -> None:
    """取組方針１ under 基本方針２ shares the goals' head noun (方針) but is met under 基本方針１
    already, and opens the goal: a policy, not a goal after it."""
    plan = _run(tmp_path, KIN_FIRST_CHILD, rules)
    assert [g.goal_no for g in plan.goals] == [1, 2]
    assert [(p.goal_no, p.policy_no) for p in plan.policies] == [(1, 1), (2, 1), (2, 2)]
    assert [(k.goal_no, k.policy_no) for k in plan.kpis] == [(1, 1), (2, 1), (2, 2)]


def test_half_width_katakana_numbers_read_as_full_width() -> None:
    for half, full in (("(ｱ)農業の振興", "(ア)農業の振興"), ("（ｲ）商工業", "（イ）商工業")):
        a, b = read_numbering(half), read_numbering(full)
        assert a is not None and b is not None
        assert (a.scheme, a.number, a.title, a.token) == (b.scheme, b.number, b.title, b.token)
    assert read_numbering("ｱｲｽｸﾘｰﾑの販売") is None  # a half-width word, no number


def test_katakana_policies_under_numbered_directions(rules: Rules) -> None:
    plan = run(KANA, rules=rules).plan
    goal1 = [(p.policy_no, p.title, p.section) for p in plan.policies if p.goal_no == 1]
    assert goal1 == [
        (1, "農業の担い手の育成", "地域産業の振興"),
        (2, "商工業の振興と事業承継", "地域産業の振興"),
        (3, "企業誘致とサテライトオフィスの誘致", "雇用の場の確保"),
    ]


def test_a_target_sentence_with_its_baseline_after_the_verb(rules: Rules) -> None:
    """`…を2029年度までに120人にします（2023年度 98人）。`: the bracket is the baseline."""
    plan = run(KANA, rules=rules).plan
    first = plan.numeric_targets[0]
    assert first.indicator == "町内事業所の新規雇用者数"
    assert (first.baseline.value, first.baseline.year, first.baseline.year_label) == (
        98,
        2023,
        "2023年度",
    )
    assert (first.target.value, first.target.year) == (120, 2029)


def test_a_kpi_beside_each_project(rules: Rules) -> None:
    """事業名 | 事業概要 | KPI | 基準値 | 目標値 | 担当課: each row a project of the policy, its KPI
    the policy's; a row with no KPI a project only; a department wrapped onto a line of its own
    the row's project's."""
    result = run(ROWS, rules=rules)
    plan = result.plan
    policy = [(p.name, p.departments) for p in plan.projects if (p.goal_no, p.policy_no) == (1, 1)]
    assert policy == [
        ("新規就農者総合支援事業", ["農林振興課"]),
        ("農地集積推進事業", ["農林振興課", "農業委員会事務局"]),
        ("スマート農業導入支援事業", ["農林振興課"]),
    ]
    assert [k.indicator for k in plan.kpis if (k.goal_no, k.policy_no) == (1, 1)] == [
        "新規就農者数",
        "担い手への農地集積率",
    ]
    akiya = next(p for p in plan.projects if p.name == "空き家バンク運営事業")
    assert akiya.departments == ["建設課", "企画政策課"]
    taiken = next(p for p in plan.projects if p.name == "体験型観光推進事業")
    assert taiken.departments == ["商工観光課", "農林振興課"]
    assert not [f for f in plan.findings if f.code == "parse.unparsed"]


def test_a_note_marker_after_a_value_is_the_indicators_note(rules: Rules) -> None:
    plan = run(MARKS, rules=rules).plan
    spend = next(t for t in plan.numeric_targets if t.indicator == "観光消費額")
    assert (spend.baseline.value, spend.baseline.unit, spend.footnote_no) == (31.5, "億円", 1)
    trips = next(k for k in plan.kpis if k.indicator == "体験プログラムの利用者数")
    assert (trips.target.value, trips.target.unit, trips.footnote_no) == (5000, "人/年", 2)
    spaced = next(k for k in plan.kpis if k.indicator == "移住支援住宅の入居率")
    assert (spaced.baseline.value, spaced.footnote_no) == (72.0, 3)
    codes = {f.code for f in plan.findings}
    assert not codes & {"kpi.footnote_unreferenced", "parse.value_not_number"}


def test_policies_numbered_in_no_form_the_outline_reads_are_said(
    tmp_path: Path, rules: Rules
) -> None:
    """The (ｱ)(ｲ) policies numbered (a)(b) instead: no level is read by that numbering, so each
    such line is a parse.unparsed/numbered_caption naming it (they were read as captions, with
    no finding, and their tables went to the 基本的方向 above)."""
    text = KANA.read_text(encoding="utf-8")
    latin = re.sub(r"^\(ｱ\)", "(a)", re.sub(r"^\(ｲ\)", "(b)", text, flags=re.M), flags=re.M)
    plan = _run(tmp_path, latin, rules)
    said = [f for f in plan.findings if f.params.get("form") == "numbered_caption"]
    numbered = [i for i, ln in enumerate(latin.split("\n"), 1) if ln.startswith(("(a)", "(b)"))]
    assert len(numbered) == 8 and [f.line for f in said] == numbered
    assert {f.params["token"] for f in said} == {"a", "b"}
    assert "accept this finding" in said[0].hint


def test_a_section_number_alone_over_its_title(tmp_path: Path, rules: Rules) -> None:
    """`（１）` on a line of its own, `地域産業の振興` under it: the title its policies carry."""
    text = KANA.read_text(encoding="utf-8")
    alone = re.sub(r"^（([０-９])）(\S+)$", r"（\1）\n\2", text, flags=re.M)
    plan = _run(tmp_path, alone, rules)
    assert [p.section for p in plan.policies if p.goal_no == 1] == [
        "地域産業の振興",
        "地域産業の振興",
        "雇用の場の確保",
    ]
    assert not [f for f in plan.findings if f.code == "parse.unparsed"]


def test_a_department_the_cell_wrapped_mid_name(tmp_path: Path, rules: Rules) -> None:
    """`企画政` and `策課` each on a line of its own under the row (a narrow 担当課 cell): one
    department, the row's project's second."""
    text = ROWS.read_text(encoding="utf-8").replace(
        "\t\t\t\t\t企画政策課", "\t\t\t\t\t企画政\n\t\t\t\t\t策課"
    )
    plan = _run(tmp_path, text, rules)
    akiya = next(p for p in plan.projects if p.name == "空き家バンク運営事業")
    assert akiya.departments == ["建設課", "企画政策課"]
