"""Every form a plan comes in reads to the records of its text rendering: a Word original
(heading styles, Word's own list numbering, merged table cells, footnotes), an Excel workbook
(the plan sheet by sheet; a KPI sheet and a project list alone), a web page (LibreOffice's HTML
of the Word file, with the site's navigation around it), and Markdown (as a PDF converter writes
it, with pipe or HTML tables, and as markdownify makes it from the web page).

The files are made here from the test plans (tests/forms.py). "The same records" is
tests/compare.py's: every field of every table but the provenance and the printed `*_raw`.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from extract.diff import diff_tables, plan_to_tables
from extract.ingest import path_to_document
from extract.ingest.blocks import GridCell, spread
from extract.ingest.numbers import list_number
from extract.ingest.text import path_to_text
from extract.ingest.xlsx import display
from extract.models import LineRole
from extract.pipeline import RunResult, run
from extract.rules import Rules

from . import forms
from .compare import assert_same_records
from .conftest import FIXTURES, IN_CI, SEED, plan_extract, require_tool
from .producers import _soffice_lock, text_to_fods, text_to_html
from .render_pdf import fodt_to_pdf, text_to_fodt
from .revision import EDITS, revised_seed
from .test_family_plans import CASES as _ALL_FAMILY

# every family plan (tests/test_family_plans.py), in every form
FAMILY = list(_ALL_FAMILY)
CASES = [*FAMILY, "second_plan", "third_plan", "seed"]


def _source(case: str) -> Path:
    return SEED if case == "seed" else FIXTURES / case / "plan.txt"


@pytest.fixture(scope="module")
def texts(rules: Rules) -> dict[str, tuple[str, RunResult]]:
    """Each test plan's text and its reading from the text rendering."""
    return {c: (path_to_text(_source(c))[0], run(_source(c), rules=rules)) for c in CASES}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("forms")


def _same_as_text(want: RunResult, got: RunResult, form: str) -> None:
    assert got.document.source_format == form
    assert_same_records(want.plan, got.plan)
    # nothing lost: every non-blank line has a role, none is left unparsed that the text placed
    non_blank = {ln.no for ln in got.document.lines if not ln.is_blank}
    assert set(got.plan.line_roles) == non_blank
    assert got.plan.coverage().reported == want.plan.coverage().reported


def _not_paged(result: RunResult) -> None:
    """A source without pages: no page anywhere, an address on every line."""
    assert result.document.pages is None
    assert all(ln.page is None and ln.box is None for ln in result.document.lines)
    assert all(ln.address for ln in result.document.lines if not ln.is_blank)


# --- Word -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_a_word_original_reads_as_its_text(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    text, want = texts[case]
    path = forms.text_to_docx(text, want, folder / f"{case}.docx")
    got = run(path, rules=rules)
    _same_as_text(want, got, "docx")
    _not_paged(got)


@pytest.mark.parametrize("case", CASES)
def test_a_word_file_made_by_hand(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """Headings set in bold on plain paragraphs with their numbers typed, tables whose header
    row repeats on each page, each table inside a one-cell frame (forms.office_habits)."""
    text, want = texts[case]
    path = forms.text_to_docx(text, want, folder / f"{case}-hand.docx", numbering=False)
    forms.office_habits(path)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert 'w:val="Heading' not in body
    if "\t" in text:
        assert "<w:tblHeader/>" in body and re.search(r"<w:tc>(?:(?!</w:tc>).)*<w:tbl>", body)
    _same_as_text(want, run(path, rules=rules), "docx")


@pytest.mark.parametrize("case", CASES)
def test_a_word_file_back_from_review(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """Tracked changes left in (every paragraph's text an insertion, a deleted phrase after
    it, a deleted row under each table's header), a comment on each heading, each table in a
    text box: read as Word prints it with the changes accepted, the comments left out."""
    text, want = texts[case]
    path = forms.text_to_docx(text, want, folder / f"{case}-rev.docx")
    rows = [ln.cells for ln in path_to_document(path).lines if " row " in ln.address]
    forms.word_review_habits(path)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in body and "<w:delText>" in body
    if "\t" in text:
        assert re.search(r"<w:trPr><w:del ", body) and re.search(r"<w:txbxContent><w:tbl>", body)
    got = run(path, rules=rules)
    _same_as_text(want, got, "docx")
    shown = "\n".join(ln.text for ln in got.document.lines)
    assert "旧案" not in shown and "数値を確認" not in shown
    # the deleted rows are not rows at all (the tables' rows as before the review)
    assert [ln.cells for ln in got.document.lines if " row " in ln.address] == rows


@pytest.fixture(scope="module")
def text_in_word(texts: dict[str, tuple[str, RunResult]], folder: Path) -> Path:
    """Each plan's text file opened in LibreOffice Writer and saved as a Word file: every line
    a paragraph, a table's rows paragraphs of tab-separated cells."""
    out = folder / "text-in-word"
    out.mkdir()
    files = []
    for case, (text, _) in texts.items():
        (out / f"{case}.txt").write_text(text, encoding="utf-8")
        files.append(out / f"{case}.txt")
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp, _soffice_lock():
        profile = f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}"
        subprocess.run(
            [soffice, profile, "--headless", "--infilter=Text (encoded):UTF8"]
            + ["--convert-to", "docx", "--outdir", str(out)]
            + [str(f) for f in files],
            check=True,
            capture_output=True,
            timeout=900,
        )
    return out


@pytest.mark.parametrize("case", CASES)
def test_a_text_file_saved_as_a_word_file(
    case: str, texts: dict[str, tuple[str, RunResult]], text_in_word: Path, rules: Rules
) -> None:
    text, want = texts[case]
    path = text_in_word / f"{case}.docx"
    if "\t" in text:
        with zipfile.ZipFile(path) as z:
            assert "<w:tab/>" in z.read("word/document.xml").decode("utf-8")
    _same_as_text(want, run(path, rules=rules), "docx")


def _numbered_paragraphs(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    return [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]


@pytest.mark.parametrize(
    ("case", "printed", "paragraph"),
    [
        # goals %1 and policies %2 of one list: a policy's number restarts under each goal
        ("kpi_flags_notes", "施策（１）\u3000水産業・農業の振興", "水産業・農業の振興"),
        # goals not numbered by Word: a new list per goal restarts by startOverride
        ("roman_goals_tables", "（２）農林業の成長産業化", "農林業の成長産業化"),
        (
            "village_inline",
            "②\u3000森林資源を活かした産業をおこす",
            "森林資源を活かした産業をおこす",
        ),
        ("bracket_goals_kana", "イ\u3000関係人口の創出", "関係人口の創出"),
        # a list that starts at 3
        (
            "chapter_goals_projects",
            "第４章\u3000はるかぜ市への新しいひとの流れをつくる",
            "はるかぜ市への新しいひとの流れをつくる",
        ),
    ],
)
def test_word_numbering_is_computed_as_word_prints_it(
    case: str,
    printed: str,
    paragraph: str,
    texts: dict[str, tuple[str, RunResult]],
    folder: Path,
) -> None:
    """The number is not in the paragraph's text: it comes from numbering.xml."""
    text, want = texts[case]
    path = forms.text_to_docx(text, want, folder / f"{case}-numbered.docx")
    numbered = _numbered_paragraphs(path)
    assert paragraph in numbered and printed not in numbered
    assert printed in [ln.text for ln in path_to_document(path).lines]


def test_word_merged_cells_and_footnotes(
    texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """The seed's KPI table: 取組方針 merged down its rows (vMerge), the caption row across the
    table (gridSpan), Word footnotes numbered from 9 placed under the table that cites them."""
    text, want = texts["seed"]
    path = forms.text_to_docx(text, want, folder / "seed-notes.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "<w:vMerge/>" in xml and "w:gridSpan" in xml and "w:footnoteReference" in xml
    assert "<sup>" not in xml and "KPI「新規企業立地件数" not in xml  # the notes are Word's
    lines = path_to_document(path).lines
    row = next(ln for ln in lines if "新規就農者数／年" in ln.text)
    assert row.cells[0] == "" and row.address.startswith("table ")
    first = next(ln for ln in lines if "新規企業立地件数（累計）" in ln.text and ln.cells[0])
    assert first.cells[:2] == ("1", "新規企業立地件数（累計） <sup>9</sup>")
    note = next(ln for ln in lines if ln.text.startswith("<sup>9</sup>"))
    assert note.address.endswith("note") and note.no > first.no
    got = run(path, rules=rules)
    assert [f.footnote_no for f in got.plan.footnotes] == [9, 10, 11, 12, 13, 14]


def _docx_with_body(path: Path, body: str, numbering: str = "", styles: str = "") -> Path:
    """A Word file whose body, numbering definitions and styles are the given XML."""
    import docx

    document = docx.Document()
    w = forms.W_NS
    ns = (
        f'xmlns:w="{w}" xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    from docx.oxml import parse_xml

    root = document.element.body
    for child in list(root):
        if not child.tag.endswith("sectPr"):
            root.remove(child)
    holder = parse_xml(f"<w:body {ns}>{body}</w:body>")
    for child in list(holder):
        root.insert(len(root) - 1, child)
    if numbering:
        num_root = document.part.numbering_part.element
        for child in list(num_root):
            num_root.remove(child)
        for child in parse_xml(f"<w:numbering {ns}>{numbering}</w:numbering>"):
            num_root.append(child)
    if styles:
        for child in parse_xml(f"<w:styles {ns}>{styles}</w:styles>"):
            document.styles.element.append(child)
    document.save(str(path))
    return path


def _p(text: str, num: tuple[int, int] | None = None, style: str = "") -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>"
        ppr += f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr += (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
            if num
            else ""
        )
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_word_numbering_levels_restarts_and_formats(tmp_path: Path) -> None:
    levels = (
        '<w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="第%1部"/><w:suff w:val="space"/></w:lvl>'
        # isLgl: the 部's number in Arabic digits in this level's text
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/>'
        '<w:lvlText w:val="%1-%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/>'
        '<w:pStyle w:val="Kou"/>'
        '<w:lvlRestart w:val="0"/><w:lvlText w:val="（%3）"/><w:suff w:val="nothing"/></w:lvl>'
        "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="5"/>'
        '<w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1．"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
    )
    style = (
        '<w:style w:type="paragraph" w:styleId="Kou"><w:name w:val="Kou"/>'
        # the style names the list, the list's level names the style
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    body = "".join(
        [
            _p("総論", (1, 0)),
            _p("目的", (1, 1)),
            _p("範囲", (1, 1)),
            _p("用語", style="Kou"),  # numbered through its style: level 3
            _p("各論", (1, 0)),
            _p("方針", (1, 1)),  # level 2 restarts after level 1
            _p("定義", style="Kou"),  # lvlRestart 0: level 3 never restarts
            _p("甲の項", (2, 0)),
            _p("乙の項", (2, 0)),
            _p("やり直し", (3, 0)),  # a new list of the same definition, restarted
            _p("箇条", (4, 0)),
            _p("", (1, 1)),  # an empty numbered paragraph uses its number up, printing nothing
            _p("結び", (1, 1)),
        ]
    )
    path = _docx_with_body(tmp_path / "numbering.docx", body, levels, style)
    lines = [ln.text for ln in path_to_document(path).lines if ln.text]
    assert lines == [
        "第I部 総論",
        "1-1\u3000目的",
        "1-2\u3000範囲",
        "（１）用語",
        "第II部 各論",
        "2-1\u3000方針",
        "（２）定義",
        "戊．甲の項",
        "己．乙の項",
        "甲．やり直し",
        "・箇条",
        "2-3\u3000結び",
    ]


def test_word_text_boxes_notes_and_revisions(tmp_path: Path) -> None:
    """A text box is read once (not again from its VML fallback), after its paragraph; deleted
    revisions and hidden text are not printed; a raised ※1 is a marker, m² is not."""
    box = "<w:txbxContent><w:p><w:r><w:t>コラム　移住体験ツアー</w:t></w:r></w:p></w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>本文の段落</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        '<w:p><w:r><w:t>整備面積１２０m</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
        "</w:rPr><w:t>2</w:t></w:r><w:r><w:t>（累計）</w:t></w:r><w:r><w:rPr>"
        '<w:vertAlign w:val="superscript"/></w:rPr><w:t>※1</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>残る</w:t></w:r><w:del><w:r><w:delText>消した</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>加えた</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr>"
        "<w:t>隠した</w:t></w:r></w:p>"
    )
    path = _docx_with_body(tmp_path / "boxes.docx", body)
    lines = [(ln.text, ln.address) for ln in path_to_document(path).lines]
    assert lines == [
        ("本文の段落", "¶1"),
        ("コラム\u3000移住体験ツアー", "¶1 text box"),
        ("整備面積１２０m²（累計）<sup>1</sup>", "¶2"),
        ("残る加えた", "¶3"),
    ]


def test_word_table_grid_and_one_column_frames(tmp_path: Path) -> None:
    def tc(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"

    restart, below = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    across, before = '<w:gridSpan w:val="2"/>', '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    grid = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('分野', restart)}{tc('事業', across)}</w:tr>"
        f"<w:tr>{tc('', below)}{tc('A事業')}{tc('○')}</w:tr>"
        f"<w:tr>{before}{tc('B事業')}{tc('')}</w:tr></w:tbl>"
    )
    frame = (
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>"
        f"<w:tr><w:tc>{_p('囲みの見出し')}{_p('囲みの本文')}</w:tc></w:tr></w:tbl>"
    )
    path = _docx_with_body(tmp_path / "grid.docx", grid + frame)
    lines = [(ln.cells, ln.address) for ln in path_to_document(path).lines]
    assert lines == [
        (("分野", "事業", ""), "table 1 row 1"),
        (("", "A事業", "○"), "table 1 row 2"),
        (("", "B事業", ""), "table 1 row 3"),
        (("囲みの見出し",), "¶1"),
        (("囲みの本文",), "¶2"),
    ]


def test_word_diff_against_the_text_is_empty_and_a_revision_diffs_to_its_edits(
    texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules, tmp_path: Path
) -> None:
    """`diff plan.docx plan.txt` finds nothing; the revised plan's Word original against the
    published text finds exactly the six edits."""
    text, want = texts["seed"]
    docx_path = forms.text_to_docx(text, want, folder / "seed-diff.docx")
    got = run(docx_path, rules=rules)
    assert diff_tables(plan_to_tables(want.plan), plan_to_tables(got.plan)) == []
    revised = revised_seed(tmp_path)
    revised_text = path_to_text(revised)[0]
    revised_docx = forms.text_to_docx(
        revised_text, run(revised, rules=rules), tmp_path / "revised.docx"
    )
    out = plan_extract("diff", str(SEED), str(revised_docx), "--out", str(tmp_path / "changes"))
    assert out.returncode == 0, out.stderr
    rows = (tmp_path / "changes" / "changes.csv").read_text(encoding="utf-8").splitlines()[1:]
    import csv

    changes = [tuple(r[:6]) for r in csv.reader(rows)]
    assert sorted(changes) == sorted(EDITS)
    same = plan_extract("diff", str(SEED), str(docx_path))
    assert same.returncode == 0, same.stderr


def test_a_word_original_diffs_to_nothing_against_its_published_pdf(
    texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """The planning office's Word file against the PDF it published (printed by Writer)."""
    require_tool("soffice", "libreoffice-writer-nogui")
    text, want = texts["kpi_flags_notes"]
    pdf = fodt_to_pdf(text_to_fodt(text), folder / "published.pdf")
    docx_path = forms.text_to_docx(text, want, folder / "original.docx")
    out = plan_extract("diff", str(docx_path), str(pdf))
    assert out.returncode == 0, out.stderr
    old, new = run(docx_path, rules=rules), run(pdf, rules=rules)
    assert (old.document.source_format, new.document.source_format) == ("docx", "pdf")
    assert diff_tables(plan_to_tables(old.plan), plan_to_tables(new.plan)) == []


# --- Excel --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_a_workbook_is_read_sheet_by_sheet(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    text, want = texts[case]
    path = forms.text_to_xlsx(text, want, folder / f"{case}.xlsx")
    got = run(path, rules=rules)
    _same_as_text(want, got, "xlsx")
    _not_paged(got)
    assert {ln.address.split("!")[0] for ln in got.document.lines if ln.address} >= {
        "はじめに",
        "基本目標1",
    }


@pytest.mark.parametrize("case", CASES)
def test_a_workbook_as_an_office_keeps_it(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """Figures typed as numbers under number formats (`47.8%` kept as 0.478 under `0.0%`,
    `216,406百万円` as 216406 under `#,##0"百万円"`), years as dates under date formats
    (`令和4年度` under `ggge"年度"`), a hidden working column and a hidden superseded row:
    what is read is what the cells show."""
    text, want = texts[case]
    path = forms.office_workbook(forms.text_to_xlsx(text, want, folder / f"{case}-office.xlsx"))
    got = run(path, rules=rules)
    _same_as_text(want, got, "xlsx")
    assert not any("廃止した指標" in ln.text for ln in got.document.lines)


def test_kpi_sheets_side_by_side_with_two_row_headers(tmp_path: Path, rules: Rules) -> None:
    """Two goals' KPI tables on one sheet side by side (an empty column between), each with a
    title row above, a two-row header whose first cells are merged down, figures as numbers
    under number formats and its notes below: read as the two tables one after the other,
    the left first, as a text file of them reads."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    seed = SEED.read_text(encoding="utf-8").split("\n")
    header = "取組方針\t重要業績評価指標（KPI）\t"
    starts = [i for i, ln in enumerate(seed) if ln.startswith(header)][:2]
    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    text: list[str] = []
    for band, start in enumerate(starts):
        body = []
        for ln in seed[start + 1 :]:
            if "\t" not in ln:
                break
            body.append(ln.split("\t"))
        notes = [
            ln
            for ln in seed[start:]
            if re.match(r"^<sup>(\d+)</sup>", ln)
            and any(ln[: ln.index("</sup>") + 6] in c for r in body for c in r)
        ]
        assert len(body) >= 6 and notes
        two_row = [
            ["取組方針", "重要業績評価指標（KPI）", "現状値", "目標値"],
            ["", "", "（令和4年度）", "（令和8年度）"],
        ]
        rows = two_row + body
        col = 1 + band * 6
        ws.cell(1, col, value="■ 重要業績評価指標（KPI）")
        for i, r in enumerate(rows):
            for j, value in enumerate(r):
                typed = forms._office_value(value)
                cell = ws.cell(3 + i, col + j, value=forms._rich(value) if not typed else typed[0])
                if typed:
                    cell.number_format = typed[1]
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for j in (0, 1):
            ws.merge_cells(start_row=3, start_column=col + j, end_row=4, end_column=col + j)
        for i, note in enumerate(notes):
            ws.cell(3 + len(rows) + 1 + i, col, value=note)
        text += ["■ 重要業績評価指標（KPI）", "", *map("\t".join, rows), "", *notes, ""]
    assert any(isinstance(c.value, float) for row in ws.iter_rows() for c in row)
    wb.save(str(tmp_path / "kpi.xlsx"))
    (tmp_path / "kpi.txt").write_text("\n".join(text), encoding="utf-8")
    want, got = run(tmp_path / "kpi.txt", rules=rules), run(tmp_path / "kpi.xlsx", rules=rules)
    assert len(want.plan.kpis) >= 12 and len(want.plan.footnotes) >= 3
    assert_same_records(want.plan, got.plan)
    blocks = [ln.address.split("!")[1][0] for ln in got.document.lines if ln.text.strip()]
    assert blocks == sorted(blocks)  # the left table first, then the right one


def _table_of(text: str, first_words: str) -> list[list[str]]:
    """The rows of the text's longest table whose header starts with `first_words`."""
    lines = text.replace("\r\n", "\n").split("\n")
    tables = []
    for start, line in enumerate(lines):
        if line.startswith(first_words) and "\t" in line:
            rows = []
            for ln in lines[start:]:
                if "\t" not in ln:
                    break
                rows.append(ln.split("\t"))
            tables.append(rows)
    return max(tables, key=len)


@pytest.mark.parametrize("ruled", [True, False])
@pytest.mark.parametrize(
    ("header", "family"),
    [("取組方針\t重要業績評価指標", "kpis"), ("政策分野\t事務事業", "projects")],
)
def test_a_kpi_sheet_or_a_project_list_alone(
    header: str, family: str, ruled: bool, tmp_path: Path, rules: Rules
) -> None:
    """The seed's KPI table (取組方針 merged down, ※ markers raised in rich text) or its
    project list (政策分野 merged down) as a sheet of its own gives the records of the same table
    alone in a text file; a sheet without any ruling is one table."""
    rows = _table_of(SEED.read_text(encoding="utf-8"), header)
    txt = tmp_path / "table.txt"
    txt.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    sheet = forms.table_to_xlsx(rows, tmp_path / "table.xlsx", ruled=ruled)
    want, got = run(txt, rules=rules), run(sheet, rules=rules)
    assert len(getattr(want.plan, family)) >= 8
    assert_same_records(want.plan, got.plan)


def test_excel_values_are_shown_as_excel_shows_them() -> None:
    import datetime as dt

    assert [
        display(v, f)
        for v, f in [
            (1234, "#,##0"),
            (0.523, "0.0%"),
            (-212, "#,##0;△#,##0"),
            (1900, '#,##0"人"'),
            (25, '"年"0"件"'),
            (1.45, "General"),
            (0.1 + 0.2, "General"),
            (1234567, "#,##0,"),
            (0, '0;-0;"－"'),
            (dt.datetime(2024, 4, 1), "yyyy/m/d"),
            (0.85, "0%"),
            (12.0, "0.0"),
            (dt.datetime(2014, 4, 1), 'yyyy"年度"'),
            (dt.datetime(2022, 4, 1), '[$-ja-JP]ggge"年度"'),
            (44652, '[$-411]ggge"年度"'),  # a serial: openpyxl knows no era format for a date
            (dt.datetime(2019, 4, 30), 'ge"."m"."d'),
            (dt.datetime(2024, 4, 1, 10, 30), "h:mm"),
        ]
    ] == [
        "1,234",
        "52.3%",
        "△212",
        "1,900人",
        "年25件",
        "1.45",
        "0.3",
        "1,235",
        "－",
        "2024/4/1",
        "85%",
        "12.0",
        "2014年度",
        "令和4年度",
        "令和4年度",
        "H31.4.30",
        "2024-04-01 10:30",
    ]


def test_excel_hidden_sheets_rows_and_merged_ranges(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPI"
    for row in [
        ["取組方針", "指標", "現状値", "目標値"],
        [1, "移住者数", 120, 200],
        [None, "転入者数", 380, 430],
        ["（旧）", "古い指標", 1, 2],
    ]:
        ws.append(row)
    ws.merge_cells("A2:A3")
    ws.row_dimensions[4].hidden = True
    ws["C2"].number_format = '#,##0"人"'
    hidden = wb.create_sheet("作業用")
    hidden.append(["集計用の値"])
    hidden.sheet_state = "hidden"
    wb.save(str(tmp_path / "k.xlsx"))
    lines = [(ln.cells, ln.address) for ln in path_to_document(tmp_path / "k.xlsx").lines]
    assert lines == [
        (("取組方針", "指標", "現状値", "目標値"), "KPI!A1:D1"),
        (("1", "移住者数", "120人", "200"), "KPI!A2:D2"),
        (("", "転入者数", "380", "430"), "KPI!A3:D3"),
    ]


# --- web pages ------------------------------------------------------------------------------------


def _soffice(files: list[Path], target: str, out: Path) -> None:
    """LibreOffice converts the files in one start, with a profile of its own (one LibreOffice
    at a time on this machine)."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp, _soffice_lock():
        profile = f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}"
        subprocess.run(
            [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(out)]
            + [str(f) for f in files],
            check=True,
            capture_output=True,
            timeout=900,
        )
    missing = [f.name for f in files if not list(out.glob(f.stem + ".*"))]
    assert not missing, f"LibreOffice made nothing of {missing}"


@pytest.fixture(scope="module")
def web_pages(texts: dict[str, tuple[str, RunResult]], folder: Path) -> Path:
    """LibreOffice's HTML of each plan's Word file with its numbers printed in the text (its
    HTML filter writes Word's numbered lists as plain `<ol>`, losing `基本目標%1`)."""
    made = [
        forms.text_to_docx(text, want, folder / f"{case}-web.docx", numbering=False)
        for case, (text, want) in texts.items()
    ]
    _soffice(made, "html", folder / "web")
    return folder / "web"


@pytest.fixture(scope="module")
def xhtml_pages(texts: dict[str, tuple[str, RunResult]], folder: Path) -> Path:
    """LibreOffice's XHTML of each plan's Word file with Word's numbering: each list label is
    printed as text in a `<span>`, and the style sheet sets `li { list-style: none }`. (Bullets
    stay text: this filter prints a bullet list's ・ twice.)"""
    made = [
        forms.text_to_docx(texts[case][0], texts[case][1], folder / f"{case}-x.docx", bullets=False)
        for case in XHTML_CASES
    ]
    _soffice(made, "xhtml:XHTML Writer File:UTF8", folder / "xhtml")
    return folder / "xhtml"


@pytest.mark.parametrize("case", CASES)
def test_a_web_page_reads_as_its_text(
    case: str, texts: dict[str, tuple[str, RunResult]], web_pages: Path, rules: Rules
) -> None:
    got = run(web_pages / f"{case}-web.html", rules=rules)
    _same_as_text(texts[case][1], got, "html")
    _not_paged(got)


@pytest.fixture(scope="module")
def numbered_pages(texts: dict[str, tuple[str, RunResult]], folder: Path) -> Path:
    """LibreOffice's HTML of each plan's Word file with Word's own numbering of goals and
    policies: its HTML filter writes each numbered heading in a plain `<ol>` (`<ol start="2">
    <li><h1>…`), the label Word prints (`基本目標%1　`, `（%1）`) lost."""
    made = [
        forms.text_to_docx(text, want, folder / f"{case}-num.docx")
        for case, (text, want) in texts.items()
    ]
    _soffice(made, "html", folder / "numbered")
    return folder / "numbered"


# third_plan prints its goal's label (`【基本目標1】`) nowhere but in the heading Word numbers, and
# its only goal is the only heading of its level: `1. 観光で…` is read as a policy of 第4章.
NUMBERED_CASES = [c for c in CASES if c != "third_plan"]


@pytest.mark.parametrize("case", NUMBERED_CASES)
def test_a_web_page_of_word_numbered_headings(
    case: str, texts: dict[str, tuple[str, RunResult]], numbered_pages: Path, rules: Rules
) -> None:
    """The heading's number is the count, as Word counts an outline list (on from the level's
    last heading, again after a higher one), in the label the page prints before the same
    title elsewhere (a 体系 table's `１．村の振興…`), else one by the level's rank."""
    path = numbered_pages / f"{case}-num.html"
    page = path.read_text(encoding="utf-8")
    want = texts[case][1]
    if forms.plan_lists(forms.plan_parts(texts[case][0], want)).split:
        assert re.search(r"<li>\s*<h\d", page)  # the form this test is about
    _same_as_text(want, run(path, rules=rules), "html")


# Plans whose goals and policies Word numbers in different formats (%1 with a word, （%1）, ①, ア,
# a list restarted per goal, the seed's (1) and 取組方針%1).
XHTML_CASES = [
    "kpi_flags_notes",
    "roman_goals_tables",
    "village_inline",
    "bracket_goals_kana",
    "seed",
]


@pytest.mark.parametrize("case", XHTML_CASES)
def test_an_xhtml_page_with_printed_list_labels(
    case: str, texts: dict[str, tuple[str, RunResult]], xhtml_pages: Path, rules: Rules
) -> None:
    got = run(xhtml_pages / f"{case}-x.xhtml", rules=rules)
    _same_as_text(texts[case][1], got, "html")


# A municipality's page around the plan: semantic elements (HTML5) …
SITE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>総合戦略</title>
<style>nav a {{ color: blue }}</style><script>var plan = "基本目標１　偽の目標";</script></head>
<body><header class="site-header"><p>こまくさ市役所</p>
<nav><ul><li><a href="/">トップページへ戻る</a></li><li>基本目標１　しごとをつくる</li>
<li>重要業績評価指標（KPI）一覧</li></ul></nav></header>
<div class="breadcrumb"><a href="/">サイトの入口</a> &gt; 総合戦略</div>
<main>{body}</main>
<aside><h2>関連ページ</h2><ul><li>基本目標２　人口ビジョン</li></ul></aside>
<footer><p>© こまくさ市　お問い合わせ 0123-45-6789</p></footer></body></html>"""
# … or the older layout of divisions named by id, as many Japanese municipal sites still are
SITE_DIVS = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>総合戦略</title></head><body>
<div id="header"><p>こまくさ市役所</p><div id="gnavi"><ul><li><a href="/">トップページへ戻る</a>
</li><li>基本目標１　しごとをつくる</li></ul></div></div>
<div id="pankuzu"><a href="/">サイトの入口</a> &gt; 総合戦略</div>
<div id="contents">{body}</div>
<div id="side"><h2>関連ページ</h2><ul><li>基本目標２　人口ビジョン</li></ul></div>
<div id="footer"><p>© こまくさ市　お問い合わせ 0123-45-6789</p></div>
<script>var plan = "基本目標１　偽の目標";</script></body></html>"""


@pytest.mark.parametrize("case", CASES)
def test_a_municipal_sites_page(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """The plan as a municipal CMS writes a page (forms.text_to_municipal_page): `<div>`s and
    `<p class="midashi">` with a `<span>` number, no h tags, `<dl>` lists, `<caption>` and
    `<th scope="row">`, the CMS's `tmp_` ids around it; in Shift_JIS with a `<meta charset>`
    where the plan's characters survive it (〜 comes back as ～), else UTF-8."""
    text, want = texts[case]
    charset = "Shift_JIS" if forms.cp932_safe(text) else "UTF-8"
    path = folder / f"{case}-cms.html"
    path.write_bytes(forms.text_to_municipal_page(text, want, charset=charset))
    got = run(path, rules=rules)
    _same_as_text(want, got, "html")
    # the side bar's lines are not read (its title, its link named like a goal)
    assert not any(
        ln.text in ("このカテゴリの他のページ", "基本目標１　人口ビジョン")
        for ln in got.document.lines
    )
    if charset == "Shift_JIS":
        assert got.document.encoding in ("shift_jis", "cp932", "windows-31j")


# markdownify writes a raised note number as a plain digit (the seed's and second_plan's notes
# lose their markers) and the whole page, its side bar too (hashira_bullets_tanto takes the side
# bar's `基本目標１　人口ビジョン` for a project)
CMS_MARKDOWN_LOSES = {"seed", "second_plan", "hashira_bullets_tanto"}


@pytest.mark.parametrize("case", [c for c in CASES if c not in CMS_MARKDOWN_LOSES])
def test_markdownify_of_a_municipal_page(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """markdownify's Markdown of the CMS page: `<dl>` as definition lines (`:   ・…`), a table
    with a `<caption>` written without its header's delimiter row."""
    import markdownify

    from extract.ingest.shortrows import add_missing_delimiters

    text, want = texts[case]
    page = forms.text_to_municipal_page(text, want, charset="UTF-8").decode("utf-8")
    md = markdownify.markdownify(page, heading_style="ATX", table_infer_header=True)
    if "<caption>" in page:  # the form this test is about: rows without a delimiter row
        assert add_missing_delimiters(md) != md
    path = folder / f"{case}-cms.md"
    path.write_text(md, encoding="utf-8")
    _same_as_text(want, run(path, rules=rules), "markdown")


def test_a_web_pages_sentences_of_like_length_are_no_printed_measure(
    texts: dict[str, tuple[str, RunResult]],
) -> None:
    """A page whose target sentences are of like length with a space the writer set in each
    (`…（現状値：令和５年度 79億円）。`) has no print measure: lines with no space are wider than
    it, and no page prints a line wider than its measure (the sentence had been cut at the
    space and its target lost). A converter's lines of a PDF keep theirs
    (test_pymupdf4llm_markdown_of_a_pdf_reads_as_its_text)."""
    import markdownify

    from extract.ingest.markdown import _prepare
    from extract.ingest.mdpdf import print_margin

    case = "juten_bunya_alpha_policies_trend_words"
    text, want = texts[case]
    page = forms.text_to_municipal_page(text, want, charset="UTF-8").decode("utf-8")
    md = markdownify.markdownify(page, heading_style="ATX", table_infer_header=True)
    assert "令和５年度 79億円）。" in md
    assert print_margin(_prepare(md).split("\n")) is None


def test_municipal_pages_use_shift_jis() -> None:
    """Most test plans are written in Shift_JIS by the test above (its other branch is not all)."""
    cases = [c for c in CASES if forms.cp932_safe(path_to_text(_source(c))[0])]
    assert len(cases) >= len(CASES) // 2


@pytest.mark.parametrize("site", [SITE, SITE_DIVS], ids=["html5", "divisions"])
@pytest.mark.parametrize("case", ["seed", "kihon_senryaku_merged", "village_inline"])
def test_only_the_main_content_of_a_site_is_read(
    case: str,
    site: str,
    texts: dict[str, tuple[str, RunResult]],
    web_pages: Path,
    rules: Rules,
    tmp_path: Path,
) -> None:
    """The plan published in a municipality's site: its header, navigation, breadcrumbs, side
    bar, footer and scripts (which quote goal headings) are left out."""
    from bs4 import BeautifulSoup

    page = (web_pages / f"{case}-web.html").read_text(encoding="utf-8")
    body = BeautifulSoup(page, "lxml").body.decode_contents()
    path = tmp_path / "plan.htm"
    path.write_text(site.format(body=body), encoding="utf-8")
    got = run(path, rules=rules)
    _same_as_text(texts[case][1], got, "html")
    printed = "\n".join(ln.text for ln in got.document.lines)
    for word in (
        "こまくさ市役所",
        "トップページへ",
        "サイトの入口",
        "関連ページ",
        "0123-45",
        "偽の目標",
    ):
        assert word not in printed


def test_html_grid_lists_and_whitespace() -> None:
    from extract.ingest.html import html_to_blocks

    page = """<h2>基本目標１
    しごとをつくる</h2>
    <p>地場産業の
    振興を図ります。<br>次の行</p>
    <ol type="i" start="3"><li>三つ目</li><li value="7">七つ目</li></ol>
    <ul><li>・印のある項目</li><li>印のない項目<ul><li>下位の項目</li></ul></li></ul>
    <table><tr><th rowspan="2">指標</th><th colspan="2">数値</th></tr>
    <tr><th>現状値</th><th>目標値</th></tr>
    <tr><td>移住者数<sup>※1</sup></td><td>12<br>人</td><td>20m<sup>2</sup></td></tr></table>
    <p><a href="#fn1">1</a> 注記の本文</p>
    <section class="footnotes" role="doc-endnotes"><ol><li id="fn1"><p>pandoc の注
    <a href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section>"""
    got = [(b.cells, b.heading_level) for b in html_to_blocks(page)]
    assert got == [
        (("基本目標１しごとをつくる",), 2),  # a source line break between Japanese: nothing
        (("地場産業の振興を図ります。",), 0),
        (("次の行",), 0),
        (("iii. 三つ目",), 0),
        (("vii. 七つ目",), 0),
        (("・印のある項目",), 0),
        (("・印のない項目",), 0),
        (("・下位の項目",), 0),
        (("指標", "数値", ""), 0),
        (("", "現状値", "目標値"), 0),
        (("移住者数<sup>1</sup>", "12人", "20m²"), 0),
        (("<sup>1</sup> 注記の本文",), 0),
        (("<sup>1</sup> pandoc の注",), 0),
    ]


def test_a_layout_table_is_read_as_the_page_it_lays_out() -> None:
    """An older page laid out by a table (a menu cell beside the content cell): the content's
    headings, paragraphs and tables are read as themselves."""
    from extract.ingest.html import html_to_blocks

    page = """<table><tr><td><ul><li>メニュー</li></ul></td><td>
    <h2>基本目標１</h2><p>方向の説明</p>
    <table><tr><th>指標</th><th>現状値</th></tr><tr><td><p>移住</p><p>者数</p></td>
    <td>12人</td></tr></table></td></tr></table>"""
    assert [b.cells for b in html_to_blocks(page)] == [
        ("・メニュー",),
        ("基本目標１",),
        ("方向の説明",),
        ("指標", "現状値"),
        ("移住者数", "12人"),  # a cell's paragraphs joined as wrapped lines
    ]


def test_a_web_page_saved_under_another_name_is_a_web_page(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("<!DOCTYPE html><html><body><h1>基本目標１　しごと</h1></body></html>")
    doc = path_to_document(path)
    assert doc.source_format == "html" and [ln.text for ln in doc.lines] == ["基本目標１　しごと"]


def test_spread_puts_a_merged_cell_in_its_first_grid_cell() -> None:
    rows = [
        [GridCell("a", rowspan=2), GridCell("b", colspan=2)],
        [GridCell("c"), GridCell("d")],
        [GridCell("e"), GridCell("f", colspan=2, rowspan=2)],
        [GridCell("g")],
    ]
    assert spread(rows) == [["a", "b", ""], ["", "c", "d"], ["e", "f", ""], ["g", "", ""]]


# --- files other programs wrote ----------------------------------------------------------------


@pytest.fixture(scope="module")
def office_files(texts: dict[str, tuple[str, RunResult]], folder: Path) -> Path:
    """The flat ODF documents the PDF tests print (tests/render_pdf.py: outline headings, real
    footnotes, ruled tables, running headers; tests/producers.py: the Calc sheet) saved by
    LibreOffice as a Word file and as an Excel workbook."""
    out = folder / "office"
    out.mkdir()
    writer, calc = [], []
    for case, (text, _) in texts.items():
        (out / f"{case}.fodt").write_text(text_to_fodt(text), encoding="utf-8")
        writer.append(out / f"{case}.fodt")
        if "\t" in text:  # a sheet needs a table
            (out / f"{case}.fods").write_text(text_to_fods(text), encoding="utf-8")
            calc.append(out / f"{case}.fods")
    _soffice(writer, "docx", out)
    _soffice(calc, "xlsx", out)
    return out


@pytest.mark.parametrize("case", CASES)
def test_a_word_file_writer_wrote(
    case: str, texts: dict[str, tuple[str, RunResult]], office_files: Path, rules: Rules
) -> None:
    got = run(office_files / f"{case}.docx", rules=rules)
    _same_as_text(texts[case][1], got, "docx")
    assert all(ln.text != "第3期 総合戦略" for ln in got.document.lines)  # the running header


# (a plan that prints no table — colon_list_kpis, village_labelled_values — gives Calc no sheet)
@pytest.mark.parametrize("case", [c for c in CASES if b"\t" in _source(c).read_bytes()])
def test_a_workbook_calc_wrote(
    case: str, texts: dict[str, tuple[str, RunResult]], office_files: Path, rules: Rules
) -> None:
    _same_as_text(texts[case][1], run(office_files / f"{case}.xlsx", rules=rules), "xlsx")


@pytest.mark.parametrize("case", CASES)
def test_a_web_page_written_for_a_browser(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """The page the Chromium producer prints (tests/producers.py): `<sup><a href="#fn1">`
    markers, an `<ol class="footnotes">` whose style sheet hides its numbers."""
    text, want = texts[case]
    path = folder / f"{case}-browser.html"
    path.write_text(text_to_html(text, "IPAexGothic"), encoding="utf-8")
    _same_as_text(want, run(path, rules=rules), "html")


# --- Markdown -------------------------------------------------------------------------------------


@pytest.mark.parametrize("html_tables", [False, True], ids=["pipe_tables", "html_tables"])
@pytest.mark.parametrize("case", CASES)
def test_a_converters_markdown_reads_as_its_text(
    case: str,
    html_tables: bool,
    texts: dict[str, tuple[str, RunResult]],
    folder: Path,
    rules: Rules,
) -> None:
    """Goals as `###` headings, policies as `**（１）…**` lines, pipe tables with `<br>` in wrapped
    cells (or HTML tables with rowspan/colspan, as MinerU and marker write merged cells), `- `
    bullets, escapes and `<!-- page n -->` markers."""
    text, want = texts[case]
    md = forms.text_to_markdown(text, want, html_tables=html_tables)
    assert ("<table>" in md) == (html_tables and "\t" in text)
    path = folder / f"{case}-{int(html_tables)}.md"
    path.write_text(md, encoding="utf-8")
    got = run(path, rules=rules)
    _same_as_text(want, got, "markdown")
    markers = md.count("<!-- page")
    assert got.document.pages == (markers + 1 if markers else None)
    if markers:  # the lines before the first marker have no page; the others have theirs
        assert {ln.page for ln in got.document.lines} == {None, *range(2, markers + 2)}


# pandoc numbers a Word file's footnotes from 1 again (the seed's start at 9: numStart is lost),
# and its Markdown writes “ ” as straight quotes, which its own reader makes curly again
PANDOC_LOSES = {
    "seed": "footnote numbers",
    "jyuten_bracket_bullets": "curly quotes",
}


@pytest.mark.parametrize(
    ("case", "to"),
    [
        (case, to)
        for to, sample in (("markdown", CASES[::2]), ("gfm", CASES[1::6]), ("html", CASES[3::6]))
        for case in sample  # a pandoc run a case: a sample of the plans
        if not (case == "seed" or (case in PANDOC_LOSES and to == "markdown"))
    ],
)
def test_pandoc_made_from_the_word_file(
    case: str,
    to: str,
    texts: dict[str, tuple[str, RunResult]],
    web_pages: Path,
    folder: Path,
    rules: Rules,
) -> None:
    """pandoc's Markdown (its own dialect: grid tables with merged cells, multiline and simple
    tables), GitHub's Markdown and HTML of the Word file (numbers typed in the text, cells
    merged down)."""
    import pypandoc

    source = folder / f"{case}-web.docx"  # written by the web_pages fixture
    assert web_pages.is_dir() and source.is_file()
    path = folder / f"{case}-pandoc.{'html' if to == 'html' else to + '.md'}"
    pypandoc.convert_file(
        str(source), to, outputfile=str(path), extra_args=["--standalone"] * (to == "html")
    )
    got = run(path, rules=rules)
    _same_as_text(texts[case][1], got, "html" if to == "html" else "markdown")


# third_plan's one goal is the only heading of its level, its label printed nowhere else
PANDOC_NUMBERED = [c for c in CASES if c not in ("third_plan", "seed")]


@pytest.mark.parametrize(
    ("case", "to"),
    [(case, "gfm") for case in PANDOC_NUMBERED[::4]]
    + [(case, "html") for case in PANDOC_NUMBERED[2::4]],
)
def test_pandoc_of_a_word_file_with_word_numbered_headings(
    case: str, to: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """pandoc drops the numbers Word prints before its numbered headings (`# 村の振興` where
    Word prints `基本目標１　村の振興`): a heading takes the label the plan prints before its
    title elsewhere, the rest of its level that label's form with their count, and a level
    printed nowhere a label by its rank when the document's headings have no number at all or
    the level beside it prints its own (`## 施策1-1-1 …` under `# 安心して…`)."""
    import pypandoc

    text, want = texts[case]
    source = forms.text_to_docx(text, want, folder / f"{case}-pandoc-num.docx")
    path = folder / f"{case}-num-pandoc.{'html' if to == 'html' else 'md'}"
    pypandoc.convert_file(
        str(source), to, outputfile=str(path), extra_args=["--standalone"] * (to == "html")
    )
    if forms.plan_lists(forms.plan_parts(text, want)).split:  # the form this test is about
        heads = re.findall(
            r"^#+ (.*)$|<h\d[^>]*>(.*?)</h\d>", path.read_text(encoding="utf-8"), re.M
        )
        numbered = forms.plan_lists(forms.plan_parts(text, want)).split.values()
        assert {n.title for n in numbered} & {a or b for a, b in heads}
    _same_as_text(want, run(path, rules=rules), "html" if to == "html" else "markdown")


@pytest.mark.parametrize(
    "case", [c for c in CASES[::3] + ["seed"] if c not in PANDOC_LOSES or c == "seed"]
)
def test_pandoc_markdown_of_the_web_page(
    case: str,
    texts: dict[str, tuple[str, RunResult]],
    web_pages: Path,
    folder: Path,
    rules: Rules,
) -> None:
    """pandoc's Markdown of LibreOffice's HTML: headings with their attributes (`{#id
    .western}`), fenced divs around the notes (`::: {#sdfootnote1}`), lone `\\` lines, grid
    tables with merged cells, raised links to the notes (`^[^1^](#sdfootnote1sym)^`)."""
    import pypandoc

    path = folder / f"{case}-web-pandoc.md"
    pypandoc.convert_file(str(web_pages / f"{case}-web.html"), "markdown", outputfile=str(path))
    assert "{#" in path.read_text(encoding="utf-8")  # the form this test is about
    _same_as_text(texts[case][1], run(path, rules=rules), "markdown")


def test_pandoc_tables_are_read_with_their_spans() -> None:
    from extract.ingest.markdown import text_to_document

    md = """前文

+----------------------+------------------+-------+
| 基本目標             | 施策             | 数    |
+======================+==================+=======+
| 基本目標１　しごと   | （１）農業の振興 | ２    |
| をつくる             +------------------+-------+
|                      | （２）商業の振興 | ３    |
+----------------------+------------------+-------+
| 基本目標２　ひと                                |
+-------------------------------------------------+

  ---------------------------------
  指標             現状値   目標値
  ---------------- -------- -------
  新規就農者数     ３人     ８人

  観光入込客数     12万人   15万人
  ---------------------------------

  名前   値
  ------ ------
  Ａ     1
  Ｂ     2

後文
"""
    doc = text_to_document(md, "plan.md", "utf-8")
    rows = [ln.cells for ln in doc.lines if len(ln.cells) > 1]
    assert rows == [
        ("基本目標", "施策", "数"),
        ("基本目標１　しごとをつくる", "（１）農業の振興", "２"),
        ("", "（２）商業の振興", "３"),
        ("基本目標２　ひと", "", ""),
        ("指標", "現状値", "目標値"),
        ("新規就農者数", "３人", "８人"),
        ("観光入込客数", "12万人", "15万人"),
        ("名前", "値"),
        ("Ａ", "1"),
        ("Ｂ", "2"),
    ]
    # the lines after the tables keep their numbers
    last = next(ln for ln in doc.lines if ln.text == "後文")
    assert last.address == f"md line {md.split(chr(10)).index('後文') + 1}"


def test_short_rows_and_html2text_rows() -> None:
    """markdownify / html2text leave a cell merged down out of the rows below: the row's cells
    go right-aligned, or under the leading columns where they open as those columns' values;
    html2text's empty cell ended by a hard break (a line of spaces) keeps the row in its table."""
    import html2text

    from extract.ingest.markdown import text_to_document
    from extract.ingest.shortrows import join_broken_rows, place_short_rows, raw_cells

    cells = ("| a | b |", "a | b | c", "| a \\| b | c |", "|  x  ")
    assert [raw_cells(x) for x in cells] == [2, 3, 2, 1]
    grid = [["基本戦略", "基本方針", "数"], ["基本戦略１", "基本方針（１）", "２"], ["x", "y", ""]]
    assert place_short_rows(grid, [3, 3, 2]) == [*grid[:2], ["", "x", "y"]]
    grid = [["政策", "施策"], ["政策１", "施策1-1"], ["政策２", ""]]
    assert place_short_rows(grid, [2, 2, 1])[2] == ["政策２", ""]  # opens as 政策１ does
    # its first value decides: a later one that opens as a cell further left is no proof (a
    # sheet's project row under a label merged down; `農林課` opens as the policy `農林業の…`)
    grid = [
        ["施策番号", "1-2", ""],
        ["施策名", "農林業の担い手の確保", ""],
        ["主な事業", "事業名", "担当課"],
        ["林業就業支援事業", "農林課", ""],
    ]
    assert place_short_rows(grid, [3, 3, 3, 2])[3] == ["", "林業就業支援事業", "農林課"]
    # html2text's row that ends early (no outer pipes): left, unless its values fit further right
    grid = [
        ["指標", "現状値", "目標値"],
        ["新規就農者数", "３人", "年５人"],
        ["（４０歳未満）", "", ""],
    ]
    assert place_short_rows(grid, [3, 3, 1], {2})[2] == ["（４０歳未満）", "", ""]
    assert place_short_rows(grid, [3, 3, 1])[2] == ["", "", "（４０歳未満）"]
    page = (
        "<table><tr><th>政策</th><th>施策</th><th>事業</th></tr>"
        '<tr><td rowspan="2">政策１</td><td rowspan="2">施策1-1</td><td>事業Ａ</td></tr>'
        "<tr><td><p></p><p>事業Ｂ</p></td></tr></table><p>後の段落</p>"
    )
    h = html2text.HTML2Text()
    h.body_width = 0
    doc = text_to_document(h.handle(page), "plan.md", "utf-8")
    rows = [ln.cells for ln in doc.lines if len(ln.cells) > 1]
    assert rows == [("政策", "施策", "事業"), ("政策１", "施策1-1", "事業Ａ"), ("", "", "事業Ｂ")]
    assert any(ln.text == "後の段落" for ln in doc.lines)
    # a line of spaces before a table of its own is no broken row
    two = "| a | b |\n|---|---|\n| 1 | 2 |\n  \n| c | d |\n|---|---|\n| 3 | 4 |\n"
    assert join_broken_rows(two) == two
    # a row after a line of spaces that breaks at an empty cell of its own: joined too
    rows = "a | b | c | d  \n---|---|---|---  \n1 | 2 | 3 |    \n  \n5 | 6 |    \n|  \n  \n"
    joined = join_broken_rows(rows).split("\n")
    assert joined[3] == "5 | 6 | |  "


def test_html2text_tables_as_it_writes_them() -> None:
    """html2text's tables have no outer pipes: an empty first or last cell is a pipe at the
    row's edge; a cell holding line breaks breaks its row (and a header) over lines; a header
    cell across the table (colspan) is a lone `---` table; a `<caption>` opens the header's
    first cell; tables follow one another without a blank line; a raised note number is a
    plain ` 1`, its note `1` alone on a line above its text. Each is read as the HTML was."""
    from extract.ingest.markdown import text_to_document

    md = (
        "成果指標\n\n"
        "指標名 |  現状値 |    \n|  目標値 |    \n  \n---|---|---|---|---  \n"
        "年度 |  値 |  年度 |  値  \n新規就農者数 |  R5 |  年6人 |  R11 |  年10人  \n  \n\n"
        "取組方針1 しごとの場をつくる  \n---  \n政策分野 |  事務事業【所管課】 |  関連  \n"
        "農業 |  鳥獣被害対策事業【農林】 |    \n  \n  \n|  農村活性化事業【農政】 |  ○  \n  \n\n"
        "【数値目標】 数値目標| 基準値| 目標値  \n---|---|---  \n従業者数| 15,820人| 16,000人  \n"
        "【主な事業】 施策| 事業名| 担当課  \n---|---|---  \n（１）| 茶業後継者育成事業| 農林課  \n"
        "茶輸出促進事業| 農林課  \n  \n\n"
        "指標 |  現状値 |  目標値  \n---|---|---  \nクルーズ船寄港数 1 |  4回 |  10回  \n  \n\n"
        "1\n寄港数は暦年で集計する。\n"
    )
    doc = text_to_document(md, "plan.md", "utf-8")
    assert [ln.cells for ln in doc.lines if not ln.is_blank] == [
        ("成果指標",),
        ("指標名", "現状値", "", "目標値", ""),
        ("", "年度", "値", "年度", "値"),
        ("新規就農者数", "R5", "年6人", "R11", "年10人"),
        ("取組方針1 しごとの場をつくる",),
        ("政策分野", "事務事業【所管課】", "関連"),
        ("農業", "鳥獣被害対策事業【農林】", ""),
        ("", "農村活性化事業【農政】", "○"),
        ("【数値目標】",),
        ("数値目標", "基準値", "目標値"),
        ("従業者数", "15,820人", "16,000人"),
        ("【主な事業】",),
        ("施策", "事業名", "担当課"),
        ("（１）", "茶業後継者育成事業", "農林課"),
        ("", "茶輸出促進事業", "農林課"),
        ("指標", "現状値", "目標値"),
        ("クルーズ船寄港数 <sup>1</sup>", "4回", "10回"),
        ("<sup>1</sup> 寄港数は暦年で集計する。",),
    ]
    # the lines keep their numbers: the note is on the line its number is on
    assert doc.lines[-1].address == f"md line {md.split(chr(10)).index('1') + 1}"


def _short_rows(md: str) -> int:
    """The rows of the Markdown's pipe tables that write fewer cells than their header."""
    from extract.ingest.shortrows import raw_cells

    short, header = 0, 0
    for line in md.split("\n"):
        if not line.lstrip().startswith("|"):
            header = 0
        elif not header:
            header = raw_cells(line)
        elif not set(line.strip()) <= set("|-: "):
            short += raw_cells(line) < header
    return short


@pytest.mark.parametrize("case", CASES)
def test_markdown_made_from_the_web_page(
    case: str,
    texts: dict[str, tuple[str, RunResult]],
    web_pages: Path,
    folder: Path,
    rules: Rules,
) -> None:
    """markdownify's Markdown of LibreOffice's HTML, whose KPI and project tables merge their
    first column down: markdownify leaves a cell merged down out of the rows below, so those
    rows have fewer cells than the header (placed right-aligned, not shifted left)."""
    import markdownify

    want = texts[case][1]
    page = (web_pages / f"{case}-web.html").read_text(encoding="utf-8")
    # markdownify takes a table's first row as its header only when nothing precedes it, and
    # LibreOffice writes <col> widths first
    page = re.sub(r"<col\b[^>]*>", "", page)
    md = markdownify.markdownify(page, heading_style="ATX", table_infer_header=True)
    if "rowspan" in page:  # the form this test is about: rows shorter than their header
        assert _short_rows(md)
    path = folder / f"{case}-from-html.md"
    path.write_text(md, encoding="utf-8")
    _same_as_text(want, run(path, rules=rules), "markdown")


# Not read exactly yet from html2text's Markdown (measured, README): a row with its first cell
# merged down and its other cells as wide as the header is ambiguous without the pipes
# html2text leaves out (kouzubeki_text_values, two_row_kpi_wrapped), a note whose number it drops
# (the seed), a table whose cells hold several paragraphs (jyuten_senryaku_sources).
H2T_LOSES = {"kouzubeki_text_values", "two_row_kpi_wrapped", "seed", "jyuten_senryaku_sources"}
H2T_CMS_LOSES = {
    "two_row_kpi_wrapped",
    "bunyabetsu_setsu",
    "a3_spread_table",
    "kouzubeki_text_values",
    "mura_kpi_lines",
    "jyuten_mokuhyo_milestones",
    "seisaku_roles_bullets",
    "taikei_goals_setsu_policies",
    "mokuhyo_hoshin_actual_last",
    "second_plan",
    "third_plan",
    # (a KPI beside each project: html2text joins the project and KPI cells a row's wrapped
    # lines part, and the KPIs take the projects' names)
    "jigyo_kpi_tanto_multi",
    *CMS_MARKDOWN_LOSES,  # the side bar's links read as the plan's, as from markdownify
}


@pytest.mark.parametrize("case", [c for c in CASES[::2] if c not in H2T_LOSES])
def test_html2text_of_the_web_page(
    case: str,
    texts: dict[str, tuple[str, RunResult]],
    web_pages: Path,
    folder: Path,
    rules: Rules,
) -> None:
    """html2text's Markdown of LibreOffice's HTML, as a new user makes it (its defaults)."""
    import html2text

    page = (web_pages / f"{case}-web.html").read_text(encoding="utf-8")
    path = folder / f"{case}-html2text.md"
    path.write_text(html2text.html2text(page), encoding="utf-8")
    _same_as_text(texts[case][1], run(path, rules=rules), "markdown")


@pytest.mark.parametrize("case", [c for c in CASES[1::2] if c not in H2T_CMS_LOSES])
def test_html2text_of_a_municipal_page(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """html2text's Markdown of the CMS page: captions before the header's first cell, tables
    one under another, the site's navigation links."""
    import html2text

    text, want = texts[case]
    page = forms.text_to_municipal_page(text, want, charset="UTF-8").decode("utf-8")
    path = folder / f"{case}-cms-html2text.md"
    path.write_text(html2text.html2text(page), encoding="utf-8")
    _same_as_text(want, run(path, rules=rules), "markdown")


def test_markdown_habits_of_converters() -> None:
    from extract.ingest.markdown import text_to_document

    md = """---
title: 総合戦略
---

<!-- page 3 -->
### 1. しごとをつくる

**(1) 地場産業の振興**

地場産業の
振興を図ります。\\
次の行

・農業産出額　８．６億円（2014年度）→
９．０億円（2019年度）
・林業産出額　１．２億円→１．５億円
（２）森林資源を活かした産業をおこす
【基本的方向】
林業の担い手を育てます。
① 新規就農者数:1.4人/年
→ 4組/年

- ・印のある項目
* 印のない項目
1. 番号の項目

| 指標 | 現状値 | 目標値 |
|---|---|---|
| ふるさと納税の<br>寄附件数[^1] | 1\\,850件 | 年5,000件 |
|  | 3 \\| 4 | |

[^1]: 寄附件数は年度で数える。

<table><tr><td rowspan="2">1</td><td>移住者数</td></tr><tr><td>転入者数</td></tr></table>

{4}------------------------------------------------

![図1](figure.png)
<span id="page-5-0"></span>最後の行

<!-- PageBreak -->

<!-- PageNumber="9" -->
九ページの行
"""
    doc = text_to_document(md, "plan.md", "utf-8")
    got = [(ln.cells, ln.heading_level, ln.page) for ln in doc.lines]
    assert got == [
        (("1. しごとをつくる",), 3, 3),
        (("(1) 地場産業の振興",), 4, 3),
        (("地場産業の振興を図ります。",), 0, 3),
        (("次の行",), 0, 3),
        (("・農業産出額\u3000８．６億円（2014年度）→９．０億円（2019年度）",), 0, 3),
        (("・林業産出額\u3000１．２億円→１．５億円",), 0, 3),
        (("（２）森林資源を活かした産業をおこす",), 0, 3),  # a heading ends its line
        (("【基本的方向】",), 0, 3),  # so does a caption
        (("林業の担い手を育てます。",), 0, 3),
        (("① 新規就農者数:1.4人/年→ 4組/年",), 0, 3),  # an item with a figure runs on
        (("・印のある項目",), 0, 3),
        (("・印のない項目",), 0, 3),
        (("1. 番号の項目",), 0, 3),
        (("指標", "現状値", "目標値"), 0, 3),
        (("ふるさと納税の寄附件数<sup>1</sup>", "1,850件", "年5,000件"), 0, 3),
        (("", "3 | 4", ""), 0, 3),
        (("<sup>1</sup> 寄附件数は年度で数える。",), 0, 3),
        (("1", "移住者数"), 0, 3),
        (("", "転入者数"), 0, 3),
        (("最後の行",), 0, 5),
        (("九ページの行",), 0, 9),
    ]
    assert doc.lines[0].address == "md line 6"


def test_markdown_as_pymupdf4llm_writes_a_pdf() -> None:
    """Each page's running header kept between the pages' text, page numbers on lines of their
    own, `ColN` for a header cell it found empty, and the lines above a table taken into its
    header, a list of one item for a caption's ■ or ◎: the running header is left out (counted
    as page furniture), the header's lines are lines again, the caption a caption."""
    from extract.ingest.markdown import text_to_document

    md = """第3 期 総合戦略

# 基本目標１　しごとをつくる

＜主な事業＞

|・観光情報発信事業 ◎施策の目標|Col2|Col3|
|---|---|---|
|指標|現状値|目標値|
|教育旅行の受入校数|年８７校|年１１１校|

                                   - 1

第3 期 総合戦略

＜主な事業＞

本文の続き

- 施策の目標

指標の説明

- 企業立地促進事業

担当課：企業立地推進課

- 10

－ ２ －

第3 期 総合戦略

＜主な事業＞
"""
    doc = text_to_document(md, "plan.md", "utf-8")
    assert [ln.cells for ln in doc.lines] == [
        ("基本目標１\u3000しごとをつくる",),
        ("＜主な事業＞",),
        ("・観光情報発信事業",),
        ("◎施策の目標",),
        ("指標", "現状値", "目標値"),
        ("教育旅行の受入校数", "年８７校", "年１１１校"),
        (" " * 31 + "- 1",),  # a code block to CommonMark: its first four spaces are the mark
        ("＜主な事業＞",),
        ("本文の続き",),
        ("■ 施策の目標",),  # a caption whose ◎ the converter made a list mark
        ("指標の説明",),
        ("・企業立地促進事業",),  # a ◆ bullet it made one: a bullet
        ("担当課：企業立地推進課",),
        ("- 10",),  # a page number
        ("－ ２ －",),
        ("＜主な事業＞",),
    ]
    assert doc.layout_lines == 3


@pytest.mark.parametrize(
    ("case", "dialect"),
    [(case, dialect) for case in CASES for dialect in forms.DIALECTS],
)
def test_markdown_in_each_converters_dialect(
    case: str,
    dialect: str,
    texts: dict[str, tuple[str, RunResult]],
    folder: Path,
    rules: Rules,
) -> None:
    """docling (`## ` for every heading, a merged cell repeated in each cell it covers, a note
    number as a plain digit), marker (`# ` goals, bold policies, `<br>` in cells, its page
    separators and anchors) and MinerU (`# ` for every heading, HTML tables with rowspan,
    `$^{1}$` notes), each written from the plan's parts, read to the text's records."""
    text, want = texts[case]
    md = forms.text_to_markdown_as(text, want, dialect)
    notes = "<sup>" in text
    if dialect == "docling":  # its habits are in the file
        assert not re.search(r"^#(?!# )|<br>|<sup>", md, re.M)
    elif dialect == "marker":
        assert '<span id="page-0-0"></span>' in md and not re.search(r"^### ", md, re.M)
    else:
        assert ("<table>" in md) == ("\t" in text) and ("$^{" in md) == notes
        assert not re.search(r"^##", md, re.M)
    path = folder / f"{case}-{dialect}.md"
    path.write_text(md, encoding="utf-8")
    _same_as_text(want, run(path, rules=rules), "markdown")


@pytest.mark.parametrize("case", CASES)
def test_docling_tables_a_page_broke(
    case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """docling's Markdown with each long table broken in two, the rest without its header (its
    first row written as one, a merged first column's value again): one table, as the PDF
    reader stitches it."""
    text, want = texts[case]
    md = forms.split_tables(forms.text_to_markdown_as(text, want, "docling"))
    path = folder / f"{case}-docling-split.md"
    path.write_text(md, encoding="utf-8")
    _same_as_text(want, run(path, rules=rules), "markdown")


def test_a_heading_numbered_by_a_list_gets_its_label_back() -> None:
    """LibreOffice's HTML of Word's numbered headings: `<ol start>` as it writes it (a list
    that starts at 3 says 3 on every item), the count as Word counts, the label from the
    体系 table, a level's rank where the page prints none, none before a heading that prints
    its own number; pandoc's unnumbered heading takes the label printed before its title."""
    from extract.ingest.html import html_to_blocks

    page = """<table><tr><td>１．村の振興</td><td>①　農業の担い手</td></tr>
<tr><td></td><td>②　森林の活用</td></tr></table>
<ol><li><h1>村の振興</h1></li></ol><ol><ol><li><h2>農業の担い手</h2></li></ol></ol>
<ol><ol start="2"><li><h2>森林の活用</h2></li></ol></ol>
<ol start="2"><li><h1>人の流れ</h1></li></ol><ol><ol><li><h2>移住の促進</h2></li></ol></ol>
<ol start="3"><li><h1>第3章のつもり</h1></li></ol><ol start="3"><li><h1>次の章</h1></li></ol>
<ol><li><h2><span>ア　</span>交流</h2></li></ol><h2>森林の活用</h2><h2>はじめに</h2>"""
    heads = [b.cells[0] for b in html_to_blocks(page) if b.heading_level]
    assert heads == [
        "１．村の振興",
        "①　農業の担い手",
        "②　森林の活用",
        "２．人の流れ",
        "①　移住の促進",
        "第3章のつもり",
        "４．次の章",
        "ア　交流",
        "②　森林の活用",
        "はじめに",
    ]


def test_markdown_habits_of_pdf_converters() -> None:
    """What converters of PDFs do to a plan's lines, undone: printed lines kept, a short one
    ending its paragraph; a paragraph joined from printed lines with spaces broken again;
    autospace between Japanese and Latin text or figures taken out; note numbers printed flat
    raised again; a page number made a list item; the previous table's cells copied into a
    header; a header row at a page's foot written as underlined words."""
    from extract.ingest.markdown import text_to_document

    full = (
        "地域の担い手を確保し、農林水産業の生産性を高めるとともに、創業と企業立地を支援して若い世代"
    )
    md = f"""第3 期 総合戦略

{full}
が働く場をつくります。
・農業産出額 ８．６億円（2014 年度）→９．０億円（2019 年度）
村の基幹産業である農林業の担い手の高齢化が進み、耕作放棄地や手入れの行き届かない森林が増えて
います。
基本目標５ 市民と行政が協働するまち
{full}
を進めます。

{full} を進めます。 【重要業績評価指標（KPI）】 ・保育所等におけるICT 化推進等事業 施策1-1-1 妊娠・出産の支援

|取組方針|重要業績評価指標（KPI）|現状値|
|---|---|---|
|1|クルーズ船寄港数1|4 回|
||1 日あたりの滞在人口|-323 人（10 年累計）|

1寄港数は暦年で集計する。
※ 2 町外在住者の数。^3^ 注記 $^{{4}}$

|取組方針 1 1日あたりの滞在人口 ■主な事業|重要業績評価指標（KPI） 現状値 4回 -323人（10年累計）|
|---|---|
|事業名|担当課|
|ICT 化推進事業|企画課|

<u>評価指標</u> <u>策定時</u>

- 2 -

第3 期 総合戦略

|基本戦略１　しごとをつくる|基本方針（１）　担い手|
|---|---|
|基本戦略１　しごとをつくる|基本方針（２）　創業|
|基本方針|基本方針|

                                   - 3

第3 期 総合戦略

以上

- １．村の振興の要となる産業を育てる
- 【数値目標】
"""
    doc = text_to_document(md, "plan.md", "utf-8")
    got = [ln.cells for ln in doc.lines]
    assert got == [
        (full + "が働く場をつくります。",),  # a full printed line wraps on; a short one ends
        ("・農業産出額 ８．６億円（2014年度）→９．０億円（2019年度）",),
        (
            "村の基幹産業である農林業の担い手の高齢化が進み、耕作放棄地や手入れの行き届かない森林が増えています。",
        ),
        ("基本目標５ 市民と行政が協働するまち",),
        (full + "を進めます。",),
        (full,),  # a space at a full printed line's end is the line's end
        ("を進めます。",),
        ("【重要業績評価指標（KPI）】",),
        ("・保育所等におけるICT化推進等事業",),
        ("施策1-1-1 妊娠・出産の支援",),  # a heading's own space after its number kept
        ("取組方針", "重要業績評価指標（KPI）", "現状値"),
        ("1", "クルーズ船寄港数<sup>1</sup>", "4回"),
        ("", "1日あたりの滞在人口", "-323人（10年累計）"),
        ("<sup>1</sup> 寄港数は暦年で集計する。",),
        ("※2 町外在住者の数。<sup>3</sup> 注記<sup>4</sup>",),
        ("■主な事業",),  # the cells of the table before taken out of the header
        ("事業名", "担当課"),
        ("ICT化推進事業", "企画課"),
        ("評価指標", "策定時"),
        ("- 2 -",),
        ("基本戦略１\u3000しごとをつくる", "基本方針（１）\u3000担い手"),
        ("", "基本方針（２）\u3000創業"),  # a merged cell repeated down is printed once
        ("基本方針", ""),  # and one repeated across
        (" " * 31 + "- 3",),
        ("以上",),
        ("１．村の振興の要となる産業を育てる",),  # a heading made a list item: no bullet
        ("【数値目標】",),
    ]
    assert doc.layout_lines == 3  # the running header on each page


def test_a_table_split_at_a_page_break_goes_on() -> None:
    """A project list that runs onto the next page with its header printed again, the page's
    number, notes and running header between: one table, its header once (as the PDF reader
    reads it), so that a merged 政策分野 goes on down. The same header after text that is not
    the page's furniture starts a table of its own."""
    from extract.ingest.markdown import text_to_document

    md = """第3 期 総合戦略

|政策分野|事務事業【所管課】|
|---|---|
|食料・農業・農村|鳥獣被害対策事業【農林】|

※1 注記。

- 7 -

第3 期 総合戦略

|政策分野|事務事業【所管課】|
|---|---|
||鳥獣被害防止総合支援事業【農林】|

取組方針2 まちの魅力を高める

|政策分野|事務事業【所管課】|
|---|---|
|観光|まちなか観光推進事業【観光】|

- 8 -

第3 期 総合戦略
"""
    doc = text_to_document(md, "plan.md", "utf-8")
    assert [ln.cells for ln in doc.lines if len(ln.cells) > 1] == [
        ("政策分野", "事務事業【所管課】"),
        ("食料・農業・農村", "鳥獣被害対策事業【農林】"),
        ("", "鳥獣被害防止総合支援事業【農林】"),
        ("政策分野", "事務事業【所管課】"),
        ("観光", "まちなか観光推進事業【観光】"),
    ]


# A few test plans printed by Writer, read to exactly their text's records from pymupdf4llm's
# Markdown of the PDF (measured on all thirteen: README; twelve read exactly). Its layout mode
# (the default when pymupdf-layout is installed) joins a paragraph's lines and misreads some
# tables' columns, and reads three plans exactly.
PYMUPDF_CASES = {
    "classic": [
        "roman_goals_tables",
        "colon_list_kpis",
        "two_row_kpi_wrapped",
        "sogo_keikaku_sesaku",
        "chapter_goals_projects",
        "kpi_flags_notes",
        "second_plan",
    ],
    "layout": ["village_inline", "bracket_goals_kana", "third_plan"],
}


@pytest.fixture(scope="module")
def writer_pdfs(texts: dict[str, tuple[str, RunResult]], folder: Path) -> Path:
    """The plans as Writer prints them (tests/render_pdf.py), in one LibreOffice start."""
    made = []
    for case in sorted({c for cases in PYMUPDF_CASES.values() for c in cases}):
        path = folder / "fodt" / f"{case}.fodt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_to_fodt(texts[case][0]), encoding="utf-8")
        made.append(path)
    _soffice(made, "pdf", folder / "pdf")
    return folder / "pdf"


def _pymupdf4llm() -> object:
    try:
        import pymupdf4llm
    except ImportError:
        if IN_CI:
            pytest.fail("pymupdf4llm is missing under CI=true: install the dev extra.")
        pytest.skip("pymupdf4llm not installed (the dev extra)")
    return pymupdf4llm


@pytest.mark.parametrize(
    ("mode", "case"), [(m, c) for m, cases in PYMUPDF_CASES.items() for c in cases]
)
def test_pymupdf4llm_markdown_of_a_pdf_reads_as_its_text(
    mode: str,
    case: str,
    texts: dict[str, tuple[str, RunResult]],
    writer_pdfs: Path,
    folder: Path,
    rules: Rules,
) -> None:
    converter = _pymupdf4llm()
    layout = mode == "layout"
    if layout:
        pytest.importorskip("pymupdf.layout", reason="pymupdf-layout not installed")
    converter.use_layout(layout)  # type: ignore[attr-defined]
    try:
        md = converter.to_markdown(str(writer_pdfs / f"{case}.pdf"), use_ocr=False)  # type: ignore[attr-defined]
    finally:
        converter.use_layout(False)  # type: ignore[attr-defined]
    path = folder / f"{case}-pymupdf4llm-{mode}.md"
    path.write_text(md, encoding="utf-8")
    _same_as_text(texts[case][1], run(path, rules=rules), "markdown")


@pytest.mark.parametrize("case", ["roman_goals_tables", "kpi_flags_notes", "second_plan"])
def test_a_word_file_made_from_the_pdf(
    case: str, texts: dict[str, tuple[str, RunResult]], writer_pdfs: Path, rules: Rules
) -> None:
    """pdf2docx's Word file of the plan's PDF: each paragraph a block of printed lines at an
    exact line height (a line that opens an item run on after the one before), the autospace
    printed as a space, the running header and page numbers, a raised note number flat
    (`寄港数1` … `1寄港数は…`): read as the PDF is."""
    import docx
    from pdf2docx import Converter

    from extract.ingest.docxpdf import made_from_pdf

    path = writer_pdfs / f"{case}.docx"
    converter = Converter(str(writer_pdfs / f"{case}.pdf"))
    try:
        converter.convert(str(path))
    finally:
        converter.close()
    assert made_from_pdf(docx.Document(str(path)).element.body)  # the form this test is about
    _same_as_text(texts[case][1], run(path, rules=rules), "docx")


LO_PDF_CASES = ["roman_goals_tables", "second_plan", "village_inline"]


def test_a_word_file_libreoffice_made_from_the_pdf(
    texts: dict[str, tuple[str, RunResult]], writer_pdfs: Path, folder: Path, rules: Rules
) -> None:
    """LibreOffice's PDF import saved as Word (`--infilter=writer_pdf_import`): each printed
    line a text box placed on its page, a table's rules thin shapes. Read as the page prints
    it: boxes at one height one line, a line within a table's rules a row of the columns the
    rules draw (a cell's wrapped lines joined between two horizontal rules), a paragraph's
    line that fills the measure going on in the next."""
    import docx

    from extract.ingest.docxpdf import text_boxes_page

    out = folder / "pdf-import"
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp, _soffice_lock():
        profile = f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}"
        subprocess.run(
            [soffice, profile, "--headless", "--infilter=writer_pdf_import"]
            + ["--convert-to", "docx", "--outdir", str(out)]
            + [str(writer_pdfs / f"{case}.pdf") for case in LO_PDF_CASES],
            check=True,
            capture_output=True,
            timeout=900,
        )
    for case in LO_PDF_CASES:
        path = out / f"{case}.docx"
        assert text_boxes_page(docx.Document(str(path)).element.body)  # the form tested
        _same_as_text(texts[case][1], run(path, rules=rules), "docx")


# --- the run, the report, the review page -----------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "form", "words"),
    [
        (".docx", "docx", "Word 文書"),
        (".xlsx", "xlsx", "Excel ブック"),
        (".md", "markdown", "Markdown"),
    ],
)
def test_the_outputs_say_the_form_and_show_no_page(
    suffix: str,
    form: str,
    words: str,
    texts: dict[str, tuple[str, RunResult]],
    tmp_path: Path,
) -> None:
    """metadata.json and the report name the form; a finding's card shows the source lines with
    where they are in the file, and no picture of a page (there is none)."""
    text, want = texts["seed"]
    plan = tmp_path / f"plan{suffix}"
    if form == "docx":
        forms.text_to_docx(text, want, plan)
    elif form == "xlsx":
        forms.text_to_xlsx(text, want, plan)
    else:
        plan.write_text(forms.text_to_markdown(text, want), encoding="utf-8")
    out = tmp_path / "out"
    done = plan_extract("run", str(plan), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"plan{suffix}（{words}）" in done.stdout
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["source_format"] == form
    report = (out / "report.html").read_text(encoding="utf-8")
    assert f'data-form="{form}"' in report and words in report
    assert "page-picture" not in report and 'class="page-link"' not in report
    assert '<pre class="src">' in report
    address = {"docx": "[table ", "xlsx": "[基本目標", "markdown": "[md line "}[form]
    assert address in report
    findings = (out / "findings.csv").read_text(encoding="utf-8")
    assert findings.count("\n") > 1
    assert words in (out / "report.md").read_text(encoding="utf-8")


# --- bad input ------------------------------------------------------------------------------------


def _encrypted_xlsx(path: Path, tmp_path: Path) -> Path:
    import msoffcrypto
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["指標", "現状値", "目標値"])
    wb.save(str(plain))
    with plain.open("rb") as src, path.open("wb") as dst:
        office = msoffcrypto.OfficeFile(src)
        office.encrypt("secret", dst)
    return path


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("plan.docx", lambda p, t: p.write_text("not a zip at all"), "not a Word file"),
        ("plan.xlsx", lambda p, t: p.write_bytes(b""), "empty"),
        ("plan.docx", lambda p, t: p.write_bytes(b""), "empty"),
        ("plan.xlsx", _encrypted_xlsx, "password-protected"),
        (
            "plan.xls",
            lambda p, t: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600),
            "97–2003",
        ),
        (
            "plan.docx",
            lambda p, t: zipfile.ZipFile(p, "w").writestr("notes.txt", "hello"),
            "not a Word (.docx) or Excel (.xlsx) file",
        ),
        (
            "plan.docx",
            lambda p, t: _broken_docx(p),
            "Word document",
        ),
        (
            "plan.odt",
            lambda p, t: _odt(p),
            "OpenDocument",
        ),
        ("plan.md", lambda p, t: p.write_text("   \n\n"), "empty"),
        ("plan.html", lambda p, t: p.write_text(""), "empty"),
        (
            "plan.html",
            lambda p, t: p.write_text("<html><body><nav>メニュー</nav></body></html>"),
            "holds no text",
        ),
        (
            "plan.md",
            lambda p, t: p.write_text("# はじめに\n\n本市の紹介です。\n", encoding="utf-8"),
            "no plan content",
        ),
    ],
)
def test_bad_input_in_these_forms_is_one_sentence(
    name: str, make: object, words: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    make(path, tmp_path)  # type: ignore[operator]
    out = tmp_path / "out"
    done = plan_extract("run", str(path), "--out", str(out))
    assert done.returncode == 2, done.stderr
    err = done.stderr.strip()
    assert words in err, err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert not out.exists()


def _broken_docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")


def _odt(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")


def test_a_zip_whose_xml_is_over_the_limit_is_refused(tmp_path: Path) -> None:
    from extract.errors import InputError
    from extract.pipeline import check_source
    from extract.settings import LimitSettings

    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:p/>" * 2_000_000)  # 12 MB, packed small
    assert path.stat().st_size < 100_000
    check_source(path, LimitSettings(max_text_mb=2))  # ten times the text limit: 20 MB
    with pytest.raises(InputError, match=r"unpacks to 12\.0 MB of XML"):
        check_source(path, LimitSettings(max_text_mb=1))


def test_list_numbers_in_words_formats() -> None:
    assert [list_number(n, "decimalEnclosedCircle") for n in (1, 20, 21, 50)] == [
        "①",
        "⑳",
        "㉑",
        "㊿",
    ]
    assert [list_number(n, "aiueoFullWidth") for n in (1, 2, 11)] == ["ア", "イ", "サ"]
    assert [list_number(n, "irohaFullWidth") for n in (1, 2, 3)] == ["イ", "ロ", "ハ"]
    assert [list_number(n, "japaneseCounting") for n in (1, 10, 11, 23, 105)] == [
        "一",
        "十",
        "十一",
        "二十三",
        "百五",
    ]
    assert list_number(14, "upperRoman") == "XIV" and list_number(3, "lowerLetter") == "c"
    assert list_number(12, "decimalFullWidth") == "１２" and list_number(3, "decimalZero") == "03"
    assert list_number(2, "decimalEnclosedParen") == "⑵"


def test_every_form_gets_a_role_for_each_line(
    texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """Headings found by Word's outline level and by Markdown's `#` are headings."""
    text, want = texts["kpi_flags_notes"]
    got = run(forms.text_to_docx(text, want, folder / "roles.docx"), rules=rules)
    goal_lines = [got.document.lines[g.source_line - 1] for g in got.plan.goals]
    assert all(ln.heading_level == 1 for ln in goal_lines)
    assert all(got.plan.line_roles[ln.no] is LineRole.HEADING for ln in goal_lines)


# markitdown (Microsoft's converter of office files for LLM pipelines): a Word file through
# mammoth — Word's list numbers not printed, footnotes renumbered from 1 as a closing list whose
# items link back (`1. … [↑](#footnote-ref-1)`) — and a workbook through pandas, each sheet a
# `## name` over one table whose empty cells print `NaN` and empty header cells `Unnamed: n`
# (measured on all the test plans: README).
MARKITDOWN_CASES = [
    ("docx", "second_plan"),
    ("docx", "kpi_flags_notes"),
    ("docx", "sogo_keikaku_sesaku"),
    ("xlsx", "roman_goals_tables"),
    ("xlsx", "two_row_kpi_wrapped"),
    ("xlsx", "mura_kpi_lines"),
    ("xlsx", "second_plan"),
]


def _markitdown(path: Path) -> str:
    try:
        from markitdown import MarkItDown
    except ImportError:
        if IN_CI:
            pytest.fail("markitdown is missing under CI=true: install the dev extra.")
        pytest.skip("markitdown not installed (the dev extra)")
    return MarkItDown().convert(str(path)).text_content


def _office_file(
    form: str, case: str, texts: dict[str, tuple[str, RunResult]], folder: Path
) -> Path:
    text, result = texts[case]
    path = folder / "markitdown" / f"{case}.{form}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if form == "docx":
        return forms.text_to_docx(text, result, path)
    return forms.text_to_xlsx(text, result, path)


@pytest.mark.parametrize(("form", "case"), MARKITDOWN_CASES)
def test_markitdown_of_a_word_file_or_a_workbook_reads_as_its_text(
    form: str, case: str, texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    md = _markitdown(_office_file(form, case, texts, folder))
    if form == "xlsx":
        assert md.lstrip().startswith("## ")  # the form this test is about: pandas' sheets
    path = folder / f"{case}-markitdown-{form}.md"
    path.write_text(md, encoding="utf-8")
    _same_as_text(texts[case][1], run(path, rules=rules), "markdown")


def test_markitdown_of_the_seeds_word_file_keeps_its_notes(
    texts: dict[str, tuple[str, RunResult]], folder: Path, rules: Rules
) -> None:
    """mammoth numbers the seed's notes 1–6 where the plan prints 9–14 (Word's own start is
    not in its HTML): the notes and the KPIs citing them are read, under mammoth's numbers."""
    md = _markitdown(_office_file("docx", "seed", texts, folder))
    path = folder / "seed-markitdown-docx.md"
    path.write_text(md, encoding="utf-8")
    got = run(path, rules=rules).plan
    want = texts["seed"][1].plan
    renumber = {n.footnote_no: k + 1 for k, n in enumerate(want.footnotes)}
    assert [(n.footnote_no, n.text) for n in got.footnotes] == [
        (renumber[n.footnote_no], n.text) for n in want.footnotes
    ]
    assert [(k.indicator, k.footnote_no) for k in got.kpis] == [
        (k.indicator, renumber.get(k.footnote_no))
        for k in want.kpis  # type: ignore[arg-type]
    ]
