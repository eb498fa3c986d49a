"""`/handover`: a note for my shift's handover, or the latest handover I should read."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from bot.domain.shifts import shift_window
from bot.parse.handover import HandoverCmd
from bot.policy import Policy
from bot.services import audit
from bot.services.handover.reading import latest
from bot.services.handover.sending import my_shift
from bot.services.handover.views import load, sent_for
from bot.services.requests import Answer, Notice
from bot.services.staff import StaffView
from db.models import HandoverNote


def run(session: Session, *, who: StaffView, cmd: HandoverCmd, now: datetime,
        policy: Policy) -> Answer:
    """Do what a parsed /handover asks."""
    if cmd.action == "show":
        return latest(session, who=who, now=now, policy=policy)
    return add_note(session, who=who, text=cmd.text, now=now, policy=policy)


def add_note(session: Session, *, who: StaffView, text: str, now: datetime,
             policy: Policy) -> Answer:
    """Add a note to the handover of WHO's shift; once that has gone out, its readers get
    the note at once as an addition."""
    a = my_shift(session, who=who, now=now, policy=policy)
    row = HandoverNote(day=a.day, shift_code=a.shift.code, author=who.slack_id, text=text,
                       created_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor=who.slack_id, action="handover.note", entity="handovernote",
                 entity_id=row.id, after={"day": a.day.isoformat(), "shift": a.shift.code,
                                          "text": text}, at=now)
    count = session.exec(select(func.count()).select_from(HandoverNote).where(
        HandoverNote.day == a.day, col(HandoverNote.shift_code) == a.shift.code)).one()
    sent = sent_for(session, a)
    h = load(session, sent, now, policy) if sent is not None else None
    note = {"author": who.slack_id, "text": text, "at": now.astimezone(policy.tz)}
    tell = [Notice(r.slack_id, "handover_addendum", {"h": h, "note": note})
            for r in h.readers if r.slack_id != who.slack_id] if h is not None else []
    return Answer("handover_noted", {"shift": a.shift, "window": shift_window(a, policy.tz),
                                     "count": int(count), "sent": h, "told": len(tell),
                                     "minutes": policy.jobs.handover.minutes_before},
                  notices=tell)
