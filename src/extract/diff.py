"""`plan-extract diff OLD NEW`: what changed between two plans, keyed on content, never on rows.

A project is its canonical name; its placements are the lists (goal, policy) it is printed in. A
KPI or numeric target is its indicator; a goal its number, a policy its goal and number; a
department its abbreviation. So inserting a row at the top of a list changes nothing else.
Renames are found through the variant machinery (kana-folded spellings one kana apart).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

from extract.errors import InputError
from extract.models import Plan
from extract.publish import output_kind, read_table
from extract.tables import TABLES, OutputTable
from extract.text import looks_alike

Row = dict[str, str]
Tables = dict[str, list[Row]]
# The registry's tables that have a content identity: what a revision can change.
DIFFED = [t for t in TABLES if t.key]
HEADER = ["change", "table", "key", "field", "old", "new", "goal_no", "policy_no"]


@dataclass(frozen=True)
class Change:
    change: str  # added, removed, moved, renamed, changed, retitled
    table: str
    key: str
    field: str
    old: str
    new: str
    goal_no: str
    policy_no: str


def folder_to_tables(folder: Path) -> Tables:
    return {t.name: read_table(folder, t.name) for t in DIFFED}


def plan_to_tables(plan: Plan) -> Tables:
    """The registry's rows of a plan, as the CSV files would hold them."""
    return {t.name: t.cells(plan) for t in DIFFED}


def load(path: Path, run_plan: Callable[[Path], Plan]) -> Tables:
    """An output folder of `plan-extract run`, or a source document (parsed with the rules)."""
    if path.is_dir():
        if output_kind(path) != "run":
            raise InputError(f"{path} is a folder but not an output of `plan-extract run`.")
        return folder_to_tables(path)
    return plan_to_tables(run_plan(path))


def _place(row: Row) -> str:
    return f"G{row['goal_no']}-P{row['policy_no']}"


def _fields(table: str, key: str, old: Row, new: Row, fields: list[str]) -> Iterator[Change]:
    for f in fields:
        if old.get(f, "") != new.get(f, ""):
            yield Change(
                "changed",
                table,
                key,
                f,
                old.get(f, ""),
                new.get(f, ""),
                new["goal_no"],
                new.get("policy_no", ""),
            )


def diff_projects(t: OutputTable, old: list[Row], new: list[Row]) -> Iterator[Change]:
    by_old: dict[str, list[Row]] = defaultdict(list)
    by_new: dict[str, list[Row]] = defaultdict(list)
    for r in old:
        by_old[r["name"]].append(r)
    for r in new:
        by_new[r["name"]].append(r)
    # Renames: a name only in OLD and one only in NEW that are the same thing spelled otherwise.
    gone = [n for n in by_old if n not in by_new]
    came = [n for n in by_new if n not in by_old]
    renamed: dict[str, str] = {}
    for o in gone:
        match = next((n for n in came if n not in renamed.values() and looks_alike(o, n)), None)
        if match:
            renamed[o] = match
    for o, n in renamed.items():
        first = by_new[n][0]
        yield Change("renamed", "projects", o, "name", o, n, first["goal_no"], first["policy_no"])
        by_new[o] = by_new.pop(n)
    for name in sorted(
        set(by_old) | set(by_new), key=lambda n: (by_old.get(n) or by_new[n])[0]["project_id"]
    ):
        olds, news = list(by_old.get(name, [])), list(by_new.get(name, []))
        # Same list first, then pair the rest as moves, in print order.
        for o in list(olds):
            n = next((n for n in news if _place(n) == _place(o)), None)
            if n is not None:
                olds.remove(o)
                news.remove(n)
                yield from _fields("projects", name, o, n, list(t.compared))
        for o, n in zip(olds, news, strict=False):
            yield Change(
                "moved",
                "projects",
                name,
                "placement",
                _place(o),
                _place(n),
                n["goal_no"],
                n["policy_no"],
            )
            yield from _fields("projects", name, o, n, list(t.compared))
        for o in olds[len(news) :]:
            yield Change(
                "removed", "projects", name, "", _place(o), "", o["goal_no"], o["policy_no"]
            )
        for n in news[len(olds) :]:
            yield Change("added", "projects", name, "", "", _place(n), n["goal_no"], n["policy_no"])


def diff_indicators(t: OutputTable, old: list[Row], new: list[Row]) -> Iterator[Change]:
    table = t.name

    def place(r: Row) -> tuple[str, ...]:
        return (r["goal_no"], r["policy_no"]) if "policy_no" in r else (r["goal_no"],)

    unmatched = list(new)
    pairs: list[tuple[Row, Row | None]] = []
    for o in old:
        n = next(
            (n for n in unmatched if n["indicator"] == o["indicator"] and place(n) == place(o)),
            None,
        )
        n = n or next((n for n in unmatched if n["indicator"] == o["indicator"]), None)
        if n is not None:
            unmatched.remove(n)
        pairs.append((o, n))
    for o, n in pairs:
        key = o["indicator"]
        if n is None:
            yield Change("removed", table, key, "", "", "", o["goal_no"], o.get("policy_no", ""))
            continue
        if place(o) != place(n):
            yield Change(
                "moved",
                table,
                key,
                "placement",
                "-".join(place(o)),
                "-".join(place(n)),
                n["goal_no"],
                n.get("policy_no", ""),
            )
        yield from _fields(table, key, o, n, list(t.compared))
    for n in unmatched:
        yield Change(
            "added", table, n["indicator"], "", "", "", n["goal_no"], n.get("policy_no", "")
        )


def _label(t: OutputTable, r: Row) -> str:
    if t.name == "goals":
        return f"基本目標{r['goal_no']}"
    if t.name == "policies":
        return f"基本目標{r['goal_no']} 取組方針{r['policy_no']}"
    return " ".join(r[k] for k in t.key)


def diff_by_key(t: OutputTable, old: list[Row], new: list[Row]) -> Iterator[Change]:
    """Records named by their key fields (goals, policies, departments)."""
    change = "retitled" if t.compared == ("title",) else "changed"
    o_map, n_map = {_label(t, r): r for r in old}, {_label(t, r): r for r in new}
    for k, o in o_map.items():
        n = n_map.get(k)
        if n is None:
            yield Change(
                "removed", t.name, k, "", "", "", o.get("goal_no", ""), o.get("policy_no", "")
            )
            continue
        for f in t.compared:
            if o.get(f, "") != n.get(f, ""):
                yield Change(
                    change,
                    t.name,
                    k,
                    f,
                    o.get(f, ""),
                    n.get(f, ""),
                    n.get("goal_no", ""),
                    n.get("policy_no", ""),
                )
    for k, n in n_map.items():
        if k not in o_map:
            yield Change(
                "added", t.name, k, "", "", "", n.get("goal_no", ""), n.get("policy_no", "")
            )


Comparator = Callable[[OutputTable, list[Row], list[Row]], Iterator[Change]]
# Projects may be printed in several lists; indicators are matched by name, then placement.
COMPARATORS: dict[str, Comparator] = {
    "projects": diff_projects,
    "kpis": diff_indicators,
    "numeric_targets": diff_indicators,
}
# Report order: the plan's structure first, then its lists.
ORDER = ["goals", "policies", "projects", "kpis", "numeric_targets", "departments"]


def diff_tables(old: Tables, new: Tables) -> list[Change]:
    changes: list[Change] = []
    for t in sorted(DIFFED, key=lambda t: ORDER.index(t.name) if t.name in ORDER else len(ORDER)):
        compare = COMPARATORS.get(t.name, diff_by_key)
        changes += compare(t, old[t.name], new[t.name])
    return changes


def changes_to_csv(changes: list[Change]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(astuple(c) for c in changes)
    return buf.getvalue()


def md_code(text: str) -> str:
    """`text` as a CommonMark code span: shown literally, never read as HTML or Markdown (a
    project named `<img src=x onerror=…>` stays text). Line breaks become ↵."""
    text = re.sub(r"\r\n|[\r\n\u2028\u2029]", " ↵ ", str(text))
    if not text:
        return "(empty)"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def _where(c: Change) -> str:
    """` (`基本目標1 取組方針2`)`, or nothing for a record outside the goals (departments)."""
    if not c.goal_no:
        return ""
    return (
        f" ({md_code(f'基本目標{c.goal_no}' + (f' 取組方針{c.policy_no}' if c.policy_no else ''))})"
    )


def summary(changes: list[Change], old_name: str, new_name: str) -> str:
    """changes.md: every printed string from the plans is a code span."""
    lines = [f"# Changes from {md_code(old_name)} to {md_code(new_name)}", ""]
    if not changes:
        return "\n".join(lines + ["No changes.", ""])
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for c in changes:
        counts[(c.table, c.change)] += 1
    lines.append(
        ", ".join(f"{table} {change} {n}" for (table, change), n in sorted(counts.items()))
    )
    lines.append("")
    for c in changes:
        key = md_code(c.key)
        if c.change in ("added", "removed"):
            place = f" ({md_code(c.old or c.new)})" if c.old or c.new else _where(c)
            lines.append(f"- {c.table}: {c.change} {key}{place}")
        elif c.change == "moved":
            lines.append(f"- {c.table}: moved {key} from {md_code(c.old)} to {md_code(c.new)}")
        else:
            lines.append(
                f"- {c.table}: {c.change} {key}: {md_code(c.field)} {md_code(c.old)} → "
                f"{md_code(c.new)}{_where(c)}"
            )
    return "\n".join(lines) + "\n"
