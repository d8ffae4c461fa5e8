"""The review report: self-contained HTML (checked in a real headless Chromium) and Markdown."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from extract.pipeline import RunResult
from extract.report import plan_to_html, plan_to_markdown

from .conftest import require_tool

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def test_html_is_self_contained_and_complete(seed: RunResult) -> None:
    page = plan_to_html(seed.plan, seed.document)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)  # no network
    assert '<b id="count-error">3</b>' in page and '<b id="count-warning">26</b>' in page
    assert '<td class="n" data-code="abbreviation.unknown">3</td>' in page
    assert '<td class="n" data-table="projects">345</td>' in page
    # A finding shows its printed source line, highlighted, with the hint.
    section = page[page.index('id="abbreviation.unknown"') :]
    assert "Try: add `情統,情報,,,&lt;why&gt;` to rules/departments.csv" in section
    assert '<span class="l hit"><span class="lno">  465 </span>' in section
    assert page.count('<svg role="img"') == 4  # one KPI chart per goal
    assert "Accepted findings (0)" in page


def test_markdown(seed: RunResult) -> None:
    md = plan_to_markdown(seed.plan, seed.document)
    assert md.startswith("# Validation report: 会津若松市")
    assert "Findings: **3** error, **26** warning, **36** info, 0 accepted." in md
    assert "### `abbreviation.unknown` (3, error)" in md
    assert "| projects | 345 |" in md


def test_report_renders_in_headless_chromium(seed: RunResult, tmp_path: Path) -> None:
    chromium = require_tool("chromium", "chromium")
    page = tmp_path / "report.html"
    page.write_text(plan_to_html(seed.plan, seed.document), encoding="utf-8")
    result = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    counts = dict(re.findall(r'id="count-(\w+)">(\d+)<', dom))
    assert counts == {"error": "3", "warning": "26", "info": "36", "accepted": "0"}
    assert dom.count('class="finding ') == 65
    console = [
        line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line
    ]
    assert console == []
