"""What OCR did, and the repairs the plan itself allows, each recorded as a finding.

Before the parse stage (`document_to_repairs`), in the lines read by OCR only: the words the
plan's structure is read by — a numbering label at a heading's start (基本日標1 → 基本目標1, two
characters where the plan prints the word elsewhere: 族閣方針2 → 取組方針2), a caption alone on
its line, the header words of a table's header row (現状傾 → 現状値) — era names before a year
(信和4年度 → 令和4年度), `(①` for `(1)`, `<sup>1</sup>.` for a heading's `1.`, an arrow read
as っ between two figures, the space Tesseract drops after a heading's number (ア移住 → ア 移住)
and the closing bracket of a 【所管課】, each repaired where a character or two were misread
(`ocr.word_repaired`: the printed and the repaired line). A header cell read once as what
the plan's other header rows print at least twice, its figures the same and at most two
characters in five different (日筆値（令和8年度） → 目標値（令和8年度）: a KPI table whose header
lost its target column was not read at all), takes their spelling (`ocr.word_repaired`).
A word the plan prints at least as often as the word it would become is the plan's own.

After the parse stage, for a plan read (partly) by OCR:

- every page read by OCR is reported with the engine's mean confidence (`ocr.page_read`), every
  scanned page left unread with --no-ocr (`ocr.page_unread`), every page whose text layer was
  unusable and read by OCR (`pdf.text_layer_unusable`, with why), and every line read with low
  confidence (`ocr.low_confidence`, with its page: the report shows the printed region);
- an entry of the 略称対応表 misread (数増 for 健康増進課) becomes the abbreviation the lists
  print (健増); a department abbreviation in 【】 that the table does not list but one entry is
  one character from (工 read as I, 口 as ロ, 展林 for 農林) is snapped to that entry, unless it
  abbreviates a section the plan names (情統: 情報統計課) (`ocr.department_snapped`);
- a figure printed with a period where the print has a comma (`3.210人`, `1.229g` beside
  `970g`) is read as thousands (`ocr.number_repaired`);
- a goal or policy title is taken from where the plan repeats it, read more surely there
  (`ocr.title_repaired`).

The variant discovery then merges OCR spellings of one name as it does any other spelling.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from extract import messages
from extract.models import (
    Department,
    Document,
    Finding,
    Goal,
    Indicator,
    Line,
    Plan,
    Policy,
    Project,
    Value,
)
from extract.ocrheads import LEAD, NUMBERED_TITLE, one_cell, repair_heading_numbers
from extract.ocrunits import repair_units
from extract.ocrwords import LARGE_KANA, coverage
from extract.settings import ParseSettings
from extract.text import join_cells

EMITS = (
    "pdf.text_layer_unusable",
    "ocr.word_repaired",
    "ocr.title_repaired",
    "ocr.name_voted",
    "ocr.page_read",
    "ocr.page_unread",
    "ocr.low_confidence",
    "ocr.department_snapped",
    "ocr.number_repaired",
)

# Units of things counted in whole numbers: 3.210 of them is 3,210 misread, never a fraction.
_COUNTED = (
    "人",
    "件",
    "校",
    "社",
    "回",
    "戸",
    "世帯",
    "団体",
    "施設",
    "組",
    "日",
    "名",
    "箇所",
    "か所",
)
_PERIOD_THOUSANDS = re.compile(r"^\D*\d{1,3}\.\d{3}(?!\d)")


def document_to_findings(doc: Document, min_confidence: float) -> list[Finding]:
    out = []
    for page, confidence in sorted(doc.ocr_pages.items()):
        out.append(
            messages.finding(
                "ocr.page_read",
                {"page": page, "confidence": f"{confidence:.0f}"},
                page=page,
                key=f"page {page}",
            )
        )
    for page in doc.unread_pages:
        out.append(
            messages.finding("ocr.page_unread", {"page": page}, page=page, key=f"page {page}")
        )
    for page, why in sorted(doc.unusable_pages.items()):
        out.append(
            messages.finding(
                "pdf.text_layer_unusable",
                {"page": page, "why": why},
                page=page,
                key=f"page {page}",
            )
        )
    for line in doc.lines:
        if line.confidence is not None and line.confidence < min_confidence and line.text.strip():
            out.append(
                messages.finding(
                    "ocr.low_confidence",
                    {
                        "line": line.no,
                        "page": line.page or 0,
                        "confidence": f"{line.confidence:.0f}",
                        "text": line.text.replace("\t", " | ")[:80],
                    },
                    line=line.no,
                    page=line.page,
                    key=f"page {line.page}: {line.text[:40]}",
                )
            )
    return out


def snap_departments(plan: Plan, doc: Document) -> list[Finding]:
    """Abbreviations read by OCR snapped to the plan's own 略称対応表 (one character apart), after
    the table's own misread entries are repaired from the abbreviations the lists print."""
    ocr_lines = {line.no for line in doc.lines if line.confidence is not None}
    if not ocr_lines:
        return []
    out = repair_department_table(plan, ocr_lines)
    table = {d.abbr: d for d in plan.departments if d.listed}
    if not table:
        return out
    names = _section_names(doc)
    used = Counter(a for p in plan.projects for a in p.departments)
    # the lists' own abbreviations of sections the plan names, printed twice or more but not
    # in the table (情統 of 情報統計課, whose table entry is 情報): as near as an entry, a reading
    # goes to the one printed more often
    printed = [
        a
        for a, n in used.items()
        if n >= 2 and a not in table and any(_abbreviates(a, name) for name in names)
    ]
    for p in plan.projects:
        if p.source_line not in ocr_lines:
            continue
        fixed = []
        for abbr in p.departments:
            # one entry's own section as read holds the reading (ト水 beside 下水 of ト水道施設課
            # and 上水): that entry; else the nearest
            own = [
                a
                for a, e in table.items()
                if Levenshtein.distance(abbr, a) == 1 and _abbreviates(abbr, e.section + e.bureau)
            ]
            if abbr in table:
                guess = None
            elif len(own) == 1:
                guess = own[0]
            else:
                guess = _nearest(abbr, [*table, *printed], used)
            blocking = _blocking(names, table[guess]) if guess in table else names
            if guess is not None and any(_abbreviates(abbr, n) for n in blocking):
                # an abbreviation of a section the plan names (its table lists 情報, its lists
                # print 【情統】 for 情報統計課; 農政 of 農政課 beside 農林): the plan's own
                guess = None
            if guess is None:
                fixed.append(abbr)
                continue
            fixed.append(guess)
            if guess not in table:
                out.append(_voted(p, abbr, guess, used[guess]))
                continue
            entry = table[guess]
            out.append(
                _snapped(
                    p.project_id,
                    abbr,
                    guess,
                    entry.bureau,
                    entry.section,
                    p.source_line,
                    p.source_page,
                )
            )
        p.departments = fixed
    return out


def _in_a_word(name: str, other: str) -> bool:
    """Whether the character `name` has where `other` has another stands in a dictionary word
    (財政課 beside 農政課: 財政 is a word, two departments; 岩林振興課: 岩林 is none)."""
    at = next(i for i, (a, b) in enumerate(zip(name, other, strict=True)) if a != b)
    return coverage(name)[at] > 0


def vote_departments(plan: Plan, doc: Document) -> list[Finding]:
    """Department names a plan prints in full (農林振興課, 企画政策部企画調整課), not in a
    略称対応表: one read once by OCR a character apart from a name the plan prints more often,
    and at least twice (岩林振興課, 企画調整斉), is that name."""
    ocr_lines = {line.no for line in doc.lines if line.confidence is not None}
    if not ocr_lines:
        return []
    listed = {d.abbr for d in plan.departments if d.listed}
    used = Counter(a for p in plan.projects for a in p.departments)
    out = []
    for p in plan.projects:
        if p.source_line not in ocr_lines:
            continue
        fixed = []
        for name in p.departments:
            near = [
                other
                for other, n in used.items()
                if n >= max(2, used[name] + 1)
                and len(name) == len(other) >= 3  # (保健福祉 beside 保健福祉課: two names)
                and Levenshtein.distance(name, other) == 1
                and not _in_a_word(name, other)
                and not any(ch.isdigit() for ch in name + other)
            ]
            if name in listed or len(near) != 1:
                fixed.append(name)
                continue
            fixed.append(near[0])
            out.append(_voted(p, name, near[0], used[near[0]]))
        p.departments = fixed
    return out


def _voted(p: Project, name: str, guess: str, count: int) -> Finding:
    """A department read by OCR, taken as the one the lists print more often."""
    return messages.finding(
        "ocr.department_snapped",
        {"form": "voted", "project_id": p.project_id, "abbr": name, "guess": guess, "count": count},
        line=p.source_line,
        page=p.source_page,
        record_id=p.project_id,
        key=f"{name}→{guess}",
    )


def _snapped(
    record_id: str, abbr: str, guess: str, bureau: str, section: str, line: int, page: int | None
) -> Finding:
    """An abbreviation as read, snapped to the one the plan prints (`ocr.department_snapped`)."""
    return messages.finding(
        "ocr.department_snapped",
        {
            "project_id": record_id,
            "abbr": abbr,
            "guess": guess,
            "bureau": bureau,
            "section": section,
        },
        line=line,
        page=page,
        record_id=record_id,
        key=f"{abbr}→{guess}",
    )


def _blocking(names: list[str], entry: Department) -> list[str]:
    """The section names that keep an abbreviation read from being snapped to `entry`: all, but
    the entry's own when its abbreviation does not fit them (下水 beside its section read
    ト水道施設課: the name was misread as the lists' 【ト水】 was, one department)."""
    own = {entry.section, entry.bureau}
    if _abbreviates(entry.abbr, entry.section or entry.bureau):
        return names
    return [n for n in names if n not in own]


def _abbreviates(abbr: str, name: str) -> bool:
    """Every character of `abbr` is one of the name's (健増: 健康増進課)."""
    return all(ch in name for ch in abbr)


_SECTION = re.compile(r"(?:課|室|部|局|センター|所|館)$")


def _section_names(doc: Document) -> list[str]:
    """The names of sections and bureaus the document prints in a cell of their own (its
    略称対応表, rows the parser could not place included)."""
    return sorted(
        {
            c.strip()
            for line in doc.lines
            for c in line.cells
            if len(line.cells) >= 2 and 2 <= len(c.strip()) <= 24 and _SECTION.search(c.strip())
        }
    )


def repair_department_table(plan: Plan, ocr_lines: set[int]) -> list[Finding]:
    """An entry of the 略称対応表 read by OCR that no list prints and that does not abbreviate its
    section's name as read (数増 for 健康増進課), one character from an abbreviation the lists
    print at least twice and the table lacks (健増), is that abbreviation — the one whose
    characters are all in the section's name when more are near."""
    used = Counter(a for p in plan.projects for a in p.departments)
    listed = {d.abbr for d in plan.departments if d.listed}
    out = []
    for d in [d for d in plan.departments if d.listed and d.source_line in ocr_lines]:
        name = d.section + d.bureau
        if _abbreviates(d.abbr, name):
            continue  # an abbreviation of its section as read (情報 of 情報統計課)
        near = [
            a for a, n in used.items() if a not in listed and Levenshtein.distance(a, d.abbr) == 1
        ]
        # an abbreviation the lists print that its section's name holds, a character read
        # otherwise (秘天 for 秘書 of 秘書広聴課, 障かい for 障がい), however often the lists
        # print the misreading too
        fitting = [a for a in near if len(a) == len(d.abbr) and _abbreviates(a, name)]
        pick = fitting or [a for a in near if used[a] >= 2 and not used[d.abbr]]
        if len(pick) != 1:
            continue
        old, new = d.abbr, pick[0]
        plan.departments = [e for e in plan.departments if e.listed or e.abbr != new]
        d.abbr = new
        listed = (listed - {old}) | {new}
        out.append(
            _snapped(d.record_id, old, new, d.bureau, d.section, d.source_line, d.source_page)
        )
    return out


def _nearest(abbr: str, table: Iterable[str], used: Counter[str]) -> str | None:
    # one character misread, dropped or added (【あいづっこ)】: a bracket read inside); between two
    # as near, the one that differs by a voiced mark (スボ: スポ, not スマ), else the one the
    # plan prints at least twice as often (ス1: スマ, printed 23 times, not スポ, 9)
    close = [a for a in table if Levenshtein.distance(abbr, a) == 1 and len(a) > 1]
    if len(close) > 1:
        close = [a for a in close if _voicing_only(abbr, a)] or close
    if len(close) > 1:
        close.sort(key=lambda a: -used[a])
        if used[close[0]] >= 2 * max(1, used[close[1]]):
            close = close[:1]
    return close[0] if len(close) == 1 else None


def _voicing_only(a: str, b: str) -> bool:
    """Same length, differing only in ゛/゜ marks (ボ/ポ, ハ/バ)."""

    def base(s: str) -> str:
        return "".join(unicodedata.normalize("NFD", ch)[0] for ch in s)

    return len(a) == len(b) and a != b and base(a) == base(b)


def repair_numbers(plan: Plan, doc: Document) -> list[Finding]:
    """A figure printed with thousands separators that OCR read as periods (3.210人, 1.229g):
    a count is always whole; any other figure is repaired when another figure of its row (the
    baseline, the actual value, the target) is read so too, or is nearer its repaired
    magnitude (1.229g beside 970g is 1,229g)."""
    ocr_lines = {line.no for line in doc.lines if line.confidence is not None}
    out = []
    for r in [*plan.numeric_targets, *plan.kpis]:
        if r.source_line not in ocr_lines:
            continue
        pair = {"baseline": r.baseline, "target": r.target}
        if r.actual is not None:
            pair["actual"] = r.actual  # (実績値 between them)
        for which, value in pair.items():
            if value.value is None or not _PERIOD_THOUSANDS.match(value.raw.replace(" ", "")):
                continue
            others = [v for k, v in pair.items() if k != which]
            if not (
                value.unit.startswith(_COUNTED) or any(_thousands_fit(value, o) for o in others)
            ):
                continue
            repaired = round(value.value * 1000)
            setattr(r, which, value.model_copy(update={"value": float(repaired)}))
            out.append(_number_finding(r, which, value, repaired))
    return out


def _thousands_fit(value: Value, other: Value) -> bool:
    if other.value is None or other.unit != value.unit:
        return False
    if not value.unit or value.unit in ("%", "％", "倍", "ポイント", "pt"):
        return False  # a ratio may have three decimals (1.345)
    if _PERIOD_THOUSANDS.match(other.raw.replace(" ", "")):
        return True
    if not other.value or not value.value:
        return False
    as_read = abs(math.log10(abs(value.value / other.value)))
    repaired = abs(math.log10(abs(value.value * 1000 / other.value)))
    return repaired < as_read and repaired < 1.0


def _number_finding(r: Indicator, which: str, value: Value, repaired: int) -> Finding:
    return messages.finding(
        "ocr.number_repaired",
        {
            "record_id": r.record_id,
            "indicator": r.indicator,
            "which": which,
            "raw": value.raw,
            "unit": value.unit,
            "repaired": f"{repaired:,}",
        },
        line=r.source_line,
        page=r.source_page,
        record_id=r.record_id,
        key=r.indicator,
    )


def repair_titles(plan: Plan, doc: Document) -> list[Finding]:
    """A goal or policy title read by OCR against the other places the plan prints it (the
    overview table, the captions over its lists): the spelling read most surely wins."""
    confidence = {line.no: line.confidence for line in doc.lines}
    notes = {m.group(1) for line in doc.lines if (m := _NOTE.match(line.text))}
    # numbered titles printed in a cell (a 体系 table's `イ　地域交通の…` the parse keeps as no
    # overview): more readings to merge characters from
    printed = [
        (line.no, m.group("title").strip())
        for line in doc.lines
        if line.confidence is not None
        for cell in line.cells
        # (イィ地域交通の…: a kana number with a speck read as a small kana after it)
        if (m := NUMBERED_TITLE.match(_SPECKED_KANA_NUMBER.sub(r"\1", cell)))
    ]
    out = []
    records: list[Goal | Policy] = [*plan.goals, *plan.policies]
    for r in records:
        own = confidence.get(r.source_line)
        if own is None:
            continue
        policy_no = getattr(r, "policy_no", None)
        others = [
            e
            for e in [*plan.overview, *plan.captions]
            if e.goal_no == r.goal_no and e.policy_no == policy_no and e.title
        ]
        # no title opens with a stop, a stroke or a quote, nor ends with a dot, a dash or a
        # stroke (。生涯学習…, ”結婚…, 移住・定住の促進・: specks read before or after it); a
        # 「 or 」 with no partner is a speck too; a raised number the plan has no note for is
        # a speck, and a kana read twice, as hiragana and as katakana (活<sup>1</sup>かカした),
        # is one
        title = _clean_title(r.title, notes)
        if title and title != r.title:
            out.append(_title_finding(r, r.title, title, form="specks"))
            r.title = title
        votes: dict[str, float] = {r.title: own}
        for e in others:
            other = _clean_title(e.title, notes)  # cleaned alike
            if Levenshtein.distance(other, r.title) <= max(2, len(r.title) // 8):
                votes[other] = votes.get(other, 0.0) + (confidence.get(e.source_line) or 0.0)
        best = max(votes, key=lambda t: (votes[t], t == r.title))
        if best == r.title:
            # two readings that each misread a character (峰らしのデジタル化 beside the 体系
            # table's 暮らしのテジタル化): the characters the dictionary reads words with
            readings = [t for t in votes if t != r.title] + [
                t for no, t in printed if no != r.source_line and t != r.title
            ]
            best = max(
                (_merged(r.title, other) for other in readings), key=_covered, default=r.title
            )
            if _covered(best) <= _covered(r.title):
                continue
        old = r.title
        r.title = best
        out.append(_title_finding(r, old, best))
    return out


_SPECKED_KANA_NUMBER = re.compile(r"^([\s　]*[ア-ン])[ァィゥェォッ]")
_LARGE_OF = {**LARGE_KANA, "っ": "つ", "ッ": "ツ"}


def _covered(text: str) -> int:
    """How many of the characters the dictionary's words cover."""
    return sum(1 for n in coverage(text) if n)


def _merged(a: str, b: str) -> str:
    """Two readings of one title as long as each other, differing in a character in six at most
    (three at most; 農林業 and 商工業 are two titles): at each of those, the reading's character
    that leaves more of the title in words (`a` where the two cover alike)."""
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    if len(a) != len(b) or not diff or len(diff) > min(3, max(1, len(a) // 6)):
        return a
    # (a kana large or small is no reading to choose by words: 暮らしゃ is one too)
    diff = [i for i in diff if _LARGE_OF.get(a[i], a[i]) != _LARGE_OF.get(b[i], b[i])]
    best = a
    for picks in itertools.product((0, 1), repeat=len(diff)):
        chars = list(a)
        for i, pick in zip(diff, picks, strict=True):
            chars[i] = (a, b)[pick][i]
        text = "".join(chars)
        if _covered(text) > _covered(best):
            best = text
    return best


# 力 read as katakana カ (once or twice) after a hiragana or a kanji and before a hiragana
# (港と産業のカカで, 魅カを): a lone katakana there is no word (a counter's カ stands before its
# noun: 一カ所, 3カ月)
_KA_FOR_CHIKARA = re.compile(r"(?<=[\u3041-\u3096\u4e00-\u9fff])カ{1,2}(?=[\u3041-\u3096])")


def _clean_title(title: str, notes: set[str]) -> str:
    """A title read by OCR without its specks, a kana read twice and 力 read as カ."""
    return _KA_FOR_CHIKARA.sub("力", _twin_kana(_stray_marker(_title_specks(title), notes)))


# A stroke between two Japanese characters: a speck before a wrapped title's rest, joined in
# with it (`…切れ目のない` over `|支援`); no title prints one
_STROKE_INSIDE = re.compile(
    r"(?<=[\u3041-\u30ff\u4e00-\u9fff])[|｜](?=[\u3041-\u30ff\u4e00-\u9fff])"
)


def _title_specks(title: str) -> str:
    title = title.lstrip("。、_.,・･-－ー|｜”“\"' ").rstrip("、_.,・･-－|｜”“\"':; ")
    title = _STROKE_INSIDE.sub("", title)
    if title.startswith("「") and "」" not in title:
        title = title[1:]
    if title.endswith("」") and "「" not in title:
        title = title[:-1]
    return title


# A note the plan prints: a line opening with its raised number (<sup>9</sup> KPI「…」は…)
_NOTE = re.compile(r"^\s*<sup>(\d{1,3})</sup>\s*[^\s]*[\u3041-\u30ff\u4e00-\u9fff]{2}")
_MARKER_INSIDE = re.compile(
    r"(?<=[\u3041-\u30ff\u4e00-\u9fff])<sup>(\d{1,3})</sup>(?=[\u3041-\u30ff\u4e00-\u9fff]|\s*$)"
)


def _stray_marker(title: str, notes: set[str]) -> str:
    """A raised number inside a title, between two Japanese characters, or at its end, that no
    note of the plan carries as a raised number: a speck read as a footnote marker."""
    return _MARKER_INSIDE.sub(lambda m: m.group(0) if m.group(1) in notes else "", title)


def _twin_kana(title: str) -> str:
    """`かカ`: a hiragana followed by its own katakana (or the other way round) is one kana read
    twice; the one of the script around it is kept."""
    out = list(title)
    i = 1
    while i < len(out):
        a, b = out[i - 1], out[i]
        if _KATA_OF.get(a) == b or _KATA_OF.get(b) == a:
            katakana_after = i + 1 < len(out) and "\u30a1" <= out[i + 1] <= "\u30fa"
            hira = a if a in _KATA_OF else b
            kata = b if hira == a else a
            del out[i - 1 : i + 1]
            out.insert(i - 1, kata if katakana_after else hira)
            continue
        i += 1
    return "".join(out)


_KATA_OF = {chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)}


def _title_finding(r: Goal | Policy, old: str, new: str, form: str = "") -> Finding:
    return messages.finding(
        "ocr.title_repaired",
        {**({"form": form} if form else {}), "record_id": r.record_id, "old": old, "new": new},
        line=r.source_line,
        page=r.source_page,
        record_id=r.record_id,
        key=new,
    )


def vote_names(plan: Plan, doc: Document) -> list[Finding]:
    """A ※再掲 row names a project (or KPI) printed before: when OCR read the two a character
    or two apart (and no earlier row has the relisted name as read), they are one name, and the
    spelling read more surely — the sum of its printings' line confidence — is taken for both
    (`ocr.name_voted`). Spellings that differ in a digit are different names."""
    confidence = {line.no: line.confidence for line in doc.lines}
    out: list[Finding] = []
    families: list[list[Project | Indicator]] = [list(plan.projects), list(plan.kpis)]
    for records in families:
        weight: Counter[str] = Counter()
        for r in records:
            weight[_name(r)] += confidence.get(r.source_line) or 100.0
        originals = {_name(r): r for r in reversed(records) if not r.relisted}
        for r in records:
            name = _name(r)
            if not r.relisted or name in originals or confidence.get(r.source_line) is None:
                continue
            near = [o for o in originals if _one_name(name, o)]
            if len(near) != 1:
                continue
            # the surer spelling; as sure, the original's
            chosen = near[0] if weight[near[0]] >= weight[name] else name
            for rec in (r, originals[near[0]]):
                old = _name(rec)
                if old == chosen or confidence.get(rec.source_line) is None:
                    continue
                _set_name(rec, chosen)
                out.append(
                    messages.finding(
                        "ocr.name_voted",
                        {"record_id": rec.record_id, "old": old, "new": chosen},
                        line=rec.source_line,
                        page=rec.source_page,
                        record_id=rec.record_id,
                        key=chosen,
                    )
                )
    return out


def _name(r: Project | Indicator) -> str:
    return r.name if isinstance(r, Project) else r.indicator


def _set_name(r: Project | Indicator, name: str) -> None:
    if isinstance(r, Project):
        r.name = name
    else:
        r.indicator = name


def _one_name(a: str, b: str) -> bool:
    """Two readings of one name: one character apart in five, two at most, no digit differs."""
    if abs(len(a) - len(b)) > 1:
        return False
    limit = min(2, max(len(a), len(b)) // 5)
    if limit < 1:
        return False
    ops = Levenshtein.editops(a, b)
    if len(ops) > limit:
        return False
    for op in ops:
        for ch in (a[op.src_pos : op.src_pos + 1], b[op.dest_pos : op.dest_pos + 1]):
            if op.tag != "insert" and ch and ch.isdigit():
                return False
            if op.tag == "insert" and b[op.dest_pos : op.dest_pos + 1].isdigit():
                return False
    return True


def plan_to_ocr_findings(
    plan: Plan,
    doc: Document,
    min_confidence: float,
    confusions: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Finding]:
    """Repair what the plan allows, and report what OCR did (in place for the repairs);
    `confusions`: rules/ocr_confusions.csv (what OCR reads → what was printed)."""
    if not doc.ocr_pages and not doc.unread_pages:
        return []
    return [
        *document_to_findings(doc, min_confidence),
        *repair_titles(plan, doc),
        *vote_names(plan, doc),
        *snap_departments(plan, doc),
        *vote_departments(plan, doc),
        # (units first: 216.406白万円 beside 227.500百万円 is read in thousands once both are 百万円)
        *repair_units(plan, doc, confusions or {}),
        *repair_numbers(plan, doc),
    ]


# --- before the parse: the plan's own words at the places that carry its structure -------------


@dataclass(frozen=True)
class Vocabulary:
    """The words the parser reads a plan's structure by (from [parse]): numbering labels
    (基本目標, 取組方針 …), block captions (数値目標, 事務事業一覧 …) and table header words
    (現状値, 目標値 …)."""

    labels: tuple[str, ...]
    captions: tuple[str, ...]
    headers: tuple[str, ...]
    short_headers: tuple[str, ...] = ()  # 略称, 課名: repaired only as a whole cell
    departments: DepartmentWords | None = None
    baseline: tuple[str, ...] = ()  # 現状値, 基準値 … (not the actual values' words)
    target: tuple[str, ...] = ()  # 目標値, 目標
    policy: tuple[str, ...] = ()  # 取組方針, 施策 … (a KPI table's first column may name them)
    prose: tuple[str, ...] = ()  # 現状と課題, 期待される効果 … (captions of prose blocks)
    actual: tuple[str, ...] = ()  # 実績値, 中間値 …

    @property
    def every(self) -> tuple[str, ...]:
        return (*self.labels, *self.captions, *self.headers)

    @classmethod
    def of(cls, s: ParseSettings) -> Vocabulary:
        labels = (*s.goal_words, *s.policy_words)
        captions = (
            *s.target_words,
            *s.kpi_words,
            *s.project_words,
            *s.direction_words,
            *s.department_words,
        )
        # a table's header may name its first column by a label (取組方針 | 指標 | 現状値 …),
        # and a value's year column by its word (基準年度, 目標年度: not 目標値度)
        years = tuple(
            w.removesuffix("値") + "年度"
            for w in (*s.baseline_words, *s.target_value_words)
            if w.endswith("値")
        )
        # (主な事業 over the projects beside a KPI table)
        headers = (*s.header_words(), *labels, *years, *s.project_words)
        short = tuple(w for w in dict.fromkeys(headers) if len(w) == 2)
        departments = DepartmentWords(
            s.department_words,
            s.abbr_words,
            s.bureau_words,
            s.section_words,
            s.bureau_suffixes,
            s.section_suffixes,
        )
        baseline = tuple(w for w in s.baseline_words if w not in s.actual_words)
        return cls(
            _words(labels),
            _words(captions),
            _words(headers),
            short,
            departments,
            baseline,
            s.target_value_words,
            s.policy_words,
            _words(s.prose_words),
            s.actual_words,
        )


@dataclass(frozen=True)
class DepartmentWords:
    """How the parser knows a 略称対応表: its caption words, its header words per column (略称 |
    部 | 課名) and the endings of the bureaus and sections its rows print."""

    captions: tuple[str, ...]
    abbr: tuple[str, ...]
    bureau: tuple[str, ...]
    section: tuple[str, ...]
    bureau_suffixes: tuple[str, ...]
    section_suffixes: tuple[str, ...]


def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Longest first; words of fewer than three characters are too short to tell a misreading
    from another word."""
    # (in the settings' order where as long: a set's order would change between runs)
    return tuple(sorted(dict.fromkeys(w for w in words if len(w) >= 3), key=len, reverse=True))


_NUMBER_AFTER = re.compile(
    r"^[\s　]*(?:[0-9０-９]|[一二三四五六七八九十]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[(（][0-9０-９])"
)
# An era name misread (令和 → 信和, 合和) before a year: the other characters never stand there
# (the western year may stand in brackets before 年: 念和5 (2023)年度).
_ERA = re.compile(
    r"(?<![令昭平])[一-龥](?=和[.・,]?(?:[0-9０-９]{1,2}|元)"
    r"(?:\s?[(（]\s?(?:19|20)[0-9]{2}\s?[)）])?年)"
)
# ... with a speck read between the era name and its year (令和.11年度)
_ERA_SPECK = re.compile(
    r"(?<=[令平昭]和)[.・,](?=(?:[0-9０-９]{1,2}|元)年)|(?<=平成)[.・,](?=[0-9０-９])"
)
# Specks read before a list's mark at a line's start (!・, ～〇, '〇): no text opens so
_SPECK_BEFORE_MARK = re.compile(r"^([\s　]*)[!！|｜'\"`~～:;§・]+\s*(?=[・〇○●◆◇■□▶◎])")
# ... and after a line's closing bracket or full stop (…事業(健康課)・, …を達成します(…)。:), and a
# colon read twice (令和5年度:: 24.6%)
_SPECK_AFTER_END = re.compile(r"(?<=[)）】」])\s*[.．・･§|'\"]+$|(?<=。)\s*[:;.,'\"|・]+$")
# ... and a small letter or a stroke after a leader's department (…子育て支援課i): no name ends so
_SPECK_AFTER_LEADER = re.compile(r"(?<=…)([^…]+[課室局])[a-z|!]$")
_COLON_TWICE = re.compile(r"(?<=[度年]):[:;.]")


# A label word and its number opening a line (重点戦略2, ■政策目標Ⅲ): kanji only, so that no
# sentence or value is taken for a label.
_LABEL_START = re.compile(r"([一-龥]{3,6})(?=[0-9０-９ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])")


def _plan_labels(doc: Document) -> tuple[str, ...]:
    """The label words the plan numbers its own headings by, whatever the settings call its
    levels (重点戦略1, 重点戦略2 …): a word that opens two or more lines of one cell before a
    number, so that a third misread (軍点戦略3) is repaired as the configured words are."""
    seen: Counter[str] = Counter()
    for line in doc.lines:
        if len(line.cells) != 1:
            continue
        lead = LEAD.match(line.cells[0])
        m = _LABEL_START.match(line.cells[0], lead.end() if lead else 0)
        if m:
            seen[m.group(1)] += 1
    return tuple(w for w, n in seen.items() if n >= 2)


def _allowed(word: str, numbered: bool, plan_word: bool, header: bool = False) -> int:
    """Characters that may be misread in `word` at a heading position: one in four or more
    (in three in a table's header row, or before a number); two in six or more, or when a
    number follows (a numbered heading) or the row is a table's header, and the plan prints the
    word elsewhere."""
    if len(word) < 4:
        return 1 if numbered or header else 0
    if len(word) >= 6 or ((numbered or header) and plan_word):
        return 2
    return 1


def _snap_start(
    rest: str,
    words: tuple[str, ...],
    printed: Counter[str],
    need_number: bool,
    header: bool = False,
) -> tuple[str, str] | None:
    """(printed, word) when `rest` opens with a misreading of one of `words`."""
    best: tuple[tuple[int, int], str, str] | None = None
    tied = False
    for word in words:
        for n in (len(word), len(word) - 1, len(word) + 1):
            seg = rest[:n]
            if len(seg) < n or seg[:1] in " 　" or printed[seg] >= max(2, printed[word]):
                continue  # a word the plan prints as often as this one is its own
            numbered = bool(_NUMBER_AFTER.match(rest[n:]))
            if need_number and not numbered:
                continue
            numbered = numbered and need_number  # a caption's number counts for nothing
            d = Levenshtein.distance(seg, word)
            if 0 < d <= _allowed(word, numbered, printed[word] >= 2, header):
                # the nearest word; between two as near, the one the plan prints more often
                key = (d, -printed[word])
                if best is None or key < best[0]:
                    best, tied = (key, seg, word), False
                elif key == best[0] and word != best[2]:
                    tied = True
    return (best[1], best[2]) if best and not tied else None


# `(1)` opening a heading read as `(①` (the digit and its bracket taken for one circled digit)
_PAREN_CIRCLED = re.compile(
    r"^([\s　#]*)[(（]([\u2460-\u2473])(?:[)）](?=\s*[一-龥ぁ-んァ-ヶ「]))?(?![)）])"
)


# (and closed: (①)結婚・出産… for ⑴)
# `(1)` opening a cell read with a space inside or one bracket for another: (1 ), (1】), 【2)
_PAREN_MIXED = re.compile(
    r"^([\s　]*)(?:[(（]\s*([0-9]{1,2})(?:\s+[)）]|\s*[】〕][)）]?)|[【〔]([0-9]{1,2})[)）])"
)


def _mixed_paren(m: re.Match[str]) -> str:
    return f"{m.group(1)}({m.group(2) or m.group(3)})"


# ... or read twice, as a bracketed digit and a circled one ((3③健康づくり… for ⑶)
_PAREN_TWICE = re.compile(r"^([\s　#]*)[(（]([1-9])[)）]?([①-⑨])(?=[一-龥ぁ-んァ-ヶ「])")


def _paren_twice(m: re.Match[str]) -> str:
    if ord(m.group(3)) - 0x2460 + 1 != int(m.group(2)):
        return m.group(0)
    return f"{m.group(1)}({m.group(2)})　"


def _paren_number(m: re.Match[str]) -> str:
    return f"{m.group(1)}({ord(m.group(2)) - 0x2460 + 1})"


# A heading's number read as a raised footnote number (`<sup>1</sup>.地域産業…`): a footnote
# marker is never followed by a full stop.
_SUP_STOP = re.compile(r"^([\s　#]*)<sup>(\d{1,2})</sup>(?=[.．、])")
# An arrow between two figures read as っ (1.4人/年っ4組/年)
_ARROW = re.compile(r"(?<=[0-9０-９%％)）件人年月日組回円校団体])っ(?=\s*[0-9０-９▲△－\-約])")
# ... or as つ/ツ, or lost, between a labelled value's year tag and the next label
# (現状値1人(R5)つ目標値年2人(R11)): built per plan from its value words (_labelled_arrow)
_ARROW_GAP = r"(?<=[)）])[\s　]*[つっツ.・,]*[\s　]*"
# ... or as > or ラ after a figure's year tag (1.38 (R4) >1.45, 11.2% (R6)ラ11.0%)
_ARROW_AFTER_YEAR = re.compile(r"(?<=[)）])\s*[>＞ラ]\s*(?=[0-9０-９▲△])")
# ... and ⇒ read as = after a figure's year tag or unit (3,128億円(R2) =3,300億円(R11))
_ARROW_EQUALS = re.compile(r"(?<=[)）%％件人円])\s*[=＝]\s*(?=[0-9０-９▲△－約])")
# The space after a heading's number that Tesseract drops next to Japanese (ア移住・定住の促進,
# 1しごとの…): put back where a kana number or a one- or two-digit number runs into a
# character no counter or unit starts with.
# A caption in angle brackets with its opening one read as く or ぐ (く主な事業>)
_ANGLE_CAPTION = re.compile(r"^([\s　]*)[くぐ]([^\s<>＜＞〈〉]*[一-龥][^\s<>＜＞〈〉]*)[>＞〉]\s*$")
# A heading's (ア) with a speck read beside the kana inside its brackets: (了ア), (アー)
_KANA_SPECK = re.compile(
    r"^([\s　#]*)[(（](?:[^アイウエオカキクケコ()（）\s]([アイウエオカキクケコ])"
    r"|([アイウエオカキクケコ])[^アイウエオカキクケコ()（）\s])[)）]"
)
_KANA_NUMBER = re.compile(r"^([\s　#]*)([アイウエオカキクケコ])[ァィゥェォ]?(?=[一-龥々])")
# ① read as ⑪ (alone, or after the ① read right): in a plan that numbers nothing ⑩
_CIRCLED_ELEVEN = re.compile(r"^([\s　#]*)①?⑪")
_DIGIT_NUMBER = re.compile(
    r"^([\s　#]*)([0-9０-９]{1,2})(?=[一-龥々ぁ-んァ-ヶ])(?![件人回年月日時分円万億千百校社名歳戸台本冊個か箇カヵケ所ヶ倍位割点期次代号条項部章節])"
)


# A space Tesseract puts inside a figure after its separator (60. 0, 8, 450)
_SPLIT_FIGURE = re.compile(r"(?<=\d[.,]) (?=\d)")
# A serif figure's small decimal point read as the ideographic full stop (23。0%): no text
# prints 。 between two digits
_FULL_STOP_POINT = re.compile(r"(?<=\d)。(?=\d)")
# A comma read as an ellipsis between two words (つながりを築き…新しい): a photocopy's 、 and the
# speck beside it, after a kana (a plan sets … at a phrase's end; a leader, 企画…企画政策課, after a name)
_ELLIPSIS_COMMA = re.compile(r"(?<=[ぁ-ん])[…‥](?=[ぁ-ん一-龥々ァ-ヶ])")
# A speck read right after a comma or a stop (子どもを産み育て、:健やかに): no mark follows one
_SPECK_AFTER_COMMA = re.compile(r"(?<=[、。])[:;'`\"]+(?=[ぁ-ん一-龥々ァ-ヶ「])")
# ... or after a colon or a value word (新規就農者数:.現状値, 目標値. 6.0万人): no stop follows one
_SPECK_AFTER_LABEL = re.compile(
    r"(?<=[:：])[\s　]*[.．・,，'`]+|(?<=値)[.．・,，]+\s*(?=[0-9０-９人Aム一])|(?<=\d,)[.．](?=\d{3})"
)
# ... or between a word and its bracket (年2人.(R11), 6.0万人. (R11)): text sets no stop there
_SPECK_BEFORE_BRACKET = re.compile(r"(?<=[\u3041-\u30ff\u4e00-\u9fff])[.．']\s?(?=[(（])")
# A year tag's opening bracket read as a letter (4.6万人tR5)): after a unit, before an era year
_YEAR_OPENED = re.compile(r"(?<=[\u3041-\u30ff\u4e00-\u9fff%％])[tfiIl|{\[](?=[RH][0-9]{1,2}[)）])")
# A subtitle's ～ read as long vowel marks or a kanji one (ーー人が行き交うまち一, ~~): no word
# opens with ー, and a line closed by one of these too is a subtitle
_SUBTITLE_READ = re.compile(
    r"^([\s　]*)(?:ー{1,2}|[~～〜]{2}|一ー|ー一)(?=[^\sー一~～〜])(.{4,40}?)[ー一~～〜]{1,2}$"
)
# A page number the text prints between dashes with a speck read beside it (-14-・, ・- 12 -)
_SPECKED_PAGE_NUMBER = re.compile(
    r"^[\s　・.,:;'`|]*([-－―‐–—ー]\s*[0-9]{1,4}\s*[-－―‐–—ー])[\s　・.,:;'`|]*$"
)
# A brace or a stroke read after a heading's last character (…の切れ目ない支援}): a speck
_SPECK_AFTER_TITLE = re.compile(r"(?<=[一-龥々ぁ-んァ-ヶ）)])\s*[}｜|]$")
# ... and between its digits where a unit follows the figure (2 5件, 1 1 2経営体, 4,12 0人, 7 0 %):
# wide-set type; a list of numbers (SDGs 8 9) ends with no unit
_SPACED_FIGURE = re.compile(r"(?<![\d.,A-Za-z])\d[\d,.]*(?: \d[\d,.]*)+(?= ?[%％]|[^\s\x00-\x7f])")
_SPACED_PERCENT = re.compile(r"(?<=\d) (?=[%％])")


def _respace(cell: str, alone: bool, tenth: bool = True) -> str:
    """`alone`: the line's only cell (a heading may open it; a table cell's name may well
    start with a number or a kana: 3世代同居…); `tenth`: the plan numbers a ⑩."""
    cell = _SPLIT_FIGURE.sub("", _SUP_STOP.sub(r"\1\2", _FULL_STOP_POINT.sub(".", cell)))
    cell = _SPECK_AFTER_COMMA.sub("", _ELLIPSIS_COMMA.sub("、", cell))
    cell = _SPECK_BEFORE_BRACKET.sub("", _SPECK_AFTER_LABEL.sub("", cell))
    cell = _YEAR_OPENED.sub("(", cell)
    cell = _SPACED_FIGURE.sub(lambda m: m.group(0).replace(" ", ""), cell)
    cell = _SPACED_PERCENT.sub("", cell)
    if not tenth:
        cell = _CIRCLED_ELEVEN.sub(r"\1①", cell)
    cell = _ARROW_EQUALS.sub("⇒", _ARROW.sub("→", _ARROW_AFTER_YEAR.sub("→", cell)))
    if not alone:
        return cell
    cell = _SPECK_AFTER_END.sub("", _SPECK_BEFORE_MARK.sub(r"\1", cell))
    cell = _SPECK_AFTER_LEADER.sub(r"\1", cell)
    if (page := _SPECKED_PAGE_NUMBER.match(cell)) and cell.strip() != page.group(1):
        cell = page.group(1)
    cell = _SUBTITLE_READ.sub(r"\1～\2～", cell)
    cell = _COLON_TWICE.sub(":", cell)
    if "{" not in cell:
        cell = _SPECK_AFTER_TITLE.sub("", cell)
    cell = _ANGLE_CAPTION.sub(r"\1〈\2〉", cell)
    cell = _DOUBLE_CIRCLE.sub("◎", _CIRCLE_TWICE.sub("〇", cell))
    cell = _KANA_SPECK.sub(lambda m: f"{m.group(1)}({m.group(2) or m.group(3)})", cell)
    return _DIGIT_NUMBER.sub(r"\1\2 ", _KANA_NUMBER.sub(r"\1\2 ", cell))


def _labelled_arrow(cell: str, vocab: Vocabulary) -> str:
    """`現状値1人(R5)つ目標値年2人(R11)` → `現状値1人(R5)→目標値年2人(R11)`: a target printed with its
    value words, the arrow between them read as a kana or lost. Only after a baseline word and a
    year tag's closing bracket, so that no other text gets an arrow."""
    if not vocab.baseline or not vocab.target:
        return cell
    base = "|".join(map(re.escape, vocab.baseline))
    target = "|".join(map(re.escape, sorted(vocab.target, key=len, reverse=True)))
    # the line's mark (◎) read as circled numbers, ©, 〇 or a speck before its label word, a
    # baseline's word after it (⑧⑨数値目標:創業件数基準値…, ③⑤KPI :…): a circled number
    # opens a heading of its own
    captions = "|".join(map(re.escape, vocab.captions))
    cell = re.sub(
        rf"^([\s　]*){_LABEL_MARK_READ}(?=(?:{captions})[\s　]*[:：].*(?:{base}))", r"\1", cell
    )
    if "→" not in cell:
        m = re.search(rf"(?:{base}).*?{_ARROW_GAP}(?=(?:{target}))", cell)
        if m is None:
            return cell
        gap = re.search(rf"{_ARROW_GAP}$", m.group(0))
        assert gap is not None  # (the pattern ends with it)
        cell = cell[: m.start() + gap.start()] + "→" + cell[m.end() :]
    if not re.search(rf"(?:{base}).*→[\s　]*(?:{target})", cell):
        return cell
    # the wide space before the baseline's word lost (新規就農者数基準値年4人): the word is the
    # value's label still, not the indicator's end
    # (three characters or more: 現状 may end a name)
    named = "|".join(map(re.escape, (w for w in vocab.baseline if len(w) >= 3)))
    if named:
        cell = re.sub(rf"(?<=[一-龥々ぁ-んァ-ヶー）)])(?=(?:{named}).*→)", "　", cell, count=1)
    return _labelled_values(cell, "|".join((base, target)))


_LABEL_MARK_READ = r"[①-⑳©〇○iIl|・.,'\"§]{1,3}"


# In such a line: a value's △ read as 人 or A (現状値人21人), its dash as 一 (現状値一(R5)), and the
# line's mark (◇) read as a kana before the indicator's first kanji (ツ社会増減数); trailing specks
_LINE_MARK_KANA = re.compile(r"^([\s　]*)[つっツ](?=[一-龥])")
_LINE_END_SPECK = re.compile(r"(?<=[)）])\s*[§iIl|!¡'\"]+$")


def _labelled_values(cell: str, words: str) -> str:
    cell = re.sub(rf"((?:{words})[\s　:：]*)[Aムへ人](?=[0-9０-９])", r"\1△", cell)
    cell = re.sub(rf"((?:{words})[\s　:：]*)一(?=[\s　]*[(（])", r"\1―", cell)
    return _LINE_END_SPECK.sub("", _LINE_MARK_KANA.sub(r"\1", cell))


# A line's mark misread: ◎ as © (or a ⑨ before it, ⑨©成果指標); ○ read twice, as a letter O
# and as itself (O〇創業相談窓口事業). © opens no line of a plan's text before Japanese.
_DOUBLE_CIRCLE = re.compile(r"^(?:[\s　]*)(?:⑨?©|⑨◎)(?=[一-龥ぁ-んァ-ヶ「【])")
_MARK_TWICE = re.compile(r"\s*[oO〇○][oO〇○]\s*")
_CIRCLE_TWICE = re.compile(r"^(?:[\s　]*)[Oo0](?=[〇○][一-龥ぁ-んァ-ヶ「])")


# Marks OCR reads at a table cell's end from a speck or a rule's edge: a stroke, a bracket with
# nothing it closes, an opening quote, a semicolon, an equals sign; after a space a stop or a
# comma too, and a stop after a closing bracket. A cell of a Japanese plan never ends so (a colon
# or ！ may: 担当：, 宣言！). Runs of ー after a closing bracket are a rule's stub (ーー after
# （年間）: a long vowel mark follows kana, never a bracket).
_SPECK_END = re.compile(
    r"(?:\s*[|｜=“‘’;'_]|\s+[.,．，・:]|(?<=[)）】」])[.．・･]|(?<=[)）】」])ー+"
    # a stop, a comma or a hyphen after a name's last kanji (農地集積推進事業・, ふるさと大使事業-,
    # 農林水産課.): a name ends in its word
    r"|(?<=[業課室所画会金費館局部])[.．,・-]"
    # a middle dot after a kanji or a hiragana (関係人口の創出・): no cell ends on one, a line
    # of one cell may (a title wrapped after 、 or ・); after katakana it may join a word
    r"|(?<=[\u3041-\u309f\u4e00-\u9fff])・)+$"
)
# A speck and a mark read before a cell's name (に=保育士確保…): no name opens with = or |
_SPECK_START = re.compile(r"^[^\s=＝|｜]?[=＝|｜]\s*(?=[一-龥ァ-ヶ])")
_BRACKET_END = re.compile(r"\s*[\]］\[［]$")
# A figure's cell ending in a stop after its unit (53件・, 279,467kW.): a speck.
_VALUE_STOP = re.compile(r"^([0-9０-９].*[^\s0-9０-９.,．，])[・.,．，]$")


# Inside a cell: a stop or an apostrophe between a Japanese character and the next character or
# bracket (比較値.（小学6年生）, 能力、'運動) is a speck
_SPECK_INSIDE = re.compile(
    r"(?<=[、\u3041-\u30ff\u4e00-\u9fff])[.．'](?=[（(「\u3041-\u30ff\u4e00-\u9fff])"
    # closing brackets right after a cell's bracketed number ((2)】)関係…): no text opens so
    r"|(?<=^[(（][0-9０-９][)）])\s*[】)）\]」』]+"
)
# A figure's cell: a lone digit after its unit and a space (51.9% 1) is a speck; a colon between
# a figure's digits is its comma (1:000人), and so is a period after 億 (1億5.820万円)
_VALUE_DIGIT_END = re.compile(r"^([0-9０-９].*[^\s0-9０-９.,])\s+[0-9]$")
_VALUE_COLON = re.compile(r"^([0-9]{1,3}):(?=[0-9]{3}(?![0-9]))")
# …億 and a count of 万 below 10,000 with its separator read as a period (1億5.820万円): never a
# fraction there
_OKU_PERIOD = re.compile(r"(?<=億[0-9])[.．](?=[0-9]{3}万)")


# A figure's sign misread (Gothic and Mincho △ ▲ as A, ム, 人, へ or runs of them; － as ー; ＋ as
# 十) in a value cell: no figure of a plan opens so, and an indicator's name is the row's first cell
# (two digits at least: 人7 is a header's 単位 misread)
_SIGN_READ = re.compile(
    r"^\s*(?:(?P<minus>[Aムへ人]{1,3}|ー{1,2})|(?P<plus>十))\s*(?=[0-9][0-9,.]*[0-9][^\s0-9]{0,6}(?:\s*[(（][^)）]{1,8}[)）]?)?$)"
)

# A figure's first digit read as the Latin letter it looks like (Z29.382kW, O.5%, I2件) in a
# value cell: the rest a figure and its unit, as the sign above
_DIGIT_AS_LETTER = re.compile(
    r"^\s*(?P<letter>[ZOIlSG])(?=[0-9,.]*[0-9][^\s0-9]{0,6}(?:\s*[(（][^)）]{1,8}[)）]?)?$)"
)
_LETTER_DIGITS = {"Z": "2", "O": "0", "I": "1", "l": "1", "S": "5", "G": "6"}


def _value_signs(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A table row's value cells (all but the first) whose sign OCR misread, the sign put back:
    `A86人(R5)`, `ム214`, `人A1.2%` → `△86人(R5)` …, `ー142人` → `－142人`, `十1.0` → `＋1.0` (which
    negative sign was printed, △ or ▲, is not told: both mean a fall); a first digit read as a
    letter, `Z29.382kW` → `229.382kW`."""

    def sign(m: re.Match[str]) -> str:
        if m.group("plus"):
            return "＋"
        return "－" if "ー" in m.group("minus") else "△"

    def digit(m: re.Match[str]) -> str:
        return m.group(0)[: m.start("letter") - m.start()] + _LETTER_DIGITS[m.group("letter")]

    if not cells:
        return cells
    return (
        cells[0],
        *(_DIGIT_AS_LETTER.sub(digit, _SIGN_READ.sub(sign, c)) for c in cells[1:]),
    )


def _strip_specks(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A table row's cells without the specks read at their ends (`5% |` → `5%`, `3 .` → `3`,
    `（年間）ーー` → `（年間）`, `【農政】.` → `【農政】`, `51.9% 1` → `51.9%`) or inside them
    (`比較値.（` → `比較値（`); a `]` is kept where the cell opens a `[`; a lone ○ read twice
    (`oO`) is one."""
    out = []
    for cell in cells:
        text = _VALUE_COLON.sub(r"\1,", _SPECK_INSIDE.sub("", _SPECK_START.sub("", cell)))
        text = _OKU_PERIOD.sub(",", text)
        text = _VALUE_DIGIT_END.sub(r"\1", text)
        while True:
            before = text
            text = _VALUE_STOP.sub(r"\1", _SPECK_END.sub("", text))
            if _BRACKET_END.search(text) and not re.search(r"[\[［][^\]］]*[\]］]$", text):
                text = _BRACKET_END.sub("", text)
            if text == before:
                break
        if _MARK_TWICE.fullmatch(text):
            text = "○"  # a cell's lone ○ read twice (oO, O〇)
        # a cell of one mark stays (○, ー), but a stroke alone is a rule's edge
        out.append(text if text.strip() or cell.strip() in ("|", "｜") else cell)
    return tuple(out)


def _repair_line(
    line: Line, vocab: Vocabulary, printed: Counter[str], style: NumberStyle
) -> tuple[str, ...]:
    alone = one_cell(line.cells)
    cells = [
        _respace(
            _PAREN_CIRCLED.sub(
                _paren_number,
                _PAREN_MIXED.sub(
                    _mixed_paren,
                    _PAREN_TWICE.sub(_paren_twice, _ERA_SPECK.sub("", _ERA.sub("令", c))),
                ),
            ),
            alone,
            style.tenth,
        )
        for c in line.cells
    ]
    # 基本目標Ⅰ read as 基本目標| or l: the plan's own numbering after its label words
    cells = [_labelled_arrow(style.first(c, vocab.labels), vocab) for c in cells]
    if len(cells) >= 2:  # a table row (a row of one filled cell too)
        cells = list(_value_signs(_strip_specks(tuple(cells))))
    filled = [i for i, c in enumerate(cells) if c.strip()]
    header = (
        len(filled) >= 2
        and _header_row([cells[i] for i in filled], vocab)
        and not _body_row(tuple(cells))
    )
    for i in filled:
        text = cells[i]
        lead = LEAD.match(text)
        at = lead.end() if lead else 0
        rest = text[at:]
        if not rest or rest[0].isdigit():
            continue  # a value, not a word
        if rest.startswith(vocab.every):
            continue  # read right
        # a numbering label (基本日標1, 族閣方針2) at the start of any cell
        got = _snap_start(rest, vocab.labels, printed, need_number=True)
        if got is None and len(filled) == 1 and len(rest) <= 30:
            # a caption (■事務事業一覧, 【数値目標】) alone on its line
            got = _snap_start(rest, vocab.captions, printed, need_number=False)
        if got is None and header:
            got = _snap_start(rest, vocab.headers, printed, need_number=False, header=True)
            if got is not None:
                # a header word the cell holds is kept whole, and none is pushed aside
                # (中間目標（R9） read right is neither 中間値標 nor 中間値目標)
                heads = (*vocab.headers, *vocab.short_headers)
                after = rest[len(got[0]) :]
                if after.startswith(heads) or any(
                    w in rest and w not in got[1] + after for w in heads
                ):
                    got = None
            if got is not None and any(got[1] in c for c in cells):
                got = None  # the row has that column already (基準年度 beside 基準値)
        if got is None and header and len(rest) == 2 and rest not in vocab.short_headers:
            # a two-character header cell (賠称 | 部 | 暴名): a word the plan prints elsewhere
            near = [
                w for w in vocab.short_headers if printed[w] and Levenshtein.distance(rest, w) == 1
            ]
            got = (rest, near[0]) if len(near) == 1 else None
        if got is None and header and (y := _YEAR_WORD.match(rest)):
            # a header's year before its word, the word misread (R5実症, R11卓標, RR5実績)
            year = _era_year(y.group(1)[-1], y.group(2))
            near = [
                w
                for w in dict.fromkeys((*vocab.short_headers, *vocab.headers))
                if len(w) == len(y.group(3)) and Levenshtein.distance(w, y.group(3)) == 1
            ]
            known = (*vocab.short_headers, *vocab.headers)
            if len(near) > 1:  # (a year heads a value's column: 卓標 is 目標, not 指標)
                near = [w for w in near if w in (*vocab.baseline, *vocab.actual, *vocab.target)]
            if year and len(near) == 1 and y.group(3) not in known:
                got = (rest, year + near[0])
        if got is not None:
            seg, word = got
            cells[i] = text[:at] + word + rest[len(seg) :]
    if header:
        # a header cell read as a lone digit or stroke (増減 → 1): no column is headed so
        cells = [
            "" if i in filled[1:] and _LONE_MARK.fullmatch(cells[i].strip()) else c
            for i, c in enumerate(cells)
        ]
    if len(filled) == 1 and (m := _CAPTION_UNCLOSED.match(cells[filled[0]])):
        if m.group(2) in vocab.captions:  # (〔主な事業 : its closing bracket lost)
            cells[filled[0]] = m.group(0) + _CLOSERS[m.group(1)]
    return tuple(cells)


# A header's year before its word (R5実績, R11目標): the era's initial read twice too (RR5)
_YEAR_WORD = re.compile(r"^([RH]{1,2})([0-9IlO]{1,2})([^\s0-9]{2,3})$")
_LONE_MARK = re.compile(r"[0-9Il|!]")


# A caption whose closing bracket OCR lost (〔主な事業)
_CLOSERS = {
    "〔": "〕",
    "【": "】",
    "［": "］",
    "[": "]",
    "＜": "＞",
    "〈": "〉",
    "《": "》",
    "（": "）",
    "(": ")",
    "<": ">",
}
_CAPTION_UNCLOSED = re.compile(r"^\s*([〔【［\[＜〈《（(])([^〕】］\]＞〉》）)\s]{2,12})$")


# 【所管課】 closed by a bracket OCR took for another (【学教』), or not closed at all (【健増)
_WRONG_CLOSE = re.compile(r"【([^【】\s]{1,8})[』」\]］〕)）|｜](?=\s*(?:※[^【】]*)?$)")
_UNCLOSED = re.compile(r"【([^【】\s]{1,6})(?=\s*(?:※[^【】]*)?$)")
# ... or opened by a bracket OCR took for another (事業[商工】, 事業〔北まち】, 事業{男女】)
_WRONG_OPEN = re.compile(
    r"(?<=[^\s【])[\[［〔{｛(（]([^【】\s\[\]［］〔〕{}()（）]{1,6})】(?=\s*(?:※[^【】]*)?$)"
)


# A figure's year in brackets after it with a bracket misread (216,406百万円〔R2), 970g LR7),
# 946人【(R7), 50% (R7}): the era's initial and a year in one or two digits
_YEAR_TAG = re.compile(
    r"^([^（(〔\[【{\s]{0,6}?[0-9０-９][^（(〔\[【{]*?)(\s*(?:【\(|【（|[〔\[【{LU(（]))"
    r"\s*[KIL]?([RH])\s?([0-9IlOG]{1,2})\s?([0-9IlO]?)\s*[)）\]】}]$"
)
# A year alone in its cell (a table's year column): R11 read as RII, R1 1, KR11; R6 as RG; its
# brackets read as braces or twice ({R12), (R1}))
_YEAR_ALONE = re.compile(r"^[KIL(（{]?\s*([RH])\s?([0-9IlOG]{1,2})\s?([0-9IlO]?)\s*[)）}\]]{0,2}$")
_YEAR_DIGITS = str.maketrans("IlOG", "1106")


def _era_year(era: str, *digits: str) -> str | None:
    """`R11` from the era's initial and its digits as read (I, l for 1; O for 0; G for 6)."""
    read = "".join(digits)
    number = read.translate(_YEAR_DIGITS)
    if number.isdigit() and int(number) > 40 and read[:1] in "Il":
        number = number[1:]  # (RI11: a speck before R11 read as I)
    return f"{era}{int(number)}" if number.isdigit() and 1 <= int(number) <= 40 else None


def _year_tag(cell: str) -> str:
    m = _YEAR_TAG.match(cell)
    if not m:
        return cell
    year = _era_year(m.group(3), m.group(4), m.group(5))
    if not year or re.search(rf"[(（]{year}[)）]$", cell):
        return cell  # (read right: left as printed)
    return f"{m.group(1)}（{year}）"


# A header's year tag read with I or l for 1, C for its opening bracket (目標値(RI1), 中間値CR8))
_HEADER_YEAR = re.compile(
    r"(?<=[値績標準度時])\s*([(（C])\s*([RH])\s?([0-9IlOG]{1,2})\s?([0-9IlO]?)\s*[)）}\]]$"
)


def _header_year(cell: str) -> str:
    m = _HEADER_YEAR.search(cell)
    year = _era_year(m.group(2), m.group(3), m.group(4)) if m else None
    if m is None or year is None:
        return cell
    opening = "(" if m.group(1) in "(C" else "（"
    closing = ")" if opening == "(" else "）"
    return cell[: m.start()] + opening + year + closing


def _year_alone(cell: str) -> str:
    m = _YEAR_ALONE.match(cell.strip())
    year = _era_year(*m.groups()) if m else None
    return year if year and year != cell.strip() else cell


def _close_brackets(cells: tuple[str, ...], row_ends_here: bool) -> tuple[str, ...]:
    """A department in 【】 at a cell's end with its opening or closing bracket misread, or its
    closing one lost. An unclosed one is closed only where the row cannot go on (the next line
    is on the same page: a ruled table's row is cut by a page break, nowhere else)."""
    out = []
    for cell in cells:
        cell = _year_tag(_WRONG_OPEN.sub(r"【\1】", _WRONG_CLOSE.sub(r"【\1】", cell)))
        cell = _header_year(_year_alone(cell))
        if row_ends_here:
            cell = _UNCLOSED.sub(r"【\1】", cell)
        out.append(cell)
    return tuple(out)


@dataclass(frozen=True)
class NumberStyle:
    """How the plan numbers: roman after its label words (基本目標Ⅱ) or not; a ⑩ or not."""

    roman: bool
    tenth: bool

    @classmethod
    def of(cls, doc: Document, labels: tuple[str, ...]) -> NumberStyle:
        starts = [c.lstrip(" 　#■【") for line in doc.lines for c in line.cells]
        after = [s[len(w) : len(w) + 1] for s in starts for w in labels if s.startswith(w)]
        roman = sum(ch in "ⅡⅢⅣⅤⅥⅦⅧⅨⅩ" for ch in after)
        arabic = sum(ch.isdigit() for ch in after)
        return cls(roman > arabic, any(s.startswith("⑩") for s in starts))

    def first(self, cell: str, labels: tuple[str, ...]) -> str:
        lead = LEAD.match(cell)
        at = lead.end() if lead else 0
        for w in labels:
            end = at + len(w)
            if cell.startswith(w, at) and re.match(r"[|lI!](?![A-Za-z|!])", cell[end : end + 2]):
                return cell[:end] + ("Ⅰ" if self.roman else "1") + " " + cell[end + 1 :].lstrip()
        return cell


def _header_row(cells: list[str], vocab: Vocabulary) -> bool:
    """Two of the row's cells hold a header word, or open with one misread by one character."""
    hits = 0
    for cell in cells:
        key = cell.replace(" ", "")
        if any(w in key for w in (*vocab.headers, *vocab.short_headers)) or any(
            Levenshtein.distance(key[: len(w)], w) <= 1 for w in vocab.headers
        ):
            hits += 1
        elif (y := _YEAR_WORD.match(key)) and any(
            len(w) == len(y.group(3)) and Levenshtein.distance(w, y.group(3)) <= 1
            for w in vocab.short_headers
        ):
            hits += 1  # (R5実症: a year before a two-character header word, one misread)
    return hits >= 2


_DIGITS = re.compile(r"\d+")


def _body_row(cells: tuple[str, ...]) -> bool:
    """Two figures with their units (3.480件 | 3.720件): a table's row of values, whatever
    words its other cells hold (現状維持 holds the header word 現状)."""
    return sum(bool(_FIGURE_WITH_UNIT.search(c)) for c in cells) >= 2


def _printed_headers(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """The rows that print a table's header: two header words or more, no row of values."""
    rows: dict[int, tuple[str, ...]] = {}
    for k, line in enumerate(doc.lines):
        cells = repaired.get(k, line.cells)
        filled = [c for c in cells if c.strip()]
        if len(filled) >= 2 and _header_row(filled, vocab) and not _body_row(cells):
            rows[k] = cells
    return rows


def _header_words(cell: str, vocab: Vocabulary) -> int:
    # (in full width too: ＫＰＩ is the word KPI)
    wide = unicodedata.normalize("NFKC", cell)
    return sum(1 for w in (*vocab.every, *vocab.short_headers) if w in cell or w in wide)


def _vote_header_cells(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """A plan prints the same table header over and over (every policy's KPI table): a header
    cell read once as what the plan's other header rows print at least twice, a character or two
    apart (日筆値（令和8年度） → 目標値（令和8年度）), is that cell misread. Its figures must agree (a table of another year keeps its
    own), and at most two characters, and two in five, may differ."""
    rows = _printed_headers(doc, repaired, vocab)
    seen: Counter[str] = Counter(c.strip() for cells in rows.values() for c in cells if c.strip())
    common = [c for c, n in seen.items() if n >= 2]
    out: dict[int, tuple[str, ...]] = {}
    for k, cells in rows.items():
        if k not in repaired:
            continue  # not read by OCR
        new = list(cells)
        for i, cell in enumerate(cells):
            text = cell.strip()
            if not text or seen[text] >= 2:
                continue
            # never away from the plan's header words (所管課 → 所官課, a misreading the
            # plan's rows repeat)
            words = _header_words(text, vocab)
            near = [
                (Levenshtein.distance(text, c), -seen[c], c)
                for c in common
                if (_DIGITS.findall(c) == _DIGITS.findall(text) or _speck_after(text, c))
                and _header_words(c, vocab) >= words
            ]
            near = [t for t in near if 0 < t[0] <= min(2, 0.4 * max(len(text), len(t[2])))]
            if not near:
                continue
            near.sort()
            if len(near) > 1 and near[0][:2] == near[1][:2]:
                continue  # two as near: no telling
            new[i] = near[0][2]
        if new != list(cells):
            out[k] = tuple(new)
    return out


def _form(numbering: bool, specks: bool) -> dict[str, str]:
    """The sentence an `ocr.word_repaired` finding takes: a row's number, specks, or words."""
    if numbering:
        return {"form": "numbering"}
    return {"form": "specks"} if specks else {}


_SMALL_NUMBER = re.compile(r"^[0-9０-９]{1,2}$")


def _repair_numbering(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """A table's first column that numbers its rows (a KPI table's 取組方針 1, 2, 3) ascends: a
    number read out of order between two that leave it one value (a `4` between 1 and 3 is 2,
    between two 2s is 2) is that value misread. A table is the rows of two cells or more after
    a header row; its first column must hold nothing but numbers of one or two digits, three at
    least, and be in order but for that one (1, 2, 3, 1, 2: two tables, nothing repaired)."""
    out: dict[int, tuple[str, ...]] = {}
    run: list[tuple[int, int]] = []  # (line index, number) of the current table's first column
    numbering = True

    def settle() -> None:
        if numbering and len(run) >= 3:
            fix = _out_of_order([n for _k, n in run])
            if fix is not None:
                i, value = fix
                k = run[i][0]
                cells = list(repaired[k])
                cells[0] = str(value)
                out[k] = tuple(cells)
        run.clear()

    for k, line in enumerate(doc.lines):
        if line.is_blank:
            continue
        cells = repaired.get(k, line.cells)
        filled = [c for c in cells if c.strip()]
        if len(cells) < 2 or (len(filled) >= 2 and _header_row(filled, vocab)):
            settle()
            numbering = True
            continue
        first = cells[0].strip()
        if not first:
            continue
        if _SMALL_NUMBER.match(first) and k in repaired:
            run.append((k, int(unicodedata.normalize("NFKC", first))))
        else:
            numbering = False
    settle()
    return out


def _out_of_order(numbers: list[int]) -> tuple[int, int] | None:
    """(index, value) of the one number that breaks an ascending run, when its neighbours leave
    it one value; None when the run ascends, or more break it, or the value is not certain."""
    bad = [i for i in range(1, len(numbers)) if numbers[i] < numbers[i - 1]]
    if len(bad) != 1:
        return None
    fits = []
    # the number before the drop is too high, or the one after it too low
    for i in (bad[0] - 1, bad[0]):
        rest = numbers[:i] + numbers[i + 1 :]
        if i <= 0 or i >= len(numbers) - 1 or any(b < a for a, b in itertools.pairwise(rest)):
            continue
        before, after = numbers[i - 1], numbers[i + 1]
        if after == before:
            fits.append((i, before))
        elif after - before == 2:
            fits.append((i, before + 1))
    return fits[0] if len(fits) == 1 else None  # 1, 2, 1, 2: either could be misread


def _header_by_column(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """A plan prints one table header over and over (指標名 | 基準値（令和元年度） | 実績値… |
    目標値…); a cell of such a header row read with no header word at all (夷陽値（令和元年度）,
    葵値（令和元年度）) where the other printings of that header, the same in most of their other
    cells, print a header word in that column, is the reading they print most (three printings
    at least; the figures of the two must agree)."""
    rows = _printed_headers(doc, repaired, vocab)
    out: dict[int, tuple[str, ...]] = {}
    for width in {len(c) for c in rows.values()}:
        group = {k: c for k, c in rows.items() if len(c) == width}
        if len(group) < 3:
            continue
        template = [
            Counter(c[i].strip() for c in group.values()).most_common(1)[0][0] for i in range(width)
        ]
        # A printing of the header with one header word left (花鶴値（R5） | 実績値（R6） | R7 …
        # R11: only 実績値 is a word) is the header still where its other cells are the
        # template's: the vote names its cells too.
        for k, line in enumerate(doc.lines):
            cells = repaired.get(k, line.cells)
            if k in group or k not in repaired or len(cells) != width or _body_row(cells):
                continue
            same = sum(1 for j in range(width) if _agrees(cells[j], template[j]))
            if 2 * same >= width and any(_header_words(c.strip(), vocab) for c in cells):
                group[k] = cells
        for i in range(width):
            named = Counter(
                c[i].strip() for c in group.values() if _header_words(c[i].strip(), vocab)
            ).most_common(2)
            if not named or (len(named) > 1 and named[0][1] == named[1][1]):
                continue
            word = named[0][0]
            # (the printings of that word: a header of another table as wide, 事業名 | 事業の内容 |
            # 主担当課 | 関係課 beside 指標名 | 基準値 | 実績値 | 目標値, is no printing of it)
            printers = [c for c in group.values() if c[i].strip() == word]
            for k, cells in group.items():
                text = cells[i].strip()
                if k not in repaired or not text or _header_words(text, vocab):
                    continue
                same = max(
                    sum(1 for j in range(width) if j != i and _agrees(cells[j], p[j].strip()))
                    for p in printers
                )
                if 2 * same < width - 1 or _DIGITS.findall(text) != _DIGITS.findall(word):
                    continue
                if abs(len(text) - len(word)) > 2:
                    continue
                if word in vocab.captions and Levenshtein.distance(text, word) > len(word) // 3:
                    continue  # (a table's kind word, 数値目標 over KPI's: most is no evidence)
                new = list(out.get(k, cells))
                new[i] = word
                out[k] = tuple(new)
        for k, cells in group.items():
            if k not in repaired:
                continue
            new = list(out.get(k, cells))
            for i in range(width):
                text = cells[i].strip().replace(" ", "")
                if _YEAR_ONLY.match(template[i]) and _YEAR_READ.match(text):
                    # a year's column read as no year (RS, RY, RT7 for R8, R9, R7) where the
                    # other printings print one: theirs (a year read as another is kept)
                    if not _YEAR_ONLY.match(text) and text[0] == template[i][0]:
                        new[i] = template[i]
            if len(cells[0].strip()) == 1 and not cells[0].strip().isalpha():
                # the indicator's header word read as a digit or a speck (3 | 基準値（R5） … for
                # ＫＰＩ): left blank, where the table stands tells which table it is
                if _header_words(template[0], vocab):
                    new[0] = ""
            if new != list(out.get(k, cells)):
                out[k] = tuple(new)
    return out


_YEAR_READ = re.compile(r"^[RH][0-9A-Za-z]{1,3}$")


def _agrees(cell: str, template: str) -> bool:
    """A header cell as the header's other printings print it, or its year misread (RT7, RY,
    RII for R7, R9, R11)."""
    text = cell.strip()
    return text == template or (
        bool(_YEAR_ONLY.match(template))
        and bool(_YEAR_READ.match(text.replace(" ", "")))
        and text[:1] == template[:1]
    )


# A figure's cell (3人, 6,420, △86人, ム86人 as OCR reads △, 年5人, 累計15, ー for none) and a
# year's alone (R5, RI1, KR11 as OCR reads R11, 2019年度)
_FIGURE_CELL = re.compile(r"^(?:[△▲ム約年累計]\s*)*[0-9０-９]|^[ー－―-]{1,2}$")
_YEAR_CELL = re.compile(r"^[IKLU]?[RH]\s?[0-9IlOG]{1,2}\s?[0-9IlO]?$|^(?:19|20)\d\d年度?$")
_FIGURE_WITH_UNIT = re.compile(r"[0-9０-９]\s*(?:人|件|日|円|%|％|回|億|万|世帯|組|戸|か所|箇所)")
_YEAR_ONLY = re.compile(
    r"^[(（]?\s*(?:令和|平成|[RH]|19|20)\s?[0-9元]{1,2}\s?(?:[0-9]{2})?(?:年度|年)?\s*[)）]?$"
)
_POLICY_CELL = re.compile(r"^[(（【〔]\s*[0-9０-９]\s*[)）】〕]|^[0-9０-９]{1,2}[-ー－][0-9０-９]")
_YEAR_TAG_IN = re.compile(r"(?:令和|平成|[RH])\s?(?:[0-9]{1,2}(?!\d)|元)(?:年度|年)?")


def _value_label_read(cell: str, vocab: Vocabulary) -> bool:
    """A turned table's row label as OCR reads it: a value's word (現状値（R5）) or a short cell,
    no figure, with a year in brackets (基玲休(R5), 且衝値(RII): the word read past telling)."""
    text = cell.strip()
    if any(w in text for w in (*vocab.baseline, *vocab.target, *vocab.actual)):
        return True
    year = _YEAR_TAG_IN.search(text.replace("I", "1").replace("l", "1"))
    return bool(year) and len(text) <= 12 and not _FIGURE_CELL.match(text)


def _turned_rows(rows: list[list[str]], vocab: Vocabulary) -> bool:
    """Rows of a table printed turned (`現状値（R5） | 年3人 | 112経営体`): each led by a value's
    label, figures after it."""
    return len(rows) >= 2 and all(
        r and _value_label_read(r[0], vocab) and any(_FIGURE_CELL.match(c) for c in r[1:])
        for r in rows
    )


def _turned_labels(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """A table printed turned (`区分 | 指標 | 指標` over `基準値（R5） | 値 | 値` and `目標値（R11） |
    値 | 値`) read with its rows' value words misread (基玲休(R5), 且衝値(RII)): its first row is
    the baseline's and its last the target's, as a header's first and last columns of figures
    are — each label two characters at most from a value word is that row's word, its year kept.
    Only rows right under a header of names (no figure) of as many cells or more."""
    if not vocab.baseline or not vocab.target:
        return {}
    values = (*vocab.baseline, *vocab.target, *vocab.actual)
    lines = [(k, line) for k, line in enumerate(doc.lines) if not line.is_blank]
    out: dict[int, tuple[str, ...]] = {}
    for n, (k, line) in enumerate(lines):
        cells = [c.strip() for c in repaired.get(k, line.cells)]
        if len([c for c in cells if c]) < 2 or any(_FIGURE_CELL.match(c) for c in cells):
            continue
        rows: list[tuple[int, list[str]]] = []
        for i, row in lines[n + 1 : n + 5]:
            body = [c.strip() for c in repaired.get(i, row.cells)]
            if len(body) > len(cells) or not _turned_rows([body, body], vocab):
                break
            rows.append((i, body))
        if len(rows) < 2:
            continue
        for (i, body), words in ((rows[0], vocab.baseline), (rows[-1], vocab.target)):
            label = body[0]
            if i not in repaired or any(w in label for w in values):
                continue  # (not read by OCR, or its word read right)
            # (I and l read for 1 one for one: the year's place is the label's)
            tag = _YEAR_TAG_IN.search(label.replace("I", "1").replace("l", "1"))
            word = label[: tag.start()].rstrip(" (（〔[{") if tag else label
            near = min(words, key=lambda w: (Levenshtein.distance(w, word), -len(w)))
            if not word or Levenshtein.distance(near, word) > 2:
                continue
            year = f"（{tag.group(0).replace(' ', '')}）" if tag else ""
            out[i] = (near + year, *repaired.get(i, doc.lines[i].cells)[1:])
    return out


def _header_by_values(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """A KPI table's header row read past recognition (指標|単位|琶葵値|目標年度|且条値) is
    named by the rows under it: over the first column of figures stands the baseline, over
    the last the target (a column of years alone before the first figures is the baseline's
    year, after it the target's), and any other cell within half its characters of a header
    word is that word. Only a row of three cells or more, none a figure, over rows of the same
    columns with two figures or more; a cell that names its column's role already is kept."""
    if not vocab.baseline or not vocab.target:
        return {}
    lines = [(k, line) for k, line in enumerate(doc.lines) if not line.is_blank]
    out: dict[int, tuple[str, ...]] = {}
    for n, (k, _line) in enumerate(lines):
        if k not in repaired:
            continue  # not read by OCR
        cells = [c.strip() for c in repaired[k]]
        filled = [c for c in cells if c]
        if len(filled) < 3 or any(_FIGURE_CELL.match(c) or _YEAR_CELL.match(c) for c in filled):
            continue
        if any(_FIGURE_WITH_UNIT.search(c) for c in filled):
            continue  # a figure with its unit in a cell (延べ243日): a row of the table
        above = (
            [c.strip() for c in repaired.get(lines[n - 1][0], lines[n - 1][1].cells)] if n else []
        )
        if any(_YEAR_ONLY.match(c) for c in filled) or all(
            any(w in c for c in above for w in ws) for ws in (vocab.baseline, vocab.target)
        ):
            continue  # a header's second row ((KPI) | (2014年度) | (2019年度)), its first named
        rows = []
        for _i, row in lines[n + 1 : n + 4]:
            body = [c.strip() for c in repaired.get(_i, row.cells)]
            if len(body) != len(cells) or sum(bool(_FIGURE_CELL.match(c)) for c in body) < 2:
                break
            rows.append(body)
        if not rows or _turned_rows(rows, vocab):
            continue  # (a table printed turned: its header names indicators, its rows values)

        def share(col: int, pattern: re.Pattern[str], rows: list[list[str]] = rows) -> bool:
            return 2 * sum(bool(pattern.match(r[col])) for r in rows) > len(rows)

        years = [c for c in range(1, len(cells)) if share(c, _YEAR_CELL)]
        figures = [c for c in range(1, len(cells)) if c not in years and share(c, _FIGURE_CELL)]
        if len(figures) < 2 or not all(cells[c] for c in figures):
            continue
        new = list(cells)
        for col, words in ((figures[0], vocab.baseline), (figures[-1], vocab.target)):
            if any(w in c and w + "年度" not in c for c in cells for w in words):
                continue  # (the row names it: a column of targets left blank in these rows)
            word = min(words, key=lambda w: (Levenshtein.distance(w, cells[col]), -len(w)))
            # (the year it names kept: 現状値（R5）, 目標値 （令和8年度）)
            tag = _YEAR_TAG_IN.search(cells[col].replace("I", "1").replace("l", "1"))
            new[col] = word + (f"（{tag.group(0).replace(' ', '')}）" if tag else "")
        # each value's year beside it, on the side the first year column stands (年度 | 値 |
        # 年度 | 値, or 値 | 年度 | 値 | 年度)
        side = -1 if years and years[0] < figures[0] else 1
        roles = {figures[0] + side: vocab.baseline, figures[-1] + side: vocab.target}
        printed = [c.strip() for c in doc.lines[k].cells]
        for col in years:
            role = roles.get(col)
            named = [
                w for w in vocab.headers if w.endswith("年度") and w[:-2] + "値" in (role or ())
            ]
            if named and cells[col] and not any(w in cells[col] for w in named):
                # (over a word an earlier repair chose by its characters alone: 兵葵年度 is as
                # near 目標年度 as 基準年度; its place tells)
                read = printed[col] if len(printed) == len(cells) else cells[col]
                new[col] = min(named, key=lambda w: Levenshtein.distance(w, read))
        first = next(c for c, text in enumerate(cells) if text)
        numbered = [r[first] for r in rows if r[first]]  # (on a group's first row only)
        if (
            vocab.policy
            and numbered
            and all(_POLICY_CELL.match(c) for c in numbered)
            and not any(w in cells[first] for w in vocab.headers)
        ):
            # the rows open with a policy's number ((1)農業の振興…): its column
            new[first] = min(
                vocab.policy, key=lambda w: (Levenshtein.distance(w, cells[first]), len(w))
            )
        for col, text in enumerate(cells):
            if new[col] != text or not text or col in figures:
                continue
            if any(w in text for w in (*vocab.headers, *vocab.short_headers)):
                continue  # (指標 is no misread 指標名)
            near = min(vocab.headers, key=lambda w: Levenshtein.distance(w, text))
            if 0 < Levenshtein.distance(near, text) <= len(near) // 2 and near not in new:
                new[col] = near
        out[k] = tuple(new)
    return out


def _repair_department_header(
    doc: Document, repaired: dict[int, tuple[str, ...]], words: DepartmentWords | None
) -> dict[int, tuple[str, ...]]:
    """The header row under a 略称対応表 caption read past recognition (夏槍 | 部 | nm名 for 略称 |
    部 | 課名: two characters of two) is named by what its columns hold: a column of section
    names (…課, …室) is 課名, one of bureaus (…部, …局) left of it 部, and the column before
    those 略称 — each cell the header word of its role nearest to what was read."""
    if words is None:
        return {}
    out: dict[int, tuple[str, ...]] = {}
    lines = [(k, line) for k, line in enumerate(doc.lines) if not line.is_blank]
    for n, (k, line) in enumerate(lines[:-1]):
        cells = repaired.get(k, line.cells)
        if not one_cell(cells) or not any(
            w in cells[0] or w in "".join(cells) for w in words.captions
        ):
            continue
        j, head = lines[n + 1]
        header = list(repaired.get(j, head.cells))
        if j not in repaired or len(header) < 3 or any(w in c for c in header for w in words.abbr):
            continue
        rows = []
        for i, row in lines[n + 2 : n + 80]:
            if len(repaired.get(i, row.cells)) != len(header):
                break
            rows.append(repaired.get(i, row.cells))
        roles = [_column_role([r[c].strip() for r in rows], words) for c in range(len(header))]
        new = list(header)
        for c, role in enumerate(roles):
            if role != "section":
                continue
            name = [c]
            if c >= 1 and roles[c - 1] == "bureau":
                name.insert(0, c - 1)
            if name[0] >= 1 and roles[name[0] - 1] == "":
                name.insert(0, name[0] - 1)
            kinds = (("abbr", "bureau", "section") if len(name) == 3 else ("abbr", "section"))[
                -len(name) :
            ]
            for col, kind in zip(name, kinds, strict=True):
                choices = getattr(words, kind)
                if not any(w in header[col] for w in choices):
                    new[col] = min(choices, key=lambda w: Levenshtein.distance(w, header[col]))
        if new != header:
            out[j] = tuple(new)
    return out


def _column_role(cells: list[str], words: DepartmentWords) -> str:
    """'section' or 'bureau' when most of the column's filled cells end so, else ''."""
    filled = [c for c in cells if c]
    if len(filled) < 3:
        return ""
    sections = sum(1 for c in filled if len(c) > 2 and c.endswith(words.section_suffixes))
    bureaus = sum(1 for c in filled if c.endswith(words.bureau_suffixes))
    # (a row that slipped puts a section in the bureau column, mostly blank: the bureau carries)
    if sections * 2 > len(filled) and sections > bureaus:
        return "section"
    return "bureau" if bureaus * 2 >= len(filled) and bureaus > sections else ""


_ITEM_CELL = re.compile(r"^[(（【〔]?\s*[0-9０-９ア-ン①-⑳ⅠⅡⅢⅣⅤ]{1,2}\s*[)）】〕.．、]|^[■◆●○・]")


def _heading_cut_into_cells(
    repaired: dict[int, tuple[str, ...]], labels: tuple[str, ...]
) -> dict[int, tuple[str, ...]]:
    """A heading set over a table's columns, read as one of its rows (施策分野1農業の担い手確保と生産
    | | | 生の向上): its first cell opens with a label word and its number, no cell holds a
    figure — its cells are one line again."""
    out: dict[int, tuple[str, ...]] = {}
    for k, cells in repaired.items():
        filled = [c.strip() for c in cells if c.strip()]
        if len(filled) < 2 or not cells[0].strip() or len("".join(filled)) > 60:
            continue
        lead = LEAD.match(cells[0])
        rest = cells[0][lead.end() if lead else 0 :]
        word = next((w for w in labels if rest.startswith(w)), None)
        number = _NUMBER_AFTER.match(rest[len(word) :]) if word else None
        if number is None or len(rest[len(word) + number.end() :].strip()) < 4:
            continue  # (an overview's 基本目標1 | 地域の… : the label alone in its cell)
        if any(_FIGURE_CELL.match(c) or _ITEM_CELL.match(c) for c in filled[1:]):
            continue  # (an overview's row: a policy's number in the next cell)
        out[k] = ("".join(filled),)
    return out


# Specks read after a row's label (施策名・, 施策番号。): a stop, a dot, a colon, a quote, a stroke
_LABEL_SPECKS = " 　・。.,．，:;'\"|｜"


def _label_specks(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """A row's first cell that labels the row (施策番号 | 1-1, 施策名 | …, 目指す姿 | …) is
    printed on every sheet: read once with a speck after it (施策名・), or a character off
    (放策名, 目指す要, モな事業 in 8 pt Mincho cells), it is the label the plan's other rows print
    in that place three times or more (the sheet's labels are what the parser reads it by) —
    where no other label is as near."""
    firsts = Counter(cells[0].strip() for cells in repaired.values() if len(cells) >= 2)
    labels = [w for w, n in firsts.items() if n >= 3 and len(w) >= 3]
    out: dict[int, tuple[str, ...]] = {}
    for k, cells in repaired.items():
        text = cells[0].strip()
        if len(cells) < 2 or not text or text in labels:
            continue
        label = text.rstrip(_LABEL_SPECKS)
        if label not in labels:
            near = [w for w in labels if Levenshtein.distance(w, label) == 1]
            if firsts[label] > 1 or len(label) < 3 or len(near) != 1:
                continue  # (a cell the plan prints twice is its own)
            label = near[0]
        out[k] = (label, *cells[1:])
    return out


def _page_footers(doc: Document) -> dict[int, tuple[str, ...]]:
    """A page number in the page's foot or head read as other characters (本才8, 8才8 for a
    small centred `- 8 -`): the last (or first) line of its page, short, printed at the same place
    on two pages or more, is page furniture — as `- n -` where a digit was read in it."""
    by_page: dict[int, list[int]] = {}
    for k, line in enumerate(doc.lines):
        if line.confidence is not None and not line.is_blank and line.box and line.page:
            by_page.setdefault(line.page, []).append(k)
    ends = [ks[i] for ks in by_page.values() if len(ks) >= 2 for i in (0, -1)]

    def place(k: int) -> tuple[float, float]:
        x0, top, x1, _ = doc.lines[k].box  # type: ignore[misc]
        return ((x0 + x1) / 2, top)

    out = {}
    for k in ends:
        text = doc.lines[k].text.strip()
        digits = re.findall(r"[0-9]{1,3}", text)
        if len(text) > 8 or len(set(digits)) != 1 or _PAGE_LIKE.match(text):
            continue
        same = [
            j
            for j in ends
            if doc.lines[j].page != doc.lines[k].page
            and all(abs(a - b) <= 3 for a, b in zip(place(j), place(k), strict=True))
        ]
        if same:
            out[k] = (f"- {digits[0]} -",)
    return out


_PAGE_LIKE = re.compile(r"^[-－―‐–—ー\s]*[0-9]{1,3}[-－―‐–—ー\s]*$")


# A department in brackets at a line's end (事業〔産業振興部〕, 事業【農政】), its brackets read as
# the other kind or the closing one lost: 【産業振興部〕, 〔企画部】, 【産業振興部
_DEPT_END = re.compile(
    r"(?<=[\u3041-\u30ff\u4e00-\u9fff）)])([【〔])([\u3041-\u30ff\u4e00-\u9fff・、]{2,12}?)([】〕]?)(\s*(?:※[^【】〔〕]*)?)$"
)  # (after a name: a caption alone, 〔数値目標〕, is no department)


def _department_brackets(repaired: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """The brackets of a department after a name at a cell's end as the plan prints them: where
    most such cells of the plan close with one kind (〕 or 】), one opened or closed with the
    other kind, or unclosed, gets the plan's pair (【産業振興部〕 → 〔産業振興部〕)."""
    # the closing bracket is read surely where the opening one is taken for the other kind
    kinds = Counter(
        m.group(3)
        for cells in repaired.values()
        for c in cells
        if (m := _DEPT_END.search(c)) and m.group(3)
    )
    if not kinds:
        return {}
    closing, n = kinds.most_common(1)[0]
    if n < 3 or n < 2 * (sum(kinds.values()) - n):
        return {}
    opening = "【〔"["】〕".index(closing)]
    out = {}
    for k, cells in repaired.items():
        new = tuple(
            c[: m.start()] + opening + m.group(2) + closing + m.group(4)
            if (m := _DEPT_END.search(c)) and (m.group(1) + m.group(3)) != opening + closing
            else c
            for c in cells
        )
        if new != cells:
            out[k] = new
    return out


_NOTE_END = re.compile(r"※\s*(\S{1,4})$")
_RELISTED = "再掲"


def _repair_relisted(
    doc: Document, repaired: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """A table cell ending in ※ and a word or two the plan prints there at most a third as
    often as its ※再掲 (※和, ※再更, ※青掲: the relisted mark misread; never digits alone, ※1
    is a note) is a relisted row: its mark is ※再掲."""
    ends: Counter[str] = Counter()
    for k, line in enumerate(doc.lines):
        for cell in repaired.get(k, line.cells):
            if m := _NOTE_END.search(cell.strip()):
                ends[m.group(1)] += 1
    if ends[_RELISTED] < 3:
        return {}
    out: dict[int, tuple[str, ...]] = {}
    for k, cells in repaired.items():
        if len(cells) < 2:
            continue
        new = []
        for cell in cells:
            m = _NOTE_END.search(cell.rstrip())
            word = m.group(1) if m else ""
            if m and word != _RELISTED and not word.isdigit() and 3 * ends[word] <= ends[_RELISTED]:
                cell = cell.rstrip()[: m.start()] + "※" + _RELISTED
            new.append(cell)
        if new != list(cells):
            out[k] = tuple(new)
    return out


def _repair_kind_cells(
    doc: Document, repaired: dict[int, tuple[str, ...]], vocab: Vocabulary
) -> dict[int, tuple[str, ...]]:
    """A table whose rows say their kind in their first cell (a 区分 column: `数値目標`, `KPI`)
    repeats those words: a first cell read once a character off one the plan prints there at
    least twice (KP1, KKPI, 数休目標) is that word."""
    kinds = [w for w in vocab.captions if len(w) >= 3]
    firsts: Counter[str] = Counter()
    for k, line in enumerate(doc.lines):
        cells = repaired.get(k, line.cells)
        if len(cells) >= 3:
            firsts[cells[0].strip()] += 1
    known = [w for w in kinds if firsts[w] >= 2]
    out: dict[int, tuple[str, ...]] = {}
    for k, cells in repaired.items():
        first = cells[0].strip() if len(cells) >= 3 else ""
        if not first or first in known or firsts[first] > 1:
            continue
        near = [w for w in known if Levenshtein.distance(first, w) == 1]
        if len(near) == 1:
            out[k] = (near[0], *cells[1:])
    return out


_PATH_CELL = re.compile(r"^([0-9]{1,2})-([0-9]{1,2})$")
_PATH_SPECKED = re.compile(r"^\S{0,2}?([0-9]{1,2})?-([0-9]{1,2})$")


def _repair_path_cells(
    doc: Document, repaired: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """A column of policy paths (`1-1`, `2-2`: the 施策 of a goal's KPI rows) with one read with a
    speck before it (和2-2) or its goal's number read as a character (必-1): the path, the lost
    number the goal's of the rows above and below in that column when they agree."""
    out: dict[int, tuple[str, ...]] = {}
    rows = [(k, repaired.get(k, line.cells)) for k, line in enumerate(doc.lines)]
    for n, (k, cells) in enumerate(rows):
        if k not in repaired or len(cells) < 3:
            continue
        for i, text in enumerate(cells):
            m = _PATH_SPECKED.match(text.strip())
            if not m or _PATH_CELL.match(text.strip()):
                continue
            # the same column of the nearest table rows around it (a row of the same width)
            near = [
                _PATH_CELL.match(r[i].strip())
                for _k, r in (*reversed(rows[max(0, n - 3) : n]), *rows[n + 1 : n + 4])
                if len(r) == len(cells)
            ]
            goals = {g.group(1) for g in near if g}
            if len(goals) != 1 or len([g for g in near if g]) < 2:
                continue
            goal = m.group(1) or next(iter(goals))
            if goal not in goals:
                continue
            new = list(out.get(k, cells))
            new[i] = f"{goal}-{m.group(2)}"
            out[k] = tuple(new)
    return out


# A path read with a speck before it (に3-2) or after it (1-1.)
_PATH_IN_SPECKS = re.compile(r"^[^\s0-9]{0,2}?([0-9]{1,2})\s?[-ー－]\s?([0-9]{1,2})[.・,]?$")
# A cell with no Japanese character nor figure: a speck (EE, i, |) read beside a number
_JUNK_CELL = re.compile(r"^[^0-9０-９\u3041-\u30ff\u4e00-\u9fff]{0,3}$")


def _sheet_numbers(
    doc: Document, repaired: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """A sheet's number row (施策番号 | 1-1) printed on every sheet, three times or more: one
    read with a speck before its path (に3-2) is the path, specks in the cells after it
    (`EE`) are none; one read past telling (トルっ) is the path the rows before and after it
    leave it — the next path's predecessor under its goal (2-2 after it: 2-1), or the one after
    the last under the same goal (a new goal's 1-1 after it: 1-3)."""
    rows = {k: repaired.get(k, line.cells) for k, line in enumerate(doc.lines)}
    firsts = Counter(
        c[0].strip() for c in rows.values() if len(c) >= 2 and _PATH_CELL.match(c[1].strip())
    )
    label = next((w for w, n in firsts.most_common(1) if n >= 3 and w), None)
    if label is None:
        return {}
    numbered = sorted(k for k, c in rows.items() if len(c) >= 2 and c[0].strip() == label)
    paths: dict[int, tuple[int, int] | None] = {}
    for k in numbered:
        m = _PATH_IN_SPECKS.match(rows[k][1].strip())
        paths[k] = (int(m.group(1)), int(m.group(2))) if m else None
    out: dict[int, tuple[str, ...]] = {}
    for n, k in enumerate(numbered):
        path = paths[k]
        if path is None:
            after = paths[numbered[n + 1]] if n + 1 < len(numbered) else None
            before = paths[numbered[n - 1]] if n else None
            if after and after[1] > 1:
                path = (after[0], after[1] - 1)
            elif after and before and after == (before[0] + 1, 1):
                path = (before[0], before[1] + 1)
        if k not in repaired or path is None:
            continue
        cells = list(rows[k])
        cells[1] = f"{path[0]}-{path[1]}"
        cells[2:] = ["" if _JUNK_CELL.match(c.strip()) else c for c in cells[2:]]
        if tuple(cells) != rows[k]:
            out[k] = tuple(cells)
    return out


def _speck_after(text: str, header: str) -> bool:
    """`text` is `header` closed by a bracket and a speck after it (事務事業【所管課】2)."""
    return text.startswith(header) and header[-1:] in ")）】」" and len(text) - len(header) <= 2


# A caption's mark (◇, ◎, ■) read as a kana or specks before the caption's word alone on its line
# (ツ成果指標, ⑦ツ数値目標, ツンツ関連する…, §ツ, 〇②, *, ②): no word of a plan opens with these
_CAPTION_LEAD = re.compile(
    r"^[\s　]*(?P<lead>[^\s一-龥ぁ-んァ-ヶ]{0,2}[ツつっンシご][^\s一-龥ぁ-ん]{0,2}"
    r"|[§*※'\"|{}~・.,:;][^\s一-龥ぁ-ん]{0,2}|[〇○]?[①-⑳])(?P<rest>\S+)$"
)
_CAPTION_TAIL = re.compile(r"[\s　\-ー・.,:;|]*$")
_CAPTION_MARK = re.compile(r"^[■□◆◇▼▽●◎○◯〇▶►☆★]+")
# (and 》 read as 3, a speck before or after it: 《主な事業3・, i《主な事業3)
_CAPTION_BRACKETED = re.compile(
    r"^[|il!・.,:;'\"`]?[(（]?(?P<open>[〔【［\[<＜〈《(（])(?P<word>[^\s〔〕【】［］\[\]<>＜＞〈〉《》()（）]{2,12}?)T?"
    r"(?:[〕】］\]>＞〉》)）]|(?<=[一-龥ぁ-んァ-ヶ])3)[\s・.,:;]*$"
)


def _caption_leads(
    repaired: dict[int, tuple[str, ...]], captions: tuple[str, ...]
) -> dict[int, tuple[str, ...]]:
    """A caption alone on its line whose mark OCR read as a kana or specks: the mark the plan's
    captions read right carry (none where no caption was read with one)."""
    words = set(captions)
    marks: Counter[str] = Counter()
    for cells in repaired.values():
        if one_cell(cells) and (m := _CAPTION_MARK.match(text := "".join(cells).strip())):
            if _CAPTION_TAIL.sub("", text[m.end() :]) in words:
                marks[m.group(0).strip()] += 1
    mark = marks.most_common(1)[0][0] if marks else ""
    # (a plan that numbers its captions prints ① and ② before them: else a lone ② or ⑦ before
    # one is its mark misread)
    circled = {
        t[0]
        for c in repaired.values()
        if one_cell(c) and (t := "".join(c).strip())[:1] in "①②" and t[1:] in words
    }
    numbered = circled == {"①", "②"}
    out = {}
    for k, cells in repaired.items():
        if not one_cell(cells):
            continue
        text = "".join(cells).strip()
        if (m := _CAPTION_MARK.match(text)) and (tail := _CAPTION_TAIL.search(text)).group(0):
            # (a mark read right, a speck after the word: 〇関連する個別計画・)
            if text[m.end() : tail.start()] in words:
                out[k] = tuple(text[: tail.start()] if c.strip() else c for c in cells)
            continue
        if (b := _CAPTION_BRACKETED.match(text)) and b.group("word") in words:
            # (〔主な事業], [KPI), 【数値目標), (〔主な事業]: one bracket read as another)
            opening = b.group("open")[-1] if b.group("open") else "【"
            fixed = opening + b.group("word") + _CLOSERS.get(opening, "】")
            if fixed != text:
                out[k] = tuple(fixed if c.strip() else c for c in cells)
            continue
        if not (m := _CAPTION_LEAD.match(text)):
            continue
        if numbered and re.fullmatch("[①-⑳]", m.group("lead")):
            continue
        word = _CAPTION_TAIL.sub("", m.group("rest"))
        # (one character misread too in a word of four or more: ご目指す次 is ◇目指す姿)
        near = [w for w in words if len(w) >= 4 and Levenshtein.distance(word, w) == 1]
        if word in words or len(near) == 1 and (word := near[0]):
            out[k] = tuple(mark + word if c.strip() else c for c in cells)
    return out


def document_to_repairs(doc: Document, vocab: Vocabulary) -> list[Finding]:
    """Before the parse: in the lines read by OCR, the words the plan's structure is read by —
    a numbering label at a heading's start (基本日標1 → 基本目標1), a caption alone on its line,
    the header words of a table row — era names before a year (信和4年度 → 令和4年度) and the
    closing bracket of a 【所管課】 (【学教』), repaired where one or two characters were misread
    (in place). A table row counts as a header
    only when two of its cells then hold header words. Each repair is an `ocr.word_repaired`
    finding with the printed and the repaired text. Lines not read by OCR are left as they are."""
    if not doc.ocr_pages:
        return []
    printed: Counter[str] = Counter()
    for line in doc.lines:
        for cell in line.cells:
            lead = LEAD.match(cell)
            rest = cell[lead.end() if lead else 0 :]
            for n in range(3, 9):
                printed[rest[:n]] += 1
    vocab = replace(vocab, labels=_words((*vocab.labels, *_plan_labels(doc))))
    style = NumberStyle.of(doc, vocab.labels)
    repaired = {
        k: _repair_line(line, vocab, printed, style)
        for k, line in enumerate(doc.lines)
        if line.confidence is not None and not line.is_blank
    }
    repaired |= _heading_cut_into_cells(repaired, vocab.labels)
    repaired |= _caption_leads(repaired, (*vocab.captions, *vocab.prose))
    repaired = repair_heading_numbers(doc, repaired)
    repaired |= _page_footers(doc)
    repaired |= _department_brackets(repaired)
    repaired |= _label_specks(repaired)
    headers = _vote_header_cells(doc, repaired, vocab)
    headers |= _header_by_column(doc, {**repaired, **headers}, vocab)
    headers |= _repair_department_header(doc, {**repaired, **headers}, vocab.departments)
    headers |= _turned_labels(doc, {**repaired, **headers}, vocab)
    headers |= _header_by_values(doc, {**repaired, **headers}, vocab)
    headers |= _repair_kind_cells(doc, {**repaired, **headers}, vocab)
    headers |= _repair_path_cells(doc, {**repaired, **headers})
    headers |= _sheet_numbers(doc, {**repaired, **headers})
    numbers = _repair_numbering(doc, {**repaired, **headers}, vocab)
    relisted = _repair_relisted(doc, {**repaired, **headers, **numbers})
    out = []
    for k, line in enumerate(doc.lines):
        if k not in repaired:
            continue
        cells = relisted.get(k, numbers.get(k, headers.get(k, repaired[k])))
        if len(cells) >= 2:
            after = next((n for n in doc.lines[k + 1 :] if not n.is_blank), None)
            cells = _close_brackets(cells, after is not None and after.page == line.page)
        if cells == line.cells:
            continue
        old = line.text
        doc.lines[k] = replace(line, cells=cells, text=join_cells(cells))
        out.append(
            messages.finding(
                "ocr.word_repaired",
                {
                    **_form(k in numbers, cells == _strip_specks(line.cells)),
                    "line": line.no,
                    "page": line.page or 0,
                    "old": old.replace("\t", " | ")[:80],
                    "new": doc.lines[k].text.replace("\t", " | ")[:80],
                },
                line=line.no,
                page=line.page,
                key=f"page {line.page}: {old[:40]}",
            )
        )
    return out
