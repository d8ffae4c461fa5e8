"""A third plan worded otherwise: EUC-JP, 【基本目標1】, 施策 for 取組方針, a KPI header without the
word KPI, a project list without a 政策分野 column and with its own 所管課 column, ※1 markers."""

from __future__ import annotations

import pytest

from extract.pipeline import RunResult, run
from extract.rules import Rules

from .conftest import FIXTURES

THIRD = FIXTURES / "third_plan" / "plan.txt"


@pytest.fixture(scope="module")
def third(rules: Rules) -> RunResult:
    return run(THIRD, rules=rules)


def test_structure(third: RunResult) -> None:
    plan = third.plan
    assert third.document.encoding == "euc_jp"
    assert [(g.goal_no, g.title) for g in plan.goals] == [(1, "観光で稼ぐまちをつくる")]
    assert [(p.policy_no, p.title) for p in plan.policies] == [
        (1, "観光DXを進める"),
        (2, "受入環境を整える"),
    ]
    assert [e.example for a in plan.actions for e in a.examples] == [
        "観光DX推進事業",
        "宿泊データ分析事業",
        "多言語案内整備事業",
    ]
    assert plan.meta["municipality"] == "やまなみ町"


def test_values_and_markers(third: RunResult) -> None:
    (n,) = third.plan.numeric_targets
    assert (
        n.baseline.value,
        n.baseline.qualifier,
        n.target.value,
        n.target.qualifier,
        n.target.year,
    ) == (1200, "約", 1500, "以上", 2028)
    k1, k2 = third.plan.kpis
    assert (k1.indicator, k1.footnote_no, k1.target.value, k1.target.text) == (
        "観光アプリ利用者数",
        1,
        None,
        "増加",
    )
    assert (k2.policy_no, k2.target.value, k2.target.unit) == (2, 3.5, "倍")
    assert [f.footnote_no for f in third.plan.footnotes] == [1]


def test_projects_with_a_department_column(third: RunResult) -> None:
    rows = [
        (p.project_id, p.policy_field, p.name, p.departments, p.smart_city, p.relisted)
        for p in third.plan.projects
    ]
    assert rows == [
        ("G1-P1-001", "", "観光DX推進事業", ["観光"], True, False),
        ("G1-P1-002", "", "宿泊データ分析事業", ["観光", "情報"], False, False),
        ("G1-P2-001", "", "多言語案内整備事業", ["観光"], False, False),
        ("G1-P2-002", "", "観光DX推進事業", ["観光"], True, True),
    ]
    assert third.plan.projects[3].original_project_id == "G1-P1-001"
    assert [(d.abbr, d.bureau, d.section) for d in third.plan.departments] == [
        ("観光", "産業部", "観光振興課"),
        ("情報", "総務部", "情報政策課"),
    ]
    assert third.plan.flag_column_titles == ["重点"]


def test_findings(third: RunResult) -> None:
    assert [(f.code, f.line) for f in third.plan.findings] == [
        ("parse.value_not_number", 16),
        ("kpi.unit_mismatch", 17),
    ]


def test_direction_without_its_heading(tmp_path, rules: Rules) -> None:  # noqa: ANN001
    text = THIRD.read_bytes().decode("euc_jp").replace("■ 基本的方向\n", "")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = run(path, rules=rules).plan
    assert plan.goals[0].basic_direction == "観光を地域の稼ぐ力に変えます。"
    assert len(plan.numeric_targets) == 1
