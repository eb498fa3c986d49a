"""Requests that wait for a lead: filing, deciding once, cancelling, expiring.

Deciding is one conditional UPDATE (`… WHERE state = 'pending'`): however many clicks
arrive, exactly one changes the state; the others read who decided.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, update
from sqlmodel import Session, select

from bot.policy import Policy
from bot.services import audit
from bot.services.errors import LEADS, Refused, require_role
from bot.services.staff import StaffView, view
from db.models import Request, Staff

PENDING = "pending"
PROPOSED = "proposed"  # a swap waiting for its counterpart
OPEN = (PROPOSED, PENDING)
Applier = Callable[[Session, "RequestView", StaffView, datetime, Policy], Any]


@dataclass(frozen=True)
class RequestView:
    """A request as handlers and templates see it; instants in the team's zone."""

    id: int
    kind: str
    state: str
    requester: StaffView
    payload: dict[str, Any]
    reason: str | None
    day: date | None
    expires_at: datetime | None
    channel: str | None
    ts: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    created_at: datetime
    counterpart: StaffView | None = None  # a swap's other person
    counterpart_channel: str | None = None  # where the counterpart's message is
    counterpart_ts: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a decision did: `changed` is False when someone else had already decided."""

    request: RequestView
    changed: bool
    effect: Any = None


def _view(row: Request, requester: Staff, policy: Policy,
          counterpart: Staff | None = None) -> RequestView:
    assert row.id is not None
    tz = policy.tz
    return RequestView(
        row.id, row.kind, row.state, view(requester), json.loads(row.payload), row.reason,
        row.day, row.expires_at.astimezone(tz) if row.expires_at else None, row.channel,
        row.ts, row.decided_by,
        row.decided_at.astimezone(tz) if row.decided_at else None, row.decision_note,
        row.created_at.astimezone(tz), view(counterpart) if counterpart else None,
        row.counterpart_channel, row.counterpart_ts)


def get(session: Session, *, request_id: int, policy: Policy) -> RequestView | None:
    """Load one request with its requester."""
    found = session.exec(select(Request, Staff).join(
        Staff, Request.requester_id == Staff.id).where(Request.id == request_id)).first()  # type: ignore[arg-type]
    if found is None:
        return None
    other = session.get(Staff, found[0].counterpart_id) if found[0].counterpart_id else None
    return _view(found[0], found[1], policy, other)


def file(session: Session, *, kind: str, requester: StaffView, payload: dict[str, Any],
         reason: str | None, day: date | None, now: datetime, policy: Policy,
         dedupe_key: str | None = None, expires_at: datetime | None = None,
         state: str = PENDING, counterpart_id: int | None = None) -> tuple[RequestView, bool]:
    """File a request; the same pending request filed twice is returned, not doubled."""
    if dedupe_key:
        same = session.exec(select(Request).where(Request.dedupe_key == dedupe_key)).first()
        if same is not None and same.id is not None:
            found = get(session, request_id=same.id, policy=policy)
            assert found is not None
            return found, False
    row = Request(kind=kind, requester_id=requester.id, payload=json.dumps(payload),
                  reason=reason, day=day, dedupe_key=dedupe_key, created_at=now,
                  expires_at=expires_at, state=state, counterpart_id=counterpart_id)
    session.add(row)
    session.flush()
    audit.record(session, actor=requester.slack_id, action=f"request.{kind}", entity="request",
                 entity_id=row.id, after={"state": state, "payload": payload, "reason": reason})
    assert row.id is not None
    filed = get(session, request_id=row.id, policy=policy)
    assert filed is not None
    return filed, True


def attach_message(session: Session, *, request_id: int, channel: str, ts: str,
                   counterpart: bool = False) -> None:
    """Remember the approvals-channel message (or the counterpart's DM) that shows it."""
    row = session.get(Request, request_id)
    if row is None:
        return
    if counterpart:
        row.counterpart_channel, row.counterpart_ts = channel, ts
    else:
        row.channel, row.ts = channel, ts
    session.add(row)


def transition(session: Session, request_id: int, state: str, actor: str, now: datetime,
               note: str | None = None, *, from_state: str = PENDING) -> bool:
    """Move a request from FROM_STATE to STATE and audit it; True only for the one call
    that moved it."""
    values: dict[str, Any] = {"state": state}
    if state not in OPEN:
        values.update(decided_by=actor, decided_at=now, decision_note=note)
    if state not in (*OPEN, "approved"):
        values["dedupe_key"] = None  # a refused request may be filed again
    result = session.execute(update(Request).where(
        Request.id == request_id, Request.state == from_state).values(**values))  # type: ignore[arg-type]
    assert isinstance(result, CursorResult)
    moved = result.rowcount == 1
    if moved:
        audit.record(session, actor=actor, action=f"request.{state}", entity="request",
                     entity_id=request_id, before={"state": from_state}, after={"state": state},
                     at=now)
    session.expire_all()  # the row changed behind the ORM's back
    return moved


def _reload(session: Session, request_id: int, policy: Policy) -> RequestView:
    found = get(session, request_id=request_id, policy=policy)
    assert found is not None
    return found


def decide(session: Session, *, request_id: int, approve: bool, actor: StaffView,
           now: datetime, policy: Policy, apply: Applier | None = None,
           note: str | None = None) -> Outcome:
    """Approve or reject once; the role is checked here, whatever the client showed."""
    require_role(actor)
    current = get(session, request_id=request_id, policy=policy)
    if current is None:
        raise Refused("no_request", id=request_id)
    if current.requester.id == actor.id and current.state == PENDING:
        raise Refused("own_request", id=request_id)
    if current.state == PENDING and current.expires_at and now >= current.expires_at:
        transition(session, request_id, "expired", "kefu-bot", now)
        return Outcome(_reload(session, request_id, policy), changed=False)
    state = "approved" if approve else "rejected"
    if not transition(session, request_id, state, actor.slack_id, now, note):
        return Outcome(_reload(session, request_id, policy), changed=False)
    decided = _reload(session, request_id, policy)
    effect = apply(session, decided, actor, now, policy) if approve and apply else None
    return Outcome(decided, changed=True, effect=effect)


def cancel(session: Session, *, request_id: int, who: StaffView, now: datetime,
           policy: Policy) -> Outcome:
    """The requester (or a lead) withdraws an open request."""
    current = get(session, request_id=request_id, policy=policy)
    if current is None:
        raise Refused("no_request", id=request_id)
    if current.requester.id != who.id and who.role not in LEADS:
        raise Refused("not_yours", id=request_id)
    changed = current.state in OPEN and transition(
        session, request_id, "cancelled", who.slack_id, now, from_state=current.state)
    return Outcome(_reload(session, request_id, policy), changed=changed)
