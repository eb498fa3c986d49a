"""Fair shares: demand per pool, leave credit, capacities, target windows and lower bounds.

A pool is a coverage group (or the whole team when every need is for group ""): its people
share its demand. Leave credit: a working day that leave takes away (beyond the days the
weekly cap leaves off anyway) counts as an average shift of the pool, so a person on leave
for k days has a fair share reduced by k average shifts. Fairness loads are history + leave
credit + horizon; `Solution.ranges` and `lower_bounds` are over them (equal to the plain
loads of `check.loads` when nobody is on leave). The one fairness figure generation
minimises is their weighted spread: the minutes range plus 480 per night and per weekend
shift of range (a night or a weekend shift weighs eight hours, as in the CP-SAT reference).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from math import gcd

from bot.solver.problem import Cells, Person, Problem
from bot.solver.rules import Week, before_of, ext_dates, rest_needed, shift_map, week_of

DIMS = ("minutes", "nights", "weekends")
WEIGHTS = (1, 480, 480)  # the weighted spread: a minute 1, a night or weekend shift 8 hours
Vec = tuple[int, int, int]


@dataclass(frozen=True)
class Pool:
    """People who share a demand, and that demand per dimension (low, high with flex)."""

    people: tuple[int, ...]
    low: Vec
    high: Vec
    shifts: int  # shifts demanded of the pool


def required(problem: Problem) -> dict[tuple[object, str, str], int]:
    """Return the people each (day, shift, group) needs; "" holds only the flexible rest."""
    own: dict[tuple[object, str, str], int] = defaultdict(int)
    for n in problem.needs:
        own[(n.day, n.shift, n.group)] = max(own[(n.day, n.shift, n.group)], n.min)
    for (day, shift, group), m in list(own.items()):
        if group == "":
            grouped = sum(v for (d, s, g), v in own.items() if d == day and s == shift and g)
            own[(day, shift, group)] = max(0, m - grouped)
    return dict(own)


def pool_key(problem: Problem, person: Person) -> str:
    """Return the pool a person belongs to."""
    return person.group if any(n.group for n in problem.needs) else ""


def pools(problem: Problem) -> dict[str, Pool]:
    """Split the team into pools with their demand."""
    codes, req = shift_map(problem), required(problem)
    members: dict[str, list[int]] = defaultdict(list)
    for p in problem.people:
        members[pool_key(problem, p)].append(p.id)
    flex = [0, 0, 0]
    own: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (day, code, group), m in req.items():
        s = codes.get(code)
        if s is None:
            continue
        vec = [m * s.minutes, m * s.night, m * (day in problem.weekend), m]
        target = flex if group == "" and "" not in members else own[group]
        for i in range(len(target)):
            target[i] += vec[i]
    return {k: Pool(tuple(v), (own[k][0], own[k][1], own[k][2]),
                    (own[k][0] + flex[0], own[k][1] + flex[1], own[k][2] + flex[2]), own[k][3])
            for k, v in members.items()}


@lru_cache(maxsize=16)
def _spans(days: tuple[date, ...]) -> tuple[list[tuple[Week, frozenset[date]]],
                                            list[tuple[tuple[int, int], frozenset[date]]]]:
    """Return the horizon's ISO weeks and calendar months as day sets (asked per person)."""
    by_week: dict[Week, set[date]] = defaultdict(set)
    by_month: dict[tuple[int, int], set[date]] = defaultdict(set)
    for d in days:
        by_week[week_of(d)].add(d)
        by_month[(d.year, d.month)].add(d)
    return ([(w, frozenset(ds)) for w, ds in by_week.items()],
            [(m, frozenset(ds)) for m, ds in by_month.items()])


def max_days(problem: Problem, person: int, *, leave: bool = True) -> int:
    """Return the most days a person can work in the horizon under the caps (a relaxation)."""
    off = problem.off if leave else frozenset()
    cap = problem.rules.working_days_per_week
    free = {d for d in problem.days if (person, d) not in off
            and not (leave and (person, d) in problem.fixed and problem.fixed[(person, d)] is None)}
    in_weeks, in_months = _spans(problem.days)
    before = before_of(problem, person)
    worked = Counter(week_of(d) for d, c in zip(ext_dates(problem, person), before,
                                                strict=False) if c is not None)
    by_week = sum(len(free & ds) if cap is None else
                  min(len(free & ds), max(0, cap - worked[w])) for w, ds in in_weeks)
    by_month = sum(min(len(free & ds), len(ds) - rest_needed(problem, m, len(ds)))
                   for m, ds in in_months)
    return min(by_week, by_month)


def capacity(problem: Problem, person: int) -> Vec:
    """Return the most minutes, nights and weekend shifts a person can add in the horizon."""
    days = max_days(problem, person)
    longest = max((s.minutes for s in problem.shifts), default=0)
    weekend = sum(1 for d in problem.days
                  if d in problem.weekend and (person, d) not in problem.off)
    nights = days if any(s.night for s in problem.shifts) else 0
    return days * longest, nights, min(days, weekend)


def bases(problem: Problem) -> dict[int, Vec]:
    """Return history plus leave credit per person."""
    out = {}
    by_id = {p.id: p for p in problem.people}
    for pool in pools(problem).values():
        for pid in pool.people:
            lost = max_days(problem, pid, leave=False) - max_days(problem, pid)
            h = by_id[pid].history
            credit = [(lost * t + pool.shifts // 2) // pool.shifts if pool.shifts else 0
                      for t in pool.low]
            out[pid] = (h.minutes + credit[0], h.nights + credit[1], h.weekends + credit[2])
    return out


def fair_loads(problem: Problem, cells: Cells) -> dict[int, Vec]:
    """Return each person's fairness load: history + leave credit + horizon."""
    codes, b = shift_map(problem), bases(problem)
    out = {}
    for p in problem.people:
        m, n, w = b[p.id]
        for d in problem.days:
            s = codes.get(cells.get((p.id, d)) or "")
            if s is not None:
                m, n, w = m + s.minutes, n + s.night, w + (d in problem.weekend)
        out[p.id] = (m, n, w)
    return out


def fair_ranges(problem: Problem, cells: Cells) -> dict[str, int]:
    """Return max − min of the fairness loads per dimension."""
    fl = list(fair_loads(problem, cells).values())
    return {k: (max(v[i] for v in fl) - min(v[i] for v in fl)) if fl else 0
            for i, k in enumerate(DIMS)}


def unit(problem: Problem, dim: int) -> int:
    """Return the step a person's load moves in: gcd of shift minutes, or 1 for counts."""
    if dim:
        return 1
    return gcd(*(s.minutes for s in problem.shifts)) or 1


def spread(ranges: Mapping[str, int]) -> int:
    """Return the weighted spread of the ranges: the fairness figure generation minimises."""
    return sum(w * ranges[k] for w, k in zip(WEIGHTS, DIMS, strict=True))


def grain(problem: Problem) -> int:
    """Return the step the weighted spread moves in, so a bound within a step proves it."""
    base, step = list(bases(problem).values()), 0
    for i, w in enumerate(WEIGHTS):
        dim = unit(problem, i)
        for b in base:
            dim = gcd(dim, b[i] - base[0][i])
        step = gcd(step, w * dim)
    return step or 1
