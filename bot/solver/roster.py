"""Generate a roster: hard rules, fairness bands around each pool's fair window, wishes.

Fairness is not a min–max objective (too slow at scale): each person's minutes, nights and
weekend shifts (history and leave credit included) must fall inside the pool's narrowest
window from bands.py. If that is infeasible (the dimensions and rest rules interact), the
bands turn elastic: leaving the window costs per step, plus the largest excursion per
dimension. Extra staff above a minimum costs more than any band step, so fairness is never
bought with over-staffing. Weights, in "hours of imbalance": an hour of minutes 1, a night or
weekend shift 8, an extra person on a shift 30, a granted wish −2.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter

import pulp  # type: ignore[import-untyped]

from bot.solver.bands import lower_bounds, pool_windows
from bot.solver.check import loads
from bot.solver.explain import explain, precheck
from bot.solver.fairness import bases, fair_ranges, pool_key
from bot.solver.model import Model, build, cells_of
from bot.solver.problem import Problem, Solution

W_STEP = (1 / 60, 8.0, 8.0)  # per minute, night, weekend shift outside the window
W_WISH = 2.0
GAP = 0.02  # relative gap of the fairness objective at which HiGHS may stop
STATUS = {pulp.LpSolutionOptimal: "optimal", pulp.LpSolutionIntegerFeasible: "feasible"}


def load_terms(problem: Problem, m: Model, p: int) -> tuple[list[tuple[object, int]], ...]:
    """Return a person's horizon minutes, nights and weekend shifts as variable terms."""
    codes = {s.code: s for s in problem.shifts}
    out: tuple[list[tuple[object, int]], ...] = ([], [], [])
    for d in problem.days:
        for code, v in m.rows.get((p, d), ()):
            s = codes[code]
            out[0].append((v, s.minutes))
            if s.night:
                out[1].append((v, 1))
            if d in problem.weekend:
                out[2].append((v, 1))
    return out


def _const_loads(problem: Problem, m: Model, p: int) -> tuple[int, int, int]:
    """Return the loads of a person's constant (fixed) cells."""
    codes, out = {s.code: s for s in problem.shifts}, [0, 0, 0]
    for d in problem.days:
        s = codes.get(m.const.get((p, d)) or "")
        if s is not None:
            out = [out[0] + s.minutes, out[1] + s.night, out[2] + (d in problem.weekend)]
    return out[0], out[1], out[2]


@dataclass
class Band:
    """One person's window rows for one dimension, so rungs of the ladder can widen them."""

    dim: int
    low: pulp.LpConstraint
    high: pulp.LpConstraint
    lo: int  # horizon load bounds at width 0
    hi: int


def add_bands(problem: Problem, m: Model) -> tuple[list[Band], list[pulp.LpVariable]]:
    """Keep every load in its pool's window; return the rows and their slacks (hard: ub 0)."""
    windows, base, bands, slacks = pool_windows(problem), bases(problem), [], []
    for person in problem.people:
        _, wins = windows[pool_key(problem, person)]
        terms, fixed = load_terms(problem, m, person.id), _const_loads(problem, m, person.id)
        for i, w in enumerate(wins):
            if not terms[i]:
                continue
            shift = base[person.id][i] + fixed[i]
            under, over = (pulp.LpVariable(f"b{person.id}_{i}_{k}", lowBound=0, upBound=0)
                           for k in "uo")
            expr = pulp.LpAffineExpression(terms[i])
            low, high = expr + under >= w.lo - shift, expr - over <= w.lo + w.width - shift
            m.lp += low
            m.lp += high
            bands.append(Band(i, low, high, w.lo - shift, w.lo + w.width - shift))
            m.penalty += [(under, W_STEP[i]), (over, W_STEP[i])]
            slacks += [under, over]
    return bands, slacks


def widen(bands: list[Band], extra: tuple[int, int, int]) -> None:
    """Widen every band by extra[dim], half below and half above."""
    for b in bands:
        e = extra[b.dim]
        b.low.constant = -(b.lo - e // 2)  # PuLP keeps the right-hand side as −constant
        b.high.constant = -(b.hi + e - e // 2)


def objective(problem: Problem, m: Model) -> pulp.LpAffineExpression:
    """Over-staffing and band slack cost, granted wishes pay."""
    terms = list(m.penalty)
    for w in problem.wishes:
        for code, v in m.rows.get((w.person, w.day), ()):
            terms.append((v, W_WISH if w.shift is None else -W_WISH if code == w.shift else 0))
    return pulp.LpAffineExpression(terms)


def _solve(m: Model, seconds: float) -> int:
    """Solve in-process with HiGHS; return PuLP's solution status."""
    m.lp.solve(pulp.HiGHS(msg=False, timeLimit=max(0.5, seconds), gapRel=GAP))
    return int(m.lp.sol_status)


def ladder(problem: Problem) -> list[tuple[int, int, int]]:
    """Return the widenings to try: the exact bounds first, then a step more each time."""
    longest = max(s.minutes for s in problem.shifts)
    return [(0, 0, 0), (longest, 1, 1), (2 * longest, 2, 2)]


def solve_bands(problem: Problem, m: Model, time_limit: float) -> int:
    """Try ever wider hard bands (exact ones only briefly), then elastic; return the status."""
    bands, slacks = add_bands(problem, m)
    m.lp += objective(problem, m)
    start, status = perf_counter(), pulp.LpSolutionNoSolutionFound
    for rung, extra in enumerate(ladder(problem)):
        widen(bands, extra)
        # the exact window often cannot be proven infeasible quickly: give it little time
        share = min(0.1 * time_limit, 2.0) if rung == 0 else 0.3 * time_limit
        status = _solve(m, min(share, time_limit - (perf_counter() - start)))
        if status in STATUS:
            return status
    for s in slacks:
        s.upBound = None
    return _solve(m, time_limit - (perf_counter() - start))


def generate(problem: Problem, *, time_limit: float = 20.0) -> Solution:
    """Build the fairest roster the time allows, or explain why none exists."""
    start = perf_counter()
    pre = precheck(problem)
    if pre:
        return Solution("infeasible", {}, explanation=tuple(pre))
    m = build(problem)
    if m.broken:
        return Solution("infeasible", {}, explanation=tuple(m.broken))
    built = perf_counter()
    status = solve_bands(problem, m, time_limit - (built - start))
    solved = perf_counter()
    if status not in STATUS:
        why = explain(problem, time_limit=time_limit) if status == pulp.LpSolutionInfeasible \
            else []
        return Solution("infeasible" if why else "no_solution", {}, explanation=tuple(why),
                        build_seconds=built - start, solve_seconds=solved - built)
    return finish(problem, m, STATUS[status], built - start, solved - built)


def finish(problem: Problem, m: Model, status: str, build_s: float, solve_s: float) -> Solution:
    """Read the roster and fill in loads, ranges, bounds and wishes met."""
    cells = cells_of(problem, m)
    met = sum(1 for w in problem.wishes if cells.get((w.person, w.day)) == w.shift)
    return Solution(status, cells, loads(problem, cells),  # type: ignore[arg-type]
                    fair_ranges(problem, cells), lower_bounds(problem), met, (),
                    build_s, solve_s)
