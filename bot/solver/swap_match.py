"""Batch matching of open swap asks competing for the same people."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Sequence
from datetime import date

import pulp  # type: ignore[import-untyped]

from bot.solver.check import violations
from bot.solver.compare import added
from bot.solver.problem import Cells, Problem, SwapOption

Apply = Callable[[Problem, Cells, Sequence[SwapOption]], dict[tuple[int, date], str | None]]


def _assign(options: Sequence[Sequence[SwapOption]]) -> list[SwapOption | None]:
    """Choose at most one option per ask, each person once: most matched, then best scores."""
    lp = pulp.LpProblem("match", pulp.LpMaximize)
    top = max((abs(o.score) for opts in options for o in opts), default=0) + 1
    y = {(i, j): lp.add_variable(f"y{i}_{j}", cat="Binary")
         for i, opts in enumerate(options) for j in range(len(opts))}
    if not y:
        return [None] * len(options)
    # a match is worth more than any score difference among all asks
    lp += pulp.lpSum(v * (1 - options[i][j].score / (2 * top * max(1, len(options))))
                     for (i, j), v in y.items())
    people: dict[int, list[pulp.LpVariable]] = {}
    for (i, j), v in y.items():
        o = options[i][j]
        for p in {o.giver, o.taker}:
            people.setdefault(p, []).append(v)
    for i in range(len(options)):
        lp += pulp.lpSum(v for (k, _), v in y.items() if k == i) <= 1
    for vs in people.values():
        lp += pulp.lpSum(vs) <= 1
    lp.solve(pulp.HiGHS(msg=False, timeLimit=10))
    if lp.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return [None] * len(options)
    out: list[SwapOption | None] = [None] * len(options)
    for (i, j), v in y.items():
        if (v.varValue or 0) > 0.5:
            out[i] = options[i][j]
    return out


def match_options(problem: Problem, cells: Cells, options: Sequence[Sequence[SwapOption]],
                  *, valid_roster: Apply) -> list[SwapOption | None]:
    """Assign, then drop the worst chosen option until the joint roster adds no violation."""
    chosen = _assign(options)
    before = violations(problem, cells)
    while any(chosen):
        picked = [o for o in chosen if o is not None]
        view = ChainMap(valid_roster(problem, cells, picked), cells)  # type: ignore[arg-type]
        if not added(before, violations(problem, view)):
            break
        worst = max(picked, key=lambda o: o.score)
        chosen = [None if o is worst else o for o in chosen]
    return chosen
