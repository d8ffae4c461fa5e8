"""The registry of output tables: each table's name, schema and rows from a plan, declared once.

The run summary, the report's counts, datapackage.json, the CSV files, the open-data export and
`diff` all iterate TABLES. Rows are dicts keyed by the schema's field names (a test checks that
each record model's fields match its table's schema), and `cells()` gives them as the strings
the CSV files hold, so that a plan and an output folder read back compare alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.models import Indicator, Plan, Value
from extract.schema import BY_NAME, TableSchema
from extract.text import format_number

Cell = str | int | float | bool | None
Row = dict[str, Cell]


@dataclass(frozen=True)
class OutputTable:
    schema: TableSchema
    rows: Callable[[Plan], list[Row]]
    # A table of the plan's records (counted in the summary), not a review table (findings …).
    counted: bool = True
    # Content identity across revisions (diff): the fields naming a record, and those compared.
    key: tuple[str, ...] = ()
    compared: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.schema.name

    @property
    def fields(self) -> list[str]:
        return [f[0] for f in self.schema.fields]

    def cells(self, plan: Plan) -> list[dict[str, str]]:
        """The rows as the CSV file holds them: every field, formatted."""
        return [{f: format_cell(row.get(f)) for f in self.fields} for row in self.rows(plan)]


def format_cell(value: Cell) -> str:
    """Deterministic CSV text: booleans true/false, numbers without `.0`, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


# --- rows ---------------------------------------------------------------------------------------


def _value(prefix: str, v: Value) -> Row:
    return {
        f"{prefix}_value": v.value,
        f"{prefix}_unit": v.unit,
        f"{prefix}_year": v.year,
        f"{prefix}_year_label": v.year_label,
        f"{prefix}_qualifier": v.qualifier,
        f"{prefix}_text": v.text,
        f"{prefix}_raw": v.raw,
    }


def _indicator(r: Indicator) -> Row:
    ids: Row = (
        {"kpi_id": r.record_id, "kpi_no": r.seq}
        if r.kind == "kpi"
        else {"target_id": r.record_id, "target_no": r.seq}
    )
    return {
        **ids,
        "goal_no": r.goal_no,
        "policy_no": r.policy_no,
        "indicator": r.indicator,
        "indicator_raw": r.indicator_raw,
        "footnote_no": r.footnote_no,
        "relisted": r.relisted,
        "source_line": r.source_line,
        "source_page": r.source_page,
        **_value("baseline", r.baseline),
        **_value("target", r.target),
        **_value("actual", r.actual or Value()),
        "baseline_others": r.baseline.others,
        "target_others": r.target.others,
        "actual_others": (r.actual or Value()).others,
        "flags": "・".join(r.flags),
        "departments": "・".join(r.departments),
        "direction": r.direction,
    }


def _dump(records: list) -> list[Row]:  # type: ignore[type-arg]
    return [r.model_dump() for r in records]


def _actions(plan: Plan) -> list[Row]:
    return [a.model_dump(exclude={"examples"}) for a in plan.actions]


def _examples(plan: Plan) -> list[Row]:
    return [
        {
            **a.model_dump(include={"goal_no", "policy_no", "action_no", "source_line"}),
            **e.model_dump(),
        }
        for a in plan.actions
        for e in a.examples
    ]


def _projects(plan: Plan) -> list[Row]:
    return [
        {**p.model_dump(), "project_id": p.project_id, "departments": "・".join(p.departments)}
        for p in plan.projects
    ]


def _project_departments(plan: Plan) -> list[Row]:
    return [
        {"project_id": p.project_id, "department_abbr": d}
        for p in plan.projects
        for d in p.departments
    ]


def _variants(plan: Plan) -> list[Row]:
    return [
        {**v.model_dump(), "source_lines": " ".join(map(str, v.source_lines))}
        for v in plan.variants
    ]


def _findings(plan: Plan) -> list[Row]:
    return [
        {
            **f.model_dump(exclude={"line", "page"}),
            "severity": f.severity.value,
            "source_line": f.line,
            "source_page": f.page,
        }
        for f in plan.findings
    ]


def _lines(plan: Plan) -> list[Row]:
    return [{"source_line": no, "role": role.value} for no, role in sorted(plan.line_roles.items())]


def _t(name: str, rows: Callable[[Plan], list[Row]], **kw: object) -> OutputTable:
    return OutputTable(BY_NAME[name], rows, **kw)  # type: ignore[arg-type]


_VALUES = (
    "baseline_value",
    "baseline_unit",
    "baseline_year",
    "target_value",
    "target_unit",
    "target_year",
    "target_qualifier",
    "relisted",
)

TABLES: list[OutputTable] = [
    _t("goals", lambda p: _dump(p.goals), key=("goal_no",), compared=("title",)),
    _t("policies", lambda p: _dump(p.policies), key=("goal_no", "policy_no"), compared=("title",)),
    _t("actions", _actions),
    _t("action_examples", _examples),
    _t(
        "numeric_targets",
        lambda p: [_indicator(r) for r in p.numeric_targets],
        key=("indicator",),
        compared=_VALUES,
    ),
    _t("kpis", lambda p: [_indicator(r) for r in p.kpis], key=("indicator",), compared=_VALUES),
    _t("footnotes", lambda p: _dump(p.footnotes)),
    _t(
        "projects",
        _projects,
        key=("name",),
        compared=("departments", "smart_city", "relisted", "policy_field"),
    ),
    _t("project_departments", _project_departments),
    _t(
        "departments",
        lambda p: _dump(p.departments),
        key=("abbr",),
        compared=("bureau", "section", "listed"),
    ),
    _t("variants", _variants, counted=False),
    _t("findings", _findings, counted=False),
    _t("lines", _lines, counted=False),
]
BY_TABLE = {t.name: t for t in TABLES}


def record_counts(plan: Plan) -> dict[str, int]:
    """Records per counted table, in registry order."""
    return {t.name: len(t.rows(plan)) for t in TABLES if t.counted}
