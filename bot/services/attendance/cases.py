"""`/clock` use cases: today's state, clocking in and out, asking for a make-up punch."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.parse.clock import ClockCmd, FixCmd
from bot.policy import Policy
from bot.services.attendance.clocking import clock, day_status
from bot.services.attendance.makeup import missed_to_mention, request_makeup
from bot.services.requests import Answer, Notice
from bot.services.staff import StaffView


def run(session: Session, *, who: StaffView, cmd: ClockCmd, fix: FixCmd | None, now: datetime,
        policy: Policy) -> Answer:
    """Do what a parsed /clock asks; `now` is the server's clock at receipt."""
    if cmd.action == "status":
        status = day_status(session, who=who, now=now, policy=policy)
        missed = missed_to_mention(session, who=who, now=now, policy=policy)
        return Answer("clock_status", {"s": status, "missed": missed})
    if cmd.action == "fix":
        assert fix is not None
        filed = request_makeup(session, who=who, day=fix.day, hhmm=fix.hhmm, kind=fix.kind,
                               reason=fix.reason, now=now, policy=policy)
        return Answer("makeup_filed", {"m": filed}, buttons="request_cancel",
                      ref=filed.request.id, new_request=filed.request if filed.created else None)
    result = clock(session, who=who, kind=cmd.action, now=now, policy=policy, note=cmd.note)
    # Read after the punch, which may have just filled one of them.
    missed = missed_to_mention(session, who=who, now=now, policy=policy)
    notices = [Notice("team", "notice_fine", {"e": result.fine, "p": result.punch})] \
        if result.fine else []
    return Answer(f"clock_{cmd.action}", {"r": result, "missed": missed},
                  buttons="fine" if result.fine else None,
                  ref=result.fine.id if result.fine else None, notices=notices)
