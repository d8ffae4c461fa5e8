"""Printed values → numbers, units, qualifiers and fiscal years.

`216,406百万円 （R2）` → value 216406, unit 百万円, year 2020 (label R2, from the cell);
`105.0%以上` → 105.0, %, qualifier 以上; `—` → empty. Years are Western fiscal years beside the
printed era label (`令和4年度` → 2022).
"""

from __future__ import annotations

import unicodedata

from extract.models import Value
from extract.parse import patterns as P


def label_to_year(label: str) -> int | None:
    """`令和4年度`, `R4`, `令和元年`, `H30`, `2022年度` → Western (fiscal) year; a period
    (`H29〜R2`) → its end year."""
    text = unicodedata.normalize("NFKC", label)
    matches = list(P.ERA_YEAR.finditer(text))
    if not matches:
        return None
    match = matches[0]
    if len(matches) > 1 and P.PERIOD_SEP.search(text[matches[0].end() : matches[-1].start()]):
        match = matches[-1]
    if match.group("west"):
        return int(match.group("west"))
    n = 1 if match.group("n") == "元" else int(match.group("n"))
    return P.ERA_BASE[match.group("era")] + n


def _label(text: str) -> str:
    """A year as printed, without layout spaces (`令和 4 年度` → `令和4年度`)."""
    return "".join(text.split())


def header_to_year(header: str) -> tuple[int | None, str]:
    """A column header such as `現状値 （令和4年度）` → (2022, '令和4年度')."""
    text = unicodedata.normalize("NFKC", header)
    match = P.ERA_YEAR.search(text)
    if not match:
        return None, ""
    label = match.group(0)
    if end := P.YEAR_END.match(text, match.end()):
        label += end.group(0)  # `（R5年度末）` keeps its 末, as a cell's `（R6.3末）` does
    return label_to_year(label), _label(label)


def _nfkc(text: str) -> str:
    """NFKC, but units it would spell out (㎡ → m2) kept as printed."""
    if not any(c in P.KEEP_UNITS for c in text):
        return unicodedata.normalize("NFKC", text)
    return "".join(c if c in P.KEEP_UNITS else unicodedata.normalize("NFKC", c) for c in text)


def cell_to_value(raw: str, column_year: int | None = None, column_label: str = "") -> Value:
    """Take a printed cell apart. A year printed in the cell overrides the column's year."""
    text = " ".join(_nfkc(raw).split())
    base = Value(raw=raw.strip(), year=column_year, year_label=column_label)
    if P.LEAD_YEAR.match(text) and len(dated := P.DATED_FIGURES.split(text)) > 1:
        return _dated_figures(base, dated, column_year, column_label)
    if (lead := P.LEAD_YEAR.match(text)) and (year := label_to_year(lead["year"])) is not None:
        # `R4：36.2%`: the year printed first is the value's (over the column's)
        value = cell_to_value(lead["rest"], column_year, column_label)
        return value.model_copy(
            update={
                "raw": base.raw,
                "year": year,
                "year_label": _label(lead["year"]),
                "year_from_cell": column_year is not None and year != column_year,
            }
        )
    parts = P.FIGURE_SPLIT.split(text)
    # digits of a year in brackets (`2人/年(R5)`) make no second figure
    bare = [P.YEAR_ONLY.sub("", part) for part in parts]
    if len(parts) > 1 and all(any(c.isdigit() for c in part) for part in bare):
        return _two_figures(base, parts, column_year, column_label)
    if P.EMPTY_VALUE.match(text.replace(" ", "")) or P.EMPTY_WITH_UNIT.match(text):
        return base
    text = _oku_to_man(text)
    match = P.VALUE.match(text)
    if not match:
        return _text_value(base, text)
    number = float(match.group("num").replace(",", ""))
    if match.group("sign") or match.group("sign2"):
        number = -number
    pre = (match.group("pre") or "").replace(" ", "")
    value = base.model_copy(
        update={
            "value": number,
            "unit": match.group("unit"),
            # 約 …, 年 … and … 以上 are qualifiers, kept apart from the number
            "qualifier": " ".join(q for q in (pre, match.group("qual") or "") if q),
        }
    )
    if match.group("aim"):
        value = value.model_copy(update={"remark": match.group("aim")})  # `0人を維持`
    if match.group("year"):
        year = label_to_year(match.group("year"))
        if year is not None:
            value = value.model_copy(
                update={
                    "year": year,
                    "year_label": _label(match.group("year")),
                    "year_from_cell": column_year is not None and year != column_year,
                }
            )
        else:
            value = value.model_copy(update={"remark": match.group("year").strip()})
    return value


def _two_figures(
    base: Value, parts: list[str], column_year: int | None, column_label: str
) -> Value:
    """`小75.7%/中64.9%`: the first figure is the value (its label the qualifier), the rest are
    kept as printed in `others`."""
    first = parts[0]
    label = P.FIGURE_LABEL.match(first)
    number = first[label.end() :] if label else first
    value = cell_to_value(number, column_year, column_label)
    if value.value is None:
        return base.model_copy(update={"text": " / ".join(parts)})
    qualifier = " ".join(q for q in ((label.group("label") if label else ""), value.qualifier) if q)
    return value.model_copy(
        update={"raw": base.raw, "qualifier": qualifier, "others": "/".join(parts[1:])}
    )


def _dated_figures(
    base: Value, parts: list[str], column_year: int | None, column_label: str
) -> Value:
    """`R9:50 R11:70` (an interim and a final target in one cell): the latest-dated figure is
    the value, the others kept as printed in `others` (a `parse.two_figures` finding says so)."""
    values = [cell_to_value(part, column_year, column_label) for part in parts]
    if any(v.value is None or v.year is None for v in values):
        return _text_value(base, " ".join(parts))
    last = max(range(len(values)), key=lambda i: (values[i].year, i))
    others = "/".join(p for i, p in enumerate(parts) if i != last)
    return values[last].model_copy(update={"raw": base.raw, "others": others})


def _oku_to_man(text: str) -> str:
    """`2億396万円` → `20396万円`: one number in the smaller unit (万), as plans also print."""
    match = P.OKU_MAN.match(text)
    if not match:
        return text
    oku = int(match.group("oku").replace(",", ""))
    man = int((match.group("man") or "0").replace(",", ""))
    return f"{match.group('pre') or ''}{oku * 10000 + man}万{match.group('rest')}"


def _text_value(base: Value, text: str) -> Value:
    """A cell that is not a number (増加, 検討中 …): keep it as text, still read its year."""
    match = P.YEAR_ONLY.search(text)
    if match and (year := label_to_year(match.group(1))) is not None:
        rest = text[: match.start()].strip()
        return base.model_copy(
            update={
                # `－（R5）`: nothing yet, in that year
                "text": "" if P.EMPTY_VALUE.match(rest.replace(" ", "")) else rest,
                "year": year,
                "year_label": _label(match.group(1)),
                "year_from_cell": base.year is not None and year != base.year,
            }
        )
    return base.model_copy(update={"text": text})
