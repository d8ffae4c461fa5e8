"""The message catalogues (locale/*/LC_MESSAGES/plan-extract.po): every code and every key the
pages and the code look up, in Japanese and English, with the same fields in both, compiled and
up to date; finding templates filled from params, the check's words otherwise; plural forms; the
run summary in either language."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path
from types import ModuleType

import pytest

from extract import findings, messages
from extract.cli import _summary
from extract.models import Finding, Severity
from extract.pipeline import RunResult, run
from extract.rules import Rules

from .conftest import FIXTURES, IN_CI, ROOT, SEED


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture(scope="module")
def make_messages() -> ModuleType:
    """scripts/messages.py (`make messages`), which needs Babel (a dev dependency)."""
    try:
        import babel  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("Babel is missing under CI=true: it is in the dev extras.")
        pytest.skip("Babel not installed (pip install -e '.[dev]').")
    spec = importlib.util.spec_from_file_location("make_messages", ROOT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def catalogues(make_messages: ModuleType) -> dict[str, dict[str, tuple[str, ...]]]:
    """lang → key → its sentence (one form, or one per plural form), as the .po files hold it."""
    out = {}
    for lang in messages.LANGS:
        po = make_messages.read_catalogue(make_messages._po(lang), lang)
        out[lang] = {
            make_messages._key(m.id): make_messages._forms(m.string)
            for m in po
            if m.id and not m.fuzzy
        }
    return out


def test_every_code_has_a_title_and_description_in_both_languages(
    catalogues: dict[str, dict[str, tuple[str, ...]]],
) -> None:
    for code in findings.CODES:
        for lang in messages.LANGS:
            title, description = (
                messages.code_title(code, lang),
                messages.code_description(code, lang),
            )
            assert title and title != code, (code, lang)
            assert description, (code, lang)
            assert catalogues[lang][f"title.{code}"][0] == title, (code, lang)
            assert catalogues[lang][f"description.{code}"][0] == description, (code, lang)
        # the English description is the catalogue of codes' own
        assert messages.code_description(code, "en") == findings.CODES[code][1]
        assert messages.code_description(code, "ja") != findings.CODES[code][1]


def test_every_key_has_both_languages_with_the_same_fields(
    catalogues: dict[str, dict[str, tuple[str, ...]]],
) -> None:
    """Each catalogue holds the same keys, every one translated, each form with the same
    fields; a key with plural forms has them in both (one in Japanese, two in English)."""
    en, ja = catalogues["en"], catalogues["ja"]
    assert set(en) == set(ja)
    for key in en:
        forms = {*en[key], *ja[key]}
        assert all(f.strip() for f in forms), key
        assert len({frozenset(_fields(f)) for f in forms}) == 1, key
        assert (len(en[key]), len(ja[key])) in ((1, 1), (2, 1)), key


def test_every_key_the_pages_and_code_look_up_is_in_the_catalogues(
    make_messages: ModuleType, catalogues: dict[str, dict[str, tuple[str, ...]]]
) -> None:
    used = make_messages.used_keys()
    assert {"report.heading", "review.rerun", "summary.findings", "severity.error"} <= set(used)
    for lang in messages.LANGS:
        assert not set(used) - set(catalogues[lang]), lang
        plural = {k for k, (is_plural, _) in used.items() if is_plural}
        assert plural == {k for k in used if len(catalogues["en"][k]) == 2}


def test_templates_name_catalogued_codes(
    catalogues: dict[str, dict[str, tuple[str, ...]]],
) -> None:
    for key in catalogues["en"]:
        kind, _, rest = key.partition(".")
        if kind in ("title", "description", "finding", "hint"):
            code, _, form = rest.partition("/")
            assert code in findings.CODES, key
            assert not form or kind in ("finding", "hint"), key
    assert set(messages.REVIEW_ACTIONS) <= set(findings.CODES)


def test_every_code_has_a_message_and_a_hint_in_both_languages(
    catalogues: dict[str, dict[str, tuple[str, ...]]],
) -> None:
    for code in findings.CODES:
        for lang in messages.LANGS:
            for kind in ("finding", "hint"):
                assert catalogues[lang][f"{kind}.{code}"][0].strip(), (code, lang)


def test_the_catalogues_are_up_to_date(make_messages: ModuleType, capsys) -> None:  # noqa: ANN001
    """`make messages` would change nothing: the template holds every key looked up, the .po
    files every key of the template, and the committed .mo files (what runs) say what the .po
    files say."""
    assert make_messages.main(["--check"]) == 0, capsys.readouterr().out
    for lang in messages.LANGS:
        assert make_messages.stale_mo(lang) == [], lang


def test_plural_forms() -> None:
    assert messages.plural("report.out_of_scope", 1, "en") == (
        "1 line of prose outside the plan's tables was read as out of scope."
    )
    assert messages.plural("report.out_of_scope", 3, "en") == (
        "3 lines of prose outside the plan's tables were read as out of scope."
    )
    # Japanese has one form for every count
    assert messages.plural("report.out_of_scope", 1, "ja") == (
        "計画の表の外にある説明文 1 行は、対象外として読みました。"
    )
    assert messages.plural("review.pending", 2, "en") == "2 decisions not yet applied"
    assert messages.plural("review.pending", 1, "en") == "1 decision not yet applied"


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
    fmt = messages._Formatter(messages.catalogue("ja"), params)
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
            for kind in ("finding", "hint"):
                text = messages.render(kind, f.code, f.params, lang)
                assert text and not re.search(r"[{}]", text), (f.code, lang, text)
        assert f.message == messages.render("finding", f.code, f.params, "en")
        assert f.hint == messages.render("hint", f.code, f.params, "en")
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
