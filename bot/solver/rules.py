"""Shared readings of a problem: shift lookup, a person's days with history, weeks, months.

Partial ISO weeks at the horizon edge: the weekly cap counts the `before` days that fall in
the same ISO week; days outside what is known (past the horizon, or older than `before`)
count as off. The next horizon's `before` then carries the week on, so a week split over two
published rosters is held to the cap as a whole.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta

from bot.solver.problem import Limits, Problem, RuleName, Shift

Week = tuple[int, int]  # ISO year, ISO week


def shift_map(problem: Problem) -> dict[str, Shift]:
    """Index the catalogue by code."""
    return {s.code: s for s in problem.shifts}


def night_codes(problem: Problem) -> frozenset[str]:
    """Return the codes of night shifts."""
    return frozenset(s.code for s in problem.shifts if s.night)


def week_of(day: date) -> Week:
    """Return the ISO week a day belongs to."""
    iso = day.isocalendar()
    return iso[0], iso[1]


def before_of(problem: Problem, person: int) -> tuple[str | None, ...]:
    """Return the known days before the horizon, oldest first."""
    return tuple(problem.before.get(person, ()))


def ext_dates(problem: Problem, person: int) -> list[date]:
    """Return the dates of before + horizon for a person, in order."""
    first, n = problem.days[0], len(before_of(problem, person))
    return [first - timedelta(days=n - i) for i in range(n)] + list(problem.days)


def weeks(problem: Problem) -> dict[Week, list[date]]:
    """Group the horizon days by ISO week."""
    out: dict[Week, list[date]] = defaultdict(list)
    for d in problem.days:
        out[week_of(d)].append(d)
    return dict(out)


def worked_before_in_week(problem: Problem, person: int, week: Week) -> int:
    """Count the `before` days of this ISO week that the person worked."""
    n = len(before_of(problem, person))
    dates = ext_dates(problem, person)[:n]
    return sum(1 for d, c in zip(dates, before_of(problem, person), strict=True)
               if c is not None and week_of(d) == week)


def months(problem: Problem) -> dict[tuple[int, int], list[date]]:
    """Group the horizon days by calendar month."""
    out: dict[tuple[int, int], list[date]] = defaultdict(list)
    for d in problem.days:
        out[(d.year, d.month)].append(d)
    return dict(out)


def rest_needed(problem: Problem, month: tuple[int, int], in_horizon: int) -> int:
    """Return the rest days owed in the horizon's part of a month (rounded half up)."""
    per_month = problem.rules.rest_days_per_month
    if per_month is None:
        return 0
    length = calendar.monthrange(*month)[1]
    return (2 * per_month * in_horizon + length) // (2 * length)


def window_limits(problem: Problem, person: int | None = None
                  ) -> list[tuple[int, int, RuleName]]:
    """Return (window length, most working days, rule) for the sliding-window rules.

    With the defaults (6 days in a row at most, 1 day off in every 7) both rules are the same
    window; it is kept once, under the stricter limit, so the model has half the rows. A
    person's own max_consecutive_days replaces the team's.
    """
    rules, out = problem.rules, list[tuple[int, int, RuleName]]()
    most = rules.max_consecutive_days
    own = NO_LIMITS if person is None else limits_of(problem, person)
    if own.max_consecutive_days is not None:
        most = own.max_consecutive_days
    if most is not None:
        out.append((most + 1, most, "consecutive_days"))
    if rules.min_days_off_per_7 is not None:
        same = [w for w in out if w[0] == 7]
        if same and same[0][1] <= 7 - rules.min_days_off_per_7:
            return out
        out = [w for w in out if w[0] != 7] + [(7, 7 - rules.min_days_off_per_7,
                                                "days_off_per_7")]
    return out


NO_LIMITS = Limits()
_LIMITS: list[tuple[Problem, dict[int, Limits]]] = []  # the last problem's, by person


def limits_of(problem: Problem, person: int) -> Limits:
    """Return a person's own limits (the defaults for someone not in the problem)."""
    cached = _LIMITS[0] if _LIMITS else None
    if cached is None or cached[0] is not problem:  # checks come in runs on one problem
        cached = (problem, {p.id: p.limits for p in problem.people})
        _LIMITS[:] = [cached]
    return cached[1].get(person, NO_LIMITS)


def richer(problem: Problem, person: int) -> bool:
    """True if any of the richer rules applies to the person (the old rules' fast path)."""
    r = problem.rules
    return bool(r.successions) or limits_of(problem, person) != NO_LIMITS or any(
        v is not None for v in (r.min_consecutive_days, r.min_consecutive_days_off,
                                r.max_weekends_per_month, r.min_minutes_per_month,
                                r.max_minutes_per_month))


def prorated(per_month: int, month: tuple[int, int], in_horizon: int, *, up: bool) -> int:
    """Return a monthly amount for the horizon's part of a month: a maximum rounds up and a
    minimum down, so a part month is never held tighter than its share."""
    length = calendar.monthrange(*month)[1]
    whole, rest = divmod(per_month * in_horizon, length)
    return whole + (1 if up and rest else 0)


def run_minimums(problem: Problem, person: int) -> list[tuple[bool, int, RuleName]]:
    """Return (blocks of work?, shortest length, rule) for the minimum run rules."""
    own, rules = limits_of(problem, person), problem.rules
    on = own.min_consecutive_days if own.min_consecutive_days is not None \
        else rules.min_consecutive_days
    off = own.min_consecutive_days_off if own.min_consecutive_days_off is not None \
        else rules.min_consecutive_days_off
    out: list[tuple[bool, int, RuleName]] = []
    if on is not None and on > 1:
        out.append((True, on, "min_consecutive_days"))
    if off is not None and off > 1:
        out.append((False, off, "min_days_off"))
    return out


def barred(problem: Problem) -> dict[str, frozenset[str]]:
    """Return, per shift code, the codes that may not follow it the next day."""
    out: dict[str, set[str]] = defaultdict(set)
    for first, then in problem.rules.successions:
        out[first].add(then)
    return {k: frozenset(v) for k, v in out.items()}


def weekend_groups(problem: Problem) -> list[tuple[date, ...]]:
    """Return the Saturday and Sunday of each ISO week, as far as they lie in the horizon."""
    out: dict[Week, list[date]] = defaultdict(list)
    for d in problem.days:
        if d.weekday() >= 5:
            out[week_of(d)].append(d)
    return [tuple(v) for v in out.values()]


def weekend_caps(problem: Problem, person: int
                 ) -> list[tuple[list[tuple[date, ...]], int, date]]:
    """Return (weekends, most worked, day to name): the person's own horizon limit, or the
    team's per calendar month (a weekend belongs to the month of its first day)."""
    groups, own = weekend_groups(problem), limits_of(problem, person).max_weekends
    if own is not None:
        return [(groups, own, problem.days[-1])] if groups else []
    per = problem.rules.max_weekends_per_month
    if per is None:
        return []
    out = []
    for month, ds in months(problem).items():
        mine = [w for w in groups if (w[0].year, w[0].month) == month]
        if mine:
            out.append((mine, prorated(per, month, len(ds), up=True), ds[-1]))
    return out


def minute_bounds(problem: Problem, person: int
                  ) -> list[tuple[list[date], int | None, int | None]]:
    """Return (days, least, most paid minutes): the person's own horizon limits, and the
    team's per calendar month for whichever of the two the person has no own limit."""
    own, rules = limits_of(problem, person), problem.rules
    out: list[tuple[list[date], int | None, int | None]] = []
    if own.min_minutes is not None or own.max_minutes is not None:
        out.append((list(problem.days), own.min_minutes, own.max_minutes))
    least = rules.min_minutes_per_month if own.min_minutes is None else None
    most = rules.max_minutes_per_month if own.max_minutes is None else None
    if least is not None or most is not None:
        for month, ds in months(problem).items():
            out.append((ds, None if least is None else prorated(least, month, len(ds), up=False),
                        None if most is None else prorated(most, month, len(ds), up=True)))
    return out
