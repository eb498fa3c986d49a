"""The report jobs' schedules in the policy: payday, the monthly sheet's day, and how
`kefu policy check` describes them; the custom reminders' schedule syntax."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.jobs.monday import last_week
from bot.jobs.monthly import config as sheet_config
from bot.jobs.monthly import sheet_month
from bot.jobs.timing import instants, on_monthday
from bot.parse.common import UsageError
from bot.parse.remind import parse_remind
from bot.policy import PolicyError, describe_policy, load_policy, parse_policy
from tests.unit.test_policy import BASE

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("monthday", "day", "due"), [
    (9, date(2026, 12, 9), True), (9, date(2026, 12, 10), False),
    (31, date(2027, 2, 28), True), (31, date(2027, 2, 27), False),
    (31, date(2026, 12, 31), True), (None, date(2026, 12, 3), True),
])
def test_a_monthday_past_the_months_end_is_its_last_day(
        monthday: int | None, day: date, due: bool) -> None:
    assert on_monthday(monthday, day) is due


def test_payday_moves_the_monthly_sheet_to_the_day_before() -> None:
    policy = parse_policy(BASE + "\n[jobs]\npayday = 15\n", "team.toml")
    cfg = sheet_config(policy)
    found = instants(cfg, TZ, datetime(2026, 12, 1, tzinfo=TZ), datetime(2027, 1, 31, tzinfo=TZ),
                     lambda _d: False)
    assert found == [datetime(2026, 12, 14, 10, 0, tzinfo=TZ),
                     datetime(2027, 1, 14, 10, 0, tzinfo=TZ)]


def test_a_payday_that_is_no_day_of_a_month_names_its_key() -> None:
    with pytest.raises(PolicyError) as caught:
        parse_policy(BASE + "\n[jobs]\npayday = 29\n", "team.toml")
    assert "jobs.payday" in str(caught.value)


@pytest.mark.parametrize(("today", "month"), [
    (date(2026, 12, 9), "2026-11"), (date(2026, 11, 30), "2026-11"),
    (date(2027, 1, 9), "2026-12")])
def test_the_sheet_is_of_the_month_tomorrows_payday_pays(today: date, month: str) -> None:
    assert str(sheet_month(datetime(today.year, today.month, today.day, 10, tzinfo=TZ), TZ)) \
        == month


def test_last_week_is_monday_to_sunday_before_this_one() -> None:
    assert last_week(datetime(2026, 11, 23, 9, tzinfo=TZ), TZ) == (
        date(2026, 11, 16), date(2026, 11, 22))


def test_policy_check_describes_the_report_jobs() -> None:
    zh, en = describe_policy(load_policy(), "zh"), describe_policy(load_policy(), "en")
    assert "monday_attendance：每周一 09:00" in zh and "daily_report：每天 22:30" in zh
    assert "monthly_sheet：每月 9 日 10:00" in zh and "每月 10 日发工资" in zh
    assert "monthly_sheet: 10:00, on day 9 of the month" in en


@pytest.mark.parametrize(("text", "times", "days"), [
    ("add 08:50 x", ("08:50",), "all"),
    ("add 15:00,10:00 x", ("10:00", "15:00"), "all"),
    ("add 14:00-17:00/1h x", ("14:00", "15:00", "16:00", "17:00"), "all"),
    ("add 09:00-10:00/30m x", ("09:00", "09:30", "10:00"), "all"),
    ("add 工作日 9:05 x", ("09:05",), "workday"),
    ("add 周五 17:30 x", ("17:30",), "fri"),
    ("add 0 14-17 * * * x", ("14:00", "15:00", "16:00", "17:00"), "all"),
    ("add */20 9 * * 0 x", ("09:00", "09:20", "09:40"), "sun"),
    ("添加 ０８：５０ x", ("08:50",), "all"),
])
def test_reminder_schedules_expand_to_times_of_day(text: str, times: tuple[str, ...],
                                                   days: str) -> None:
    cmd = parse_remind(text)
    assert cmd.schedule is not None
    assert (cmd.schedule.times, cmd.schedule.days, cmd.text) == (times, days, "x")


@pytest.mark.parametrize(("text", "problem"), [
    ("add 24:00 x", "bad_schedule"), ("add 8:5 x", "bad_schedule"),
    ("add 17:00-14:00/1h x", "bad_schedule"), ("add 14:00-17:00/0h x", "bad_schedule"),
    ("add 工作日 0 14 * * * x", "bad_schedule"), ("add 0 25 * * * x", "bad_cron"),
    ("add 0 14 * * 1-5 x", "bad_cron"), ("add 0 14 * * *", "remind_text"),
    ("add * * * * * x", "remind_too_many"), ("add 工作日", "remind_form"),
    ("remove 0", "bad_id"), ("stop", "remind_action"),
])
def test_reminder_schedule_mistakes_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_remind(text)
    assert caught.value.problem == problem
