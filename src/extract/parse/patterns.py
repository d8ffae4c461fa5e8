"""Every pattern the parser matches, in one place.

Patterns run on *match text*: the printed text with NFKC applied (so １ and 1, （ and ( and a
full-width space all match alike) and markup (`#`, `<b>`, `■`) stripped. The words that name
sections come from ParseSettings so that another plan's wording can be configured in rules/.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extract.charmap import fold_codepoints
from extract.settings import ParseSettings
from extract.text import BULLET, MARKER, SUP

# --- numbers ----------------------------------------------------------------------------------

_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN = {"I": 1, "V": 5, "X": 10}
NUMBER_TOKEN = r"(?:\d+|[IVX]+|[一二三四五六七八九十]+)"

# A heading's number printed alone, its title on the next line (`（２）`, `①`): no running head
NUMBER_ALONE = re.compile(rf"^(?:[(（]{NUMBER_TOKEN}[)）]|[①-⑳])$")


def token_to_int(token: str) -> int:
    """`3`, `III` (NFKC of Ⅲ) or `三` → 3."""
    if token.isdigit():
        return int(token)
    if set(token) <= set(_ROMAN):
        total = 0
        for i, ch in enumerate(token):
            value = _ROMAN[ch]
            total += -value if i + 1 < len(token) and _ROMAN[token[i + 1]] > value else value
        return total
    if token == "十":
        return 10
    tens, _, ones = token.partition("十")
    if "十" in token:
        return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + _KANJI_DIGITS.get(ones, 0)
    return _KANJI_DIGITS[token]


# --- markup -----------------------------------------------------------------------------------

# A table-of-contents entry: leader dots and a page number.
TOC_ENTRY = re.compile(r"[.…‥・･·]{2,}\s*\d{1,4}$")
MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
HTML_TAG = re.compile(r"</?(?:b|strong|em|i|u|span)[^>]*>", re.I)
HEADING_MARK = re.compile(r"^[■□◆◇▼▽●◎▶►\s]+")
# An item of a list under a caption (主な事業, a 取組方針's bullets), read only where no heading
# is: the strict bullets, and marks that may also number or mark a heading elsewhere (○ ▶ ① -;
# 〇, the kanji zero, typed for ○ as often).
# ■ □ ◎ are left out: they mark captions (■関連する個別計画) that end a list. A dash starts an
# item before a space or a word (a PDF may drop the space: `-新規就農者…`), not before a page's
# number (`- 12 -`). Small roman numerals with a closing bracket (`ⅰ)`) count a list's items as
# ① does.
LIST_ITEM = re.compile(
    r"^\s*(?:[-*+]\s*)?(?:[・･●◆◇▪○◯〇▶►▸▹➢➤◦▼▽][\s　]*|[①-⑳][\s　]*|[ⅰ-ⅹ][)）][\s　]*|[-－‐](?:[\s　]+(?![0-9０-９]+[\s　]*[-－‐―]?[\s　]*$)|(?=[0-9０-９]{0,2}[一-龥ぁ-んァ-ヴ])))"
)
# `担当課：企画課`, `【担当】企画課、財政課`: a project's departments on a line below it
DEPARTMENT_LINE = re.compile(
    r"^\s*(?:[【［\[〔＜<(（]\s*(?P<b>[^】］\]〕＞>)）]{1,6})\s*[】］\]〕＞>)）]\s*[:：]?"
    r"|(?P<w>[^:：\s]{1,6})\s*[:：])\s*(?P<rest>\S.*)$"
)


def department_line(text: str, words: tuple[str, ...]) -> str | None:
    """The departments of `担当課：企画課` or `【担当】企画課、財政課`, its label one of `words`
    (None: no such line)."""
    m = DEPARTMENT_LINE.match(match_text(text))
    if m is None or (m.group("b") or m.group("w") or "").strip() not in words:
        return None
    return m.group("rest").strip()


# A bracket of departments closing a line (`（担当：産業振興課）`, `【企画課】`): an item's, no heading's
ENDS_WITH_DEPARTMENT = re.compile(
    r"[（(【\[](?:(?:担当|所管)[^:：]{0,2}[:：])?[^（）()【】\[\]]*(?:課|室|局|部|係|センター|委員会)[)）】\]]$"
)
# A department's name as names end: a cell that ends otherwise was cut by a wrap (`情報政`).
DEPARTMENT_END = re.compile(r"(?:課|室|局|部|係|所|館|園|班|センター|委員会|事務局)$")
FOOTNOTE = re.compile(
    r"^\s*(?:<sup>\s*(\d+)\s*</sup>|[※*＊]\s*(\d+)[\s.:：)）]|注\s*(\d+)[\s.:：)）]"
    r"|[（(]\s*(?:注|※)\s*(\d+)\s*[)）]|[（(]注[)）]|注[)）:：]"
    # `※目標値は令和11年度の値です。`: a note under a table printed with no number
    r"|※(?![\s　]*(?:[0-9０-９]|再掲)))\s*(?P<text>.+)$"
)
# A list number before an indicator's name in its cell (`①市内の創業件数`): no part of the name
ROW_NUMBER = re.compile(r"^\s*[①-⑳]\s*")
# A short line that opens with a letter or kana in brackets, then a title (`(a)農業の振興`,
# `（か）…`): numbered like a heading in a way the outline does not read
BRACKETED_LETTER = re.compile(r"^\s*[(（]\s*([A-Za-zＡ-Ｚａ-ｚぁ-んァ-ヶｦ-ﾝ])\s*[)）]\s*[^\s)）]")
# A note's number in brackets after a name: `創業件数（注１）`, `移住者数(※2)`
NOTE_MARK = re.compile(r"\s*[（(]\s*(?:注|※)\s*(\d+)\s*[)）]\s*$")


# Brackets and marks that label a caption: 【数値目標】, ［具体的な施策］, ＜主な事業＞, ◎施策の目標.
CAPTION_MARKS = re.compile(r"^[■□◆◇▼▽●◎○◯〇▶►☆★\s]+")
# `重点目標１の数値目標` (a caption key): a caption that names the goal it belongs to
OWN_CAPTION = re.compile(r"^(?P<word>\D+?)(?P<no>[0-9]+)の(?P<rest>.+)$")
# `数値目標（まちづくりの目標１）`: the goal named in brackets after the caption's words
OWN_CAPTION_AFTER = re.compile(r"^(?P<rest>[^()]+?)\((?P<word>\D+?)(?P<no>[0-9]+)\)$")
# `指標の説明`, `指標の定義`, `算出方法`: a column that explains the indicator (prose), no name
DESCRIPTION_HEADER = re.compile(r"(?:説明|定義|考え方|算出方法)$")
# `中間目標（R8） | 最終目標（R11）`: of two target columns the plan's target is the final one
FINAL_TARGET = "最終"
_PAIRS = {"【": "】", "[": "]", "〔": "〕", "〈": "〉", "<": ">", "《": "》", "(": ")"}
INDENT = re.compile(r"^[ 　]*")
# A page number printed on a line of its own (text renderings keep them): －１２－, - 15 -, 12
PAGE_NUMBER = re.compile(
    r"^[-－―‐–—ー\s]*[0-9０-９]{1,4}[-－―‐–—ー\s]*$"
)  # (ー: a dash as OCR reads it)


# A subtitle set between waves or dashes (`～農林業の担い手が育つまち～`): no rest of a title.
SUBTITLE = re.compile(r"^[～〜~―—－-]\s*\S.*\S\s*[～〜~―—－-]$")
# A line naming the policy's SDGs goals by number (`SDGs　8　9`, `関連SDGs：3、4、11`): no title.
SDGS_LINE = re.compile(r"^(?:関連(?:する)?)?[Ss]DGs\s*[:：]?\s*(?:\d{1,2}[\s,、・]*)+$")


# A number with a unit: a line holding one looks like plan content, not prose.
_CONTENT = re.compile(
    r"\d[\d,.]*\s*(?:人|件|%|円|回|か所|箇所|校|社|戸|世帯|団体|日|時間|km|ha|t|トン|倍|点|台|"
    r"名|組|経営体|事業者|施設|店舗|泊|品目|本)|[→⇒➡]"
)


def looks_like_content(text: str) -> bool:
    return bool(_CONTENT.search(match_text(text)))


def strip_markup(text: str) -> str:
    """Markup (`#`, `<b>`) and heading marks (■ ◆) removed, the printed characters kept."""
    text = HTML_TAG.sub("", MD_HEADING.sub("", fold_codepoints(text)))
    return HEADING_MARK.sub("", text.strip(" 　\t")).strip(" 　\t")


def caption_key(text: str) -> str:
    """`【数値目標】`, `◎ 施策の目標`, `［具体的な施策］` → the words alone, NFKC, no spaces."""
    plain = CAPTION_MARKS.sub("", match_text(text)).replace(" ", "")
    if plain[:1] in _PAIRS and plain.endswith(_PAIRS[plain[0]]):
        plain = plain[1:-1]
    return plain


def indent(text: str) -> int:
    """Leading spaces of a printed line (a full-width space counts one)."""
    return len(INDENT.match(text).group(0))  # type: ignore[union-attr]


def match_text(text: str) -> str:
    """NFKC, markup stripped, whitespace collapsed: the text the patterns below run on."""
    text = unicodedata.normalize("NFKC", fold_codepoints(text))
    text = HTML_TAG.sub("", MD_HEADING.sub("", text))
    return " ".join(text.split())


def heading_text(text: str) -> str:
    return HEADING_MARK.sub("", match_text(text)).strip()


# --- values -----------------------------------------------------------------------------------

# Printed empties: dashes of every width, and "-" alone.
# U+0336 is how CID-font PDFs give back a printed —.
EMPTY_VALUE = re.compile(r"^[—―‐\-－−ー–\u0336]*$")
# The unit of a row's figures in brackets after its indicator (`観光入込客数（万人）`,
# `合計特殊出生率（－）`), and the characters a unit ends with where no header says so.
# `第２期目標値（R6）`, `第３期計画`: a plan's term numbered by its ordinal — no figure in a header
TERM_ORDINAL = re.compile(r"第\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*期")
# `市内総生産（R3：2,865億円）`: a bracket closing an indicator's name (its content read as a
# value: a dated figure there is the baseline the table has no column for)
BRACKET_AT_END = re.compile(r"^(?P<name>.*[^\s(（])\s*[(（](?P<inner>[^()（）]+)[)）]\s*$")
UNIT_IN_NAME = re.compile(r"^(?P<name>.*[^\s(（])\s*[(（](?P<unit>[^()（）\d]{1,6})[)）]\s*$")
UNIT_ENDS = "件人回円%万億千百校社名戸台本冊個所倍点組泊"
# A baseline printed for a measure that is new: no value yet (新規, 新規指標 …).
NEW_MEASURE = re.compile(r"^[(（]?新規(?:指標|項目|事業|設定)?[)）]?$")
# A dash with the unit still printed: `― 件/年`.
EMPTY_WITH_UNIT = re.compile(r"^[—―‐\-－−ー–]+\s*[^\d\s]{1,6}$")
# 2億396万円: 億 and 万 in one figure.
OKU_MAN = re.compile(
    r"^(?P<pre>\D*?)(?P<oku>\d[\d,]*)億(?P<man>\d[\d,]*)万(?P<rest>\D*(?:[(（][^()（）]*[)）])?)$"
)
# Words printed before the number that say what it counts over (kept as the qualifier): 約, 年
# (per year), 年間, 毎年, 月, 週, 平均, 累計, 延べ, ５年間で, 令和8年度までに …
VALUE_PREFIX = (
    r"約|概ね|おおむね|最大|最低|毎年度?|年平均|年間|年度|年|月平均|月間|月|週|1日平均|日平均|平均|"
    r"累計|延べ|延|合計|計|第|"
    r"(?:\d+|一)?\s*(?:日|人|月|年|週|世帯|件|校)\s*(?:あたり|当たり|当り)|"
    r"\d+\s*(?:年間|か年|ヵ年|カ年|ケ年)(?:で|に|の)?|(?:令和|平成|R|H)?\s*\d+\s*年度?(?:まで|までに)"
)
VALUE_SUFFIX = r"以上|以下|未満|超|程度|以内|前後"
# (a sign before the figure: ▲ △ − a fall; ＋ a rise and ± no change printed with a sign, `＋1.0`, `±0人`)
VALUE = re.compile(
    rf"""^(?:(?P<sign>[-−▲△])|[+±])?\s*
        (?P<pre>(?:{VALUE_PREFIX})(?:\s*(?:{VALUE_PREFIX}))?)?\s*
        (?P<sign2>[-−▲△])?\s*
        (?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*
        (?P<unit>[^\d\s()（）]*?)\s*
        (?P<qual>{VALUE_SUFFIX})?\s*
        (?:を\s*(?P<aim>維持|達成|確保|継続))?\s*
        (?:[(（](?P<year>[^()（）]+)[)）])?$""",
    re.X,
)
# Units NFKC would spell out (㎡ → m2): kept as printed.
KEEP_UNITS = "㎡㎥㎞㎏㎝㎜㎖ℓ"
# A cell printing two figures (`小75.7%/中64.9%`): a slash between parts that both hold digits.
FIGURE_SPLIT = re.compile(r"\s*[/／]\s*")
# A short label before a figure (`小75.7%`: 小 for 小学校).
FIGURE_LABEL = re.compile(r"^(?P<label>[^\d\s()（）]{1,4}?)(?=\d)")
# A period printed for a year (`H29〜R2`, `2021-2024`): its end year is the value's year.
PERIOD_SEP = re.compile(r"[〜～~\-－―ー]")
YEAR_ONLY = re.compile(r"[(（]\s*([^()（）]*\d[^()（）]*)\s*[)）]\s*$")
# A target set as a sentence (NFKC text): `転入者数を、令和2年の1,050人から令和11年に1,200人に
# 増やします。`, `令和11年度に転入者数を1,200人にします。` (the year the value's, no column's)
_S_YEAR = r"(?:令和|平成|R|H)\s*(?:元|\d{1,2})\s*年度?|(?:19|20)\d{2}\s*年度?"
_S_VALUE = r"[^\s、。,]*?\d[^\s、。]*?"
_S_AIM = r"(?:まで)?に[、,]?\s*"
# A header cell's years and brackets: what is left names its column, with no figure
# (`基準値（R5）`, `令和5年度`, `R5実績`; `現状：１人（R5）` is a value with its label)
HEADER_YEARS = re.compile(
    r"[(（][^()（）]*[)）]|(?:令和|平成|[RH])\s*(?:元|\d{1,2})(?:\s*年度?)?|(?:19|20)\d{2}(?:\s*年度?)?"
)
# a state the sentence brings its indicator to (均衡, 維持, 増加): a kanji word and the verb
_S_WORD = r"[一-龥]{2}"
# the word that labels a bracketed baseline (現状値：, 基準：): a short word and a colon
_S_LABEL = r"[^\d()（）:：、。\s]{1,5}\s*[:：]\s*"
TARGET_SENTENCE = re.compile(
    # the baseline first, the indicator after it: `令和5年度に214人だった転入者数を、…`
    rf"^(?:(?P<by0>{_S_YEAR})に[、,]?\s*(?P<b0>{_S_VALUE})(?:だった|であった)\s*)?"
    rf"(?:(?P<ty0>{_S_YEAR}){_S_AIM})?(?P<i>[^、。]+?)を[、,]?\s*"
    rf"(?:(?P<by>{_S_YEAR})の(?P<b>{_S_VALUE})から[、,]?\s*)?"
    # a word the verb makes of the indicator right after the year (`…を、令和11年度までに
    # 均衡させます`: the state reached is the target, as `均衡（R11）` is in a cell), or a figure
    rf"(?:(?P<ty1>{_S_YEAR}){_S_AIM}(?P<tw>{_S_WORD})(?:させ|し)ます"
    rf"|(?:(?P<ty>{_S_YEAR}){_S_AIM})?(?P<t>{_S_VALUE})(?:に|へ|まで)[^、。()]*)"
    # the baseline bracketed after the verb: `…120人にします（2023年度 98人）。`, its word
    # first where the plan labels it (`（現状値：令和5年度 79億円）`)
    rf"(?:\(\s*(?:{_S_LABEL})?(?P<by2>{_S_YEAR})\s*[:：]?\s*(?P<b2>[^()]+?)\s*\))?。$"
)
# A target set as a sentence that names its aim (NFKC text): `令和11年度までに、指標12件を達成
# します（令和5年度 7件）。`, `…0人を維持します`, `…60%以上を目指します` — the indicator runs
# into its value; the baseline, if any, in brackets after the verb with its year
AIM_SENTENCE = re.compile(
    rf"^(?:(?P<ty>{_S_YEAR})(?:まで)?に?[、,]?\s*)?(?P<iv>[^、。]+?)を(?:達成|維持|目指)します"
    rf"(?:\s*\(\s*(?P<by>{_S_YEAR})\s*[:：]?\s*(?P<b>[^()]+?)\s*\))?。?$"
)
ERA_YEAR = re.compile(
    # (`令和5(2023)年度`, `2023(令和5)年度`: the other calendar's year glossed in brackets
    # before 年度 is the same year, kept in the label)
    r"(?P<era>令和|平成|昭和|R|H|S)\s*(?P<n>元|\d{1,2})\s*(?:\(\s*(?:19|20)\d{2}\s*\)\s*)?(?:年度?)?"
    # a figure with a unit (延べ1952日, 2010人) is no year
    r"|(?<![\d,])(?P<west>(?:19|20)\d{2})(?![\d,])"
    r"(?!\s*(?:日|人|件|回|円|%|％|時間|校|社|戸|台|名|組|泊|本|点|倍|か所|箇所|世帯|団体|施設))"
    r"\s*(?:\(\s*(?:令和|平成|R|H)\s*(?:元|\d{1,2})\s*\)\s*)?(?:年度?)?"
)
# A value whose year is printed before it with a colon (NFKC text: `R4:36.2%`, `令和5年度:62.4%`):
# the year, then the value as any cell prints it
LEAD_YEAR = re.compile(
    r"^(?P<year>(?:令和|平成|R|H)\s*(?:元|\d{1,2})\s*(?:年度?)?(?:\s*末)?|(?:19|20)\d{2}\s*年度?(?:\s*末)?)"
    r"\s*:\s*(?P<rest>\S.*)$"
)
# A cell of figures each led by its year (`R9:50 R11:70`, `R9：50／R11：70`): split before each
# year after the first (the cell NFKC'd, its spaces single)
DATED_FIGURES = re.compile(
    r"(?:\s+|\s*[/／、,]\s*)(?=(?:令和|平成|R|H)\s*(?:元|\d{1,2})\s*(?:年度?)?(?:\s*末)?\s*:"
    r"|(?:19|20)\d{2}\s*年度?(?:\s*末)?\s*:)"
)
# A year's end printed after it in a header (`現状値（R5年度末）`)
YEAR_END = re.compile(r"\s*末")
ERA_BASE = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}

# --- structure --------------------------------------------------------------------------------

# (`（再掲：柱１）`: where it was listed first, inside the bracket)
RELISTED = re.compile(
    r"\s*[※＊*]?\s*(?:[(（【]\s*再\s*掲(?:\s*[:：][^)）】]*)?\s*[)）】]|再\s*掲)\s*"
)
# `【再掲】…`, `（再掲）…` at a line's start: an item listed again, never a heading
RELISTED_FIRST = re.compile(r"^\s*[【\[［(（]\s*再\s*掲\s*[】\]］)）]")
DEPT_BRACKET = re.compile(r"\s*【([^【】]*)】\s*")
DEPT_SPLIT = re.compile(r"[・、,，/／]")
# `産業振興課農業委員会事務局`, `建設水道課総務企画課`: two sections' names run together (a cell's
# lines joined as wrapped text) — a 課 holds no 課 and no 事務局, so a name that goes on past its
# 課 to another such ending is two (`消防本部総務課`, `福祉課高齢者係` stay one)
JOINED_SECTIONS = re.compile(r"^(?P<first>.{2,}?課)(?P<second>.{2,}(?:課|事務局|委員会))$")
FLAG_MARK = re.compile(r"^[○◯●◎〇✓✔]$")
# Marks printed before or after an indicator: 【戦略KPI】, ★, （新）. Not 【再掲】 (RELISTED).
INDICATOR_FLAG = re.compile(
    r"^\s*(?:【(?P<tag>(?!再掲)[^【】\d]{1,12})】|(?P<mark>[★☆◎◆●])|[(（](?P<new>新規?|新)[)）])\s*"
)
INDICATOR_FLAG_AFTER = re.compile(
    r"\s*(?:【(?P<tag>(?!再掲)[^【】\d]{1,12})】|(?P<mark>[★☆]))(?=\s*(?:[※＊]\s*\d+|<sup>\d+</sup>)?\s*$)"
)


def split_flags(text: str) -> tuple[str, list[str]]:
    """`【戦略KPI】★転入者数` → (`転入者数`, [`戦略KPI`, `★`])."""
    flags: list[str] = []
    for pattern in (INDICATOR_FLAG, INDICATOR_FLAG_AFTER):
        while text and (m := pattern.search(text)):
            flags.append(m.group("tag") or m.group("mark") or m.groupdict().get("new") or "")
            text = text[: m.start()] + text[m.end() :]
    return text.strip(), [f for f in flags if f]


# A 方向 cell: which way the plan wants the figure to go.
TRENDS = (("higher", "↑↗⇧増上"), ("lower", "↓↘⇩減下"), ("none", "→⇒維持"))


def cell_to_trend(text: str) -> str:
    text = text.strip()
    for way, marks in TRENDS:
        if text and text[0] in marks:
            return way
    return ""


# a policy named by its number alone in a table's 施策 column: `2`, `施策2`, `（2）`
POLICY_NO_CELL = re.compile(
    rf"^(?:取組方針|施策)?\s*(?:({NUMBER_TOKEN})|[(（]({NUMBER_TOKEN})[)）])$"
)
TRAILING_MORE = re.compile(r"\s*(?:ほか|など|等)\s*$")
TRAILING_ETC = re.compile(r"(?<=.)等$")


# --- mentions ---------------------------------------------------------------------------------

# Patterns that run on the printed text (markup stripped), so that a mention keeps its spelling.
# A name in 「」, within one cell.
QUOTED_NAME = re.compile(r"「([^「」\t\n]{2,40})」")
# A plan, programme or scheme named in the text: a run of kanji, katakana, Latin letters and
# digits (so 第7次 and 第７期 belong to it) ending in one of these words. Hiragana, punctuation
# and brackets end the run: 第7期総合計画・行政評価 names 第7期総合計画, 本市の地方創生事業 names
# 地方創生事業.
_NAME_RUN = r"[\u3005\u30a1-\u30fa\u30fc\u4e00-\u9fffA-Za-zＡ-Ｚａ-ｚ0-9０-９+＋]"
NAMED_THING = re.compile(rf"{_NAME_RUN}{{2,}}(?:計画|事業|制度|戦略|ビジョン|構想)")

# A line that opens with a particle (`をつくる`, `の推進`): the rest of a phrase cut above it, no
# caption or word of its own however often it is printed.
PARTICLE_FIRST = re.compile(r"^[をがにへの]")

# What ends an overview cell's number: a bracket, a stop, a space — or nothing, the title run
# into it as pdftotext prints it (基本目標1既存産業…), when no particle makes it a sentence.
_NUMBER_END = r"(?:[】\]]\s*|[:.、]\s*|\s+|$|(?=[^\d０-９.．,，にのをはがでとへもや]))"


@lru_cache(maxsize=8)
def goal_heading(settings: ParseSettings) -> re.Pattern[str]:
    words = "|".join(map(re.escape, settings.goal_words))
    return re.compile(
        rf"^(?:\(\s*{NUMBER_TOKEN}\s*\)\s*|第\s*{NUMBER_TOKEN}\s*)?[【\[]?(?:{words})\s*"
        rf"(?P<no>{NUMBER_TOKEN})\s*{_NUMBER_END}(?P<title>.*)$"
    )


@lru_cache(maxsize=8)
def policy_heading(settings: ParseSettings) -> re.Pattern[str]:
    words = "|".join(map(re.escape, settings.policy_words))
    return re.compile(
        rf"^[【\[]?(?:{words})\s*(?P<no>{NUMBER_TOKEN})\s*{_NUMBER_END}(?P<title>.*)$"
    )


__all__ = ["BULLET", "MARKER", "SUP"]
