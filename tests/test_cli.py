"""The command line as a user runs it: exit codes, messages, and what is (not) written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, SEED, plan_extract


def test_help_explains() -> None:
    result = plan_extract("--help")
    assert result.returncode == 0
    assert "地方版総合戦略" in result.stdout and "run" in result.stdout
    sub = plan_extract("run", "--help")
    assert "--out" in sub.stdout and "--fail-on" in sub.stdout


def test_default_run_writes_csvs_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = plan_extract("run", "--out", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "projects 345" in result.stdout and "kpis 36" in result.stdout
    assert "findings: error 3, warning 28, info 40" in result.stdout
    assert "variants: 16 groups, 1 suspected" in result.stdout
    for name in (
        "goals",
        "policies",
        "actions",
        "action_examples",
        "numeric_targets",
        "kpis",
        "footnotes",
        "projects",
        "project_departments",
        "departments",
        "findings",
    ):
        assert (out / f"{name}.csv").is_file(), name
    assert (out / "projects.csv").read_text(encoding="utf-8").count("\n") == 346
    assert (out / "report.html").is_file() and (out / "report.md").is_file()
    # A second run replaces its own output folder.
    again = plan_extract("run", "--out", str(out), "--quiet")
    assert again.returncode == 0 and again.stdout == ""


def test_bad_inputs_exit_non_zero_with_one_sentence_and_write_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café ".encode("latin-1") * 100 + b"\xff\xfe\x80")
    not_plan = tmp_path / "novel.txt"
    not_plan.write_text("吾輩は猫である。名前はまだ無い。\n", encoding="utf-8")
    for path, words in (
        (tmp_path / "missing.txt", "no such file"),
        (empty, "is empty"),
        (binary, "binary"),
        (latin, "neither UTF-8, Shift_JIS"),
        (not_plan, "no plan content found"),
    ):
        out = tmp_path / f"out-{path.stem}"
        result = plan_extract("run", str(path), "--out", str(out))
        assert result.returncode == 2, (path, result.stderr)
        assert words in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folder left


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / "precious"
    mine.mkdir()
    (mine / "thesis.docx").write_text("do not delete", encoding="utf-8")
    result = plan_extract("run", str(SEED), "--out", str(mine))
    assert result.returncode == 2
    assert "not written by plan-extract" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["thesis.docx"]


def test_encoding_option_and_cp932(tmp_path: Path) -> None:
    sjis = tmp_path / "plan_sjis.txt"
    # CP932 has no U+2014 (—); Windows tools write U+2015 (―) for it.
    sjis.write_bytes(SEED.read_text(encoding="utf-8").replace("—", "―").encode("cp932"))
    result = plan_extract("run", str(sjis), "--out", str(tmp_path / "o"))
    assert result.returncode == 0 and "事務事業 345" in result.stdout  # the summary is Japanese
    forced = plan_extract("run", str(sjis), "--encoding", "utf-8", "--out", str(tmp_path / "o2"))
    assert forced.returncode == 2 and "not valid utf-8" in forced.stderr


def test_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    assert (
        plan_extract("run", "--out", str(tmp_path / "e"), "-q", "--fail-on", "error").returncode
        == 1
    )
    assert (
        plan_extract(
            "run",
            str(FIXTURES / "clean_plan" / "plan.txt"),
            "--out",
            str(tmp_path / "c"),
            "-q",
            "--fail-on",
            "warning",
        ).returncode
        == 0
    )
    assert (
        plan_extract("run", "--out", str(tmp_path / "a"), "-q", "--fail-on", "warning").returncode
        == 1
    )
    assert (
        plan_extract("run", "--out", str(tmp_path / "b"), "-q", "--fail-on", "never").returncode
        == 0
    )


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("plan-extract")
    assert script.exists()
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "plan-extract" in result.stdout


def test_library_warnings_go_to_the_log_never_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from extract.cli import configure_logging

    try:
        configure_logging(None)
        logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
        assert capsys.readouterr().err == ""
        log = tmp_path / "run.log"
        configure_logging(log)
        logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
        assert capsys.readouterr().err == ""
        assert "pdfminer.pdffont WARNING Could not get FontBBox" in log.read_text(encoding="utf-8")
    finally:
        logging.captureWarnings(False)
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
