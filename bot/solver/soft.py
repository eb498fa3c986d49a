"""The MILP for a roster with soft coverage and no fairness, as LNS re-solves it.

model.py's variables and team rules, plus what the richer policy asks of each person (shift
caps, minutes, run lengths, weekends, successions), coverage with weighted shortfall and
excess, and wishes as costs. Blocks that touch the edge of what is known (the first
`before` day, the horizon's last day) are not held to the minimum lengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pulp  # type: ignore[import-untyped]

from bot.solver.model import Model, Terms, _person_rules, _variables, add_row, person_terms
from bot.solver.problem import Cells, Need, Problem, Violation
from bot.solver.rules import before_of, ext_dates, shift_map

Part = tuple[Terms, int]


@dataclass
class Costed:
    """A built model with its objective as terms plus a constant."""

    m: Model
    terms: list[tuple[pulp.LpVariable, float]] = field(default_factory=list)
    constant: float = 0.0


def build(problem: Problem) -> Costed:
    """Create the variables, every hard rule, and the objective of soft coverage and wishes."""
    m = Model(pulp.LpProblem("roster", pulp.LpMinimize), staff_to_min=False)
    _variables(problem, m)
    c = Costed(m)
    _coverage(problem, c)
    for person in problem.people:
        _person_rules(problem, m, person.id)
        _limits(problem, m, person.id)
    _wishes(problem, c)
    m.lp += pulp.LpAffineExpression(c.terms)
    return c


def _covered(problem: Problem, m: Model, n: Need) -> Part:
    terms: Terms = []
    const = 0
    for p in problem.people:
        if n.group in ("", p.group):
            t, k = person_terms(m, p.id, n.day, frozenset({n.shift}))
            terms += t
            const += k
    return terms, const


def _coverage(problem: Problem, c: Costed) -> None:
    """Hard maximum; the minimum hard or paid per person short; extras paid per person."""
    m = c.m
    for i, n in enumerate(problem.needs):
        terms, const = _covered(problem, m, n)
        add_row(m, terms, const, n.max, None,
                Violation("coverage_max", n.day, None, n.shift, n.group, need=n.max))
        if n.under is None:
            add_row(m, terms, const, None, n.min,
                    Violation("coverage_min", n.day, None, n.shift, n.group, need=n.min))
        elif terms:
            short = m.lp.add_variable(f"u{i}", lowBound=0)
            m.lp += pulp.LpAffineExpression(terms) + short >= n.min - const
            c.terms.append((short, n.under))
        else:
            c.constant += n.under * max(0, n.min - const)
        if n.over and terms:
            extra = m.lp.add_variable(f"o{i}", lowBound=0)
            m.lp += pulp.LpAffineExpression(terms) - extra <= n.min - const
            c.terms.append((extra, n.over))
        elif n.over:
            c.constant += n.over * max(0, const - n.min)


def _wishes(problem: Problem, c: Costed) -> None:
    """A wish not granted costs its weight."""
    for w in problem.wishes:
        codes = None if w.shift is None else frozenset({w.shift})
        terms, const = person_terms(c.m, w.person, w.day, codes)
        if w.shift is None or w.avoid:  # paid when (that shift is) worked
            c.terms += [(v, w.weight) for v, _ in terms]
            c.constant += w.weight * const
        else:  # paid when that shift is not worked
            c.terms += [(v, -w.weight) for v, _ in terms]
            c.constant += w.weight * (1 - const)


def _limits(problem: Problem, m: Model, p: int) -> None:
    """One person's caps, minutes, run lengths, weekends and successions."""
    person = next(x for x in problem.people if x.id == p)
    lim, codes = person.limits, shift_map(problem)
    before, dates = before_of(problem, p), ext_dates(problem, p)
    nb = len(before)
    ext: list[dict[str | None, Part]] = []
    for i, d in enumerate(dates):
        if i < nb:
            ext.append({s: ([], int(before[i] == s)) for s in list(codes) + [None]})
        else:
            cells: dict[str | None, Part] = {s: person_terms(m, p, d, frozenset({s}))
                                             for s in codes}
            cells[None] = person_terms(m, p, d, None)
            ext.append(cells)
    works = [e[None] for e in ext]
    horizon = ext[nb:]
    for code, most in lim.max_shifts:
        _row(m, [h[code] for h in horizon if code in h], most, None,
             Violation("max_shifts", None, p, code, need=most))
    minutes = [([(v, codes[s].minutes) for v, _ in h[s][0]], codes[s].minutes * h[s][1])
               for h in horizon for s in codes]
    _row(m, minutes, lim.max_minutes, lim.min_minutes, Violation("max_minutes", None, p))
    if lim.max_consecutive_days is not None:
        k = lim.max_consecutive_days
        for end in range(max(k + 1, nb + 1), len(works) + 1):
            _row(m, works[end - k - 1:end], k, None,
                 Violation("consecutive_days", dates[end - 1], p, need=k))
    _min_runs(m, p, works, dates, nb, lim.min_consecutive_days, 1)
    _min_runs(m, p, works, dates, nb, lim.min_consecutive_days_off, -1)
    _weekends(problem, m, p, works[nb:], lim.max_weekends)
    for i in range(max(1, nb), len(ext)):
        for a, b in problem.rules.successions:
            if a in ext[i - 1] and b in ext[i]:
                _row(m, [ext[i - 1][a], ext[i][b]], 1, None,
                     Violation("succession", dates[i], p, b))


def _row(m: Model, parts: list[Part], most: int | None, least: int | None,
         why: Violation) -> None:
    if (most is None and least is None) or not any(ts for ts, _ in parts):
        return  # rows of constants only are history, not ours to judge
    add_row(m, [t for ts, _ in parts for t in ts], sum(k for _, k in parts), most, least, why)


def _min_runs(m: Model, p: int, works: list[Part], dates: list[date], nb: int,
              k: int | None, sign: int) -> None:
    """A block (of work, sign 1; of rest, sign −1) that starts after day 0 lasts k days or
    reaches the end: starting at i (i−1 differs) implies the same on i+1 … i+k−1."""
    if not k or k < 2:
        return
    for i in range(1, len(works)):
        for j in range(1, k):
            if i + j >= len(works) or i + j < nb:
                continue
            # sign 1: w_i − w_{i−1} − w_{i+j} ≤ 0; sign −1: −w_i + w_{i−1} + w_{i+j} ≤ 1
            parts = [_scale(works[i], sign), _scale(works[i - 1], -sign),
                     _scale(works[i + j], -sign)]
            _row(m, parts, 0 if sign == 1 else 1, None,
                 Violation("min_consecutive_days" if sign == 1 else "min_days_off",
                           dates[i], p, need=k))


def _scale(part: Part, f: int) -> Part:
    return [(v, f * c) for v, c in part[0]], f * part[1]


def _weekends(problem: Problem, m: Model, p: int, works: list[Part], most: int | None) -> None:
    """Weekends (runs of weekend days) with any shift, at most `most`."""
    if most is None:
        return
    groups: list[list[Part]] = []
    prev = -2
    for i, d in enumerate(problem.days):
        if d in problem.weekend:
            if i != prev + 1:
                groups.append([])
            groups[-1].append(works[i])
            prev = i
    flags: list[Part] = []
    for g, days in enumerate(groups):
        if any(k for _, k in days):
            flags.append(([], 1))
        elif any(t for t, _ in days):
            y = m.lp.add_variable(f"w{p}_{g}", lowBound=0, upBound=1)
            for t, _ in days:
                if t:
                    m.lp += pulp.LpAffineExpression(t) <= y
            flags.append(([(y, 1)], 0))
    _row(m, flags, most, None, Violation("max_weekends", None, p, need=most))


def cost(problem: Problem, cells: Cells) -> int:
    """Σ weights of wishes not granted and of coverage short of or above its minimum."""
    total = 0
    for w in problem.wishes:
        c = cells.get((w.person, w.day))
        hit = c is not None if w.shift is None else c == w.shift
        total += w.weight if hit == (w.shift is None or w.avoid) else 0
    for n, have in zip(problem.needs, counts(problem, cells), strict=True):
        total += (n.under or 0) * max(0, n.min - have) + n.over * max(0, have - n.min)
    return total


def counts(problem: Problem, cells: Cells) -> list[int]:
    """How many of each need's group work its shift on its day."""
    group = {p.id: p.group for p in problem.people}
    tally: dict[tuple[object, str, str], int] = {}
    for (pid, d), s in cells.items():
        if s is not None and pid in group:
            for g in {"", group[pid]}:
                tally[(d, s, g)] = tally.get((d, s, g), 0) + 1
    return [tally.get((n.day, n.shift, n.group), 0) for n in problem.needs]


def gaps(problem: Problem, cells: Cells) -> tuple[Violation, ...]:
    """Soft coverage left short of its minimum."""
    return tuple(Violation("coverage_min", n.day, None, n.shift, n.group,
                           f"{have} < {n.min}", n.min - have, need=n.min, have=have)
                 for n, have in zip(problem.needs, counts(problem, cells), strict=True)
                 if n.under is not None and have < n.min)
