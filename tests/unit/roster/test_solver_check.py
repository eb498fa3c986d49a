"""The independent rule checker, one rule at a time, on hand-made rosters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.solver.calendar import weekend_calendar, weekend_days
from bot.solver.check import (
    cost,
    gaps,
    loads,
    person_violations,
    ranges,
    sequence,
    violations,
)
from bot.solver.problem import History, Limits, Need, Person, Problem, Rules, Wish
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


FREE = Rules(None, None, None, None, False)  # no old rule in the way of the one under test
MONTH = tuple(MON + timedelta(days=i) for i in range(28))  # Mon 2 Nov – Sun 29 Nov


def own(limits: Limits, rules: Rules = FREE, **kw: object) -> Problem:
    """One person with their own limits."""
    return solo(rules, people=(Person(1, limits=limits),), **kw)


def test_a_barred_succession_is_caught_on_the_second_day_and_across_the_horizon_edge() -> None:
    problem = solo(replace(FREE, successions=frozenset({("D", "E")})))
    [v] = violations(problem, works("DE....."))
    assert (v.rule, v.day, v.person, v.shift) == ("succession", TUE, 1, "E")
    assert violations(problem, works("ED.E.D.")) == []
    assert rules_of(replace(problem, before={1: ("D",)}), works("E......")) == {"succession"}


def test_a_short_block_of_work_inside_the_known_days_breaks_the_minimum() -> None:
    problem = solo(replace(FREE, min_consecutive_days=2))
    [v] = violations(problem, works(".D.DD.."))
    assert (v.rule, v.day, v.need, v.have) == ("min_consecutive_days", TUE, 2, 1)
    # blocks on the first known day or the horizon's last day go on outside it
    assert violations(problem, works("D..DD.D")) == []
    assert rules_of(replace(problem, before={1: (None,)}), works("D..DD..")) == \
        {"min_consecutive_days"}


def test_a_short_block_of_days_off_breaks_the_minimum_rest() -> None:
    problem = solo(replace(FREE, min_consecutive_days_off=2))
    [v] = violations(problem, works("DD.DD.."))
    assert (v.rule, v.day, v.need, v.have) == ("min_days_off", WED, 2, 1)
    assert violations(problem, works(".DD..D.")) == []


def test_a_short_block_ended_by_the_first_horizon_day_counts_but_history_alone_does_not() -> None:
    problem = solo(replace(FREE, min_consecutive_days=2), before={1: (None, "D", None, "D")})
    [v] = violations(problem, works(".DD...."))
    assert (v.rule, v.day) == ("min_consecutive_days", MON - timedelta(days=1))


def test_a_third_weekend_in_a_month_breaks_the_monthly_weekend_limit() -> None:
    problem = replace(solo(replace(FREE, max_weekends_per_month=2)), days=MONTH)
    three = works(".....D." + "......E" + "......D" + ".......")
    [v] = violations(problem, three)
    assert (v.rule, v.need, v.have) == ("max_weekends", 2, 3)
    assert violations(problem, works(".....DD" + "......E" + "......." + ".......")) == []


def test_a_persons_own_weekend_limit_counts_saturday_or_sunday_as_one_weekend() -> None:
    problem = replace(own(Limits(max_weekends=1)), days=MONTH[:14])
    assert violations(problem, works(".....DE" + "......." )) == []
    assert rules_of(problem, works(".....D." + ".....D.")) == {"max_weekends"}


def test_paid_minutes_are_held_between_a_persons_least_and_most() -> None:
    problem = own(Limits(min_minutes=1500, max_minutes=2000))
    assert violations(problem, works("DD.E...")) == []  # 1560
    [low] = violations(problem, works("D......"))
    assert (low.rule, low.need, low.have) == ("min_minutes", 1500, 540)
    assert rules_of(problem, works("DDDD...")) == {"max_minutes"}


def test_monthly_minutes_are_prorated_a_maximum_up_and_a_minimum_down() -> None:
    # a week of a 30-day month: most ⌈9000 × 7 / 30⌉ = 2100, least ⌊4000 × 7 / 30⌋ = 933
    problem = solo(replace(FREE, max_minutes_per_month=9000, min_minutes_per_month=4000))
    [v] = violations(problem, works("DDDD..."))
    assert (v.rule, v.need, v.have) == ("max_minutes", 2100, 2160)
    assert rules_of(problem, works("D......")) == {"min_minutes"}
    assert violations(problem, works("DE.....")) == []


def test_a_persons_own_minutes_replace_the_teams_monthly_ones() -> None:
    problem = own(Limits(max_minutes=3000), replace(FREE, max_minutes_per_month=1000))
    assert violations(problem, works("DDDD...")) == []


def test_a_shift_a_person_may_never_work_or_only_so_often() -> None:
    problem = own(Limits(max_shifts=(("E", 0), ("D", 2))))
    [v] = violations(problem, works("E......"))
    assert (v.rule, v.shift, v.need, v.have) == ("max_shifts", "E", 0, 1)
    assert rules_of(problem, works("DDD....")) == {"max_shifts"}
    assert violations(problem, works("D.D....")) == []


def test_a_persons_own_limits_replace_the_teams_runs() -> None:
    problem = own(Limits(max_consecutive_days=3, min_consecutive_days=1),
                  replace(FREE, max_consecutive_days=6, min_consecutive_days=3))
    assert rules_of(problem, works(".DDDD..")) == {"consecutive_days"}
    assert violations(problem, works(".D.D.D.")) == []


def test_focus_reports_only_breaches_a_change_there_can_touch() -> None:
    problem = solo(replace(FREE, min_consecutive_days=2,
                           successions=frozenset({("D", "E")})))
    seq = sequence(problem, works(".D...DE"), 1)
    assert {v.rule for v in person_violations(problem, 1, seq)} == \
        {"min_consecutive_days", "succession"}
    assert [v.rule for v in person_violations(problem, 1, seq, {2})] == ["min_consecutive_days"]
    assert [v.rule for v in person_violations(problem, 1, seq, {6})] == ["succession"]
    assert person_violations(problem, 1, seq, {4}) == []


def test_a_soft_need_left_short_is_a_gap_that_costs_not_a_violation() -> None:
    problem = solo(needs=(Need(MON, "D", "", 2, 3, under=5), Need(TUE, "D", "", 1, 1)))
    cells = works("DD.....")
    assert violations(problem, cells) == []
    [gap] = gaps(problem, cells)
    assert (gap.rule, gap.day, gap.shift, gap.need, gap.have) == ("coverage_min", MON, "D", 2, 1)
    assert cost(problem, cells) == 5
    # a need without an under weight stays a rule, never a gap
    assert rules_of(problem, works("D......")) == {"coverage_min"}
    assert [g.day for g in gaps(problem, works("D......"))] == [MON]


def test_staff_above_a_needs_minimum_cost_its_over_weight() -> None:
    problem = replace(solo(needs=(Need(MON, "D", "", 0, 2, over=3),)),
                      people=(Person(1), Person(2)))
    cells = {**works("D......"), **works("D......", person=2)}
    assert violations(problem, cells) == [] and cost(problem, cells) == 6


def test_wishes_not_honoured_cost_their_weight() -> None:
    wishes = (Wish(1, MON, "D", weight=4), Wish(1, TUE, None, weight=3),
              Wish(1, WED, "E", weight=2, avoid=True), Wish(1, WEEK[3], None, avoid=True))
    problem = solo(wishes=wishes)
    assert cost(problem, works("D.D....")) == 0
    assert cost(problem, works("EDE....")) == 4 + 3 + 2
    assert cost(problem, works("D.DD...")) == 1
