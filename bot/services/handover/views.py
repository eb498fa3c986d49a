"""A handover as its readers see it: the leaving shift's notes, the open problem parcels of its
people, their open swaps, and who has read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, or_, select

from bot.domain.shifts import Assignment, ShiftDef, shift_window
from bot.policy import Policy
from bot.services import requests
from bot.services.parcels import ParcelView, open_for_leaving_shift
from bot.services.requests import OPEN, RequestView
from db.models import Handover, HandoverNote, HandoverRead, Request, RosterEntry, Staff

SHOWN = 20  # parcels and swaps listed in a handover; the rest are counted


@dataclass(frozen=True)
class NoteView:
    """One note of a handover; its instant in the team's zone."""

    author: str  # Slack user ID
    text: str
    at: datetime


@dataclass(frozen=True)
class Reader:
    """Someone a handover went to, and when they pressed Read."""

    id: int  # their row: where their copy went is remembered on it
    slack_id: str
    name: str
    read_at: datetime | None


@dataclass(frozen=True)
class Content:
    """What a leaving shift hands over, as of the moment it is read."""

    shift: ShiftDef
    day: date
    window: tuple[datetime, datetime]
    notes: list[NoteView]
    parcels: list[ParcelView]
    swaps: list[RequestView]


@dataclass(frozen=True)
class HandoverView:
    """A handover that was sent: from which shift to which, its content, its readers."""

    id: int
    content: Content
    to_shift: ShiftDef
    to_window: tuple[datetime, datetime]
    sent_at: datetime
    readers: list[Reader]


def notes_of(session: Session, a: Assignment, policy: Policy) -> list[NoteView]:
    """The notes written for the handover of assignment A, oldest first."""
    rows = session.exec(select(HandoverNote).where(
        HandoverNote.day == a.day, HandoverNote.shift_code == a.shift.code)
        .order_by(col(HandoverNote.created_at), col(HandoverNote.id))).all()
    return [NoteView(n.author, n.text, n.created_at.astimezone(policy.tz)) for n in rows]


def _open_swaps(session: Session, a: Assignment, now: datetime,
                policy: Policy) -> list[RequestView]:
    """Open swaps asked by or of the people of A that have not lapsed."""
    people = select(RosterEntry.staff_id).where(
        RosterEntry.day == a.day, RosterEntry.shift_code == a.shift.code)
    ids = session.exec(select(Request.id).where(
        Request.kind == "swap", col(Request.state).in_(OPEN),
        or_(col(Request.requester_id).in_(people), col(Request.counterpart_id).in_(people)),
        or_(col(Request.expires_at).is_(None), col(Request.expires_at) > now))
        .order_by(col(Request.day), col(Request.id))).all()
    found = (requests.get(session, request_id=i, policy=policy) for i in ids if i is not None)
    return [r for r in found if r is not None]


def content(session: Session, a: Assignment, now: datetime, policy: Policy) -> Content:
    """What the shift of A hands over at NOW."""
    parcels = open_for_leaving_shift(session, day=a.day, shift_code=a.shift.code, now=now,
                                     policy=policy)
    return Content(a.shift, a.day, shift_window(a, policy.tz), notes_of(session, a, policy),
                   parcels, _open_swaps(session, a, now, policy))


def readers_of(session: Session, handover_id: int, policy: Policy) -> list[Reader]:
    """Everyone a handover went to, by name."""
    rows = session.exec(select(HandoverRead, Staff.name).join(
        Staff, col(Staff.slack_id) == HandoverRead.reader).where(
        HandoverRead.handover_id == handover_id).order_by(col(Staff.name))).all()
    return [Reader(r.id or 0, r.reader, name,
                   r.read_at.astimezone(policy.tz) if r.read_at else None) for r, name in rows]


def load(session: Session, row: Handover, now: datetime, policy: Policy) -> HandoverView:
    """Describe a sent handover at NOW."""
    assert row.id is not None
    leaving, taking = policy.find_shift(row.shift_code), policy.find_shift(row.to_code)
    if leaving is None or taking is None:  # the catalogue changed: keep the stored codes
        leaving = leaving or ShiftDef(row.shift_code, row.shift_code, row.shift_code, 0, 1)
        taking = taking or ShiftDef(row.to_code, row.to_code, row.to_code, 0, 1)
    to = Assignment(row.to_day, taking)
    return HandoverView(row.id, content(session, Assignment(row.day, leaving), now, policy),
                        taking, shift_window(to, policy.tz), row.sent_at.astimezone(policy.tz),
                        readers_of(session, row.id, policy))


def sent_for(session: Session, a: Assignment) -> Handover | None:
    """The handover the shift of A has sent, if it has."""
    return session.exec(select(Handover).where(
        Handover.day == a.day, Handover.shift_code == a.shift.code)).first()
