"""Forms found by the held-out plans of probe round 14, read by general rules: a note under a
table that gives its value columns' years, interim and final targets dated in one cell, projects
printed as labelled fields on a line, `再掲` in a project table's number column, and a project
table whose department column comes first with rows wrapped onto rows of their own."""

from __future__ import annotations

from pathlib import Path

from extract.models import Plan
from extract.parse.values import cell_to_value
from extract.pipeline import run
from extract.rules import Rules

NOTE_PLAN = """第３章　目標と施策

【目標１】　若い世代が働けるまち
数値目標	基準値	目標値
新規雇用者数	420人（R5）	500人
※目標値は令和11年度の値です。

施策１　地域産業の振興
指標名	単位	基準値	目標値
製造品出荷額等	億円	1,842	2,000
新商品の開発件数	件	－	R9:10 R11:20
創業件数	件	18	30（R10）
※基準値は令和５年度、目標値は令和11年度の値です。
＜主な事業＞
事業名：ものづくり支援補助事業　担当：商工課
事業名：新商品開発応援事業　担当：商工課・農政課
事業名：創業塾開催事業　会場：市民会館

施策２　観光の振興
指標名	基準値（R4）	目標値
宿泊者数	96.4千人	120.0千人
※基準値は令和５年度の値です。
＜主な事業＞
事業名：観光プロモーション事業　概要：首都圏での誘客宣伝

【目標２】　子育て世代に選ばれるまち
数値目標	基準値	目標値
合計特殊出生率	1.36（R4）	1.50

施策１　子育て環境の充実
指標名	単位	基準値	目標値
待機児童数	人	12	0
＜主な事業＞
事業名：放課後児童クラブ整備事業　担当：こども課

第４章　推進体制
　毎年度、検証します。
"""


def _run(tmp_path: Path, text: str, rules: Rules) -> Plan:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, rules=rules).plan


def test_a_note_under_a_table_gives_its_columns_years(tmp_path: Path, rules: Rules) -> None:
    plan = _run(tmp_path, NOTE_PLAN, rules)
    target = plan.numeric_targets[0]
    assert (target.baseline.year, target.baseline.year_label) == (2023, "R5")  # its own
    assert (target.target.year, target.target.year_label) == (2029, "令和11年度")
    made, new, sogyo, stay, _ = plan.kpis
    assert (made.baseline.year, made.target.year) == (2023, 2029)
    assert new.baseline.value is None and new.baseline.year == 2023  # 「－」 still dated
    assert (sogyo.target.value, sogyo.target.year) == (30, 2028)  # a cell's own year stays
    # a header's own year is not overridden by a note that disagrees
    assert (stay.baseline.year, stay.target.year) == (2022, None)
    assert [f.text for f in plan.footnotes] == [
        "目標値は令和11年度の値です。",
        "基準値は令和5年度、目標値は令和11年度の値です。",
        "基準値は令和5年度の値です。",
    ]


def test_interim_and_final_targets_in_one_cell(tmp_path: Path, rules: Rules) -> None:
    value = cell_to_value("R9:10 R11:20", 2029, "令和11年度")
    assert (value.value, value.year, value.year_label, value.others) == (20, 2029, "R11", "R9:10")
    value = cell_to_value("R9：50／R11：70%")
    assert (value.value, value.unit, value.year, value.others) == (70, "%", 2029, "R9:50")
    plan = _run(tmp_path, NOTE_PLAN, rules)
    new = plan.kpis[1]
    assert (new.target.value, new.target.unit, new.target.year) == (20, "件", 2029)
    said = [f for f in plan.findings if f.code == "parse.two_figures"]
    assert [f.params["others"] for f in said] == ["R9:10"]


def test_projects_printed_as_labelled_fields(tmp_path: Path, rules: Rules) -> None:
    plan = _run(tmp_path, NOTE_PLAN, rules)
    assert [(p.name, p.departments, p.goal_no, p.policy_no) for p in plan.projects] == [
        ("ものづくり支援補助事業", ["商工課"], 1, 1),
        ("新商品開発応援事業", ["商工課", "農政課"], 1, 1),
        ("観光プロモーション事業", [], 1, 2),  # a summary's field passed over
        ("放課後児童クラブ整備事業", ["こども課"], 2, 1),
    ]
    # a field no column word names (会場): the line is said, not guessed at
    [said] = [f for f in plan.findings if f.code == "parse.unparsed"]
    assert said.line == 17


NUMBERED_PLAN = """第１章　はじめに
　各事業の所管課は、次の略称で示します。
略称	所管課
建	建設課
企	企画課
総	総務課
住	住民課

第２章　施策

基本目標１　しごとをつくる

（１）商工業の振興
重要業績評価指標	基準値（R5）	目標値（R11）
創業件数	14件	20件
事業番号	事業名	事業内容	所管
1-1-01	創業支援事業	創業に要する経費の一部を補助し、創業後３年間は	商工課
		経営相談を無料で受けられるようにします。
再掲	移住支援金事業	（2-1-02に掲載）	企画課

（２）住まいの確保
重要業績評価指標	基準値（R5）	目標値（R11）
転入世帯数	96世帯	120世帯
■主な事業
所管課	事業名	事業の概要
建・	住宅取得補助事業	子育て世帯の住宅の取得を補助し、
企		定住を促します。
総	高齢者外出支援事業	高齢者のタクシー利用料を
住		助成します。

基本目標２　ひとの流れをつくる

（１）移住の促進
重要業績評価指標	基準値（R5）	目標値（R11）
移住者数	12人	20人
事業番号	事業名	事業内容	所管
2-1-01	移住体験ツアー事業	首都圏の世帯を対象にツアーを開きます。	企画課
2-1-02	移住支援金事業	東京圏からの移住者に支援金を交付します。	企画課

第３章　推進体制
　毎年度、検証します。
"""


def test_relisted_in_the_number_column_and_wrapped_rows(tmp_path: Path, rules: Rules) -> None:
    plan = _run(tmp_path, NUMBERED_PLAN, rules)
    got = [(p.goal_no, p.policy_no, p.name, p.departments, p.relisted) for p in plan.projects]
    assert got == [
        (1, 1, "創業支援事業", ["商工課"], False),
        (1, 1, "移住支援金事業", ["企画課"], True),
        # the department first: a row with no name is the rest of the row above, its
        # department the rest of the cell (`建・` + `企`) or a second one the 略称 table
        # names (`総` + `住`)
        (1, 2, "住宅取得補助事業", ["建", "企"], False),
        (1, 2, "高齢者外出支援事業", ["総", "住"], False),
        (2, 1, "移住体験ツアー事業", ["企画課"], False),
        (2, 1, "移住支援金事業", ["企画課"], False),
    ]
    assert not [f for f in plan.findings if f.code == "layout.column_shift"]


MERGED_PLAN = NUMBERED_PLAN.replace(
    "総\t高齢者外出支援事業\t高齢者のタクシー利用料を\n住\t\t助成します。\n",
    # the department cell merged down over a second row, and one run together with the next
    "総\tデマンドバス運行事業\t予約制の乗合バスを運行します。\n"
    "\t高齢者外出支援事業\t高齢者のタクシー利用料を助成します。\n"
    "総住\t見守り事業\t高齢者の見守りを行います。\n",
)


def test_a_department_cell_merged_down_or_run_together(tmp_path: Path, rules: Rules) -> None:
    plan = _run(tmp_path, MERGED_PLAN, rules)
    got = {p.name: p.departments for p in plan.projects if p.policy_no == 2}
    assert got["デマンドバス運行事業"] == ["総"]
    assert got["高齢者外出支援事業"] == ["総"]  # the blank first cell: merged down
    assert got["見守り事業"] == ["総", "住"]  # two abbreviations the 略称 table names
    [said] = [f for f in plan.findings if f.params.get("form") == "departments"]
    assert (said.code, said.params["raw"], said.params["read"]) == (
        "layout.row_joined",
        "総住",
        "総・住",
    )


LEADING_PLAN = """第２章　リーディングプロジェクト
　基本目標を越えて重点的に取り組む事業です。
事業番号	事業名	関連する施策
1-2-01	住宅取得補助事業	1-(2)、2-(1)
2-1-01	移住体験ツアー事業	2-(1)

第３章　基本目標ごとの施策

1.　しごとをつくる
指標名	基準値（R5）	目標値（R11）
事業所数	2,310事業所	2,350事業所
(1)　商工業の振興
重要業績評価指標	基準値（R5）	目標値（R11）
創業件数	14件	20件
事業番号	事業名	事業内容	所管
1-1-01	創業支援事業	創業の経費を補助します。	商工課
(2)　住まいの確保
重要業績評価指標	基準値（R5）	目標値（R11）
転入世帯数	96世帯	120世帯
事業番号	事業名	事業内容	所管
1-2-01	住宅取得補助事業	住宅の取得を補助します。	建築住宅課

2.　人の流れをつくる
指標名	基準値（R5）	目標値（R11）
社会増減数	▲146人	▲50人
(1)　移住の促進
重要業績評価指標	基準値（R5）	目標値（R11）
移住相談件数	210件	300件
事業番号	事業名	事業内容	所管
2-1-01	移住体験ツアー事業	ツアーを開きます。	企画課

第４章　計画の推進
　毎年度、検証します。
"""


def test_a_chapter_of_loose_lists_beside_the_goals_chapter(tmp_path: Path, rules: Rules) -> None:
    """The goals numbered with no word (`1.`, as Word's numbering drops 基本目標) inside one
    chapter, beside a chapter whose project lists have no heading over them: the goals are the
    `1.` headings, not the chapters."""
    plan = _run(tmp_path, LEADING_PLAN, rules)
    assert [g.title for g in plan.goals] == ["しごとをつくる", "人の流れをつくる"]
    assert [(p.goal_no, p.title) for p in plan.policies] == [
        (1, "商工業の振興"),
        (1, "住まいの確保"),
        (2, "移住の促進"),
    ]
    assert [p.name for p in plan.projects] == [
        "創業支援事業",
        "住宅取得補助事業",
        "移住体験ツアー事業",
    ]


ITEMS_PLAN = """第２章　施策の展開

基本目標１　しごとをつくる
（１）農林業の振興
ア　担い手の育成
■新規就農者研修支援事業（農林課）
■農業機械導入補助事業（農林課）
イ　農産物のブランド化
①こぶし米ブランド推進事業（農林課、商工観光課）
【重要業績評価指標（ＫＰＩ）】
指標	基準値（R5）	目標値（R11）
新規就農者数	4人	6人
（２）商工業の振興
ア　創業の支援
①創業支援補助金事業（商工観光課）
②空き店舗活用事業（商工観光課）
【重要業績評価指標（ＫＰＩ）】
指標	基準値（R5）	目標値（R11）
創業件数	3件	15件

基本目標２　ひとの流れをつくる
（１）移住・定住の促進
ア　移住相談の充実
■移住コンシェルジュ配置事業（企画課）
【重要業績評価指標（ＫＰＩ）】
指標	基準値（R5）	目標値（R11）
移住相談件数	85件	150件

第３章　戦略の推進
　毎年度、検証します。
"""


def test_items_marked_as_captions_or_numbered_name_projects(tmp_path: Path, rules: Rules) -> None:
    """`■…事業（課）` and `①…事業（課）` under a policy's ア items, no project caption over them:
    a project and its department (a department after the name is a list's, never a heading's
    or a caption's); the KPI table after the items is the policy's."""
    plan = _run(tmp_path, ITEMS_PLAN, rules)
    assert [(p.goal_no, p.policy_no, p.name, p.departments) for p in plan.projects] == [
        (1, 1, "新規就農者研修支援事業", ["農林課"]),
        (1, 1, "農業機械導入補助事業", ["農林課"]),
        (1, 1, "こぶし米ブランド推進事業", ["農林課", "商工観光課"]),
        (1, 2, "創業支援補助金事業", ["商工観光課"]),
        (1, 2, "空き店舗活用事業", ["商工観光課"]),
        (2, 1, "移住コンシェルジュ配置事業", ["企画課"]),
    ]
    assert [(k.goal_no, k.policy_no) for k in plan.kpis] == [(1, 1), (1, 2), (2, 1)]
