"""Validation checks: every defect of the seed reported once with the right code and line; a clean
plan raises nothing; each check fires on a defect injected into the clean plan."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from extract.models import Severity
from extract.pipeline import RunResult, run
from extract.rules import Rules, load_rules

from .conftest import FIXTURES, ROOT

CLEAN = FIXTURES / "clean_plan" / "plan.txt"


def codes(result: RunResult, prefix: str = "") -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in result.plan.findings if f.code.startswith(prefix)]


# The stable number of findings per code on the seed (also in the golden findings.csv).
SEED_COUNTS = {
    "abbreviation.spaced": 2,
    "abbreviation.unknown": 3,
    "abbreviation.unused": 1,
    "crossref.example_not_in_list": 4,
    "kpi.cell_year": 9,
    "kpi.cumulative_below_baseline": 1,
    "kpi.no_baseline": 1,
    "kpi.target_against_direction": 1,
    "kpi.target_explained": 3,
    "kpi.target_repeated": 1,
    "layout.column_shift": 6,
    "layout.heading_level": 8,
    "layout.table_repaired": 5,
    "layout.table_resumed": 3,
    "relisted.flag_differs": 3,
    "relisted.variant_original": 4,
    "variant.merged": 15,
    "variant.suspected": 1,
}


def test_seed_counts_per_code(seed: RunResult) -> None:
    assert dict(Counter(f.code for f in seed.plan.findings)) == SEED_COUNTS
    severities = Counter(f.severity for f in seed.plan.findings)
    assert (
        severities[Severity.ERROR],
        severities[Severity.WARNING],
        severities[Severity.INFO],
    ) == (3, 28, 40)


def test_seed_abbreviations(seed: RunResult) -> None:
    assert codes(seed, "abbreviation.") == [
        ("abbreviation.spaced", 249),
        ("abbreviation.spaced", 256),
        ("abbreviation.unknown", 465),
        ("abbreviation.unknown", 676),
        ("abbreviation.unknown", 678),
        ("abbreviation.unused", 713),
    ]
    unknown = {f.key: f for f in seed.plan.findings if f.code == "abbreviation.unknown"}
    assert set(unknown) == {"情統", "各公民館", "育成"}
    assert "nearest: 情報 = 企画政策部 情報統計課" in unknown["情統"].hint
    assert "rules/departments.csv" in unknown["各公民館"].hint
    assert "12 project(s)" in unknown["情統"].message


def test_seed_relisted(seed: RunResult) -> None:
    assert codes(seed, "relisted.") == [
        ("relisted.variant_original", 234),
        ("relisted.variant_original", 302),
        ("relisted.variant_original", 614),
        ("relisted.flag_differs", 625),
        ("relisted.flag_differs", 630),
        ("relisted.flag_differs", 631),
        ("relisted.variant_original", 493),
    ]
    by_line = {p.source_line: p for p in seed.plan.projects}
    assert (
        by_line[234].original_project_id == "G1-P1-012"
    )  # サステイナブル → サステナブル of goal 1
    assert by_line[142].original_project_id == "G1-P1-010"
    assert by_line[115].original_project_id is None
    relisted = [p for p in seed.plan.projects if p.relisted]
    assert all(p.original_project_id for p in relisted)
    assert len(relisted) == 76  # rows printing 】…※再掲 (grep -c)


def test_seed_kpis(seed: RunResult) -> None:
    assert codes(seed, "kpi.target") == [
        ("kpi.target_explained", 223),
        ("kpi.target_explained", 228),
        ("kpi.target_explained", 385),
        ("kpi.target_against_direction", 572),
        ("kpi.target_repeated", 354),
    ]
    years = [line for code, line in codes(seed, "kpi.cell_year")]
    assert sorted(years) == [90, 91, 380, 383, 386, 387, 534, 535, 563]
    # Targets below their baseline that a footnote explains (11, 12, 14) are info findings naming
    # the footnote; footnote 9's KPI counts 累計, so its target below the baseline is a warning.
    explained = {f.line: f for f in seed.plan.findings if f.code == "kpi.target_explained"}
    assert [explained[n].params["footnote_no"] for n in (223, 228, 385)] == [11, 12, 14]
    assert "footnote 14 explains it" in explained[385].message
    assert codes(seed, "kpi.cumulative_below_baseline") == [("kpi.cumulative_below_baseline", 88)]
    # The baseline printed — is no value: reported, and not compared with the target.
    assert codes(seed, "kpi.no_baseline") == [("kpi.no_baseline", 387)]
    # Lower-is-better indicators from rules/kpi_direction.csv (ごみ排出量, 少年非行, 待機児童)
    # stay quiet.
    sided = {"kpi.target_against_direction", "kpi.target_explained"}
    assert not {380, 573, 564} & {f.line for f in seed.plan.findings if f.code in sided}


def test_seed_crossrefs(seed: RunResult) -> None:
    found = [
        (f.line, f.key, f.hint.split(".")[0])
        for f in seed.plan.findings
        if f.code.startswith("crossref.")
    ]
    assert found == [
        (546, "室内遊び場の充実", "Nearest in the list: 屋内遊び場の充実"),
        (554, "特別支援教育支援員", "Nearest in the list: 特別支援教育支援員事業"),
        (
            558,
            "青少年の心を育てる市民行動プラン事業",
            "Nearest in the list: 青少年の心を育てる市民行動プラン事業費",
        ),
        (558, "少年センター運営事業", "Nearest in the list: 少年センター運営費"),
    ]


def test_seed_heading_levels(seed: RunResult) -> None:
    assert [line for _, line in codes(seed, "layout.heading_level")] == [
        347,
        349,
        356,
        358,
        364,
        370,
        549,
        560,
    ]


def test_clean_plan_has_no_errors_or_warnings(rules: Rules) -> None:
    result = run(CLEAN, rules=rules)
    assert [
        (f.code, f.line, f.message) for f in result.plan.findings if f.severity is not Severity.INFO
    ] == []
    assert len(result.plan.projects) == 6 and len(result.plan.kpis) == 3


def _mutated(tmp_path: Path, rules: Rules, *edits: tuple[str, str]) -> RunResult:
    text = CLEAN.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, rules=rules)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (
            (("\t保育所整備事業【こ保】\t", "\t保育所整備事業【こ保】※再掲\t"),),
            [("relisted.orphan", 39)],
        ),
        (
            (
                (
                    "\t技能継承補助金【商工】\t",
                    "\t技能継承補助金【商工】\t\n\t保育所整備事業【こ保】※再掲\t",
                ),
            ),
            [("relisted.original_later", 24)],
        ),
        (
            (("\t創業支援事業【商工】※再掲\t○", "\t創業支援事業【商工】\t○"),),
            [("relisted.unmarked_repeat", 24)],
        ),
        (
            (("\t創業支援事業【商工】※再掲\t○", "\t創業支援事業【企画】※再掲\t○"),),
            [("relisted.department_differs", 24)],
        ),
        (
            (("\t創業支援事業【商工】※再掲\t○", "\t創業支援事業【商工】※再掲\t"),),
            [("relisted.flag_differs", 24)],
        ),
        ((("10件\t15件", "10件\t15社"),), [("kpi.unit_mismatch", 13)]),
        ((("3人\t5人", "3人\t2人"),), [("kpi.target_against_direction", 14)]),
        (
            (("<sup>1</sup> 創業件数は", "<sup>2</sup> 創業件数は"),),
            [("kpi.footnote_missing", 13), ("kpi.footnote_unreferenced", 15)],
        ),
        (
            (("合計特殊出生率\t1.40\t1.50", "市内の従業者数\t10,000人\t10,500人"),),
            [("kpi.target_repeated", 29)],
        ),
        (
            (("1\t待機児童数\t5人\t0人", "1\t待機児童数 ※再掲\t5人\t0人"),),
            [("kpi.relisted_orphan", 35)],
        ),
        (
            (("1\t待機児童数\t5人\t0人", "1\t合計特殊出生率 ※再掲\t1.40\t1.60"),),
            [("kpi.relisted_mismatch", 35)],
        ),
        ((("(保育所整備事業等)", "(保育園整備事業等)"),), [("crossref.example_not_in_list", 32)]),
        (
            (("取組方針2 人材を育てる\n政策", "取組方針2 人財を育てる\n政策"),),
            [("crossref.title_mismatch", 21)],
        ),
        (
            (("\t商店街活性化事業【商工・企画】\t", "\t商店街活性化事業【商工・企 画】\t"),),
            [("abbreviation.spaced", 20)],
        ),
        (
            (("\t技能継承補助金【商工】\t", "\t技能継承補助金【産振】\t"),),
            [("abbreviation.unknown", 23)],
        ),
        (
            (("#### 取組方針2 人材を育てる", "##### 取組方針2 人材を育てる"),),
            [("layout.heading_level", 9)],
        ),
    ],
)
def test_each_check_fires_on_its_defect(
    tmp_path: Path, rules: Rules, edits: tuple, expected: list
) -> None:
    result = _mutated(tmp_path, rules, *edits)
    assert [
        (f.code, f.line)
        for f in result.plan.findings
        if f.severity is not Severity.INFO or f.code == "layout.heading_level"
    ] == expected


def test_a_target_printed_as_a_bound_says_its_side(tmp_path: Path, rules: Rules) -> None:
    """`2人以下` below a baseline of 3人 is the plan's aim (lower is better, the bound says so),
    not a target against the default direction; `2人` alone still is one."""
    bound = _mutated(tmp_path, rules, ("3人\t5人", "3人\t2人以下"))
    assert not codes(bound, "kpi.target_against")
    above = _mutated(tmp_path, rules, ("3人\t5人", "3人\t2人以上"))
    assert codes(above, "kpi.target_against") == [("kpi.target_against_direction", 14)]


def test_unused_table_entry_is_info(tmp_path: Path, rules: Rules) -> None:
    result = _mutated(
        tmp_path,
        rules,
        (
            "こ保	福祉部	こども保育課",
            "こ保	福祉部	こども保育課\n総務	総務部	総務課",
        ),
    )
    assert codes(result, "abbreviation.") == [("abbreviation.unused", 46)]


def test_accepted_findings_and_stale_ones(tmp_path: Path, seed: RunResult) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules_dir)
    (rules_dir / "accepted_findings.csv").write_text(
        "code,record,line,note\n"
        "kpi.target_repeated,N3-01,,goal 3 shares goal 1's target on purpose\n"
        "abbreviation.unknown,各公民館,,all community centres; the office keeps it\n"
        "layout.column_shift,,332,repair checked against the PDF\n"
        "relisted.orphan,G9-P9-999,,an old acceptance\n",
        encoding="utf-8",
    )
    result = run(ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt", rules=load_rules(rules_dir))
    accepted = sorted((f.code, f.line, f.accepted_note) for f in result.plan.findings if f.accepted)
    assert accepted == [
        ("abbreviation.unknown", 676, "all community centres; the office keeps it"),
        ("kpi.target_repeated", 354, "goal 3 shares goal 1's target on purpose"),
        ("layout.column_shift", 332, "repair checked against the PDF"),
    ]
    assert codes(result, "rules.") == [("rules.stale_acceptance", None)]
    live = Counter(f.severity for f in result.plan.findings if not f.accepted)
    assert live[Severity.ERROR] == 2  # 情統 and 育成 remain
    assert len(result.plan.findings) == len(seed.plan.findings) + 1


def test_a_department_fix_resolves_an_abbreviation(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules_dir)
    with (rules_dir / "departments.csv").open("a", encoding="utf-8") as fh:
        fh.write("情統,情報,,,the table's 情報 is 情報統計課; the lists print 情統\n")
    result = run(ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt", rules=load_rules(rules_dir))
    assert [f.key for f in result.plan.findings if f.code == "abbreviation.unknown"] == [
        "各公民館",
        "育成",
    ]
    assert not [
        f for f in result.plan.findings if f.code == "abbreviation.unused"
    ]  # 情報 is used now
