"""The parser under random damage: the embedded plan with lines dropped, duplicated and swapped,
tabs removed and characters replaced never makes a run raise, never loses a line, and always
gives tables that satisfy their own primary and foreign keys (the link stage reports what it
had to leave out)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.ingest import path_to_document
from extract.pipeline import run
from extract.rules import Rules, load_rules

from .conftest import ROOT, SEED, table_key_problems

LINES = SEED.read_text(encoding="utf-8").split("\n")
RULES: Rules = load_rules(ROOT / "rules")
# Characters the parser reads as structure, and any other printable character.
STRUCTURE = list("0123456789０１２３４５６７８９ⅠⅡⅢ①②③（）()【】［］＜＞・※○◎■\t 　目標方針再掲")
CHARS = st.sampled_from(STRUCTURE) | st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")
)
OPS = st.lists(
    st.tuples(
        st.sampled_from(["drop", "duplicate", "swap", "untab", "replace"]),
        st.integers(min_value=0, max_value=len(LINES) - 1),
        st.integers(min_value=0, max_value=len(LINES) - 1),
        CHARS,
    ),
    min_size=1,
    max_size=10,
)


def mutate(lines: list[str], ops: list[tuple[str, int, int, str]]) -> list[str]:
    out = list(lines)
    for op, i, j, char in ops:
        i, j = i % len(out), j % len(out)
        if op == "drop" and len(out) > 1:
            del out[i]
        elif op == "duplicate":
            out.insert(i, out[i])
        elif op == "swap":
            out[i], out[j] = out[j], out[i]
        elif op == "untab":
            out[i] = out[i].replace("\t", "")
        elif op == "replace" and out[i]:
            k = j % len(out[i])
            out[i] = out[i][:k] + char + out[i][k + 1 :]
    return out


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(OPS)
def test_damaged_plans_never_raise_lose_lines_or_break_keys(ops: list) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.txt"
        path.write_text("\n".join(mutate(LINES, ops)), encoding="utf-8")
        plan = run(path, rules=RULES).plan
        doc = path_to_document(path)
    non_blank = {line.no for line in doc.lines if line.text.strip()}
    assert set(plan.line_roles) == non_blank  # every non-blank line has a role
    unparsed = {no for no, role in plan.line_roles.items() if role == "unparsed"}
    assert unparsed == {f.line for f in plan.findings if f.code == "parse.unparsed"}
    assert table_key_problems(plan) == []


def test_the_mutations_do_damage() -> None:
    """The strategy's operations change the plan as intended (a guard on the test itself)."""
    lines = ["a\tb", "c", "d"]
    assert mutate(lines, [("drop", 0, 0, "x")]) == ["c", "d"]
    assert mutate(lines, [("duplicate", 1, 0, "x")]) == ["a\tb", "c", "c", "d"]
    assert mutate(lines, [("swap", 0, 2, "x")]) == ["d", "c", "a\tb"]
    assert mutate(lines, [("untab", 0, 0, "x")]) == ["ab", "c", "d"]
    assert mutate(lines, [("replace", 0, 1, "X")]) == ["aXb", "c", "d"]
