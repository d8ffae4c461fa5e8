"""Generated plans: a plan composed from independent choices over the forms real plans print
(../shared/FORMS.md), with its answer key correct by construction (issue 20).

`generate(seed)` draws every choice from `random.Random(seed)` and returns a `GeneratedPlan`:
`.text` is the tab-separated text rendering (like the fixtures' plan.txt), `.key` the
expected.json dict that `tests/family.py`'s `compare()` / `field_accuracy()` take (with
"counts"), `.forms` the choices made (goal_label="基本戦略", goal_numbering="bracket",
kpi_header="two_row", …), `.departments` the 略称対応表 entries printed (abbr, bureau,
section), `.row_forms` the value forms of each target and KPI row, and `.key_lines` the text
line of every key record. The same seed gives the same plan, byte for byte.

Everything a plan is drawn from is module-level data: `CHOICES` (one entry per independent
choice, each option with a weight and whether its expected parse is certain), `VALUE_FORMS`
(printed value forms, certain or not), and the vocabulary pools `THEMES`, `DEPARTMENTS`,
`MUNICIPALITIES`, `FOOTNOTE_TEXTS`. A choice or value form flagged uncertain is one whose
expected parse no fixture states (`5,663人(2020.9)`, `71.7%(2022)`, `859g/人/日`, `現状値以上`,
`９人（延べ２４３日）`, `（令和元年）` in a cell): `generate(seed, uncertain=True)` may draw them,
and `benchmarks/sweep.py` reports their rows apart. `EVIDENCE` names the fixture that states the
parse of the less common certain forms.

Conventions of the key follow the hand-written fixtures: values keep number, unit and qualifier
apart (`年５人` → 5, 人, 年; `年５以上` → 5, unit column, "年 以上"), a year printed in a cell
overrides the column's, text values (増加, 維持, 新規) and dashes have unit "" and keep the
column's year, `年３回（５年間で１０回）` keeps its second figure in "note", a unit column gives
the unit of number cells unless the cell prints its own, `※n`/`<sup>n</sup>` after an indicator
is its footnote number, `（再掲）`/`※再掲`/`【再掲】` set relisted and leave the name, wrapped
cells are joined without a space, departments are as printed (abbreviations where a 略称対応表
gives them). Newer keys are written where the fixtures write them: `flags` on every indicator
(★, 戦略KPI, 新), `actual` for a 実績値 column, `departments` for a KPI 担当課 column, `others`
for `小75.7%/中64.9%`, a period's end year (`6件(H29〜R2)` → 2020), `numbering`/`section` of
policies numbered with digits (`（１）` → "1", `1-2` → "1-2"). `render()` prints a plan as text,
spaced text or PDF through `tests/producers.py`.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# --- the catalogue of independent choices --------------------------------------------------------


@dataclass(frozen=True)
class Option:
    value: Any
    weight: float = 1.0
    certain: bool = True  # False: the key's expected parse is a judgment no fixture shows


def _opts(*items: Any) -> list[Option]:
    return [i if isinstance(i, Option) else Option(i) for i in items]


# Each independent choice a plan makes, with its options. Choices that depend on others are
# resolved in `choose_forms` (a policy numbering is never the goal's, …).
CHOICES: dict[str, list[Option]] = {
    "municipality_kind": _opts(Option("市", 4), Option("町", 3), Option("村", 1)),
    # the frame around the goals: a numbered chapter with numbered sections (第３章 … / １ …),
    # a part of a 総合計画 (第３部 … / 計画の推進に向けて), or a title with chapters 第1章 … 第3章
    # (chapters: the goals are chapters 第３章… after an introduction and a 体系 chapter)
    "frame": _opts(
        Option("chapter", 4), Option("part", 2), Option("title", 2), Option("chapters", 1.5)
    ),
    "period": _opts(
        Option((2014, 2019), 2),
        Option((2019, 2024), 2),
        Option((2022, 2027), 1),
        Option((2023, 2029), 2),
        Option((2023, 2028), 1),
    ),
    "intro_quote": _opts(Option(True, 1), Option(False, 2)),
    "overview_table": _opts(Option(True, 3), Option(False, 2)),
    "goal_count": _opts(Option(3, 3), Option(4, 4), Option(5, 1)),
    # the word of the goal headings; "" = a number and a title; "章" = the goals are chapters
    "goal_label": _opts(
        Option("基本目標", 8),
        Option("基本戦略", 1.5),
        Option("基本方針", 1),
        Option("政策", 1),
        Option("政策目標", 1),
        Option("重点戦略", 1),
        Option("重点目標", 0.7),
        Option("戦略", 0.7),
        Option("柱", 0.7),
        Option("重点プロジェクト", 0.7),
        Option("", 3),
        Option("章", 1.5),
    ),
    # label_num 基本目標１ · label_roman 基本目標Ⅰ · bracket 【基本目標１】 · angle ＜基本目標1＞ ·
    # square ■基本目標１ · paren_label (1) 基本目標1 — with a label; num_dot １． · num_space
    # １　· roman Ⅰ　· paren （１） · circled ① — without; chapter 第1章 for "章"
    "goal_numbering": _opts(
        Option("label_num", 6),
        Option("label_roman", 1.5),
        Option("bracket", 2),
        Option("angle", 1),
        Option("square", 1),
        Option("paren_label", 1),
        Option("num_dot", 3),
        Option("num_space", 1),
        Option("roman", 1),
        Option("paren", 1),
        Option("circled", 0.5),
        Option("chapter", 1),
    ),
    "heading_digits": _opts(Option("full", 3), Option("half", 2)),
    "heading_sep": _opts(Option("　", 3), Option(" ", 1)),
    "heading_markup": _opts(Option("none", 5), Option("markdown", 2), Option("bold", 1)),
    "goal_title_wrap": _opts(Option(False, 5), Option(True, 1)),
    # `一　title`: goals numbered with kanji numerals and a space (goal_numbering num_space)
    "kanji_goals": _opts(Option(False, 2), Option(True, 1)),
    # the indicator column's header cell left blank (a one-row header)
    "indicator_header_blank": _opts(Option(False, 6), Option(True, 1)),
    # a heading's label and number on a line of their own, the title on the next (a label box)
    "label_alone": _opts(Option(False, 6), Option(True, 1)),
    # the word of the policy headings ("" = numbered without a word)
    "policy_label": _opts(
        Option("", 6),
        Option("取組方針", 2),
        Option("施策", 3),
        Option("基本施策", 1),
        Option("具体的な施策", 0.5),
        Option("施策の方向", 0.5),
        Option("重点施策", 0.5),
        Option("主な施策", 0.5),
        Option("基本方針", 0.5),
    ),
    # paren （１） · circled ① · kata ア · paren_kata （ア） · hyphen 1-1 · label_hyphen 施策1-1 ·
    # label_num 取組方針１ · label_paren 基本方針（１） · num_dot １．
    "policy_numbering": _opts(
        Option("label_paren", 1.5),
        Option("paren", 4),
        Option("circled", 3),
        Option("kata", 2),
        Option("paren_kata", 1),
        Option("hyphen", 1.5),
        Option("label_hyphen", 1),
        Option("label_num", 3),
        Option("num_dot", 1),
    ),
    "policies_per_goal": _opts(Option((2, 3), 3), Option((1, 4), 1), Option((2, 4), 2)),
    # per_policy: KPIs and projects under each policy · per_goal: the policies listed, then one
    # KPI table with a policy column and one 事務事業一覧 with the policies as captions
    "structure": _opts(Option("per_policy", 4), Option("per_goal", 2)),
    # captions inside a goal: 【数値目標】 ［数値目標］ ＜数値目標＞ ■数値目標 ■ 数値目標 ◎数値目標
    # （１）数値目標 (numbered) or none
    "caption_style": _opts(
        Option("【】", 3),
        Option("［］", 1),
        Option("＜＞", 1),
        Option("■", 2),
        Option("■ ", 1),
        Option("◎", 1),
        Option("numbered", 1.5),
    ),
    "policies_caption": _opts(
        Option("", 3),
        Option("具体的な施策", 2),
        Option("施策の展開", 1),
        Option("講ずべき施策", 0.5),
        Option("主な施策", 0.5),
    ),
    "direction": _opts(Option("基本的方向", 3), Option("基本的な方向", 1), Option("", 1)),
    "goal_block_order": _opts(Option("targets_first", 2), Option("direction_first", 2)),
    "policy_prose": _opts(Option("none", 2), Option("sentence", 3), Option("captioned", 1)),
    "policy_actions": _opts(Option(False, 3), Option(True, 1)),
    "policy_block_order": _opts(Option("kpis_first", 3), Option("projects_first", 2)),
    # numeric targets: a table, inline lines (・指標　基準→目標 with years; 指標:基準 → 目標
    # without), or none printed at all
    "targets_form": _opts(
        Option("table", 6),
        Option("inline_arrow", 1.5),
        Option("inline_space", 1),
        Option("inline_colon", 1),
        Option("none", 1),
    ),
    # a target over the period printed under the table, no baseline: 出生数　5年間で1,900人
    "target_period_line": _opts(Option(False, 5), Option(True, 1)),
    "targets_first_cell": _opts(Option("指標", 2), Option("数値目標", 2), Option("項目", 0.5)),
    "targets_header": _opts(Option("same", 2), Option("one_row", 2)),
    "kpi_form": _opts(Option("table", 9), Option("inline_list", 1)),
    # one_row 指標|現状値（Y）|目標値（Y） · two_row (the years in a second row) · year_in_cell
    # (every value cell prints its year) · year_columns 指標|単位|基準値|基準年度|目標値|目標年度
    "kpi_header": _opts(
        Option("one_row", 4),
        Option("two_row", 3),
        Option("year_in_cell", 2),
        Option("year_columns", 2),
    ),
    "kpi_word": _opts(
        Option("重要業績評価指標（KPI）", 2),
        Option("重要業績評価指標", 1),
        Option("KPI", 1),
        Option("成果指標", 2),
        Option("指標", 2),
        Option("指標名", 1),
        Option("評価指標", 0.5),
        Option("目標指標", 0.5),
        Option("まちづくり指標", 0.5),
    ),
    "kpi_caption": _opts(
        Option("", 2),
        Option("重要業績評価指標（KPI）", 2),
        Option("KPI", 1),
        Option("成果指標", 1),
        Option("施策の目標", 1),
    ),
    "baseline_word": _opts(Option("現状値", 4), Option("基準値", 3), Option("策定時", 1)),
    "target_word": _opts(Option("目標値", 5), Option("目標", 1)),
    "header_space": _opts(Option("", 4), Option(" ", 1)),
    # value columns: 2 (baseline, target) or 3 (基準値, 実績値, 目標値: the key's baseline is the
    # first, the 実績 column is no field)
    "value_columns": _opts(Option(2, 6), Option(3, 1.5)),
    # the header's second row leaves the merged indicator cell empty (no （ＫＰＩ）)
    "two_row_merged": _opts(Option(False, 2), Option(True, 1)),
    # year columns under merged value headers: `基準値 |  | 目標値 | ` over `数値 | 年度 | 数値 | 年度`
    "year_columns_merged": _opts(Option(False, 1), Option(True, 1)),
    # every row of the KPI table starts with a TAB: an empty leading grid column
    "kpi_leading_tab": _opts(Option(False, 8), Option(True, 1)),
    # marks before (or after) some indicators: ★, 【戦略KPI】, （新） → flags
    "kpi_marks": _opts(
        Option("none", 6),
        Option("★", 1),
        Option("【戦略KPI】", 1),
        Option("（新）", 1),
        Option("mixed", 1),
    ),
    "unit_column": _opts(Option("none", 5), Option("after_indicator", 1.5), Option("last", 1.5)),
    "extra_column": _opts(Option("", 8), Option("備考", 1), Option("担当課", 1), Option("方向", 1)),
    # the policy column of a per_goal KPI table: the number on every row, or on the first row of
    # its group only
    "policy_column": _opts(Option("every_row", 1), Option("first_row", 2)),
    "year_style": _opts(Option("western", 3), Option("era_kanji", 2), Option("era_letter", 2)),
    "value_digits": _opts(Option("full", 2), Option("half", 3)),
    "thousands": _opts(Option("comma", 6), Option("none", 1)),
    "negative_sign": _opts(Option("△", 2), Option("▲", 1), Option("－", 1)),
    "kpis_per_policy": _opts(Option((1, 3), 3), Option((1, 4), 1), Option((2, 4), 1)),
    "targets_per_goal": _opts(Option((1, 2), 3), Option((1, 3), 2)),
    # table_summary 事業名|概要|担当課 · table_dept 事業名|担当課 · table_abbr 事業名|所管課|重点 with
    # abbreviations · field_abbr 政策分野|事務事業【所管課】|関連 with a 略称対応表 · bullets ・名（課）
    "project_form": _opts(
        Option("table_summary", 4),
        Option("table_dept", 1),
        Option("table_abbr", 1.5),
        Option("field_abbr", 3),
        Option("bullets", 3),
        Option("table_no_cost", 1),
    ),
    "project_caption": _opts(
        Option("主な事業", 3),
        Option("主な取組", 2),
        Option("事務事業一覧", 1),
        Option("具体的な事業", 1),
        Option("", 1),
    ),
    # the header of a 政策分野 | 事務事業【所管課】 list
    "field_header": _opts(
        Option(("政策分野", "事務事業【所管課】"), 2),
        Option(("分野", "事業名【所管課】"), 1),
        Option(("政策分野", "事業名【所管課】"), 1),
    ),
    "summary_word": _opts(Option("概要", 2), Option("事業概要", 2), Option("内容", 1)),
    "dept_word": _opts(Option("担当課", 3), Option("所管課", 2)),
    "dept_join": _opts(Option("・", 2), Option("、", 2)),
    "bullet": _opts(Option("・", 4), Option("◆", 1), Option("●", 0.5)),
    # other list marks plans print under 主な事業 (``: the bullet above); ① numbers each list
    "list_mark": _opts(
        Option("", 8), Option("○", 1), Option("▶", 0.5), Option("- ", 0.5), Option("①", 1)
    ),
    # （課） or 【課】 after the name, an indented `　担当課：…` line below it, or none
    "bullet_dept": _opts(
        Option("（）", 3), Option("【】", 2), Option("line", 1), Option("none", 0.5)
    ),
    "bullet_description": _opts(Option(False, 3), Option(True, 1)),
    "flag_column": _opts(Option("", 2), Option("DX関連", 1), Option("重点", 1)),
    "projects_per_policy": _opts(Option((2, 4), 3), Option((2, 5), 1), Option((1, 3), 1)),
    "relisting": _opts(
        Option("none", 2),
        Option("※再掲", 2),
        Option("（再掲）", 2),
        Option("【再掲】", 2),
        Option("column", 0.5),
    ),
    "kpi_relisting": _opts(Option("none", 3), Option("（再掲）", 2), Option("【再掲】", 0.5)),
    # none · kome ※１ markers and ※１ notes under the table · sup <sup>1</sup> markers and notes
    "footnotes": _opts(Option("none", 3), Option("kome", 3), Option("sup", 2)),
    "footnote_wrap": _opts(Option(False, 3), Option(True, 1)),
    # one group 略称|部局|所管課 with the bureau on the first row of its run, or on every row,
    # or three groups side by side
    "abbreviation_layout": _opts(
        Option("one_group", 2), Option("one_group_every_row", 1), Option("three_groups", 2)
    ),
    "abbreviation_words": _opts(
        Option(("略称", "部局", "所管課"), 2),
        Option(("略称", "部", "課名"), 1),
        Option(("所管課略称", "部局", "課名"), 1),
    ),
    "abbreviation_caption": _opts(
        Option("【参考】所管課略称一覧", 2),
        Option("所管課略称対応表", 1),
        Option("【参考】基本目標における所管課略称対応表", 1),
    ),
    # cells wrapped onto rows of their own, as tables copied from Word print them
    "cell_wraps": _opts(Option("none", 4), Option("some", 2)),
    "page_numbers": _opts(Option("none", 3), Option("－　８　－", 1), Option("- 15 -", 1)),
    # a project table broken by a page number and its header printed again (with page numbers)
    "table_break": _opts(Option(False, 3), Option(True, 1)),
    "closing": _opts(Option("prose", 2), Option("pdca_table", 1), Option("pdca_list", 1)),
}


# --- value forms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueForm:
    certain: bool
    roles: str  # "b" baseline, "t" target, "bt" both
    example: str


# Printed value forms. The certain ones are read by a fixture; the uncertain ones are in
# FORMS.md but no fixture states their parse (the key below is a judgment).
VALUE_FORMS: dict[str, ValueForm] = {
    "plain": ValueForm(True, "bt", "３人 · 82.4% · 1.38"),
    "per_year": ValueForm(True, "bt", "年５人 (qualifier 年)"),
    "cumulative": ValueForm(True, "bt", "累計１００件"),
    "nobe": ValueForm(True, "bt", "延べ２４３日"),
    "n_years": ValueForm(True, "t", "５年間で３０件 (qualifier 5年間で)"),
    "approx": ValueForm(True, "bt", "約５００人"),
    "ijou": ValueForm(True, "t", "９０％以上"),
    "ika": ValueForm(True, "t", "１８．５以下"),
    "miman": ValueForm(True, "t", "5件未満"),
    "per_year_ijou": ValueForm(True, "t", "年５以上 (qualifier 年 以上)"),
    "times": ValueForm(True, "t", "１．２倍"),
    "negative": ValueForm(True, "bt", "△８５人 · －８５ · ▲2.1%"),
    "increase": ValueForm(True, "t", "増加 (text)"),
    "keep": ValueForm(True, "t", "維持 (text)"),
    "new": ValueForm(True, "b", "新規 (text)"),
    "dash": ValueForm(True, "b", "― (empty)"),
    "cell_year": ValueForm(True, "b", "１２，０００人（H25） · ５８，２００（R4）"),
    "remark": ValueForm(True, "t", "年３回（５年間で１０回）"),
    "oku_man": ValueForm(True, "bt", "2億396万円 → 20396 万円"),
    "slash_unit": ValueForm(True, "bt", "1.4人/年 (unit 人/年)"),
    "sen_nin": ValueForm(True, "bt", "30,099千人"),
    "period_cumulative": ValueForm(True, "bt", "840人（10年累計）→ 840 人, note 10年累計"),
    "school_split": ValueForm(True, "bt", "小75.7%/中64.9% → 75.7 %, qualifier 小, others 中64.9%"),
    "period_years": ValueForm(True, "bt", "6件(H29〜R2) → year 2020 (the end), label H29〜R2"),
    "value_keep": ValueForm(True, "t", "70.3%（維持）→ 70.3 %, note 維持"),
    "relative_text": ValueForm(True, "t", "全国平均以上 → text"),
    "rank": ValueForm(True, "bt", "第2位 → 2, 位, qualifier 第"),
    "per_day": ValueForm(True, "bt", "1日あたり3.2回 → 3.2, 回, qualifier 1日あたり"),
    "square_metre": ValueForm(True, "bt", "9.2㎡ → 9.2, ㎡"),
    "zero": ValueForm(True, "t", "０人 → 0"),
    "period_line": ValueForm(True, "t", "出生数　5年間で1,900人 under the table: no year"),
    "none": ValueForm(True, "b", "no baseline printed"),
    # uncertain: no fixture states these
    "dotted_date": ValueForm(False, "b", "5,663人(2020.9) → year 2020, label 2020.9"),
    "bare_year": ValueForm(False, "b", "71.7%(2022) → year 2022, label 2022"),
    "compound_unit": ValueForm(False, "bt", "859g/人/日 → unit g/人/日"),
    "relative_baseline": ValueForm(False, "t", "現状値以上 → text"),
    "second_figure": ValueForm(False, "b", "９人（延べ２４３日）→ 9 人, note"),
    "reiwa_gannen_cell": ValueForm(False, "b", "１２人（令和元年）→ year 2019, label 令和元年"),
}

# The fixtures whose keys state the parse of a form (the catalogue's evidence).
EVIDENCE = {
    "school_split": "kpi_flags_notes",
    "period_years": "kpi_flags_notes",
    "rank": "kpi_flags_notes",
    "per_day": "kpi_flags_notes",
    "square_metre": "kpi_flags_notes",
    "value_keep": "kpi_flags_notes",
    "period_cumulative": "kpi_flags_notes",
    "relative_text": "sogo_sesaku_three_level",
    "remark": "two_row_kpi_wrapped",
    "oku_man": "colon_list_kpis",
    "slash_unit": "colon_list_kpis",
    "cell_year": "two_row_kpi_wrapped, sogo_keikaku_sesaku, kpi_flags_notes",
}


# --- vocabulary ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ind:
    """An indicator of the pool: name, unit, the range of its baseline, decimals, and tags:
    down (smaller is better), net (a net figure, may be negative), money (万円 figures), count
    (a count of things: 年/累計/延べ/倍 fit), ratio (a % or rate: no 年/累計)."""

    name: str
    unit: str
    lo: float
    hi: float
    decimals: int = 0
    tags: frozenset[str] = frozenset({"count"})


def _i(name: str, unit: str, lo: float, hi: float, dec: int = 0, *tags: str) -> Ind:
    if not tags:
        tags = ("ratio",) if unit in ("%", "") else ("count",)
    return Ind(name, unit, lo, hi, dec, frozenset(tags))


@dataclass(frozen=True)
class Theme:
    goal_titles: tuple[str, ...]
    policies: tuple[str, ...]
    targets: tuple[Ind, ...]
    indicators: tuple[Ind, ...]
    projects: tuple[tuple[str, str], ...]  # name, summary
    sections: tuple[str, ...]  # departments (section names of DEPARTMENTS)
    fields: tuple[str, ...]  # 政策分野


# (bureau, section, abbreviation)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("企画政策部", "企画課", "企画"),
    ("企画政策部", "地域振興課", "地振"),
    ("企画政策部", "移住定住推進室", "移住"),
    ("総務部", "総務課", "総務"),
    ("総務部", "情報政策課", "情報"),
    ("総務部", "危機管理課", "危機"),
    ("産業振興部", "商工観光課", "商観"),
    ("産業振興部", "農林課", "農林"),
    ("産業振興部", "観光課", "観光"),
    ("産業振興部", "商工課", "商工"),
    ("産業振興部", "企業立地課", "企業"),
    ("産業振興部", "水産課", "水産"),
    ("健康福祉部", "子育て支援課", "子育"),
    ("健康福祉部", "こども保育課", "こ保"),
    ("健康福祉部", "健康推進課", "健康"),
    ("健康福祉部", "高齢福祉課", "高齢"),
    ("健康福祉部", "福祉課", "福祉"),
    ("市民生活部", "市民協働課", "協働"),
    ("市民生活部", "環境課", "環境"),
    ("市民生活部", "市民課", "市民"),
    ("建設部", "都市計画課", "都計"),
    ("建設部", "建築住宅課", "建住"),
    ("建設部", "まちづくり整備課", "まち整"),
    ("建設部", "道路課", "道路"),
    ("教育委員会", "学校教育課", "学校"),
    ("教育委員会", "生涯学習課", "生涯"),
    ("教育委員会", "スポーツ振興課", "スポ"),
)
_DEPT_BY_SECTION = {d[1]: d for d in DEPARTMENTS}

THEMES: dict[str, Theme] = {
    "しごと": Theme(
        goal_titles=(
            "地域にしごとをつくり、安心して働けるようにする",
            "稼ぐ力を高め、魅力ある雇用を生み出す",
            "既存産業・資源を活用した魅力的なしごとづくり",
            "活力ある産業と働く場のあるまち",
        ),
        policies=(
            "地場産業の振興",
            "農林業の成長産業化",
            "企業誘致と雇用の確保",
            "創業・事業承継の支援",
            "商工業の振興と起業支援",
            "若者の地元就職の促進",
            "スマート農業の推進",
            "水産業の担い手の育成",
        ),
        targets=(
            _i("市内事業所の従業者数", "人", 3000, 15000),
            _i("新規雇用者数", "人", 40, 300),
            _i("市内総生産", "億円", 800, 3000, 0, "count", "money"),
            _i("農業産出額", "億円", 5, 90, 1, "count", "money"),
        ),
        indicators=(
            _i("新規就農者数", "人", 2, 20),
            _i("創業支援による創業件数", "件", 2, 30),
            _i("企業誘致件数", "件", 1, 6),
            _i("製造品出荷額", "億円", 120, 900, 1, "count", "money"),
            _i("地場産品の販売額", "億円", 2, 10, 1, "count", "money"),
            _i("６次産業化に取り組む事業者数", "事業者", 3, 20),
            _i("認定農業者数", "経営体", 30, 200),
            _i("高校生の市内就職率", "%", 10, 40, 1),
            _i("スマート農業技術の導入経営体数", "経営体", 2, 30),
            _i("合同企業説明会の参加者数", "人", 50, 400),
            _i("新規漁業就業者数", "人", 1, 8),
            _i("事業承継の相談件数", "件", 10, 80),
            _i("ふるさと納税の寄附額", "万円", 3000, 90000, 0, "count", "money"),
        ),
        projects=(
            ("新規就農者支援事業", "就農初期の経営安定のための給付金の支給"),
            ("スマート農業推進事業", "ドローン・自動操舵システム等の導入支援"),
            ("企業立地促進事業", "工業団地に立地した企業への奨励金の交付"),
            ("創業支援事業", "創業塾の開催と創業資金の利子補給"),
            ("地場産品販路拡大事業", "首都圏での物産展の開催と通信販売の支援"),
            ("伝統工芸後継者育成事業", "職人への弟子入りに対する研修費の助成"),
            ("６次産業化推進事業", "加工機械の導入や商品開発に対する補助"),
            ("地元就職促進事業", "高校生向け企業見学会と合同企業説明会の開催"),
            ("中小企業振興資金融資事業", "制度融資の実施と信用保証料の補助"),
            ("事業承継支援事業", "後継者不在の事業者と承継希望者のマッチング"),
            ("新規漁業就業者支援事業", "漁業研修の受入れと就業準備金の交付"),
            ("農地集積・集約化推進事業", "農地中間管理機構を活用した担い手への農地の集積"),
            ("サテライトオフィス誘致事業", "空き施設を活用したオフィスの整備と誘致活動"),
        ),
        sections=("商工観光課", "農林課", "企業立地課", "商工課", "水産課"),
        fields=("食料・農業・農村", "企業立地・産業創出", "中小企業", "水産業"),
    ),
    "ひと": Theme(
        goal_titles=(
            "地域への新しいひとの流れをつくる",
            "ひとの流れをつくり、関係人口を増やす",
            "地域の個性を活かした新たなひとの流れの創出",
            "訪れたい、住みたいと思われるまち",
        ),
        policies=(
            "移住・定住の促進",
            "関係人口の創出",
            "観光・交流の推進",
            "ふるさと納税の活用",
            "空き家の活用と住まいの確保",
            "インバウンド観光の推進",
        ),
        targets=(
            _i("社会増減数", "人", -300, -40, 0, "net"),
            _i("転入者数", "人", 300, 3000),
            _i("観光入込客数", "万人", 20, 300, 1),
            _i("交流人口", "人", 3000, 50000),
        ),
        indicators=(
            _i("移住支援制度を利用した移住者数", "人", 5, 60),
            _i("移住相談件数", "件", 40, 300),
            _i("空き家バンクの成約件数", "件", 5, 40),
            _i("地域おこし協力隊の任期後の定住率", "%", 40, 80, 1),
            _i("ふるさと納税の寄附件数", "件", 800, 20000),
            _i("観光消費額", "百万円", 300, 5000, 0, "count", "money"),
            _i("宿泊者数", "人", 5000, 90000),
            _i("観光アプリのダウンロード数", "件", 500, 8000),
            _i("関係人口登録者数", "人", 50, 800),
            _i("お試し住宅の利用者数", "組", 5, 40),
            _i("体験型観光プログラムの参加者数", "人", 500, 6000),
            _i("外国人宿泊者数", "人", 300, 9000),
        ),
        projects=(
            ("移住支援金支給事業", "東京圏からの移住者への支援金の支給"),
            ("空き家バンク活用事業", "空き家の登録促進と改修費の補助"),
            ("お試し住宅運営事業", "移住希望者向け短期滞在住宅の運営"),
            ("地域おこし協力隊活用事業", "隊員の募集・活動支援と任期後の起業支援"),
            ("ふるさと納税推進事業", "返礼品の開発とポータルサイトの拡充"),
            ("観光誘客推進事業", "観光協会と連携したプロモーションの実施"),
            ("観光DX推進事業", "観光アプリの運用と人流データの分析"),
            ("グリーン・ツーリズム推進事業", "農家民泊・農業体験の受入れ支援"),
            ("移住相談会出展事業", "首都圏・関西圏での移住相談会への出展"),
            ("ファンクラブ運営事業", "町外在住の応援者の登録と交流イベントの開催"),
            ("インバウンド受入環境整備事業", "多言語案内板の設置と無料Wi-Fiの整備"),
            ("移住体験ツアー実施事業", "移住希望者向けの１泊２日の体験ツアーの実施"),
        ),
        sections=("企画課", "移住定住推進室", "観光課", "地域振興課", "建築住宅課"),
        fields=("移住・定住", "観光", "シティプロモーション", "交流"),
    ),
    "子育て": Theme(
        goal_titles=(
            "若い世代の結婚・出産・子育ての希望をかなえる",
            "安心して子どもを産み育てられる環境をつくる",
            "結婚・出産・子育て支援と教育環境の整備",
            "子どもの笑顔があふれるまち",
        ),
        policies=(
            "出会いと結婚の支援",
            "子育て支援の充実",
            "妊娠・出産の支援",
            "保育サービスの充実",
            "子育て世帯の経済的負担の軽減",
            "放課後の居場所づくり",
        ),
        targets=(
            _i("合計特殊出生率", "", 1.2, 1.7, 2, "ratio"),
            _i("出生数", "人", 40, 900),
            _i("子育て環境に満足している保護者の割合", "%", 45, 75, 1),
            _i("年少人口の割合", "%", 9, 14, 1),
        ),
        indicators=(
            _i("婚活イベントによる成婚数", "組", 1, 10),
            _i("待機児童数", "人", 3, 40, 0, "count", "down"),
            _i("乳幼児健康診査の受診率", "%", 85, 97, 1),
            _i("子育て支援センターの利用者数", "人", 2000, 12000),
            _i("妊産婦健診受診率", "%", 88, 98, 1),
            _i("放課後児童クラブの登録児童数", "人", 100, 900),
            _i("病児保育の利用者数", "人", 100, 1200),
            _i("子育て支援に満足している保護者の割合", "%", 50, 75, 1),
            _i("結婚新生活支援事業の利用件数", "件", 3, 40),
            _i("産後ケア事業の利用者数", "人", 10, 120),
        ),
        projects=(
            ("結婚新生活支援事業", "新婚世帯の住居費・引越費用の補助"),
            ("出会いサポート事業", "近隣市町と連携した婚活イベントの開催"),
            ("子育て世代包括支援センター運営事業", "妊娠期から子育て期までのワンストップ相談"),
            ("保育所整備事業", "保育所の増築による受入れ定員の拡大"),
            ("子ども医療費助成事業", "高校生年代までの医療費の無償化"),
            ("放課後児童クラブ運営事業", "放課後児童クラブの運営と受入れ枠の拡大"),
            ("病児保育事業", "病気の子どもを一時的に預かる施設の運営"),
            ("出産・子育て応援事業", "妊娠期からの伴走型相談支援と応援給付金の支給"),
            ("産後ケア事業", "出産後の母子への心身のケアと育児の支援"),
            ("妊産婦健診助成事業", "妊婦健康診査の費用の助成"),
            ("子育て支援センター運営事業", "親子の交流の場の提供と育児相談"),
        ),
        sections=("子育て支援課", "こども保育課", "健康推進課", "市民課"),
        fields=("子ども・子育て", "保健", "子育て", "結婚支援"),
    ),
    "暮らし": Theme(
        goal_titles=(
            "時代に合った地域をつくり、安心なくらしを守る",
            "生活の利便性を実感できる安全・安心なまちづくり",
            "歩いて暮らせるまちをつくる",
            "安心して暮らし続けられるまちをつくる",
        ),
        policies=(
            "地域公共交通の確保",
            "防災・減災の推進",
            "高齢者の見守りと介護予防",
            "地域コミュニティの活性化",
            "コンパクトなまちづくりの推進",
            "安全な道路環境の整備",
        ),
        targets=(
            _i("住み続けたいと思う市民の割合", "%", 60, 85, 1),
            _i("公共交通の利用者数", "人", 50000, 900000),
            _i("住みやすさに満足している市民の割合", "%", 55, 80, 1),
        ),
        indicators=(
            _i("デマンド交通の利用者数", "人", 2000, 15000),
            _i("市民バスの利用者数", "人", 20000, 90000),
            _i("自主防災組織の結成率", "%", 60, 95, 1),
            _i("防災訓練の参加者数", "人", 500, 6000),
            _i("高齢者見守り協定の締結事業者数", "事業者", 5, 30),
            _i("介護予防サロンの参加者数", "人", 200, 1500),
            _i("要介護認定率", "%", 15, 20, 1, "ratio", "down"),
            _i("高齢運転者による交通事故件数", "件", 5, 40, 0, "count", "down"),
            _i("地域運営組織の数", "団体", 2, 15),
            _i("通学路の安全対策実施箇所数", "箇所", 5, 40),
            _i("住みよさランキングの県内順位", "位", 3, 15, 0, "count", "down", "rank"),
            _i("市民１人当たりの都市公園面積", "㎡", 8, 12, 1, "ratio", "sqm"),
            _i("デマンド交通の運行回数", "回", 2, 6, 1, "count", "perday"),
        ),
        projects=(
            ("地域公共交通再編事業", "路線バスの再編と乗継拠点の整備"),
            ("デマンド交通運行事業", "予約型乗合タクシーの運行とAI配車システムの導入"),
            ("市民バス運行事業", "市民バス３路線の運行とダイヤの見直し"),
            ("運転免許自主返納支援事業", "返納した高齢者へのタクシー利用券の交付"),
            ("自主防災組織育成事業", "防災資機材の整備と防災リーダーの育成"),
            ("高齢者見守りネットワーク事業", "事業者・自治会と連携した見守り活動"),
            ("介護予防・通いの場推進事業", "住民主体の通いの場の立ち上げと運営の支援"),
            ("地域運営組織支援事業", "地域づくり協議会の設立と運営の支援"),
            ("通学路安全対策事業", "通学路の歩道整備と防護柵の設置"),
            ("防災情報伝達システム整備事業", "防災行政無線のデジタル化と防災アプリの導入"),
            ("空家等対策推進事業", "危険な空き家の除却費の補助"),
        ),
        sections=(
            "都市計画課",
            "危機管理課",
            "高齢福祉課",
            "市民協働課",
            "道路課",
            "まちづくり整備課",
        ),
        fields=("交通", "防災・減災", "高齢者福祉", "地域コミュニティ", "都市基盤"),
    ),
    "教育": Theme(
        goal_titles=(
            "次代を担うひとを育てる",
            "ふるさとを愛し、未来を拓く人を育むまち",
            "学びあい、育ちあうまちをつくる",
        ),
        policies=(
            "学校教育の充実",
            "ふるさと学習の推進",
            "生涯学習とスポーツの振興",
            "教育DXの推進",
            "地域とともにある学校づくり",
        ),
        targets=(
            _i("「学校が楽しい」と答えた児童生徒の割合", "%", 75, 90, 1),
            _i("生涯学習講座の受講者数", "人", 2000, 15000),
        ),
        indicators=(
            _i("「授業がわかる」と答えた児童生徒の割合", "%", 70, 90, 1),
            _i("ふるさと学習の実施校数", "校", 3, 20),
            _i("全国学力調査の平均正答率の全国比", "%", 95, 102, 1),
            _i("公民館講座の参加者数", "人", 1000, 9000),
            _i("総合型地域スポーツクラブの会員数", "人", 200, 1500),
            _i("学校運営協議会の設置校数", "校", 2, 15),
            _i("図書館の貸出冊数", "冊", 50000, 300000),
            _i("山村留学生数", "人", 2, 12),
        ),
        projects=(
            ("学力向上推進事業", "学習支援員の配置と放課後学習教室の開催"),
            ("ふるさと学習推進事業", "地域の人材を講師とした郷土学習の実施"),
            ("GIGAスクール推進事業", "１人１台端末の更新とICT支援員の配置"),
            ("コミュニティ・スクール推進事業", "学校運営協議会の設置と運営の支援"),
            ("生涯学習推進事業", "公民館講座と出前講座の開催"),
            ("スポーツ合宿誘致事業", "大学・実業団のスポーツ合宿の誘致"),
            ("図書館活性化事業", "電子書籍の導入と読書イベントの開催"),
            ("山村留学推進事業", "留学生の受入れと里親への支援"),
            ("英語教育推進事業", "外国語指導助手の配置と英語検定料の助成"),
        ),
        sections=("学校教育課", "生涯学習課", "スポーツ振興課"),
        fields=("教育", "生涯学習", "スポーツ"),
    ),
    "デジタル": Theme(
        goal_titles=(
            "デジタルの力で便利で暮らしやすいまちをつくる",
            "誰もが利用しやすい行政サービスが受けられるまち",
            "デジタル技術を活用した地域課題の解決",
        ),
        policies=(
            "行政のデジタル化の推進",
            "デジタルデバイド対策",
            "データの利活用の推進",
            "キャッシュレス化の推進",
        ),
        targets=(
            _i("オンラインで完結できる行政手続の割合", "%", 15, 40, 1),
            _i("マイナンバーカード保有率", "%", 60, 85, 1),
        ),
        indicators=(
            _i("オンライン申請が可能な手続数", "手続", 20, 150),
            _i("電子申請件数", "件", 500, 9000),
            _i("スマートフォン教室の参加者数", "人", 50, 600),
            _i("オープンデータの公開数", "件", 20, 200),
            _i("コンビニ交付の利用率", "%", 5, 30, 1),
            _i("キャッシュレス決済が可能な窓口の割合", "%", 10, 60, 1),
        ),
        projects=(
            ("行政手続オンライン化事業", "電子申請システムの拡充とキャッシュレス決済の導入"),
            ("デジタルデバイド対策事業", "高齢者向けスマートフォン教室の開催"),
            ("証明書コンビニ交付事業", "住民票の写し等のコンビニエンスストアでの交付"),
            ("オープンデータ推進事業", "統計データの公開と活用事例の発信"),
            ("書かない窓口推進事業", "申請書の自動作成システムの導入"),
            ("スマートシティ推進事業", "データ連携基盤の構築とサービスの実装"),
            ("キャッシュレス決済導入事業", "窓口へのキャッシュレス決済端末の設置"),
        ),
        sections=("情報政策課", "総務課", "市民課", "企画課"),
        fields=("行政運営", "情報化", "市民サービス"),
    ),
    "健康": Theme(
        goal_titles=(
            "誰もが健やかに暮らせるまちをつくる",
            "健康で生きがいを持って暮らせるまち",
        ),
        policies=(
            "健康づくりの推進",
            "地域医療の確保",
            "障がい者の自立と社会参加の支援",
            "生活習慣病の予防",
        ),
        targets=(
            _i("健康寿命", "歳", 78, 82, 1, "ratio"),
            _i("特定健康診査受診率", "%", 35, 55, 1),
        ),
        indicators=(
            _i("がん検診受診率", "%", 15, 45, 1),
            _i("特定保健指導の実施率", "%", 20, 60, 1),
            _i("健康ポイント事業の参加者数", "人", 300, 4000),
            _i("休日当番医の開設日数", "日", 60, 72),
            _i("障がい者就労支援事業所の利用者数", "人", 50, 400),
            _i("シルバー人材センター会員数", "人", 150, 900),
        ),
        projects=(
            ("特定健診受診促進事業", "未受診者への個別勧奨と休日健診の実施"),
            ("健康ポイント事業", "健康づくりの取組へのポイントの付与"),
            ("地域医療確保対策事業", "休日当番医と夜間診療所の運営支援"),
            ("障がい者就労支援事業", "就労継続支援事業所への運営費の補助"),
            ("がん検診推進事業", "がん検診の自己負担額の軽減と受診勧奨"),
            ("シルバー人材センター支援事業", "運営費の補助と就業機会の開拓"),
        ),
        sections=("健康推進課", "福祉課", "高齢福祉課"),
        fields=("保健・医療", "障がい者福祉", "健康づくり"),
    ),
    "環境": Theme(
        goal_titles=(
            "豊かな自然と共生する持続可能なまちをつくる",
            "脱炭素社会の実現に向けた環境にやさしいまち",
        ),
        policies=(
            "脱炭素社会の推進",
            "循環型社会の形成",
            "自然環境の保全",
        ),
        targets=(
            _i("温室効果ガス排出量", "千トン", 200, 900, 0, "count", "down"),
            _i("１人１日当たりのごみ排出量", "g", 800, 1000, 0, "count", "down"),
        ),
        indicators=(
            _i("住宅用太陽光発電設備の設置件数", "件", 100, 2000),
            _i("リサイクル率", "%", 15, 30, 1),
            _i("公共施設のLED化率", "%", 20, 70, 1),
            _i("森林整備面積", "ha", 50, 600),
            _i("環境学習の参加者数", "人", 100, 2000),
        ),
        projects=(
            ("脱炭素先行地域推進事業", "再生可能エネルギー設備の導入と地域マイクログリッドの構築"),
            ("住宅用太陽光発電設備設置補助事業", "住宅への太陽光発電設備と蓄電池の設置費の補助"),
            ("ごみ減量化推進事業", "生ごみ処理機の購入費の補助と分別の啓発"),
            ("森林環境整備事業", "森林環境譲与税を活用した間伐・作業道の整備"),
            ("公共施設LED化事業", "庁舎・学校の照明のLED化"),
            ("環境学習推進事業", "小中学生向けの環境学習講座の開催"),
        ),
        sections=("環境課", "農林課", "都市計画課"),
        fields=("低炭素・循環型社会", "自然環境", "森林・林業"),
    ),
}

# Targets printed as one figure over the period, under a 数値目標 table.
PERIOD_TARGETS: tuple[Ind, ...] = (
    _i("出生数", "人", 250, 400),
    _i("新規就農者数（累計）", "人", 4, 8),
    _i("移住者数", "人", 80, 200),
)

MUNICIPALITIES: tuple[str, ...] = (
    "ささなみ",
    "かわせみ",
    "しらかば",
    "こもれび",
    "みなせ",
    "しおかぜ",
    "やまなみ",
    "あおば",
    "ひばり",
    "つきみ",
    "はるかぜ",
    "みずほ",
    "ほたる",
    "さくらの",
    "あさひ野",
    "なぎさ",
)

FOOTNOTE_TEXTS: tuple[str, ...] = (
    "各年度末時点の数値である。",
    "令和５年度から集計方法を変更したため、基準値は推計値である。",
    "国の統計調査の手法変更により、毎年度の数値の把握が困難であるため、今後把握可能な指標を検討する。",
    "市が実施する市民意識調査において「そう思う」「どちらかといえばそう思う」と回答した人の割合。",
    "事業を活用した件数の累計であり、重複して利用した場合も１件として数える。",
    "暦年（１月～１２月）で集計する。",
    "指標の対象には、近隣市町との広域連携による事業を含む。",
    "第７次総合計画における目標値を達成しているが、事業効果の検証のため毎年度実績値を把握する。",
)

INTRO_PROSE: tuple[str, ...] = (
    "本{m}の人口は、平成２２年の国勢調査以降減少を続けており、特に２０歳代から３０歳代の転出超過が続いています。",
    "人口ビジョンで示した将来展望の実現に向け、国の総合戦略を勘案し、次の{n}つの{label}を設定します。",
    "各{label}には、実現すべき成果を表す数値目標を、施策には、その効果を客観的に検証する重要業績評価指標（ＫＰＩ）を設定しています。",
    "若い世代の{m}外への流出と出生数の減少が続いており、人口減少の抑制と、人口が減っても暮らしやすいまちづくりの両立が求められています。",
    "本戦略は、総合計画に掲げる施策のうち、人口減少の克服と地域の活性化に特に効果の高いものを重点的に取りまとめたものです。",
)

DIRECTION_PROSE: tuple[str, ...] = (
    "「{t}」の実現に向けて、関係機関と連携しながら施策を総合的に推進します。",
    "これまでの取組の成果と課題を踏まえ、デジタル技術も活用しながら「{t}」を目指します。",
    "市民・事業者・行政がそれぞれの役割を担い、「{t}」の実現を目指します。",
    "国や県の支援制度を積極的に活用し、「{t}」ための環境を整えます。",
)

POLICY_PROSE: tuple[str, ...] = (
    "{p}に向けて、関係団体と連携した取組を進めます。",
    "これまでの成果を踏まえ、{p}に重点的に取り組みます。",
    "{p}を図るため、支援制度の周知と利用の促進に努めます。",
    "現状の課題を整理し、{p}のための施策を段階的に実施します。",
)

GOAL_QUOTES: tuple[str, ...] = (
    "ともに支え合い健やかに暮らせるまち",
    "活力ある産業と交流のまち",
    "未来を担う人を育むまち",
    "安全で快適な生活基盤のまち",
    "市民と行政の協働によるまち",
    "豊かな自然と共生するまち",
)

CLOSING_PROSE: tuple[str, ...] = (
    "本戦略の推進にあたっては、{m}長を本部長とする推進本部を中心に、全庁を挙げて取り組みます。",
    "毎年度、外部有識者で構成する検証会議において数値目標及びＫＰＩの達成状況を検証し、その結果を公表します。",
    "検証結果を踏まえ、必要に応じて施策や事業の見直しを行うＰＤＣＡサイクルを確立します。",
)


# --- printing helpers ------------------------------------------------------------------------

_FULL = str.maketrans("0123456789.,%-/", "０１２３４５６７８９．，％－／")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
KATA = "アイウエオカキクケコ"
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
DASHES = ("―", "－", "—")


def full(text: str) -> str:
    """Full-width digits and signs, except in a year printed with a letter (H25, R5)."""
    parts = re.split(r"([A-Za-z]+[0-9]*)", text)
    return "".join(p if i % 2 else p.translate(_FULL) for i, p in enumerate(parts))


def digits(n: int | str, style: str) -> str:
    return full(str(n)) if style == "full" else str(n)


def year_label(year: int, style: str) -> str:
    """A fiscal year as plans print it: 2014年度 · 平成26年度 / 令和元年度 · H26 / R1."""
    if style == "western":
        return f"{year}年度"
    if year >= 2019:
        n = year - 2018
        return f"令和{'元' if n == 1 else n}年度" if style == "era_kanji" else f"R{n}"
    return f"平成{year - 1988}年度" if style == "era_kanji" else f"H{year - 1988}"


def cell_year_label(year: int, rng: random.Random) -> str:
    """A year printed in a cell: （H25） （R4） （2013年） （2013年度）."""
    kind = rng.choice(["letter", "letter", "calendar", "western"])
    if kind == "letter":
        return f"H{year - 1988}" if year < 2019 else f"R{year - 2018}"
    return f"{year}年" if kind == "calendar" else f"{year}年度"


def number_text(x: float, dec: int, comma: bool) -> str:
    x = abs(x)
    return f"{x:,.{dec}f}" if comma and x >= 1000 else f"{x:.{dec}f}"


def key_number(x: float, dec: int) -> int | float:
    return int(round(x)) if dec == 0 else round(x, dec)


def _value(
    value: float | None = None,
    unit: str = "",
    qualifier: str = "",
    year: int | None = None,
    label: str = "",
    text: str = "",
    note: str = "",
    others: str | None = None,
) -> dict[str, Any]:
    out = {
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "year": year,
        "year_label": label,
        "text": text,
        "note": note,
    }
    if others is not None:
        out["others"] = others
    return out


# --- choosing the forms --------------------------------------------------------------------------


def _draw(
    rng: random.Random, name: str, uncertain: bool, allowed: Callable[[Any], bool] | None = None
) -> Option:
    options = [
        o
        for o in CHOICES[name]
        if (uncertain or o.certain) and (allowed is None or allowed(o.value))
    ]
    return rng.choices(options, weights=[o.weight for o in options])[0]


GOAL_NUMBERING_WITH_LABEL = {
    "label_num",
    "label_roman",
    "bracket",
    "angle",
    "square",
    "paren_label",
}
GOAL_NUMBERING_WITHOUT = {"num_dot", "num_space", "roman", "paren", "circled"}
POLICY_NUMBERING_WITH_LABEL = {"label_num", "label_hyphen", "label_paren"}
PER_GOAL_POLICY_LABELS = {"取組方針", "施策", "基本施策", "重点施策"}


def choose_forms(
    rng: random.Random, uncertain: bool = False, seed: int | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Every choice of one plan (name → value), and the names of those drawn uncertain. With a
    seed, each choice draws from its own stream (`{seed}:{name}`), so that a choice added to the
    catalogue leaves the others of every seed as they were."""
    forms: dict[str, Any] = {}
    unsure: list[str] = []

    def draw(name: str, allowed: Callable[[Any], bool] | None = None) -> Any:
        stream = rng if seed is None else random.Random(f"{seed}:{name}:{uncertain}")
        option = _draw(stream, name, uncertain, allowed)
        forms[name] = option.value
        if not option.certain:
            unsure.append(name)
        return option.value

    first = [
        "goal_label",
        "goal_numbering",
        "structure",
        "caption_style",
        "policy_numbering",
        "kpi_header",
        "value_columns",
        "baseline_word",
        "project_form",
        "relisting",
        "footnotes",
        "footnote_wrap",
    ]
    for name in [*first, *(n for n in CHOICES if n not in first)]:
        if name in forms:
            continue
        if name == "goal_numbering":
            label = forms["goal_label"]
            if label == "章":
                forms[name] = "chapter"
            elif label == "":
                draw(name, lambda v: v in GOAL_NUMBERING_WITHOUT)
            else:
                draw(name, lambda v: v in GOAL_NUMBERING_WITH_LABEL)
        elif name == "policy_label":
            continue  # drawn with policy_numbering
        elif name == "policy_numbering":

            def ok(v: str) -> bool:
                g = forms["goal_numbering"]
                numbered_captions = forms["caption_style"] == "numbered"
                if forms["structure"] == "per_goal":
                    return v in ("label_num", "label_paren")
                if v == "paren" and (g in ("paren", "paren_label") or numbered_captions):
                    return False
                if v == "circled" and g == "circled":
                    return False
                return not (v == "num_dot" and g in ("num_dot", "num_space"))

            v = draw(name, ok)
            if v in POLICY_NUMBERING_WITH_LABEL:
                if forms["structure"] == "per_goal":
                    draw("policy_label", lambda w: w in PER_GOAL_POLICY_LABELS)
                else:
                    draw("policy_label", lambda w: w not in ("", forms["goal_label"]))
            else:
                forms["policy_label"] = ""
        elif name == "caption_style":
            draw(
                name,
                lambda v: (
                    not (v == "numbered" and forms["goal_numbering"] in ("paren", "paren_label"))
                ),
            )
        elif name == "kpi_form":
            draw(
                name, lambda v: not (v == "inline_list" and forms["policy_numbering"] == "circled")
            )
        elif name == "value_columns":
            draw(name, lambda v: v == 2 or forms["kpi_header"] != "year_columns")
        elif name == "baseline_word":
            draw(name, lambda v: forms.get("value_columns") != 3 or v != "現状値")
        elif name == "relisting":
            draw(
                name,
                lambda v: v != "column" or forms["project_form"] in ("table_summary", "table_dept"),
            )
        elif name == "target_period_line":
            draw(name, lambda v: not v or forms["targets_form"] == "table")
        elif name == "footnote_wrap":
            draw(name, lambda v: not v or forms["footnotes"] == "kome")
        elif name == "list_mark":
            draw(
                name,
                lambda v: (
                    v != "①"
                    or "circled" not in (forms["goal_numbering"], forms["policy_numbering"])
                ),
            )
        elif name == "frame":
            continue  # after goal_numbering
        else:
            draw(name)
        if name == "goal_numbering":
            if forms["goal_numbering"] == "chapter":
                draw("frame", lambda v: v in ("part", "chapters"))
            else:
                draw("frame", lambda v: v != "chapters")
    forms["abbreviation_table"] = forms["project_form"] in ("field_abbr", "table_abbr")
    return forms, unsure


# --- the generated plan ----------------------------------------------------------------------------

FAMILIES = ("goals", "policies", "numeric_targets", "kpis", "projects", "footnotes")


@dataclass
class GeneratedPlan:
    seed: int
    text: str
    key: dict[str, Any]
    forms: dict[str, Any]
    uncertain_forms: list[str] = field(default_factory=list)
    # the 略称対応表 as printed: [{"abbr", "bureau", "section"}] (empty: the plan has none)
    departments: list[dict[str, str]] = field(default_factory=list)
    # per key row of numeric_targets / kpis: the value forms of its baseline and target
    row_forms: dict[str, list[list[str]]] = field(default_factory=dict)
    # per family, the 1-based text line of each key record
    key_lines: dict[str, list[int]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def uncertain(self) -> bool:
        """Whether any choice or value form of the plan is one whose parse is a judgment."""
        return bool(self.uncertain_forms) or any(
            not VALUE_FORMS[f.split(":", 1)[1]].certain
            for rows in self.row_forms.values()
            for row in rows
            for f in row
        )

    def write_fixture(self, folder: Path, extra_readme: str = "") -> Path:
        """plan.txt, plan.meta.toml, expected.json and a README naming the seed and forms."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.txt").write_text(self.text, encoding="utf-8")
        (folder / "plan.meta.toml").write_text(meta_toml(self.meta), encoding="utf-8")
        (folder / "expected.json").write_text(
            json.dumps(self.key, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        forms = "\n".join(f"- {k} = {v!r}" for k, v in self.forms.items())
        unsure = ", ".join(self.uncertain_forms) or "none"
        (folder / "README.md").write_text(
            f"# generated plan, seed {self.seed}\n\n"
            f"Made by `tests/generator.py`: `generate({self.seed}"
            f"{', uncertain=True' if self.uncertain else ''})` gives this plan.txt and "
            "expected.json (the key, correct by construction).\n\n"
            f"Uncertain choices: {unsure}.\n\n## Forms\n\n{forms}\n"
            + (f"\n{extra_readme}\n" if extra_readme else ""),
            encoding="utf-8",
        )
        return folder


def meta_toml(meta: dict[str, str]) -> str:
    return "".join(f'{k} = "{v}"\n' for k, v in meta.items())


class _Builder:
    """Writes the plan's lines and its key side by side."""

    def __init__(self, rng: random.Random, forms: dict[str, Any], uncertain: bool) -> None:
        self.rng = rng
        self._forms = forms
        self.used: set[str] = set()
        self.uncertain = uncertain
        self.lines: list[str] = []
        self.key: dict[str, list[dict[str, Any]]] = {f: [] for f in FAMILIES}
        self.key_lines: dict[str, list[int]] = {f: [] for f in FAMILIES}
        self.row_forms: dict[str, list[list[str]]] = {"numeric_targets": [], "kpis": []}
        self.footnote_no = 0
        self.page = rng.randint(5, 30)
        self.used_indicators: set[str] = set()
        self.used_projects: set[str] = set()
        self.abbrs: set[str] = set()
        self.printed_kpis: list[tuple[list[str], dict[str, Any], list[str]]] = []
        self.printed_projects: list[tuple[str, list[str]]] = []

    # forms, recording which ones the plan used
    def f(self, name: str) -> Any:
        self.used.add(name)
        return self._forms[name]

    def add(self, line: str) -> int:
        self.lines.append(line)
        return len(self.lines)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def record(self, family: str, row: dict[str, Any], line: int) -> None:
        self.key[family].append(row)
        self.key_lines[family].append(line)

    # numbers in headings
    def hd(self, n: int | str) -> str:
        return digits(n, self.f("heading_digits"))

    def vd(self, text: str) -> str:
        return full(text) if self.f("value_digits") == "full" else text

    def markup(self, text: str, level: int) -> str:
        return f"{'#' * level} {text}" if self.f("heading_markup") == "markdown" else text

    def caption(self, word: str, level: int, n: int | None = None) -> str:
        style = self.f("caption_style")
        if style == "numbered":
            text = f"（{self.hd(n)}）{word}" if n is not None else f"■{word}"
        elif style in ("【】", "［］", "＜＞"):
            text = f"{style[0]}{word}{style[1]}"
        else:
            text = f"{style}{word}"
        return self.markup(text, level)


@dataclass
class _Cols:
    """How a table (or inline list) prints its values."""

    unit_col: bool  # units in a 単位 column, bare numbers in the cells
    year_mode: str  # header · cell · column · none
    base_year: int | None
    base_label: str
    target_year: int | None
    target_label: str
    period: int  # years between baseline and target (for ５年間で)


# weights of the value forms, by role
_BASELINE_WEIGHTS = {
    "plain": 60,
    "per_year": 5,
    "cumulative": 4,
    "nobe": 2,
    "approx": 3,
    "new": 3,
    "dash": 4,
    "cell_year": 6,
    "period_cumulative": 1,
    "school_split": 2,
    "period_years": 2,
    "rank": 2,
    "per_day": 1,
    "square_metre": 1,
    # uncertain
    "dotted_date": 2,
    "bare_year": 2,
    "second_figure": 2,
    "reiwa_gannen_cell": 2,
}
_TARGET_WEIGHTS = {
    "plain": 45,
    "ijou": 10,
    "ika": 8,
    "miman": 2,
    "zero": 2,
    "per_year": 6,
    "per_year_ijou": 3,
    "cumulative": 5,
    "nobe": 2,
    "n_years": 4,
    "approx": 3,
    "times": 3,
    "increase": 3,
    "keep": 2,
    "remark": 2,
    "period_cumulative": 2,
    "school_split": 1,
    "period_years": 1,
    "value_keep": 2,
    "relative_text": 2,
    "rank": 2,
    "per_day": 1,
    "square_metre": 1,
    # uncertain
    "relative_baseline": 1,
}
_COUNT_UNITS = {
    "人",
    "件",
    "組",
    "回",
    "校",
    "事業者",
    "経営体",
    "団体",
    "箇所",
    "手続",
    "冊",
    "日",
}
_NOBE_UNITS = {"人", "日", "回", "件"}
_SEQUENCE = {"cumulative", "per_year", "nobe", "n_years", "per_year_ijou", "remark"}


class _Values:
    """Value cells of an indicator row: the printed text and the key, form by form."""

    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.rng = b.rng

    def amounts(self, ind: Ind) -> tuple[float, float]:
        rng = self.rng
        base = rng.uniform(ind.lo, ind.hi)
        if "net" in ind.tags:
            base = -abs(base)
            target = base * rng.uniform(0.3, 0.8)
        elif "down" in ind.tags:
            target = base * rng.uniform(0.6, 0.95)
        elif ind.unit in ("", "歳"):
            target = base * rng.uniform(1.01, 1.08)  # a birth rate, a life expectancy
        else:
            target = base * rng.uniform(1.05, 1.6)
        if ind.unit == "%":
            target = min(target, base + (100 - base) * 0.8)
        base, target = round(base, ind.decimals), round(target, ind.decimals)
        if ind.decimals == 0:
            # targets are round figures: 15,000 rather than 14,873
            mag = 10 ** max(0, len(str(int(abs(target)))) - 2)
            target = round(target / mag) * mag
            if target == base:
                target = base + (-1 if "down" in ind.tags else 1) * max(1, mag)
        return base, target

    def row_style(self, ind: Ind, cols: _Cols, base: float) -> str:
        rng = self.rng
        if "net" in ind.tags:
            return "negative"
        if cols.unit_col:
            return "normal"
        if ind.unit == "万円" and abs(base) >= 10000 and rng.random() < 0.4:
            return "oku_man"
        if ind.unit == "人" and abs(base) >= 100000 and rng.random() < 0.4:
            return "sen_nin"
        if ind.unit == "g" and self.b.uncertain and rng.random() < 0.5:
            return "compound_unit"
        if (
            ind.unit in ("人", "件", "組", "回")
            and cols.year_mode in ("none", "header")
            and rng.random() < 0.06
        ):
            return "slash_unit"
        return "normal"

    def pick(self, ind: Ind, role: str, cols: _Cols, style: str, other: str | None) -> str:
        """The form of one cell, among those that fit the indicator and the table."""
        weights = dict(_BASELINE_WEIGHTS if role == "b" else _TARGET_WEIGHTS)
        if style == "negative":
            return "negative"
        if style in ("oku_man", "sen_nin", "slash_unit", "compound_unit"):
            return style
        if "sqm" in ind.tags:
            return "square_metre"
        if "perday" in ind.tags and cols.unit_col:
            return "plain"
        if "perday" in ind.tags:
            return self.rng.choice(["per_day", "per_day", "plain"])
        count = "count" in ind.tags and ind.unit in _COUNT_UNITS

        def drop(*names: str) -> None:
            for n in names:
                weights.pop(n, None)

        if not count:
            drop("per_year", "cumulative", "nobe", "n_years", "per_year_ijou", "remark", "per_day")
            drop("period_cumulative", "second_figure")
        if ind.unit not in _NOBE_UNITS:
            drop("nobe")
        if "down" in ind.tags:
            drop("ijou", "per_year_ijou", "times", "increase", "per_year", "cumulative", "n_years")
            drop("remark", "nobe", "relative_text", "relative_baseline", "value_keep")
        else:
            drop("ika", "miman", "zero")
        if not count:
            drop("zero")
        drop("square_metre", "per_day")
        if "money" not in ind.tags:
            drop("times")  # １．２倍 of a sales figure, not of a head count
        if ind.unit != "%":
            drop("school_split", "value_keep")
        if "rank" in ind.tags:
            weights = {"plain": 3, "rank": 2} if role == "b" else {"plain": 2, "ika": 1, "rank": 2}
        else:
            drop("rank")
        if cols.year_mode == "cell":
            drop("dash", "new", "increase", "keep", "cell_year", "remark", "relative_text")
            drop("period_years", "dotted_date", "bare_year", "value_keep", "period_cumulative")
            drop("second_figure", "school_split", "relative_baseline", "reiwa_gannen_cell")
        if cols.year_mode not in ("header", "column"):
            drop("cell_year", "period_years", "dotted_date", "bare_year", "reiwa_gannen_cell")
        if cols.year_mode == "column":
            drop("cell_year", "period_years", "dotted_date", "bare_year", "reiwa_gannen_cell")
        if cols.unit_col:
            drop("school_split", "second_figure", "per_day")
        if other in _SEQUENCE:
            # a table prints 累計/年/延べ on both values of a row more often than on one
            weights[other] = weights.get(other, 0) * 6 if other in weights else 0
        weights = {
            k: w
            for k, w in weights.items()
            if w > 0 and (self.b.uncertain or VALUE_FORMS[k].certain)
        }
        names = list(weights)
        return self.rng.choices(names, weights=[weights[n] for n in names])[0]

    def cell(
        self, ind: Ind, role: str, amount: float, cols: _Cols, style: str, form: str
    ) -> tuple[str, dict[str, Any]]:
        """(printed cell, key) of a value."""
        rng, b = self.rng, self.b
        comma = b.f("thousands") == "comma"
        year = cols.base_year if role == "b" else cols.target_year
        label = cols.base_label if role == "b" else cols.target_label
        unit = ind.unit
        dec = ind.decimals
        num = number_text(amount, dec, comma)
        value = key_number(amount, dec)

        def shown_unit() -> str:
            return "" if cols.unit_col else unit

        def key_unit(printed: str = "") -> str:
            return printed or unit

        def out(
            text: str, key: dict[str, Any], cell_year: bool = True
        ) -> tuple[str, dict[str, Any]]:
            if cols.year_mode == "cell" and cell_year:
                lab = year_label(year, b.f("year_style")) if year else ""
                text = f"{text}（{lab}）"
            return b.vd(text), key

        if form == "negative":
            sign = b.f("negative_sign")
            return out(f"{sign}{num}{shown_unit()}", _value(value, key_unit(), "", year, label))
        if form == "oku_man":
            oku, man = divmod(int(round(amount)), 10000)
            text = f"{oku}億{man:,}万円" if man else f"{oku}億円"
            key_v = oku * 10000 + man if man else oku
            return out(text, _value(key_v, "万円" if man else "億円", "", year, label))
        if form == "sen_nin":
            k = int(round(amount / 1000))
            return out(f"{k:,}千人" if comma else f"{k}千人", _value(k, "千人", "", year, label))
        if form == "slash_unit":
            return out(f"{num}{unit}/年", _value(value, f"{unit}/年", "", year, label))
        if form == "compound_unit":
            return out(f"{num}g/人/日", _value(value, "g/人/日", "", year, label))
        if form == "plain":
            return out(f"{num}{shown_unit()}", _value(value, key_unit(), "", year, label))
        prefix = {"per_year": "年", "cumulative": "累計", "nobe": "延べ", "approx": "約"}
        if form in prefix:
            q = prefix[form]
            return out(f"{q}{num}{shown_unit()}", _value(value, key_unit(), q, year, label))
        if form == "n_years":
            q = f"{cols.period}年間で"
            return out(f"{q}{num}{shown_unit()}", _value(value, key_unit(), q, year, label))
        suffix = {"ijou": "以上", "ika": "以下", "miman": "未満"}
        if form in suffix:
            q = suffix[form]
            return out(f"{num}{shown_unit()}{q}", _value(value, key_unit(), q, year, label))
        if form == "per_year_ijou":
            return out(
                f"年{num}{shown_unit()}以上", _value(value, key_unit(), "年 以上", year, label)
            )
        if form == "times":
            r = rng.choice([1.2, 1.3, 1.5, 2.0, 2.5, 3.0, 3.5])
            return out(f"{r:.1f}倍", _value(r, "倍", "", year, label))
        if form in ("increase", "keep", "new", "relative_text", "relative_baseline"):
            text = {
                "increase": "増加",
                "keep": "維持",
                "new": "新規",
                "relative_text": "全国平均以上",
                "relative_baseline": "現状値以上",
            }[form]
            return out(text, _value(None, "", "", year, label, text=text), cell_year=False)
        if form == "school_split":
            second = number_text(amount * rng.uniform(0.75, 0.95), 1, False)
            others = f"中{second}%"
            return out(f"小{num}%/{others}", _value(value, "%", "小", year, label, others=others))
        if form == "zero":
            return out(f"0{shown_unit()}", _value(0, key_unit(), "", year, label))
        if form == "square_metre":
            return out(f"{num}㎡", _value(value, "㎡", "", year, label))
        if form == "period_years":
            end = (year or 2020) - (1 if role == "b" else 0) * rng.choice([1, 2, 3])
            start = end - 3

            def era(y: int) -> str:
                return f"H{y - 1988}" if y < 2019 else f"R{y - 2018}"

            lab = f"{era(start)}〜{era(end)}"
            paren = rng.choice([("(", ")"), ("（", "）")])
            return out(
                f"{num}{shown_unit()}{paren[0]}{lab}{paren[1]}",
                _value(value, key_unit(), "", end, lab),
            )
        if form == "dash":
            return out(rng.choice(DASHES), _value(None, "", "", year, label), cell_year=False)
        if form == "cell_year":
            y = (year or 2015) - rng.choice([1, 1, 2])
            lab = cell_year_label(y, rng)
            return out(f"{num}{shown_unit()}（{lab}）", _value(value, key_unit(), "", y, lab))
        if form == "remark":
            total = key_number(amount * cols.period, dec)
            note = f"{cols.period}年間で{number_text(total, dec, comma)}{unit}"
            return out(
                f"年{num}{unit}（{note}）", _value(value, unit, "年", year, label, note=note)
            )
        # uncertain forms: the key is a judgment
        if form == "period_cumulative":
            note = "10年累計"
            return out(f"{num}{unit}（{note}）", _value(value, unit, "", year, label, note=note))
        if form == "dotted_date":
            y = (year or 2020) - 1
            return out(f"{num}{unit}({y}.9)", _value(value, unit, "", y, f"{y}.9"))
        if form == "bare_year":
            y = (year or 2020) - 1
            return out(f"{num}{unit}({y})", _value(value, unit, "", y, f"{y}"))
        if form == "value_keep":
            return out(f"{num}{unit}（維持）", _value(value, unit, "", year, label, note="維持"))
        if form == "rank":
            return out(f"第{num}位", _value(value, "位", "第", year, label))
        if form == "per_day":
            return out(f"1日あたり{num}回", _value(value, "回", "1日あたり", year, label))
        if form == "reiwa_gannen_cell":
            return out(
                f"{num}{shown_unit()}（令和元年）", _value(value, key_unit(), "", 2019, "令和元年")
            )
        if form == "second_figure":
            extra = int(amount * rng.uniform(10, 30))
            note = f"延べ{extra}日"
            return out(f"{num}{unit}（{note}）", _value(value, unit, "", year, label, note=note))
        raise ValueError(form)

    def row(
        self, ind: Ind, cols: _Cols
    ) -> tuple[tuple[str, dict[str, Any]], tuple[str, dict[str, Any]], list[str], float, float]:
        base, target = self.amounts(ind)
        style = self.row_style(ind, cols, base)
        bf = self.pick(ind, "b", cols, style, None)
        tf = self.pick(ind, "t", cols, style, bf)
        if style == "normal" and bf in ("new", "dash") and tf in ("increase", "keep"):
            tf = "plain"
        b = self.cell(ind, "b", base, cols, style, bf)
        t = self.cell(ind, "t", target, cols, style, tf)
        return b, t, [f"b:{bf}", f"t:{tf}"], base, target


# --- the plan's parts ------------------------------------------------------------------------------


@dataclass
class _Policy:
    no: int
    title: str
    inds: list[Ind]
    projects: int


@dataclass
class _Goal:
    no: int
    title: str
    theme: Theme
    targets: list[Ind]
    policies: list[_Policy]


def goal_prefix(b: _Builder, n: int) -> tuple[str, str]:
    """The numbering of goal n as printed, and the separator before its title."""
    label, numbering, sep = b.f("goal_label"), b.f("goal_numbering"), b.f("heading_sep")
    d = b.hd(n)
    half = b.f("heading_digits") == "half"
    return {
        "label_num": (f"{label}{d}", sep),
        "label_roman": (f"{label}{ROMAN[n - 1]}", sep),
        "bracket": (f"【{label}{d}】", ""),
        "angle": (f"＜{label}{d}＞", ""),
        "square": (f"■{label}{d}", sep),
        "paren_label": ((f"({n}) {label}{n}", " ") if half else (f"（{d}）{label}{d}", "　")),
        "num_dot": ((f"{n}.", "") if half else (f"{d}．", "")),
        "num_space": ("〇一二三四五六七八九"[n] if b.f("kanji_goals") else d, "　"),
        "roman": (ROMAN[n - 1], sep),
        "paren": ((f"({n})", "") if half else (f"（{d}）", "")),
        "circled": (CIRCLED[n - 1], sep),
        "chapter": (f"第{d}章", sep),
    }[numbering]


def policy_prefix(b: _Builder, g: int, n: int) -> tuple[str, str]:
    label, numbering, sep = b.f("policy_label"), b.f("policy_numbering"), b.f("heading_sep")
    half = b.f("heading_digits") == "half"
    d = b.hd(n)
    hyphen = f"{g}-{n}" if half else f"{b.hd(g)}－{d}"
    return {
        "paren": ((f"({n})", "") if half else (f"（{d}）", "")),
        "circled": (CIRCLED[n - 1], sep),
        "kata": (KATA[n - 1], sep),
        "paren_kata": ((f"({KATA[n - 1]})", "") if half else (f"（{KATA[n - 1]}）", "")),
        "hyphen": (hyphen, sep),
        "label_hyphen": (f"{label}{hyphen}", sep),
        "label_num": (f"{label}{d}", sep),
        "label_paren": ((f"{label}({n})", " ") if half else (f"{label}（{d}）", "　")),
        "num_dot": ((f"{n}.", "") if half else (f"{d}．", "")),
    }[numbering]


def policy_key(b: _Builder, g: int, p: _Policy) -> dict[str, Any]:
    """A policy's key: numbering and section where a fixture states them (arabic numbers and
    hyphenated levels; no 節 level in generated plans, so section "")."""
    key: dict[str, Any] = {"goal_no": g, "policy_no": p.no, "title": p.title}
    numbering = b.f("policy_numbering")
    if numbering in ("paren", "label_num", "label_paren", "num_dot"):
        key |= {"numbering": str(p.no), "section": ""}
    elif numbering in ("hyphen", "label_hyphen"):
        key |= {"numbering": f"{g}-{p.no}", "section": ""}
    return key


def goal_heading(b: _Builder, goal: _Goal) -> str:
    core, sep = goal_prefix(b, goal.no)
    return f"{core}{sep}{goal.title}"


def policy_heading(b: _Builder, g: int, p: _Policy) -> str:
    core, sep = policy_prefix(b, g, p.no)
    return f"{core}{sep}{p.title}"


def _split_name(name: str, rng: random.Random) -> tuple[str, str] | None:
    """A long name wrapped in its cell: the two printed parts (joined, the name)."""
    if len(name) < 10 or any(c in name for c in "（）「」"):
        return None
    middle = [i for i in range(4, len(name) - 3) if name[i - 1] == "の"]
    at = rng.choice(middle) if middle else int(len(name) * rng.uniform(0.5, 0.7))
    return name[:at], name[at:]


def _wrap_text(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


class _Tables:
    """Numeric-target and KPI tables (and inline lists), with their key rows."""

    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.rng = b.rng
        self.values = _Values(b)

    def header_years(self) -> tuple[tuple[int, str], tuple[int, str], tuple[int, str]]:
        b = self.b
        y0, y1 = b.f("period")
        style = b.f("year_style")

        def lab(y: int) -> str:
            text = year_label(y, style)
            return b.vd(text) if style == "era_kanji" else text

        mid = y0 + max(1, (y1 - y0) // 2)
        return (y0, lab(y0)), (mid, lab(mid)), (y1, lab(y1))

    def table(
        self,
        kind: str,
        goal_no: int,
        groups: list[tuple[int | None, list[Ind]]],
        theme: Theme,
        policy_col: bool = False,
    ) -> None:
        b, rng = self.b, self.rng
        header = b.f("kpi_header")
        if kind == "numeric_targets" and b.f("targets_header") == "one_row":
            header = "one_row"
        three = b.f("value_columns") == 3 and header != "year_columns"
        unit_pos = b.f("unit_column")
        if header == "year_columns" and unit_pos == "last":
            unit_pos = "after_indicator"
        extra = b.f("extra_column")
        (y0, l0), (ym, lm), (y1, l1) = self.header_years()
        sp = b.f("header_space")
        bw, tw = b.f("baseline_word"), b.f("target_word")
        word = b.f("kpi_word") if kind == "kpis" else b.f("targets_first_cell")
        if word.startswith("重要業績評価指標") and not b.f("two_row_merged"):
            two_row_first = ("重要業績評価指標", "（ＫＰＩ）")
        else:
            two_row_first = (word, "")
        lead = kind == "kpis" and b.f("kpi_leading_tab")

        # columns: (name, header row 1, header row 2)
        cols: list[tuple[str, str, str]] = []
        if lead:
            cols.append(("lead", "", ""))
        if policy_col:
            cols.append(("policy", b.f("policy_label"), ""))
        if header == "two_row":
            cols.append(("indicator", *two_row_first))
        else:
            cols.append(("indicator", "" if b.f("indicator_header_blank") else word, ""))
        if unit_pos == "after_indicator":
            cols.append(("unit", "単位", ""))
        if header == "one_row":
            cols.append(("b", f"{bw}{sp}（{l0}）", ""))
            if three:
                cols.append(("mid", f"実績値{sp}（{lm}）", ""))
            cols.append(("t", f"{tw}{sp}（{l1}）", ""))
        elif header == "two_row":
            cols.append(("b", bw, f"（{l0}）"))
            if three:
                cols.append(("mid", "実績値", f"（{lm}）"))
            cols.append(("t", tw, f"（{l1}）"))
        elif header == "year_in_cell":
            cols.append(("b", bw, ""))
            if three:
                cols.append(("mid", "実績値", ""))
            cols.append(("t", tw, ""))
        elif b.f("year_columns_merged"):
            cols += [("b", bw, "数値"), ("by", "", "年度"), ("t", tw, "数値"), ("ty", "", "年度")]
        else:  # year_columns
            cols += [("b", bw, ""), ("by", "基準年度", ""), ("t", tw, ""), ("ty", "目標年度", "")]
        if unit_pos == "last":
            cols.append(("unit", "単位", ""))
        if extra:
            cols.append(("extra", extra, ""))
        names = [c[0] for c in cols]
        unit_col = "unit" in names
        year_mode = {"one_row": "header", "two_row": "header", "year_in_cell": "cell"}.get(
            header, "column"
        )
        base_cols = _Cols(unit_col, year_mode, y0, l0, y1, l1, y1 - y0)
        mid_cols = _Cols(unit_col, year_mode, ym, lm, ym, lm, y1 - y0)

        b.add("\t".join(c[1] for c in cols))
        if header == "two_row" or any(c[0] == "by" and not c[1] for c in cols):
            b.add("\t".join(c[2] for c in cols))

        notes: list[tuple[int, str]] = []
        family = kind
        marks = b.f("kpi_marks") if kind == "kpis" else "none"
        for policy_no, inds in groups:
            rows: list[tuple[Ind | None, bool]] = [(ind, False) for ind in inds]
            if (
                kind == "kpis"
                and b.f("kpi_relisting") != "none"
                and b.printed_kpis
                and rng.random() < 0.3
            ):
                rows.append((None, True))
            for r, (ind, relisted) in enumerate(rows):
                pcell = ""
                if policy_col and (r == 0 or b.f("policy_column") == "every_row"):
                    pcell = b.hd(policy_no or 0)
                if relisted or ind is None:
                    cells, key, forms = rng.choice(b.printed_kpis)
                    cells = dict(cells)
                    key = json.loads(json.dumps(key))
                    mark = b.f("kpi_relisting")
                    name = key["indicator"]
                    cells["indicator"] = (
                        f"【再掲】{name}" if mark == "【再掲】" else f"{name}{mark}"
                    )
                    cells["policy"] = pcell
                    key.update(
                        goal_no=goal_no,
                        policy_no=policy_no,
                        relisted=True,
                        footnote_no=None,
                        flags=[],
                    )
                    line = b.add("\t".join(cells.get(n, "") for n in names))
                    b.record(family, key, line)
                    b.row_forms[family].append(list(forms))
                    continue
                row_cols = dataclasses.replace(base_cols)
                if year_mode == "column":
                    by, bl = y0, l0
                    if rng.random() < 0.2:
                        by = y0 - rng.choice([1, 2])
                        bl = year_label(by, rng.choice(["era_kanji", "era_letter", "western"]))
                    row_cols.base_year, row_cols.base_label = by, bl
                (bt, bk), (tt, tk), forms, base, target = self.values.row(ind, row_cols)
                cells = {"indicator": ind.name, "b": bt, "t": tt, "policy": pcell}
                if year_mode == "column":
                    cells["by"], cells["ty"] = row_cols.base_label, row_cols.target_label
                if unit_col:
                    cells["unit"] = ind.unit or ("－" if unit_pos == "after_indicator" else "")
                actual = None
                if "mid" in names:
                    mid = round(base + (target - base) * rng.uniform(0.3, 0.7), ind.decimals)
                    form = (
                        "negative"
                        if "net" in ind.tags
                        else ("square_metre" if "sqm" in ind.tags else "plain")
                    )
                    cells["mid"], actual = self.values.cell(ind, "b", mid, mid_cols, "normal", form)
                departments: list[str] | None = None
                if extra:
                    if extra == "担当課":
                        departments = rng.sample(list(theme.sections), rng.choice([1, 1, 1, 2]))
                        if rng.random() < 0.08:
                            departments = []
                    cells["extra"] = {
                        "備考": rng.choice(["", "", "", "県調査", "暦年", "累計値"]),
                        "担当課": "・".join(departments or []),
                        "方向": "↓" if "down" in ind.tags else rng.choice(["↑", "↑", "→"]),
                    }[extra]
                flags: list[str] = []
                if marks != "none" and rng.random() < 0.2:
                    mark = rng.choice(["★", "【戦略KPI】", "（新）"]) if marks == "mixed" else marks
                    flags = [mark.strip("【】（）")]
                    if mark == "【戦略KPI】" and rng.random() < 0.3:
                        cells["indicator"] = ind.name + mark
                    else:
                        cells["indicator"] = mark + ind.name
                footnote = None
                if b.f("footnotes") != "none" and rng.random() < 0.12:
                    b.footnote_no += 1
                    footnote = b.footnote_no
                    marker = (
                        f"※{b.hd(footnote)}"
                        if b.f("footnotes") == "kome"
                        else f" <sup>{footnote}</sup>"
                    )
                    cells["indicator"] += marker
                    notes.append((footnote, rng.choice(FOOTNOTE_TEXTS)))
                key = {
                    "goal_no": goal_no,
                    **({"policy_no": policy_no} if kind == "kpis" else {}),
                    "indicator": ind.name,
                    "baseline": bk,
                    **({"actual": actual} if actual is not None else {}),
                    "target": tk,
                    **({"relisted": False} if kind == "kpis" else {}),
                    "footnote_no": footnote,
                    "flags": flags,
                    **({"departments": departments} if departments is not None else {}),
                }
                # a cell wrapped onto a row of its own (as Word tables copied to text print it)
                wrap = None
                if (
                    b.f("cell_wraps") == "some"
                    and footnote is None
                    and not flags
                    and rng.random() < 0.3
                ):
                    if forms[0] == "b:cell_year" and year_mode == "header" and rng.random() < 0.5:
                        value, _, year = cells["b"].partition("（")
                        cells["b"] = value
                        wrap = {"b": "（" + year}
                    elif (parts := _split_name(ind.name, rng)) is not None:
                        cells["indicator"] = parts[0]
                        wrap = {"indicator": parts[1]}
                line = b.add("\t".join(cells.get(n, "") for n in names))
                if wrap:
                    b.add("\t".join(wrap.get(n, "") for n in names))
                b.record(family, key, line)
                b.row_forms[family].append(forms)
                if kind == "kpis" and footnote is None and not wrap and not flags:
                    b.printed_kpis.append((dict(cells), key, forms))
        self.notes(notes)

    def notes(self, notes: list[tuple[int, str]]) -> None:
        b = self.b
        for n, text in notes:
            if b.f("footnotes") == "kome":
                head = f"※{b.hd(n)}　"
                if b.f("footnote_wrap") and len(text) > 24:
                    at = self.rng.randint(14, min(30, len(text) - 4))
                    line = b.add(head + text[:at])
                    b.add("　" + text[at:])
                else:
                    line = b.add(head + text)
            else:
                line = b.add(f"<sup>{n}</sup> {text}")
            b.record("footnotes", {"footnote_no": n, "text": text}, line)

    def inline(
        self, kind: str, goal_no: int, policy_no: int | None, inds: list[Ind], form: str
    ) -> None:
        """Targets or KPIs as lines: `・指標　基準（年）→目標（年）` or `① 指標:基準 → 目標`."""
        b = self.b
        (y0, l0), _, (y1, l1) = self.header_years()
        if form in ("arrow", "space"):
            cols = _Cols(False, "cell", y0, l0, y1, l1, y1 - y0)
        else:
            cols = _Cols(False, "none", None, "", None, "", y1 - y0)
        for i, ind in enumerate(inds, 1):
            (bt, bk), (tt, tk), forms, _, _ = self.values.row(ind, cols)
            if form == "arrow":
                line = b.add(f"・{ind.name}　{bt}→{tt}")
            elif form == "space":
                line = b.add(f"{ind.name} {bt}→{tt}")
            elif kind == "kpis":
                line = b.add(f"{CIRCLED[i - 1]} {ind.name}:{bt} → {tt}")
            else:
                line = b.add(f"{ind.name}:{bt} → {tt}")
            key = {
                "goal_no": goal_no,
                **({"policy_no": policy_no} if kind == "kpis" else {}),
                "indicator": ind.name,
                "baseline": bk,
                "target": tk,
                **({"relisted": False} if kind == "kpis" else {}),
                "footnote_no": None,
                "flags": [],
            }
            b.record(kind, key, line)
            b.row_forms[kind].append(forms)

    def period_line(self, goal_no: int, ind: Ind) -> None:
        """`出生数　5年間で1,900人` under the table: a target over the period, no baseline, no
        year (it is outside the table)."""
        b = self.b
        (y0, _), _, (y1, _) = self.header_years()
        _, target = self.values.amounts(ind)
        total = key_number(target * (y1 - y0), ind.decimals)
        text = number_text(total, ind.decimals, b.f("thousands") == "comma")
        q = f"{y1 - y0}年間で"
        line = b.add(f"{ind.name}　{q}{text}{ind.unit}")
        key = {
            "goal_no": goal_no,
            "indicator": ind.name,
            "baseline": _value(),
            "target": _value(total, ind.unit, q),
            "footnote_no": None,
            "flags": [],
        }
        b.record("numeric_targets", key, line)
        b.row_forms["numeric_targets"].append(["b:none", "t:period_line"])


class _Projects:
    """Project lists in the plan's form, with their key rows."""

    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.rng = b.rng

    def draw(self, theme: Theme, count: int) -> list[tuple[str, str, list[str]]]:
        """(name, summary, department sections) of `count` projects not printed yet."""
        rng, b = self.rng, self.b
        pool = [p for p in theme.projects if p[0] not in b.used_projects]
        if len(pool) < count:
            pool += [
                (p, s)
                for t in THEMES.values()
                for p, s in t.projects
                if p not in b.used_projects and (p, s) not in pool
            ]
        out = []
        for name, summary in rng.sample(pool, count):
            b.used_projects.add(name)
            n = 2 if rng.random() < 0.2 and len(theme.sections) > 1 else 1
            out.append((name, summary, rng.sample(list(theme.sections), n)))
        return out

    def departments(self, sections: list[str], abbreviated: bool) -> list[str]:
        if abbreviated:
            abbrs = [_DEPT_BY_SECTION[s][2] for s in sections]
            self.b.abbrs.update(abbrs)
            return abbrs
        return list(sections)

    def relisted_mark(self, name: str, where: str = "table") -> str:
        mark = self.b.f("relisting")
        if mark == "【再掲】":
            return f"【再掲】{name}"
        if mark == "column":
            return name
        return f"{name}{mark}"

    def listing(
        self, goal_no: int, policy_no: int, theme: Theme, count: int, caption: bool
    ) -> None:
        b, rng = self.b, self.rng
        form = b.f("project_form")
        items: list[tuple[str, str, list[str], bool]] = [
            (n, s, d, False) for n, s, d in self.draw(theme, count)
        ]
        if b.f("relisting") != "none" and b.printed_projects and rng.random() < 0.3:
            name, summary, sections = rng.choice(b.printed_projects)
            if name not in [i[0] for i in items]:
                items.append((name, summary, sections, True))
        word = b.f("project_caption")
        if form == "bullets":
            b.add(b.caption(word or "主な事業", 4))
            self.bullets(goal_no, policy_no, items)
        else:
            if caption and word:
                b.add(b.caption(word, 4))
            self.table(goal_no, policy_no, theme, items)
        for name, summary, sections, relisted in items:
            if not relisted:
                b.printed_projects.append((name, summary, sections))

    def bullets(
        self, goal_no: int, policy_no: int, items: list[tuple[str, str, list[str], bool]]
    ) -> None:
        b, rng = self.b, self.rng
        mark, dept_form = b.f("list_mark") or b.f("bullet"), b.f("bullet_dept")
        join = b.f("dept_join")
        for k, (name, summary, sections, relisted) in enumerate(items):
            if b.f("list_mark") == "①":
                mark = CIRCLED[k]
            depts = list(sections) if dept_form != "none" and rng.random() > 0.12 else []
            relist = b.f("relisting") if relisted else "none"
            if dept_form == "line":
                # `◆ 事業名` then indented lines: a description, `　担当課：…` (chapter_goals_projects)
                depts = list(sections) if relisted or rng.random() > 0.1 else []
                mark_after = {"none": "", "column": "【再掲】"}.get(relist, relist)
                space = " " if mark in "◆●" else ""
                line = b.add(f"{mark}{space}{name}{mark_after}")
                if b.f("bullet_description"):
                    b.add(f"　{summary}を行います。")
                if depts:
                    b.add(f"　担当課：{join.join(depts)}")
                self.record(goal_no, policy_no, name, depts, relisted, line)
                continue
            dept = ""
            if depts:
                dept = (
                    f"（{join.join(depts)}）" if dept_form == "（）" else f"【{join.join(depts)}】"
                )
            if relist == "【再掲】" or relist == "column":
                text = f"【再掲】{name}{dept}"
            elif relist == "none":
                text = f"{name}{dept}"
            else:
                text = f"{name}{relist}{dept}"
            line = b.add(f"{mark}{text}")
            self.record(goal_no, policy_no, name, depts, relisted, line)

    def record(
        self, goal_no: int, policy_no: int, name: str, depts: list[str], relisted: bool, line: int
    ) -> None:
        self.b.record(
            "projects",
            {
                "goal_no": goal_no,
                "policy_no": policy_no,
                "name": name,
                "departments": depts,
                "relisted": relisted,
            },
            line,
        )

    def table(
        self,
        goal_no: int,
        policy_no: int,
        theme: Theme,
        items: list[tuple[str, str, list[str], bool]],
    ) -> None:
        b, rng = self.b, self.rng
        form = b.f("project_form")
        flag = b.f("flag_column") if form in ("field_abbr", "table_abbr") else ""
        relist_col = b.f("relisting") == "column"
        abbreviated = form in ("field_abbr", "table_abbr")
        if form == "field_abbr":
            header = list(b.f("field_header"))
        elif form == "table_abbr":
            header = ["事業名", "所管課"]
        elif form == "table_summary":
            header = ["事業名", b.f("summary_word"), b.f("dept_word")]
        elif form == "table_no_cost":
            header = ["No.", "事業名", "事業費（千円）", b.f("dept_word")]
        else:
            header = ["事業名", b.f("dept_word")]
        if flag:
            header.append(flag)
        if relist_col:
            header.append("再掲")
        width = len(header)
        b.add("\t".join(header))
        fields: list[str] = []
        if form == "field_abbr":
            groups = rng.sample(list(theme.fields), min(len(theme.fields), rng.choice([1, 1, 2])))
            fields = sorted((rng.choice(groups) for _ in items), key=groups.index)
        join = "・" if abbreviated else b.f("dept_join")
        last_field = None
        broken = False
        for i, (name, summary, sections, relisted) in enumerate(items):
            depts = self.departments(sections, abbreviated)
            wrap: list[str] | None = None
            shown = self.relisted_mark(name) if relisted else name
            if form == "field_abbr":
                field_cell = fields[i] if fields[i] != last_field else ""
                last_field = fields[i]
                mark = b.f("relisting")
                if relisted and mark == "※再掲" or relisted and mark == "column":
                    name_cell = f"{name}【{join.join(depts)}】※再掲"
                else:
                    name_cell = f"{shown}【{join.join(depts)}】"
                cells = [field_cell, name_cell]
            elif form == "table_abbr":
                cells = [shown, join.join(depts)]
            elif form == "table_no_cost":
                if not relisted and rng.random() < 0.06:
                    depts = []  # an empty 担当課 cell
                cost = "－" if relisted else f"{rng.randint(5, 1200) * 100:,}"
                cells = [str(i + 1), shown, cost, join.join(depts)]
            elif form == "table_summary":
                cells = [shown, summary, join.join(depts)]
                if b.f("cell_wraps") == "some" and not relisted and rng.random() < 0.25:
                    if name.endswith("事業") and len(name) >= 10 and rng.random() < 0.5:
                        cells[0] = name[:-2]
                        wrap = ["事業", "", ""]
                    elif len(summary) >= 16:
                        at = rng.randint(8, len(summary) - 6)
                        cells[1] = summary[:at]
                        wrap = ["", summary[at:], ""]
            else:
                cells = [shown, join.join(depts)]
                if (
                    b.f("cell_wraps") == "some"
                    and not relisted
                    and name.endswith("事業")
                    and len(name) >= 10
                    and rng.random() < 0.25
                ):
                    cells[0] = name[:-2]
                    wrap = ["事業", ""]
            if flag:
                cells.append(
                    rng.choice(["○", "", ""]) if flag == "DX関連" else rng.choice(["●", ""])
                )
            if relist_col:
                cells.append("○" if relisted else "")
            if (
                b.f("table_break")
                and b.f("page_numbers") != "none"
                and not broken
                and i == len(items) - 2
                and i > 0
            ):
                broken = True
                self.b.page += 1
                b.add(page_number(b))
                b.add("\t".join(header))
            line = b.add("\t".join(cells))
            if wrap:
                b.add("\t".join(wrap + [""] * (width - len(wrap))))
            self.record(goal_no, policy_no, name, depts, relisted, line)


def page_number(b: _Builder) -> str:
    style = b.f("page_numbers")
    if style == "- 15 -":
        return f"- {b.page} -"
    return f"－　{full(str(b.page))}　－"


# --- assembling a plan ---------------------------------------------------------------------------


def _localize(text: str, kind: str) -> str:
    if kind == "市":
        return text
    for a in ("市民", "市内", "市外", "市長"):
        text = text.replace(a, kind + a[1])
    return text.replace("本市", "本" + kind)


def _content(b: _Builder, kind: str) -> list[_Goal]:
    rng = b.rng
    themes = rng.sample(list(THEMES), b.f("goal_count"))
    goals = []
    lo, hi = b.f("policies_per_goal")
    klo, khi = b.f("kpis_per_policy")
    tlo, thi = b.f("targets_per_goal")
    plo, phi = b.f("projects_per_policy")

    def usable(ind: Ind) -> bool:
        return ind.name not in b.used_indicators and ("uncertain" not in ind.tags or b.uncertain)

    def take(pool: list[Ind], n: int) -> list[Ind]:
        chosen = rng.sample(pool, min(n, len(pool)))
        for ind in chosen:
            b.used_indicators.add(ind.name)
        return [dataclasses.replace(ind, name=_localize(ind.name, kind)) for ind in chosen]

    offset = 2 if b.f("frame") == "chapters" else 0
    for g, name in enumerate(themes, 1 + offset):
        theme = THEMES[name]
        policies = []
        titles = rng.sample(list(theme.policies), min(rng.randint(lo, hi), len(theme.policies)))
        for p, title in enumerate(titles, 1):
            pool = [i for i in theme.indicators if usable(i)]
            if len(pool) < klo:
                pool += [
                    i for t in THEMES.values() for i in t.indicators if usable(i) and i not in pool
                ]
            inds = take(pool, rng.randint(klo, khi))
            policies.append(_Policy(p, title, inds, rng.randint(plo, phi)))
        targets = take([i for i in theme.targets if usable(i)], rng.randint(tlo, thi))
        goals.append(
            _Goal(g, _localize(rng.choice(theme.goal_titles), kind), theme, targets, policies)
        )
    return goals


def _sections(b: _Builder) -> list[str]:
    """How the frame numbers its own sections: never like the goals or policies."""
    g, p = b.f("goal_numbering"), b.f("policy_numbering")
    styles = ["num_space", "paren", "square"]
    if g == "num_space":
        styles.remove("num_space")
    if g in ("paren", "paren_label") or p == "paren":
        styles.remove("paren")
    style = b.rng.choice(styles)
    half = b.f("heading_digits") == "half"

    def one(n: int) -> str:
        if style == "num_space":
            return f"{b.hd(n)}　" if not half else f"{n} "
        if style == "paren":
            return f"（{b.hd(n)}）" if not half else f"({n}) "
        return "■ "

    return [one(n) for n in (1, 2, 3, 4, 5)]


def _intro(b: _Builder, goals: list[_Goal], town: str, kind: str) -> list[str]:
    """The part before the goals: returns the closing chapter's heading lines."""
    rng = b.rng
    label = b.f("goal_label") if b.f("goal_label") not in ("", "章") else "基本目標"
    frame = b.f("frame")
    n = len(goals)
    chapter = rng.randint(2, 5)
    sec = _sections(b)
    prose = [
        _localize(t.format(m=kind, n=b.hd(n), label=label), kind)
        for t in rng.sample(INTRO_PROSE, 3)
    ]
    policy_word = b.f("policy_label") or rng.choice(["施策", "具体的な施策", "取組方針"])
    if frame == "chapter":
        b.add(b.markup(f"第{b.hd(chapter)}章　{label}と具体的な施策", 1))
        b.blank()
        b.add(b.markup(f"{sec[0]}{label}の設定", 2))
        for t in prose:
            b.add("　" + t)
        quote(b, label)
        b.blank()
        if b.f("overview_table"):
            b.add(b.markup(f"{sec[1]}施策の体系", 2))
            overview(b, goals, label, policy_word)
            b.blank()
        b.add(b.markup(f"{sec[2]}{label}ごとの具体的な施策", 2))
        b.blank()
        return [
            b.markup(f"第{b.hd(chapter + 1)}章　総合戦略の推進", 1),
            f"{sec[0]}推進体制",
            f"{sec[1]}効果検証",
        ]
    if frame == "part":
        b.add(b.markup(f"第{b.hd(rng.randint(2, 4))}部　後期基本計画", 1))
        b.blank()
        b.add(b.markup("計画の構成", 2))
        for t in prose:
            b.add("　" + t)
        quote(b, label)
        if b.f("overview_table"):
            b.blank()
            b.add(b.markup("施策の体系", 2))
            overview(b, goals, "章" if b.f("goal_label") == "章" else label, policy_word)
        b.blank()
        return [b.markup("計画の推進に向けて", 1), "推進体制", "効果検証"]
    if frame == "chapters":
        b.add(b.markup(f"{town}総合戦略", 1))
        b.blank()
        b.add(b.markup(f"第{b.hd(1)}章　総合戦略の基本的な考え方", 1))
        b.add(b.markup(f"{sec[0]}策定の趣旨", 2))
        b.add("　" + prose[0])
        b.add(b.markup(f"{sec[1]}計画期間", 2))
        b.add("　" + prose[1])
        quote(b, label)
        b.blank()
        b.add(b.markup(f"第{b.hd(2)}章　重点戦略", 1))
        b.add("　" + prose[2])
        if b.f("overview_table"):
            overview(b, goals, "重点戦略", policy_word)
        b.blank()
        last = goals[-1].no + 1
        return [
            b.markup(f"第{b.hd(last)}章　計画の推進", 1),
            f"{sec[0]}推進体制",
            f"{sec[1]}効果検証",
        ]
    # title
    b.add(b.markup(f"{town}まち・ひと・しごと創生総合戦略", 1))
    b.blank()
    b.add(b.markup(f"第{b.hd(1)}章 総合戦略の基本的な考え方", 1))
    for t in prose:
        b.add(t)
    quote(b, label)
    b.blank()
    b.add(b.markup(f"第{b.hd(2)}章 {label}と具体的な施策", 1))
    if b.f("overview_table"):
        overview(b, goals, label, policy_word)
    b.blank()
    return [b.markup(f"第{b.hd(3)}章 計画の推進", 1), f"{sec[0]}推進体制", f"{sec[1]}効果検証"]


def quote(b: _Builder, label: str) -> None:
    """The 総合計画's goals quoted in the introduction, indented (not this plan's goals)."""
    if not b.f("intro_quote"):
        return
    b.add(f"　なお、最上位計画である総合計画では、次の{label}を掲げています。")
    for n, title in enumerate(b.rng.sample(GOAL_QUOTES, 5), 1):
        b.add(f"　　{label}{b.hd(n)}　{title}")


def overview(b: _Builder, goals: list[_Goal], label: str, policy_word: str) -> None:
    b.add(f"{label}\t{policy_word}")
    for goal in goals:
        for i, p in enumerate(goal.policies):
            first = goal_heading(b, goal) if i == 0 else ""
            b.add(f"{first}\t{policy_heading(b, goal.no, p)}")


def _goal(b: _Builder, goal: _Goal, tables: _Tables, projects: _Projects, first: bool) -> None:
    rng = b.rng
    if not first and b.f("page_numbers") != "none":
        b.page += rng.randint(1, 3)
        b.add(page_number(b))
        b.blank()
    heading = goal_heading(b, goal)
    core, sep = goal_prefix(b, goal.no)
    if b.f("heading_markup") == "bold":
        heading = f"<b>{core}</b>{sep or ' '}{goal.title}"
    wrapped = None
    if b.f("goal_title_wrap") and b.f("heading_markup") == "none" and "、" in goal.title[4:-3]:
        at = goal.title.index("、", 4) + 1
        heading, wrapped = f"{core}{sep}{goal.title[:at]}", goal.title[at:]
    if b.f("label_alone") and b.f("heading_markup") == "none" and b.f("goal_label"):
        heading, wrapped = core, goal.title  # the title on the next line
    line = b.add(b.markup(heading, 2))
    if wrapped:
        b.add(wrapped)
    b.record("goals", {"goal_no": goal.no, "title": goal.title}, line)

    numbered = b.f("caption_style") == "numbered"
    n = 0

    def cap(word: str) -> None:
        nonlocal n
        n += 1
        b.add(b.caption(word, 3, n if numbered else None))

    def targets() -> None:
        form = b.f("targets_form")
        if form == "none" or not goal.targets:
            return
        if form == "inline_colon":
            tables.inline("numeric_targets", goal.no, None, goal.targets, "colon")
            return
        cap("数値目標")
        if form == "inline_arrow":
            tables.inline("numeric_targets", goal.no, None, goal.targets, "arrow")
        elif form == "inline_space":
            tables.inline("numeric_targets", goal.no, None, goal.targets, "space")
        else:
            tables.table("numeric_targets", goal.no, [(None, goal.targets)], goal.theme)
            if b.f("target_period_line"):
                births = [i for i in PERIOD_TARGETS if i.name not in b.used_indicators]
                if births:
                    b.used_indicators.add(births[0].name)
                    tables.period_line(goal.no, births[0])

    def direction() -> None:
        word = b.f("direction")
        text = rng.choice(DIRECTION_PROSE).format(t=goal.title)
        if word:
            cap(word)
        b.add("　" + _localize(text, "市"))

    order = (
        [targets, direction] if b.f("goal_block_order") == "targets_first" else [direction, targets]
    )
    for block in order:
        block()

    if b.f("structure") == "per_goal":
        _per_goal(b, goal, tables, projects, cap)
        b.blank()
        return
    word = b.f("policies_caption") or ("具体的な施策" if numbered else "")
    if word:
        cap(word)
    for p in goal.policies:
        b.blank()
        line = b.add(b.markup(policy_heading(b, goal.no, p), 3))
        b.record("policies", policy_key(b, goal.no, p), line)
        _policy_prose(b, p)
        blocks = [
            lambda p=p: _kpis(b, goal, p, tables),
            lambda p=p: projects.listing(goal.no, p.no, goal.theme, p.projects, True),
        ]
        # an inline ①② KPI list comes first, as plans print it (never right under a table)
        if b.f("kpi_form") == "table" and b.f("policy_block_order") == "projects_first":
            blocks.reverse()
        for block in blocks:
            block()
    b.blank()


def _policy_prose(b: _Builder, p: _Policy) -> None:
    form = b.f("policy_prose")
    if form == "none":
        return
    text = "　" + b.rng.choice(POLICY_PROSE).format(p=p.title)
    if form == "captioned":
        b.add(b.caption("現状と課題", 4))
    b.add(text)


def _kpis(b: _Builder, goal: _Goal, p: _Policy, tables: _Tables) -> None:
    if not p.inds:
        return
    if b.f("kpi_form") == "inline_list":
        tables.inline("kpis", goal.no, p.no, p.inds, "colon")
        return
    word = b.f("kpi_caption")
    if not word and b.f("policy_block_order") == "projects_first":
        word = "重要業績評価指標（KPI）"  # a table right under a project list has its caption
    if word:
        b.add(b.caption(word, 4))
    tables.table("kpis", goal.no, [(p.no, p.inds)], goal.theme)


def _per_goal(
    b: _Builder, goal: _Goal, tables: _Tables, projects: _Projects, cap: Callable[[str], None]
) -> None:
    """The policies listed, one KPI table with a policy column, one project list by policy."""
    rng = b.rng
    cap(b.f("policy_label"))
    for p in goal.policies:
        line = b.add(policy_heading(b, goal.no, p))
        b.record("policies", policy_key(b, goal.no, p), line)
        if b.f("policy_actions"):
            names = rng.sample([n for n, _ in goal.theme.projects], 2)
            b.add(f"・{p.title}に向けた取組（{names[0]}、{names[1]}等）")
    groups = [(p.no, p.inds) for p in goal.policies if p.inds]
    if groups:
        cap(b.f("kpi_caption") or "重要業績評価指標（KPI）")
        tables.table("kpis", goal.no, groups, goal.theme, policy_col=True)
    cap(b.f("project_caption") or "事務事業一覧")
    for p in goal.policies:
        b.add(policy_heading(b, goal.no, p))
        projects.listing(goal.no, p.no, goal.theme, p.projects, False)


def _abbreviation_table(b: _Builder) -> list[dict[str, str]]:
    rng = b.rng
    used = [d for d in DEPARTMENTS if d[2] in b.abbrs]
    extra = rng.sample([d for d in DEPARTMENTS if d not in used], rng.randint(0, 3))
    entries = [d for d in DEPARTMENTS if d in used or d in extra]
    words = b.f("abbreviation_words")
    b.blank()
    b.add(b.f("abbreviation_caption"))
    layout = b.f("abbreviation_layout")
    if layout == "three_groups":
        per = -(-len(entries) // 3)
        groups = [entries[i * per : (i + 1) * per] for i in range(3)]
        b.add("\t".join(list(words) * 3))
        for r in range(per):
            cells: list[str] = []
            for group in groups:
                if r < len(group):
                    bureau, section, abbr = group[r]
                    same = r > 0 and group[r - 1][0] == bureau
                    cells += [abbr, "" if same else bureau, section]
            b.add("\t".join(cells))
    else:
        b.add("\t".join(words))
        last = None
        for bureau, section, abbr in entries:
            shown = bureau if layout == "one_group_every_row" or bureau != last else ""
            last = bureau
            b.add(f"{abbr}\t{shown}\t{section}")
    return [{"abbr": a, "bureau": bu, "section": s} for bu, s, a in entries]


def _closing(b: _Builder, heads: list[str], kind: str) -> None:
    rng = b.rng
    b.blank()
    b.add(heads[0])
    b.add(heads[1])
    b.add("　" + _localize(CLOSING_PROSE[0].format(m=kind), kind))
    b.add(heads[2])
    b.add("　" + CLOSING_PROSE[1])
    form = b.f("closing")
    if form == "pdca_table":
        b.add("段階\t内容\t時期")
        b.add("Ｐｌａｎ（計画）\t総合戦略の策定・改訂\t随時")
        b.add("Ｄｏ（実行）\t総合戦略に基づく事業の実施\t通年")
        b.add("Ｃｈｅｃｋ（評価）\t数値目標・ＫＰＩの達成状況の検証\t毎年度８月")
        b.add("Ａｃｔｉｏｎ（改善）\t検証結果を踏まえた事業の見直し\t毎年度１０月")
    elif form == "pdca_list":
        marks = rng.choice([CIRCLED, KATA])
        for i, text in enumerate(
            [
                "計画（Plan）　総合戦略を策定し、数値目標及びＫＰＩを設定します。",
                "実行（Do）　総合戦略に基づき施策を実施します。",
                "評価（Check）　数値目標及びＫＰＩの達成状況を検証します。",
                "改善（Action）　検証結果を踏まえて施策や戦略を見直します。",
            ]
        ):
            b.add(f"　{marks[i]}　{text}")
    else:
        b.add("　" + CLOSING_PROSE[2])


def generate(seed: int, uncertain: bool = False) -> GeneratedPlan:
    """The plan of `seed`: the same seed gives the same plan. `uncertain` lets choices and value
    forms whose expected parse is a judgment be drawn."""
    forms, unsure = choose_forms(random.Random(seed), uncertain, seed=seed)
    rng = random.Random(f"{seed}:plan:{uncertain}")
    b = _Builder(rng, forms, uncertain)
    kind = b.f("municipality_kind")
    town = rng.choice(MUNICIPALITIES) + kind
    goals = _content(b, kind)
    closing = _intro(b, goals, town, kind)
    tables, projects = _Tables(b), _Projects(b)
    for i, goal in enumerate(goals):
        _goal(b, goal, tables, projects, i == 0)
    departments: list[dict[str, str]] = []
    if forms["abbreviation_table"]:
        b.used.add("abbreviation_table")
        departments = _abbreviation_table(b)
    _closing(b, closing, kind)
    while b.lines and b.lines[-1] == "":
        b.lines.pop()
    key: dict[str, Any] = {f: b.key[f] for f in FAMILIES}
    key["counts"] = {f: len(b.key[f]) for f in FAMILIES}
    used = {k: v for k, v in forms.items() if k in b.used}
    used = {k: (list(v) if isinstance(v, tuple) else v) for k, v in used.items()}
    return GeneratedPlan(
        seed=seed,
        text="\n".join(b.lines) + "\n",
        key=key,
        forms=used,
        uncertain_forms=[u for u in unsure if u in b.used],
        departments=departments,
        row_forms=b.row_forms,
        key_lines=b.key_lines,
        meta={
            "municipality_code": f"99{seed % 10000:04d}",
            "prefecture": "架空県",
            "municipality": town,
            "title": f"{town}総合戦略（生成された架空の計画, seed {seed}）",
            "source": f"tests/generator.py generate({seed}{', uncertain=True' if uncertain else ''})",
        },
    )


# --- renderings ----------------------------------------------------------------------------------

# Producers with randomized page settings (the rest of tests/producers.PRODUCERS print with their
# fixed layout, and `writer_baseline` is render_pdf's flat ODT).
RANDOM_PRODUCERS = ("writer", "calc", "chromium", "reportlab")
RENDER_FORMS = ("text", "spaced", *RANDOM_PRODUCERS)


@dataclass
class Rendering:
    form: str  # text · spaced · a producer name
    path: Path  # what the pipeline reads (plan.txt, spaced.txt or the PDF)
    settings: dict[str, Any]  # the producer's page settings, as drawn
    seconds: float  # time to render
    pdf: Path | None = None  # the PDF (also for spaced: the PDF pdftotext laid out)

    def describe(self) -> str:
        items = ", ".join(f"{k}={v!r}" for k, v in self.settings.items())
        return f"{self.form}({items})"


def _fonts(candidates: tuple[str, ...]) -> list[str]:
    from .producers import font_installed

    return [f for f in candidates if font_installed(f)] or [candidates[0]]


# Table and page settings of the sixth round (issue 20), drawn after every earlier draw from the
# same stream so that a seed's earlier settings stay as they were; `extra=False` leaves them at
# their defaults (the printings of the rounds before, to compare).
RULES = ("grid", "grid", "horizontal", "vertical")
HEADERS = ("plain", "plain", "center", "shaded")
VALIGNS = ("top", "top", "middle")


def _table_settings(rng: random.Random) -> dict[str, Any]:
    return {
        "rules": rng.choice(RULES),
        "header": rng.choice(HEADERS),
        "valign": rng.choice(VALIGNS),
        "distribute": rng.random() < 0.3,
    }


# Paper and type settings of the eighth round (issue 20): paper sizes A3, JIS B5 and Letter, a
# print scale, line spacing 1.5 (of the body, or of the table cells too) and table text in 8 pt
# beside a 10.5–12 pt body. Drawn after every earlier draw of the same stream, every one for
# every producer (each applies those its printing has), so that a seed's earlier settings stay as
# they were; `paper=False` (and `extra=False`) leaves them at their defaults.
PAPERS = {"A3": (29.7, 42.0), "B5": (18.2, 25.7), "Letter": (21.59, 27.94)}


def _paper_settings(rng: random.Random) -> dict[str, Any]:
    return {
        "paper": rng.choice(("", "", "A3", "B5", "Letter")),  # "": the paper drawn before
        "zoom": rng.choice((1.0, 1.0, 0.8, 1.25)),
        "spacing": rng.choice(("single", "single", "1.5", "1.5 cells")),
        "small_cells": rng.random() < 0.3,
        "body_pt": rng.choice((10.5, 11.0, 12.0)),  # with small_cells
    }


def _paper_size(paper: str, width: float, height: float) -> tuple[float, float]:
    """`paper`'s width and height (cm) in the orientation of `width` × `height`."""
    if paper not in PAPERS:
        return width, height
    short, long = PAPERS[paper]
    return (long, short) if width > height else (short, long)


def _writer_paper(lay: Any, p: dict[str, Any]) -> Any:
    width, height = _paper_size(p["paper"], lay.page_width, lay.page_height)
    changes: dict[str, Any] = {
        "page_width": width,
        "page_height": height,
        "paper": p["paper"] or "A4",
        "spacing": p["spacing"],
        "small_cells": p["small_cells"],
    }
    if lay.table_width is not None:  # the same share of the new measure
        old = lay.page_width - 2 * lay.margin_side
        changes["table_width"] = round(lay.table_width * (width - 2 * lay.margin_side) / old, 1)
    if p["spacing"] != "single":
        changes["body_line_height"] = "150%"
    if p["spacing"] == "1.5 cells":
        changes["cell_line_height"] = "150%"
    if p["small_cells"]:
        changes["body_pt"] = p["body_pt"]
        changes["cell_pt"] = 8.0
    return dataclasses.replace(lay, **changes)


def random_writer_layout(rng: random.Random, extra: bool = True, paper: bool = True) -> Any:
    """A WriterLayout drawn at random: orientation, margins, fonts and sizes, column widths (so
    that some cells wrap), ruled or borderless, one or two columns, rows split across pages;
    `extra`: tables ruled one way only, header rows centred or shaded, cells centred vertically,
    short cells set 均等割り付け, the running header and page number ruled off."""
    from .producers import WriterLayout

    landscape = rng.random() < 0.3
    columns = 2 if not landscape and rng.random() < 0.2 else 1
    side = round(rng.uniform(1.2, 3.0), 1)
    width = (29.7 if landscape else 21.0) - 2 * side
    table_width = None
    if columns == 1 and rng.random() < 0.35:
        table_width = round(width * rng.uniform(0.55, 0.95), 1)
    lay = WriterLayout(
        page_width=29.7 if landscape else 21.0,
        page_height=21.0 if landscape else 29.7,
        margin_top=round(rng.uniform(1.0, 2.5), 1),
        margin_bottom=round(rng.uniform(1.0, 2.5), 1),
        margin_side=side,
        font=rng.choice(
            _fonts(("IPAexMincho", "IPAexGothic", "Noto Serif CJK JP", "Noto Sans CJK JP"))
        ),
        body_pt=rng.choice([9.0, 9.5, 10.0, 10.5, 11.0]),
        body_line_height=rng.choice([None, None, "115%", "125%", "150%"]),
        cell_pt=rng.choice([7.5, 8.0, 8.5, 9.0, 9.5, 10.0]),
        table_width=table_width,
        even_columns=rng.choice([0.0, 0.0, 0.3, 0.6, 0.9]),
        borders=rng.random() < 0.7,
        repeat_header=rng.random() < 0.5,
        split_rows=rng.random() < 0.5,
        columns=columns,
        footnote_pt=rng.choice([7.0, 7.5, 8.0, 9.0]),
        footnote_line_height=rng.choice([None, None, "125%", "150%"]),
        footnote_number_super=rng.random() < 0.4,
        running_header=rng.choice(
            ["第3期 総合戦略", "総合戦略", "第２期まち・ひと・しごと創生総合戦略"]
        ),
    )
    if not extra:
        return lay
    lay = dataclasses.replace(lay, **_table_settings(rng), header_rule=rng.random() < 0.3)
    return _writer_paper(lay, _paper_settings(rng)) if paper else lay


# CSS page sizes of the eighth round's papers (JIS B5, not CSS's ISO `B5`)
CSS_PAPERS = {"A3": "A3", "B5": "JIS-B5", "Letter": "letter"}


def random_html_layout(rng: random.Random, extra: bool = True, paper: bool = True) -> Any:
    from .producers import HtmlLayout

    lay = HtmlLayout(
        page=rng.choice(["A4", "A4", "A4 landscape", "B5"]),
        margin=f"{rng.randint(10, 25)}mm {rng.randint(12, 28)}mm",
        font=rng.choice(
            _fonts(("Noto Serif CJK JP", "Noto Sans CJK JP", "IPAexMincho", "IPAexGothic"))
        ),
        body_pt=rng.choice([9.0, 10.0, 10.5, 11.0]),
        line_height=rng.choice([1.4, 1.6, 1.8]),
        cell_pt=rng.choice([7.5, 8.0, 9.0, 10.0]),
        cell_line_height=rng.choice([1.2, 1.35, 1.5]),
        borders=rng.random() < 0.7,
        even_columns=rng.choice([0.0, 0.0, 0.4, 0.8]),
        table_width=rng.choice(["100%", "100%", "85%", "70%"]),
        columns=2 if rng.random() < 0.15 else 1,
        keep_rows=rng.random() < 0.4,
    )
    if not extra:
        return lay
    lay = dataclasses.replace(
        lay,
        **_table_settings(rng),
        letter_spacing=rng.choice(["normal", "normal", "0.05em", "0.1em"]),
    )
    if not paper:
        return lay
    p = _paper_settings(rng)
    changes: dict[str, Any] = {
        "zoom": p["zoom"],
        "spacing": p["spacing"],
        "small_cells": p["small_cells"],
    }
    if p["paper"]:
        landscape = lay.page.endswith("landscape")
        changes["page"] = CSS_PAPERS[p["paper"]] + (" landscape" if landscape else "")
        changes["paper"] = p["paper"]
    # 1.5 lines: half as much again as the font's single line (about 1.35 em)
    if p["spacing"] != "single":
        changes["line_height"] = 2.0
    if p["spacing"] == "1.5 cells":
        changes["cell_line_height"] = 2.0
    if p["small_cells"]:
        changes["body_pt"] = p["body_pt"]
        changes["cell_pt"] = 8.0
    return dataclasses.replace(lay, **changes)


def random_calc_layout(rng: random.Random, paper: bool = True) -> Any:
    """A CalcLayout drawn at random; `paper`: the eighth round's paper and print scale (a sheet
    has no body text, so no line spacing or type sizes of its own)."""
    from .producers import CalcLayout

    landscape = rng.random() < 0.3
    lay = CalcLayout(
        page_width=29.7 if landscape else 21,
        page_height=21 if landscape else 29.7,
        margin_top=round(rng.uniform(1.0, 2.5), 1),
        margin_bottom=round(rng.uniform(1.0, 2.5), 1),
        margin_side=round(rng.uniform(1.2, 2.8), 1),
        font=rng.choice(_fonts(("IPAexGothic", "IPAexMincho", "Noto Sans CJK JP"))),
        cell_pt=rng.choice([8, 8.5, 9, 10]),
        borders=rng.random() < 0.8,
        scale=rng.choice([100, 100, 90, 80]),
    )
    if not paper:
        return lay
    p = _paper_settings(rng)
    width, height = _paper_size(p["paper"], lay.page_width, lay.page_height)
    scale = round(100 * p["zoom"]) if p["zoom"] != 1.0 else lay.scale
    return dataclasses.replace(
        lay, page_width=width, page_height=height, paper=p["paper"] or "A4", scale=scale
    )


def random_reportlab_layout(rng: random.Random, extra: bool = True, paper: bool = True) -> Any:
    from .render_pdf import ReportlabLayout

    body = rng.choice([9.0, 10.0, 11.0])
    cell = rng.choice([7.5, 8.5, 9.5])
    lay = ReportlabLayout(
        landscape=rng.random() < 0.3,
        font=rng.choice(["HeiseiKakuGo-W5", "HeiseiMin-W3"]),
        body_pt=body,
        body_leading=round(body * rng.uniform(1.3, 1.6), 1),
        cell_pt=cell,
        cell_leading=round(cell * rng.uniform(1.2, 1.45), 1),
        table_frac=rng.choice([0.8, 0.8, 0.7, 0.9]),
        even_columns=rng.choice([0.0, 0.0, 0.4, 0.8]),
        grid=rng.random() < 0.7,
        margin=rng.choice([None, 36.0, 54.0, 90.0]),
        split_rows=rng.random() < 0.4,
    )
    if not extra:
        return lay
    table = _table_settings(rng)
    del table["distribute"]  # reportlab's Paragraph cannot justify a line that is its last
    lay = dataclasses.replace(lay, **table)
    if not paper:
        return lay
    p = _paper_settings(rng)
    changes: dict[str, Any] = {
        "paper": p["paper"] or "A4",
        "spacing": p["spacing"],
        "small_cells": p["small_cells"],
    }
    if p["small_cells"]:
        changes["body_pt"] = p["body_pt"]
        changes["body_leading"] = round(p["body_pt"] * lay.body_leading / lay.body_pt, 1)
        changes["cell_pt"] = 8.0
        changes["cell_leading"] = round(8.0 * lay.cell_leading / lay.cell_pt, 1)
    # 1.5 lines: half as much again as reportlab's single line (1.2 × the size)
    if p["spacing"] != "single":
        changes["body_leading"] = round(1.8 * changes.get("body_pt", lay.body_pt), 1)
    if p["spacing"] == "1.5 cells":
        changes["cell_leading"] = round(1.8 * changes.get("cell_pt", lay.cell_pt), 1)
    return dataclasses.replace(lay, **changes)


def _settings(layout: Any) -> dict[str, Any]:
    return dataclasses.asdict(layout) if dataclasses.is_dataclass(layout) else {}


def pdftotext_layout(pdf: Path, out: Path) -> Path:
    """`pdftotext -layout`: the text laid out with spaces, form feeds between pages."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise RuntimeError("pdftotext is not installed (poppler-utils)")
    subprocess.run([exe, "-layout", "-enc", "UTF-8", str(pdf), str(out)], check=True, timeout=300)
    return out


def render(
    plan: GeneratedPlan,
    form: str,
    out_dir: Path,
    rng: random.Random,
    extra: bool = True,
    paper: bool | None = None,
) -> Rendering:
    """Print `plan` as `form` into `out_dir`: "text" (the tab text), "spaced" (pdftotext
    -layout of a Writer PDF with random page settings), a producer with random page settings
    (writer, calc, chromium, reportlab), `writer_baseline` (render_pdf's flat ODT) or any other
    producer of tests/producers.PRODUCERS with its fixed layout. `rng` draws the settings;
    `extra=False` leaves the sixth round's table settings at their defaults and, with
    `paper=False`, the eighth round's paper and type settings (`paper=None`: as `extra`)."""
    from . import producers as P

    paper = extra if paper is None else paper and extra

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    meta = meta_toml(plan.meta)
    if form == "text":
        path = out_dir / "plan.txt"
        path.write_text(plan.text, encoding="utf-8")
        (out_dir / "plan.meta.toml").write_text(meta, encoding="utf-8")
        return Rendering(form, path, {}, time.perf_counter() - start)
    settings: dict[str, Any]
    pdf = out_dir / f"{form}.pdf"
    pdf.unlink(missing_ok=True)
    if form in ("writer", "spaced"):
        lay = random_writer_layout(rng, extra, paper)
        settings = _settings(lay)
        P._require("writer")
        P.soffice_convert(P.text_to_layout_fodt(plan.text, lay), ".fodt", pdf)
    elif form == "calc":
        lay = random_calc_layout(rng, paper)
        settings = _settings(lay)
        P.calc_pdf(plan.text, pdf, lay)
    elif form == "chromium":
        lay = random_html_layout(rng, extra, paper)
        settings = _settings(lay)
        P.chromium_pdf(plan.text, pdf, lay=lay)
    elif form == "reportlab":
        lay = random_reportlab_layout(rng, extra, paper)
        settings = _settings(lay)
        P.reportlab_pdf(plan.text, pdf, lay)
    elif form == "writer_baseline":
        settings = {}
        P.PRODUCERS["writer"](plan.text, pdf)
    elif form in P.PRODUCERS:
        settings = {"layout": "fixed"}
        P.PRODUCERS[form](plan.text, pdf)
    else:
        raise ValueError(
            f"unknown rendering {form!r} (one of {', '.join(RENDER_FORMS)} or a producer)"
        )
    if form == "spaced":
        path = pdftotext_layout(pdf, out_dir / "spaced.txt")
        (out_dir / "spaced.meta.toml").write_text(meta, encoding="utf-8")
    else:
        path = pdf
        (out_dir / f"{form}.meta.toml").write_text(meta, encoding="utf-8")
    return Rendering(form, path, settings, time.perf_counter() - start, pdf)


def producer_available(form: str) -> str | None:
    """Why `form` cannot be rendered here (None: it can)."""
    from . import producers as P

    if form == "text":
        return None
    name = {"spaced": "writer", "writer_baseline": "writer"}.get(form, form)
    if name not in P.TOOLS:
        return f"unknown producer {form!r}"
    missing = P.missing_tools(name)
    if form == "spaced" and shutil.which("pdftotext") is None:
        missing.append("pdftotext (poppler-utils)")
    return ", ".join(missing) or None
