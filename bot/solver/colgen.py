"""Rosters by column generation: each column of a master LP is one person's whole roster.

The master chooses one roster per person (a convexity row each) and prices every need's
shortfall and excess (a row per need: count + short − excess = minimum), so its only
coupling is coverage; every personal rule lives in the pricing, a small MILP per person
(the person's rows of model.py) whose costs are the wishes minus the needs' duals. Rounds
add each person's rosters of negative reduced cost until none is left, the LP's value tails
off or the time is up. Then the master picks whole rosters (price-and-branch). Its LP is the
Dantzig–Wolfe bound, far tighter than the cell model's (Curtois 5: 1140 against 710; best
known 1143), so its pick is a good start and its cell values show LNS where to look.

Lower bound: the needs' rows priced at a round's duals plus every person's least price at
them (each pricing's dual bound) is a Lagrangian bound, valid at any duals; the LP's own
value once no column prices out. Needs with a hard minimum get a shortfall at a prohibitive
price; a pick that breaks a rule is not returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from time import perf_counter

import highspy
import numpy as np
import pulp  # type: ignore[import-untyped]

from bot.solver.check import cost, honoured, violations
from bot.solver.highs import INF, Resolver
from bot.solver.model import build, costs
from bot.solver.problem import Cells, Person, Problem

HARD = 10**6  # price of a person short on a need with a hard minimum
EXACT = 1e-6  # relative MIP gap of the pricing and master solves
TOL = 1e-6  # a reduced cost below −TOL is worth a column
PRICE_SECONDS = 0.06  # for one person's pricing: the few slow ones end on their best so far
FAST = {"mip_allow_restart": False, "mip_heuristic_run_feasibility_jump": False,
        "mip_heuristic_effort": 0.0, "mip_pool_soft_limit": 10, "mip_lp_age_limit": 2,
        "mip_pscost_minreliable": 0, "mip_heuristic_run_rins": False,
        "mip_heuristic_run_rens": False, "mip_heuristic_run_root_reduced_cost": False}
# a pricing is a tiny MILP: HiGHS's restarts and heuristics cost it more than they save
FIRST_SECONDS = 2.0  # for a person's first roster, when only their rules count
SAVED = 3  # improving rosters of a pricing added as columns, at most
GENERATE = 0.9  # share of the time for columns; the rest picks whole rosters (a pick from
# unconverged columns is rarely better than what LNS makes of it, so it gets little)
FEW_ROUNDS, SAMPLE = 9, 3  # rounds the time must allow, as the first people's take
TAIL, TAIL_GAIN = 8, 1e-3  # stop when so many rounds gained less than this share
SMOOTH = 0.7  # weight of the best bound's duals in the duals a round prices at
GAP_CLOSED = 1e-4  # the LP's value and the bound this close: no column can help
Key = tuple[int, date]


def _covers(problem: Problem, person: Person) -> dict[tuple[date, str], list[int]]:
    """Which needs a shift of this person on a day counts for."""
    out: dict[tuple[date, str], list[int]] = {}
    for i, n in enumerate(problem.needs):
        if n.group in ("", person.group):
            out.setdefault((n.day, n.shift), []).append(i)
    return out


class Pricing:
    """One person's rules as a HiGHS MILP; each round only its costs change."""

    def __init__(self, problem: Problem, person: Person) -> None:
        free = tuple(replace(n, min=0, under=None, over=0) for n in problem.needs)
        sub = replace(problem, people=(person,), needs=free,
                      wishes=tuple(w for w in problem.wishes if w.person == person.id))
        self.problem, self.person = problem, person
        self.m = build(sub, staff_to_min=False)
        self.m.lp += pulp.LpAffineExpression(costs(sub, self.m))
        hs = Resolver(self.m.lp)
        hs.api = pulp.HiGHS(msg=False, gapRel=EXACT)
        hs.options(mip_rel_gap=EXACT)  # builds HiGHS's model once
        self.h: highspy.Highs = self.m.lp.solverModel
        self.h.setOptionValue("mip_improving_solution_save", True)
        for name, value in FAST.items():
            self.h.setOptionValue(name, value)
        self.proven = False  # the last pricing's roster is the cheapest
        cols = self.m.lp.variables()
        self.base = np.array([self.m.lp.objective.get(v, 0.0) for v in cols])
        self.keys = list(self.m.x)
        self.idx = np.array([self.m.x[k].index for k in self.keys], dtype=np.int32)
        self.covers = _covers(problem, person)
        self.const = {d: s for (p, d), s in self.m.const.items() if p == person.id}

    def price(self, duals: np.ndarray, seconds: float = PRICE_SECONDS,
              below: float = INF) -> tuple[list[Cells], float]:
        """Return the person's cheapest rosters at these need duals (the improving ones HiGHS
        met on the way, best last; none if the person has none) and a lower bound of
        Σ wishes − Σ duals over every roster of theirs."""
        cost_now = self.base.copy()
        for j, (_, d, s) in zip(self.idx, self.keys, strict=True):
            cost_now[j] -= sum(duals[i] for i in self.covers.get((d, s), ()))
        self.h.changeColsCost(len(cost_now), np.arange(len(cost_now), dtype=np.int32), cost_now)
        fixed = sum(duals[i] for d, s in self.const.items() if s is not None
                    for i in self.covers.get((d, s), ()))
        self.h.setOptionValue("time_limit", seconds)
        self.h.setOptionValue("objective_bound", below + fixed)  # only rosters below it
        self.h.run()
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible and below < INF:
            self.proven = True  # every roster of the person costs `below` or more
            return [], below
        # below the bar HiGHS bounds what it searched; above it, the bar itself bounds
        bound = min(float(self.h.getInfo().mip_dual_bound) - fixed, below)
        self.proven = status == highspy.HighsModelStatus.kOptimal
        if self.h.getInfo().primal_solution_status != 2:
            return [], bound
        return [self._cells(np.asarray(sol.col_value)[self.idx])
                for sol in self.h.getSavedMipSolutions()[-SAVED:]], bound

    def _cells(self, x: np.ndarray) -> Cells:
        cells: dict[Key, str | None] = {(self.person.id, d): s for d, s in self.const.items()}
        for d in self.problem.days:
            cells.setdefault((self.person.id, d), None)
        for k, v in zip(self.keys, x, strict=True):
            if v > 0.5:
                cells[(k[0], k[1])] = k[2]
        return cells


@dataclass
class Master:
    """The restricted master: rosters as columns, a shortfall and an excess per need."""

    problem: Problem
    h: highspy.Highs = field(default_factory=highspy.Highs)
    columns: list[tuple[int, Cells]] = field(default_factory=list)  # person, roster
    seen: set[tuple[int, tuple[str | None, ...]]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("mip_rel_gap", EXACT)
        people, needs = self.problem.people, self.problem.needs
        self.row_of = {p.id: len(needs) + i for i, p in enumerate(people)}
        fixed = [sum(1 for p in people if n.group in ("", p.group)  # cells fixed in advance
                     and self.problem.fixed.get((p.id, n.day)) == n.shift) for n in needs]
        lower = [float(n.min) for n in needs] + [1.0] * len(people)
        self.h.addRows(len(lower), np.array(lower), np.array(lower), 0,
                       np.zeros(len(lower), dtype=np.int32), np.array([], dtype=np.int32),
                       np.array([], dtype=np.float64))
        self.short, self.excess = np.zeros((len(needs), 2)), np.zeros((len(needs), 2))
        for i, n in enumerate(needs):
            cap = n.under is None and n.over == 0  # as model.py: staff hard needs to the min
            most = min(n.max, max(n.min, fixed[i])) if cap else n.max
            self.short[i] = (HARD if n.under is None else n.under, n.min)
            self.excess[i] = (n.over, max(0, most - n.min))
            self._col(float(self.short[i][0]), 0.0, float(n.min), [i], [1.0])
            self._col(float(self.excess[i][0]), 0.0, float(self.excess[i][1]), [i], [-1.0])
        self.least = np.array([float(n.min) for n in needs])
        self.slack = 2 * len(needs)  # the columns before the first roster
        self.covers = {p.id: _covers(self.problem, p) for p in people}

    def _col(self, c: float, lo: float, hi: float, rows: list[int], vals: list[float]) -> None:
        self.h.addCol(c, lo, hi, len(rows), np.array(rows, dtype=np.int32), np.array(vals))

    def add(self, person: int, cells: Cells) -> bool:
        """Add a roster of one person as a column; False if it is already there."""
        key = (person, tuple(cells.get((person, d)) for d in self.problem.days))
        if key in self.seen:
            return False
        self.seen.add(key)
        rows = [self.row_of[person]]
        for d in self.problem.days:
            s = cells.get((person, d))
            if s is not None:
                rows += self.covers[person].get((d, s), [])
        self._col(float(_wishes(self.problem, person, cells)), 0.0, 1.0, rows,
                  [1.0] * len(rows))
        self.columns.append((person, {(person, d): cells.get((person, d))
                                      for d in self.problem.days}))
        return True

    def lagrange(self, duals: np.ndarray, least: float) -> float:
        """A lower bound of every roster's cost: the needs' rows priced at `duals`, given
        Σ over people of their least roster price at those duals (`least`)."""
        short = np.minimum(0.0, self.short[:, 0] - duals) * self.short[:, 1]
        excess = np.minimum(0.0, self.excess[:, 0] + duals) * self.excess[:, 1]
        return float(duals @ self.least + least + short.sum() + excess.sum())

    def chosen(self) -> np.ndarray:
        """The last LP's value of each roster column."""
        return np.asarray(self.h.getSolution().col_value)[self.slack:]

    def cell_values(self) -> dict[tuple[int, date, str], float]:
        """The LP's share of each person, day and shift (after `relax`)."""
        self.relax()
        out: dict[tuple[int, date, str], float] = {}
        for (_, cells), x in zip(self.columns, self.chosen(), strict=True):
            if x > 1e-9:
                for (p, d), s in cells.items():
                    if s is not None:
                        out[(p, d, s)] = out.get((p, d, s), 0.0) + float(x)
        return out

    def relax(self) -> tuple[float, np.ndarray] | None:
        """Solve the LP; return its value and the needs' duals."""
        self.h.setOptionValue("time_limit", INF)
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        duals = np.asarray(self.h.getSolution().row_dual)
        return float(self.h.getInfo().objective_function_value), duals

    def integer(self, seconds: float) -> Cells | None:
        """Solve with whole rosters; return the roster it picks (None if none in time)."""
        n = len(self.columns)
        idx = np.arange(self.slack, self.slack + n, dtype=np.int32)
        self.h.changeColsIntegrality(n, idx, np.ones(n, dtype=np.uint8))
        self.h.setOptionValue("time_limit", max(0.1, seconds))
        self.h.run()
        found = self.h.getInfo().primal_solution_status == 2
        x = np.asarray(self.h.getSolution().col_value)[self.slack:] if found else None
        self.h.changeColsIntegrality(n, idx, np.zeros(n, dtype=np.uint8))
        if x is None:
            return None
        out: dict[Key, str | None] = {}
        for j in np.flatnonzero(x > 0.5):
            out.update(self.columns[j][1])
        return out


@dataclass
class Result:
    """What column generation found: a roster (or None), its cost, a lower bound."""

    cells: Cells | None
    value: int | None
    bound: float
    lp: dict[tuple[int, date, str], float]  # the master LP's cell values: where rosters lean


def solve(problem: Problem, deadline: float, starts: list[Cells] | None = None) -> Result | None:
    """Generate columns, then pick whole rosters among them (and `starts`); None if a person
    has no roster at all or the time allows too few rounds (a round prices everyone)."""
    began = perf_counter()
    stop = began + GENERATE * (deadline - began)
    master = Master(problem)
    for cells in starts or []:
        for p in problem.people:
            master.add(p.id, cells)
    pricing: dict[int, Pricing] = {}
    for i, p in enumerate(problem.people):  # a roster for each, whatever the needs
        pricing[p.id] = Pricing(problem, p)
        found, _ = pricing[p.id].price(np.zeros(len(problem.needs)), FIRST_SECONDS)
        if not found and not any(q == p.id for q, _ in master.columns):
            return None
        for cells in found:
            master.add(p.id, cells)
        if i + 1 == SAMPLE and stop - perf_counter() < \
                FEW_ROUNDS * (perf_counter() - began) / SAMPLE * len(problem.people):
            return None  # a round prices everyone: too few rounds to come near the optimum
    bound = _generate(master, pricing, stop)
    if bound is None:
        return None
    lp = master.cell_values()
    picked = master.integer(deadline - perf_counter())
    if picked is None or violations(problem, picked):
        return Result(None, None, bound, lp)
    return Result(picked, cost(problem, picked), bound, lp)


def _generate(master: Master, pricing: dict[int, Pricing], stop: float
              ) -> float | None:
    """Add columns until none prices out, the LP's value tails off or the time is up; return
    the lower bound (None if the master has no LP optimum).

    Duals are smoothed towards those of the best bound so far (Wentges): the master's own
    duals jump between extremes and each round would price out rosters that the next round
    no longer wants. A round that finds nothing at the smoothed duals retries at the master's.
    """
    n_needs = len(master.problem.needs)
    bound = -INF
    centre: np.ndarray | None = None
    exact = False  # price at the master's own duals this round
    values: list[float] = []
    while perf_counter() < stop:
        lp = master.relax()
        if lp is None:
            return None
        value, duals = lp
        values.append(value)
        if len(values) > TAIL and values[-TAIL - 1] - value < TAIL_GAIN * max(1.0, abs(value)):
            break  # tailing off: the rosters at hand are as good as more rounds would make them
        at = duals[:n_needs]
        sep = at if centre is None or exact else SMOOTH * centre + (1 - SMOOTH) * at
        added, least, proven = _price(master, pricing, master.problem.people, sep, duals, stop)
        if least > -INF and (here := master.lagrange(sep, least)) > bound:
            bound, centre = here, sep
        if value - bound < GAP_CLOSED or (added == 0 and sep is at and proven):
            return max(bound, value)
        exact = added == 0
    return bound


def _price(master: Master, pricing: dict[int, Pricing], people: Iterable[Person],
           sep: np.ndarray, duals: np.ndarray, stop: float) -> tuple[int, float, bool]:
    """Price each person at `sep`; add the rosters of negative reduced cost at `duals`.
    Return columns added, Σ of the people's least prices (−inf if cut short), all proven."""
    added, least, proven = 0, 0.0, True
    for p in people:
        if perf_counter() >= stop:
            return added, -INF, False
        found, low = pricing[p.id].price(sep, below=float(duals[master.row_of[p.id]]))
        least += low
        proven = proven and pricing[p.id].proven
        for cells in found:
            if _reduced(master, p.id, cells, duals) < -TOL:
                added += master.add(p.id, cells)
    return added, least, proven


def _reduced(master: Master, person: int, cells: Cells, duals: np.ndarray) -> float:
    """The reduced cost of a roster at these duals."""
    covers = master.covers[person]
    gain = sum(float(duals[i]) for d in master.problem.days
               if (s := cells.get((person, d))) is not None for i in covers.get((d, s), ()))
    return _wishes(master.problem, person, cells) - gain - float(duals[master.row_of[person]])


def _wishes(problem: Problem, person: int, cells: Cells) -> int:
    """What the person's wishes not honoured by the roster cost."""
    return sum(w.weight for w in problem.wishes if w.person == person and not honoured(w, cells))


