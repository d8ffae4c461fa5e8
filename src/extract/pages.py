"""The pages' templates and static files: Jinja2, found in a user's folder first, then in the
package (src/extract/templates/ and static/), as Datasette finds them.

A user's folder (`--templates DIR`, or `[report] templates` in rules/settings.toml) may hold
any of report.html, report.md and review.html, which replace the package's — and may extend
it, `{% extends "default:report.html" %}`, to change one block (a city's own header) — and
`static/` files (report.css …) and `locale/` catalogues (see messages.Catalogue).

HTML templates escape every `{{ value }}` (autoescape); Markdown templates escape every value
for Markdown (`md_text`). A value already rendered for its page — `|code`, or `|safe` for a
catalogue sentence written in Markdown — is left as it is.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
)
from markupsafe import Markup

from extract.errors import RulesError

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
STATIC_NAME = re.compile(r"^[\w][\w.-]*$")  # a file of static/, never a path


def _html(value: object) -> Markup:
    """Autoescape, spelled as html.escape spells it (&quot; &#x27;), which the pages have
    always used; a value already Markup is left as it is."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


# Characters that Markdown (CommonMark, GFM tables) reads as markup anywhere in a line.
_MD_ESCAPE = re.compile(r"([\\`*_\[\]|~])")


def md_text(text: object) -> str:
    """A printed string as Markdown text: on one line, HTML as entities, markup escaped."""
    s = " ".join(str(text).split("\n"))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_ESCAPE.sub(r"\\\1", s)


def md_code(text: object) -> str:
    """A printed string as a Markdown code span: shown as is, never read as markup."""
    s = " ".join(str(text).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or not s.strip() else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _md(value: object) -> Markup:
    return value if isinstance(value, Markup) else Markup(md_text(value))


def static_file(name: str, folder: Path | None = None) -> Path | None:
    """The static file `name`: the user's `folder/static/name`, else the package's."""
    if not STATIC_NAME.match(name):
        return None
    for base in ([folder / "static"] if folder else []) + [STATIC]:
        if (base / name).is_file():
            return base / name
    return None


def _inline(folder: Path | None) -> Callable[[str], Markup]:
    def inline(name: str) -> Markup:
        """A static file's text, to inline in a self-contained page."""
        path = static_file(name, folder)
        if path is None:
            raise RulesError(f"static file {name!r} not found (a template asked for it).")
        return Markup(path.read_text(encoding="utf-8"))

    return inline


@functools.cache
def environment(folder: Path | None = None, markdown: bool = False) -> Environment:
    """The templates of `folder` (if any) in front of the package's, which are also named
    `default:NAME`; for Markdown pages, or for HTML ones."""
    package = FileSystemLoader(TEMPLATES, encoding="utf-8")
    mine = [FileSystemLoader(folder, encoding="utf-8")] if folder else []
    env = Environment(
        loader=ChoiceLoader([*mine, package, PrefixLoader({"default": package}, delimiter=":")]),
        autoescape=not markdown,
        finalize=_md if markdown else _html,
        undefined=StrictUndefined,  # a misspelt name in a template is an error, not a blank
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["code"] = lambda s: Markup(md_code(s))
    env.globals["static"] = _inline(folder)
    return env


PAGES = ("report.html", "report.md", "review.html")


@contextmanager
def _sentences(name: str, folder: Path | None) -> Iterator[None]:
    """A template that cannot be read or filled is one sentence naming its file (and line)."""
    where = f"{folder}, then the package's" if folder else str(TEMPLATES)
    try:
        yield
    except TemplateSyntaxError as exc:
        at = f"{exc.filename or exc.name}, line {exc.lineno}"
        raise RulesError(f"{at}: the template cannot be read: {exc.message}.") from None
    except TemplateNotFound as exc:
        raise RulesError(f"template {exc.name} not found (in {where}).") from None
    except TemplateError as exc:
        raise RulesError(f"template {name} (in {where}): {exc}.") from None


def check(folder: Path) -> None:
    """A user's templates folder, tried before any work is done: each template of it that
    replaces one of the package's reads, and so do the templates it extends or includes."""
    if not folder.is_dir():
        raise RulesError(f"{folder}: templates folder not found.")
    for name in PAGES:
        if (folder / name).is_file():
            env = environment(folder, markdown=name.endswith(".md"))
            with _sentences(name, folder):
                env.get_template(name)
                source = (folder / name).read_text(encoding="utf-8")
                for other in meta.find_referenced_templates(env.parse(source)):
                    if other:
                        env.get_template(other)


def render(name: str, folder: Path | None = None, **data: object) -> str:
    """The template `name` filled with `data`."""
    env = environment(folder, markdown=name.endswith(".md"))
    with _sentences(name, folder):
        return env.get_template(name).render(**data)
