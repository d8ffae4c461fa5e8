"""A list number as Word (numbering.xml `numFmt`) or a web page (`<ol type>`, CSS
`list-style-type`) prints it: `3` → `３`, `③`, `ウ`, `ハ`, `Ⅲ`/`III`, `c`, `三`, `丙` …"""

from __future__ import annotations

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_AIUEO = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
)
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA = (
    "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
)
_IROHA_HALF = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ"
_KANJI = "〇一二三四五六七八九"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def circled(n: int) -> str:
    """①–⑳, ㉑–㉟, ㊱–㊿; beyond them the digits."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def kanji(n: int) -> str:
    """一 … 十, 十一, 二十三, 百五 (the counting form)."""
    if n <= 0:
        return _KANJI[0] if n == 0 else str(n)
    out = ""
    for unit, word in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, unit)
        if digit:
            out += ("" if digit == 1 else _KANJI[digit]) + word
    return out + (_KANJI[n] if n else "")


def _letters(n: int, alphabet: str) -> str:
    """A, B … Z, AA, BB … (Word repeats the letter past the alphabet)."""
    if n <= 0:
        return str(n)
    count, index = divmod(n - 1, len(alphabet))
    return alphabet[index] * (count + 1)


def _cycle(n: int, series: str) -> str:
    return series[(n - 1) % len(series)] if n > 0 else str(n)


def list_number(n: int, fmt: str) -> str:
    """`n` printed in Word's number format `fmt` (unknown formats in Arabic digits)."""
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return circled(n)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "aiueoFullWidth":
        return _cycle(n, _AIUEO)
    if fmt == "aiueo":
        return _cycle(n, _AIUEO_HALF)
    if fmt == "irohaFullWidth":
        return _cycle(n, _IROHA)
    if fmt == "iroha":
        return _cycle(n, _IROHA_HALF)
    if fmt in (
        "japaneseCounting",
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
    ):
        return kanji(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_KANJI[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _cycle(n, _TRADITIONAL)
    if fmt == "ideographZodiac":
        return _cycle(n, _ZODIAC)
    if fmt == "none":
        return ""
    return str(n)


# CSS `list-style-type` and HTML `<ol type>` → Word's format names above.
CSS_FORMATS = {
    "1": "decimal",
    "decimal": "decimal",
    "decimal-leading-zero": "decimalZero",
    "a": "lowerLetter",
    "lower-alpha": "lowerLetter",
    "lower-latin": "lowerLetter",
    "A": "upperLetter",
    "upper-alpha": "upperLetter",
    "upper-latin": "upperLetter",
    "i": "lowerRoman",
    "lower-roman": "lowerRoman",
    "I": "upperRoman",
    "upper-roman": "upperRoman",
    "katakana": "aiueoFullWidth",
    "katakana-iroha": "irohaFullWidth",
    "cjk-ideographic": "japaneseCounting",
    "japanese-informal": "japaneseCounting",
    "cjk-decimal": "ideographDigital",
    "cjk-earthly-branch": "ideographZodiac",
    "cjk-heavenly-stem": "ideographTraditional",
    "none": "none",
}
