"""The independent rule checker, one rule at a time, on hand-made rosters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.solver.calendar import weekend_calendar, weekend_days
from bot.solver.check import loads, ranges, violations
from bot.solver.problem import History, Need, Person, Problem, Rules
from tests.unit.solver_cases import WEEK, D, E

MON, TUE, WED = WEEK[0], WEEK[1], WEEK[2]


DEFAULT = Rules()


def solo(rules: Rules = DEFAULT, **kw: object) -> Problem:
    """One person, one week, no coverage needs."""
    return replace(Problem(WEEK, (D, E), (Person(1),), (), rules), **kw)  # type: ignore[arg-type]


def works(codes: str, person: int = 1, start: date = MON) -> dict[tuple[int, date], str | None]:
    """Spell a roster as a string: D, E or '.' for off, from `start`."""
    return {(person, start + timedelta(days=i)): None if c == "." else c
            for i, c in enumerate(codes)}


def rules_of(problem: Problem, cells: dict[tuple[int, date], str | None]) -> set[str]:
    return {v.rule for v in violations(problem, cells)}


def test_a_clean_week_has_no_violations() -> None:
    assert violations(solo(), works("DDEE..D")) == []


def test_too_few_on_a_shift_breaks_coverage_minimum() -> None:
    problem = solo(needs=(Need(MON, "D", "", 1, 1),))
    [v] = violations(problem, works(".DD.DD."))
    assert (v.rule, v.day, v.shift) == ("coverage_min", MON, "D")


def test_too_many_on_a_shift_breaks_coverage_maximum() -> None:
    problem = solo(needs=(Need(MON, "E", "", 0, 0),))
    assert rules_of(problem, works("E......")) == {"coverage_max"}


def test_coverage_counts_only_the_needs_group() -> None:
    problem = replace(solo(needs=(Need(MON, "D", "售前", 1, 1),)), people=(Person(1, "售后"),))
    assert rules_of(problem, works("D......")) == {"coverage_min"}


def test_no_day_shift_the_day_after_a_late_shift() -> None:
    [v] = violations(solo(), works("ED....."))
    assert (v.rule, v.day) == ("day_after_night", TUE)
    assert violations(solo(), works("EE.D...")) == []


def test_a_late_shift_before_the_horizon_counts() -> None:
    assert rules_of(solo(before={1: ("E",)}), works("D......")) == {"day_after_night"}


def test_seven_days_in_a_row_break_the_consecutive_limit_counting_before() -> None:
    problem = solo(Rules(working_days_per_week=None, min_days_off_per_7=None),
                   before={1: ("D", "D", "D", "D")})
    [v] = violations(problem, works("DDD...."))
    assert (v.rule, v.day) == ("consecutive_days", WED)
    assert violations(problem, works("DD.DDD.")) == []


def test_every_seven_days_need_a_day_off_across_the_horizon_edge() -> None:
    problem = solo(Rules(max_consecutive_days=None, working_days_per_week=None),
                   before={1: ("D",) * 6})
    assert rules_of(problem, works("D......")) == {"days_off_per_7"}
    assert violations(problem, works(".DDDDDD")) == []


def test_six_days_in_an_iso_week_break_the_weekly_cap() -> None:
    [v] = violations(solo(), works("DDDDDD."))
    assert v.rule == "working_days_per_week"


def test_the_weekly_cap_counts_before_days_of_the_same_iso_week() -> None:
    wed_start = replace(solo(), days=WEEK[2:], before={1: ("D", "D")})  # Mon, Tue worked
    assert rules_of(wed_start, works("DDDD.", start=WED)) == {"working_days_per_week"}
    assert violations(wed_start, works("DDD..", start=WED)) == []


def test_monthly_rest_days_are_prorated_to_the_horizon() -> None:
    # 4 rest days a month; a week of a 30-day month owes round(4 × 7 / 30) = 1
    problem = solo(Rules(None, None, 4, None))
    assert rules_of(problem, works("DDDDDDD")) == {"rest_days_per_month"}
    assert violations(problem, works("DDDDDD.")) == []


def test_work_on_leave_is_caught() -> None:
    assert rules_of(solo(off=frozenset({(1, MON)})), works("D......")) == {"leave"}


def test_a_fixed_cell_must_keep_its_value() -> None:
    problem = solo(fixed={(1, MON): "E"})
    assert rules_of(problem, works("D......")) == {"fixed"}
    assert violations(problem, works("E......")) == []


def test_unknown_shift_codes_are_caught() -> None:
    assert rules_of(solo(), works("X......")) == {"unknown_shift"}


def test_loads_and_ranges_include_history() -> None:
    problem = replace(solo(weekend=frozenset({WEEK[5]})),
                      people=(Person(1, history=History(600, 2, 1)), Person(2)))
    cells = {**works("DE...D."), **works(".....E.", person=2)}
    one, two = loads(problem, cells)
    assert (one.minutes, one.nights, one.weekends) == (600 + 540 + 480 + 540, 3, 2)
    assert ranges([one, two]) == {"minutes": 2160 - 480, "nights": 2, "weekends": 1}


def test_weekend_days_follow_the_national_calendar() -> None:
    days = [date(2026, 9, 28) + timedelta(days=i) for i in range(14)]
    weekend = weekend_days(days)
    assert date(2026, 10, 1) in weekend  # National Day on a Thursday
    assert date(2026, 10, 10) not in weekend  # a Saturday made a working day (调休)
    assert date(2026, 10, 11) in weekend


def test_unknown_years_fall_back_to_plain_weekends() -> None:
    days = [date(2099, 1, 1) + timedelta(days=i) for i in range(7)]
    result = weekend_calendar(days)
    assert result.fell_back == frozenset(days)
    assert result.days == {d for d in days if d.weekday() >= 5}
