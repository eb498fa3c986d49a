"""Reading a handover: the Read click (once), the latest one a person should read, and who
of a shift has not read theirs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CursorResult, update
from sqlmodel import Session, col, select

from bot.domain.shifts import Assignment
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused
from bot.services.handover.views import HandoverView, Reader, load
from bot.services.requests import Answer, Update
from bot.services.staff import StaffView
from db.models import Handover, HandoverRead


def _reader_row(session: Session, handover_id: int, slack_id: str) -> HandoverRead | None:
    return session.exec(select(HandoverRead).where(
        HandoverRead.handover_id == handover_id, HandoverRead.reader == slack_id)).first()


def mark_read(session: Session, *, who: StaffView, handover_id: int, now: datetime,
              policy: Policy) -> Answer:
    """Record that WHO read a handover, once: a later click only hears when they did."""
    row = session.get(Handover, handover_id)
    mine = _reader_row(session, handover_id, who.slack_id) if row is not None else None
    if row is None or mine is None:
        raise Refused("handover_not_reader")
    result = session.execute(update(HandoverRead).where(
        col(HandoverRead.id) == mine.id, col(HandoverRead.read_at).is_(None)).values(
        read_at=now))
    assert isinstance(result, CursorResult)
    session.expire_all()  # the row changed behind the ORM's back
    h = load(session, row, now, policy)
    me = next(r for r in h.readers if r.slack_id == who.slack_id)
    if result.rowcount != 1:
        return Answer("handover_read", {"h": h, "me": me, "newly": False})
    audit.record(session, actor=who.slack_id, action="handover.read", entity="handover",
                 entity_id=handover_id, at=now)
    shown = [Update(mine.channel, mine.ts, "handover_dm", {"h": h, "me": me}, team=False,
                    reader=who.slack_id)] if mine.channel and mine.ts else []
    return Answer("handover_read", {"h": h, "me": me, "newly": True}, updates=shown)


def latest(session: Session, *, who: StaffView, now: datetime, policy: Policy) -> Answer:
    """The latest handover sent to WHO, with Read while unread; or that there is none."""
    row = session.exec(select(Handover).join(
        HandoverRead, col(HandoverRead.handover_id) == Handover.id).where(
        HandoverRead.reader == who.slack_id)
        .order_by(col(Handover.sent_at).desc(), col(Handover.id).desc())).first()
    if row is None:
        return Answer("handover_none", {})
    h = load(session, row, now, policy)
    me = next(r for r in h.readers if r.slack_id == who.slack_id)
    return Answer("handover_dm", {"h": h, "me": me}, buttons=None if me.read_at else "handover",
                  ref=h.id)


def unread(session: Session, *, to: Assignment, now: datetime,
           policy: Policy) -> tuple[HandoverView, list[Reader]] | None:
    """The handover sent to the shift of TO and who of its people has not read it."""
    row = session.exec(select(Handover).where(
        Handover.to_day == to.day, Handover.to_code == to.shift.code)
        .order_by(col(Handover.id))).first()
    if row is None:
        return None
    h = load(session, row, now, policy)
    return h, [r for r in h.readers if r.read_at is None]


def attach_message(session: Session, *, read_id: int, channel: str, ts: str) -> None:
    """Remember where a reader's copy was posted, to mark it read there in place."""
    row = session.get(HandoverRead, read_id)
    if row is not None:
        row.channel, row.ts = channel, ts
        session.add(row)
