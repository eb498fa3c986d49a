"""A team whose policy language is English reads the scheduled posts in English."""

from __future__ import annotations

from datetime import date, datetime

from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=SHANGHAI)


def english(bot: Bot) -> None:
    p = bot.ctx.policy
    bot.ctx.policy = p.model_copy(update={
        "team": p.team.model_copy(update={"language": "en"})})


def run(bot: Bot, job: str, when: datetime) -> str:
    seq = bot.api.last_seq
    bot.now = when
    assert scheduler.run_job(bot.ctx, JOBS[job], when)
    return "\n".join(text_of(c) for c in bot.posts("kefu", after=seq))


def test_an_english_team_reads_rounds_parcels_and_notices_in_english(bot: Bot) -> None:
    english(bot)
    chen = bot.add_staff("U0A1", "Chen", locale="en-US")
    for day in (2, 3):
        bot.set_shift(chen, date(2026, 11, day), "D")
    bot.now = at(21, 9)
    bot.command("U0A1", "/parcel", "log 518000000001 damaged call 13812345678")
    run(bot, "missed_calls", at(24, 10))
    assert "Nobody has confirmed the 10:00 round yet" in run(bot, "missed_calls", at(24, 13))
    assert "1 open, 1 not updated today, 1 with the hold over" in run(
        bot, "parcel_followup", at(24, 9, 30))
    held = run(bot, "parcel_hold", at(24, 10))
    assert "Hold over for 1 problem parcel" in held and "138****5678" in held
    notice = run(bot, "absence_steps", at(4, 9, 5))
    assert "Chen has 2 day(s) of absence in November 2026" in notice
    assert "10 days' wage deducted" in notice
