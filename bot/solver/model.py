"""The hard-rule MILP shared by roster generation, repair and the infeasibility explanation.

x[p, d, s] is 1 when person p works shift s on day d. Cells on leave or fixed are constants,
not variables, so a repair that fixes all but one week stays small. With `elastic`, every
coverage minimum and rule row gets a penalised slack, and `slacks` says what each one means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pulp  # type: ignore[import-untyped]

from bot.solver.problem import Problem, Violation
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

Terms = list[tuple[object, int]]
Weighted = list[tuple[object, float]]
COVER_SLACK, RULE_SLACK = 3, 1  # explanation: a rule bent is cheaper than a shift unmanned


@dataclass
class Model:
    """The PuLP problem, its variables, constant cells and (elastic) slack meanings."""

    lp: pulp.LpProblem
    x: dict[tuple[int, date, str], pulp.LpVariable] = field(default_factory=dict)
    const: dict[tuple[int, date], str | None] = field(default_factory=dict)
    elastic: bool = False
    staff_to_min: bool = True  # cap coverage at the minimum (generation), or at the maximum
    slacks: list[tuple[pulp.LpVariable, Violation]] = field(default_factory=list)
    penalty: Weighted = field(default_factory=list)
    broken: list[Violation] = field(default_factory=list)  # rows violated by constants alone
    rows: dict[tuple[int, date], list[tuple[str, pulp.LpVariable]]] = field(default_factory=dict)


def add_row(m: Model, terms: Terms, const: int, most: int | None, least: int | None,
            why: Violation) -> None:
    """Add least ≤ Σ terms + const ≤ most, slackened when elastic, checked when constant."""
    if not terms:
        if (most is not None and const > most) or (least is not None and const < least):
            m.broken.append(why)
        return
    expr = pulp.LpAffineExpression(terms)
    weight = COVER_SLACK if why.rule == "coverage_min" else RULE_SLACK
    if m.elastic:
        slack = m.lp.add_variable(f"s{len(m.slacks)}", lowBound=0, cat="Integer")
        m.slacks.append((slack, why))
        m.penalty.append((slack, weight))
        expr = expr + (slack if least is not None else -slack)
    if most is not None:
        m.lp += expr <= most - const
    if least is not None:
        m.lp += expr >= least - const


def person_terms(m: Model, p: int, d: date, codes: frozenset[str] | None) -> tuple[Terms, int]:
    """Return (variables, constant) for 'p works one of codes on d' (None: any shift)."""
    if (p, d) in m.const:
        c = m.const[(p, d)]
        return [], int(c is not None and (codes is None or c in codes))
    return [(v, 1) for s, v in m.rows.get((p, d), ()) if codes is None or s in codes], 0


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
    for n in problem.needs:
        terms: Terms = []
        const = 0
        for p in problem.people:
            if n.group in ("", p.group):
                t, c = person_terms(m, p.id, n.day, frozenset({n.shift}))
                terms += t
                const += c
        why = Violation("coverage_min", n.day, None, n.shift, n.group, f"needs {n.min}",
                        need=n.min)
        add_row(m, terms, const, None, n.min, why)
        # staff to the minimum (or what fixed cells force): fairness is not bought with extras
        most = min(n.max, max(n.min, const)) if m.staff_to_min and not m.elastic else n.max
        add_row(m, terms, const, most, None,
                Violation("coverage_max", n.day, None, n.shift, n.group, f"at most {most}",
                          need=most))


def _person_rules(problem: Problem, m: Model, p: int) -> None:
    """Night rest, sliding windows, weekly and monthly caps for one person."""
    before, dates = before_of(problem, p), ext_dates(problem, p)
    nb = len(before)
    works: list[tuple[Terms, int]] = [([], int(c is not None)) for c in before] + [
        person_terms(m, p, d, None) for d in problem.days]
    if problem.rules.no_day_after_night:
        _night_rest(problem, m, p, nb, dates)
    for length, most, rule in window_limits(problem):
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
