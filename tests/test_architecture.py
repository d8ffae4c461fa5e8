"""The architecture holds: stages import downward only, checks are pure and declare their codes,
every catalogued code is emitted somewhere, and each table's rows match its schema."""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import pytest

from extract import checks, findings
from extract.checks import CHECKS, MODULES, plan_to_findings
from extract.models import Action, Department, Footnote, Goal, Indicator, Plan, Policy, Project
from extract.pipeline import RunResult
from extract.rules import Rules
from extract.tables import TABLES

SRC = Path(__file__).resolve().parents[1] / "src" / "extract"

# What each part of the package may import (besides itself and `extract.__version__`). Stages
# never import a later stage, and never a sibling stage: ingest does not import parse, the checks
# import neither parse nor variants.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "text": set(),
    "charmap": set(),
    "workers": set(),
    "models": set(),
    "schema": set(),
    "normalize": set(),
    "settings": {"errors"},
    "findings": {"models"},
    # the message catalogues (gettext); a user's catalogue that cannot be read is a RulesError
    "messages": {"errors", "models", "findings"},
    # the pages' templates and static files (Jinja2), a user's folder first
    "pages": {"errors"},
    "pictures": {"models"},
    "rules": {"errors", "settings", "models", "text"},
    "ingest": {"errors", "models", "settings", "text"},
    "parse": {"errors", "models", "settings", "text", "findings", "normalize", "messages"},
    "variants": {"models", "rules", "normalize", "findings", "text", "settings", "messages"},
    "link": {"models", "rules", "text", "findings", "messages"},
    "checks": {"models", "rules", "findings", "text", "normalize", "settings", "messages"},
    "tables": {"models", "schema", "text"},
    "ocrfix": {
        "models",
        "findings",
        "text",
        "messages",
        "settings",
        "ocrwords",
        "ocrunits",
        "ocrheads",
    },
    "ocrheads": {"models", "ocrwords"},  # (the dictionary: a character read past recognition)
    "ocrunits": {"models", "messages", "ocrwords"},
    "ocrwords": {"models", "text", "messages"},
    "report": {"models", "findings", "tables", "text", "messages", "pages", "pictures", "schema"},
    "publish": {"errors", "models", "report", "schema", "tables", "text"},
    "opendata": {"errors", "publish", "tables", "settings", "schema", "text"},
    "diff": {"errors", "models", "publish", "tables", "text"},
    # the review server: a decision checked against the rules loader, a rerun through the pipeline
    "review": {"errors", "messages", "models", "pages", "pipeline", "publish", "rules", "text"},
    # plan-extract batch: the municipality code list, indicator groups across plans, and the
    # corpus (plans read through the pipeline, written as one dataset)
    "municipalities": {"errors", "messages", "models"},
    "indicator_groups": {"errors"},
    "corpus": {
        "diff",
        "errors",
        "indicator_groups",
        "messages",
        "municipalities",
        "pipeline",
        "publish",
        "rules",
        "schema",
        "tables",
        "text",
    },
}
TOP = {"pipeline", "cli", "__main__", "__init__"}
BOTTOM = {"charmap", "workers"}  # pure data and process pools every stage may use


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("extract"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extract"):
            if node.module == "extract":
                names.update(f"extract.{a.name}" for a in node.names if a.name != "__version__")
            else:
                names.add(node.module)
    return names


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        out.append((".".join(rel.parts), path))
    return out


def test_imports_go_downward_only() -> None:
    bad = []
    for module, path in _modules():
        part = _part(module) if module != "extract.__init__" else "__init__"
        if part in TOP:
            continue
        assert part in ALLOWED, f"{module}: add its part to ALLOWED in this test"
        for imported in _imports(path):
            target = _part(imported)
            if target != part and target not in ALLOWED[part] and target not in BOTTOM:
                bad.append(f"{module} imports {imported}")
    assert bad == []


def test_the_walker_sees_sideways_imports(tmp_path: Path) -> None:
    """The test above can fail: a check importing the parser is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from extract.parse.values import cell_to_value\nfrom extract import variants\n"
    )
    assert _imports(sample) == {"extract.parse.values", "extract.variants"}
    assert "parse" not in ALLOWED["checks"] and "variants" not in ALLOWED["checks"]


# What each ingest module may import of its siblings. The map is a DAG: the PDF reader's passes
# import downward, page → lines → tables → characters (pdf → pdflines → borderless, tablerows →
# pdfchars), and no pass imports the module that runs it.
INGEST: dict[str, set[str]] = {
    "__init__": {"docx", "html", "markdown", "pdf", "spaced", "text", "xlsx"},
    "blocks": set(),
    "columns": set(),
    "docx": {"blocks", "docxpdf", "numbers"},
    "docxpdf": {"blocks", "mdpdf"},
    "html": {"blocks", "listheads", "numbers", "text"},
    "listheads": {"blocks", "numbers"},
    "layout": set(),
    "markdown": {"blocks", "html", "listheads", "mdpdf", "pandoctables", "shortrows", "text"},
    "pandoctables": {"blocks"},
    "shortrows": set(),
    "mdpdf": set(),
    "numbers": set(),
    "ocr": {"ocr_image"},
    "ocr_image": set(),
    "scan": {"layout", "ocr"},
    "spaced": {"layout", "pdf", "pdfium"},
    "text": set(),
    "xlsx": {"blocks"},
    # the PDF reader (ingest/pdf.py's docstring walks its steps)
    "pdfium": set(),
    "pdfsize": set(),
    "pdfchars": {"pdfium"},
    "pdftables": {"layout", "pdfchars", "pdfium"},
    "gutter": {"layout", "pdfchars", "pdfium"},
    "borderless": {"columns", "layout", "pdfchars", "pdfium"},
    "tablerows": {"pdfchars", "pdfium"},
    "vrules": {"pdfchars", "pdfium"},
    "pdflines": {"borderless", "layout", "pdfchars", "pdfium", "tablerows", "vrules"},
    "overflow": {"gutter", "layout"},
    "pdf": {
        "gutter",
        "layout",
        "ocr",
        "overflow",
        "pdfchars",
        "pdfium",
        "pdflines",
        "pdftables",
        "scan",
        "vrules",
    },
}


def _siblings(path: Path) -> set[str]:
    """The ingest modules a module of ingest imports (`from extract.ingest import ocr_image`
    too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "extract.ingest":
                names.update(a.name for a in node.names)
            elif node.module.startswith("extract.ingest."):
                names.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            names.update(
                a.name.split(".")[2] for a in node.names if a.name.startswith("extract.ingest.")
            )
    return names


def test_ingest_modules_import_siblings_only_as_listed() -> None:
    bad = []
    for path in sorted((SRC / "ingest").glob("*.py")):
        assert path.stem in INGEST, f"ingest/{path.name}: add it to INGEST in this test"
        bad += [f"ingest/{path.name} imports {m}" for m in _siblings(path) - INGEST[path.stem]]
    assert bad == []


def test_ingest_imports_have_no_cycle() -> None:
    """Each listed import points down: the modules can be ordered so none imports a later one."""
    done: list[str] = []
    left = dict(INGEST)
    while left:
        ready = [m for m, deps in left.items() if deps <= set(done)]
        assert ready, f"a cycle among {sorted(left)}"
        done += ready
        for m in ready:
            del left[m]
    assert "parse" not in ALLOWED["ingest"]


def test_the_sibling_walker_sees_ingest_imports(tmp_path: Path) -> None:
    """The test above can fail: the characters module importing the lines module is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from extract.ingest.pdflines import lines_to_items\nfrom extract.ingest import ocr\n"
    )
    assert _siblings(sample) == {"pdflines", "ocr"}
    assert "pdflines" not in INGEST["pdfchars"]


# --- finding codes ------------------------------------------------------------------------------

CODE_LITERAL = re.compile(r'"([a-z]+\.[a-z_]+)"')


def _emitters() -> dict[str, tuple[str, ...]]:
    out = {}
    for module, path in _modules():
        text = path.read_text(encoding="utf-8")
        if "EMITS = (" in text:
            namespace: dict[str, object] = {}
            exec(  # noqa: S102 - reads the module's own literal declaration
                text[text.index("EMITS = (") :].split("\n\n", 1)[0], namespace
            )
            out[module] = namespace["EMITS"]  # type: ignore[assignment]
    return out


def test_every_catalogued_code_is_emitted_and_declared() -> None:
    emitters = _emitters()
    declared = {code for codes in emitters.values() for code in codes}
    assert declared == set(findings.CODES)
    # Declarations don't lie: the codes a module names are the codes it declares.
    for module, path in _modules():
        named = {
            c for c in CODE_LITERAL.findall(path.read_text(encoding="utf-8")) if c in findings.CODES
        }
        if module in ("extract.findings", "extract.messages"):  # the catalogues
            continue
        assert named == set(emitters.get(module, ())), module


def test_check_modules_declare_their_codes() -> None:
    for module in MODULES:
        assert module.EMITS, module.__name__
        assert all(code in findings.CODES for code in module.EMITS)


def test_checks_are_pure_and_order_free(seed: RunResult, rules: Rules) -> None:
    plan = seed.plan
    before = plan.model_dump_json()
    forward = plan_to_findings(plan, rules)
    shuffled = list(CHECKS)
    random.Random(7).shuffle(shuffled)
    backward = plan_to_findings(plan, rules, list(reversed(CHECKS)))
    other = plan_to_findings(plan, rules, shuffled)
    key = lambda f: (f.code, f.line, f.record_id, f.message)  # noqa: E731
    assert sorted(forward, key=key) == sorted(backward, key=key) == sorted(other, key=key)
    assert plan.model_dump_json() == before  # no check wrote to the plan
    live = {f.code for f in plan.findings}
    # What the checks find is what the run reported (the pipeline ran them once, in order).
    assert {f.code for f in forward} <= live


def test_link_stage_resolves_before_the_checks(seed: RunResult) -> None:
    plan = seed.plan
    relisted = [p for p in plan.projects if p.relisted]
    linked = [p for p in relisted if p.original_project_id]
    assert len(linked) == 76  # every ※再掲 row of the seed has an earlier original
    unlisted = {d.abbr for d in plan.departments if not d.listed}
    assert unlisted == {"情統", "各公民館", "育成"}
    # …and the abbreviation check still judges the printed table, not the linked rows.
    unknown = sorted(f.key for f in plan.findings if f.code == "abbreviation.unknown")
    assert unknown == sorted(unlisted)


def test_checks_package_exports_accept() -> None:
    assert callable(checks.accept)


# --- records and tables -------------------------------------------------------------------------

# Model fields that a table does not publish, and why.
NOT_PUBLISHED = {
    "actions": {"examples"},  # their own table, action_examples
    "projects": set(),
    "departments": set(),
}
MODELS = {
    "goals": Goal,
    "policies": Policy,
    "actions": Action,
    "footnotes": Footnote,
    "projects": Project,
    "departments": Department,
}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_rows_match_their_schema(table, seed: RunResult) -> None:  # noqa: ANN001
    rows = table.rows(seed.plan)
    assert rows, table.name
    fields = set(table.fields)
    for row in rows:
        assert set(row) >= fields, f"{table.name}: rows lack {fields - set(row)}"
    model = MODELS.get(table.name)
    if model is not None:
        published = set(model.model_fields) - NOT_PUBLISHED.get(table.name, set())
        assert published <= fields, f"{table.name}: fields {published - fields} not in the schema"


def test_indicator_tables_publish_every_value_field(seed: RunResult) -> None:
    from extract.models import Value

    kpis = next(t for t in TABLES if t.name == "kpis")
    # year_from_cell is a parse flag (reported as kpi.cell_year); a remark stays in *_raw and is
    # reported as parse.value_remark.
    value_fields = set(Value.model_fields) - {"year_from_cell", "remark"}
    for prefix in ("baseline", "target", "actual"):
        assert {f"{prefix}_{f}" for f in value_fields} <= set(kpis.fields)
    assert {"indicator", "indicator_raw", "footnote_no", "relisted"} <= set(kpis.fields)
    values = {"kind", "seq", "baseline", "target", "actual"}
    assert set(Indicator.model_fields) - values <= set(kpis.fields)


def test_record_ids_are_declared_on_the_models(seed: RunResult) -> None:
    plan: Plan = seed.plan
    assert plan.goals[0].record_id == "G1"
    assert plan.policies[1].record_id == "G1-P2"
    assert plan.actions[0].record_id == "A1-1-1"
    assert plan.projects[0].record_id == plan.projects[0].project_id == "G1-P1-001"
    assert plan.kpis[0].record_id == "K1-1-01"
    assert plan.footnotes[0].record_id == "F9"
    assert plan.departments[0].record_id.startswith("D:")


# An HTML element written in a Python string: the pages are templates (src/extract/templates/).
# (<b> and <sup> are marks of a plan's text rendering; (?P<pre>…) is a regex group.)
MARKUP = re.compile(
    r"(?<!\?P)<(?:div|span|p|a|table|tr|td|th|h[1-6]|svg|rect|text|script|style|section|"
    r"figure|img|ul|li|pre|details|form|input|button|label)[\s>/]"
)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_markup_is_built_in_python() -> None:
    """The report and the review page are templates, escaped by Jinja2's autoescape: no module
    writes an HTML element in a string, and none escapes by hand (`_e(`, html.escape) but the
    templates' own escaping in pages.py."""
    bad = []
    for module, path in _modules():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docs and MARKUP.search(node.value):
                    bad.append(f"{module}:{node.lineno}: {node.value[:60]!r}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                owner = getattr(node.func, "value", None)
                by_hand = name == "_e" or (
                    name == "escape" and isinstance(owner, ast.Name) and owner.id == "html"
                )
                if by_hand and module != "extract.pages":
                    bad.append(f"{module}:{node.lineno}: {name}(")
    assert not bad, bad
