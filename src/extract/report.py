"""The review report: report.html (one self-contained file) and report.md.

What a planning officer reads after each run: counts, then every finding grouped by code with the
printed source lines around it — for a plan read from a PDF, a picture of the printed page with
the line highlighted — and what to do next, KPI charts, and the accepted findings last.

The pages are the templates templates/report.html and report.md (pages.py), filled with the plain
data made here; their words come from the message catalogue (messages.py): Japanese by default,
English with `lang="en"`. Each finding card carries its row in findings.csv (`data-finding`) and
what the review page (`plan-extract review`) needs to offer a decision on it; the static file
itself runs no more than the severity filter.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from extract import __version__, messages, pages, pictures
from extract.messages import Catalogue
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


def _count_label(name: str, words: Catalogue) -> str:
    if name == "variant groups":
        return words.text("report.variant_groups")
    if words.lang == "en":
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


def _where(f: Finding, words: Catalogue) -> str:
    parts = []
    if f.page:
        parts.append(words.text("report.page", n=f.page))
    if f.line:
        parts.append(words.text("report.line", n=f.line))
    if f.record_id:
        parts.append(f.record_id)
    return " · ".join(parts) or words.text("report.whole_plan")


def out_of_scope_reasons(plan: Plan, lang: str | Catalogue) -> str:
    """Out-of-scope lines by reason: before the goals, after them, under unrecognised headings."""
    words = lang if isinstance(lang, Catalogue) else messages.catalogue(lang)
    reasons = plan.out_of_scope
    return words.text(
        "summary.out_of_scope_reasons",
        before=reasons.get("before_goals", 0),
        after=reasons.get("after_goals", 0),
        inside=reasons.get("unrecognised_section", 0) + reasons.get("prose_table", 0),
    ).strip()


_PROFILE_KEYS = {
    "goals": messages.N_("summary.profile_goals"),
    "sections": messages.N_("summary.profile_sections"),
    "policies": messages.N_("summary.profile_policies"),
}


def profile_lines(plan: Plan, lang: str | Catalogue) -> list[str]:
    """What the parser took as goals, sections and policies, and the tables it read."""
    words = lang if isinstance(lang, Catalogue) else messages.catalogue(lang)
    out = []
    for level, key in _PROFILE_KEYS.items():
        found = plan.profile.get(level)
        if isinstance(found, dict):
            out.append(words.text(key, **found))
    for table in plan.profile.get("tables") or []:  # type: ignore[union-attr]
        columns = words.join([f"{r}={h}" for r, h in table["columns"].items()])
        out.append(
            words.text(
                "summary.profile_table", kind=table["kind"], count=table["count"], columns=columns
            )
        )
    return out


# --- the data of the pages ------------------------------------------------------------------------


class _Cards:
    """What the finding cards draw on: the document, the pictures, the words, the plan's
    suspected variant groups (for the review page's spelling choice)."""

    def __init__(self, plan: Plan, doc: Document | None, words: Catalogue, source: Path | None):
        self.doc, self.words, self.source = doc, words, source
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

    def lines(self, line: int | None) -> list[dict[str, object]]:
        """The printed lines around `line` (tabs shown), the line itself marked."""
        if self.doc is None or not line:
            return []
        # a source without pages says where the line is in it (a table row, a sheet's cells)
        return [
            {
                "no": ln.no,
                "address": ln.address,
                "text": ln.text.replace("\t", " ⇥ "),
                "hit": ln.no == line,
            }
            for ln in self.doc.lines[max(0, line - 1 - CONTEXT) : line + CONTEXT]
        ]

    def picture(self, f: Finding) -> dict[str, object] | None:
        pic = self.pictures.get(f.line or 0) if f.severity in PICTURED else None
        if pic is None:
            return None
        href = f"{self.source.resolve().as_uri()}#page={pic.page}" if self.source else ""
        return {
            "src": pic.data_uri,
            "width": pic.width,
            "height": pic.height,
            "page": pic.page,
            "line": pic.line,
            "href": href,
        }

    def card(self, index: int, f: Finding) -> dict[str, object]:
        action = messages.REVIEW_ACTIONS.get(f.code, "")
        spellings = ""
        if action == "variant" and len(self.spellings.get(f.key, [])) > 1:
            spellings = json.dumps(self.spellings[f.key], ensure_ascii=False)
        elif action != "department" or not f.key:
            action = ""
        printed, address = "", ""
        if self.doc is not None and f.line and 0 < f.line <= len(self.doc.lines):
            printed = self.doc.lines[f.line - 1].text.replace("\t", " ⇥ ").strip()
            address = self.doc.lines[f.line - 1].address
        return {
            "index": index,
            "code": f.code,
            "key": f.key,
            "severity": f.severity.value,
            "action": action,
            "spellings": spellings,
            "accepted": f.accepted,
            "note": f.accepted_note,
            "where": _where(f, self.words),
            "message": self.words.finding_message(f),
            "hint": self.words.finding_hint(f),
            "lines": self.lines(f.line),
            "printed": printed,
            "address": address,
            "picture": self.picture(f),
        }


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


def bar_chart(records: list[Indicator], title: str) -> dict[str, object]:
    """Baseline vs target per indicator, bars from a zero line by signed value, each pair on its
    own scale (the larger magnitude, both sides of zero when a value is negative): where each
    row, zero line and bar stands."""
    shown = [r for r in records if r.baseline.value is not None or r.target.value is not None]
    negative = any(
        v is not None and v < 0 for r in shown for v in (r.baseline.value, r.target.value)
    )
    left = LABEL_W + (VALUE_ROOM if negative else 16)  # room for a value left of a negative bar
    span = CHART_WIDTH - VALUE_ROOM - left
    rows, y = [], 24
    for r in shown:
        label = wrap(f"{r.record_id} {r.indicator}", LABEL_UNITS)
        values = [v for v in (r.baseline.value, r.target.value) if v is not None]
        lo, hi = min(0.0, *values), max(0.0, *values)
        scale = span / ((hi - lo) or 1.0)
        bars = []
        for j, (kind, value) in enumerate((("baseline", r.baseline), ("target", r.target))):
            v = value.value
            bars.append(
                {
                    "kind": kind,
                    "value": v,
                    "shown": value.raw or "—",
                    "y": y + j * (BAR_H + 2),
                    "x": left + (min(0.0, v) - lo) * scale if v is not None else None,
                    "width": abs(v) * scale if v is not None else None,
                }
            )
        rows.append(
            {
                "indicator": r.indicator,
                "baseline": r.baseline.raw or "—",
                "target": r.target.raw or "—",
                "label": label,
                "y": y,
                "zero": left + (0 - lo) * scale,
                "bars": bars,
            }
        )
        y += max(2 * BAR_H + 4, LINE_H * len(label)) + ROW_GAP
    return {
        "title": title,
        "rows": rows,
        "width": CHART_WIDTH,
        "height": y,
        "line_height": LINE_H,
        "bar_height": BAR_H,
    }


def plan_view(
    plan: Plan, doc: Document | None, words: Catalogue, source: Path | None = None
) -> dict[str, object]:
    """The data of report.html and report.md."""
    cards = _Cards(plan, doc, words, source)
    indexed = list(enumerate(plan.findings))
    live = [(i, f) for i, f in indexed if not f.accepted]
    severities = Counter(f.severity for _, f in live)
    groups = []
    for code, items in _by_code(live):
        sev = items[0][1].severity
        groups.append(
            {
                "code": code,
                "title": words.code_title(code),
                "description": words.code_description(code),
                "severity": sev.value,
                "severity_label": words.severity(sev),
                "cards": [cards.card(i, f) for i, f in items],
            }
        )
    profile = plan.profile or {}
    taken = {(profile.get(k) or {}).get("scheme"): k for k in ("goals", "sections", "policies")}  # type: ignore[union-attr]
    return {
        "lang": words.lang,
        "title": _title(plan),
        "source_name": plan.source_name,
        "source_format": plan.source_format,
        "form": words.form(plan.source_format),
        "version": __version__,
        "severities": [
            {"value": s.value, "label": words.severity(s), "count": severities.get(s, 0)}
            for s in Severity
        ],
        "counts": {s.value: severities.get(s, 0) for s in Severity},
        "record_counts": [
            {"label": _count_label(k, words), "table": k, "count": v}
            for k, v in counts(plan).items()
        ],
        "out_of_scope": plan.out_of_scope_lines,
        "out_of_scope_reasons": out_of_scope_reasons(plan, words),
        "profile": profile_lines(plan, words) if profile else None,
        "levels": [
            {**lv, "role": taken.get(lv["scheme"], "")}  # type: ignore[index]
            for lv in profile.get("levels") or []  # type: ignore[union-attr]
        ],
        "groups": groups,
        "charts": [
            bar_chart(
                [r for r in [*plan.numeric_targets, *plan.kpis] if r.goal_no == goal.goal_no],
                words.text("report.goal_chart", no=goal.goal_no, title=goal.title),
            )
            for goal in plan.goals
        ],
        "accepted": [cards.card(i, f) for i, f in indexed if f.accepted],
    }


def _render(name: str, view: dict[str, object], words: Catalogue, templates: Path | None) -> str:
    return pages.render(name, templates, _=words.text, _n=words.plural, **view)


def plan_to_html(
    plan: Plan,
    doc: Document | None = None,
    *,
    lang: str = messages.DEFAULT_LANG,
    source: Path | None = None,
    templates: Path | None = None,
) -> str:
    """The report as one self-contained HTML file. With the `source` PDF the plan was read from,
    each warning and error card shows the printed page around its line."""
    words = messages.catalogue(lang, templates)
    return _render("report.html", plan_view(plan, doc, words, source), words, templates)


def plan_to_markdown(
    plan: Plan,
    doc: Document | None = None,
    *,
    lang: str = messages.DEFAULT_LANG,
    templates: Path | None = None,
) -> str:
    words = messages.catalogue(lang, templates)
    return _render("report.md", plan_view(plan, doc, words), words, templates)
