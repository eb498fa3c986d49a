"""Read and write roster files: CSV or XLSX with the columns date, staff, shift."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from bot.services.table_files import TableFileError, read_table

HEADER = ("date", "staff", "shift")
# An export names each person beside the ID; an import reads the ID and skips the name.
EXPORT_HEADER = ("date", "staff", "name", "shift")
_HEADER_ALIASES = {"日期": "date", "员工": "staff", "姓名": "staff", "班次": "shift"}


class RosterFileError(TableFileError):
    """A roster file cannot be read; the message says the file, line and what is wrong."""


@dataclass(frozen=True)
class RawRow:
    """One line of a roster file, as typed."""

    line: int
    date: str
    staff: str
    shift: str


def read_rows(path: Path) -> list[RawRow]:
    """Read a .csv or .xlsx roster file into raw rows with their line numbers."""
    try:
        rows = read_table(path, columns=HEADER, aliases=_HEADER_ALIASES, required=HEADER)
    except TableFileError as exc:
        raise RosterFileError(str(exc)) from None
    return [RawRow(r.line, r["date"], r["staff"], r["shift"]) for r in rows]


def write_rows(path: Path, rows: Sequence[tuple[str, ...]],
               header: Sequence[str] = EXPORT_HEADER) -> None:
    """Write a roster file (.csv or .xlsx) under HEADER; a CSV opens in Excel with its Chinese."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        return
    if suffix == ".xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = "roster"
        ws.append(list(header))
        for r in rows:
            ws.append(list(r))
        wb.save(path)
        return
    raise RosterFileError(f"{path.name}: unknown file type; use .csv or .xlsx")
