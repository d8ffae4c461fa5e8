"""The bottom layer: how a Document line encodes its parts, and pure text helpers.

Every ingest path (text, PDF, OCR) writes lines in one encoding that the parser reads:

- table cells are separated by a tab (`Line.cells` holds them);
- a footnote marker is `<sup>n</sup>` (a raised small digit in a PDF; `※n` and `*n` are printed
  forms the parser also accepts), and a footnote line starts with one;
- a bullet starts with ・ (or ●◆◇▪, optionally after a markdown list mark).

The helpers below (kana folding, trailing bracket groups, number formatting) are shared by stages
that must not import each other. This module imports nothing of the package.
"""

from __future__ import annotations

import re
import unicodedata

import jaconv
from rapidfuzz.distance import Levenshtein

# --- the line encoding ------------------------------------------------------------------------

CELL_SEPARATOR = "\t"
SUP = re.compile(r"\s*<sup>\s*(\d+)\s*</sup>\s*", re.I)
# A footnote marker at the end of a cell: <sup>9</sup>, ※9 or *9 (not ※再掲).
MARKER = re.compile(r"\s*(?:<sup>\s*(\d+)\s*</sup>|※\s*(\d+)|[*＊]\s*(\d+)|注\s*(\d+))\s*$", re.I)
BULLET = re.compile(r"^\s*(?:[-*+]\s*)?[・･●◆◇▪]\s*")


def sup(number: str | int) -> str:
    """The encoding of a footnote marker."""
    return f"<sup>{number}</sup>"


def starts_with_sup(text: str) -> bool:
    return text.startswith("<sup>")


def join_cells(cells: list[str] | tuple[str, ...]) -> str:
    return CELL_SEPARATOR.join(cells)


# A Latin word at the end that is a word of Latin text (after a space or at the start).
_LATIN_WORD_END = re.compile(r"(?:^|[\s(（])[A-Za-z0-9][A-Za-z0-9.,'-]*$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
# A unit cut after its first letters: 229,382k + W, 12.5k + m²
_UNIT_CUT_END = re.compile(r"\d[A-Za-z]{1,2}$")
_UNIT_CUT_START = re.compile(r"^[A-Za-z]{1,2}(?![A-Za-z])")


def join_wrapped(parts: list[str] | tuple[str, ...]) -> str:
    """Wrapped pieces of one cell or paragraph: no space is invented between Japanese text."""
    out = ""
    for part in parts:
        part = part.strip()
        # 227,50 + 0百万円, 21, + 000件: a number cut by the wrap
        number_cut = (out[-1:].isdigit() or out[-2:-1].isdigit() and out[-1:] in ",.，．") and part[
            :1
        ].isdigit()
        number_cut = number_cut or bool(_UNIT_CUT_END.search(out) and _UNIT_CUT_START.match(part))
        if (
            out
            and part
            and not number_cut
            and _LATIN_WORD_END.search(out)
            and _LATIN_START.match(part)
        ):
            out += " "  # "… in Aizu" + "City …": two words; "都市O" + "S・…" is one word cut
        out += part
    return out


# --- bracket groups ---------------------------------------------------------------------------

OPEN, CLOSE = "(（", ")）"


def split_top_level(text: str, sep: str = "、") -> list[str]:
    """Split at `sep` outside parentheses: `A（x、y）、B` → [`A（x、y）`, `B`]."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def split_trailing_group(text: str) -> tuple[str, str] | None:
    """Split `title(inner)` at its last top-level parenthesis group, if the text ends with one."""
    if not text or text[-1] not in CLOSE:
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSE:
            depth += 1
        elif text[i] in OPEN:
            depth -= 1
            if depth == 0:
                return text[:i].strip(), text[i + 1 : -1].strip()
    return None


def base_name(name: str) -> str:
    """`工業団地整備事業（工業団地整備事業特別会計）` → `工業団地整備事業`."""
    group = split_trailing_group(name)
    return group[0] if group else name


# --- kana folding -----------------------------------------------------------------------------

_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_DROP = {"\u3099", "\u309a", "ー", "・", "/", " ", "、", ",", "-", "－", "‐"}


def kana_fold(text: str) -> str:
    """A matching key: katakana → hiragana, voicing marks, small kana and ー dropped, Latin lowered."""
    text = jaconv.kata2hira(text).translate(_SMALL).lower()
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in _DROP)
    )


def is_wide(text: str) -> bool:
    """Whether the text's first character is East Asian wide (an em wide in print, two columns
    on a monospace display)."""
    return unicodedata.east_asian_width(text[:1]) in ("W", "F")


def ems(text: str) -> float:
    """How wide a text prints, in ems: a wide character one, a narrow one half."""
    return sum(1.0 if is_wide(c) else 0.5 for c in text)


def is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def kana_only(a: str, b: str) -> bool:
    """Whether every edit between two folded keys touches kana only (kanji never differ)."""
    for op in Levenshtein.editops(a, b):
        chars = ([a[op.src_pos]] if op.tag != "insert" else []) + (
            [b[op.dest_pos]] if op.tag != "delete" else []
        )
        if not all(is_kana(c) for c in chars):
            return False
    return True


def looks_alike(a: str, b: str, max_distance: int = 1) -> bool:
    """Two spellings of one thing: kana-folded keys at most `max_distance` kana apart."""
    fa, fb = kana_fold(a), kana_fold(b)
    return Levenshtein.distance(fa, fb) <= max_distance and kana_only(fa, fb)


# --- numbers ----------------------------------------------------------------------------------


def format_number(value: float | None) -> str:
    """Deterministic CSV form: integers without `.0`, others as Python's shortest repr."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


# --- spreadsheet formulas ---------------------------------------------------------------------
# Excel reads a cell starting with these as a formula, the full-width forms included. CSV files
# people open in Excel (the --excel export, the rules files the review writes) guard them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def guard_formula(text: str) -> str:
    """`text` as Excel keeps it text: a ' before what would start a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unguard_formula(text: str) -> str:
    """The value `guard_formula` guarded, for a file plan-extract both writes and reads."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text
