"""Around each shift's start: its people are reminded to come early for the handover, and
later the leads hear privately who of them has not clocked in. People on leave are left out."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.domain.shifts import shift_window
from bot.jobs import say
from bot.jobs.at_shifts import shifts_at
from bot.services import reminders


def remind(ctx: Context, now: datetime) -> None:
    """DM each person of the shifts starting soon: which shift, when, and to come early."""
    cfg, policy = ctx.policy.jobs.shift_reminder, ctx.policy
    with ctx.session() as session:
        for a in shifts_at(now, cfg.offset_minutes, policy.shift_defs(), policy.tz):
            window = shift_window(a, policy.tz)
            for person in reminders.on_shift(session, day=a.day, code=a.shift.code):
                say.dm(ctx, person.who.slack_id, "shift_reminder", shift=a.shift,
                       window=window, minutes=cfg.minutes_before)


def no_clock_in(ctx: Context, now: datetime) -> None:
    """Name to the leads the people of a started shift with no clock-in yet."""
    cfg, policy = ctx.policy.jobs.shift_no_clock_in, ctx.policy
    with ctx.session() as session:
        for a in shifts_at(now, cfg.offset_minutes, policy.shift_defs(), policy.tz):
            missing = [p.who for p in reminders.on_shift(session, day=a.day, code=a.shift.code)
                       if not p.clocked_in]
            if missing:
                say.to_leads(ctx, "shift_no_clock_in", shift=a.shift,
                             window=shift_window(a, policy.tz), minutes=cfg.minutes_after,
                             people=missing)
