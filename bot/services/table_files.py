"""Read a table file (.csv or .xlsx) whose first line names its columns."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook


class TableFileError(ValueError):
    """A table file cannot be read; the message says the file, line and what is wrong."""


@dataclass(frozen=True)
class TableRow:
    """One line of a table file: its number and its cells by column, as typed."""

    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def _folded(text: str) -> str:
    """Fold a header for comparison: "Base wage", "base_wage" and "BASE  WAGE" match."""
    return re.sub(r"[\s_]+", " ", text.strip().lower())


def _columns(header: Sequence[object], name: str, columns: Sequence[str],
             aliases: Mapping[str, str], required: Sequence[str]) -> dict[str, int]:
    known = {_folded(c): c for c in columns} | {_folded(a): c for a, c in aliases.items()}
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        column = known.get(_folded(_cell(h)))
        if column is not None and column not in found:
            found[column] = i
    missing = [c for c in required if c not in found]
    if missing:
        raise TableFileError(f"{name} line 1: missing column(s) {', '.join(missing)}; "
                             f"the first line must be: {','.join(columns)}")
    return found


def _rows(lines: Iterable[Sequence[object]], name: str, columns: Sequence[str],
          aliases: Mapping[str, str], required: Sequence[str]) -> list[TableRow]:
    it = iter(lines)
    header = next(it, None)
    if header is None:
        raise TableFileError(f"{name}: the file is empty; "
                             f"the first line must be: {','.join(columns)}")
    where = _columns(header, name, columns, aliases, required)
    out = []
    for n, cells in enumerate(it, start=2):
        values = [_cell(c) for c in cells]
        if any(values):
            out.append(TableRow(n, {c: values[i] if i < len(values) else ""
                                    for c, i in where.items()}))
    return out


def read_table(path: Path, *, columns: Sequence[str], aliases: Mapping[str, str],
               required: Sequence[str]) -> list[TableRow]:
    """Read a .csv or .xlsx file into rows with their line numbers; other columns are skipped."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TableFileError(f"{path}: no such file")
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return _rows(csv.reader(f), path.name, columns, aliases, required)
    if suffix == ".xlsx":
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = wb.worksheets[0].iter_rows(values_only=True)
            return _rows(rows, path.name, columns, aliases, required)
        finally:
            wb.close()
    raise TableFileError(f"{path.name}: unknown file type; use .csv or .xlsx")
