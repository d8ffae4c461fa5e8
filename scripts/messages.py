"""`make messages`: the gettext catalogues of plan-extract brought up to date with Babel.

1. extract: every key the pages and the code look up — `_("report.heading")` and
   `_n("report.out_of_scope", n)` in src/extract/templates/, `t(…)`, `text(…)`, `plural(…)`,
   `N_(…)` in the Python that builds pages and sentences — and every finding code's title,
   description, message and hint (findings.CODES). The shapes a finding's sentence can take
   (`finding.CODE/FORM`) and the words its templates name (`term.KEY`) are chosen by a finding's
   params at run time, so they are taken from the English catalogue, where they are written
   first; the template `locale/plan-extract.pot` gets them all, each with its English sentence
   as a comment for the translator;
2. update: each `locale/<lang>/LC_MESSAGES/plan-extract.po` gets the new keys (empty, to be
   translated) and loses the ones nothing looks up any more (kept commented out at the end);
3. compile: each `.po` to the `.mo` the package reads at run time (committed, so that a clean
   checkout runs without Babel).

`python scripts/messages.py --check` changes nothing and exits 1 when a file is not up to date
(tests/test_messages.py runs the same check).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "extract"
LOCALE = PACKAGE / "locale"
DOMAIN = "plan-extract"
LANGS = ("en", "ja")  # English first: the source of the other catalogues' comments
SOURCE_LANG = "en"
TEMPLATES = PACKAGE / "templates"
# The Python that looks words up by key (the other modules make findings through
# messages.finding, whose keys come from findings.CODES).
PYTHON = [PACKAGE / name for name in ("cli.py", "messages.py", "report.py", "review.py")]
SINGULAR = {"_": None, "N_": None, "t": None, "text": None}
PLURAL = {"_n": None, "plural": None}
# Keys chosen by a finding's params: taken from the English catalogue.
DATA_KEYS = ("term.",)
WIDTH = 100
HEADER = """\
# plan-extract: the words of the report, the review page and the run summary — %s.
# A msgid is a key; msgstr is what the page shows. `make messages` updates and compiles this
# file (scripts/messages.py); README.md, "The pages and their words", says how to change them."""


def _po(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, lang: str | None = None) -> Catalog:
    if not path.is_file():
        return Catalog(locale=lang, domain=DOMAIN, project=DOMAIN, fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def _extract(path: Path, keywords: dict[str, None]) -> Iterator[tuple[str, str]]:
    """(key, where) of each key `path` looks up with one of `keywords`."""
    method = "jinja2.ext:babel_extract" if path.suffix in (".html", ".md") else "python"
    options = {"trim_blocks": "true", "lstrip_blocks": "true"} if method != "python" else {}
    for _line, message, _comments, _context in extract_from_file(
        method, path, keywords=keywords, comment_tags=(), options=options, strip_comment_tags=True
    ):
        key = message if isinstance(message, str) else message[0]
        if key:
            yield key, path.relative_to(PACKAGE).as_posix()


def used_keys() -> dict[str, tuple[bool, list[str]]]:
    """key → (has plural forms, where it is looked up), for the keys the pages and code name."""
    sources = sorted(TEMPLATES.iterdir()) + PYTHON
    found: dict[str, tuple[bool, list[str]]] = {}
    for plural, keywords in ((False, SINGULAR), (True, PLURAL)):
        for path in sources:
            for key, where in _extract(path, keywords):
                was_plural, places = found.get(key, (False, []))
                found[key] = (was_plural or plural, places if where in places else [*places, where])
    return found


def code_keys(english: Catalog) -> list[str]:
    """Every finding code's keys in findings.CODES order: its title and description, then its
    message and hint, each with the shapes the English catalogue gives it."""
    sys.path.insert(0, str(ROOT / "src"))
    from extract.findings import CODES

    ids = [m.id for m in english if m.id and isinstance(m.id, str)]
    keys = []
    for code in CODES:
        keys += [f"title.{code}", f"description.{code}"]
        for kind in ("finding", "hint"):
            keys.append(f"{kind}.{code}")
            keys += sorted(k for k in ids if k.startswith(f"{kind}.{code}/"))
    return keys + sorted(k for k in ids if k.startswith(DATA_KEYS))


def template() -> Catalog:
    """The catalogue template: every key, the English sentence as its comment."""
    english = read_catalogue(_po(SOURCE_LANG), SOURCE_LANG)
    used = used_keys()
    pot = Catalog(
        domain=DOMAIN,
        project=DOMAIN,
        version=english.version,
        msgid_bugs_address="",
        fuzzy=False,
        header_comment=HEADER % "template: the keys, each with its English sentence",
    )
    pot.creation_date = read_catalogue(LOCALE / f"{DOMAIN}.pot").creation_date
    for key in sorted(used) + code_keys(english):
        plural, places = used.get(key, (False, []))
        entry = english.get(key)
        plural = plural or bool(entry and entry.pluralizable)
        shown = entry.string if entry else ""
        comment = [" | ".join(s for s in shown if s)] if isinstance(shown, tuple) else [shown]
        pot.add(
            (key, key) if plural else key,
            locations=[(p, None) for p in places],
            auto_comments=[c for c in comment if c],
        )
    return pot


def updated(lang: str, pot: Catalog) -> Catalog:
    po = read_catalogue(_po(lang), lang)
    for key, message in list(po.obsolete.items()):
        if pot.get(message.id) is not None:  # looked up again: its words come back
            del po.obsolete[key]
            message.obsolete = False
            po[message.id] = message
    po.update(pot, no_fuzzy_matching=True, update_creation_date=False)
    if lang == SOURCE_LANG:
        for m in po:
            m.auto_comments = []  # the English catalogue needs no English comment
    return po


def _po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, include_lineno=False, ignore_obsolete=False)
    return buf.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def _content(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a catalogue says as its file says it (long comments wrapped), without the dates
    and tools in its header."""
    catalog = read_po(io.BytesIO(_po_bytes(catalog)))
    return [
        (m.id, m.string, tuple(m.auto_comments), tuple(m.locations), m.fuzzy)
        for m in catalog
        if m.id
    ] + [("obsolete", m.id, m.string) for m in catalog.obsolete.values()]


def stale_mo(lang: str) -> list[str]:
    """The keys whose compiled sentence differs from the .po's (or is missing)."""
    po = read_catalogue(_po(lang), lang)
    mo_path = _po(lang).with_suffix(".mo")
    if not mo_path.is_file():
        return ["(no .mo)"]
    with mo_path.open("rb") as f:
        mo = read_mo(f)
    want = {_key(m.id): _forms(m.string) for m in po if m.id and m.string and not m.fuzzy}
    have = {_key(m.id): _forms(m.string) for m in mo if m.id}
    return sorted(k for k in want.keys() | have.keys() if want.get(k) != have.get(k))


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _forms(string: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    pot = template()
    pot_path = LOCALE / f"{DOMAIN}.pot"
    stale = []
    if _content(pot) != _content(read_catalogue(pot_path)):
        stale.append(pot_path)
        if not args.check:
            pot_path.write_bytes(_po_bytes(pot))
    for lang in LANGS:
        po = updated(lang, pot)
        path = _po(lang)
        if _content(po) != _content(read_catalogue(path, lang)):
            stale.append(path)
            if not args.check:
                path.write_bytes(_po_bytes(po))
        if stale_mo(lang):
            stale.append(path.with_suffix(".mo"))
            if not args.check:
                path.with_suffix(".mo").write_bytes(_mo_bytes(read_catalogue(path, lang)))
    for path in stale:
        print(f"{'stale' if args.check else 'updated'}: {path.relative_to(ROOT)}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
