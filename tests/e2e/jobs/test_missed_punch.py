"""The morning after: each person with a missed punch (缺卡) of yesterday that can still be
made up gets a DM with the exact `/clock fix` to send."""

from __future__ import annotations

from datetime import date, datetime

from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from db.models import Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

SUNDAY = date(2026, 11, 22)
MONDAY = date(2026, 11, 23)
TUESDAY = date(2026, 11, 24)


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def punch(bot: Bot, user: str, when: datetime, kind: str) -> None:
    bot.now = when
    bot.command(user, "/clock", kind)


def team(bot: Bot) -> None:
    """Everyone on D (08:30–17:30) on Sunday and Monday; all clock in on Monday at 08:25."""
    people = [bot.add_staff("U0A1", "陈晓"), bot.add_staff("U0A2", "Ann", locale="en-US"),
              bot.add_staff("U0A3", "林悦")]
    for who in people:
        for day in (SUNDAY, MONDAY):
            bot.set_shift(who, day, "D")
        punch(bot, who.slack_id, at(MONDAY, 8, 25), "in")


def dms(bot: Bot, user: str, after: int) -> list[str]:
    return [text_of(c) for c in bot.posts(user, after=after)]


def test_a_missed_clock_out_is_reminded_next_morning_with_the_command_to_send(
        bot: Bot) -> None:
    team(bot)
    punch(bot, "U0A3", at(MONDAY, 17, 35), "out")
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["missed_punch"], at(TUESDAY, 9, 0))
    [zh] = dms(bot, "U0A1", seq)
    assert "11-23 白班 缺下班卡" in zh
    assert "`/clock fix 11-23 17:30 out 忘记打卡`" in zh
    assert "时间请改成你实际离岗的时间" in zh and "补卡须在 7 天内申请" in zh
    [en] = dms(bot, "U0A2", seq)
    assert "11-23 Day: no clock-out" in en
    assert "`/clock fix 11-23 17:30 out forgot to clock out`" in en
    assert "Change the time to when you really left" in en
    assert dms(bot, "U0A3", seq) == []  # punched in and out
    assert bot.posts("kefu", after=seq) == []


def test_the_command_in_the_reminder_files_the_make_up_as_typed(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    scheduler.run_job(bot.ctx, JOBS["missed_punch"], at(TUESDAY, 9, 0))
    command = dms(bot, "U0A1", seq)[0].split("`")[1]
    bot.now = at(TUESDAY, 9, 5)
    reply = bot.command("U0A1", "/clock", command.removeprefix("/clock "))
    assert "补卡" in reply
    [r] = bot.rows(Request)
    assert (r.kind, r.state, r.day) == ("makeup", "pending", MONDAY)


def test_only_yesterdays_punches_not_yet_asked_for_are_reminded(bot: Bot) -> None:
    team(bot)
    punch(bot, "U0A1", at(SUNDAY, 8, 25), "in")  # Sunday's clock-out is missing too
    bot.now = at(TUESDAY, 8, 0)
    bot.command("U0A2", "/clock", "fix 11-23 17:40 out forgot")  # already asked
    seq = bot.api.last_seq
    scheduler.run_job(bot.ctx, JOBS["missed_punch"], at(TUESDAY, 9, 0))
    assert dms(bot, "U0A2", seq) == []
    [zh] = dms(bot, "U0A1", seq)
    assert "11-22" not in zh and "/clock fix 11-23" in zh  # Sunday is not yesterday


def test_the_reminder_run_twice_for_one_morning_is_sent_once(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["missed_punch"], at(TUESDAY, 9, 0))
    assert not scheduler.run_job(bot.ctx, JOBS["missed_punch"], at(TUESDAY, 9, 0))
    assert len(dms(bot, "U0A1", seq)) == 1 and len(dms(bot, "U0A2", seq)) == 1
