"""The outbox: every message for Slack is a row written in the transaction of the change that
caused it, so a message is never lost with an acknowledged change nor sent for one that was
rolled back. The dispatcher sends the rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from db.models import Outbox

Kick = Callable[[list[tuple[int, str]]], None]
# The request (inbox item) being worked on: posts it causes keep their own order, while the
# posts of different requests to one busy channel go out side by side.
ORIGIN: ContextVar[int | None] = ContextVar("kefu_origin", default=None)


def wall_clock() -> datetime:
    """Delivery runs on real time, whatever instant the business logic is told it is."""
    return datetime.now(UTC)


def lane_of(kind: str, payload: dict[str, Any]) -> str:
    """Where a message goes: messages in one lane are sent in the order they were written
    (one reply URL, one person's Home or DM; one channel's posts from one request)."""
    args = payload.get("args") or {}
    where = payload.get("lane") or payload.get("url") or args.get("channel") \
        or args.get("user_id") or payload.get("user") \
        or ("approvals" if kind.startswith("card") else "")
    origin = ORIGIN.get()
    if payload.get("method") == "chat.postMessage" and origin is not None:
        where = f"{where}#{origin}"
    return str(where)[:200]


def add(session: Session, *, kind: str, payload: dict[str, Any], kick: Kick) -> int:
    """Write one message in SESSION's transaction; KICK sends it once that commits."""
    lane = lane_of(kind, payload)
    row = Outbox(kind=kind, lane=lane, payload=json.dumps(payload, ensure_ascii=False),
                 next_at=wall_clock())
    session.add(row)
    session.flush()
    assert row.id is not None
    waiting = session.info.get("outbox_ids")
    if waiting is None:
        waiting = session.info["outbox_ids"] = []

        def after_commit(s: Session) -> None:
            ids = list(s.info.pop("outbox_ids", []))
            kick(ids)

        event.listen(session, "after_commit", after_commit, once=True)
    waiting.append((row.id, lane))
    return row.id
