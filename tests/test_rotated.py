"""Rotated pages (issue 24, 1): a plan printed by an office suite whose pages carry /Rotate 90
or 270, and one whose text is drawn a quarter turn on the page (an A3 table set sideways and
shown upright by /Rotate), read to the same records as the plan itself, with pictures of the
page the right way up."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from extract import pictures
from extract.pipeline import run
from extract.publish import plan_to_files, write_folder
from extract.rules import Rules

from .conftest import FIXTURES, require_tool
from .family import compare, load_expected
from .render_pdf import fodt_to_pdf, text_to_fodt

CASE = FIXTURES / "chapter_goals_projects"


@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("rotated") / "plan.pdf"
    return fodt_to_pdf(text_to_fodt((CASE / "plan.txt").read_text(encoding="utf-8")), out)


def _rotated(pdf: Path, out: Path, degrees: int) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        doc[i].set_rotation(degrees)
    doc.save(str(out))
    return out


def _sideways(pdf: Path, out: Path) -> Path:
    """Every page's content turned a quarter counter-clockwise on a landscape page, shown
    upright again by /Rotate: text that runs up the page in its own coordinates."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        page = doc[i]
        width, height = page.get_size()
        turn = raw.FS_MATRIX(0, 1, -1, 0, height, 0)  # (x, y) → (height − y, x)
        assert raw.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(turn), None)
        page.set_mediabox(0, 0, height, width)
        page.set_cropbox(0, 0, height, width)
        page.set_rotation(90)
        assert raw.FPDFPage_GenerateContent(page.raw)
    doc.save(str(out))
    return out


@pytest.mark.parametrize("form", ["rotate90", "rotate270", "sideways"])
def test_a_rotated_plan_reads_as_the_plan(
    form: str, office_pdf: Path, rules: Rules, tmp_path: Path
) -> None:
    if form == "sideways":
        pdf = _sideways(office_pdf, tmp_path / "sideways.pdf")
    else:
        pdf = _rotated(
            office_pdf, tmp_path / f"{form}.pdf", {"rotate90": 90, "rotate270": 270}[form]
        )
    result = run(pdf, rules=rules)
    assert compare(result.plan, load_expected(CASE)) == []
    pages = result.document.pages or 0
    turned = {n: 1 for n in range(1, pages + 1)} if form == "sideways" else {}
    assert result.document.turned_pages == turned
    # the report's pictures: bands of text lines, wider than high (a sideways picture is not)
    out = tmp_path / "out"
    write_folder(out, plan_to_files(result.plan, result.document, source=pdf, folder=out))
    report = (out / "report.html").read_text(encoding="utf-8")
    assert report.count("data:image/png;base64,") >= 1
    lines = [f.line for f in result.plan.findings if f.line]
    made = pictures.render(pdf, result.document, lines, jobs=1)
    assert made
    assert all(p.width > p.height for p in made.values())
