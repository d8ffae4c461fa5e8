"""Scanned plans through the whole pipeline: an image-only PDF of the embedded plan made by the
tests (rendered by LibreOffice, rasterized, tilted, blurred, noised, saved as JPEG) is read by OCR
with the same layout passes and parser as a PDF with a text layer, and its records are checked
field by field against the text rendering's; a PDF with a text layer is never OCR'd."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import InputError
from extract.ingest import path_to_document
from extract.pipeline import RunResult, run
from extract.rules import Rules
from extract.settings import OcrSettings

from .conftest import SEED, plan_extract, require_ocr, require_tool
from .render_pdf import fodt_to_pdf, text_to_fodt
from .render_scan import images_to_pdf, rasterize, render_scan


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


def _share(pairs: list[tuple[object, object]]) -> float:
    return sum(1 for a, b in pairs if a == b) / len(pairs)


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


def test_projects_fields_at_least_90_percent(scanned: RunResult, seed: RunResult) -> None:
    ocr, text = scanned.plan.projects, seed.plan.projects
    assert len(ocr) == len(text)
    fields = (
        "goal_no",
        "policy_no",
        "name",
        "departments",
        "policy_field",
        "smart_city",
        "relisted",
    )
    pairs = [(getattr(a, f), getattr(b, f)) for a, b in zip(text, ocr, strict=True) for f in fields]
    assert _share(pairs) >= 0.90


def test_kpis_fields_at_least_85_percent(scanned: RunResult, seed: RunResult) -> None:
    ocr, text = scanned.plan.kpis, seed.plan.kpis
    assert len(ocr) == len(text)

    def fields(k):  # noqa: ANN001, ANN202
        return (
            (k.goal_no, k.policy_no),
            k.indicator,
            k.baseline.value,
            k.baseline.unit,
            k.baseline.year,
            k.target.value,
            k.target.unit,
            k.target.year,
        )

    pairs = [
        pair
        for a, b in zip(text, ocr, strict=True)
        for pair in zip(fields(a), fields(b), strict=True)
    ]
    assert _share(pairs) >= 0.85


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
