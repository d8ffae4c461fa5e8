"""One settings tree, typed and frozen, loaded from rules/settings.toml and checked at load.

A wrong type, a value out of range or an unknown key is refused with one sentence that names the
file, the key and what is expected, before any work is done. Command-line options override the
loaded tree by copy (`Settings.override`), through the same validation. Nothing else reads the
raw TOML.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extract.errors import RulesError

Words = tuple[str, ...]


class _Section(BaseModel):
    # strict: "two" is not an int, "x" not a float, a string is not a list of words.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class ParseSettings(_Section):
    """Words that name the parts of a plan ([parse]); a plan worded otherwise overrides them."""

    goal_words: Words = ("基本目標",)
    # Longer words first: the heading pattern tries them in this order.
    policy_words: Words = (
        "取組方針",
        "施策の方向",
        "具体的な施策",
        "具体的施策",
        "講ずべき施策",
        "主な施策",
        "重点施策",
        "施策の展開",
        "施策項目",
        "基本施策",
        "施策",
    )
    direction_words: Words = ("基本的方向", "基本的な方向")
    target_words: Words = ("数値目標",)
    kpi_words: Words = (
        "重要業績評価指標",
        "KPI",
        "成果指標",
        "施策の目標",
        "評価指標",
        "目標指標",
        "まちづくり指標",
    )
    project_words: Words = (
        "事務事業一覧",
        "主な事業",
        "事業一覧",
        "主な取組",
        "主な取り組み",
        "具体的な事業",
        "主要事業",
        "主要な事業",
        "主な事務事業",
        "事務事業",
    )
    # Words of a document's own chapters (人口ビジョン, 総合戦略, 推進体制 …): headings titled
    # with them hold goals or surround them, but are never goals themselves.
    chapter_words: Words = (
        "人口ビジョン",
        "総合戦略",
        "基本的な考え方",
        "基本的考え方",
        "推進体制",
        "計画の推進",
        "戦略の推進",
        "はじめに",
        "策定の趣旨",
        "策定にあたって",
        "計画期間",
        "参考資料",
        "資料編",
        "基本構想",
        "基本計画",
        "施策の体系",
        "計画の構成",
    )
    # Headings that close the strategy when printed after the last goal's content, numbered
    # or not (計画の推進に向けて, 推進体制): what follows them is out of scope.
    end_words: Words = (
        "計画の推進",
        "戦略の推進",
        "推進体制",
        "推進に向けて",
        "効果検証",
        "参考資料",
        "資料編",
        "用語解説",
        "用語集",
    )
    # Captions of blocks that hold prose, not records: read as prose inside a goal.
    prose_words: Words = (
        "現状と課題",
        "課題",
        "関連する個別計画",
        "関連計画",
        "期待される効果",
        "目指す姿",
        "めざす姿",
        "役割分担",
    )
    # (`所管課の略称`: the word after の as a caption prints it)
    department_words: Words = ("略称対応表", "所管課略称", "略称一覧", "の略称")
    # Column roles of indicator tables, by header words (tried in this order).
    indicator_words: Words = ("指標名", "指標", "目標項目", "項目")
    baseline_words: Words = (
        "現状値",
        "基準値",
        "実績値",
        "策定時",
        "現況値",
        "当初値",
        "初期値",
        "現状",
        "現況",
    )
    # A column of progress between baseline and target; with no other baseline it is the baseline.
    actual_words: Words = ("実績値", "実績", "中間値", "中間", "直近値")
    target_value_words: Words = ("目標値", "目標")
    unit_words: Words = ("単位",)
    # Columns kept apart so that their cells are never read as values.
    trend_words: Words = ("方向", "傾向")
    remark_words: Words = ("備考", "出典", "関連SDGs", "SDGs", "根拠", "算出方法")
    field_words: Words = ("政策分野", "分野")
    project_name_words: Words = ("事務事業", "事業名", "事業")
    department_column_words: Words = ("所管課", "担当課", "所管", "担当部署", "担当")
    # Columns of a project table that describe the project (not a flag column).
    summary_words: Words = ("事業概要", "概要", "事業内容", "内容", "説明", "取組内容")
    abbr_words: Words = ("略称",)
    bureau_words: Words = ("部局", "部")
    section_words: Words = ("課名", "所属", "課")
    bureau_suffixes: Words = ("部", "局", "委員会", "事務局", "会計管理者")
    section_suffixes: Words = ("課", "室", "センター", "所", "館", "係", "担当")
    # Label words plans give their goals or policies (besides goal_words and policy_words): a
    # series of headings so labelled that was read as neither is reported (parse.level_unread).
    level_words: Words = (
        "基本戦略",
        "基本方針",
        "政策目標",
        "政策",
        "分野別目標",
        "重点戦略",
        "重点目標",
        "戦略目標",
        "戦略",
        "柱",
        "重点プロジェクト",
        "プロジェクト",
    )
    # The profile, when the inferred one is wrong: the goals' or policies' level named by its
    # label word (基本戦略), or by the scheme metadata.json prints ("n-n-n", "第:章"). "" = infer.
    goal_level: str = ""
    policy_level: str = ""
    # Headings longer than this (in characters) are prose, not headings.
    max_heading_chars: int = Field(60, ge=8, le=400)

    def header_words(self) -> Words:
        """Every word that names a table column (two characters or more: 部 and 課 end body
        cells too)."""
        groups = (
            self.indicator_words,
            self.baseline_words,
            self.actual_words,
            self.target_value_words,
            self.unit_words,
            self.trend_words,
            self.remark_words,
            self.field_words,
            self.project_name_words,
            self.project_words,  # (a list's caption heads its name column: `主な事業 | 担当課`)
            self.department_column_words,
            self.summary_words,
            self.abbr_words,
            self.bureau_words,
            self.section_words,
        )
        return tuple(dict.fromkeys(w for g in groups for w in g if len(w) >= 2))


TableSetting = str | int | float | bool | list[str] | list[int] | list[float]


class PdfSettings(_Section):
    """[pdf]: tolerances are ratios of the font size, so they hold for 8 pt footnotes and 16 pt
    headings alike."""

    dedupe_ratio: float = Field(0.15, ge=0, le=1)  # chars drawn twice within this are one
    line_ratio: float = Field(0.5, gt=0, le=2)  # chars whose vertical middles are this close
    space_ratio: float = Field(0.15, gt=0, le=5)  # a gap wider than this (no space glyph): a space
    # the gaps between the letters of a word set 均等割り付け differ by no more than this
    spread_alike_ratio: float = Field(0.04, ge=0, le=10)
    # lines on a grid of rows (a text laid out with spaces): two text columns cannot show
    # their lines at heights of their own, only lines of one beside blank rows of the other
    grid_rows: bool = False
    # Text columns and borderless tables: a gap wider than this (in font sizes) separates cells.
    column_gap_ratio: float = Field(1.5, gt=0, le=20)
    column_cross_ratio: float = Field(0.1, ge=0, le=1)  # lines that may cross a column gutter
    column_split_ratio: float = Field(0.3, gt=0, le=1)  # lines that must have text on both sides
    superscript_ratio: float = Field(0.85, gt=0, le=1)  # a raised char this much smaller
    margin_ratio: float = Field(0.12, ge=0, lt=0.5)  # bands of running headers / footers
    repeat_ratio: float = Field(0.5, gt=0, le=1)  # band text on this share of pages repeats
    heading_ratio: float = Field(1.15, ge=1, le=5)  # lines this much larger than body: headings
    join_gap_ratio: float = Field(1.0, gt=0, le=5)  # wrapped lines closer than this: a paragraph
    jobs: int = Field(0, ge=0, le=256)  # processes; 0 = all cores
    # Under a row of column names, cells this far apart (in font sizes) are two: a narrow
    # table's cells sit only their padding apart.
    cell_gap_ratio: float = Field(0.5, gt=0, le=20)
    # Words of table headers: a row of them inside a borderless table starts another table.
    # Empty: the column words of [parse].
    header_words: Words = ()
    parallel_min_pages: int = Field(12, ge=1)  # fewer pages are read in one process
    table_settings: dict[str, TableSetting] = Field(
        default_factory=lambda: {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    )


class OcrSettings(_Section):
    """[ocr]: scanned pages. `mode`: auto reads by OCR the pages that have no text layer, off
    refuses them, all reads every page by OCR (a PDF whose text layer is garbage)."""

    mode: Literal["auto", "off", "all"] = "auto"
    dpi: int = Field(300, ge=100, le=600)  # rendering resolution for OCR
    lang: str = Field("Japanese", min_length=1)  # Tesseract model: Japanese (script) or jpn
    min_confidence: float = Field(70.0, ge=0, le=100)  # below it a line is ocr.low_confidence


class PublishSettings(_Section):
    """[publish]: how the open-data export spells booleans."""

    true_value: str = Field("TRUE", min_length=1)
    false_value: str = Field("FALSE", min_length=1)


class VariantSettings(_Section):
    """[variants]: kana edits allowed between two spellings for them to be suspected variants."""

    max_distance: int = Field(1, ge=0, le=3)


class LimitSettings(_Section):
    """[limits]: the largest source a run accepts. A run holds the whole plan and every output in
    memory, so a larger source is refused before any work rather than read slowly into gigabytes.
    A PDF is also measured by what it expands to: its pages' content decompressed (a few
    kilobytes can inflate to gigabytes), and the pixels of a page rendered for OCR or of an image
    a page draws."""

    max_text_mb: int = Field(20, ge=1, le=2000)  # a text source, in megabytes (1 MB = 10^6 bytes)
    max_pdf_pages: int = Field(2000, ge=1, le=100_000)  # a PDF source, in pages
    # one page's content decompressed, each form it draws as often as it draws it (what PDFium
    # parses: 20 MB of drawing operators took 0.7 GB and 20 s to read)
    max_page_content_mb: int = Field(30, ge=1, le=10_000)
    max_content_mb: int = Field(1000, ge=1, le=100_000)  # every page's content, decompressed
    max_render_mpx: int = Field(100, ge=1, le=10_000)  # megapixels of a page for OCR, an image


class ReportSettings(_Section):
    """[report]: `templates` names a folder of the office's own templates (report.html,
    report.md, review.html), static files (static/report.css …) and message catalogues
    (locale/ja/LC_MESSAGES/plan-extract.mo), relative to the rules folder, used before the
    package's; "" = none (`--templates` overrides it)."""

    templates: str = ""


class RulesFiles(_Section):
    """[files]: the rules tables, relative to the rules folder. A default file that does not
    exist is an empty table; a file named here must exist."""

    itaiji: str = Field("itaiji.csv", min_length=1)
    variants: str = Field("variants.csv", min_length=1)
    departments: str = Field("departments.csv", min_length=1)
    kpi_direction: str = Field("kpi_direction.csv", min_length=1)
    accepted_findings: str = Field("accepted_findings.csv", min_length=1)
    ocr_confusions: str = Field("ocr_confusions.csv", min_length=1)

    def named(self) -> set[str]:
        """The keys set to something other than their default."""
        return {k for k, f in type(self).model_fields.items() if getattr(self, k) != f.default}


class Settings(_Section):
    """The whole tree: rules/settings.toml, every key optional."""

    default_source: str | None = None  # the embedded plan `run` reads when given no file
    parse: ParseSettings = Field(default_factory=ParseSettings)
    pdf: PdfSettings = Field(default_factory=PdfSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    publish: PublishSettings = Field(default_factory=PublishSettings)
    variants: VariantSettings = Field(default_factory=VariantSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    files: RulesFiles = Field(default_factory=RulesFiles)

    def override(self, where: str = "the command line", **sections: dict[str, Any]) -> Settings:
        """A copy with some keys replaced (`override(pdf={"jobs": 1})`), validated again."""
        data = self.model_dump()
        for name, values in sections.items():
            data[name] = {**data[name], **values}
        return validate(data, where)


# --- loading ------------------------------------------------------------------------------------

_EXPECTED = {
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "a text in quotes",
    "bool_type": "true or false",
    "tuple_type": 'a list of words, like ["基本目標"]',
    "dict_type": "a table",
    "model_type": "a table ([section])",
}


def _plain(value: object) -> object:
    """TOML arrays become tuples (the word lists), recursively; tables stay tables."""
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: (v if k == "table_settings" else _plain(v)) for k, v in value.items()}
    return value


def _model_at(loc: list[str]) -> type[BaseModel]:
    """The section model that holds the last key of `loc`."""
    model: type[BaseModel] = Settings
    for part in loc[:-1]:
        field = model.model_fields.get(part)
        annotation = field.annotation if field else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return model


def _bounds(model: type[BaseModel], key: str) -> str:
    """`≥ 0 and ≤ 3`: every bound the field declares, not only the one violated."""
    field = model.model_fields.get(key)
    parts = []
    for meta in field.metadata if field else []:
        for attr, op in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            if getattr(meta, attr, None) is not None:
                parts.append(f"{op} {getattr(meta, attr)}")
    return " and ".join(parts)


def _sentence(error: dict[str, Any], where: str) -> str:
    loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
    key = loc[-1] if loc else "?"
    section = f"[{loc[0]}] " if len(loc) > 1 else ""
    model = _model_at(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = ", ".join(sorted(model.model_fields))
        return f"{where}: {section}has no setting {key!r}; known: {known}."
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
    elif bounds := _bounds(model, key):
        expected = f"a value {bounds}"
    else:
        expected = error["msg"].lower()
    return f"{where}: {section}{key} must be {expected}, not {error.get('input')!r}."


def validate(data: dict[str, Any], where: str) -> Settings:
    try:
        return Settings.model_validate(_plain(data))
    except ValidationError as exc:
        raise RulesError(_sentence(exc.errors()[0], where)) from None


def load_settings(path: Path) -> Settings:
    """rules/settings.toml → Settings; a missing file gives the defaults."""
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise RulesError(f"{path}: not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML ({exc}).") from None
    return validate(data, str(path))
