"""The review report: report.html (one self-contained file) and report.md.

What a planning officer reads after each run: counts, then every finding grouped by code with the
printed source lines around it and what to do next, KPI charts, and the accepted findings last.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable

from extract import __version__
from extract.findings import CODES
from extract.models import Document, Finding, Indicator, Plan, Severity
from extract.tables import record_counts

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
CONTEXT = 1  # printed lines shown before and after a finding's line


def counts(plan: Plan) -> dict[str, int]:
    """The report's counts: records per table, and the variant groups."""
    return {**record_counts(plan), "variant groups": len({v.group_id for v in plan.variants})}


def _by_code(found: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in found:
        groups[f.code].append(f)
    return sorted(groups.items(), key=lambda kv: (SEVERITY_ORDER[kv[1][0].severity], kv[0]))


def _title(plan: Plan) -> str:
    meta = plan.meta
    parts = [str(meta.get(k, "")) for k in ("municipality", "title") if meta.get(k)]
    return " ".join(parts) or plan.source_name


def _where(f: Finding) -> str:
    parts = []
    if f.page:
        parts.append(f"p.{f.page}")
    if f.line:
        parts.append(f"line {f.line}")
    if f.record_id:
        parts.append(f.record_id)
    return " · ".join(parts) or "(whole plan)"


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
.filters label{margin-right:1rem}.hidden{display:none}.desc{color:#555;margin:.1rem 0 .4rem}
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
        rows.append(f'<span class="{cls}"><span class="lno">{ln.no:>5} </span>{_e(shown)}</span>')
    return '<pre class="src">' + "".join(rows) + "</pre>"


def _finding_html(f: Finding, doc: Document | None) -> str:
    hint = f'<p class="hint">→ {_e(f.hint)}</p>' if f.hint else ""
    note = f'<p class="hint">Accepted: {_e(f.accepted_note)}</p>' if f.accepted else ""
    return (
        f'<div class="finding {f.severity.value}"><div class="where">{_e(_where(f))}</div>'
        f"<p>{_e(f.message)}</p>{hint}{note}{_source(doc, f.line)}</div>"
    )


def _bar_chart(records: list[Indicator], title: str) -> str:
    """Baseline vs target per indicator, each pair scaled to its own larger value."""
    rows = [r for r in records if r.baseline.value is not None or r.target.value is not None]
    if not rows:
        return ""
    width, label_w, bar_w, row_h = 760, 360, 300, 30
    height = row_h * len(rows) + 30
    parts = [
        f'<svg role="img" aria-label="{_e(title)}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    parts.append(
        '<rect x="0" y="0" width="12" height="8" fill="#9aa5b1"/><text x="16" y="8">baseline 現状値</text>'
    )
    parts.append(
        '<rect x="130" y="0" width="12" height="8" fill="#2b7a78"/><text x="146" y="8">target 目標値</text>'
    )
    for i, r in enumerate(rows):
        y = 20 + i * row_h
        b, t = abs(r.baseline.value or 0), abs(r.target.value or 0)
        top = max(b, t) or 1
        label = f"{r.record_id} {r.indicator}"
        label = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text x="0" y="{y + 14}"><title>{_e(r.indicator)}</title>{_e(label)}</text>')
        for j, (value, raw, colour) in enumerate(
            ((b, r.baseline, "#9aa5b1"), (t, r.target, "#2b7a78"))
        ):
            w = bar_w * value / top
            yy = y + j * 11
            parts.append(
                f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="10" fill="{colour}"/>'
            )
            text = raw.raw or "—"
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{yy + 9}">{_e(text)}</text>')
    parts.append("</svg>")
    return f"<h3>{_e(title)}</h3>" + "".join(parts)


def plan_to_html(plan: Plan, doc: Document | None = None) -> str:
    live = [f for f in plan.findings if not f.accepted]
    accepted = [f for f in plan.findings if f.accepted]
    severities = Counter(f.severity for f in live)
    out = [
        "<!DOCTYPE html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>plan-extract report: {_e(_title(plan))}</title><style>{_CSS}</style></head><body>",
        f"<h1>Validation report: {_e(_title(plan))}</h1>",
        f'<p class="where">Source: {_e(plan.source_name)} · generated by plan-extract {__version__}</p>',
        "<h2>Summary</h2>",
        '<p id="severity-counts">'
        + "".join(
            f'<span class="badge {s.value}">{s.value} <b id="count-{s.value}">{severities.get(s, 0)}</b></span>'
            for s in Severity
        )
        + f'<span class="badge">accepted <b id="count-accepted">{len(accepted)}</b></span></p>',
        '<table id="record-counts"><tr><th>table</th><th>records</th></tr>'
        + "".join(
            f'<tr><td>{_e(k)}</td><td class="n" data-table="{_e(k)}">{v}</td></tr>'
            for k, v in counts(plan).items()
        )
        + "</table>",
    ]
    if plan.out_of_scope_lines:
        out.append(
            f"<p>{plan.out_of_scope_lines} lines of prose outside the plan's tables were read as out of scope.</p>"
        )
    groups = _by_code(live)
    out.append(
        '<table id="code-counts"><tr><th>code</th><th>severity</th><th>count</th><th>meaning</th></tr>'
    )
    for code, items in groups:
        out.append(
            f'<tr><td><a href="#{_e(code)}">{_e(code)}</a></td><td class="{items[0].severity.value}">{items[0].severity.value}</td>'
            f'<td class="n" data-code="{_e(code)}">{len(items)}</td><td>{_e(CODES[code][1])}</td></tr>'
        )
    out.append("</table>")
    out.append("<h2>Findings</h2>")
    out.append(
        '<p class="filters">Show: '
        + "".join(
            f'<label><input type="checkbox" value="{s.value}" checked> {s.value}</label>'
            for s in Severity
        )
        + "</p>"
    )
    if not groups:
        out.append("<p>No findings: the plan passed every check.</p>")
    for code, items in groups:
        out.append(
            f'<section class="code" id="{_e(code)}" data-severity="{items[0].severity.value}">'
        )
        out.append(
            f'<h3 class="{items[0].severity.value}">{_e(code)} ({len(items)})</h3><p class="desc">{_e(CODES[code][1])}</p>'
        )
        out.extend(_finding_html(f, doc) for f in items)
        out.append("</section>")
    out.append("<h2>KPI charts</h2>")
    for goal in plan.goals:
        recs = [r for r in [*plan.numeric_targets, *plan.kpis] if r.goal_no == goal.goal_no]
        out.append(_bar_chart(recs, f"基本目標{goal.goal_no} {goal.title}"))
    out.append(f"<h2>Accepted findings ({len(accepted)})</h2>")
    if accepted:
        out.extend(_finding_html(f, doc) for f in accepted)
    else:
        out.append(
            "<p>None. Accept a finding by adding its code and record (or line) to rules/accepted_findings.csv.</p>"
        )
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out) + "\n"


# --- Markdown ------------------------------------------------------------------------------------


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def plan_to_markdown(plan: Plan, doc: Document | None = None) -> str:
    live = [f for f in plan.findings if not f.accepted]
    accepted = [f for f in plan.findings if f.accepted]
    severities = Counter(f.severity for f in live)
    out = [
        f"# Validation report: {_title(plan)}",
        "",
        f"Source: `{plan.source_name}` · plan-extract {__version__}",
        "",
    ]
    out.append("## Summary")
    out.append("")
    out.append(
        "Findings: "
        + ", ".join(f"**{severities.get(s, 0)}** {s.value}" for s in Severity)
        + f", {len(accepted)} accepted."
    )
    out.append("")
    out.append("| table | records |\n| --- | ---: |")
    out.extend(f"| {k} | {v} |" for k, v in counts(plan).items())
    out.append("")
    if plan.out_of_scope_lines:
        out.append(
            f"{plan.out_of_scope_lines} lines of prose outside the plan's tables were read as out of scope."
        )
        out.append("")
    groups = _by_code(live)
    if groups:
        out.append("| code | severity | count |\n| --- | --- | ---: |")
        out.extend(
            f"| `{code}` | {items[0].severity.value} | {len(items)} |" for code, items in groups
        )
        out.append("")
    out.append("## Findings")
    for code, items in groups:
        out.append("")
        out.append(f"### `{code}` ({len(items)}, {items[0].severity.value})")
        out.append("")
        out.append(CODES[code][1])
        out.append("")
        for f in items:
            out.append(
                f"- **{_md(_where(f))}**: {_md(f.message)}"
                + (f"  \n  → {_md(f.hint)}" if f.hint else "")
            )
            if doc is not None and f.line:
                printed = doc.lines[f.line - 1].text.replace("\t", " ⇥ ").strip()
                out.append(f"  \n  `{printed}`" if printed and "`" not in printed else "")
    out.append("")
    out.append(f"## Accepted findings ({len(accepted)})")
    out.append("")
    out.extend(
        f"- `{f.code}` {_md(_where(f))}: {_md(f.message)} — {_md(f.accepted_note)}"
        for f in accepted
    )
    if not accepted:
        out.append("None.")
    return "\n".join(line for line in out if line is not None) + "\n"
