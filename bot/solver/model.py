"""The hard-rule MILP shared by roster generation, repair and the infeasibility explanation.

x[p, d, s] is 1 when person p works shift s on day d. Cells on leave or fixed are constants,
not variables, so a repair that fixes all but one week stays small. With `elastic`, every
coverage minimum and rule row gets a penalised slack, and `slacks` says what each one means.
A need with an `under` weight has no hard minimum: its shortfall is a variable that costs
(`costs`), as staff above a need's minimum does when it has an `over` weight.
"""

from __future__ import annotations

from datetime import date

import pulp  # type: ignore[import-untyped]

from bot.solver.limit_rows import limit_rows
from bot.solver.problem import Need, Problem, Violation
from bot.solver.rows import (
    COVER_SLACK,
    RULE_SLACK,
    Model,
    Terms,
    Weighted,
    add_row,
    one,
    person_terms,
)
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

__all__ = ["COVER_SLACK", "RULE_SLACK", "Model", "Terms", "Weighted", "add_row", "build",
           "cells_of", "costs", "need_terms", "person_terms"]


def build(problem: Problem, *, elastic: bool = False, staff_to_min: bool = True) -> Model:
    """Create variables and every hard rule as rows."""
    m = Model(pulp.LpProblem("roster", pulp.LpMinimize), elastic=elastic,
              staff_to_min=staff_to_min)
    _variables(problem, m)
    _coverage(problem, m)
    for person in problem.people:
        _person_rules(problem, m, person.id)
    return m


def _variables(problem: Problem, m: Model) -> None:
    """One binary per free cell and shift its group can cover; leave and fixed are constants."""
    wanted = {(n.day, n.shift, n.group) for n in problem.needs if n.max > 0}
    rows = m.rows
    for p in problem.people:
        for d in problem.days:
            if (p.id, d) in problem.off:
                m.const[(p.id, d)] = None
            elif (p.id, d) in problem.fixed:
                m.const[(p.id, d)] = problem.fixed[(p.id, d)]
            else:
                for s in problem.shifts:
                    if (d, s.code, "") in wanted or (d, s.code, p.group) in wanted:
                        v = m.lp.add_variable(f"x{p.id}_{d:%m%d}_{len(m.x)}", cat="Binary")
                        m.x[(p.id, d, s.code)] = v
                        rows.setdefault((p.id, d), []).append((s.code, v))
                if (p.id, d) in rows:
                    m.lp += pulp.LpAffineExpression([(v, 1) for _, v in rows[(p.id, d)]]) <= 1
                else:
                    m.const[(p.id, d)] = None


def _coverage(problem: Problem, m: Model) -> None:
    """Each need's group count between its minimum and maximum."""
    for i, n in enumerate(problem.needs):
        terms, const = need_terms(problem, m, n)
        short = None
        if n.under is None:
            why = Violation("coverage_min", n.day, None, n.shift, n.group, f"needs {n.min}",
                            need=n.min)
            add_row(m, terms, const, None, n.min, why)
        else:
            short = _short(m, i, n, terms, const)
        # staff hard needs to the minimum (or what fixed cells force): fairness is not bought
        # with extras; a need that weighs staff short or above its minimum is its own judge
        cap = m.staff_to_min and not m.elastic and n.under is None and n.over == 0
        most = min(n.max, max(n.min, const)) if cap else n.max
        add_row(m, terms, const, most, None,
                Violation("coverage_max", n.day, None, n.shift, n.group, f"at most {most}",
                          need=most))
        if n.over:
            _excess(m, i, n, terms, const, short)


def need_terms(problem: Problem, m: Model, n: Need) -> tuple[Terms, int]:
    """Return (variables, constant) for 'how many of the need's group work its shift'."""
    terms: Terms = []
    const = 0
    for p in problem.people:
        if n.group in ("", p.group):
            t, c = person_terms(m, p.id, n.day, frozenset({n.shift}))
            terms += t
            const += c
    return terms, const


def _short(m: Model, i: int, n: Need, terms: Terms, const: int) -> pulp.LpVariable | None:
    """Let a soft need fall short of its minimum at `under` per person."""
    if not terms:
        m.soft_const += (n.under or 0) * max(0, n.min - const)
        return None
    short = m.lp.add_variable(f"u{i}", lowBound=0, upBound=max(0, n.min - const))
    m.lp += pulp.LpAffineExpression(terms) + short >= n.min - const
    m.soft.append((short, n.under or 0))
    return short


def _excess(m: Model, i: int, n: Need, terms: Terms, const: int,
            short: pulp.LpVariable | None) -> None:
    """Charge `over` per person above the minimum: excess − short = count − min exactly
    where the minimum holds, so the objective is the roster's cost at any solution."""
    if not terms:
        m.soft_const += n.over * max(0, const - n.min)
        return
    excess = m.lp.add_variable(f"o{i}", lowBound=0)
    expr = pulp.LpAffineExpression(terms) - excess + (0 if short is None else short)
    if m.elastic and n.under is None:
        m.lp += expr <= n.min - const  # the minimum may bend: the count may sit below it
    else:
        m.lp += expr == n.min - const
    m.soft.append((excess, n.over))


def _person_rules(problem: Problem, m: Model, p: int) -> None:
    """Night rest, sliding windows, weekly and monthly caps for one person."""
    before, dates = before_of(problem, p), ext_dates(problem, p)
    nb = len(before)
    works: list[tuple[Terms, int]] = [([], int(c is not None)) for c in before] + [
        person_terms(m, p, d, None) for d in problem.days]
    if problem.rules.no_day_after_night:
        _night_rest(problem, m, p, nb, dates)
    for length, most, rule in window_limits(problem, p):
        for end in range(max(length, nb + 1), len(works) + 1):
            _sum_row(m, works[end - length:end], most,
                     Violation(rule, dates[end - 1], p, need=most, span=length))
    cap = problem.rules.working_days_per_week
    if cap is not None:
        for week in sorted({week_of(d) for d in problem.days}):
            _sum_row(m, [w for w, d in zip(works, dates, strict=True) if week_of(d) == week],
                     cap, Violation("working_days_per_week", None, p, detail=f"week {week[1]}",
                                    need=cap, week=week[1]))
    for month, ds in months(problem).items():
        rest = rest_needed(problem, month, len(ds))
        _sum_row(m, works[nb + problem.days.index(ds[0]):][:len(ds)], len(ds) - rest,
                 Violation("rest_days_per_month", ds[-1], p, need=rest))
    limit_rows(problem, m, p, works, dates, before)


def _sum_row(m: Model, parts: list[tuple[Terms, int]], most: int, why: Violation) -> None:
    """Add Σ parts ≤ most."""
    terms = [t for ts, _ in parts for t in ts]
    add_row(m, terms, sum(c for _, c in parts), most, None, why)


def _night_rest(problem: Problem, m: Model, p: int, nb: int, dates: list[date]) -> None:
    """A night shift on one day and a non-night shift the next do not go together."""
    nights = night_codes(problem)
    days_ = frozenset(shift_map(problem)) - nights
    before = before_of(problem, p)
    for i in range(max(1, nb), len(dates)):
        if i - 1 < nb:
            prev: tuple[Terms, int] = ([], int(before[i - 1] in nights))
        else:
            prev = person_terms(m, p, dates[i - 1], nights)
        cur = person_terms(m, p, dates[i], days_)
        add_row(m, prev[0] + cur[0], prev[1] + cur[1], 1, None,
                Violation("day_after_night", dates[i], p))


def cells_of(problem: Problem, m: Model) -> dict[tuple[int, date], str | None]:
    """Read the roster from a solved model (call only when it has a solution)."""
    out: dict[tuple[int, date], str | None] = dict(m.const)
    for p in problem.people:
        for d in problem.days:
            out.setdefault((p.id, d), None)
    for (pid, d, s), v in m.x.items():
        if (v.varValue or 0) > 0.5:
            out[(pid, d)] = s
    return out


def costs(problem: Problem, m: Model) -> Weighted:
    """Return the objective terms of wishes and soft coverage: their value is the roster's
    check.cost exactly (the constant part rides on a variable fixed at 1)."""
    terms, const = list(m.soft), m.soft_const
    for w in problem.wishes:
        code = m.const.get((w.person, w.day))
        cells = m.rows.get((w.person, w.day), [])
        if not cells:
            const += w.weight * (code != w.shift if w.shift is None or not w.avoid
                                 else code == w.shift)
        elif w.shift is None:
            terms += [(v, w.weight) for _, v in cells]  # any shift breaks a day-off wish
        elif w.avoid:
            terms += [(v, w.weight) for s, v in cells if s == w.shift]
        else:
            terms += [(v, -w.weight) for s, v in cells if s == w.shift]
            const += w.weight
    if const:
        terms.append((one(m), const))
    return terms
