"""The morning after: each person with a missed punch (缺卡) of yesterday that can still be
made up is told the exact `/clock fix` to send."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.jobs import say
from bot.render.text import hhmm
from bot.services import reminders


def run(ctx: Context, now: datetime) -> None:
    """DM each person their missed punches of yesterday, one `/clock fix` line each."""
    policy = ctx.policy
    with ctx.session() as session:
        missed = reminders.missed_yesterday(session, now=now, policy=policy)
    for person in missed:
        lines = []
        for m in person.punches:
            shift = policy.find_shift(m.shift_code)
            assert shift is not None
            # The shift's own time is the likeliest one; the message says to change it.
            at = shift.start_minute if m.kind == "in" else shift.end_minute
            lines.append((m, shift, hhmm(at)))
        say.dm(ctx, person.who.slack_id, "missed_punch_dm", lines=lines,
               days=policy.makeup.max_age_days)
