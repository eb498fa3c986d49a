"""`kefu roster correct` and the history rows of `kefu roster import --correct`: the roster's
past changes only explicitly, with a reason, audited, and with the day re-derived."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import click
from sqlmodel import Session

from bot.app import build_context
from bot.cli.common import BadInput, init_database, settings
from bot.policy import Policy
from bot.render.text import Lang, render
from bot.services.attendance import Corrected, correct_shifts
from bot.services.errors import Refused
from bot.services.roster import Cell
from bot.services.roster.entries import REST_WORDS
from bot.services.roster.files import RawRow
from bot.services.staff import StaffView, matching

# The operator at the command line acts with an admin's rights.
OPERATOR = StaffView(0, "cli", "cli", "admin", None)


def history_refusal(name: str, rows: Sequence[RawRow], cells: Sequence[Cell],
                    past: Sequence[tuple[int, str | None]]) -> str:
    """Explain the rows that would rewrite the past, and the flag that would allow it."""
    lines = [f"{name} line {rows[i].line}: {rows[i].staff} on {cells[i].day} is "
             f"{was or '休'} and has begun (or has punches); the file says "
             f"{cells[i].shift_code or '休'}" for i, was in past[:5]]
    more = f" (and {len(past) - 5} more rows)" if len(past) > 5 else ""
    return "\n".join(lines) + more + (
        "\nShifts that have begun are kept as they were; nothing was imported. To rewrite "
        "them, import again with --correct --reason TEXT (audited; lateness, absence and "
        "red packets of those days are re-derived).")


def correct_history(session: Session, cells: Sequence[Cell], *, reason: str, now: datetime,
                    policy: Policy) -> list[Corrected]:
    """Rewrite cells that are history as the operator's correction."""
    return correct_shifts(session, lead=OPERATOR, cells=cells, reason=reason, now=now,
                          policy=policy)


@click.command(name="correct")
@click.argument("day", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE")
@click.argument("who")
@click.argument("shift")
@click.option("--reason", required=True, help="Why the past is rewritten (kept in the audit).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Output language (default: the team's).")
def roster_correct(day: datetime, who: str, shift: str, reason: str, lang: Lang | None) -> None:
    """Correct one person's shift on DATE, even one that has begun: audited, and that
    day's lateness, absence and red packets are re-derived. SHIFT: a code, a name or 休."""
    s = settings()
    init_database(s)
    ctx = build_context(s)
    lang = lang or ctx.team_lang
    code = None if shift.strip().lower() in REST_WORDS else \
        (found.code if (found := ctx.policy.find_shift(shift)) else "")
    if code == "":
        codes = ", ".join(x.code for x in ctx.policy.shift_defs())
        raise BadInput(f'unknown shift "{shift}" (use a code or name: {codes}, or 休/rest)')
    try:
        with ctx.session() as session:
            people = matching(session, ref=who)
            if len(people) != 1:
                raise BadInput(f'"{who}" names {len(people)} people; use a Slack ID from '
                               "`kefu staff list`")
            done = correct_history(session, [Cell(people[0].id, day.date(), code)],
                                   reason=reason, now=ctx.clock(), policy=ctx.policy)
    except Refused as err:
        click.echo(render(lang, "refused", reason=err.reason, p=err.params), err=True)
        raise SystemExit(1) from None
    if not done:
        click.echo(f"{people[0].name} already has {code or '休'} on {day.date()}: nothing changed")
        return
    click.echo(render(lang, "roster_corrected", c=done, reason=reason.strip()))
