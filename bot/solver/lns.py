"""Rosters with soft coverage or without fairness: a quick start, then fix-and-optimise.

The start gives each person in turn their cheapest roster against what the others left
uncovered (a small MILP per person: every personal rule is kept, so the start is rule-clean
whenever each person alone can be). Then one HiGHS model of the whole problem is kept alive;
a short solve of it gives the dual bound, and each step frees a window of days, a group of
people, or both, fixes every other cell to the incumbent (column bounds), and re-solves from
the incumbent. Neighbourhoods grow while their solves finish early and shrink when they time
out. The search stops at the time limit or when the bound proves the incumbent.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date
from time import perf_counter

import highspy
import numpy as np
import pulp  # type: ignore[import-untyped]

from bot.solver import soft
from bot.solver.check import loads
from bot.solver.highs import Resolver
from bot.solver.model import cells_of
from bot.solver.problem import Cells, Need, Problem, Solution

Key = tuple[int, date]
FULL_SHARE = 0.2  # of the time limit, for the whole model's own solve (bound, small cases)
START_FREE = 150  # free shift variables in the first neighbourhood
STEP_SECONDS = 1.0  # for one neighbourhood's solve


class Search:
    """The whole model in HiGHS, and a way to re-solve it with most cells fixed."""

    def __init__(self, problem: Problem, seed: int = 0) -> None:
        self.problem = problem
        self.costed = soft.build(problem)
        lp = self.costed.m.lp
        self.hs = Resolver(lp)
        self.hs.api.createAndConfigureSolver(lp)
        self.hs._build()  # noqa: SLF001 — the Resolver's bulk build, without a first solve
        self.hs.built = True
        self.h: highspy.Highs = lp.solverModel
        self.h.setOptionValue("mip_rel_gap", 0.0)
        cols = sorted(self.costed.m.x.items(), key=lambda kv: kv[1].index)
        self.keys = [(p, d) for (p, d, _), _ in cols]
        self.codes = [s for (_, _, s), _ in cols]
        self.idx = np.array([v.index for _, v in cols], dtype=np.int32)
        self.rng = random.Random(seed)
        self.full: np.ndarray | None = None  # every column of the incumbent, once HiGHS has it
        self.last: np.ndarray | None = None  # every column of the last solve's answer

    def values(self, cells: Cells) -> np.ndarray:
        """Return the x column values of a roster."""
        return np.array([float(cells.get(k) == s) for k, s in zip(self.keys, self.codes,
                                                                  strict=True)])

    def run(self, cells: Cells, free: set[Key] | None, seconds: float) -> tuple[Cells | None, bool]:
        """Re-solve with the cells outside `free` (None: none) fixed; return roster, proven."""
        now = self.values(cells)
        mask = np.array([free is None or k in free for k in self.keys])
        n = len(self.idx)
        self.h.changeColsBounds(n, self.idx, np.where(mask, 0.0, now), np.where(mask, 1.0, now))
        if self.full is not None:  # a complete start: HiGHS's own completion step is skipped
            self.h.setSolution(len(self.full), np.arange(len(self.full), dtype=np.int32),
                               self.full)
        else:
            self.h.setSolution(n, self.idx, now)
        self.h.setOptionValue("time_limit", float(max(0.05, seconds)))
        self.h.run()
        proven = self.h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        if self.h.getInfo().primal_solution_status != 2:  # no feasible point
            return None, proven
        every = np.asarray(self.h.getSolution().col_value)
        col = every[self.idx]
        out: dict[Key, str | None] = {(p.id, d): None for p in self.problem.people
                                      for d in self.problem.days}
        out.update(self.costed.m.const)
        for i in np.flatnonzero(col > 0.5):
            out[self.keys[i]] = self.codes[i]
        self.last = every
        return out, proven

    def bound(self) -> float:
        """Return the last solve's dual bound of the objective (constant included)."""
        return float(self.h.getInfo().mip_dual_bound) + self.costed.constant


def residual(problem: Problem, cells: Cells, others: set[int]) -> tuple[Need, ...]:
    """The needs as they stand once `others` work what `cells` gives them."""
    sub = replace(problem, people=tuple(p for p in problem.people if p.id in others))
    have = soft.counts(sub, cells)
    return tuple(replace(n, min=max(0, n.min - h), max=max(0, n.max - h))
                 for n, h in zip(problem.needs, have, strict=True))


def construct(problem: Problem, deadline: float) -> Cells | None:
    """Give each person in turn their cheapest roster against what is still uncovered."""
    cells: dict[Key, str | None] = {}
    done: set[int] = set()
    for person in problem.people:
        sub = replace(problem, people=(person,), needs=residual(problem, cells, done),
                      wishes=tuple(w for w in problem.wishes if w.person == person.id))
        c = soft.build(sub)
        left = deadline - perf_counter()
        if c.m.broken or left <= 0:
            return None
        c.m.lp.solve(pulp.HiGHS(msg=False, timeLimit=max(0.5, min(5.0, left / 4))))
        if c.m.lp.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return None
        cells.update({k: v for k, v in cells_of(sub, c.m).items() if k[0] == person.id})
        done.add(person.id)
    return cells


def neighbourhood(s: Search, size: float) -> set[Key]:
    """Pick cells to free: a window of days, a group of people, or a block of both."""
    people, days = [p.id for p in s.problem.people], list(s.problem.days)
    per_cell = max(1.0, len(s.keys) / max(1, len(people) * len(days)))
    cells = max(2.0, size / per_cell)
    kind = s.rng.randrange(3)
    if kind == 0:  # a group of people, every day
        k = min(len(people), max(2, round(cells / len(days))))
        group, span = s.rng.sample(people, k), days
    else:  # a window of days: everyone (kind 1) or about half the people (kind 2)
        share = 1.0 if kind == 1 else 0.5
        k = min(len(people), max(2, round(share * len(people))))
        w = min(len(days), max(2, round(cells / k)))
        first = s.rng.randrange(len(days) - w + 1)
        group, span = s.rng.sample(people, k), days[first:first + w]
    return {(p, d) for p in group for d in span}


def improve(s: Search, cells: Cells, best: int, bound: float, deadline: float) -> tuple[Cells, int]:
    """Fix-and-optimise until the deadline or until the bound proves the incumbent."""
    size = float(START_FREE)
    while best > math.ceil(bound - 1e-6) and (left := deadline - perf_counter()) > 0.1:
        limit = min(left, STEP_SECONDS)
        began = perf_counter()
        found, proven = s.run(cells, neighbourhood(s, size), limit)
        took = perf_counter() - began
        if found is not None and (value := soft.cost(s.problem, found)) <= best:
            cells, best, s.full = found, value, s.last
        size *= 1.2 if proven and took < 0.5 * limit else 0.8 if not proven else 1.0
        size = min(max(size, 50.0), float(len(s.keys)))
    return cells, best


def solve(problem: Problem, *, time_limit: float = 20.0, seed: int = 0) -> Solution:
    """Return the cheapest roster found in the time, its objective, bound and gaps."""
    start = perf_counter()
    deadline = start + time_limit
    s = Search(problem, seed)
    built = perf_counter()
    if s.costed.m.broken:
        return Solution("infeasible", {}, explanation=tuple(s.costed.m.broken))
    hard = any(n.under is None and n.min > 0 for n in problem.needs)
    cells = None if hard else construct(problem, start + 0.5 * time_limit)
    full = max(FULL_SHARE * time_limit, 0.5 * (deadline - perf_counter())) if cells is None \
        else FULL_SHARE * time_limit
    found, proven = s.run(cells or {}, None, min(full, deadline - perf_counter()))
    bound = s.bound() if found is not None or proven else -math.inf
    if found is not None and (cells is None or soft.cost(problem, found) <= soft.cost(problem,
                                                                                      cells)):
        cells, s.full = found, s.last
    if cells is None:
        status = "infeasible" if s.h.getModelStatus() == highspy.HighsModelStatus.kInfeasible \
            else "no_solution"
        return Solution(status, {}, build_seconds=built - start,  # type: ignore[arg-type]
                        solve_seconds=perf_counter() - built)
    best = soft.cost(problem, cells)
    if proven:
        bound = float(best)
    cells, best = improve(s, cells, best, bound, deadline)
    return Solution("optimal" if best <= math.ceil(bound - 1e-6) else "feasible", cells,
                    loads(problem, cells), wishes_met=_met(problem, cells),
                    build_seconds=built - start, solve_seconds=perf_counter() - built,
                    objective=best, bound=bound, gaps=soft.gaps(problem, cells))


def _met(problem: Problem, cells: Cells) -> int:
    """Count wishes granted."""
    return sum(1 for w in problem.wishes if soft.cost(replace(problem, wishes=(w,), needs=()),
                                                      cells) == 0)
