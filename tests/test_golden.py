"""Golden files: the whole output of each case, byte for byte.

Regenerate with `pytest tests/test_golden.py --regen-golden` and review the diff before
committing: a changed golden file is a changed published dataset.
"""

from __future__ import annotations

import pytest

from extract.pipeline import RunResult, run
from extract.publish import plan_to_files
from extract.rules import Rules

from .conftest import FIXTURES, SEED


def _compare(result: RunResult, case: str, regen: bool) -> None:
    expected_dir = FIXTURES / case / "expected"
    files = plan_to_files(result.plan, result.document)
    if regen:
        expected_dir.mkdir(parents=True, exist_ok=True)
        for old in expected_dir.iterdir():
            old.unlink()
        for name, text in files.items():
            (expected_dir / name).write_text(text, encoding="utf-8", newline="")
        pytest.skip(f"regenerated {expected_dir}")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(expected_dir.iterdir())}
    assert sorted(files) == sorted(expected)
    for name in expected:
        assert files[name] == expected[name], f"{case}/{name} differs from the golden file"


def test_seed_golden(seed: RunResult, regen_golden: bool) -> None:
    _compare(seed, "seed", regen_golden)


def test_second_plan_golden(second: RunResult, regen_golden: bool) -> None:
    _compare(second, "second_plan", regen_golden)


def test_output_is_deterministic(seed: RunResult, rules: Rules) -> None:
    again = run(SEED, rules=rules)
    assert plan_to_files(again.plan, again.document) == plan_to_files(seed.plan, seed.document)
