"""/kefu remind: a lead's reminders, posted to the team channel at their times, each instant
once, through the scheduler's minute tick and `run_job`; what a mistyped one is told."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.jobs import scheduler
from bot.jobs.reminders import reminder_jobs
from db.models import AuditLog, JobRun, Reminder
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

TUESDAY = date(2026, 11, 24)
SATURDAY = date(2026, 11, 28)


def at(hh: int, mm: int, ss: int = 0, day: date = TUESDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=SHANGHAI)


@pytest.fixture
def team(bot: Bot) -> Bot:
    bot.add_staff("U0L1", "孙丽", role="lead")
    bot.add_staff("U0L2", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0A1", "陈晓")
    bot.now = at(13, 0)
    return bot


def tick(bot: Bot, now: datetime) -> list[str]:
    """What the scheduler's minute tick posts to the team channel at NOW."""
    bot.now = now
    bot.settle()
    seq = bot.api.last_seq
    scheduler.remind_tick(bot.ctx)
    return [text_of(c) for c in bot.posts("kefu", after=seq)]


def test_an_hourly_reminder_posts_once_at_each_time_from_14_to_17(team: Bot) -> None:
    reply = team.command("U0L1", "/kefu", "remind add 14:00-17:00/1h 下单到仓库")
    assert "已添加提醒 #1 每天 14:00、15:00、16:00、17:00：下单到仓库" in reply
    assert "将发到 #kefu" in reply
    assert tick(team, at(13, 59)) == []
    assert tick(team, at(14, 0)) == [":alarm_clock: 下单到仓库"]
    assert tick(team, at(14, 0, 30)) == []  # the same instant again
    assert tick(team, at(15, 0)) == [":alarm_clock: 下单到仓库"]
    assert scheduler.run_job(team.ctx, reminder_jobs(team.ctx)[0], at(15, 0)) is False
    assert [(r.job, r.instant) for r in team.rows(JobRun)] == [
        ("remind:1", at(14, 0)), ("remind:1", at(15, 0))]


def test_a_five_field_cron_is_read_as_its_times_of_day(team: Bot) -> None:
    reply = team.command("U0L1", "/kefu", "remind add 30 9,14 * * * 回访差评")
    assert "#1 每天 09:30、14:30：回访差评" in reply
    assert tick(team, at(14, 30)) == [":alarm_clock: 回访差评"]


def test_the_running_scheduler_picks_up_a_reminder_added_after_it_started(
        team: Bot) -> None:
    team.now = at(13, 58)
    running = scheduler.start(team.ctx)
    try:
        minutely = running.get_job("reminders")
        team.command("U0L1", "/kefu", "remind add 14:00 交接前检查售后")
        team.now = at(14, 0)
        seq = team.api.last_seq
        minutely.func(*minutely.args)  # what APScheduler calls at the top of each minute
        assert [text_of(c) for c in team.posts("kefu", after=seq)] == [
            ":alarm_clock: 交接前检查售后"]
        assert str(minutely.trigger) == "cron[second='0']"
    finally:
        running.shutdown(wait=False)


def test_a_reminder_does_not_post_for_a_time_before_it_was_added(team: Bot) -> None:
    team.now = at(14, 30)
    team.command("U0L1", "/kefu", "remind add 14:00,15:00 下单到仓库")
    assert tick(team, at(14, 31)) == []
    assert tick(team, at(15, 0)) == [":alarm_clock: 下单到仓库"]


def test_a_working_day_reminder_is_quiet_on_saturday(team: Bot) -> None:
    assert "#1 工作日 09:00：看昨天的售后" in team.command(
        "U0L1", "/kefu", "remind add 工作日 09:00 看昨天的售后")
    assert tick(team, at(9, 0, day=SATURDAY)) == []
    assert tick(team, at(9, 0, day=date(2026, 11, 30))) == [":alarm_clock: 看昨天的售后"]


def test_a_missed_reminder_posts_once_after_a_restart_within_the_grace(team: Bot) -> None:
    team.command("U0L1", "/kefu", "remind add 14:00 下单到仓库")
    seq = team.api.last_seq
    assert ("remind:1", at(14, 0), "ran") in scheduler.catch_up(team.ctx, at(14, 20))
    assert scheduler.catch_up(team.ctx, at(14, 25)) == []
    assert tick(team, at(14, 26)) == []
    assert len(team.posts("kefu", after=seq)) == 1


def test_a_removed_reminder_posts_nothing_and_cannot_be_removed_twice(team: Bot) -> None:
    team.command("U0L1", "/kefu", "remind add 14:00 下单到仓库")
    assert "已删除提醒 #1" in team.command("U0L1", "/kefu", "remind remove 1")
    assert tick(team, at(14, 0)) == []
    assert "没有编号为 #1 的提醒" in team.command("U0L1", "/kefu", "remind remove #1")
    assert "还没有提醒" in team.command("U0A1", "/kefu", "remind list")
    assert [a.action for a in team.rows(AuditLog) if a.entity == "reminder"] == [
        "remind.add", "remind.remove"]


def test_an_english_lead_is_answered_in_english(team: Bot) -> None:
    reply = team.command("U0L2", "/kefu", "remind add mon 10:00 weekly stock check")
    assert "Reminder added: #1 Mondays 10:00: weekly stock check" in reply
    assert "#1 Mondays 10:00: weekly stock check" in team.command(
        "U0L2", "/kefu", "remind list")
    assert "Reminder removed: #1" in team.command("U0L2", "/kefu", "remind remove 1")


def test_an_agent_can_list_reminders_but_not_add_or_remove_them(team: Bot) -> None:
    team.command("U0L1", "/kefu", "remind add 14:00 下单到仓库")
    assert "组长" in team.command("U0A1", "/kefu", "remind add 15:00 我也来")
    assert "组长" in team.command("U0A1", "/kefu", "remind remove 1")
    assert "#1 每天 14:00：下单到仓库" in team.command("U0A1", "/kefu", "remind")
    assert [(r.id, r.active) for r in team.rows(Reminder)] == [(1, True)]


@pytest.mark.parametrize(("text", "said"), [
    ("remind add 25:00 下单", "看不懂时间“25:00”"),
    ("remind add 下单到仓库", "看不懂时间“下单到仓库”"),
    ("remind add 14:00", "请在时间后面写上提醒内容"),
    ("remind add", "请写时间和内容"),
    ("remind add 0 14 1 * * 月初盘点", "日和月须为 *"),
    ("remind add 0 14-17 * * 1-5 下单", "只要工作日，就写 `/kefu remind add 工作日"),
    ("remind add 08:00-20:00/10m 太频繁", "一天超过 48 次"),
    ("remind remove", "`/kefu remind list` 可查看编号"),
    ("remind remove abc", "“abc”不是编号"),
    ("remind edit 1", "用 add（添加）、list（查看）或 remove（删除）"),
])
def test_a_mistyped_reminder_is_told_what_to_type_and_nothing_is_kept(
        team: Bot, text: str, said: str) -> None:
    reply = team.command("U0L1", "/kefu", text)
    assert said in reply and "`/kefu remind add [工作日|周一…] 时间 内容`" in reply
    assert team.rows(Reminder) == []


def test_mistyped_reminder_in_english(team: Bot) -> None:
    reply = team.command("U0L2", "/kefu", "remind add 14:00-17:00/1x orders")
    assert "I can't read the time \"14:00-17:00/1x\"" in reply
    assert "`/kefu remind add [workday|mon…] WHEN TEXT`" in reply


def test_full_width_times_are_read(team: Bot) -> None:
    reply = team.command("U0L1", "/kefu", "remind add １４：００－１７：００／１ｈ 下单到仓库！")
    assert "每天 14:00、15:00、16:00、17:00：下单到仓库！" in reply


def test_kefu_jobs_list_shows_each_reminder_with_its_next_time(team: Bot) -> None:
    team.command("U0L1", "/kefu", "remind add 14:00-17:00/1h 下单到仓库")
    env = {"DATABASE_URL": str(team.ctx.settings.database_url)}
    listed = CliRunner().invoke(main, ["jobs", "list"], env=env)
    assert listed.exit_code == 0, listed.output
    line = next(x for x in listed.output.splitlines() if x.startswith("remind:1"))
    assert "14:00,15:00,16:00,17:00 all" in line and "reminder: 下单到仓库" in line
    assert "monthly_sheet" in listed.output and "monthday 9" in listed.output
