"""Numbering schemes: what a heading's leading token says about its place in the hierarchy.

Japanese plans number their levels with a family of schemes — `第1章`, `基本目標Ⅰ`, `【基本目標１】`,
`１．`, `１　`, `（１）`, `①`, `ア`, `Ⅰ`, `１－２` — and nest them in an order each plan chooses.
This module only reads the token: its scheme (a key that tells two schemes apart, e.g. `(1)` from
`1.`, arabic from roman, bracketed from plain), its number and the title after it. The outline
decides the levels from how the schemes nest.

Tokens are read on the printed text (NFKC would turn ① into 1 and Ⅱ into II, erasing the scheme).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DIGITS = "0-9０-９"
_KANJI = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN_CHARS = {
    "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10,
    "Ⅺ": 11, "Ⅻ": 12, "ⅰ": 1, "ⅱ": 2, "ⅲ": 3, "ⅳ": 4, "ⅴ": 5, "ⅵ": 6, "ⅶ": 7, "ⅷ": 8,
    "ⅸ": 9, "ⅹ": 10,
}  # fmt: skip
_ROMAN_LATIN = {"I": 1, "V": 5, "X": 10}
# Katakana as plans count with them: アイウエオ order, and the older イロハ order.
AIUEO = "アイウエオカキクケコサシスセソタチツテト"
IROHA = "イロハニホヘトチリヌルヲ"
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)} | {
    chr(0x3251 + i): 21 + i for i in range(15)
}
# ⑴ ⒈ style (parenthesized and full-stop digits as single characters)
_PAREN_CHARS = {chr(0x2474 + i): i + 1 for i in range(20)}
_STOP_CHARS = {chr(0x2488 + i): i + 1 for i in range(20)}

NUM = rf"[{DIGITS}]{{1,3}}|[一二三四五六七八九十]{{1,3}}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ]|[IVX]{{1,4}}(?![A-Za-z])"
_SEP = r"[\s　.．、,，:：・]*"
# `1-1-1`: two to four levels in one token (`施策1-1-1`, `1-2`)
# (`1-(2)`, `基本目標1-(2)`: the last level in brackets; `1-(1)-①`: circled)
PATH = rf"[{DIGITS}]{{1,2}}(?:\s*[-－‐―ー−]\s*(?:[{DIGITS}]{{1,2}}|[(（][{DIGITS}]{{1,2}}[)）]|[①-⑳])){{1,3}}"
# `施策Ⅰ-1`: a roman level, then an arabic one, after a word (`Ⅰ-(1)`: the arabic level in
# brackets, as `1-(1)` prints it)
_ARABIC_LEVEL = rf"(?:[{DIGITS}]{{1,2}}|[(（][{DIGITS}]{{1,2}}[)）])"
ROMAN_PATH = rf"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*[-－‐―ー−]\s*{_ARABIC_LEVEL}"
# `基本目標Ａ`, `施策Ａ－１`: a capital letter counts a worded level as a numeral does (A = 1),
# alone or as the first level of a path; only after a word, where no latin word can follow
LETTER = r"[A-ZＡ-Ｚ](?![A-Za-zＡ-Ｚａ-ｚ])"
LETTER_PATH = rf"[A-ZＡ-Ｚ]\s*[-－‐―ー−]\s*[{DIGITS}]{{1,2}}"
# `1.1　title`, `2.3.1　title`: a path whose levels a full stop sets apart (not `1.5倍`: a title
# of words after a space, or nothing, must follow)
DOTTED_PATH = rf"[{DIGITS}]{{1,2}}(?:[.．][{DIGITS}]{{1,2}}){{1,3}}"
# A label word no settings name (基本戦略, 政策, 柱, 重点プロジェクト): kanji or katakana before a
# number. Era names and figure captions count years and pictures, not a plan's levels.
# (`施策の柱１`, `まちづくりの目標１`: two words joined by の, the first may be in kana)
_LABEL = r"(?:[一-龥々ぁ-んァ-ヴー]{1,6}の)?[一-龥々ァ-ヴー]{1,8}?"
NOT_LABELS = (
    "令和",
    "平成",
    "昭和",
    "西暦",
    "図",
    "表",
    "写真",
    "資料",
    "注",
    "約",
    "計",
    "合計",
    "人口",
)
# A particle right after the number makes a sentence, not a heading: 基本目標1に関連する…
_PARTICLE = r"[にのをはがでとへもや][一-龥ァ-ヶ]"
# Counters and units a number runs into (1か所, 3件, 5年間): no heading's title starts so.
_COUNTERS = "件人回年月日時分円％%万億千百校社名歳戸台本冊個か箇カヵケ所ヶ倍位割点km㎡ha号条項"
# Words a title starts with whose first character is also a counter (基本目標1時代に合った…)
_COUNTER_WORDS = "時代|人口|人材|人生|人権|人々|本市|本町|本村|個性|日常|年齢|分野"
# `(ｱ)`, `ｲ　`: a half-width katakana number (and its brackets) reads as the full-width one
_HALF_KANA_NUMBER = re.compile(r"^[(（]?[ｱ-ﾄ](?=[)）\s　.．、])[)）]?")
_OPEN = re.escape("【[［〔〈<＜《")
_CLOSE = re.escape("】]］〕〉>＞》")
_PAIRS = dict(zip("【[［〔〈<＜《", "】]］〕〉>＞》", strict=True))


def _letter(token: str) -> int | None:
    """`Ａ`, `B` → 1, 2 (a capital letter's place in the alphabet)."""
    token = token.strip()
    if len(token) != 1 or not ("A" <= token <= "Z" or "Ａ" <= token <= "Ｚ"):
        return None  # (not Ⅰ, which NFKC would make I)
    return ord(unicodedata.normalize("NFKC", token)) - ord("A") + 1


def to_int(token: str) -> int | None:
    """`３`, `12`, `三`, `十二`, `Ⅳ`, `IV`, `④`, `ウ` → the number it counts."""
    token = token.strip()
    if not token:
        return None
    if token in _CIRCLED:
        return _CIRCLED[token]
    if token in _PAREN_CHARS:
        return _PAREN_CHARS[token]
    if token in _STOP_CHARS:
        return _STOP_CHARS[token]
    if token in _ROMAN_CHARS:
        return _ROMAN_CHARS[token]
    folded = unicodedata.normalize("NFKC", token)
    if folded.isdigit():
        return int(folded)
    if set(folded) <= set(_ROMAN_LATIN):
        total = 0
        for i, ch in enumerate(folded):
            value = _ROMAN_LATIN[ch]
            nxt = _ROMAN_LATIN[folded[i + 1]] if i + 1 < len(folded) else 0
            total += -value if nxt > value else value
        return total
    if set(token) <= set(_KANJI) | {"十"}:
        if "十" not in token:
            return int("".join(str(_KANJI[c]) for c in token))
        tens, _, ones = token.partition("十")
        return (_KANJI.get(tens, 1) if tens else 1) * 10 + (_KANJI.get(ones, 0) if ones else 0)
    if len(token) == 1 and token in AIUEO:
        return AIUEO.index(token) + 1
    return None


def _style(token: str) -> str:
    """arabic / kanji / roman: `基本目標1` and `基本目標Ⅰ` are two schemes."""
    folded = unicodedata.normalize("NFKC", token)
    if folded.isdigit():
        return "arabic"
    if token[0] in _ROMAN_CHARS or set(folded) <= set(_ROMAN_LATIN):
        return "roman"
    return "kanji"


@dataclass(frozen=True)
class Numbering:
    """A heading's leading token: `scheme` tells schemes apart, `word` is the word that
    prefixes the number (基本目標, 施策 …), `number` what it counts, `title` the rest."""

    scheme: str
    number: int
    title: str
    word: str = ""
    parent_number: int | None = None  # `１－２`: the 1
    # The number as printed, NFKC, without its word and brackets: `1-1-1`, `2`, `II`.
    token: str = ""


def _title(rest: str) -> str:
    return rest.lstrip(" 　\t:：.．、").rstrip(" 　\t")


def _path(token: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.split(r"\D+", unicodedata.normalize("NFKC", token)) if p)


def _token(token: str) -> str:
    # `1-(1)-①` is printed for 1-1-1: a path's brackets and circles only set its levels apart
    return re.sub(r"[\s()]+", "", unicodedata.normalize("NFKC", token).replace("－", "-"))


def _number(m: re.Match[str]) -> tuple[str, bool]:
    return (m.group("n"), False) if m.group("n") else (m.group("pn"), True)


def _worded(
    word: str, number: str, parenthesized: bool, title: str, bracketed: bool
) -> Numbering | None:
    """A word and its number: `基本戦略１`, `施策1-1-1`, `【基本目標１】`, `基本方針（１）`."""
    prefix = f"[{word}]" if bracketed else word
    prefix += "()" if parenthesized else ""
    if re.fullmatch(ROMAN_PATH, number):
        level = re.split(r"[-－‐―ー−]", number)[-1].strip(" ()（）")
        parent, n = to_int(number[0]), to_int(level)
        if parent is not None and n is not None:
            token = f"{parent}-{n}"
            return Numbering(f"{prefix}:R-n", n, _title(title), word, parent, token)
    if re.fullmatch(LETTER_PATH, number):
        parent, n = _letter(number[0]), to_int(re.split(r"[-－‐―ー−]", number)[-1].strip())
        if parent is not None and n is not None:
            return Numbering(f"{prefix}:L-n", n, _title(title), word, parent, f"{parent}-{n}")
    if re.fullmatch(PATH, number):
        path = _path(number)
        scheme = f"{prefix}:" + "-".join("n" for _ in path)
        return Numbering(scheme, path[-1], _title(title), word, path[-2], _token(number))
    n = to_int(number)
    if n is None and (n := _letter(number)) is not None:
        return Numbering(f"{prefix}:latin", n, _title(title), word, None, str(n))
    if n is None:
        return None
    return Numbering(f"{prefix}:{_style(number)}", n, _title(title), word, None, _token(number))


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def read_numbering(
    text: str, words: tuple[str, ...] = (), *, printed_heading: bool = False
) -> Numbering | None:
    """The numbering token at the start of a heading's text (markup already stripped).

    `words` are the words that may prefix a number (基本目標, 取組方針, 施策 …), longest first.
    A paren or plain number that is followed by a word-prefixed number (`(1) 基本目標1 …`) is
    read as the inner, more specific one.
    """
    text = _HALF_KANA_NUMBER.sub(
        lambda m: unicodedata.normalize("NFKC", m.group()), text.strip(" 　")
    )
    if not text:
        return None
    found = _read(text, words, printed_heading)
    if found is not None and not found.word:
        inner = _read(found.title, words, printed_heading)
        if inner is not None and inner.word:
            return inner
    return found


def _read(text: str, words: tuple[str, ...], printed_heading: bool = False) -> Numbering | None:
    if not text:
        return None
    # `基本方針（１）`: a word and its number in parentheses
    number = rf"(?:(?P<n>{PATH}|{ROMAN_PATH}|{LETTER_PATH}|{NUM}|{LETTER})|[(（]\s*(?P<pn>{NUM}|[{AIUEO}])\s*[)）])"
    for alternatives, generic in ((_alternatives(words), False), (_LABEL, True)):
        if not alternatives:
            continue
        # 【基本目標１】title, ［施策２］title, ＜基本戦略1＞title
        m = re.match(
            rf"^[{_OPEN}]\s*(?P<w>{alternatives})\s*{number}\s*[{_CLOSE}]\s*(?P<t>.*)$", text
        )
        if m and not (generic and m.group("w") in NOT_LABELS):
            if found := _worded(m.group("w"), *_number(m), m.group("t"), True):
                return found
        # 基本目標１　title, 基本目標１．title, 施策２：title, 取組方針3 title — not
        # 基本目標1に関連する… (a sentence), nor a decimal (施策1.5) or a figure (市内総生産3,128億円).
        # A word no setting names needs a space or a colon before its title, or no title.
        # (A line printed as a heading needs none: a PDF may drop the space, 基本方針1若い世代…)
        # Nor one whose number runs into a title of four characters or more that no counter
        # starts (重点戦略1次代を担う…: pdftotext and autospacing drop the space; not 市内1か所).
        strict = generic and not printed_heading
        after = (
            rf"(?:[\s　:：.．、]+|$|(?!(?!{_COUNTER_WORDS})[{_COUNTERS}]|{_PARTICLE})(?=\S{{4}}))"
            if strict
            else rf"(?:[\s　:：.．、]+|(?!{_PARTICLE}))"
        )
        m = re.match(
            rf"^(?P<w>{alternatives})\s*{number}(?![{DIGITS}－\-]|[.．,，][{DIGITS}]){after}(?P<t>[^{DIGITS}].*|)$",
            text,
        )
        letter_alone = m and generic and not m.group("t") and _letter(m.group("n") or "")
        if (
            m
            and not letter_alone
            and not (generic and (m.group("w") in NOT_LABELS or m.group("w").startswith("第")))
        ):
            joined = m.group("n") and text[m.end("n") : m.end("n") + 1] not in " 　:：.．、"
            if generic and joined and _style(m.group("n")) == "kanji":
                continue  # 事務事業一覧 is no 事務事業 number 一
            if found := _worded(m.group("w"), *_number(m), m.group("t"), False):
                return found
    # 第１の柱　title, 第２の基本目標：title: the word after the ordinal (a space before the title)
    m = re.match(
        rf"^第\s*(?P<n>{NUM})\s*の(?P<w>[一-龥々ァ-ヴー]{{1,8}})[\s　:：.．、]+(?P<t>\S.*)$", text
    )
    if m and m.group("w") not in NOT_LABELS:
        if found := _worded(m.group("w"), m.group("n"), False, m.group("t"), False):
            return found
    # 第１章, 第2節, 第３ title
    m = re.match(
        rf"^第\s*(?P<n>{NUM})\s*(?:(?P<u>章|節|部|編|項|款|条)(?!{_PARTICLE})|(?=[\s　.．、:：]|$))\s*(?P<t>.*)$",
        text,
    )
    if m and (n := to_int(m.group("n"))) is not None:
        return Numbering(f"第:{m.group('u') or ''}", n, _title(m.group("t")), token=str(n))
    # １－２ title, 1-1-1 title (levels in one token); `2-3-1` alone, its title on the next line
    m = re.match(rf"^(?P<n>{PATH})(?![{DIGITS}])(?:\s*(?P<t>\S.*))?$", text)
    if m:
        path = _path(m.group("n"))
        scheme = "-".join("n" for _ in path)
        title = _title(m.group("t") or "")
        return Numbering(scheme, path[-1], title, "", path[-2], _token(m.group("n")))
    # 1.1 title, 2.3.1 title: levels set apart by full stops, the title after a space (never
    # alone on its line, where `1.42` is a figure)
    m = re.match(rf"^(?P<n>{DOTTED_PATH})[\s　]+(?P<t>[^\s{DIGITS}{_COUNTERS}].*)$", text)
    if m:
        path = _path(m.group("n"))
        scheme = ".".join("n" for _ in path)
        token = "-".join(map(str, path))
        return Numbering(scheme, path[-1], _title(m.group("t")), "", path[-2], token)
    # Ⅰ－１ title: a roman level, then an arabic one (alone too, its title on the next line)
    m = re.match(
        rf"^(?P<r>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\s*[-－‐―ー−]\s*(?P<n>{_ARABIC_LEVEL})(?![{DIGITS}])"
        rf"(?:\s*(?P<t>\S.*))?$",
        text,
    )
    if m and (n := to_int(m.group("n").strip("()（）"))) is not None:
        parent = to_int(m.group("r"))
        token = f"{parent}-{n}"
        return Numbering("R-n", n, _title(m.group("t") or ""), "", parent, token)
    # Ａ－１ title: a letter level, then an arabic one (a title after a space: never alone,
    # where `A-1` may be a code)
    m = re.match(rf"^(?P<n>{LETTER_PATH})(?![{DIGITS}])[\s　]+(?P<t>[^\s{DIGITS}].*)$", text)
    if m and (parent := _letter(m.group("n")[0])) is not None:
        n = int(_path(m.group("n"))[-1])
        return Numbering("L-n", n, _title(m.group("t")), "", parent, f"{parent}-{n}")
    # （１）, (2), （ア）, ⑴
    m = re.match(rf"^[(（]\s*(?P<n>{NUM}|[{AIUEO}])\s*[)）]\s*(?P<t>.*)$", text)
    if m and (n := to_int(m.group("n"))) is not None:
        kind = "kana" if m.group("n") in AIUEO else _style(m.group("n"))
        # （ⅱ） counts like （２）: its number is 2, as Ⅰ－１ is 1-1, and （二） as 一　 does
        # (a kana is kept as printed)
        token = str(n) if kind in ("roman", "kanji") else _token(m.group("n"))
        return Numbering(f"(n):{kind}", n, _title(m.group("t")), token=token)
    # 〔１〕title, 《２》title, 【３】title: a number alone in a bracket pair other than round
    # ones, as a label box prints a goal's number with no word; each pair is its own scheme
    m = re.match(rf"^(?P<o>[{_OPEN}])\s*(?P<n>{NUM})\s*(?P<c>[{_CLOSE}])\s*(?P<t>\S.*)$", text)
    if m and _PAIRS.get(m.group("o")) == m.group("c") and (n := to_int(m.group("n"))) is not None:
        kind = _style(m.group("n"))
        scheme = f"{m.group('o')}n{m.group('c')}:{kind}"
        return Numbering(scheme, n, _title(m.group("t")), token=str(n))
    # １）title, 2) title, ア）title: a closing bracket only
    m = re.match(rf"^(?P<n>[{DIGITS}]{{1,2}}|[{AIUEO}])\s*[)）]\s*(?P<t>\S.*)$", text)
    if m and (n := to_int(m.group("n"))) is not None:
        kind = "kana" if m.group("n") in AIUEO else "arabic"
        return Numbering(f"n):{kind}", n, _title(m.group("t")), token=_token(m.group("n")))
    if text[0] in _PAREN_CHARS:
        n = _PAREN_CHARS[text[0]]
        return Numbering("(n):arabic", n, _title(text[1:]), token=str(n))
    # ①
    if text[0] in _CIRCLED:
        n = _CIRCLED[text[0]]
        return Numbering("circled", n, _title(text[1:]), token=str(n))
    if text[0] in _STOP_CHARS:
        n = _STOP_CHARS[text[0]]
        return Numbering("n.:arabic", n, _title(text[1:]), token=str(n))
    # Ⅰ title, Ⅱ．title
    m = re.match(r"^(?P<n>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[IVX]{1,4}(?=[\s　.．、]))[\s　.．、]*(?P<t>\S.*)$", text)
    if m and (n := to_int(m.group("n"))) is not None:
        return Numbering("roman", n, _title(m.group("t")), token=_token(m.group("n")))
    # A. title, Ｂ．title, ａ．title: letters counting A = 1 (the title in Japanese: not `A.I.`);
    # small letters are a scheme of their own, as a plan may set them under capitals
    m = re.match(r"^(?P<n>[A-Za-zＡ-Ｚａ-ｚ])\s*[.．][\s　]*(?P<t>[^\x00-\x7f\s　].*)$", text)
    if m:
        letter = unicodedata.normalize("NFKC", m.group("n"))
        n = ord(letter.upper()) - ord("A") + 1
        scheme = "n.:latin" if letter.isupper() else "n.:latin-small"
        return Numbering(scheme, n, _title(m.group("t")), token=letter)
    # １．title, 2. title, 一、title (not a decimal: 1.5倍)
    m = re.match(
        rf"^(?P<n>[{DIGITS}]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[.．、](?![{DIGITS}])\s*(?P<t>\S.*)$",
        text,
    )
    if m and (n := to_int(m.group("n"))) is not None:
        return Numbering(f"n.:{_style(m.group('n'))}", n, _title(m.group("t")), token=str(n))
    # １　title, 2 title (a number, a space, then words: not `2 件`)
    m = re.match(rf"^(?P<n>[{DIGITS}]{{1,2}})[\s　]+(?P<t>[^\s{DIGITS}].*)$", text)
    if m and (n := to_int(m.group("n"))) is not None and len(_title(m.group("t"))) >= 2:
        return Numbering("n_", n, _title(m.group("t")), token=str(n))
    # 一　title, 二 title (kanji numerals, then a space)
    m = re.match(rf"^(?P<n>[一二三四五六七八九十]{{1,3}})[\s　]+(?P<t>[^\s{DIGITS}].*)$", text)
    if m and (n := to_int(m.group("n"))) is not None and len(_title(m.group("t"))) >= 2:
        return Numbering("n_:kanji", n, _title(m.group("t")), token=str(n))
    # ア　title, イ．title
    m = re.match(rf"^(?P<n>[{AIUEO}])[\s　.．、]+(?P<t>\S.*)$", text)
    if m and (n := to_int(m.group("n"))) is not None:
        return Numbering("kana", n, _title(m.group("t")), token=m.group("n"))
    return None
