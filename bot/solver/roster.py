"""Generate a roster: hard rules, fairness bands around each pool's fair window, wishes.

Fairness is not a min–max objective (too slow at scale). Each person's minutes, nights and
weekend shifts (history and leave credit included) must fall inside the pool's narrowest
window from bands.py, as hard rows. The exact windows often do not hold together (hours and
nights interact through shift lengths, rest rules couple days), so a ladder widens them a
step at a time (half a shift, then a shift on one side, …; a night or weekend shift above)
and re-solves the same HiGHS model. Inside the first band that holds, a short polish solve
makes leaving the exact window cost (an hour 1, a night or weekend shift 8) and keeps its
roster if fairer. If no band holds, the windows become penalties only (elastic). Coverage is
held at the minimum (model.py), so fairness is never bought with extra staff; a granted wish
is worth 2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

import pulp  # type: ignore[import-untyped]

from bot.solver import lns
from bot.solver.bands import lower_bounds, pool_windows
from bot.solver.check import cost, gaps, honoured, loads
from bot.solver.explain import explain, precheck
from bot.solver.fairness import DIMS, bases, fair_ranges, pool_key
from bot.solver.highs import Resolver
from bot.solver.improve import improve
from bot.solver.model import Model, build, cells_of, costs
from bot.solver.problem import Cells, Problem, Solution
from bot.solver.terms import fixed_loads, load_terms

W_STEP = (1 / 60, 8.0, 8.0)  # per minute, night, weekend shift outside the window
W_WISH = 2.0
IMPROVE = 1.5  # seconds at most for the local search after the MILP
Rung = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
STATUS = {pulp.LpSolutionOptimal: "optimal", pulp.LpSolutionIntegerFeasible: "feasible"}


@dataclass
class Band:
    """One person's outer (hard) window rows for one dimension, widened rung by rung."""

    dim: int
    low: pulp.LpConstraint
    high: pulp.LpConstraint
    lo: int  # horizon load bounds at width 0
    hi: int


def add_bands(problem: Problem, m: Model) -> list[Band]:
    """Keep every load in its pool's window: hard outer rows, penalised inner rows."""
    windows, base, bands = pool_windows(problem), bases(problem), []
    for person in problem.people:
        _, wins = windows[pool_key(problem, person)]
        terms, fixed = load_terms(problem, m, person.id), fixed_loads(problem, m, person.id)
        for i, w in enumerate(wins):
            if not terms[i]:
                continue
            lo, hi = w.lo - base[person.id][i] - fixed[i], w.lo + w.width - base[person.id][i] \
                - fixed[i]
            under, over = (m.lp.add_variable(f"b{person.id}_{i}_{k}", lowBound=0) for k in "uo")
            expr = pulp.LpAffineExpression(terms[i])
            m.lp += expr + under >= lo
            m.lp += expr - over <= hi
            m.penalty += [(under, W_STEP[i]), (over, W_STEP[i])]
            low, high = expr >= lo, expr <= hi
            m.lp += low
            m.lp += high
            bands.append(Band(i, low, high, lo, hi))
    return bands


def widen(bands: list[Band], extra: Rung, hs: Resolver) -> None:
    """Widen every outer band by extra[dim] = (below, above)."""
    for b in bands:
        below, above = extra[b.dim]
        b.low.constant = -(b.lo - below)  # PuLP keeps the right-hand side as −constant
        b.high.constant = -(b.hi + above)
        hs.bounds(b.low)
        hs.bounds(b.high)


def objective(problem: Problem, m: Model, *, elastic: bool) -> pulp.LpAffineExpression:
    """Wishes and soft coverage cost (model.costs); when elastic, leaving a fair window too."""
    terms = list(m.penalty) if elastic else []
    # the constant part of the costs changes no choice: leave the fixed variable out
    terms += [(v, W_WISH * c) for v, c in costs(problem, m) if v is not m.one]
    return pulp.LpAffineExpression(terms)


def ladder(problem: Problem) -> list[Rung]:
    """Return the hard widenings to try: the exact windows, then a step more each time."""
    top = max(s.minutes for s in problem.shifts)
    half = (top // 2, top // 2)
    return [((0, 0), (0, 0), (0, 0)), (half, (0, 1), (0, 1)), ((0, top), (0, 1), (0, 1)),
            ((top, 0), (0, 1), (0, 1)), ((top, top), (1, 1), (1, 1))]


def solve_bands(problem: Problem, m: Model, time_limit: float) -> tuple[int, Cells]:
    """Find the narrowest hard bands that hold, polish inside them; return status and roster."""
    bands = add_bands(problem, m)
    m.lp += objective(problem, m, elastic=False)
    hs, start = Resolver(m.lp), perf_counter()

    def left() -> float:
        return time_limit - (perf_counter() - start)

    rungs, rung, status = ladder(problem), 0, pulp.LpSolutionNoSolutionFound
    while rung < len(rungs):
        widen(bands, rungs[rung], hs)
        began = perf_counter()
        # the exact window often cannot be proven infeasible quickly: give it little time
        status = hs.solve(min(0.05 * time_limit, 1.0) if rung == 0 else 0.5 * left())
        if status in STATUS:
            break
        # out of time without a proof: a slightly wider band will not be quicker, the widest may
        timed_out = status != pulp.LpSolutionInfeasible and 0 < rung < len(rungs) - 1
        rung = len(rungs) - 1 if timed_out else rung + 1
    else:
        return fallback(problem, m, bands, hs, left)
    found = cells_of(problem, m)
    # polish: inside the band that held, leaving the exact windows costs; only worth it when
    # the band's own solve was quick (at scale a short polish finds nothing better)
    budget = min(left(), max(1.5, 0.05 * time_limit))
    hs.costs([(v, c) for v, c in m.penalty])
    if rung and perf_counter() - began < budget and hs.solve(budget) in STATUS:
        polished = cells_of(problem, m)
        if _worse(problem, found, polished):
            found = polished
    return status, found


def fallback(problem: Problem, m: Model, bands: list[Band], hs: Resolver,
             left: Callable[[], float]) -> tuple[int, Cells]:
    """No hard band held: windows as penalties only, then (last resort) no fairness at all."""
    far = (10**7, 10**7)
    widen(bands, (far, far, far), hs)
    hs.costs([(v, c) for v, c in m.penalty])
    status = hs.solve(left() / 2)
    if status not in STATUS and status != pulp.LpSolutionInfeasible:
        hs.costs([(v, 0.0) for v, _ in m.penalty])  # any rule-clean roster beats none
        status = hs.solve(max(left(), 2.0))
    return status, cells_of(problem, m) if status in STATUS else {}


def _worse(problem: Problem, a: Cells, b: Cells) -> bool:
    """True if roster a is less fair than b (weighted ranges, as the penalties weigh them)."""
    ra, rb = fair_ranges(problem, a), fair_ranges(problem, b)
    return sum(W_STEP[i] * ra[k] for i, k in enumerate(DIMS)) > \
        sum(W_STEP[i] * rb[k] for i, k in enumerate(DIMS))


def generate(problem: Problem, *, time_limit: float = 20.0) -> Solution:
    """Build the fairest roster the time allows, or explain why none exists."""
    if not problem.fair or any(n.under is not None for n in problem.needs):
        return lns.solve(problem, time_limit=time_limit)
    start = perf_counter()
    pre = precheck(problem)
    if pre:
        return Solution("infeasible", {}, explanation=tuple(pre))
    m = build(problem)
    if m.broken:
        return Solution("infeasible", {}, explanation=tuple(m.broken))
    built = perf_counter()
    # keep some time for the swap search that polishes the MILP's roster
    status, cells = solve_bands(problem, m, 0.9 * time_limit - (built - start))
    if status in STATUS:
        cells = improve(problem, cells, seconds=min(IMPROVE, time_limit - (perf_counter() - start)))
    solved = perf_counter()
    if status not in STATUS:
        why = explain(problem, time_limit=time_limit) if status == pulp.LpSolutionInfeasible \
            else []
        return Solution("infeasible" if why else "no_solution", {}, explanation=tuple(why),
                        build_seconds=built - start, solve_seconds=solved - built)
    return finish(problem, cells, STATUS[status], built - start, solved - built)


def finish(problem: Problem, cells: Cells, status: str, build_s: float,
           solve_s: float) -> Solution:
    """Fill in loads, ranges, bounds and wishes met for a roster."""
    met = sum(1 for w in problem.wishes if honoured(w, cells))
    return Solution(status, cells, loads(problem, cells),  # type: ignore[arg-type]
                    fair_ranges(problem, cells), lower_bounds(problem), met, (),
                    build_s, solve_s, objective=cost(problem, cells),
                    gaps=tuple(gaps(problem, cells)))
