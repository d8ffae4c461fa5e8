"""HTML ingest: a web page (or the HTML a converter or an office suite writes) → Document.

Only the page's content is read: the `<main>` element (or `role="main"`, or the one `<article>`)
when there is one, else the body; navigation, the site's header and footer, side bars,
breadcrumbs, scripts, styles, forms and hidden elements are left out. Then, in document order:

- `h1`–`h6` are headings of that level; other blocks (`p`, `div`, `li`, `dt`/`dd`, `pre` …) are
  paragraphs, a `<br>` starting a new line;
- list items get their marker as the browser prints it: `・` for a bullet (unless the item's
  text begins with a mark of its own), the number of an `<ol>` in its `type` / `list-style-type`
  (`start`, `value`, `reversed` honoured); a heading inside an `<ol>` (LibreOffice's HTML of
  Word's numbered headings) and a heading printed without its number get it back as the page
  counts and prints it elsewhere (listheads.py);
- tables become rows of their grid cells, `rowspan` / `colspan` spread (the merged cell's text in
  its first grid cell, the cells it covers empty); a cell's lines are joined as wrapped text;
  a table of one column is a frame and is read as paragraphs;
- `<sup>n</sup>` stays the footnote marker it is in the line encoding; `m<sup>2</sup>` is m²;
  a paragraph wholly in `<b>`/`<strong>` and short is a heading below the page's own levels.

Whitespace collapses as a browser collapses it; a line break in the source between two Japanese
characters is dropped, not made a space (CSS Text's segment-break rule). Provenance: the
element's tag and its position among the page's blocks (`h2 #5`, `table 2 row 3`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from extract.errors import InputError
from extract.ingest.blocks import (
    STARTS_WITH_MARK,
    Block,
    GridCell,
    blocks_to_document,
    cell_text,
    paragraph,
    spread,
    superscript,
)
from extract.ingest.listheads import ListHead, number_headings, prints_own_number
from extract.ingest.numbers import CSS_FORMATS, list_number
from extract.ingest.text import path_to_text
from extract.models import Document, SourceFormat
from extract.text import sup

# Elements that are never the plan's content.
DROPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "map",
    "head",
    "title",
    "meta",
    "link",
}
# ARIA landmarks of the site around the content.
DROPPED_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# Class and id words Japanese and other sites give their navigation, header, footer and side
# bars (whole words only, any case).
DROPPED_NAMES = {
    "header",
    "footer",
    "gnavi",
    "g-navi",
    "globalnavi",
    "global-navi",
    "localnavi",
    "local-navi",
    "snavi",
    "side",
    "sidemenu",
    "side-menu",
    "footer-nav",
    "breadcrumb",
    "breadcrumbs",
    "pankuzu",
    "topicpath",
    "topic-path",
    "gnav",
    "globalnav",
    "global-nav",
    "localnav",
    "local-nav",
    "sidenav",
    "side-nav",
    "sidebar",
    "site-header",
    "site-footer",
    "pagetop",
    "page-top",
    "skip",
    "skip-link",
    "skiplink",
}
# Blocks: each starts a line of its own.
BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "address",
    "figure",
    "figcaption",
    "center",
    "dl",
    "dt",
    "dd",
    "pre",
    "li",
    "ul",
    "ol",
    "table",
    "caption",
    "hr",
    "details",
    "summary",
    "fieldset",
    "legend",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
BOLD = {"b", "strong"}
_SPACE = re.compile(r"[ \t\r\n\f]+")
_WIDE_BREAK = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*"
    r"(?=[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])"
)
_STYLE_LIST = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)
# A style sheet's rule for every list or item: `li { list-style: none }` (office suites that
# print each item's label as text).
_LIST_SELECTOR = r"(?:ol|ul|li)(?:\.[\w-]+)?"
_SHEET_LIST = re.compile(
    rf"(?:^|[}},])\s*({_LIST_SELECTOR}(?:\s*,\s*{_LIST_SELECTOR})*)\s*\{{([^}}]*)\}}", re.I
)
# A note's marker as a link: `1`, `[1]`, `(1)`, `※1`, `*1`.
NOTE_LINK = re.compile(r"^[\[(（]?\s*(?:※|\*|＊)?\s*([0-9]{1,3})\s*[\])）]?$")
BACK_LINKS = {"↩", "↩︎", "^", "↑"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


# The prefix a CMS many Japanese municipalities use gives its ids (`tmp_header`, `tmp_side`,
# `tmp_contents`).
_CMS_PREFIX = re.compile(r"^tmp_")


def _dropped(el: object) -> bool:
    name = getattr(el, "name", None)
    if name is None:
        return False
    if name in DROPPED:
        return True
    attrs = el.attrs  # type: ignore[attr-defined]
    if attrs.get("role") in DROPPED_ROLES or "hidden" in attrs:
        return True
    if str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if _HIDDEN_STYLE.search(str(attrs.get("style", ""))):
        return True
    names = {*(attrs.get("class") or []), str(attrs.get("id", ""))}
    return bool({_CMS_PREFIX.sub("", n.lower()) for n in names} & DROPPED_NAMES)


def _collapse(text: str) -> str:
    """HTML whitespace as a browser shows it (non-breaking and ideographic spaces kept)."""
    return _SPACE.sub(" ", _WIDE_BREAK.sub("", text))


class _Line:
    """An inline run being collected: its text and whether all of it is bold."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bold = True
        self.any = False

    def add(self, text: str, bold: bool) -> None:
        if text.strip():
            self.bold = self.bold and bold
            self.any = True
        self.parts.append(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Reader:
    def __init__(self, sheet_lists: dict[str, str] | None = None) -> None:
        self.count = 0
        self.tables = 0
        self.notes = 0  # depth inside a notes section (pandoc's doc-endnotes)
        self.sheet_lists = sheet_lists or {}
        self.heads: dict[str, ListHead] = {}  # headings numbered by a list (listheads.py)

    def address(self, tag: str) -> str:
        self.count += 1
        return f"{tag} #{self.count}"

    # -- inline content: text with its line breaks

    def lines_of(self, nodes: object, bold: bool = False) -> list[_Line]:
        """Inline nodes as printed lines (a `<br>` starts the next)."""
        lines = [_Line()]
        self._inline(nodes, bold, lines)
        return lines

    def _inline(self, nodes: object, bold: bool, lines: list[_Line]) -> None:
        from bs4.element import PreformattedString

        for child in nodes:  # type: ignore[attr-defined]
            name = getattr(child, "name", None)
            if name is None:
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    lines[-1].add(_collapse(str(child)), bold)
            elif _dropped(child) or name == "img":
                continue
            elif name == "br":
                lines.append(_Line())
            elif name == "sup":
                raised = _collapse(child.get_text())
                lines[-1].add(superscript(raised, lines[-1].text), bold)
            elif name == "a" and str(child.get("href", "")).startswith("#"):
                # a link to a note (`<a href="#fn1">1</a>`, `[1]`) is its marker; a link back
                # from the note (↩) prints nothing of the plan
                label = _collapse(child.get_text()).strip()
                m = NOTE_LINK.match(label)
                if m:
                    lines[-1].add(sup(m.group(1)), bold)
                elif label not in BACK_LINKS:
                    self._inline(child.children, bold, lines)
            elif name in BLOCKS:
                # a paragraph inside a cell or a list item: lines of its own
                lines.append(_Line())
                self._inline(child.children, bold, lines)
                lines.append(_Line())
            else:
                self._inline(child.children, bold or name in BOLD, lines)

    def text_lines(self, el: object) -> list[_Line]:
        return self.lines_of(el.children)  # type: ignore[attr-defined]

    # -- blocks

    def blocks(self, el: object) -> Iterator[Block]:
        """The element's content as blocks: runs of inline content between block children are
        paragraphs of their own."""
        pending: list[object] = []
        for child in el.children:  # type: ignore[attr-defined]
            name = getattr(child, "name", None)
            if name is not None and _dropped(child):
                continue
            if name in BLOCKS:
                yield from self.emit(self.lines_of(pending), "text", 0)
                pending = []
                yield from self.block(child)
            else:
                pending.append(child)
        yield from self.emit(self.lines_of(pending), "text", 0)

    def emit(self, lines: list[_Line], tag: str, level: int, prefix: str = "") -> Iterator[Block]:
        texts = [ln for ln in lines if ln.text.strip()]
        if not texts:
            return
        address = self.address(tag)
        for i, ln in enumerate(texts):
            text = ln.text.strip(" ")
            if i == 0 and prefix:
                text = prefix + text
            yield from paragraph(text, address, level, ln.bold and ln.any)

    def block(self, el: object) -> Iterator[Block]:
        name = el.name  # type: ignore[attr-defined]
        if name in HEADINGS:
            lines = self.text_lines(el)
            first = next((ln.text.strip() for ln in lines if ln.text.strip()), "")
            if first and not prints_own_number(first):
                # a heading printed without its number (pandoc's HTML of a Word file)
                self.heads[f"{name} #{self.count + 1}"] = ListHead(HEADINGS[name], 0)
            yield from self.emit(lines, name, HEADINGS[name])
        elif name == "table":
            yield from self.table(el)
        elif name in ("ul", "ol"):
            yield from self.list(el)
        elif _is_notes(el):
            self.notes += 1
            yield from self.blocks(el)
            self.notes -= 1
        elif name == "pre":
            address = self.address("pre")
            for line in el.get_text().split("\n"):  # type: ignore[attr-defined]
                yield from paragraph(line, address)
        elif name == "hr":
            return
        elif any(getattr(c, "name", None) in BLOCKS for c in el.children):  # type: ignore[attr-defined]
            yield from self.blocks(el)
        else:
            yield from self.emit(self.text_lines(el), name, 0)

    def list(self, el: object) -> Iterator[Block]:
        tag = el.name  # type: ignore[attr-defined]
        ordered = tag == "ol"
        fmt = "decimal" if ordered else "disc"
        classes = [str(c).lower() for c in el.get("class") or []]  # type: ignore[attr-defined]
        rules = [tag, "li", *(f"{tag}.{c}" for c in classes)]
        for source in (self.sheet_lists.get(rule) for rule in rules):
            if source:
                fmt = CSS_FORMATS.get(source, fmt) if ordered or source == "none" else fmt
        fmt = CSS_FORMATS.get(str(el.get("type") or ""), fmt) if ordered else fmt  # type: ignore[attr-defined]
        style = _STYLE_LIST.search(str(el.get("style", "")))  # type: ignore[attr-defined]
        if style:
            kind = style.group(1).lower()
            fmt = CSS_FORMATS.get(kind, fmt) if ordered or kind == "none" else fmt
        notes = self.notes > 0 or _is_notes(el)
        items = [c for c in el.children if getattr(c, "name", None) == "li"]  # type: ignore[attr-defined]
        start = el.get("start")  # type: ignore[attr-defined]
        reversed_ = el.has_attr("reversed")  # type: ignore[attr-defined]
        n = (
            int(start)
            if start and str(start).lstrip("-").isdigit()
            else (len(items) if reversed_ else 1)
        )
        for child in el.children:  # type: ignore[attr-defined]
            name = getattr(child, "name", None)
            if name != "li":
                if name in ("ul", "ol"):
                    yield from self.list(child)
                continue
            value = child.get("value")
            if value and str(value).lstrip("-").isdigit():
                n = int(value)
            if notes:
                marker = sup(n)  # a note of the page's notes section
            elif ordered:
                marker = "" if fmt == "none" else f"{list_number(n, fmt)}."
            else:
                marker = "" if fmt == "none" else "・"
            n += -1 if reversed_ else 1
            yield from self.item(child, marker, n - (-1 if reversed_ else 1))

    def item(self, li: object, marker: str, number: int = 0) -> Iterator[Block]:
        """A list item: its own text with the marker, then the lists and blocks inside it."""
        inline: list[object] = []
        rest: list[object] = []
        for child in li.children:  # type: ignore[attr-defined]
            if rest or getattr(child, "name", None) in BLOCKS:
                rest.append(child)
            else:
                inline.append(child)
        lines = self.lines_of(inline)
        first = next((ln.text.strip() for ln in lines if ln.text.strip()), "")
        level, tag = 0, "li"
        head_name = getattr(rest[0], "name", None) if rest else None
        if not first and head_name in ("p", "div", *HEADINGS):
            # <li><p>text</p></li>: the marker goes on the paragraph's first line; a heading
            # in a list item (LibreOffice's HTML of Word's numbered headings) keeps its level
            head, rest = rest[0], rest[1:]
            lines = self.text_lines(head)
            first = next((ln.text.strip() for ln in lines if ln.text.strip()), "")
            if head_name in HEADINGS:
                level, tag = HEADINGS[head_name], head_name
                if marker and marker != "・":  # counted, labelled unless it prints its own
                    self.heads[f"{tag} #{self.count + 1}"] = ListHead(level, number)
                marker = ""  # a number is put back once the page's count and labels are known
        if marker == "・" and STARTS_WITH_MARK.match(first):
            marker = ""
        if marker.startswith("<sup>") and (first.startswith("<sup>") or first[:1].isdigit()):
            marker = ""  # the note prints its own number
        joint = "" if marker == "・" or not marker else " "
        yield from self.emit(lines, tag, level, marker + joint)
        for child in rest:
            name = getattr(child, "name", None)
            if name in BLOCKS and not _dropped(child):
                yield from self.block(child)

    def table(self, el: object) -> Iterator[Block]:
        self.tables += 1
        t = self.tables
        caption = el.find("caption")  # type: ignore[attr-defined]
        if caption is not None and _table_of(caption) is el:
            yield from self.emit(self.text_lines(caption), "caption", 0)
        rows: list[list[GridCell]] = []
        trs = [tr for tr in el.find_all("tr") if _table_of(tr) is el]  # type: ignore[attr-defined]
        cells = [c for tr in trs for c in tr.find_all(["td", "th"], recursive=False)]
        if any(_lays_out(c) for c in cells):
            # a table that lays the page out (a menu beside the content): its cells in order
            for cell in cells:
                yield from self.blocks(cell)
            return
        for tr in trs:
            row = []
            for cell in tr.find_all(["td", "th"], recursive=False):
                lines = self.text_lines(cell)
                text = cell_text([ln.text for ln in lines])
                row.append(GridCell(text, _span(cell, "colspan"), _span(cell, "rowspan")))
            rows.append(row)
        grid = spread(rows)
        if grid and len(grid[0]) == 1:
            for tr in trs:  # a frame around paragraphs (a layout table of one column)
                for cell in tr.find_all(["td", "th"], recursive=False):
                    yield from self.blocks(cell)
            return
        for r, cells in enumerate(grid, start=1):
            yield Block(tuple(c.strip() for c in cells), f"table {t} row {r}")


def _is_notes(el: object) -> bool:
    """A page's notes section (pandoc: `<section class="footnotes" role="doc-endnotes">`)."""
    attrs = el.attrs  # type: ignore[attr-defined]
    return attrs.get("role") in ("doc-endnotes", "doc-footnotes") or "footnotes" in (
        attrs.get("class") or []
    )


def _sheet_list_styles(soup: object) -> dict[str, str]:
    """`li`, `ol`, `ul` (or `ol.footnotes`) → the list-style-type the page's style sheets give
    every such list."""
    out: dict[str, str] = {}
    for style in soup.find_all("style"):  # type: ignore[attr-defined]
        for m in _SHEET_LIST.finditer(style.get_text()):
            kind = _STYLE_LIST.search(m.group(2))
            if kind:
                for tag in re.split(r"\s*,\s*", m.group(1).lower()):
                    out[tag] = kind.group(1).lower()
    return out


def _lays_out(cell: object) -> bool:
    """A cell holding a page's structure — a heading, a table, a run of paragraphs — rather
    than a value: its table is the page's layout, not a table of the plan."""
    if cell.find(["h1", "h2", "h3", "h4", "h5", "h6", "table"]) is not None:  # type: ignore[attr-defined]
        return True
    blocks = cell.find_all(["p", "div", "ul", "ol", "dl"], recursive=False)  # type: ignore[attr-defined]
    return len(blocks) > 4


def _table_of(el: object) -> object | None:
    return el.find_parent("table")  # type: ignore[attr-defined]


def _span(cell: object, attr: str) -> int:
    value = str(cell.get(attr, "1")).strip()  # type: ignore[attr-defined]
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


# Ids sites give the element that holds the page's content when they have no <main>.
CONTENT_IDS = ("main", "contents", "content", "main-contents", "maincontents", "main_contents")


def _content(soup: object) -> object:
    """The page's main content: <main>, role=main, the one <article>, the element whose id
    says it holds the content (`#main`, `#contents`), else the body."""
    for found in (
        soup.find("main"),  # type: ignore[attr-defined]
        soup.find(attrs={"role": "main"}),  # type: ignore[attr-defined]
    ):
        if found is not None:
            return found
    articles = soup.find_all("article")  # type: ignore[attr-defined]
    if len(articles) == 1:
        return articles[0]
    for name in CONTENT_IDS:
        found = soup.find(id=re.compile(rf"^(?:tmp_)?{name}$", re.I))  # type: ignore[attr-defined]
        if found is not None and found.name not in ("html", "body"):
            return found
    return soup.body or soup  # type: ignore[attr-defined]


def html_to_blocks(markup: str | bytes) -> list[Block]:
    """Blocks of an HTML document or fragment (also the HTML inside a Markdown file)."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        # XHTML read as HTML is what a browser does with a page served as text/html
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    content = _content(soup)
    reader = _Reader(_sheet_list_styles(soup))
    blocks = list(reader.blocks(content))
    if not reader.heads:
        return blocks
    return number_headings(blocks, reader.heads, _printed_lines(content))


def _printed_lines(content: object) -> list[str]:
    """Every cell's and paragraph's lines, whitespace collapsed."""
    out: list[str] = []
    reader = _Reader()
    for el in content.find_all(["td", "th", "p", "dt", "dd"]):  # type: ignore[attr-defined]
        for line in reader.text_lines(el):
            if line.text.strip():
                out.append(_SPACE.sub(" ", line.text).strip(" "))
    return out


def text_to_document(
    text: str, name: str, encoding: str | None, source_format: SourceFormat = "html"
) -> Document:
    return blocks_to_document(html_to_blocks(text), name, source_format, encoding=encoding)


def path_to_document(path: Path, encoding: str | None = None) -> Document:
    from bs4 import UnicodeDammit

    if encoding is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path} cannot be read: {exc.strerror}.") from exc
        if not data.strip():
            raise InputError(f"{path.name} is empty: there is no plan text to read.")
        # the page's own <meta charset>, then UTF-8, CP932, EUC-JP
        dammit = UnicodeDammit(data, ["utf-8", "cp932", "euc_jp"], is_html=True)
        if dammit.unicode_markup is None:
            raise InputError(f"{path.name} is not text in an encoding a web page uses.")
        return text_to_document(dammit.unicode_markup, path.name, dammit.original_encoding)
    text, used = path_to_text(path, encoding)
    return text_to_document(text, path.name, used)
