"""One settings tree, checked at load: each bad setting is refused by name, before any work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.errors import RulesError
from extract.rules import load_rules
from extract.settings import Settings, load_settings

from .conftest import ROOT, SEED, plan_extract

CASES = [
    (
        '[variants]\nmax_distance = "two"\n',
        r"\[variants\] max_distance must be a whole number, not 'two'",
    ),
    (
        "[variants]\nmax_distance = -5\n",
        r"\[variants\] max_distance must be a value ≥ 0 and ≤ 3, not -5",
    ),
    ('[pdf]\nmargin_ratio = "x"\n', r"\[pdf\] margin_ratio must be a number, not 'x'"),
    ('[pdf]\njobs = "many"\n', r"\[pdf\] jobs must be a whole number, not 'many'"),
    ('[parse]\ngoal_words = "基本目標"\n', r"\[parse\] goal_words must be a list of words"),
    (
        '[parse]\ngoal_wrods = ["基本目標"]\n',
        r"\[parse\] has no setting 'goal_wrods'; known: .*goal_words",
    ),
    ('[publsh]\ntrue_value = "1"\n', r"has no setting 'publsh'; known: default_source, files"),
    ("default_source = 3\n", r"default_source must be a text in quotes, not 3"),
    ("[pdf]\nheading_ratio = 0.5\n", r"heading_ratio must be a value ≥ 1 and ≤ 5, not 0.5"),
    ('[publish]\ntrue_value = ""\n', r"\[publish\] true_value must be"),
    (
        '[files]\nvariants = "variants_city.csv"\n',
        r"\[files\] variants names .*variants_city.csv, which does not exist",
    ),
    ("[pdf\njobs = 1\n", r"settings.toml: not valid TOML"),
]


def _rules_dir(tmp_path: Path, settings: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "settings.toml").write_text(settings, encoding="utf-8")
    return rules


@pytest.mark.parametrize(("settings", "message"), CASES, ids=[c[1][:30] for c in CASES])
def test_bad_settings_are_refused_by_name(tmp_path: Path, settings: str, message: str) -> None:
    rules = _rules_dir(tmp_path, settings)
    with pytest.raises(RulesError, match=message) as caught:
        load_rules(rules)
    assert str(rules / "settings.toml") in str(caught.value)


@pytest.mark.parametrize("case", [0, 3, 4, 5], ids=["distance", "jobs", "words", "typo"])
def test_the_command_line_refuses_before_any_work(tmp_path: Path, case: int) -> None:
    settings, message = CASES[case]
    rules = _rules_dir(tmp_path, settings)
    out = tmp_path / "out"
    result = plan_extract("run", str(SEED), "--rules", str(rules), "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "settings.toml" in result.stderr
    assert not out.exists()


def test_good_settings_load_typed(tmp_path: Path) -> None:
    rules = _rules_dir(
        tmp_path,
        '[parse]\ngoal_words = ["基本目標", "目標"]\n[pdf]\njobs = 1\nmargin_ratio = 0.05\n'
        "[variants]\nmax_distance = 2\n",
    )
    loaded = load_rules(rules)
    assert loaded.parse.goal_words == ("基本目標", "目標")
    assert (loaded.pdf.jobs, loaded.pdf.margin_ratio) == (1, 0.05)
    assert loaded.settings.variants.max_distance == 2
    # The tree is frozen: a stage cannot change another's settings.
    with pytest.raises(Exception, match="frozen"):
        loaded.settings.pdf.jobs = 4  # type: ignore[misc]


def test_overrides_are_validated_copies() -> None:
    base = Settings()
    two = base.override(pdf={"jobs": 2})
    assert (base.pdf.jobs, two.pdf.jobs) == (0, 2)
    with pytest.raises(RulesError, match=r"--jobs: \[pdf\] jobs must be a value ≥ 0"):
        base.override("--jobs", pdf={"jobs": -1})


def test_the_project_settings_are_valid() -> None:
    settings = load_settings(ROOT / "rules" / "settings.toml")
    assert settings.default_source == "raw/aizuwakamatsu_strategy3_ch4.txt"


def test_an_unclosed_quote_in_a_rules_csv_is_refused(tmp_path: Path) -> None:
    rules = _rules_dir(tmp_path, "")
    (rules / "variants.csv").write_text(
        "canonical,variant,scope,note\n"
        'サステナブル,サステイナブル,,"The city spells it サステナブル\n'
        "あいべあ,あいペあ,,OCR misread\n"
        "あいべあ,あいばあ,,OCR misread\n",
        encoding="utf-8",
    )
    with pytest.raises(
        RulesError, match=r"variants.csv:2: a quote opened on this line is not closed"
    ):
        load_rules(rules)


def test_a_line_break_inside_a_note_is_fine(tmp_path: Path) -> None:
    """Excel writes Alt+Enter inside a quoted cell: a note over two lines is not an error."""
    rules = _rules_dir(tmp_path, "")
    (rules / "variants.csv").write_text(
        "canonical,variant,scope,note\n"
        'サステナブル,サステイナブル,,"The city spells it サステナブル.\nSeen in line 40."\n',
        encoding="utf-8",
    )
    assert [r.variant for r in load_rules(rules).variants] == ["サステイナブル"]
