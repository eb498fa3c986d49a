"""Local checks of a swap move: the checker's rules around the changed days only.

A move is judged by the breaches it adds (compare.added), so a roster that already breaks a
rule somewhere can still be changed where the change makes nothing worse.
"""

from __future__ import annotations

from collections import ChainMap, Counter
from collections.abc import Sequence
from datetime import date

from bot.solver.check import covered, person_violations, sequence
from bot.solver.compare import added, anchor
from bot.solver.problem import Cells, Need, Problem, Violation

Move = dict[tuple[int, date], str | None]


def quick(problem: Problem, cells: Cells, move: Move, nights: frozenset[str]) -> bool:
    """Cheaply rule out moves that newly put a day shift right after a night shift."""
    if not problem.rules.no_day_after_night:
        return True

    def bad(prev: str | None, cur: str | None) -> bool:
        return prev in nights and cur is not None and cur not in nights

    def look(key: tuple[int, date]) -> str | None:
        return move[key] if key in move else cells.get(key)

    first = problem.days[0]
    for (p, day), new in move.items():
        i, old = (day - first).days, cells.get((p, day))
        prev = (p, problem.days[i - 1]) if i else None
        nxt = (p, problem.days[i + 1]) if i + 1 < len(problem.days) else None
        before = (problem.before.get(p) or (None,))[-1]
        prev_new, prev_old = (look(prev), cells.get(prev)) if prev else (before, before)
        nxt_new, nxt_old = (look(nxt), cells.get(nxt)) if nxt else (None, None)
        if (bad(prev_new, new) and not bad(prev_old, old)) or \
                (bad(new, nxt_new) and not bad(old, nxt_old)):
            return False
    return True


def valid(problem: Problem, cells: Cells, move: Move,
          counts: dict[Need, int] | None = None, groups: dict[int, str] | None = None) -> bool:
    """Check that the move adds no breach around the changed days and shifts."""
    return not added_by(problem, cells, move, counts, groups, first_only=True)


def added_by(problem: Problem, cells: Cells, move: Move, counts: dict[Need, int] | None = None,
             groups: dict[int, str] | None = None, *, first_only: bool = False
             ) -> list[Violation]:
    """Return the breaches the move adds: people's rules around the changed days, then the
    coverage of the touched shifts (FIRST_ONLY: stop at the first one found)."""
    view = ChainMap(move, cells)  # type: ignore[arg-type]
    nb = {p: len(problem.before.get(p, ())) for p, _ in move}
    first, out = problem.days[0], []
    for p in nb:
        focus = {nb[p] + (d - first).days for q, d in move if q == p}
        after = person_violations(problem, p, sequence(problem, view, p), focus)
        if after:  # the roster before the move is read only when something is found
            out += added(person_violations(problem, p, sequence(problem, cells, p), focus),
                         after)
        if out and first_only:
            return out
    group = groups if groups is not None else {p.id: p.group for p in problem.people}
    return out + _coverage_added(problem, cells, move, {} if counts is None else counts, group)


def _coverage_added(problem: Problem, cells: Cells, move: Move, counts: dict[Need, int],
                    group: dict[int, str]) -> list[Violation]:
    """Needs of touched shifts the move takes past a limit, or further past it."""
    touched = {(d, c) for (p, d), new in move.items() for c in (new, cells.get((p, d)))}
    out = []
    for n in problem.needs:
        if (n.day, n.shift) not in touched:
            continue
        if n not in counts:
            counts[n] = covered(problem, cells, n)
        change = sum((new == n.shift) - (cells.get((p, d)) == n.shift)
                     for (p, d), new in move.items() if d == n.day and n.group in ("", group[p]))
        have = counts[n] + change
        if have < n.min and change < 0:
            out.append(Violation("coverage_min", n.day, None, n.shift, n.group,
                                 f"{have} < {n.min}", n.min - have))
        elif have > n.max and change > 0:
            out.append(Violation("coverage_max", n.day, None, n.shift, n.group,
                                 f"{have} > {n.max}", have - n.max))
    return out


def commonest_breach(problem: Problem, cells: Cells, moves: Sequence[Move]) -> Violation | None:
    """Return the first breach of each move that most of them share (None: no moves)."""
    found = [v[0] for move in moves if (v := added_by(problem, cells, move, first_only=True))]
    if not found:
        return None
    most = Counter(anchor(v) for v in found).most_common(1)[0][0]
    return next(v for v in found if anchor(v) == most)
