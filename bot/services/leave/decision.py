"""What approving leave does: the days become leave, then the shifts it left short are
flagged to the leads."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlmodel import Session

from bot.policy import Policy
from bot.services.leave.cover import gaps_left
from bot.services.leave.filing import LeaveApplied, apply_leave
from bot.services.requests import Notice, Outcome, RequestView, Update
from bot.services.roster import gap_notices
from bot.services.staff import StaffView


def approve(session: Session, req: RequestView, actor: StaffView, now: datetime,
            policy: Policy) -> LeaveApplied:
    """Approve leave, then find the shifts it left below coverage (flagged to the leads)."""
    applied = apply_leave(session, req, actor, now, policy)
    return dataclasses.replace(applied, gaps=gaps_left(
        session, staff_id=applied.staff_id, rested=applied.rested, policy=policy, now=now))


def after_decision(outcome: Outcome) -> tuple[list[Update], list[Notice]]:
    """A decided leave request: flag the shifts it left below coverage."""
    return [], gap_notices(outcome.effect)
