"""Shifts below coverage after a roster change, for the flag in the approvals channel."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.services.requests import Notice
from bot.services.roster.problem import Team
from bot.solver.check import violations

Cells = Mapping[tuple[int, date], str | None]


@dataclass(frozen=True)
class Gap:
    """A shift on a day with fewer people of a group than its coverage minimum."""

    day: date
    shift: str
    group: str
    have: int
    need: int


def gaps(team: Team, cells: Cells, days: Iterable[date], before: Cells | None = None) -> list[Gap]:
    """Every shift on DAYS below its minimum in CELLS; given the roster BEFORE a change, only
    the gaps the change opened or deepened (a shift already short is not news)."""
    found = _gaps(team, cells, set(days))
    if before is None:
        return found
    was = {(g.day, g.shift, g.group): g.have for g in _gaps(team, before, set(days))}
    return [g for g in found if g.have < was.get((g.day, g.shift, g.group), g.need)]


def _gaps(team: Team, cells: Cells, wanted: set[date]) -> list[Gap]:
    """Every shift on the WANTED days below its minimum in CELLS."""
    need = {(n.day, n.shift, n.group): n.min for n in team.problem.needs}
    groups = {p.id: p.group for p in team.problem.people}
    out = []
    for v in violations(team.problem, cells):
        if v.rule != "coverage_min" or v.day not in wanted or v.shift is None:
            continue
        group = v.group or ""
        have = sum(1 for (pid, day), code in cells.items()
                   if day == v.day and code == v.shift and pid in groups
                   and (not group or groups[pid] == group))
        out.append(Gap(v.day, v.shift, group, have, need.get((v.day, v.shift, group), 0)))
    return sorted(out, key=lambda g: (g.day, g.shift, g.group))


def gap_notices(effect: object) -> list[Notice]:
    """Flag shifts left below coverage in the approvals channel."""
    found = getattr(effect, "gaps", None)
    return [Notice("approvals", "coverage_gap", {"gaps": found})] if found else []
