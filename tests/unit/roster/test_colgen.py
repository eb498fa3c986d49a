"""Column generation (colgen.py): whole rosters per person priced by the needs' duals.

Its rosters keep every rule and cost what the independent checker says; its bound never
exceeds the best roster's cost and is far tighter than the cell model's own LP; a person
without any roster of their own makes it decline.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from time import perf_counter

import numpy as np

from bench.curtois_eval import evaluate, parse
from bench.curtois_load import convert
from bot.solver import colgen, lns
from bot.solver.check import cost, person_violations, sequence, violations
from bot.solver.problem import Limits
from tests.unit.roster.test_lns import SMALL

# the same five people, but the cover wants more than they can give: the optimum is > 0
TIGHT = SMALL.split("SECTION_COVER")[0] + "SECTION_COVER\n" + "".join(
    f"{d},E,{3 if d % 7 < 5 else 2},100,1\n{d},L,2,100,1\n" for d in range(21))


@cache
def _optimum(text: str) -> tuple[int, float]:
    """The proven cheapest roster's cost, and the cell model's LP bound."""
    problem = convert(parse(text)).problem
    s = lns.Search(problem)
    s.relax(30)
    cells, proven = s.run({}, None, 60)
    assert cells is not None and proven
    return cost(problem, cells), s.lp_bound


def test_its_roster_keeps_every_rule_and_its_bound_is_tighter_than_the_cell_lp() -> None:
    loaded = convert(parse(TIGHT))
    problem = loaded.problem
    best, cell_lp = _optimum(TIGHT)
    got = colgen.solve(problem, perf_counter() + 40)
    assert got is not None and got.cells is not None and got.value is not None
    assert violations(problem, got.cells) == []
    report = evaluate(loaded.instance, loaded.assignment(got.cells))
    assert report.violations == [] and report.objective == got.value
    assert cell_lp < got.bound <= best <= got.value


def test_the_bound_holds_at_any_duals_not_only_the_masters() -> None:
    problem = convert(parse(TIGHT)).problem
    best, _ = _optimum(TIGHT)
    master = colgen.Master(problem)
    pricing = {p.id: colgen.Pricing(problem, p) for p in problem.people}
    rng = np.random.default_rng(5)
    for _ in range(5):
        duals = rng.uniform(-20, 150, len(problem.needs))
        least = 0.0
        for p in problem.people:
            found, low = pricing[p.id].price(duals, 10.0)
            assert pricing[p.id].proven and found
            for cells in found:  # every priced roster is one the person may work
                assert person_violations(problem, p.id, sequence(problem, cells, p.id)) == []
            least += low
        assert master.lagrange(duals, least) <= best + 1e-6


def test_the_priced_roster_is_the_cheapest_at_those_duals() -> None:
    problem = convert(parse(TIGHT)).problem
    master = colgen.Master(problem)
    person = problem.people[1]
    pricing = colgen.Pricing(problem, person)
    duals = np.random.default_rng(2).uniform(0, 120, len(problem.needs) + len(problem.people))
    found, low = pricing.price(duals[:len(problem.needs)], 10.0)
    cells = found[-1]
    mu = float(duals[master.row_of[person.id]])
    assert abs(colgen._reduced(master, person.id, cells, duals) - (low - mu)) < 1e-6
    # above a bar no roster of theirs reaches, the pricing finds none and says so
    none, at = pricing.price(duals[:len(problem.needs)], 10.0, below=low - 1)
    assert none == [] and pricing.proven and low - 1 <= at <= low + 1e-6


def test_a_person_with_no_roster_of_their_own_makes_it_decline() -> None:
    problem = convert(parse(SMALL)).problem
    first = problem.people[0]  # at least 3840 minutes, but no shift at all allowed
    stuck = replace(first, limits=replace(first.limits or Limits(),
                                          max_shifts=(("E", 0), ("L", 0))))
    problem = replace(problem, people=(stuck, *problem.people[1:]))
    assert colgen.solve(problem, perf_counter() + 10) is None
