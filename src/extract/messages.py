"""The words a person reads, from gettext catalogues: Japanese by default, English with
`--lang en`.

The sentences live in `locale/<lang>/LC_MESSAGES/plan-extract.po` (compiled to `.mo`, which is
what is read here, with the standard library's gettext), one entry per key:

- the pages' and the run summary's words under their own keys (`report.heading`,
  `review.rerun`, `summary.findings`, …), counted sentences with plural forms;
- each finding code's `title.CODE` and `description.CODE`, and its message and hint,
  `finding.CODE` and `hint.CODE` (a finding whose sentence takes another shape names it in
  `params["form"]`: `finding.CODE/FORM`, falling back to the code's own), filled from
  `Finding.params`; `term.KEY` are the words those templates name.

`finding()` makes a finding from its code and params: its `message` and `hint` are the English
sentences, which findings.csv keeps, and the report renders the same params in its own
language. A finding made with words of its own and no fitting params shows those words.

A `Catalogue` is one language's words, with a user's own catalogue in front of the package's
(`--templates DIR`: `DIR/locale/<lang>/LC_MESSAGES/plan-extract.mo`) for the pages; findings.csv
always takes the package's English.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
import string
import struct
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from extract.errors import RulesError
from extract.findings import CODES, make
from extract.models import Finding, Severity

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"
DOMAIN = "plan-extract"
LOCALE = Path(__file__).with_name("locale")

# The review action each code offers besides "accept": the form the review page shows.
REVIEW_ACTIONS: dict[str, str] = {
    "variant.suspected": "variant",
    "abbreviation.unknown": "department",
}


def N_(key: str) -> str:  # noqa: N802 - gettext's name for a key marked for extraction only
    """A key named where it is not yet looked up (`make messages` finds it here)."""
    return key


# The form a plan was read from (Document.source_format), in words.
FORM_KEYS = {
    "text": N_("form.text"),
    "pdf": N_("form.pdf"),
    "ocr": N_("form.ocr"),
    "docx": N_("form.docx"),
    "xlsx": N_("form.xlsx"),
    "html": N_("form.html"),
    "markdown": N_("form.markdown"),
}

SEVERITY_KEYS = {
    Severity.ERROR: N_("severity.error"),
    Severity.WARNING: N_("severity.warning"),
    Severity.INFO: N_("severity.info"),
}


def lang_of(lang: str | None) -> Lang:
    """A language of the catalogues, or the default."""
    return lang if lang in LANGS else DEFAULT_LANG  # type: ignore[return-value]


def _mo(path: Path) -> gettext.GNUTranslations:
    """A compiled catalogue; a user's `.po` beside no `.mo` is compiled here when Babel is
    installed (`pip install babel`), else refused with how to compile it."""
    if path.is_file():
        with path.open("rb") as f:
            try:
                return gettext.GNUTranslations(f)
            except (OSError, ValueError, LookupError, struct.error) as exc:
                raise RulesError(f"{path}: not a compiled gettext catalogue ({exc}).") from None
    po = path.with_suffix(".po")
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import PoFileError, read_po
    except ImportError:
        raise RulesError(
            f"{po}: compile it to {path.name} (`pybabel compile -i {po} -o {path}`, or "
            "msgfmt), or install Babel to have it read as it is."
        ) from None
    buf = io.BytesIO()
    try:
        with po.open("rb") as f:
            write_mo(buf, read_po(f, abort_invalid=True))
    except (PoFileError, ValueError) as exc:
        raise RulesError(f"{po}: not a gettext catalogue Babel can read ({exc}).") from None
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@functools.cache
def _package(lang: Lang) -> gettext.GNUTranslations:
    translations = _mo(LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo")
    if lang != "en":
        translations.add_fallback(_package("en"))  # a key not yet translated shows in English
    return translations


class _Formatter(string.Formatter):
    """str.format with the catalogue's formats, in one language. Besides plain fields:

    - `{x:term}`: the word `term.<x>` (現状値 / baseline), itself filled from the params;
    - `{x:or:KEY}`: x, or term KEY when x is empty;  `{x:opt:KEY}`: term KEY with x in its `{}`,
      or nothing when x is empty;  `{x:else:KEY}`: term KEY when x is empty, else nothing;
    - `{x:lines}`: line numbers (`465,466`) as `465, 466` / `465、466行目`, at most eight;
      `{x:first}`: the first of them (`465行目ほか`);
    - `{x:counts}` / `{x:where}`: the spellings of a variant group (one `spelling<TAB>count<TAB>
      lines` per line) with their counts, or with their lines.
    """

    def __init__(self, words: Catalogue, params: Mapping[str, object]) -> None:
        self.words, self.params = words, params

    def term(self, key: str, value: object = None) -> str:
        template = self.words.get(f"term.{key}")
        if template is None:
            raise KeyError(key)
        return self.vformat(template, () if value is None else (value,), self.params)

    def format_field(self, value: object, format_spec: str) -> str:
        kind, _, arg = format_spec.partition(":")
        text = "" if value is None else str(value)
        if kind == "term":
            return self.term(text)
        if kind == "or":
            return text or self.term(arg)
        if kind == "opt":
            return self.term(arg, text) if text else ""
        if kind == "else":
            return "" if text else self.term(arg)
        if kind in ("lines", "first"):
            return _lines(text, self.words.lang, first=kind == "first")
        if kind in ("counts", "where"):
            return _spellings(text, self.words.lang, where=kind == "where")
        return super().format_field(value, format_spec)


class Catalogue:
    """The words of one language: the package's catalogue, behind a user's own when given."""

    def __init__(self, lang: str | None = None, folder: Path | None = None) -> None:
        self.lang: Lang = lang_of(lang)
        self.translations = _package(self.lang)
        own = folder / "locale" / self.lang / "LC_MESSAGES" / f"{DOMAIN}.mo" if folder else None
        if own is not None and (own.is_file() or own.with_suffix(".po").is_file()):
            mine = _mo(own)
            mine.add_fallback(self.translations)
            self.translations = mine

    def get(self, key: str) -> str | None:
        """The sentence of `key`, or None when no catalogue holds it."""
        found = self.translations.gettext(key)
        return None if found == key else found

    def text(self, key: str, **params: object) -> str:
        """The sentence `key`, its fields filled (the key itself when no catalogue holds it)."""
        template = self.translations.gettext(key)
        return template.format(**params) if params else template

    def plural(self, key: str, count: int, **params: object) -> str:
        """The sentence `key` in the form for `count` (1 line / 2 lines), its fields filled
        (`n` is the count unless given)."""
        template = self.translations.ngettext(key, key, count)
        return template.format(**{"n": count, **params})

    def join(self, items: Iterable[str]) -> str:
        return self.text("list.sep").join(items)

    def form(self, source_format: str) -> str:
        """The form a plan was read from, in words (Word document, web page …)."""
        key = FORM_KEYS.get(source_format)
        return self.text(key) if key else source_format

    def severity(self, sev: Severity | str) -> str:
        return self.text(SEVERITY_KEYS[Severity(sev)])

    def code_title(self, code: str) -> str:
        return self.get(f"title.{code}") or code

    def code_description(self, code: str) -> str:
        return self.get(f"description.{code}") or (CODES[code][1] if code in CODES else "")

    def render(self, kind: str, code: str, params: Mapping[str, object]) -> str | None:
        """The code's `kind` template ("finding" or "hint"; of `params["form"]`, if any) filled
        from `params`; None without a template. Raises KeyError / IndexError / ValueError when
        the params do not fit it."""
        form = params.get("form")
        template = (self.get(f"{kind}.{code}/{form}") if form else None) or self.get(
            f"{kind}.{code}"
        )
        if template is None:
            return None
        return _Formatter(self, params).vformat(template, (), params)

    def _fill(self, kind: str, f: Finding) -> str | None:
        if not f.params:
            return None  # made with words of its own
        try:
            return self.render(kind, f.code, f.params)
        except (KeyError, IndexError, ValueError):
            return None  # a finding made without (fitting) params: the words it was made with

    def finding_message(self, f: Finding) -> str:
        """A finding's message: its template filled from params, else the check's text."""
        return self._fill("finding", f) or f.message

    def finding_hint(self, f: Finding) -> str:
        return self._fill("hint", f) or f.hint


@functools.cache
def catalogue(lang: str | None = None, folder: Path | None = None) -> Catalogue:
    """The words of `lang` (a user's `folder` in front); made once per language and folder."""
    return Catalogue(lang, folder)


# --- the catalogue in one call, for the package's own words ------------------------------------


def text(key: str, lang: str | None = None, **params: object) -> str:
    """The catalogue sentence `key` in `lang`, its fields filled."""
    return catalogue(lang).text(key, **params)


def plural(key: str, count: int, lang: str | None = None, **params: object) -> str:
    return catalogue(lang).plural(key, count, **params)


def severity(sev: Severity | str, lang: str | None = None) -> str:
    return catalogue(lang).severity(sev)


def code_title(code: str, lang: str | None = None) -> str:
    return catalogue(lang).code_title(code)


def code_description(code: str, lang: str | None = None) -> str:
    return catalogue(lang).code_description(code)


def finding_message(f: Finding, lang: str | None = None) -> str:
    return catalogue(lang).finding_message(f)


def finding_hint(f: Finding, lang: str | None = None) -> str:
    return catalogue(lang).finding_hint(f)


def render(
    kind: str, code: str, params: Mapping[str, object], lang: str | None = None
) -> str | None:
    return catalogue(lang).render(kind, code, params)


def join(items: list[str], lang: str | None = None) -> str:
    return catalogue(lang).join(items)


def finding(
    code: str,
    params: Mapping[str, str | int],
    *,
    line: int | None = None,
    page: int | None = None,
    record_id: str | None = None,
    key: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A finding whose message and hint are the catalogue's sentences filled from `params`:
    findings.csv keeps the English ones, the report renders them in its own language."""
    params = dict(params)
    return make(
        code,
        render("finding", code, params, "en") or code,
        hint=render("hint", code, params, "en") or "",
        params=params,
        line=line,
        page=page,
        record_id=record_id,
        key=key,
        severity=severity,
    )


# --- the formats' values --------------------------------------------------------------------------

_MAX_LINES = 8


def _lines(text: str, lang: Lang, *, first: bool = False) -> str:
    """`465,466,467` → `465, 466, 467` / `465、466、467行目` (at most eight, then `…` / `ほか`)."""
    numbers = [n for n in text.split(",") if n]
    shown = numbers[:1] if first else numbers[:_MAX_LINES]
    more = len(numbers) > len(shown)
    if lang == "ja":
        return "、".join(shown) + "行目" + ("ほか" if more else "")
    if first:
        return f"line {shown[0]}" + (" and others" if more else "") if shown else ""
    return ", ".join(shown) + (" …" if more else "")


_ONE_LINE = re.compile(r"[\t\r\n]+")


def spellings_param(rows: Iterable[tuple[str, int, Iterable[int]]]) -> str:
    """The `{x:counts}` / `{x:where}` value: one `spelling<TAB>count<TAB>lines` per spelling
    (a tab or line break inside a spelling, read from a cell, printed as a space)."""
    return "\n".join(
        f"{_ONE_LINE.sub(' ', spelling)}\t{count}\t{','.join(map(str, lines))}"
        for spelling, count, lines in rows
    )


def lines_param(lines: Iterable[int]) -> str:
    """The `{x:lines}` / `{x:first}` value."""
    return ",".join(map(str, lines))


def _spellings(text: str, lang: Lang, *, where: bool) -> str:
    parts = []
    for row in text.split("\n"):
        spelling, count, lines = row.split("\t")
        if lang == "ja":
            detail = _lines(lines, lang) if where else f"{count}か所"
            parts.append(f"「{spelling}」（{detail}）")
        elif where:
            label = "line" if "," not in lines else "lines"
            parts.append(f"{spelling} (×{count}: {label} {_lines(lines, lang)})")
        else:
            parts.append(f"{spelling} (×{count})")
    if lang == "ja":
        return ("と" if len(parts) == 2 else "、").join(parts)
    return " / ".join(parts)
