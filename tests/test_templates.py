"""A folder of one's own (issue 25: 4): templates that replace or extend the package's (a city's
header on the report), static files and words of one's own, given with --templates or
`[report] templates`; a broken one refused before any work in one sentence. And the review
app serving the page's script and style as files, its script counting decisions in plural."""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract import messages, pages
from extract.errors import RulesError
from extract.pipeline import RunResult
from extract.report import plan_to_html, plan_to_markdown
from extract.review import ReviewServer, Session

from .conftest import IN_CI, SEED, plan_extract
from .test_review import Page, _output, _request, _rules_copy, browser  # noqa: F401

# A city's header: its own words, a value printed (escaped like every other), then the
# package's header.
HEADER = (
    '{% extends "default:report.html" %}\n'
    '{% block header %}<div id="city-header">会津若松市 企画政策部 {{ "<企画調整課>" }}</div>\n'
    "{{ super() }}{% endblock %}\n"
)


def _folder(tmp: Path, files: dict[str, str]) -> Path:
    folder = tmp / "templates"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _babel() -> None:
    try:
        import babel  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("Babel is missing under CI=true: it is in the dev extras.")
        pytest.skip("Babel not installed (pip install -e '.[dev]').")


def test_a_city_header_extends_the_package_report(seed: RunResult, tmp_path: Path) -> None:
    """A report.html of one's own that extends the package's changes its one block, escaped
    like the rest; everything else is the package's page byte for byte."""
    folder = _folder(tmp_path, {"report.html": HEADER})
    page = plan_to_html(seed.plan, seed.document, templates=folder)
    package = plan_to_html(seed.plan, seed.document)
    header = '<div id="city-header">会津若松市 企画政策部 &lt;企画調整課&gt;</div>\n'
    assert page == package.replace("<h1>", header + "<h1>", 1)
    # the Markdown report is the package's: the folder has no report.md
    assert plan_to_markdown(seed.plan, seed.document, templates=folder) == plan_to_markdown(
        seed.plan, seed.document
    )


def test_static_files_of_ones_own_are_inlined(seed: RunResult, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"static/report.css": "body{color:#003366}\n"})
    page = plan_to_html(seed.plan, seed.document, templates=folder)
    assert "<style>\nbody{color:#003366}\n</style>" in page
    assert (pages.STATIC / "report.js").read_text(encoding="utf-8") in page  # the package's


@pytest.mark.parametrize("compiled", [False, True], ids=["po", "mo"])
def test_words_of_ones_own(seed: RunResult, tmp_path: Path, compiled: bool) -> None:
    """A catalogue of one's own changes the words it holds, in its language only; the others
    stay the package's, and findings.csv keeps the package's English."""
    _babel()
    po = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "report.heading"\nmsgstr "会津若松市の検証結果：{title}"\n\n'
        'msgid "title.abbreviation.unknown"\nmsgstr "対応表にない略称"\n'
    )
    folder = _folder(tmp_path, {"locale/ja/LC_MESSAGES/plan-extract.po": po})
    if compiled:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        path = folder / "locale/ja/LC_MESSAGES/plan-extract.po"
        with path.open("rb") as f, path.with_suffix(".mo").open("wb") as out:
            write_mo(out, read_po(f))
        path.unlink()
    page = plan_to_html(seed.plan, seed.document, templates=folder)
    assert "<h1>会津若松市の検証結果：会津若松市" in page
    assert '対応表にない略称 <span class="code-id">abbreviation.unknown</span>' in page
    assert "<h2>概要</h2>" in page  # a word the folder does not hold
    english = plan_to_html(seed.plan, seed.document, lang="en", templates=folder)
    assert "<h1>Validation report: 会津若松市" in english
    words = messages.catalogue("ja", folder)
    assert words.text("report.summary") == "概要"
    f = next(f for f in seed.plan.findings if f.code == "abbreviation.unknown")
    assert messages.finding("abbreviation.unknown", f.params).message == f.message  # English


def test_a_catalogue_that_is_not_one_is_one_sentence(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"locale/ja/LC_MESSAGES/plan-extract.mo": "not a catalogue"})
    with pytest.raises(RulesError, match=r"plan-extract.mo: not a compiled gettext catalogue"):
        messages.Catalogue("ja", folder)
    messages.Catalogue("en", folder)  # the folder has no English words: the package's


def test_a_broken_template_is_one_sentence_before_any_work(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, {"report.html": '{% extends "default:report.html" %}\n{% block header %}\n'}
    )
    with pytest.raises(RulesError, match=r"report.html, line \d+: the template cannot be read"):
        pages.check(folder)
    missing = _folder(tmp_path / "b", {"report.md": '{% extends "default:report.txt" %}\n'})
    with pytest.raises(RulesError, match="template default:report.txt not found"):
        pages.check(missing)
    out = tmp_path / "out"
    result = plan_extract("run", str(SEED), "--out", str(out), "--templates", str(folder), "-q")
    assert result.returncode == 2, result.stderr
    assert "the template cannot be read" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()  # refused before the run: nothing written


def test_templates_from_the_command_line_and_from_the_settings(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"report.html": HEADER})
    out = tmp_path / "out"
    result = plan_extract("run", str(SEED), "--out", str(out), "--templates", str(folder), "-q")
    assert result.returncode == 0, result.stderr
    assert '<div id="city-header">' in (out / "report.html").read_text(encoding="utf-8")
    # [report] templates, relative to the rules folder
    rules_dir = _rules_copy(tmp_path)
    shutil.copytree(folder, rules_dir / "city")
    settings = rules_dir / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\n[report]\ntemplates = "city"\n', encoding="utf-8"
    )
    out2 = tmp_path / "out2"
    args = ("run", str(SEED), "--out", str(out2), "--rules", str(rules_dir), "-q")
    result = plan_extract(*args)
    assert result.returncode == 0, result.stderr
    assert '<div id="city-header">' in (out2 / "report.html").read_text(encoding="utf-8")
    # a folder the setting names must exist
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('"city"', '"nowhere"'), encoding="utf-8"
    )
    result = plan_extract(*args)
    assert result.returncode == 2
    assert "[report] templates names" in result.stderr and "not a folder" in result.stderr


# --- the review app ------------------------------------------------------------------------------


@pytest.fixture
def english_review(tmp_path: Path) -> Iterator[tuple[ReviewServer, Path]]:
    rules_dir = _rules_copy(tmp_path)
    out = _output(SEED, rules_dir, tmp_path / "aizuwakamatsu", lang="en")
    folder = _folder(tmp_path, {"static/review.css": "#review-bar{background:#ffeecc}\n"})
    with ReviewServer(Session(out, rules_dir, "en", templates=folder)) as server:
        yield server, rules_dir


def test_the_review_serves_its_script_and_style_as_files(
    english_review: tuple[ReviewServer, Path],
) -> None:
    server, _ = english_review
    base = f"http://127.0.0.1:{server.port}"
    status, page = _request(server.url)
    assert status == 200
    assert '<link rel="stylesheet" href="static/review.css"></head>' in page
    assert '<script src="static/review.js"></script></body>' in page
    with urllib.request.urlopen(base + "/static/review.js", timeout=30) as resp:
        assert resp.headers["Content-Type"].split(";")[0] in (
            "text/javascript",
            "application/javascript",
        )
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.read() == (pages.STATIC / "review.js").read_bytes()
    # the folder's own style before the package's
    assert _request(base + "/static/review.css") == (200, "#review-bar{background:#ffeecc}\n")
    for name in ("/static/pages.py", "/static/..%2Fpages.py", "/static/.hidden", "/static/x"):
        assert _request(base + name)[0] == 404, name
    assert _request(base + "/static/review.js", headers={"Host": "attacker.example"})[0] == 400
    with urllib.request.urlopen(server.url, timeout=30) as resp:
        policy = resp.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "default-src 'none'" in policy


def test_the_review_counts_decisions_in_plural(
    browser: object,  # noqa: F811
    english_review: tuple[ReviewServer, Path],
) -> None:
    server, _ = english_review
    tab = Page(browser)
    page = tab.page
    page.goto(server.url)
    assert page.locator("#review-rerun").inner_text() == "Rerun"
    assert page.locator("#review-bar").evaluate("e => getComputedStyle(e).backgroundColor") == (
        "rgb(255, 238, 204)"  # the folder's review.css
    )
    cards = page.locator(".finding[data-finding]:not([data-accepted]) form.accept")
    for n, said in ((0, "1 decision not yet applied"), (1, "2 decisions not yet applied")):
        form = cards.nth(n)
        form.locator('input[name="note"]').fill("checked with the department")
        form.locator("button").click()
        form.locator(".said", has_text="Saved to").wait_for()
        assert page.locator("#review-pending").inner_text() == said
    assert tab.errors == []
