"""The same plan printed by other producers and layouts (Chromium, LibreOffice Writer and Calc,
ReportLab, two columns, Gothic with page-bottom footnotes, cairo re-prints): the PDF's records
equal the text path's, table by table, `diff` between the text and the PDF finds nothing, and a
revision printed by the same producer diffs to exactly its edits.

The PDFs are rendered by the tests (`tests/producers.py`); a producer's tools missing skips with
the Debian package to install, or fails under CI. `benchmarks/producers_report.py` prints the same
comparison as figures."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from extract.diff import diff_tables, plan_to_tables
from extract.pipeline import RunResult, run
from extract.rules import Rules

from .compare import assert_same_records
from .conftest import SECOND, SEED
from .producers import PRODUCERS, require_producer
from .revision import EDITS, revised_seed

# Every producer and layout: the PDF of a plan reads exactly as its text.
EXACT = [
    "writer",
    "chromium",
    "writer_wrapped",
    "calc",
    "reportlab",
    "two_column",
    "gothic_footnotes",
    "cairo_writer",
    "cairo_chromium",
    "borderless_landscape",
]

Render = Callable[[str, Path], Path]


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """A plan's text printed by a producer, once per module (its metadata beside it)."""
    folder = tmp_path_factory.mktemp("producers")
    made: dict[tuple[str, Path], Path] = {}

    def make(producer: str, source: Path) -> Path:
        require_producer(producer)
        if (producer, source) not in made:
            out = folder / f"{source.stem}.{producer}.pdf"
            PRODUCERS[producer](source.read_text(encoding="utf-8"), out)
            meta = source.with_name(source.stem + ".meta.toml")
            if meta.exists():  # the pipeline reads <stem>.meta.toml beside its source
                shutil.copy(meta, out.with_name(out.stem + ".meta.toml"))
            made[(producer, source)] = out
        return made[(producer, source)]

    return make


@pytest.mark.parametrize("producer", EXACT)
@pytest.mark.parametrize("plan", ["seed", "second"])
def test_pdf_records_equal_the_text(
    plan: str, producer: str, render: Render, request: pytest.FixtureRequest, rules: Rules
) -> None:
    text: RunResult = request.getfixturevalue(plan)
    got = run(render(producer, SEED if plan == "seed" else SECOND), rules=rules)
    assert got.document.source_format == "pdf"
    assert_same_records(text.plan, got.plan)
    # What a reviewer of a revision would see between the text and the PDF: nothing.
    assert diff_tables(plan_to_tables(text.plan), plan_to_tables(got.plan)) == []
    # Rows a page or column break leaves alone are placed in their table's columns: the PDF's
    # shifted rows are the source's own, plus rows the PDF glued into one cell.
    assert _shifted(got) - _shifted(text) <= _shifted(got, "project_glued")
    assert _shifted(text) <= _shifted(got)


def _shifted(result: RunResult, form: str | None = None) -> set[str | None]:
    return {
        f.record_id
        for f in result.plan.findings
        if f.code == "layout.column_shift" and form in (None, f.params.get("form"))
    }


@pytest.mark.parametrize(
    "producer", ["writer_wrapped", "chromium", "calc", "two_column", "borderless_landscape"]
)
def test_a_revision_printed_by_one_producer_diffs_to_its_edits(
    producer: str, render: Render, rules: Rules, tmp_path: Path
) -> None:
    """The workflow users run most: the current plan's PDF against its revised PDF. Rows wrapped
    or cut at other page breaks in the revision must not read as changes."""
    revised = revised_seed(tmp_path)
    old = run(render(producer, SEED), rules=rules)
    new = run(render(producer, revised), rules=rules)
    changes = [
        (c.change, c.table, c.key, c.field, c.old, c.new)
        for c in diff_tables(plan_to_tables(old.plan), plan_to_tables(new.plan))
    ]
    assert sorted(changes) == sorted(EDITS)
