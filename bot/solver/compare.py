"""Which rule breaches a change adds: a roster need not be perfect to be changed.

A roster imported by hand may already break a rule somewhere. A change (a swap, leave) is
judged by what it makes worse: a breach that was there before and is no worse after is not
the change's doing. Breaches are matched by where they are (rule, person or shift, day, or
the week or month an aggregate rule counts), and compared by how far past the limit they go.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.solver.problem import Violation
from bot.solver.rules import week_of

Anchor = tuple[object, ...]


def anchor(v: Violation) -> Anchor:
    """Where a breach is, whatever its size: the same place before and after is one breach."""
    if v.rule in ("coverage_min", "coverage_max"):
        return v.rule, v.day, v.shift, v.group
    if v.rule == "working_days_per_week" and v.day is not None:
        return v.rule, v.person, week_of(v.day)  # the week's last worked day may move
    if v.rule == "max_shifts":
        return v.rule, v.person, v.shift  # one count per shift code
    if v.rule == "rest_days_per_month" and v.day is not None:
        return v.rule, v.person, v.day.year, v.day.month
    return v.rule, v.person, v.day


def added(before: Iterable[Violation], after: Iterable[Violation]) -> list[Violation]:
    """Return the breaches of AFTER that BEFORE did not have, or had less far past the limit."""
    was: dict[Anchor, int] = {}
    for v in before:
        was[anchor(v)] = max(v.excess, was.get(anchor(v), v.excess))
    return [v for v in after if anchor(v) not in was or v.excess > was[anchor(v)]]
