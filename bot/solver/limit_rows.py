"""MILP rows of the richer rules for one person: successions, run minimums, weekends, paid
minutes and shift counts (a person's own Limits over the team's Rules, as in rules.py).

A minimum run of k days is the standard pattern row: no day off, then j < k days of work,
then a day off (or the reverse for days off), for every such window that closes in the
horizon. Windows that would need a day before the first known one or after the horizon's
last day do not exist, so blocks on those edges are free.
"""

from __future__ import annotations

from datetime import date

import pulp  # type: ignore[import-untyped]

from bot.solver.problem import Problem, RuleName, Violation
from bot.solver.rows import Model, Terms, add_row, person_terms
from bot.solver.rules import barred, limits_of, minute_bounds, run_minimums, weekend_caps

Part = tuple[Terms, int]


def limit_rows(problem: Problem, m: Model, p: int, works: list[Part], dates: list[date],
               before: tuple[str | None, ...]) -> None:
    """Add every richer rule of one person; works[i] is 'p works on dates[i]'."""
    _successions(problem, m, p, dates, before)
    for work, least, rule in run_minimums(problem, p):
        _runs(m, p, works, dates, len(before), work, least, rule)
    _weekends(problem, m, p)
    _minutes(problem, m, p)
    for code, most in limits_of(problem, p).max_shifts:
        parts = [person_terms(m, p, d, frozenset({code})) for d in problem.days]
        add_row(m, [t for ts, _ in parts for t in ts], sum(c for _, c in parts), most, None,
                Violation("max_shifts", problem.days[-1], p, code, need=most))


def _successions(problem: Problem, m: Model, p: int, dates: list[date],
                 before: tuple[str | None, ...]) -> None:
    """A shift and one it bars the next day do not go together."""
    nb = len(before)
    for first, then in sorted(barred(problem).items()):
        for i in range(max(1, nb), len(dates)):
            prev: Part = ([], int(before[i - 1] == first)) if i - 1 < nb else \
                person_terms(m, p, dates[i - 1], frozenset({first}))
            cur = person_terms(m, p, dates[i], then)
            if (prev[0] or prev[1]) and (cur[0] or cur[1]):
                add_row(m, prev[0] + cur[0], prev[1] + cur[1], 1, None,
                        Violation("succession", dates[i], p,
                                  next(iter(then)) if len(then) == 1 else None,
                                  detail=f"after {first}"))


def _neg(part: Part) -> Part:
    return [(v, -c) for v, c in part[0]], -part[1]


def _runs(m: Model, p: int, works: list[Part], dates: list[date], nb: int, work: bool,
          least: int, rule: RuleName) -> None:
    """No block of work (or of days off) of 1 … least − 1 days between two known days."""
    for k in range(1, least):
        for a in range(max(0, nb - k - 1), len(works) - k - 1):
            inner, ends = works[a + 1:a + k + 1], [works[a], works[a + k + 1]]
            if not all(ts or c == (not work) for ts, c in ends) or \
                    not all(ts or c == work for ts, c in inner):
                continue  # a constant cell already rules the pattern out
            parts = inner + [_neg(e) for e in ends] if work else \
                ends + [_neg(e) for e in inner]
            terms = [t for ts, _ in parts for t in ts]
            most = k - 1 if work else 1
            add_row(m, terms, sum(c for _, c in parts), most, None,
                    Violation(rule, dates[a + k], p, need=least, have=k, span=k))


def _weekends(problem: Problem, m: Model, p: int) -> None:
    """At most so many weekends with a shift on Saturday or Sunday."""
    for groups, most, day in weekend_caps(problem, p):
        terms: Terms = []
        const = 0
        for g in groups:
            parts = [person_terms(m, p, d, None) for d in g]
            if any(c for _, c in parts):
                const += 1
            elif sum(1 for ts, _ in parts if ts) == 1:
                terms += next(ts for ts, _ in parts if ts)
            elif any(ts for ts, _ in parts):
                y = m.lp.add_variable(f"w{p}_{g[0]:%y%m%d}", lowBound=0, upBound=1)
                for ts, _ in parts:
                    m.lp += pulp.LpAffineExpression(ts) <= y
                terms.append((y, 1))
        add_row(m, terms, const, most, None, Violation("max_weekends", day, p, need=most))


def _minutes(problem: Problem, m: Model, p: int) -> None:
    """Paid minutes between the person's (or the month's) least and most."""
    minutes = {s.code: s.minutes for s in problem.shifts}
    for days, least, most in minute_bounds(problem, p):
        terms: Terms = [(v, minutes[s]) for d in days for s, v in m.rows.get((p, d), ())]
        const = sum(minutes.get(m.const.get((p, d)) or "", 0) for d in days)
        if most is not None:
            add_row(m, terms, const, most, None, Violation("max_minutes", days[-1], p, need=most))
        if least is not None:
            add_row(m, terms, const, None, least,
                    Violation("min_minutes", days[-1], p, need=least))
