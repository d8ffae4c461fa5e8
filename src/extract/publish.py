"""Plan → CSV tables, written atomically into an output folder.

Files are UTF-8 with `\\n` line endings, one value per cell, booleans as true/false and numbers
without units or separators, so the same input and rules give byte-identical output.
The folder is built beside its destination and moved into place only when complete; a folder
that plan-extract did not write (no marker file), written by another command, or holding a file
the marker does not list is never overwritten, and only files plan-extract wrote are deleted.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract import __version__
from extract.errors import InputError, OutputError
from extract.models import Document, Plan
from extract.report import plan_to_html, plan_to_markdown
from extract.schema import datapackage
from extract.tables import BY_TABLE, TABLES, Cell, format_cell

MARKER = ".plan-extract-output"
Table = tuple[list[str], list[list[Cell]]]
# What writes an output folder; a folder is only ever replaced by an output of its own kind.
KINDS = ("run", "publish", "diff", "batch")
FLAG = {"run": "--out", "publish": "--to", "diff": "--out", "batch": "--out"}
# Roughly when this process started: temporary folders older than it are left by killed runs.
STARTED = time.time()


def plan_to_tables(plan: Plan) -> dict[str, Table]:
    """Every registered table as (header, rows of cells)."""
    return {
        t.name: (t.fields, [[row.get(f) for f in t.fields] for row in t.rows(plan)]) for t in TABLES
    }


# --- reading an output folder back (publish, diff, review) -------------------------------------
# The folder may have been opened and saved again by hand (Excel saves CSV as CP932 or with a
# BOM, with CRLF and TRUE/FALSE), truncated by a full disk, or edited: each problem is one
# sentence naming the file, never a traceback or a silently empty column.

_RERUN = "rerun `plan-extract run` to write the folder again"


def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or CP932 (Excel's "CSV" on Japanese
    Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise InputError(
                f"{path} ends in the middle of a character: the file looks truncated — {_RERUN}."
            ) from None
    try:
        return data.decode("cp932")
    except UnicodeDecodeError:
        pass
    raise InputError(
        f"{path} is neither UTF-8 nor Shift_JIS (CP932) text; save it as CSV UTF-8, or {_RERUN}."
    )


def read_metadata(folder: Path) -> dict[str, object]:
    """metadata.json of an output folder, checked to be a JSON object."""
    path = folder / "metadata.json"
    try:
        data = json.loads(decode_csv(path.read_bytes(), path))
    except FileNotFoundError:
        raise InputError(f"{folder} has no metadata.json; {_RERUN}.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}); {_RERUN}."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("plan", {}), dict):
        raise InputError(f"{path} does not hold plan-extract's metadata; {_RERUN}.")
    return data


def read_table(folder: Path, name: str) -> list[dict[str, str]]:
    """A table of an output folder, as rows of strings (what `table_to_csv` wrote), checked
    against the table's schema: the header names its fields, every row has one cell per field,
    and the row count is the one metadata.json records."""
    path = folder / f"{name}.csv"
    if not path.is_file():
        raise InputError(
            f"{folder} has no {name}.csv; give a folder written by `plan-extract run`."
        )
    try:
        text = decode_csv(path.read_bytes(), path)
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    table = BY_TABLE.get(name)
    expected = table.fields if table else None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
        if not header:
            raise InputError(f"{path} is empty; {_RERUN}.")
        header = [h.strip() for h in header]
        if expected is not None and header != expected:
            _check_header(path, header, expected)
        booleans = (
            {f for f, kind, _, _ in table.schema.fields if kind == "boolean"} if table else set()
        )
        rows: list[dict[str, str]] = []
        for cells in reader:
            if not cells:
                continue  # a blank line (Excel adds none, editors might)
            if len(cells) != len(header):
                raise InputError(
                    f"{path}: line {reader.line_num} has {len(cells)} cells where the header "
                    f"has {len(header)}; the file looks truncated or hand-edited — {_RERUN}."
                )
            row = dict(zip(header, cells, strict=True))
            for f in booleans:
                if row[f].lower() in ("true", "false"):
                    row[f] = row[f].lower()  # Excel saves TRUE / FALSE
            rows.append(row)
    except csv.Error as exc:
        raise InputError(
            f"{path}: not a readable CSV at line {reader.line_num} ({exc}); the file looks "
            f"truncated or hand-edited — {_RERUN}."
        ) from None
    if table is not None and table.counted and (folder / "metadata.json").exists():
        recorded = read_metadata(folder).get("records", {})
        count = recorded.get(name) if isinstance(recorded, dict) else None
        if isinstance(count, int) and count != len(rows):
            raise InputError(
                f"{path} has {len(rows)} rows where metadata.json records {count}; the file "
                f"looks truncated or hand-edited — {_RERUN}."
            )
    return rows


def _check_header(path: Path, header: list[str], expected: list[str]) -> None:
    missing = [f for f in expected if f not in header]
    extra = [h for h in header if h not in expected]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if missing:
        found = f" (it has {', '.join(extra)} instead)" if extra else ""
        raise InputError(
            f"{path}: the header lacks {', '.join(missing)}{found}; restore the header "
            f"plan-extract wrote, or {_RERUN}."
        )
    if extra or repeated:
        raise InputError(
            f"{path}: the header has columns plan-extract does not write "
            f"({', '.join(extra or repeated)}); remove them, or {_RERUN}."
        )
    # Same fields in another order: rows are read by name.


def table_to_csv(table: Table) -> str:
    header, rows = table
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([format_cell(c) for c in row] for row in rows)
    return buf.getvalue()


def plan_metadata(plan: Plan, tables: dict[str, Table]) -> dict[str, object]:
    return {
        "generator": f"plan-extract {__version__}",
        "source": plan.source_name,
        "source_format": plan.source_format,
        "plan": plan.meta,
        "flag_column_titles": plan.flag_column_titles,
        "records": {t.name: len(tables[t.name][1]) for t in TABLES if t.counted},
        "out_of_scope_lines": plan.out_of_scope_lines,
        "profile": plan.profile,
        **(
            {"ocr_pages": {str(k): v for k, v in sorted(plan.ocr_pages.items())}}
            if plan.ocr_pages
            else {}
        ),
    }


# --- output folders: what may be replaced, and how ------------------------------------------


@dataclass(frozen=True)
class Marker:
    """The `.plan-extract-output` file: which command wrote the folder, and every file it
    wrote. Without a kind or a list (the first versions' one-line marker), both are inferred
    from the file names."""

    kind: str | None
    files: frozenset[str] | None


def marker_text(kind: str, names: Iterable[str]) -> str:
    return _json(
        {
            "generator": "plan-extract",
            "kind": kind,
            "files": sorted(names),
            "note": f"Written by `plan-extract {kind}`, which replaces this folder as a whole "
            "when it holds only these files; add nothing here.",
        }
    )


def read_marker(folder: Path) -> Marker | None:
    path = folder / MARKER
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return Marker(None, None)
    if not isinstance(data, dict):
        return Marker(None, None)
    kind = data.get("kind") if data.get("kind") in KINDS else None
    files = data.get("files")
    listed = frozenset(f for f in files if isinstance(f, str)) if isinstance(files, list) else None
    return Marker(kind, listed)


def output_kind(folder: Path) -> str | None:
    """The command whose output `folder` is (by its marker), or None."""
    marker = read_marker(folder)
    if marker is None:
        return None
    return marker.kind or _named_kind(_contents(folder)[0])


def _contents(folder: Path) -> tuple[set[str], set[str]]:
    """(files, folders) under `folder` as relative paths, the marker aside; symbolic links count
    as files and are not followed."""
    files: set[str] = set()
    dirs: set[str] = set()
    for root, dirnames, filenames in os.walk(folder):
        rel = Path(root).relative_to(folder)
        for d in list(dirnames):
            path = Path(root) / d
            if path.is_symlink():
                files.add((rel / d).as_posix())
                dirnames.remove(d)
            else:
                dirs.add((rel / d).as_posix())
        files.update((rel / f).as_posix() for f in filenames)
    files.discard(MARKER)
    return files, dirs


def _run_names() -> set[str]:
    return {f"{t.name}.csv" for t in TABLES} | {
        "report.html",
        "report.md",
        "metadata.json",
        "datapackage.json",
    }


_PUBLISHED = re.compile(
    r"(?:excel/)?[^/]+_(?:" + "|".join(t.name for t in TABLES if t.schema.published) + r")\.csv"
)


def _name_kinds(name: str) -> set[str]:
    """The kinds of output that write a file of this name."""
    kinds = set()
    if name in _run_names():
        kinds.add("run")
    if _PUBLISHED.fullmatch(name):
        kinds.add("publish")
    if name in ("changes.csv", "changes.md"):
        kinds.add("diff")
    return kinds


def _named_kind(files: set[str]) -> str | None:
    """The kind whose file names cover those of `files` plan-extract writes (an output of the
    first versions, whose marker names neither kind nor files), or None."""
    ours = [_name_kinds(f) for f in files]
    ours = [k for k in ours if k]
    return next((kind for kind in KINDS if all(kind in k for k in ours)), None)


def _foreign(folder: Path, marker: Marker) -> list[str]:
    """What `folder` holds that the marker does not list: files plan-extract did not write."""
    files, dirs = _contents(folder)
    listed = marker.files
    if listed is None:
        listed = frozenset(f for f in files if _name_kinds(f))
    parents = {p.as_posix() for f in listed for p in Path(f).parents}
    return sorted((files - listed) | {d for d in dirs if d not in parents})


def check_destination(out: Path, kind: str = "run", inputs: Iterable[Path] = ()) -> None:
    """Refuse, before any work, a destination plan-extract may not replace as a whole: the
    current folder, a symbolic link, a file, a folder holding or inside what the command reads,
    a folder with files plan-extract did not write or written by another command, or one under
    a folder that cannot be written. An output a killed run had moved aside is put back first
    (`restore_interrupted`), so that it is checked, and kept, like any other."""
    flag = FLAG[kind]
    target = Path(os.path.abspath(out))
    cwd = Path.cwd()
    if target == cwd or target in cwd.parents:
        raise OutputError(
            f"{out} is the current folder{'' if target == cwd else ' or holds it'}; plan-extract "
            f"replaces its output folder as a whole, so give a new folder name, e.g. {flag} out."
        )
    restore_interrupted(target)
    if out.is_symlink():
        raise OutputError(
            f"{out} is a symbolic link (to {os.readlink(out)}); plan-extract replaces its output "
            f"folder as a whole, so give the folder itself or a new folder name as {flag}."
        )
    real = target.resolve()
    for source in inputs:
        read = Path(os.path.abspath(source)).resolve()
        if read == real:
            raise OutputError(
                f"{out} is {source}, which this command reads; choose another {flag} folder."
            )
        if real in read.parents:
            raise OutputError(
                f"{out} holds {source}, which this command reads; choose an {flag} folder "
                "outside it."
            )
        if read in real.parents:
            raise OutputError(
                f"{out} is inside {source}, which this command reads; choose an {flag} folder "
                "outside it."
            )
    seen = _identity(out)
    try:
        _check_place(out, target, kind)
    except (OutputError, OSError):
        # another run swapped its folder in, or moved this one aside, as it was looked at
        if _identity(out) != seen or _another_run_writing(out):
            raise OutputError(_raced(out, kind)) from None
        raise


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _check_place(out: Path, target: Path, kind: str) -> None:
    """Refuse a file, a place under a file or in a folder that cannot be written, a folder
    plan-extract did not write or wrote with another command, or one holding files its marker
    does not list."""
    flag = FLAG[kind]
    if os.path.lexists(out) and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder; choose another {flag}.")
    existing = next(p for p in (target, *target.parents) if os.path.lexists(p))
    if not existing.is_dir():
        raise OutputError(
            f"Cannot create {out}: {existing} is a file, not a folder; choose another {flag}."
        )
    if existing == target:
        existing = target.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"Cannot write in {existing} (read-only or not permitted); choose an {flag} folder "
            "you can write to."
        )
    if not out.is_dir():
        return
    marker = read_marker(out)
    if marker is None:
        if any(out.iterdir()):
            raise OutputError(
                f"{out} is not empty and was not written by plan-extract; choose an empty or new "
                f"{flag} folder."
            )
        return
    found = marker.kind or _named_kind(_contents(out)[0])
    if found is not None and found != kind:
        raise OutputError(
            f"{out} holds the output of `plan-extract {found}`, which `plan-extract {kind}` "
            f"does not replace; choose another {flag} folder."
        )
    foreign = _foreign(out, marker)
    if foreign:
        shown = ", ".join(foreign[:3]) + (
            f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        )
        raise OutputError(
            f"{out} holds files plan-extract did not write ({shown}); move them out, or choose "
            f"another {flag} folder."
        )


def _dir_mode() -> int:
    """What `mkdir` would give: 0777 less the umask (mkdtemp alone gives 0700)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _remove_output(folder: Path) -> bool:
    """Delete a folder plan-extract wrote — only when every file in it is one the marker lists
    (or, without a marker, one of plan-extract's file names). Returns whether it is gone."""
    marker = read_marker(folder) or Marker(None, None)
    try:
        if _foreign(folder, marker):
            return False
        files, dirs = _contents(folder)
        for f in files:
            (folder / f).unlink()
        (folder / MARKER).unlink(missing_ok=True)
        for d in sorted(dirs, key=lambda d: d.count("/"), reverse=True):
            (folder / d).rmdir()
        folder.rmdir()
    except OSError:
        return False
    return True


def remove_stale(out: Path) -> list[Path]:
    """Temporary folders beside `out` that a killed run left (`.out.<pid>.….tmp`, and the first
    versions' `.out.<random>.tmp` and `.out.old-<pid>`): removed when their process is gone,
    they are older than this process, and they hold only plan-extract's files."""
    parent = out.parent
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:(\d+)\.[\w.-]+\.tmp|\w+\.tmp|old-(\d+))")
    removed: list[Path] = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or entry.is_symlink() or not entry.is_dir():
            continue
        pid = match.group(1) or match.group(2)
        if pid and _alive(int(pid)):
            continue
        try:
            if entry.stat().st_mtime >= STARTED:
                continue
        except OSError:
            continue
        if _remove_output(entry):
            removed.append(entry)
    return removed


def restore_interrupted(out: Path) -> Path | None:
    """A run killed between its two renames (`out` → `.out.<pid>.old-….tmp`, then the new
    folder → `out`) left no `out` and the previous output hidden beside it: put that back when
    its process is gone and it holds only what its marker lists (the newest, if several).
    Returns the folder put back."""
    if os.path.lexists(out):
        return None
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:(\d+)\.old-\w+\.tmp|old-(\d+))")
    found: list[tuple[float, Path]] = []
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return None
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or entry.is_symlink() or not entry.is_dir():
            continue
        if _alive(int(match.group(1) or match.group(2))):
            continue  # a run between its renames right now
        marker = read_marker(entry)
        try:
            if marker is None or _foreign(entry, marker):
                continue
            found.append((entry.stat().st_mtime, entry))
        except OSError:
            continue
    for _, entry in sorted(found, reverse=True):
        try:
            entry.rename(out)
        except OSError:
            continue
        return entry
    return None


def _raced(out: Path, kind: str) -> str:
    return (
        f"Another plan-extract command wrote {out} at the same moment, and its output is there "
        f"now; run this one again when that one has finished, or give another {FLAG[kind]}."
    )


def _another_run_writing(out: Path) -> bool:
    """Whether a live process other than this one has a temporary folder beside `out`."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(\d+)\.[\w.-]+\.tmp")
    try:
        names = [p.name for p in out.parent.iterdir()]
    except OSError:
        return False
    return any(
        (m := pattern.fullmatch(n)) and int(m.group(1)) != os.getpid() and _alive(int(m.group(1)))
        for n in names
    )


# What a rename of the finished folder meets when another run swapped its own in meanwhile: `out`
# gone (moved aside by the other run) or a folder that is not empty (put there by it).
_RACED = (errno.ENOENT, errno.ENOTEMPTY, errno.EEXIST)


def write_folder(
    out: Path, files: dict[str, str], kind: str = "run", inputs: Iterable[Path] = ()
) -> None:
    """Write `files` (name → text) as the folder `out`, replacing a previous plan-extract output
    of the same kind. The folder is built beside `out` (its marker, listing every file, first)
    and renamed into place when complete; on any failure nothing is left behind."""
    check_destination(out, kind, inputs)
    out = Path(os.path.abspath(out))
    created: list[Path] = []
    tmp: Path | None = None
    old: Path | None = None
    swapping = False
    try:
        for folder in reversed([out.parent, *out.parent.parents]):
            if not folder.exists():
                folder.mkdir()
                created.append(folder)
        remove_stale(out)
        tmp = Path(
            tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=out.parent)
        )
        os.chmod(tmp, _dir_mode())
        (tmp / MARKER).write_text(marker_text(kind, files), encoding="utf-8")
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            # a source file name that is not UTF-8 (a byte kept as a lone surrogate) is
            # written with U+FFFD in its place: the files stay valid UTF-8
            (tmp / name).write_text(text, encoding="utf-8", errors="replace", newline="")
        swapping = True
        if out.is_dir():
            old = out.with_name(f".{out.name}.{os.getpid()}.old-{secrets.token_hex(4)}.tmp")
            out.rename(old)
        tmp.rename(out)
        tmp = None
    except BaseException as exc:  # an OS error, or Ctrl+C: put back what was there
        if old is not None and not os.path.lexists(out):
            try:
                old.rename(out)
            except OSError:
                pass
        elif old is not None and old.is_dir():
            _remove_output(old)  # another run's output took its place: that one stays
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                break
        if swapping and isinstance(exc, OSError) and exc.errno in _RACED:
            raise OutputError(_raced(out, kind)) from exc
        if isinstance(exc, OSError):
            raise OutputError(
                f"Could not write {out}: {exc.strerror or exc}; choose an {FLAG[kind]} folder "
                "you can write to."
            ) from exc
        raise
    if old is not None:
        _remove_output(old)  # what it cannot remove safely, the next run's remove_stale retries


def plan_to_files(
    plan: Plan,
    doc: Document | None = None,
    *,
    source: Path | None = None,
    folder: Path | None = None,
    lang: str = "ja",
    templates: Path | None = None,
) -> dict[str, str]:
    """Every file of an output folder: the CSV tables, metadata.json, datapackage.json and the
    two reports (in `lang`, from the user's `templates` folder first when given). With `source`, the file the plan was read from: metadata.json
    records where it is (`source_path`, for `plan-extract review` to rerun), relative to the
    output `folder` when given, so that a published folder names no machine's paths; and a
    PDF's report shows the printed page at each warning and error."""
    tables = plan_to_tables(plan)
    files = {f"{name}.csv": table_to_csv(table) for name, table in tables.items()}
    files["report.html"] = plan_to_html(plan, doc, lang=lang, source=source, templates=templates)
    files["report.md"] = plan_to_markdown(plan, doc, lang=lang, templates=templates)
    metadata = plan_metadata(plan, tables)
    if source is not None:
        metadata["source_path"] = _path_from(folder, source)
    files["metadata.json"] = _json(metadata)
    files["datapackage.json"] = _json(
        datapackage([t.schema for t in TABLES], plan.meta, plan.flag_column_titles)
    )
    return files


def _path_from(folder: Path | None, source: Path) -> str:
    """`source` as seen from `folder` (`../../raw/plan.txt`), or absolute without one (or
    across drives, where no relative path exists)."""
    if folder is None:
        return str(source.resolve())
    try:
        return Path(os.path.relpath(source.resolve(), folder.resolve())).as_posix()
    except ValueError:
        return str(source.resolve())


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
