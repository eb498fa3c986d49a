"""Levelling by trading runs of days between two people (runs.py): coverage as it was, every
rule kept, never less fair; chains of nights move as a whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.solver.check import violations
from bot.solver.fairness import fair_ranges, spread
from bot.solver.problem import Cells, History, Need, Person, Problem, Wish
from bot.solver.roster import generate
from bot.solver.runs_search import level_runs
from tests.unit.solver_cases import FOUR, WEEK, four_shifts

MON, TUE, WED, THU = WEEK[:4]


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


def two_apart(wishes: tuple[Wish, ...] = ()) -> tuple[Problem, Cells]:
    """a (seven hours more history) works 夜 晚 · 夜, b · 夜 晚 夜: 420 minutes apart."""
    needs = (Need(MON, "夜", "", 1, 1), Need(TUE, "晚", "", 1, 1), Need(TUE, "夜", "", 1, 1),
             Need(WED, "晚", "", 1, 1), Need(THU, "夜", "", 2, 2))
    people = (Person(1, history=History(minutes=420)), Person(2))
    problem = Problem((MON, TUE, WED, THU), FOUR, people, needs, wishes=wishes)
    rows = {1: ("夜", "晚", None, "夜"), 2: (None, "夜", "晚", "夜")}
    return problem, {(p, d): c for p, row in rows.items()
                     for d, c in zip(problem.days, row, strict=True)}


def test_two_runs_traded_at_once_level_what_no_single_run_can() -> None:
    # any one run traded leaves them further apart or breaks the rest after a night; Monday
    # and Wednesday traded together leave them an hour apart, three nights each
    problem, cells = two_apart()
    assert spread(fair_ranges(problem, cells)) == 420
    out = level_runs(problem, cells, seconds=5)
    assert [out[(1, d)] for d in problem.days] == [None, "晚", "晚", "夜"]
    assert [out[(2, d)] for d in problem.days] == ["夜", "夜", None, "夜"]
    assert fair_ranges(problem, out) == {"minutes": 60, "nights": 0, "weekends": 0}
    assert violations(problem, out) == []


def test_two_runs_are_traded_beside_wishes_they_keep_but_not_at_the_cost_of_one() -> None:
    problem, cells = two_apart((Wish(1, THU, "夜"),))  # granted before and after
    assert fair_ranges(problem, level_runs(problem, cells, seconds=5))["minutes"] == 60
    problem, cells = two_apart((Wish(2, WED, "晚"),))  # the trade would take b's 晚 away
    assert level_runs(problem, cells, seconds=5) == cells


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
