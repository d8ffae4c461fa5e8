"""Scanned plans through the whole pipeline: an image-only PDF of the embedded plan made by the
tests (rendered by LibreOffice, rasterized, tilted, blurred, noised, saved as JPEG) is read by OCR
with the same layout passes and parser as a PDF with a text layer, and its records are checked
field by field against the text rendering's; a PDF with a text layer is never OCR'd."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from extract.errors import InputError
from extract.ingest import path_to_document
from extract.ocrfix import Vocabulary, document_to_repairs
from extract.pipeline import RunResult, run
from extract.rules import Rules
from extract.settings import OcrSettings

from .conftest import SEED, plan_extract, require_ocr, require_tool
from .family import actual_rows, aligned_accuracy
from .render_pdf import fodt_to_pdf, text_to_fodt
from .render_scan import (
    SCAN_KINDS,
    images_to_pdf,
    office_print,
    rasterize,
    render_scan,
    scan_pages,
)


@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("scan") / "seed.pdf"
    return fodt_to_pdf(text_to_fodt(SEED.read_text(encoding="utf-8")), out)


@pytest.fixture(scope="module")
def scan(office_pdf: Path) -> Path:
    """A cheap office scanner: 200 dpi, turned 0.7°, blurred, noisy, JPEG quality 60."""
    require_ocr()
    return render_scan(office_pdf, office_pdf.with_name("scan.pdf"), dpi=200, degraded=True)


@pytest.fixture(scope="module")
def scanned(scan: Path, rules: Rules) -> RunResult:
    return run(scan, rules=rules)


def test_every_page_was_read_by_ocr(scanned: RunResult) -> None:
    doc = scanned.document
    assert doc.source_format == "ocr"
    assert sorted(doc.ocr_pages) == list(range(1, doc.pages + 1))
    assert all(60 <= c <= 100 for c in doc.ocr_pages.values())
    read = [f.page for f in scanned.plan.findings if f.code == "ocr.page_read"]
    assert read == list(range(1, doc.pages + 1))
    # Records keep the page they were read on.
    assert all(p.source_page for p in scanned.plan.projects)


def test_goals_and_policies_all_right(scanned: RunResult, seed: RunResult) -> None:
    ocr, text = scanned.plan, seed.plan
    assert [(g.goal_no, g.title) for g in ocr.goals] == [(g.goal_no, g.title) for g in text.goals]
    assert [(p.goal_no, p.policy_no, p.title) for p in ocr.policies] == [
        (p.goal_no, p.policy_no, p.title) for p in text.policies
    ]


def test_projects_fields_at_least_95_percent(scanned: RunResult, seed: RunResult) -> None:
    """Fields right, records paired in order (one row missed or read twice shifts nothing)."""
    got, want = actual_rows(scanned.plan)["projects"], actual_rows(seed.plan)["projects"]
    assert abs(len(got) - len(want)) <= 2
    assert aligned_accuracy(got, want) >= 0.95
    assert aligned_accuracy(got, want, ("departments",)) >= 0.95


def test_kpis_fields_at_least_90_percent(scanned: RunResult, seed: RunResult) -> None:
    got, want = actual_rows(scanned.plan)["kpis"], actual_rows(seed.plan)["kpis"]
    assert abs(len(got) - len(want)) <= 1
    assert aligned_accuracy(got, want) >= 0.90


def test_departments_are_snapped_to_the_plans_own_table(
    scanned: RunResult, seed: RunResult
) -> None:
    plan = scanned.plan
    listed = {d.abbr for d in plan.departments if d.listed}
    assert listed == {d.abbr for d in seed.plan.departments if d.listed}
    # Every department a project names is in the table or one the print itself lacks.
    unlisted = {d.abbr for d in seed.plan.departments if not d.listed}
    used = {a for p in plan.projects for a in p.departments}
    assert used <= listed | unlisted
    for f in plan.findings:
        if f.code == "ocr.department_snapped":
            assert f.page and f.record_id and "→" in f.key


def test_low_confidence_lines_point_at_their_page(scanned: RunResult) -> None:
    for f in scanned.plan.findings:
        if f.code == "ocr.low_confidence":
            line = scanned.document.lines[f.line - 1]  # type: ignore[operator]
            assert line.page == f.page and line.confidence is not None
            assert line.confidence < 70


def test_a_pdf_with_a_text_layer_is_never_ocrd(office_pdf: Path, rules: Rules) -> None:
    result = run(office_pdf, rules=rules)
    assert result.document.ocr_pages == {}
    assert not [f for f in result.plan.findings if f.code.startswith("ocr.")]


def test_a_mixed_pdf_ocrs_only_its_scanned_page(office_pdf: Path, tmp_path: Path) -> None:
    """Page 3 replaced by its picture: only that page goes to OCR."""
    require_ocr()
    import pypdfium2 as pdfium

    picture = images_to_pdf(rasterize(office_pdf, dpi=200, pages=[3]), tmp_path / "p3.pdf", 200)
    mixed = pdfium.PdfDocument(str(office_pdf))
    mixed.del_page(2)
    mixed.import_pages(pdfium.PdfDocument(str(picture)), index=2)
    out = tmp_path / "mixed.pdf"
    mixed.save(str(out))
    doc = path_to_document(out)
    assert list(doc.ocr_pages) == [3]
    assert doc.source_format == "pdf"
    assert {ln.page for ln in doc.lines if ln.confidence is not None} == {3}

    off = path_to_document(out, ocr_settings=OcrSettings(mode="off"))
    assert off.ocr_pages == {} and off.unread_pages == [3]


def test_no_ocr_refuses_an_image_only_pdf_in_one_sentence(scan: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no text layer"):
        path_to_document(scan, ocr_settings=OcrSettings(mode="off"))
    out = tmp_path / "out"
    cli = plan_extract("run", str(scan), "--no-ocr", "--out", str(out))
    assert cli.returncode == 2 and "Traceback" not in cli.stderr
    assert len(cli.stderr.strip().splitlines()) == 1 and not out.exists()


def test_a_missing_model_is_one_sentence(scan: Path) -> None:
    with pytest.raises(InputError, match=r"OCR cannot run here: .*language data"):
        path_to_document(scan, ocr_settings=OcrSettings(lang="NoSuchModel"))


def _without_tounicode(pdf: Path, out: Path, pages: list[int]) -> Path:
    """The PDF's `pages` with the ToUnicode maps taken out of every font (what some producers
    write): the glyphs print, the text layer gives unmapped codes."""
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(pdf) as doc:
        for n in sorted(set(range(1, len(doc.pages) + 1)) - set(pages), reverse=True):
            del doc.pages[n - 1]
        for page in doc.pages:
            for _name, font in page.obj.Resources.Font.items():
                for f in [font, *font.get("/DescendantFonts", [])]:
                    if "/ToUnicode" in f:
                        del f["/ToUnicode"]
        doc.save(out)
    return out


def test_a_text_layer_without_unicode_is_read_like_a_scan(
    office_pdf: Path, rules: Rules, tmp_path: Path
) -> None:
    """Fonts without ToUnicode maps: each page's text is unmapped codes; the pages are read by
    OCR, each with a finding that says why (before: only "no plan content found")."""
    require_ocr()
    broken = _without_tounicode(office_pdf, tmp_path / "broken.pdf", [2, 3])
    result = run(broken, rules=rules)
    assert sorted(result.document.ocr_pages) == [1, 2]
    why = {f.page: f.message for f in result.plan.findings if f.code == "pdf.text_layer_unusable"}
    assert sorted(why) == [1, 2]
    assert all("ToUnicode" in m and "read by OCR" in m for m in why.values())
    goal = result.plan.goals[0]
    assert goal.goal_no == 1
    assert Levenshtein.distance(goal.title, "既存産業・資源を活用した魅力的なしごとづくり") <= 2
    assert len(result.plan.kpis) >= 4 and len(result.plan.projects) >= 15
    # the intact print: not one page read by OCR
    assert path_to_document(office_pdf).unusable_pages == {}


@pytest.fixture(scope="module")
def photocopied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages 2, 6 and 7 of the seed printed in Noto Sans with tight cells and photocopied (the
    benchmark's `notosans-photocopy`): speckle and a rule's grey fringe read at cells' ends."""
    require_tool("soffice", "libreoffice-writer-nogui")
    require_ocr()
    kind = next(k for k in SCAN_KINDS if k.name == "notosans-photocopy")
    out = tmp_path_factory.mktemp("photocopy")
    printed = office_print(SEED.read_text(encoding="utf-8"), kind, out / "print.pdf")
    return scan_pages(printed, kind, out / "scan.pdf", pages=[2, 6, 7])


def test_a_photocopys_specks_leave_the_tables(photocopied: Path, rules: Rules) -> None:
    """Read from the photocopy, cells end in specks (`5% |`, `事務事業【所管課】2 ]`, `3 .`);
    repaired, no table cell does, and every project table's header is the plan's (a header
    that kept its speck was not read as a header: its 35 rows were lost)."""
    settings = rules.settings.override(pdf={"jobs": 1})
    doc = path_to_document(
        photocopied,
        pdf_settings=settings.pdf,
        ocr_settings=settings.ocr,
        parse_settings=rules.parse,
    )
    speck = re.compile(r"(?:\s[|\].・]|[|=“])$")
    table_cells = lambda: [c for ln in doc.lines if len(ln.cells) >= 2 for c in ln.cells]  # noqa: E731
    assert any(speck.search(c) for c in table_cells())  # the photocopy's specks, as read
    found = document_to_repairs(doc, Vocabulary.of(rules.parse))
    assert not [c for c in table_cells() if speck.search(c)]
    headers = [ln.cells for ln in doc.lines if ln.cells and ln.cells[0] == "政策分野"]
    assert len(headers) >= 4
    assert all(cells[1] == "事務事業【所管課】" for cells in headers)
    assert any(f.params.get("form") == "specks" for f in found)
