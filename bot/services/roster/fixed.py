"""The one place that decides which roster cells are history and may no longer change.

A shift has begun once its start instant (on the team's wall clock) is not after now. A
day's punches are judged once the person has any punch for it, or its shift has begun (an
ended shift has begun). A rest cell is history once no shift of the catalogue can start on
its day any more. Every writer of roster cells asks `Fixed.allows`; a change of the past
goes only through an explicit, audited correction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from bot.domain.period import Week
from bot.domain.shifts import Assignment, shift_window
from bot.policy import Policy
from bot.services.errors import Refused
from bot.services.roster.entries import Cell, store_cells
from db.models import Punch, RosterEntry, Staff

Key = tuple[int, date]


@dataclass(frozen=True)
class Fixed:
    """The roster and punches of some days as seen at NOW: what is history, what may change."""

    now: datetime
    policy: Policy
    current: Mapping[Key, str | None]  # the roster rows of the days loaded
    punched: frozenset[Key]  # (person, roster day) with at least one punch

    def start(self, day: date, code: str) -> datetime:
        """When shift CODE starts on DAY; an unknown code counts from the day's midnight."""
        shift = self.policy.find_shift(code)
        if shift is None:
            return datetime.combine(day, time(), tzinfo=self.policy.tz)
        return shift_window(Assignment(day, shift), self.policy.tz)[0]

    def begun(self, day: date, code: str | None) -> bool:
        """True once shift CODE on DAY has started; a rest day once no shift can start."""
        if code is not None:
            return self.start(day, code) <= self.now
        return all(self.start(day, s.code) <= self.now for s in self.policy.shift_defs())

    def judged(self, key: Key) -> bool:
        """True when the cell is history: its shift has begun, or it has punches."""
        return key in self.punched or self.begun(key[1], self.current.get(key))

    def allows(self, key: Key, code: str | None) -> bool:
        """True when the cell may become CODE without rewriting the past."""
        if self.current.get(key) == code:
            return True
        return not self.judged(key) and (code is None or not self.begun(key[1], code))

    def day_begun(self, day: date) -> bool:
        """True once the day's first shift has started or anyone has punched for it."""
        if any(d == day for _, d in self.punched):
            return True
        return any(self.start(day, s.code) <= self.now for s in self.policy.shift_defs())

    def first_open(self, days: Sequence[date]) -> date | None:
        """The day after the last of DAYS (in order) that has begun; None if the last has."""
        begun = [i for i, d in enumerate(days) if self.day_begun(d)]
        after = begun[-1] + 1 if begun else 0
        return days[after] if after < len(days) else None

    def cells(self, people: Iterable[int], days: Iterable[date]) -> dict[Key, str | None]:
        """The cells of PEOPLE on DAYS that are history, with their codes (for the solver)."""
        days = tuple(days)
        return {(p, d): self.current.get((p, d)) for p in people for d in days
                if self.judged((p, d))}


def load_fixed(session: Session, *, first: date, last: date, now: datetime, policy: Policy,
               people: Collection[int] | None = None) -> Fixed:
    """Read the roster and punches of FIRST..LAST (of PEOPLE, or everyone) as at NOW."""
    rows = select(col(RosterEntry.staff_id), col(RosterEntry.day),
                  col(RosterEntry.shift_code)).where(col(RosterEntry.day).between(first, last))
    punches = select(col(Punch.staff_id), col(Punch.shift_day)).where(
        col(Punch.shift_day).between(first, last))
    if people is not None:
        rows = rows.where(col(RosterEntry.staff_id).in_(people))
        punches = punches.where(col(Punch.staff_id).in_(people))
    current = {(sid, day): code for sid, day, code in session.execute(rows)}
    punched = frozenset((sid, day) for sid, day in session.execute(punches))
    return Fixed(now, policy, current, punched)


def history(session: Session, cells: Sequence[Cell], *, now: datetime,
            policy: Policy) -> list[tuple[int, str | None]]:
    """The positions of CELLS that would change a begun shift or a judged day, each with
    the code the roster holds there now."""
    if not cells:
        return []
    fixed = load_fixed(session, first=min(c.day for c in cells), last=max(c.day for c in cells),
                       now=now, policy=policy, people={c.staff_id for c in cells})
    return [(i, fixed.current.get((c.staff_id, c.day))) for i, c in enumerate(cells)
            if not fixed.allows((c.staff_id, c.day), c.shift_code)]


def open_from(session: Session, *, week: Week, now: datetime,
              policy: Policy) -> tuple[date, Fixed]:
    """The first day of WEEK a draft may still plan, and the week as it stands; a week
    wholly begun is refused."""
    fixed = load_fixed(session, first=week.monday, last=week.days[-1], now=now, policy=policy)
    first = fixed.first_open(week.days)
    if first is None:
        raise Refused("roster_week_past", week=str(week),
                      today=now.astimezone(policy.tz).date())
    return first, fixed


def write_cells(session: Session, cells: Sequence[Cell], *, actor: str, source: str,
                now: datetime, policy: Policy, correction: str | None = None) -> int:
    """Write cells, refusing any that would change a begun shift or a judged day, unless
    this is an explicit CORRECTION: its reason is audited with every cell, and the caller
    re-derives the days (attendance's `correct_shifts`)."""
    if correction is not None or not cells:
        return store_cells(session, cells, actor=actor, source=source, reason=correction)
    fixed = load_fixed(session, first=min(c.day for c in cells), last=max(c.day for c in cells),
                       now=now, policy=policy, people={c.staff_id for c in cells})
    for c in cells:
        if not fixed.allows((c.staff_id, c.day), c.shift_code):
            person = session.get(Staff, c.staff_id)
            raise Refused("roster_begun", day=c.day, shift=fixed.current.get((c.staff_id, c.day)),
                          who=person.name if person else str(c.staff_id), to=c.shift_code,
                          punched=(c.staff_id, c.day) in fixed.punched)
    return store_cells(session, cells, actor=actor, source=source)
