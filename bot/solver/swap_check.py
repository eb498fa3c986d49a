"""Local checks of a swap move: the checker's rules around the changed days only."""

from __future__ import annotations

from collections import ChainMap
from datetime import date

from bot.solver.check import covered, person_violations, sequence
from bot.solver.problem import Cells, Need, Problem

Move = dict[tuple[int, date], str | None]


def quick(problem: Problem, cells: Cells, move: Move, nights: frozenset[str]) -> bool:
    """Cheaply rule out moves that put a day shift right after a night shift."""
    if not problem.rules.no_day_after_night:
        return True
    def look(key: tuple[int, date]) -> str | None:
        return move[key] if key in move else cells.get(key)

    first = problem.days[0]
    for (p, day), new in move.items():
        i = (day - first).days
        prev = look((p, problem.days[i - 1])) if i else (problem.before.get(p) or (None,))[-1]
        nxt = look((p, problem.days[i + 1])) if i + 1 < len(problem.days) else None
        if (prev in nights and new is not None and new not in nights) or \
                (new in nights and nxt is not None and nxt not in nights):
            return False
    return True


def valid(problem: Problem, cells: Cells, move: Move,
          counts: dict[Need, int] | None = None, groups: dict[int, str] | None = None) -> bool:
    """Check the move with the checker's rules around the changed days and shifts."""
    view = ChainMap(move, cells)  # type: ignore[arg-type]
    nb = {p: len(problem.before.get(p, ())) for p, _ in move}
    first = problem.days[0]
    for p in nb:
        focus = {nb[p] + (d - first).days for q, d in move if q == p}
        if person_violations(problem, p, sequence(problem, view, p), focus):
            return False
    group = groups if groups is not None else {p.id: p.group for p in problem.people}
    return _coverage_holds(problem, cells, move, {} if counts is None else counts, group)


def _coverage_holds(problem: Problem, cells: Cells, move: Move, counts: dict[Need, int],
                    group: dict[int, str]) -> bool:
    """Check the needs of touched shifts: cached counts before, plus the move's change."""
    touched = {(d, c) for (p, d), new in move.items() for c in (new, cells.get((p, d)))}
    for n in problem.needs:
        if (n.day, n.shift) not in touched:
            continue
        if n not in counts:
            counts[n] = covered(problem, cells, n)
        change = sum((new == n.shift) - (cells.get((p, d)) == n.shift)
                     for (p, d), new in move.items() if d == n.day and n.group in ("", group[p]))
        if not n.min <= counts[n] + change <= n.max:
            return False
    return True
