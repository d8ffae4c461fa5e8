"""A revision of the seed plan with six known edits, and the changes `diff` must report for it:
shared by the text diff tests and the PDF ones (both versions rendered by one producer)."""

from __future__ import annotations

from pathlib import Path

from .conftest import SEED

# (change, table, key, field, old, new)
EDITS = [
    ("changed", "kpis", "卒業後の会津地域内就職者の割合（会津大学）", "target_value", "40", "45"),
    ("added", "projects", "新しい子育て応援事業", "", "", "G1-P1"),
    ("removed", "projects", "都市間連携推進事業", "", "G2-P1", ""),
    ("moved", "projects", "特用林ウルシ樹育成事業", "placement", "G1-P1", "G2-P2"),
    (
        "renamed",
        "projects",
        "ふるさとイベント事業補助金",
        "name",
        "ふるさとイベント事業補助金",
        "フルサトイベント事業補助金",
    ),
    ("changed", "projects", "会津まつり協会負担金", "departments", "観光", "商工"),
]


def revised_seed(folder: Path) -> Path:
    """The seed with the EDITS made, written as revised.txt (with the seed's metadata)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    edits = {
        92: ("5%\t40%", "5%\t45%"),  # a changed KPI target
        236: ("【観光】", "【商工】"),  # a changed department
        270: ("ふるさとイベント事業補助金", "フルサトイベント事業補助金"),  # a variant rename
    }
    for no, (old, new) in edits.items():
        assert old in lines[no - 1]
        lines[no - 1] = lines[no - 1].replace(old, new)
    assert "特用林ウルシ樹育成事業" in lines[105]
    lines[292] += "\n森林・林業\t特用林ウルシ樹育成事業【農林】\t"  # moved to goal 2 policy 2
    lines[253] = ""  # 都市間連携推進事業 removed
    lines[105] = ""
    lines[99] += "\n子ども・子育て\t新しい子育て応援事業【こ保】\t"  # added, at the top of a list
    path = folder / "revised.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
