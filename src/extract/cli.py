"""Command line: the only module that prints or exits."""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

from extract import __version__, messages, pages
from extract.diff import changes_to_csv, diff_tables, load, summary
from extract.errors import INTERRUPTED, InputError, PlanExtractError
from extract.models import Severity
from extract.opendata import export
from extract.pipeline import RunResult, default_source, project_root, run
from extract.publish import check_destination, plan_to_files, write_folder
from extract.report import out_of_scope_reasons, profile_lines
from extract.rules import Rules, load_rules
from extract.schema import BY_NAME
from extract.tables import record_counts
from extract.text import format_number

DESCRIPTION = """\
Turn a Japanese municipal strategy plan (地方版総合戦略) — a PDF, a Word or Excel original,
a web page, a Markdown conversion, or a text rendering with tabs between cells — into
normalized CSV tables and a list of findings for review.

  plan-extract run                      process the embedded default plan (raw/)
  plan-extract run plan.pdf --out DIR   process another plan (.pdf .docx .xlsx .html .md .txt)
  plan-extract publish DIR --to OUT     portal-ready copy of an output folder
  plan-extract diff OLD NEW             what changed in a revised plan
  plan-extract review DIR               review an output folder in the browser, decide, rerun
  plan-extract batch PLANS --out DIR    many plans into one dataset (CSV, Parquet, SQLite)
  plan-extract compare DIR "自治会加入率"  one indicator across the corpus's municipalities
"""


def _err(message: str) -> None:
    print(f"plan-extract: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"plan-extract: warning: {message}", file=sys.stderr)


def _progress(quiet: bool):  # noqa: ANN202 - a small closure
    if quiet or not sys.stderr.isatty():
        return None
    return lambda msg: print(f"  {msg}", file=sys.stderr)


def _summary(
    result: RunResult, out: Path, lang: str = messages.DEFAULT_LANG, templates: Path | None = None
) -> str:
    """The run summary, in `lang`: its sentences come from the message catalogue (the user's
    own in `templates` first)."""
    words = messages.catalogue(lang, templates)
    plan = result.plan
    counts = record_counts(plan)
    form = words.form(plan.source_format)
    lines = [words.text("summary.header", source=plan.source_name, form=form, out=out)]
    unlisted = sum(1 for d in plan.departments if not d.listed)
    note = ""
    if unlisted and unlisted < len(plan.departments):
        note = words.text("summary.unlisted_some", n=unlisted)
    elif unlisted:
        note = words.text("summary.unlisted_all")
    names = {n: n if lang == "en" or n not in BY_NAME else BY_NAME[n].title for n in counts}
    items = words.join([f"{names[name]} {n}" for name, n in counts.items()])
    lines.append(words.text("summary.records", items=items, note=note))
    severities = Counter(f.severity for f in plan.findings if not f.accepted)
    accepted = sum(1 for f in plan.findings if f.accepted)
    lines.append(
        words.text(
            "summary.findings",
            **{s.value: severities.get(s, 0) for s in Severity},
            accepted=words.text("summary.accepted", n=accepted) if accepted else "",
        )
    )
    codes = Counter(f.code for f in plan.findings if not f.accepted)
    if codes:
        by_code = words.join([f"{c} {n}" for c, n in sorted(codes.items())])
        lines.append(words.text("summary.by_code", items=by_code))
    cov = plan.coverage()
    share = f"{cov.share:.1%}"
    lines.append(
        words.plural(
            "summary.coverage",
            cov.content,
            content=cov.content,
            in_records=cov.in_records,
            share=share,
            reported=cov.reported,
        )
    )
    groups = {v.group_id for v in plan.variants}
    suspected = {v.group_id for v in plan.variants if v.resolution == "suspected"}
    lines.append(
        words.plural("summary.variants", len(groups), groups=len(groups), suspected=len(suspected))
    )
    if plan.out_of_scope_lines:
        lines.append(words.plural("summary.out_of_scope", plan.out_of_scope_lines))
        lines.append("  " + out_of_scope_reasons(plan, words))
    lines.extend(profile_lines(plan, words))
    return "\n".join(lines)


def cmd_run(args: argparse.Namespace) -> int:
    root, rules = _rules(args)
    if args.jobs is not None:
        if args.jobs < 0:
            raise InputError("--jobs takes 0 (all cores) or a positive number of processes.")
        rules = rules.with_settings(rules.settings.override("--jobs", pdf={"jobs": args.jobs}))
    if args.ocr or args.no_ocr:
        mode = "all" if args.ocr else "off"
        rules = rules.with_settings(rules.settings.override("--ocr", ocr={"mode": mode}))
    source = args.source or default_source(root, rules)
    base = root or Path.cwd()
    out = args.out or base / "normalized" / source.stem
    # refuse early, before any work; the rules folder is read too (an --out there would be
    # replaced by the run and break every later one)
    reads = (source, *([rules.root] if rules.root is not None else []))
    check_destination(out, "run", reads)
    templates = _templates(args.templates or rules.templates, args.lang)
    result = run(source, rules=rules, encoding=args.encoding, progress=_progress(args.quiet))
    files = plan_to_files(
        result.plan,
        result.document,
        source=source,
        folder=out,
        lang=args.lang,
        templates=templates,
    )
    write_folder(out, files)
    if not args.quiet:
        print(_summary(result, out, args.lang, templates))
    return _exit_code(result, args.fail_on)


def _templates(folder: Path | None, lang: str | None) -> Path | None:
    """The user's templates folder (--templates, or [report] templates), its templates and
    its catalogue of `lang` read before any work: a broken one stops here."""
    if folder is None:
        return None
    pages.check(folder)
    messages.catalogue(lang, folder)
    return folder.resolve()


def _rules(args: argparse.Namespace) -> tuple[Path | None, Rules]:
    root = project_root()
    return root, load_rules(args.rules or (root / "rules" if root else None))


def cmd_publish(args: argparse.Namespace) -> int:
    _, rules = _rules(args)
    names = export(
        args.folder,
        args.to,
        excel=args.excel,
        force=args.force,
        settings=rules.settings.publish,
        warn=_warn,
    )
    if not args.quiet:
        print(f"{args.folder} → {args.to}: {len(names)} files")
        for name in names:
            print(f"  {name}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    _, rules = _rules(args)

    def parse(path: Path) -> object:
        return run(path, rules=rules, encoding=args.encoding).plan

    if args.out is not None:
        check_destination(args.out, "diff", (args.old, args.new))
    old, new = load(args.old, parse), load(args.new, parse)
    changes = diff_tables(old, new)
    text = summary(changes, args.old.name, args.new.name)
    if args.out is not None:
        files = {"changes.csv": changes_to_csv(changes), "changes.md": text}
        write_folder(args.out, files, kind="diff", inputs=(args.old, args.new))
    if not args.quiet:
        print(text, end="")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from extract.review import ReviewServer, Session, report_lang

    root = project_root()
    rules_dir = args.rules or (root / "rules" if root else None)
    if rules_dir is None:
        raise InputError("No rules folder: give --rules (the folder decisions are written to).")
    lang = args.lang or report_lang(args.folder)  # by default, the language the report is in
    templates = _templates(args.templates or load_rules(rules_dir).templates, lang)
    session = Session(args.folder.resolve(), rules_dir.resolve(), lang, templates=templates)
    server = ReviewServer(session)
    print(messages.text("review.serving", lang, url=server.url), flush=True)
    if not args.no_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass  # Ctrl+C is how a review ends: every decision is already saved
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from extract.corpus import Event, batch

    _, rules = _rules(args)
    if args.jobs is not None and args.jobs < 0:
        raise InputError("--jobs takes 0 (all cores) or a positive number of processes.")
    _templates(rules.templates, None)

    def progress(e: Event) -> None:
        if args.quiet:
            return
        if e.outcome is None:
            print(f"plan-extract: {e.step} …", file=sys.stderr)
            return
        o = e.outcome
        who = " ".join(
            str(o.identity.get(k) or "") for k in ("code", "prefecture", "municipality", "kind")
        ).strip()
        if o.status == "failed":
            again = "" if o.was_read else " (unchanged, not read again)"
            line = f"FAILED  {o.path}: {o.message}{again}"
        else:
            pages = f", {o.pages} pages" if o.pages else ""
            took = f", {o.seconds:.1f} s" if o.status == "read" else ""
            line = f"{o.status:<9} {o.path} → {who or 'municipality unknown'}{pages}{took}"
        print(f"[{e.done}/{e.total}] {line}", file=sys.stderr, flush=True)

    result = batch(args.plans, args.out, rules=rules, jobs=args.jobs or None, progress=progress)
    if not args.quiet:
        status = Counter(o.status for o in result.outcomes)
        rate = f", {result.pages_read / result.seconds:.1f} pages/s" if result.pages_read else ""
        print(
            f"{args.plans} → {args.out}: {len(result.outcomes)} files, {status['read']} read, "
            f"{status['unchanged']} unchanged, {status['failed']} failed "
            f"({result.seconds:.1f} s{rate})"
        )
        for path in result.changes:
            print(f"  revised: {args.out / path}")
        for g in result.groups[:5]:
            print(f"  indicator group {g.group}: {len(g.plans)} plans")
    return 1 if result.failed and args.fail_on_error else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from extract.corpus import compare

    group, rows = compare(args.folder, args.indicator)
    header = ["municipality", "indicator", "baseline", "target", "qualifier", "confidence"]
    table = [header]
    for r in rows:
        who = f"{r['municipality_code']} {r['municipality']}" if r["municipality_code"] else ""
        table.append(
            [
                who or str(r["plan_id"]),
                str(r["indicator"]),
                _figure(r, "baseline") or "—",
                _figure(r, "target") or str(r["target_raw"] or "—"),
                " ".join(str(r[k]) for k in ("target_qualifier", "target_remark") if r[k]),
                f"{r['confidence']} {r['method']}",
            ]
        )
    print(f"{group}: {len(rows)} indicators")
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print(
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    return 0


def _figure(row: dict[str, object], prefix: str) -> str:
    """`92.5% (2023)`: a value with its unit and year, or '' when it is not a number."""
    value = row[f"{prefix}_value"]
    if value is None:
        return ""
    year = f" ({row[f'{prefix}_year']})" if row[f"{prefix}_year"] else ""
    return f"{format_number(float(value))}{row[f'{prefix}_unit'] or ''}{year}"  # type: ignore[arg-type]


def _width(text: str) -> int:
    """Columns a terminal gives the text: two for a wide (Japanese) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _exit_code(result: RunResult, fail_on: str) -> int:
    live = [f for f in result.plan.findings if not f.accepted]
    if fail_on == "error" and any(f.severity is Severity.ERROR for f in live):
        return 1
    if fail_on == "warning" and any(f.severity in (Severity.ERROR, Severity.WARNING) for f in live):
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-extract",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"plan-extract {__version__}")
    parser.add_argument(
        "--log",
        type=Path,
        metavar="FILE",
        help="append the libraries' own warnings (PDF fonts, images …) to FILE; without it they "
        "are dropped, never printed on the terminal",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "run",
        help="extract a plan into normalized CSVs and findings",
        description="Read a plan (.pdf, .docx, .xlsx, .html, .md, or .txt with tabs between cells), "
        "parse it, check it and write the normalized tables and findings.csv into an output folder "
        "(replaced atomically).",
    )
    p.add_argument(
        "source",
        nargs="?",
        type=Path,
        help="plan file (.pdf, .docx, .xlsx, .html, .md or .txt); default: the embedded plan named "
        "in rules/settings.toml",
    )
    p.add_argument("--out", type=Path, help="output folder (default: normalized/<source name>/)")
    p.add_argument(
        "--encoding", help="text encoding of SOURCE (default: detect UTF-8, UTF-8 with BOM, CP932)"
    )
    p.add_argument("--rules", type=Path, help="rules folder (default: rules/ of the project)")
    p.add_argument(
        "--fail-on",
        choices=["error", "warning", "never"],
        default="never",
        help="exit 1 when unaccepted findings of this severity or worse remain (default: never)",
    )
    p.add_argument(
        "--jobs", type=int, help="processes reading PDF pages in parallel (default: all cores)"
    )
    scan = p.add_mutually_exclusive_group()
    scan.add_argument(
        "--ocr",
        action="store_true",
        help="read every page of a PDF by OCR, text layer or not (default: only pages without one)",
    )
    scan.add_argument(
        "--no-ocr",
        action="store_true",
        help="never OCR: pages without a text layer are reported unread (ocr.page_unread)",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing but errors; no progress"
    )
    _lang_option(p)
    _templates_option(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "publish",
        help="write a portal-ready copy of an output folder (Japanese headers, municipality columns)",
        description="Export the tables of an output folder for an open-data portal: Japanese column headers, "
        "全国地方公共団体コード/都道府県名/市区町村名 columns first, one value per cell, UTF-8. Refuses while "
        "error-level findings stand unaccepted, unless --force.",
    )
    p.add_argument("folder", type=Path, help="an output folder of `plan-extract run`")
    p.add_argument("--to", type=Path, required=True, help="folder to write the export into")
    p.add_argument(
        "--excel", action="store_true", help="also write excel/ copies with a BOM, formulas guarded"
    )
    p.add_argument(
        "--force", action="store_true", help="publish even with unaccepted error findings"
    )
    p.add_argument("--rules", type=Path, help="rules folder (default: rules/ of the project)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser(
        "diff",
        help="what changed between two plans (output folders or source documents)",
        description="Compare two plans by content — project names, indicators, titles — never by row "
        "position, and report added, removed, moved, renamed, changed and retitled records.",
    )
    p.add_argument(
        "old", type=Path, help="the earlier plan: an output folder or a plan file in any form"
    )
    p.add_argument(
        "new", type=Path, help="the revised plan: an output folder or a plan file in any form"
    )
    p.add_argument("--out", type=Path, help="folder for changes.csv and changes.md")
    p.add_argument("--encoding", help="text encoding of source documents (default: detect)")
    p.add_argument("--rules", type=Path, help="rules folder (default: rules/ of the project)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "review",
        help="review an output folder in the browser: accept findings, fix spellings, rerun",
        description="Serve the report of an output folder on 127.0.0.1 (a free port; the URL is "
        "printed). On the page, accept a finding with a note, choose the canonical spelling of a "
        "suspected variant, or register an unknown department abbreviation: each decision is "
        "checked and written to the rules folder. Rerun applies them and rewrites the folder.",
    )
    p.add_argument("folder", type=Path, help="an output folder of `plan-extract run`")
    p.add_argument(
        "--rules", type=Path, help="rules folder decisions go to (default: rules/ of the project)"
    )
    p.add_argument("--no-browser", action="store_true", help="only print the URL")
    _lang_option(p, None)
    _templates_option(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser(
        "batch",
        help="read every plan of a folder into one dataset (CSV, Parquet, SQLite), incrementally",
        description="Read every plan under PLANS (any form `run` reads) in parallel into the corpus "
        "folder: each plan's output, every table of every plan with municipality_code and plan_id "
        "as CSV and Parquet in a data package and in corpus.sqlite, the municipality of each file "
        "(municipalities.csv), indicator groups and a report. Run again, it reads only files whose "
        "content changed; a revised plan replaces its predecessor and its changes are kept in "
        "changes/CODE/. A plan that cannot be read is a row of the report, not the end.",
    )
    p.add_argument("plans", type=Path, help="folder of plan files (searched recursively)")
    p.add_argument("--out", type=Path, required=True, help="the corpus folder")
    p.add_argument("--jobs", type=int, help="processes (default: all cores)")
    p.add_argument("--rules", type=Path, help="rules folder (default: rules/ of the project)")
    p.add_argument(
        "--fail-on-error", action="store_true", help="exit 1 when a plan could not be read"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser(
        "compare",
        help="one indicator across the municipalities of a corpus",
        description="Print the comparison table of an indicator group of a corpus folder: each "
        "municipality's indicator with its baseline (year), target (year), unit and qualifier, "
        "and how surely it belongs to the group.",
    )
    p.add_argument("folder", type=Path, help="a corpus folder of `plan-extract batch`")
    p.add_argument("indicator", help="the group's name, or an indicator's name in it")
    p.set_defaults(func=cmd_compare)
    return parser


def _lang_option(p: argparse.ArgumentParser, default: str | None = messages.DEFAULT_LANG) -> None:
    p.add_argument(
        "--lang",
        choices=list(messages.LANGS),
        default=default,
        help="language of the report and the summary: ja or en (default: "
        + (f"{default})" if default else "the report's own)"),
    )


def _templates_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="a folder of your own templates (report.html, report.md, review.html), static "
        "files (static/) and words (locale/<lang>/LC_MESSAGES/plan-extract.mo), used before "
        "the package's (default: [report] templates in rules/settings.toml)",
    )


def configure_logging(path: Path | None) -> None:
    """Libraries log warnings of their own (pdfminer's "Could not get FontBBox", once per
    glyph): they go to the --log file, or nowhere, never to the terminal (Python prints a
    warning nobody handles on stderr)."""
    logging.captureWarnings(True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if path is None:
        root.addHandler(logging.NullHandler())
        return
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _printable_streams() -> None:
    """A terminal that cannot print Japanese (PYTHONIOENCODING=ascii), or a file name byte that
    is not UTF-8, prints what it can and `?` for the rest, never a traceback after the output is
    written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass  # a stream that cannot be reconfigured keeps its own errors


def main(argv: list[str] | None = None) -> int:
    try:
        _printable_streams()
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        configure_logging(args.log)
        return int(args.func(args))
    except PlanExtractError as exc:
        _err(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        return 0  # output piped into `head` and the like
    except OSError as exc:  # a fault no stage foresaw: still one sentence, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"{where}{exc.strerror or exc}; check the path and its permissions, then try again.")
        return 2
    except KeyboardInterrupt:
        _err(INTERRUPTED)
        return 130
    except RuntimeError as exc:
        # Path.resolve() on a symbolic link loop (any command, any path it resolves)
        if "Symlink loop" not in str(exc):
            raise
        where = str(exc).split(" from ", 1)[-1].strip("'\"")
        _err(f"{where} is a symbolic link that loops back on itself; give the file itself.")
        return 2
