"""Open requests lapse when the shift they are about starts (`expires_at`): swept by the
clock, so the cards and messages that show them can be redrawn at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services.requests.approvals import OPEN, RequestView, get, transition
from db.models import Request

BOT = "kefu-bot"


@dataclass(frozen=True)
class Lapsed:
    """A request that has just lapsed, and the open state it lapsed from."""

    request: RequestView
    was: str


def lapse_due(session: Session, *, now: datetime, policy: Policy) -> list[Lapsed]:
    """Lapse every open request whose shift has started by NOW; each lapses once, whoever
    else (a click, a list) reaches it first."""
    due = session.exec(select(Request.id, Request.state).where(
        col(Request.state).in_(OPEN), col(Request.expires_at).is_not(None),
        col(Request.expires_at) <= now).order_by(col(Request.id))).all()
    lapsed = []
    for request_id, state in due:
        assert request_id is not None
        if transition(session, request_id, "expired", BOT, now, from_state=state):
            found = get(session, request_id=request_id, policy=policy)
            assert found is not None
            lapsed.append(Lapsed(found, state))
    return lapsed
