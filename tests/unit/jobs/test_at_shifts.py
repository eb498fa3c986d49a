"""Jobs tied to the shifts: their times come from the catalogue moved by the policy's offset,
and a run finds the shifts it is for, on the day each belongs to."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.shifts import Assignment, ShiftDef
from bot.jobs.at_shifts import shift_schedule, shifts_at
from bot.policy import PolicyError, describe_policy, parse_policy
from bot.policy.jobs import ShiftJobConfig
from tests.unit.test_policy import BASE

TZ = ZoneInfo("Asia/Shanghai")
EARLY = ShiftDef("A", "早班", "Early", 8 * 60, 16 * 60)
MIDDLE = ShiftDef("B", "中班", "Middle", 16 * 60, 24 * 60)
NIGHT = ShiftDef("C", "晚班", "Night", 24 * 60, 32 * 60)  # 24:00–08:00 of the next day
THREE = (EARLY, MIDDLE, NIGHT)


def test_a_reminder_before_a_midnight_shift_runs_the_evening_before() -> None:
    cfg = shift_schedule(ShiftJobConfig(minutes_before=15), THREE)
    assert cfg.at == ("07:45", "15:45", "23:45") and cfg.days == "all"


def test_shifts_sharing_a_start_share_one_time() -> None:
    same = ShiftDef("S", "白班二", "Day two", 8 * 60, 12 * 60)
    assert shift_schedule(ShiftJobConfig(minutes_after=30), (EARLY, same)).at == ("08:30",)


def test_the_run_at_23_45_is_for_the_shift_of_the_day_that_is_ending() -> None:
    instant = datetime(2026, 11, 24, 23, 45, tzinfo=TZ)
    assert shifts_at(instant, -15, THREE, TZ) == [Assignment(date(2026, 11, 24), NIGHT)]


def test_a_check_after_midnight_finds_the_night_shift_of_the_day_before() -> None:
    instant = datetime(2026, 11, 25, 0, 30, tzinfo=TZ)
    assert shifts_at(instant, 30, THREE, TZ) == [Assignment(date(2026, 11, 24), NIGHT)]
    assert shifts_at(instant.replace(minute=31), 30, THREE, TZ) == []


def test_before_and_after_together_are_refused_with_the_key() -> None:
    text = BASE + "\n[jobs.shift_reminder]\nminutes_before = 15\nminutes_after = 5\n"
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "t.toml")
    assert "jobs.shift_reminder" in str(caught.value)
    assert "set minutes_before or minutes_after, not both" in str(caught.value)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Around each shift: a reminder DM to its people 10 min before the start; the leads "
     "hear who has not clocked in 30 min after the start (off); open swaps and leave lapse at "
     "the start"),
    ("zh", "班次前后：开班前 10 分钟私信提醒当班的人；开班后 30 分钟（已关闭）"
     "把未打卡名单发给组长；未处理的换班和请假开班时失效"),
])
def test_policy_check_describes_the_shift_routines(lang: str, text: str) -> None:
    moved = BASE + ("\n[jobs.shift_reminder]\nminutes_before = 10\n"
                    "\n[jobs.shift_no_clock_in]\nenabled = false\nminutes_after = 30\n")
    assert text in describe_policy(parse_policy(moved, "t.toml"), lang)
