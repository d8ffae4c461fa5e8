"""Faults, hostile input and hand-edited folders: one sentence on stderr naming the path and what
to do, exit status 2, no traceback, nothing left behind, and nothing of the user's touched."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from frictionless import validate

from extract import cli
from extract.diff import Change, md_code, summary
from extract.errors import InputError, OutputError
from extract.ingest.text import path_to_text
from extract.opendata import _guard, export
from extract.pipeline import RunResult, run
from extract.publish import (
    MARKER,
    marker_text,
    plan_to_files,
    read_marker,
    remove_stale,
    write_folder,
)
from extract.rules import Rules

from .conftest import FIXTURES, ROOT, SEED, plan_extract, require_ocr, table_key_problems

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")


def _one_sentence(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def out(seed: RunResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "out"
    write_folder(folder, plan_to_files(seed.plan, seed.document))
    return folder


def _copy(out: Path, tmp_path: Path, name: str = "copy") -> Path:
    copy = tmp_path / name
    shutil.copytree(out, copy)
    return copy


# --- 1. where the output goes -------------------------------------------------------------------


def _run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """The command line while `folder` is read-only — meaningful as root too (CI runs as root,
    and chmod stops no root): a read-only bind mount in a private mount namespace, else the
    command as the unprivileged user nobody; None when this machine allows neither."""
    run_as: dict[str, object] = {}
    if os.geteuid() == 0:
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        unshare = ["unshare", "-m", "sh", "-c", script, str(folder)]
        if shutil.which("unshare") and shutil.which("mount"):
            if subprocess.run([*unshare, "true"], capture_output=True).returncode == 0:
                return subprocess.run(
                    [*unshare, sys.executable, "-m", "extract", *args],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
        run_as = {"user": 65534}
    folder.chmod(0o555)
    try:
        return subprocess.run(
            [sys.executable, "-m", "extract", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            **run_as,  # type: ignore[arg-type]
        )
    except PermissionError:  # nobody may not reach this interpreter
        return None
    finally:
        folder.chmod(0o755)


def test_out_under_a_read_only_folder() -> None:
    # Beside /tmp, not in pytest's 0700 tmp_path: the fallback runs the command as nobody.
    base = Path(tempfile.mkdtemp(prefix="plan-extract-ro."))
    try:
        base.chmod(0o755)
        locked = base / "locked"
        locked.mkdir()
        (locked / "mine.txt").write_text("keep", encoding="utf-8")
        # A fault that root meets too: the parent is a file.
        result = plan_extract("run", str(SEED), "--out", str(locked / "mine.txt" / "out"))
        _one_sentence(result, "mine.txt is a file, not a folder", "choose another --out")
        assert _snapshot(locked) == {"mine.txt": b"keep"}
        for out in (locked / "out", locked / "deeper" / "out"):
            result = _run_read_only(locked, "run", str(SEED), "--out", str(out), "-q")
            if result is None:
                pytest.skip("no read-only folder for root here: no mount namespace, no setuid")
            _one_sentence(result, str(locked), "choose an --out folder you can write to")
            assert _snapshot(locked) == {"mine.txt": b"keep"}
        assert _leftovers(base) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_out_dot_in_an_empty_folder(tmp_path: Path) -> None:
    here = tmp_path / "empty"
    here.mkdir()
    for out in (".", "..", str(here)):
        result = plan_extract("run", str(SEED), "--out", out, cwd=here)
        _one_sentence(result, f"{out} is the current folder", "give a new folder name")
        assert list(here.iterdir()) == []
        assert [p.name for p in tmp_path.iterdir()] == ["empty"]


def test_out_a_symbolic_link_to_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    link_path = tmp_path / "L"
    link_path.symlink_to(target)
    result = plan_extract("run", str(SEED), "--out", str(link_path))
    _one_sentence(result, f"{link_path} is a symbolic link", "give the folder itself")
    assert link_path.is_symlink() and list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["L", "target"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    out = tmp_path / "a" / "b" / "out"
    calls = []

    def full_disk(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self.name)
        if len(calls) > 2:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    original = Path.write_text
    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(OutputError, match="No space left on device; choose an --out folder"):
        write_folder(out, {"goals.csv": "x\n", "policies.csv": "y\n", "kpis.csv": "z\n"})
    assert list(tmp_path.iterdir()) == []  # not even the parents it created


def test_a_failed_replace_puts_the_previous_output_back(
    tmp_path: Path,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    previous = _copy(out, tmp_path, "out")
    before = _snapshot(previous)
    original = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self.name.endswith(".tmp") and ".old-" not in self.name:
            raise OSError(5, "Input/output error")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OutputError, match="Could not write .*Input/output error"):
        write_folder(previous, {"goals.csv": "x\n"})
    assert _snapshot(previous) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


# --- 2. what may be replaced --------------------------------------------------------------------


def test_the_marker_names_the_command_and_every_file(out: Path) -> None:
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["kind"] == "run"
    assert set(marker["files"]) == {p.name for p in out.iterdir()} - {MARKER}
    assert read_marker(out).kind == "run"  # type: ignore[union-attr]


def test_the_input_inside_the_output_folder_is_refused(tmp_path: Path, out: Path) -> None:
    mk = tmp_path / "mk"
    mk.mkdir()
    shutil.copy(SEED, mk / "myplan.txt")
    (mk / "notes.txt").write_text("my notes", encoding="utf-8")
    before = _snapshot(mk)
    result = plan_extract("run", str(mk / "myplan.txt"), "--out", str(mk))
    _one_sentence(result, f"{mk} holds {mk / 'myplan.txt'}", "outside it")
    assert _snapshot(mk) == before
    # Even when the folder is an earlier run's output, the plan in it is never deleted.
    earlier = _copy(out, tmp_path, "earlier")
    shutil.copy(SEED, earlier / "myplan.txt")
    before = _snapshot(earlier)
    result = plan_extract("run", str(earlier / "myplan.txt"), "--out", str(earlier))
    _one_sentence(result, "which this command reads")
    assert _snapshot(earlier) == before
    assert _leftovers(tmp_path) == []


def test_a_file_plan_extract_did_not_write_is_never_deleted(tmp_path: Path, out: Path) -> None:
    mine = _copy(out, tmp_path)
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    (mine / "drafts").mkdir()
    before = _snapshot(mine)
    result = plan_extract("run", str(SEED), "--out", str(mine), "-q")
    _one_sentence(result, "holds files plan-extract did not write (drafts, notes.txt)")
    assert _snapshot(mine) == before
    # Without them, the folder is replaced as before.
    (mine / "notes.txt").unlink()
    (mine / "drafts").rmdir()
    assert plan_extract("run", str(SEED), "--out", str(mine), "-q").returncode == 0
    assert _leftovers(tmp_path) == []


def test_publish_and_diff_never_replace_a_run_output(tmp_path: Path, out: Path) -> None:
    x = _copy(out, tmp_path, "x")
    before = _snapshot(x)
    result = plan_extract("publish", str(x), "--to", str(x), "--force")
    _one_sentence(result, f"{x} is {x}, which this command reads")
    result = plan_extract("publish", str(x), "--to", str(x / "pub"), "--force")
    _one_sentence(result, "is inside", "choose an --to folder outside it")
    a = x
    b = _copy(out, tmp_path, "b")
    result = plan_extract("diff", str(a), str(b), "--out", str(a))
    _one_sentence(result, "which this command reads")
    other = _copy(out, tmp_path, "other")
    other_before = _snapshot(other)
    result = plan_extract("diff", str(a), str(b), "--out", str(other))
    _one_sentence(result, "holds the output of `plan-extract run`", "choose another --out")
    result = plan_extract("publish", str(a), "--to", str(other), "--force")
    _one_sentence(result, "holds the output of `plan-extract run`", "choose another --to")
    assert _snapshot(x) == before and _snapshot(other) == other_before
    # Each command replaces its own kind of folder.
    pub = tmp_path / "pub"
    for _ in range(2):
        assert plan_extract("publish", str(a), "--to", str(pub), "--force", "-q").returncode == 0
    assert read_marker(pub).kind == "publish"  # type: ignore[union-attr]
    result = plan_extract("run", str(SEED), "--out", str(pub), "-q")
    _one_sentence(result, "holds the output of `plan-extract publish`")
    changes = tmp_path / "changes"
    for _ in range(2):
        assert plan_extract("diff", str(a), str(b), "--out", str(changes), "-q").returncode == 0
    assert read_marker(changes).kind == "diff"  # type: ignore[union-attr]
    assert _leftovers(tmp_path) == []


def test_an_output_of_the_first_versions_is_still_replaced(tmp_path: Path, out: Path) -> None:
    """Their marker was one line without a kind or a list: the file names say what it is."""
    old = _copy(out, tmp_path)
    (old / MARKER).write_text(
        "This folder is written by plan-extract; it replaces it on each run.\n", encoding="utf-8"
    )
    assert plan_extract("run", str(SEED), "--out", str(old), "-q").returncode == 0
    assert read_marker(old).kind == "run"  # type: ignore[union-attr]
    (old / MARKER).write_text("written by plan-extract\n", encoding="utf-8")
    (old / "thesis.docx").write_text("mine", encoding="utf-8")
    result = plan_extract("run", str(SEED), "--out", str(old), "-q")
    _one_sentence(result, "did not write (thesis.docx)")
    assert (old / "thesis.docx").read_text(encoding="utf-8") == "mine"


def test_output_folders_follow_the_umask(tmp_path: Path) -> None:
    for umask, mode in ((0o022, 0o755), (0o027, 0o750)):
        out = tmp_path / f"out{umask:o}"
        result = subprocess.run(
            [sys.executable, "-m", "extract", "run", str(SEED), "--out", str(out), "-q"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=lambda u=umask: os.umask(u),  # noqa: PLW1509 - the child's umask
        )
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(out.stat().st_mode) == mode
        assert stat.S_IMODE((out / "goals.csv").stat().st_mode) == mode & 0o666


# --- 3. hostile text in changes.md --------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)>"


def _outside_code_spans(markdown: str) -> str:
    """The Markdown with its code spans removed (CommonMark: a backtick string closes only at a
    backtick string of the same length)."""
    return re.sub(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", "", markdown, flags=re.S)


def test_changes_md_quotes_every_printed_string(tmp_path: Path) -> None:
    lines = list(SEED_LINES)
    no = next(i for i, line in enumerate(lines) if "会津まつり協会負担金【観光】" in line)
    lines[no] = lines[no].replace(
        "会津まつり協会負担金【観光】", f"{HOSTILE}【<svg onload=alert(5)>】"
    )
    kpi = next(i for i, line in enumerate(lines) if "5%\t40%" in line)
    lines[kpi] = lines[kpi].replace("5%\t40%", "5%\t`<b>`40%")
    revised = tmp_path / "revised<script>.txt"
    revised.write_text("\n".join(lines), encoding="utf-8")
    result = plan_extract("diff", str(SEED), str(revised), "--out", str(tmp_path / "changes"))
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "changes" / "changes.md").read_text(encoding="utf-8")
    assert "<img src=x onerror=alert" in md and "<svgonload=alert(5)>" in md  # shown, as text
    assert "<" not in _outside_code_spans(md)
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # the check above stands alone
        return
    html = MarkdownIt("commonmark").render(md)
    assert "<img" not in html and "<svg" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert" in html


def test_md_code_spans_hold_any_text() -> None:
    assert md_code("") == "(empty)"
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x`") == "`` `x` ``"
    assert md_code("one\ntwo") == "`one ↵ two`"
    text = summary(
        [Change("changed", "kpis", "<i>k</i>", "target_value", "", "``3``", "1", "")], "a", "b"
    )
    assert "<" not in _outside_code_spans(text)


# --- 4. duplicate keys --------------------------------------------------------------------------


def _with(tmp_path: Path, edits: list[tuple[int, str]], name: str = "plan.txt") -> Path:
    """The seed with lines inserted: (index, text), applied from the last."""
    lines = list(SEED_LINES)
    for index, text in sorted(edits, reverse=True):
        lines.insert(index, text)
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _line(words: str) -> int:
    return next(i for i, line in enumerate(SEED_LINES) if line.startswith(words))


ABBR = _line("企画\t企画政策部")  # 企画 … こ保 … row of the 略称対応表
FOOTNOTE = _line("<sup>10</sup>")


def _duplicates(tmp_path: Path) -> Path:
    return _with(
        tmp_path,
        [
            (ABBR + 1, SEED_LINES[ABBR]),  # the same row twice
            (ABBR + 1, "企画\t総務部\t別の課\t\t\t"),  # 企画 again, other content
            (FOOTNOTE + 1, SEED_LINES[FOOTNOTE]),  # footnote 10 twice, identical
            (FOOTNOTE + 1, "<sup>9</sup> 別の注記。"),  # footnote 9 again, other text
        ],
    )


def test_duplicate_keys_are_findings_and_the_tables_keep_their_keys(
    tmp_path: Path, rules: Rules
) -> None:
    path = _duplicates(tmp_path)
    plan = run(path, rules=rules).plan
    printed = path.read_text(encoding="utf-8").split("\n")
    dups = sorted(
        (f.record_id, f.severity.value, printed[f.line - 1])  # type: ignore[operator]
        for f in plan.findings
        if f.code == "layout.duplicate_row"
    )
    assert dups == sorted(
        [
            ("D:企画", "error", "企画\t総務部\t別の課\t\t\t"),  # other content: an error
            ("D:企画", "warning", SEED_LINES[ABBR]),  # the same row again: 企画 and こ保
            ("D:こ保", "warning", SEED_LINES[ABBR]),
            ("F9", "error", "<sup>9</sup> 別の注記。"),
            ("F10", "warning", SEED_LINES[FOOTNOTE]),
        ]
    )
    departments = {d.abbr: d for d in plan.departments}
    assert departments["企画"].section == "企画調整課"
    assert departments["企画"].source_line == printed.index(SEED_LINES[ABBR]) + 1
    assert [f.footnote_no for f in plan.footnotes].count(10) == 1
    assert table_key_problems(plan) == []
    # The rows left out keep their role: nothing is lost, and their finding points at them.
    for f in plan.findings:
        if f.code == "layout.duplicate_row":
            assert plan.line_roles[f.line] in ("department", "footnote")  # type: ignore[index]


def test_rows_under_no_policy_or_an_undefined_one_keep_the_foreign_keys(
    tmp_path: Path, rules: Rules
) -> None:
    kpi = _line("1\t新規企業立地件数")
    lines = list(SEED_LINES)
    lines[kpi] = "9" + lines[kpi][1:]  # a KPI naming 取組方針 9 of goal 1
    undefined = tmp_path / "undefined.txt"
    undefined.write_text("\n".join(lines), encoding="utf-8")
    plan = run(undefined, rules=rules).plan
    codes = [(f.code, f.key) for f in plan.findings if f.code.startswith("crossref.")]
    assert ("crossref.unknown_policy", "G1-P9") in codes
    assert table_key_problems(plan) == []
    # A plan without policy headings: its rows go under 取組方針 0 of their goal.
    flat = tmp_path / "flat.txt"
    flat.write_text(
        "\n".join(line for line in SEED_LINES if not re.match(r"(#+ )?取組方針\d", line.strip())),
        encoding="utf-8",
    )
    plan = run(flat, rules=rules).plan
    assert table_key_problems(plan) == []


def _plans() -> list[Path]:
    # Not the probe plans (probe_*): they measure forms the reader does not yet read.
    plans = FIXTURES.glob("*/plan.txt")
    return [SEED, *sorted(p for p in plans if not p.parent.name.startswith("probe_"))]


@pytest.mark.parametrize("plan", _plans(), ids=lambda p: p.parent.name)
def test_every_test_plan_validates_with_frictionless(
    plan: Path, tmp_path: Path, rules: Rules
) -> None:
    result = run(plan, rules=rules)
    out = tmp_path / "out"
    write_folder(out, plan_to_files(result.plan, result.document))
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_a_plan_with_duplicates_validates_with_frictionless(tmp_path: Path, rules: Rules) -> None:
    for path in (
        _duplicates(tmp_path),
        _with(
            tmp_path, [(_line("## (2) 基本目標2"), SEED_LINES[_line("## (1) 基本目標1")])], "g.txt"
        ),
    ):
        result = run(path, rules=rules)
        out = tmp_path / f"out-{path.stem}"
        write_folder(out, plan_to_files(result.plan, result.document))
        report = validate(out / "datapackage.json")
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
        assert any(f.code == "layout.duplicate_row" for f in result.plan.findings)


# --- 5. temporary folders of killed runs -----------------------------------------------------------

KILLED_WRITER = """
import pathlib, sys, time
from extract import publish
original = pathlib.Path.write_text
def slow(self, *args, **kwargs):
    result = original(self, *args, **kwargs)
    time.sleep(60)
    return result
pathlib.Path.write_text = slow
publish.write_folder(pathlib.Path(sys.argv[1]), {"goals.csv": "x\\n", "kpis.csv": "y\\n"})
"""


def test_a_killed_runs_temporary_folder_is_removed_at_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".out.*.tmp/" + MARKER)):
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert [p.name.startswith(".out.") for p in tmp_path.iterdir()] == [True]
    # What is not plan-extract's, or belongs to a live run, stays.
    foreign = tmp_path / ".out.99999999.abcd1234.tmp"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("mine", encoding="utf-8")
    live = tmp_path / f".out.{os.getpid()}.live1234.tmp"
    live.mkdir()
    for folder in (foreign, live):
        os.utime(folder, (time.time() - 3600, time.time() - 3600))
    time.sleep(0.05)
    result = plan_extract("run", str(SEED), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", foreign.name, live.name])


def test_stale_folders_of_the_first_versions_are_removed_too(tmp_path: Path, out: Path) -> None:
    old = tmp_path / ".out.old-99999999"
    shutil.copytree(out, old)
    half = tmp_path / ".out.k2j3h4g5.tmp"  # killed before its marker was written
    half.mkdir()
    (half / "goals.csv").write_text("x\n", encoding="utf-8")
    recent = tmp_path / ".out.99999998.fresh123.tmp"  # newer than this process: not stale yet
    recent.mkdir()
    for folder in (old, half):
        os.utime(folder, (time.time() - 3600, time.time() - 3600))
    removed = remove_stale(tmp_path / "out")
    assert sorted(p.name for p in removed) == sorted([old.name, half.name])
    assert [p.name for p in tmp_path.iterdir()] == [recent.name]


# --- 6. size limits -------------------------------------------------------------------------------


def _rules_with(tmp_path: Path, settings: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    with (folder / "settings.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n" + settings)
    return folder


def test_a_text_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(21_000_000)  # sparse: refused before it is read
    out = tmp_path / "out"
    result = plan_extract("run", str(big), "--out", str(out))
    _one_sentence(result, f"{big} is 21.0 MB of text", "limit of 20 MB", "max_text_mb")
    rules = _rules_with(tmp_path, "[limits]\nmax_text_mb = 1\n")
    two = tmp_path / "two.txt"
    two.write_text("\n".join(SEED_LINES * 25), encoding="utf-8")  # 1.15 MB
    result = plan_extract("run", str(two), "--out", str(out), "--rules", str(rules))
    _one_sentence(result, "limit of 1 MB")
    assert not out.exists()
    bad = _rules_with(tmp_path / "bad", "[limits]\nmax_text_mb = 0\n")
    result = plan_extract("run", str(SEED), "--out", str(out), "--rules", str(bad))
    _one_sentence(result, "[limits] max_text_mb must be a value ≥ 1")


def test_a_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "long.pdf"
    page = canvas.Canvas(str(pdf))
    for n in range(3):
        page.drawString(72, 720, f"page {n + 1}")
        page.showPage()
    page.save()
    rules = _rules_with(tmp_path, "[limits]\nmax_pdf_pages = 2\n")
    result = plan_extract("run", str(pdf), "--out", str(tmp_path / "o"), "--rules", str(rules))
    _one_sentence(result, f"{pdf} has 3 pages, more than the limit of 2", "max_pdf_pages")
    # A damaged PDF is not counted but reported by ingest, in its own words.
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    result = plan_extract("run", str(damaged), "--out", str(tmp_path / "o"), "--rules", str(rules))
    assert result.returncode == 2 and "Traceback" not in result.stderr


# --- 7. hand-edited output folders ------------------------------------------------------------------


def _rewrite(path: Path, edit) -> None:  # noqa: ANN001
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_publish_reads_excel_saved_csv(tmp_path: Path, out: Path) -> None:
    reference = tmp_path / "reference"
    export(out, reference, force=True)
    edited = _copy(out, tmp_path)
    for name in ("projects", "departments"):
        text = (edited / f"{name}.csv").read_text(encoding="utf-8")
        # Excel on Japanese Windows: CP932, CRLF, TRUE/FALSE.
        text = text.replace("\n", "\r\n").replace(",true,", ",TRUE,").replace(",false,", ",FALSE,")
        (edited / f"{name}.csv").write_bytes(text.encode("cp932"))
    bom = "\ufeff" + (edited / "kpis.csv").read_text(encoding="utf-8")
    (edited / "kpis.csv").write_text(bom, encoding="utf-8")
    result = plan_extract("publish", str(edited), "--to", str(tmp_path / "pub"), "--force", "-q")
    assert result.returncode == 0, result.stderr
    for path in sorted(reference.glob("*.csv")):
        assert (tmp_path / "pub" / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("renamed_header", ["projects.csv: the header lacks project_id (it has 事業ID instead)"]),
        ("truncated_row", ["projects.csv: line", "looks truncated"]),
        ("truncated_char", ["projects.csv ends in the middle of a character", "truncated"]),
        ("truncated_rows", ["projects.csv has 100 rows where metadata.json records 345"]),
        ("open_quote", ["goals.csv: not a readable CSV", "looks truncated"]),
        ("undecodable", ["kpis.csv is neither UTF-8 nor Shift_JIS"]),
        ("broken_metadata", ["metadata.json is not valid JSON (line "]),
        ("missing_table", ["has no footnotes.csv"]),
        ("empty_table", ["policies.csv is empty"]),
    ],
)
def test_a_hand_edited_folder_is_one_sentence(
    case: str, words: list[str], tmp_path: Path, out: Path
) -> None:
    edited = _copy(out, tmp_path)
    if case == "renamed_header":
        _rewrite(edited / "projects.csv", lambda t: t.replace("project_id,", "事業ID,", 1))
    elif case == "truncated_row":
        _rewrite(edited / "projects.csv", lambda t: t[: t.index(",", len(t) // 2)])
    elif case == "truncated_char":
        data = (edited / "projects.csv").read_bytes()
        cut = data.index("事".encode(), len(data) // 2) + 1
        (edited / "projects.csv").write_bytes(data[:cut])
    elif case == "truncated_rows":
        _rewrite(edited / "projects.csv", lambda t: "\n".join(t.split("\n")[:101]) + "\n")
    elif case == "open_quote":
        _rewrite(edited / "goals.csv", lambda t: t[: t.index('"') + 20])
    elif case == "undecodable":
        (edited / "kpis.csv").write_bytes((edited / "kpis.csv").read_bytes() + b"\xff\xfe\xfd")
    elif case == "broken_metadata":
        _rewrite(edited / "metadata.json", lambda t: t[: len(t) // 2])
    elif case == "missing_table":
        (edited / "footnotes.csv").unlink()
    elif case == "empty_table":
        (edited / "policies.csv").write_bytes(b"")
    pub = tmp_path / "pub"
    _one_sentence(plan_extract("publish", str(edited), "--to", str(pub), "--force"), *words)
    assert not pub.exists()
    if case != "missing_table":  # diff reads no footnotes
        result = plan_extract("diff", str(out), str(edited), "--out", str(tmp_path / "changes"))
        _one_sentence(result, *words)
        assert not (tmp_path / "changes").exists()


# --- 8. the smaller faults ----------------------------------------------------------------------


def test_a_fifo_as_input_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = plan_extract("run", str(fifo), "--out", str(tmp_path / "out"))
    _one_sentence(result, f"{fifo} is not a regular file", "save the plan to a file")
    assert time.monotonic() - started < 60
    with pytest.raises(InputError, match="not a regular file"):
        path_to_text(fifo)  # the text reader alone does not wait for a writer either


def test_utf16_without_a_bom_names_the_encodings_to_try(tmp_path: Path) -> None:
    plan = tmp_path / "utf16.txt"
    plan.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16-le"))
    result = plan_extract("run", str(plan), "--out", str(tmp_path / "o"))
    _one_sentence(result, "UTF-16 text without a byte-order mark", "--encoding utf-16-le")
    result = plan_extract(
        "run", str(plan), "--out", str(tmp_path / "o"), "--encoding", "utf-16-le", "-q"
    )
    assert result.returncode == 0, result.stderr
    big_endian = tmp_path / "be.txt"
    big_endian.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16-be"))
    result = plan_extract("run", str(big_endian), "--out", str(tmp_path / "o2"))
    _one_sentence(result, "--encoding utf-16-be")


def test_full_width_formula_starts_are_guarded_in_excel_copies(tmp_path: Path, rules) -> None:  # noqa: ANN001
    for text in ("＝SUM(A1)", "＋1", "－1", "＠A1", "=1", "+1", "-1", "@A1"):
        assert _guard(text) == "'" + text
    assert _guard("通常の事業") == "通常の事業"
    lines = list(SEED_LINES)
    no = next(i for i, line in enumerate(lines) if "会津まつり協会負担金【観光】" in line)
    lines[no] = lines[no].replace("会津まつり協会負担金", "＝HYPERLINK(1)会津まつり協会負担金")
    plan = tmp_path / "plan.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    result = run(plan, rules=rules)
    folder = tmp_path / "out"
    write_folder(folder, plan_to_files(result.plan, result.document))
    export(folder, tmp_path / "pub", excel=True, force=True)
    excel = next((tmp_path / "pub" / "excel").glob("*_projects.csv")).read_text(
        encoding="utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(excel)))
    raw = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert raw and all(cell.startswith("'") for cell in raw), raw


def test_publish_warns_when_the_municipality_is_unknown(tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = FIXTURES / "clean_plan" / "plan.txt"
    assert not plan.with_name("plan.meta.toml").exists()
    assert plan_extract("run", str(plan), "--out", str(out), "-q").returncode == 0
    result = plan_extract("publish", str(out), "--to", str(tmp_path / "pub"), "-q")
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (
        "warning" in result.stderr
        and "全国地方公共団体コード/都道府県名/市区町村名" in result.stderr
    )
    projects = next((tmp_path / "pub").glob("*_projects.csv")).read_text(encoding="utf-8")
    assert projects.splitlines()[1].startswith(",,,")
    # With the metadata, no warning.
    seed_out = tmp_path / "seed"
    assert plan_extract("run", str(SEED), "--out", str(seed_out), "-q").returncode == 0
    result = plan_extract("publish", str(seed_out), "--to", str(tmp_path / "p2"), "--force", "-q")
    assert result.returncode == 0 and result.stderr == ""


def test_an_unforeseen_os_error_is_one_sentence(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fault(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "/srv/plans/plan.txt")

    monkeypatch.setattr(cli, "run", fault)
    assert cli.main(["run", str(SEED), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err == (
        "plan-extract: /srv/plans/plan.txt: Permission denied; check the path and its "
        "permissions, then try again.\n"
    )
    assert not (tmp_path / "o").exists()


# --- round two (issue 24): rules typed by hand, codecs, where the output goes -------------------


def _rules_copy_with(tmp_path: Path, name: str, text: str | None) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    if text is not None:
        (rules / name).write_text(text, encoding="utf-8")
    return rules


CLEAN = FIXTURES / "clean_plan" / "plan.txt"


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        # the canonical spelling contains the variant: every pass would grow the text
        (
            "variants.csv",
            "canonical,variant,scope,note\nツーリズム推進事業,ツーリズム,,typed by hand\n",
            ["variants.csv:2", "contains the variant"],
        ),
        # `²` passes str.isdigit() but is no line number
        (
            "accepted_findings.csv",
            "code,record,line,note\nkpi.no_baseline,,²,typed\n",
            ["accepted_findings.csv:2", "line must be a number"],
        ),
    ],
)
def test_a_hand_typed_rule_that_cannot_work_is_one_sentence(
    name: str, text: str, words: list[str], tmp_path: Path
) -> None:
    rules = _rules_copy_with(tmp_path, name, text)
    result = plan_extract("run", str(CLEAN), "--rules", str(rules), "--out", str(tmp_path / "o"))
    _one_sentence(result, *words)
    assert not (tmp_path / "o").exists()


def test_a_rules_file_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    rules = _rules_copy_with(tmp_path, "accepted_findings.csv", None)
    (rules / "accepted_findings.csv").unlink()
    os.mkfifo(rules / "accepted_findings.csv")
    result = plan_extract("run", str(CLEAN), "--rules", str(rules), "--out", str(tmp_path / "o"))
    _one_sentence(result, "accepted_findings.csv", "not a regular file")


def test_a_codec_that_is_no_text_encoding_is_one_sentence(tmp_path: Path) -> None:
    result = plan_extract("run", str(CLEAN), "--encoding", "rot13", "--out", str(tmp_path / "o"))
    _one_sentence(result, "rot13", "not a text encoding")


def test_the_rules_folder_is_never_the_output(tmp_path: Path) -> None:
    rules = _rules_copy_with(tmp_path, "variants.csv", None)
    before = _snapshot(rules)
    result = plan_extract("run", str(CLEAN), "--rules", str(rules), "--out", str(rules))
    _one_sentence(result, "which this command reads")
    assert _snapshot(rules) == before


def test_a_source_name_that_is_not_utf8_is_read_and_written_as_utf8(tmp_path: Path) -> None:
    src = tmp_path / os.fsdecode(b"plan\xff.txt")
    shutil.copyfile(CLEAN, src)
    out = tmp_path / "o"
    result = plan_extract("run", str(src), "--out", str(out))
    assert result.returncode == 0, result.stderr
    meta = (out / "metadata.json").read_bytes().decode("utf-8")  # valid UTF-8 throughout
    assert '"plan?.txt"' in meta or "plan\ufffd.txt" in meta


def test_a_source_that_is_a_symlink_loop_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = plan_extract("run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"))
    _one_sentence(result, "loops back on itself")


def test_a_terminal_that_cannot_print_japanese_gets_what_it_can(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = subprocess.run(
        [sys.executable, "-m", "extract", "run", str(CLEAN), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"?" in result.stdout and (out / "metadata.json").exists()


def test_a_formula_in_a_number_column_is_refused_not_exported(out: Path, tmp_path: Path) -> None:
    """Number columns are not guarded as text in the Excel export, so they must hold numbers."""
    edited = _copy(out, tmp_path)
    path = edited / "kpis.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["baseline_value"] = '=HYPERLINK("http://example.invalid","x")'
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    pub = tmp_path / "pub"
    result = plan_extract("publish", str(edited), "--to", str(pub), "--excel", "--force")
    _one_sentence(result, "kpis.csv:2", "baseline_value is not a number")
    assert not pub.exists()


@pytest.mark.parametrize("extra", [1, 2, 10, 100])
def test_a_heading_repeated_is_reported_on_every_repeat(
    extra: int, tmp_path: Path, rules: Rules
) -> None:
    lines = CLEAN.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if "基本目標1" in ln and "\t" not in ln)
    src = tmp_path / "plan.txt"
    src.write_text("\n".join(lines[: at + 1] + [lines[at]] * extra + lines[at + 1 :]), "utf-8")
    plan = run(src, rules=rules).plan
    repeats = [
        f
        for f in plan.findings
        if f.code == "layout.duplicate_row" and f.params.get("what") == "row.heading"
    ]
    assert [f.line for f in repeats] == list(range(at + 2, at + 2 + extra))
    assert len(plan.goals) == len(run(CLEAN, rules=rules).plan.goals)


# --- round two (issue 24): killed and colliding writes ---------------------------------------------


def test_a_run_killed_between_its_two_renames_gets_the_previous_output_back(
    tmp_path: Path, out: Path
) -> None:
    """SIGKILL after `out → .out.<pid>.old-….tmp` and before the new folder's rename: no `out`,
    the previous output hidden beside the killed run's finished folder."""
    previous = _copy(out, tmp_path, "out")
    before = _snapshot(previous)
    previous.rename(tmp_path / ".out.99999999.old-abcd1234.tmp")
    killed = tmp_path / ".out.99999999.k2j3h4g5.tmp"
    killed.mkdir()
    (killed / MARKER).write_text(marker_text("run", ["goals.csv"]), encoding="utf-8")
    (killed / "goals.csv").write_text("x\n", encoding="utf-8")
    for folder in tmp_path.iterdir():
        os.utime(folder, (time.time() - 3600, time.time() - 3600))
    # The next run fails on its source, yet the previous output is back in place.
    result = plan_extract("run", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "missing.txt" in result.stderr
    assert _snapshot(tmp_path / "out") == before
    # A folder moved aside by a run still alive (this one) is not taken.
    moved = tmp_path / f".other.{os.getpid()}.old-abcd1234.tmp"
    shutil.copytree(out, moved)
    result = plan_extract("run", str(SEED), "--out", str(tmp_path / "other"), "-q")
    assert result.returncode == 0 and moved.is_dir()
    # The next run that succeeds replaces it and leaves nothing hidden of the killed one.
    result = plan_extract("run", str(CLEAN), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", "other", moved.name])
    assert read_marker(tmp_path / "out").kind == "run"  # type: ignore[union-attr]


def test_a_run_that_loses_a_race_for_its_out_says_so(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs on one --out: the other one's folder lands between this one's two renames."""
    target = _copy(out, tmp_path, "out")
    original = Path.rename

    def raced(self: Path, dest: Path) -> Path:
        if Path(dest) == target and ".old-" not in self.name:
            target.mkdir()  # the winner's output, just renamed into place
            (target / MARKER).write_text(marker_text("run", ["goals.csv"]), encoding="utf-8")
            (target / "goals.csv").write_text("winner\n", encoding="utf-8")
        return original(self, dest)

    monkeypatch.setattr(Path, "rename", raced)
    with pytest.raises(OutputError) as exc:
        write_folder(target, {"goals.csv": "loser\n"})
    assert "Another plan-extract command wrote" in str(exc.value)
    assert "you can write to" not in str(exc.value)
    assert (target / "goals.csv").read_text(encoding="utf-8") == "winner\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # its old and new folders removed


RACING_WRITER = """
import collections, json, sys
from pathlib import Path
from extract.errors import OutputError
from extract.publish import write_folder
said = collections.Counter()
for n in range(200):
    try:
        write_folder(Path(sys.argv[1]), {f"t{k}.csv": "x\\n" * 50 for k in range(3)})
        said["written"] += 1
    except OutputError as exc:
        said[str(exc)] += 1
print(json.dumps(said))
"""


def test_two_processes_writing_one_out_never_mislead(tmp_path: Path) -> None:
    out = tmp_path / "out"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", RACING_WRITER, str(out)], cwd=ROOT, stdout=subprocess.PIPE
        )
        for _ in range(2)
    ]
    said: dict[str, int] = {}
    for writer in writers:
        stdout, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        for sentence, n in json.loads(stdout).items():
            said[sentence] = said.get(sentence, 0) + n
    refused = {s for s in said if s != "written"}
    assert all(s.startswith(f"Another plan-extract command wrote {out}") for s in refused), said
    assert said.get("written", 0) >= 100  # most writes do not meet the other one
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert read_marker(out).files == {"t0.csv", "t1.csv", "t2.csv"}  # type: ignore[union-attr]


# --- round two (issue 24): Ctrl+C ---------------------------------------------------------------------

INTERRUPTED = "plan-extract: interrupted; nothing was written.\n"


def _as_a_terminal_starts_it() -> None:
    """In the child before it runs: Ctrl+C answered as a shell started from a terminal leaves
    it (the default action, not blocked), whatever the test process inherited or set — an
    ignored SIGINT is inherited through exec, and the run would finish unstopped."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _ctrl_c(
    args: list[str], after: float, started: Path | None = None
) -> tuple[subprocess.Popen[str], float, str]:
    """Start the command in a process group of its own, send it (and its workers, as a
    terminal does) SIGINT `after` seconds later — or, given `started`, `after` seconds after
    that file appears (the work under way, however loaded the machine); return it, how long it
    took to stop, stderr."""
    env = {**os.environ, "CTRL_C_STARTED": str(started)} if started else None
    proc = subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
        preexec_fn=_as_a_terminal_starts_it,
    )
    if started is not None:
        deadline = time.monotonic() + 120
        while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    time.sleep(after)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    return proc, time.monotonic() - sent, err


@pytest.mark.parametrize("after", [0.05, 0.15, 0.3])
def test_ctrl_c_while_the_modules_load_is_one_sentence(after: float, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc, _, err = _ctrl_c(["-m", "extract", "run", str(SEED), "--out", str(out)], after)
    if err.startswith("Could not import runpy module"):
        # (under load, seen in CI: the signal came while the interpreter itself was starting,
        # before `-m` could run any of the program — Python's own message, not the program's)
        assert proc.returncode != 0 and not out.exists()
        return
    assert "Traceback" not in err, err
    # before Python's own handler is set, SIGINT ends it silently, as it does any program;
    # caught at the edge of the start-up, the sentence is printed and Python may still end by
    # the signal (under load, seen once in CI)
    assert (proc.returncode, err) in (
        (130, INTERRUPTED),
        (-signal.SIGINT, ""),
        (-signal.SIGINT, INTERRUPTED),
    ), (
        proc.returncode,
        err,
    )
    assert not out.exists() and _leftovers(tmp_path) == []


SLOW_READER = """
import os, pathlib, sys, time
from extract import cli
from extract.ingest import pdf
original = pdf.page_to_result
def slow(*args, **kwargs):  # a quarter second a page: 80 pages keep two workers busy 10 s
    pathlib.Path(os.environ["CTRL_C_STARTED"]).touch()  # (a page is being read)
    time.sleep(0.25)
    return original(*args, **kwargs)
pdf.page_to_result = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def test_ctrl_c_while_pages_are_read_in_parallel_stops_at_once(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "pages.pdf"
    page = canvas.Canvas(str(pdf))
    for n in range(80):
        for k in range(30):
            page.drawString(72, 760 - k * 16, f"page {n + 1} line {k + 1}")
        page.showPage()
    page.save()
    out = tmp_path / "out"
    args = ["-c", SLOW_READER, "run", str(pdf), "--out", str(out), "--jobs", "2", "-q"]
    # half a second after the workers began reading (not at a fixed time from the start: on a
    # loaded machine the modules may still be loading then)
    proc, took, err = _ctrl_c(args, 0.5, started=tmp_path / "reading")
    read = (tmp_path / "reading").exists()
    assert (proc.returncode, err) == (130, INTERRUPTED), f"pages read slowly: {read}; {took:.1f} s"
    assert took < 3.0, f"took {took:.1f} s to stop"  # not the 5–10 s of the queued pages
    deadline = time.monotonic() + 5
    while True:  # no worker outlives it
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker is still running"
        time.sleep(0.05)
    assert not out.exists() and _leftovers(tmp_path) == []


# --- round two (issue 24): PDFs that expand to gigabytes ------------------------------------------


def _pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1: the catalog, then the page tree) and its xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _flate(entries: bytes, chunks: list[bytes] | object) -> bytes:
    """A FlateDecode stream object of the chunks, compressed as they come."""
    import zlib

    deflate = zlib.compressobj(9)
    data = b"".join(deflate.compress(c) for c in chunks) + deflate.flush()  # type: ignore[attr-defined]
    return b"<< %s /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        entries,
        len(data),
        data,
    )


def _pages(*pages: bytes, more: tuple[bytes, ...] = ()) -> list[bytes]:
    """Catalog, page tree and the page dictionaries (objects 3 …), then `more` objects."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(len(pages)))
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        *(b"<< /Type /Page /Parent 2 0 R " + p + b" >>" for p in pages),
        *more,
    ]


def _spaces(mb: int) -> object:
    return (b" " * 1_000_000 for _ in range(mb))


A4 = b"/MediaBox [0 0 595 842]"


def _nested_forms(depth: int, fan: int) -> list[bytes]:
    """Forms 5 … 5 + depth, each drawing the next `fan` times; the last draws one line."""
    forms = []
    for level in range(depth + 1):
        if level < depth:
            body = b"".join(b"q 1 0 0 1 %d 0 cm /F Do Q\n" % i for i in range(fan))
            res = b"/Resources << /XObject << /F %d 0 R >> >>" % (6 + level)
        else:
            body, res = b"0 0 m 5 5 l S\n", b""
        forms.append(_flate(b"/Type /XObject /Subtype /Form /BBox [0 0 600 600] " + res, [body]))
    return forms


def test_a_flate_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    """A page's content of 200 MB in a 0.2 MB file: refused at the default limit of 30 MB a page,
    in its content stream or in a form it draws, before PDFium inflates any of it; and a million
    drawings of a line in 2 KB, by forms drawing forms ten times each, six deep."""
    bomb = _flate(b"", _spaces(200))
    content = tmp_path / "content.pdf"
    content.write_bytes(_pdf_of(_pages(A4 + b" /Contents 4 0 R", more=(bomb,))))
    assert content.stat().st_size < 400_000
    form = tmp_path / "form.pdf"
    form.write_bytes(
        _pdf_of(
            _pages(
                A4 + b" /Contents 4 0 R /Resources << /XObject << /F0 5 0 R >> >>",
                more=(
                    _flate(b"", [b"q /F0 Do Q"]),
                    bomb.replace(b"<< ", b"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] ", 1),
                ),
            )
        )
    )
    nested = tmp_path / "nested.pdf"
    nested.write_bytes(
        _pdf_of(
            _pages(
                A4 + b" /Contents 4 0 R /Resources << /XObject << /F 5 0 R >> >>",
                more=(_flate(b"", [b"/F Do"]), *_nested_forms(6, 10)),
            )
        )
    )
    assert nested.stat().st_size < 3_000
    out = tmp_path / "out"
    for pdf in (content, form, nested):
        started = time.monotonic()
        result = plan_extract("run", str(pdf), "--out", str(out))
        _one_sentence(
            result,
            f"{pdf}: the content of page 1, decompressed and with each form it draws",
            "more than the limit of 30 MB",
            "max_page_content_mb",
        )
        assert time.monotonic() - started < 30
        assert not out.exists()
    # The pages together: three of 8 MB under a limit of 20 MB, each under 10 MB a page.
    rules = _rules_with(tmp_path, "[limits]\nmax_page_content_mb = 10\nmax_content_mb = 20\n")
    eight = _flate(b"", _spaces(8))
    three = tmp_path / "three.pdf"
    three.write_bytes(_pdf_of(_pages(*(A4 + b" /Contents 6 0 R" for _ in range(3)), more=(eight,))))
    result = plan_extract("run", str(three), "--out", str(out), "--rules", str(rules))
    _one_sentence(result, "content up to page 3, decompressed, comes to more than the limit of 20")


def test_an_image_declaring_gigapixels_is_refused(tmp_path: Path) -> None:
    image = _flate(
        b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8",
        [b"\x00" * 1000],
    )
    pdf = tmp_path / "image.pdf"
    pdf.write_bytes(
        _pdf_of(
            _pages(
                A4 + b" /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >>",
                more=(_flate(b"", [b"q 500 0 0 700 40 60 cm /Im0 Do Q"]), image),
            )
        )
    )
    result = plan_extract("run", str(pdf), "--out", str(tmp_path / "out"))
    _one_sentence(
        result, "page 1 draws an image of 10,000 megapixels", "limit of 100", "max_render_mpx"
    )


def _huge_page(path: Path, side: int) -> Path:
    """One page `side` points square holding an 8×8 grey image (no text: a scan for OCR)."""
    image = _flate(
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8",
        [bytes(range(0, 256, 4))],
    )
    path.write_bytes(
        _pdf_of(
            _pages(
                b"/MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >>"
                % (side, side),
                more=(_flate(b"", [b"q 300 0 0 300 100 100 cm /Im0 Do Q"]), image),
            )
        )
    )
    return path


def test_a_huge_page_is_refused_before_it_is_rendered_for_ocr(tmp_path: Path) -> None:
    require_ocr()
    out = tmp_path / "out"
    pdf = _huge_page(tmp_path / "huge.pdf", 14_400)  # the largest page PDF allows: 5 m square
    assert pdf.stat().st_size < 2_000
    started = time.monotonic()
    result = plan_extract("run", str(pdf), "--out", str(out))
    _one_sentence(
        result,
        "page 1 is 5,080 × 5,080 mm, which OCR at 300 dpi would render as 3,600 megapixels",
        "limit of 100",
        "max_render_mpx",
    )
    assert time.monotonic() - started < 30 and not out.exists()
    # The limit is a setting: a 1 m page is refused under 10 megapixels.
    rules = _rules_with(tmp_path, "[limits]\nmax_render_mpx = 10\n")
    pdf = _huge_page(tmp_path / "metre.pdf", 2_835)
    result = plan_extract("run", str(pdf), "--out", str(out), "--rules", str(rules))
    _one_sentence(result, "page 1 is 1,000 × 1,000 mm", "140 megapixels", "limit of 10")


PICTURE = """
import resource, sys
from extract.pictures import _render_pages
# the whole page is rendered for a text read at a quarter turn
made = _render_pages(sys.argv[1], [(1, None, [(1, (100.0, 7000.0, 900.0, 7020.0))], 1)])
print(len(made), made[0].width, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_the_picture_of_a_huge_page_is_rendered_coarser_not_in_gigabytes(tmp_path: Path) -> None:
    pdf = _huge_page(tmp_path / "huge.pdf", 14_400)
    done = subprocess.run(
        [sys.executable, "-c", PICTURE, str(pdf)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    made, width, peak_mb = map(int, done.stdout.split())
    assert made == 1 and 0 < width <= 900
    assert peak_mb < 600, f"{peak_mb} MB"  # 110 dpi would be 22,000 pixels square: 3.4 GB
