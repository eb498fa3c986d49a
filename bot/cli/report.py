"""`kefu report …`: a month's report as a table on stdout, or an .xlsx / .csv file."""

from __future__ import annotations

from pathlib import Path

import click

from bot.app import build_context
from bot.cli.common import BadInput, init_database, settings
from bot.domain.period import Month
from bot.render.text import Lang, pad
from bot.services.attendance.report import ReportKind, report_table
from bot.services.parcels import monthly_report, write_report
from bot.services.report_files import ReportFileError, check_format, tsv_text, write_table

_MONTH = click.option("--month", default=None, metavar="YYYY-MM",
                      help="The month, e.g. 2026-11 (default: this month).")
_OUT = click.option("--out", type=click.Path(path_type=Path), default=None,
                    help="Write FILE.xlsx or FILE.csv instead of printing the table.")
_LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                     help="Header language (default: the team's).")

_PARCELS_TITLE = {"zh": "问题件 {month}（登记 / 完结 / 中位用时(小时) / 超时）",
                  "en": "problem parcels {month} (logged / closed / median h / overdue)"}


@click.group("report")
def report() -> None:
    """Monthly reports: attendance, penalties and problem parcels."""


@report.command("attendance")
@_MONTH
@_OUT
@_LANG
def report_attendance(month: str | None, out: Path | None, lang: Lang | None) -> None:
    """One row per person: DingTalk's attendance columns, fines, red packets, bonus."""
    _report("attendance", month, out, lang)


@report.command("penalties")
@_MONTH
@_OUT
@_LANG
def report_penalties(month: str | None, out: Path | None, lang: Lang | None) -> None:
    """One row per ledger entry of the month: date, name, rule, amount, state."""
    _report("penalties", month, out, lang)


def _month(text: str | None) -> Month | None:
    """Read --month, or stop with exit status 2; None when it was not given."""
    month = Month.parse(text) if text is not None else None
    if text is not None and month is None:
        raise BadInput(f'--month: bad month "{text}" (use YYYY-MM, e.g. 2026-11)')
    return month


def _report(kind: ReportKind, month_text: str | None, out: Path | None,
            lang: Lang | None) -> None:
    """Check the input, build the report, print or write it."""
    try:
        if out is not None:
            check_format(out)
    except ReportFileError as exc:
        raise BadInput(str(exc)) from None
    month = _month(month_text)
    s = settings()
    init_database(s)
    ctx = build_context(s)
    now = ctx.clock()
    month = month or Month.of(now.astimezone(ctx.policy.tz).date())
    with ctx.session() as session:
        table = report_table(session, kind=kind, month=month, now=now, policy=ctx.policy,
                             lang=lang or ctx.team_lang)
    if out is None:
        click.echo(tsv_text(table))
        return
    write_table(table, out)
    click.echo(f"wrote {kind} {month} ({len(table.rows)} rows) to {out}")


@report.command("parcels")
@_MONTH
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write FILE.xlsx (summary and detail sheets) or FILE.csv "
                   "(summary; the detail goes to FILE-detail.csv).")
@_LANG
def report_parcels(month: str | None, out: Path | None, lang: Lang | None) -> None:
    """Problem parcels per type: logged, closed, median hours to close, overdue."""
    chosen = _month(month)
    if out is not None and out.suffix.lower() not in (".xlsx", ".csv"):
        raise BadInput(f"{out.name}: unknown file type; use .xlsx or .csv")
    s = settings()
    init_database(s)
    ctx = build_context(s)
    now, lang = ctx.clock(), lang or ctx.team_lang
    chosen = chosen or Month.of(now.astimezone(ctx.policy.tz).date())
    with ctx.session() as session:
        found = monthly_report(session, month=chosen.first, now=now, policy=ctx.policy)
    if out is None:
        click.echo(_PARCELS_TITLE[lang].format(month=chosen))
        for row in found.summary:
            median = "-" if row.median_hours is None else f"{row.median_hours:g}"
            name = row.name if lang == "zh" else row.name_en
            click.echo(f"{pad(name, 10)} {row.logged:>6} {row.closed:>6} {median:>8} "
                       f"{row.overdue:>6}")
        return
    try:
        written = write_report(found, out, lang)
    except (ReportFileError, OSError) as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"wrote {', '.join(str(p) for p in written)} ({len(found.detail)} parcels)")
