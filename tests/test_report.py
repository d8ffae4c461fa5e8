"""The review report: self-contained HTML (checked in a real headless Chromium) and Markdown, in
Japanese by default and English on request; printed strings never become markup; the KPI charts
draw negative values from a zero line and keep long names whole."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from extract.models import Goal, Indicator, Plan, Severity, Value
from extract.pages import md_code, md_text
from extract.pipeline import RunResult, run
from extract.report import plan_to_html, plan_to_markdown, wrap
from extract.rules import Rules

from .conftest import CHROMIUM_QUIET, SEED, require_tool

CHROMIUM_FLAGS = ["--headless", *CHROMIUM_QUIET, "--enable-logging=stderr", "--v=0"]


def _severities(result: RunResult) -> Counter:
    return Counter(f.severity.value for f in result.plan.findings if not f.accepted)


def test_html_is_self_contained_and_complete(seed: RunResult) -> None:
    page = plan_to_html(seed.plan, seed.document)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)  # no network
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">')
    assert "<h1>検証レポート：会津若松市" in page
    assert '<b id="count-error">3</b>' in page and '<b id="count-warning">28</b>' in page
    assert '<td class="n" data-code="abbreviation.unknown">3</td>' in page
    assert '<td>事務事業（projects）</td><td class="n" data-table="projects">345</td>' in page
    # A finding shows its code's Japanese title, its printed source line highlighted, the hint.
    section = page[page.index('id="abbreviation.unknown"') :]
    assert "未登録の略称" in section and "略称対応表にありません" in section
    assert "【情統】は略称対応表にない所管課略称です（12件の事業で使用：465行目ほか）。" in section
    assert "rules/departments.csv に `情統,情報,,,&lt;理由&gt;` を追加してください" in section
    assert '<span class="l hit"><span class="lno">  465 </span>' in section
    assert page.count('<svg role="img"') == 4  # one KPI chart per goal
    assert "承認済みの検出事項（0）" in page
    # Each card names its row of findings.csv for the review page.
    assert page.count('class="finding ') == len(seed.plan.findings)
    assert re.search(r'data-finding="\d+" data-code="abbreviation.unknown"', page)


def test_html_in_english(seed: RunResult) -> None:
    page = plan_to_html(seed.plan, seed.document, lang="en")
    assert '<html lang="en">' in page
    assert "<h1>Validation report: 会津若松市" in page
    assert "Accepted findings (0)" in page and "Unknown abbreviation" in page
    assert "A department abbreviation used in 【】 that the 略称対応表 does not list." in page


def test_markdown(seed: RunResult) -> None:
    md = plan_to_markdown(seed.plan, seed.document)
    n = _severities(seed)
    assert md.startswith("# 検証レポート：会津若松市")
    assert (
        f"検出事項：エラー **{n['error']}** 件、警告 **{n['warning']}** 件、情報 **{n['info']}** 件、"
        "承認済み 0 件。" in md
    )
    assert "### 未登録の略称 `abbreviation.unknown` (3, エラー)" in md
    assert "| 事務事業（projects） | 345 |" in md
    en = plan_to_markdown(seed.plan, seed.document, lang="en")
    assert en.startswith("# Validation report: 会津若松市")
    assert "### Unknown abbreviation `abbreviation.unknown` (3, error)" in en
    assert "| projects | 345 |" in en


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
    n = _severities(seed)
    assert counts == {
        "error": str(n["error"]),
        "warning": str(n["warning"]),
        "info": str(n["info"]),
        "accepted": "0",
    }
    assert dom.count('class="finding ') == len(seed.plan.findings)
    console = [
        line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line
    ]
    assert console == []


# --- hostile strings ------------------------------------------------------------------------------

HOSTILE_NAME = "<img src=x onerror=alert(1)>事業"
HOSTILE_ABBR = "<svg onload=alert(5)>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, rules: Rules) -> RunResult:
    """The seed with a project named like an HTML tag and an abbreviation that is one."""
    text = SEED.read_text(encoding="utf-8")
    row = "\t温泉地域再生・高付加価値化事業【観光】※再掲"
    assert text.count(row) == 1
    path = tmp_path_factory.mktemp("hostile") / "plan.txt"
    path.write_text(text.replace(row, f"\t{HOSTILE_NAME}【{HOSTILE_ABBR}】※再掲"), encoding="utf-8")
    result = run(path, rules=rules)
    result.plan.meta = {"municipality": "<img src=x onerror=alert(2)>", "title": "*計画*_[x](y)"}
    return result


def _outside_code_spans(md: str) -> str:
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", md)


def test_markdown_never_prints_markup(hostile: RunResult) -> None:
    from markdown_it import MarkdownIt

    codes = {f.code for f in hostile.plan.findings if "<" in f.message}
    assert {"relisted.orphan", "abbreviation.unknown"} <= codes  # the strings reach messages
    for lang in ("ja", "en"):
        md = plan_to_markdown(hostile.plan, hostile.document, lang=lang)
        outside = _outside_code_spans(md)
        assert "<img" not in outside and "<svg" not in outside
        assert "&lt;img src=x onerror=alert(2)&gt;" in md  # the title, as text
        assert "\\*計画\\*\\_\\[x\\](y)" in md  # markup characters escaped
        rendered = MarkdownIt("commonmark").enable("table").render(md)
        assert not re.search(r"<(img|svg|a)\b", rendered), re.findall(
            r"<(?:img|svg|a)\b.{40}", rendered
        )
        assert "&lt;svg onload=alert(5)&gt;" in rendered  # shown, as text


def test_html_never_prints_markup(hostile: RunResult) -> None:
    page = plan_to_html(hostile.plan, hostile.document)
    assert "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;svg onload=alert(5)&gt;" in page


def test_markdown_helpers() -> None:
    assert md_text("a|b <c> & `d` *e* _f_ [g]") == (
        "a\\|b &lt;c&gt; &amp; \\`d\\` \\*e\\* \\_f\\_ \\[g\\]"
    )
    assert md_text("two\nlines") == "two lines"
    assert md_code("plain") == "`plain`"
    assert md_code("has `tick`") == "`` has `tick` ``"
    assert md_code("`start") == "`` `start ``"


# --- KPI charts -----------------------------------------------------------------------------------


def _indicator(seq: int, name: str, base: float | None, target: float | None) -> Indicator:
    def value(v: float | None) -> Value:
        return Value(raw="" if v is None else f"{v:g}人", value=v)

    return Indicator(
        kind="kpi",
        goal_no=1,
        policy_no=1,
        seq=seq,
        indicator=name,
        indicator_raw=name,
        baseline=value(base),
        target=value(target),
        source_line=seq,
    )


LONG_NAME = (
    "全国体力・運動能力、運動習慣等調査における全国と本市の比較値（小学5年生）"
    "とても長い指標名がさらに続いて二行でも収まらない場合の確認用の名称"
)


@pytest.fixture
def chart_plan() -> Plan:
    return Plan(
        source_name="chart.txt",
        goals=[Goal(goal_no=1, title="人口", title_raw="人口", source_line=1)],
        kpis=[
            _indicator(1, "社会増減数", -323, -180),
            _indicator(2, "転入超過数", -50, 120),
            _indicator(3, LONG_NAME, 99.2, 100),
        ],
    )


def _rows(svg: str) -> list[str]:
    return re.findall(r'<g class="row">.*?</g>', svg)


def _rects(row: str) -> list[tuple[float, float, float]]:
    return [
        (float(x), float(w), float(v))
        for x, w, v in re.findall(
            r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"[^>]*data-value="([-\d.]+)"', row
        )
    ]


def test_chart_draws_negative_values_from_a_zero_line(chart_plan: Plan) -> None:
    page = plan_to_html(chart_plan)
    rows = _rows(page)
    (bx, bw, bv), (tx, tw, tv) = _rects(rows[0])
    assert (bv, tv) == (-323, -180)
    zero = float(re.search(r'<line x1="([\d.]+)"', rows[0]).group(1))
    # Both bars end at the zero line and reach left, by magnitude.
    assert bx + bw == pytest.approx(zero, abs=0.2) and tx + tw == pytest.approx(zero, abs=0.2)
    assert bw > tw and bw / tw == pytest.approx(323 / 180, rel=0.01)
    # Mixed signs: one bar each side of the zero line.
    (bx, bw, _), (tx, tw, _) = _rects(rows[1])
    zero = float(re.search(r'<line x1="([\d.]+)"', rows[1]).group(1))
    assert bx + bw == pytest.approx(zero, abs=0.2) and tx == pytest.approx(zero, abs=0.2)
    assert tw / bw == pytest.approx(120 / 50, rel=0.01)


def test_chart_keeps_long_names_whole(chart_plan: Plan) -> None:
    page = plan_to_html(chart_plan)
    row = _rows(page)[2]
    label = re.search(r'<text class="label"[^>]*>(.*?)</text>', row).group(1)
    parts = re.findall(r"<tspan[^>]*>(.*?)</tspan>", label)
    assert len(parts) >= 2 and "".join(parts) == f"K1-1-03 {LONG_NAME}"  # wrapped, not cut
    assert f"<title>{LONG_NAME}:" in row  # and whole in the tooltip


def test_wrap_keeps_closing_brackets_on_their_line() -> None:
    lines = wrap("全国と本市の比較値（小学6年生）", 30)
    assert "".join(lines) == "全国と本市の比較値（小学6年生）"
    assert not any(line.startswith("）") for line in lines)


def test_report_without_findings_or_goals_says_so() -> None:
    plan = Plan(source_name="empty.txt")
    page = plan_to_html(plan)
    assert "検出事項はありません" in page
    md = plan_to_markdown(plan)
    assert "検出事項はありません" in md and "ありません。" in md
    assert Severity.ERROR.value in page  # the filters still list every severity
