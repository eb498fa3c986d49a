"""A person's month: totals, the absence step reached, the wage deducted, the bonus."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.domain.absence import (
    AbsenceRule,
    MonthSummary,
    absence_step,
    summarize_month,
    wage_deduction,
)
from bot.domain.attendance import Judging, PunchFact, ShiftOutcome, judge_shifts
from bot.domain.period import Month
from bot.domain.shifts import Assignment, ShiftDef

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY_SHIFT = ShiftDef("D", "白班", "Day", 510, 1050)
LATE_SHIFT = ShiftDef("E", "晚班", "Late", 1020, 1500, night=True)
RULES = Judging(out_grace=timedelta(hours=6), absent_after_minutes=30)
STEPS = (AbsenceRule(Decimal("0.5"), 3), AbsenceRule(Decimal(1), 5),
         AbsenceRule(Decimal(2), 10, notice=True),
         AbsenceRule(Decimal(3), whole_month=True, dismissal=True))
NOV = Month(2026, 11)
DEC_1 = datetime(2026, 12, 1, 12, 0, tzinfo=SHANGHAI)
WEEKDAYS = [d for d in (date(2026, 11, n) for n in range(1, 31)) if d.weekday() < 5]


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def clean(day: date, late: int = 0, early: int = 0) -> list[PunchFact]:
    """A clock-in LATE minutes after 08:30 and a clock-out EARLY minutes before 17:30."""
    return [PunchFact("in", at(day, 8, 30) + timedelta(minutes=late), day, "D", late, 0,
                      1 if late > 30 else 0),
            PunchFact("out", at(day, 17, 30) - timedelta(minutes=early), day, "D", 0, early,
                      1 if early > 30 else 0)]


def month(punches: list[PunchFact], *, now: datetime = DEC_1, wage: int | None = None,
          leave: frozenset[date] = frozenset(), days: list[date] = WEEKDAYS,
          shift: ShiftDef = DAY_SHIFT) -> tuple[list[ShiftOutcome], MonthSummary]:
    shifts = [Assignment(d, shift) for d in days]
    outcomes = judge_shifts(shifts, punches, leave_days=leave, now=now, tz=SHANGHAI, rules=RULES)
    return outcomes, summarize_month(NOV, outcomes, now=now, tz=SHANGHAI, steps=STEPS,
                                     bonus_fen=20000, base_wage_fen=wage)


def full_month(**changes: tuple[int, int]) -> list[PunchFact]:
    """Clean punches every weekday; CHANGES maps "dN" to (late, early) for day N."""
    out: list[PunchFact] = []
    for d in WEEKDAYS:
        late, early = changes.get(f"d{d.day}", (0, 0))
        out += clean(d, late, early)
    return out


def test_clean_month_earns_the_bonus_and_counts_every_weekday() -> None:
    _, s = month(full_month())
    assert (s.scheduled_days, s.attended_days, s.full_attendance, s.bonus_fen, s.so_far) == (
        21, 21, True, 20000, False)


def test_one_minute_late_costs_the_bonus_and_counts_once() -> None:
    _, s = month(full_month(d3=(1, 0)))
    assert (s.late_count, s.late_minutes, s.full_attendance, s.bonus_fen) == (1, 1, False, 0)


def test_early_leave_is_counted_with_its_minutes() -> None:
    _, s = month(full_month(d3=(0, 12), d4=(0, 40)))
    assert (s.early_count, s.early_minutes, s.absence_days) == (2, 52, Decimal("0.5"))


def test_a_missed_clock_out_costs_the_bonus() -> None:
    punches = [p for p in full_month() if not (p.shift_day.day == 10 and p.kind == "out")]
    _, s = month(punches)
    assert (s.missed_punches, s.full_attendance, s.absence_half_days) == (1, False, 0)


def test_a_leave_day_costs_the_bonus_but_is_not_absence() -> None:
    punches = [p for p in full_month() if p.shift_day.day != 10]
    _, s = month(punches, leave=frozenset({date(2026, 11, 10)}))
    assert (s.leave_days, s.absence_half_days, s.attended_days, s.full_attendance) == (
        1, 0, 20, False)


def test_rest_days_do_not_count_against_full_attendance() -> None:
    _, s = month(full_month())  # weekends are not rostered
    assert s.scheduled_days == 21 and s.full_attendance


def test_month_still_running_is_so_far_and_judges_only_what_happened() -> None:
    now = at(date(2026, 11, 10), 12, 0)
    punches = [p for p in full_month() if p.at <= now]
    _, s = month(punches, now=now)
    assert (s.so_far, s.scheduled_days, s.attended_days, s.full_attendance) == (
        True, 21, 7, True)


def test_a_person_with_no_shifts_gets_no_bonus() -> None:
    _, s = month([], days=[])
    assert (s.scheduled_days, s.full_attendance, s.bonus_fen) == (0, False, 0)


def test_night_shift_on_the_last_day_counts_in_the_month_it_starts() -> None:
    last = date(2026, 11, 30)
    ps = [PunchFact("in", at(last, 17, 0), last, "E"),
          PunchFact("out", at(date(2026, 12, 1), 1, 0), last, "E")]
    outcomes, s = month(ps, days=[last], shift=LATE_SHIFT)
    assert (s.scheduled_days, s.attended_days, s.full_attendance) == (1, 1, True)
    dec = summarize_month(Month(2026, 12), outcomes, now=DEC_1, tz=SHANGHAI, steps=STEPS,
                          bonus_fen=20000)
    assert dec.scheduled_days == 0


def test_shifts_outside_the_month_are_not_counted() -> None:
    days = [date(2026, 10, 31), date(2026, 11, 2), date(2026, 12, 1)]
    _, s = month([], days=days, now=datetime(2026, 12, 5, tzinfo=SHANGHAI))
    assert (s.scheduled_days, s.absence_days) == (1, Decimal(1))


@pytest.mark.parametrize(("halves", "expected"), [
    (0, None), (1, Decimal("0.5")), (2, Decimal(1)), (3, Decimal(1)), (4, Decimal(2)),
    (5, Decimal(2)), (6, Decimal(3)), (9, Decimal(3))])
def test_absence_step_is_the_highest_threshold_reached(halves: int,
                                                       expected: Decimal | None) -> None:
    step = absence_step(Decimal(halves) / 2, STEPS)
    assert (step.days if step else None) == expected


def test_two_days_of_absence_deduct_ten_days_and_call_for_a_notice() -> None:
    absent = {date(2026, 11, 3), date(2026, 11, 4)}
    _, s = month([p for p in full_month() if p.shift_day not in absent])
    assert s.absence_days == 2 and s.notice and not s.dismissal
    assert s.deduction is not None and (s.deduction.days, s.deduction.fen) == (10, None)


def test_three_days_of_absence_deduct_the_whole_month_and_flag_dismissal() -> None:
    absent = {date(2026, 11, n) for n in (3, 4, 5)}
    _, s = month([p for p in full_month() if p.shift_day not in absent], wage=600000)
    assert s.dismissal and s.deduction is not None
    assert (s.deduction.whole_month, s.deduction.fen) == (True, 600000)


def test_half_a_day_of_absence_deducts_three_days_wage() -> None:
    _, s = month(full_month(d3=(31, 0)), wage=450000)
    assert s.deduction is not None and (s.deduction.days, s.deduction.fen) == (3, 45000)


@pytest.mark.parametrize(("m", "days", "fen"), [
    (Month(2027, 2), 3, 53571),   # 1 500 000 / 28 = 53 571.43
    (Month(2028, 2), 3, 51724),   # leap year: / 29 = 51 724.14
    (Month(2026, 11), 3, 50000),  # / 30, exact
    (Month(2026, 12), 3, 48387),  # / 31 = 48 387.10
    (Month(2026, 12), 5, 80645),  # 2 500 000 / 31 = 80 645.16
    (Month(2026, 12), 10, 161290)])
def test_wage_deduction_rounds_down_to_the_fen_by_the_days_of_that_month(
        m: Month, days: int, fen: int) -> None:
    found = wage_deduction(AbsenceRule(Decimal(1), days), m, 500000)
    assert found is not None and found.fen == fen


def test_without_a_base_wage_the_deduction_is_in_days_only() -> None:
    found = wage_deduction(STEPS[1], NOV, None)
    assert found is not None and (found.days, found.whole_month, found.fen) == (5, False, None)


@pytest.mark.parametrize(("text", "month_"), [
    ("2026-11", Month(2026, 11)), ("2026-1", Month(2026, 1)), ("2026-13", None), ("11", None),
    ("2026/11", None)])
def test_month_is_written_year_dash_month(text: str, month_: Month | None) -> None:
    assert Month.parse(text) == month_


def test_month_knows_its_days_across_february_and_the_year_end() -> None:
    assert (Month(2027, 2).days, Month(2028, 2).days, Month(2026, 12).next_first) == (
        28, 29, date(2027, 1, 1))
