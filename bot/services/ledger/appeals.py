"""Appeals (申诉): a person asks a lead to cancel a fine; upheld means a reversing entry."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.policy import Policy
from bot.services import requests
from bot.services.errors import Refused
from bot.services.ledger import fines as ledger
from bot.services.ledger.views import EntryView, entry
from bot.services.requests import RequestView
from bot.services.staff import StaffView


def file_appeal(session: Session, *, who: StaffView, entry_id: int, reason: str | None,
                now: datetime, policy: Policy) -> tuple[RequestView, bool]:
    """File an appeal against one of my standing fines; one pending appeal per fine."""
    fine = entry(session, entry_id=entry_id, now=now, policy=policy)
    if fine is None or fine.kind != "fine":
        raise Refused("no_fine", id=entry_id)
    if fine.staff_id != who.id:
        raise Refused("not_yours", id=entry_id)
    if fine.reversed_by is not None:
        raise Refused("already_reversed", id=entry_id, by=fine.reversed_by)
    payload = {"entry_id": fine.id, "rule": fine.rule, "amount_fen": fine.amount_fen,
               "quantity": fine.quantity}
    return requests.file(session, kind="appeal", requester=who, payload=payload,
                          reason=reason or None, day=fine.day, now=now, policy=policy,
                          dedupe_key=f"appeal:{fine.id}")


def apply_appeal(session: Session, req: RequestView, actor: StaffView, now: datetime,
                 policy: Policy) -> EntryView:
    """An upheld appeal reverses the fine, pointing at the request that decided it."""
    return ledger.reverse(session, entry_id=int(req.payload["entry_id"]), actor=actor.slack_id,
                          reason=f"appeal #{req.id} upheld", now=now, policy=policy,
                          request_id=req.id)
