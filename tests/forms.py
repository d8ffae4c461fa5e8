"""A test plan's text rendering written in the other forms a plan comes in, the way their
programs write them: a Word document (python-docx: heading styles, Word's own list numbering in
numbering.xml, tables with merged cells, footnotes), an Excel workbook (openpyxl: the plan sheet
by sheet, ruled tables, merged cells), and the Markdown a converter writes (pipe tables, `<br>`
in cells, bold policy lines, escapes, page markers).

Which lines are goals and policies is taken from the text path's own reading (`headings`), so
that a heading gets a heading style and its number can be left to Word's numbering.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extract.parse.indicators import turned_row
from extract.pipeline import RunResult
from extract.settings import ParseSettings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SETTINGS = ParseSettings()
MD_MARK = re.compile(r"^(#{1,6})\s+")
LIST_MARK = re.compile(r"^- ")
TOKENS = re.compile(r"(<b>|</b>|<sup>\s*\d+\s*</sup>)")
SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>")
FOOTNOTE_LINE = re.compile(r"^<sup>(\d+)</sup>\s*(.*)$")


# --- the plan's lines, grouped ----------------------------------------------------------------


@dataclass
class Part:
    """A paragraph (`rows` of one line) or a table (consecutive lines with tabs)."""

    kind: str  # "p" or "table"
    rows: list[list[str]]
    line: int  # the first line's number
    level: int = 0  # heading level: from `#` marks, or 1 for goals and 2 for policies
    role: str = ""  # "goal" or "policy"
    marked: bool = False  # the level is the text's own `#` marks
    record_rows: list[bool] = field(default_factory=list)  # a table row that starts a record


RECORD_FAMILIES = ("kpis", "numeric_targets", "projects", "footnotes", "departments")


def plan_parts(text: str, result: RunResult) -> list[Part]:
    plan = result.plan
    goals = {g.source_line for g in plan.goals}
    policies = {p.source_line for p in plan.policies}
    starts = {r.source_line for family in RECORD_FAMILIES for r in getattr(plan, family)}
    record_lines = {
        no
        for no, role in plan.line_roles.items()
        if role.value in ("kpi", "numeric_target", "project")
    }
    parts: list[Part] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and not lines[-1]:
        lines.pop()
    for no, line in enumerate(lines, start=1):
        if "\t" in line:
            cells = line.split("\t")
            if parts and parts[-1].kind == "table":
                parts[-1].rows.append(cells)
            else:
                parts.append(Part("table", [cells], no))
            # a row of a record's cells that starts no record: the record's cells wrapped (not
            # a turned table's row of values, which holds a field of every record above it)
            wrapped = no in record_lines and no not in starts
            parts[-1].record_rows.append(not wrapped or turned_row(cells, SETTINGS))
            continue
        level = 0
        m = MD_MARK.match(line)
        if m:
            level = len(m.group(1))
            line = line[m.end() :]
        role = "goal" if no in goals else "policy" if no in policies else ""
        marked = bool(level)
        if role and not level:
            level = 1 if role == "goal" else 2
        parts.append(Part("p", [[line]], no, level, role, marked))
    return parts


def runs(text: str) -> list[tuple[str, bool, str | None]]:
    """A line's `<b>` and `<sup>n</sup>` markup as runs: (text, bold, footnote number)."""
    out: list[tuple[str, bool, str | None]] = []
    bold = False
    for token in TOKENS.split(text):
        if token == "<b>":
            bold = True
        elif token == "</b>":
            bold = False
        elif SUP.fullmatch(token):
            out.append(("", bold, SUP.fullmatch(token).group(1)))  # type: ignore[union-attr]
        elif token:
            out.append((token, bold, None))
    return out


# --- Word ---------------------------------------------------------------------------------------

# A heading's leading number, as Word's numbering would print it: (pattern, lvlText, numFmt).
# The number's group is `n`; a word before it is `w`.
NUMBER_FORMS = [
    (r"【(?P<w>基本目標)(?P<n>[０-９]+)】", "【{w}%1】", "decimalFullWidth"),
    (r"【(?P<w>基本目標)(?P<n>[0-9]+)】", "【{w}%1】", "decimal"),
    (r"(?P<w>基本方針|施策)（(?P<n>[０-９]+)）", "{w}（%1）", "decimalFullWidth"),
    (r"(?P<w>基本目標|基本戦略|取組方針|施策)(?P<n>[０-９]+)", "{w}%1", "decimalFullWidth"),
    (r"(?P<w>基本目標|基本戦略|取組方針|施策)(?P<n>[0-9]+)", "{w}%1", "decimal"),
    (r"第(?P<n>[０-９]+)章", "第%1章", "decimalFullWidth"),
    (r"（(?P<n>[０-９]+)）", "（%1）", "decimalFullWidth"),
    (r"\((?P<n>[0-9]+)\)", "(%1)", "decimal"),
    (r"(?P<n>[０-９]+)．", "%1．", "decimalFullWidth"),
    (r"(?P<n>[0-9]+)\.", "%1.", "decimal"),
    (r"(?P<n>[①-⑳])", "%1", "decimalEnclosedCircle"),
    (r"(?P<n>[アイウエオカキクケコ])(?=\u3000)", "%1", "aiueoFullWidth"),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_AIUEO = "アイウエオカキクケコ"


def _number_value(token: str, fmt: str) -> int:
    if fmt == "decimalEnclosedCircle":
        return _CIRCLED.index(token) + 1
    if fmt == "aiueoFullWidth":
        return _AIUEO.index(token) + 1
    return int(token.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


@dataclass
class Numbered:
    """A heading's number split off: the level text Word prints and the number's value."""

    lvl_text: str
    fmt: str
    value: int
    title: str


def split_number(text: str) -> Numbered | None:
    for pattern, template, fmt in NUMBER_FORMS:
        m = re.match(pattern + r"(?P<sep>[\u3000 ]?)(?![-－0-9０-９])", text)
        if m:
            lvl_text = template.format(w=m.groupdict().get("w") or "") + m.group("sep")
            return Numbered(lvl_text, fmt, _number_value(m.group("n"), fmt), text[m.end() :])
    return None


@dataclass
class ListPlan:
    """Which headings Word numbers: goals at level 0 and policies at level 1 of one list when
    both are numbered the same way throughout; policies alone (restarted under each goal by a
    new list with startOverride) when only they are."""

    goal: tuple[str, str, int] | None = None  # (lvlText, numFmt, start)
    policy: tuple[str, str, int] | None = None
    split: dict[int, Numbered] = field(default_factory=dict)  # line → its number


def plan_lists(parts: list[Part]) -> ListPlan:
    out = ListPlan()
    heads = [p for p in parts if p.role]
    for role in ("goal", "policy"):
        found = [(p, split_number(p.rows[0][0].split("\t")[0])) for p in heads if p.role == role]
        if not found or any(n is None for _, n in found):
            continue
        forms = {(n.lvl_text, n.fmt) for _, n in found}  # type: ignore[union-attr]
        if len(forms) != 1:
            continue
        # Word counts on: the numbers must be what it would print.
        numbers = [n.value for _, n in found]  # type: ignore[union-attr]
        if role == "goal":
            ok = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        else:
            ok, expect, last_goal = True, 0, None
            for p, n in found:
                goal = max(
                    (g.line for g in heads if g.role == "goal" and g.line < p.line), default=0
                )
                expect = 1 if goal != last_goal else expect + 1
                last_goal = goal
                ok = ok and n.value == expect  # type: ignore[union-attr]
        if not ok:
            continue
        lvl_text, fmt = forms.pop()
        setattr(out, role, (lvl_text, fmt, numbers[0]))
        out.split.update({p.line: n for p, n in found})  # type: ignore[misc]
    return out


def _lvl(ilvl: int, lvl_text: str, fmt: str, start: int) -> str:
    lvl_text = lvl_text.replace("%1", f"%{ilvl + 1}")  # a level prints its own counter
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{lvl_text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
    )


class WordNumbering:
    """Lists added to the document's numbering.xml."""

    def __init__(self, document: object) -> None:
        self.root = document.part.numbering_part.element  # type: ignore[attr-defined]
        self.next_abstract = 1 + max(
            (
                int(a.get(f"{{{W_NS}}}abstractNumId"))
                for a in self.root.iter(f"{{{W_NS}}}abstractNum")
            ),
            default=0,
        )
        self.next_num = 1 + max(
            (int(n.get(f"{{{W_NS}}}numId")) for n in self.root.iter(f"{{{W_NS}}}num")), default=0
        )

    def abstract(self, levels: list[tuple[str, str, int]]) -> int:
        from docx.oxml import parse_xml

        aid = self.next_abstract
        self.next_abstract += 1
        xml = (
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{aid}">'
            '<w:multiLevelType w:val="multilevel"/>'
            + "".join(_lvl(i, *lv) for i, lv in enumerate(levels))
            + "</w:abstractNum>"
        )
        element = parse_xml(xml)
        nums = list(self.root.iter(f"{{{W_NS}}}num"))
        if nums:
            nums[0].addprevious(element)  # every abstractNum before the first num
        else:
            self.root.append(element)
        return aid

    def num(self, aid: int, restart: dict[int, int] | None = None) -> int:
        from docx.oxml import parse_xml

        nid = self.next_num
        self.next_num += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for ilvl, start in (restart or {}).items()
        )
        self.root.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
                f"{overrides}</w:num>"
            )
        )
        return nid


def _number_paragraph(paragraph: object, num_id: int, ilvl: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


class Footnotes:
    """word/footnotes.xml, which python-docx does not write: notes cited with Word's own
    footnote references, numbered from `start`."""

    def __init__(self, document: object, start: int) -> None:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        sep = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>"
        )
        self.root = parse_xml(f'<w:footnotes xmlns:w="{W_NS}">{sep}</w:footnotes>')
        part = XmlPart(
            PackURI("/word/footnotes.xml"),
            CT.WML_FOOTNOTES,
            self.root,
            document.part.package,  # type: ignore[attr-defined]
        )
        document.part.relate_to(part, RT.FOOTNOTES)  # type: ignore[attr-defined]
        settings = document.settings.element  # type: ignore[attr-defined]
        pr = parse_xml(
            f'<w:footnotePr xmlns:w="{W_NS}"><w:numStart w:val="{start}"/></w:footnotePr>'
        )
        settings.insert(0, pr)
        sect = document.sections[-1]._sectPr  # type: ignore[attr-defined]
        sect.insert(0, copy.deepcopy(pr))
        self.next_id = 1

    def add(self, text: str) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        nid = self.next_id
        self.next_id += 1
        note = parse_xml(
            f'<w:footnote xmlns:w="{W_NS}" w:id="{nid}"><w:p><w:r><w:rPr>'
            '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        note.findall(f".//{qn('w:t')}")[0].text = " " + text
        self.root.append(note)
        return nid


def _reference(paragraph: object, note_id: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.append(  # type: ignore[attr-defined]
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


def _write_runs(paragraph: object, text: str, notes: dict[str, int] | None) -> None:
    for chunk, bold, marker in runs(text):
        if marker is not None:
            if notes is not None and marker in notes:
                _reference(paragraph, notes[marker])
            else:
                run = paragraph.add_run(marker)  # type: ignore[attr-defined]
                run.font.superscript = True
                run.bold = bold or None
            continue
        run = paragraph.add_run(chunk)  # type: ignore[attr-defined]
        if bold:
            run.bold = True


def _merges(rows: list[list[str]]) -> tuple[list[int], list[tuple[int, int]]]:
    """Where a program would merge: rows of one caption across the table (gridSpan), and the
    first column's empty cells under a filled one (vMerge), as a KPI table's 取組方針 column or a
    project list's 政策分野 column is merged in a Word original."""
    width = max(len(r) for r in rows)
    across = [
        i
        for i, r in enumerate(rows)
        if width > 1 and r[0].strip() and not any(c.strip() for c in r[1:])
    ]
    down: list[tuple[int, int]] = []
    start = None
    for i, r in enumerate(rows):
        if i in across:
            start = None
            continue
        if r[0].strip():
            start = i
        elif start is not None and (not down or down[-1][1] != i - 1 or down[-1][0] != start):
            down.append((start, i))
        elif start is not None:
            down[-1] = (start, i)
    return across, down


def text_to_docx(
    text: str,
    result: RunResult,
    path: Path,
    *,
    footnotes: bool = True,
    numbering: bool = True,
    merge_down: bool = True,
    bullets: bool = True,
) -> Path:
    """The plan as a Word original: goals and policies in heading styles with Word's numbering
    where it prints their numbers, ・ lines as a bullet list, tables with merged cells, cited
    `<sup>n</sup>` notes as Word footnotes."""
    import docx

    document = docx.Document()
    parts = plan_parts(text, result)
    lists = plan_lists(parts) if numbering else ListPlan()
    numbering_ = WordNumbering(document)
    levels = [lv for lv in (lists.goal, lists.policy) if lv]
    aid = numbering_.abstract(levels) if levels else None
    shared = numbering_.num(aid) if aid is not None and lists.goal else None
    bullet_list = numbering_.num(numbering_.abstract([("・", "bullet", 1)]))
    # footnote lines whose number is cited in the body become Word footnotes
    note_lines = {}
    cited = set(
        SUP.findall(
            "\n".join(r for p in parts if p.kind == "table" for r in map("\t".join, p.rows))
        )
    )
    cited |= {
        n
        for p in parts
        if p.kind == "p" and not FOOTNOTE_LINE.match(p.rows[0][0])
        for n in SUP.findall(p.rows[0][0])
    }
    for p in parts:
        m = FOOTNOTE_LINE.match(p.rows[0][0]) if p.kind == "p" else None
        if m and m.group(1) in cited:
            note_lines[m.group(1)] = (p.line, m.group(2))
    notes: dict[str, int] | None = None
    order = sorted(note_lines, key=int)
    if (
        footnotes
        and order
        and [int(n) for n in order] == list(range(int(order[0]), int(order[0]) + len(order)))
    ):
        fn = Footnotes(document, int(order[0]))
        notes = {n: fn.add(note_lines[n][1]) for n in order}
    skip = {line for line, _ in note_lines.values()} if notes else set()
    policy_num = None
    for p in parts:
        if p.line in skip:
            continue
        if p.kind == "table":
            _table(document, p.rows, notes, merge_down)
            continue
        line = p.rows[0][0]
        style = f"Heading {p.level}" if p.level else None
        numbered = lists.split.get(p.line)
        if numbered is not None:
            line = numbered.title
        bulleted = bullets and not p.role and re.match(r"^(?:- )?・", line)
        if bulleted:
            line = re.sub(r"^(?:- )?・", "", line)
        elif LIST_MARK.match(line):
            line = line[2:]
        paragraph = document.add_paragraph(style=style)
        _write_runs(paragraph, line, notes)
        if numbered is not None and p.role == "goal" and shared is not None:
            _number_paragraph(paragraph, shared, 0)
        elif numbered is not None and p.role == "policy":
            if shared is not None:
                _number_paragraph(paragraph, shared, 1)
            else:
                if policy_num is None or policy_num[1] != _goal_of(parts, p):
                    policy_num = (numbering_.num(aid, {0: 1}), _goal_of(parts, p))  # type: ignore[arg-type]
                _number_paragraph(paragraph, policy_num[0], 0)
        elif bulleted:
            _number_paragraph(paragraph, bullet_list, 0)
    document.save(str(path))
    return path


def office_habits(path: Path) -> Path:
    """A Word file as offices make one by hand: headings set in bold by direct formatting on
    a plain paragraph (no heading style, no outline level; their numbers typed in the text),
    each table's header row repeated on every page (`tblHeader`), and each table laid in a
    one-cell table that frames it (a nested table)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            paragraph.style = document.styles["Normal"]
            for run in paragraph.runs:
                run.bold = True
    for table in list(document.tables):
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))
        frame = parse_xml(
            f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
            '<w:tcW w:w="9000" w:type="dxa"/></w:tcPr></w:tc></w:tr></w:tbl>'
        )
        table._tbl.addprevious(frame)
        cell = frame.find(qn("w:tr")).find(qn("w:tc"))
        cell.append(table._tbl)
        cell.append(parse_xml(f'<w:p xmlns:w="{W_NS}"/>'))  # a cell ends with a paragraph
    document.save(str(path))
    return path


_REV = 'w:id="{id}" w:author="企画課" w:date="2024-03-01T00:00:00Z"'
_BOX = (
    '<w:p xmlns:w="{w}" xmlns:mc="{mc}" xmlns:wp="{wp}" xmlns:a="{a}" xmlns:wps="{wps}" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" '
    'distL="0" distR="0" simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" '
    'relativeHeight="2"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
    '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
    '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="5400000" cy="2000000"/>'
    '<wp:wrapTopAndBottom/><wp:docPr id="{id}" name="テキスト ボックス {id}"/><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{table}<w:p/>'
    "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent>{table}<w:p/></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def word_review_habits(path: Path) -> Path:
    """A Word file as it comes back from review: tracked changes left in (each paragraph's
    text an insertion, a deleted phrase after it, a deleted row under each table's header),
    a comment on each heading, and each table laid in a text box (with the VML copy Word
    writes for older readers). The text shown is the changes accepted."""
    import copy

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    ids = iter(range(1000, 100000))
    ns = f'xmlns:w="{W_NS}"'
    for paragraph in document.paragraphs:
        runs = paragraph._p.findall(qn("w:r"))
        if not runs or not paragraph.text.strip():
            continue
        if paragraph.style.name.startswith("Heading"):
            document.add_comment(paragraph.runs, text="数値を確認", author="企画課")
            runs = paragraph._p.findall(qn("w:r"))
        ins = parse_xml(f"<w:ins {ns} {_REV.format(id=next(ids))}/>")
        runs[0].addprevious(ins)
        for run in runs:
            ins.append(run)
        ins.addnext(
            parse_xml(
                f"<w:del {ns} {_REV.format(id=next(ids))}><w:r><w:delText>（旧案の文）"
                "</w:delText></w:r></w:del>"
            )
        )
    body = document.element.body
    for n, tbl in enumerate(body.findall(qn("w:tbl")), start=1):
        rows = tbl.findall(qn("w:tr"))
        gone = copy.deepcopy(rows[0])
        trpr = gone.find(qn("w:trPr"))
        if trpr is None:
            trpr = parse_xml(f"<w:trPr {ns}/>")
            gone.insert(0, trpr)
        trpr.append(parse_xml(f"<w:del {ns} {_REV.format(id=next(ids))}/>"))
        for t in gone.iter(qn("w:t")):
            t.tag = qn("w:delText")
        for r in gone.iter(qn("w:r")):
            if r.getparent().tag != qn("w:del"):
                wrap = parse_xml(f"<w:del {ns} {_REV.format(id=next(ids))}/>")
                r.addprevious(wrap)
                wrap.append(r)
        rows[0].addnext(gone)
        from lxml import etree

        table = etree.tostring(tbl, encoding="unicode")
        table = re.sub(r'\sxmlns:\w+="[^"]*"', "", table)
        box = parse_xml(
            _BOX.format(
                w=W_NS,
                mc="http://schemas.openxmlformats.org/markup-compatibility/2006",
                wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
                a="http://schemas.openxmlformats.org/drawingml/2006/main",
                wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
                id=n,
                table=table,
            )
        )
        tbl.addprevious(box)
        body.remove(tbl)
    document.save(str(path))
    return path


def cp932_safe(text: str) -> bool:
    """Whether a page in Shift_JIS (Windows' code page 932, characters it lacks written as
    references) gives back exactly this text: 〜 (WAVE DASH) comes back as ～."""
    import html

    return html.unescape(text.encode("cp932", "xmlcharrefreplace").decode("cp932")) == text


def _goal_of(parts: list[Part], part: Part) -> int:
    return max((p.line for p in parts if p.role == "goal" and p.line < part.line), default=0)


def _table(
    document: object, rows: list[list[str]], notes: dict[str, int] | None, merge_down: bool
) -> None:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, value in enumerate(r):
            paragraph = table.cell(i, j).paragraphs[0]
            _write_runs(paragraph, value, notes)
    across, down = _merges(rows)
    for i in across:
        table.cell(i, 0).merge(table.cell(i, width - 1))
    for first, last in down if merge_down else []:
        table.cell(first, 0).merge(table.cell(last, 0))


# --- Excel --------------------------------------------------------------------------------------


def _rich(text: str) -> object:
    """A cell's `<sup>n</sup>` marker as a raised run of Excel rich text; `<b>` dropped."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    pieces = runs(text)
    if not any(marker for _, _, marker in pieces):
        return "".join(chunk for chunk, _, _ in pieces)
    raised = InlineFont(vertAlign="superscript")
    return CellRichText(
        *[TextBlock(raised, marker) if marker else chunk for chunk, _, marker in pieces]
    )


def _sheet_rows(ws: object, parts: list[Part], *, ruled: bool = True) -> None:
    from openpyxl.styles import Border, Font, Side

    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1  # type: ignore[attr-defined]
    for p in parts:
        if p.kind == "p":
            line = re.sub(r"</?b>", "", p.rows[0][0])
            if line.strip():
                cell = ws.cell(row, 1, value=line)  # type: ignore[attr-defined]
                if p.level:
                    cell.font = Font(bold=True)
            row += 1
            continue
        width = max(len(r) for r in p.rows)
        rows = [r + [""] * (width - len(r)) for r in p.rows]
        top = row
        for r in rows:
            for j, value in enumerate(r, start=1):
                cell = ws.cell(row, j, value=_rich(value) or None)  # type: ignore[attr-defined]
                if ruled:
                    cell.border = grid
            row += 1
        across, down = _merges(rows)
        for i in across:
            ws.merge_cells(start_row=top + i, start_column=1, end_row=top + i, end_column=width)  # type: ignore[attr-defined]
        for first, last in down:
            ws.merge_cells(start_row=top + first, start_column=1, end_row=top + last, end_column=1)  # type: ignore[attr-defined]


def text_to_xlsx(text: str, result: RunResult, path: Path) -> Path:
    """The plan as a workbook read sheet by sheet: what comes before the first goal on one
    sheet, each goal (to the next) on a sheet of its own; tables ruled, merged as a program
    merges them."""
    from openpyxl import Workbook

    parts = plan_parts(text, result)
    headed = {p.line for p in parts if p.role == "goal"}
    first_policy: dict[int, int] = {}
    for policy in result.plan.policies:
        first_policy.setdefault(policy.goal_no, policy.source_line)
    # a goal printed only in an overview table (no heading of its own): its sheet opens at its
    # first policy
    opened = {
        first_policy[g.goal_no]
        for g in result.plan.goals
        if g.source_line not in headed and g.goal_no in first_policy
    }
    wb = Workbook()
    ws = wb.active
    ws.title = "はじめに"
    goal = 0
    for p in parts:
        if p.role == "goal" or (p.line in opened and p.role == "policy"):
            goal += 1
            ws = wb.create_sheet(f"基本目標{goal}")
        _sheet_rows(ws, [p])
    wb.save(str(path))
    return path


_NUMBER_CELL = re.compile(
    r"^(?P<neg>△)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?P<unit>%|[^\d\s<>%()（）]{1,4})?$"
)
_YEAR_CELL = re.compile(
    r"^(?:(?P<ad>(?:19|20)\d\d)|令和(?P<reiwa>[1-9]\d?)|平成(?P<heisei>[1-9]\d?))年度$"
)


def _office_value(text: str) -> tuple[object, str] | None:
    """A cell as an office types it into Excel: a figure as a number under a number format
    that shows it as printed (`47.8%` → 0.478 under `0.0%`, `216,406百万円` → 216406 under
    `#,##0"百万円"`), a year as a date under a date format (`令和4年度` → 2022-04-01 under
    `ggge"年度"`); None for a cell kept as text."""
    import datetime as dt

    m = _NUMBER_CELL.match(text)
    if m and not (m.group("int").startswith("0") and len(m.group("int")) > 1):
        digits = m.group("int").replace(",", "") + (m.group("dec") or "")
        value = float(digits) if m.group("dec") else int(digits)
        decimals = "." + "0" * (len(m.group("dec")) - 1) if m.group("dec") else ""
        body = ("#,##0" if "," in m.group("int") else "0") + decimals
        unit = m.group("unit") or ""
        if unit == "%":
            value, fmt = value / 100, body + "%"
        else:
            fmt = body + (f'"{unit}"' if unit else "")
        if m.group("neg"):
            value, fmt = -value, f"{fmt};△{fmt}"
        return value, fmt
    y = _YEAR_CELL.match(text)
    if y:
        if y.group("ad"):
            return dt.datetime(int(y.group("ad")), 4, 1), 'yyyy"年度"'
        year = (
            int(y.group("reiwa") or 0) + 2018 if y.group("reiwa") else int(y.group("heisei")) + 1988
        )
        if y.group("heisei") and year > 2018:
            return None
        return dt.datetime(year, 4, 1), '[$-ja-JP]ggge"年度"'
    return None


def office_workbook(path: Path) -> Path:
    """A workbook as an office keeps it: figures typed as numbers under number formats and
    years as dates under date formats (each showing what the plan prints), a working column
    (hidden) beside each sheet's tables and a superseded row (hidden) above the first table."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.cell_range import CellRange

    wb = load_workbook(str(path), rich_text=True)
    for ws in wb.worksheets:
        table_rows = []
        for row in ws.iter_rows():
            filled = [c for c in row if c.value is not None]
            if len(filled) >= 2:
                table_rows.append(row[0].row)
            for cell in row:
                if isinstance(cell.value, str) and (typed := _office_value(cell.value)):
                    cell.value, cell.number_format = typed
        if not table_rows:
            continue
        helper = ws.max_column + 2
        for r in table_rows:
            ws.cell(r, helper, value=f"=ROW()*{r}")
        ws.column_dimensions[ws.cell(1, helper).column_letter].hidden = True
        # a superseded row kept above the first table's header, hidden
        header = table_rows[0]
        merges = [m.coord for m in ws.merged_cells.ranges]
        for coord in merges:
            ws.unmerge_cells(coord)
        ws.insert_rows(header)  # (openpyxl moves the cells, not the merged ranges)
        for coord in merges:
            moved = CellRange(coord)
            if moved.min_row >= header:
                moved.shift(row_shift=1)
            ws.merge_cells(moved.coord)
        ws.cell(header, 1, value="（旧）")
        ws.cell(header, 2, value="廃止した指標")
        ws.row_dimensions[header].hidden = True
    wb.save(str(path))
    return path


def table_to_xlsx(rows: list[list[str]], path: Path, *, ruled: bool = True) -> Path:
    """One table on a sheet of its own (a KPI sheet, a project list)."""
    from openpyxl import Workbook

    wb = Workbook()
    _sheet_rows(wb.active, [Part("table", rows, 1)], ruled=ruled)
    wb.save(str(path))
    return path


# --- Markdown as converters write it -------------------------------------------------------------


def _md_cell(text: str) -> str:
    text = text.replace("|", "\\|").replace("*", "\\*")
    return re.sub(r"</?b>", "**", text)


def _pipe_table(rows: list[list[str]], cell: Callable[[str], str]) -> list[str]:
    """A pipe table: the first row its header, each cell written by `cell`."""
    return [
        "| " + " | ".join(cell(c) for c in rows[0]) + " |",
        "|" + "---|" * len(rows[0]),
        *("| " + " | ".join(cell(c) for c in r) + " |" for r in rows[1:]),
    ]


def _wrapped_rows(p: Part) -> list[list[str]]:
    """A table's rows with the rows a cell wrapped onto joined back into their record's row,
    each wrapped cell's lines apart by `<br>` (as converters write a cell of two lines)."""
    width = max(len(r) for r in p.rows)
    out: list[list[str]] = []
    for r, starts in zip(p.rows, p.record_rows, strict=True):
        r = r + [""] * (width - len(r))
        if out and not starts:
            out[-1] = [a + "<br>" + b if b.strip() else a for a, b in zip(out[-1], r, strict=True)]
        else:
            out.append(r)
    return out


def _md_prose(text: str) -> str:
    """A line of prose escaped as converters escape it: `\\*`, `\\_`, and a start that would
    read as markup (`\\#`, `\\-`, `1\\.`)."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    text = re.sub(r"^([#+-])", r"\\\1", text)
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def _html_table(rows: list[list[str]]) -> str:
    """A table as MinerU and marker write a merged one: HTML with rowspan/colspan."""
    import html

    def inner(c: str) -> str:
        text = "<br>".join(html.escape(part) for part in c.split("<br>"))
        return re.sub(r"&lt;(/?)(b|sup)&gt;", r"<\1\2>", text)

    return "".join(["<table>", *_html_rows(rows, inner, lambda i, j: "td"), "</table>"])


def _html_rows(
    rows: list[list[str]], inner: Callable[[str], str], tag: Callable[[int, int], str]
) -> list[str]:
    """A table's rows as HTML: a row merged across one `colspan` cell, a first column merged
    down one `rowspan` cell (`_merges`); `inner` renders a cell's text, `tag` opens row i's
    cell j (`td`, `th scope="row"` …)."""
    across, down = _merges(rows)
    width = len(rows[0])
    spans = {first: last - first + 1 for first, last in down}
    covered = {i for first, last in down for i in range(first + 1, last + 1)}
    out = []
    for i, r in enumerate(rows):
        cells = []
        for j, c in enumerate(r):
            if i in across:
                cells.append(f'<td colspan="{width}">{inner(c)}</td>')
                break
            if j == 0 and i in covered:
                continue
            span = f' rowspan="{spans[i]}"' if j == 0 and i in spans else ""
            opening = tag(i, j)
            cells.append(f"<{opening}{span}>{inner(c)}</{opening.split()[0]}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out


def text_to_markdown(text: str, result: RunResult, *, html_tables: bool = False) -> str:
    """The plan as a PDF converter writes Markdown: goals as `###` headings, policies as bold
    lines `**（１）…**`, tables as pipe tables whose wrapped rows are one cell with `<br>` (or
    as HTML tables with rowspan/colspan, `html_tables`), ・ lines as `- ` bullets, escapes
    (`\\*`, `\\|`, `\\_`), and a page marker now and then."""
    parts = plan_parts(text, result)
    out: list[str] = []
    for i, p in enumerate(parts):
        if i and i % 40 == 0:
            out += [f"<!-- page {i // 40 + 1} -->", ""]
        if p.kind == "table" and html_tables:
            out += [_html_table(_wrapped_rows(p)), ""]
            continue
        if p.kind == "table":
            out += [*_pipe_table(_wrapped_rows(p), _md_cell), ""]
            continue
        line = p.rows[0][0]
        if not line.strip():
            continue
        plain = re.sub(r"</?b>", "", line)
        if p.role == "goal":
            out += ["#" * (p.level if p.marked else 3) + f" {plain}", ""]
        elif p.role == "policy" and not p.marked:
            out += [f"**{plain}**", ""]
        elif p.level:
            out += ["#" * p.level + " " + plain, ""]
        elif re.match(r"^(?:- )?・", line):
            out.append("- " + re.sub(r"^(?:- )?", "", line))
            if i + 1 < len(parts) and not re.match(r"^(?:- )?・", parts[i + 1].rows[0][0]):
                out.append("")
        else:
            out += [_md_prose(plain), ""]
    return "\n".join(out) + "\n"


# --- Markdown in the dialects of particular converters -------------------------------------------

DIALECTS = ("docling", "marker", "mineru")
_NOTE_REF_MD = re.compile(r"\s*<sup>\s*(\d+)\s*</sup>")


def _joined(cell: str) -> str:
    """A wrapped cell's lines as one line, as converters that write no `<br>` join them: a
    space between Latin words, none between Japanese characters."""
    from extract.text import join_wrapped

    return join_wrapped(cell.split("<br>"))


def _notes(text: str, dialect: str) -> str:
    """A raised note number as each converter writes it: docling prints the plain digit, as
    the PDF's text has it (`寄港数1`); MinerU writes LaTeX (`$^{1}$`); marker keeps `<sup>`."""
    if dialect == "docling":
        return _NOTE_REF_MD.sub(lambda m: m.group(1), text)
    if dialect == "mineru":
        return _NOTE_REF_MD.sub(lambda m: f" $^{{{m.group(1)}}}$", text)
    return text


def _repeated(rows: list[list[str]]) -> list[list[str]]:
    """docling's grid: a merged cell's text in every grid cell it covers (down the first
    column, across a caption row)."""
    across, down = _merges(rows)
    out = [list(r) for r in rows]
    for i in across:
        out[i] = [out[i][0]] * len(out[i])
    for first, last in down:
        for i in range(first + 1, last + 1):
            out[i][0] = out[first][0]
    return out


def text_to_markdown_as(text: str, result: RunResult, dialect: str) -> str:
    """The plan as one converter's Markdown, from the plan's parts (the same lines the Word file
    is written from):

    - docling: `## ` for every heading (goals, policies, captions alike); pipe tables with a
      merged cell's text repeated in each cell it covers; a wrapped cell's lines joined; raised
      note numbers printed as plain digits, the note at the foot a line `1寄港数は…`;
      `<!-- image -->` for a picture; `&amp;`;
    - marker: goals `# `, other headings `## `, policies bold lines, `<br>` in cells, a page's
      start marked `<span id="page-2-0"></span>` after `{1}------…` (its paginated output),
      `<sup>n</sup>` notes;
    - MinerU: `# ` for every heading; tables as HTML with rowspan/colspan; `$^{1}$` for a raised
      note number; bullets as the plan prints them (`・…`, no list)."""
    assert dialect in DIALECTS
    parts = plan_parts(text, result)
    out: list[str] = ["<!-- image -->", ""] if dialect == "docling" else []
    page = 0
    for i, p in enumerate(parts):
        if dialect == "marker" and i % 30 == 0:
            if i:
                out += [f"{{{page}}}" + "-" * 48, ""]
                page += 1
            out.append(f'<span id="page-{page}-0"></span>')
        if p.kind == "table":
            rows = [[_notes(c, dialect) for c in r] for r in _wrapped_rows(p)]
            if dialect == "mineru":
                out += [_html_table(rows), ""]
                continue
            if dialect == "docling":
                rows = [[_joined(c) for c in r] for r in _repeated(rows)]
            cell = _md_cell if dialect == "marker" else (lambda c: c.replace("|", "\\|"))
            out += [*_pipe_table(rows, cell), ""]
            continue
        line = p.rows[0][0]
        if not line.strip():
            continue
        plain = _notes(re.sub(r"</?b>", "", line), dialect)
        m = FOOTNOTE_LINE.match(line)
        if m and dialect == "docling":
            plain = m.group(1) + m.group(2)
        if dialect == "docling":
            plain = plain.replace("&", "&amp;")
        heading = p.role or p.level
        if dialect == "docling" and heading:
            out += [f"## {plain}", ""]
        elif dialect == "mineru" and heading:
            out += [f"# {plain}", ""]
        elif dialect == "marker" and p.role == "goal":
            out += [f"# {plain}", ""]
        elif dialect == "marker" and p.role == "policy":
            out += [f"**{plain}**", ""]
        elif dialect == "marker" and heading:
            out += [f"## {plain}", ""]
        elif dialect != "mineru" and re.match(r"^(?:- )?・", line):
            out.append("- " + re.sub(r"^(?:- )?・", "", plain))
            if i + 1 < len(parts) and not re.match(r"^(?:- )?・", parts[i + 1].rows[0][0]):
                out.append("")
        else:
            out += [_md_prose(plain) if dialect == "marker" else plain, ""]
    return "\n".join(out) + "\n"


# --- a municipal site's page ---------------------------------------------------------------------

MUNICIPAL = """<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>総合戦略｜{town}</title></head><body>
<div id="tmp_header"><p class="logo">{town}</p><div id="tmp_gnavi"><ul><li><a href="/">ホーム</a>
</li><li><a href="/kurashi/">くらし・手続き</a></li></ul></div></div>
<div id="tmp_pankuzu"><a href="/">ホーム</a> &gt; 市政情報 &gt; 総合戦略</div>
<div id="tmp_wrapper"><div id="tmp_contents">
<div class="wysiwyg">{body}</div>
<div class="plugin_box"><p>PDFファイルをご覧いただくにはAdobe Readerが必要です。</p></div>
</div><div id="tmp_side"><p class="side_ttl">このカテゴリの他のページ</p>
<ul><li>基本目標１　人口ビジョン</li></ul></div></div>
<div id="tmp_footer"><p>{town}役所　電話番号 0123-45-6789</p></div></body></html>"""
_CAPTION = re.compile(r"^\s*(?:[【＜<〈《◎■◆●]|\[)[^。]{1,30}$")


def _cms_inline(text: str) -> str:
    import html

    text = html.escape(text)
    return re.sub(r"&lt;(/?)(b|sup)&gt;", r"<\1\2>", text)


def _cms_table(rows: list[list[str]], caption: str | None) -> str:
    """A CMS table: the caption line above it as `<caption>`, a header row of `<th scope=col>`,
    each row's first cell a `<th scope=row>`, a first column merged down as `rowspan`."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ['<table class="datatable">']
    if caption is not None:
        out.append(f"<caption>{_cms_inline(caption)}</caption>")

    def tag(i: int, j: int) -> str:
        if i == 0:
            return 'th scope="col"'
        return 'th scope="row"' if j == 0 else "td"

    out += _html_rows(rows, _cms_inline, tag)
    out.append("</table>")
    return "\n".join(out)


def text_to_municipal_page(text: str, result: RunResult, *, charset: str = "Shift_JIS") -> bytes:
    """The plan as a municipal CMS page writes it: the content in `<div>`s, headings as
    `<p class="midashi">` (no h tags) with their number in a `<span>`, a caption and the ・ items
    under it as a `<dl>`, the caption line above a table as its `<caption>`, row headers as
    `<th scope="row">`; inside the site's header, navigation, side bar and footer, encoded in
    `charset` (Shift_JIS pages are written by Windows, in its code page 932)."""
    parts = plan_parts(text, result)
    body: list[str] = []
    i = 0
    while i < len(parts):
        p = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if p.kind == "table":
            body.append(_cms_table(p.rows, None))
            i += 1
            continue
        line = p.rows[0][0]
        if not line.strip():
            body.append("<p>&nbsp;</p>")
        elif p.level:
            numbered = split_number(line)
            if numbered is not None:
                label = line[: len(line) - len(numbered.title)]
                inner = f'<span class="num">{_cms_inline(label)}</span>'
                inner += _cms_inline(numbered.title)
            else:
                inner = _cms_inline(line)
            body.append(f'<p class="midashi{min(p.level, 3)}"><strong>{inner}</strong></p>')
        elif nxt is not None and nxt.kind == "table" and _CAPTION.match(line):
            body.append(_cms_table(nxt.rows, line))
            i += 2
            continue
        elif _CAPTION.match(line) and nxt is not None and nxt.rows[0][0].startswith("・"):
            items = []
            j = i + 1
            while j < len(parts) and parts[j].kind == "p" and parts[j].rows[0][0].startswith("・"):
                items.append(f"<dd>{_cms_inline(parts[j].rows[0][0])}</dd>")
                j += 1
            body.append(f"<dl><dt>{_cms_inline(line)}</dt>{''.join(items)}</dl>")
            i = j
            continue
        else:
            body.append(f"<p>{_cms_inline(line)}</p>")
        i += 1
    page = MUNICIPAL.format(charset=charset, town="みどり市", body="\n".join(body))
    if charset.lower() == "shift_jis":
        # what the code page has no character for, the CMS writes as a character reference
        return page.encode("cp932", "xmlcharrefreplace")
    return page.encode(charset)


def split_tables(md: str) -> str:
    """Each pipe table of six lines or more broken in two as docling writes a table a page
    broke: the rest after an image's comment, without the header, its first row taken for one
    (its merged first column written again, as docling writes it in every row)."""
    lines = md.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        delimiter = i + 1 < len(lines) and re.fullmatch(r"\|[-:| ]+\|", lines[i + 1])
        if not (lines[i].startswith("|") and delimiter):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].startswith("|"):
            j += 1
        block = lines[i:j]
        if len(block) >= 6:
            k = 2 + (len(block) - 2) // 2
            out += [*block[:k], "", "<!-- image -->", "", block[k], block[1], *block[k + 1 :]]
        else:
            out += block
        i = j
    return "\n".join(out)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def aligned_with_spaces(text: str) -> str:
    """Every run of tab-separated lines laid out as an editor aligns a table with spaces: each
    column as wide as its widest cell (a full-width character two columns) and three spaces
    after it; the other lines as they are."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if "\t" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [line.split("\t") for line in lines[i:j]]
        widths = [
            max((_display_width(r[c]) for r in rows if c < len(r)), default=0)
            for c in range(max(len(r) for r in rows))
        ]
        for r in rows:
            cells = (
                cell + " " * (widths[c] - _display_width(cell) + 3) for c, cell in enumerate(r)
            )
            out.append("".join(cells).rstrip())
        i = j
    return "\n".join(out)
