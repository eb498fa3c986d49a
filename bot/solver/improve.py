"""Levelling the relaxation's shift counts (aggregate.py): single shifts moved or traded
between people of a pool, no calendar to respect, while the weighted ranges (an hour 1, a
night or weekend shift 8) do not widen. Rosters themselves are levelled by trading runs
of days (runs.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from time import perf_counter

from bot.solver.fairness import WEIGHTS, Vec

Unit = tuple[str, int]  # shift code, weekend (0 or 1)


@dataclass
class Counts:
    """A count-model solution to level: shifts per person and unit, with their limits."""

    n: dict[int, dict[Unit, int]]  # person → unit → shifts
    span: dict[tuple[int, Unit], tuple[int, int]]  # least and most of each count
    caps: dict[int, tuple[int, int]]  # person → most shifts, most weekend shifts
    pools: list[list[int]]  # people who may trade shifts
    adds: dict[Unit, Vec]  # what one shift of a unit adds to the loads
    base: Mapping[int, Vec]


def level(c: Counts, seconds: float) -> dict[int, dict[Unit, int]]:
    """Move or trade single shifts between people of a pool while the weighted spread (then the
    number of people at the extremes) falls; return the counts when none helps or time is up.

    A quick finish for the count model: its MILP closes the last steps of a min–max slowly.
    """
    deadline = perf_counter() + seconds
    loads = {p: _sum(c, p) for p in c.n}
    tally = [Counter(v[i] for v in loads.values()) for i in range(3)]
    best = _score(tally)
    moved = True
    while moved and perf_counter() < deadline:
        moved = False
        for pool in c.pools:
            edge = [p for p in pool if any(loads[p][i] in (max(t), min(t))
                                           for i, t in enumerate(tally))]
            for p in edge:
                got = _move(c, p, pool, loads, tally, best)
                if got is not None:
                    best, moved = got, True
                if perf_counter() > deadline:
                    return c.n
    return c.n


def _sum(c: Counts, p: int) -> Vec:
    """Return a person's loads."""
    b = c.base[p]
    return (b[0] + sum(k * c.adds[u][0] for u, k in c.n[p].items()),
            b[1] + sum(k * c.adds[u][1] for u, k in c.n[p].items()),
            b[2] + sum(k * c.adds[u][2] for u, k in c.n[p].items()))


def _score(tally: list[Counter[int]]) -> tuple[int, int]:
    """Return the weighted spread and how many people sit at an end of a range."""
    spread = sum(w * (max(t) - min(t)) for w, t in zip(WEIGHTS, tally, strict=True))
    return spread, sum(t[max(t)] + t[min(t)] for t in tally if max(t) > min(t))


def _fits(c: Counts, p: int) -> bool:
    """True if a person's counts keep their limits."""
    most, free = c.caps[p]
    n = c.n[p]
    return (all(c.span[(p, u)][0] <= k <= c.span[(p, u)][1] for u, k in n.items())
            and sum(n.values()) <= most and sum(k for u, k in n.items() if u[1]) <= free)


def _move(c: Counts, p: int, pool: list[int], loads: dict[int, Vec],
          tally: list[Counter[int]], best: tuple[int, int]) -> tuple[int, int] | None:
    """Apply the first move of one shift between p and someone in the pool (either way, or a
    trade of two) that keeps both inside the ranges and lowers the score; return the new
    score, or None."""
    lo, hi = [min(t) for t in tally], [max(t) for t in tally]

    def ends(v: Vec | list[int]) -> int:
        return sum(1 for i in range(3) if lo[i] < hi[i] and v[i] in (lo[i], hi[i]))

    units = list(c.n[p])
    kinds = [((u,), ()) for u in units] + [((), (u,)) for u in c.adds] + \
        [((u,), (v,)) for u in units for v in c.adds if u != v]
    for give, take in kinds:
        d = [sum(c.adds[u][i] for u in give) - sum(c.adds[u][i] for u in take)
             for i in range(3)]
        mine = [loads[p][i] - d[i] for i in range(3)]
        # within the ranges, only a move that takes p off an end can lower the score
        if not all(lo[i] <= mine[i] <= hi[i] for i in range(3)) or \
                (gain := ends(loads[p]) - ends(mine)) <= 0:
            continue
        for q in pool:
            theirs = [loads[q][i] + d[i] for i in range(3)]
            if q == p or not all(lo[i] <= theirs[i] <= hi[i] for i in range(3)) \
                    or ends(theirs) - ends(loads[q]) >= gain \
                    or any(u not in c.n[q] for u in give) or any(u not in c.n[p] for u in take):
                continue
            score = _shift(c, (p, q), give, take, loads, tally, best)
            if score is not None:
                return score
    return None


def _shift(c: Counts, pq: tuple[int, int], give: tuple[Unit, ...], take: tuple[Unit, ...],
           loads: dict[int, Vec], tally: list[Counter[int]],
           best: tuple[int, int]) -> tuple[int, int] | None:
    """Move give from p to q and take from q to p if that lowers the score; return it."""
    p, q = pq
    _trade(c, p, q, give, take)
    if _fits(c, p) and _fits(c, q):
        new = {p: _sum(c, p), q: _sum(c, q)}
        _recount(tally, pq, loads, new)
        score = _score(tally)
        if score < best:
            loads.update(new)
            return score
        _recount(tally, pq, new, loads)
    _trade(c, q, p, give, take)
    return None


def _trade(c: Counts, p: int, q: int, give: tuple[Unit, ...], take: tuple[Unit, ...]) -> None:
    """Move give from p to q and take from q to p."""
    for u in give:
        c.n[p][u] -= 1
        c.n[q][u] += 1
    for u in take:
        c.n[q][u] -= 1
        c.n[p][u] += 1


def _recount(tally: list[Counter[int]], people: tuple[int, int], old: Mapping[int, Vec],
             new: Mapping[int, Vec]) -> None:
    """Replace these people's old loads by their new loads in the tallies."""
    for r in people:
        for i, t in enumerate(tally):
            t[old[r][i]] -= 1
            if not t[old[r][i]]:
                del t[old[r][i]]
            t[new[r][i]] += 1
