"""The family plans rewritten one way each, read against their keys: how the reader does on forms
no plan of the family prints as such. Prints figures, asserts nothing (the rewrites that must
hold are tests: tests/test_variant_forms.py, tests/test_structure_found.py).

Each rewrite changes the whole text of every family plan (tests/fixtures/*/expected.json) the
way another office, another editor or another copy would, keeping what the plan says:

    ascii         full-width digits as ASCII
    zero_bullet   ・ and ○ bullets as 〇 (the kanji zero a keyboard gives for まる)
    brackets      （）as ()
    furniture     a page number and a running title every 37 lines
    no_blank      blank lines removed
    indent        every line indented by an ideographic space
    trailing      an ideographic space at every line's end
    crlf          Windows line ends
    kakko         【caption】 alone on its line as ［caption］
    maru_caption  captions alone on their line marked 〇 instead of ■ ◆ ◇ 【】 〔〕 ［］ ＜＞
    dotted        `１　title` numbered `１．title`
    tab_head      a heading's number and title set apart by a tab (Word's list numbering)
    aligned       tables aligned with spaces, as an editor aligns them (full-width = 2)

Run:
    .venv/bin/python benchmarks/rewrites.py [REWRITE …]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.family import FAMILY, actual_rows, aligned_accuracy, expected_rows  # noqa: E402
from tests.forms import aligned_with_spaces  # noqa: E402

from extract.pipeline import run  # noqa: E402
from extract.rules import load_rules  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_HEAD_NUMBER = re.compile(r"(?m)^(\S{0,8}?[0-9０-９ⅠⅡⅢⅣⅤ一二三四五]{1,2}[)）]?)　(?=\S)")


def _furniture(text: str) -> str:
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        out.append(line)
        if i and i % 37 == 0:
            out += [f"－ {i // 37 + 10} －", "みずなら市まち・ひと・しごと創生総合戦略"]
    return "\n".join(out)


REWRITES: dict[str, Callable[[str], str]] = {
    "ascii": lambda t: t.translate(_FULL_DIGITS),
    "zero_bullet": lambda t: re.sub(r"(?m)^([ 　]*)[・○]", r"\1〇", t),
    "brackets": lambda t: t.replace("（", "(").replace("）", ")"),
    "furniture": _furniture,
    "no_blank": lambda t: re.sub(r"\n[ 　]*\n+", "\n", t),
    "indent": lambda t: re.sub(r"(?m)^(?=\S)", "　", t),
    "trailing": lambda t: re.sub(r"(?m)$", "　", t),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "kakko": lambda t: re.sub(r"(?m)^【([^】]{2,12})】$", r"［\1］", t),
    "maru_caption": lambda t: re.sub(
        r"(?m)^[■◆◇〔【［＜]([^】〕］＞\s]{2,12})[】〕］＞]?$", r"〇\1", t
    ),
    "dotted": lambda t: re.sub(r"(?m)^([0-9０-９]{1,2})　", r"\1．", t),
    "tab_head": lambda t: _HEAD_NUMBER.sub("\\1\\t", t),
    "aligned": aligned_with_spaces,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rewrites", nargs="*", help=f"any of {', '.join(REWRITES)} (all)")
    args = parser.parse_args()
    rules = load_rules(ROOT / "rules")
    plans = sorted(p.parent for p in FIXTURES.glob("*/expected.json"))
    for name in args.rewrites or list(REWRITES):
        rewrite = REWRITES[name]
        short: list[tuple[str, dict[str, float]]] = []
        for folder in plans:
            expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
            text = rewrite((folder / "plan.txt").read_text(encoding="utf-8"))
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "plan.txt"
                path.write_bytes(text.encode("utf-8"))
                plan = run(path, rules=rules).plan
            got, want = actual_rows(plan), expected_rows(expected)
            low = {
                family: round(100 * accuracy, 1)
                for family in FAMILY
                if want[family] and (accuracy := aligned_accuracy(got[family], want[family])) < 1
            }
            if low:
                short.append((folder.name, low))
        print(f"{name}: {len(plans) - len(short)}/{len(plans)} plans exact")
        for plan_name, low in short:
            print(f"    {plan_name}: {low}")


if __name__ == "__main__":
    main()
