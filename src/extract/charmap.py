"""Code points that PDF fonts put where the print shows something else.

CJK fonts (Noto, Source Han) often map a glyph shared by an ideograph and a radical to the radical's
code point, so text extracted from such PDFs reads ⽬ for 目 and ⺠ for 民. The Kangxi radicals
(U+2F00–U+2FD5) have canonical equivalents that NFKC finds; the CJK Radicals Supplement
(U+2E80–U+2EFF) does not, and its pairs below are the Unicode Character Database's
Equivalent_Unified_Ideograph property (EquivalentUnifiedIdeograph.txt; U+2E80 and U+2E9A have none).

`fold_codepoints` applies both, and the few punctuation code points that PDF producers substitute
(∕ DIVISION SLASH for ／, − MINUS SIGN inside a number for -). It is lossless for text read from a
plain text file, where these code points do not occur.
"""

from __future__ import annotations

import re
import unicodedata

# radical + its equivalent unified ideograph, pairs separated by spaces
_SUPPLEMENT = (
    "⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 "
    "⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 ⺔彑 ⺕彐 ⺖忄 ⺗心 ⺘扌 "
    "⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 "
    "⺦丬 ⺧牛 ⺨犭 ⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 "
    "⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 ⺻聿 ⺼肉 ⺽𦥑 "
    "⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 "
    "⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏邑 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 "
    "⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 "
    "⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 "
    "⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟 "
)
RADICALS: dict[str, str] = {pair[0]: pair[1:] for pair in _SUPPLEMENT.split()}
RADICALS.update({chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)})
# Substitutes for what the print shows (the text rendering of the same plan has these).
PUNCTUATION = {"\u2215": "／", "\u2044": "／"}
_TABLE = str.maketrans({**RADICALS, **PUNCTUATION})
_MINUS_NUMBER = re.compile(r"\u2212(?=\d)")


def fold_codepoints(text: str) -> str:
    """Radicals → ideographs, ∕ → ／, − before a digit → -."""
    return _MINUS_NUMBER.sub("-", text.translate(_TABLE))
