"""Publishing: the data package validates, the open-data export follows the machine-readable rules,
the revision diff reports exactly what changed, and output is byte-for-byte deterministic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

from extract.diff import diff_tables, folder_to_tables
from extract.opendata import PublishRefused, export
from extract.pipeline import RunResult, run
from extract.publish import plan_to_files, write_folder
from extract.rules import load_rules

from .conftest import ROOT, SEED, plan_extract
from .revision import EDITS, revised_seed


@pytest.fixture(scope="module")
def out(seed: RunResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("run") / "out"
    write_folder(folder, plan_to_files(seed.plan, seed.document))
    return folder


def test_datapackage_is_valid(out: Path) -> None:
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    stats = {task.name: task.stats["rows"] for task in report.tasks}
    assert stats["projects"] == 345 and stats["project_departments"] == 347 and stats["kpis"] == 36


def test_a_broken_foreign_key_fails_validation(out: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    rows = (
        (broken / "project_departments.csv")
        .read_text(encoding="utf-8")
        .replace("G1-P1-001,スマ", "G1-P1-001,存在しない課", 1)
    )
    (broken / "project_departments.csv").write_text(rows, encoding="utf-8")
    report = validate(broken / "datapackage.json")
    assert not report.valid
    assert {e[0] for e in report.flatten(["type"])} == {"foreign-key"}


def test_unlisted_abbreviations_have_department_rows(seed: RunResult) -> None:
    unlisted = {d.abbr: d for d in seed.plan.departments if not d.listed}
    assert sorted(unlisted) == ["各公民館", "情統", "育成"]
    assert unlisted["情統"].source_line == 465


def test_publish_refuses_errors_then_exports(out: Path, tmp_path: Path) -> None:
    with pytest.raises(
        PublishRefused,
        match=r"3 error finding\(s\) stand unaccepted: abbreviation.unknown \(line 465, 情統\)",
    ):
        export(out, tmp_path / "refused")
    assert not (tmp_path / "refused").exists()
    names = export(out, tmp_path / "pub", excel=True, force=True)
    assert "072028_projects.csv" in names and "excel/072028_projects.csv" in names
    assert not [n for n in names if "findings" in n or "lines" in n]


def test_exported_csvs_open_in_pandas_with_japanese_headers(out: Path, tmp_path: Path) -> None:
    export(out, tmp_path / "pub", force=True)
    kpis = pd.read_csv(tmp_path / "pub" / "072028_kpis.csv", dtype={"全国地方公共団体コード": str})
    assert list(kpis.columns[:5]) == [
        "全国地方公共団体コード",
        "都道府県名",
        "市区町村名",
        "KPI番号",
        "基本目標番号",
    ]
    assert (kpis["全国地方公共団体コード"] == "072028").all() and (
        kpis["市区町村名"] == "会津若松市"
    ).all()
    assert str(kpis["基本目標番号"].dtype) == "int64"
    assert (
        str(kpis["現状値"].dtype) == "float64" and str(kpis["目標値年度（西暦）"].dtype) == "int64"
    )
    assert str(kpis["再掲"].dtype) == "bool"
    row = kpis.set_index("KPI番号").loc["K1-2-01"]
    assert (
        row["現状値"],
        row["現状値単位"],
        row["現状値年度（西暦）"],
        row["現状値年度（和暦）"],
    ) == (216406, "百万円", 2020, "R2")
    projects = pd.read_csv(
        tmp_path / "pub" / "072028_projects.csv", dtype={"全国地方公共団体コード": str}
    )
    assert "所管課略称" not in projects.columns  # one value per cell: see project_departments
    assert str(projects["フラグ列（○）"].dtype) == "bool" and projects["フラグ列（○）"].sum() > 0
    pd_ = pd.read_csv(tmp_path / "pub" / "072028_project_departments.csv")
    assert len(pd_) == 347


def test_excel_copies_have_a_bom_and_guard_formulas(out: Path, tmp_path: Path) -> None:
    export(out, tmp_path / "pub", excel=True, force=True)
    raw = (tmp_path / "pub" / "excel" / "072028_numeric_targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    # N1-01: the value -323 is a number and stays one; the printed cell '-323人' is text and is guarded.
    line = next(ln for ln in text.splitlines() if ",N1-01," in ln)
    assert ",-323,人," in line and ",'-323人," in line
    plain = (tmp_path / "pub" / "072028_numeric_targets.csv").read_text(encoding="utf-8")
    assert not plain.startswith("\ufeff") and ",-323人," in plain


def test_diff_reports_exactly_the_changes(tmp_path: Path, out: Path, rules) -> None:  # noqa: ANN001
    revised = run(revised_seed(tmp_path), rules=rules)
    new = tmp_path / "new"
    write_folder(new, plan_to_files(revised.plan, revised.document))
    changes = [
        (c.change, c.table, c.key, c.field, c.old, c.new)
        for c in diff_tables(folder_to_tables(out), folder_to_tables(new))
    ]
    assert sorted(changes) == sorted(EDITS)


def test_diff_cli_on_documents(tmp_path: Path) -> None:
    revised = revised_seed(tmp_path)
    result = plan_extract("diff", str(SEED), str(revised), "--out", str(tmp_path / "changes"))
    assert result.returncode == 0, result.stderr
    assert "projects moved 1" in result.stdout and "kpis changed 1" in result.stdout
    csv_text = (tmp_path / "changes" / "changes.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == "change,table,key,field,old,new,goal_no,policy_no"
    assert len(csv_text.splitlines()) == 7
    same = plan_extract("diff", str(SEED), str(SEED))
    assert "No changes." in same.stdout


def test_output_folders_are_byte_identical(tmp_path: Path) -> None:
    rules = load_rules(ROOT / "rules")
    folders = []
    for n in range(2):
        result = run(SEED, rules=rules)
        folder = tmp_path / f"run{n}"
        write_folder(folder, plan_to_files(result.plan, result.document))
        folders.append(folder)
    names = sorted(p.name for p in folders[0].iterdir())
    assert names == sorted(p.name for p in folders[1].iterdir())
    for name in names:
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name
