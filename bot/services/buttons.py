"""What each button does: decide or cancel a request, appeal or pay a fine, answer or pick a
swap, publish a draft, read a handover, clock in or out from the App Home. It sits above the
capabilities and routes a click to one of them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot import ids
from bot.parse.clock import ClockCmd
from bot.parse.common import parse_id
from bot.policy import Policy
from bot.services import attendance, handover, ledger, requests, roster, rounds, swaps
from bot.services.errors import Refused
from bot.services.ledger import file_appeal
from bot.services.requests import Answer, Notice
from bot.services.staff import StaffView


def _ref(value: str) -> int:
    """Read the row ID a button carries; a malformed or forged one is refused as stale."""
    ref = parse_id(value)
    if ref is None:
        raise Refused("stale_button")
    return ref


def run(session: Session, *, who: StaffView, action_id: str, value: str, now: datetime,
        policy: Policy) -> Answer:
    """Do what a click asks, once: a repeated click only hears what already happened."""
    action_id = action_id.split(":")[0]  # a choice button carries its position
    if action_id == ids.SWAP_PICK:
        return swaps.pick(session, who=who, value=value, now=now, policy=policy)
    if action_id in (ids.HOME_CLOCK_IN, ids.HOME_CLOCK_OUT):  # the same punch as /clock
        cmd = ClockCmd("in" if action_id == ids.HOME_CLOCK_IN else "out")
        return attendance.run(session, who=who, cmd=cmd, fix=None, now=now, policy=policy)
    ref = _ref(value)
    if action_id == ids.HANDOVER_READ:
        return handover.mark_read(session, who=who, handover_id=ref, now=now, policy=policy)
    if action_id == ids.CALLS_DONE:  # a missed-call round: whoever called back
        return rounds.confirm(session, who=who, round_id=ref, now=now, policy=policy)
    if action_id in (ids.APPROVE, ids.REJECT):
        approve = action_id == ids.APPROVE
        return requests.decided(requests.decide(session, request_id=ref, approve=approve,
                                                actor=who, now=now, policy=policy))
    if action_id == ids.CANCEL_REQUEST:
        return requests.decided(requests.cancel(session, request_id=ref, who=who, now=now,
                                                policy=policy))
    if action_id in (ids.SWAP_ACCEPT, ids.SWAP_DECLINE):
        return swaps.answer(session, who=who, request_id=ref,
                                 accept=action_id == ids.SWAP_ACCEPT, now=now, policy=policy)
    if action_id in (ids.DRAFT_PUBLISH, ids.DRAFT_DISCARD):
        return roster.decide_draft(session, who=who, draft_id=ref,
                                  publish=action_id == ids.DRAFT_PUBLISH, now=now, policy=policy)
    if action_id == ids.APPEAL:
        req, created = file_appeal(session, who=who, entry_id=ref, reason=None, now=now,
                                   policy=policy)
        return Answer("request_filed", {"r": req, "created": created},
                      new_request=req if created else None)
    e, newly = ledger.mark_paid(session, who=who, entry_id=ref, now=now, policy=policy)
    notices = [Notice("team", "notice_paid", {"e": e})] if newly else []
    return Answer("penalty_paid", {"e": e, "newly": newly}, notices=notices)
