"""`plan-extract review`: the report served on 127.0.0.1 and driven in Debian's chromium through
Playwright — no console errors, an accept click, a spelling choice and a department written to a
copy of the rules folder, a rerun that shows them — plus the server's guards, the rules writes'
validation, and the printed-page pictures of a PDF plan."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.pipeline import run
from extract.publish import plan_to_files, write_folder
from extract.review import Refused, ReviewServer, Session, _appended, add_rows
from extract.rules import load_rules

from .conftest import CHROMIUM_QUIET, FIXTURES, ROOT, SEED, require_tool

DOCS = ROOT / "docs"


def _rules_copy(tmp: Path, *, without_variant_rules: bool = False) -> Path:
    """A copy of the project's rules/ (never the real one). Without the variant rules the seed's
    kana misreads come back as suspected variants, for the spelling choice."""
    rules_dir = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules_dir)
    if without_variant_rules:
        (rules_dir / "variants.csv").write_text("canonical,variant,scope,note\n", encoding="utf-8")
    return rules_dir


def _output(source: Path, rules_dir: Path, out: Path, lang: str = "ja") -> Path:
    result = run(source, rules=load_rules(rules_dir))
    files = plan_to_files(result.plan, result.document, source=source, folder=out, lang=lang)
    write_folder(out, files)
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# --- the browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_QUIET)
        yield b
        b.close()


class Page:
    """A browser tab that records console errors and uncaught exceptions."""

    def __init__(self, browser: object):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP")  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def card(self, code: str, key: str | None = None):  # noqa: ANN201
        sel = f'section[id="{code}"] .finding[data-code="{code}"]'
        if key is not None:
            sel = f'.finding[data-code="{code}"][data-key="{key}"]'
        return self.page.locator(sel).first

    def count(self, code: str) -> int:
        cell = self.page.locator(f'td[data-code="{code}"]')
        return int(cell.inner_text()) if cell.count() else 0


@pytest.fixture
def seed_review(tmp_path: Path) -> Iterator[tuple[ReviewServer, Path]]:
    rules_dir = _rules_copy(tmp_path, without_variant_rules=True)
    out = _output(SEED, rules_dir, tmp_path / "aizuwakamatsu")
    with ReviewServer(Session(out, rules_dir)) as server:
        yield server, rules_dir


def test_review_round_trip_in_the_browser(
    browser: object, seed_review: tuple[ReviewServer, Path]
) -> None:
    server, rules_dir = seed_review
    tab = Page(browser)
    page = tab.page
    page.goto(server.url)
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text().startswith("検証レポート：会津若松市")
    assert page.locator("#review-rerun").inner_text() == "再実行"
    before = {
        code: tab.count(code)
        for code in ("variant.suspected", "abbreviation.unknown", "kpi.target_against_direction")
    }
    assert before == {
        "variant.suspected": 4,  # 第7次/第7期総合計画 and three name groups
        "abbreviation.unknown": 3,
        "kpi.target_against_direction": 1,
    }
    accepted_before = int(page.locator("#count-accepted").inner_text())

    # Accept a finding with a note.
    card = tab.card("kpi.target_against_direction")
    form = card.locator("form.accept")
    form.locator('input[name="note"]').fill("図書館の登録者は人口減で減る見込み（担当課確認済み）")
    form.locator("button").click()
    form.locator(".said", has_text="保存しました").wait_for()
    assert "保存しました" in form.locator(".said").inner_text()
    accepted = _csv(rules_dir / "accepted_findings.csv")
    assert [(r["code"], r["note"]) for r in accepted] == [
        ("kpi.target_against_direction", "図書館の登録者は人口減で減る見込み（担当課確認済み）")
    ]
    assert accepted[0]["record"] and not accepted[0]["line"]  # by its key, not its line

    # Choose the canonical spelling of a suspected variant.
    card = page.locator('.finding[data-action="variant"]', has_text="湊四浜").first
    form = card.locator("form.variant")
    form.locator('input[value="湊四浜サステナブルツーリズム推進事業"]').check()
    form.locator("button").click()
    form.locator(".said", has_text="保存しました").wait_for()
    rows = [(r["canonical"], r["variant"], r["scope"]) for r in _csv(rules_dir / "variants.csv")]
    assert rows == [
        ("湊四浜サステナブルツーリズム推進事業", "湊四浜サステイナブルツーリズム推進事業", "name")
    ]

    # Register an unknown department abbreviation with its bureau and section.
    card = tab.card("abbreviation.unknown", key="育成")
    form = card.locator("form.department")
    form.locator('input[name="bureau"]').fill("教育委員会")
    form.locator('input[name="section"]').fill("青少年育成課")
    form.locator("button").click()
    form.locator(".said", has_text="保存しました").wait_for()
    assert [
        (r["abbr"], r["bureau"], r["section"]) for r in _csv(rules_dir / "departments.csv")
    ] == [("育成", "教育委員会", "青少年育成課")]
    assert "未反映の判断 3 件" in page.locator("#review-pending").inner_text()
    load_rules(rules_dir)  # what was written loads

    # Rerun: the counts change and the accepted finding is listed under "accepted".
    with page.expect_navigation():
        page.locator("#review-rerun").click()
    after = {code: tab.count(code) for code in before}
    assert after == {
        "variant.suspected": 3,
        "abbreviation.unknown": 2,
        "kpi.target_against_direction": 0,
    }
    assert int(page.locator("#count-accepted").inner_text()) == accepted_before + 1
    listed = page.locator('#accepted-findings .finding[data-code="kpi.target_against_direction"]')
    assert listed.count() == 1 and "図書館の登録者" in listed.inner_text()
    status = page.locator("#review-status").inner_text()
    assert status.startswith("再実行しました") and "承認済み 0→1" in status
    assert not (page.locator('.finding[data-key="育成"]').count())
    assert tab.errors == []
    page.close()


def test_a_refused_write_shows_its_sentence_and_writes_nothing(
    browser: object, seed_review: tuple[ReviewServer, Path]
) -> None:
    server, rules_dir = seed_review
    tab = Page(browser)
    tab.page.goto(server.url)
    before = (rules_dir / "departments.csv").read_bytes()
    form = tab.card("abbreviation.unknown", key="各公民館").locator("form.department")
    form.locator('input[name="note"]').fill("")
    form.locator("button").click()
    said = form.locator(".said.bad")
    said.wait_for()
    assert "保存できません" in said.inner_text() and "理由を入力" in said.inner_text()
    assert (rules_dir / "departments.csv").read_bytes() == before
    assert tab.errors == []
    tab.page.close()


# --- the server's guards --------------------------------------------------------------------------


def _request(url: str, *, data: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_server_binds_loopback_and_guards_every_request(
    seed_review: tuple[ReviewServer, Path],
) -> None:
    server, rules_dir = seed_review
    assert server.sock.getsockname()[0] == "127.0.0.1"
    base = f"http://127.0.0.1:{server.port}"
    token = server.session.token
    status, page = _request(server.url)
    assert status == 200 and "review-config" in page
    assert _request(base + "/")[0] == 403  # no token
    assert _request(base + "/?token=guess")[0] == 403
    assert _request(server.url, headers={"Host": "attacker.example"})[0] == 400
    body = {"code": "x", "key": "", "record": "", "line": "1", "note": "n"}
    json_type = {"Content-Type": "application/json"}
    assert _request(base + "/api/accept", data=body, headers=json_type)[0] == 403
    other = {**json_type, "X-Plan-Extract-Token": token, "Origin": "http://attacker.example"}
    assert _request(base + "/api/accept", data=body, headers=other)[0] == 403
    plain = {"Content-Type": "text/plain", "X-Plan-Extract-Token": token}
    assert _request(base + "/api/accept", data=body, headers=plain)[0] == 415
    ok = {**json_type, "X-Plan-Extract-Token": token}
    status, answer = _request(base + "/api/accept", data=body, headers=ok)
    assert status == 409 and json.loads(answer)["ok"] is False  # no finding "x" on line 1
    assert "今の出力にありません" in json.loads(answer)["error"]
    assert _csv(rules_dir / "accepted_findings.csv") == []


def test_review_command_prints_the_url_and_serves(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "extract",
            "run",
            "--out",
            str(out),
            "--rules",
            str(rules_dir),
            "--lang",
            "en",
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    # the plan's place relative to the folder: no machine's path in a published folder
    assert meta["source"] == SEED.name and not Path(meta["source_path"]).is_absolute()
    assert (out / meta["source_path"]).resolve() == SEED.resolve()
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", "review", str(out), "--rules", str(rules_dir)]
        + ["--no-browser"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        # Without --lang, review speaks the language the folder's report was written in.
        assert line.startswith("Review at ") and url, line
        status, page = _request(url.group(0))
        assert status == 200 and '<html lang="en">' in page and '"rerun": "Rerun"' in page
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0 and proc.stderr.read() == ""  # type: ignore[union-attr]


def test_review_refuses_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    from extract.cli import main

    (tmp_path / "empty").mkdir()
    assert main(["review", str(tmp_path / "empty"), "--no-browser"]) == 2


# --- rules writes ---------------------------------------------------------------------------------


def test_a_write_that_would_break_the_rules_is_refused(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    before = (rules_dir / "accepted_findings.csv").read_bytes()
    with pytest.raises(Refused) as exc:
        add_rows(
            rules_dir,
            "accepted_findings",
            [{"code": "kpi.unit_mismatch", "record": "", "line": "", "note": "n"}],
        )
    # The loader's own sentence, naming the real file (not the copy it was checked on).
    assert str(exc.value) == (
        f"{rules_dir / 'accepted_findings.csv'}:2: give the record (id or name) or the source line."
    )
    assert (rules_dir / "accepted_findings.csv").read_bytes() == before


def test_rows_are_appended_the_way_excel_saved_the_file(tmp_path: Path) -> None:
    path = tmp_path / "variants.csv"
    path.write_bytes(b"\xef\xbb\xbfcanonical,variant,note,scope\r\nA,B,why,")  # no final newline
    data = _appended(path, [], [{"canonical": "C", "variant": "D", "scope": "", "note": "x, y"}])
    assert data == b'\xef\xbb\xbfcanonical,variant,note,scope\r\nA,B,why,\r\nC,D,"x, y",\r\n'
    fresh = _appended(tmp_path / "new.csv", ["a", "note"], [{"a": "1", "note": "n"}])
    assert fresh == b"a,note\n1,n\n"


# --- a PDF plan: the printed page at each warning and error ---------------------------------------


@pytest.fixture(scope="module")
def pdf_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("soffice", "libreoffice-writer-nogui")
    from .render_pdf import fodt_to_pdf, text_to_fodt

    folder = tmp_path_factory.mktemp("pdf_plan")
    shutil.copy(SEED.with_name(SEED.stem + ".meta.toml"), folder / "seed_office.meta.toml")
    return fodt_to_pdf(text_to_fodt(SEED.read_text(encoding="utf-8")), folder / "seed_office.pdf")


def test_pdf_report_has_one_page_picture_per_warning_and_error(
    pdf_plan: Path, tmp_path: Path
) -> None:
    from PIL import Image

    rules_dir = _rules_copy(tmp_path)
    result = run(pdf_plan, rules=load_rules(rules_dir))
    files = plan_to_files(result.plan, result.document, source=pdf_plan)
    page = files["report.html"]
    assert '<html lang="ja">' in page and "<h1>検証レポート：会津若松市" in page
    shown = [
        f
        for f in result.plan.findings
        if f.severity.value in ("error", "warning") and f.line and f.page
    ]
    assert shown and all(result.document.lines[f.line - 1].box for f in shown)
    cards = re.findall(r'<div class="finding (\w+)".*?</div>(?=\n)', page)
    assert len(cards) == len(result.plan.findings)
    pictures = re.findall(r'<img class="page-picture" src="data:image/png;base64,([^"]+)"', page)
    assert len(pictures) == len(shown)
    for f in shown:  # each card: its own picture and a link to its page
        card = re.search(
            rf'<div class="finding \w+" id="f\d+" data-finding="\d+" data-code="{re.escape(f.code)}"[^>]*>(?:(?!<div class="finding).)*',
            page,
        )
        assert card is not None
    assert page.count(f"{pdf_plan.resolve().as_uri()}#page=") == len(shown)
    for data in pictures[:3]:
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        assert image.format == "PNG" and 300 < image.width <= 900 and image.height < 300
    assert len(page.encode()) < 1_500_000, len(page.encode())
    print(
        f"report.html of the PDF plan: {len(page.encode()) / 1024:.0f} KiB, {len(pictures)} pictures"
    )
    # The text plan's report has no pictures: it keeps the printed-lines excerpt.
    assert (
        "page-picture"
        not in plan_to_files(run(SEED, rules=load_rules(rules_dir)).plan)["report.html"]
    )


def test_pdf_review_shows_the_pictures_in_the_browser(
    browser: object, pdf_plan: Path, tmp_path: Path, regen_golden: bool
) -> None:
    rules_dir = _rules_copy(tmp_path)
    out = _output(pdf_plan, rules_dir, tmp_path / "pdf_out")
    with ReviewServer(Session(out, rules_dir)) as server:
        tab = Page(browser)
        page = tab.page
        page.goto(server.url)
        pictures = page.locator("img.page-picture")
        cards = page.locator(".finding.error, .finding.warning")
        assert pictures.count() == cards.count() > 0
        # Every picture decodes (page.evaluate runs outside the page's Content-Security-Policy).
        sizes = page.evaluate(
            "Promise.race([Promise.all(Array.from(document.querySelectorAll('img.page-picture'))"
            ".map(i => i.decode().then(() => i.naturalWidth))),"
            " new Promise(done => setTimeout(() => done([]), 30000))])"
        )
        assert len(sizes) == pictures.count() and min(sizes) > 300
        link = page.locator("a.page-link").first
        assert re.match(r"source\.pdf\?token=.+#page=\d+$", link.get_attribute("href") or "")
        status, _ = _request(
            f"http://127.0.0.1:{server.port}/source.pdf?token={server.session.token}"
        )
        assert status == 200
        # The README's screenshot: an unknown abbreviation on the printed page, with the forms.
        shot = DOCS / "review.png" if regen_golden or not (DOCS / "review.png").exists() else None
        shot = shot or tmp_path / "review.png"
        shot.parent.mkdir(exist_ok=True)
        page.evaluate("document.getElementById('abbreviation.unknown').scrollIntoView()")
        page.evaluate("window.scrollBy(0, -64)")
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        assert tab.errors == []
        page.close()


def test_the_profile_is_corrected_from_the_review_page(browser: object, tmp_path: Path) -> None:
    """The outline's levels are listed with a button each; making the 節 the goals writes
    goal_level to rules/settings.toml (its comments kept), and the rerun reads them so."""
    rules_dir = _rules_copy(tmp_path)
    plan = FIXTURES / "sogo_sesaku_three_level" / "plan.txt"
    out = _output(plan, rules_dir, tmp_path / "three_level")
    before = (rules_dir / "settings.toml").read_text(encoding="utf-8")
    with ReviewServer(Session(out, rules_dir)) as server:
        tab = Page(browser)
        page = tab.page
        page.goto(server.url)
        row = page.locator('#profile-levels tr[data-scheme="n-n"]')
        assert "節" in row.inner_text()
        row.locator('button[data-level="goal"]').click()
        row.locator(".said", has_text="保存しました").wait_for()
        settings = (rules_dir / "settings.toml").read_text(encoding="utf-8")
        assert 'goal_level = "n-n"  # 計画の構成をレビューで指定' in settings
        assert settings.count("\n") == before.count("\n") + 1  # one line added, comments kept
        with page.expect_navigation():
            page.locator("#review-rerun").click()
        page.locator("#profile-levels").wait_for()
        goals_row = page.locator('#profile-levels tr[data-scheme="n-n"]')
        assert "基本目標" in goals_row.inner_text()
        assert tab.errors == []
    assert len(_csv(out / "goals.csv")) == 8
