"""PDF input: office-made PDFs of the seed (LibreOffice, IPAex font) and reportlab CID-font PDFs
give the same records as the text rendering; bad PDFs give one clear sentence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.ingest import path_to_document
from extract.models import Plan
from extract.normalize import Normalizer
from extract.pipeline import RunResult, run
from extract.rules import Rules
from extract.settings import OcrSettings, PdfSettings

from .compare import comparable
from .conftest import SEED, plan_extract, require_tool
from .render_pdf import fodt_to_pdf, text_to_fodt, text_to_reportlab_pdf

NORM = Normalizer()

PROVENANCE = {"source_line", "source_page"}
# The text rendering interrupts tables with footnotes where the PDF puts them at the page foot:
# where a table resumes is layout, not content.
LAYOUT_ONLY = {"layout.table_resumed"}


def _records(plan: Plan, family: str) -> list[dict]:
    if family == "variants":
        # Groups a rule or the matcher makes; spellings that differ only by layout spaces in the
        # printed form (variant.merged by normalization) depend on the producer's spacing.
        return [
            {
                **v.model_dump(exclude={"source_lines", "group_id", "count"}),
                "variant": NORM.name(v.variant),
            }
            for v in plan.variants
            if v.resolution != "normalized"
        ]
    return [comparable(r) for r in getattr(plan, family)]


def _finding_keys(plan: Plan) -> Counter:
    return Counter(
        (f.code, f.severity, f.record_id, f.key)
        for f in plan.findings
        if f.code not in LAYOUT_ONLY and not _normalization_merge(f)
    )


def _normalization_merge(f) -> bool:  # noqa: ANN001
    return f.code == "variant.merged" and f.message.endswith(
        "normalization (width, spaces, brackets)."
    )


@pytest.fixture(scope="session")
def office_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("soffice", "libreoffice-writer-nogui")
    require_tool("fc-list", "fontconfig")
    out = tmp_path_factory.mktemp("pdf") / "seed_office.pdf"
    return fodt_to_pdf(text_to_fodt(SEED.read_text(encoding="utf-8")), out)


@pytest.fixture(scope="session")
def office_result(office_pdf: Path, rules: Rules) -> RunResult:
    return run(office_pdf, rules=rules)


@pytest.mark.parametrize(
    "family",
    [
        "goals",
        "policies",
        "actions",
        "numeric_targets",
        "kpis",
        "footnotes",
        "projects",
        "departments",
        "variants",
    ],
)
def test_office_pdf_records_equal_text_records(
    office_result: RunResult, seed: RunResult, family: str
) -> None:
    pdf, text = _records(office_result.plan, family), _records(seed.plan, family)
    assert len(pdf) == len(text)
    for a, b in zip(pdf, text, strict=True):
        assert a == b


def test_office_pdf_findings_equal_but_for_provenance(
    office_result: RunResult, seed: RunResult
) -> None:
    assert _finding_keys(office_result.plan) == _finding_keys(seed.plan)


def test_office_pdf_provenance_has_pages(office_result: RunResult) -> None:
    plan = office_result.plan
    assert office_result.document.source_format == "pdf"
    assert office_result.document.pages >= 10
    assert (
        office_result.document.layout_lines >= 2 * office_result.document.pages
    )  # header + page number
    for family in (
        "projects",
        "kpis",
        "numeric_targets",
        "departments",
        "footnotes",
        "goals",
        "policies",
    ):
        assert all(r.source_page for r in getattr(plan, family)), family
    assert all(f.page for f in plan.findings if f.line)
    # Pages increase with the lines: provenance follows the print.
    pages = [p.source_page for p in plan.projects]
    assert pages == sorted(pages)
    # Running headers and page numbers never reach the parser.
    texts = [line.text for line in office_result.document.lines]
    assert not [t for t in texts if t.startswith("- ") and t.endswith(" -")]
    assert "第3期 総合戦略" not in texts


def test_footnotes_from_the_page_foot(office_result: RunResult) -> None:
    notes = {f.footnote_no: f.text for f in office_result.plan.footnotes}
    assert sorted(notes) == [9, 10, 11, 12, 13, 14]
    # wrapped over two lines in the PDF, joined without an invented space
    assert notes[9].endswith("事業効果の検証等を行うため、毎年度、実績値を把握することとする。")
    k = {r.record_id: r for r in office_result.plan.kpis}
    assert (k["K1-1-01"].footnote_no, k["K3-3-01"].footnote_no) == (9, 14)


def test_parallel_pages_give_the_same_document(office_pdf: Path) -> None:
    serial = path_to_document(office_pdf, pdf_settings=PdfSettings(jobs=1))
    parallel = path_to_document(office_pdf, pdf_settings=PdfSettings(jobs=2, parallel_min_pages=1))
    assert serial.lines == parallel.lines


def test_progress_is_reported(office_pdf: Path) -> None:
    messages: list[str] = []
    doc = path_to_document(office_pdf, pdf_settings=PdfSettings(jobs=1), progress=messages.append)
    assert messages[-1] == f"pages {doc.pages}/{doc.pages}"


WHOLE_BEFORE = """# 第3期 会津若松市まち・ひと・しごと創生総合戦略
令和6年3月 会津若松市
## 目次
1 人口ビジョン……………… 2
(1) 基本目標1 既存産業・資源を活用した魅力的なしごとづくり……………… 5
## 1 人口ビジョン
本市の人口は減少が続いており、将来の人口の見通しを次のとおり示します。
指標\t現状値 (令和4年度)\t目標値 (令和8年度)
総人口\t116,000人\t110,000人
"""
WHOLE_AFTER = """
## 5 計画の推進体制
外部有識者による効果検証会議を毎年度開催します。
項目\t現状値 (令和4年度)\t目標値 (令和8年度)
効果検証会議の開催回数\t2回\t4回
"""


def test_whole_publication_keeps_to_its_chapter(
    tmp_path: Path, seed: RunResult, rules: Rules
) -> None:
    require_tool("soffice", "libreoffice-writer-nogui")
    text = WHOLE_BEFORE + SEED.read_text(encoding="utf-8") + WHOLE_AFTER
    pdf = fodt_to_pdf(text_to_fodt(text), tmp_path / "whole.pdf")
    result = run(pdf, rules=rules)
    for family in ("goals", "policies", "numeric_targets", "kpis", "projects", "departments"):
        assert _records(result.plan, family) == _records(seed.plan, family), family
    assert result.plan.out_of_scope_lines >= seed.plan.out_of_scope_lines + 8
    assert not [f for f in result.plan.findings if f.code == "parse.unparsed"]


def test_reportlab_cid_pdf(tmp_path: Path, seed: RunResult, rules: Rules) -> None:
    """reportlab's CID fonts give ～ back as 〜 and ~ as ˜, and — as a combining stroke:
    normalization must still land on the same records."""
    pdf = text_to_reportlab_pdf(SEED.read_text(encoding="utf-8"), tmp_path / "seed_cid.pdf")
    result = run(pdf, rules=rules)
    for family in ("projects", "departments", "goals", "policies"):
        assert _records(result.plan, family) == _records(seed.plan, family), family
    raw = PROVENANCE | {"text_raw"}
    assert [f.model_dump(exclude=raw) for f in result.plan.footnotes] == [
        f.model_dump(exclude=raw) for f in seed.plan.footnotes
    ]
    # Indicators: the raw print differs (〜, ˜, the stroke for —); the data does not.
    drop = PROVENANCE | {"indicator_raw", "baseline", "target"}
    for family in ("kpis", "numeric_targets"):
        got, want = getattr(result.plan, family), getattr(seed.plan, family)
        assert [r.model_dump(exclude=drop) for r in got] == [
            r.model_dump(exclude=drop) for r in want
        ]
        values = [
            (r.baseline.value, r.target.value, r.target.unit, r.target.year, r.target.qualifier)
            for r in got
        ]
        assert values == [
            (r.baseline.value, r.target.value, r.target.unit, r.target.year, r.target.qualifier)
            for r in want
        ]


# --- bad PDFs -----------------------------------------------------------------------------------


def _reportlab_pdf(
    path: Path, *, text: bool = True, encrypt: bool = False, image: bool = False
) -> Path:
    from PIL import Image
    from reportlab.lib import pdfencrypt
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption("secret", "owner", canPrint=0) if encrypt else None
    c = canvas.Canvas(str(path), encrypt=enc)
    if text:
        c.drawString(72, 720, "Kihon mokuhyo 1")
    if image:  # a scanned page: one picture of the whole page
        c.drawImage(ImageReader(Image.new("L", (200, 280), 255)), 0, 0, 595, 842)
    else:
        c.rect(72, 72, 300, 500, fill=1)  # drawn shapes, no text
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _reportlab_pdf(p, encrypt=True), "is encrypted"),
        (lambda p: _reportlab_pdf(p, text=False, image=True), "has no text layer"),
        (lambda p: _reportlab_pdf(p, text=False), "neither text nor scanned images"),
        (
            lambda p: p.write_bytes(_reportlab_pdf(p).read_bytes()[:400]) and p,
            "damaged or truncated",
        ),
        (
            lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40) and p,
            "damaged or truncated",
        ),
    ],
    ids=["encrypted", "image-only", "shapes-only", "truncated", "corrupt"],
)
def test_bad_pdfs_are_one_sentence(tmp_path: Path, make, message: str) -> None:  # noqa: ANN001
    """Under --no-ocr a scanned PDF is refused with what to do; the other faults always are."""
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(InputError, match=message):
        path_to_document(path, ocr_settings=OcrSettings(mode="off"))
    out = tmp_path / "out"
    cli = plan_extract("run", str(path), "--out", str(out), "--no-ocr")
    assert cli.returncode == 2 and message in cli.stderr and "Traceback" not in cli.stderr
    assert len(cli.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_pdf_settings_come_from_rules(tmp_path: Path) -> None:
    from extract.errors import RulesError
    from extract.rules import load_rules

    (tmp_path / "settings.toml").write_text(
        "[pdf]\njobs = 1\nmargin_ratio = 0.05\n", encoding="utf-8"
    )
    assert (load_rules(tmp_path).pdf.jobs, load_rules(tmp_path).pdf.margin_ratio) == (1, 0.05)
    (tmp_path / "settings.toml").write_text("[pdf]\nspeed = 3\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"\[pdf\] has no setting 'speed'"):
        load_rules(tmp_path)


def test_overprinted_chars_are_read_once(tmp_path: Path) -> None:
    """Fake bold (the same text drawn twice, a hair apart) is de-duplicated."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("HeiseiKakuGo-W5", 16)
    for dx in (0, 0.3):
        c.drawString(72 + dx, 700, "基本目標1 しごとをつくる")
    c.setFont("HeiseiKakuGo-W5", 10)
    c.drawString(72, 670, "本文の段落です。見出しより長い本文が、本文の大きさを決めます。")
    c.showPage()
    c.save()
    doc = path_to_document(path)
    assert [line.text for line in doc.lines] == [
        "基本目標1 しごとをつくる",
        "本文の段落です。見出しより長い本文が、本文の大きさを決めます。",
    ]
    assert doc.lines[0].heading_level == 1 and doc.lines[1].heading_level == 0


def test_letter_spaced_type_reads_no_space_between_its_letters() -> None:
    """Letter-spaced type (CSS letter-spacing 0.15 em) sets every two letters a little apart:
    a word is one word, and a space is what is wider than the line's own gap."""
    from extract.ingest.pdfchars import text_of
    from extract.settings import PdfSettings

    def spaced(x: float, text: str, gap: float) -> list[dict]:
        out = []
        for ch in text:
            out.append(
                {
                    "text": ch,
                    "x0": x,
                    "x1": x + 8.0,
                    "top": 0.0,
                    "bottom": 8.0,
                    "baseline": 7.0,
                    "size": 8.0,
                    "weight": 400,
                    "upright": True,
                }
            )
            x += 8.0 + gap
        return out

    s = PdfSettings()
    assert text_of(spaced(0.0, "成果指標", 1.25), s)[0] == "成果指標"
    words = spaced(0.0, "現状値", 1.25) + spaced(3 * 9.25 + 8.0, "目標", 1.25)
    assert text_of(words, s)[0] == "現状値 目標"
    # type set solid keeps the gap rule as it was
    assert (
        text_of(spaced(0.0, "成果指標", 1.25)[:1] + spaced(9.5, "果指標", 0.0), s)[0] == "成 果指標"
    )
