"""Why a roster cannot be built: a quick availability pre-check, then an elastic solve."""

from __future__ import annotations

import pulp  # type: ignore[import-untyped]

from bot.solver.model import build
from bot.solver.problem import Problem, Violation
from bot.solver.rules import shift_map


def precheck(problem: Problem) -> list[Violation]:
    """Return plain impossibilities: unknown codes, fixed work on leave, too few people."""
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
        free = sum(1 for p in problem.people if n.group in ("", p.group)
                   and (p.id, n.day) not in problem.off
                   and problem.fixed.get((p.id, n.day), n.shift) == n.shift)
        if free < n.min:
            out.append(Violation("coverage_min", n.day, None, n.shift, n.group,
                                 f"needs {n.min}, only {free} available", need=n.min,
                                 have=free))
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
