"""The fairness bands of roster generation: each load inside a window, widened rung by rung.

Each person's minutes, nights and weekend shifts (fairness loads) must lie in a window: the
team's target windows from the relaxation (aggregate.py), or each pool's own narrowest
windows (bands.py). The windows are hard rows whose right-hand sides the ladder moves, plus
penalised rows that make leaving the exact window cost in a polish solve.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulp  # type: ignore[import-untyped]

from bot.solver.aggregate import Target
from bot.solver.bands import pool_windows
from bot.solver.fairness import DIMS, bases, pool_key, spread
from bot.solver.highs import Resolver
from bot.solver.model import Model
from bot.solver.problem import Problem
from bot.solver.terms import fixed_loads, load_terms

W_STEP = (1 / 60, 8.0, 8.0)  # per minute, night, weekend shift outside the window
POOR = 1.5  # a target this many times wider than the pools' windows and the bound is poor
Rung = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


@dataclass
class Band:
    """One person's outer (hard) window rows for one dimension, widened rung by rung."""

    person: int
    dim: int
    low: pulp.LpConstraint
    high: pulp.LpConstraint
    lo: int  # horizon load bounds at width 0
    hi: int


def pooled_windows(problem: Problem) -> dict[int, list[tuple[int, int]]]:
    """Return each person's (low, width) per dimension: their pool's narrowest windows."""
    pooled = pool_windows(problem)
    return {p.id: [(w.lo, w.width) for w in pooled[pool_key(problem, p)][1]]
            for p in problem.people}


def windows_of(problem: Problem, aim: Target) -> tuple[dict[int, list[tuple[int, int]]], bool]:
    """Return each person's (low, width) per dimension, and whether they are the target's.

    The target's windows when the relaxation found them, unless they are poor (at scale a
    short relaxation solve can end with a poor best).
    """
    own = pooled_windows(problem)
    if aim.lows is None or aim.widths is None:
        return own, False
    together = {k: max((lo + w for lo, w in (v[i] for v in own.values())), default=0)
                - min((lo for lo, _ in (v[i] for v in own.values())), default=0)
                for i, k in enumerate(DIMS)}
    # the pools' windows together are rarely reachable as they are: only a target far wider
    # than both them and the bound is a poor one
    if spread(dict(zip(DIMS, aim.widths, strict=True))) > POOR * max(spread(together),
                                                                      aim.bound):
        return own, False
    team = list(zip(aim.lows, aim.widths, strict=True))
    return {p.id: team for p in problem.people}, True


def plain_windows(problem: Problem, aim: Target) -> dict[int, list[tuple[int, int]]] | None:
    """Return the relaxation's unlevelled windows for everyone, if levelling narrowed them."""
    if aim.plain is None:
        return None
    team = list(zip(*aim.plain, strict=True))
    return {p.id: team for p in problem.people}


def add_bands(problem: Problem, m: Model,
              windows: dict[int, list[tuple[int, int]]]) -> list[Band]:
    """Keep every load in its window: hard outer rows, penalised inner rows."""
    base, bands = bases(problem), []
    for person in problem.people:
        terms, fixed = load_terms(problem, m, person.id), fixed_loads(problem, m, person.id)
        for i, (start, width) in enumerate(windows[person.id]):
            if not terms[i]:
                continue
            lo = start - base[person.id][i] - fixed[i]
            hi = lo + width
            under, over = (m.lp.add_variable(f"b{person.id}_{i}_{k}", lowBound=0) for k in "uo")
            expr = pulp.LpAffineExpression(terms[i])
            m.lp += expr + under >= lo
            m.lp += expr - over <= hi
            m.penalty += [(under, W_STEP[i]), (over, W_STEP[i])]
            low, high = expr >= lo, expr <= hi
            m.lp += low
            m.lp += high
            bands.append(Band(person.id, i, low, high, lo, hi))
    return bands


def rebase(problem: Problem, m: Model, bands: list[Band],
           windows: dict[int, list[tuple[int, int]]]) -> None:
    """Move the outer rows' windows (at width 0) to these; the next widen pushes them."""
    base = bases(problem)
    fixed = {p.id: fixed_loads(problem, m, p.id) for p in problem.people}
    for b in bands:
        start, width = windows[b.person][b.dim]
        b.lo = start - base[b.person][b.dim] - fixed[b.person][b.dim]
        b.hi = b.lo + width


def widen(bands: list[Band], extra: Rung, hs: Resolver) -> None:
    """Widen every outer band by extra[dim] = (below, above)."""
    for b in bands:
        below, above = extra[b.dim]
        b.low.constant = -(b.lo - below)  # PuLP keeps the right-hand side as −constant
        b.high.constant = -(b.hi + above)
        hs.bounds(b.low)
        hs.bounds(b.high)


def ladder(problem: Problem) -> list[Rung]:
    """Return the hard widenings to try: the exact windows, then a step more each time."""
    top = max(s.minutes for s in problem.shifts)
    half = (top // 2, top // 2)
    return [((0, 0), (0, 0), (0, 0)), (half, (0, 1), (0, 1)), ((0, top), (0, 1), (0, 1)),
            ((top, 0), (0, 1), (0, 1)), ((top, top), (1, 1), (1, 1))]
