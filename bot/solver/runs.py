"""Level the fairness loads by exchanging runs of days between two people of a group.

When two people of one coverage group trade their cells on days a…b, every need counts what
it counted before: only their own rules can break (rest after a night at the run's ends,
sliding windows, weekly caps, leave, fixed cells …), and the checker looks around the run.
Such exchanges move whole chains of nights at once, which the single swaps of improve.py
cannot where rest after nights ties the days together.

Every run of a person with each mate is priced at once (numpy, sums of the loads over every
run): the weighted spread after it (a minute 1, a night or weekend shift 480), then the change
of the weighted distance outside some windows — the relaxation's target, or a step inside
the current ranges — then the change of Σ squared deviations. In a round, the people furthest
out take in turn their best-priced trade that lowers these keys and passes the checker, with
someone not yet traded with; rounds go on while one trades. Such descents end in a local
optimum, so the fairest roster is shaken by a few random rule-keeping trades and descended
again while that now and then finds a fairer one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from time import perf_counter

import numpy as np
import numpy.typing as npt

from bot.solver.check import honoured, person_violations
from bot.solver.fairness import WEIGHTS, bases
from bot.solver.problem import Cells, Problem, Shift
from bot.solver.rules import before_of, night_codes, shift_map

Ints = npt.NDArray[np.int64]
Windows = tuple[tuple[int, ...], tuple[int, ...]]  # lows, highs per dimension
Roster = dict[tuple[int, date], str | None]
Bools = npt.NDArray[np.bool_]
SQUARES = np.array([1, 480 * 480, 480 * 480], dtype=np.int64)  # minutes² per unit²
W = np.array(WEIGHTS, dtype=np.int64)
TRIED = 20  # best-priced runs rule-checked per person before the next person is tried
PER_ROUND = 4  # trades per round, before the loads are priced afresh


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

    def copy(self) -> Board:
        """Return an independent copy (the problem shared)."""
        return replace(self, rows=[list(r) for r in self.rows], gain=self.gain.copy(),
                       night=self.night.copy(), day=self.day.copy(), code=self.code.copy())

    def cells(self) -> Roster:
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


def outside(loads: Ints, p: int, q: Ints) -> tuple[Ints, Ints]:
    """Return, per dimension and per q, the highest and lowest load of everyone but p and q."""
    order = np.argsort(loads, axis=1)
    hi = np.empty((3, len(q)), dtype=np.int64)
    lo = np.empty((3, len(q)), dtype=np.int64)
    for i in range(3):
        for out, ends in ((hi, order[i, -3:][::-1]), (lo, order[i, :3])):
            pick = np.full(len(q), ends[-1])
            for r in ends[:-1][::-1]:  # the first of the ends that is neither p nor q wins
                pick = np.where((r != p) & (r != q), r, pick)
            out[i] = loads[i, pick]
    return hi, lo


def sums(b: Board, people: Ints | None = None) -> Ints:
    """Return the loads over every run of days a…z of everyone (or of `people`),
    (3, people, runs)."""
    gain = b.gain if people is None else b.gain[:, people]
    pre = np.zeros((3, gain.shape[1], len(b.problem.days) + 1), dtype=np.int64)
    np.cumsum(gain, axis=2, out=pre[:, :, 1:])
    starts, ends = run_days(len(b.problem.days))
    out: Ints = pre[:, :, ends + 1] - pre[:, :, starts]
    return out


def run_days(days: int) -> tuple[Ints, Ints]:
    """Return the first and last day of every run a ≤ z."""
    a, z = np.triu_indices(days)
    return a.astype(np.int64), z.astype(np.int64)


def price(b: Board, seg: Ints, loads: Ints, p: int, q: Ints, aim: Ints | None,
          ) -> tuple[list[Ints], Ints]:
    """Price the runs p and each of q could trade that leave the spread no wider; return the
    keys (the weighted spread after the run, the change of the weighted distance outside the
    target windows `aim` (lows, highs), the change of Σ squared deviations) and which runs
    they are (flat indices into q × runs)."""
    dp = seg[:, q] - seg[:, p][:, None]  # (3, q, runs): what p gains; q gains −dp
    newp = loads[:, p][:, None, None] + dp
    newq = loads[:, q][:, :, None] - dp
    hi, lo = outside(loads, p, q)
    top = np.maximum(np.maximum(newp, newq), hi[:, :, None])
    bottom = np.minimum(np.minimum(newp, newq), lo[:, :, None])
    spread = (W[:, None, None] * (top - bottom)).sum(axis=0)
    ok = open_runs(b, p, q) & (dp != 0).any(axis=0) & (spread <= spread_of(loads))
    found = np.flatnonzero(ok)
    d = dp.reshape(3, -1)[:, found]
    keys = [spread.flat[found]]
    lq = loads[:, q].repeat(seg.shape[2], axis=1)[:, found]
    if aim is not None:
        keys.append((W[:, None] * (_off(loads[:, p][:, None] + d, aim) + _off(lq - d, aim)
                                   - _off(loads[:, p][:, None], aim) - _off(lq, aim))
                     ).sum(axis=0))
    keys.append((SQUARES[:, None] * 2 * d * (loads[:, p][:, None] - lq + d)).sum(axis=0))
    return keys, found


def _off(loads: Ints, aim: Ints) -> Ints:
    """Return how far loads (3, n) lie outside the windows aim = (lows, highs)."""
    out: Ints = np.maximum(aim[0][:, None] - loads, 0) + np.maximum(loads - aim[1][:, None], 0)
    return out


def open_runs(b: Board, p: int, q: Ints) -> Bools:
    """Runs that change no locked cell and put no day shift right after a night at either end
    (the rest is the checker's), (q, runs)."""
    starts, ends = run_days(len(b.problem.days))
    differ = b.code[p][None] != b.code[q]
    blocked = (b.locked[p][None] | b.locked[q]) & differ
    cum = np.concatenate([np.zeros((len(q), 1), dtype=np.int64), np.cumsum(blocked, axis=1)],
                         axis=1)
    free: Bools = (cum[:, ends + 1] - cum[:, starts]) == 0
    if not b.problem.rules.no_day_after_night:
        return free
    # at a: the one before a keeps their own day a − 1; at z: their own day z + 1
    prev = np.concatenate([b.before_night[:, None], b.night[:, :-1]], axis=1)
    nxt = np.concatenate([b.day[:, 1:], np.zeros((len(b.ids), 1), dtype=np.bool_)], axis=1)
    start = (prev[p][None] & b.day[q]) | (prev[q] & b.day[p][None])
    end = (b.night[q] & nxt[p][None]) | (b.night[p][None] & nxt[q])
    out: Bools = free & ~start[:, starts] & ~end[:, ends]
    return out


def allowed(b: Board, p: int, q: int, a: int, z: int, *, wishes: bool = True) -> bool:
    """True if trading days a…z keeps both people's rules (checked around the run) and, with
    `wishes`, grants their wishes no less (a trade that lowers the spread may cost wishes)."""
    for r, o in ((p, q), (q, p)):
        pid = b.ids[r]
        before = list(before_of(b.problem, pid))
        seq = before + b.rows[r][:a] + b.rows[o][a:z + 1] + b.rows[r][z + 1:]
        if person_violations(b.problem, pid, seq, range(len(before) + a, len(before) + z + 1)):
            return False
    return not wishes or not b.problem.wishes or \
        _granted(b, p, b.rows[q], a, z) + _granted(b, q, b.rows[p], a, z) >= \
        _granted(b, p, b.rows[p], a, z) + _granted(b, q, b.rows[q], a, z)


def wished(b: Board) -> int:
    """Return the weight of the wishes the roster grants."""
    cells = b.cells() if b.problem.wishes else {}
    return sum(w.weight for w in b.problem.wishes if honoured(w, cells))


def _granted(b: Board, r: int, row: list[str | None], a: int, z: int) -> int:
    """Return the weight of r's wishes on days a…z that these cells grant."""
    pid, first = b.ids[r], b.problem.days[0]
    return sum(w.weight for w in b.problem.wishes if w.person == pid
               and a <= (w.day - first).days <= z
               and honoured(w, {(pid, w.day): row[(w.day - first).days]}))


def trade(b: Board, p: int, q: int, a: int, z: int) -> None:
    """Trade days a…z between p and q."""
    b.rows[p][a:z + 1], b.rows[q][a:z + 1] = b.rows[q][a:z + 1], b.rows[p][a:z + 1]
    codes, nights = shift_map(b.problem), night_codes(b.problem)
    _fill(b, p, codes, nights)
    _fill(b, q, codes, nights)


def spread_of(loads: Ints) -> int:
    """Return the weighted spread of the loads."""
    return int(sum(w * (loads[i].max() - loads[i].min()) for i, w in enumerate(WEIGHTS)))


def trade_round(b: Board, mates: list[Ints], aim: Ints | None, deadline: float) -> int:
    """Give each person in turn, the furthest out first, the best-priced trade that lowers the
    keys (spread, distance outside the target, Σ squares) and keeps the rules, with someone
    not yet traded with in this round; return how many trades were made."""
    loads, seg = b.loads(), sums(b)
    mid = (loads.max(axis=1) + loads.min(axis=1)) / 2
    far = (W[:, None] * np.abs(loads - mid[:, None])).sum(axis=0)
    starts, ends = run_days(len(b.problem.days))
    done = np.zeros(len(b.ids), dtype=np.bool_)
    for p in (int(r) for r in np.argsort(-far)):
        q = mates[p][~done[mates[p]]]
        if done[p] or not len(q) or perf_counter() > deadline:
            continue
        for k, narrower in _ranked(b, seg, loads, p, q, aim):
            i, t = divmod(k, len(starts))
            a, z, r = int(starts[t]), int(ends[t]), int(q[i])
            if allowed(b, p, r, a, z, wishes=not narrower):
                trade(b, p, r, a, z)
                pair = np.array([p, r])
                seg[:, pair], loads[:, pair] = sums(b, pair), b.loads()[:, pair]
                done[pair] = True
                break
        if int(done.sum()) // 2 >= PER_ROUND:
            break
    return int(done.sum()) // 2


def _ranked(b: Board, seg: Ints, loads: Ints, p: int, q: Ints,
            aim: Ints | None) -> list[tuple[int, bool]]:
    """Return the runs p could trade that lower the keys, best first (flat indices into
    q × runs), each with whether it narrows the spread."""
    now = spread_of(loads)
    keys, found = price(b, seg, loads, p, q, aim)
    better, tie = keys[0] < now, keys[0] == now
    for k in keys[1:]:
        better |= tie & (k < 0)
        tie &= k == 0
    pick = np.flatnonzero(better)
    pick = pick[np.lexsort([k[pick] for k in keys[::-1]])][:TRIED]
    return [(int(k), bool(s < now)) for k, s in zip(found[pick], keys[0][pick], strict=True)]


def mates_of(problem: Problem) -> list[Ints]:
    """Return, per person, who they may trade with: the same coverage group."""
    key = [p.group if any(n.group for n in problem.needs) else "" for p in problem.people]
    return [np.array([r for r in range(len(key)) if r != p and key[r] == key[p]],
                     dtype=np.int64) for p in range(len(key))]
