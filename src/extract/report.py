"""The review report: report.html (one self-contained file) and report.md.

What a planning officer reads after each run: counts, then every finding grouped by code with the
printed source lines around it — for a plan read from a PDF, a picture of the printed page with
the line highlighted — and what to do next, KPI charts, and the accepted findings last. Every
word of the interface comes from the message catalogue (messages.py): Japanese by default,
English with `lang="en"`.

Each finding card carries its row in findings.csv (`data-finding`) and what the review page
(`plan-extract review`) needs to offer a decision on it; the static file itself runs no more
than the severity filter.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from extract import __version__, messages, pictures
from extract.messages import text as t
from extract.models import Document, Finding, Indicator, Plan, Severity
from extract.schema import BY_NAME
from extract.tables import record_counts
from extract.text import is_wide

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
CONTEXT = 1  # printed lines shown before and after a finding's line
PICTURED = (Severity.ERROR, Severity.WARNING)  # findings that show the printed page


def counts(plan: Plan) -> dict[str, int]:
    """The report's counts: records per table, and the variant groups."""
    return {**record_counts(plan), "variant groups": len({v.group_id for v in plan.variants})}


def _count_label(name: str, lang: str) -> str:
    if name == "variant groups":
        return t("report.variant_groups", lang)
    if lang == "en":
        return name
    schema = BY_NAME.get(name)
    return f"{schema.title}（{name}）" if schema else name


def _by_code(found: Iterable[tuple[int, Finding]]) -> list[tuple[str, list[tuple[int, Finding]]]]:
    groups: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
    for i, f in found:
        groups[f.code].append((i, f))
    return sorted(groups.items(), key=lambda kv: (SEVERITY_ORDER[kv[1][0][1].severity], kv[0]))


def _title(plan: Plan) -> str:
    meta = plan.meta
    parts = [str(meta.get(k, "")) for k in ("municipality", "title") if meta.get(k)]
    return " ".join(parts) or plan.source_name


def form_name(source_format: str, lang: str) -> str:
    """The form a plan was read from, in words (Word document, web page …)."""
    key = f"form.{source_format}"
    return t(key, lang) if key in messages.UI else source_format


def _where(f: Finding, lang: str) -> str:
    parts = []
    if f.page:
        parts.append(t("report.page", lang, n=f.page))
    if f.line:
        parts.append(t("report.line", lang, n=f.line))
    if f.record_id:
        parts.append(f.record_id)
    return " · ".join(parts) or t("report.whole_plan", lang)


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans JP","IPAexGothic","Hiragino Sans",sans-serif;margin:2rem;max-width:72rem;color:#222}
h1{font-size:1.4rem}h2{border-bottom:2px solid #ccc;margin-top:2.5rem}h3{margin-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
td.n{text-align:right}.error{color:#b00020}.warning{color:#a35b00}.info{color:#1a5fb4}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:1rem;margin-right:.5rem;background:#f2f2f2}
.finding{color:#222;border-left:4px solid #ccc;padding:.3rem .8rem;margin:.6rem 0;background:#fafafa}
.finding.error{border-color:#b00020}.finding.warning{border-color:#a35b00}.finding.info{border-color:#1a5fb4}
.finding p{margin:.2rem 0;color:#222}.hint{color:#444}.where{font-size:.85rem;color:#666}
pre.src{background:#fff;border:1px solid #ddd;padding:.3rem;overflow-x:auto;font-size:.85rem;margin:.3rem 0}
pre.src span.l{display:block}pre.src .hit{background:#fff3b0}.lno{color:#999;user-select:none}
figure.page{margin:.4rem 0}figure.page img{max-width:100%;height:auto;border:1px solid #ddd;display:block}
figure.page figcaption{font-size:.85rem}details summary{cursor:pointer;font-size:.85rem;color:#555}
.filters label{margin-right:1rem}.hidden{display:none}.desc{color:#555;margin:.1rem 0 .4rem}
.code-id{font-family:monospace;font-size:.85rem;color:#555;font-weight:normal}
svg text{font-size:11px}
"""

_JS = """
document.querySelectorAll('.filters input').forEach(function (box) {
  box.addEventListener('change', function () {
    document.querySelectorAll('section.code[data-severity="' + box.value + '"]').forEach(function (s) {
      s.classList.toggle('hidden', !box.checked);
    });
  });
});
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _source(doc: Document | None, line: int | None) -> str:
    if doc is None or not line:
        return ""
    rows = []
    for ln in doc.lines[max(0, line - 1 - CONTEXT) : line + CONTEXT]:
        shown = ln.text.replace("\t", " ⇥ ")
        cls = "l hit" if ln.no == line else "l"
        # a source without pages says where the line is in it (a table row, a sheet's cells)
        at = f" [{ln.address}]" if ln.address else ""
        rows.append(
            f'<span class="{cls}"><span class="lno">{ln.no:>5}{_e(at)} </span>{_e(shown)}</span>'
        )
    return '<pre class="src">' + "".join(rows) + "</pre>"


def _picture(pic: pictures.Picture, source: Path | None, lang: str) -> str:
    alt = t("report.picture_alt", lang, page=pic.page, line=pic.line)
    link = t("report.picture_open", lang, page=pic.page)
    if source is not None:
        href = f"{source.resolve().as_uri()}#page={pic.page}"
        link = f'<a class="page-link" href="{_e(href)}" data-page="{pic.page}">{_e(link)}</a>'
    else:
        link = _e(link)
    return (
        f'<figure class="page"><img class="page-picture" src="{pic.data_uri}" width="{pic.width}" '
        f'height="{pic.height}" alt="{_e(alt)}"><figcaption>{link}</figcaption></figure>'
    )


class _Context:
    """What the finding cards draw on: the document, the pictures, the language, the plan's
    suspected variant groups (for the review page's spelling choice)."""

    def __init__(self, plan: Plan, doc: Document | None, lang: str, source: Path | None):
        self.doc, self.lang, self.source = doc, lang, source
        self.pictures: dict[int, pictures.Picture] = {}
        is_pdf = source is not None and source.suffix.lower() == ".pdf" and source.is_file()
        if is_pdf and doc is not None and doc.source_format != "text":
            # Errors first, then warnings, the unaccepted before the accepted, up to the cap: a
            # plan of a hundred pages can carry thousands of findings.
            pictured = sorted(
                (f for f in plan.findings if f.severity in PICTURED and f.line),
                key=lambda f: (f.accepted, PICTURED.index(f.severity), f.line),
            )
            lines = list(dict.fromkeys(f.line for f in pictured))[: pictures.MAX_PICTURES]
            self.pictures = pictures.render(source, doc, lines)  # type: ignore[arg-type]
        self.spellings: dict[str, list[str]] = defaultdict(list)
        for v in plan.variants:
            if v.resolution == "suspected" and v.variant not in self.spellings[v.canonical]:
                self.spellings[v.canonical].append(v.variant)

    def card(self, index: int, f: Finding) -> str:
        lang = self.lang
        attrs = {
            "id": f"f{index}",
            "data-finding": str(index),
            "data-code": f.code,
            "data-key": f.key,
        }
        action = messages.REVIEW_ACTIONS.get(f.code, "")
        if action == "variant" and len(self.spellings.get(f.key, [])) > 1:
            attrs["data-action"] = action
            attrs["data-spellings"] = json.dumps(self.spellings[f.key], ensure_ascii=False)
        elif action == "department" and f.key:
            attrs["data-action"] = action
        if f.accepted:
            attrs["data-accepted"] = "true"
        hint = messages.finding_hint(f, lang)
        hint_html = f'<p class="hint">{_e(t("report.hint", lang, hint=hint))}</p>' if hint else ""
        note = (
            f'<p class="hint">{_e(t("report.accepted_note", lang, note=f.accepted_note))}</p>'
            if f.accepted
            else ""
        )
        pic = self.pictures.get(f.line or 0) if f.severity in PICTURED else None
        if pic is not None:
            shown = _picture(pic, self.source, lang)
            excerpt = _source(self.doc, f.line)
            if excerpt:
                shown += f"<details><summary>{_e(t('report.printed_lines', lang))}</summary>{excerpt}</details>"
        else:
            shown = _source(self.doc, f.line)
        attr_text = " ".join(f'{k}="{_e(v)}"' for k, v in attrs.items())
        return (
            f'<div class="finding {f.severity.value}" {attr_text}>'
            f'<div class="where">{_e(_where(f, lang))}</div>'
            f"<p>{_e(messages.finding_message(f, lang))}</p>{hint_html}{note}{shown}</div>"
        )


# East Asian wide characters take two units of width, others one (for wrapping chart labels).
def _width(ch: str) -> int:
    return 2 if is_wide(ch) else 1


# Characters that never start a line (kinsoku): closing brackets and punctuation.
_NO_LINE_START = set(
    ")]}）］｝〕〉》」』】、。，．・：；？！ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ%％"
)


def wrap(label: str, units: int) -> list[str]:
    """`label` in lines of at most `units` width units (a closing bracket or punctuation stays
    on its line), nothing cut."""
    lines, current, used = [], "", 0
    for ch in label:
        w = _width(ch)
        if used + w > units and current and ch not in _NO_LINE_START:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    if current or not lines:
        lines.append(current)
    return lines


# Chart geometry, in pixels: the label column, the bar area with room for values either side.
CHART_WIDTH, LABEL_W, LABEL_UNITS, VALUE_ROOM = 920, 400, 68, 80
LINE_H, BAR_H, ROW_GAP = 13, 10, 10


def _bar_chart(records: list[Indicator], title: str, lang: str) -> str:
    """Baseline vs target per indicator, bars from a zero line by signed value, each pair on its
    own scale (the larger magnitude, both sides of zero when a value is negative)."""
    rows = [r for r in records if r.baseline.value is not None or r.target.value is not None]
    if not rows:
        return ""
    negative = any(
        v is not None and v < 0 for r in rows for v in (r.baseline.value, r.target.value)
    )
    left = LABEL_W + (VALUE_ROOM if negative else 16)  # room for a value left of a negative bar
    right = CHART_WIDTH - VALUE_ROOM
    span = right - left
    body, y = [], 24
    for r in rows:
        label = wrap(f"{r.record_id} {r.indicator}", LABEL_UNITS)
        height = max(2 * BAR_H + 4, LINE_H * len(label))
        values = [r.baseline.value, r.target.value]
        lo = min(0.0, *(v for v in values if v is not None))
        hi = max(0.0, *(v for v in values if v is not None))
        scale = span / ((hi - lo) or 1.0)
        zero = left + (0 - lo) * scale
        tip = (
            f"{r.indicator}: {t('chart.baseline', lang)} {r.baseline.raw or '—'} → "
            f"{t('chart.target', lang)} {r.target.raw or '—'}"
        )
        parts = [f'<g class="row"><title>{_e(tip)}</title>']
        tspans = "".join(
            f'<tspan x="0" dy="{0 if i == 0 else LINE_H}">{_e(part)}</tspan>'
            for i, part in enumerate(label)
        )
        parts.append(f'<text class="label" x="0" y="{y + 10}">{tspans}</text>')
        parts.append(
            f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{y - 2}" y2="{y + 2 * BAR_H + 4}" stroke="#555"/>'
        )
        for j, (value, raw, colour) in enumerate(
            ((r.baseline.value, r.baseline, "#9aa5b1"), (r.target.value, r.target, "#2b7a78"))
        ):
            yy = y + j * (BAR_H + 2)
            shown = raw.raw or "—"
            if value is None:
                parts.append(f'<text x="{zero + 4:.1f}" y="{yy + 9}">{_e(shown)}</text>')
                continue
            x = left + (min(0.0, value) - lo) * scale
            w = abs(value) * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{yy}" width="{w:.1f}" height="{BAR_H}" fill="{colour}" '
                f'data-value="{value:g}"/>'
            )
            if value < 0:
                parts.append(
                    f'<text x="{x - 4:.1f}" y="{yy + 9}" text-anchor="end">{_e(shown)}</text>'
                )
            else:
                parts.append(f'<text x="{x + w + 4:.1f}" y="{yy + 9}">{_e(shown)}</text>')
        parts.append("</g>")
        body.append("".join(parts))
        y += height + ROW_GAP
    legend = (
        f'<rect x="0" y="0" width="12" height="8" fill="#9aa5b1"/><text x="16" y="8">{_e(t("chart.baseline", lang))}</text>'
        f'<rect x="130" y="0" width="12" height="8" fill="#2b7a78"/><text x="146" y="8">{_e(t("chart.target", lang))}</text>'
    )
    label = t("chart.label", lang, title=title)
    return (
        f"<h3>{_e(title)}</h3>"
        f'<svg role="img" aria-label="{_e(label)}" width="{CHART_WIDTH}" height="{y}" '
        f'viewBox="0 0 {CHART_WIDTH} {y}" xmlns="http://www.w3.org/2000/svg">'
        + legend
        + "".join(body)
        + "</svg>"
    )


def plan_to_html(
    plan: Plan,
    doc: Document | None = None,
    *,
    lang: str = messages.DEFAULT_LANG,
    source: Path | None = None,
) -> str:
    """The report as one self-contained HTML file. With the `source` PDF the plan was read from,
    each warning and error card shows the printed page around its line."""
    lang = messages.lang_of(lang)
    ctx = _Context(plan, doc, lang, source)
    indexed = list(enumerate(plan.findings))
    live = [(i, f) for i, f in indexed if not f.accepted]
    accepted = [(i, f) for i, f in indexed if f.accepted]
    severities = Counter(f.severity for _, f in live)
    title = _title(plan)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{_e(t('report.doc_title', lang, title=title))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(t('report.heading', lang, title=title))}</h1>",
        f'<p class="where" id="source-form" data-form="{_e(plan.source_format)}">'
        f"{_e(t('report.generated', lang, source=plan.source_name, form=form_name(plan.source_format, lang), version=__version__))}</p>",
        f"<h2>{_e(t('report.summary', lang))}</h2>",
        '<p id="severity-counts">'
        + "".join(
            f'<span class="badge {s.value}">{_e(messages.severity(s, lang))} '
            f'<b id="count-{s.value}">{severities.get(s, 0)}</b></span>'
            for s in Severity
        )
        + f'<span class="badge">{_e(t("report.accepted", lang))} <b id="count-accepted">{len(accepted)}</b></span></p>',
        f'<table id="record-counts"><tr><th>{_e(t("report.table", lang))}</th><th>{_e(t("report.records", lang))}</th></tr>'
        + "".join(
            f'<tr><td>{_e(_count_label(k, lang))}</td><td class="n" data-table="{_e(k)}">{v}</td></tr>'
            for k, v in counts(plan).items()
        )
        + "</table>",
    ]
    if plan.out_of_scope_lines:
        out.append(f"<p>{_e(t('report.out_of_scope', lang, n=plan.out_of_scope_lines))}</p>")
        out.append(f'<p id="out-of-scope">{_e(out_of_scope_reasons(plan, lang))}</p>')
    out.extend(profile_html(plan, lang))
    groups = _by_code(live)
    out.append(
        '<table id="code-counts"><tr>'
        + "".join(
            f"<th>{_e(t(k, lang))}</th>"
            for k in ("report.code", "report.severity", "report.count", "report.meaning")
        )
        + "</tr>"
    )
    for code, items in groups:
        sev = items[0][1].severity
        out.append(
            f'<tr><td><a href="#{_e(code)}">{_e(messages.code_title(code, lang))}</a> '
            f'<span class="code-id">{_e(code)}</span></td><td class="{sev.value}">{_e(messages.severity(sev, lang))}</td>'
            f'<td class="n" data-code="{_e(code)}">{len(items)}</td><td>{_e(messages.code_description(code, lang))}</td></tr>'
        )
    out.append("</table>")
    out.append(f"<h2>{_e(t('report.findings', lang))}</h2>")
    out.append(
        f'<p class="filters">{_e(t("report.show", lang))} '
        + "".join(
            f'<label><input type="checkbox" value="{s.value}" checked> {_e(messages.severity(s, lang))}</label>'
            for s in Severity
        )
        + "</p>"
    )
    if not groups:
        out.append(f"<p>{_e(t('report.no_findings', lang))}</p>")
    for code, items in groups:
        sev = items[0][1].severity
        out.append(f'<section class="code" id="{_e(code)}" data-severity="{sev.value}">')
        out.append(
            f'<h3 class="{sev.value}">{_e(messages.code_title(code, lang))} '
            f'<span class="code-id">{_e(code)}</span> ({len(items)})</h3>'
            f'<p class="desc">{_e(messages.code_description(code, lang))}</p>'
        )
        out.extend(ctx.card(i, f) for i, f in items)
        out.append("</section>")
    out.append(f"<h2>{_e(t('report.kpi_charts', lang))}</h2>")
    out.append(f'<p class="desc">{_e(t("report.chart_note", lang))}</p>')
    for goal in plan.goals:
        recs = [r for r in [*plan.numeric_targets, *plan.kpis] if r.goal_no == goal.goal_no]
        out.append(
            _bar_chart(recs, t("report.goal_chart", lang, no=goal.goal_no, title=goal.title), lang)
        )
    out.append(
        f'<h2 id="accepted">{_e(t("report.accepted_heading", lang, n=len(accepted)))}</h2>'
        '<div id="accepted-findings">'
    )
    if accepted:
        out.extend(ctx.card(i, f) for i, f in accepted)
    else:
        out.append(f"<p>{_e(t('report.accepted_none', lang))}</p>")
    out.append("</div>")
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out) + "\n"


# --- Markdown ------------------------------------------------------------------------------------

# Characters that Markdown (CommonMark, GFM tables) reads as markup anywhere in a line.
_MD_ESCAPE = re.compile(r"([\\`*_\[\]|~])")


def out_of_scope_reasons(plan: Plan, lang: str) -> str:
    """Out-of-scope lines by reason: before the goals, after them, under unrecognised headings."""
    reasons = plan.out_of_scope
    return t(
        "summary.out_of_scope_reasons",
        lang,
        before=reasons.get("before_goals", 0),
        after=reasons.get("after_goals", 0),
        inside=reasons.get("unrecognised_section", 0),
    ).strip()


def profile_lines(plan: Plan, lang: str) -> list[str]:
    """What the parser took as goals, sections and policies, and the tables it read."""
    out = []
    for level in ("goals", "sections", "policies"):
        found = plan.profile.get(level)
        if isinstance(found, dict):
            out.append(t(f"summary.profile_{level}", lang, **found))
    for table in plan.profile.get("tables") or []:  # type: ignore[union-attr]
        columns = messages.join([f"{r}={h}" for r, h in table["columns"].items()], lang)
        out.append(
            t(
                "summary.profile_table",
                lang,
                kind=table["kind"],
                count=table["count"],
                columns=columns,
            )
        )
    return out


def profile_html(plan: Plan, lang: str) -> list[str]:
    """The profile section: the levels taken and every numbered level the outline holds (the
    review page offers each as the goals or the policies)."""
    if not plan.profile:
        return []
    out = [f'<h2 id="profile-heading">{_e(t("report.profile", lang))}</h2>', '<ul id="profile">']
    out.extend(f"<li>{_e(line)}</li>" for line in profile_lines(plan, lang))
    out.append("</ul>")
    levels = plan.profile.get("levels") or []
    if levels:
        taken = {
            (plan.profile.get(k) or {}).get("scheme"): k  # type: ignore[union-attr]
            for k in ("goals", "sections", "policies")
        }
        head = "".join(
            f"<th>{_e(t(k, lang))}</th>"
            for k in (
                "report.level_scheme",
                "report.level_example",
                "report.count",
                "report.level_taken",
            )
        )
        out.append(f'<table id="profile-levels"><tr>{head}</tr>')
        for lv in levels:  # type: ignore[union-attr]
            role = taken.get(lv["scheme"], "")
            role_text = t(f"report.level_{role}", lang) if role else ""
            out.append(
                f'<tr data-scheme="{_e(lv["scheme"])}"><td>{_e(lv["scheme"])}</td>'
                f'<td>{_e(lv["example"])}</td><td class="n">{lv["count"]}</td>'
                f"<td>{_e(role_text)}</td></tr>"
            )
        out.append("</table>")
    return out


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


def plan_to_markdown(
    plan: Plan, doc: Document | None = None, *, lang: str = messages.DEFAULT_LANG
) -> str:
    lang = messages.lang_of(lang)
    live = [f for f in plan.findings if not f.accepted]
    accepted = [f for f in plan.findings if f.accepted]
    severities = Counter(f.severity for f in live)
    title = _title(plan)
    out = [
        f"# {md_text(t('report.heading', lang, title=title))}",
        "",
        md_text(
            t(
                "report.generated",
                lang,
                source=plan.source_name,
                form=form_name(plan.source_format, lang),
                version=__version__,
            )
        ),
        "",
        f"## {t('report.summary', lang)}",
        "",
        t(
            "report.findings_line",
            lang,
            **{s.value: severities.get(s, 0) for s in Severity},
            accepted=len(accepted),
        ),
        "",
        f"| {t('report.table', lang)} | {t('report.records', lang)} |\n| --- | ---: |",
    ]
    out.extend(f"| {md_text(_count_label(k, lang))} | {v} |" for k, v in counts(plan).items())
    out.append("")
    if plan.out_of_scope_lines:
        out.append(md_text(t("report.out_of_scope", lang, n=plan.out_of_scope_lines)))
        out.append("")
        out.append(md_text(out_of_scope_reasons(plan, lang)))
        out.append("")
    if plan.profile:
        out.append(f"## {md_text(t('report.profile', lang))}")
        out.append("")
        out.extend(f"- {md_text(line)}" for line in profile_lines(plan, lang))
        out.append("")
    groups = _by_code(enumerate(live))
    if groups:
        out.append(
            "| "
            + " | ".join(
                t(k, lang)
                for k in ("report.code", "report.severity", "report.count", "report.meaning")
            )
            + " |\n| --- | --- | ---: | --- |"
        )
        out.extend(
            f"| `{code}` | {md_text(messages.severity(items[0][1].severity, lang))} | {len(items)} "
            f"| {md_text(messages.code_title(code, lang))} |"
            for code, items in groups
        )
        out.append("")
    out.append(f"## {t('report.findings', lang)}")
    if not groups:
        out.append("")
        out.append(md_text(t("report.no_findings", lang)))
    for code, items in groups:
        sev = items[0][1].severity
        out.append("")
        out.append(
            f"### {md_text(messages.code_title(code, lang))} `{code}` "
            f"({len(items)}, {md_text(messages.severity(sev, lang))})"
        )
        out.append("")
        out.append(md_text(messages.code_description(code, lang)))
        out.append("")
        for _, f in items:
            hint = messages.finding_hint(f, lang)
            out.append(
                f"- **{md_text(_where(f, lang))}**: {md_text(messages.finding_message(f, lang))}"
                + (f"  \n  {md_text(t('report.hint', lang, hint=hint))}" if hint else "")
            )
            if doc is not None and f.line and 0 < f.line <= len(doc.lines):
                source_line = doc.lines[f.line - 1]
                printed = source_line.text.replace("\t", " ⇥ ").strip()
                if printed:
                    at = f" ({md_text(source_line.address)})" if source_line.address else ""
                    out.append(f"  \n  {md_code(printed)}{at}")
    out.append("")
    out.append(f"## {md_text(t('report.accepted_heading', lang, n=len(accepted)))}")
    out.append("")
    out.extend(
        f"- `{f.code}` {md_text(_where(f, lang))}: {md_text(messages.finding_message(f, lang))}"
        f" — {md_text(f.accepted_note)}"
        for f in accepted
    )
    if not accepted:
        out.append(md_text(t("report.none", lang)))
    return "\n".join(out) + "\n"
