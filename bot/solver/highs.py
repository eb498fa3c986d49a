"""Solve a PuLP model in-process with HiGHS, then re-solve it after changing bounds or costs.

PuLP's HiGHS class rebuilds the HiGHS model on every solve (no resolve), which costs seconds
at a thousand people; the rungs of the fairness ladder only move row bounds and costs. A
solve stops on its own when the bound proves the incumbent (the gaps), or, with `stall`, when
the incumbent has not improved for that long: a time limit is the last resort, not the rule.
"""

from __future__ import annotations

import highspy
import numpy as np
import pulp  # type: ignore[import-untyped]

GAP = 0.02  # relative gap of the objective at which HiGHS may stop
INF = highspy.kHighsInf


class Resolver:
    """One HiGHS model kept alive behind a PuLP problem."""

    def __init__(self, lp: pulp.LpProblem) -> None:
        self.lp = lp
        self.api = pulp.HiGHS(msg=False, gapRel=GAP)
        self.built = False
        self.stall: float | None = None  # seconds without a better incumbent that end a solve
        self._best = (INF, 0.0)  # the incumbent's objective and when it was found

    def options(self, **values: float) -> None:
        """Set HiGHS options (mip_rel_gap, mip_abs_gap, …) for the solves that follow."""
        self._ensure()
        for name, value in values.items():
            self.lp.solverModel.setOptionValue(name, value)

    def solve(self, seconds: float) -> int:
        """Solve (building HiGHS's model the first time); return PuLP's solution status."""
        self._ensure()
        self._best = (INF, 0.0)
        self.lp.solverModel.setOptionValue("time_limit", float(max(0.2, seconds)))
        self.api.callSolver(self.lp)
        status, sol_status = self.api.findSolutionValues(self.lp)
        none = self.lp.solverModel.getInfo().primal_solution_status == 0
        if none and sol_status == pulp.LpSolutionIntegerFeasible:  # PuLP reads an interrupt
            sol_status = pulp.LpSolutionNoSolutionFound  # as a solution even without one
        self.lp.assignStatus(status, sol_status)
        out: int = self.lp.sol_status
        return out

    def dual_bound(self) -> float:
        """Return the last solve's proven lower bound of the objective (−inf if none)."""
        bound: float = self.lp.solverModel.getInfo().mip_dual_bound
        return bound

    def _ensure(self) -> None:
        """Create HiGHS's model once, with the stall watch."""
        if not self.built:
            self.api.createAndConfigureSolver(self.lp)
            self._build()
            self.lp.solverModel.cbMipInterrupt.subscribe(self._watch)
            self.built = True

    def _watch(self, event: highspy.HighsCallbackEvent) -> None:
        """Interrupt the solve when the incumbent has stalled for `stall` seconds.

        Not before the root node is done: its heuristics find the good incumbents, after a
        first quick one that the root's cut rounds leave standing for a while.
        """
        out, now = event.data_out, event.data_out.running_time
        if out.mip_primal_bound < self._best[0]:
            self._best = (out.mip_primal_bound, now)
        # the flag outlives a solve: clear it, or the next solve stops at once
        event.interrupt(self.stall is not None and self._best[0] < INF
                        and out.mip_node_count > 0 and now - self._best[1] > self.stall)

    def _build(self) -> None:
        """Pass columns and rows to HiGHS in bulk (PuLP adds them one call at a time)."""
        lp, h = self.lp, self.lp.solverModel
        cols = lp.variables()
        for i, v in enumerate(cols):
            v.index = i
        sign = -1 if lp.sense == pulp.LpMaximize else 1
        h.addCols(len(cols), np.array([sign * lp.objective.get(v, 0.0) for v in cols]),
                  np.array([-INF if v.lowBound is None else v.lowBound for v in cols]),
                  np.array([INF if v.upBound is None else v.upBound for v in cols]),
                  0, np.array([], dtype=np.int32), np.array([], dtype=np.int32),
                  np.array([], dtype=np.float64))
        ints = [v.index for v in cols if v.cat == pulp.LpInteger]
        if ints:
            h.changeColsIntegrality(len(ints), np.array(ints, dtype=np.int32),
                                    np.ones(len(ints), dtype=np.uint8))
        self._rows(list(lp._constraints.values()))  # the public mapping is deprecated

    def _rows(self, rows: list[pulp.LpConstraint]) -> None:
        """Add the rows as one sparse block."""
        starts: list[int] = []
        index: list[int] = []
        value: list[float] = []
        lower: list[float] = []
        upper: list[float] = []
        for i, row in enumerate(rows):
            row.index = i
            starts.append(len(index))
            for v, c in row.items():
                index.append(v.index)
                value.append(c)
            lb, ub = row.getLb(), row.getUb()
            lower.append(-INF if lb is None else lb)
            upper.append(INF if ub is None else ub)
        self.lp.solverModel.addRows(len(rows), np.array(lower), np.array(upper), len(index),
                                    np.array(starts, dtype=np.int32),
                                    np.array(index, dtype=np.int32), np.array(value))

    def bounds(self, row: pulp.LpConstraint) -> None:
        """Push a row's changed right-hand side to HiGHS."""
        if self.built:
            lb, ub = row.getLb(), row.getUb()
            self.lp.solverModel.changeRowBounds(row.index, -INF if lb is None else lb,
                                                INF if ub is None else ub)

    def costs(self, terms: list[tuple[pulp.LpVariable, float]]) -> None:
        """Set objective costs of variables (minimising)."""
        for v, c in terms:
            self.lp.solverModel.changeColCost(v.index, c)
