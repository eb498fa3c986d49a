"""Local search after the MILP: fairness-improving exchanges while the time lasts.

The people with the heaviest weighted loads offer each of their shifts; the best true swap
or same-day exchange (rule-checked as every suggestion is) is applied when it lowers the
Σ squared deviations (its score) and does not widen the weighted ranges (an hour 1, a night
or weekend shift 8, as the MILP weighs its bands). Stops at the deadline or when nobody near
the top can improve.
"""

from __future__ import annotations

from datetime import date
from time import perf_counter

from bot.solver.fairness import WEIGHTS
from bot.solver.problem import Cells, Problem, SwapAsk, SwapOption
from bot.solver.swaps import exchanges, loads_of

Loads = dict[int, tuple[int, int, int, int]]
Roster = dict[tuple[int, date], str | None]
PATIENCE = 20  # exchanges in a row that leave the ranges as they are


def _spread(loads: Loads) -> int:
    """Return the weighted sum of the minutes, nights and weekend ranges."""
    return sum(w * (max(v[i] for v in loads.values()) - min(v[i] for v in loads.values()))
               for i, w in enumerate(WEIGHTS))


def _heavy(loads: Loads) -> list[int]:
    """Return people from the heaviest weighted load down."""
    return sorted(loads, key=lambda p: -sum(w * loads[p][i] for i, w in enumerate(WEIGHTS)))


def _apply(cells: Roster, o: SwapOption) -> None:
    """Apply an exchange to the roster in place."""
    cells[(o.taker, o.day)] = o.shift
    cells[(o.giver, o.day)] = o.back_shift if o.back_day == o.day else None
    if o.back_day is not None and o.back_day != o.day:
        cells[(o.giver, o.back_day)] = o.back_shift
        cells[(o.taker, o.back_day)] = None


def _try(problem: Problem, cells: Roster, loads: Loads, o: SwapOption) -> bool:
    """Apply the exchange if it does not widen the weighted ranges."""
    trial = dict(cells)
    _apply(trial, o)
    after = {**loads, **loads_of(problem, trial, (o.giver, o.taker))}
    if _spread(after) > _spread(loads):
        return False
    _apply(cells, o)
    loads.update(after)
    return True


def _step(problem: Problem, cells: Roster, loads: Loads, deadline: float, top: int) -> bool:
    """Apply one improving exchange from someone heavy; return False if none was found."""
    for person in _heavy(loads)[:top]:
        for day in problem.days:
            if perf_counter() > deadline:
                return False
            if cells.get((person, day)) is None:
                continue
            best = exchanges(problem, cells, SwapAsk(person, day), limit=1)
            if best and best[0].score < 0 and _try(problem, cells, loads, best[0]):
                return True
    return False


def improve(problem: Problem, cells: Cells, *, seconds: float) -> Roster:
    """Return the roster after the improving exchanges found within the time given."""
    out, deadline = dict(cells), perf_counter() + seconds
    loads = loads_of(problem, out)
    top, best, idle = max(3, len(problem.people) // 20), _spread(loads), 0
    # squared deviations can keep falling while the ranges stay put: stop after a while
    while idle < PATIENCE and perf_counter() < deadline and _step(problem, out, loads,
                                                                  deadline, top):
        spread = _spread(loads)
        best, idle = (spread, 0) if spread < best else (best, idle + 1)
    return out
