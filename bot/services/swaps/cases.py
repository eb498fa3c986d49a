"""`/swap` use cases and the counterpart's Accept / Decline."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, or_, select

from bot import ids
from bot.parse.swap import SwapCmd
from bot.policy import Policy
from bot.services import requests
from bot.services.errors import LEADS, Refused, require_role
from bot.services.requests import (
    OPEN,
    PENDING,
    PROPOSED,
    Answer,
    Notice,
    Outcome,
    RequestView,
    Update,
)
from bot.services.roster import gap_notices
from bot.services.staff import StaffView, resolve, view
from bot.services.swaps import offers as swaps
from db.models import Request, Staff


def run(session: Session, *, who: StaffView, cmd: SwapCmd, now: datetime, policy: Policy,
        trigger: str | None = None) -> Answer:
    """Do what a parsed /swap asks."""
    if cmd.action == "list":
        mine = open_swaps(session, who=who, now=now, policy=policy)
        cancel = tuple(r.id for r in mine if r.requester.id == who.id)
        return Answer("swap_list", {"mine": mine, "me": who},
                      buttons="request_cancel" if cancel else None, ref=cancel or None)
    assert cmd.day is not None
    if cmd.action == "direct":
        return direct(session, lead=who, cmd=cmd, now=now, policy=policy, trigger=trigger)
    other = resolve(session, cmd.people[0], "swap", asker=who) if cmd.people else None
    if other is not None and other.id == who.id:
        raise Refused("swap_self")
    found = swaps.offers(session, who=who, day=cmd.day, now=now, policy=policy,
                         counterpart=other)
    blocked = {"rule": None} if found else swaps.why_none(
        session, who=who, day=cmd.day, now=now, policy=policy, counterpart=other)
    if other is None:
        return Answer("swap_offers", {"day": cmd.day, "offers": found, "blocked": blocked},
                      choices=tuple((ids.SWAP_PICK, label(o), f"{o.value}|{cmd.reason or ''}")
                                    for o in found))
    if not found:
        raise Refused("swap_none_with", who=other.slack_id, day=cmd.day, blocked=blocked)
    return ask(session, who=who, offer=found[0], reason=cmd.reason, now=now,
               policy=policy)


def label(offer: swaps.Offer) -> str:
    """A button label in any language: who, and what I work in return."""
    o = offer.option
    if o.back_day is None:
        return offer.taker
    back = o.back_shift if o.back_day == o.day else f"{o.back_day:%m-%d} {o.back_shift}"
    return f"{offer.taker} ↔ {back}"


def ask(session: Session, *, who: StaffView, offer: swaps.Offer, reason: str | None,
        now: datetime, policy: Policy) -> Answer:
    """File the swap with its counterpart; they get Accept / Decline in a direct message."""
    option = offer.option
    expires = swaps.expiry(option, policy)
    r, created = requests.file(
        session, kind="swap", requester=who, payload=swaps.payload(offer, who.name),
        reason=reason, day=option.day, now=now, policy=policy, state=PROPOSED,
        counterpart_id=option.taker, dedupe_key=f"swap:{who.id}:{option.day}",
        expires_at=expires)
    notices = []
    if created and r.counterpart is not None:
        notices.append(Notice(r.counterpart.slack_id, "swap_ask_dm", {"r": r},
                              buttons="swap_answer", ref=r.id, attach=("swap_dm", r.id)))
    return Answer("swap_asked", {"r": r, "created": created}, buttons="request_cancel",
                  ref=r.id, notices=notices)


def pick(session: Session, *, who: StaffView, value: str, now: datetime,
         policy: Policy) -> Answer:
    """The requester chose one of the suggested counterparts: check it still fits, ask."""
    day, taker, back_day, back_shift, reason = swaps.decode(value)
    found = session.get(Staff, taker)
    if found is None:
        raise Refused("stale_button")
    other = view(found)
    for offer in swaps.offers(session, who=who, day=day, now=now, policy=policy,
                              counterpart=other, limit=50):
        o = offer.option
        if (o.back_day, o.back_shift) == (back_day, back_shift):
            return ask(session, who=who, offer=offer, reason=reason, now=now, policy=policy)
    raise Refused("swap_gone", day=day)


def _dm_update(r: RequestView) -> list[Update]:
    if r.counterpart is None or not (r.counterpart_channel and r.counterpart_ts):
        return []
    return [Update(r.counterpart_channel, r.counterpart_ts, "swap_ask_dm", {"r": r}, team=False,
                   reader=r.counterpart.slack_id)]


def answer(session: Session, *, who: StaffView, request_id: int, accept: bool,
           now: datetime, policy: Policy) -> Answer:
    """The counterpart accepts (then a lead decides) or declines, once."""
    r = requests.get(session, request_id=request_id, policy=policy)
    if r is None or r.kind != "swap":
        raise Refused("no_request", id=request_id)
    if r.counterpart is None or r.counterpart.id != who.id:
        raise Refused("not_counterpart", id=request_id)
    if r.state == PROPOSED and r.expires_at and now >= r.expires_at:
        requests.transition(session, r.id, "expired", "kefu-bot", now, from_state=PROPOSED)
        r = requests.get(session, request_id=request_id, policy=policy)
        assert r is not None
        return Answer("swap_answered", {"r": r, "changed": False}, updates=_dm_update(r))
    if accept and r.state == PROPOSED:
        team = swaps.team_around(session, date.fromisoformat(r.payload["day"]), policy, now)
        swaps.check_fits(team, swaps.changed_cells(r.payload, team.current))
    state = PENDING if accept else "declined"
    changed = r.state == PROPOSED and requests.transition(
        session, r.id, state, who.slack_id, now, from_state=PROPOSED)
    r = requests.get(session, request_id=request_id, policy=policy)
    assert r is not None
    if not changed:
        return Answer("swap_answered", {"r": r, "changed": False})
    tell = Notice(r.requester.slack_id, "swap_answered_dm", {"r": r})
    return Answer("swap_answered", {"r": r, "changed": True}, updates=_dm_update(r),
                  notices=[tell], new_request=r if accept else None)


def after_decision(outcome: Outcome) -> tuple[list[Update], list[Notice]]:
    """A decided or cancelled swap: rewrite the counterpart's message and tell them; flag
    the shifts it left below coverage."""
    r, gaps = outcome.request, gap_notices(outcome.effect)
    if r.counterpart is None or r.decided_by == r.counterpart.slack_id:
        return [], gaps
    return _dm_update(r), [Notice(r.counterpart.slack_id, "request_decided_dm",
                                  {"r": r, "effect": None}), *gaps]


def open_swaps(session: Session, *, who: StaffView, now: datetime,
               policy: Policy) -> list[RequestView]:
    """My open swaps (asked by me or of me); those whose shift has begun lapse here."""
    rows = session.exec(select(Request).where(
        Request.kind == "swap", col(Request.state).in_(OPEN),
        or_(Request.requester_id == who.id, Request.counterpart_id == who.id),
    ).order_by(col(Request.day))).all()
    out = []
    for row in rows:
        assert row.id is not None
        if row.expires_at and now >= row.expires_at:
            requests.transition(session, row.id, "expired", "kefu-bot", now,
                                 from_state=row.state)
            continue
        found = requests.get(session, request_id=row.id, policy=policy)
        if found is not None:
            out.append(found)
    return out


def direct(session: Session, *, lead: StaffView, cmd: SwapCmd, now: datetime, policy: Policy,
           trigger: str | None) -> Answer:
    """A lead swaps two people at once: the best exchange between them, checked, applied."""
    require_role(lead, LEADS)
    assert cmd.day is not None
    giver, taker = (resolve(session, p, "swap", asker=lead) for p in cmd.people)
    found = swaps.offers(session, who=giver, day=cmd.day, now=now, policy=policy,
                         counterpart=taker, limit=1)
    if not found:
        raise Refused("swap_none_with", who=taker.slack_id, day=cmd.day, blocked=swaps.why_none(
            session, who=giver, day=cmd.day, now=now, policy=policy, counterpart=taker))
    r, created = requests.file(
        session, kind="swap", requester=giver, payload=swaps.payload(found[0], giver.name),
        reason=cmd.reason, day=cmd.day, now=now, policy=policy, counterpart_id=taker.id,
        dedupe_key=f"swapdirect:{trigger}" if trigger else None)
    if not created:
        return Answer("swap_direct", {"r": r, "changed": False})
    outcome = requests.decide(session, request_id=r.id, approve=True, actor=lead, now=now,
                               policy=policy)
    tell = [Notice(p.slack_id, "request_decided_dm", {"r": outcome.request,
                                                        "effect": outcome.effect})
            for p in (giver, taker)]
    return Answer("swap_direct", {"r": outcome.request, "changed": True,
                                  "effect": outcome.effect},
                  notices=tell + gap_notices(outcome.effect),
                  new_request=outcome.request)
