"""`plan-extract review DIR`: the report of an output folder, served on 127.0.0.1 with the
decisions a planning officer makes on it — accept a finding with a note, choose the canonical
spelling of a suspected variant, register an unknown department abbreviation — written to the
rules folder, and a rerun that rewrites the output folder with them.

Starlette (routing, requests, the Host check) served by uvicorn on a socket bound to 127.0.0.1
and a free port. The page is the folder's own report.html with the review controls added by a
script; every request needs the session's random token (in the URL the command prints, then in
a header for writes), and requests naming another host are refused (DNS rebinding). Each rules
write is checked the way the rules are loaded (`load_rules` on a copy of the folder with the row
added) and refused with that sentence when the folder would no longer load. A decision names its
finding by content (code, key, record, line), so a page left open across a rerun decides on the
finding it shows or is refused (409); rules are written only inside the rules folder, once each,
with Excel's formula starts guarded; request bodies are capped (413) and must be plain JSON.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import os
import re
import secrets
import shutil
import socket
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from extract import messages, pages
from extract.errors import InputError, OutputError, PlanExtractError, RulesError
from extract.messages import N_
from extract.messages import text as t
from extract.models import Finding, Severity
from extract.pipeline import run
from extract.publish import MARKER, plan_to_files, read_metadata, read_table, write_folder
from extract.rules import Rules, load_rules
from extract.text import guard_formula

HOSTS = ["127.0.0.1", "localhost"]
TOKEN_HEADER = "X-Plan-Extract-Token"
MAX_FIELD = 500  # characters of one value written to a rules file
MAX_BODY = 1_000_000  # bytes of one request body: a decision is a few hundred

# The rules files a decision writes, with the header a new file gets.
HEADERS = {
    "accepted_findings": ["code", "record", "line", "note"],
    "variants": ["canonical", "variant", "scope", "note"],
    "departments": ["abbr", "canonical", "bureau", "section", "note"],
}


class Refused(PlanExtractError):
    """A decision that cannot be saved; its message says why (shown on the page)."""


class Stale(Refused):
    """A decision on a finding the output folder no longer holds (a page loaded before a
    rerun, a second tab): HTTP 409, and the page says to reload."""


@dataclass
class Session:
    folder: Path
    rules_dir: Path
    lang: str = messages.DEFAULT_LANG
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    templates: Path | None = None  # a folder of the user's own templates, static files, words
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending: int = 0
    last_change: str = ""

    def check_folder(self) -> None:
        if (
            not (self.folder / "report.html").is_file()
            or not (self.folder / "metadata.json").is_file()
        ):
            raise InputError(t("review.not_output", self.lang, folder=self.folder))
        if not self.rules_dir.is_dir():
            raise RulesError(f"{self.rules_dir}: rules folder not found.")
        load_rules(self.rules_dir)  # a broken rules folder stops here, with its sentence

    def source(self) -> Path:
        meta = json.loads((self.folder / "metadata.json").read_text(encoding="utf-8"))
        path = meta.get("source_path")
        if not path:
            raise Refused(t("review.no_source", self.lang, folder=self.folder))
        source = self.folder / path  # relative to the folder (an absolute path stays as it is)
        if not source.is_file():
            raise Refused(t("review.source_missing", self.lang, path=source))
        return source


def report_lang(folder: Path) -> str:
    """The language an output folder's report.html is written in (`<html lang="…">`)."""
    try:
        head = (folder / "report.html").read_text(encoding="utf-8")[:300]
    except OSError:
        return messages.DEFAULT_LANG
    found = re.search(r'<html lang="(\w+)"', head)
    return messages.lang_of(found.group(1)) if found else messages.DEFAULT_LANG


# --- rules files ----------------------------------------------------------------------------------


def _clean(value: object, lang: str) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > MAX_FIELD:
        raise Refused(messages.plural("review.too_long", MAX_FIELD, lang))
    return text


def _appended(path: Path, header: list[str], rows: list[dict[str, str]]) -> bytes:
    """The file's bytes with `rows` added, keeping its BOM, line endings and column order."""
    data = path.read_bytes() if path.is_file() else b""
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig") if data else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    columns = header
    if text.strip():
        columns = [h.strip() for h in next(csv.reader(io.StringIO(text)))]
    else:
        text = ""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    if not text:
        writer.writerow(columns)
    elif not text.endswith(("\n", "\r")):
        buf.write(newline)
    # the rules files are opened in Excel: an abbreviation printed as =1+1 stays text
    writer.writerows([[guard_formula(row.get(c, "")) for c in columns] for row in rows])
    return (b"\xef\xbb\xbf" if bom else b"") + (text + buf.getvalue()).encode("utf-8")


def write_rules_file(rules_dir: Path, name: str, new: bytes) -> Path:
    """Write `new` as the rules file `name` if the rules folder still loads with it (tried on a
    copy first), atomically; else refuse with the loader's sentence."""
    target = rules_dir / name
    if rules_dir.resolve() not in target.resolve().parents:
        # [files] may name a table shared by several plans (../shared/departments.csv): it is
        # read, but a decision on one plan must not change it for the others
        raise Refused(
            f"{target} is outside the rules folder {rules_dir} ([files] in settings.toml names "
            "it, or it is a link); the review writes only inside the rules folder, so edit that "
            "file by hand."
        )
    with tempfile.TemporaryDirectory(prefix="plan-extract-rules.") as tmp:
        copy = Path(tmp) / rules_dir.name
        shutil.copytree(rules_dir, copy)
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes(new)
        try:
            load_rules(copy)
        except RulesError as exc:
            raise Refused(str(exc).replace(str(copy), str(rules_dir))) from exc
    tmp_file = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp_file.write_bytes(new)
        os.replace(tmp_file, target)
    except OSError as exc:
        tmp_file.unlink(missing_ok=True)
        raise OutputError(f"Could not write {target}: {exc.strerror or exc}.") from exc
    return target


@contextmanager
def rules_lock(rules_dir: Path) -> Iterator[None]:
    """One decision at a time on a rules folder, across review servers too (an exclusive
    flock on the folder): the read, the check and the write of a decision are one step."""
    try:
        import fcntl
    except ImportError:  # not POSIX: each server's own lock still orders its decisions
        yield
        return
    fd = os.open(rules_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without flock (some NFS): each server's own lock remains
        yield
    finally:
        os.close(fd)  # and with it the lock


def _saved(rules: Rules, key: str) -> set[tuple[str, ...]]:
    """What names a rule of the file `key`, for each rule it holds (a second one is a
    duplicate: ten clicks on one finding are one rule)."""
    if key == "accepted_findings":
        return {(a.code, a.record, str(a.line or "")) for a in rules.accepted}
    if key == "variants":
        return {(v.canonical, v.variant, v.scope) for v in rules.variants}
    return {(d.abbr,) for d in rules.departments}


_IDENTITY = {
    "accepted_findings": ("code", "record", "line"),
    "variants": ("canonical", "variant", "scope"),
    "departments": ("abbr",),
}


def add_rows(
    rules_dir: Path, key: str, rows: list[dict[str, str]], lang: str = messages.DEFAULT_LANG
) -> Path:
    """Append `rows` to the rules file `key` (accepted_findings, variants, departments) if the
    rules folder still loads with them; else refuse with the loader's sentence. Rows the file
    already holds are not added again; when all are there, the decision is refused as saved."""
    with rules_lock(rules_dir):
        rules = load_rules(rules_dir)
        name = getattr(rules.settings.files, key)
        saved = _saved(rules, key)
        new = [r for r in rows if tuple(r.get(c, "") for c in _IDENTITY[key]) not in saved]
        if not new:
            raise Refused(t("review.already_saved", lang, file=rules_dir / name))
        return write_rules_file(rules_dir, name, _appended(rules_dir / name, HEADERS[key], new))


# --- decisions --------------------------------------------------------------------------------------


# What names a finding in a decision: its content as findings.csv holds it, never its row
# number, which moves when a rerun adds or drops findings before it.
FINDING_KEY = {"code": "code", "key": "key", "record": "record_id", "line": "source_line"}


def finding_key(row: dict[str, str]) -> dict[str, str]:
    return {name: row[column] for name, column in FINDING_KEY.items()}


def _finding_row(session: Session, body: dict) -> tuple[dict, list[dict]]:
    """The finding a decision names (by `finding_key`), as the folder holds it now; refused
    as stale when the folder no longer holds it."""
    named = {name: body.get(name) for name in FINDING_KEY}
    if not all(isinstance(v, str) for v in named.values()) or not named["code"]:
        raise Stale(t("review.stale_page", session.lang))
    rows = read_table(session.folder, "findings")
    for row in rows:
        if finding_key(row) == named:
            return row, rows
    what = " ".join(filter(None, (named["code"], named["key"] or named["record"] or named["line"])))
    raise Stale(t("review.finding_gone", session.lang, finding=what))


def acceptance(row: dict[str, str], rows: list[dict[str, str]]) -> tuple[str, str]:
    """(record, line) naming this finding in rules/accepted_findings.csv: its content key or
    record id when that names it alone among the findings of its code, else with its line."""
    same = [r for r in rows if r["code"] == row["code"]]
    for candidate in (row["key"], row["record_id"]):
        if candidate and sum(candidate in (r["key"], r["record_id"]) for r in same) == 1:
            return candidate, ""
    return row["key"] or row["record_id"], row["source_line"]


def accept(session: Session, body: dict) -> Path:
    row, rows = _finding_row(session, body)
    note = _clean(body.get("note"), session.lang)
    if not note:
        raise Refused(t("review.note_required", session.lang))
    if row["accepted"] == "true":
        raise Stale(t("review.stale_page", session.lang))
    record, line = acceptance(row, rows)
    if not record and not line:
        raise Stale(t("review.stale_page", session.lang))
    entry = {"code": row["code"], "record": record, "line": line, "note": note}
    return add_rows(session.rules_dir, "accepted_findings", [entry], session.lang)


def choose_variant(session: Session, body: dict) -> Path:
    row, _ = _finding_row(session, body)
    if messages.REVIEW_ACTIONS.get(row["code"]) != "variant":
        raise Stale(t("review.stale_page", session.lang))
    group = [
        v
        for v in read_table(session.folder, "variants")
        if v["resolution"] == "suspected" and v["canonical"] == row["key"]
    ]
    spellings = list(dict.fromkeys(v["variant"] for v in group))
    canonical = _clean(body.get("canonical"), session.lang)
    note = _clean(body.get("note"), session.lang)
    if canonical not in spellings or len(spellings) < 2:
        raise Stale(t("review.stale_page", session.lang))
    if not note:
        raise Refused(t("review.note_required", session.lang))
    scope = {"name": "name", "policy_field": "policy_field"}.get(group[0]["field"], "")
    entries = []
    for variant in spellings:
        if variant == canonical:
            continue
        if variant in canonical:
            raise Refused(
                t("review.variant_substring", session.lang, variant=variant, canonical=canonical)
            )
        entries.append({"canonical": canonical, "variant": variant, "scope": scope, "note": note})
    return add_rows(session.rules_dir, "variants", entries, session.lang)


def add_department(session: Session, body: dict) -> Path:
    row, _ = _finding_row(session, body)
    if messages.REVIEW_ACTIONS.get(row["code"]) != "department" or not row["key"]:
        raise Stale(t("review.stale_page", session.lang))
    entry = {
        "abbr": row["key"],
        "canonical": _clean(body.get("canonical"), session.lang),
        "bureau": _clean(body.get("bureau"), session.lang),
        "section": _clean(body.get("section"), session.lang),
        "note": _clean(body.get("note"), session.lang),
    }
    if not entry["note"]:
        raise Refused(t("review.note_required", session.lang))
    if not entry["canonical"] and not (entry["bureau"] or entry["section"]):
        raise Refused(t("review.dept_missing", session.lang))
    return add_rows(session.rules_dir, "departments", [entry], session.lang)


def with_setting(text: str, section: str, key: str, value: str, note: str) -> str:
    """settings.toml with `key = "value"` set in `[section]` (a line of its own right under the
    section line, an earlier value of it removed), comments and everything else kept."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = f"{key} = {json.dumps(value, ensure_ascii=False)}  # {note}{newline}"
    at = next((i for i, ln in enumerate(lines) if ln.strip() == f"[{section}]"), None)
    if at is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        return "".join([*lines, newline, f"[{section}]{newline}", entry])
    end = next(
        (i for i in range(at + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines)
    )
    mine = re.compile(rf"^\s*{re.escape(key)}\s*=")
    body = [ln for ln in lines[at + 1 : end] if not mine.match(ln)]
    return "".join([*lines[: at + 1], entry, *body, *lines[end:]])


def set_level(session: Session, body: dict) -> Path:
    """goal_level / policy_level in rules/settings.toml: the review's correction of the
    profile, to a level the plan's outline holds."""
    role = body.get("level")
    key = {"goal": "goal_level", "policy": "policy_level"}.get(str(role))
    scheme = _clean(body.get("scheme"), session.lang)
    note = _clean(body.get("note"), session.lang)
    profile = read_metadata(session.folder).get("profile") or {}
    schemes = {lv.get("scheme") for lv in profile.get("levels") or []}  # type: ignore[union-attr]
    if key is None or scheme not in schemes:
        raise Stale(t("review.stale_page", session.lang))
    if not note:
        raise Refused(t("review.note_required", session.lang))
    target = session.rules_dir / "settings.toml"
    with rules_lock(session.rules_dir):
        text = target.read_bytes().decode("utf-8-sig") if target.is_file() else ""
        new = with_setting(text, "parse", key, scheme, note)
        return write_rules_file(session.rules_dir, "settings.toml", new.encode("utf-8"))


def _tally(findings: list[Finding] | list[dict[str, str]]) -> Counter:
    out: Counter = Counter()
    for f in findings:
        if isinstance(f, dict):
            accepted, sev = f["accepted"] == "true", f["severity"]
        else:
            accepted, sev = f.accepted, f.severity.value
        out["accepted" if accepted else sev] += 1
    return out


def rerun(session: Session) -> str:
    """Run the pipeline again on the folder's source with the rules; rewrite the folder. Returns
    what changed in the counts, as a sentence."""
    source = session.source()
    before = _tally(read_table(session.folder, "findings"))
    result = run(source, rules=load_rules(session.rules_dir))
    if not (session.folder / MARKER).exists():
        raise Refused(t("review.not_output", session.lang, folder=session.folder))
    write_folder(
        session.folder,
        plan_to_files(
            result.plan,
            result.document,
            source=source,
            folder=session.folder,
            lang=session.lang,
            templates=session.templates,
        ),
    )
    after = _tally(result.plan.findings)
    labels = {s.value: messages.severity(s, session.lang) for s in Severity}
    labels["accepted"] = t("report.accepted", session.lang)
    changes = [
        f"{labels[k]} {before[k]}→{after[k]}"
        for k in (*(s.value for s in Severity), "accepted")
        if before[k] != after[k]
    ]
    session.pending = 0
    if not changes:
        return t("review.unchanged", session.lang)
    return t("review.changed", session.lang, changes=messages.join(changes, session.lang))


# --- the page ---------------------------------------------------------------------------------------

# The labels the page's script shows (its name → the catalogue key); those with a {field} the
# script fills itself keep it.
_LABELS = {
    "rerun": N_("review.rerun"),
    "rerunning": N_("review.rerunning"),
    "pending": N_("review.pending"),
    "accept": N_("review.accept"),
    "acceptNote": N_("review.accept_note"),
    "variantChoose": N_("review.variant_choose"),
    "variantSave": N_("review.variant_save"),
    "variantNote": N_("review.variant_note"),
    "variantDefaultNote": N_("review.variant_default_note"),
    "deptTitle": N_("review.dept_title"),
    "deptCanonical": N_("review.dept_canonical"),
    "deptBureau": N_("review.dept_bureau"),
    "deptSection": N_("review.dept_section"),
    "deptNote": N_("review.dept_note"),
    "deptDefaultNote": N_("review.dept_default_note"),
    "deptSave": N_("review.dept_save"),
    "levelGoal": N_("review.level_goal"),
    "levelPolicy": N_("review.level_policy"),
    "levelNote": N_("review.level_note"),
    "levelDefaultNote": N_("review.level_default_note"),
    "saved": N_("review.saved"),
    "refused": N_("review.refused"),
}
_KEEP = {
    "deptTitle": {"abbr": "{abbr}"},
    "saved": {"file": "{file}"},
    "refused": {"reason": "{reason}"},
}


def review_page(session: Session) -> str:
    """The folder's report.html with the review bar, the decision forms and the token
    (templates/review.html)."""
    page = (session.folder / "report.html").read_text(encoding="utf-8")
    head, end_head, rest = page.partition("</head>")
    body, end_body, end = rest.partition("</body>")
    if not (end_head and end_body):
        raise InputError(t("review.not_output", session.lang, folder=session.folder))
    words = messages.catalogue(session.lang, session.templates)
    labels: dict[str, object] = {
        name: words.text(key, **_KEEP.get(name, {})) for name, key in _LABELS.items()
    }
    # the forms for one decision and for more (the script picks by its own count)
    labels["pending"] = [words.plural("review.pending", n, n="{n}") for n in (1, 2)]
    labels["bar"] = words.text("review.bar", folder=session.folder.name)
    labels["failed"] = words.text("review.refused", reason="—")
    # findings.csv of the same folder state: the content key of each card's row
    named = [finding_key(row) for row in read_table(session.folder, "findings")]
    config = {
        "token": session.token,
        "findings": named,
        "labels": labels,
        "pending": session.pending,
        "lastChange": session.last_change,
    }
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return pages.render(
        "review.html",
        session.templates,
        _=words.text,
        _n=words.plural,
        report_head=Markup(head),
        report_body=Markup(body),
        report_end=Markup(end),
        config=Markup(data),
    )


# --- the server -------------------------------------------------------------------------------------


def build_app(session: Session):  # noqa: ANN201 - a Starlette application
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse
    from starlette.routing import Route

    headers = {
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        # the report's own style and script are inline; the review's are files of this app
        "Content-Security-Policy": "default-src 'none'; img-src data:; "
        "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    }

    no_store = {"Cache-Control": "no-store"}

    def token_ok(given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), session.token.encode())

    def page(request: Request) -> object:
        if not token_ok(request.query_params.get("token")):
            return PlainTextResponse(
                "Forbidden: open the URL that plan-extract review printed.", 403
            )
        try:
            return HTMLResponse(review_page(session), headers=headers)
        except PlanExtractError as exc:  # the folder was broken since the review started
            return PlainTextResponse(str(exc), 409)

    def static(request: Request) -> object:
        # the page's script and style: the package's files (or the user's), no secret in them
        path = pages.static_file(request.path_params["name"], session.templates)
        if path is None:
            return PlainTextResponse("Not found", 404)
        return FileResponse(path, headers=headers)

    def source_pdf(request: Request) -> object:
        if not token_ok(request.query_params.get("token")):
            return PlainTextResponse("Forbidden", 403)
        try:
            source = session.source()
        except Refused as exc:
            return PlainTextResponse(str(exc), 404)
        if source.suffix.lower() != ".pdf":
            return PlainTextResponse("Not a PDF", 404)
        return FileResponse(source, media_type="application/pdf", headers=headers)

    def action(fn: Callable[[Session, dict], object]) -> Callable[[Request], object]:
        async def endpoint(request: Request) -> object:
            from starlette.concurrency import run_in_threadpool

            if not token_ok(request.headers.get(TOKEN_HEADER)):
                return JSONResponse({"error": "Forbidden: no or wrong session token."}, 403)
            origin = request.headers.get("origin")
            if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
                return JSONResponse({"error": "Forbidden: another origin."}, 403)
            if request.headers.get("content-type", "").split(";")[0] != "application/json":
                return JSONResponse({"error": "Send JSON."}, 415)
            too_big = JSONResponse({"error": f"Send at most {MAX_BODY:,} bytes."}, 413)
            length = request.headers.get("content-length", "")
            if length and (not length.isdigit() or int(length) > MAX_BODY):
                return too_big  # refused before the body is read
            data, size = bytearray(), 0
            async for chunk in request.stream():  # a chunked body names no length
                size += len(chunk)
                if size <= MAX_BODY:
                    data += chunk
                elif size > 4 * MAX_BODY:
                    break  # read no further; a little over is read to the end and dropped, so
                    # that the client gets the answer rather than a reset connection
            if size > MAX_BODY:
                return too_big
            try:
                body = json.loads(bytes(data))
            except RecursionError:  # [[[[… a hundred thousand deep
                return JSONResponse({"error": "Send JSON nested a few levels deep."}, 400)
            except ValueError:
                return JSONResponse({"error": "Send JSON."}, 400)
            if not isinstance(body, dict):
                return JSONResponse({"error": "Send a JSON object."}, 400)

            def locked() -> object:
                with session.lock:
                    return fn(session, body)

            try:
                result = await run_in_threadpool(locked)
            except Stale as exc:
                return JSONResponse({"ok": False, "error": str(exc)}, 409, headers=no_store)
            except PlanExtractError as exc:
                # A decision refused is an answer, not a failed request: the page shows it.
                return JSONResponse({"ok": False, "error": str(exc)}, headers=no_store)
            return JSONResponse({"ok": True, **result}, headers=no_store)

        return endpoint

    def saved(fn: Callable[[Session, dict], Path]) -> Callable[[Session, dict], dict]:
        def inner(s: Session, body: dict) -> dict:
            path = fn(s, body)
            s.pending += 1
            return {"file": str(path)}

        return inner

    def do_rerun(s: Session, _body: dict) -> dict:
        s.last_change = rerun(s)
        return {"changes": s.last_change}

    routes = [
        Route("/", page),
        Route("/source.pdf", source_pdf),
        Route("/static/{name}", static),
        Route("/api/accept", action(saved(accept)), methods=["POST"]),
        Route("/api/variant", action(saved(choose_variant)), methods=["POST"]),
        Route("/api/department", action(saved(add_department)), methods=["POST"]),
        Route("/api/level", action(saved(set_level)), methods=["POST"]),
        Route("/api/rerun", action(do_rerun), methods=["POST"]),
    ]
    return Starlette(
        routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=HOSTS)]
    )


class ReviewServer:
    """The review app on 127.0.0.1 and a free port: `serve()` in the foreground (Ctrl+C
    stops it), or `start()` / `stop()` in a background thread (tests)."""

    def __init__(self, session: Session):
        import uvicorn

        session.check_folder()
        self.session = session
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(
            build_app(session), log_level="warning", access_log=False, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.session.token}"

    def serve(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def start(self) -> ReviewServer:
        self._thread = threading.Thread(target=self.serve, name="plan-extract-review", daemon=True)
        self._thread.start()
        for _ in range(200):
            if self.server.started:
                break
            threading.Event().wait(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> ReviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
