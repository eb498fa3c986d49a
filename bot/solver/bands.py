"""Target windows for fairness and the lower bounds of the ranges.

For one pool and one dimension, each person p has a base b_p (history + leave credit) and can
add k_p steps of size u (u = gcd of shift minutes, or 1 for nights and weekend shifts), with
0 ≤ k_p ≤ K_p (capacity under leave and the weekly/monthly caps). The pool's horizon total T
lies in [T_low, T_high] (its minimum demand; high adds flexible group-"" demand). The lower
bound of the range is the narrowest window [lo, lo + R] such that every person can land in it
and the totals can still add up: Σ u·kmin_p(lo) ≤ T_high and Σ u·kmax_p(lo) ≥ T_low. It
ignores the rules that couple days and dimensions (nights vs hours, rest windows), so it is a
true lower bound for any roster staffed at the minimums, not always reachable. The team's
bound is the largest of: the pools' bounds, the bound of the whole team as one pool, and the
narrowest window that every pool can land in at once (pools with more work per head than
others cannot share a narrow window: the team's range spans both).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.solver.fairness import DIMS, Pool, Vec, bases, capacity, pools, required, unit
from bot.solver.problem import Problem
from bot.solver.rules import shift_map

Spec = tuple[list[int], list[int], int, int]  # bases, capacities in steps, total low, high


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
    if any(n.under is not None for n in problem.needs):  # soft minimums: no total is sure
        return dict.fromkeys(DIMS, 0)
    base, (demand, shared), out = bases(problem), demands(problem), {}
    caps = {p.id: capacity(problem, p.id) for p in problem.people}
    groups = sorted(pools(problem).items())
    for i, k in enumerate(DIMS):
        u = unit(problem, i)
        specs = [([base[p][i] for p in pool.people], [caps[p][i] // u for p in pool.people],
                  demand[key][0][i], demand[key][1][i]) for key, pool in groups]
        out[k] = team_width(specs, u)
        if len(specs) > 1:  # one pool of everyone: the flexible work is shared, not repeated
            ids = [p.id for p in problem.people]
            whole = window([base[p][i] for p in ids], [caps[p][i] // u for p in ids], u,
                           sum(s[2] for s in specs),
                           sum(s[3] for s in specs) - (len(specs) - 1) * shared[i])
            out[k] = max(out[k], whole.width)
    return out


def demands(problem: Problem) -> tuple[dict[str, tuple[Vec, Vec]], Vec]:
    """Return each pool's horizon total (low, high) that holds in every roster at the minimums,
    and the shared part that every pool's high end counts.

    Work any group may do (group "" needs beyond the grouped minimums) can land in any pool;
    fixed cells may staff above a minimum, so their loads widen the high end.
    """
    codes, grouped = shift_map(problem), any(n.group for n in problem.needs)
    flex = [0, 0, 0]
    for (day, code, group), m in required(problem).items():
        s = codes.get(code)
        if s is not None and group == "" and grouped:
            flex = [flex[0] + m * s.minutes, flex[1] + m * s.night,
                    flex[2] + m * (day in problem.weekend)]
    fixed: dict[int, list[int]] = {p.id: [0, 0, 0] for p in problem.people}
    for (pid, day), cell in problem.fixed.items():
        s = codes.get(cell or "")
        if s is not None and pid in fixed:
            add = (s.minutes, int(s.night), int(day in problem.weekend))
            fixed[pid] = [a + b for a, b in zip(fixed[pid], add, strict=True)]
    out: dict[str, tuple[Vec, Vec]] = {}
    for key, pool in pools(problem).items():
        low = [pool.low[i] - (flex[i] if key == "" else 0) for i in range(3)]
        high = [low[i] + flex[i] + sum(fixed[p][i] for p in pool.people) for i in range(3)]
        out[key] = ((low[0], low[1], low[2]), (high[0], high[1], high[2]))
    return out, (flex[0], flex[1], flex[2])


def _common(specs: list[Spec], u: int, width: int) -> int | None:
    """Return a window start that every pool can land in at this width, or None."""
    a, z = None, None
    for b, cap, t_low, t_high in specs:
        span = _lo_range(b, cap, u, width, t_low, t_high)
        if span is None:
            return None
        a = span[0] if a is None else max(a, span[0])
        z = span[1] if z is None else min(z, span[1])
    if a is None or z is None or a > z:
        return None
    if width >= u - 1:
        return a
    return next((lo for lo in range(a, min(z, a + u - 1) + 1)
                 if all(_fits(b, cap, u, width, lo) for b, cap, _, _ in specs)), None)


def team_width(specs: list[Spec], u: int) -> int:
    """Return the narrowest width of one window that holds every pool's loads."""
    if not specs or not any(s[0] for s in specs):
        return 0
    everyone = [(x, k) for b, cap, _, _ in specs for x, k in zip(b, cap, strict=True)]
    a, z = 0, max(x + u * k for x, k in everyone) - min(x for x, _ in everyone)
    if _common(specs, u, z) is None:  # the totals cannot add up: no bound from here
        return 0
    while a < z:
        mid = (a + z) // 2
        a, z = (a, mid) if _common(specs, u, mid) is not None else (mid + 1, z)
    return a
