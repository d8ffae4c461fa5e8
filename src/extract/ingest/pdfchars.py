"""A PDF page's characters → visual lines and their text: the first step of reading a page
(`ingest/pdf.py`'s `page_to_result`), on the characters PDFium gives (`ingest/pdfium.py`).

    page_to_chars     upright characters set on the page, code points folded (⽬ → 目), a
                      character overprinted (fake bold, a shadow) read once
    chars_to_lines    characters grouped into visual lines by their vertical middles
    text_of           a line's text: a space where a gap is wider than its share of the font
                      size, small raised digits as `<sup>n</sup>`
    unusable_text     why a page's text layer cannot be read (fonts without a ToUnicode map)

and the measures every later pass takes of characters: a run's box and median size, whether it
is bold, a line cut at its wide gaps (`_segments`). It imports no other pass of the PDF reader.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Sequence

from extract.charmap import fold_codepoints
from extract.ingest.pdfium import Char, PageData
from extract.settings import PdfSettings
from extract.text import is_wide

Box = tuple[float, float, float, float]


# --- characters -----------------------------------------------------------------------------------


def page_to_chars(data: PageData, s: PdfSettings) -> list[Char]:
    # characters set wholly outside the page are not printed (a spreadsheet's text running
    # out of a cell of the part of the sheet printed on another page)
    shown = [
        c
        for c in data.chars
        if c["upright"]
        and float(c["x1"]) > 0
        and float(c["x0"]) < data.width
        and float(c["bottom"]) > 0
        and float(c["top"]) < data.height
    ]
    chars = [c for c in shown if str(c["text"]).strip() != ""]
    spaces = [c for c in shown if str(c["text"]).strip() == ""]
    for c in chars:
        c["text"] = fold_codepoints(str(c["text"]))
    if s.dedupe_ratio:
        twins = _overprints(chars, s.dedupe_ratio)
        chars = [c for c, twin in zip(chars, twins, strict=True) if not twin]
    return chars + spaces


def close_spread_words(chars: Sequence[Char], s: PdfSettings) -> None:
    """Set close every word set 均等割り付け among `chars` (one ruled cell's, or the characters
    no ruled table took: a rule between two cells keeps their letters apart)."""
    inked = [c for c in chars if str(c["text"]).strip()]
    spaces = [c for c in chars if not str(c["text"]).strip()]
    lines = [sorted(line, key=lambda c: float(c["x0"])) for line in _same_size_lines(inked)]
    found = [_spread_runs(line, spaces, s) for line in lines]
    # Where runs begin on each line: a character set a space or more after the one before,
    # but no letter inside a spread word
    begins: list[list[float]] = []
    for line, runs in zip(lines, found, strict=True):
        inner = {k for first, last in runs for k in range(first + 1, last + 2)}
        size = _median_size(line)
        begins.append(
            [
                float(c["x0"])
                for k, c in enumerate(line)
                if k not in inner and (k == 0 or _spaced(line[k - 1], c, size, s))
            ]
        )
    mids = [_middle(line) for line in lines]
    for k, (line, runs) in enumerate(zip(lines, found, strict=True)):
        size = float(line[0]["size"])
        around = [
            j
            for j in range(len(lines))
            if j != k
            and float(lines[j][0]["size"]) == size
            and abs(mids[j] - mids[k]) <= 2.5 * size
        ]
        near = [x for j in around for x in begins[j]]
        # where characters stand a leading or less above or below (a cell's wrapped lines)
        stacked = [
            float(c["x0"]) for j in around if abs(mids[j] - mids[k]) <= 1.5 * size for c in lines[j]
        ]

        for first, last in runs:
            # a letter that begins where a run begins in a line just above or below is the
            # start of a cell (`総` + `務`, `部`, `課`: cells' wrapped rests), no spread letter;
            # two letters are no word where one of them goes on in the line right under or
            # over it (`健` + `康`…: a narrow cell wrapped a letter a line, `歳` beside it)
            if any(
                abs(float(line[i]["x0"]) - x) <= 0.1 * size
                for i in range(first + 1, last + 2)
                for x in near
            ) or (
                last == first
                and any(
                    abs(float(line[i]["x0"]) - x) <= 0.1 * size
                    for i in (first, first + 1)
                    for x in stacked
                )
            ):
                continue
            gaps = [
                _extent(line[i])[0] - _extent(line[i - 1])[1] for i in range(first + 1, last + 2)
            ]
            shift = 0.0
            for i, gap in zip(range(first + 1, last + 2), gaps, strict=True):
                shift += gap
                for key in ("x0", "x1", "origin"):
                    if key in line[i]:
                        line[i][key] = float(line[i][key]) - shift


def _middle(line: Sequence[Char]) -> float:
    return statistics.median((float(c["top"]) + float(c["bottom"])) / 2 for c in line)


def _same_size_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters of one size whose middles line up (within a quarter em), however the lines
    of other sizes beside them sit: the letters of a word set in one font."""
    by_size: dict[float, list[Char]] = {}
    for c in chars:
        by_size.setdefault(round(float(c["size"]), 1), []).append(c)
    lines: list[list[Char]] = []
    for size, group in by_size.items():
        last = None
        for c in sorted(group, key=lambda c: float(c["top"]) + float(c["bottom"])):
            mid = (float(c["top"]) + float(c["bottom"])) / 2
            if last is None or mid - last > 0.25 * size:
                lines.append([])
            lines[-1].append(c)
            last = mid
    return lines


_JOINERS = "・･"


def _letter(c: Char) -> bool:
    return wide_letter(str(c["text"]))


def wide_letter(text: str) -> bool:
    """A wide letter: a kanji or kana (no bracket, mark or figure)."""
    return is_wide(text) and unicodedata.category(text[:1]) in ("Lo", "Lm")


def _spread_runs(
    row: Sequence[Char], spaces: Sequence[Char], s: PdfSettings
) -> list[tuple[int, int]]:
    """A word set 均等割り付け (its letters spread evenly over its cell, as offices set short
    cells such as 担当課) is set close, its first letter where it was: letters each alone (none
    set close to another), the gaps between them wider than a space, no space printed there,
    all alike — three letters or more, or two that no other such letter could pair with. Every
    later pass (spaces, cells, columns) then reads one word. `row`: one line in x order;
    returns the words as (first gap, last gap)."""
    n = len(row)
    raw = [_extent(row[i + 1])[0] - _extent(row[i])[1] for i in range(n - 1)]
    space = [s.space_ratio * float(c["size"]) for c in row]
    mids = [(float(c["top"]) + float(c["bottom"])) / 2 for c in row]

    def printed_space(i: int) -> bool:
        """A space glyph between letters i and i + 1: the gap is the text's own."""
        x0, x1 = float(row[i]["x1"]), float(row[i + 1]["x0"])
        return any(
            x0 - 0.5 <= (float(b["x0"]) + float(b["x1"])) / 2 <= x1 + 0.5
            and abs((float(b["top"]) + float(b["bottom"])) / 2 - mids[i])
            < 0.5 * space[i] / s.space_ratio
            for b in spaces
        )

    size = _median_size(row)
    close = [not _spaced(row[i], row[i + 1], size, s) for i in range(n - 1)]
    # a middle dot between two names spread with them (`建　住　・　観　光`, a cell of two
    # departments) is a letter of the word, never its first or last
    joiner = [0 < k < n - 1 and str(row[k]["text"]) in _JOINERS for k in range(n)]
    alone = [
        (_letter(row[k]) or joiner[k])
        and not (k > 0 and close[k - 1])
        and not (k < n - 1 and close[k])
        for k in range(n)
    ]
    spread = [alone[i] and alone[i + 1] and not printed_space(i) for i in range(n - 1)]

    def alike(i: int, j: int) -> bool:
        return abs(raw[i] - raw[j]) <= s.spread_alike_ratio * float(row[i]["size"])

    runs: list[tuple[int, int]] = []  # (first gap, last gap) of each spread word
    i = 0
    while i < n - 1:
        j = i
        while spread[i] and j + 1 < n - 1 and spread[j + 1] and alike(i, j + 1):
            j += 1
        while j >= i and (joiner[i] or joiner[j + 1]):  # a dot ends no word
            i, j = (i + 1, j) if joiner[i] else (i, j - 1)
        if j > i:
            runs.append((i, j))
            i = j + 2  # the gap after the word's last letter begins no other word
        else:
            i += 1
    taken = {k for first, last in runs for k in range(first, last + 2)}
    # A letter two pairs could take (人 | 新　規) is no proof of either.
    pairs = [
        i
        for i in range(n - 1)
        if spread[i] and i not in taken and i + 1 not in taken and not (joiner[i] or joiner[i + 1])
    ]
    # ... but two letters less than an em apart between pairs spread far wider are the ends of
    # two cells a padding apart (`数　　値 | 年　　度`, short names spread in a header's cells)
    edges = {
        i
        for i in pairs
        if raw[i] < size
        and any(j in pairs for j in (i - 1, i + 1))
        and all(raw[j] >= 2 * size for j in (i - 1, i + 1) if j in pairs)
    }
    pairs = [i for i in pairs if i not in edges]
    runs += [(i, i) for i in pairs if i - 1 not in pairs and i + 1 not in pairs]

    return runs


def _overprints(chars: Sequence[Char], ratio: float) -> list[bool]:
    """For each char, whether it repeats an earlier one drawn at (nearly) the same place — fake
    bold, or a shadow — within `ratio` of its size (narrow digits side by side are not)."""
    seen: dict[tuple[object, int, int], list[Char]] = {}
    out = []
    for c in chars:
        tol = max(ratio * float(c["size"]), 0.01)
        x, y = float(c["x0"]), float(c["top"])
        bx, by = int(x / tol), int(y / tol)
        text = c["text"]
        twin = False
        for key in [(text, bx + dx, by + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]:
            bucket = seen.get(key)  # most are empty: no comparison at all
            if bucket and any(
                abs(float(o["x0"]) - x) <= tol and abs(float(o["top"]) - y) <= tol for o in bucket
            ):
                twin = True
                break
        out.append(twin)
        seen.setdefault((c["text"], bx, by), []).append(c)
    return out


# --- lines ----------------------------------------------------------------------------------------


def text_of(chars: Sequence[Char], s: PdfSettings) -> tuple[str, float]:
    """One visual line's text (x order), with raised small digits as <sup>n</sup> and a space
    where the gap between two characters is wider than `space_ratio` of the font size."""
    chars = sorted(chars, key=lambda c: float(c["x0"]))
    inked = [c for c in chars if str(c["text"]).strip()]
    if not inked:
        return "", float(chars[0]["size"]) if chars else 0.0
    sizes = [float(c["size"]) for c in inked]
    # The line's size from its letters: a raised marker's digits must not set it (数 + ¹⁴).
    letters = [float(c["size"]) for c in inked if not str(c["text"]).isdigit()]
    size = statistics.median(letters or sizes)
    normal = [c for c in inked if abs(float(c["size"]) - size) < 0.5] or inked
    baseline = statistics.median(float(c.get("baseline", c["bottom"])) for c in normal)  # type: ignore[arg-type]
    # Letter-spaced type (CSS letter-spacing, tracking) sets every two letters apart: a space
    # is a gap wider than the line's own gap between its full-width letters
    track = _tracking(inked, size)
    out: list[str] = []
    in_sup = False
    prev: Char | None = None
    for c in chars:
        text = str(c["text"])
        if not text.strip():
            # a printed space (one, however wide): the gap rule below does not add another
            if out and out[-1] != " ":
                out.append(" ")
            prev = None
            continue
        sup = (
            text.isdigit()
            and float(c["size"]) < size * s.superscript_ratio
            and float(c.get("baseline", c["bottom"])) < baseline - 0.12 * size  # type: ignore[arg-type]
        )
        if prev is not None and not (sup or in_sup) and _spaced(prev, c, size, s, track):
            out.append(" ")
        if sup and not in_sup:
            if out and out[-1] == " ":
                out.pop()
            out.append("<sup>")
        elif not sup and in_sup:
            out.append("</sup>")
        in_sup = sup
        out.append(text)
        prev = c
    if in_sup:
        out.append("</sup>")
    return "".join(out).strip(), max(sizes)


def _extent(c: Char) -> tuple[float, float]:
    """Where a character sits on the line: a full-width one fills its em, whatever the box a
    font gives its glyph (a radical's glyph, or a fallback font's, is narrower)."""
    x0, x1 = float(c["x0"]), float(c["x1"])
    if is_wide(str(c["text"])):
        centre, half = (x0 + x1) / 2, float(c["size"]) / 2
        return centre - half, centre + half
    return x0, x1


def _spaced(a: Char, b: Char, size: float, s: PdfSettings, track: float = 0.0) -> bool:
    """Whether the gap between two characters is a space. Between Japanese and Latin text,
    producers add a gap of their own (LibreOffice's and Word's autospace, about a quarter em):
    only a gap wider than that and a space together is a space there. `track`: the gap the
    line sets between every two letters (letter-spaced type), on top of which a space is."""
    gap = _extent(b)[0] - _extent(a)[1] - track
    em = min(size, float(a["size"]), float(b["size"]))
    mixed = is_wide(str(a["text"])) != is_wide(str(b["text"]))
    return gap > (s.space_ratio + 0.25 if mixed else s.space_ratio) * em


def _tracking(inked: Sequence[Char], size: float) -> float:
    """The gap a line sets between every two of its full-width letters (0 in type set solid):
    the lower quartile of the gaps between neighbours in three pairs or more, up to a quarter
    em (a gap that recurs wider is the cells' or words' own)."""
    ordered = sorted(inked, key=lambda c: float(c["x0"]))
    gaps = sorted(
        _extent(b)[0] - _extent(a)[1]
        for a, b in zip(ordered, ordered[1:], strict=False)
        if is_wide(str(a["text"])) and is_wide(str(b["text"]))
    )
    if len(gaps) < 3:
        return 0.0
    low = gaps[len(gaps) // 4]
    return low if 0.0 < low <= 0.25 * size else 0.0


def chars_to_lines(chars: Sequence[Char], s: PdfSettings) -> list[list[Char]]:
    """Group chars into visual lines by their vertical middles. A line's middle is that of its
    largest character so far: a raised note number may come first, and a comma's box (some
    fonts give it its glyph's) sits low."""
    lines: list[list[Char]] = []
    mid_of: list[tuple[float, float]] = []  # per line: (size, middle) of its largest char
    # per line: the baseline of its letters of each size (to a tenth of a point)
    bases: list[dict[float, float]] = []
    for c in sorted(
        chars, key=lambda c: ((float(c["top"]) + float(c["bottom"])) / 2, float(c["x0"]))
    ):
        mid = (float(c["top"]) + float(c["bottom"])) / 2
        size = float(c["size"])
        base = c.get("baseline")
        # letters of one size on one line share their baseline: one set a third of an em or
        # more off it is on a line of its own (a cell's lines set solid at 8 pt, the other
        # cells of the row at its middle, half a line off each)
        own = (
            base is None
            or not lines
            or abs(float(base) - bases[-1].get(round(size, 1), float(base))) < 0.3 * size  # type: ignore[arg-type]
        )
        if lines and own and abs(mid - mid_of[-1][1]) <= s.line_ratio * size:
            lines[-1].append(c)
            if size > mid_of[-1][0]:
                mid_of[-1] = (size, mid)
        else:
            lines.append([c])
            mid_of.append((size, mid))
            bases.append({})
        if base is not None:
            bases[-1].setdefault(round(size, 1), float(base))  # type: ignore[arg-type]
    return lines


def _marker_line(line: Sequence[Char], size: float, s: PdfSettings) -> bool:
    """A line of small digits alone: a footnote marker that wrapped in its cell."""
    inked = [c for c in line if str(c["text"]).strip()]
    return (
        bool(inked)
        and len(inked) <= 3
        and all(str(c["text"]).isdigit() for c in inked)
        and _median_size(inked) < size * s.superscript_ratio
    )


def _box(chars: Sequence[Char]) -> Box:
    return (
        min(float(c["x0"]) for c in chars),
        min(float(c["top"]) for c in chars),
        max(float(c["x1"]) for c in chars),
        max(float(c["bottom"]) for c in chars),
    )


def _bold(chars: Sequence[Char]) -> bool:
    inked = [c for c in chars if str(c["text"]).strip()]
    return bool(inked) and sum(1 for c in inked if int(c.get("weight", 400)) >= 600) >= 0.8 * len(
        inked
    )  # type: ignore[call-overload]


def _segments(line: Sequence[Char], s: PdfSettings, ratio: float | None = None) -> list[list[Char]]:
    """The line cut where a gap (blank characters count as gap) is wider than a column gap
    (or `ratio` ems)."""
    inked = sorted((c for c in line if str(c["text"]).strip()), key=lambda c: float(c["x0"]))
    if not inked:
        return []
    size = statistics.median(float(c["size"]) for c in inked)
    gap = (s.column_gap_ratio if ratio is None else ratio) * size
    out: list[list[Char]] = [[inked[0]]]
    for c in inked[1:]:
        if float(c["x0"]) - float(out[-1][-1]["x1"]) > gap:
            out.append([c])
        else:
            out[-1].append(c)
    return out


def _median_size(line: Sequence[Char]) -> float:
    sizes = [float(c["size"]) for c in line if str(c["text"]).strip()]
    return statistics.median(sizes) if sizes else 10.0


# --- a text layer that cannot be read -------------------------------------------------------------


SCAN_MAX_CHARS = 20  # a page with images and no more characters than this is a scan


def unusable_text(chars: Sequence[Char]) -> str | None:
    """Why a page's text layer cannot be read, or None. Fonts without a ToUnicode map give
    control, private-use or unassigned codes, and glyph numbers read as stray Latin letters:
    such a page has some of those and next to no Japanese."""
    text = [str(c["text"])[0] for c in chars if str(c["text"]).strip()]
    if len(text) <= SCAN_MAX_CHARS:
        return None
    bad = sum(1 for ch in text if ch == "\ufffd" or unicodedata.category(ch) in _UNMAPPED)
    japanese = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    if bad < 0.05 * len(text) or japanese >= 0.3 * len(text):
        return None
    return (
        f"{bad / len(text):.0%} of its {len(text):,} characters are control, private-use or "
        f"unassigned codes and {japanese / len(text):.0%} Japanese (fonts without a ToUnicode map)"
    )


_UNMAPPED = ("Cc", "Co", "Cn", "Cs")
