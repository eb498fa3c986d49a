"""Shift wishes (排班意愿): a shift or a day off asked for ahead; the solver tries to honour it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused
from bot.services.requests import Answer
from bot.services.roster.entries import REST_WORDS
from bot.services.staff import StaffView
from db.models import RosterWish


def file_wish(session: Session, *, who: StaffView, day: date, shift_text: str, now: datetime,
              policy: Policy) -> Answer:
    """Record (or replace) WHO's wish for DAY, filed at least `wish_days_ahead` ahead."""
    today = now.astimezone(policy.tz).date()
    first = today + timedelta(days=policy.roster.wish_days_ahead)
    if day < first:
        raise Refused("wish_too_late", day=day, first=first)
    code = None
    if shift_text.strip().lower() not in REST_WORDS:
        shift = policy.find_shift(shift_text)
        if shift is None:
            raise Refused("wish_unknown_shift", word=shift_text,
                          codes=[s.code for s in policy.shifts])
        code = shift.code
    row = session.exec(select(RosterWish).where(RosterWish.staff_id == who.id,
                                                RosterWish.day == day)).first()
    before = None if row is None else row.shift_code or "rest"
    row = row or RosterWish(staff_id=who.id, day=day)
    row.shift_code, row.created_at = code, now
    session.add(row)
    audit.record(session, actor=who.slack_id, action="roster.wish", entity="rosterwish",
                 entity_id=f"{who.id}:{day}", before=before, after=code or "rest", at=now)
    upcoming = session.exec(select(RosterWish).where(
        RosterWish.staff_id == who.id, col(RosterWish.day) >= today,
    ).order_by(col(RosterWish.day))).all()
    return Answer("roster_wish", {"day": day, "code": code,
                                  "wishes": [(w.day, w.shift_code) for w in upcoming]})
