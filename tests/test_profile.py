"""The plan's profile: what the parser inferred as goals, sections (節) and policies, and the
column roles of each table; written to metadata.json, printed in the summary, overridable in
rules/settings.toml; and scope decisions that are never silent."""

from __future__ import annotations

import json
from pathlib import Path

from extract.models import LineRole
from extract.pipeline import run
from extract.publish import plan_to_files, write_folder
from extract.rules import Rules
from extract.settings import ParseSettings

from .conftest import FIXTURES

THREE_LEVEL = FIXTURES / "sogo_sesaku_three_level" / "plan.txt"


def _with_parse(rules: Rules, **words: object) -> Rules:
    settings = rules.settings.model_copy(
        update={"parse": ParseSettings(**{**rules.parse.model_dump(), **words})}
    )
    return rules.with_settings(settings)


def test_the_profile_names_each_level_and_the_column_roles(rules: Rules) -> None:
    profile = run(THREE_LEVEL, rules=rules).plan.profile
    assert profile["goals"]["scheme"] == "第:章"  # type: ignore[index]
    assert profile["goals"]["count"] == 3  # type: ignore[index]
    assert profile["sections"]["scheme"] == "n-n"  # type: ignore[index]
    assert profile["sections"]["count"] == 8  # type: ignore[index]
    assert profile["policies"]["word"] == "施策"  # type: ignore[index]
    assert profile["policies"]["count"] == 13  # type: ignore[index]
    [kpis] = [t for t in profile["tables"] if t["kind"] == "kpi"]  # type: ignore[union-attr]
    assert set(kpis["columns"]) == {"indicator", "baseline", "actual", "target"}
    assert kpis["columns"]["actual"].startswith("実績値")


def test_policies_under_sections_keep_their_path_and_printed_numbers(rules: Rules) -> None:
    plan = run(THREE_LEVEL, rules=rules).plan
    first = [(p.policy_no, p.numbering, p.section_numbering) for p in plan.policies[:4]]
    assert first[0] == (1, "1-1-1", "1-1")
    # numbered again under the next 節, counted on within the goal
    assert [p[0] for p in first] == [1, 2, 3, 4]
    assert len({p[1] for p in first}) == 4


def test_the_profile_is_in_metadata_json(rules: Rules, tmp_path: Path) -> None:
    result = run(THREE_LEVEL, rules=rules)
    out = tmp_path / "out"
    write_folder(out, plan_to_files(result.plan, result.document))
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["profile"]["policies"]["scheme"] == "施策:n-n-n"
    assert meta["profile"]["out_of_scope"]["before_goals"] > 0


def test_settings_override_the_inferred_levels(rules: Rules) -> None:
    """goal_level names the level by its word or its scheme: here the 節 are made the goals."""
    plan = run(THREE_LEVEL, rules=_with_parse(rules, goal_level="n-n")).plan
    assert [g.numbering for g in plan.goals][:3] == ["1-1", "1-2", "1-3"]
    assert [g.goal_no for g in plan.goals] == list(range(1, 9))
    assert len(plan.kpis) == 24


def test_a_table_under_an_unrecognised_heading_is_a_warning(rules: Rules, tmp_path: Path) -> None:
    text = THREE_LEVEL.read_text(encoding="utf-8")
    # the caption of one KPI table reworded into a heading no setting names, its table header
    # into one that names no indicator column
    at = text.index("■まちづくり指標")
    head = text.index("\n", at)
    header_end = text.index("\n", head + 1)
    edited = text[:at] + "■参考データ" + text[head : head + 1] + "区分\tA\tB\tC" + text[header_end:]
    src = tmp_path / "plan.txt"
    src.write_text(edited, encoding="utf-8")
    plan = run(src, rules=rules).plan
    unread = [f for f in plan.findings if f.code == "scope.table_unread"]
    assert len(unread) == 1
    line = unread[0].line
    assert line is not None and plan.line_roles[line] is LineRole.OUT_OF_SCOPE
    assert unread[0].params["lines"] >= 2


MERGED_HEADERS = """基本目標１　しごとをつくる
（１）数値目標
指標\t基準値（R6）\t目標値（R12）
従業者数\t1,000人\t1,100人
（２）具体的な施策
①　産業の振興
指標名\t数値\t
\t現状値（R6）\t目標値（R12）
創業件数\t5件\t10件
新規就農者数\t3人\t8人
事業名\t担当課
創業支援事業\t商工課
指標名\t単位\t数値\t
\t\t現状値（R6）\t目標値（R12）
観光客数\t万人\t41.6\t50.0
"""


def test_a_header_spread_over_two_rows_is_one_header(rules: Rules, tmp_path: Path) -> None:
    """`指標名 | 数値` over `| 現状値（R6） | 目標値（R12）`: a cell merged across the value
    columns; a project row just above such a header stays a project."""
    src = tmp_path / "plan.txt"
    src.write_text(MERGED_HEADERS, encoding="utf-8")
    plan = run(src, rules=rules).plan
    got = [
        (k.indicator, k.baseline.value, k.baseline.year, k.target.value, k.target.unit)
        for k in plan.kpis
    ]
    assert got == [
        ("創業件数", 5, 2024, 10, "件"),
        ("新規就農者数", 3, 2024, 8, "人"),
        ("観光客数", 41.6, 2024, 50, "万人"),
    ]
    assert [p.name for p in plan.projects] == ["創業支援事業"]
    roles = plan.line_roles
    assert roles[7] is roles[8] is LineRole.TABLE_HEADER
