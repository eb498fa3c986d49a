"""The inbox: a request from Slack is stored before it is acknowledged, then processed from
here exactly once, also after a crash or restart."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from db.engine import session_scope, urgent
from db.models import Inbox

OPEN = ("new", "working")


@dataclass(frozen=True)
class Item:
    """One stored request: what to run, on what body, at which instant it counts."""

    id: int
    route: str
    body: dict[str, Any]
    received_at: datetime


def key_of(body: dict[str, Any]) -> str:
    """The request's identity: a retried or replayed delivery has the same one."""
    if body.get("event_id"):
        return f"e:{body['event_id']}"
    if body.get("trigger_id"):
        return f"t:{body['trigger_id']}"
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    return "h:" + hashlib.sha256(raw).hexdigest()


def store(engine: Engine, *, route: str, body: dict[str, Any], now: datetime,
          key: str | None = None) -> int | None:
    """Keep a request (committed on return); None when the same one was stored before.
    KEY overrides the identity read from the body (a form's submission names its own)."""
    values = {"key": (key or key_of(body))[:96], "route": route, "received_at": now, "state": "new",
              "body": json.dumps(body, ensure_ascii=False)}
    try:
        with urgent(), session_scope(engine) as session:
            result = session.execute(insert(Inbox).values(**values))
            assert isinstance(result, CursorResult)
            key = result.inserted_primary_key
            return int(key[0]) if key else None
    except IntegrityError:
        return None


@contextmanager
def waited_for() -> Iterator[None]:
    """Work a person is waiting for (a form opening, a submission): its transactions go
    before background work in this process's queue for the database."""
    with urgent():
        yield


def load(engine: Engine, item_id: int) -> Item | None:
    """Read a stored request, or None if it is no longer open."""
    with Session(engine) as session:
        row = session.get(Inbox, item_id)
        if row is None or row.id is None or row.state not in OPEN:
            return None
        return Item(row.id, row.route, json.loads(row.body), row.received_at)


def claim(session: Session, item_id: int, *, state: str, now: datetime,
          from_states: tuple[str, ...] = OPEN) -> bool:
    """Move an open request to STATE; True only for the one caller that moved it."""
    values: dict[str, Any] = {"state": state}
    if state in ("done", "failed"):
        values["done_at"] = now
    result = session.execute(update(Inbox).where(
        col(Inbox.id) == item_id, col(Inbox.state).in_(from_states)).values(**values))
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def mark(engine: Engine, item_id: int, *, state: str, now: datetime) -> bool:
    """Claim in a transaction of its own."""
    with session_scope(engine) as session:
        return claim(session, item_id, state=state, now=now)


def unfinished(engine: Engine) -> list[int]:
    """Requests stored but not finished (a crash or restart came between), oldest first."""
    with Session(engine) as session:
        rows = session.execute(select(col(Inbox.id)).where(
            col(Inbox.state).in_(OPEN)).order_by(col(Inbox.id))).all()
        return [int(r[0]) for r in rows]
