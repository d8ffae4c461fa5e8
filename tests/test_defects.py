"""The defects issue 15 names, found with the right code and line: variants in prose and
footnotes, targets a footnote explains, cumulative targets below their baseline, rows shifted
right, baselines printed as a dash or 新規. On the seed, and on a test plan written for them
(tests/fixtures/defects_plan, each defect on a known line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import messages
from extract.models import Severity
from extract.pipeline import RunResult, run
from extract.rules import Rules, load_rules

from .conftest import FIXTURES, SEED

DEFECTS = FIXTURES / "defects_plan" / "plan.txt"
CLEAN = FIXTURES / "clean_plan" / "plan.txt"


@pytest.fixture(scope="module")
def defects(rules: Rules) -> RunResult:
    return run(DEFECTS, rules=rules)


def _codes(result: RunResult, *prefixes: str) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in result.plan.findings if f.code.startswith(prefixes)]


def test_every_defect_of_the_test_plan_is_found_on_its_line(defects: RunResult) -> None:
    assert [(f.code, f.line) for f in defects.plan.findings] == [
        ("layout.column_shift", 20),
        ("kpi.no_baseline", 22),
        ("kpi.no_baseline", 24),
        ("layout.column_shift", 31),
        ("layout.column_shift", 36),
        ("layout.column_shift", 47),
        ("kpi.no_baseline", 48),
        ("kpi.no_baseline", 49),
        ("kpi.no_baseline", 50),
        ("layout.column_shift", 56),
        ("variant.suspected", 8),
        ("variant.suspected", 4),
        ("variant.suspected", 22),
        ("kpi.cumulative_below_baseline", 19),
        ("kpi.target_explained", 21),
        ("kpi.cumulative_below_baseline", 23),
        ("kpi.target_explained", 47),
    ]


# --- 1. variants outside names ------------------------------------------------------------------


def test_the_seeds_master_plan_spelled_two_ways(seed: RunResult) -> None:
    assert _codes(seed, "variant.suspected") == [("variant.suspected", 40)]
    (f,) = [f for f in seed.plan.findings if f.code == "variant.suspected"]
    assert f.key == "第7次総合計画"  # five of six mentions
    assert f.message == (
        "Spellings that may name one thing: 第7次総合計画 (×5: lines 38, 108, 240, 242, 401) / "
        "第7期総合計画 (×1: line 40)."
    )
    assert messages.finding_message(f, "ja") == (
        "「第7次総合計画」（38、108、240、242、401行目）と「第7期総合計画」（40行目）は、"
        "同じものを指す表記ゆれかもしれません。"
    )
    assert "`第7次総合計画,第7期総合計画,,<why>`" in f.hint
    rows = {v.variant: v for v in seed.plan.variants if v.canonical == "第7次総合計画"}
    assert {v: (r.field, r.source_lines) for v, r in rows.items()} == {
        "第7次総合計画": ("mention", [38, 108, 240, 242, 401]),
        "第7期総合計画": ("mention", [40]),
    }


def test_mentions_are_collected_from_every_line(defects: RunResult, seed: RunResult) -> None:
    mentions = {(m.text, m.line) for m in defects.plan.mentions}
    assert {
        ("第2次総合計画", 2),  # the introduction, out of scope
        ("第2期総合戦略", 2),
        ("スマートシティ推進計画", 4),  # in 「」
        ("広報活動計画", 5),
        ("第2期総合計画", 8),  # the basic direction
        ("第2次総合計画", 25),  # a footnote
        ("観光ボランテイア登録者数", 26),  # in 「」, in a footnote
    } <= mentions
    # 第7期総合計画・行政評価・個別計画: the run ends at ・
    assert ("第7期総合計画", 40) in {(m.text, m.line) for m in seed.plan.mentions}


def test_a_rule_resolves_a_suspected_mention(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "variants.csv").write_text(
        "canonical,variant,scope,note\n第7次総合計画,第7期総合計画,,the city's 7th master plan\n",
        encoding="utf-8",
    )
    result = run(SEED, rules=load_rules(rules_dir))
    assert ("variant.suspected", 40) not in _codes(result, "variant.")
    assert ("variant.merged", 38) in _codes(result, "variant.")


def test_look_alikes_stay_apart(defects: RunResult) -> None:
    grouped = {v.variant for v in defects.plan.variants}
    # another ordinal number, another kanji: distinct things
    assert not grouped & {"第2期総合戦略", "第3期総合戦略", "広報活動計画", "広聴活動計画"}
    groups: dict[str, set[str]] = {}
    for v in defects.plan.variants:
        groups.setdefault(v.group_id, set()).add(v.variant)
    assert sorted(map(sorted, groups.values())) == [
        ["スマートシティ推進計画", "スマートシテイ推進計画"],
        ["第2期総合計画", "第2次総合計画"],
        ["観光ボランティア登録者数", "観光ボランテイア登録者数"],  # a footnote quoting a KPI
    ]


# --- 2. targets against the baseline --------------------------------------------------------------


def test_targets_a_footnote_explains_and_cumulative_targets(defects: RunResult) -> None:
    found = {f.line: f for f in defects.plan.findings if f.code.startswith("kpi.")}
    assert found[21].severity is Severity.INFO and found[21].params["footnote_no"] == 2
    assert "footnote 2 explains it" in found[21].message
    assert found[47].code == "kpi.target_explained"  # lower is better (待機児童), target above
    assert found[47].params["side"] == "above"
    assert found[19].severity is Severity.WARNING
    assert found[19].message.endswith("footnote 1 gives the reason.")  # 累計 in the indicator
    assert found[23].code == "kpi.cumulative_below_baseline"  # 累計 before the values
    assert "footnote" not in found[23].message
    assert not _codes(defects, "kpi.target_against_direction")


def test_a_cumulative_target_below_its_baseline_on_the_clean_plan(
    tmp_path: Path, rules: Rules
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        CLEAN.read_text(encoding="utf-8").replace("10件\t15件", "累計10件\t累計8件", 1),
        encoding="utf-8",
    )
    assert _codes(run(path, rules=rules), "kpi.") == [("kpi.cumulative_below_baseline", 13)]


# --- 3. rows shifted right --------------------------------------------------------------------------


def test_rows_shifted_right_are_read_in_place(defects: RunResult) -> None:
    projects = {p.source_line: p for p in defects.plan.projects}
    assert [
        (p.policy_field, p.name, p.departments, p.smart_city)
        for p in (projects[31], projects[36], projects[56])
    ] == [
        ("商工業", "地域商社育成事業", ["商工"], True),  # the name was in the ○ column
        ("観光", "空き店舗活用事業", ["商工"], False),
        ("子育て", "病児保育事業", ["こ保"], False),  # the name was in the 所管課 column
    ]
    kpis = {k.source_line: k for k in defects.plan.kpis}
    assert (kpis[20].policy_no, kpis[20].indicator, kpis[20].baseline.value) == (
        1,
        "企業誘致件数/年",
        3,
    )
    assert (kpis[47].policy_no, kpis[47].indicator, kpis[47].footnote_no) == (1, "待機児童数", 3)
    shifts = [f for f in defects.plan.findings if f.code == "layout.column_shift"]
    assert [f.params.get("form") for f in shifts] == [
        "indicator_right",
        "project_right",
        "project_right",
        "indicator_right",
        "project_right",
    ]
    lines = {line.no for line in defects.document.lines if not line.is_blank}
    assert set(defects.plan.line_roles) == lines
    assert "unparsed" not in defects.plan.line_roles.values()


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("\t商店街活性化事業【商工・企画】\t", "\t\t商店街活性化事業【商工・企画】", 20),
        ("商工業\t技能継承補助金【商工】\t", "\t商工業\t技能継承補助金【商工】\t", 23),
        ("2\t技能継承者数／年\t3人\t5人", "2\t\t技能継承者数／年\t3人\t5人", 14),
    ],
)
def test_a_stray_tab_on_the_clean_plan_is_repaired(
    tmp_path: Path, rules: Rules, old: str, new: str, line: int
) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(path, rules=rules)
    assert [(f.code, f.line) for f in result.plan.findings] == [("layout.column_shift", line)]
    clean = run(CLEAN, rules=rules)
    assert [(p.name, p.departments, p.smart_city) for p in result.plan.projects] == [
        (p.name, p.departments, p.smart_city) for p in clean.plan.projects
    ]
    assert [(k.indicator, k.policy_no) for k in result.plan.kpis] == [
        (k.indicator, k.policy_no) for k in clean.plan.kpis
    ]


# --- 4. no baseline ---------------------------------------------------------------------------------


def test_a_baseline_printed_as_a_dash_or_new(defects: RunResult, seed: RunResult) -> None:
    found = {f.line: f for f in defects.plan.findings if f.code == "kpi.no_baseline"}
    assert {n: f.params["raw"] for n, f in found.items()} == {
        22: "—",
        24: "新規",
        48: "ー",
        49: "―",
        50: "－",
    }
    assert found[24].params["form"] == "new" and "a new measure" in found[24].message
    assert all(f.severity is Severity.INFO for f in found.values())
    # not a parse failure, and not compared with the target
    assert not _codes(defects, "parse.")
    assert _codes(seed, "kpi.no_baseline") == [("kpi.no_baseline", 387)]


def test_the_clean_plan_still_gives_no_warnings(rules: Rules) -> None:
    assert not [f for f in run(CLEAN, rules=rules).plan.findings]


def test_a_row_read_as_one_cell_is_split_at_a_known_policy_field(
    tmp_path: Path, rules: Rules, seed: RunResult
) -> None:
    """A row whose cells sit a space apart (a PDF row alone at a page top reads so): the policy
    field is one this plan's lists already print, so the row is split there and reported."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    row = "公共交通\t中山間地域等高等学校等遠距離通学支援事業【地づ】※再掲\t"
    assert lines[693] == row
    lines[693] = "公共交通 中山間地域等高等学校等遠距離通学支援事業【地づ】※再掲"
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(path, rules=rules)
    got = [p for p in result.plan.projects if p.source_line == 694]
    want = [p for p in seed.plan.projects if p.source_line == 694]
    assert [p.model_dump(exclude={"policy_field_raw"}) for p in got] == [
        p.model_dump(exclude={"policy_field_raw"}) for p in want
    ]
    new = [(f.code, f.line, f.params.get("form")) for f in result.plan.findings]
    old = [(f.code, f.line, f.params.get("form")) for f in seed.plan.findings]
    assert [f for f in new if f not in old] == [("layout.column_shift", 694, "project_glued")]


def test_a_project_name_wrapped_in_its_cell_is_one_project(tmp_path: Path, rules: Rules) -> None:
    """A narrow table's row on two lines, every cell wrapped, as a PDF reading gives it: the
    name's rest (`成事業`) and the department's (`策課`) sit on the next line."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "\n".join(
            [
                "基本目標１　しごとをつくる",
                "施策１　商工業の振興",
                "■主な事業",
                "事業名\t内容\t所管課",
                "伝統工芸後継者育\t職人への弟子入り\t農林課",
                "成事業\tに対する研修費の助成\t",
                "スマートシティ推\tデータ連携基盤の\t市民課・情報政",
                "進事業\t構築とサービスの実装\t策課",
                "企業誘致推進事業\t工業団地への誘致活動\t",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    got = run(plan, rules=rules)
    assert [(p.name, p.departments) for p in got.plan.projects] == [
        ("伝統工芸後継者育成事業", ["農林課"]),
        ("スマートシティ推進事業", ["市民課", "情報政策課"]),
        ("企業誘致推進事業", []),  # a complete name: a project of its own, without a department
    ]
    assert [(f.code, f.line) for f in got.plan.findings if f.code == "layout.row_joined"] == [
        ("layout.row_joined", 6),
        ("layout.row_joined", 8),
    ]
