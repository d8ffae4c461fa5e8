"""Heading numbers as OCR reads them, given back from the series the plan prints.

Before the parse, in the lines read by OCR (`ocrfix.document_to_repairs` calls
`repair_heading_numbers` with the lines it has repaired so far): a heading's number is what the
outline is read by, and Tesseract loses or misreads it in a few set ways — the space after it
dropped (分野別目標一地域の…, 第1節農林業の振興, 第1の柱しごとを…), a serif roman numeral read as
皿, 葉, 工 or ! (基本方針皿), a kanji numeral as ーー or 二ニ, the dash of a path number as ー or 一
(施策1ー1), the brackets of ＜重点プロジェクト１＞ as ぐ…シン, those of 〔１〕 as [1」, a `1.` read as
`<sup>1</sup>.`. Each repair is trusted only where the plan prints the heading's form as a series
(two or more lines opening so, their numbers in order), never for one line alone: a word that
happens to end in 一 is left as it is.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from extract.models import Document
from extract.ocrwords import coverage

Repaired = dict[int, tuple[str, ...]]


def one_cell(cells: tuple[str, ...]) -> bool:
    """A line of one filled cell: where a heading or a caption stands (a table's row has more)."""
    return sum(1 for c in cells if c.strip()) == 1


def lone_heads(
    repaired: dict[int, tuple[str, ...]], pattern: re.Pattern[str]
) -> list[tuple[int, re.Match[str]]]:
    """The lines of one filled cell, in document order, that open as `pattern` says."""
    return [
        (k, m)
        for k, cells in sorted(repaired.items())
        if one_cell(cells) and (m := pattern.match(cells[0]))
    ]


def _title_heads(
    repaired: dict[int, tuple[str, ...]], pattern: re.Pattern[str]
) -> list[tuple[int, re.Match[str]]]:
    """The heading lines `lone_heads` finds that are short (40 characters at most) and no
    sentence."""
    return [(k, m) for k, m in lone_heads(repaired, pattern) if _short_title(repaired[k][0])]


def _short_title(text: str) -> bool:
    """A heading's length (40 characters at most) and no sentence."""
    return len(text) <= 40 and not text.rstrip().endswith("。")


# Marks and numbering a heading may open with before its label word: ■, 【, (1), ・
LEAD = re.compile(r"^(?:[\s　#■□◆◇●○◎▼▲・\-【［\[〈<＜]|[(（][0-9０-９]{1,2}[)）]|<b>)*")


_KANJI_NUMERAL = "一二三四五六七八九十"
# A word and its number opening a heading, the title run on (分野別目標一地域の…, 施策項目(ア)担い手…)
_WORD_NUMBER = re.compile(
    rf"^([\s　#■【]*)([^\s\d{_KANJI_NUMERAL}()（）]{{2,8}}?[一-龥])"
    rf"([{_KANJI_NUMERAL}]{{1,2}}|[(（][ア-ンア-ン0-9０-９{_KANJI_NUMERAL}][)）]"
    # (重点戦略2かしわぎ町…: a number before kana reads as a count without its space)
    # (not a count, nor a particle: 基本目標1に関連する…)
    r"|[0-9０-９]{1,2}(?![件人回年月日時分円万億千百校社名歳戸台本冊個箇ヶ倍位割点期次代号]"
    r"|[にのをはがとでへやも]|か[所月国ら]))"
    r"(?=[一-龥々ぁ-んァ-ヶ「『])"
)
# 第1節農林業の振興: a section's number and its title (a kanji or katakana next: not 第1章では…),
# a speck read between them as a dot (第2節・若い世代の…: a photocopy)
_SECTION_NUMBER = re.compile(
    r"^([\s　#■]*第[0-9０-９一二三四五六七八九十]{1,3}[編章節款項])(?:[・.,'\"]\s?)?(?=[一-龥々ァ-ヶ])"
)


def _space_heading_numbers(
    doc: Document, repaired: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """The space Tesseract drops after a heading's number: after 第1節 (第1節農林業の振興), and
    after a word's number where the plan opens lines with that word numbered twice or more
    (分野別目標一地域の…, 分野別目標二…; 施策項目(ア)担い手…, 施策項目(イ)…): a numbered series of
    headings, not a word that happens to end in 一."""
    numbered: dict[str, set[str]] = {}
    for _k, m in lone_heads(repaired, _WORD_NUMBER):
        numbered.setdefault(m.group(2), set()).add(m.group(3))
    series = {w for w, ns in numbered.items() if len(ns) >= 2}
    out: dict[int, tuple[str, ...]] = {}
    for k, cells in repaired.items():
        if not one_cell(cells):
            continue
        text = cells[0]
        m = _WORD_NUMBER.match(text)
        at = m.end() if m and m.group(2) in series else None
        cut = at
        if at is None and (s := _SECTION_NUMBER.match(text)):
            at, cut = s.end(1), s.end()
        if at is not None:
            out[k] = (text[:at] + " " + text[cut:], *cells[1:])
    return out


# What Tesseract reads a serif roman numeral after a label word as (基本方針皿 for 基本方針Ⅲ,
# 基本方針葉 for Ⅱ, 基本方針! for Ⅰ); longest first. Only trusted as a counted series (below).
_ROMAN_READS: dict[str, frozenset[int]] = {
    # (上 is the top bar of a serif Ⅱ or Ⅲ read apart: 上Il, 上I)
    **dict.fromkeys(
        ("III", "lll", "Ill", "111", "Ⅲ", "皿", "山", "上III", "上Ill", "上lll"),
        frozenset({3}),
    ),
    # (a photocopy's Ⅱ read as 川, its serifs a third stroke: 政策目標1 … 川 … 川)
    "川": frozenset({2, 3}),
    **dict.fromkeys(
        ("II", "ll", "Il", "lI", "11", "Ⅱ", "葉", "工", "工工", "|!", "||", "!|", "!!"),
        frozenset({2}),
    ),
    **dict.fromkeys(("上Il", "上II", "上lI", "上ll", "上I", "上l", "上!", "上|"), frozenset({2})),
    **dict.fromkeys(("IV", "lV", "MV", "Ⅳ"), frozenset({4})),
    # (a Ⅱ with one stroke lost reads as I too)
    # (and a serif Ⅰ read twice, エエ, as a Ⅱ is)
    **dict.fromkeys(("I", "l", "|", "1!", "1|", "エエ"), frozenset({1, 2})),
    **dict.fromkeys(("Ⅰ", "!", "1", "]"), frozenset({1})),
}
_ROMAN_LONGEST_FIRST = sorted(_ROMAN_READS, key=len, reverse=True)
_ROMAN_ONLY = "葉工皿川山エⅡⅢⅣI!|"  # (a read holding one of these is no arabic 1)
_ROMAN_OUT = "ⅠⅡⅢⅣ"
_KANJI_RUN = re.compile(r"[一-龥]{2,6}")


def _roman_by_order(
    repaired: dict[int, tuple[str, ...]], read_as: dict[int, str] | None = None
) -> dict[int, tuple[str, ...]]:
    """Roman numbers read as other characters, after a label word (基本方針!, 基本方針葉,
    基本方針皿) or opening the line (Iしごとを…, Iひとが…, 皿安心して…): where every heading line
    of the word (or of none) reads as Ⅰ, Ⅱ, Ⅲ … in order (counting again from Ⅰ for an overview
    before the headings; I may be a Ⅱ that lost a stroke) and one of them only as a roman
    numeral can, they are that series — three at least where no word stands before them."""
    found: dict[str, list[tuple[int, frozenset[int], int]]] = {}  # word → (line, numbers, end)
    read_as = read_as or {}  # each line's first cell as OCR read it
    digits: set[int] = set()  # lines whose numeral was read as an arabic digit
    for k, cells in sorted(repaired.items()):
        if not one_cell(cells):
            continue
        lead = LEAD.match(cells[0])
        start = lead.end() if lead else 0
        m = _KANJI_RUN.match(cells[0], start)
        # no word (皿安心して…: the read is a kanji itself), or one ending anywhere in the run
        ends = [start, *range(start + 2, m.end() + 1)] if m else [start]
        raw = read_as.get(k, "")
        for end in ends:
            rest = cells[0][end:]
            if raw[:end] == cells[0][:end] and raw[end : end + 1] in ("|", "l", "I"):
                # the plan's style made a | after the word 1 or Ⅰ (基本目標| → 基本目標1 ):
                # read as OCR read it, a Ⅱ that lost a stroke as likely
                rest = raw[end:]
            read = next((r for r in _ROMAN_LONGEST_FIRST if rest.startswith(r)), None)
            after = rest[len(read) : len(read) + 1] if read else ""
            if not read or not after or after.isdigit() or after.isascii():
                continue
            if end == start and (
                read.isdigit()
                or not re.match(r"[一-龥ぁ-ん]", after)
                or after in "をにがはのへとでや"
                or len(cells[0]) > 40
                or cells[0].rstrip().endswith("。")
            ):
                # no word: a short title right after, kanji or hiragana (not Iターン, 1日, nor a
                # sentence or a particle after a photocopy's speck: |商工会と連携して…。)
                continue
            found.setdefault(cells[0][start:end], []).append(
                (k, _ROMAN_READS[read], end + len(read))
            )
            if read.isdigit():
                digits.add(k)
    out: dict[int, tuple[str, ...]] = {}
    for word, seen in found.items():
        if word and _arabic_series(repaired, word):
            # the word also heads an arabic series (基本目標1 … 基本目標5, the master plan's goals
            # listed before this plan's 基本目標Ⅰ …): a 1 read there is that series' own
            seen = [item for item in seen if item[0] not in digits]
        numbers, expected = [], 1
        for _k, options, _end in seen:
            n = (
                expected
                if expected in options
                # one heading between read past recognition (基本目標芽 for Ⅱ)
                else expected + 1
                if numbers and expected + 1 in options
                else 1
                if 1 in options
                else None
            )
            if n is None:
                break
            numbers.append(n)
            expected = n + 1
        roman_only = any(
            any(ch in _ROMAN_ONLY for ch in repaired[k][0][max(0, end - 2) : end])
            for k, _, end in seen
        )
        if len(numbers) < len(seen) or not roman_only:
            continue
        if word:
            # (the lines between and around read past recognition: 政策目標! … 政策目標芽若い…
            # 政策目標四住み…, one read as only a numeral can be)
            seen, numbers = _fill_gaps(repaired, word, seen, numbers)
            seen, numbers = _extend_ends(repaired, word, seen, numbers)
        if len(seen) < (2 if word else 3) or max(numbers) < 2:
            continue
        for (k, _, end), n in zip(seen, numbers, strict=True):
            text = repaired[k][0]
            lead = LEAD.match(text)
            at = (lead.end() if lead else 0) + len(word)
            head = text[:at]
            if lead and not lead.group(0).strip(" 　・･"):
                head = head[lead.end() :]  # a speck read as a bullet before the heading
            out[k] = (head + _ROMAN_OUT[n - 1] + " " + text[end:].lstrip(), *repaired[k][1:])
    return out


def _fill_gaps(
    repaired: dict[int, tuple[str, ...]],
    word: str,
    seen: list[tuple[int, frozenset[int], int]],
    numbers: list[int],
) -> tuple[list[tuple[int, frozenset[int], int]], list[int]]:
    """A number missing from a counted series (Ⅰ, Ⅲ, Ⅳ) is the first line between its
    neighbours that opens with the word, one character read past recognition and a title
    (基本目標芽新しいひとの流れをつくる for 基本目標Ⅱ)."""
    items = list(zip(seen, numbers, strict=True))
    for (a, n), (b, m) in zip(items, items[1:], strict=False):
        if m != n + 2:
            continue
        for k in range(a[0] + 1, b[0]):
            if (at := _word_at(repaired.get(k), word)) is None:
                continue
            text, start = at
            rest = text[start + 1 :]
            if (
                4 <= len(rest) <= 40
                and not rest.endswith("。")
                and re.match(r"[一-龥ぁ-んァ-ヶ「『]", rest)
            ):
                items.append(((k, frozenset({n + 1}), start + 1), n + 1))
                break
    items.sort(key=lambda item: item[0][0])
    return [item for item, _ in items], [n for _, n in items]


def _read_past(cells: tuple[str, ...] | None, word: str) -> int | None:
    """Where the title begins on a line of one cell that opens with `word`, one character read
    past recognition (no kana, no digit, in no dictionary word with the title: 芽若い…, not
    達成のために) and a short title."""
    if (at := _word_at(cells, word)) is None:
        return None
    text, start = at
    rest = text[start + 1 :]
    if (
        not text[start : start + 1]
        or not re.match(r"[^\sぁ-んァ-ヶ0-9０-９・、。（(「]", text[start])
        or not (4 <= len(rest) <= 40)
        or rest.endswith("。")
        or not re.match(r"[一-龥ぁ-んァ-ヶ「『]", rest)
        or coverage(text[start : start + 8])[0] > 0
    ):
        return None
    return start + 1


def _extend_ends(
    repaired: Repaired,
    word: str,
    seen: list[tuple[int, frozenset[int], int]],
    numbers: list[int],
) -> tuple[list[tuple[int, frozenset[int], int]], list[int]]:
    """A counted series whose first numbers or last ones were read past recognition: the lines
    before its first that open so (as many as the numbers missing there, no more) and those
    after its last (up to Ⅳ) are the series' numbers in order."""
    taken = {k for k, _o, _e in seen}
    lines = [
        (k, end)
        for k in sorted(repaired)
        if k not in taken and (end := _read_past(repaired.get(k), word)) is not None
    ]
    items = list(zip(seen, numbers, strict=True))
    before = [(k, end) for k, end in lines if k < seen[0][0]]
    if before and len(before) == numbers[0] - 1:
        items += [((k, frozenset({n}), end), n) for n, (k, end) in enumerate(before, start=1)]
    n = numbers[-1]
    for k, end in (item for item in lines if item[0] > seen[-1][0]):
        if n >= len(_ROMAN_OUT):
            break
        n += 1
        items.append(((k, frozenset({n}), end), n))
    items.sort(key=lambda item: item[0][0])
    return [item for item, _ in items], [n for _, n in items]


def _word_at(cells: tuple[str, ...] | None, word: str) -> tuple[str, int] | None:
    """A line of one cell that opens with `word` (after marks and specks): its text and where
    the word ends."""
    if not cells or not one_cell(cells):
        return None
    text = cells[0]
    lead = LEAD.match(text)
    start = (lead.end() if lead else 0) + len(word)
    return (text, start) if text[start - len(word) : start] == word else None


def _arabic_series(repaired: dict[int, tuple[str, ...]], word: str) -> bool:
    """Whether lines of their own open with `word` followed by 2 and by 3 (an arabic series)."""
    seen = {
        text[len(word)]
        for cells in repaired.values()
        if one_cell(cells)
        and (text := cells[0].lstrip(" 　")).startswith(word)
        and len(text) > len(word)
    }
    return {"2", "3"} <= seen


# A label word and its arabic number (政策分野2ひとの…): the word, the number
_LABEL_DIGIT = re.compile(r"([一-龥]{2,6})([0-9０-９])(?![0-9０-９])")
# What OCR makes of a label's 1 and the space after it: specks, a stroke read as エ or l (a kana
# read from a speck is not told from the title's first)
_ONE_LOST = re.compile(r"[†‡*!|:;'\"`.,_\-~ユエ工Il1１\s　]{1,3}(?=[一-龥ぁ-んァ-ヶ「])")


def _first_arabic(repaired: Repaired) -> Repaired:
    """A labelled series printed 1, 2 … whose 1 OCR read past recognition (政策分野†エしごと…
    before 政策分野2, 政策分野3; 基本目標エしごと… before 基本目標2): the nearest line before the 2
    that opens with the word, a few specks or strokes and a title is the 1 (the title as read
    after them)."""
    heads: dict[str, dict[int, int]] = {}  # word → number → line
    for k, m in _title_heads(repaired, LEAD):
        text = repaired[k][0]
        d = _LABEL_DIGIT.match(text, m.end())
        if d:
            n = int(unicodedata.normalize("NFKC", d.group(2)))
            heads.setdefault(d.group(1), {}).setdefault(n, k)
    out: Repaired = {}
    for word, numbers in heads.items():
        if 1 in numbers or 2 not in numbers:
            continue
        for k in range(numbers[2] - 1, -1, -1):
            if (at := _word_at(repaired.get(k), word)) is None:
                continue
            text, start = at
            lost = _ONE_LOST.match(text, start)
            title = text[lost.end() :] if lost else ""
            if lost and 4 <= len(title) <= 40 and not title.endswith("。"):
                out[k] = (f"{text[:start]}1　{title}", *repaired[k][1:])
            break
    return out


# A heading's kanji numeral as serif type reads (一 as ーー, 二 as 二ニ), the space after it lost
_KANJI_HEAD = re.compile(
    r"^([\s　#■]*)(?:[・.,:;'\"`{}|]\s*)?(ーー?|一ー?|二ニ?|[三四五六七八九])[\s　]*(?=[一-龥ぁ-んァ-ヶ])"
)  # (a photocopy's speck before the numeral: ・二ひとが集い…)
_KANJI_READS = {"ー": 1, "ーー": 1, "一": 1, "一ー": 1, "二": 2, "二ニ": 2}

# 第1 with no unit opening a heading, its space lost (第1地域の稼ぐ力…): not a count (第2期, 第3次)
_ORDINAL_HEAD = re.compile(
    r"^([\s　#■]*第)([0-9０-９]{1,2})(?:\s?[.．・,]\s?)?(?=[一-龥ぁ-んァ-ヶ])"
    r"(?![期次回位号条項部章節編款年代世の])"  # (a speck after the number too: 第1 .地域の…)
)


def _ordinal_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings numbered 第1, 第2, 第3 with no word after the number, read without the space
    after it: lines of one cell that open so with the numbers in order from 1, two or more,
    get the space back."""
    heads = [
        (k, int(unicodedata.normalize("NFKC", m.group(2))), m)
        for k, m in lone_heads(repaired, _ORDINAL_HEAD)
    ]
    numbers = [n for _, n, _ in heads]
    if len(heads) < 2 or numbers != list(range(1, len(heads) + 1)):
        return {}
    return {
        k: (m.group(1) + m.group(2) + "　" + repaired[k][0][m.end() :], *repaired[k][1:])
        for k, _, m in heads
    }


# A heading's arabic number read as a raised note number (<sup>1</sup>子育て支援の充実) and its
# siblings' numbers as printed (2関係人口の創出…): short, no sentence
_SUP_HEAD = re.compile(
    r"^([\s　]*)<sup>([1-9])</sup>(?=[\u3041-\u30ff\u4e00-\u9fff])([^。<]{2,30})$"
)
_DIGIT_HEAD = re.compile(
    r"^[\s　]*([1-9１-９])[\s　]*(?=[\u3041-\u30ff\u4e00-\u9fff])([^。<]{2,30})$"
)


def _sup_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """A heading numbered 1, 2, 3 whose number OCR took for a raised note number: a short line
    of one cell that opens with it, where another such line opens with the number before or after
    it as printed, gets its number back (a note's text is a sentence)."""
    printed = {
        int(unicodedata.normalize("NFKC", m.group(1))) for _, m in lone_heads(repaired, _DIGIT_HEAD)
    }
    return {
        k: (m.group(1) + m.group(2) + "　" + m.group(3), *repaired[k][1:])
        for k, m in lone_heads(repaired, _SUP_HEAD)
        if {int(m.group(2)) - 1, int(m.group(2)) + 1} & printed
    }


# 第1の柱しごとを… : an ordinal, の and a word, its title run into it (the space lost)
_ORDINAL_WORD_HEAD = re.compile(r"^([\s　#■]*第)([0-9０-９]{1,2})の(?=[一-龥ァ-ヶ])")


def _ordinal_word_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings numbered 第1の柱, 第2の柱 … read without the space before the title: lines of
    one cell that open so with the numbers in order from 1, two or more, get the space back
    after the word they all print (the longest the lines share after の)."""
    heads = [
        (k, int(unicodedata.normalize("NFKC", m.group(2))), m)
        for k, m in lone_heads(repaired, _ORDINAL_WORD_HEAD)
    ]
    if len(heads) < 2 or [n for _, n, _ in heads] != list(range(1, len(heads) + 1)):
        return {}
    rests = [repaired[k][0][m.end() :] for k, _, m in heads]
    word = os.path.commonprefix(rests)
    if not 1 <= len(word) <= 6 or any(r == word or r[len(word)] in " 　" for r in rests):
        return {}  # (read with the space already, or no title after the word)
    return {
        k: (repaired[k][0][: m.end()] + word + "　" + rest[len(word) :], *repaired[k][1:])
        for (k, _, m), rest in zip(heads, rests, strict=True)
    }


# 1-1地域産業の… and 1一1地域産業の…: a two-level number, its hyphen read as 一 or ー, the space
# after it lost
_PATH_HEAD = re.compile(
    r"^([\s　]*)(?:[:;.,・]\s*)?([0-9０-９]{1,2}(?: ?[-－ー一―‐−] ?[0-9０-９]{1,2}){1,2})"
    r"(?:\s?[・.,:;'\"`_]\s?)?(?=[一-龥ぁ-んァ-ヶ「])"
)  # (1-1・水産業…: a photocopy's speck after the number read as a mark)
_PATH_DASH = re.compile(r" ?[-－ー一―‐−] ?")


def _path_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings numbered 1-1, 1-2, 2-1 … (or 1-1-1) read with the space after the number lost,
    the hyphen read as a kanji or a long vowel mark, or a speck before or after them (: 1-1-1担い手…,
    1-1・水産業…):
    short lines of one cell that open so, two or more, get `1-1　` back."""
    heads = _title_heads(repaired, _PATH_HEAD)
    if len(heads) < 2:
        return {}
    return {
        k: (
            f"{m.group(1)}{_PATH_DASH.sub('-', m.group(2))}　{repaired[k][0][m.end() :]}",
            *repaired[k][1:],
        )
        for k, m in heads
    }


# 1.1　地場産業の… as OCR reads it: the space after the number lost (1.1地場産業の…); the
# period may be read as a comma, a colon or a middle dot (3:1結婚・…)
_DOTTED_PATH_HEAD = re.compile(
    r"^([\s　]*)([0-9]{1,2})((?:[.．,:・][0-9]{1,2}){1,2})(?=[一-龥ぁ-んァ-ヶ「])"
)


def _dotted_path_numbered(repaired: Repaired) -> Repaired:
    """Headings numbered 1.1, 1.2, 2.1 … read with the space after the number lost: short lines
    of one cell that open so, two or more, get `1.1　` back (a table of contents' entry read so,
    `41.2観光による…・` with the page number of the entry above before it, stays an entry)."""
    heads = _title_heads(repaired, _DOTTED_PATH_HEAD)
    if len(heads) < 2:
        return {}
    return {
        k: (
            f"{m.group(1)}{m.group(2)}{re.sub(r'[.．,:・]', '.', m.group(3))}　"
            f"{repaired[k][0][m.end() :]}",
            *repaired[k][1:],
        )
        for k, m in heads
    }


# A path number alone on its line as OCR reads it: its first figure raised (<sup>3</sup>-5-1: a
# note's marker is never followed by a dash and a figure), specks around it (_1-1-1:, ・1-2-1)
_PATH_ALONE = re.compile(
    r"^([\s　]*)(?:<sup>([0-9]{1,2})</sup>|[_{}|・.,:;'\"`§]{0,2}\s?(?=[0-9]))"
    r"((?:[0-9]{1,2})?(?: ?[-－ー一―‐−] ?[0-9０-９]{1,2}){1,2})"
    r"\s?[_{}|・.,:;：'\"`]{0,2}$"
)
_PATH_ONLY = re.compile(r"^[\s　]*[0-9０-９]{1,2}(?: ?[-－ー一―‐−] ?[0-9０-９]{1,2}){1,2}$")


def _path_alone(repaired: Repaired) -> Repaired:
    """A path number alone on its line read with its first figure raised (`<sup>3</sup>-5-1`)
    or specks around it (`_1-1-1:`), where two lines or more of one cell print path numbers
    alone as such: the number as printed (its title is the next line's)."""
    if len(lone_heads(repaired, _PATH_ONLY)) < 2:
        return {}
    out: Repaired = {}
    for k, m in lone_heads(repaired, _PATH_ALONE):
        number = (m.group(2) or "") + m.group(3)
        if not number[:1].isdigit() or number == repaired[k][0].strip():
            continue  # (read as printed; or a dash before no figure)
        out[k] = (m.group(1) + _PATH_DASH.sub("-", number), *repaired[k][1:])
    return out


# 施策１－１ 農業の… as OCR reads it: the dash a long vowel mark or a kanji, doubled (1ー-2), or
# with a speck read as katakana before it (3ヌー1), the 1 before it as ユ or エ (ユー1), the space
# after the number lost
_LABEL_PATH_HEAD = re.compile(
    r"^([\s　]*[一-龥]{2,6})([0-9]{1,2}|[ユエ工Il|])\s?[ァ-ヶ]?[-－ー一―‐−]{1,2}\s?([0-9]{1,2})\s*"
    r"(?=[一-龥ぁ-んァ-ヶ「])"
)
_ONE_READ = str.maketrans("ユエ工Il|", "111111")  # (施策ユー1: the 1 read as ユ)


def _label_path_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings numbered 施策１－１, 施策１－２ … with the dash misread (1ー1, 1ー-2, 2一1, 3ヌー1)
    and the space after the number lost: short lines of one cell that open so with one label
    word, two or more, get `施策1-1　` back."""
    heads = _title_heads(repaired, _LABEL_PATH_HEAD)
    labels = Counter(m.group(1).strip(" 　") for _k, m in heads)
    return {
        k: (
            f"{m.group(1)}{m.group(2).translate(_ONE_READ)}-{m.group(3)}　"
            f"{repaired[k][0][m.end() :]}",
            *repaired[k][1:],
        )
        for k, m in heads
        if labels[m.group(1).strip(" 　")] >= 2
    }


# Ⅰ－１ 地元企業の… as OCR reads it: the roman part a look-alike or junk (|一1, 1一2, |リー1,
# 山一2, or lost: 一1), the dash a kanji or a long vowel mark, the space after the number lost
# (a photocopy's speck after the number: §山一1・子育て…)
_ROMAN_PATH_HEAD = re.compile(
    r"^[\s　]*(?P<r>[^\s\dぁ-ん。、]{1,3}?|[0-9]|)\s?[-－ー一―‐−]{1,2}\s?(?P<n>[0-9]{1,2})[・.]?\s*"
    r"(?=[一-龥ぁ-んァ-ヶ「][一-龥ぁ-んァ-ヶー・])"
)


def _restarts(heads: list[tuple[int, re.Match[str]]]) -> list[int]:
    """Each path heading's first number, counted from where its second numbers (group `n`) start
    again at 1 (1-1, 1-2, 2-1 …); empty where they skip or go back (no such series)."""
    firsts, first, last = [], 0, 0
    for _k, m in heads:
        n = int(m.group("n"))
        if n == 1:
            first += 1
        elif n != last + 1:
            return []
        firsts.append(first)
        last = n
    return firsts


def _roman_path_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings numbered Ⅰ－１, Ⅰ－２, Ⅱ－１ … read past recognition in their roman part: the
    arabic numbers of such lines (short, of one cell, three or more) run 1, 2 … and start again at
    1, each start the next roman number; where a read of the roman part that can be read agrees
    with its place, every line gets `Ⅱ－１　` back."""
    heads = _title_heads(repaired, _ROMAN_PATH_HEAD)
    if len(heads) < 3:
        return {}
    romans = _restarts(heads)
    if not romans or romans[-1] < 2 or romans[-1] > len(_ROMAN_OUT):
        return {}
    agree = [_ROMAN_READS.get(m.group("r")) for _k, m in heads]
    if any(o is not None and r not in o for o, r in zip(agree, romans, strict=True)):
        return {}  # a read roman number out of its place: not such a series
    if not any(o is not None and r >= 2 for o, r in zip(agree, romans, strict=True)):
        # (every roman part read past recognition, エー1, ロー1, 四一1: the goal headings
        # Ⅱ and Ⅲ standing right where the second numbers start again say the series)
        goals = {
            k: _ROMAN_OUT.index(t[0]) + 1
            for k, cells in repaired.items()
            if one_cell(cells) and (t := cells[0].lstrip(" 　")) and t[0] in _ROMAN_OUT
        }
        for i in range(1, len(heads)):
            if romans[i] != romans[i - 1] and romans[i] not in {
                n for g, n in goals.items() if heads[i - 1][0] < g < heads[i][0]
            }:
                return {}
    return {
        k: (f"{_ROMAN_OUT[r - 1]}－{m.group('n')}　{repaired[k][0][m.end() :]}", *repaired[k][1:])
        for (k, m), r in zip(heads, romans, strict=True)
    }


# 施策Ⅰ-1 as OCR reads it after its label word: the goal's number a look-alike or read past
# recognition (施策T-1, 施策本-1, 施策芽-2, 施策相-1), the space after the number lost
_LABEL_ROMAN_PATH_HEAD = re.compile(
    r"^(?P<w>[\s　\-・.,'\"]*[一-龥]{2,6}?)(?P<r>[^\s\dぁ-ん。、・-]{1,2}|[0-9]{1,2})\s?[-－ー一―‐−]{1,2}\s?"
    r"(?P<n>[0-9]{1,2})\s*(?=[一-龥ぁ-んァ-ヶ「][一-龥ぁ-んァ-ヶー・])"
)


_SPECKS = " 　-・.,'\""  # (a speck a photocopy printed before a heading)


def _one_word(heads: list[tuple[int, re.Match[str]]]) -> list[tuple[int, re.Match[str]]]:
    """The heads of the label word most of them print (specks stripped), where it heads three
    lines or more; none otherwise."""
    words = Counter(m.group("w").strip(_SPECKS) for _k, m in heads)
    if not words:
        return []
    word, count = words.most_common(1)[0]
    if count < 3:
        return []
    return [(k, m) for k, m in heads if m.group("w").strip(_SPECKS) == word]


def _label_roman_path(repaired: Repaired) -> Repaired:
    """Headings numbered 施策Ⅰ-1, 施策Ⅰ-2, 施策Ⅱ-1 … whose goal part OCR read as other
    characters: the lines of one label word (three or more) whose second numbers run 1, 2 … and
    start again at 1 number their goals 1, 2 … by those starts, where every goal part read as a
    number agrees with its place and one at least was (施策1-2 among 施策T-1, 施策本-1 …)."""
    heads = _one_word(_title_heads(repaired, _LABEL_ROMAN_PATH_HEAD))
    if not heads:
        return {}
    goals = _restarts(heads)
    # (a 1 may be a Ⅱ that lost a stroke, read l and made 1 after the label word)
    reads = [
        {1, 2} if (r := m.group("r")) == "1" else {int(r)} if r.isdigit() else _ROMAN_READS.get(r)
        for _k, m in heads
    ]
    if not goals or goals[-1] < 2 or goals[-1] > len(_ROMAN_OUT):
        return {}
    if any(o is not None and g not in o for o, g in zip(reads, goals, strict=True)):
        return {}  # a goal part read as a number out of its place: no such series
    if not any(o is not None for o in reads) or all(o is not None for o in reads):
        return {}  # (every part read: the other repairs' business)
    roman = any(m.group("r") in _ROMAN_READS and not m.group("r").isdigit() for _k, m in heads)
    out: Repaired = {}
    for (k, m), g in zip(heads, goals, strict=True):
        number = _ROMAN_OUT[g - 1] if roman else str(g)
        text = repaired[k][0]
        label = m.group("w").lstrip(_SPECKS)
        out[k] = (f"{label}{number}-{m.group('n')}　{text[m.end() :]}", *repaired[k][1:])
    return out


# 施策Ａ－１ as OCR reads it after its label word: the letter read as a latin one or as other
# characters (施策ハー1), a speck read as a kana before or after it (施策じC一2, 施策Aムー1),
# the dash a long vowel mark or a kanji (施策C一2) or lost after a letter (施策C1), the space
# after the number lost
_LABEL_LETTER_PATH_HEAD = re.compile(
    r"^(?P<w>[\s　\-・.,'\"]*[一-龥]{2,6}?)(?:[ぁ-んァ-ヶ'\"・.,](?=[A-ZＡ-Ｚ]))?"
    r"(?P<r>[A-ZＡ-Ｚ]|[^\s\dぁ-ん。、・\-A-Za-z]{1,2}?)"
    r"\s?[ァ-ヶ]?\s?(?P<d>[-－ー一―‐−]{1,2})?\s?(?P<n>[0-9０-９]{1,2})\s*"
    r"(?=[一-龥ぁ-んァ-ヶ「][一-龥ぁ-んァ-ヶー・])"
)


def _letter_place(read: str) -> int | None:
    """`A`, `Ｂ` → 1, 2; None for what is no capital letter."""
    wide = unicodedata.normalize("NFKC", read)
    return ord(wide) - ord("A") + 1 if len(wide) == 1 and "A" <= wide <= "Z" else None


def _label_letter_path(repaired: Repaired) -> Repaired:
    """Headings numbered 施策Ａ－１, 施策Ａ－２, 施策Ｂ－１ … read with the letter a look-alike,
    a speck after it, the dash misread or lost: the lines of one label word (three or more) whose
    second numbers run 1, 2 … and start again at 1 number their letters A, B … by those starts,
    where every part read as a letter agrees with its place and half of them at least were
    (a lost dash only after a letter read: 施策C1 among 施策A-1 …). The plan's letter levels
    are what the parser reads (`施策A-1　…`)."""
    heads = _title_heads(repaired, _LABEL_LETTER_PATH_HEAD)
    heads = _one_word([(k, m) for k, m in heads if m.group("d") or _letter_place(m.group("r"))])
    if not heads:
        return {}
    places = _restarts(heads)
    reads = [_letter_place(m.group("r")) for _k, m in heads]
    if not places or places[-1] < 2 or 2 * sum(r is not None for r in reads) < len(reads):
        return {}
    if any(r is not None and r != p for r, p in zip(reads, places, strict=True)):
        return {}  # a letter read out of its place: no such series
    out: Repaired = {}
    for (k, m), p in zip(heads, places, strict=True):
        text = repaired[k][0]
        label = m.group("w").lstrip(_SPECKS)
        n = int(m.group("n"))
        new = f"{label}{chr(ord('A') + p - 1)}-{n}　{text[m.end() :]}"
        if new != text:
            out[k] = (new, *repaired[k][1:])
    return out


# ＜重点プロジェクト１＞ as serif type reads its brackets: ぐ or < for ＜; シン, ン>, ン or > for ＞
# (no Japanese word begins with ン)
_ANGLE_HEAD = re.compile(
    r"^([\s　#■]*)[ぐく<＜〈]?\s*([^\s\d<>＜＞〈〉]{2,10}?)([0-9０-９]{1,2})\s*"
    r"(シン|ン\s?[>＞〉]|ン|[>＞〉])\s*(?=\S)"
)


def _angle_headings(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings printed in angle brackets (＜重点プロジェクト１＞　清流と森が…) with their brackets
    misread (ぐ重点プロジェクト1シン清流…, <重点プロジェクト2ン>…): where two lines or more of one
    label word open so, numbered differently, the brackets are put back."""
    found: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for k, m in lone_heads(repaired, _ANGLE_HEAD):
        found.setdefault(m.group(2), []).append((k, m))
    out: dict[int, tuple[str, ...]] = {}
    for label, seen in found.items():
        if len({m.group(3) for _, m in seen}) < 2:
            continue
        for k, m in seen:
            rest = repaired[k][0][m.end() :]
            out[k] = (f"{m.group(1)}＜{label}{m.group(3)}＞　{rest}", *repaired[k][1:])
    return out


# （ⅰ） read as ASCII (i): the small roman numerals a plan's lowest headings may count with
_SMALL_ROMAN_HEAD = re.compile(
    r"^([\s　]*)([(（]?)(iii|ii|iv|vi|v|i)\s?[)）]\s*(?=[一-龥ぁ-んァ-ヶ])"
)
_SMALL_ROMAN = {"i": "ⅰ", "ii": "ⅱ", "iii": "ⅲ", "iv": "ⅳ", "v": "ⅴ", "vi": "ⅵ"}


def _small_roman(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Headings or items numbered （ⅰ）（ⅱ） or ⅰ) ⅱ) read as (i), (ii) or i ), ii): where lines
    of one cell open with both in one form, they are the small roman numerals again."""
    heads = lone_heads(repaired, _SMALL_ROMAN_HEAD)
    out: Repaired = {}
    for bracket in ("", "("):
        form = [(k, m) for k, m in heads if bool(m.group(2)) == bool(bracket)]
        if not {"i", "ii"} <= {m.group(3) for _, m in form}:
            continue
        for k, m in form:
            number = _SMALL_ROMAN[m.group(3)]
            head = f"（{number}）" if bracket else f"{number})　"
            out[k] = (m.group(1) + head + repaired[k][0][m.end() :], *repaired[k][1:])
    return out


# A label word and its bracketed katakana number (施策項目(ア)担い手…), ア read as 7 in serif type
_KANA_HEAD = re.compile(r"^([\s　#■]*(?:[一-龥]{2,6})?)[(（]\s*([ア-ン]|7|了)\s*[)）]?\s*")
_KANA_SERIES = "アイウエオカキクケコサシスセソ"


def _kana_in_series(repaired: Repaired) -> Repaired:
    """A label word's katakana number read as 7 or 了 (施策項目(7)担い手… for (ア); (了)結婚… with no
    word): where two lines or more of one cell open with that word (or none) and a bracketed
    katakana of the series ア, イ, ウ …, its 7 or 了 is the ア (its look-alike) that opens a
    group."""
    heads = lone_heads(repaired, _KANA_HEAD)
    kana: dict[str, int] = {}
    for _k, m in heads:
        if m.group(2) in _KANA_SERIES:
            kana[m.group(1).strip(" 　")] = kana.get(m.group(1).strip(" 　"), 0) + 1
    return {
        k: (m.group(1) + "(ア)" + repaired[k][0][m.end() :], *repaired[k][1:])
        for k, m in heads
        # (了 too, with no word: (了)結婚・出産の支援 beside (イ)子育て…; a 7 alone may be a (7))
        if (m.group(2) == "了" or m.group(2) == "7" and m.group(1).strip(" 　#■"))
        and kana.get(m.group(1).strip(" 　"), 0) >= 2
    }


# A bracketed number opening a heading: closed ((2)関係人口の…), or its closing bracket lost
_PAREN_HEAD = re.compile(
    r"^([\s　#■]*)([(（])([0-9０-９]{1,2})([)）]?)\s*(?=[一-龥々ぁ-んァ-ヶ「])"
)


def _paren_closed(repaired: Repaired) -> Repaired:
    """A heading's bracketed number whose closing bracket was lost ((2関係人口の… for (2)):
    where two lines or more of one cell open with a closed bracketed number, and the unclosed
    one's number stands between theirs or next to one, it gets the bracket back."""
    heads = lone_heads(repaired, _PAREN_HEAD)
    closed = {int(unicodedata.normalize("NFKC", m.group(3))) for _k, m in heads if m.group(4)}
    if len(closed) < 2:
        return {}
    close = {"(": ")", "（": "）"}
    return {
        k: (
            m.group(1) + m.group(2) + m.group(3) + close[m.group(2)] + repaired[k][0][m.end() :],
            *repaired[k][1:],
        )
        for k, m in heads
        if not m.group(4)
        and {int(unicodedata.normalize("NFKC", m.group(3))) + d for d in (-1, 1)} & closed
    }


# A number in a box pair of brackets opening a heading (〔１〕地域の…), as OCR reads each bracket:
# 〔 as [ ( 「, 〕 as ] 」 ) — each read as the kind of pair it is, or looks like
_BOX_HEAD = re.compile(
    r"^([\s　]*)([\[［〔【(（「])\s*([0-9０-９]{1,2})\s*([\]］〕】)）」])\s*(?=[一-龥々ぁ-んァ-ヶ「])"
)
_BOX_KIND = {
    **dict.fromkeys("[［]］", "[]"),
    **dict.fromkeys("〔〕」「", "〔〕"),  # (」 and 「: the corner of a tortoise shell)
    **dict.fromkeys("【】", "【】"),
    **dict.fromkeys("(（)）", "()"),
}


def _box_numbered(doc: Document, repaired: Repaired) -> Repaired:
    """Headings numbered in a box pair (〔１〕, 【２】) whose two brackets OCR read as two kinds
    ([1〕地域の…, [2」町の…, (1〕地域の…): where two lines or more of one cell open, as read,
    with a bracketed number not in round brackets alone, each number once or counted again from 1
    in order, one read with a mismatched pair, each mismatched pair becomes the box kind their brackets are read as most
    (never round: a policy's (1) is a scheme of its own); a pair read whole is left as read.
    As read, not as repaired so far: (1〕 is taken for a misread (1) line by line."""
    heads = []
    for k, cells in sorted(repaired.items()):
        read = [c for c in doc.lines[k].cells if c.strip()]
        if one_cell(cells) and len(read) == 1 and (m := _BOX_HEAD.match(read[0])):
            if {_BOX_KIND[m.group(2)], _BOX_KIND[m.group(4)]} != {"()"}:
                heads.append((k, m))
    numbers = [int(unicodedata.normalize("NFKC", m.group(3))) for _, m in heads]
    mixed = [(k, m) for k, m in heads if _BOX_KIND[m.group(2)] != _BOX_KIND[m.group(4)]]
    # (or numbered again from 1 under each goal, in order: 【1】【2】 【1】【2】【3】 …)
    again = all(b in (1, a + 1) for a, b in zip(numbers, numbers[1:], strict=False))
    if not mixed or len(numbers) < 2 or (len(set(numbers)) < len(numbers) and not again):
        return {}
    votes = Counter(
        _BOX_KIND[c] for _, m in heads for c in (m.group(2), m.group(4)) if _BOX_KIND[c] != "()"
    )
    kind = votes.most_common(1)[0][0]
    out: Repaired = {}
    for k, m in mixed:
        now = _BOX_HEAD.match(repaired[k][0]) or _ROUND_HEAD.match(repaired[k][0])
        if now is not None:
            head = m.group(1) + kind[0] + m.group(3) + kind[1]
            out[k] = (head + repaired[k][0][now.end() :], *repaired[k][1:])
    return out


# (the same heading after a line's repairs gave it round brackets: (1)地域の…)
_ROUND_HEAD = re.compile(r"^[\s　]*[(（]\s*[0-9０-９]{1,2}\s*[)）]\s*(?=[一-龥々ぁ-んァ-ヶ「])")


# A label word and its number in brackets or none, opening a heading (《基本目標2》ひばり野で…):
# its digit and its closing bracket as OCR may read them twice (基本目標22, 《基本目標1》〉)
_LABEL_TWICE_HEAD = re.compile(
    r"^([\s　]*[《〈<＜【〔［\[]?)([一-龥]{2,6})([0-9０-９]{1,2})([》〉>＞】〕］\]]?)([》〉>＞】〕］\]]?)"
    r"(?=[一-龥々ぁ-んァ-ヶ「])"
)


def _label_read_twice(repaired: Repaired) -> Repaired:
    """A label's number or its closing bracket read twice (《基本目標22》 between 《基本目標1》
    and 《基本目標3》, 《基本目標1》〉にぎわい…): where two lines or more of one cell open with
    the word, numbered by one digit each otherwise, a number of one digit twice that the others
    leave out and stand next to is that digit; a closing bracket twice where the others close
    once is one."""
    found: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for k, m in lone_heads(repaired, _LABEL_TWICE_HEAD):
        found.setdefault(m.group(2), []).append((k, m))
    out: Repaired = {}
    for seen in found.values():
        if len(seen) < 2:
            continue
        for k, m in seen:
            others = [m2 for k2, m2 in seen if k2 != k]
            numbers = {int(unicodedata.normalize("NFKC", o.group(3))) for o in others}
            number = unicodedata.normalize("NFKC", m.group(3))
            if (
                len(number) == 2
                and number[0] == number[1]
                and max(numbers) < 10
                and int(number[0]) not in numbers
                and {int(number[0]) - 1, int(number[0]) + 1} & numbers
            ):
                number = number[0]
            closer = m.group(4)
            if not (m.group(5) and any(o.group(4) and not o.group(5) for o in others)):
                closer += m.group(5)
            head = m.group(1) + m.group(2) + number + closer
            if head != m.group(0):
                out[k] = (head + repaired[k][0][m.end() :], *repaired[k][1:])
    return out


# A photocopy's speck read before a heading ({ <基本目標2>…, ・1)子育て支援), and a heading's
# numbered form: its brackets, label word and number
# (2第3若い…; 「(イ)農業の…: a dot read as a bracket)
# (a letter before a dot too: B・施策1中小企業の…)
_SPECK_LEAD = re.compile(
    r"^(?:[{}|・.,:;'\"`§「」『~\-\s]|[il!\[](?=\s)|[0-9](?=\s?第)|[A-Za-z](?=[・.,:;]))+"
)  # (a square bracket with a space after it: [ (2)空き家…)
_NUMBERED_FORM = re.compile(
    r"^(?P<pre>[<＜〈【(（]?)(?P<word>[一-龥ァ-ヶ]{0,8}?(?:[(（](?=[ア-ン][)）]))?)"
    r"(?:[0-9０-９]{1,2}(?P<path>(?:\s?[-－ー‐]\s?(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}|[①-⑳]))+)?"
    r"|(?<=[(（])[ア-ン]|(?P<circled>[①-⑳]))(?P<post>[>＞〉】)）.．])?"
    r"(?=(?:\s?[.．・,])?\s*[一-龥ぁ-んァ-ヶ「])"  # (a speck after the number: 第1 .地域の…)
)


def _speck_before_heads(repaired: Repaired) -> Repaired:
    """A speck read before a heading (a photocopy's toner dot as {, ・ or |): where two lines or
    more of one cell open with the same numbered form and no speck (<基本目標1>, <基本目標3>;
    1), 2); ①, ②), the line that opens with a speck and then that form loses the speck."""

    def form(text: str) -> tuple[str, str, str] | None:
        m = _NUMBERED_FORM.match(text)
        kind = "①" if m and m.group("circled") else "1-1" if m and m.group("path") else ""
        if not m or not (m.group("pre") or m.group("word") or m.group("post") or kind):
            return None  # (a bare figure opens a bullet's text as well: ・1日あたり…)
        return (m.group("pre"), m.group("word"), m.group("post") or kind)

    forms: dict[tuple[str, str, str], int] = {}
    for cells in repaired.values():
        if one_cell(cells) and not _SPECK_LEAD.match(cells[0]) and (f := form(cells[0])):
            forms[f] = forms.get(f, 0) + 1
    out: Repaired = {}
    for k, cells in repaired.items():
        m = _SPECK_LEAD.match(cells[0]) if one_cell(cells) else None
        rest = cells[0][m.end() :] if m else ""
        if m and m.group(0).strip() and (f := form(rest)) and forms.get(f, 0) >= 2:
            out[k] = (rest, *cells[1:])
    return out


# Headings numbered 1. 2. 3., and what a photocopy reads the first one's `1.` as (エ, 工, I, |, +.)
_DOTTED_HEAD = re.compile(r"^([\s　#■]*)([0-9０-９]{1,2})[.．]\s*(?=[一-龥ぁ-んァ-ヶ「])")
_FIRST_READ = re.compile(
    r"^([\s　]*)(?:[エ工IlL|!\]+十](?:\s?[.．,])?|1\s?,|1\s?[ユエ工](?=\s?[一-龥々]))\s*"
    r"(?=[一-龥々ァ-ヶ「])"
)  # (1 ユ村の…: its point read as a stroke)


def _dotted_first(repaired: Repaired) -> Repaired:
    """A series numbered 1. 2. 3. whose `1.` was read as another mark (エ地域産業の振興と… before
    2.農林水産業の…): the nearest line of one cell before a `2.` with no `1.` between, that opens
    with such a mark and a title (4 to 40 characters, no sentence), is the series' 1. again."""
    heads = lone_heads(repaired, _DOTTED_HEAD)
    out: Repaired = {}
    for at, m in heads:
        if int(unicodedata.normalize("NFKC", m.group(2))) != 2:
            continue
        before = [k for k, _ in heads if k < at]
        since = before[-1] if before else -1
        for k in sorted((k for k in repaired if since < k < at), reverse=True):
            cells = repaired[k]
            if not one_cell(cells):
                continue
            first = _FIRST_READ.match(cells[0])
            rest = cells[0][first.end() :] if first else ""
            if first and 4 <= len(rest) <= 40 and not rest.rstrip().endswith("。"):
                digit = "１" if m.group(2) == "２" else "1"
                out[k] = (first.group(1) + digit + "." + rest, *cells[1:])
                break
    return out


# A digit and a space before a line of prose: a speck read as a number
_DIGIT_BEFORE_PROSE = re.compile(r"^([\s　]*)[0-9](?:\s+)(?=\S)")
_PROSE_LENGTH = 36  # characters: longer than a heading's title, as long as a printed line


def _number_before_prose(repaired: Repaired) -> Repaired:
    """A speck read as a digit before a line of prose (2 首都園からの移住相談は増えていますが、…):
    a title is shorter and no sentence, so a line of one cell that runs on that long after a
    bare digit, with a comma or a stop in it, is the prose without the digit."""
    out: Repaired = {}
    for k, cells in repaired.items():
        m = _DIGIT_BEFORE_PROSE.match(cells[0]) if one_cell(cells) else None
        rest = cells[0][m.end() :] if m else ""
        if (
            m
            and len(rest) >= _PROSE_LENGTH
            and ("、" in rest or "。" in rest)
            and "   " not in rest
        ):
            out[k] = (m.group(1) + rest, *cells[1:])
    return out


# A numbered title as a 体系 table's cell or a heading prints it (イ・地域交通の…, (2)関係人口…)
NUMBERED_TITLE = re.compile(
    r"^[\s　]*(?P<n>[ア-ン](?=[\s　・.．]*[一-龥])|[0-9０-９]{1,2}[.．)）]|[(（][0-9０-９ア-ン]{1,2}[)）]"
    r"|[①-⑳])[\s　・.．]*(?P<title>[一-龥々ぁ-んァ-ヶ「][^。]{3,39})$"
)


def _numbered_titles(repaired: Repaired) -> tuple[dict[str, set[str]], set[str]]:
    """The titles the plan prints after a number (in any cell), each with its numbers; and
    those a line of one cell prints so (a heading's)."""
    numbered: dict[str, set[str]] = {}
    headed: set[str] = set()
    for cells in repaired.values():
        for c in cells:
            if m := NUMBERED_TITLE.match(c):
                title = m.group("title").strip()
                numbered.setdefault(title, set()).add(m.group("n"))
                if one_cell(cells):
                    headed.add(title)
    return numbered, headed


def _title_numbered_elsewhere(repaired: Repaired) -> Repaired:
    """A heading whose number OCR lost into a speckled line above it (店E子1イec, then
    地域交通の確保と暮らしのデジタル化 alone): a line of one cell that is, word for word, a title
    the plan prints elsewhere after a number (its 体系 table's イ・地域交通の…) gets that number
    back — where no line of one cell prints the numbered title already."""
    numbered, headed = _numbered_titles(repaired)
    out: Repaired = {}
    for k, cells in repaired.items():
        text = cells[0].strip(" 　") if one_cell(cells) else ""
        ns = numbered.get(text, set())
        if len(ns) == 1 and text not in headed:
            out[k] = (next(iter(ns)) + "　" + text, *cells[1:])
    return out


def _title_misnumbered(repaired: Repaired) -> Repaired:
    """A heading whose number and title OCR both misread (了農林業の所申 | i, for ア　農林業の振興):
    a short line of one cell (specks beside it aside) that is, but for a character or two
    read for its number, as long as a title the plan prints elsewhere after a number (its 体系
    table's ア農林業の振興) and within a third of its characters of it, nearer to it than to
    any other, where no line of one cell prints that numbered title — gets the number and the
    title as printed there."""
    numbered, headed = _numbered_titles(repaired)
    titles = [t for t, ns in numbered.items() if len(ns) == 1 and t not in headed]
    out: Repaired = {}
    for k, cells in repaired.items():
        real = [c.strip(" 　") for c in cells if not _SPECK_CELL.fullmatch(c)]
        if len(real) != 1 or len(real[0]) > 41 or real[0].endswith("。"):
            continue
        text = real[0]
        if NUMBERED_TITLE.match(text) or text in numbered:
            continue  # (numbered already; or the title alone, `_title_numbered_elsewhere`'s)
        scored = sorted(
            (
                min(
                    Levenshtein.distance(text[cut:], t)
                    for cut in range(3)
                    if abs(len(text) - cut - len(t)) <= 1  # (characters misread, not added)
                ),
                t,
            )
            for t in titles
            if any(abs(len(text) - cut - len(t)) <= 1 for cut in range(3))
        )
        if not scored:
            continue
        best, title = scored[0]
        if best > len(title) // 3 or (len(scored) > 1 and scored[1][0] == best):
            continue
        out[k] = (next(iter(numbered[title])) + "　" + title,)
    return out


# a cell of specks beside a line's text: a rule's end or toner read as a letter or a mark
_SPECK_CELL = re.compile(r"[\s　]*[A-Za-z0-9|!\]\[(){}'`\".,:;_\-ー—~]{0,2}[\s　]*")


# A bare roman numeral opening a heading as OCR reads it: its bars as l, I, |, 1 (Ⅱ → ll)
_BARE_ROMAN = re.compile(
    r"^([\s　]*)([lI|!1]{1,3}|[ⅠⅡⅢⅣⅤ])\s?(?=[一-龥ぁ-んァ-ヶ「])(?!.{0,3}[0-9０-９])"
)
# (not a path number, its dash read as 一 or リー: |一1, |リー1 are Ⅰ－１)
_ROMAN_WIDE = "ⅠⅡⅢⅣⅤ"


def _fits(token: str, position: int) -> bool:
    """Whether `token` may be the roman numeral of `position`: itself, or its bars with one
    lost at most (Ⅲ read as lI); one bar or a digit 1 only as Ⅰ."""
    if token in _ROMAN_WIDE:
        return _ROMAN_WIDE.index(token) + 1 == position
    if len(token) == 1:
        return position == 1  # (a bar alone is Ⅰ: a Ⅱ that lost one is no surer than a speck)
    return position <= 3 and len(token) <= position <= len(token) + 1


def _bare_roman(repaired: Repaired) -> Repaired:
    """Headings numbered Ⅰ, Ⅱ, Ⅲ with no label word, read as 1, ll, lI and the space lost
    (llひとが集い…): short lines of one cell whose numerals fit Ⅰ, Ⅱ, Ⅲ in order, one of them
    read as bars (not a digit series 1, 2, 3), get the numerals back."""
    best: list[tuple[int, re.Match[str]]] = []
    run: list[tuple[int, re.Match[str]]] = []
    for k, m in _title_heads(repaired, _BARE_ROMAN):
        if len(repaired[k][0][m.end() :].strip()) < 4:
            continue  # (a title, not a speckled line's rest: ll店)
        if run and _fits(m.group(2), len(run) + 1):
            run.append((k, m))
        elif _fits(m.group(2), 1):
            run = [(k, m)]
        else:
            continue
        if len(run) > len(best) and any(not t.group(2).isdigit() for _k, t in run):
            best = list(run)
    if len(best) < 2:
        return {}
    return {
        k: (m.group(1) + _ROMAN_WIDE[n] + "　" + repaired[k][0][m.end() :], *repaired[k][1:])
        for n, (k, m) in enumerate(best)
    }


def _kanji_numbered(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Goals numbered 一, 二, 三 as OCR reads them: short lines of one cell that open with the
    numerals in order (ーー活力ある…, 二ニひとが…, 三健やかに…), three or more in a run, get
    their numeral back and a space after it."""
    heads = [
        (k, _KANJI_READS.get(m.group(2), _KANJI_NUMERAL.find(m.group(2)) + 1), m)
        for k, m in lone_heads(repaired, _KANJI_HEAD)
        if len(repaired[k][0]) <= 40
    ]
    runs: list[list[tuple[int, int, re.Match[str]]]] = []
    for head in heads:
        if runs and head[1] == runs[-1][-1][1] + 1:
            runs[-1].append(head)
        elif head[1] == 1:
            runs.append([head])
    out: dict[int, tuple[str, ...]] = {}
    for run in runs:
        if len(run) < 3:
            continue
        for k, n, m in run:
            text = repaired[k][0]
            out[k] = (m.group(1) + _KANJI_NUMERAL[n - 1] + "　" + text[m.end() :], *repaired[k][1:])
    return out


# A katakana number with a speck read as katakana after it (イィイ関係人口の…, ウツ観光・…)
_KANA_SPECKED = re.compile(
    r"^([\s　]*)([アイウエオカキクケコ])([ァィゥェォッツシンイ]{1,2})\s*(?=[一-龥々])"
)
_KANA_CLEAN = re.compile(r"^[\s　]*([アイウエオカキクケコ])[\s　・.．]+(?=[一-龥々ぁ-んァ-ヶ「])")


def _kana_specked(repaired: Repaired) -> Repaired:
    """A series ア イ ウ … whose number was read with a speck as katakana after it and the space
    lost (イィイ関係人口の創出): a short line of one cell that opens so, right after a heading
    of the series' previous kana (read clean or so), gets its number and a space back."""
    heads: list[tuple[int, int, re.Match[str] | None]] = []
    for k, m in _title_heads(repaired, _KANA_SPECKED):
        heads.append((k, _KANA_SERIES.index(m.group(2)), m))
    for k, m in _title_heads(repaired, _KANA_CLEAN):
        heads.append((k, _KANA_SERIES.index(m.group(1)), None))
    heads.sort(key=lambda h: h[0])
    out: Repaired = {}
    for i, (k, n, m) in enumerate(heads):
        if m is None or n == 0 or not i or heads[i - 1][1] != n - 1:
            continue
        rest = repaired[k][0][m.end() :]
        out[k] = (f"{m.group(1)}{m.group(2)}　{rest}", *repaired[k][1:])
    return out


# A heading's bracketed number (⑴ or (1)) read as a circled one (①農林業の振興 before (2)商工業…)
_CIRCLED_HEAD = re.compile(r"^([\s　]*)([①-⑳])\s*(?=[一-龥々ぁ-んァ-ヶ「])")
_PAREN_NUMBER = re.compile(r"^[\s　]*[(（⑴-⒇]([0-9０-９]{0,2})[)）]?\s*(?=[一-龥々ぁ-んァ-ヶ「])")


def _circled_in_paren_series(repaired: Repaired) -> Repaired:
    """A series (1) (2) (3) — or ⑴ ⑵ ⑶, which OCR reads either way — with one of its numbers read
    as a circled one: a short line of one cell opening with a circled number, right after a
    bracketed heading numbered one less or right before one numbered one more, is that series'
    (n). A run of circled numbers (a list's ① ② ③) is left alone."""
    heads: list[tuple[int, str, int, re.Match[str] | None]] = []
    for k, m in lone_heads(repaired, _CIRCLED_HEAD):
        # (a long one, a list's item with its summary and departments, is a run's too)
        short = m if _short_title(repaired[k][0]) else None
        heads.append((k, "circled", ord(m.group(2)) - ord("①") + 1, short))
    for k, m in _title_heads(repaired, _PAREN_NUMBER):
        text = repaired[k][0].lstrip(" 　")
        if text[0] in "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇":
            n = ord(text[0]) - ord("⑴") + 1
        elif m.group(1):
            n = int(unicodedata.normalize("NFKC", m.group(1)))
        else:
            continue
        heads.append((k, "paren", n, None))
    heads.sort()
    out: Repaired = {}
    for i, (k, kind, n, m) in enumerate(heads):
        if kind != "circled" or m is None:
            continue
        prev = heads[i - 1] if i else None
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if (prev and prev[1] == "paren" and prev[2] == n - 1) or (
            nxt and nxt[1] == "paren" and nxt[2] == n + 1
        ):
            if prev and prev[1] == "circled" and prev[2] == n - 1:
                continue  # (a list's run)
            if nxt and nxt[1] == "paren" and nxt[2] == n:
                continue  # (② over (2): a list's item before the heading it is not)
            rest = repaired[k][0][m.end() :]
            out[k] = (f"{m.group(1)}({n})　{rest}", *repaired[k][1:])
    return out


# A circled number read twice, or with a stroke beside it read as the next (①①健康…, ②③地域で…)
_SPECK = r"[§{}|・.,:;'\"`]"  # a speck read before a circled number
_CIRCLED_TWICE = re.compile(
    rf"^([\s　]*(?:{_SPECK}\s*)?"
    r"(?:[0-9０-９]{1,2}\s?[-－ー‐]\s?(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2})\s?[-－ー‐]\s?)?)"
    r"([①-⑳])\s*((?:[①-⑳]\s*){1,2})(?=[一-龥々ぁ-んァ-ヶ「])"
)  # (and at a path's end: 1-(2)-①⑪創業の…; three times: ②③②地域で…)
_CIRCLED_ONE = re.compile(rf"^[\s　]*(?:{_SPECK}\s*)?([①-⑳])(?![①-⑳])")


def _circled_twice(repaired: Repaired) -> Repaired:
    """A line of one cell that opens with two or three circled numbers and a title: one number
    read more than once — the one that goes on from the circled line before it (② after ①),
    else the first."""
    out: Repaired = {}
    last = 0  # the number of the nearest circled line above
    for k, cells in sorted(repaired.items()):
        if not one_cell(cells):
            continue
        text = cells[0]
        m = _CIRCLED_TWICE.match(text)
        if m and len(text) <= 60 and not text.rstrip().endswith("。"):
            read = [ord(c) - ord("①") + 1 for c in m.group(2) + m.group(3) if not c.isspace()]
            n = last + 1 if last + 1 in read else read[0]
            out[k] = (f"{m.group(1)}{chr(ord('①') + n - 1)}{text[m.end() :]}", *cells[1:])
            last = n
        elif one := _CIRCLED_ONE.match(text):
            last = ord(one.group(1)) - ord("①") + 1
    return out


# In the order they run: a later repair sees the earlier ones' lines. First the specks and
# misread marks around a number, so that the spaces and series after them see it whole;
_FIRST: tuple[Callable[[Repaired], Repaired], ...] = (
    _circled_twice,
    _path_alone,
    _first_arabic,
    _speck_before_heads,
    _number_before_prose,
    _title_numbered_elsewhere,
    _title_misnumbered,
    _bare_roman,
    _dotted_first,
    _kana_in_series,
    _paren_closed,
    _label_read_twice,
    _circled_in_paren_series,
    _kana_specked,
)
# then, after the spaces and the roman series, the numbers of each form.
_SERIES: tuple[Callable[[Repaired], Repaired], ...] = (
    _kanji_numbered,
    _ordinal_numbered,
    _ordinal_word_numbered,
    _roman_path_numbered,
    _path_numbered,
    _dotted_path_numbered,
    _label_roman_path,
    _label_letter_path,
    _label_path_numbered,
    _angle_headings,
    _small_roman,
    _sup_numbered,
)


def repair_heading_numbers(doc: Document, repaired: Repaired) -> Repaired:
    """`repaired` (line index → cells as repaired so far) with the heading numbers given back;
    only lines that change are new entries, the rest as they were."""
    repaired = dict(repaired)
    repaired |= _box_numbered(doc, repaired)
    for repair in _FIRST:
        repaired |= repair(repaired)
    repaired |= _space_heading_numbers(doc, repaired)
    repaired |= _roman_by_order(
        repaired, {k: doc.lines[k].cells[0] for k in repaired if doc.lines[k].cells}
    )
    for series in _SERIES:
        repaired |= series(repaired)
    return repaired
