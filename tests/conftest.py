from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.pipeline import RunResult, run
from extract.rules import Rules, load_rules

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "aizuwakamatsu_strategy3_ch4.txt"
# Chromium run by the tests, as root in CI and without a network: no sandbox, no GPU, nothing
# fetched in the background.
CHROMIUM_QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SECOND = FIXTURES / "second_plan" / "plan.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite tests/fixtures/<case>/expected/ from the current output (review the diff!)",
    )


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules(ROOT / "rules")


@pytest.fixture(scope="session")
def seed(rules: Rules) -> RunResult:
    return run(SEED, rules=rules)


@pytest.fixture(scope="session")
def second(rules: Rules) -> RunResult:
    return run(SECOND, rules=rules)


def require_ocr() -> None:
    """Skip when the OCR engine (tesserocr, OpenCV, Tesseract's Japanese model) is not usable;
    never under CI, where `make system-deps` installs it."""
    from extract.ingest.ocr import OcrSettings as EngineSettings
    from extract.ingest.ocr import ocr_available

    missing = ocr_available(EngineSettings())
    if missing:
        if IN_CI:
            pytest.fail(f"OCR is not usable under CI=true: {missing}")
        pytest.skip(missing)


def require_tool(name: str, package: str) -> str:
    """The path of a system tool, or skip (never under CI, where `make system-deps` installs it)."""
    path = shutil.which(name)
    if path:
        return path
    if IN_CI:
        pytest.fail(
            f"{name} is missing under CI=true: `make system-deps` should install {package}."
        )
    pytest.skip(f"{name} not installed (Debian package {package}; run `make system-deps`).")


def plan_extract(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user would (`python -m extract …`)."""
    return subprocess.run(
        [sys.executable, "-m", "extract", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table_key_problems(plan: object) -> list[str]:
    """What in the plan's output tables breaks their own primary or foreign keys, checked as
    frictionless checks them (all-empty foreign keys are skipped), on the registry's rows."""
    from extract.tables import TABLES

    rows = {t.name: t.rows(plan) for t in TABLES}  # type: ignore[arg-type]
    problems: list[str] = []
    for t in TABLES:
        schema = t.schema
        if schema.primary_key:
            seen: dict[tuple[object, ...], object] = {}
            for r in rows[t.name]:
                key = tuple(r.get(f) for f in schema.primary_key)
                if all(v is None for v in key):
                    problems.append(f"{t.name}: empty primary key (line {r.get('source_line')})")
                elif key in seen:
                    problems.append(
                        f"{t.name}: primary key {key} on lines {seen[key]} and {r.get('source_line')}"
                    )
                seen.setdefault(key, r.get("source_line"))
        for fields, resource, ref_fields in schema.foreign_keys:
            target = {tuple(r.get(f) for f in ref_fields) for r in rows[resource]}
            for r in rows[t.name]:
                key = tuple(r.get(f) for f in fields)
                if not all(v is None for v in key) and key not in target:
                    problems.append(
                        f"{t.name}: {fields}={key} not in {resource} (line {r.get('source_line')})"
                    )
    return problems
