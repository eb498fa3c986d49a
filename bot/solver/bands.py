"""Target windows for fairness and the lower bounds of the ranges.

For one pool and one dimension, each person p has a base b_p (history + leave credit) and can
add k_p steps of size u (u = gcd of shift minutes, or 1 for nights and weekend shifts), with
0 ≤ k_p ≤ K_p (capacity under leave and the weekly/monthly caps). The pool's horizon total T
lies in [T_low, T_high] (its minimum demand; high adds flexible group-"" demand). The lower
bound of the range is the narrowest window [lo, lo + R] such that every person can land in it
and the totals can still add up: Σ u·kmin_p(lo) ≤ T_high and Σ u·kmax_p(lo) ≥ T_low. It
ignores the rules that couple days and dimensions (nights vs hours, rest windows), so it is a
true lower bound for any roster staffed at the minimums, not always reachable. The team's
bound is the largest of the pools' bounds and the bound of the whole team as one pool.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.solver.fairness import DIMS, Pool, bases, capacity, pools, unit
from bot.solver.problem import Problem


@dataclass(frozen=True)
class Window:
    """The narrowest window of one pool and dimension: loads in [lo, lo + width]."""

    lo: int
    width: int


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _ks(b: list[int], cap: list[int], u: int, lo: int, width: int) -> tuple[int, int]:
    """Return Σ kmin and Σ kmax over people for a window starting at lo."""
    kmin = sum(max(0, _ceil_div(lo - x, u)) for x in b)
    kmax = sum(min(k, (lo + width - x) // u) for x, k in zip(b, cap, strict=True))
    return kmin, kmax


def _lo_range(b: list[int], cap: list[int], u: int, width: int,
              t_low: int, t_high: int) -> tuple[int, int] | None:
    """Return the window starts that satisfy the totals, or None."""
    first, last = max(b) - width, min(x + u * k for x, k in zip(b, cap, strict=True))
    if first > last:
        return None
    a, z = first, last  # largest lo with u·Σkmin ≤ t_high
    if u * _ks(b, cap, u, a, width)[0] > t_high:
        return None
    while a < z:
        mid = (a + z + 1) // 2
        a, z = (mid, z) if u * _ks(b, cap, u, mid, width)[0] <= t_high else (a, mid - 1)
    top, a, z = a, first, a  # smallest lo with u·Σkmax ≥ t_low
    if u * _ks(b, cap, u, top, width)[1] < t_low:
        return None
    while a < z:
        mid = (a + z) // 2
        a, z = (a, mid) if u * _ks(b, cap, u, mid, width)[1] >= t_low else (mid + 1, z)
    return a, top


def _fits(b: list[int], cap: list[int], u: int, width: int, lo: int) -> bool:
    """True if every person has a reachable load in [lo, lo + width]."""
    return all(max(0, _ceil_div(lo - x, u)) <= min(k, (lo + width - x) // u)
               for x, k in zip(b, cap, strict=True))


def _start(b: list[int], cap: list[int], u: int, width: int,
           t_low: int, t_high: int) -> int | None:
    """Return a window start that works for this width, or None."""
    span = _lo_range(b, cap, u, width, t_low, t_high)
    if span is None:
        return None
    mid = (span[0] + span[1]) // 2
    if width >= u - 1:
        return mid
    # narrower than a step: only some starts line up with every person's reachable loads
    return next((lo for lo in range(span[0], min(span[1], span[0] + u - 1) + 1)
                 if _fits(b, cap, u, width, lo)), None)


def window(b: list[int], cap: list[int], u: int, t_low: int, t_high: int) -> Window:
    """Return the narrowest feasible window (see the module docstring)."""
    if not b:
        return Window(0, 0)
    a, z = 0, max(x + u * k for x, k in zip(b, cap, strict=True)) - min(b)
    while a < z:
        mid = (a + z) // 2
        a, z = (a, mid) if _start(b, cap, u, mid, t_low, t_high) is not None else (mid + 1, z)
    lo = _start(b, cap, u, a, t_low, t_high)
    return Window(min(b) if lo is None else lo, a)


def pool_windows(problem: Problem) -> dict[str, tuple[Pool, tuple[Window, ...]]]:
    """Return each pool's windows for minutes, nights and weekends."""
    base = bases(problem)
    caps = {p.id: capacity(problem, p.id) for p in problem.people}
    out = {}
    for key, pool in pools(problem).items():
        u = [unit(problem, i) for i in range(3)]
        out[key] = (pool, tuple(
            window([base[p][i] for p in pool.people], [caps[p][i] // u[i] for p in pool.people],
                   u[i], pool.low[i], pool.high[i]) for i in range(3)))
    return out


def lower_bounds(problem: Problem) -> dict[str, int]:
    """Return the lower bound of each range (see the module docstring)."""
    per_pool = pool_windows(problem)
    out = {k: max((w[i].width for _, w in per_pool.values()), default=0)
           for i, k in enumerate(DIMS)}
    if len(per_pool) > 1:
        base = bases(problem)
        caps = {p.id: capacity(problem, p.id) for p in problem.people}
        ids = [p.id for p in problem.people]
        for i, k in enumerate(DIMS):
            u = unit(problem, i)
            low = sum(pool.low[i] for pool, _ in per_pool.values())
            flex = max(pool.high[i] - pool.low[i] for pool, _ in per_pool.values())
            whole = window([base[p][i] for p in ids], [caps[p][i] // u for p in ids], u, low,
                           low + flex)
            out[k] = max(out[k], whole.width)
    return out
