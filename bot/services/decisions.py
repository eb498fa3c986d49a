"""Deciding any request: the approval mechanism plus what approval does for each kind."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlmodel import Session

from bot.policy import Policy
from bot.services import approvals
from bot.services.approvals import Applier, Outcome, RequestView
from bot.services.attendance import apply_makeup
from bot.services.errors import Refused
from bot.services.leave import LeaveApplied, apply_leave, gaps_left
from bot.services.ledger import apply_appeal
from bot.services.staff import StaffView
from bot.services.swaps import apply_swap


def _apply_leave(session: Session, req: RequestView, actor: StaffView, now: datetime,
                 policy: Policy) -> LeaveApplied:
    """Approve leave, then find the shifts it left below coverage (flagged to the leads)."""
    applied = apply_leave(session, req, actor, now, policy)
    return dataclasses.replace(applied, gaps=gaps_left(session, rested=applied.rested,
                                                       policy=policy))


APPLIERS: dict[str, Applier] = {"makeup": apply_makeup, "appeal": apply_appeal,
                                "swap": apply_swap, "leave": _apply_leave}


def decide(session: Session, *, request_id: int, approve: bool, actor: StaffView,
           now: datetime, policy: Policy) -> Outcome:
    """Approve or reject a request of any kind, applying its effect exactly once."""
    found = approvals.get(session, request_id=request_id, policy=policy)
    if found is None:
        raise Refused("no_request", id=request_id)
    return approvals.decide(session, request_id=request_id, approve=approve, actor=actor,
                            now=now, policy=policy, apply=APPLIERS.get(found.kind))
