"""Word ingest: a .docx → Document, read from its XML as Word prints it.

- Paragraphs in reading order, with their outline level (the paragraph's own or its style's,
  Heading 1 → level 1) as the line's heading level.
- List numbering computed from numbering.xml as Word prints it — the text does not hold it:
  each level's format (`1.`, `（１）`, `①`, `ア`, `Ⅰ` …), its text around the number (`第%1章`,
  `%1-%2`), restarts after a higher level, `startOverride`, numbering through a style.
- Tables as their grid: a cell spanning columns (gridSpan) or rows (vMerge) keeps its text in
  its first grid cell, the cells it covers are empty; cells' paragraphs joined as wrapped text.
  A table of one column is a frame around paragraphs and is read as them.
- Footnotes (and endnotes) as `<sup>n</sup>` markers, their text as footnote lines after the
  paragraph or table that refers to them; text boxes after the paragraph they are anchored in.
- Deleted revisions, hidden text, headers and footers are left out (they are not printed body).

Word has no pages until it lays the document out: provenance is the paragraph (`¶n`, counted in
the body) or the table row (`table t row r`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import InputError
from extract.ingest.blocks import (
    STARTS_WITH_MARK,
    Block,
    GridCell,
    blocks_to_document,
    bullet,
    cell_text,
    paragraph,
    spread,
    superscript,
)
from extract.ingest.docxpdf import (
    as_printed,
    boxes_to_blocks,
    made_from_pdf,
    opens_item,
    text_boxes_page,
)
from extract.ingest.numbers import list_number
from extract.models import Document
from extract.text import sup

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"


def _q(tag: str) -> str:
    return _W + tag


def _val(el: object | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    return el.get(_q(attr))  # type: ignore[attr-defined]


def _on(el: object | None) -> bool:
    """A toggle property (`<w:b/>`, `<w:b w:val="0"/>`)."""
    if el is None:
        return False
    return _val(el) not in ("0", "false", "off")


# --- styles -------------------------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # 0-based; 9 is body text
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    raised: bool | None = None  # a character style set in superscript (footnote reference)


class Styles:
    def __init__(self, root: object | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for el in root.iter(_q("style")):  # type: ignore[attr-defined]
            sid = el.get(_q("styleId"))
            if not sid:
                continue
            st = _Style(name=(_val(el.find(_q("name"))) or "").lower())
            st.based_on = _val(el.find(_q("basedOn")))
            ppr = el.find(_q("pPr"))
            if ppr is not None:
                outline = _val(ppr.find(_q("outlineLvl")))
                st.outline = int(outline) if outline and outline.isdigit() else None
                num = ppr.find(_q("numPr"))
                if num is not None:
                    st.num_id = _val(num.find(_q("numId")))
                    ilvl = _val(num.find(_q("ilvl")))
                    st.ilvl = int(ilvl) if ilvl and ilvl.isdigit() else None
            rpr = el.find(_q("rPr"))
            if rpr is not None and rpr.find(_q("b")) is not None:
                st.bold = _on(rpr.find(_q("b")))
            if rpr is not None and rpr.find(_q("vertAlign")) is not None:
                st.raised = _val(rpr.find(_q("vertAlign"))) == "superscript"
            if st.outline is None:
                # `heading 2` without an outline level of its own (some producers leave it out)
                m = re.fullmatch(r"heading ([1-9])", st.name)
                if m:
                    st.outline = int(m.group(1)) - 1
            self.styles[sid] = st
            if el.get(_q("type")) == "paragraph" and el.get(_q("default")) in ("1", "true"):
                self.default_paragraph = sid

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        sid = sid or self.default_paragraph
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def get(self, sid: str | None, attr: str) -> object | None:
        for st in self.chain(sid):
            value = getattr(st, attr)
            if value is not None:
                return value
        return None

    def name(self, sid: str | None) -> str:
        st = self.styles.get(sid or "")
        return st.name if st else ""


# --- numbering ----------------------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # isLgl: every level's number in Arabic digits
    style: str | None = None  # pStyle: the paragraph style that uses this level


def _level(el: object) -> _Level:
    lv = _Level()
    start = _val(el.find(_q("start")))  # type: ignore[attr-defined]
    lv.start = int(start) if start and start.lstrip("-").isdigit() else 1
    lv.fmt = _val(el.find(_q("numFmt"))) or "decimal"  # type: ignore[attr-defined]
    text = el.find(_q("lvlText"))  # type: ignore[attr-defined]
    lv.text = (_val(text) or "") if text is not None else ""
    lv.suffix = _val(el.find(_q("suff"))) or "tab"  # type: ignore[attr-defined]
    restart = _val(el.find(_q("lvlRestart")))  # type: ignore[attr-defined]
    lv.restart = int(restart) if restart and restart.isdigit() else None
    lv.legal = _on(el.find(_q("isLgl")))  # type: ignore[attr-defined]
    lv.style = _val(el.find(_q("pStyle")))  # type: ignore[attr-defined]
    return lv


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # ilvl → a level redefined


class Numbering:
    """numbering.xml, and the counters as Word advances them through the document: lists
    (`w:num`) of one abstract definition continue each other; a `startOverride` restarts its
    level where that list is first used; a level restarts after a higher level is used."""

    def __init__(self, root: object | None, styles: Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum → the numbering style it links to
        self.nums: dict[str, _Num] = {}
        self.styles = styles
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        for el in root.iter(_q("abstractNum")):  # type: ignore[attr-defined]
            aid = el.get(_q("abstractNumId"))
            self.abstract[aid] = {
                int(lv.get(_q("ilvl"), "0")): _level(lv) for lv in el.iter(_q("lvl"))
            }
            link = _val(el.find(_q("numStyleLink")))
            if link:
                self.links[aid] = link
        for el in root.iter(_q("num")):
            nid = el.get(_q("numId"))
            num = _Num(abstract=_val(el.find(_q("abstractNumId"))) or "")
            for ov in el.iter(_q("lvlOverride")):
                ilvl = int(ov.get(_q("ilvl"), "0"))
                start = _val(ov.find(_q("startOverride")))
                if start and start.lstrip("-").isdigit():
                    num.overrides[ilvl] = int(start)
                lvl = ov.find(_q("lvl"))
                if lvl is not None:
                    num.levels[ilvl] = _level(lvl)
            self.nums[nid] = num

    def _resolve(self, num_id: str) -> tuple[str, _Num] | None:
        """The abstract definition a list uses (through a numbering style's link, once)."""
        num = self.nums.get(num_id)
        if num is None or num.abstract not in self.abstract:
            return None
        aid = num.abstract
        if aid in self.links and not self.abstract[aid]:
            linked = self.styles.get(self.links[aid], "num_id")
            target = self.nums.get(str(linked)) if linked else None
            if target is not None and target.abstract in self.abstract:
                aid = target.abstract
        return aid, num

    def level_of_style(self, num_id: str, sid: str | None) -> int | None:
        """The level a paragraph style is tied to (`<w:lvl><w:pStyle>`), when the style's
        numbering names no level of its own."""
        found = self._resolve(num_id)
        if found is None or not sid:
            return None
        for ilvl, lv in {**self.abstract[found[0]], **found[1].levels}.items():
            if lv.style == sid:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The number Word prints before the paragraph, advancing the counters; None when the
        paragraph is not numbered (numId 0 or unknown)."""
        found = self._resolve(num_id)
        if found is None:
            return None
        aid, num = found
        levels = {**self.abstract[aid], **num.levels}
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.used:
            self.used.add(num_id)
            for lvl, start in num.overrides.items():
                if 0 <= lvl < 10:
                    counters[lvl] = start - 1
                    for deeper in range(lvl + 1, 10):
                        counters[deeper] = None
        lv = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = lv.start if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and ilvl < restart):
                counters[deeper] = None
        if not lv.text.strip():
            return None  # a level that prints nothing (an outline level kept for the headings)
        if lv.fmt == "bullet":
            return bullet(lv.text)
        if lv.fmt == "none" and "%" not in lv.text:
            return lv.text

        def number(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            other = levels.get(at, _Level())
            value = counters[at] if at < 10 and counters[at] is not None else other.start
            fmt = "decimal" if lv.legal and at != ilvl else other.fmt
            return list_number(int(value), fmt)  # type: ignore[arg-type]

        text = re.sub(r"%([1-9])", number, lv.text)
        return text + {"space": " ", "nothing": ""}.get(lv.suffix, "\u3000")


# --- runs and paragraphs --------------------------------------------------------------------------


@dataclass
class _Notes:
    """Footnote or endnote texts by id, and the numbers given in the order they are cited."""

    texts: dict[str, list[str]]
    start: int = 1
    given: dict[str, int] = field(default_factory=dict)

    def number(self, note_id: str) -> int:
        if note_id not in self.given:
            self.given[note_id] = self.start + len(self.given)
        return self.given[note_id]


class _Reader:
    def __init__(
        self,
        styles: Styles,
        numbering: Numbering,
        notes: dict[str, _Notes],
        printed_lines: bool = False,
    ) -> None:
        self.printed_lines = printed_lines  # a converter's page: a run may start a line
        self.styles = styles
        self.numbering = numbering
        self.notes = notes
        self.pending: list[tuple[str, str]] = []  # (marker, text) of notes cited in the block
        self.boxes: list[object] = []  # text-box paragraphs met in the block
        self.paragraphs = 0
        self.tab_row = False  # the last paragraph was a row of tab-separated cells
        self.tables = 0

    # -- a paragraph's text

    def runs(self, el: object, bold_default: bool) -> tuple[str, bool]:
        """The paragraph's printed text (line breaks as \\n) and whether all of it is bold."""
        out: list[str] = []
        bold = [True, False]  # [all bold so far, any text at all]

        def visit(node: object) -> None:
            for child in node:  # type: ignore[attr-defined]
                tag = child.tag
                if not isinstance(tag, str):
                    continue
                if tag == _q("r"):
                    run(child)
                elif tag in (_q("del"), _q("moveFrom"), _q("pPr"), _q("rPr")):
                    continue  # deleted revisions are not printed
                elif tag == f"{{{MC}}}AlternateContent":
                    choice = child.find(f"{{{MC}}}Choice")
                    visit(choice if choice is not None else child)
                elif tag == f"{{{MC}}}Fallback":
                    continue
                else:
                    visit(child)  # hyperlink, ins, smartTag, sdt, fldSimple, customXml …

        def run(r: object) -> None:
            rpr = r.find(_q("rPr"))  # type: ignore[attr-defined]
            if rpr is not None and _on(rpr.find(_q("vanish"))):
                return  # hidden text
            raised = rpr is not None and _val(rpr.find(_q("vertAlign"))) == "superscript"
            b = rpr.find(_q("b")) if rpr is not None else None
            run_bold = _on(b) if b is not None else bold_default
            if rpr is not None and b is None:
                rstyle = _val(rpr.find(_q("rStyle")))
                style_bold = self.styles.get(rstyle, "bold") if rstyle else None
                if style_bold is not None:
                    run_bold = bool(style_bold)
                if rstyle and self.styles.get(rstyle, "raised"):
                    raised = True
            custom = False
            buf: list[str] = []
            for c in r:  # type: ignore[attr-defined]
                tag = c.tag
                if tag == _q("t"):
                    buf.append(c.text or "")
                elif tag in (_q("tab"), _q("ptab")):
                    buf.append("\t")
                elif tag in (_q("br"), _q("cr")):
                    buf.append("\n")
                elif tag == _q("noBreakHyphen"):
                    buf.append("-")
                elif tag == _q("sym"):
                    code = c.get(_q("char"), "")
                    try:
                        buf.append(bullet(chr(int(code, 16))))
                    except ValueError:
                        continue
                elif tag in (_q("footnoteReference"), _q("endnoteReference")):
                    kind = "footnote" if tag == _q("footnoteReference") else "endnote"
                    custom = c.get(_q("customMarkFollows")) in ("1", "true")
                    if custom:
                        continue  # the mark is the next run's text, printed as it is
                    notes = self.notes.get(kind)
                    nid = c.get(_q("id"), "")
                    if notes is not None and nid in notes.texts:
                        n = notes.number(nid)
                        buf.append(sup(n))
                        self.pending.append((sup(n), " ".join(notes.texts[nid])))
                elif tag in (f"{{{MC}}}AlternateContent", _q("drawing"), _q("pict"), _q("object")):
                    self.boxes.extend(_text_boxes(c))
            text = "".join(buf)
            if raised and text.strip():
                text = superscript(text, "".join(out))
            elif self.printed_lines and opens_item(text, "".join(out)):
                text = "\n" + text
            if text.strip():
                bold[0] = bold[0] and run_bold
                bold[1] = True
            out.append(text)

        visit(el)
        return "".join(out), bold[0] and bold[1]

    def paragraph_text(self, p: object) -> tuple[str, int, bool]:
        """(text with its list number, heading level, all bold)."""
        ppr = p.find(_q("pPr"))  # type: ignore[attr-defined]
        sid = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        outline: object | None = None
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            ol = _val(ppr.find(_q("outlineLvl")))
            outline = int(ol) if ol and ol.isdigit() else None
            num = ppr.find(_q("numPr"))
            if num is not None:
                num_id = _val(num.find(_q("numId")))
                lv = _val(num.find(_q("ilvl")))
                ilvl = int(lv) if lv and lv.isdigit() else None
        if outline is None:
            outline = self.styles.get(sid, "outline")
        if num_id is None:
            found = self.styles.get(sid, "num_id")
            num_id = str(found) if found is not None else None
            if num_id is not None and ilvl is None:
                style_ilvl = self.styles.get(sid, "ilvl")
                ilvl = int(style_ilvl) if isinstance(style_ilvl, int) else None
        style_bold = bool(self.styles.get(sid, "bold"))
        text, bold = self.runs(p, style_bold)
        label = None
        if num_id and num_id != "0":
            if ilvl is None:
                ilvl = self.numbering.level_of_style(num_id, sid)
            # an empty numbered paragraph prints its number alone and uses it up
            label = self.numbering.label(num_id, ilvl or 0)
            if not text.strip():
                label = None
        if self.styles.name(sid).startswith("toc"):
            text = text.replace("\t", "……")  # a contents line: its leader to the page number
        if label:
            is_bullet = label in ("・", "●", "◆", "◇", "▪", "■", "□", "○", "◎", "★", "☆")
            if is_bullet and STARTS_WITH_MARK.match(text):
                label = ""
            text = label + text.lstrip(" \t") if label else text
        level = outline + 1 if isinstance(outline, int) and 0 <= outline < 6 else 0
        return text, level, bold

    # -- blocks

    def body(self, el: object) -> Iterator[Block]:
        for child in el:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == _q("p"):
                yield from self.paragraph(child)
            elif tag == _q("tbl"):
                yield from self.table(child)
            elif tag in (_q("sdt"), _q("customXml")):
                content = child.find(_q("sdtContent"))
                yield from self.body(content if content is not None else child)
            elif tag in (_q("ins"), _q("moveTo")):
                yield from self.body(child)

    def paragraph(self, p: object) -> Iterator[Block]:
        self.paragraphs += 1
        address = f"¶{self.paragraphs}"
        text, level, bold = self.paragraph_text(p)
        # a "table" typed with tabs, one paragraph a row (a text file opened in Word): its
        # cells, as the text rendering reads them; the next rows may open with a tab (under a
        # merged first cell) or end with tabs (a wrapped cell's rest)
        inner = "\t" in text.strip().strip("\t")
        if text.strip() and "\n" not in text and (inner or (self.tab_row and "\t" in text)):
            self.tab_row = True
            yield Block(
                tuple(c.strip() for c in text.rstrip(" ").split("\t")), address, level, bold
            )
        else:
            self.tab_row = False
            yield from paragraph(text, address, level, bold)
        yield from self.after(address)

    def after(self, address: str) -> Iterator[Block]:
        """Text boxes anchored in the block, then the notes it cites."""
        boxes, self.boxes = self.boxes, []
        for box in boxes:
            for child in box:  # type: ignore[attr-defined]
                if child.tag == _q("p"):
                    text, level, bold = self.paragraph_text(child)
                    yield from paragraph(text, f"{address} text box", level, bold)
                elif child.tag == _q("tbl"):
                    yield from self.table(child)
        notes, self.pending = self.pending, []
        for marker, text in notes:
            yield from paragraph(f"{marker} {text.strip()}", f"{address} note")

    def table(self, tbl: object) -> Iterator[Block]:
        trs = [
            tr
            for tr in tbl.iter(_q("tr"))  # type: ignore[attr-defined]
            if _parent_table(tr) is tbl and not _deleted_row(tr)
        ]
        if max((_row_width(tr) for tr in trs), default=0) <= 1:
            # a frame around paragraphs (a boxed column of text): read as its paragraphs
            for tr in trs:
                for tc in tr.findall(_q("tc")):  # type: ignore[attr-defined]
                    yield from self.body(tc)
            return
        self.tables += 1
        t = self.tables
        rows: list[list[GridCell]] = []
        for tr in trs:
            before, after = _grid_skip(tr)
            row = [GridCell("") for _ in range(before)]
            for tc in tr.findall(_q("tc")):  # type: ignore[attr-defined]
                tcpr = tc.find(_q("tcPr"))
                vmerge = tcpr.find(_q("vMerge")) if tcpr is not None else None
                continued = vmerge is not None and _val(vmerge) in (None, "continue")
                # a cell that continues a merge down prints nothing of its own
                row.append(GridCell("" if continued else self.cell(tc), colspan=_span(tc)))
            row.extend(GridCell("") for _ in range(after))
            rows.append(row)
        for r, cells in enumerate(spread(rows), start=1):
            yield Block(tuple(c.strip() for c in cells), f"table {t} row {r}")
        yield from self.after(f"table {t}")

    def cell(self, tc: object) -> str:
        parts: list[str] = []
        for child in tc.iter(_q("p")):  # type: ignore[attr-defined]
            text, _, _ = self.paragraph_text(child)
            parts.extend(text.split("\n"))
        return cell_text(parts)


def _parent_table(el: object) -> object | None:
    node = el.getparent()  # type: ignore[attr-defined]
    while node is not None and node.tag != _q("tbl"):
        node = node.getparent()
    return node


def _deleted_row(tr: object) -> bool:
    """A row deleted with its changes tracked: not printed once they are accepted."""
    trpr = tr.find(_q("trPr"))  # type: ignore[attr-defined]
    return trpr is not None and trpr.find(_q("del")) is not None


def _span(tc: object) -> int:
    tcpr = tc.find(_q("tcPr"))  # type: ignore[attr-defined]
    span = _val(tcpr.find(_q("gridSpan"))) if tcpr is not None else None
    return int(span) if span and span.isdigit() else 1


def _row_width(tr: object) -> int:
    before, after = _grid_skip(tr)
    return before + after + sum(_span(tc) for tc in tr.findall(_q("tc")))  # type: ignore[attr-defined]


def _grid_skip(tr: object) -> tuple[int, int]:
    """Grid columns a row leaves out before its first cell and after its last."""
    trpr = tr.find(_q("trPr"))  # type: ignore[attr-defined]
    out = []
    for name in ("gridBefore", "gridAfter"):
        v = _val(trpr.find(_q(name))) if trpr is not None else None
        out.append(int(v) if v and v.isdigit() else 0)
    return out[0], out[1]


def _text_boxes(el: object) -> list[object]:
    """The text-box contents inside a drawing (the DrawingML choice, not its VML fallback)."""
    found = []
    for box in el.iter(_q("txbxContent")):  # type: ignore[attr-defined]
        node, fallback = box.getparent(), False
        while node is not None and node is not el:
            if node.tag == f"{{{MC}}}Fallback":
                fallback = True
                break
            node = node.getparent()
        if not fallback and not any(box in list(f.iter()) for f in found):
            found.append(box)
    return found


def _notes(part_root: object | None, kind: str, start: int) -> _Notes:
    texts: dict[str, list[str]] = {}
    if part_root is not None:
        for note in part_root.iter(_q(kind)):  # type: ignore[attr-defined]
            if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            parts = []
            for p in note.iter(_q("p")):
                chunks = []
                for t in p.iter(_q("t")):
                    chunks.append(t.text or "")
                parts.append("".join(chunks).strip())
            texts[note.get(_q("id"), "")] = [p for p in parts if p]
    return _Notes(texts, start)


def _note_start(settings: object | None, kind: str) -> int:
    if settings is None:
        return 1
    pr = settings.find(f".//{_q(kind + 'Pr')}")  # type: ignore[attr-defined]
    start = _val(pr.find(_q("numStart"))) if pr is not None else None
    return int(start) if start and start.isdigit() else 1


def _part(document: object, reltype_end: str) -> object | None:
    from lxml import etree

    for rel in document.part.rels.values():  # type: ignore[attr-defined]
        if rel.reltype.endswith("/" + reltype_end) and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            try:
                return etree.fromstring(part.blob)
            except etree.XMLSyntaxError:
                return None
    return None


def path_to_document(path: Path) -> Document:
    import docx
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is a damaged Word document: its XML does not parse.") from exc
    except Exception as exc:  # python-docx meets a damaged package with any error it hits
        raise InputError(
            f"{path} cannot be opened as a Word document (.docx): it is damaged or not one."
        ) from exc
    styles = Styles(_part(document, "styles"))
    settings = _part(document, "settings")
    numbering = Numbering(_part(document, "numbering"), styles)
    notes = {
        "footnote": _notes(
            _part(document, "footnotes"), "footnote", _note_start(settings, "footnote")
        ),
        "endnote": _notes(_part(document, "endnotes"), "endnote", _note_start(settings, "endnote")),
    }
    body = document.element.body
    if text_boxes_page(body):  # LibreOffice's PDF import: each printed line a text box
        return blocks_to_document(as_printed(boxes_to_blocks(body)), path.name, "docx")
    from_pdf = made_from_pdf(body)
    reader = _Reader(styles, numbering, notes, printed_lines=from_pdf)
    blocks = list(reader.body(body))
    if from_pdf:
        blocks = as_printed(blocks)
    return blocks_to_document(blocks, path.name, "docx")
