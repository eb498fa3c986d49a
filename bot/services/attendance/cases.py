"""`/clock` use cases: today's state, clocking in and out, asking for a make-up punch; and
`/roster correct`, a lead's correction of a shift and its attendance."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.parse.clock import ClockCmd, FixCmd
from bot.parse.roster import RosterCmd
from bot.policy import Policy
from bot.services.attendance.clocking import clock, day_status
from bot.services.attendance.correction import correct_shifts
from bot.services.attendance.makeup import missed_to_mention, request_makeup
from bot.services.errors import Refused, require_role
from bot.services.requests import Answer, Notice
from bot.services.roster import Cell, read_shift
from bot.services.staff import StaffView, resolve


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


def correct(session: Session, *, who: StaffView, cmd: RosterCmd, now: datetime,
            policy: Policy) -> Answer:
    """`/roster correct DATE @person SHIFT REASON`: a lead rewrites a shift, even one that
    has begun; the person is told what it re-derived."""
    require_role(who)
    assert cmd.day is not None
    person = resolve(session, cmd.person, "roster", asker=who)
    shift_text, *more = cmd.rest.split(maxsplit=1)  # as typed: the refusal echoes it
    reason = more[0] if more else ""
    code = read_shift(shift_text, policy)
    done = correct_shifts(session, lead=who, cells=[Cell(person.id, cmd.day, code)],
                          reason=reason, now=now, policy=policy)
    if not done:
        raise Refused("correct_same", who=person.name, day=cmd.day, shift=code)
    data = {"c": done, "reason": reason.strip()}
    tell = [Notice(person.slack_id, "roster_corrected", data)] if person.id != who.id else []
    return Answer("roster_corrected", data, notices=tell)
