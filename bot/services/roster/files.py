"""Read and write roster files: CSV or XLSX with the columns date, staff, shift."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

HEADER = ("date", "staff", "shift")
_HEADER_ALIASES = {"日期": "date", "员工": "staff", "姓名": "staff", "班次": "shift"}


class RosterFileError(ValueError):
    """A roster file cannot be read; the message says the file, line and what is wrong."""


@dataclass(frozen=True)
class RawRow:
    """One line of a roster file, as typed."""

    line: int
    date: str
    staff: str
    shift: str


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def _columns(header: Sequence[object], name: str) -> tuple[int, int, int]:
    names = [_HEADER_ALIASES.get(_cell(h), _cell(h).lower()) for h in header]
    missing = [h for h in HEADER if h not in names]
    if missing:
        raise RosterFileError(f"{name} line 1: missing column(s) {', '.join(missing)}; "
                              "the first line must be: date,staff,shift")
    return names.index("date"), names.index("staff"), names.index("shift")


def _rows(lines: Iterable[Sequence[object]], name: str) -> list[RawRow]:
    it = iter(lines)
    header = next(it, None)
    if header is None:
        raise RosterFileError(f"{name}: the file is empty; "
                              "the first line must be: date,staff,shift")
    di, si, hi = _columns(header, name)
    out = []
    for n, cells in enumerate(it, start=2):
        vals = [_cell(c) for c in cells]
        if not any(vals):
            continue
        vals += [""] * (max(di, si, hi) + 1 - len(vals))
        out.append(RawRow(n, vals[di], vals[si], vals[hi]))
    return out


def read_rows(path: Path) -> list[RawRow]:
    """Read a .csv or .xlsx roster file into raw rows with their line numbers."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RosterFileError(f"{path}: no such file")
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return _rows(csv.reader(f), path.name)
    if suffix == ".xlsx":
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            return _rows(wb.worksheets[0].iter_rows(values_only=True), path.name)
        finally:
            wb.close()
    raise RosterFileError(f"{path.name}: unknown file type; use .csv or .xlsx")


def write_rows(path: Path, rows: Sequence[tuple[str, str, str]]) -> None:
    """Write a roster file (.csv or .xlsx) with the header date,staff,shift."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            w.writerows(rows)
        return
    if suffix == ".xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = "roster"
        ws.append(HEADER)
        for r in rows:
            ws.append(list(r))
        wb.save(path)
        return
    raise RosterFileError(f"{path.name}: unknown file type; use .csv or .xlsx")
