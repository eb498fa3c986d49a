"""A week's attendance, as published every Monday (每星期一公布上周考勤): each rostered or
fined person's shifts, lateness, early leave, missed punches, absence, leave and fines.
One query per table, however large the team."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from bot.domain.attendance import ShiftOutcome, judge_shifts
from bot.domain.period import Month
from bot.policy import Policy
from bot.services.attendance.rows import judging, punch_facts, roster_between
from bot.services.leave import MonthLeave, month_leave
from bot.services.ledger import net_fen_between
from db.models import Staff


@dataclass(frozen=True)
class WeekRow:
    """One person's week."""

    name: str
    scheduled: int
    attended: int
    late_count: int
    late_minutes: int
    early_count: int
    missed: int
    absence_days: Decimal
    leave_days: int
    fines_fen: int  # net of the week's entries: fines less reversals

    @property
    def full_attendance(self) -> bool:
        """Every shift worked, none late or left early, no punch missed, no leave."""
        return self.scheduled > 0 and self.attended == self.scheduled and not (
            self.late_count or self.early_count or self.missed or self.absence_days
            or self.leave_days)


def _leave(session: Session, first: date, last: date, policy: Policy) -> MonthLeave:
    """Approved leave of FIRST..LAST, from the months it touches (a week may span two)."""
    merged = MonthLeave({}, {})
    for month in sorted({Month.of(first), Month.of(last)}):
        part = month_leave(session, month=month, policy=policy)
        for sid, days in part.days.items():
            merged.days.setdefault(sid, set()).update(d for d in days if first <= d <= last)
        for sid, shifts in part.shifts.items():
            merged.shifts.setdefault(sid, []).extend(
                a for a in shifts if first <= a.day <= last)
    return merged


def _row(name: str, outcomes: Sequence[ShiftOutcome], fines_fen: int) -> WeekRow:
    judged = [o for o in outcomes if o.state in ("running", "over")]
    late = [o.minutes_late for o in judged if o.minutes_late > 0]
    return WeekRow(
        name, len(outcomes), sum(1 for o in judged if o.worked), len(late), sum(late),
        sum(1 for o in judged if o.minutes_early > 0), sum(len(o.missed) for o in judged),
        Decimal(sum(o.absence_half_days for o in judged)) / 2,
        sum(1 for o in outcomes if o.state == "leave"), fines_fen)


def week_rows(session: Session, *, first: date, last: date, now: datetime,
              policy: Policy) -> list[WeekRow]:
    """One row per person rostered or fined in FIRST..LAST, by name, judged as of NOW."""
    leave = _leave(session, first, last, policy)
    roster = roster_between(session, first, last, policy, leave)
    punches = punch_facts(session, first, last)
    fines = net_fen_between(session, first=first, last=last)
    involved = {sid for sid, shifts in roster.items() if shifts} | fines.keys()
    people = session.exec(select(Staff.id, Staff.name).where(col(Staff.id).in_(involved))
                          .order_by(col(Staff.name), col(Staff.id))).all() if involved else []
    rules = judging(policy)
    rows = []
    for sid, name in people:
        assert sid is not None
        outcomes = judge_shifts(roster.get(sid, []), punches.get(sid, []),
                                leave_days=leave.days.get(sid, ()), now=now, tz=policy.tz,
                                rules=rules)
        rows.append(_row(name, outcomes, fines.get(sid, 0)))
    return rows
