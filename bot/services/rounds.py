"""Missed-call rounds (呼损回拨): each round's record, and the one click that confirms it.

A round names the round before it when nobody confirmed that one, so a forgotten callback
is seen at the next round rather than never.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import CursorResult, update
from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused
from bot.services.requests import Answer, Update
from bot.services.staff import StaffView
from db.models import CallRound


@dataclass(frozen=True)
class RoundView:
    """A round as its post shows it; instants in the team's zone."""

    id: int
    instant: datetime
    unanswered: datetime | None  # the earlier round this one's post names as unconfirmed
    done_by: str | None
    done_at: datetime | None
    channel: str | None
    ts: str | None


def _local(at: datetime | None, tz: tzinfo) -> datetime | None:
    return None if at is None else at.astimezone(tz)


def _view(row: CallRound, tz: tzinfo) -> RoundView:
    assert row.id is not None
    return RoundView(row.id, row.instant.astimezone(tz), _local(row.unanswered, tz),
                     row.done_by, _local(row.done_at, tz), row.channel, row.ts)


def open_round(session: Session, *, instant: datetime, policy: Policy) -> RoundView:
    """Record the round of INSTANT, naming the round before it if nobody confirmed that one."""
    before = session.exec(select(CallRound).where(col(CallRound.instant) < instant)
                          .order_by(col(CallRound.instant).desc())).first()
    unanswered = before.instant if before is not None and before.done_by is None else None
    row = CallRound(instant=instant, unanswered=unanswered)
    session.add(row)
    session.flush()
    return _view(row, policy.tz)


def attach_message(session: Session, *, round_id: int, channel: str, ts: str) -> None:
    """Remember where a round was posted, to show its confirmation there in place."""
    row = session.get(CallRound, round_id)
    if row is not None:
        row.channel, row.ts = channel, ts
        session.add(row)


def confirm(session: Session, *, who: StaffView, round_id: int, now: datetime,
            policy: Policy) -> Answer:
    """Mark a round called back, once: a later click only hears who did it and when."""
    if session.get(CallRound, round_id) is None:
        raise Refused("stale_button")
    result = session.execute(update(CallRound).where(
        col(CallRound.id) == round_id, col(CallRound.done_by).is_(None)).values(
        done_by=who.slack_id, done_at=now))
    assert isinstance(result, CursorResult)
    session.expire_all()  # the row changed behind the ORM's back
    row = session.get(CallRound, round_id)
    assert row is not None
    r = _view(row, policy.tz)
    if result.rowcount != 1:
        return Answer("calls_confirmed", {"r": r, "newly": False})
    audit.record(session, actor=who.slack_id, action="calls.confirmed", entity="callround",
                 entity_id=round_id, after={"instant": row.instant.isoformat()}, at=now)
    shown = [Update(r.channel, r.ts, "calls_round", {"r": r}, team=True)] \
        if r.channel and r.ts else []
    return Answer("calls_confirmed", {"r": r, "newly": True}, updates=shown)
