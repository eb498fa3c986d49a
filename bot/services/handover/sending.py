"""Sending a handover to the shift taking over, once; and which shift a note belongs to."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.domain.handover import earlier_shifts
from bot.domain.shifts import Assignment, shift_window
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused
from bot.services.handover.views import HandoverView, load
from bot.services.reminders import on_shift
from bot.services.roster import assignments
from bot.services.staff import StaffView
from db.models import Handover, HandoverRead

BOT = "kefu-bot"


def my_shift(session: Session, *, who: StaffView, now: datetime, policy: Policy) -> Assignment:
    """The shift WHO is on now, else their next shift today that has not begun."""
    today = now.astimezone(policy.tz).date()
    mine = assignments(session, staff_id=who.id, first=today - timedelta(days=1), last=today,
                       policy=policy)
    windows = [(shift_window(a, policy.tz), a) for a in mine]
    for (start, end), a in windows:
        if start <= now < end:
            return a
    later = sorted((start, a.shift.code, a) for (start, _), a in windows
                   if a.day == today and start > now)
    if not later:
        raise Refused("handover_no_shift", day=today)
    return later[0][2]


def leaving_for(session: Session, incoming: Assignment, policy: Policy) -> Assignment | None:
    """The shift INCOMING takes over from: the latest one before it that people work."""
    for a in earlier_shifts(incoming, policy.shift_defs(), policy.tz):
        if on_shift(session, day=a.day, code=a.shift.code):
            return a
    return None


def hand_over(session: Session, *, to: Assignment, now: datetime,
              policy: Policy) -> HandoverView | None:
    """Record the handover to the people of TO, once; None when there is no one to send it
    to, no shift before it, or it was sent already."""
    readers = [p.who for p in on_shift(session, day=to.day, code=to.shift.code)]
    leaving = leaving_for(session, to, policy) if readers else None
    if leaving is None:
        return None
    row = Handover(day=leaving.day, shift_code=leaving.shift.code, to_day=to.day,
                   to_code=to.shift.code, sent_at=now)
    try:
        with session.begin_nested():  # a second scheduler, or a rerun, finds it sent
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    assert row.id is not None
    for who in readers:
        session.add(HandoverRead(handover_id=row.id, reader=who.slack_id))
    session.flush()
    audit.record(session, actor=BOT, action="handover.sent", entity="handover",
                 entity_id=row.id, after={"from": [leaving.day.isoformat(), leaving.shift.code],
                                          "to": [to.day.isoformat(), to.shift.code],
                                          "readers": [w.slack_id for w in readers]}, at=now)
    return load(session, row, now, policy)
