"""Two runs of days traded at once between two people, for where no single run helps.

A person's minutes move in steps that one run rarely makes: with shifts of 480 and 660
minutes, an hour less is three 夜 turned into 晚 and a shift more. Two runs together reach
far more sums. For one pair, the runs' changes of the loads take few distinct values, so every
pair of values is priced at once (the weighted spread after both, then Σ squared
deviations), and only for the best pairs of values are actual runs looked for: two that do
not touch, rule-checked together, granting the two people's wishes no less.
"""

from __future__ import annotations

import numpy as np

from bot.solver.check import honoured, person_violations
from bot.solver.rules import before_of
from bot.solver.runs import SQUARES, Board, Ints, W, open_runs, outside, run_days, spread_of, trade

PAIRS = 8  # pairs of values tried per pair of people
RUNS = 6  # runs of each value tried per pair of values


def trade_two(b: Board, seg: Ints, loads: Ints, p: int, mates: Ints, aim: Ints | None) -> bool:
    """Apply the first two-run trade between p and a mate that lowers the keys (spread,
    distance outside the windows `aim`, Σ squares) and keeps both people's rules; return
    whether one was found."""
    now, (starts, ends) = spread_of(loads), run_days(len(b.problem.days))
    opened = open_runs(b, p, mates)
    hi, lo = outside(loads, p, mates)
    for n, r in enumerate(int(x) for x in mates):
        d = seg[:, r] - seg[:, p]  # (3, runs): what p gains from each run
        ok = np.flatnonzero(opened[n] & (d != 0).any(axis=0))
        values, which = np.unique(d[:, ok].T, axis=0, return_inverse=True)
        if len(values) < 2:
            continue
        for i, j in _best(values, loads, (p, r), (now, hi[:, n], lo[:, n]), aim):
            for s in ok[which.ravel() == i][:RUNS]:
                for t in ok[which.ravel() == j][:RUNS]:
                    days = _days(int(starts[s]), int(ends[s]), int(starts[t]), int(ends[t]))
                    if days is not None and _keeps(b, p, r, days):
                        _swap(b, p, r, days)
                        return True
    return False


def _best(values: Ints, loads: Ints, pr: tuple[int, int], ends: tuple[int, Ints, Ints],
          aim: Ints | None) -> list[tuple[int, int]]:
    """Return the pairs of run values (indices) that lower the keys, best first; `ends` holds
    the spread now and the highest and lowest loads of everyone else."""
    (p, r), (now, hi, lo) = pr, ends
    both = values[:, None, :] + values[None, :, :]  # (k, k, 3)
    newp, newr = loads[:, p] + both, loads[:, r] - both
    top = np.maximum(np.maximum(newp, newr), hi)
    bottom = np.minimum(np.minimum(newp, newr), lo)
    keys = [(W * (top - bottom)).sum(axis=2)]
    if aim is not None:
        def off(x: Ints) -> Ints:
            out: Ints = (W * (np.maximum(aim[0] - x, 0) + np.maximum(x - aim[1], 0))).sum(axis=-1)
            return out
        keys.append(off(newp) + off(newr) - off(loads[:, p]) - off(loads[:, r]))
    keys.append((SQUARES * 2 * both * (loads[:, p] - loads[:, r] + both)).sum(axis=2))
    better, tie = keys[0] < now, keys[0] == now
    for k in keys[1:]:
        better |= tie & (k < 0)
        tie &= k == 0
    i, j = np.nonzero(np.triu(better))
    order = np.lexsort([k[i, j] for k in keys[::-1]])[:PAIRS]
    return [(int(i[k]), int(j[k])) for k in order]


def _days(a: int, z: int, c: int, e: int) -> list[int] | None:
    """Return the days of two runs that neither overlap nor touch (else None)."""
    if z + 1 < c or e + 1 < a:
        return list(range(a, z + 1)) + list(range(c, e + 1))
    return None


def _keeps(b: Board, p: int, r: int, days: list[int]) -> bool:
    """True if trading these days keeps both people's rules and grants their wishes no less."""
    for x, y in ((p, r), (r, p)):
        pid = b.ids[x]
        before = list(before_of(b.problem, pid))
        row = list(b.rows[x])
        for k in days:
            row[k] = b.rows[y][k]
        if person_violations(b.problem, pid, before + row, [len(before) + k for k in days]):
            return False
    return _granted(b, (p, r), days, traded=True) >= _granted(b, (p, r), days, traded=False)


def _granted(b: Board, pr: tuple[int, int], days: list[int], *, traded: bool) -> int:
    """Return the weight of the two people's wishes on these days granted (after the trade,
    or as they stand)."""
    first, out = b.problem.days[0], 0
    for x, y in (pr, pr[::-1]):
        pid, row = b.ids[x], b.rows[y] if traded else b.rows[x]
        out += sum(w.weight for w in b.problem.wishes if w.person == pid
                   and (k := (w.day - first).days) in days
                   and honoured(w, {(pid, w.day): row[k]}))
    return out


def _swap(b: Board, p: int, r: int, days: list[int]) -> None:
    """Trade these days between p and r (one run at a time)."""
    runs: list[list[int]] = []
    for k in days:
        if runs and runs[-1][-1] + 1 == k:
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        trade(b, p, r, run[0], run[-1])
