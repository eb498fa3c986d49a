"""The search that levels a roster by trading runs of days (runs.py, runs_pair.py).

Descents: rounds of single-run trades while one lowers the keys (spread, distance outside some
windows — the relaxation's target, or a step inside the current ranges — and Σ squared
deviations); where none does, a two-run trade between someone furthest out and a mate. Such
descents end in a local optimum, so the fairest roster is shaken by a few random rule-keeping
trades and descended again, aiming at the target and a step inside by turns, while that now
and then finds a fairer roster, the bound is not reached and time is left.
"""

from __future__ import annotations

import random
from datetime import date
from time import perf_counter

import numpy as np

from bot.solver.fairness import grain, unit
from bot.solver.problem import Cells, Problem
from bot.solver.runs import (
    Board,
    Ints,
    W,
    allowed,
    board,
    mates_of,
    spread_of,
    sums,
    trade,
    trade_round,
    wished,
)
from bot.solver.runs_pair import trade_two

Windows = tuple[tuple[int, ...], tuple[int, ...]]  # lows, highs per dimension
Roster = dict[tuple[int, date], str | None]
PATIENCE = 0.5  # seconds at least that shaking may go on without a fairer roster
NEAR, NEAR_PATIENCE = 2, 3.0  # steps of the spread from the bound, and the seconds then
NARROW = np.zeros(0, dtype=np.int64)  # aim a step inside the current ranges (_descend)
SHAKES, SHAKE_ROOM = 3, 480  # random trades per shake, and how much wider they may leave it
FURTHEST = 10  # people furthest out (at least; or half the team) who look for two-run trades


def _descend(b: Board, mates: list[Ints], aim: Ints | None, deadline: float,
             bound: int) -> None:
    """Trade runs while one lowers the keys, the spread is above `bound` and time is left.

    Without target windows (`aim` of shape (0,)), each round aims a step inside the current
    ranges: whoever sits at an end is pulled in."""
    while perf_counter() < deadline:
        loads = b.loads()
        if spread_of(loads) <= bound:
            return
        keys = _inside(b, loads) if aim is not None and not aim.size else aim
        if not trade_round(b, mates, keys, deadline) and \
                not _two(b, b.loads(), mates, keys, deadline):
            return


def _two(b: Board, loads: Ints, mates: list[Ints], aim: Ints | None, deadline: float) -> bool:
    """Let the people furthest out look for a two-run trade; return whether one was made."""
    seg = sums(b)
    mid = (loads.max(axis=1) + loads.min(axis=1)) / 2
    far = (W[:, None] * np.abs(loads - mid[:, None])).sum(axis=0)
    most = max(FURTHEST, len(b.ids) // 2)
    return any(perf_counter() < deadline and trade_two(b, seg, loads, int(p), mates[p], aim)
               for p in np.argsort(-far)[:most] if len(mates[p]))


def _inside(b: Board, loads: Ints) -> Ints:
    """Return windows a step inside the current ranges (lows, highs)."""
    step = np.array([unit(b.problem, i) for i in range(3)], dtype=np.int64)
    low, high = loads.min(axis=1), loads.max(axis=1)
    wide = high - low >= 2 * step
    out: Ints = np.array([np.where(wide, low + step, low), np.where(wide, high - step, high)])
    return out


def level_runs(problem: Problem, cells: Cells, *, seconds: float, bound: int = 0,
               aim: Windows | None = None) -> Roster:
    """Return the roster after trading runs of days while that levels the loads: until no
    trade helps, the spread reaches `bound`, or the time is up."""
    b = board(problem, cells)
    _descend(b, mates_of(problem), None if aim is None else np.array(aim, dtype=np.int64),
             perf_counter() + seconds, bound)
    return b.cells()


def level(problem: Problem, cells: Cells, *, seconds: float, bound: int,
          aim: Windows | None) -> Roster:
    """Return the fairest roster that trading runs finds: descents towards the target windows
    (if any) and by squared deviations, then shaken by a few random trades and descended again
    while that finds a fairer roster now and then, the bound is not reached and time is left."""
    start, mates, rng = perf_counter(), mates_of(problem), random.Random(0)
    deadline = start + seconds
    windows = None if aim is None else np.array(aim, dtype=np.int64)
    best = board(problem, cells)
    plans = [(windows, None), (NARROW, None)] if windows is not None else [(NARROW, None)]
    for keys in [k for plan in plans for k in plan]:
        _descend(best, mates, keys, deadline, bound)
    # a shake that finds nothing fairer in a while (at least the first descents' time) ends it
    # one step or two from the bound, a fairer roster would be proven: worth a longer search
    near = spread_of(best.loads()) - bound <= NEAR * grain(problem)
    last, tried = perf_counter(), 0
    patience = NEAR_PATIENCE if near else max(PATIENCE, perf_counter() - start)
    while (now := perf_counter()) < min(deadline, last + patience):
        top = spread_of(best.loads())
        if top <= bound:
            break
        trial, tried = best.copy(), tried + 1
        _shake(trial, mates, rng, top + SHAKE_ROOM)
        for keys in plans[tried % len(plans)]:
            _descend(trial, mates, keys, deadline, bound)
        got = spread_of(trial.loads())
        # an equal one moves the search on, if it grants the wishes as well
        if got < top or (got == top and wished(trial) >= wished(best)):
            best, last = trial, now if got < top else last
    return best.cells()


def _shake(b: Board, mates: list[Ints], rng: random.Random, most: int) -> None:
    """Apply a few random rule-keeping trades that leave the spread at most `most`."""
    days, done, tries = len(b.problem.days), 0, 0
    loads = b.loads()
    ends = np.flatnonzero(((loads == loads.max(axis=1)[:, None])
                           | (loads == loads.min(axis=1)[:, None])).any(axis=0))
    while done < SHAKES and tries < 50 * SHAKES:
        tries += 1
        # someone at an end of a range half the time: they are the ones a fairer roster moves
        p = int(rng.choice(ends)) if rng.random() < 0.5 else rng.randrange(len(b.ids))
        if not len(mates[p]):
            continue
        q, a = int(rng.choice(mates[p])), rng.randrange(days)
        z = min(days - 1, a + rng.randrange(7))
        if b.code[p, a:z + 1].tolist() == b.code[q, a:z + 1].tolist() or \
                not allowed(b, p, q, a, z):
            continue
        trade(b, p, q, a, z)
        if spread_of(b.loads()) > most:
            trade(b, p, q, a, z)  # trading back restores both
        else:
            done += 1
