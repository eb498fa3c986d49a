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

from bot.solver.problem import Problem, RuleName, Shift

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


def window_limits(problem: Problem) -> list[tuple[int, int, RuleName]]:
    """Return (window length, most working days, rule) for the sliding-window rules.

    With the defaults (6 days in a row at most, 1 day off in every 7) both rules are the same
    window; it is kept once, under the stricter limit, so the model has half the rows.
    """
    rules, out = problem.rules, list[tuple[int, int, RuleName]]()
    if rules.max_consecutive_days is not None:
        out.append((rules.max_consecutive_days + 1, rules.max_consecutive_days,
                    "consecutive_days"))
    if rules.min_days_off_per_7 is not None:
        same = [w for w in out if w[0] == 7]
        if same and same[0][1] <= 7 - rules.min_days_off_per_7:
            return out
        out = [w for w in out if w[0] != 7] + [(7, 7 - rules.min_days_off_per_7,
                                                "days_off_per_7")]
    return out
