"""`plan-extract batch` and `compare` (issue 23): plans of several municipalities in every form
`run` reads today — tab text, spaced text, a PDF, a scan — and one broken file, read into one
data package and one SQLite database; the municipality of each; a second batch after one plan is
revised; the indicator groups against a key written by hand."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

from extract.indicator_groups import core_name, load_vocabulary
from extract.municipalities import (
    check_digit,
    lines_to_identity,
    load_code_list,
    official_to_rows,
    plan_identity,
    text_to_kind,
    text_to_period,
    valid_code,
)
from extract.tables import TABLES

from .conftest import ROOT, SEED, plan_extract, require_ocr
from .render_pdf import text_to_reportlab_pdf
from .render_scan import render_scan

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


# A one-page plan of a fifth municipality, scanned by the test: indicators of its own.
SCAN_TEXT = """会津坂下町第3期総合戦略
基本目標１　ものづくりを育てる
■ 数値目標
数値目標\t基準値（R5）\t目標値（R11）
町内製造業の事業所数\t85事業所\t90事業所
■ 取組方針
取組方針１　地場産業を育てる
・販路の開拓（地場産品販路開拓事業等）
■ 重要業績評価指標（KPI）
取組方針\t重要業績評価指標（KPI）\t基準値（R5）\t目標値（R11）
１\t地場産品の展示会出展数\t4回\t8回
"""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plans folder: four municipalities in four forms, a scan and a broken PDF."""
    folder = tmp_path_factory.mktemp("corpus") / "plans"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.toml"), folder)
    shutil.copy(CORPUS / "otoineppu.txt", folder)  # tab text, no metadata
    shutil.copy(CORPUS / "fuchu.txt", folder)  # spaced text, no metadata
    text_to_reportlab_pdf((CORPUS / "date.txt").read_text(encoding="utf-8"), folder / "date.pdf")
    shutil.copy(CORPUS / "date.meta.toml", folder)
    require_ocr()
    scans = folder / "scans"
    scans.mkdir()
    text_to_reportlab_pdf(SCAN_TEXT, scans / "printed.pdf")
    render_scan(scans / "printed.pdf", scans / "scan.pdf", dpi=200)
    (scans / "printed.pdf").unlink()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")
    return folder


@pytest.fixture(scope="module")
def corpus(plans: Path) -> tuple[Path, str, str]:
    """The batch, run as a user runs it; (corpus folder, stdout, stderr)."""
    out = plans.parent / "corpus"
    done = plan_extract("batch", str(plans), "--out", str(out), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    return out, done.stdout, done.stderr


def _sources(out: Path) -> dict[str, dict[str, str]]:
    return {r["source"]: r for r in _rows(out / "data" / "sources.csv")}


def test_every_form_is_read_and_the_broken_file_is_a_row(corpus: tuple[Path, str, str]) -> None:
    out, stdout, stderr = corpus
    sources = _sources(out)
    assert set(sources) == {
        SEED.name,
        "otoineppu.txt",
        "fuchu.txt",
        "date.pdf",
        "scans/scan.pdf",
        "broken.pdf",
    }
    assert {s: r["status"] for s, r in sources.items()} == {
        **{s: "read" for s in sources if s != "broken.pdf"},
        "broken.pdf": "failed",
    }
    assert "damaged" in sources["broken.pdf"]["message"]
    formats = {r["source"]: r["source_format"] for r in _rows(out / "data" / "plans.csv")}
    assert formats == {
        SEED.name: "text",
        "otoineppu.txt": "text",
        "fuchu.txt": "text",
        "date.pdf": "pdf",
        "scans/scan.pdf": "ocr",
    }
    # the spaced text was read as one (cells placed by column)
    fuchu = next(
        r
        for r in _rows(out / "data" / "findings.csv")
        if r["plan_id"] == "132063-keikaku" and r["code"] == "parse.spaced_layout"
    )
    assert fuchu
    # progress: a status line per plan, the failure among them; the failure in the report
    assert stderr.count("[") >= 6 and "FAILED  broken.pdf" in stderr
    assert "6 files, 5 read, 0 unchanged, 1 failed" in stdout
    failed = [
        r for r in _rows(out / "data" / "batch_findings.csv") if r["code"] == "corpus.plan_failed"
    ]
    assert [r["source"] for r in failed] == ["broken.pdf"]
    assert "| broken.pdf | failed |" in (out / "report.md").read_text(encoding="utf-8")


def test_the_municipality_kind_and_period_of_each_plan(corpus: tuple[Path, str, str]) -> None:
    out, _, _ = corpus
    rows = {r["source"]: r for r in _rows(out / "municipalities.csv")}
    got = {
        s: (r["municipality_code"], r["municipality"], r["found_by"], r["kind"])
        for s, r in rows.items()
        if s not in ("broken.pdf", "scans/scan.pdf")
    }
    assert got == {
        SEED.name: ("072028", "会津若松市", "metadata", "総合戦略"),
        "otoineppu.txt": ("014702", "音威子府村", "title", "総合戦略"),
        "fuchu.txt": ("132063", "府中市", "title", "総合計画"),
        "date.pdf": ("072133", "伊達市", "metadata", "総合戦略"),
    }
    plans = {r["source"]: r for r in _rows(out / "data" / "plans.csv")}
    assert (plans["otoineppu.txt"]["period_start_fy"], plans["otoineppu.txt"]["period_end_fy"]) == (
        "2025",
        "2029",
    )
    assert (plans["fuchu.txt"]["period_start_fy"], plans["fuchu.txt"]["period_end_fy"]) == (
        "2026",
        "2030",
    )
    assert plans["date.pdf"]["plan_id"] == "072133-senryaku"
    # the scan's title, read by OCR, names its town
    assert rows["scans/scan.pdf"]["municipality_code"] == "074217"  # 会津坂下町
    # the embedded plan's metadata and text agree; no finding says otherwise
    codes = {
        r["code"]
        for r in _rows(out / "data" / "findings.csv")
        if r["code"].startswith("municipality.")
    }
    assert codes == set()


def test_one_data_package_that_validates(corpus: tuple[Path, str, str]) -> None:
    import pandas as pd
    from frictionless import validate

    out, _, _ = corpus
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "type", "note"])[:5]
    for t in TABLES:
        frame = pd.read_csv(out / "data" / f"{t.name}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns[:2]) == ["municipality_code", "plan_id"]
        parquet = pd.read_parquet(out / "parquet" / f"{t.name}.parquet")
        assert len(parquet) == len(frame) and list(parquet.columns) == list(frame.columns)
    kpis = pd.read_parquet(out / "parquet" / "kpis.parquet")
    assert kpis["baseline_value"].dtype.kind == "f" and str(kpis["goal_no"].dtype) == "int64"
    # every plan's rows are its own output folder's rows
    per_plan = sum(len(_rows(p / "kpis.csv")) for p in (out / "plans").iterdir())
    assert len(kpis) == per_plan > 40


def test_the_sqlite_database_with_keys_and_indexes(corpus: tuple[Path, str, str]) -> None:
    out, _, _ = corpus
    db = sqlite3.connect(out / "corpus.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        pk = [r[1] for r in db.execute("PRAGMA table_info(kpis)") if r[5]]
        assert pk == ["plan_id", "kpi_id"]
        fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(kpis)")}
        assert ("plans", "plan_id") in fks and ("policies", "goal_no") in fks
        indexes = {r[1] for r in db.execute("PRAGMA index_list(kpis)")}
        assert "kpis_municipality_code" in indexes
        # plain SQL across plans: the 自治会加入率 of every municipality that measures it
        rows = db.execute(
            "SELECT m.municipality, k.baseline_value, k.target_value FROM indicator_members i "
            "JOIN kpis k ON k.plan_id = i.plan_id AND k.kpi_id = i.record_id "
            "JOIN plans p ON p.plan_id = k.plan_id "
            "JOIN municipalities m ON m.code = p.municipality_code "
            "WHERE i.group_name = '自治会加入率' ORDER BY m.code"
        ).fetchall()
        assert rows == [("音威子府村", 92.5, 92.5), ("府中市", 48.2, 55.0)]
        for t in TABLES:
            n = db.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
            assert n == len(_rows(out / "data" / f"{t.name}.csv")), t.name
    finally:
        db.close()


def test_indicator_groups_against_the_key(corpus: tuple[Path, str, str]) -> None:
    out, _, _ = corpus
    key = {(r["source"], r["indicator"]): r["group"] for r in _rows(CORPUS / "key.csv")}
    plans = {r["plan_id"]: r["source"] for r in _rows(out / "data" / "plans.csv")}
    grouped = {
        (plans[r["plan_id"]], r["indicator"]): r["group_name"]
        for r in _rows(out / "data" / "indicator_members.csv")
        if plans[r["plan_id"]] != "scans/scan.pdf"  # OCR's spelling is not the key's
    }
    indicators = {
        (plans[r["plan_id"]], r["indicator"])
        for table in ("kpis", "numeric_targets")
        for r in _rows(out / "data" / f"{table}.csv")
        if plans[r["plan_id"]] != "scans/scan.pdf"
    }
    assert set(key) <= indicators  # the key names indicators the plans have
    expected = {k: key.get(k, "") for k in indicators}
    got = {k: grouped.get(k, "") for k in indicators}
    assert got == expected
    # each membership is reviewable: a method and a confidence
    members = _rows(out / "data" / "indicator_members.csv")
    assert all(r["method"] and 0 < float(r["confidence"]) <= 1 for r in members)
    fuzzy = [r for r in members if r["method"] == "vocabulary~"]
    assert fuzzy and all(float(r["confidence"]) < 1 for r in fuzzy)
    # the three indicators printed under three names each are groups of three municipalities
    groups = {r["group_name"]: r for r in _rows(out / "data" / "indicator_groups.csv")}
    for name in ("1人1日当たりごみ排出量", "公共交通の満足度", "移住相談件数"):
        assert int(groups[name]["plans"]) >= 3, name
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Largest indicator groups" in report and "| 公共交通の満足度 |" in report


def test_compare_prints_the_group_by_municipality(corpus: tuple[Path, str, str]) -> None:
    out, _, _ = corpus
    done = plan_extract("compare", str(out), "自治会加入率")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "自治会加入率: 2 indicators"
    assert any(
        "014702 音威子府村" in x and "町内会加入率" in x and "92.5%" in x and "維持" in x
        for x in lines
    )
    assert any(
        "132063 府中市" in x and "自治会・町内会への加入率" in x and "55%" in x for x in lines
    )
    # by a member's name too; an unknown name is one sentence
    assert plan_extract("compare", str(out), "町内会・自治会への加入率").stdout.startswith(
        "自治会加入率:"
    )
    missing = plan_extract("compare", str(out), "宇宙船の数")
    assert missing.returncode == 2 and "No indicator group" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_second_batch_reads_only_the_revised_plan(
    corpus: tuple[Path, str, str], tmp_path: Path
) -> None:
    out0, _, _ = corpus
    plans = tmp_path / "plans"
    shutil.copytree(out0.parent / "plans", plans)
    out = tmp_path / "corpus"
    shutil.copytree(out0, out)
    # the village revises its plan: one target raised, published under a new file name
    text = (plans / "otoineppu.txt").read_text(encoding="utf-8")
    assert "35件\t60件" in text
    (plans / "otoineppu.txt").unlink()
    (plans / "otoineppu_r2.txt").write_text(
        text.replace("35件\t60件", "35件\t80件"), encoding="utf-8"
    )
    done = plan_extract("batch", str(plans), "--out", str(out), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    sources = _sources(out)
    assert {s for s, r in sources.items() if r["read"] == "true"} == {"otoineppu_r2.txt"}
    assert sources["broken.pdf"]["status"] == "failed"  # reported again, not read again
    assert sources["otoineppu_r2.txt"]["plan_id"] == "014702-senryaku"
    assert "otoineppu.txt" not in sources
    # its records replace the predecessor's; the change is kept
    kpis = [r for r in _rows(out / "data" / "kpis.csv") if r["plan_id"] == "014702-senryaku"]
    target = {r["indicator"]: r["target_value"] for r in kpis}
    assert target["移住相談件数（年間）"] == "80"
    changes = list((out / "changes" / "014702").glob("*.csv"))
    assert len(changes) == 1
    rows = _rows(changes[0])
    assert [(r["change"], r["key"], r["field"], r["old"], r["new"]) for r in rows] == [
        ("changed", "移住相談件数（年間）", "target_value", "60", "80")
    ]
    # the other plans' folders are the same files, not written again
    before = (out0 / "plans" / "072028-senryaku" / "kpis.csv").stat()
    after = (out / "plans" / "072028-senryaku" / "kpis.csv").read_bytes()
    assert after == (out0 / "plans" / "072028-senryaku" / "kpis.csv").read_bytes() and before
    # a third batch with nothing changed reads nothing and keeps the change
    again = plan_extract("batch", str(plans), "--out", str(out), "-q")
    assert again.returncode == 0, again.stderr
    assert all(r["read"] == "false" for r in _sources(out).values())
    assert list((out / "changes" / "014702").glob("*.csv")) == changes


def test_batch_refuses_what_it_may_not_replace(
    tmp_path: Path, corpus: tuple[Path, str, str]
) -> None:
    out0, _, _ = corpus
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine", encoding="utf-8")
    done = plan_extract("batch", str(CORPUS), "--out", str(theirs))
    assert done.returncode == 2 and "not written by plan-extract" in done.stderr
    assert (theirs / "notes.txt").read_text(encoding="utf-8") == "mine"
    # `run` does not overwrite a corpus, nor `batch` a run's folder
    run_out = tmp_path / "run"
    assert (
        plan_extract("run", str(CORPUS / "otoineppu.txt"), "--out", str(run_out), "-q").returncode
        == 0
    )
    assert plan_extract("batch", str(CORPUS), "--out", str(run_out)).returncode == 2
    assert (
        plan_extract("run", str(CORPUS / "otoineppu.txt"), "--out", str(out0), "-q").returncode == 2
    )
    missing = plan_extract("batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "c"))
    assert missing.returncode == 2 and "not a folder" in missing.stderr


# --- the code list and the municipality of a plan ------------------------------------------------


def test_check_digits() -> None:
    assert check_digit("07202") == 8 and valid_code("072028")
    assert check_digit("01470") == 2 and valid_code("014702")
    assert not valid_code("072029") and not valid_code("99999") and not valid_code("999999")
    codes = load_code_list()
    assert all(valid_code(m.code) for m in codes.entries)
    towns = [m for m in codes.entries if m.name]
    assert len(towns) == 1741 and len(codes.entries) - len(towns) == 47
    assert codes.by_code["072028"].name == "会津若松市"
    assert codes.by_code["014702"].name_kana == "オトイネップムラ"


def test_the_update_script_reads_the_official_sheet(tmp_path: Path) -> None:
    """The ministry's headers (with line breaks), a code that lost its leading zero in a
    spreadsheet, half-width kana, a note under the table; a wrong check digit is refused."""
    sheet = [
        [
            "団体コード",
            "都道府県名\n（漢字）",
            "市区町村名\n（漢字）",
            "都道府県名\n（カナ）",
            "市区町村名\n（カナ）",
        ],
        ["72028", "福島県", "会津若松市", "ﾌｸｼﾏｹﾝ", "ｱｲﾂﾞﾜｶﾏﾂｼ"],
        ["010006", "北海道", None, "ﾎｯｶｲﾄﾞｳ", None],
        ["※ 令和6年1月1日現在", None, None, None, None],
    ]
    rows = official_to_rows(sheet)
    assert rows == [
        {
            "code": "010006",
            "prefecture": "北海道",
            "name": "",
            "prefecture_kana": "ホッカイドウ",
            "name_kana": "",
        },
        {
            "code": "072028",
            "prefecture": "福島県",
            "name": "会津若松市",
            "prefecture_kana": "フクシマケン",
            "name_kana": "アイヅワカマツシ",
        },
    ]
    from extract.errors import InputError

    with pytest.raises(InputError, match="check digit"):
        official_to_rows([sheet[0], ["072029", "福島県", "会津若松市", "", ""]])
    source = tmp_path / "list.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(sheet)
    target = tmp_path / "municipalities.csv"
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "update_municipalities.py"),
            str(source),
            "--out",
            str(target),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "1 prefectures, 1 municipalities" in done.stdout
    assert _rows(target)[1]["name"] == "会津若松市"


def test_a_shared_name_is_settled_by_its_prefecture_or_left_open() -> None:
    codes = load_code_list()
    alone = lines_to_identity(["府中市総合計画", "府中市長　山田 太郎"], codes)
    assert alone.code == "" and alone.candidates == ["132063 東京都府中市", "342084 広島県府中市"]
    settled = lines_to_identity(["広島県府中市", "府中市総合計画"], codes)
    assert (settled.code, settled.found_by) == ("342084", "title")
    # a longer name is not read as the shorter one inside it
    assert lines_to_identity(["東大和市総合計画"], codes).code == "132209"
    # names of neighbours in the body do not outweigh the title
    body = ["第2期音威子府村総合戦略", *[""] * 50, "中川町、美深町と連携します"]
    assert lines_to_identity(body, codes).code == "014702"
    # a prefecture's own plan
    assert lines_to_identity(["福島県総合計画", "福島県知事　内堀 雅雄"], codes).code == "070009"
    # nothing named: a finding, not a guess
    none = plan_identity({}, ["総合戦略"], codes)
    assert none.code == "" and [f.code for f in none.findings] == ["municipality.unknown"]


def test_metadata_first_and_checked() -> None:
    codes = load_code_list()
    meta = plan_identity({"municipality_code": "072133"}, ["伊達市総合戦略"], codes)
    assert (meta.code, meta.found_by, meta.findings) == ("072133", "metadata", [])
    bad = plan_identity({"municipality_code": "072029"}, ["会津若松市総合戦略"], codes)
    assert bad.code == "072028" and [f.code for f in bad.findings] == ["municipality.mismatch"]
    assert "check digit" in bad.findings[0].message
    other = plan_identity({"municipality_code": "072028"}, ["喜多方市総合計画"], codes)
    assert other.code == "072028" and [f.code for f in other.findings] == ["municipality.mismatch"]
    by_name = plan_identity({"municipality": "府中市", "prefecture": "広島県"}, [], codes)
    assert by_name.code == "342084"


def test_kind_and_period() -> None:
    assert text_to_kind("第3期会津若松市まち・ひと・しごと創生総合戦略") == "総合戦略"
    assert text_to_kind("第7次府中市総合計画　後期基本計画") == "総合計画"
    assert text_to_kind("第7次総合計画実施計画") == "実施計画"
    assert text_to_kind("はじめに") == ""
    assert text_to_period("計画期間　令和8年度～令和12年度")[1:] == (2026, 2030)
    assert text_to_period("（2026年度～2030年度）")[1:] == (2026, 2030)
    assert text_to_period("平成31年度から令和5年度まで")[1:] == (2019, 2023)
    assert text_to_period("令和元年度～５年度")[1:] == (2019, 2023)
    assert text_to_period("令和6年度の実績")[1:] == (None, None)


def test_core_names_and_the_vocabulary() -> None:
    assert core_name("新規企業立地件数（累計）") == "新規企業立地件数"
    assert core_name("ごみの総排出量（ひとり1日あたり）") == "ごみ総排出量1人1日あたり"
    assert core_name("自治会・町内会への加入率") == core_name("自治会町内会加入率")
    vocabulary = load_vocabulary(ROOT / "rules")
    names = [g.name for g in vocabulary]
    assert len(names) == len(set(names)) and "自治会加入率" in names
    assert load_vocabulary(None) == []


def test_a_batch_reads_word_excel_web_and_markdown_plans_alike(tmp_path: Path, rules) -> None:  # noqa: ANN001
    """Four villages' plans, each in another form (made from the village plan with its name
    changed): each read in its form, its municipality found in its title, its records those of
    the same text."""
    from markdown_it import MarkdownIt

    from extract.pipeline import run

    from . import forms

    village = (CORPUS / "otoineppu.txt").read_text(encoding="utf-8")
    plans = tmp_path / "plans"
    plans.mkdir()
    made = {
        "nishiokoppe.docx": ("西興部村", "015628", "docx"),
        "shimukappu.xlsx": ("占冠村", "014630", "xlsx"),
        "sarufutsu.html": ("猿払村", "015113", "html"),
        "shosanbetsu.md": ("初山別村", "014851", "markdown"),
    }
    kpis: dict[str, int] = {}
    for name, (town, _, _) in made.items():
        text = village.replace("音威子府村", town)
        (tmp_path / f"{town}.txt").write_text(text, encoding="utf-8")
        result = run(tmp_path / f"{town}.txt", rules=rules)
        kpis[town] = len(result.plan.kpis)
        path = plans / name
        if name.endswith(".docx"):
            forms.text_to_docx(text, result, path)
        elif name.endswith(".xlsx"):
            forms.text_to_xlsx(text, result, path)
        else:
            md = forms.text_to_markdown(text, result)
            if name.endswith(".html"):
                body = MarkdownIt("commonmark").enable("table").render(md)
                md = f"<!DOCTYPE html><html lang='ja'><body><main>{body}</main></body></html>"
            path.write_text(md, encoding="utf-8")
    out = tmp_path / "corpus"
    done = plan_extract("batch", str(plans), "--out", str(out), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    rows = {r["source"]: r for r in _rows(out / "data" / "plans.csv")}
    assert {s: (r["municipality_code"], r["source_format"]) for s, r in rows.items()} == {
        name: (code, form) for name, (_, code, form) in made.items()
    }
    got = {}
    for r in _rows(out / "data" / "kpis.csv"):
        got[r["municipality_code"]] = got.get(r["municipality_code"], 0) + 1
    assert got == {code: kpis[town] for town, code, _ in made.values()}
