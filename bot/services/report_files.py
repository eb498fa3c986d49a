"""Report tables written as .xlsx, .csv or plain text; the file's extension decides."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font

Cell = str | int | Decimal | None
Kind = Literal["text", "number", "money"]
FORMATS = (".xlsx", ".csv")


class ReportFileError(ValueError):
    """A report file that cannot be written; the message says what to use instead."""


@dataclass(frozen=True)
class Column:
    """A column of a report: its header and whether it holds money (as yuan)."""

    header: str
    kind: Kind = "number"
    width: int = 10


@dataclass(frozen=True)
class Table:
    """A report: a title, the columns and one tuple of cells per row."""

    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]


def money(fen: int) -> Decimal:
    """Return fen as exact yuan with two decimals (1050 -> Decimal("10.50"))."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def check_format(path: Path) -> str:
    """Return the file's format (".xlsx" or ".csv"), or raise ReportFileError."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReportFileError(f'{path.name}: unknown file type "{path.suffix}" '
                              "(use .xlsx or .csv)")
    return suffix


def xlsx_bytes(table: Table) -> bytes:
    """Return the table as an Excel workbook: a header row, money as yuan numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    sheet.append([c.header for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
    for i, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "money":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "0.00"
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell)


def csv_bytes(table: Table) -> bytes:
    """Return the table as CSV in UTF-8 with a byte-order mark, so Excel reads the Chinese."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    writer.writerows([_text(cell) for cell in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def tsv_text(table: Table) -> str:
    """Return the table as tab-separated lines, for a terminal or a pipe."""
    lines = ["\t".join(c.header for c in table.columns)]
    lines += ["\t".join(_text(cell) for cell in row) for row in table.rows]
    return "\n".join(lines)


def file_bytes(table: Table, fmt: str) -> bytes:
    """Return the table in FORMAT (".xlsx" or ".csv")."""
    return xlsx_bytes(table) if fmt == ".xlsx" else csv_bytes(table)


def write_table(table: Table, path: Path) -> None:
    """Write the table to PATH as its extension says."""
    path.write_bytes(file_bytes(table, check_format(path)))
