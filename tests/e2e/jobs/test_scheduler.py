"""The scheduled jobs: each instant runs once whoever calls it, a run missed by downtime
fires once within the grace or is recorded as skipped, and the morning summary says what
the meeting needs."""

from __future__ import annotations

from datetime import date, datetime

from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from db.models import JobRun
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

TUESDAY = date(2026, 11, 24)
MONDAY = date(2026, 11, 23)


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot) -> None:
    chen = bot.add_staff("U0A1", "陈晓")
    lin = bot.add_staff("U0A2", "林悦")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for day in (MONDAY, TUESDAY):
        bot.set_shift(chen, day, "D")
        bot.set_shift(lin, day, "E")


def summaries(bot: Bot, after: int) -> list[str]:
    return [text_of(c) for c in bot.posts("kefu", after=after)]


def test_the_morning_summary_reads_todays_roster_yesterdays_lates_and_the_focus(
        bot: Bot) -> None:
    team(bot)
    bot.now = at(MONDAY, 8, 42)
    bot.command("U0A1", "/clock", "in")  # 12 minutes late yesterday
    bot.now = at(TUESDAY, 7, 50)
    assert "#1" in bot.command("U0L1", "/kefu", "focus 今天重点回访差评")
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["morning_summary"], at(TUESDAY, 8, 20))
    [text] = summaries(bot, seq)
    assert "晨会 11-24 周二" in text
    assert "白班 08:30–17:30：陈晓" in text and "晚班" in text and "林悦" in text
    assert "迟到：陈晓 12 分钟" in text
    assert "陈晓 迟到" in text  # yesterday's fine, by rule name
    assert "1. 今天重点回访差评" in text
    assert "未发红包：1 个" in text


def test_kefu_summary_answers_privately_in_the_askers_language(bot: Bot) -> None:
    team(bot)
    bot.add_staff("U0A3", "Ann", locale="en-US")
    text = bot.command("U0A3", "/kefu", "summary")
    assert "Morning meeting Tue 11-24" in text and "Day" in text and "陈晓" in text
    assert bot.posts("kefu") == []


def test_an_agent_cannot_add_a_focus_item(bot: Bot) -> None:
    team(bot)
    assert "组长" in bot.command("U0A1", "/kefu", "focus 我想加一条")
    assert "请写上重点" in bot.command("U0L1", "/kefu", "focus")


def test_an_instant_runs_once_whoever_asks(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    job = JOBS["morning_summary"]
    assert scheduler.run_job(bot.ctx, job, at(TUESDAY, 8, 20))
    assert not scheduler.run_job(bot.ctx, job, at(TUESDAY, 8, 20))
    assert len(summaries(bot, seq)) == 1
    assert [(r.job, r.state) for r in bot.rows(JobRun)] == [("morning_summary", "done")]


def test_a_run_missed_by_downtime_fires_once_within_the_grace(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    ran = scheduler.catch_up(bot.ctx, at(TUESDAY, 8, 50))
    assert ("morning_summary", at(TUESDAY, 8, 20), "ran") in ran
    assert scheduler.catch_up(bot.ctx, at(TUESDAY, 8, 55)) == []  # a second restart
    assert len(summaries(bot, seq)) == 1


def test_a_run_missed_past_the_grace_is_recorded_as_skipped(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    ran = scheduler.catch_up(bot.ctx, at(TUESDAY, 9, 30))
    assert ("morning_summary", at(TUESDAY, 8, 20), "skipped") in ran
    assert summaries(bot, seq) == []
    skipped = [r for r in bot.rows(JobRun) if r.job == "morning_summary"]
    assert [r.state for r in skipped] == ["skipped"]


def test_the_summary_is_not_due_on_a_saturday_and_the_meeting_only_on_monday(
        bot: Bot) -> None:
    saturday = date(2026, 11, 28)
    assert scheduler.scheduled(bot.ctx, JOBS["morning_summary"], at(saturday, 0, 0),
                               at(saturday, 23, 59)) == []
    meeting = scheduler.scheduled(bot.ctx, JOBS["weekly_meeting"], at(MONDAY, 0, 0),
                                  at(date(2026, 11, 29), 23, 59))
    assert meeting == [at(MONDAY, 18, 45)]


def test_the_weekly_meeting_reminder_names_the_time(bot: Bot) -> None:
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["weekly_meeting"], at(MONDAY, 18, 45))
    [text] = summaries(bot, seq)
    assert "19:00" in text and "周例会" in text


def test_focus_added_after_the_summary_goes_to_the_next_morning(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 9, 0)
    assert "11-25" in bot.command("U0L1", "/kefu", "focus 明天盘点库存")
