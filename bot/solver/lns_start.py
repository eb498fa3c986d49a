"""The model LNS searches, and the greedy roster it starts from.

The start gives each person in turn their cheapest roster against what the others left
uncovered: a small MILP per person with every personal rule, so the start is rule-clean
whenever each person alone can be.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from time import perf_counter

import pulp  # type: ignore[import-untyped]

from bot.solver.check import covered
from bot.solver.highs import Resolver
from bot.solver.model import Model, build, cells_of, costs, need_terms
from bot.solver.problem import Cells, Need, Problem

Key = tuple[int, date]
EXACT = 1e-6  # relative MIP gap of each person's solve


def model(problem: Problem) -> Model:
    """Build the hard rules and set the objective: wishes and soft coverage (model.costs).

    Staff above a soft need's minimum is charged through `excess ≥ count − min` rather than
    model.py's exact equality: the same optimum, and HiGHS solves instance 2 of the Curtois
    benchmark in 3.5 s instead of 21 s.
    """
    soft = [i for i, n in enumerate(problem.needs) if n.under is not None and n.over]
    needs = list(problem.needs)
    for i in soft:
        needs[i] = replace(needs[i], over=0)
    m = build(replace(problem, needs=tuple(needs)))
    for i in soft:
        n = problem.needs[i]
        terms, const = need_terms(problem, m, n)
        if terms:
            excess = m.lp.add_variable(f"e{i}", lowBound=0)
            m.lp += pulp.LpAffineExpression(terms) - excess <= n.min - const
            m.soft.append((excess, n.over))
        else:
            m.soft_const += n.over * max(0, const - n.min)
    m.lp += pulp.LpAffineExpression(costs(problem, m))
    return m


def residual(problem: Problem, cells: Cells, others: set[int]) -> tuple[Need, ...]:
    """The needs as they stand once `others` work what `cells` gives them."""
    sub = replace(problem, people=tuple(p for p in problem.people if p.id in others))
    have = [covered(sub, cells, n) for n in problem.needs]
    return tuple(replace(n, min=max(0, n.min - h), max=max(0, n.max - h))
                 for n, h in zip(problem.needs, have, strict=True))


def construct(problem: Problem, deadline: float) -> Cells | None:
    """Give each person in turn their cheapest roster against what is still uncovered."""
    cells: dict[Key, str | None] = {}
    done: set[int] = set()
    for person in problem.people:
        sub = replace(problem, people=(person,), needs=residual(problem, cells, done),
                      wishes=tuple(w for w in problem.wishes if w.person == person.id))
        m = model(sub)
        left = deadline - perf_counter()
        if m.broken or left <= 0:
            return None
        hs = Resolver(m.lp)  # it builds HiGHS's model in bulk; PuLP's own way is slow here
        hs.api = pulp.HiGHS(msg=False, gapRel=EXACT)  # the uncovered rest weighs on the gap
        status = hs.solve(max(0.5, min(5.0, left / 4)))
        if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return None
        cells.update({k: v for k, v in cells_of(sub, m).items() if k[0] == person.id})
        done.add(person.id)
    return cells
