"""Spelling variants on the seed: found, resolved to the right canonical form, never over-merged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.errors import RulesError
from extract.pipeline import RunResult, run
from extract.rules import load_rules
from extract.text import kana_fold

from .conftest import ROOT, SEED


def _project(result: RunResult, line: int):  # noqa: ANN202
    (p,) = [p for p in result.plan.projects if p.source_line == line]
    return p


def _groups(result: RunResult) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for v in result.plan.variants:
        groups.setdefault(v.canonical, set()).add(v.variant)
    return groups


@pytest.mark.parametrize(
    ("line", "canonical", "printed"),
    [
        (234, "湊四浜サステナブルツーリズム推進事業", "湊四浜サステイナブルツーリズム推進事業"),
        (
            467,
            "公共連絡網システム利活用促進事業（あいべあ）",
            "公共連絡網システム利活用促進事業（あいペあ）",
        ),
        (302, "保育士宿舎借上支援事業", "保育士宿舍借上支援事業"),
        (173, "就職フェアinあいづ実行委員会負担金", "就職フェア in あいづ実行委員会負担金"),
        (439, "ICTを活用した中山間地域づくり事業", "ICT を活用した中山間地域づくり事業"),
        (
            437,
            "管路の更新・耐震化事業（デジタル技術の活用と水道DXの推進）",
            "管路の更新・耐震化事業（デジタル技術の活用と水道 DX の推進）",
        ),
        (
            469,
            "スマートシティ会津若松推進事業（都市OS・データ連携分野）",
            "スマートシティ会津若松推進事業（都市 OS・データ連携分野）",
        ),
        (269, "ホタル祭り実行委員会負担金", "ホテル祭り実行委員会負担金"),
        (279, "ホタル生息地保全事業", "ホテル生息地保全事業"),
    ],
)
def test_project_names_are_canonical_with_the_print_kept(
    seed: RunResult, line: int, canonical: str, printed: str
) -> None:
    p = _project(seed, line)
    assert (p.name, p.name_raw) == (canonical, printed)


def test_policy_fields_and_examples(seed: RunResult) -> None:
    assert _project(seed, 624).policy_field == "男女共同参画"
    assert _project(seed, 624).policy_field_raw == "男女協働参画"
    assert _project(seed, 675).policy_field == "地域による子ども育成"
    examples = {e.example_raw: e.example for a in seed.plan.actions for e in a.examples}
    assert (
        examples["公共連絡網システム利活用促進事業（あいばあ）"]
        == "公共連絡網システム利活用促進事業（あいべあ）"
    )
    assert (
        examples["湊四浜サステナブルツーリズム推進事業"] == "湊四浜サステナブルツーリズム推進事業"
    )
    assert (
        examples["スマートシティ会津若松推進事業（都市OS/データ連携分野）"]
        == "スマートシティ会津若松推進事業（都市OS・データ連携分野）"
    )


def test_variant_groups_listed(seed: RunResult) -> None:
    groups = _groups(seed)
    assert groups["公共連絡網システム利活用促進事業（あいべあ）"] == {
        "公共連絡網システム利活用促進事業（あいペあ）",
        "公共連絡網システム利活用促進事業（あいべあ）",
        "公共連絡網システム利活用促進事業（あいばあ）",
    }
    assert groups["男女共同参画"] == {"男女共同参画", "男女協働参画"}
    assert groups["出生数/年（1～12月）"] == {"出生数/年(1~12月)", "出生数／年（1～12月）"}
    rows = {(v.canonical, v.variant): v for v in seed.plan.variants}
    sus = rows[("湊四浜サステナブルツーリズム推進事業", "湊四浜サステイナブルツーリズム推進事業")]
    assert (sus.count, sus.source_lines, sus.resolution, sus.rule) == (
        1,
        [234],
        "rule",
        "rules/variants.csv:2",
    )
    assert rows[("保育士宿舎借上支援事業", "保育士宿舍借上支援事業")].rule == "rules/itaiji.csv"
    # With the rules in place only the master plan's ordinal is left suspected on the seed.
    assert {(v.field, v.variant) for v in seed.plan.variants if v.resolution == "suspected"} == {
        ("mention", "第7次総合計画"),
        ("mention", "第7期総合計画"),
    }
    assert len({v.group_id for v in seed.plan.variants}) == 16
    merged = [(f.code, f.line) for f in seed.plan.findings if f.code == "variant.merged"]
    # one finding per group, at the group's first printed line
    assert (
        len(merged) == 15
        and ("variant.merged", 117) in merged
        and ("variant.merged", 269) in merged
    )


def test_look_alikes_never_merge(seed: RunResult) -> None:
    names = {p.name for p in seed.plan.projects}
    for distinct in (
        "スマートシティ会津若松推進事業（観光分野）",
        "スマートシティ会津若松推進事業（防災分野）",
        "スマートシティ会津若松推進事業（決済分野）",
        "夜間急病センター運営事業",
        "休日当番医制事業",
        "広報活動事業",
        "広聴活動事業",
        "ごみ減量化事業補助金",
        "ごみ減量化推進事業（市民団体・事業者との連携）",
    ):
        assert distinct in names
    grouped = {v.variant for v in seed.plan.variants} | {v.canonical for v in seed.plan.variants}
    assert not grouped & {
        "広報活動事業",
        "広聴活動事業",
        "夜間急病センター運営事業",
        "スマートシティ会津若松推進事業（観光分野）",
    }


def test_discovery_without_rules(tmp_path: Path) -> None:
    """With empty rules the kana misreads are still found, as suspected, with a hint."""
    result = run(SEED, rules=load_rules(tmp_path))
    suspected = {}
    for v in result.plan.variants:
        if v.resolution == "suspected":
            suspected.setdefault(v.group_id, set()).add(v.variant)
    assert sorted(map(sorted, suspected.values())) == sorted(
        [
            sorted(
                {"湊四浜サステナブルツーリズム推進事業", "湊四浜サステイナブルツーリズム推進事業"}
            ),
            sorted(
                {
                    "公共連絡網システム利活用促進事業（あいペあ）",
                    "公共連絡網システム利活用促進事業（あいべあ）",
                    "公共連絡網システム利活用促進事業（あいばあ）",
                }
            ),
            sorted(
                {
                    "スマートシティ会津若松推進事業（都市OS・データ連携分野）",
                    "スマートシティ会津若松推進事業（都市OS/データ連携分野）",
                }
            ),
            ["第7期総合計画", "第7次総合計画"],
        ]
    )
    findings = [f for f in result.plan.findings if f.code == "variant.suspected"]
    # each at its odd one out: the first line of the rarer spelling (the first line on a tie)
    assert [(f.code, f.line) for f in findings] == [
        ("variant.suspected", 40),
        ("variant.suspected", 234),
        ("variant.suspected", 366),
        ("variant.suspected", 372),
    ]
    assert all("rules/variants.csv" in f.hint for f in findings)
    # Without the itaiji table 宿舍 stays as printed: NFKC does not unify it.
    assert _project(result, 302).name == "保育士宿舍借上支援事業"


def test_a_new_rule_line_changes_the_canonical_form(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules_dir)
    before = run(SEED, rules=load_rules(rules_dir))
    assert _project(before, 162).name == "保育士宿舎借上支援事業"
    with (rules_dir / "variants.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "保育士住宅借上支援事業,保育士宿舎借上支援事業,project,test: the office renamed it\n"
        )
    after = run(SEED, rules=load_rules(rules_dir))
    assert _project(after, 162).name == "保育士住宅借上支援事業"
    assert (
        _project(after, 302).name == "保育士住宅借上支援事業"
    )  # printed 宿舍: itaiji, then the rule
    assert _project(after, 162).name_raw == "保育士宿舎借上支援事業"


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        (
            "variants.csv",
            "canonical,variant,scope,note\nA,,,why\n",
            "variants.csv:2: column 'variant' is empty",
        ),
        (
            "variants.csv",
            "canonical,variant\nA,B\n",
            "variants.csv:1: missing column(s) scope, note",
        ),
        (
            "itaiji.csv",
            "variant,canonical,note\n舍舍,舎,x\n",
            "itaiji.csv:2: itaiji entries map one character",
        ),
        ("itaiji.csv", "variant,canonical,note\nA,B,x\nB,C,y\n", "itaiji.csv:3: B→C chains"),
        (
            "kpi_direction.csv",
            "keyword,direction,note\nごみ,down,x\n",
            "kpi_direction.csv:2: direction must be",
        ),
        (
            "variants.csv",
            "canonical,variant,scope,note\nA,B,,x,extra\n",
            "variants.csv:2: more cells",
        ),
        (
            "settings.toml",
            "[parse]\nno_such = 1\n",
            "settings.toml: [parse] has no setting 'no_such'",
        ),
    ],
)
def test_malformed_rules_name_file_and_line(
    tmp_path: Path, file: str, content: str, message: str
) -> None:
    (tmp_path / file).write_text(content, encoding="utf-8")
    with pytest.raises(
        RulesError,
        match=message.replace("(", r"\(")
        .replace(")", r"\)")
        .replace("[", r"\[")
        .replace("]", r"\]"),
    ):
        load_rules(tmp_path)


def test_rules_accept_an_excel_bom(tmp_path: Path) -> None:
    (tmp_path / "variants.csv").write_bytes(
        "\ufeffcanonical,variant,scope,note\nあ,ア,,x\n".encode()
    )
    assert load_rules(tmp_path).variants[0].variant == "ア"


def test_kana_fold() -> None:
    assert kana_fold("あいペあ") == kana_fold("あいべあ") == kana_fold("アイヘア")
    assert kana_fold("サステナブル") != kana_fold("サステイナブル")
    assert kana_fold("ホテル") != kana_fold("ホタル")
