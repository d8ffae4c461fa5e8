"""Table Schemas of the published CSVs: field types, Japanese titles, descriptions and keys.

One table of data drives datapackage.json (Frictionless Data Package v2), the Japanese headers of
the open-data export, and which cells are numbers (never guarded as formulas).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# name, type, Japanese title, description
F = tuple[str, str, str, str]


@dataclass(frozen=True)
class TableSchema:
    name: str
    title: str
    description: str
    fields: list[F]
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(
        default_factory=list
    )  # fields, resource, fields
    published: bool = True  # part of the open-data export

    def types(self) -> dict[str, str]:
        return {f[0]: f[1] for f in self.fields}


SOURCE: list[F] = [
    (
        "source_line",
        "integer",
        "出典行",
        "Line of the source document the record was read from (1-based).",
    ),
    (
        "source_page",
        "integer",
        "出典ページ",
        "Page of the source PDF (1-based); empty for a text source without pages.",
    ),
]


def _value(prefix: str, ja: str) -> list[F]:
    return [
        (
            f"{prefix}_value",
            "number",
            f"{ja}",
            f"The {prefix} as a number, without unit or separators.",
        ),
        (
            f"{prefix}_unit",
            "string",
            f"{ja}単位",
            f"Unit printed with the {prefix} (人, 件, %, 百万円 …).",
        ),
        (
            f"{prefix}_year",
            "year",
            f"{ja}年度（西暦）",
            f"Fiscal year of the {prefix}, Western calendar.",
        ),
        (
            f"{prefix}_year_label",
            "string",
            f"{ja}年度（和暦）",
            "The year as printed (令和4年度, R7 …).",
        ),
        (
            f"{prefix}_qualifier",
            "string",
            f"{ja}条件",
            "A qualifier printed with the value (以上, 以下 …).",
        ),
    ]


def _indicator(kind: str) -> TableSchema:
    kpi = kind == "kpis"
    lead: list[F] = (
        [
            ("kpi_id", "string", "KPI番号", "Readable id: K<goal>-<policy>-<n>."),
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            ("policy_no", "integer", "取組方針番号", "Number of the 取組方針 within its goal."),
            ("kpi_no", "integer", "KPI連番", "Position of the KPI within its policy."),
        ]
        if kpi
        else [
            ("target_id", "string", "数値目標番号", "Readable id: N<goal>-<n>."),
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            ("target_no", "integer", "数値目標連番", "Position of the target within its goal."),
        ]
    )
    fields = (
        lead
        + [
            ("indicator", "string", "指標名", "The indicator, normalized."),
            ("indicator_raw", "string", "指標名（原文）", "The indicator as printed."),
        ]
        + _value("baseline", "現状値")
        + _value("target", "目標値")
        + [
            (
                "baseline_text",
                "string",
                "現状値（文字）",
                "A baseline that is not a number, as text.",
            ),
            ("target_text", "string", "目標値（文字）", "A target that is not a number, as text."),
            ("baseline_raw", "string", "現状値（原文）", "The baseline cell as printed."),
            ("target_raw", "string", "目標値（原文）", "The target cell as printed."),
            ("footnote_no", "integer", "注番号", "Footnote marker printed with the indicator."),
            ("relisted", "boolean", "再掲", "Marked ※再掲 in the plan."),
        ]
        + _value("actual", "実績値")
        + [
            ("actual_text", "string", "実績値（文字）", "An 実績値 that is not a number, as text."),
            ("actual_raw", "string", "実績値（原文）", "The 実績値 cell as printed."),
            (
                "baseline_others",
                "string",
                "現状値（他の数値）",
                "Further figures printed in the baseline cell (小75.7%/中64.9%: 中64.9%).",
            ),
            (
                "target_others",
                "string",
                "目標値（他の数値）",
                "Further figures in the target cell.",
            ),
            (
                "actual_others",
                "string",
                "実績値（他の数値）",
                "Further figures in the 実績値 cell.",
            ),
            ("flags", "string", "指標の印", "Marks printed with the indicator (戦略KPI, ★, 新)."),
            ("departments", "string", "担当課", "Departments of the table's 担当課 column."),
            (
                "direction",
                "string",
                "方向",
                "The direction printed in a 方向 column: higher (↑), lower (↓), none (→).",
            ),
        ]
        + SOURCE
    )
    if kpi:
        return TableSchema(
            "kpis",
            "重要業績評価指標（KPI）",
            "KPIs of each 取組方針 with baseline and target.",
            fields,
            ["kpi_id"],
            [(["goal_no", "policy_no"], "policies", ["goal_no", "policy_no"])],
        )
    return TableSchema(
        "numeric_targets",
        "数値目標",
        "Numeric targets of each 基本目標 with baseline and target.",
        fields,
        ["target_id"],
        [(["goal_no"], "goals", ["goal_no"])],
    )


SCHEMAS: list[TableSchema] = [
    TableSchema(
        "goals",
        "基本目標",
        "The plan's basic goals and their basic direction.",
        [
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            ("title", "string", "基本目標名", "Title, normalized."),
            ("title_raw", "string", "基本目標名（原文）", "Title as printed."),
            ("numbering", "string", "基本目標番号（印刷）", "The goal's number as printed."),
            (
                "basic_direction",
                "string",
                "基本的方向",
                "The basic direction, normalized; paragraphs separated by line breaks.",
            ),
            (
                "basic_direction_raw",
                "string",
                "基本的方向（原文）",
                "The basic direction as printed.",
            ),
            *SOURCE,
        ],
        ["goal_no"],
    ),
    TableSchema(
        "policies",
        "取組方針",
        "Policies under each basic goal.",
        [
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            ("policy_no", "integer", "取組方針番号", "Number of the 取組方針 within its goal."),
            ("title", "string", "取組方針名", "Title, normalized."),
            ("title_raw", "string", "取組方針名（原文）", "Title as printed."),
            ("numbering", "string", "取組方針番号（印刷）", "The number as printed (1-2-1)."),
            (
                "section",
                "string",
                "節",
                "Headings between the goal and the policy (a 総合計画's 節), ` / ` apart.",
            ),
            ("section_numbering", "string", "節番号（印刷）", "Their numbers as printed."),
            *SOURCE,
        ],
        ["goal_no", "policy_no"],
        [(["goal_no"], "goals", ["goal_no"])],
    ),
    TableSchema(
        "actions",
        "具体的な取組",
        "The ・ bullets under each policy.",
        [
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            ("policy_no", "integer", "取組方針番号", "Number of the 取組方針."),
            ("action_no", "integer", "取組番号", "Position of the bullet within its policy."),
            ("text", "string", "取組", "The bullet's heading, without its examples."),
            ("text_raw", "string", "取組（原文）", "The whole bullet as printed."),
            *SOURCE,
        ],
        ["goal_no", "policy_no", "action_no"],
        [(["goal_no", "policy_no"], "policies", ["goal_no", "policy_no"])],
    ),
    TableSchema(
        "action_examples",
        "取組の事業例",
        "Example projects named in each bullet's parentheses.",
        [
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            ("policy_no", "integer", "取組方針番号", "Number of the 取組方針."),
            ("action_no", "integer", "取組番号", "Position of the bullet."),
            ("example_no", "integer", "事業例番号", "Position of the example within the bullet."),
            ("example", "string", "事業例", "Example project name, canonical."),
            ("example_raw", "string", "事業例（原文）", "Example as printed."),
            ("source_line", "integer", "出典行", "Line of the source document."),
        ],
        ["goal_no", "policy_no", "action_no", "example_no"],
        [(["goal_no", "policy_no", "action_no"], "actions", ["goal_no", "policy_no", "action_no"])],
    ),
    _indicator("numeric_targets"),
    _indicator("kpis"),
    TableSchema(
        "footnotes",
        "注",
        "Footnotes of the chapter.",
        [
            ("footnote_no", "integer", "注番号", "The footnote's number."),
            ("text", "string", "注記", "Text, normalized."),
            ("text_raw", "string", "注記（原文）", "Text as printed."),
            *SOURCE,
        ],
        ["footnote_no"],
    ),
    TableSchema(
        "projects",
        "事務事業",
        "Every row of every 事務事業一覧.",
        [
            ("project_id", "string", "事業番号", "Readable id: G<goal>-P<policy>-<seq>."),
            ("goal_no", "integer", "基本目標番号", "Number of the 基本目標."),
            (
                "policy_no",
                "integer",
                "取組方針番号",
                "Number of the 取組方針 whose list holds the row.",
            ),
            ("seq", "integer", "連番", "Position within its list."),
            ("policy_field", "string", "政策分野", "Policy field, canonical."),
            (
                "policy_field_raw",
                "string",
                "政策分野（原文）",
                "Policy field as printed (carried down from the row above when blank).",
            ),
            ("name", "string", "事務事業名", "Project name, canonical."),
            ("name_raw", "string", "事務事業名（原文）", "Project name as printed."),
            ("departments", "string", "所管課略称", "Department abbreviations, joined with ・."),
            ("departments_raw", "string", "所管課略称（原文）", "The 【】 as printed."),
            (
                "smart_city",
                "boolean",
                "フラグ列（○）",
                "The ○ of the plan's flag column (its printed title is in metadata).",
            ),
            ("relisted", "boolean", "再掲", "Marked ※再掲."),
            (
                "original_project_id",
                "string",
                "再掲元事業番号",
                "For a relisted row, the row it repeats.",
            ),
            *SOURCE,
        ],
        ["project_id"],
        [
            (["goal_no", "policy_no"], "policies", ["goal_no", "policy_no"]),
            (["original_project_id"], "projects", ["project_id"]),
        ],
    ),
    TableSchema(
        "project_departments",
        "事務事業の所管課",
        "One row per project and department.",
        [
            ("project_id", "string", "事業番号", "The project."),
            (
                "department_abbr",
                "string",
                "所管課略称",
                "One department abbreviation of the project.",
            ),
        ],
        ["project_id", "department_abbr"],
        [
            (["project_id"], "projects", ["project_id"]),
            (["department_abbr"], "departments", ["abbr"]),
        ],
    ),
    TableSchema(
        "departments",
        "所管課略称対応表",
        "Department abbreviations; entries not in the printed table are marked listed=false.",
        [
            ("abbr", "string", "略称", "Abbreviation, normalized."),
            ("abbr_raw", "string", "略称（原文）", "Abbreviation as printed."),
            (
                "bureau",
                "string",
                "部",
                "Bureau (部), carried down where the print leaves it blank.",
            ),
            ("section", "string", "課名", "Section (課)."),
            ("repaired", "boolean", "補正", "The printed row was misaligned and repaired."),
            (
                "listed",
                "boolean",
                "対応表に記載",
                "Printed in the 略称対応表 (false: used in 【】 only).",
            ),
            (
                "alias_of",
                "string",
                "正式略称",
                "The table entry this abbreviation stands for (rules/departments.csv).",
            ),
            *SOURCE,
        ],
        ["abbr"],
    ),
    TableSchema(
        "variants",
        "表記ゆれ",
        "Every printed spelling of every variant group.",
        [
            ("group_id", "string", "グループ", "Variant group."),
            ("field", "string", "項目", "name, policy_field or indicator."),
            ("canonical", "string", "正規表記", "Canonical spelling."),
            ("variant", "string", "表記", "A printed spelling."),
            ("count", "integer", "件数", "How many times it is printed."),
            ("source_lines", "string", "出典行", "Lines where it is printed, space-separated."),
            ("resolution", "string", "処理", "rule, normalized or suspected."),
            ("rule", "string", "ルール", "The rules file and line that resolved it."),
        ],
        published=False,
    ),
    TableSchema(
        "findings",
        "検証結果",
        "Findings of the validation checks.",
        [
            ("severity", "string", "重要度", "error, warning or info."),
            ("code", "string", "コード", "Stable code of the check."),
            ("source_line", "integer", "出典行", "Line of the source document."),
            ("source_page", "integer", "出典ページ", "Page of the source PDF."),
            ("record_id", "string", "レコード", "The record concerned."),
            ("message", "string", "内容", "What is wrong."),
            ("hint", "string", "対応", "What to do next."),
            ("key", "string", "キー", "Content key used by rules/accepted_findings.csv."),
            ("accepted", "boolean", "承認済み", "Accepted in rules/accepted_findings.csv."),
            ("accepted_note", "string", "承認理由", "The acceptance's note."),
        ],
        published=False,
    ),
    TableSchema(
        "lines",
        "出典行の扱い",
        "How every non-blank source line was read.",
        [
            ("source_line", "integer", "出典行", "Line."),
            ("role", "string", "扱い", "Record, heading, prose, unparsed …"),
        ],
        ["source_line"],
        published=False,
    ),
]

BY_NAME = {s.name: s for s in SCHEMAS}


def table_schema(s: TableSchema) -> dict[str, object]:
    """The Table Schema of one table: its fields with titles, and its keys."""
    schema: dict[str, object] = {
        "fields": [
            {"name": n, "type": t, "title": ja, "description": d} for n, t, ja, d in s.fields
        ],
        "missingValues": [""],
    }
    if s.primary_key:
        schema["primaryKey"] = s.primary_key
    if s.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in s.foreign_keys
        ]
    return schema


def datapackage(
    schemas: list[TableSchema], meta: dict[str, object], flag_titles: list[str]
) -> dict[str, object]:
    """The datapackage.json descriptor (Data Package v2) of these tables."""
    resources = []
    for s in schemas:
        schema = table_schema(s)
        resources.append(
            {
                "name": s.name,
                "type": "table",
                "path": f"{s.name}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": s.title,
                "description": s.description,
                "schema": schema,
            }
        )
    title = (
        " ".join(str(meta[k]) for k in ("municipality", "title") if meta.get(k))
        or "plan-extract output"
    )
    package: dict[str, object] = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "plan-extract-" + str(meta.get("municipality_code", "plan")),
        "title": title,
        "description": "Normalized tables of a 地方版総合戦略, extracted by plan-extract."
        + (f" The flag column is printed as: {', '.join(flag_titles)}." if flag_titles else ""),
        "resources": resources,
    }
    return package
