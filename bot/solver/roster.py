"""Generate a roster: hard rules, the fairest loads the time allows, wishes; and say how fair.

Fairness is the weighted spread of the team's ranges of minutes, nights and weekend shifts
(history and leave credit included; a night or weekend shift weighs eight hours). A min–max
objective over the whole model is too slow, so it is found in two steps. First a relaxation
that only counts shifts (aggregate.py) gives the least spread any roster could have — a
proven bound — and the windows of its best solution. Then every person's loads must fall
inside those windows, as hard rows of the full HiGHS model: a roster that fits is as fair as
the relaxation's best, and proven fairest when that best meets the bound. Those windows get
a short try only: where they do not hold together (rest after nights couples days and
dimensions, as on the four-shift courier catalogue) HiGHS seldom proves it quickly. Then the
relaxation's own best before levelling is tried if the exact windows were proven infeasible,
a ladder widens them a step at a time (half a shift, then a shift on one side, …; a night or
weekend shift above), and the first band that holds gives a roster that trading runs of days
between two people of a group (runs.py) levels within a budget that grows with the team: it
keeps coverage and every rule and ends fairer than HiGHS's polish did. If no band holds, the
windows become penalties only (elastic). Coverage is held at the minimum (model.py), so
fairness is never bought with extra staff; wishes count only inside the fairness bands (a
trade that leaves the spread as it was may not cost one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from time import perf_counter

import pulp  # type: ignore[import-untyped]

from bot.solver import lns
from bot.solver.aggregate import Target, target
from bot.solver.bands import lower_bounds
from bot.solver.check import cost, gaps, honoured, loads, violations
from bot.solver.explain import explain, precheck
from bot.solver.fairness import DIMS, fair_ranges, grain, spread
from bot.solver.highs import Resolver
from bot.solver.ladder import (
    Band,
    add_bands,
    ladder,
    plain_windows,
    rebase,
    widen,
    windows_of,
)
from bot.solver.model import Model, build, cells_of, costs
from bot.solver.problem import Cells, Problem, Solution
from bot.solver.runs_search import level

W_WISH = 2.0
EXACT_TRY, EXACT_PER_PERSON = 0.3, 0.005  # seconds for the exact windows: at least, a person
SEARCH, SEARCH_PER_PERSON = 0.5, 0.01  # seconds at most for trading runs: at least, a person
SEARCH_MOST = 1.5  # and at most in all (as the single swaps had before)
SMALL_TEAM, SEARCH_SMALL = 50, 4.0  # teams this small may wait a little for a proof
AIM_MAX = 400  # people above which the relaxation is not solved
STALL = 0.3  # seconds without a better relaxed spread that end the relaxation's solve
STATUS = {pulp.LpSolutionOptimal: "optimal", pulp.LpSolutionIntegerFeasible: "feasible"}


def objective(problem: Problem, m: Model, *, elastic: bool) -> pulp.LpAffineExpression:
    """Wishes and soft coverage cost (model.costs); when elastic, leaving a fair window too."""
    terms = list(m.penalty) if elastic else []
    # the constant part of the costs changes no choice: leave the fixed variable out
    terms += [(v, W_WISH * c) for v, c in costs(problem, m) if v is not m.one]
    return pulp.LpAffineExpression(terms)


def aim_of(problem: Problem, floor: dict[str, int], time_limit: float) -> Target:
    """Return the relaxation's target windows and bound, in a small share of the time.

    Above a few hundred people its short solve rarely beats the pools' own windows: then
    the bound is the known floors' and there is no target.
    """
    if len(problem.people) > AIM_MAX:
        return Target(None, None, spread(floor))
    return target(problem, floor, grain(problem), seconds=min(max(1.0, 0.05 * time_limit), 2.0),
                  stall=STALL)


def climb(problem: Problem, m: Model, bands: list[Band], hs: Resolver, time_limit: float,
          *, aimed: bool, spare: dict[int, list[tuple[int, int]]] | None = None,
          ) -> tuple[int, int, float]:
    """Find the narrowest rung whose bands hold; return status, rung and when its solve began.

    When the exact windows do not hold and there are spare windows (the relaxation's own best
    before levelling), those are tried exactly before the ladder widens them. Windows that do
    not hold together are rarely proven so quickly: each gets a short try, as trading runs of
    days (runs.py) takes a roster from a wider rung further than HiGHS gets in a long one."""
    start = perf_counter()

    def left() -> float:
        return time_limit - (perf_counter() - start)

    rungs, rung, status, began = ladder(problem), 0, pulp.LpSolutionNoSolutionFound, start
    first = max(EXACT_TRY, EXACT_PER_PERSON * len(problem.people))
    while rung < len(rungs):
        widen(bands, rungs[rung], hs)
        began = perf_counter()
        # a pool's own window often cannot be proven infeasible quickly: give it little
        limit = (first if aimed else min(0.05 * time_limit, 1.0)) if rung == 0 else left()
        status = hs.solve(min(0.5 * left(), limit))
        if status in STATUS:
            return status, rung, began
        if rung == 0 and spare is not None and status == pulp.LpSolutionInfeasible:
            rebase(problem, m, bands, spare)  # what did not time out, the spare may not either
            spare = None
            continue
        # out of time without a proof: a slightly wider band will not be quicker, the widest may
        timed_out = status != pulp.LpSolutionInfeasible and 0 < rung < len(rungs) - 1
        rung = len(rungs) - 1 if timed_out else rung + 1
    return status, rung, began


def solve_bands(problem: Problem, m: Model, aim: Target,
                time_limit: float) -> tuple[int, Cells, bool]:
    """Find the narrowest hard bands that hold; return status, the roster and whether it sits
    inside the target's exact windows."""
    windows, aimed = windows_of(problem, aim)
    bands = add_bands(problem, m, windows)
    m.lp += objective(problem, m, elastic=False)
    hs, start = Resolver(m.lp), perf_counter()

    def left() -> float:
        return time_limit - (perf_counter() - start)

    status, rung, _ = climb(problem, m, bands, hs, time_limit, aimed=aimed,
                            spare=plain_windows(problem, aim) if aimed else None)
    if status not in STATUS:
        status, cells = fallback(problem, m, bands, hs, left)
        return status, cells, False
    return status, cells_of(problem, m), rung == 0 and aimed


def fallback(problem: Problem, m: Model, bands: list[Band], hs: Resolver,
             left: Callable[[], float]) -> tuple[int, Cells]:
    """No hard band held: windows as penalties only, then (last resort) no fairness at all."""
    far = (10**7, 10**7)
    widen(bands, (far, far, far), hs)
    hs.costs([(v, c) for v, c in m.penalty])
    status = hs.solve(left() / 2)
    if status not in STATUS and status != pulp.LpSolutionInfeasible:
        hs.costs([(v, 0.0) for v, _ in m.penalty])  # any rule-clean roster beats none
        status = hs.solve(max(left(), 2.0))
    return status, cells_of(problem, m) if status in STATUS else {}


def generate(problem: Problem, *, time_limit: float = 20.0) -> Solution:
    """Build the fairest roster the time allows, or explain why none exists.

    Without fairness the cheapest roster by the wish and coverage weights comes from the
    LNS. With soft coverage, a week that can be fully covered still gets the fairest roster
    (its minimums held as hard rules); only one that cannot falls back to the cheapest
    roster by the weights, with its gaps listed."""
    if not problem.fair:
        return lns.solve(problem, time_limit=time_limit)
    if any(n.under is not None for n in problem.needs):
        return _soft(problem, time_limit)
    return _fair(problem, time_limit)


def _soft(problem: Problem, time_limit: float) -> Solution:
    """Fairest with every minimum met if that holds; else the cheapest roster and its gaps."""
    began = perf_counter()
    hard = replace(problem, needs=tuple(replace(n, under=None) for n in problem.needs))
    if not precheck(hard):
        covered = _fair(hard, 0.5 * time_limit, why=False)
        if covered.status in STATUS.values():
            return replace(covered, objective=cost(problem, covered.cells))
    return lns.solve(problem, time_limit=max(1.0, time_limit - (perf_counter() - began)))


def _fair(problem: Problem, time_limit: float, *, why: bool = True) -> Solution:
    """The fairness path: hard coverage, fairness targets, bands, proof."""
    start = perf_counter()
    pre = precheck(problem)
    if pre:
        return Solution("infeasible", {}, explanation=tuple(pre))
    m = build(problem)
    if m.broken:
        return Solution("infeasible", {}, explanation=tuple(m.broken))
    built = perf_counter()
    floor = lower_bounds(problem)
    aim = aim_of(problem, floor, time_limit)
    # keep some time for the swap search that polishes the MILP's roster
    status, cells, reached = solve_bands(problem, m, aim,
                                         0.9 * time_limit - (perf_counter() - start))
    if status in STATUS and not reached:  # inside the target: as fair as the relaxation's best
        cells = searched(problem, cells, aim, time_limit - (perf_counter() - start))
    solved = perf_counter()
    if status not in STATUS:
        reasons = explain(problem, time_limit=time_limit) \
            if why and status == pulp.LpSolutionInfeasible else []
        return Solution("infeasible" if reasons else "no_solution", {},
                        explanation=tuple(reasons),
                        build_seconds=built - start, solve_seconds=solved - built,
                        seconds=perf_counter() - start)
    return finish(problem, cells, (floor, aim.bound), (start, built, solved))


def searched(problem: Problem, cells: Cells, aim: Target, left: float) -> Cells:
    """Level the roster by trading runs of days (runs.py), towards the target's windows and
    by squared deviations; return the fairest roster found before the bound or the time."""
    windows = None if aim.lows is None or aim.widths is None else \
        (aim.lows, tuple(lo + w for lo, w in zip(aim.lows, aim.widths, strict=True)))
    budget = SEARCH_SMALL if len(problem.people) <= SMALL_TEAM else \
        min(SEARCH + SEARCH_PER_PERSON * len(problem.people), SEARCH_MOST)
    return level(problem, cells, seconds=min(left, budget), bound=aim.bound, aim=windows)


def finish(problem: Problem, cells: Cells, bounds: tuple[dict[str, int], int],
           times: tuple[float, float, float]) -> Solution:
    """Fill in loads, ranges, bounds, wishes met, costs and the honest status for a roster."""
    (start, built, solved), (floor, bound) = times, bounds
    met = sum(1 for w in problem.wishes if honoured(w, cells))
    ranges = fair_ranges(problem, cells)
    score = spread(ranges)
    proven = score <= bound
    kept = not violations(problem, cells)
    return Solution("optimal" if proven and kept else "feasible", cells,
                    loads(problem, cells), ranges, floor, met, (), built - start,
                    solved - built, objective=cost(problem, cells),
                    gaps=tuple(gaps(problem, cells)), rules_kept=kept, fairness=score,
                    fairness_bound=min(bound, score), fairness_proven=proven,
                    range_gaps={k: ranges[k] - floor[k] for k in DIMS},
                    seconds=perf_counter() - start)
