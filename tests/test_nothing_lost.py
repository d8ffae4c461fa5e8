"""Every non-blank source line ends up in a record, as recognised prose, or in a finding."""

from __future__ import annotations

from pathlib import Path

from extract.ingest import path_to_document
from extract.models import Plan
from extract.parse import document_to_plan
from extract.pipeline import RunResult

from .conftest import SEED

RECORD_ROLES = {
    "project",
    "kpi",
    "numeric_target",
    "footnote",
    "action",
    "department",
    "overview",
    "basic_direction",
    "project_field",
}
OTHER_ROLES = {"heading", "table_header", "out_of_scope", "prose", "caption", "unparsed"}


def _check_every_line(plan: Plan, path: Path) -> None:
    doc = path_to_document(path)
    non_blank = {line.no for line in doc.lines if line.text.strip()}
    assert set(plan.line_roles) == non_blank
    assert set(plan.line_roles.values()) <= RECORD_ROLES | OTHER_ROLES
    unparsed = {no for no, role in plan.line_roles.items() if role == "unparsed"}
    assert unparsed == {f.line for f in plan.findings if f.code == "parse.unparsed"}
    # Every record-role line is the source_line of some record.
    record_lines = {
        r.source_line
        for r in [
            *plan.projects,
            *plan.kpis,
            *plan.numeric_targets,
            *plan.footnotes,
            *plan.actions,
            *plan.departments,
            *plan.overview,
        ]
    }
    record_lines |= {g.source_line for g in plan.goals} | {p.source_line for p in plan.policies}
    for no, role in plan.line_roles.items():
        if role in RECORD_ROLES - {"basic_direction", "project_field"}:
            assert no in record_lines, (no, role)


def test_nothing_lost_on_the_seed(seed: RunResult) -> None:
    _check_every_line(seed.plan, SEED)
    assert not [f for f in seed.plan.findings if f.code == "parse.unparsed"]


def test_a_line_the_parser_cannot_place_is_a_finding(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").split("\n")
    # A stray two-cell row inside the KPI section, and garbage inside a project list.
    text.insert(88, "注意\tこの行は表のどこにも属さない\tX\tY\tZ")
    text.insert(103, "\t\t\t\t")
    text.insert(104, "\t\t○\t備考")
    text.insert(105, "\t謎の事業")
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(text), encoding="utf-8")
    plan = document_to_plan(path_to_document(path))
    _check_every_line(plan, path)
    assert [(f.code, f.line) for f in plan.findings if f.code == "parse.unparsed"] == [
        ("parse.unparsed", 89),
        ("parse.unparsed", 105),
    ]
    # A name without its 【所管課】 is still a project, reported so the reviewer sees it.
    assert [(f.code, f.line) for f in plan.findings if f.code == "parse.no_department"] == [
        ("parse.no_department", 106)
    ]
    # The rows around them still parse.
    assert len(plan.kpis) == 36 and len(plan.projects) == 346
