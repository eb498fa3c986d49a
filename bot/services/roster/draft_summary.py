"""What a draft tells the lead about itself: the fairness figures, whether every rule was kept
(by the independent checker), how far fairness is from its proven bound, the time, the gaps."""

from __future__ import annotations

from typing import Any

from bot.solver.check import violations
from bot.solver.problem import Problem, Solution, Violation


def _soft(problem: Problem) -> set[tuple[Any, str, str]]:
    return {(n.day, n.shift, n.group) for n in problem.needs if n.under is not None}


def broken(problem: Problem, solution: Solution) -> list[Violation]:
    """The hard rules the solution breaks, by the checker (a soft minimum left short is a
    gap, not a broken rule)."""
    soft = _soft(problem)
    return [v for v in violations(problem, solution.cells)
            if not (v.rule == "coverage_min" and (v.day, v.shift, v.group) in soft)]


def fairer_by(solution: Solution) -> dict[str, int]:
    """How much each fairness range may still shrink: its gap to the proven lower bound
    (a range without a bound is left out: nothing is claimed for it). The bounds hold for
    rosters staffed at the minimums, so a week left short has none to compare with."""
    bounds = {} if solution.gaps else solution.lower_bounds
    return {k: max(0, r - bounds[k]) for k, r in solution.ranges.items() if k in bounds}


def summary(problem: Problem, solution: Solution, *, history_weeks: int) -> dict[str, Any]:
    """The draft's figures as stored with it."""
    # proven: the weighted fairness figure meets its proven bound (the solver's count
    # model), or every range meets its own lower bound
    slack = {} if solution.fairness_proven and not solution.gaps else fairer_by(solution)
    proven = not solution.gaps and bool(solution.ranges) and (
        solution.fairness_proven or (len(slack) == len(solution.ranges)
                                     and not any(slack.values())))
    gaps = [{"day": g.day.isoformat() if g.day else "", "shift": g.shift or "",
             "group": g.group or "", "short": (g.need or 0) - (g.have or 0) or g.excess}
            for g in solution.gaps]
    return {"status": solution.status, "ranges": dict(solution.ranges),
            "lower_bounds": dict(solution.lower_bounds), "wishes_met": solution.wishes_met,
            "wishes": len(problem.wishes),
            "seconds": round(solution.build_seconds + solution.solve_seconds, 2),
            "broken": len(broken(problem, solution)), "proven": proven,
            "unbounded": bool(solution.gaps),
            "fairer_by": {k: v for k, v in slack.items() if v}, "gaps": gaps,
            "history_weeks": history_weeks}
