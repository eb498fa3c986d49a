"""Around each shift's start: its people are reminded 15 minutes before (come early for the
handover), and 30 minutes after it the leads hear privately who has not clocked in. People
on leave that day are neither reminded nor named."""

from __future__ import annotations

from datetime import date, datetime

from bot import ids
from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from db.models import LeaveDay, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot, day: date = TUESDAY) -> None:
    """陈晓 and Ann on the day shift D (08:30–17:30), 林悦 on the late shift E (17:00–01:00)."""
    chen = bot.add_staff("U0A1", "陈晓")
    ann = bot.add_staff("U0A2", "Ann", locale="en-US")
    lin = bot.add_staff("U0A3", "林悦")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for who, code in ((chen, "D"), (ann, "D"), (lin, "E")):
        bot.set_shift(who, day, code)


def dms(bot: Bot, user: str, after: int) -> list[str]:
    return [text_of(c) for c in bot.posts(user, after=after)]


def run(bot: Bot, job: str, instant: datetime) -> bool:
    return scheduler.run_job(bot.ctx, JOBS[job], instant)


def test_the_day_shift_is_reminded_15_minutes_before_in_each_persons_language(
        bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    assert run(bot, "shift_reminder", at(TUESDAY, 8, 15))
    [zh] = dms(bot, "U0A1", seq)
    assert "白班" in zh and "11-24 周二 08:30–17:30 15 分钟后开始" in zh
    assert "请提前 10–15 分钟到岗，和上一班交接" in zh
    [en] = dms(bot, "U0A2", seq)
    assert "Your *Day* shift Tue 11-24 08:30–17:30 starts in 15 minutes" in en
    assert "arrive 10–15 minutes early for the handover" in en
    assert dms(bot, "U0A3", seq) == []  # the late shift is not due yet
    assert bot.posts("kefu", after=seq) == [] and bot.posts("kefu-approvals", after=seq) == []


def test_the_late_shift_is_reminded_at_16_45_and_told_it_ends_the_next_day(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    assert run(bot, "shift_reminder", at(TUESDAY, 16, 45))
    [zh] = dms(bot, "U0A3", seq)
    assert "晚班" in zh and "17:00–01:00（次日） 15 分钟后开始" in zh
    assert dms(bot, "U0A1", seq) == [] and dms(bot, "U0A2", seq) == []


def test_the_shift_jobs_are_due_at_each_shifts_start_moved_by_the_policy(bot: Bot) -> None:
    def due(job: str) -> list[str]:
        found = scheduler.scheduled(bot.ctx, JOBS[job], at(TUESDAY, 0, 0), at(TUESDAY, 23, 59))
        return [f"{i:%H:%M}" for i in found]

    assert due("shift_reminder") == ["08:15", "16:45"]
    assert due("shift_no_clock_in") == ["09:00", "17:30"]
    assert due("request_lapse") == ["08:30", "17:00"]
    assert due("missed_punch") == ["09:00"]


def test_the_leads_hear_privately_who_has_not_clocked_in_30_minutes_in(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 8, 25)
    bot.command("U0A1", "/clock", "in")
    seq = bot.api.last_seq
    assert run(bot, "shift_no_clock_in", at(TUESDAY, 9, 0))
    [post] = [text_of(c) for c in bot.posts("kefu-approvals", after=seq)]
    assert "白班" in post and "已开始 30 分钟，以下 1 人还没有上班打卡：Ann。" in post
    assert "陈晓" not in post and "林悦" not in post
    assert bot.posts("kefu", after=seq) == []  # never the team channel
    assert dms(bot, "U0A2", seq) == [] and dms(bot, "U0L1", seq) == []


def test_the_no_clock_in_post_is_in_the_teams_language(bot: Bot) -> None:
    bot.ctx.settings = bot.ctx.settings.model_copy(update={"kefu_lang": "en"})
    team(bot)
    seq = bot.api.last_seq
    assert run(bot, "shift_no_clock_in", at(TUESDAY, 17, 30))
    [post] = [text_of(c) for c in bot.posts("kefu-approvals", after=seq)]
    assert "The *Late* shift Tue 11-24 17:00–01:00 (next day) started 30 minutes ago" in post
    assert "1 person has not clocked in: 林悦." in post


def test_a_shift_where_everyone_clocked_in_posts_nothing(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 8, 29)
    bot.command("U0A1", "/clock", "in")
    bot.command("U0A2", "/clock", "in")
    seq = bot.api.last_seq
    assert run(bot, "shift_no_clock_in", at(TUESDAY, 9, 0))
    assert bot.posts("kefu-approvals", after=seq) == []


def test_a_person_on_leave_that_day_is_neither_reminded_nor_named(bot: Bot) -> None:
    team(bot, WEDNESDAY)
    bot.command("U0A2", "/leave", "11-25 personal dentist")
    r = bot.rows(Request)[0]
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert [(d.day, d.kind) for d in bot.rows(LeaveDay)] == [(WEDNESDAY, "personal")]
    # The week's roster is published again and puts Ann back on D over her approved leave.
    bot.set_shift(bot.add_staff("U0A2", "Ann", locale="en-US"), WEDNESDAY, "D")
    seq = bot.api.last_seq
    assert run(bot, "shift_reminder", at(WEDNESDAY, 8, 15))
    assert run(bot, "shift_no_clock_in", at(WEDNESDAY, 9, 0))
    assert dms(bot, "U0A2", seq) == []
    assert len(dms(bot, "U0A1", seq)) == 1  # the job did run for the others
    [post] = [text_of(c) for c in bot.posts("kefu-approvals", after=seq)]
    assert "陈晓" in post and "Ann" not in post


def test_each_shift_job_run_twice_for_one_instant_sends_once(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    for _ in range(2):
        run(bot, "shift_reminder", at(TUESDAY, 8, 15))
        run(bot, "shift_no_clock_in", at(TUESDAY, 9, 0))
    assert len(dms(bot, "U0A1", seq)) == 1 and len(dms(bot, "U0A2", seq)) == 1
    assert len(bot.posts("kefu-approvals", after=seq)) == 1
