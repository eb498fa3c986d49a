"""Soft coverage on a team that keeps fairness: a week that can be fully covered gets the
fairest roster with every minimum met; only a week that cannot gets the cheapest roster by
the weights, with its gaps listed and every hard rule kept."""

from __future__ import annotations

from dataclasses import replace

from bot.solver.check import gaps, violations
from bot.solver.fairness import fair_ranges
from bot.solver.problem import Problem
from bot.solver.roster import generate
from tests.unit.solver_cases import shop


def _soft(problem: Problem, under: int = 10) -> Problem:
    return replace(problem, needs=tuple(replace(n, under=under) for n in problem.needs))


def test_a_week_that_can_be_covered_is_covered_and_as_fair_as_with_hard_minimums() -> None:
    hard = shop(10)
    sol = generate(_soft(hard), time_limit=20)
    assert sol.status in ("optimal", "feasible")
    assert sol.gaps == () and gaps(hard, sol.cells) == []
    assert violations(hard, sol.cells) == []  # every minimum met, as a hard rule would
    assert sol.fairness is not None and sol.objective == 0
    same = generate(hard, time_limit=20)
    assert fair_ranges(hard, sol.cells) == fair_ranges(hard, same.cells)


def test_a_week_that_cannot_be_covered_gets_its_gaps_and_keeps_every_hard_rule() -> None:
    thin = _soft(shop(5))  # six a day wanted, five people, at most 5 days each
    sol = generate(thin, time_limit=20)
    assert sol.status in ("optimal", "feasible") and sol.cells
    assert violations(thin, sol.cells) == []
    assert sol.gaps and all(g.rule == "coverage_min" for g in sol.gaps)
    assert sol.objective == 10 * sum((g.need or 0) - (g.have or 0) for g in sol.gaps)
