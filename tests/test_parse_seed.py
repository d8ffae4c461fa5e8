"""The parse stage on the seed plan: real values, checked against the printed text."""

from __future__ import annotations

import pytest

from extract.pipeline import RunResult


def test_counts(seed: RunResult) -> None:
    plan = seed.plan
    assert [g.goal_no for g in plan.goals] == [1, 2, 3, 4]
    assert [(p.goal_no, p.policy_no) for p in plan.policies] == [
        (g, p) for g in (1, 2, 3, 4) for p in (1, 2, 3)
    ]
    assert len(plan.numeric_targets) == 6
    assert len(plan.kpis) == 36
    assert [k.policy_no for k in plan.kpis if k.goal_no == 4] == [1, 2, 2, 2] + [3] * 7
    assert [f.footnote_no for f in plan.footnotes] == [9, 10, 11, 12, 13, 14]
    assert len([d for d in plan.departments if d.listed]) == 43
    assert len(plan.departments) == 46  # + 情統, 各公民館, 育成: used in 【】, not in the table
    assert len(plan.projects) == 345
    assert len(plan.actions) == 39
    per_list = {}
    for p in plan.projects:
        per_list[(p.goal_no, p.policy_no)] = per_list.get((p.goal_no, p.policy_no), 0) + 1
    # counted independently: rows holding 【】 between each list header and the next heading
    assert per_list == {
        (1, 1): 16,
        (1, 2): 26,
        (1, 3): 15,
        (2, 1): 21,
        (2, 2): 29,
        (2, 3): 35,
        (3, 1): 43,
        (3, 2): 32,
        (3, 3): 26,
        (4, 1): 3,
        (4, 2): 46,
        (4, 3): 53,
    }


def test_goals_and_directions(seed: RunResult) -> None:
    g1, _, g3, g4 = seed.plan.goals
    assert g1.title == "既存産業・資源を活用した魅力的なしごとづくり"
    assert g1.source_line == 57
    assert g1.basic_direction.startswith("生産年齢人口、とくに人口減少の大きな要因")
    assert g1.basic_direction.endswith("2030年までに社会動態±0を目指します。")
    # Layout spaces between Japanese and Latin text go; the raw keeps them.
    assert g3.basic_direction.startswith("ICTやデジタル技術等を活用し")
    assert g3.basic_direction_raw.startswith("ICT やデジタル技術等")
    assert g4.basic_direction.count("\n") == 1  # two paragraphs


# (line, project_id, policy_field, name, name_raw, departments, smart_city, relisted)
PROJECTS = [
    (
        101,
        "G1-P1-001",
        "子ども・子育て",
        "デジタル未来アート事業",
        "デジタル未来アート事業",
        ["スマ"],
        True,
        False,
    ),
    # first row after the footnote break (carry-down survives the interruption)
    (
        112,
        "G1-P1-007",
        "森林・林業",
        "会津地域森林資源活用事業推進協議会",
        "会津地域森林資源活用事業推進協議会",
        ["農林"],
        False,
        False,
    ),
    (
        114,
        "G1-P1-009",
        "企業立地・産業創出",
        "工業団地整備事業（工業団地整備事業特別会計）",
        "工業団地整備事業(工業団地整備事業特別会計)",
        ["企業"],
        False,
        False,
    ),
    (
        147,
        "G1-P2-019",
        "低炭素・循環型社会",
        "脱炭素先行地域推進事業",
        "脱炭素先行地域推進事業",
        ["環生"],
        True,
        True,
    ),
    (
        173,
        "G1-P3-011",
        "雇用・労働環境",
        "就職フェアinあいづ実行委員会負担金",
        "就職フェア in あいづ実行委員会負担金",
        ["商工"],
        False,
        False,
    ),
    (
        244,
        "G2-P1-006",
        "観光",
        "鶴ヶ城誘客促進事業（観光施設事業特別会計）",
        "鶴ヶ城誘客促進事業（観光施設事業特別会計）",
        ["観光"],
        False,
        False,
    ),
    (
        249,
        "G2-P1-011",
        "観光",
        "（一財）会津若松観光ビューロー補助金",
        "（一財）会津若松観光ビューロー補助金",
        ["観光"],
        False,
        False,
    ),
    # shifted: leading tab lost, name in the first column
    (
        332,
        "G2-P3-031",
        "交流・移住",
        "奨学金返還支援事業",
        "奨学金返還支援事業",
        ["地づ"],
        False,
        False,
    ),
    (
        403,
        "G3-P1-005",
        "森林・林業",
        "会津地域森林資源活用事業推進協議会",
        "会津地域森林資源活用事業推進協議会",
        ["農林"],
        False,
        True,
    ),
    # two departments in one 【】
    (455, "G3-P2-007", "治水", "溢水対策事業", "溢水対策事業", ["都計", "道路"], False, False),
    (
        470,
        "G3-P2-021",
        "地域自治・コミュニティ",
        "ICTを活用した中山間地域づくり事業",
        "ICT を活用した中山間地域づくり事業",
        ["地づ"],
        True,
        True,
    ),
    # shifted with its flag in the name column
    (
        512,
        "G3-P3-023",
        "行政運営",
        "簡単ゆびナビ窓口事業",
        "簡単ゆびナビ窓口事業",
        ["市民"],
        True,
        True,
    ),
    (
        601,
        "G4-P2-015",
        "子ども・子育て",
        "子育てのための施設等利用給付事業",
        "子育てのための施設等利用給付事業",
        ["こ保"],
        False,
        False,
    ),
    (
        666,
        "G4-P3-026",
        "学校教育",
        "特別支援学級関係費",
        "特別支援学級関係費",
        ["学教"],
        False,
        False,
    ),
    (
        676,
        "G4-P3-035",
        "地域による子ども育成",
        "地域学校協働本部事業",
        "地域学校協働本部事業",
        ["生セ", "各公民館"],
        False,
        False,
    ),
]


@pytest.mark.parametrize("expected", PROJECTS, ids=[str(p[0]) for p in PROJECTS])
def test_projects_every_column(seed: RunResult, expected: tuple) -> None:
    line, pid, field, name, name_raw, depts, flag, relisted = expected
    (p,) = [p for p in seed.plan.projects if p.source_line == line]
    assert (
        p.project_id,
        p.policy_field,
        p.name,
        p.name_raw,
        p.departments,
        p.smart_city,
        p.relisted,
    ) == (pid, field, name, name_raw, depts, flag, relisted)
    assert (p.goal_no, p.policy_no, p.seq) == (int(pid[1]), int(pid[4]), int(pid[-3:]))


def test_spaced_department_and_field_keep_raw(seed: RunResult) -> None:
    (p,) = [p for p in seed.plan.projects if p.source_line == 256]
    assert p.departments == ["観光"] and p.departments_raw == "観 光"
    (q,) = [p for p in seed.plan.projects if p.source_line == 675]
    assert (
        q.policy_field == "地域による子ども育成" and q.policy_field_raw == "地域による子ども 育成"
    )


def test_flag_column_title_is_kept(seed: RunResult) -> None:
    assert seed.plan.flag_column_titles == ["スマートシティ関連事業"]


def test_shifted_rows_are_findings(seed: RunResult) -> None:
    shifts = [(f.code, f.line) for f in seed.plan.findings if f.code == "layout.column_shift"]
    assert shifts == [("layout.column_shift", n) for n in (332, 512, 601, 602, 665, 666)]
    resumed = [f.line for f in seed.plan.findings if f.code == "layout.table_resumed"]
    assert resumed == [112, 244, 403]


def test_department_table_with_repairs(seed: RunResult) -> None:
    deps = {d.abbr: d for d in seed.plan.departments}
    # left group first, then right group: the printed reading order
    assert [d.abbr for d in seed.plan.departments][:3] == ["企画", "男女", "庁舎"]
    assert seed.plan.departments[22].abbr == "こ保"
    assert (deps["男女"].bureau, deps["男女"].section) == (
        "企画政策部",
        "企画調整課協働・男女参画室",
    )
    assert (deps["情報"].section, deps["こ家"].section) == ("情報統計課", "こども家庭課")
    # the misaligned rows 716-718, repaired
    assert (deps["税務"].bureau, deps["税務"].section, deps["税務"].repaired) == (
        "財務部",
        "税務課",
        True,
    )
    assert (deps["納税"].bureau, deps["納税"].section, deps["納税"].repaired) == (
        "財務部",
        "納税課",
        True,
    )
    assert (deps["公管"].bureau, deps["公管"].section, deps["公管"].repaired) == (
        "財務部",
        "公共施設管理課",
        True,
    )
    assert (deps["道路"].bureau, deps["道路"].section, deps["道路"].repaired) == (
        "建設部",
        "",
        True,
    )
    assert (deps["会計"].section, deps["会計"].repaired) == ("会計課", True)
    assert (deps["建住"].bureau, deps["建住"].section, deps["建住"].repaired) == (
        "建設部",
        "建築住宅課",
        False,
    )
    repaired = [
        (f.code, f.line, f.key) for f in seed.plan.findings if f.code == "layout.table_repaired"
    ]
    assert repaired == [
        ("layout.table_repaired", 716, "税務"),
        ("layout.table_repaired", 716, "道路"),
        ("layout.table_repaired", 717, "納税"),
        ("layout.table_repaired", 718, "公管"),
        ("layout.table_repaired", 718, "会計"),
    ]


def test_kpis(seed: RunResult) -> None:
    k = {r.record_id: r for r in seed.plan.kpis}
    a = k["K1-2-01"]
    assert (
        a.indicator,
        a.baseline.value,
        a.baseline.unit,
        a.baseline.year,
        a.baseline.year_label,
    ) == ("製造品出荷額/年度", 216406, "百万円", 2020, "R2")
    assert (a.target.value, a.target.year, a.target.year_label, a.target.year_from_cell) == (
        227500,
        2026,
        "令和8年度",
        False,
    )
    assert (k["K1-1-01"].footnote_no, k["K1-1-01"].indicator) == (9, "新規企業立地件数（累計）")
    assert k["K3-3-03"].baseline.value is None and k["K3-3-03"].baseline.raw == "—"
    assert (k["K3-3-03"].target.value, k["K3-3-03"].target.year) == (24, 2025)
    assert (k["K4-3-02"].target.value, k["K4-3-02"].target.qualifier) == (105.0, "以上")
    assert k["K4-1-01"].relisted and k["K4-1-01"].indicator == "出生数/年（1～12月）"
    assert (k["K3-3-01"].baseline.value, k["K3-3-01"].baseline.unit) == (306, "万件")


def test_numeric_targets(seed: RunResult) -> None:
    n = {r.record_id: r for r in seed.plan.numeric_targets}
    assert list(n) == ["N1-01", "N2-01", "N2-02", "N3-01", "N4-01", "N4-02"]
    assert (n["N1-01"].baseline.value, n["N1-01"].target.value, n["N1-01"].baseline.year) == (
        -323,
        -180,
        2022,
    )
    assert (n["N4-02"].baseline.value, n["N4-02"].baseline.year, n["N4-02"].target.value) == (
        1.41,
        2021,
        1.8,
    )
    assert (n["N2-01"].target.value, n["N2-01"].target.unit) == (400, "万人")


def test_footnotes(seed: RunResult) -> None:
    f = seed.plan.footnotes[0]
    assert (f.footnote_no, f.source_line) == (9, 108)
    assert f.text.startswith("KPI「新規企業立地件数（累計）」は令和4年度末時点で")


def test_actions_and_examples(seed: RunResult) -> None:
    acts = {(a.goal_no, a.policy_no, a.action_no): a for a in seed.plan.actions}
    a = acts[(1, 1, 1)]
    assert a.text == "企業誘致の推進"
    assert [e.example for e in a.examples] == [
        "企業誘致促進事業",
        "工業団地整備事業",
        "ICT産業集積促進事業",
    ]
    b = acts[(3, 3, 1)]  # a nested list of fields splits into one example per field
    assert [e.example_raw for e in b.examples][:2] == [
        "スマートシティ会津若松推進事業（都市OS/データ連携分野）",
        "スマートシティ会津若松推進事業（デジタル行政給付等環境構築事業）",
    ]
    c = acts[(3, 2, 1)]
    assert "公共連絡網システム利活用促進事業（あいばあ）" in [e.example_raw for e in c.examples]
    assert acts[(1, 1, 2)].text_raw.endswith("ほか")
    assert len(acts[(4, 3, 1)].examples) == 3
    assert sum(len(a.examples) for a in seed.plan.actions) == 107


def test_overview_table(seed: RunResult) -> None:
    ov = seed.plan.overview
    assert [(o.goal_no, o.policy_no) for o in ov][:4] == [(1, None), (1, 1), (1, 2), (1, 3)]
    assert len(ov) == 16
