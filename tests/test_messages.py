"""The message catalogue: every code and every interface sentence in Japanese and English, with
the same fields in both; finding templates filled from params, the check's words otherwise; the
run summary in either language."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from extract import findings, messages
from extract.cli import _summary
from extract.models import Finding, Severity
from extract.pipeline import RunResult, run
from extract.rules import Rules

from .conftest import FIXTURES, SEED


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_has_a_title_and_description_in_both_languages() -> None:
    assert set(messages.CODE_TEXT) == set(findings.CODES)
    for code in findings.CODES:
        for lang in messages.LANGS:
            title, description = (
                messages.code_title(code, lang),
                messages.code_description(code, lang),
            )
            assert title and title != code, (code, lang)
            assert description, (code, lang)
        ja_title, ja_description = messages.CODE_TEXT[code]["ja"]
        assert ja_title and ja_description, code
        assert messages.code_description(code, "en") == findings.CODES[code][1]
        assert messages.code_description(code, "ja") == ja_description


def test_interface_sentences_exist_in_both_languages_with_the_same_fields() -> None:
    for key, entry in messages.UI.items():
        assert set(entry) == set(messages.LANGS), key
        assert _fields(entry["ja"]) == _fields(entry["en"]), key
        assert entry["ja"] != "" and entry["en"] != ""


def test_templates_name_catalogued_codes_with_the_same_fields() -> None:
    for table in (messages.FINDING_TEMPLATES, messages.HINT_TEMPLATES):
        for key, entry in table.items():
            code, _, form = key.partition("/")
            assert code in findings.CODES, key
            assert form or key == code
            assert set(entry) == set(messages.LANGS), key
            assert _fields(entry["ja"]) == _fields(entry["en"]), key
    for key, entry in messages.TERMS.items():
        assert set(entry) == set(messages.LANGS), key
        assert _fields(entry["ja"]) == _fields(entry["en"]), key
    assert set(messages.REVIEW_ACTIONS) <= set(findings.CODES)


def test_every_code_has_a_message_and_a_hint_in_both_languages() -> None:
    for code in findings.CODES:
        for table in (messages.FINDING_TEMPLATES, messages.HINT_TEMPLATES):
            assert code in table, code
            assert all(table[code][lang].strip() for lang in messages.LANGS), code


def test_finding_message_from_params_or_the_checks_words() -> None:
    plain = findings.make("abbreviation.unknown", "【情統】 is used by 2 project(s) …")
    assert messages.finding_message(plain, "ja") == plain.message  # no params: its own words
    made = messages.finding(
        "abbreviation.unknown",
        {
            "abbr": "情統",
            "count": 3,
            "lines": "465,466,467",
            "guess": "情報",
            "guess_bureau": "企画政策部",
            "guess_section": "情報統計課",
        },
    )
    assert messages.finding_message(made, "ja") == (
        "【情統】は略称対応表にない所管課略称です（3件の事業で使用：465行目ほか）。"
    )
    assert messages.finding_hint(made, "ja") == (
        "rules/departments.csv に `情統,情報,,,<理由>` を追加してください"
        "（最も近い略称：情報＝企画政策部 情報統計課）。"
    )
    # findings.csv keeps the English sentences, made from the same templates
    assert (
        made.message
        == messages.finding_message(made, "en")
        == ("【情統】 is used by 3 project(s) (lines 465, 466, 467) but is not in the 略称対応表.")
    )
    assert made.hint.startswith("Try: add `情統,情報,,,<why>` to rules/departments.csv")
    missing = plain.model_copy(update={"params": {"abbr": "情統"}})
    assert messages.finding_message(missing, "ja") == plain.message  # params not fitting
    unfitting = Finding(
        code="kpi.target_against_direction",
        severity=Severity.WARNING,
        message="m",
        params={"x": 1},
    )
    assert messages.finding_message(unfitting, "ja") == "m"
    assert messages.finding_hint(unfitting, "ja") == ""


def test_the_template_formats() -> None:
    many = ",".join(str(n) for n in range(10, 20))
    assert messages._lines(many, "en") == "10, 11, 12, 13, 14, 15, 16, 17 …"
    assert messages._lines(many, "ja") == "10、11、12、13、14、15、16、17行目ほか"
    assert messages._lines("40", "ja", first=True) == "40行目"
    spellings = messages.spellings_param(
        [("第7次総合計画", 5, [38, 108, 240, 242, 401]), ("第7期総合計画", 1, [40])]
    )
    assert messages._spellings(spellings, "ja", where=True) == (
        "「第7次総合計画」（38、108、240、242、401行目）と「第7期総合計画」（40行目）"
    )
    assert messages._spellings(spellings, "en", where=True) == (
        "第7次総合計画 (×5: lines 38, 108, 240, 242, 401) / 第7期総合計画 (×1: line 40)"
    )
    assert messages._spellings(spellings, "en", where=False) == (
        "第7次総合計画 (×5) / 第7期総合計画 (×1)"
    )
    params = {"carried": "", "goal": 2, "policy": 3, "w": "row.policy"}
    fmt = messages._Formatter("ja", params)
    assert fmt.vformat("{carried:opt:carried_bureau}{carried:else:no_bureau}", (), params) == (
        "部局なし"
    )
    assert fmt.vformat("{w:term}", (), params) == "基本目標2の取組方針3"


PLANS = [SEED, *sorted(FIXTURES.glob("*/plan.txt"))]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_every_finding_renders_in_both_languages(plan: Path, rules: Rules) -> None:
    """Every finding of every test plan carries the params its templates use: it renders in
    Japanese and English, with no field left over, and its English is the CSV's message."""
    for f in run(plan, rules=rules).plan.findings:
        assert f.params, f.code
        for lang in messages.LANGS:
            for table in (messages.FINDING_TEMPLATES, messages.HINT_TEMPLATES):
                text = messages.render(table, f.code, f.params, lang)
                assert text and not re.search(r"[{}]", text), (f.code, lang, text)
        assert f.message == messages.render(messages.FINDING_TEMPLATES, f.code, f.params, "en")
        assert f.hint == messages.render(messages.HINT_TEMPLATES, f.code, f.params, "en")
        ja = messages.finding_message(f, "ja")
        assert ja != f.message and re.search(r"[\u3040-\u30ff]", ja), (f.code, ja)


def test_params_are_not_a_csv_column(seed: RunResult) -> None:
    from extract.publish import plan_to_tables

    header, _ = plan_to_tables(seed.plan)["findings"]
    assert "params" not in header and "code" in header and "message" in header


def test_run_summary_in_japanese_and_english(seed: RunResult) -> None:
    live = [f for f in seed.plan.findings if not f.accepted]
    n = {s: sum(1 for f in live if f.severity is s) for s in Severity}
    ja = _summary(seed, Path("out"))
    assert "記録：基本目標 4、取組方針 12、" in ja and "事務事業 345" in ja
    assert (
        f"検出事項：エラー {n[Severity.ERROR]}、警告 {n[Severity.WARNING]}、情報 {n[Severity.INFO]}"
        in ja
    )
    assert "（うち 3 件は【】で使われているが略称対応表にない）" in ja
    assert "表記ゆれ：16 グループ、うち要確認 1" in ja
    en = _summary(seed, Path("out"), "en")
    assert "records: goals 4, policies 12," in en and "projects 345" in en
    assert (
        f"findings: error {n[Severity.ERROR]}, warning {n[Severity.WARNING]}, info {n[Severity.INFO]}"
        in en
    )
    assert "variants: 16 groups, 1 suspected (see variants.csv)" in en


def test_error_frame() -> None:
    assert messages.text("error.frame", "ja", message="x.pdf: no such file.") == (
        "plan-extract: エラー：x.pdf: no such file."
    )
    assert messages.text("error.frame", "en", message="m") == "plan-extract: m"
