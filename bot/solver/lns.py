"""Rosters with soft coverage or without fairness: a quick start, then fix-and-optimise.

The start (lns_start.py) gives each person in turn their cheapest roster against what the
others left uncovered. Then one HiGHS model of the whole problem is kept alive;
a short solve of it gives the dual bound, and each step frees a window of days, a group of
people, both, or the cells furthest from the LP relaxation's values (or around a coverage
gap), and re-solves those cells as a small MILP of their own with every other cell held
(lns_sub.py); the whole model is re-solved from the incumbent when a neighbourhood grows to
most of the roster. Neighbourhoods grow while their solves finish early and shrink when they time
out. The search stops at the time limit or when the bound proves the incumbent.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from time import perf_counter

import highspy
import numpy as np

from bot.solver import colgen
from bot.solver.check import cost, gaps, honoured, loads
from bot.solver.explain import explain, precheck
from bot.solver.highs import Resolver
from bot.solver.lns_start import Key, construct, model
from bot.solver.lns_sub import resolve
from bot.solver.problem import Cells, Problem, Solution

COLGEN_SHARE = 0.5  # of the time limit, for column generation and its whole-roster pick
FULL_SHARE = 0.1  # of the time limit, for the whole model's own solve (the bound)
SMALL, SMALL_SHARE = 1000, 0.3  # up to so many shift variables HiGHS alone often proves it
START_FREE = 150  # free shift variables in the first neighbourhood
STEP_SECONDS = 0.5  # for one neighbourhood's solve
KINDS = (1.0, 1.0, 1.0, 3.0, 1.0)  # how often: people × all days, all people × days,
# half × days, cells astray from the LP, all people × days around a gap
WHOLE = 0.7  # a neighbourhood this share of the roster frees all of it
BIG_LP = 5000  # shift variables above which the LP relaxation is solved by interior point
NOISE = 0.5  # random weight beside the distance from the LP, so steps differ


class Search:
    """The whole model in HiGHS, and a way to re-solve it with most cells fixed."""

    def __init__(self, problem: Problem, seed: int = 0) -> None:
        self.problem = problem
        self.m = model(problem)
        lp = self.m.lp
        self.hs = Resolver(lp)
        self.hs.api.createAndConfigureSolver(lp)
        self.hs._build()  # noqa: SLF001 — the Resolver's bulk build, without a first solve
        self.hs.built = True
        self.h: highspy.Highs = lp.solverModel
        self.h.setOptionValue("mip_rel_gap", 0.0)
        cols = sorted(self.m.x.items(), key=lambda kv: kv[1].index)
        self.keys = [(p, d) for (p, d, _), _ in cols]
        self.codes = [s for (_, _, s), _ in cols]
        self.idx = np.array([v.index for _, v in cols], dtype=np.int32)
        self.rng = random.Random(seed)
        self.kind = 0
        self.full: np.ndarray | None = None  # every column of the incumbent, once HiGHS has it
        self.last: np.ndarray | None = None  # every column of the last solve's answer
        self.lp_x: np.ndarray | None = None  # the LP relaxation's x columns
        self.lp_bound = -math.inf  # and its objective: a lower bound of any roster's cost

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
        out.update(self.m.const)
        for i in np.flatnonzero(col > 0.5):
            out[self.keys[i]] = self.codes[i]
        self.last = every
        return out, proven

    def relax(self, seconds: float) -> None:
        """Solve the LP relaxation once: where a roster disagrees with it guides the search."""
        n, ints = len(self.idx), np.ones(len(self.idx), dtype=np.uint8)
        self.h.changeColsIntegrality(n, self.idx, np.zeros(n, dtype=np.uint8))
        self.h.changeColsBounds(n, self.idx, np.zeros(n), np.ones(n))
        self.h.setOptionValue("time_limit", float(max(0.05, seconds)))
        big = n > BIG_LP  # simplex is slow there; interior point without crossover is quick
        if big:  # but its answer only guides: it is no proven bound
            self.h.setOptionValue("solver", "ipm")
            self.h.setOptionValue("run_crossover", "off")
        self.h.run()
        if self.h.getInfo().primal_solution_status == 2:
            self.lp_x = np.asarray(self.h.getSolution().col_value)[self.idx]
        if self.h.getModelStatus() == highspy.HighsModelStatus.kOptimal and not big:
            self.lp_bound = float(self.h.getInfo().objective_function_value)
        self.h.setOptionValue("solver", "choose")
        self.h.setOptionValue("run_crossover", "on")
        self.h.changeColsIntegrality(n, self.idx, ints)

    def bound(self) -> float:
        """Return the last solve's dual bound of the objective (its constant rides on `one`)."""
        return float(self.h.getInfo().mip_dual_bound)


def neighbourhood(s: Search, kind: int, size: float, cells: Cells) -> set[Key] | None:
    """Pick cells to free: a window of days, a group of people, or a block of both; None
    (the whole model) once the size covers most of the roster."""
    people, days = [p.id for p in s.problem.people], list(s.problem.days)
    per_cell = max(1.0, len(s.keys) / max(1, len(people) * len(days)))
    n = max(2.0, size / per_cell)
    if n >= WHOLE * len(people) * len(days):
        return None
    if kind == 3 and s.lp_x is not None:  # where the roster strays furthest from the LP
        return _strays(s, cells, round(n))
    if kind == 0:  # a group of people, every day
        k = min(len(people), max(2, round(n / len(days))))
        return {(p, d) for p in s.rng.sample(people, k) for d in days}
    # a window of days: everyone (kind 1), about half the people (2), or around a gap (4)
    share = 0.5 if kind == 2 else 1.0
    k = min(len(people), max(2, round(share * len(people))))
    w = min(len(days), max(2, round(n / k)))
    short = [days.index(g.day) for g in gaps(s.problem, cells) if g.day is not None] \
        if kind == 4 else []
    if short:
        first = min(max(0, s.rng.choice(short) - s.rng.randrange(w)), len(days) - w)
    else:
        first = s.rng.randrange(len(days) - w + 1)
    return {(p, d) for p in s.rng.sample(people, k) for d in days[first:first + w]}


def _strays(s: Search, cells: Cells, n: int) -> set[Key]:
    """The n cells whose shifts differ most from the LP relaxation's, with some noise."""
    assert s.lp_x is not None
    far: dict[Key, float] = {}
    for k, code, lp in zip(s.keys, s.codes, s.lp_x, strict=True):
        far[k] = far.get(k, 0.0) + abs(float(cells.get(k) == code) - lp)
    ranked = sorted(far, key=lambda k: far[k] + NOISE * s.rng.random(), reverse=True)
    return set(ranked[:n])


@dataclass
class Best:
    """The incumbent roster, its cost, and the best proven lower bound of any roster's."""

    cells: Cells
    value: int
    bound: float

    def proven(self) -> bool:
        """True when no roster can cost less (costs are whole numbers)."""
        return self.value <= math.ceil(self.bound - 1e-6)

    def offer(self, s: Search, found: Cells | None) -> None:
        """Keep a roster that costs no more (ties move the search on)."""
        if found is not None and (value := cost(s.problem, found)) <= self.value:
            self.cells, self.value, s.full = found, value, s.last


def improve(s: Search, best: Best, deadline: float, time_limit: float) -> None:
    """Fix-and-optimise until the deadline or until the bound proves the incumbent; each kind
    of neighbourhood grows while its solves finish early and shrinks when they time out."""
    sizes = [float(START_FREE)] * len(KINDS)
    while not best.proven() and (left := deadline - perf_counter()) > 0.1:
        kind = s.kind = s.rng.choices(range(len(KINDS)), KINDS)[0]
        free = neighbourhood(s, kind, sizes[kind], best.cells)
        limit = min(left, STEP_SECONDS if free else max(STEP_SECONDS, FULL_SHARE * time_limit))
        began = perf_counter()
        if free is not None:  # its own small model (lns_sub.py)
            found, proven = resolve(s.problem, best.cells, free, limit)
            s.last = None  # HiGHS's whole model no longer holds the incumbent
        else:
            found, proven = s.run(best.cells, free, limit)
        took = perf_counter() - began
        best.offer(s, found)
        if free is None:
            best.bound = max(best.bound, best.value if proven else s.bound())
        sizes[kind] *= 1.2 if proven and took < 0.5 * limit else 0.8 if not proven else 1.0
        sizes[kind] = max(sizes[kind], 50.0)


def start(problem: Problem, s: Search, deadline: float, time_limit: float) -> Best | None:
    """The greedy roster, then a short solve of the whole model from it (bound, small cases)."""
    hard = any(n.under is None and n.min > 0 for n in problem.needs)
    cells = None if hard else construct(problem, perf_counter() + 0.5 * time_limit)
    cg = None
    if cells is not None:  # whole rosters per person, priced by the needs (colgen.py)
        cg = colgen.solve(problem, perf_counter() + COLGEN_SHARE * time_limit, [cells])
        if cg is not None and cg.cells is not None and cg.value is not None \
                and cg.value < cost(problem, cells):
            cells = cg.cells
    s.relax(0.15 * time_limit)
    if cg is not None:  # the master's LP is far tighter than the cells' own: it guides
        s.lp_x = np.array([cg.lp.get((p, d, c), 0.0) for (p, d), c in zip(s.keys, s.codes,
                                                                             strict=True)])
    cg_bound = cg.bound if cg is not None and math.isfinite(cg.bound) else -math.inf
    left = deadline - perf_counter()
    share = SMALL_SHARE if len(s.keys) <= SMALL else FULL_SHARE
    found, proven = s.run(cells or {}, None, left / 2 if cells is None else
                          min(left, share * time_limit))
    if found is None and cells is None:
        return None
    bound = max(s.lp_bound, cg_bound, s.bound() if found is not None else -math.inf)
    best = Best(cells or {}, cost(problem, cells) if cells is not None else 10**18, bound)
    best.offer(s, found)
    if proven and found is not None:
        best.bound = best.value
    return best


def solve(problem: Problem, *, time_limit: float = 20.0, seed: int = 0) -> Solution:
    """Return the cheapest roster found in the time, its objective, bound and gaps."""
    began = perf_counter()
    deadline = began + time_limit
    s = Search(problem, seed)
    built = perf_counter()
    if s.m.broken:
        return Solution("infeasible", {}, explanation=tuple(s.m.broken))
    pre = precheck(problem)
    best = None if pre else start(problem, s, deadline, time_limit)
    if best is None:
        infeasible = s.h.getModelStatus() == highspy.HighsModelStatus.kInfeasible
        why = pre or (explain(problem, time_limit=time_limit) if infeasible else [])
        return Solution("infeasible" if why else "no_solution", {}, explanation=tuple(why),
                        build_seconds=built - began, solve_seconds=perf_counter() - built)
    improve(s, best, deadline, time_limit)
    cells = best.cells
    return Solution("optimal" if best.proven() else "feasible", cells, loads(problem, cells),
                    wishes_met=sum(1 for w in problem.wishes if honoured(w, cells)),
                    build_seconds=built - began, solve_seconds=perf_counter() - built,
                    objective=best.value, bound=best.bound, gaps=tuple(gaps(problem, cells)))
