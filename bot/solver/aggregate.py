"""The fairest spread a roster could have, counted rather than laid out (a relaxation).

Per person, shift and kind of day (weekday, weekend): how many shifts; per pool, day and
shift: how many people. It keeps what sets the loads — coverage at the minimums (as the
full model holds it), the days each person can work (leave, the weekly cap, monthly rest),
the weekend days they are free — and drops what couples the days (rest after nights,
sliding windows), so every roster of the full model is one of its solutions. Its least
weighted spread is therefore a lower bound for every roster, and its best solution's
windows are the target the full model tries first: a roster inside them is proven fairest.
Small enough (four integers a person) to solve in well under a second at fifty people; at a
few hundred HiGHS closes the last steps of the min–max slowly, so its best is levelled by
single moves of shifts between people of a pool (improve.level) before it becomes the target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from math import ceil, isfinite
from time import perf_counter

import pulp  # type: ignore[import-untyped]

from bot.solver.fairness import DIMS, WEIGHTS, Vec, bases, max_days, pool_key
from bot.solver.highs import Resolver
from bot.solver.improve import Counts, Unit, level
from bot.solver.problem import Problem, Shift

SCALE = 60  # the objective in hours: HiGHS's tolerances suit it better than minutes
OPEN = 10**9  # a cap that is not one yet
PROVABLE = 0.1  # a proof is tried when the best is within this share of the bound
LEVEL = 0.5  # seconds at most for levelling the relaxation's best by single moves
PROOF_LEAST = 0.5  # seconds a proof gets at least (when the time allows)
Key = tuple[int, str, int]  # person, shift code, weekend (0 or 1)


@dataclass(frozen=True)
class Target:
    """The relaxation's answer: its best windows (if it found any) and a proven bound."""

    lows: Vec | None  # where each dimension's window starts (fairness loads)
    widths: Vec | None  # the windows' widths: the relaxation's best ranges
    bound: int  # no roster has a smaller weighted spread
    plain: tuple[Vec, Vec] | None = None  # HiGHS's own best (starts, widths) when levelled


@dataclass
class _Counts:
    """The relaxation's model: shift counts per person, head counts per pool and day."""

    lp: pulp.LpProblem
    n: dict[Key, pulp.LpVariable]
    c: dict[tuple[str, date, str], pulp.LpVariable]


def _can(problem: Problem) -> dict[tuple[int, date], tuple[str, ...]]:
    """Return the shifts each person may work each day (as the full model's variables)."""
    wanted = {(n.day, n.shift, n.group) for n in problem.needs if n.max > 0}
    out: dict[tuple[int, date], tuple[str, ...]] = {}
    for p in problem.people:
        for d in problem.days:
            if (p.id, d) in problem.off:
                out[(p.id, d)] = ()
            elif (p.id, d) in problem.fixed:
                code = problem.fixed[(p.id, d)]
                out[(p.id, d)] = () if code is None else (code,)
            else:
                out[(p.id, d)] = tuple(s.code for s in problem.shifts
                                       if (d, s.code, "") in wanted
                                       or (d, s.code, p.group) in wanted)
    return out


def _counts(problem: Problem) -> _Counts:
    """Create the count variables with their bounds, and tie people to pools."""
    lp, can = pulp.LpProblem("fair_counts", pulp.LpMinimize), _can(problem)
    n: dict[Key, pulp.LpVariable] = {}
    c: dict[tuple[str, date, str], pulp.LpVariable] = {}
    heads: dict[tuple[str, date, str], list[int]] = defaultdict(list)
    for p in problem.people:
        for d in problem.days:
            for code in can[(p.id, d)]:
                heads[(pool_key(problem, p), d, code)].append(p.id)
        for s in problem.shifts:
            for k in (0, 1):
                days = [d for d in problem.days if (d in problem.weekend) == k]
                most = sum(1 for d in days if s.code in can[(p.id, d)])
                least = sum(1 for d in days if problem.fixed.get((p.id, d)) == s.code)
                if most:
                    n[(p.id, s.code, k)] = lp.add_variable(f"n{p.id}_{s.code}_{k}", least,
                                                           most, "Integer")
    for (pool, d, code), ids in heads.items():
        fixed = sum(1 for pid in ids if problem.fixed.get((pid, d)) == code)
        c[(pool, d, code)] = lp.add_variable(f"c{pool}_{d:%m%d}_{code}", fixed, len(ids),
                                             "Integer")
    return _Counts(lp, n, c)


def _rows(problem: Problem, m: _Counts) -> None:
    """Coverage as the full model holds it, each person's days, and the pools' sums."""
    by_slot: dict[tuple[date, str], list[tuple[str, pulp.LpVariable]]] = defaultdict(list)
    for (pool, d, code), v in m.c.items():
        by_slot[(d, code)].append((pool, v))
    for need in problem.needs:
        terms = [v for pool, v in by_slot[(need.day, need.shift)] if need.group in ("", pool)]
        const = sum(1 for p in problem.people if need.group in ("", p.group)
                    and problem.fixed.get((p.id, need.day)) == need.shift)
        if need.under is None:  # a soft minimum may be left short
            m.lp += pulp.lpSum(terms) >= need.min
        m.lp += pulp.lpSum(terms) <= min(need.max, max(need.min, const))
    mine = _by_person(m)
    for p in problem.people:
        most, free = _caps(problem, p.id)
        m.lp += pulp.lpSum(v for _, v in mine[p.id]) <= most
        m.lp += pulp.lpSum(v for key, v in mine[p.id] if key[2]) <= free
    sums: dict[tuple[str, str, int], list[tuple[pulp.LpVariable, int]]] = defaultdict(list)
    for (pool, d, code), v in m.c.items():
        sums[(pool, code, int(d in problem.weekend))].append((v, -1))
    for p in problem.people:
        for (_, code, k), v in mine[p.id]:
            sums[(pool_key(problem, p), code, k)].append((v, 1))
    for terms in sums.values():
        m.lp += pulp.LpAffineExpression(terms) == 0


def _caps(problem: Problem, person: int) -> tuple[int, int]:
    """Return the most shifts a person can work, and the most on weekend days."""
    free = sum(1 for d in problem.days if d in problem.weekend and (person, d) not in
               problem.off and problem.fixed.get((person, d), "") is not None)
    return max_days(problem, person), free


def _by_person(m: _Counts) -> dict[int, list[tuple[Key, pulp.LpVariable]]]:
    """Index the shift counts by person."""
    out: dict[int, list[tuple[Key, pulp.LpVariable]]] = defaultdict(list)
    for key, v in m.n.items():
        out[key[0]].append((key, v))
    return out


def _load(s: Shift, k: int, dim: int) -> int:
    """Return what one shift of this kind adds to a dimension."""
    return (s.minutes, int(s.night), k)[dim]


def _spread(problem: Problem, m: _Counts,
            base: Mapping[int, Vec]) -> tuple[list[pulp.LpConstraint], pulp.LpConstraint]:
    """Add the team's ranges and the weighted spread to minimise; return the rows that cap each
    range and the spread (open until a proof closes them)."""
    codes, mine = {s.code: s for s in problem.shifts}, _by_person(m)
    high = [m.lp.add_variable(f"H{i}", cat="Integer") for i in range(3)]
    low = [m.lp.add_variable(f"L{i}", cat="Integer") for i in range(3)]
    for p in problem.people:
        for i in range(3):
            expr = pulp.LpAffineExpression([(v, _load(codes[key[1]], key[2], i))
                                            for key, v in mine[p.id]]) + base[p.id][i]
            m.lp += expr <= high[i]
            m.lp += expr >= low[i]
    # the known floors are not added as rows: they weaken HiGHS's cuts more than they help
    spread = pulp.lpSum(w / SCALE * (high[i] - low[i]) for i, w in enumerate(WEIGHTS))
    m.lp += spread
    caps = [high[i] - low[i] <= OPEN for i in range(3)]
    total = spread <= OPEN
    for row in (*caps, total):
        m.lp += row
    return caps, total


def _windows(problem: Problem, m: _Counts, base: Mapping[int, Vec]) -> tuple[Vec, Vec]:
    """Return the solved relaxation's window starts and widths per dimension."""
    codes, mine = {s.code: s for s in problem.shifts}, _by_person(m)
    loads = [[base[p.id][i] + sum(_load(codes[key[1]], key[2], i) * round(v.varValue or 0)
                                  for key, v in mine[p.id]) for p in problem.people]
             for i in range(3)]
    lows = (min(loads[0]), min(loads[1]), min(loads[2]))
    return lows, (max(loads[0]) - lows[0], max(loads[1]) - lows[1], max(loads[2]) - lows[2])


def _level(problem: Problem, m: _Counts, base: Mapping[int, Vec],
           seconds: float) -> tuple[Vec, Vec]:
    """Level the solved relaxation's counts by single moves (improve.level); return the
    windows they give."""
    n: dict[int, dict[Unit, int]] = {p.id: {} for p in problem.people}
    span: dict[tuple[int, Unit], tuple[int, int]] = {}
    for (pid, code, k), v in m.n.items():
        n[pid][(code, k)] = round(v.varValue or 0)
        span[(pid, (code, k))] = (int(v.lowBound or 0), int(v.upBound or 0))
    pools: dict[str, list[int]] = defaultdict(list)
    for p in problem.people:
        pools[pool_key(problem, p)].append(p.id)
    adds = {(s.code, k): (_load(s, k, 0), _load(s, k, 1), _load(s, k, 2))
            for s in problem.shifts for k in (0, 1)}
    caps = {p.id: _caps(problem, p.id) for p in problem.people}
    out = level(Counts(n, span, caps, list(pools.values()), adds, base), seconds)
    loads = [[base[pid][i] + sum(c * adds[u][i] for u, c in units.items())
              for pid, units in out.items()] for i in range(3)]
    lows = (min(loads[0]), min(loads[1]), min(loads[2]))
    return lows, (max(loads[0]) - lows[0], max(loads[1]) - lows[1], max(loads[2]) - lows[2])


def _close(hs: Resolver, caps: list[pulp.LpConstraint], total: pulp.LpConstraint,
           floor: list[int], below: int) -> None:
    """Cap the spread below `below` (minutes), and each range by what the others' floors leave."""
    for i, row in enumerate(caps):
        others = sum(w * f for j, (w, f) in enumerate(zip(WEIGHTS, floor, strict=True)) if j != i)
        row.constant = -((below - others) // WEIGHTS[i])
        hs.bounds(row)
    total.constant = -(below / SCALE)
    hs.bounds(total)


def target(problem: Problem, floor: Mapping[str, int], grain: int, *, seconds: float,
           stall: float | None = None) -> Target:
    """Solve the relaxation for the least weighted spread within `seconds` (less if proven, or
    once its best has not improved for `stall` seconds), then try to prove its best.

    `floor` holds lower bounds of each range that are known already; `grain` is the step of
    the weighted spread, so the solve may stop once its bound is within one step. The proof
    asks for anything one step better, with each range capped by what the other ranges'
    floors leave: HiGHS shows that empty far sooner than it closes the gap by branching.
    """
    start, m = perf_counter(), _counts(problem)
    _rows(problem, m)
    base = bases(problem)
    caps, total = _spread(problem, m, base)
    hs = Resolver(m.lp)
    hs.options(mip_rel_gap=0.0, mip_abs_gap=0.999 * grain / SCALE)
    hs.stall = stall
    status = hs.solve(seconds)
    lowest = [floor[k] for k in DIMS]
    bound = sum(w * f for w, f in zip(WEIGHTS, lowest, strict=True))
    if isfinite(hs.dual_bound()):
        bound = max(bound, grain * ceil(hs.dual_bound() * SCALE / grain - 1e-6))
    if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return Target(None, None, bound)
    lows, widths = _windows(problem, m, base)
    best = sum(w * x for w, x in zip(WEIGHTS, widths, strict=True))
    plain = None
    if best > bound:
        leveled = _level(problem, m, base, LEVEL)
        if (found := sum(w * x for w, x in zip(WEIGHTS, leveled[1], strict=True))) < best:
            # narrower windows may not hold where HiGHS's did (rest rules couple days): keep both
            plain, (lows, widths), best = (lows, widths), leveled, found
    spent = perf_counter() - start
    left = min(seconds - spent, max(PROOF_LEAST, spent / 2))  # a proof comes quickly or not
    # a wide gap means a weak bound or a poor best: the proof would run out its time
    if bound < best and best - bound <= PROVABLE * best and left >= PROOF_LEAST:
        _close(hs, caps, total, lowest, best - grain)
        hs.stall = None
        proof = hs.solve(left)
        if proof == pulp.LpSolutionInfeasible:
            bound = best
        elif proof in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            lows, widths = _windows(problem, m, base)  # a better one turned up
            best, plain = sum(w * x for w, x in zip(WEIGHTS, widths, strict=True)), None
    return Target(lows, widths, min(bound, best), plain)
