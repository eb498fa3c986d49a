"""Rosters with soft coverage or without fairness (lns.py): rule-clean, costed as the
independent evaluator costs them, and a week that cannot be covered gets its gaps listed."""

from __future__ import annotations

from dataclasses import replace
from time import perf_counter

from bench.curtois_eval import evaluate, parse
from bench.curtois_load import convert
from bot.solver import lns, lns_start, lns_sub
from bot.solver.check import cost, violations
from bot.solver.problem import Need, Problem, Rules, Wish
from bot.solver.roster import generate
from tests.unit.solver_cases import WEEK, shop

# three weeks, two shifts (L may not be followed by E), five people with their own limits
SMALL = """SECTION_HORIZON
21

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=21|L=8,7200,3840,5,2,2,2
B,E=21|L=8,7200,3840,5,2,2,2
C,E=21|L=0,6240,2880,4,2,2,1
D,E=10|L=10,7200,3840,5,3,2,2
E,E=21|L=8,5760,1920,5,1,1,3

SECTION_DAYS_OFF
A,3,4
C,10

SECTION_SHIFT_ON_REQUESTS
A,0,E,2
B,5,L,3
D,12,L,1
E,20,E,2

SECTION_SHIFT_OFF_REQUESTS
C,1,E,3
E,6,L,2
B,14,E,1

SECTION_COVER
""" + "".join(f"{d},E,{2 if d % 7 < 5 else 1},100,1\n{d},L,{1 if d % 3 else 2},100,1\n"
              for d in range(21))


def test_the_roster_keeps_every_rule_and_costs_what_the_evaluator_says() -> None:
    loaded = convert(parse(SMALL))
    sol = lns.solve(loaded.problem, time_limit=20)
    assert sol.status in ("optimal", "feasible")
    assert violations(loaded.problem, sol.cells) == []
    report = evaluate(loaded.instance, loaded.assignment(sol.cells))
    assert report.violations == []
    assert sol.objective == report.objective == cost(loaded.problem, sol.cells)
    assert sol.bound is not None and sol.bound <= sol.objective


def test_a_need_no_one_can_meet_is_listed_as_a_gap_not_a_failure() -> None:
    short = Need(WEEK[2], "D", "", 3, 3, under=10)  # three wanted, two people exist
    problem = replace(shop(people=2), needs=(short,), fair=False)
    sol = generate(problem, time_limit=10)
    assert sol.status == "optimal" and sol.cells
    assert violations(problem, sol.cells) == []
    [gap] = sol.gaps
    assert (gap.rule, gap.day, gap.shift, gap.need, gap.have) == ("coverage_min", WEEK[2], "D",
                                                                  3, 2)
    assert sol.objective == 10 == sol.bound


def test_weighted_wishes_are_granted_by_weight_when_they_compete() -> None:
    needs = (Need(WEEK[0], "D", "", 1, 1, under=100), Need(WEEK[1], "E", "", 1, 2, under=100))
    wishes = (Wish(0, WEEK[0], "D", weight=1), Wish(1, WEEK[0], "D", weight=3),
              Wish(1, WEEK[1], "E", weight=2, avoid=True))
    problem = replace(shop(people=2), needs=needs, wishes=wishes, fair=False,
                      rules=Rules(max_consecutive_days=None, min_days_off_per_7=None))
    sol = generate(problem, time_limit=10)
    assert sol.cells[(1, WEEK[0])] == "D" and sol.cells.get((0, WEEK[0])) is None
    assert sol.cells.get((1, WEEK[1])) != "E"
    assert (sol.objective, sol.status, sol.wishes_met) == (1, "optimal", 2)


def test_hard_coverage_without_fairness_is_still_met_in_full() -> None:
    problem: Problem = replace(shop(people=10), fair=False)
    sol = generate(problem, time_limit=10)
    assert sol.status in ("optimal", "feasible")
    assert violations(problem, sol.cells) == [] and sol.gaps == ()


def test_hard_coverage_that_cannot_be_met_is_explained() -> None:
    problem: Problem = replace(shop(people=8), fair=False)  # 42 shifts, 8 × 5 days to give
    sol = generate(problem, time_limit=10)
    assert sol.status == "infeasible" and not sol.cells
    assert {v.rule for v in sol.explanation} & {"coverage_min", "working_days_per_week"}


def test_a_neighbourhood_resolved_as_its_own_small_model_keeps_the_rules_and_the_rest() -> None:
    problem = convert(parse(SMALL)).problem
    start = lns_start.construct(problem, perf_counter() + 20)
    assert start is not None
    days = list(problem.days)
    free = {(p, d) for p in (0, 3) for d in days[5:15]}
    found, proven = lns_sub.resolve(problem, start, free, 10)
    assert found is not None and proven
    assert violations(problem, found) == []
    assert cost(problem, found) <= cost(problem, start)
    assert {k: v for k, v in found.items() if k not in free} == \
        {k: v for k, v in start.items() if k not in free}
    # the best re-solve of those cells within the whole model costs exactly the same
    whole = lns.Search(problem)
    again, whole_proven = whole.run(start, free, 10)
    assert again is not None and whole_proven
    assert cost(problem, again) == cost(problem, found)
