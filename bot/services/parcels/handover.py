"""Problem parcels at a shift change: the open ones of the people whose shift is ending."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services.parcels.views import ParcelView, open_for_handover
from db.models import RosterEntry, Staff


def owners_on_shift(session: Session, *, day: date, shift_code: str) -> list[str]:
    """Return the Slack IDs of the active people rostered for SHIFT_CODE on DAY."""
    on_shift = col(RosterEntry.staff_id) == Staff.id
    rows = session.exec(select(Staff.slack_id).join(RosterEntry, on_shift).where(
        RosterEntry.day == day, RosterEntry.shift_code == shift_code, col(Staff.active))).all()
    return list(rows)


def open_for_leaving_shift(session: Session, *, day: date, shift_code: str, now: datetime,
                           policy: Policy) -> list[ParcelView]:
    """Return the open parcels owned by the people of a shift that is ending (the handover)."""
    owners = owners_on_shift(session, day=day, shift_code=shift_code)
    return open_for_handover(session, owners=owners, now=now, policy=policy)
