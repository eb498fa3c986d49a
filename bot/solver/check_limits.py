"""The checker's loops for the richer rules: successions, run minimums, weekends, minutes and
shift counts. Plain loops over one person's days (`before` first), no solver.

`focus` (indices into the days) limits the report to breaches a change there can touch, as
in check.person_violations.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from bot.solver.problem import Problem, Violation
from bot.solver.rules import (
    barred,
    limits_of,
    minute_bounds,
    richer,
    run_minimums,
    shift_map,
    weekend_caps,
)

Seq = list[str | None]


def limit_violations(problem: Problem, person: int, seq: Seq, nb: int, dates: list[date],
                     focus: Collection[int] | None) -> list[Violation]:
    """Return the breaches of the richer rules in one person's days."""
    if not richer(problem, person):
        return []
    idx = range(len(seq)) if focus is None else sorted(focus)
    out = successions(problem, person, seq, nb, dates, idx)
    out += short_runs(problem, person, seq, nb, dates, focus)
    horizon = {i - nb for i in idx if i >= nb}
    if not horizon:
        return out
    touched = {problem.days[i] for i in horizon if i < len(problem.days)}
    out += weekends(problem, person, seq[nb:], touched)
    out += minutes(problem, person, seq[nb:], touched)
    out += shift_counts(problem, person, seq[nb:])
    return out


def successions(problem: Problem, person: int, seq: Seq, nb: int, dates: list[date],
                idx: Collection[int]) -> list[Violation]:
    """No barred shift the day after a shift that bars it (history included)."""
    bars, out = barred(problem), []
    if not bars:
        return []
    for j in sorted({k for i in idx for k in (i, i + 1) if max(nb, 1) <= k < len(seq)}):
        prev, cur = seq[j - 1], seq[j]
        if prev is not None and cur is not None and cur in bars.get(prev, ()):
            out.append(Violation("succession", dates[j], person, cur, detail=f"after {prev}",
                                 excess=1))
    return out


def _blocks(seq: Seq, work: bool) -> list[tuple[int, int]]:
    """Return the maximal runs (first, last index) of work days, or of days off."""
    out, start = [], None
    for i, c in enumerate(seq + [None if work else "x"]):
        if (c is not None) == work:
            start = i if start is None else start
        elif start is not None:
            out.append((start, i - 1))
            start = None
    return out


def short_runs(problem: Problem, person: int, seq: Seq, nb: int, dates: list[date],
               focus: Collection[int] | None) -> list[Violation]:
    """Blocks of work (or of days off) shorter than the minimum, away from the known edges.

    A block that starts on the first known day or ends on the horizon's last day goes on
    outside what is known; a block wholly before the horizon and closed there is history.
    """
    out = []
    for work, least, rule in run_minimums(problem, person):
        for first, last in _blocks(seq, work):
            length = last - first + 1
            if first == 0 or last == len(seq) - 1 or last + 1 < nb or length >= least:
                continue
            if focus is not None and not any(first - 1 <= f <= last + 1 for f in focus):
                continue
            out.append(Violation(rule, dates[last], person, seq[last],
                                 detail=f"{length} < {least} days", excess=least - length,
                                 need=least, have=length, span=length))
    return out


def weekends(problem: Problem, person: int, cells: Seq, touched: set[date]) -> list[Violation]:
    """At most so many weekends with any shift on their Saturday or Sunday."""
    first, out = problem.days[0], []
    for groups, most, day in weekend_caps(problem, person):
        if not touched & {d for g in groups for d in g}:
            continue
        worked = sum(1 for g in groups if any(cells[(d - first).days] is not None for d in g))
        if worked > most:
            out.append(Violation("max_weekends", day, person, detail=f"{worked} weekends",
                                 excess=worked - most, need=most, have=worked))
    return out


def minutes(problem: Problem, person: int, cells: Seq, touched: set[date]) -> list[Violation]:
    """Paid minutes within the person's or the month's least and most."""
    codes, first, out = shift_map(problem), problem.days[0], []
    for days, least, most in minute_bounds(problem, person):
        if not touched & set(days):
            continue
        total = 0
        for d in days:
            code = cells[(d - first).days]
            total += codes[code].minutes if code in codes else 0
        if least is not None and total < least:
            out.append(Violation("min_minutes", days[-1], person, detail=f"{total} minutes",
                                 excess=least - total, need=least, have=total))
        if most is not None and total > most:
            out.append(Violation("max_minutes", days[-1], person, detail=f"{total} minutes",
                                 excess=total - most, need=most, have=total))
    return out


def shift_counts(problem: Problem, person: int, cells: Seq) -> list[Violation]:
    """At most so many of a shift in the horizon (0: never)."""
    out = []
    for code, most in limits_of(problem, person).max_shifts:
        have = sum(1 for c in cells if c == code)
        if have > most:
            out.append(Violation("max_shifts", problem.days[-1], person, code,
                                 detail=f"{have} × {code}", excess=have - most, need=most,
                                 have=have))
    return out
