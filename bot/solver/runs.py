"""Level the fairness loads by exchanging runs of days between two people of a group.

When two people of one coverage group trade their cells on days a…b, every need counts what
it counted before: only their own rules can break (rest after a night at the run's ends,
sliding windows, weekly caps, leave, fixed cells …), and the checker looks around the run.
Such exchanges move whole chains of nights at once, which the single swaps of improve.py
cannot where rest after nights ties the days together.

Every run of every pair is priced at once (numpy, prefix sums of the loads): the weighted
spread after it (a minute 1, a night or weekend shift 480), then the change of Σ squared
deviations from the mean, which falls with every step taken and so ends the search. The
best-priced runs are rule-checked in turn and the first that passes is applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from time import perf_counter

import numpy as np
import numpy.typing as npt

from bot.solver.check import person_violations
from bot.solver.fairness import WEIGHTS, bases
from bot.solver.problem import Cells, Problem, Shift
from bot.solver.rules import before_of, night_codes, shift_map

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
SQUARES = np.array([1, 480 * 480, 480 * 480], dtype=np.int64)  # minutes² per unit²
TRIED = 20  # best-priced runs rule-checked per person before the next person is tried


@dataclass
class Board:
    """A roster as arrays: people × days, with each cell's loads and what can block a run."""

    problem: Problem
    ids: list[int]
    rows: list[list[str | None]]
    gain: Ints  # (3, people, days)
    base: Ints  # (3, people)
    locked: Bools  # leave or fixed: the cell may not change
    night: Bools  # a night shift
    day: Bools  # a shift that may not follow a night
    before_night: Bools  # (people,) the last day before the horizon was a night
    code: Ints  # (people, days) each cell's shift as a number (0: off)
    index: dict[str | None, int]

    def loads(self) -> Ints:
        """Return each person's fairness loads, (3, people)."""
        out: Ints = self.base + self.gain.sum(axis=2)
        return out

    def cells(self) -> dict[tuple[int, date], str | None]:
        """Return the roster."""
        return {(pid, d): row[j] for pid, row in zip(self.ids, self.rows, strict=True)
                for j, d in enumerate(self.problem.days)}


def board(problem: Problem, cells: Cells) -> Board:
    """Lay a roster out as arrays."""
    ids, days = [p.id for p in problem.people], problem.days
    codes, nights = shift_map(problem), night_codes(problem)
    rows = [[cells.get((pid, d)) for d in days] for pid in ids]
    base_of = bases(problem)
    shape = (len(ids), len(days))
    b = Board(problem, ids, rows, np.zeros((3, *shape), dtype=np.int64),
              np.array([[base_of[pid][i] for pid in ids] for i in range(3)], dtype=np.int64),
              np.array([[(pid, d) in problem.off or (pid, d) in problem.fixed for d in days]
                        for pid in ids], dtype=np.bool_),
              np.zeros(shape, dtype=np.bool_), np.zeros(shape, dtype=np.bool_),
              np.array([(before_of(problem, pid) or (None,))[-1] in nights for pid in ids],
                       dtype=np.bool_), np.zeros(shape, dtype=np.int64),
              {None: 0, **{c: i + 1 for i, c in enumerate(codes)}})
    for r in range(len(ids)):
        _fill(b, r, codes, nights)
    return b


def _fill(b: Board, r: int, codes: Mapping[str, Shift], nights: frozenset[str]) -> None:
    """Set one person's row of loads and night/day flags from their cells."""
    weekend = b.problem.weekend
    for j, (code, d) in enumerate(zip(b.rows[r], b.problem.days, strict=True)):
        s = codes.get(code or "")
        minutes = 0 if s is None else s.minutes
        b.gain[:, r, j] = (minutes, int(code in nights), int(s is not None and d in weekend))
        b.code[r, j] = b.index.get(code, -1)
        b.night[r, j] = code in nights
        b.day[r, j] = s is not None and code not in nights


def _outside(loads: Ints, order: Ints, p: int, q: Ints) -> tuple[Ints, Ints]:
    """Return, per dimension and per q, the highest and lowest load of everyone but p and q.

    `order` holds each dimension's three highest and three lowest people (argsort ends)."""
    hi = np.empty((3, len(q)), dtype=np.int64)
    lo = np.empty((3, len(q)), dtype=np.int64)
    for i in range(3):
        for out, ends in ((hi, order[i, -3:][::-1]), (lo, order[i, :3])):
            pick = np.full(len(q), ends[-1])
            for r in ends[:-1][::-1]:  # the first of the ends that is neither p nor q wins
                pick = np.where((r != p) & (r != q), r, pick)
            out[i] = loads[i, pick]
    return hi, lo


def sums(b: Board) -> Ints:
    """Return every person's loads over every run of days a…b, (3, people, a, b)."""
    pre = np.zeros((3, len(b.ids), len(b.problem.days) + 1), dtype=np.int64)
    np.cumsum(b.gain, axis=2, out=pre[:, :, 1:])
    out: Ints = pre[:, :, None, 1:] - pre[:, :, :-1, None]
    return out


def price(b: Board, seg: Ints, loads: Ints, p: int, q: Ints, aim: Ints | None,
          ) -> tuple[list[Ints], Bools]:
    """Price every run a…b that p and each of q could trade, (q, days, days) each: the
    weighted spread after it, the change of the weighted distance outside the target windows
    `aim` (lows, highs), the change of Σ squared deviations; and whether it is worth checking."""
    dp = seg[:, q] - seg[:, p][:, None]  # what p gains; q gains −dp
    newp = loads[:, p][:, None, None, None] + dp
    newq = loads[:, q][:, :, None, None] - dp
    order = np.argsort(loads, axis=1)
    order = np.concatenate([order[:, :3], order[:, -3:]], axis=1)
    hi, lo = _outside(loads, order, p, q)
    w = np.array(WEIGHTS, dtype=np.int64)[:, None, None, None]
    top = np.maximum(np.maximum(newp, newq), hi[:, :, None, None])
    bottom = np.minimum(np.minimum(newp, newq), lo[:, :, None, None])
    keys = [(w * (top - bottom)).sum(axis=0)]
    if aim is not None:
        keys.append((w * (_off(newp, aim) + _off(newq, aim))).sum(axis=0)
                    - int((np.array(WEIGHTS) * _off(loads[:, p], aim)).sum())
                    - (np.array(WEIGHTS)[:, None] * _off(loads[:, q], aim)).sum(axis=0)[
                        :, None, None])
    lp, lq = loads[:, p][:, None], loads[:, q]
    keys.append((SQUARES[:, None, None, None] * 2 * dp
                 * ((lp - lq)[:, :, None, None] + dp)).sum(axis=0))
    ok = np.triu(np.ones(keys[0].shape[1:], dtype=np.bool_))[None] & (dp != 0).any(axis=0)
    return keys, ok & _open(b, p, q)


def _off(loads: Ints, aim: Ints) -> Ints:
    """Return how far loads (dimension first) lie outside the windows aim = (lows, highs)."""
    shape = (3,) + (1,) * (loads.ndim - 1)
    low, high = aim[0].reshape(shape), aim[1].reshape(shape)
    out: Ints = np.maximum(low - loads, 0) + np.maximum(loads - high, 0)
    return out


def _open(b: Board, p: int, q: Ints) -> Bools:
    """Runs that change no locked cell and put no day shift right after a night at either end
    (the rest is the checker's), (q, days, days)."""
    differ = b.code[p][None] != b.code[q]
    blocked = (b.locked[p][None] | b.locked[q]) & differ
    cum = np.concatenate([np.zeros((len(q), 1), dtype=np.int64), np.cumsum(blocked, axis=1)],
                         axis=1)
    free: Bools = (cum[:, None, 1:] - cum[:, :-1, None]) == 0
    if not b.problem.rules.no_day_after_night:
        return free
    # at a: the one before a keeps their own day a − 1; at b: their own day b + 1
    prev = np.concatenate([b.before_night[:, None], b.night[:, :-1]], axis=1)
    nxt = np.concatenate([b.day[:, 1:], np.zeros((len(b.ids), 1), dtype=np.bool_)], axis=1)
    start = (prev[p][None] & b.day[q]) | (prev[q] & b.day[p][None])
    end = (b.night[q] & nxt[p][None]) | (b.night[p][None] & nxt[q])
    out: Bools = free & ~start[:, :, None] & ~end[:, None, :]
    return out


def _allowed(b: Board, p: int, q: int, a: int, z: int) -> bool:
    """True if trading days a…z keeps both people's rules (checked around the run)."""
    for r, o in ((p, q), (q, p)):
        pid = b.ids[r]
        before = list(before_of(b.problem, pid))
        seq = before + b.rows[r][:a] + b.rows[o][a:z + 1] + b.rows[r][z + 1:]
        if person_violations(b.problem, pid, seq, range(len(before) + a, len(before) + z + 1)):
            return False
    return True


def _trade(b: Board, p: int, q: int, a: int, z: int) -> None:
    """Trade days a…z between p and q."""
    b.rows[p][a:z + 1], b.rows[q][a:z + 1] = b.rows[q][a:z + 1], b.rows[p][a:z + 1]
    codes, nights = shift_map(b.problem), night_codes(b.problem)
    _fill(b, p, codes, nights)
    _fill(b, q, codes, nights)


def spread_of(loads: Ints) -> int:
    """Return the weighted spread of the loads."""
    return int(sum(w * (loads[i].max() - loads[i].min()) for i, w in enumerate(WEIGHTS)))


def _step(b: Board, seg: Ints, loads: Ints, mates: list[Ints], aim: Ints | None) -> bool:
    """Apply the best-priced run that lowers the keys (spread, distance outside the target,
    Σ squares) and keeps the rules, for the person furthest out who has one; return False if
    nobody has."""
    now = spread_of(loads)
    mid = (loads.max(axis=1) + loads.min(axis=1)) / 2
    far = (np.array(WEIGHTS)[:, None] * np.abs(loads - mid[:, None])).sum(axis=0)
    for p in np.argsort(-far):
        q = mates[p]
        if not len(q):
            continue
        keys, ok = price(b, seg, loads, int(p), q, aim)
        better = keys[0] < now
        tie = keys[0] == now
        for k in keys[1:]:
            better |= tie & (k < 0)
            tie &= k == 0
        found = np.flatnonzero(ok & better)
        ranked = found[np.lexsort([k.flat[found] for k in keys[::-1]])]
        for k in ranked[:TRIED]:
            i, a, z = np.unravel_index(k, keys[0].shape)
            if _allowed(b, int(p), int(q[i]), int(a), int(z)):
                _trade(b, int(p), int(q[i]), int(a), int(z))
                return True
    return False


def level_runs(problem: Problem, cells: Cells, *, seconds: float, bound: int = 0,
               aim: tuple[tuple[int, ...], tuple[int, ...]] | None = None,
               ) -> dict[tuple[int, date], str | None]:
    """Return the roster after trading runs of days while that levels the loads: until no
    trade helps, the spread reaches `bound`, or the time is up."""
    deadline, b = perf_counter() + seconds, board(problem, cells)
    key = [p.group if any(n.group for n in problem.needs) else "" for p in problem.people]
    mates = [np.array([r for r in range(len(key)) if r != p and key[r] == key[p]],
                      dtype=np.int64) for p in range(len(key))]
    target = None if aim is None else np.array(aim, dtype=np.int64)
    while perf_counter() < deadline:
        loads = b.loads()
        if spread_of(loads) <= bound or not _step(b, sums(b), loads, mates, target):
            break
    return b.cells()
