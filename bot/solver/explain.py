"""Why a roster cannot be built: a quick availability pre-check, then an elastic solve."""

from __future__ import annotations

import pulp  # type: ignore[import-untyped]

from bot.solver.fairness import max_days
from bot.solver.model import build
from bot.solver.problem import Problem, Violation
from bot.solver.rules import limits_of, minute_bounds, shift_map, weekend_caps


def precheck(problem: Problem) -> list[Violation]:
    """Return plain impossibilities: unknown codes, fixed work on leave, too few people, and
    a person's limits that their leave and fixed cells already break."""
    codes, out = shift_map(problem), []
    for (p, d), c in problem.fixed.items():
        if c is not None and c not in codes:
            out.append(Violation("unknown_shift", d, p, c, detail="fixed"))
        if c is not None and (p, d) in problem.off:
            out.append(Violation("leave", d, p, c, detail="fixed work on a leave day"))
    for n in problem.needs:
        if n.shift not in codes:
            out.append(Violation("unknown_shift", n.day, None, n.shift, n.group, "needed"))
            continue
        if n.under is not None:
            continue  # a soft need may fall short
        free = sum(1 for p in problem.people if n.group in ("", p.group)
                   and (p.id, n.day) not in problem.off
                   and problem.fixed.get((p.id, n.day), n.shift) == n.shift)
        if free < n.min:
            out.append(Violation("coverage_min", n.day, None, n.shift, n.group,
                                 f"needs {n.min}, only {free} available", need=n.min,
                                 have=free))
    for person in problem.people:
        out += person_precheck(problem, person.id)
    return out


def person_precheck(problem: Problem, p: int) -> list[Violation]:
    """Limits a person cannot keep whatever the roster: minutes beyond the days they can
    work, or fixed cells already past a maximum."""
    codes, out = shift_map(problem), []
    fixed = {d: c for (q, d), c in problem.fixed.items() if q == p and c in codes}
    longest = max((s.minutes for s in problem.shifts), default=0)
    for days, least, most in minute_bounds(problem, p):
        held = sum(codes[c].minutes for d, c in fixed.items() if d in days)
        reach = max_days(problem, p) * longest if days == list(problem.days) else \
            held + longest * sum(1 for d in days if d not in fixed and (p, d) not in problem.off)
        if least is not None and reach < least:
            out.append(Violation("min_minutes", days[-1], p, detail="more than can be worked",
                                 need=least, have=reach))
        if most is not None and held > most:
            out.append(Violation("max_minutes", days[-1], p, detail="fixed cells", need=most,
                                 have=held))
    for code, most in limits_of(problem, p).max_shifts:
        have = sorted(d for d, c in fixed.items() if c == code)
        if len(have) > most:
            out.append(Violation("max_shifts", have[-1], p, code, detail="fixed cells",
                                 need=most, have=len(have)))
    for groups, most, day in weekend_caps(problem, p):
        have_w = sum(1 for g in groups if any(d in fixed for d in g))
        if have_w > most:
            out.append(Violation("max_weekends", day, p, detail="fixed cells", need=most,
                                 have=have_w))
    return out


def explain(problem: Problem, *, time_limit: float = 10.0) -> list[Violation]:
    """Solve with every rule and minimum slackened; return the ones that had to give."""
    m = build(problem, elastic=True)
    if m.broken:
        return m.broken
    m.lp += pulp.LpAffineExpression(m.penalty)
    m.lp.solve(pulp.HiGHS(msg=False, timeLimit=max(1.0, time_limit)))
    if m.lp.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return [Violation("coverage_min", detail="no explanation found in time")]
    return [why for slack, why in m.slacks if (slack.varValue or 0) > 0.5]
