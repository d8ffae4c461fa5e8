"""The message catalogue: every code and every interface sentence in Japanese and English, with
the same fields in both; finding templates filled from params, the check's words otherwise; the
run summary in either language."""

from __future__ import annotations

import string
from pathlib import Path

from extract import findings, messages
from extract.cli import _summary
from extract.models import Finding, Severity
from extract.pipeline import RunResult


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
        for code, entry in table.items():
            assert code in findings.CODES
            assert set(entry) == set(messages.LANGS), code
            assert _fields(entry["ja"]) == _fields(entry["en"]), code
    assert set(messages.REVIEW_ACTIONS) <= set(findings.CODES)


def test_finding_message_from_params_or_the_checks_words() -> None:
    plain = findings.make("abbreviation.unknown", "【情統】 is used by 2 project(s) …")
    assert messages.finding_message(plain, "ja") == plain.message  # no params yet
    with_params = plain.model_copy(
        update={"params": {"abbr": "情統", "count": 2, "lines": "465, 466"}}
    )
    assert messages.finding_message(with_params, "ja") == (
        "【情統】は 2 件の事業（465, 466行目）で使われていますが、略称対応表にありません。"
    )
    assert messages.finding_message(with_params, "en").startswith(
        "【情統】 is used by 2 project(s)"
    )
    missing = plain.model_copy(update={"params": {"abbr": "情統"}})
    assert messages.finding_message(missing, "ja") == plain.message  # params not fitting
    untemplated = Finding(
        code="kpi.unit_mismatch", severity=Severity.WARNING, message="m", params={"x": 1}
    )
    assert messages.finding_message(untemplated, "ja") == "m"
    assert messages.finding_hint(untemplated, "ja") == ""


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
    assert "表記ゆれ：15 グループ、うち要確認 0" in ja
    en = _summary(seed, Path("out"), "en")
    assert "records: goals 4, policies 12," in en and "projects 345" in en
    assert (
        f"findings: error {n[Severity.ERROR]}, warning {n[Severity.WARNING]}, info {n[Severity.INFO]}"
        in en
    )
    assert "variants: 15 groups, 0 suspected (see variants.csv)" in en


def test_error_frame() -> None:
    assert messages.text("error.frame", "ja", message="x.pdf: no such file.") == (
        "plan-extract: エラー：x.pdf: no such file."
    )
    assert messages.text("error.frame", "en", message="m") == "plan-extract: m"
