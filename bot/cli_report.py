"""`kefu report …`: monthly reports, printed or written to .xlsx / .csv."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from bot.app import build_context
from bot.cli import BadInput, init_database, settings
from bot.render.text import pad
from bot.services.parcel_report import ReportFileError, monthly_report, write_report

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date:
    """Read YYYY-MM as the first day of that month, or stop with exit status 2."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise BadInput(f'--month: use YYYY-MM such as 2026-11 (got "{text}")')
    return date(int(m.group(1)), int(m.group(2)), 1)


@click.group()
def report() -> None:
    """Monthly reports."""


@report.command(name="parcels")
@click.option("--month", required=True, help="The month, e.g. 2026-11.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Write FILE.xlsx (summary and detail sheets) or FILE.csv "
                   "(summary; the detail goes to FILE-detail.csv).")
def report_parcels(month: str, out: Path | None) -> None:
    """Problem parcels per type: logged, closed, median hours to close, overdue."""
    first = parse_month(month)
    if out is not None and out.suffix.lower() not in (".xlsx", ".csv"):
        raise BadInput(f"{out.name}: unknown file type; use .xlsx or .csv")
    s = settings()
    init_database(s)
    ctx = build_context(s)
    with ctx.session() as session:
        found = monthly_report(session, month=first, now=ctx.clock(), policy=ctx.policy)
    if out is None:
        click.echo(f"problem parcels {month} (logged / closed / median h / overdue)")
        for row in found.summary:
            median = "-" if row.median_hours is None else f"{row.median_hours:g}"
            click.echo(f"{pad(row.name, 10)} {row.logged:>6} {row.closed:>6} {median:>8} "
                       f"{row.overdue:>6}")
        return
    try:
        written = write_report(found, out)
    except (ReportFileError, OSError) as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"wrote {', '.join(str(p) for p in written)} ({len(found.detail)} parcels)")
