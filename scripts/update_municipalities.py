"""Rebuild src/extract/data/municipalities.csv from the official 全国地方公共団体コード list.

The list is 総務省's 「全国地方公共団体コード」 page (https://www.soumu.go.jp/denshijiti/code.html),
file 「都道府県コード及び市区町村コード」 (.xlsx; its first sheet lists the current prefectures and
municipalities, the second the wards of the designated cities, which plans do not use). Download
it, then:

    python scripts/update_municipalities.py 000925835.xlsx     # needs `pip install openpyxl`
    python scripts/update_municipalities.py list.csv            # a CSV with the same headers

Every code's check digit is verified; the script prints what was added, removed or renamed
against the current file, then replaces it. Review the diff and commit it with the file's date.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extract.errors import PlanExtractError  # noqa: E402
from extract.municipalities import DATA, official_to_rows, rows_to_csv  # noqa: E402


def read_table(path: Path) -> list[list[object]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError:
            sys.exit(
                "Reading .xlsx needs openpyxl: pip install openpyxl (or save the sheet as CSV)."
            )
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    text = path.read_bytes()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return list(csv.reader(text.decode(encoding).splitlines()))
        except UnicodeDecodeError:
            continue
    sys.exit(f"{path}: neither UTF-8 nor CP932 text.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source", type=Path, help="the ministry's .xlsx, or a CSV of its first sheet"
    )
    parser.add_argument("--out", type=Path, default=DATA, help=f"default: {DATA.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    try:
        rows = official_to_rows(read_table(args.source))
    except PlanExtractError as exc:
        sys.exit(f"{args.source}: {exc}")
    old = {}
    if args.out.exists():
        old = {
            r["code"]: r for r in csv.DictReader(args.out.read_text(encoding="utf-8").splitlines())
        }
    new = {r["code"]: r for r in rows}
    for code in sorted(set(old) - set(new)):
        print(f"removed  {code} {old[code]['prefecture']}{old[code]['name']}")
    for code in sorted(set(new) - set(old)):
        print(f"added    {code} {new[code]['prefecture']}{new[code]['name']}")
    for code in sorted(set(old) & set(new)):
        if old[code] != new[code]:
            print(f"changed  {code} {old[code]['name']} → {new[code]['name']}")
    args.out.write_text(rows_to_csv(rows), encoding="utf-8")
    towns = sum(1 for r in rows if r["name"])
    print(f"{args.out}: {len(rows) - towns} prefectures, {towns} municipalities")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
