"""Plans laid out the way other municipalities lay them out, each written for the tests with a
hand-checked expected.json: every goal, policy, numeric target, KPI and project, field by field,
from the text and from a PDF the tests render; and nothing lost (coverage).

- village_inline: numbered goals (１．) without the word 基本目標, inline targets, ①② policies,
  ＜主な事業＞ bullets, ◎施策の目標 tables with years in the cells.
- roman_goals_tables: 基本目標Ⅰ, 【数値目標】 tables, （１） policies, two-row KPI headers with
  wrapped indicator cells, 事業名|概要|担当課 tables with full department names, ※再掲.
- bracket_goals_kana: 【基本目標１】, ア イ ウ policies, 【主な取組】 bullets with 【再掲】 before the
  name and （課） after it, year and unit columns, ※n footnotes that wrap.
- sogo_keikaku_sesaku: a 総合計画 as 第１章 > 施策１ pages, ■成果指標 with a unit column,
  【再掲】 rows, a table broken by a page number and a repeated header.
- two_row_kpi_wrapped: 基本目標１ > （１）数値目標 … （３）具体的な施策 > ①, two-row headers,
  wrapped indicator, name and value cells, a goal title wrapped onto two lines.
- colon_list_kpis: half-width `1.` goals and `(1)` policies, targets and KPIs as inline lines
  `指標:基準値 → 目標値` (KPIs listed ①②), 2億396万円, /年 units, ― baselines.
- kihon_senryaku_merged: 基本戦略１ goals, 基本方針（１） policies, two-row KPI headers whose
  merged indicator cell leaves the second row's first cell empty, a leading empty grid column,
  【戦略KPI】 flags, a target over a period with no baseline (出生数　5年間で1,900人).
- sogo_sesaku_three_level: 第１章 > 節 `1-1` > `施策1-1-1`, まちづくり指標 tables with an 実績値
  column, ★ flags, projects as ・ bullets with （担当課）.
- chapter_goals_projects: goals are chapters 第３章–第６章 beside a 第２章 重点戦略 that is not
  one, KPI tables with a 担当課 column, ◆ bullet projects with a `担当課：` line below.
- kpi_flags_notes: ★ （新） 【戦略KPI】 marks and ※n notes under the table, a 方向 column, ㎡,
  two figures in a cell, periods (H29〜R2), ranks (第2位), rates (1日あたり3.2回).
- bunyabetsu_setsu: 分野別目標一 goals, a 第１節 level, 施策項目(ア) policies counted within each 節,
  KPI tables with 単位, 中間値 and 出典 columns, a No. | 事業名 | 事業概要 | 所管課 | 備考 list with
  bureau and section in one cell, a 体系 table before the goals.
- project_prose_targets: プロジェクト１ goals, 1-(1) policies, prose targets (with and without an
  arrow), two-row KPI headers with 数値 merged over 現状値 | 目標値, 目標年度 and 関連SDGs
  columns, ○ projects written 事業名（what it does）.
- roman_subitems_tanto: Ⅰ goals with 1-1 policies and 1-1-1 sub-items over ▶ project bullets,
  ①②③ projects, 【担当】 lines under each project, 方向 and 備考 columns, text targets.
- seisaku_roles_appendix: ■政策目標１ goals, （１） policies restarting under each goal, SDGs lines,
  役割分担 tables and 関連する個別計画 lists (out of scope), years in every KPI cell, 【再掲】
  projects, an appendix whose numbering restarts.
- sogo_jimujigyo_costs: 政策１ > 施策1-1 > 基本事業1-1-1 headings, the goal's own indicator table
  under ■政策の目標指標, 【主な事務事業】 tables with 事業費（千円） merged over R6 | R7 | R8.
- village_labelled_values: no tables — 目標：… target lines, ◇KPI lines with 現状：… 目標：…
  words instead of an arrow, 【主な事業】a、b、c on the caption's own line.
- a3_spread_table: one landscape table per goal (施策 | 重要業績評価指標 | 基準値 | 目標値 |
  主な事業 | 担当課), the 施策 cell printed once per group and wrapped, project-only rows.
- progress_report_grades: 戦略１ > (1), KPI tables with R5実績 and 達成状況 grades, a 再掲 column
  holding where the project was listed first.
- jinko_vision_first: a 人口ビジョン chapter (population tables) before 第２章 総合戦略; 単位 and
  方向 columns; 事業名 | 事業概要 | 担当課 | 関連SDGs.
- hashira_bullets_tanto: 柱１ > 施策の方向１; ◆成果指標 two-row headers, a 基準年 column; ◆主な事業
  over ▼ items written 事業名（担当：課）, （再掲：柱１）.
- toc_roman_notes: a table of contents first; Ⅰ > Ⅰ－１; ① items; 注１ markers and 注１） notes;
  dates in cells (R6.3末).
- kpi_chapter_apart: the KPIs in one table of a chapter after the goals (基本目標 | 施策 `1-2` |
  指標 | 基準値 | 目標値), each row belonging to the goal and policy it names.
- jyuten_bracket_bullets: ＜重点プロジェクト１＞ goals (no 基本目標 anywhere), ［具体的な施策］ (ア)
  policies, 策定時 | 直近値 | 目標（R12） tables, prose targets with western years, ◆ project
  bullets `事業名（課・課）` with no caption over them.
- dai_jyuten_sesaku_items: 第１ goals, 重点施策1-1 policies over 1-1-1 取組 whose tables follow the
  last of them, KPI tables broken over pages with no repeated header, 政策分野 | 事務事業名【所管課】
  | 関連 with 再掲：1-2-1, a two-pair 略称対応表.
- kouzubeki_text_values: ■基本目標１, 講ずべき施策（１） with 基本的方向 / 期待される効果 / 関連する
  個別計画, text values (現状値以上, 全国平均以上, ranks), bureau and section in a 担当課 cell that
  wraps, ※n at the page foot.
- housin_policy_table: 基本方針Ⅰ goals whose policies are only rows of a 施策分野 | 主な施策 | 担当課
  table, one 目標指標 table per goal naming the 施策 by number, projects numbered 施策-連番.
- jisshi_keikaku_continuous: a 実施計画 of 第１章 goals over 第１節 sections, 施策１–施策９ numbered
  through the plan, ■まちづくりの目標 tables, 策定時 | 中間 | 目標 columns, schedule marks in the
  project tables' year columns.
- mura_kpi_lines: no tables at all; numbered introduction headings (１　…) before Ⅰ goals whose
  policies are numbered the same way; ◇ targets and 【KPI】 lines with 現状値 … → 目標値 ….
- bunya_year_columns: 施策分野１ policies, units and years in their own columns, ↗↘→, （再掲：1-2）,
  unnumbered 注）notes.
- targets_only_sdgs: 数値目標 | 目標値（R11） tables with no baseline, wrapped policy titles, ア イ
  取組, text baselines, a 関連SDGs column.
- dai_arrow_nendo: 第１ goals with no label and a ～…～ subtitle, ⑴ policies, prose targets with ⇒,
  〔ＫＰＩ〕 tables with each value's year in a 年度 column of its own, unbulleted 事業名（概要）
  lines (one wrapped, one 【再掲】), ＊n notes, 平均1.4日.
- jyuten_senryaku_sources: 重点戦略１ goals, （ア） policies, two-row headers with 数値 merged over
  基準値 | 実績値 | 目標値, 出典 and 備考 columns, 事業名 | 担当部 | 担当課 with the bureau merged
  down, running heads under the page numbers.
- kanji_goals_roles: goals 一 二 三 with no label, １ policies, ◯ captions, SDGs lines right under
  the policy title, 役割分担 as 市民：… lines, 現況値 columns, ①② before KPI names, （注１） notes,
  0人を維持 and 週1回以上, ● 事業名（部 課） bullets.
- angle_goals_colon_projects: ＜基本目標1＞ goals, 1) policies, target tables headed by years
  alone (令和５年度 | 令和11年度) with a 増減 column, No. | KPI | R5実績 | R11目標 | 担当課,
  ・事業名：概要 bullets, bare page numbers.
- jyuten_mokuhyo_milestones: 重点目標１ goals over 1-1 policies, KPI tables 成果指標 | 単位 |
  R5実績 | 中間目標（R8） | 最終目標（R11） with bare figures, ＋1.0 and △1.2, the goal's 数値目標
  printed after its policies under ■重点目標１の数値目標.
- roman_sesaku_costs: Ⅰ goals with no label over 施策１–施策８ numbered through the plan, ◇
  captions 目指す姿 / 期待される効果 / 関連する個別計画, KPI years as a second header row
  （R5） | （R11）, No. | 事業名 | 事業費（千円） over R6 | R7 | R8 | 担当課 (bureau and section),
  ※n notes under the KPI table, ±0人.
- senryaku_three_level_inline: 戦略１ > 柱 1-1 > 施策 1-1-1 with no labels below the goal,
  【数値目標】指標　基準値 → 目標値 lines, 現状値（R5年度末） headers, ・事業名【課・課】（再掲）.
- seisaku_roles_bullets: 政策１ > （１）, ●事業名［課］ bullets right after ＜役割分担＞ prose with no
  project caption, ＫＰＩ | 単位 | 基準値（R5） | 目標値（R11） with bare figures (g/人/日), the
  goal's targets after its policies under ＜政策１の成果目標＞.
- machizukuri_dash_projects: まちづくりの目標１ goals (a kana word before の), 【施策１】 policies,
  ■事業名 ― 概要 items, ＋5.0ポイント targets, the goal's targets after its policies under
  数値目標（まちづくりの目標１）, unmarked, right after the ■ items.
- setsu_year_value_columns: 基本目標１ over 第１節–第６節 numbered through the plan, 2-3-1
  policies, two-row headers with 年度 | 値 under each of 現状値 and 目標値, No. | 事業名 | 事業概要
  | 担当課 with each summary wrapped onto a row of its own.
- hashira_sentence_targets: 第１の柱 goals, １－１ policies, numeric targets as sentences (one with
  no baseline), 基準値 | 目標値 | 実績値 with the 実績 column last, ・事業名：概要（課） items (one
  department wrapped alone), ※n notes after the project list.
- marked_policies_desc_columns: 基本政策１ goals over ◆施策１-１ policies marked like items, a
  指標の説明 prose column before the values, (1)　事業名 | 担当課 items with no header.
- seisaku_mokuhyo_value_year: 政策目標Ⅰ goals over A. B. policies, two-row KPI headers with 現状
  and 目標 each merged over 値 | 年度 (the value first), 事業名 | 概要 | 担当課 with bureau and
  section in one cell, △1.2％ and 小75.7％/中64.9％.
- jyuten_project_small_roman: 重点プロジェクト１ goals over （ⅰ）（ⅱ） policies, 数値目標 | 単位 |
  基準値 | 中間目標 | 最終目標 tables with bare figures, 2億396万円, 第4位, 1日あたり3.2回.
- senryaku_roman_kpi_sentences: 戦略Ⅰ goals over 施策１–施策９ numbered through, KPIs as
  sentences (…12件を達成します（令和５年度 7件）。, …を維持します, …以上を目指します).
- taikei_goals_setsu_policies: goals only in a 体系図 table (第一　… | 第1節　…), the chapter's
  第1節–第7節 as policies, the goals' targets in a table with a 分野別目標 column before them.
- senryaku_sesaku_years_row: 基本戦略１ > 基本方向1-1 > 施策1-1-1, the goal's 数値目標 as 指標：／
  現状値：／目標値： lines (one field a line), 成果指標 | 基準値 | 実績値 | 目標値 over a header row
  of years alone, 主な事業 | 担当部局 tables (no caption above, bureaus only).
- mokuhyo_hoshin_actual_last: bare 目標１ > 方針１, a 方向 column of arrows, 数値 merged over 現状値
  | 目標値 | 実績値 (the 実績 last) over a row of years, 60～65%, 以上, 増加, 現状維持, ①事業名（課）.
- senryaku_mokuhyo_policy_rows: 戦略目標１ goals whose policies are only rows of a 施策 | 内容 |
  担当課 table (（１）茶業の振興 in one cell), KPI and project tables naming the policy （１） once
  over its rows.
- kihon_sesaku_kpi_fields: 基本施策１ > 具体的施策1-1, each KPI three lines 指標：／現状値：／目標値：,
  目標値（令和11年度末）, ・事業名〔部・部〕 items, one （再掲） before the bracket.
- odan_mokuhyo_packages: 基本目標１–３ then 横断的目標１ (a cross-cutting goal, goal 4), a 地域ビジョン
  chapter before the goals, （１） policies under 【政策パッケージ】, ●事業名（課、課）.
- jigyo_kpi_tanto_multi: KPIs per project in 事業名 | 事業概要 | KPI | 基準値 | 目標値 | 担当課 (rows
  with no KPI too), two departments joined by 、 or ／ or wrapped one a line.
- quoted_goals_kana_sentence: 【基本目標１】「しごと」をつくり…, （１） 基本的方向 over (ｱ)(ｲ) policies
  in half-width katakana, numeric targets as sentences with the baseline bracketed after the verb.
- hoshin_year_before_value: 基本方針１ > 施策1-1, 指標 | 基準年度 | 基準値 | 目標年度 | 目標値 (each
  row its own years), note markers after values (31.5億円※1), １，２００千人, 人/年, 年間, 累計, 5年間で.
- bunya_setsu_three_values_roles: ■分野別目標１ > 第１節 (numbered through) > policies 1-1-1 whose
  number stands alone over its title, 基準値 | 実績値 | 目標値 | 方向 | 出典 over a row of years, SDGs
  and 役割分担 lines, No. | 事業名 | 事業費 | 担当課 with （再掲：1-1-1） and departments joined by ・.
- goal_word_policy_labels: 基本目標１ > 基本目標1-(1) (the goal's word again), prose targets with the
  year before each value (R3：1,912事業所 → R11：1,950事業所), KPI headers with the years on top
  and 実績 | 目標 under them, ◆ projects with no department, 年１１１校, 現状値以上, 全国平均以上.
- jyuten_roman_kpi_tanto: 重点プロジェクトⅠ > Ⅰ-1 standing alone over its title, 数値 merged over
  基準値（H30） | 実績値（R5） | 目標値（R11） with a 担当課 column, 【戦略KPI】 after the name,
  事業名 | 概要 | 担当課 | 再掲 with ○.
- chapter_setsu_numbered_captions: 第１章 goals > 第１節 policies restarting, the same numbered
  captions (１　現状と課題 … ４　主な事業) in every policy, cells with the year before the value
  (R4：36.2%), No. | 事業名 | 事業費 with no department column.
- seisaku_eleven_policies_bullets: 政策１ > 【具体的な施策】 施策1-1 … 施策2-11 (eleven policies in
  a goal), prose targets with no baseline, one-row KPI tables with a 目標年度 column, ◆ projects
  with bureau and section in brackets joined by 、, （再掲） before the name.
- jyuten_setsu_kou_furniture: 重点目標１ > 第１節 > 第１項 (a 節 and a 項), まちづくり指標 | … | 備考,
  tables broken by a running title, a page number and a bare chapter tab (第２章) printed twice,
  ▶主な事業 over ▶事業名（概要） items, an appendix numbered again.
- hoshin_koumoku_marks_ryakusho: ■基本方針１, ◇数値目標 over ◇ prose targets (a dated figure with
  no baseline, a word target 均衡（R11）), ［具体的な施策］ 施策の方向（１）, 項目 | 単位 | … | 備考
  with ◎ （新） ※1, No. | 事業名 | 所管課 | 再掲 with ○, a two-pair 略称一覧.
- colon_goals_kouzubeki_maru: 基本目標１：title, 【講ずべき施策】 ① policies whose projects follow
  their KPI table numbered ① ② again with a 所管： line each, dated cells (5社(2024.3)), a table
  continued with its header repeated.
- taikei_three_columns_kana_items: a three-column 施策体系図 (基本目標 | 施策 | 具体的施策) before the
  body, 基本目標Ⅰ alone over its title and a ～…～ subtitle, （１） policies whose ア イ items carry
  the ・ projects, the KPI table after the items.
- unit_column_note_years_pairs: 【目標１】 > 施策１, 指標名 | 単位 | 基準値 | 目標値 | 出典 with the
  years only in a ※ note under the table, interim targets in one cell (R9:10 R11:20), ranges and
  増加, projects as 事業名：…　担当：… lines.
- ryakusho_first_dept_first_table: the 略称 table before the goals, 【施策1-1】 policies, project
  tables with the 所管課 column first and rows wrapped onto rows of their own (the department too).
- leading_projects_wrapped_content: a リーディングプロジェクト chapter before the goals, 事業番号 |
  事業名 | 事業内容 | 所管 with wrapped 事業内容 and 再掲 in the number cell, tables broken by page
  furniture with no repeated header.
- turned_labels_kana_paragraphs: goals and policies with their label after the title
  (`１　…（基本目標１）`, `（１）…（施策１）`), targets as sentences (the baseline first in one), the
  year in every KPI cell, `―` baselines, (ｱ) project paragraphs with a description line below.
- bunya_skip_middle_goal_projects: 政策分野１ > `1-(1)` > `1-(1)-①` in one goal, `2-(1)` policies
  holding their tables in the next, a goal with a project table and no policies, 関連SDGs columns
  of SDG numbers beside 実績値.
- hoshin_cell_years_kpi_relisted: 基本方針１ > （１）, `基準値（年度）` with each cell's year, 実績値 and
  目標値 years in the header, KPIs relisted by （再掲） or by `再掲（2-(2)）` in the 備考 cell.
- ryakusho_pairs_small_roman_items: a two-pair 略称 table in a numbered introduction, 政策目標Ⅰ >
  施策Ⅰ-1, 現状値 | 中間値 | 目標値 over a row of years, `ⅰ)　事業名【略・略】` items.
- numbered_goals_continuous_appendix: goals a number and a title only (`１．…`), a 節 in one goal
  only, （１）–（７） numbered through the plan, prose targets with no baseline, `①名（概要）　課・課`
  items, and a 資料 numbering again from `１．`.
- hashira_kubun_one_table_costs: 柱 goals with one table of 数値目標 and KPI rows (区分 and 施策
  columns, 単位, 方向, 出典, 数値 over 現状値 | 目標値) before their `1-1` policies, No. | 事業名 |
  事業費 | 担当課 projects.
- senryaku_prose_project_lists: ■戦略 > 施策の方向1-1, ◎ and 担当課 in the KPI tables, targets on the
  〈数値目標〉 caption line, projects in one prose line `主な事業：名（概要）、名（再掲：1-2）`.
- dai_kana_split_kpi_footnotes: `第１` goals > `(ア)` policies, a KPI table broken by a page with
  no repeated header, ※ notes after the break, a 再掲 column, 部 + 課 departments.
- taikei_box_goals_year_targets: a 基本目標 | 施策 体系 table first, 【基本目標１】 goals, （１）
  policies with ◇施策の方向性 prose and ◆主な取組 bullets, every indicator table 基準値（R5） |
  実績値（R6） | R7 | R8 | R9 | R10 | R11 (a value for each year, the last the target), 延べ, 現状維持,
  100%（全校）.
- roman_dash_kpi_lines_bu_ka: full-width Ⅰ goals with no label over Ⅰ－１ policies, targets and KPIs
  only as `◎ KPI：名　基準値 …（R5）→ 目標値 …（R11）` lines (`―`, 5年間累計, 増加, `R8年度 策定`),
  No. | 事業名 | 事業概要 | 担当部 | 担当課 with summaries wrapped onto rows of their own.
- kpi_numbered_related_projects: 政策目標１ > 施策１, the goal's targets with the year in each cell
  (現状維持（R11）, 5年間累計 300人（R7～R11）), No. | 指標 | 基準値 | 実績値 | 中間目標 | 最終目標,
  No. | 事業名 | 事業概要 | 担当課 | 関連KPI with 部課 written whole and a department wrapped.
- kikkou_goals_unit_in_name_main_related: 〔１〕 goals with no label over （一） policies, every
  indicator's unit in brackets after its name (`観光入込客数（万人）`, `合計特殊出生率（－）`) over bare
  figures, 基準値 | 実績値 | 目標値 over a row of years, 事業名 | 事業の内容 | 主担当課 | 関係課.
- juten_bunya_alpha_policies_trend_words: 重点分野１ goals over ａ．ｂ． policies, the goal's targets
  as sentences (`…を、令和11年度までに86億円にします（現状値：令和５年度 79億円）。`), KPI tables
  with a 方向性 column of words (増加 減少 維持), ・事業名（略・略） items, a 略称 legend in lines.
- kgi_page_repeated_headers_bukyoku_costs: 《基本目標１》 goals over ＫＧＩ tables, （１） policies,
  指標名 | 現状値 | 時点 | 目標値 | 目標年次, No. | 事業名 | 事業概要 | 担当部局 | 担当課 | 事業費（千円）
  with the bureau merged down and second departments on rows of their own, tables broken by a
  running title and a page number with the header repeated.
- shisaku_sheet_label_column: each policy a 施策シート of labelled rows (`施策番号 | 1-1`, `施策名 |
  …`, `目指す姿 | …。`), its KPI and project tables beside a label cell merged down
  (`重要業績評価指標（ＫＰＩ） | 指標名 | …` over rows whose first cell is empty), full 課 names.
- letter_goals_transposed_kpi_numbered_projects: 基本目標Ａ goals over 施策Ａ－１ policies, every
  indicator table transposed (the indicators across the header row, `基準値（R5）` and
  `目標値（R11）` rows under it), `(1)　事業名【課・課】` items numbered again under each policy.
- setsu_goals_bracket_policies_mixed_years: goals as `第１節` under one chapter, 【１】 policies
  restarting per goal with ◆ captions, headers dated `令和５(2023)年度`, word targets (現状値以下,
  0人を維持, 現状維持), `●事業名……課、課` items with a dot leader before the departments.
- dotted_paths_toc_leaders_hanging_titles: a table of contents with ・・・ leaders listing goals
  and policies, 基本目標1 over `1.1` policies (dotted paths), titles wrapped with a hanging indent,
  西暦 headers, ＊n notes under the tables.
- taikei_short_names_hoko_items_jigyo_no_kubun: a 施策体系図 of short names (goal printed once over
  its rows) before the body's long titles, 基本目標１ > （１） holding the KPI table (担当課 of
  略称 joined by ／) > ① 具体的な施策 holding 事業番号 | 事業名 | 区分 | 担当課 tables (1-1-1-01,
  新/拡/継, a second department wrapped onto a row of its own), the 略称 legend in one prose line.
- mokuhyo_roman_target_bracket_base_shared_year_kangaekata: roman chapters Ⅰ Ⅱ Ⅲ around 目標Ⅰ goals
  over Ⅰ-(1) policies, 数値目標 as 指標 | 目標（R11） with the baseline in the indicator's bracket
  (`市内総生産（R3：2,865億円）`), 指標 | 基準年度 | 基準値 | 目標年度 | 目標値 | KPIの考え方 with a
  基準年度 printed once for two rows, the 考え方 prose wrapped, 目標年度 as R11 Ｒ１１ 令和１１年度末
  2029年度末, 3億8,500万円, 48,000円, 30日以内, 40分未満, 人口千人当たり.
- senryaku_prev_term_target_columns_sources: 戦略１ > 1-(1), every indicator table comparing terms
  (第２期目標値（R6） | 現状値（R5） | 第３期目標値（R11）, 前期目標値 | … | 今期目標値) with an 出典
  column wrapped, 事業名 | 概要 | 担当課 with a second department wrapped alone, （再掲）.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.models import LineRole
from extract.pipeline import RunResult, run
from extract.rules import Rules

from .conftest import FIXTURES, require_tool
from .family import compare, load_expected
from .producers import reportlab_pdf, require_producer
from .render_pdf import fodt_to_pdf, text_to_fodt

CASES = [
    "village_inline",
    "roman_goals_tables",
    "bracket_goals_kana",
    "sogo_keikaku_sesaku",
    "two_row_kpi_wrapped",
    "colon_list_kpis",
    "kihon_senryaku_merged",
    "sogo_sesaku_three_level",
    "chapter_goals_projects",
    "kpi_flags_notes",
    "bunyabetsu_setsu",
    "project_prose_targets",
    "roman_subitems_tanto",
    "seisaku_roles_appendix",
    "sogo_jimujigyo_costs",
    "village_labelled_values",
    "a3_spread_table",
    "progress_report_grades",
    "jinko_vision_first",
    "hashira_bullets_tanto",
    "toc_roman_notes",
    "kpi_chapter_apart",
    "jyuten_bracket_bullets",
    "dai_jyuten_sesaku_items",
    "kouzubeki_text_values",
    "housin_policy_table",
    "jisshi_keikaku_continuous",
    "mura_kpi_lines",
    "bunya_year_columns",
    "targets_only_sdgs",
    "dai_arrow_nendo",
    "jyuten_senryaku_sources",
    "kanji_goals_roles",
    "angle_goals_colon_projects",
    "jyuten_mokuhyo_milestones",
    "roman_sesaku_costs",
    "senryaku_three_level_inline",
    "seisaku_roles_bullets",
    "machizukuri_dash_projects",
    "setsu_year_value_columns",
    "hashira_sentence_targets",
    "marked_policies_desc_columns",
    "seisaku_mokuhyo_value_year",
    "jyuten_project_small_roman",
    "senryaku_roman_kpi_sentences",
    "taikei_goals_setsu_policies",
    "senryaku_sesaku_years_row",
    "mokuhyo_hoshin_actual_last",
    "senryaku_mokuhyo_policy_rows",
    "kihon_sesaku_kpi_fields",
    "odan_mokuhyo_packages",
    "jigyo_kpi_tanto_multi",
    "quoted_goals_kana_sentence",
    "hoshin_year_before_value",
    "bunya_setsu_three_values_roles",
    "goal_word_policy_labels",
    "jyuten_roman_kpi_tanto",
    "chapter_setsu_numbered_captions",
    "seisaku_eleven_policies_bullets",
    "jyuten_setsu_kou_furniture",
    "hoshin_koumoku_marks_ryakusho",
    "colon_goals_kouzubeki_maru",
    "taikei_three_columns_kana_items",
    "unit_column_note_years_pairs",
    "ryakusho_first_dept_first_table",
    "leading_projects_wrapped_content",
    "turned_labels_kana_paragraphs",
    "bunya_skip_middle_goal_projects",
    "hoshin_cell_years_kpi_relisted",
    "ryakusho_pairs_small_roman_items",
    "numbered_goals_continuous_appendix",
    "hashira_kubun_one_table_costs",
    "senryaku_prose_project_lists",
    "dai_kana_split_kpi_footnotes",
    "taikei_box_goals_year_targets",
    "roman_dash_kpi_lines_bu_ka",
    "kpi_numbered_related_projects",
    "kikkou_goals_unit_in_name_main_related",
    "juten_bunya_alpha_policies_trend_words",
    "kgi_page_repeated_headers_bukyoku_costs",
    "shisaku_sheet_label_column",
    "letter_goals_transposed_kpi_numbered_projects",
    "setsu_goals_bracket_policies_mixed_years",
    "dotted_paths_toc_leaders_hanging_titles",
    "taikei_short_names_hoko_items_jigyo_no_kubun",
    "mokuhyo_roman_target_bracket_base_shared_year_kangaekata",
    "senryaku_prev_term_target_columns_sources",
]
RECORD_ROLES = {
    LineRole.PROJECT,
    LineRole.KPI,
    LineRole.NUMERIC_TARGET,
    LineRole.ACTION,
    LineRole.FOOTNOTE,
    LineRole.DEPARTMENT,
    LineRole.PROJECT_FIELD,
}


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest, rules: Rules) -> tuple[str, RunResult]:
    return request.param, run(FIXTURES / request.param / "plan.txt", rules=rules)


def test_text_records_match_the_expectation(case: tuple[str, RunResult]) -> None:
    name, result = case
    assert compare(result.plan, load_expected(FIXTURES / name)) == []


def test_counts_are_the_expected_counts(case: tuple[str, RunResult]) -> None:
    name, result = case
    counts = load_expected(FIXTURES / name)["counts"]
    plan = result.plan
    assert {family: len(getattr(plan, family)) for family in counts} == counts


def test_nothing_is_lost(case: tuple[str, RunResult]) -> None:
    """Every non-blank line has a role; no content line is left unparsed."""
    _, result = case
    non_blank = {line.no for line in result.document.lines if not line.is_blank}
    assert set(result.plan.line_roles) == non_blank
    assert [f.line for f in result.plan.findings if f.code == "parse.unparsed"] == []
    assert result.plan.coverage().reported == 0
    # every labelled level of headings is read as goals, 節 or policies
    assert [f.line for f in result.plan.findings if f.code == "parse.level_unread"] == []


def test_out_of_scope_is_not_read_as_goals(case: tuple[str, RunResult]) -> None:
    """The introduction's quoted 総合計画 goals, the overview table and the closing chapter are
    there in every plan, and none of them became records."""
    name, result = case
    plan = result.plan
    first_goal = min(g.source_line for g in plan.goals)
    assert plan.out_of_scope_lines > 0
    for family in ("numeric_targets", "kpis", "projects", "policies"):
        assert all(r.source_line > first_goal for r in getattr(plan, family)), family


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("soffice", "libreoffice-writer-nogui")
    return tmp_path_factory.mktemp("family_pdf")


@pytest.mark.parametrize("name", CASES)
def test_pdf_records_match_the_expectation(name: str, pdf_dir: Path, rules: Rules) -> None:
    text = (FIXTURES / name / "plan.txt").read_text(encoding="utf-8")
    pdf = fodt_to_pdf(text_to_fodt(text), pdf_dir / f"{name}.pdf")
    result = run(pdf, rules=rules)
    assert compare(result.plan, load_expected(FIXTURES / name)) == []
    assert [f.line for f in result.plan.findings if f.code == "parse.unparsed"] == []


@pytest.mark.parametrize("name", CASES)
def test_reportlab_pdf_records_match_the_expectation(
    name: str, tmp_path: Path, rules: Rules
) -> None:
    """The same plans printed by a second producer (ReportLab's CID fonts, its own line breaks:
    a `○…` line that fills the measure, a page number on a line of its own)."""
    require_producer("reportlab")
    text = (FIXTURES / name / "plan.txt").read_text(encoding="utf-8")
    result = run(reportlab_pdf(text, tmp_path / f"{name}.pdf"), rules=rules)
    assert compare(result.plan, load_expected(FIXTURES / name)) == []
