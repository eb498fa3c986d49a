"""`/leave` use cases: my standing, or a leave request sent to the leads."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.parse.leave import LeaveCmd
from bot.policy import Policy
from bot.services.leave.filing import request_leave, standing
from bot.services.requests import Answer
from bot.services.staff import StaffView


def run(session: Session, *, who: StaffView, cmd: LeaveCmd, now: datetime,
        policy: Policy) -> Answer:
    """Do what a parsed /leave asks; `now` is the server's clock at receipt."""
    if cmd.action == "mine":
        s = standing(session, who=who, now=now, policy=policy)
        return Answer("leave_mine", {"s": s}, buttons="request_cancel",
                      ref=tuple(r.id for r in s.open) or None)
    assert cmd.first is not None and cmd.last is not None
    filed = request_leave(session, who=who, kind=cmd.kind, first=cmd.first, last=cmd.last,
                          reason=cmd.reason, now=now, policy=policy, only=cmd.only)
    return Answer("leave_filed", {"f": filed}, buttons="request_cancel",
                  ref=filed.request.id, new_request=filed.request if filed.created else None)
