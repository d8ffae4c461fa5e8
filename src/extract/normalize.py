"""Field-aware text normalization.

Published data wants one spelling per thing, but a blanket `jaconv.normalize` or NFKC is lossy
(it turns 〜 and － into ー or ~, and （） into ()). So each field type gets only the steps that are
safe for it, and the raw text is always kept beside the result by the caller:

- width: full-width ASCII letters/digits/space → half-width, half-width katakana → full-width
  (jaconv), compatibility letters and digits via NFKC one character at a time;
- brackets and tildes: one form for Japanese text (（） and ～);
- variant kanji (itaiji): a table from rules/itaiji.csv, since NFKC does not unify 舍/舎;
- layout spaces: removed between Japanese characters and between Japanese and Latin text, kept
  (collapsed) between Latin words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

import jaconv

from extract.charmap import fold_codepoints

# Categories NFKC may touch one char at a time: letters, digits, spaces. Punctuation and
# symbols (～ － 【 】 「 」 、 。 …) keep their printed width.
_NFKC_CATEGORIES = {"Lu", "Ll", "Lo", "Nd", "Zs"}
# Japanese text keeps full-width brackets and the wave dash (as ～); slash, percent, plus and
# ampersand take their ASCII form, as NFKC would give them.
_BRACKETS = str.maketrans(
    # ˜ (U+02DC) is how CID-font PDFs give back ~ and ～.
    {
        "(": "（",
        ")": "）",
        "~": "～",
        "〜": "～",
        "˜": "～",
        "／": "/",
        "％": "%",
        "＋": "+",
        "＆": "&",
    }
)
# Latin letters, digits and the punctuation that lives inside Latin words.
_LATIN = r"A-Za-z0-9.,&+'/:%#@\-"
_SPACE_RUN = re.compile(r"[ \t\u3000]+")
_KEEP_SPACE = re.compile(rf"(?<=[{_LATIN}]) (?=[{_LATIN}])")


@lru_cache(maxsize=4096)
def _width_char(ch: str) -> str:
    if "\uf900" <= ch <= "\ufaff":
        # CJK compatibility ideographs with a canonical twin (隆 → 隆); the dozen without one
        # (﨑 …) are left to rules/itaiji.csv.
        return unicodedata.normalize("NFC", ch)
    if unicodedata.category(ch) not in _NFKC_CATEGORIES:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    # Keep ideographs and kana as they are (NFKC only maps compatibility forms among them).
    return folded if folded.isascii() or unicodedata.category(ch) == "Zs" else ch


def fold_width(text: str) -> str:
    text = jaconv.h2z(fold_codepoints(text), kana=True, ascii=False, digit=False)
    return "".join(_width_char(ch) for ch in text)


def remove_layout_spaces(text: str) -> str:
    """Drop spaces except a single one between two Latin words or numbers."""
    text = _SPACE_RUN.sub(" ", text).strip()
    if " " not in text:
        return text
    kept = {m.start() for m in _KEEP_SPACE.finditer(text)}
    return "".join(ch for i, ch in enumerate(text) if ch != " " or i in kept)


class Normalizer:
    """Normalization per field type; the itaiji table comes from rules/ (loaded once)."""

    def __init__(self, itaiji: Mapping[str, str] | None = None) -> None:
        self._itaiji = str.maketrans(dict(itaiji or {}))

    def name(self, text: str) -> str:
        """Project names, titles, policy fields, indicators, example names."""
        text = fold_width(text).translate(_BRACKETS).translate(self._itaiji)
        return remove_layout_spaces(text)

    def prose(self, text: str) -> str:
        """Paragraphs: same as names but line breaks between paragraphs are kept."""
        return "\n".join(self.name(part) for part in text.split("\n"))

    def abbr(self, text: str) -> str:
        """Department abbreviations: no space is meaningful inside 【】."""
        return "".join(fold_width(text).translate(self._itaiji).split())
