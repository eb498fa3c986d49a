"""Attendance rules of one person: shifts judged from punches, as far as the clock allows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.domain.attendance import (
    Judging,
    MissedPunch,
    PunchFact,
    judge_shift,
    judge_shifts,
    missed_punches,
)
from bot.domain.lateness import LatenessTier, assess_punch
from bot.domain.shifts import Assignment, ShiftDef

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY_SHIFT = ShiftDef("D", "白班", "Day", 510, 1050)  # 08:30–17:30
LATE_SHIFT = ShiftDef("E", "晚班", "Late", 1020, 1500, night=True)  # 17:00–01:00 next day
TIERS = (LatenessTier(10, 1000, 5), LatenessTier(20, 2000), LatenessTier(30, 5000, 5),
         LatenessTier(None, 0, absence_days=Decimal("0.5")))
RULES = Judging(out_grace=timedelta(hours=6), absent_after_minutes=30)
TUE = date(2026, 11, 24)


def at(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=SHANGHAI)


def punch(kind: str, when: datetime, a: Assignment, source: str = "slack") -> PunchFact:
    """A punch assessed with the shop tiers, as the clocking service stores it."""
    k = "in" if kind == "in" else "out"
    found = assess_punch(k, when, a, SHANGHAI, TIERS)
    halves = int(found.tier.absence_days * 2) if found.tier else 0
    return PunchFact(k, when, a.day, a.shift.code, found.minutes_late, found.minutes_early,
                     halves, source)


def judge(a: Assignment, punches: list[PunchFact], now: datetime, *, leave: bool = False,
          rules: Judging = RULES) -> tuple[str, int, tuple[str, ...]]:
    o = judge_shift(a, punches, on_leave=leave, now=now, tz=SHANGHAI, rules=rules)
    return o.state, o.absence_half_days, o.missed


DAY = Assignment(TUE, DAY_SHIFT)
OVER = at(TUE + timedelta(days=1), 0, 0)  # past 17:30 + 6 h


def test_on_time_in_and_out_is_a_clean_shift() -> None:
    ps = [punch("in", at(TUE, 8, 25), DAY), punch("out", at(TUE, 17, 31), DAY)]
    assert judge(DAY, ps, OVER) == ("over", 0, ())


@pytest.mark.parametrize(("mm", "ss", "halves"), [(0, 0, 0), (0, 59, 0), (1, 0, 1), (5, 0, 1)])
def test_clock_in_30_minutes_late_is_a_fine_and_31_is_half_a_day(mm: int, ss: int,
                                                                  halves: int) -> None:
    ps = [punch("in", at(TUE, 9, mm, ss), DAY), punch("out", at(TUE, 17, 30), DAY)]
    assert judge(DAY, ps, OVER) == ("over", halves, ())


def test_early_leave_over_30_minutes_is_half_a_day() -> None:
    ps = [punch("in", at(TUE, 8, 30), DAY), punch("out", at(TUE, 16, 59), DAY)]
    assert judge(DAY, ps, OVER) == ("over", 1, ())


def test_no_clock_in_at_start_plus_30_is_not_yet_absence() -> None:
    assert judge(DAY, [], at(TUE, 9, 0, 59)) == ("running", 0, ())


def test_no_clock_in_at_start_plus_31_is_half_a_day_so_far() -> None:
    assert judge(DAY, [], at(TUE, 9, 1)) == ("running", 1, ())


def test_no_punch_until_just_before_end_plus_grace_stays_half_a_day() -> None:
    assert judge(DAY, [], at(TUE, 23, 29)) == ("running", 1, ())


def test_no_punch_for_a_shift_that_is_over_is_a_full_day_and_not_a_missed_punch() -> None:
    assert judge(DAY, [], at(TUE, 23, 30)) == ("over", 2, ())


def test_shift_not_started_is_not_judged() -> None:
    assert judge(DAY, [], at(TUE, 8, 29)) == ("upcoming", 0, ())


def test_clock_in_without_out_is_a_missed_punch_once_the_shift_is_over() -> None:
    ps = [punch("in", at(TUE, 8, 30), DAY)]
    assert judge(DAY, ps, at(TUE, 23, 29)) == ("running", 0, ())
    assert judge(DAY, ps, at(TUE, 23, 30)) == ("over", 0, ("out",))


def test_clock_out_without_in_is_a_missed_punch_and_half_a_day() -> None:
    ps = [punch("out", at(TUE, 17, 35), DAY)]
    assert judge(DAY, ps, OVER) == ("over", 1, ("in",))


def test_absence_of_one_shift_is_capped_at_one_day() -> None:
    heavy = Judging(out_grace=timedelta(hours=6), absent_after_minutes=30,
                    missing_in_half_days=2)
    ps = [punch("out", at(TUE, 16, 0), DAY)]  # 90 minutes early: half a day of its own
    assert judge(DAY, ps, OVER, rules=heavy) == ("over", 2, ("in",))


def test_late_and_early_both_over_30_minutes_make_one_day() -> None:
    ps = [punch("in", at(TUE, 9, 15), DAY), punch("out", at(TUE, 16, 0), DAY)]
    assert judge(DAY, ps, OVER) == ("over", 2, ())


def test_leave_day_is_neither_absence_nor_missed() -> None:
    assert judge(DAY, [], OVER, leave=True) == ("leave", 0, ())


def test_first_clock_in_and_last_clock_out_count() -> None:
    ps = [punch("in", at(TUE, 8, 29), DAY), punch("in", at(TUE, 9, 40), DAY),
          punch("out", at(TUE, 16, 0), DAY), punch("out", at(TUE, 17, 40), DAY)]
    o = judge_shift(DAY, ps, on_leave=False, now=OVER, tz=SHANGHAI, rules=RULES)
    assert (o.minutes_late, o.minutes_early, o.absence_half_days) == (0, 0, 0)


def test_made_up_clock_out_replaces_the_missed_punch() -> None:
    ps = [punch("in", at(TUE, 8, 30), DAY), punch("out", at(TUE, 17, 30), DAY, "makeup")]
    assert judge(DAY, ps, OVER) == ("over", 0, ())


def test_night_shift_clock_out_after_midnight_counts_for_the_day_it_started() -> None:
    late = Assignment(date(2026, 11, 30), LATE_SHIFT)
    ps = [punch("in", at(late.day, 17, 0), late), punch("out", at(date(2026, 12, 1), 0, 40), late)]
    o = judge_shift(late, ps, on_leave=False, now=at(date(2026, 12, 1), 7, 0), tz=SHANGHAI,
                    rules=RULES)
    assert (o.state, o.minutes_early, o.absence_half_days, o.missed) == ("over", 20, 0, ())


def test_night_shift_without_clock_out_is_missed_only_after_end_plus_grace() -> None:
    late = Assignment(date(2026, 11, 30), LATE_SHIFT)
    ps = [punch("in", at(late.day, 17, 0), late)]
    assert judge(late, ps, at(date(2026, 12, 1), 6, 59)) == ("running", 0, ())
    assert judge(late, ps, at(date(2026, 12, 1), 7, 0)) == ("over", 0, ("out",))


def test_punches_of_a_rest_day_or_another_shift_are_not_judged() -> None:
    stray = PunchFact("in", at(TUE, 12, 0), TUE, None)
    other = PunchFact("in", at(TUE, 17, 0), TUE, "E")
    [o] = judge_shifts([DAY], [stray, other], leave_days=(), now=OVER, tz=SHANGHAI, rules=RULES)
    assert (o.worked, o.absence_half_days) == (False, 2)


def test_policy_without_an_absence_tier_never_makes_a_missing_clock_in_absence() -> None:
    lenient = Judging(out_grace=timedelta(hours=6), absent_after_minutes=None)
    assert judge(DAY, [], at(TUE, 12, 0), rules=lenient) == ("running", 0, ())
    assert judge(DAY, [], OVER, rules=lenient) == ("over", 2, ())


def test_missed_punches_lists_the_last_days_oldest_first() -> None:
    days = [TUE - timedelta(days=n) for n in (9, 2, 1, 0)]
    shifts = [Assignment(d, DAY_SHIFT) for d in days]
    ps = [punch("in", at(d, 8, 30), a) for d, a in zip(days, shifts, strict=True)]
    ps.append(punch("out", at(days[1], 17, 30), shifts[1]))
    ps = [p for p in ps if p.shift_day != days[2]]
    ps.append(punch("out", at(days[2], 17, 30), shifts[2]))
    found = missed_punches(shifts, ps, now=at(TUE, 10, 0), tz=SHANGHAI, rules=RULES, days=7)
    assert found == [MissedPunch(days[2], "D", "in")]


def test_missed_punches_skips_leave_days_and_shifts_still_running() -> None:
    days = [TUE - timedelta(days=1), TUE]
    shifts = [Assignment(d, DAY_SHIFT) for d in days]
    ps = [punch("in", at(d, 8, 30), a) for d, a in zip(days, shifts, strict=True)]
    now = at(TUE, 18, 0)
    assert missed_punches(shifts, ps, now=now, tz=SHANGHAI, rules=RULES, days=7) == [
        MissedPunch(days[0], "D", "out")]
    assert missed_punches(shifts, ps, now=now, tz=SHANGHAI, rules=RULES, days=7,
                          leave_days={days[0]}) == []
