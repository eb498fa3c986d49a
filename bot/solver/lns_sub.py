"""One neighbourhood's re-solve as its own small MILP: only the freed cells are variables.

The people the neighbourhood touches keep every personal rule; their cells outside it are
constants (Problem.fixed), and everyone else's roster only lowers the needs (residual), so
the sub-problem prices each freed cell exactly as the whole model would. HiGHS presolves
and solves such a model of a few hundred columns far faster than the whole model with most
columns fixed by bounds.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pulp  # type: ignore[import-untyped]

from bot.solver.check import violations
from bot.solver.highs import Resolver
from bot.solver.lns_start import EXACT, Key, model, residual
from bot.solver.model import cells_of
from bot.solver.problem import Cells, Problem


def subproblem(problem: Problem, cells: Cells, free: set[Key]) -> Problem:
    """The problem over the freed cells, with the incumbent elsewhere held."""
    group = {p for p, _ in free}
    others = {p.id for p in problem.people} - group
    fixed = dict(problem.fixed)
    fixed.update({(p, d): cells.get((p, d)) for p in group for d in problem.days
                  if (p, d) not in free and (p, d) not in problem.fixed})
    return replace(problem, people=tuple(p for p in problem.people if p.id in group),
                   needs=residual(problem, cells, others), fixed=fixed,
                   wishes=tuple(w for w in problem.wishes if w.person in group))


def resolve(problem: Problem, cells: Cells, free: set[Key], seconds: float
            ) -> tuple[Cells | None, bool]:
    """Re-solve the freed cells; return the whole roster (None if none found), proven."""
    sub = subproblem(problem, cells, free)
    m = model(sub)
    if m.broken:
        return None, False
    hs = Resolver(m.lp)
    hs.api = pulp.HiGHS(msg=False, gapRel=EXACT)
    hs.options(mip_rel_gap=EXACT)  # builds HiGHS's model, so that it can take the start
    keys = list(m.x)  # the incumbent is the start: a step never returns a worse roster
    idx = np.array([m.x[k].index for k in keys], dtype=np.int32)
    now = np.array([float(cells.get((p, d)) == s) for p, d, s in keys])
    m.lp.solverModel.setSolution(len(keys), idx, now)
    status = hs.solve(seconds)
    if m.lp.solverModel.getInfo().primal_solution_status != 2:  # no feasible point
        return None, False
    out = dict(cells)
    out.update({k: v for k, v in cells_of(sub, m).items() if k[0] in {p for p, _ in free}})
    if violations(problem, out):  # never expected: the sub-model holds every rule
        return None, False
    return out, status == pulp.LpSolutionOptimal
