"""A second plan, written for the tests: another city, other counts of goals, policies and rows,
another title for the ○ column, other year columns (R5 → R11), CRLF line endings, full-width
digits in headings, no markdown, and a three-group abbreviation table. No code change."""

from __future__ import annotations

from extract.pipeline import RunResult


def test_structure(second: RunResult) -> None:
    plan = second.plan
    assert [(g.goal_no, g.title) for g in plan.goals] == [
        (1, "港のにぎわいと雇用をつくる"),
        (2, "安心して子育てできるまちをつくる"),
        (3, "歩いて暮らせるまちをつくる"),
    ]
    assert [(p.goal_no, p.policy_no) for p in plan.policies] == [
        (1, 1),
        (1, 2),
        (2, 1),
        (2, 2),
        (2, 3),
        (2, 4),
        (3, 1),
    ]
    assert (
        plan.goals[1].basic_direction
        == "妊娠期から子育て期までの切れ目ない支援により、子育て世代の定住を促進します。"
    )
    assert plan.flag_column_titles == ["DX関連"]
    assert plan.meta["municipality"] == "みなと市"


def test_indicators_use_their_own_year_columns(second: RunResult) -> None:
    plan = second.plan
    assert len(plan.numeric_targets) == 4 and len(plan.kpis) == 8
    k = {r.record_id: r for r in plan.kpis}
    assert (k["K1-2-01"].baseline.year, k["K1-2-01"].target.year, k["K1-2-01"].footnote_no) == (
        2023,
        2029,
        1,
    )
    assert (
        k["K1-2-02"].policy_no,
        k["K1-2-02"].baseline.value,
        k["K1-2-02"].baseline.unit,
        k["K1-2-02"].target.qualifier,
    ) == (2, 8.5, "万人", "以上")
    assert (k["K2-4-01"].baseline.value, k["K2-4-01"].target.value, k["K2-4-01"].target.year) == (
        None,
        80,
        2027,
    )
    n = {r.record_id: r for r in plan.numeric_targets}
    assert (n["N3-01"].baseline.value, n["N3-01"].baseline.unit) == (-2.1, "%")
    assert [f.footnote_no for f in plan.footnotes] == [1]


def test_projects(second: RunResult) -> None:
    plan = second.plan
    assert len(plan.projects) == 14
    by_line = {p.source_line: p for p in plan.projects}
    p = by_line[29]
    assert (p.project_id, p.name, p.departments, p.smart_city) == (
        "G1-P1-002",
        "水産加工DX推進事業",
        ["水産", "商工"],
        True,
    )
    r = by_line[35]
    assert (r.project_id, r.relisted, r.smart_city) == ("G1-P2-004", True, True)
    assert by_line[34].name == "港湾DX推進事業" and by_line[34].name_raw == "港湾ＤＸ推進事業"
    shifted = by_line[67]
    assert (shifted.project_id, shifted.policy_field, shifted.name, shifted.smart_city) == (
        "G2-P2-003",
        "子育て",
        "保育所入所事務",
        True,
    )
    assert [(f.code, f.line) for f in plan.findings if f.severity.value != "info"][:1] == [
        ("layout.column_shift", 67)
    ]


def test_three_group_department_table(second: RunResult) -> None:
    deps = [(d.abbr, d.bureau, d.section) for d in second.plan.departments]
    assert deps == [
        ("水産", "産業振興部", "水産課"),
        ("商工", "産業振興部", "商工課"),
        ("観光", "産業振興部", "観光課"),
        ("健康", "福祉部", "健康推進課"),
        ("保育", "福祉部", "保育課"),
        ("学校", "教育委員会", "学校教育課"),
        ("都市", "都市整備部", "都市計画課"),
        ("港湾", "都市整備部", "港湾課"),
    ]
    assert not [f for f in second.plan.findings if f.code.startswith("parse.")]
