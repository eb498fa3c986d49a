"""Swap suggestions: who can take a shift off someone's hands, ranked by fairness.

Score: the change of Σ (load − mean)² over people, per dimension: minutes, nights, weekend
shifts (history and leave credit included) and swap balance. Every move keeps each total, so
the mean does not move and the change is local and exact: Σ over the two people of
2·δ·load + δ². Weights: a night, a weekend shift or a favour owed weighs as much as 8 hours
(480² per unit against 1 per minute²). Moves are prefiltered cheaply, ranked, then checked
with check.person_violations around the changed days and coverage of the touched shifts: a
move may not add a breach, or deepen one the roster already had (swap_check, compare).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.solver.fairness import bases
from bot.solver.problem import Cells, Need, Problem, SwapAsk, SwapOption, Violation
from bot.solver.repair import repair
from bot.solver.rules import week_of
from bot.solver.swap_check import Move, commonest_breach, quick, valid
from bot.solver.swap_match import match_options

__all__ = ["match", "repair", "suggest", "why_not"]
UNIT = 480 * 480  # one night / weekend shift / favour, in minutes²
Gain = tuple[int, int, int]


@dataclass(frozen=True)
class Static:
    """What does not change between asks on one problem: bases, balances, groups, gains."""

    problem: Problem
    base: dict[int, Gain]
    balance: dict[int, int]
    group: dict[int, str]
    gain: dict[tuple[str | None, date], Gain]  # what a shift on a day adds to a load


_STATIC: list[Static] = []


def _static(problem: Problem) -> Static:
    """Return the problem's static part, cached for the last problem (asks come in runs)."""
    if not _STATIC or _STATIC[0].problem is not problem:
        gain: dict[tuple[str | None, date], Gain] = {
            (s.code, d): (s.minutes, int(s.night), int(d in problem.weekend))
            for s in problem.shifts for d in problem.days}
        _STATIC[:] = [Static(problem, bases(problem),
                             {p.id: p.swap_balance for p in problem.people},
                             {p.id: p.group for p in problem.people}, gain)]
    return _STATIC[0]


def _load(st: Static, cells: Cells, person: int) -> tuple[int, int, int, int]:
    """Return one person's fairness load and swap balance."""
    m, n, w = st.base[person]
    for d in st.problem.days:
        g = st.gain.get((cells.get((person, d)), d))
        if g is not None:
            m, n, w = m + g[0], n + g[1], w + g[2]
    return m, n, w, st.balance[person]


def score(loads: dict[int, tuple[int, int, int, int]], deltas: dict[int, list[int]]
          ) -> tuple[int, dict[str, int]]:
    """Return the weighted change of Σ squared deviations, and the change per dimension."""
    change = [0, 0, 0, 0]
    for p, dv in deltas.items():
        load = loads[p]
        for i in range(4):
            change[i] += (2 * load[i] + dv[i]) * dv[i]
    reasons = dict(zip(("minutes", "nights", "weekends", "swaps"), change, strict=True))
    return reasons["minutes"] + UNIT * (reasons["nights"] + reasons["weekends"]
                                        + reasons["swaps"]), reasons


def _free(problem: Problem, person: int, day: date) -> bool:
    """True if the cell may change: not on leave and not fixed."""
    return (person, day) not in problem.off and (person, day) not in problem.fixed


def _moves(problem: Problem, cells: Cells, ask: SwapAsk) -> list[tuple[int, Move]]:
    """Return (taker, changed cells) for true swaps and same-day exchanges."""
    a, d = ask.person, ask.day
    s, out = cells.get((a, d)), []
    week = [x for x in problem.days if week_of(x) == week_of(d) and x != d
            and cells.get((a, x)) is None and _free(problem, a, x)]
    for p in problem.people:
        b = p.id
        if b == a or ask.counterpart not in (None, b) or not _free(problem, b, d):
            continue
        mine = cells.get((b, d))
        if mine is None:
            for x in week:
                back = cells.get((b, x))
                if back is not None and _free(problem, b, x):
                    out.append((b, {(a, d): None, (b, d): s, (a, x): back, (b, x): None}))
        elif mine != s:
            out.append((b, {(a, d): mine, (b, d): s}))
    return out


def _covers(problem: Problem, cells: Cells, ask: SwapAsk) -> list[tuple[int, Move]]:
    """Return plain covers: someone off that day takes the shift (a favour, 还班)."""
    a, d, s = ask.person, ask.day, cells.get((ask.person, ask.day))
    return [(p.id, {(a, d): None, (p.id, d): s}) for p in problem.people
            if p.id != a and ask.counterpart in (None, p.id) and cells.get((p.id, d)) is None
            and _free(problem, p.id, d)]


def _deltas(st: Static, cells: Cells, move: Move) -> dict[int, list[int]]:
    """Return each person's change of load under a move."""
    out: dict[int, list[int]] = {}
    for (p, day), new in move.items():
        row = out.setdefault(p, [0, 0, 0, 0])
        g = st.gain.get((new, day))
        if g is not None:
            row[0], row[1], row[2] = row[0] + g[0], row[1] + g[1], row[2] + g[2]
        g = st.gain.get((cells.get((p, day)), day))
        if g is not None:
            row[0], row[1], row[2] = row[0] - g[0], row[1] - g[1], row[2] - g[2]
    return out


def _ranked(problem: Problem, cells: Cells, ask: SwapAsk, moves: list[tuple[int, Move]],
            limit: int, favour: bool) -> list[SwapOption]:
    """Score every move, then check them best first until `limit` pass."""
    loads: dict[int, tuple[int, int, int, int]] = {}
    nights, st = frozenset(s.code for s in problem.shifts if s.night), _static(problem)
    scored = []
    for taker, move in moves:
        if not quick(problem, cells, move, nights):
            continue
        deltas = _deltas(st, cells, move)
        if favour:
            deltas[ask.person][3], deltas[taker][3] = -1, 1
        for p in deltas:
            if p not in loads:
                loads[p] = _load(st, cells, p)
        total, reasons = score(loads, deltas)
        scored.append((total, taker, move, reasons))
    scored.sort(key=lambda t: (t[0], t[1], sorted(t[2])))
    out: list[SwapOption] = []
    counts: dict[Need, int] = {}
    for total, taker, move, reasons in scored:
        if len(out) >= limit:
            break
        if valid(problem, cells, move, counts, st.group):
            out.append(_option(ask, cells, taker, move, total, reasons))
    return out


def _option(ask: SwapAsk, cells: Cells, taker: int, move: Move, total: int,
            reasons: dict[str, int]) -> SwapOption:
    """Describe a move as the contract's SwapOption."""
    back = [(d, c) for (p, d), c in move.items() if p == ask.person and c is not None]
    day, code = back[0] if back else (None, None)
    return SwapOption(ask.person, taker, ask.day, cells[(ask.person, ask.day)] or "",
                      day, code, total, reasons)


def suggest(problem: Problem, cells: Cells, ask: SwapAsk, *, limit: int = 3) -> list[SwapOption]:
    """Return the best rule-clean exchanges for someone giving up their shift on a day."""
    found = exchanges(problem, cells, ask, limit=limit)
    if found or cells.get((ask.person, ask.day)) is None \
            or not _free(problem, ask.person, ask.day):
        return found
    return _ranked(problem, cells, ask, _covers(problem, cells, ask), limit, favour=True)


def exchanges(problem: Problem, cells: Cells, ask: SwapAsk, *, limit: int) -> list[SwapOption]:
    """Return the best true swaps and same-day exchanges only (no favours)."""
    if cells.get((ask.person, ask.day)) is None or not _free(problem, ask.person, ask.day):
        return []
    return _ranked(problem, cells, ask, _moves(problem, cells, ask), limit, favour=False)


def why_not(problem: Problem, cells: Cells, ask: SwapAsk) -> Violation | None:
    """Return the breach that stops most exchanges and covers for the ask (None: nobody is
    free to take it at all), so a refusal can name the rule and the day."""
    if cells.get((ask.person, ask.day)) is None or not _free(problem, ask.person, ask.day):
        return None
    moves = _moves(problem, cells, ask) + _covers(problem, cells, ask)
    return commonest_breach(problem, cells, [move for _, move in moves])


def loads_of(problem: Problem, cells: Cells,
             people: Sequence[int] | None = None) -> dict[int, tuple[int, int, int, int]]:
    """Return the fairness load and swap balance of everyone (or of the people given)."""
    st = _static(problem)
    ids = [p.id for p in problem.people] if people is None else people
    return {p: _load(st, cells, p) for p in ids}


def match(problem: Problem, cells: Cells, asks: Sequence[SwapAsk]) -> list[SwapOption | None]:
    """Match several open asks at once, each person in at most one exchange."""
    options = [suggest(problem, cells, a, limit=8) for a in asks]
    return match_options(problem, cells, options, valid_roster=_apply_all)


def _apply_all(problem: Problem, cells: Cells, chosen: Sequence[SwapOption]) -> Move:
    """Return the cells the chosen options change together."""
    move: Move = {}
    for o in chosen:
        move[(o.giver, o.day)] = None if o.back_day != o.day else o.back_shift
        move[(o.taker, o.day)] = o.shift
        if o.back_day is not None and o.back_day != o.day:
            move[(o.giver, o.back_day)] = o.back_shift
            move[(o.taker, o.back_day)] = None
    return move
