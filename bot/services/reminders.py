"""Who the shift reminders speak to: the people of a shift (leave days left out) and whether
each has clocked in, and yesterday's missed punches that can still be made up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from bot.domain.attendance import MissedPunch
from bot.policy import Policy
from bot.services.attendance import missed_to_mention
from bot.services.staff import StaffView, view
from db.models import LeaveDay, Punch, RosterEntry, Staff


@dataclass(frozen=True)
class OnShift:
    """A person rostered on a shift, and whether their clock-in for it is on record."""

    who: StaffView
    clocked_in: bool


@dataclass(frozen=True)
class Missed:
    """A person's missed punches of one day that a make-up can still fill."""

    who: StaffView
    punches: list[MissedPunch]


def _rostered(session: Session, day: date, code: str | None) -> list[Staff]:
    """Active people rostered on DAY (on shift CODE, or on any shift), not on leave."""
    on_leave = select(LeaveDay.staff_id).where(LeaveDay.day == day)
    query = select(Staff).join(RosterEntry, col(RosterEntry.staff_id) == col(Staff.id)).where(
        RosterEntry.day == day, col(RosterEntry.shift_code).is_not(None), col(Staff.active),
        col(Staff.id).not_in(on_leave))
    if code is not None:
        query = query.where(RosterEntry.shift_code == code)
    return list(session.exec(query.order_by(col(Staff.name), col(Staff.id))).all())


def on_shift(session: Session, *, day: date, code: str) -> list[OnShift]:
    """The people of shift CODE on DAY, by name, with whether each has clocked in for it."""
    punched = set(session.exec(select(Punch.staff_id).where(
        Punch.shift_day == day, Punch.shift_code == code, Punch.kind == "in")).all())
    return [OnShift(view(p), p.id in punched) for p in _rostered(session, day, code)]


def missed_yesterday(session: Session, *, now: datetime, policy: Policy) -> list[Missed]:
    """Each person with a missed punch (缺卡) on yesterday's shift that can still be made up
    and is not asked for yet."""
    yesterday = now.astimezone(policy.tz).date() - timedelta(days=1)
    found = []
    for person in _rostered(session, yesterday, None):
        who = view(person)
        missed = [m for m in missed_to_mention(session, who=who, now=now, policy=policy)
                  if m.day == yesterday]
        if missed:
            found.append(Missed(who, missed))
    return found
