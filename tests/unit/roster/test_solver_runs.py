"""Levelling by trading runs of days between two people (runs.py): coverage as it was, every
rule kept, never less fair; chains of nights move as a whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.solver.check import violations
from bot.solver.fairness import fair_ranges, spread
from bot.solver.problem import History, Need, Person, Problem
from bot.solver.roster import generate
from bot.solver.runs_search import level_runs
from tests.unit.solver_cases import FOUR, WEEK, four_shifts

MON, TUE = WEEK[0], WEEK[1]


def test_a_chain_of_nights_changes_hands_as_a_whole() -> None:
    # a, with ten hours more history, works 夜 夜; b works 早 早. Trading one day would put
    # a day shift right after a night; trading both days levels them
    needs = tuple(Need(d, c, "", 1, 1) for d in (MON, TUE) for c in ("早", "夜"))
    people = (Person(1, history=History(minutes=600)), Person(2))
    problem = Problem((MON, TUE), FOUR, people, needs)
    cells = {(1, MON): "夜", (1, TUE): "夜", (2, MON): "早", (2, TUE): "早"}
    out = level_runs(problem, cells, seconds=5)
    assert out == {(1, MON): "早", (1, TUE): "早", (2, MON): "夜", (2, TUE): "夜"}
    assert fair_ranges(problem, out) == {"minutes": 240, "nights": 2, "weekends": 0}


@pytest.mark.parametrize("seed", range(3))
def test_trading_runs_keeps_coverage_and_every_rule_and_never_widens_the_spread(
        seed: int) -> None:
    problem = four_shifts(8, 14, seed)
    start = generate(replace(problem, fair=False), time_limit=5).cells  # cheapest, not fair
    assert violations(problem, start) == []
    out = level_runs(problem, start, seconds=5)
    assert violations(problem, out) == []
    assert spread(fair_ranges(problem, out)) < spread(fair_ranges(problem, start))


def test_people_of_different_groups_never_trade() -> None:
    needs = tuple(Need(d, c, g, 1, 1) for d in (MON, TUE) for c, g in (("早", "前"), ("夜", "后")))
    people = (Person(1, "后", History(minutes=600)), Person(2, "前"))
    problem = Problem((MON, TUE), FOUR, people, needs)
    cells = {(1, MON): "夜", (1, TUE): "夜", (2, MON): "早", (2, TUE): "早"}
    assert level_runs(problem, cells, seconds=5) == cells
