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


def gaps(team: Team, cells: Cells, days: Iterable[date]) -> list[Gap]:
    """Every shift on DAYS below its minimum in CELLS."""
    wanted = set(days)
    need = {(n.day, n.shift, n.group): n.min for n in team.problem.needs}
    groups = {p.id: p.group for p in team.problem.people}
    out = []
    for v in violations(team.problem, cells):
        if v.rule != "coverage_min" or v.day not in wanted or v.shift is None:
            continue
        group = v.group or ""
        have = sum(1 for (pid, day), code in cells.items()
                   if day == v.day and code == v.shift and (not group or groups.get(pid) == group))
        out.append(Gap(v.day, v.shift, group, have, need.get((v.day, v.shift, group), 0)))
    return sorted(out, key=lambda g: (g.day, g.shift, g.group))


def gap_notices(effect: object) -> list[Notice]:
    """Flag shifts left below coverage in the approvals channel."""
    found = getattr(effect, "gaps", None)
    return [Notice("approvals", "coverage_gap", {"gaps": found})] if found else []
