"""Leave approved for a shift that has begun (sick leave filed afterwards, or a day with
punches) records the leave and keeps the roster as it was; attendance counts it as leave."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot import ids
from bot.domain.period import Month
from bot.services.attendance.rows import attendance_rows
from db.models import AuditLog, LeaveDay, Request, RosterEntry
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.leave.test_leave import nov, team


def ann_roster(bot: Bot) -> dict[date, str | None]:
    return {r.day: r.shift_code for r in bot.rows(RosterEntry) if r.staff_id == 1}


@pytest.mark.parametrize(("asked_at", "punch_at", "text", "day"), [
    ((24, 8, 0), None, "11-23 sick fever", nov(23)),  # back-filed: Monday is history
    ((24, 10, 0), None, "today sick fever", nov(24)),  # today's day shift began at 08:30
    ((24, 8, 25), (24, 8, 20), "today sick fever", nov(24)),  # not begun, but punched
])
def test_sick_leave_for_a_begun_shift_keeps_the_roster_and_counts_as_leave(
        bot: Bot, asked_at: tuple[int, int, int], punch_at: tuple[int, int, int] | None,
        text: str, day: date) -> None:
    team(bot)
    if punch_at is not None:
        bot.now = datetime(2026, 11, *punch_at, tzinfo=SHANGHAI)
        bot.command("U0A1", "/clock", "in")
    bot.now = datetime(2026, 11, *asked_at, tzinfo=SHANGHAI)
    seq = bot.api.last_seq
    bot.command("U0A1", "/leave", text)
    r = bot.rows(Request)[0]
    assert "Done" in bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert ann_roster(bot)[day] == "D"  # the past stays true: she was rostered
    assert [(d.day, d.kind) for d in bot.rows(LeaveDay)] == [(day, "sick")]
    dm = text_of(bot.posts("U0A1", after=seq)[-1])
    assert f"Shifts that had begun stay on the roster and count as leave: {day:%m-%d} (D)" in dm
    assert not [a for a in bot.rows(AuditLog) if a.action == "roster.set"
                and a.entity_id == f"1:{day}" and a.actor == "U0L1"]
    with bot.ctx.session() as s:
        row = next(x for x in attendance_rows(s, month=Month(2026, 11), now=bot.now,
                                              policy=bot.ctx.policy) if x.who.id == 1)
    # the leave day is no absence; Monday without punches is, unless it is the leave day
    assert row.summary.leave_days == 1
    assert row.summary.absence_half_days == (0 if day == nov(23) else 2)


def test_sick_leave_for_a_shift_not_begun_still_turns_it_to_rest(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "11-25 sick fever")
    r = bot.rows(Request)[0]
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert ann_roster(bot)[nov(25)] is None
