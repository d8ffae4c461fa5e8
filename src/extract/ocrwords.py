"""Characters OCR misreads inside words, repaired where a Japanese dictionary says which is meant.

Tesseract reads some characters of a serif type as look-alikes (移住 → 移任, 事業 → 事乗, 児童 →
児章, クラブ → クフブ, デマンド → テマンド) and splits a few into two (魅力 → 上魅力, 切れ目 →
切れ上有目). `rules/ocr_confusions.csv` lists such pairs (what OCR reads, what was printed),
measured on the benchmark's scans. A pair is applied only where the dictionary (SudachiPy's
core dictionary) tells: the character read stands in no word of two or more characters, and the
printed one makes a word with its neighbours (移任支援: 任 is in no word; 移住 is one). A word
already read whole is never touched, nor a counter after a figure (6次), nor a line not read by
OCR. Each repair is an `ocr.word_repaired` finding (form `dictionary`) with both texts.

    document_to_word_repairs   the OCR'd lines' cells, repaired in place; the findings
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from extract import messages
from extract.models import Document, Finding
from extract.text import join_cells

EMITS = ("ocr.word_repaired",)

_LONGEST = 8  # the longest word looked up
_NUMERALS = set("0123456789０１２３４５６７８９〇一二三四五六七八九十百千万億")


def _is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fc"


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@functools.cache
def _dictionary():  # noqa: ANN202
    from sudachipy import Dictionary  # (loaded once, on the first scan)

    return Dictionary(dict="core")


@functools.lru_cache(maxsize=200_000)
def _is_word(text: str) -> bool:
    """A dictionary word of two characters or more that are not hiragana, or of one with its
    kana ending (a particle run such as との is no evidence), and not only a person's name (鶴光,
    クフ: the dictionary holds so many that nearly any two kanji are one)."""
    if not all(ch.isalnum() or ch == "ー" for ch in text):
        return False  # (brackets and stops part words: 事業（ペゴミン） is none)
    kana = sum(_is_hiragana(ch) for ch in text)
    if len(text) - kana < 2 and (kana < 2 or kana == len(text)):
        return False  # (a kanji and one kana, 市は, is no evidence; 暮らし is)
    return any(m.part_of_speech()[2] != "人名" for m in _dictionary().lookup(text))


def coverage(text: str) -> list[int]:
    """Per character: the length of the longest word that covers it (0: none)."""
    cover = [0] * len(text)
    for a in range(len(text)):
        for b in range(a + 2, min(len(text), a + _LONGEST) + 1):
            if _is_word(text[a:b]):
                for i in range(a, b):
                    cover[i] = max(cover[i], b - a)
    return cover


def _base(ch: str) -> str:
    """A kana without its voicing marks or its smallness (ご → こ, ぱ → は, ゃ → や)."""
    return LARGE_KANA.get(ch, unicodedata.normalize("NFD", ch)[0])


# A small kana's large form (ゃ → や); っ, printed after つ as often (つっこむ), apart
LARGE_KANA = dict(
    zip("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮ", "あいうえおやゆよわアイウエオヤユヨワ", strict=True)
)


def _never_twice(a: str, b: str) -> bool:
    """Whether one kana printed twice in a row so is no spelling, but one kana read twice: with
    both voicing marks (ばぱ), or large then small (やゃ; っ after つ is printed: つっこむ)."""
    marked = a != unicodedata.normalize("NFD", a)[0] and b != unicodedata.normalize("NFD", b)[0]
    return marked or (LARGE_KANA.get(b) == a and b in "ゃゅょャュョ")


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30fa"


@functools.lru_cache(maxsize=50_000)
def _is_kana_word(text: str) -> bool:
    """A dictionary word, hiragana alone of three characters or more too (しごと, つばめ)."""
    if all(_is_hiragana(ch) for ch in text):
        return len(text) >= 3 and bool(_dictionary().lookup(text))
    return _is_word(text)


def _longest_over(
    text: str, lo: int, hi: int, is_word: Callable[[str], bool] = _is_kana_word
) -> int:
    """The longest word holding text[lo:hi] (0: none)."""
    return max(
        (
            b - a
            for a in range(max(0, hi - _LONGEST), lo + 1)
            for b in range(max(hi, a + 2), min(len(text), a + _LONGEST) + 1)
            if is_word(text[a:b])
        ),
        default=0,
    )


def _joins(text: str, at: int) -> bool:
    """Whether a word crosses the place where a character was taken out (between `at` - 1 and
    `at`), or starts there."""
    return _longest_over(text, at - 1, at + 1, _is_word) > 0 or any(
        _is_word(text[at:b]) for b in range(at + 2, min(len(text), at + _LONGEST) + 1)
    )


def unstutter(cell: str) -> str:
    """Kana a bold heading's print is read with twice, its voicing marks varied (しごどごと for
    しごと, つばぱばめ for つばめ): one of the repeats kept where the dictionary then finds a
    word of three characters or more holding it and the character before, longer than any word
    holding the whole repeat before (いよいよ, ことごとく stay)."""
    for _ in range(3):
        best: tuple[int, str] | None = None
        # two kana read twice (ごどごと), one read three times (ばぱば): one kana twice with
        # its mark varied is as often printed (子育てできる, 希望がかない)
        for n, reps in ((2, 2), (1, 3), (1, 2)):
            for i in range(len(cell) - reps * n + 1):
                run = cell[i : i + reps * n]
                pieces = [run[j : j + n] for j in range(0, len(run), n)]
                if not all(_is_kana(ch) for ch in run):
                    continue
                if len({"".join(map(_base, p)) for p in pieces}) != 1:
                    continue
                if len(set(pieces)) == 1:
                    continue  # (the same kana twice is as often printed: しごとと, スス)
                if reps == 2 and n == 1 and not _never_twice(*run):
                    continue
                before = _longest_over(cell, i, i + len(run))
                for keep in dict.fromkeys(pieces):
                    new = cell[:i] + keep + cell[i + len(run) :]
                    # (a word from the kana before: しごと, つばめ — not a word the kept
                    # kana opens, がって of 歯止めがかかって)
                    score = _longest_over(new, i - 1, i + n) if i else 0
                    if score > max(before, 2) and (best is None or score > best[0]):
                        best = (score, new)
        if best is None:
            return cell
        cell = best[1]
    return cell


# Hiragana that stand alone as particles or endings (の, を, て …): one of them taken out may
# join words that were printed apart (子育ての支援), never a speck read as kana
_PARTICLES = set("のをにはがとでへもやかよねなてし")


def unspeck(cell: str) -> str:
    """A hiragana that a speck or a neighbour's stroke was read as (暮らちせる for 暮らせる,
    暮らめす for 暮らす): taken out where it stands in no dictionary word and the text then reads
    a word of three characters or more across the place that joins a kanji the text left alone
    to its kana (`_token_across`) — every word the text held before kept. One such kana in a
    cell at most."""
    cover = coverage(cell)
    best: tuple[int, str] | None = None
    for i in range(1, len(cell) - 1):
        ch = cell[i]
        if cover[i] or not _is_hiragana(ch) or ch in _PARTICLES:
            continue
        if not (_is_kana(cell[i - 1]) or _is_kanji(cell[i - 1])) or not _is_hiragana(cell[i + 1]):
            continue  # (inside a word that goes on in kana: 暮ら|ち|せる)
        new = cell[:i] + cell[i + 1 :]
        word = _token_across(cell, new, i)
        if not word:
            continue
        after = coverage(new)
        if any(o and not n for o, n in zip(cover[:i] + cover[i + 1 :], after, strict=True)):
            continue
        if best is None or word > best[0]:
            best = (word, new)
    return cell if best is None else best[1]


@functools.cache
def _tokenizer():  # noqa: ANN202
    return _dictionary().tokenizer()


def _token_across(old: str, new: str, i: int) -> int:
    """The length of the word that joins a kanji the old text leaves alone to its kana once
    old[i] is taken out (暮|らち|せる → 暮らせる): a verb or adjective of `new` (as SudachiPy
    reads it; its kana are where a speck lands) of three characters or more that covers
    new[i - 1] and new[i], opening with a kanji the old text's reading holds as a morpheme of
    its own, the kana read a noun of no sense (らち, めす) — not an ending or particle (0:
    none; 受け|られる is read whole, 得|られる an ending, 方が|また no verb)."""
    from sudachipy import SplitMode

    read = list(_tokenizer().tokenize(old, SplitMode.C))
    alone = {m.begin() for m in read if m.end() - m.begin() == 1 and _is_kanji(old[m.begin()])}
    held = next(m for m in read if m.begin() <= i < m.end())
    if not (held.is_oov() or held.part_of_speech()[0] == "名詞"):
        return 0  # (the kana of a grammatical word: 得|られる)
    for m in _tokenizer().tokenize(new, SplitMode.C):
        a, b = m.begin(), m.end()
        if a <= i - 1 and i < b:
            inflected = m.part_of_speech()[0] in ("動詞", "形容詞", "形状詞")
            return b - a if b - a >= 3 and a in alone and inflected else 0
    return 0


def repair_cell(cell: str, confusions: dict[str, tuple[str, ...]]) -> str:
    """The cell with its misread characters repaired, one at a time, the surest first."""
    cell = unspeck(unstutter(cell))
    keys = sorted({len(k) for k in confusions}, reverse=True)
    starts = {k[0] for k in confusions}
    for _ in range(6):  # a few misreads in one cell at most
        if not any(ch in starts for ch in cell):
            return cell
        cover = _katakana_whole(cell, coverage(cell))
        best: tuple[int, str] | None = None
        for i in range(len(cell)):
            if cover[i] or (i and cell[i - 1] in _NUMERALS and not _HEADING_NUMBER.match(cell[:i])):
                continue  # (a counter after a figure: 6次; not a heading's own number: 1-1諾林業)
            for k in keys:
                read = cell[i : i + k]
                for meant in confusions.get(read, ()) if len(read) == k else ():
                    new = cell[:i] + meant + cell[i + k :]
                    score = _score(cell, new, cover, i, k, meant)
                    if score and (best is None or score > best[0]):
                        best = (score, new)
        if best is None:
            return cell
        cell = best[1]
    return cell


# A heading's number before its title, the space lost (1-1農林業, 2.ひとの, （3）)
_HEADING_NUMBER = re.compile(
    r"^[\s　]*(?:[■◆◇●○□▼▽]?[一-龥]{1,6})?(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}(?:[-－.．][0-9０-９]{1,2})+|[0-9０-９]{1,2}[.．])$"
)  # (a bare figure is no heading's number: 6次産業化)


def _katakana_whole(text: str, cover: list[int]) -> list[int]:
    """The coverage with a katakana run counted as covered only where one word holds the whole
    run, or words that meet end to end do (プランド is no プラン and a ド: one misread; スマート
    シティ is two words)."""
    out = list(cover)
    i = 0
    while i < len(text):
        if not _in_katakana_word(text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and _in_katakana_word(text[j]):
            j += 1
        if j - i >= 3 and text[i] != "ー" and not _splits_into_words(text[i:j]):
            # (a run opening with ー is the rest of a word wrapped from the line above)
            out[i:j] = [0] * (j - i)
        i = j
    return out


def _katakana_run(text: str, i: int) -> str:
    """The run of katakana around text[i]."""
    a = b = i
    while a > 0 and _in_katakana_word(text[a - 1]):
        a -= 1
    while b < len(text) and _in_katakana_word(text[b]):
        b += 1
    return text[a:b]


def _in_katakana_word(ch: str) -> bool:
    return _is_katakana(ch) and ch != "・"  # (the middle dot parts words)


@functools.lru_cache(maxsize=50_000)
def _splits_into_words(run: str) -> bool:
    """Whether the run is dictionary words end to end (two characters each at least)."""
    if not run or _is_word(run):
        return True  # (a word longer than the longest looked up in a cell: コミュニケーション)
    return any(
        _is_word(run[:b]) and _splits_into_words(run[b:])
        for b in range(min(len(run), _LONGEST), 1, -1)
        if len(run) - b != 1
    )


def _score(old: str, new: str, cover: list[int], i: int, k: int, meant: str) -> int:
    """How surely `new` is the printed text: the length of the word the repair makes (0: no
    word, or a word the old text had is lost)."""
    after = coverage(new)
    if meant:
        span = range(i, i + len(meant))
        if not all(after[j] for j in span):
            return 0
        score = max(after[j] for j in span)
        # a katakana word is read whole: one word runs across the repaired character to its
        # katakana neighbours (ボランテイア is no ボラン + タイア)
        lo, hi = i, i + len(meant)
        if lo > 0 and _is_katakana(new[lo - 1]):
            lo -= 1
        if hi < len(new) and _is_katakana(new[hi]):
            hi += 1
        if any(_is_katakana(ch) for ch in meant) and not _longest_over(new, lo, hi, _is_word):
            return 0
        if any(_in_katakana_word(ch) for ch in meant) and not _splits_into_words(
            _katakana_run(new, i)
        ):
            return 0  # (the whole run then words end to end: ブランド, not ポラン + テイア)
    else:
        # a character taken out: the next is a kanji, and a word crosses or opens there
        if i == 0 or i >= len(new) or not _is_kanji(new[i]) or not _joins(new, i):
            return 0
        score = max(after[i - 1], after[i])
    if _in_surname(old, i):
        return 0  # (both repairs, the confusions' and the plan's own spellings')
    kept_old = cover[:i] + cover[i + k :]
    kept_new = after[:i] + after[i + len(meant) :]
    if any(o and not n for o, n in zip(kept_old, kept_new, strict=True)):
        return 0
    if meant and _steals(old, new, i, len(meant)):
        return 0
    return score


def _in_surname(text: str, i: int) -> bool:
    """Whether text[i] is in a surname the dictionary holds, set before a space as a list of
    members prints a name (`木村　一郎`: no 木業)."""
    for a in range(max(0, i - 2), i + 1):
        for b in range(max(a + 2, i + 1), min(len(text), a + 3) + 1):
            if (
                b < len(text)
                and text[b] in " \u3000"
                and all(_is_kanji(ch) for ch in text[a:b])
                and (a == 0 or not _is_kanji(text[a - 1]))
                and _is_surname(text[a:b])
            ):
                return True
    return False


@functools.lru_cache(maxsize=20_000)
def _is_surname(text: str) -> bool:
    return any(m.part_of_speech()[2:4] == ("人名", "姓") for m in _dictionary().lookup(text))


def _steals(old: str, new: str, i: int, n: int) -> bool:
    """Whether every word the repair makes takes its first characters from inside a word the old
    text held whole right before it (店舗数 → 店舗装: 舗装 from 店舗; 数 is the count of the
    店舗, a word's suffix the dictionary holds as no word of its own)."""
    ends = [a for a in range(max(0, i - _LONGEST), i - 1) if _is_word(old[a:i])]
    if not ends:
        return False
    first = min(ends)
    made = [
        start
        for start in range(max(0, i - _LONGEST + 1), i + 1)
        for end in range(max(i + n, start + 2), min(len(new), start + _LONGEST) + 1)
        if _is_word(new[start:end])
    ]
    return bool(made) and all(first < start < i for start in made)


_GRAM = 4  # characters of the runs the plan's own repeats are counted in
_REPEATED = 3  # a run printed this often is the plan's own spelling
_SUFFIXES = set("課室部局係所")
# kanji that join any noun as its suffix (ひばり野版ネウボラ, 会津型, 地域的): no dictionary word
# holds them after a name, and a plan prints them so — never taken for a misread run
_BOUND = set("版型式的性化率費等製流風")


def _grams(cell: str) -> list[tuple[int, str]]:
    return [
        (i, cell[i : i + _GRAM])
        for i in range(len(cell) - _GRAM + 1)
        if all(_is_kanji(ch) or _is_kana(ch) for ch in cell[i : i + _GRAM])
    ]


def own_spelling(doc: Document) -> Callable[[str], str]:
    """A cell with the kanji repaired that the plan's own repeats show misread, at the place
    they stand: a run of four kanji or kana read once, one kanji off a run the plan prints three
    times or more and no other (会年地域 beside 会津地域 printed five times), where the
    dictionary finds no word holding the kanji read and a word holding the plan's."""
    counts: dict[str, int] = {}
    for line in doc.lines:
        for cell in line.cells:
            for _i, gram in _grams(cell):
                counts[gram] = counts.get(gram, 0) + 1
    masked: dict[str, set[str]] = {}
    for gram, n in counts.items():
        if n >= _REPEATED:
            for j in range(_GRAM):
                masked.setdefault(gram[:j] + "?" + gram[j + 1 :], set()).add(gram)

    def repair(cell: str) -> str:
        for i, gram in _grams(cell):
            if counts.get(gram, 0) != 1 or cell[i : i + _GRAM] != gram:
                continue
            for j in range(_GRAM):
                near = masked.get(gram[:j] + "?" + gram[j + 1 :], set())
                if len(near) != 1:
                    continue
                at, meant = i + j, next(iter(near))[j]
                if (
                    not (_is_kanji(meant) and _is_kanji(cell[at]))
                    or cell[at:].strip() in _SUFFIXES
                    or cell[at] in _BOUND
                ):
                    # (kanji for kanji: と is no 課, す no め; and a name's last 課 or 部 is its
                    # own, 農林水産課 beside 農林水産業)
                    continue
                cover = coverage(cell)
                new = cell[:at] + meant + cell[at + 1 :]
                if not cover[at] and _score(cell, new, cover, at, 1, meant):
                    cell = new
                    break
        return cell

    return repair


def document_to_word_repairs(
    doc: Document, confusions: dict[str, tuple[str, ...]]
) -> list[Finding]:
    """Repair the cells of the lines read by OCR (in place); one finding per line changed."""
    if not doc.ocr_pages:
        return []
    own = own_spelling(doc)
    out = []
    for k, line in enumerate(doc.lines):
        if line.confidence is None or line.is_blank:
            continue
        cells = tuple(own(repair_cell(c, confusions)) if c.strip() else c for c in line.cells)
        if cells == line.cells:
            continue
        doc.lines[k] = replace(line, cells=cells, text=join_cells(cells))
        out.append(
            messages.finding(
                "ocr.word_repaired",
                {
                    "form": "dictionary",
                    "line": line.no,
                    "page": line.page or 0,
                    "old": line.text.replace("\t", " | ")[:80],
                    "new": doc.lines[k].text.replace("\t", " | ")[:80],
                },
                line=line.no,
                page=line.page,
                key=f"page {line.page}: {line.text[:40]}",
            )
        )
    return out
