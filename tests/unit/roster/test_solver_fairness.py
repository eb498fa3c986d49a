"""Fairness of generated rosters against the truth: every rule-clean roster, enumerated.

On instances small enough to list every roster the checker accepts, the lower bounds must
hold for all of them, a roster reported proven must be the fairest there is, and a roster
that is not proven must say how far it may still be from the bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import product

import pytest

from bot.solver.bands import lower_bounds
from bot.solver.check import coverage_violations, violations
from bot.solver.fairness import DIMS, fair_ranges, spread
from bot.solver.highs import Resolver
from bot.solver.improve import Counts, level
from bot.solver.ladder import add_bands, windows_of
from bot.solver.model import build, cells_of
from bot.solver.problem import Cells, History, Need, Person, Problem, Shift, Solution
from bot.solver.roster import (
    STATUS,
    aim_of,
    climb,
    generate,
    objective,
    searched,
    solve_bands,
)
from tests.unit.solver_cases import WEEK, WEEKEND, D, E, four_shifts, shop

MON, TUE, WED = WEEK[0], WEEK[1], WEEK[2]


def day_options(problem: Problem, day: date) -> list[dict[int, str | None]]:
    """Return every way to staff one day that meets its coverage, with shifts it needs only.

    That is the space generation works in (coverage held at the minimums), and the one the
    lower bounds speak of: in these instances every minimum is also the maximum.
    """
    needs = [n for n in problem.needs if n.day == day]
    codes = [None, *sorted({n.shift for n in needs})]
    out = []
    for combo in product(codes, repeat=len(problem.people)):
        cells = {(p.id, day): c for p, c in zip(problem.people, combo, strict=True)}
        if not coverage_violations(problem, cells, needs):
            out.append({p.id: c for p, c in zip(problem.people, combo, strict=True)})
    return out


def every_roster(problem: Problem) -> Iterator[Cells]:
    """Yield every roster the independent checker accepts."""
    per_day = [day_options(problem, d) for d in problem.days]
    for choice in product(*per_day):
        cells = {(p, d): c for d, staffed in zip(problem.days, choice, strict=True)
                 for p, c in staffed.items()}
        if not violations(problem, cells):
            yield cells


def truth(problem: Problem) -> tuple[dict[str, int], int]:
    """Return the smallest range per dimension and the smallest weighted spread."""
    all_ranges = [fair_ranges(problem, cells) for cells in every_roster(problem)]
    assert all_ranges, "the instance has no rule-clean roster"
    return {k: min(r[k] for r in all_ranges) for k in DIMS}, min(spread(r) for r in all_ranges)


def assert_honest(problem: Problem, solution: Solution) -> None:
    """The status fields agree with the roster and with every roster there is."""
    best, best_spread = truth(problem)
    assert solution.rules_kept is True
    for k in DIMS:
        assert solution.lower_bounds[k] <= best[k]
        assert solution.range_gaps[k] == solution.ranges[k] - solution.lower_bounds[k] >= 0
    assert solution.fairness == spread(solution.ranges)
    assert solution.fairness_bound is not None
    assert solution.fairness_bound <= best_spread <= solution.fairness
    assert solution.fairness_proven == (solution.fairness == solution.fairness_bound)
    assert solution.status == ("optimal" if solution.fairness_proven else "feasible")
    assert solution.seconds >= solution.build_seconds + solution.solve_seconds


def test_a_team_whose_work_splits_evenly_gets_the_bounds_and_a_proof() -> None:
    problem = shop(people=7, day_min=5, late_min=0)  # 35 day shifts: five each
    solution = generate(problem, time_limit=10)
    assert dict(solution.ranges) == dict(solution.lower_bounds) == {
        "minutes": 0, "nights": 0, "weekends": 1}  # 10 weekend shifts for 7 people
    assert solution.fairness_proven and solution.status == "optimal"
    assert dict(solution.range_gaps) == {"minutes": 0, "nights": 0, "weekends": 0}
    assert solution.rules_kept is True and violations(problem, solution.cells) == []


def two_groups() -> Problem:
    """Two groups with different work per head: 前 shares 3 day shifts by two, 后 6 by two."""
    days = WEEK[:3]
    needs = tuple(Need(d, "D", g, m, m) for d in days for g, m in (("前", 1), ("后", 2)))
    people = (Person(1, "前"), Person(2, "前", History(minutes=540)), Person(3, "后"),
              Person(4, "后"))
    return Problem(days, (D, E), people, needs)


def test_groups_with_different_work_per_head_bound_the_team_range_and_reach_it() -> None:
    problem = two_groups()
    best, _ = truth(problem)
    # 前 ends at 1080 and 1080 minutes, 后 at 1620 each: nothing fairer exists
    assert best["minutes"] == lower_bounds(problem)["minutes"] == 540
    solution = generate(problem, time_limit=10)
    assert solution.ranges["minutes"] == 540 and solution.fairness_proven
    assert_honest(problem, solution)


def night_chain() -> Problem:
    """Two people, two weekdays, one day and one night shift each day.

    No day shift after a night: whoever starts on the night stays on it, so the only rosters
    are EE/DD and DD/EE (ranges 120 minutes and 2 nights), while shift counts alone would
    allow a perfectly even split: the bound cannot reach the truth.
    """
    needs = tuple(Need(d, c, "", 1, 1) for d in (MON, TUE) for c in ("D", "E"))
    return Problem((MON, TUE), (D, E), (Person(1), Person(2)), needs)


def test_when_the_bound_falls_short_the_status_says_feasible_and_gives_the_gap() -> None:
    problem = night_chain()
    solution = generate(problem, time_limit=10)
    assert dict(solution.ranges) == {"minutes": 120, "nights": 2, "weekends": 0}
    assert solution.status == "feasible" and not solution.fairness_proven
    assert solution.range_gaps["nights"] > 0
    assert_honest(problem, solution)


LATE = Shift("L", 600, 780, 1380)  # 13:00–23:00, not a night shift


@pytest.mark.parametrize("seed", range(4))
def test_lower_bounds_hold_for_every_rule_clean_roster_of_small_teams(seed: int) -> None:
    # Thursday (or, with three shifts to list, Friday) to Sunday: two weekend days
    days = WEEK[3 + seed % 2:]
    shifts = (D, E, LATE)[:2 + seed % 2]
    people = tuple(Person(i, "", History(60 * ((seed + i) % 3), (seed * i) % 2, i % 2))
                   for i in range(3 + seed % 2))
    needs = tuple(Need(d, s.code, "", 1, 1) for d in days for s in shifts)
    off = frozenset({(seed % 3, days[seed % len(days)])})
    problem = Problem(days, shifts, people, needs, weekend=WEEKEND, off=off,
                      before={0: ("E",)} if seed % 2 else {})
    assert_honest(problem, generate(problem, time_limit=10))


def test_when_the_target_does_not_hold_a_wider_rung_gives_the_roster_to_level() -> None:
    # shift counts alone split the night evenly; the rest rule keeps that from holding
    problem = night_chain()
    aim = aim_of(problem, lower_bounds(problem), 10.0)
    assert aim.widths is not None and spread(dict(zip(DIMS, aim.widths, strict=True))) < 1080
    status, cells, reached = solve_bands(problem, build(problem), aim, 10.0)
    assert status in STATUS and not reached
    assert violations(problem, cells) == []
    # trading runs keeps the rules and ends at the fairest there is (EE/DD)
    best = searched(problem, cells, aim, 2.0)
    assert spread(fair_ranges(problem, best)) == 1080
    assert violations(problem, best) == []


def test_levelling_the_counts_moves_single_shifts_within_a_pool_and_keeps_the_limits() -> None:
    # a and b work two day shifts (540) and one night (480), c four day shifts: 600 minutes
    # and one night apart; d, in another pool, sits between them and keeps its counts
    day, night = ("D", 0), ("E", 0)
    n = {1: {day: 2, night: 1}, 2: {day: 2, night: 1}, 3: {day: 4, night: 0},
         4: {day: 3, night: 1}}
    span = {(p, u): (0, 6) for p in n for u in n[p]}
    span[(2, day)] = (0, 2)  # b cannot take another day shift
    caps = {p: (6, 6) for p in n}
    adds = {day: (540, 0, 0), night: (480, 1, 0)}

    def weighted(counts: dict[int, dict[tuple[str, int], int]]) -> int:
        minutes = [540 * u[day] + 480 * u[night] for u in counts.values()]
        nights = [u[night] for u in counts.values()]
        return spread({"minutes": max(minutes) - min(minutes),
                       "nights": max(nights) - min(nights), "weekends": 0})

    assert weighted(n) == 600 + 480
    out = level(Counts({p: dict(u) for p, u in n.items()}, span, caps, [[1, 2, 3], [4]], adds,
                       {p: (0, 0, 0) for p in n}), 2.0)
    assert out[4] == n[4]
    assert out[2][day] <= 2 and all(sum(u.values()) <= 6 for u in out.values())
    assert [sum(out[p][u] for p in (1, 2, 3)) for u in (day, night)] == [8, 2]
    # one of a and c trades a day shift for the other's night: 1560…2100, the least there is
    assert weighted(out) == 540 + 480


def test_spare_windows_are_tried_exactly_before_the_ladder_widens_the_target() -> None:
    # the relaxation's even split cannot hold; the windows of EE/DD (960…1080 minutes,
    # 0…2 nights) can, and are tried as they are before any rung widens the target
    problem = night_chain()
    aim = aim_of(problem, lower_bounds(problem), 10.0)
    windows, aimed = windows_of(problem, aim)
    assert aimed
    spare = {p.id: [(960, 120), (0, 2), (0, 0)] for p in problem.people}
    m = build(problem)
    bands = add_bands(problem, m, windows)
    m.lp += objective(problem, m, elastic=False)
    status, rung, _ = climb(problem, m, bands, Resolver(m.lp), 10.0, aimed=True, spare=spare)
    assert status in STATUS and rung == 0
    assert fair_ranges(problem, cells_of(problem, m)) == {"minutes": 120, "nights": 2,
                                                          "weekends": 0}


def test_a_four_shift_courier_team_gets_a_roster_proven_fairest() -> None:
    # 早 午 晚 夜 with rest after 晚 and 夜: the count model's windows do not hold as they
    # are, yet trading runs of days reaches its bound
    problem = four_shifts(10, 14, 1)
    solution = generate(problem, time_limit=10)
    assert violations(problem, solution.cells) == []
    assert solution.fairness == solution.fairness_bound == 1080
    assert solution.fairness_proven and solution.status == "optimal"
