"""The leads' custom reminders (`/kefu remind`): kept in a table, read by the scheduler every
minute, so one added while it runs is posted at its next time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlmodel import Session, col, select

from bot.parse.remind import Schedule
from bot.policy.jobs import Days
from bot.services import audit
from bot.services.errors import Refused, require_role
from bot.services.staff import StaffView
from db.models import Reminder


@dataclass(frozen=True)
class ReminderView:
    """A reminder as the list, the reply and the scheduler see it."""

    id: int
    spec: str
    times: tuple[str, ...]
    days: Days
    text: str
    created_by: str
    created_at: datetime


def _view(r: Reminder) -> ReminderView:
    assert r.id is not None
    return ReminderView(r.id, r.spec, tuple(r.times.split(",")), cast(Days, r.days), r.text,
                        r.created_by, r.created_at)


def add(session: Session, *, who: StaffView, schedule: Schedule, text: str,
        now: datetime) -> ReminderView:
    """Keep a lead's reminder; it is posted from its next time on."""
    require_role(who)
    row = Reminder(spec=schedule.spec, times=",".join(schedule.times), days=schedule.days,
                   text=text, created_by=who.slack_id, created_at=now)
    session.add(row)
    session.flush()
    added = _view(row)
    audit.record(session, actor=who.slack_id, action="remind.add", entity="reminder",
                 entity_id=row.id, after={"spec": row.spec, "days": row.days, "text": text},
                 at=now)
    return added


def remove(session: Session, *, who: StaffView, reminder_id: int,
           now: datetime) -> ReminderView:
    """Stop a reminder; the row stays, so its past runs still name it."""
    require_role(who)
    row = session.get(Reminder, reminder_id)
    if row is None or not row.active:
        raise Refused("no_reminder", id=reminder_id)
    row.active, row.removed_by, row.removed_at = False, who.slack_id, now
    session.add(row)
    audit.record(session, actor=who.slack_id, action="remind.remove", entity="reminder",
                 entity_id=reminder_id, before={"active": True}, after={"active": False},
                 at=now)
    return _view(row)


def active(session: Session) -> list[ReminderView]:
    """Every reminder still running, oldest first."""
    rows = session.exec(select(Reminder).where(col(Reminder.active))
                        .order_by(col(Reminder.id))).all()
    return [_view(r) for r in rows]


def text_if_active(session: Session, *, reminder_id: int) -> str | None:
    """The reminder's text, or None once it has been removed."""
    row = session.get(Reminder, reminder_id)
    return row.text if row is not None and row.active else None
