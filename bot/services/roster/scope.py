"""Who takes shifts, and how the policy's coverage rows count them on this team.

Groups are optional. Coverage rows count the people of their group; a person with none of
the groups the rows name still takes shifts and counts only for rows with no group. When
nobody who takes shifts has any of those groups (a team that does not use groups), every
row applies to the whole team: the rows of a shift are summed into one row for anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.policy.roster import CoverageRow, SoftCoverage
from bot.solver.problem import Need
from db.models import Staff

NO_MAX = 999  # a row without a maximum


@dataclass(frozen=True)
class Scope:
    """How coverage applies: the groups its rows name, and whether they are pooled."""

    groups: tuple[str, ...]  # the groups the coverage names, in policy order
    pooled: bool  # nobody has any of them: the rows count the whole team, summed per shift
    outside: tuple[str, ...] = ()  # names of people in none of those groups (per group only)

    @property
    def note(self) -> bool:
        """True when the team should be told how its coverage is counted."""
        return bool(self.groups) and (self.pooled or bool(self.outside))


def takes_shifts(s: Staff) -> bool:
    """Agents take shifts; a lead does when given a group (`kefu staff add … --group`)."""
    return s.active and (s.role == "agent" or (s.role == "lead" and bool(s.group_name)))


def rostered(session: Session) -> list[Staff]:
    """Active staff who take shifts, in the order they were added."""
    rows = session.exec(select(Staff).where(col(Staff.active)).order_by(col(Staff.id))).all()
    return [s for s in rows if takes_shifts(s)]


def scope_of(policy: Policy, staff: Sequence[Staff]) -> Scope:
    """How the policy's coverage counts these people."""
    groups = tuple(dict.fromkeys(r.group for r in policy.roster.coverage if r.group))
    if not groups or not staff:
        return Scope(groups, pooled=False)
    if not any(s.group_name in groups for s in staff):
        return Scope(groups, pooled=True)
    return Scope(groups, False, tuple(s.name for s in staff if s.group_name not in groups))


def team_scope(session: Session, policy: Policy) -> Scope:
    """How the policy's coverage counts the team as it is now."""
    return scope_of(policy, rostered(session))


def _weights(rows: list[CoverageRow], soft: SoftCoverage | None) -> tuple[int | None, int]:
    """What a person short of the rows' min costs (None: min is hard), and one above it;
    pooled rows are hard if any is, else cost as the dearest."""
    under = [r.under if r.under is not None else (soft.under if soft else None) for r in rows]
    over = [r.over if r.over is not None else (soft.over if soft else 0) for r in rows]
    hard = any(u is None for u in under)
    return (None if hard else max(u for u in under if u is not None)), max(over)


def _need(day: date, shift: str, rows: list[CoverageRow], pooled: bool,
          soft: SoftCoverage | None) -> list[Need]:
    """The needs of one shift on one day from its coverage rows."""
    if not rows:
        return [Need(day, shift, "", 0, 0)]  # a shift with no row is not staffed that day
    if pooled:
        most = NO_MAX if any(r.max is None for r in rows) else sum(r.max or 0 for r in rows)
        return [Need(day, shift, "", sum(r.min for r in rows), most, *_weights(rows, soft))]
    return [Need(day, shift, r.group, r.min, r.max if r.max is not None else NO_MAX,
                 *_weights([r], soft)) for r in rows]


def needs(policy: Policy, days: tuple[date, ...], rest: frozenset[date],
          pooled: bool) -> tuple[Need, ...]:
    """Coverage per day and shift: per group, or summed for anyone when POOLED."""
    out: list[Need] = []
    for day in days:
        kind = "restday" if day in rest else "workday"
        for s in policy.shifts:
            rows = [r for r in policy.roster.coverage
                    if r.shift == s.code and r.days in ("all", kind)]
            out.extend(_need(day, s.code, rows, pooled, policy.roster.soft_coverage))
    return tuple(out)
