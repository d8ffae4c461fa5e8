"""A revision of a generated plan: a few edits an office makes between two editions (a KPI
target raised, a project renamed, one dropped, one added), made on the plan's text lines.

What a reviewer must see between the two editions is what `diff` finds between their text
renderings (the text reader is exact on every generated plan); printed by one producer with
one page layout, the two PDFs must diff to exactly that (benchmarks/revisions.py, and a sample
in tests/test_generated.py).
"""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

from .generator import GeneratedPlan

_YEAR = re.compile(r"年|R\d|H\d|令和|平成|\d{4}")
_DIGIT = re.compile(r"[1-9１-９]")


def _raise_figure(cell: str) -> str | None:
    """The cell with its first non-zero digit raised by one (9 → 8), or None where the cell is
    a year or has no figure."""
    if _YEAR.search(cell):
        return None
    m = _DIGIT.search(cell)
    if m is None:
        return None
    d = m.group()
    wide = d in "１２３４５６７８９"
    n = int(d.translate(str.maketrans("１２３４５６７８９", "123456789")))
    n = n + 1 if n < 9 else 8
    new = chr(ord("０") + n) if wide else str(n)
    return cell[: m.start()] + new + cell[m.end() :]


def revise(plan: GeneratedPlan, rng: random.Random) -> tuple[GeneratedPlan, list[str]]:
    """The plan with up to four edits made, and what was edited (for a report)."""
    lines = plan.text.split("\n")
    done: list[str] = []
    kpis = list(plan.key_lines.get("kpis", []))
    rng.shuffle(kpis)
    for no in kpis:
        cells = lines[no - 1].split("\t")
        for k in range(len(cells) - 1, 0, -1):  # the target is to the right of the baseline
            raised = _raise_figure(cells[k])
            if raised is not None:
                cells[k] = raised
                lines[no - 1] = "\t".join(cells)
                done.append(f"kpi target, line {no}")
                break
        if done:
            break
    projects = list(plan.key_lines.get("projects", []))
    if len(projects) >= 4:
        renamed, dropped, copied = rng.sample(projects, 3)
        if "事業" in lines[renamed - 1]:
            lines[renamed - 1] = lines[renamed - 1].replace("事業", "推進事業", 1)
            done.append(f"project renamed, line {renamed}")
        # a new project: a copy of another row under a new name, right after it
        row = lines[copied - 1]
        if "事業" in row and "\t" in row:
            cells = row.split("\t")
            first = next(i for i, c in enumerate(cells) if "事業" in c)
            new = ["" if i < first else c for i, c in enumerate(cells)]
            new[first] = "新" + cells[first]
            lines[copied - 1] = row + "\n" + "\t".join(new)
            done.append(f"project added after line {copied}")
        lines[dropped - 1] = None  # type: ignore[call-overload]
        done.append(f"project removed, line {dropped}")
    text = "\n".join(line for line in lines if line is not None)
    return dataclasses.replace(plan, text=text), done


def changes(old: Path, new: Path) -> set[tuple[str, ...]]:
    """The diff between two plans as (change, table, key, field, old, new) tuples."""
    from extract.diff import diff_tables, plan_to_tables
    from extract.pipeline import run
    from extract.rules import load_rules

    rules = load_rules(Path(__file__).resolve().parents[1] / "rules")
    a, b = run(old, rules=rules), run(new, rules=rules)
    return {
        (c.change, c.table, c.key, c.field, str(c.old), str(c.new))
        for c in diff_tables(plan_to_tables(a.plan), plan_to_tables(b.plan))
    }
