"""Audit rows: who changed what, written in the same transaction as the change."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session

from db.models import AuditLog


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: object = None,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
    concerns: int | None = None,
    concerns_leads: bool = False,
) -> None:
    """Add an audit row to the session's transaction. CONCERNS names the team member (by
    staff ID) whose App Home the change alters when the answer does not say it already;
    CONCERNS_LEADS, that it alters every lead's (today's coverage)."""
    row = AuditLog(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=_dump(before),
        after=_dump(after),
    )
    if at is not None:
        row.at = at
    session.add(row)
    # Counted on the session, so the request's surface knows it changed something (and whose
    # App Home to redraw) without asking the database again.
    session.info["audit_rows"] = written(session) + 1
    if concerns is not None:
        session.info.setdefault("audit_concerns", set()).add(concerns)
    if concerns_leads:
        session.info["audit_concerns_leads"] = True


def concerned(session: Session) -> set[int]:
    """The staff IDs this session's changes were recorded as concerning."""
    return set(session.info.get("audit_concerns", ()))


def concerned_leads(session: Session) -> bool:
    """Whether this session's changes were recorded as concerning every lead."""
    return bool(session.info.get("audit_concerns_leads", False))


def written(session: Session) -> int:
    """How many audit rows this session has added: nonzero once anything changed."""
    return int(session.info.get("audit_rows", 0))
