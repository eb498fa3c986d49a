"""Week repair: when no 1:1 swap exists, re-plan only the ISO week of the day given up.

Everything outside that week is fixed; the person is off on the day; the fewest cells change,
and a soft need left short costs its weight, so someone fills it where one change is cheaper.
Fairness guard: every fairness load stays within the old [min − tol, max + tol] of its
dimension (tol: the longest shift in minutes, one night, one weekend shift), so no range
grows by more than twice that.
"""

from __future__ import annotations

from dataclasses import replace
from time import perf_counter

import pulp  # type: ignore[import-untyped]

from bot.solver.check import cost, gaps, loads
from bot.solver.fairness import bases, fair_loads, fair_ranges
from bot.solver.model import Model, build, cells_of
from bot.solver.problem import Cells, Problem, Solution, SwapAsk
from bot.solver.rules import week_of
from bot.solver.terms import fixed_loads, load_terms

STATUS = {pulp.LpSolutionOptimal: "optimal", pulp.LpSolutionIntegerFeasible: "feasible"}


def _guard(problem: Problem, m: Model, cells: Cells) -> None:
    """Keep every load within the old spread plus a tolerance."""
    old = list(fair_loads(problem, cells).values())
    tol = (max(s.minutes for s in problem.shifts), 1, 1)
    base = bases(problem)
    for p in problem.people:
        terms = load_terms(problem, m, p.id)
        const = [b + f for b, f in zip(base[p.id], fixed_loads(problem, m, p.id), strict=True)]
        for i in range(3):
            if terms[i]:
                expr = pulp.LpAffineExpression(terms[i])
                m.lp += expr >= min(v[i] for v in old) - tol[i] - const[i]
                m.lp += expr <= max(v[i] for v in old) + tol[i] - const[i]


def repair(problem: Problem, cells: Cells, ask: SwapAsk, *, time_limit: float = 5.0) -> Solution:
    """Re-plan the ask's ISO week with the person off on the day, changing the fewest cells."""
    start, week = perf_counter(), week_of(ask.day)
    fixed = {(p.id, d): cells.get((p.id, d)) for p in problem.people for d in problem.days
             if week_of(d) != week}
    sub = replace(problem, fixed={**fixed, **problem.fixed}, off=problem.off | {(ask.person,
                                                                                  ask.day)})
    m = build(sub, staff_to_min=False)
    if m.broken:
        return Solution("infeasible", {}, explanation=tuple(m.broken))
    _guard(sub, m, cells)
    m.lp += pulp.LpAffineExpression(
        [(v, -1 if cells.get((p, d)) == s else 1) for (p, d, s), v in m.x.items()] + m.soft)
    built = perf_counter()
    m.lp.solve(pulp.HiGHS(msg=False, timeLimit=time_limit))
    solved = perf_counter()
    if m.lp.sol_status not in STATUS:
        return Solution("infeasible" if m.lp.sol_status == pulp.LpSolutionInfeasible
                        else "no_solution", {}, build_seconds=built - start,
                        solve_seconds=solved - built)
    out = cells_of(sub, m)
    return Solution(STATUS[m.lp.sol_status], out, loads(problem, out),  # type: ignore[arg-type]
                    fair_ranges(problem, out), {}, 0, (), built - start, solved - built,
                    objective=cost(problem, out), gaps=tuple(gaps(problem, out)))
