"""Which municipality a plan belongs to, what kind of plan it is and which years it covers.

The 全国地方公共団体コード list (総務省; JIS X 0402 with its check digit) is kept as data in
`extract/data/municipalities.csv`, rebuilt from the ministry's file by
`scripts/update_municipalities.py` (see `official_to_rows`). A plan's municipality comes from its
`.meta.toml` when that names one, otherwise from the plan itself: the names of the list found in
its title and cover (the first lines) and in the head's greeting (`…市長`), a prefecture printed
with them settling a name that several municipalities share (府中市, 伊達市). What cannot be
settled is a finding, never a guess.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jaconv

from extract.errors import InputError
from extract.messages import finding
from extract.models import Finding

EMITS = ("municipality.unknown", "municipality.ambiguous", "municipality.mismatch")

DATA = Path(__file__).resolve().parent / "data" / "municipalities.csv"
HEADER = ["code", "prefecture", "name", "prefecture_kana", "name_kana"]
WEIGHTS = (6, 5, 4, 3, 2)
# The plan's head: title page, cover and table of contents are in its first lines.
HEAD_LINES = 40


def check_digit(first_five: str) -> int:
    """JIS X 0402's check digit: the five digits weighted 6,5,4,3,2, the sum's remainder
    modulo 11 taken from 11, its last digit (072028: 0·6+7·5+2·4+0·3+2·2 = 47, 47 % 11 = 3,
    11 − 3 = 8)."""
    if len(first_five) != 5 or not first_five.isdigit():
        raise ValueError(f"{first_five!r} is not five digits")
    total = sum(int(d) * w for d, w in zip(first_five, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def valid_code(code: str) -> bool:
    """Six digits whose last is the check digit of the first five."""
    return len(code) == 6 and code.isdigit() and int(code[5]) == check_digit(code[:5])


@dataclass(frozen=True)
class Municipality:
    code: str
    prefecture: str
    name: str  # empty for a prefecture itself
    prefecture_kana: str = ""
    name_kana: str = ""

    @property
    def full_name(self) -> str:
        return self.prefecture + self.name

    @property
    def local_name(self) -> str:
        """What a plan calls its own body: the municipality, or the prefecture for its own plan."""
        return self.name or self.prefecture


@dataclass
class CodeList:
    entries: list[Municipality]
    by_code: dict[str, Municipality] = field(init=False)
    by_name: dict[str, list[Municipality]] = field(init=False)
    pattern: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.by_code = {m.code: m for m in self.entries}
        self.by_name = {}
        for m in self.entries:
            self.by_name.setdefault(m.local_name, []).append(m)
        # longest first, so that 東大和市 wins over 大和市 and 大和郡山市 over 大和市
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, names)))

    def named(self, name: str, prefecture: str = "") -> list[Municipality]:
        found = self.by_name.get(name, [])
        return [m for m in found if m.prefecture == prefecture] if prefecture else found


def csv_to_code_list(text: str, where: str = "municipalities.csv") -> CodeList:
    entries = []
    for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        code = (row.get("code") or "").strip()
        if not valid_code(code):
            raise InputError(f"{where}:{n}: {code!r} is not a valid 全国地方公共団体コード.")
        entries.append(Municipality(**{k: (row.get(k) or "").strip() for k in HEADER}))
    return CodeList(entries)


@lru_cache(maxsize=4)
def load_code_list(path: Path = DATA) -> CodeList:
    return csv_to_code_list(path.read_text(encoding="utf-8"), str(path))


# --- rebuilding the list from the official file ---------------------------------------------------

# Headers of the ministry's sheet (団体コード, 都道府県名（漢字）…) and of the CSV copies of it.
_COLUMNS = {
    "code": ("団体コード", "code"),
    "prefecture": ("都道府県名（漢字）", "都道府県名", "prefecture"),
    "name": ("市区町村名（漢字）", "市区町村名", "city", "name"),
    "prefecture_kana": ("都道府県名（カナ）", "prefecture_kana"),
    "name_kana": ("市区町村名（カナ）", "city_kana", "name_kana"),
}


def _header_key(cell: object) -> str:
    return (
        re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(cell or "")))
        .replace("(", "（")
        .replace(")", "）")
    )


def official_to_rows(table: Iterable[Iterable[object]]) -> list[dict[str, str]]:
    """The rows of the ministry's sheet (or a CSV with its or this list's headers) as this
    list's rows: codes as six digits (a spreadsheet drops the leading zero), each check digit
    verified, kana in full width, sorted by code."""
    rows = iter(table)
    index: dict[str, int] = {}
    for header in rows:
        keys = [_header_key(c) for c in header]
        index = {
            ours: next((keys.index(_header_key(t)) for t in theirs if _header_key(t) in keys), -1)
            for ours, theirs in _COLUMNS.items()
        }
        if index["code"] >= 0 and index["prefecture"] >= 0:
            break
    else:
        raise InputError("No header with 団体コード and 都道府県名 found: not the official list.")
    out: dict[str, dict[str, str]] = {}
    for cells in rows:
        cells = list(cells)

        def cell(key: str, cells: list[object] = cells) -> str:
            i = index[key]
            value = cells[i] if 0 <= i < len(cells) else None
            return "" if value is None else str(value).strip()

        raw = cell("code")
        if raw.endswith(".0"):
            raw = raw[:-2]
        if not raw.isdigit():
            continue  # a note or blank row under the table
        code = raw.zfill(6)
        if not valid_code(code):
            raise InputError(f"{code}: its check digit is wrong; the file is damaged.")
        out[code] = {
            "code": code,
            "prefecture": cell("prefecture"),
            "name": cell("name"),
            "prefecture_kana": jaconv.h2z(cell("prefecture_kana")),
            "name_kana": jaconv.h2z(cell("name_kana")),
        }
    return [out[c] for c in sorted(out)]


def rows_to_csv(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# --- what the plan says about itself ------------------------------------------------------------

KINDS = {"総合戦略": "senryaku", "総合計画": "keikaku", "実施計画": "jisshi"}
_KIND_WORDS = [
    ("実施計画", "実施計画"),  # 総合計画実施計画: the 実施計画
    ("総合戦略", "総合戦略"),
    ("総合計画", "総合計画"),
    ("基本計画", "総合計画"),  # 後期基本計画 is a part of the 総合計画
    ("基本構想", "総合計画"),
]
_ERA = {"令和": 2018, "平成": 1988}
_YEAR = r"(?:(令和|平成)\s*(\d{1,2}|元)|((?:19|20)\d\d))\s*年度?"
# the end may leave its era to the start's: 令和元年度～5年度
_END = r"(?:(令和|平成)?\s*(\d{1,2}|元)|((?:19|20)\d\d))\s*年度?"
PERIOD = re.compile(_YEAR + r"\s*[～〜~\-－―ー−から]+\s*" + _END)


def _fy(era: str | None, n: str | None, western: str | None) -> int | None:
    if western:
        return int(western)
    if era and n:
        return _ERA[era] + (1 if n == "元" else int(n))
    return None


def text_to_kind(text: str) -> str:
    """総合戦略, 総合計画 or 実施計画, from the first line that names one (a 総合計画's 実施計画
    and its 基本計画 are named after it: 実施計画 wins on its line, 基本計画 reads as 総合計画);
    '' when none does."""
    for line in text.splitlines():
        kinds = [kind for word, kind in _KIND_WORDS if word in line]
        if kinds:
            return kinds[0]
    return ""


def text_to_period(text: str) -> tuple[str, int | None, int | None]:
    """The first period printed (令和8年度～令和12年度, 2024年度～2028年度): as printed, and its
    first and last fiscal years (Western)."""
    m = PERIOD.search(text)  # \d takes full-width digits too, and int() reads them
    if not m:
        return "", None, None
    start = _fy(m.group(1), m.group(2), m.group(3))
    end = _fy(m.group(4) or m.group(1), m.group(5), m.group(6))
    if start is None or end is None or not 0 <= end - start <= 20:
        return "", None, None
    return m.group(0), start, end


@dataclass
class Identity:
    """Who a plan belongs to and what it is; `found_by` says where each came from."""

    code: str = ""
    prefecture: str = ""
    municipality: str = ""
    found_by: str = ""  # metadata, title, greeting, text; '' when not found
    confidence: float = 0.0
    candidates: list[str] = field(default_factory=list)  # "code name" when ambiguous
    kind: str = ""
    period: str = ""
    period_start_fy: int | None = None
    period_end_fy: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def kind_slug(self) -> str:
        return KINDS.get(self.kind, "plan")


def _settle(found: list[Municipality], prefectures: set[str]) -> list[Municipality]:
    """A name several municipalities share, narrowed by the prefectures printed with it."""
    if len(found) > 1 and prefectures:
        narrowed = [m for m in found if m.prefecture in prefectures]
        return narrowed or found
    return found


def lines_to_identity(lines: list[str], codes: CodeList) -> Identity:
    """The municipality named in the plan's head and greeting. Each name found scores by where:
    3 in the first HEAD_LINES lines, 3 more when followed by 長 (the 市長's greeting), 0.1
    elsewhere (the body names other municipalities too). The best name, when it holds at least
    60 % of the score, is the plan's; a prefecture printed before it settles a shared name."""
    scores: Counter[str] = Counter()
    places: dict[str, str] = {}
    prefectures: set[str] = set()
    pref_names = {m.prefecture for m in codes.entries}
    for i, raw in enumerate(lines):
        text = unicodedata.normalize("NFKC", raw).replace(" ", "").replace("\u3000", "")
        head = i < HEAD_LINES
        for m in codes.pattern.finditer(text):
            name = m.group(0)
            if name in pref_names and codes.pattern.match(text, m.end()):
                prefectures.add(name)  # 福島県会津若松市: the prefecture is context
                continue
            before = text[: m.start()]
            prefectures.update(p for p in pref_names if before.endswith(p))
            greeting = text[m.end() : m.end() + 1] == "長" or text[m.end() : m.end() + 2] == "知事"
            weight = (3.0 if head else 0.0) + (3.0 if greeting else 0.0)
            scores[name] += weight or 0.1
            place = "title" if head else "greeting" if greeting else "text"
            if places.get(name) in (None, "text") or place == "title":
                places[name] = place
    if not scores:
        return Identity()
    ranked = scores.most_common()
    name, best = ranked[0]
    share = best / sum(scores.values())
    if share < 0.6:
        found = [m for n, _ in ranked[:4] for m in codes.by_name[n]]
    else:
        found = _settle(codes.by_name[name], prefectures)
    if len(found) > 1:
        return Identity(
            candidates=[f"{m.code} {m.full_name}" for m in found],
            confidence=round(share / len(found), 2),
        )
    m = found[0]
    return Identity(
        code=m.code,
        prefecture=m.prefecture,
        municipality=m.name,
        found_by=places[name],
        confidence=round(share, 2),
    )


def meta_to_identity(meta: Mapping[str, object], codes: CodeList) -> Identity:
    """The municipality the `.meta.toml` names, by code (checked) or by name and prefecture."""
    code = str(meta.get("municipality_code") or "").strip()
    name = str(meta.get("municipality") or "").strip()
    pref = str(meta.get("prefecture") or "").strip()
    out = Identity()
    if code:
        entry = codes.by_code.get(code) if valid_code(code) else None
        if entry is None:
            out.findings.append(
                finding(
                    "municipality.mismatch",
                    {
                        "form": "code",
                        "code": code,
                        "why": "check" if not valid_code(code) else "unlisted",
                    },
                )
            )
        elif name and name not in (entry.name, entry.prefecture, entry.full_name):
            out.findings.append(
                finding(
                    "municipality.mismatch",
                    {"form": "name", "code": code, "name": name, "listed": entry.full_name},
                )
            )
        else:
            return Identity(code, entry.prefecture, entry.name, "metadata", 1.0)
    if name:
        found = codes.named(name, pref) or codes.named(name)
        if len(found) == 1:
            m = found[0]
            out.code, out.prefecture, out.municipality = m.code, m.prefecture, m.name
            out.found_by, out.confidence = "metadata", 0.9
        elif len(found) > 1:
            out.candidates = [f"{m.code} {m.full_name}" for m in found]
    return out


def plan_identity(meta: Mapping[str, object], lines: list[str], codes: CodeList) -> Identity:
    """Metadata first, then the plan's own words; kind and period likewise. An unknown or
    ambiguous municipality, or a text naming another one than the metadata, is a finding."""
    ident = meta_to_identity(meta, codes)
    from_text = lines_to_identity(lines, codes)
    if not ident.code:
        meta_findings = ident.findings
        candidates = ident.candidates or from_text.candidates
        ident = from_text
        ident.findings = meta_findings
        ident.candidates = candidates if not ident.code else []
        if not ident.code:
            key = "ambiguous" if ident.candidates else "unknown"
            ident.findings.append(
                finding(
                    f"municipality.{key}",
                    {"candidates": "、".join(ident.candidates[:6])} if ident.candidates else {},
                )
            )
    elif from_text.code and from_text.code != ident.code and from_text.found_by == "title":
        ident.findings.append(
            finding(
                "municipality.mismatch",
                {
                    "form": "text",
                    "code": ident.code,
                    "listed": ident.prefecture + ident.municipality,
                    "name": from_text.prefecture + from_text.municipality,
                },
            )
        )
    head = "\n".join(lines[:HEAD_LINES])
    title = str(meta.get("title") or "")
    ident.kind = text_to_kind(title) or text_to_kind(head)
    label, start, end = text_to_period(str(meta.get("period") or ""))
    if not label:
        label, start, end = text_to_period(head)
    if not label:
        label, start, end = text_to_period("\n".join(lines))
    ident.period, ident.period_start_fy, ident.period_end_fy = label, start, end
    return ident
