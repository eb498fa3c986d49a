"""Notices that go out once per subject (a parcel's hold, a person's absence in a month):
recorded in the transaction of the post itself, so a repeated run, a restart or a second
scheduler finds the record and stays quiet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from db.models import NoticeSent


def first_time(session: Session, *, topic: str, subject: str, now: datetime) -> bool:
    """Record TOPIC for SUBJECT; False when it was recorded before (by anyone)."""
    try:
        with session.begin_nested():
            session.add(NoticeSent(topic=topic, subject=subject, at=now))
            session.flush()
    except IntegrityError:
        return False
    return True
