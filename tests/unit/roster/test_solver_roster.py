"""Roster generation on small instances: every roster rule-clean, fair, explained when not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.solver.check import violations
from bot.solver.problem import History, Need, Problem, Rules, Solution, Wish
from bot.solver.roster import generate
from tests.unit.solver_cases import WEEK, courier, shop, with_history

SAT, MON, WED = WEEK[5], WEEK[0], WEEK[2]


def solved(problem: Problem) -> Solution:
    """Generate and insist on a roster that passes the independent checker."""
    solution = generate(problem, time_limit=10)
    assert solution.status in ("optimal", "feasible")
    assert violations(problem, solution.cells) == []
    assert len(solution.cells) == len(problem.people) * len(problem.days)
    return solution


@pytest.fixture(scope="module")
def shop_week() -> tuple[Problem, Solution]:
    problem = shop()
    return problem, solved(problem)


def test_a_shop_week_is_rule_clean_and_reaches_the_night_and_weekend_bounds(
        shop_week: tuple[Problem, Solution]) -> None:
    _, solution = shop_week
    assert solution.ranges["nights"] == solution.lower_bounds["nights"] == 1
    assert solution.ranges["weekends"] == solution.lower_bounds["weekends"] == 1
    # hours: the bound ignores that 42 shifts cannot split evenly over 10 people
    assert solution.ranges["minutes"] <= solution.lower_bounds["minutes"] + 540


def test_the_solution_reports_loads_and_timings(shop_week: tuple[Problem, Solution]) -> None:
    problem, solution = shop_week
    assert sum(x.minutes for x in solution.loads) == 7 * (4 * 540 + 2 * 480)
    assert solution.build_seconds >= 0 and solution.solve_seconds > 0


def test_a_courier_station_with_three_groups_is_covered_per_group() -> None:
    problem = courier()
    solution = solved(problem)
    for need in problem.needs:
        group = {p.id for p in problem.people if p.group == need.group}
        assert sum(1 for p in group if solution.cells[(p, need.day)] == need.shift) == need.min


def test_too_few_people_on_a_day_is_explained_with_that_day_shift_and_group() -> None:
    problem = shop(off=frozenset((p, WED) for p in range(7)))
    solution = generate(problem)
    assert solution.status == "infeasible" and solution.cells == {}
    assert any((v.rule, v.day, v.shift, v.group) == ("coverage_min", WED, "D", "")
               for v in solution.explanation)


def test_demand_beyond_the_weekly_cap_is_explained_by_that_rule() -> None:
    problem = shop(people=5, day_min=4, late_min=0, rules=Rules(max_consecutive_days=None))
    solution = generate(problem)
    assert solution.status == "infeasible"
    assert {v.rule for v in solution.explanation} == {"working_days_per_week"}


def test_wishes_are_honoured_when_they_cost_no_fairness() -> None:
    wishes = (Wish(3, SAT, None), Wish(4, MON, "E"))
    solution = solved(shop(wishes=wishes))
    assert solution.cells[(3, SAT)] is None and solution.cells[(4, MON)] == "E"
    assert solution.wishes_met == 2


def test_leave_days_are_off_and_shrink_the_fair_share() -> None:
    leave = frozenset((0, d) for d in WEEK[:3])
    solution = solved(shop(off=leave))
    assert all(solution.cells[cell] is None for cell in leave)
    worked = {p: sum(1 for d in WEEK if solution.cells[(p, d)]) for p in range(10)}
    assert worked[0] <= min(worked[p] for p in range(1, 10))


def test_someone_with_many_past_nights_gets_fewer_now() -> None:
    problem = with_history(shop(), 0, History(nights=6))
    solution = solved(problem)
    nights = {p: sum(1 for d in WEEK if solution.cells[(p, d)] == "E") for p in range(10)}
    assert nights[0] == 0 < max(nights.values())


def test_fixed_cells_and_a_late_shift_before_the_horizon_are_respected() -> None:
    problem = shop(fixed={(2, WED): "E", (5, MON): None}, before={1: ("E",)})
    solution = solved(problem)
    assert solution.cells[(2, WED)] == "E" and solution.cells[(5, MON)] is None
    assert solution.cells[(1, MON)] in (None, "E")


def test_a_need_for_an_unknown_shift_is_reported() -> None:
    problem = replace(shop(), needs=(Need(MON, "X", "", 1, 1),))
    assert [v.rule for v in generate(problem).explanation] == ["unknown_shift"]
