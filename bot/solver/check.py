"""An independent rule checker: plain loops over days and people, no solver.

Used by the tests on every roster and suggestion, and by the bot to validate a swap before
applying it. `person_violations` takes an optional focus (indices into the person's days,
`before` first) so a swap can be checked around the days it changes with the same rules.
A need with a weight for being short (`under`) is no rule: its shortfall is a gap, and it
costs, as wishes not honoured and staff above a need's minimum do (`gaps`, `cost`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from bot.solver.check_limits import limit_violations
from bot.solver.problem import Cells, Load, Need, Problem, Violation, Wish
from bot.solver.rules import (
    before_of,
    ext_dates,
    months,
    night_codes,
    rest_needed,
    shift_map,
    week_of,
    window_limits,
)

Seq = list[str | None]


def violations(problem: Problem, cells: Cells) -> list[Violation]:
    """Return every hard rule the roster breaks."""
    out = coverage_violations(problem, cells, problem.needs)
    for person in problem.people:
        out.extend(person_violations(problem, person.id, sequence(problem, cells, person.id)))
    return out


def sequence(problem: Problem, cells: Cells, person: int) -> Seq:
    """Return the person's `before` days followed by the horizon's cells."""
    return list(before_of(problem, person)) + [cells.get((person, d)) for d in problem.days]


def covered(problem: Problem, cells: Cells, need: Need) -> int:
    """Count the people of the need's group who work its shift on its day."""
    return sum(1 for p in problem.people
               if cells.get((p.id, need.day)) == need.shift and need.group in ("", p.group))


def coverage_violations(problem: Problem, cells: Cells, needs: Iterable[Need]) -> list[Violation]:
    """Check coverage minimums and maximums of the given needs."""
    out = []
    for need in needs:
        n = covered(problem, cells, need)
        if n < need.min and need.under is None:
            out.append(Violation("coverage_min", need.day, None, need.shift, need.group,
                                 f"{n} < {need.min}", need.min - n, need=need.min, have=n))
        elif n > need.max:
            out.append(Violation("coverage_max", need.day, None, need.shift, need.group,
                                 f"{n} > {need.max}", n - need.max, need=need.max, have=n))
    return out


def person_violations(problem: Problem, person: int, seq: Seq,
                      focus: Collection[int] | None = None) -> list[Violation]:
    """Check one person's rules over their days, or only those touching `focus`."""
    nb, dates = len(before_of(problem, person)), ext_dates(problem, person)
    idx = range(len(seq)) if focus is None else sorted(focus)
    out = _cell_rules(problem, person, seq, dates, [i for i in idx if i >= nb])
    out += _night_rule(problem, person, seq, dates, nb, idx)
    out += _window_rules(problem, person, seq, dates, nb, focus)
    out += _week_rule(problem, person, seq, dates, {week_of(dates[i]) for i in idx if i >= nb})
    out += _month_rule(problem, person, seq, nb, {(dates[i].year, dates[i].month) for i in idx})
    out += limit_violations(problem, person, seq, nb, dates, focus)
    return out


def gaps(problem: Problem, cells: Cells) -> list[Violation]:
    """Return the soft needs (those with an `under` weight) left short of their minimum."""
    out = []
    for need in problem.needs:
        n = covered(problem, cells, need)
        if need.under is not None and n < need.min:
            out.append(Violation("coverage_min", need.day, None, need.shift, need.group,
                                 f"{n} < {need.min}", need.min - n, need=need.min, have=n))
    return out


def honoured(wish: Wish, cells: Cells) -> bool:
    """True if the roster grants the wish."""
    code = cells.get((wish.person, wish.day))
    if wish.shift is None:
        return code is None
    return (code != wish.shift) if wish.avoid else (code == wish.shift)


def cost(problem: Problem, cells: Cells) -> int:
    """Return Σ weights of wishes not honoured, soft shortfalls and staff above minimums."""
    total = sum(w.weight for w in problem.wishes if not honoured(w, cells))
    for need in problem.needs:
        n = covered(problem, cells, need)
        if need.under is not None:
            total += need.under * max(0, need.min - n)
        total += need.over * max(0, n - need.min)
    return total


def _cell_rules(problem: Problem, person: int, seq: Seq, dates: list[date],
                idx: Iterable[int]) -> list[Violation]:
    """Unknown codes, work on leave, and fixed cells changed."""
    codes, out = shift_map(problem), []
    for i in idx:
        day, code = dates[i], seq[i]
        if code is not None and code not in codes:
            out.append(Violation("unknown_shift", day, person, code))
        if code is not None and (person, day) in problem.off:
            out.append(Violation("leave", day, person, code))
        if (person, day) in problem.fixed and problem.fixed[(person, day)] != code:
            out.append(Violation("fixed", day, person, code,
                                 detail=f"fixed {problem.fixed[(person, day)]}"))
    return out


def _night_rule(problem: Problem, person: int, seq: Seq, dates: list[date], nb: int,
                idx: Iterable[int]) -> list[Violation]:
    """No non-night shift the day after a night shift."""
    if not problem.rules.no_day_after_night:
        return []
    nights, out = night_codes(problem), []
    for j in sorted({k for i in idx for k in (i, i + 1) if nb <= k < len(seq) and k >= 1}):
        if seq[j - 1] in nights and seq[j] is not None and seq[j] not in nights:
            out.append(Violation("day_after_night", dates[j], person, seq[j],
                                 detail=f"after {seq[j - 1]}"))
    return out


def _window_rules(problem: Problem, person: int, seq: Seq, dates: list[date], nb: int,
                  focus: Collection[int] | None) -> list[Violation]:
    """Most working days in every sliding window that reaches into the horizon."""
    out = []
    for length, most, rule in window_limits(problem, person):
        for end in range(max(length, nb + 1), len(seq) + 1):  # end is exclusive
            if focus is not None and not any(end - length <= i < end for i in focus):
                continue
            worked = sum(1 for c in seq[end - length:end] if c is not None)
            if worked > most:
                out.append(Violation(rule, dates[end - 1], person,
                                     detail=f"{worked} of {length} days", excess=worked - most,
                                     need=most, have=worked, span=length))
    return out


def _week_rule(problem: Problem, person: int, seq: Seq, dates: list[date],
               weeks: set[tuple[int, int]]) -> list[Violation]:
    """At most so many working days per ISO week, `before` days of the week included."""
    cap, out = problem.rules.working_days_per_week, []
    if cap is None:
        return []
    for week in sorted(weeks):
        worked = [d for d, c in zip(dates, seq, strict=True) if c and week_of(d) == week]
        if len(worked) > cap:
            out.append(Violation("working_days_per_week", worked[-1], person,
                                 detail=f"{len(worked)} days in week {week[1]}",
                                 excess=len(worked) - cap, need=cap, have=len(worked),
                                 week=week[1]))
    return out


def _month_rule(problem: Problem, person: int, seq: Seq, nb: int,
                wanted: set[tuple[int, int]]) -> list[Violation]:
    """At least the prorated rest days in each month's part of the horizon."""
    if problem.rules.rest_days_per_month is None:
        return []
    out, by_month = [], months(problem)
    for month in sorted(wanted & by_month.keys()):
        days = by_month[month]
        first = problem.days.index(days[0]) + nb
        rest = sum(1 for c in seq[first:first + len(days)] if c is None)
        need = rest_needed(problem, month, len(days))
        if rest < need:
            out.append(Violation("rest_days_per_month", days[-1], person,
                                 detail=f"{rest} < {need} rest days", excess=need - rest,
                                 need=need, have=rest))
    return out


def loads(problem: Problem, cells: Cells) -> tuple[Load, ...]:
    """Return each person's minutes, nights and weekend shifts, history included."""
    codes, out = shift_map(problem), []
    for p in problem.people:
        worked = [(d, codes[c]) for d in problem.days
                  if (c := cells.get((p.id, d))) is not None and c in codes]
        out.append(Load(p.id, p.history.minutes + sum(s.minutes for _, s in worked),
                        p.history.nights + sum(1 for _, s in worked if s.night),
                        p.history.weekends + sum(1 for d, _ in worked if d in problem.weekend),
                        p.swap_balance))
    return tuple(out)


def ranges(all_loads: Iterable[Load]) -> dict[str, int]:
    """Return max − min of minutes, nights and weekends over people."""
    ls = list(all_loads)
    if not ls:
        return {"minutes": 0, "nights": 0, "weekends": 0}
    return {k: max(getattr(x, k) for x in ls) - min(getattr(x, k) for x in ls)
            for k in ("minutes", "nights", "weekends")}
