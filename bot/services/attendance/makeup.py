"""Make-up punches (补卡): a request for a missed punch, and what its approval changes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.domain.attendance import MissedPunch
from bot.domain.lateness import assess_punch
from bot.domain.shifts import Assignment, shift_window
from bot.policy import Policy
from bot.services import audit, ledger, requests
from bot.services.attendance.clocking import PunchView, punch_row, to_view
from bot.services.attendance.quota import (
    Quota,
    quota,
    quota_of,
    quota_payload,
    standing_in_month,
)
from bot.services.attendance.rows import recent_missed_punches
from bot.services.errors import Refused
from bot.services.ledger import EntryView
from bot.services.requests import RequestView
from bot.services.roster import assignments
from bot.services.staff import StaffView
from db.models import LedgerEntry, Punch, Request

Kind = Literal["in", "out"]


@dataclass(frozen=True)
class MakeupFiled:
    """A filed make-up request and where it would fall in the quota."""

    request: RequestView
    created: bool
    at: datetime
    shift_window: tuple[datetime, datetime]
    quota: Quota


@dataclass(frozen=True)
class MakeupApplied:
    """What an approved make-up did: the punch it added and any fines."""

    punch: PunchView
    quota: Quota
    fines: list[EntryView]


def _instant(a: Assignment, hhmm: time, policy: Policy) -> datetime:
    """Place HH:MM within the shift: after midnight for a shift that runs past it."""
    start, end = shift_window(a, policy.tz)
    at = datetime.combine(a.day, hhmm, tzinfo=policy.tz)
    early = timedelta(minutes=policy.clock.early_margin_minutes)
    if end.date() > start.date() and at < start - early:
        at += timedelta(days=1)
    return at


def _existing(session: Session, staff_id: int, a: Assignment, kind: Kind) -> Punch | None:
    return session.exec(select(Punch).where(
        Punch.staff_id == staff_id, Punch.shift_day == a.day, Punch.kind == kind,
        Punch.shift_code == a.shift.code).order_by(col(Punch.at))).first()


def request_makeup(session: Session, *, who: StaffView, day: date, hhmm: time, kind: Kind,
                   reason: str, now: datetime, policy: Policy) -> MakeupFiled:
    """File a make-up for a missed punch on DAY's shift, after checking it can be one."""
    found = assignments(session, staff_id=who.id, first=day, last=day, policy=policy)
    if not found:
        raise Refused("makeup_no_shift", day=day)
    a = found[0]
    at = _instant(a, hhmm, policy)
    if at > now:
        raise Refused("makeup_future", at=at)
    if now - at > timedelta(days=policy.makeup.max_age_days):
        raise Refused("makeup_too_old", days=policy.makeup.max_age_days)
    existing = _existing(session, who.id, a, kind)
    if existing is not None:
        raise Refused("makeup_has_punch", kind=kind, at=existing.at.astimezone(policy.tz))
    # Pending requests count too: four filed before any is decided are 1st to 4th.
    place = quota(standing_in_month(session, staff_id=who.id, day=day) + 1, policy)
    payload = {"kind": kind, "at": at.isoformat(), "shift": a.shift.code,
               "filed_at": now.isoformat(), **quota_payload(place, kind, a, now, policy)}
    request, created = requests.file(
        session, kind="makeup", requester=who, payload=payload, reason=reason, day=day,
        now=now, policy=policy, dedupe_key=f"makeup:{who.id}:{day}:{a.shift.code}:{kind}")
    # A repeat is answered with the first request, and the place it was filed at.
    return MakeupFiled(request, created, at, shift_window(a, policy.tz),
                       quota_of(request.payload, policy))


def apply_makeup(session: Session, req: RequestView, actor: StaffView, now: datetime,
                 policy: Policy) -> MakeupApplied:
    """Add the approved punch; past the free quota an arrival counts when it was filed."""
    kind: Kind = "in" if req.payload["kind"] == "in" else "out"
    shift = policy.find_shift(str(req.payload["shift"]))
    assert shift is not None and req.day is not None
    a = Assignment(req.day, shift)
    if _existing(session, req.requester.id, a, kind) is not None:
        raise Refused("makeup_has_punch", kind=kind, at=None)
    place = _place_now(session, req, a, kind, policy)
    claimed = datetime.fromisoformat(str(req.payload["at"]))
    counted = claimed if place.free or kind == "out" else \
        datetime.fromisoformat(str(req.payload["filed_at"]))
    assessed = assess_punch(kind, counted, a, policy.tz, policy.lateness_tiers())
    row = punch_row(req.requester, kind, counted, assessed, req.day,
                    f"补卡 make-up #{req.id} ({claimed.astimezone(policy.tz):%H:%M})", "makeup")
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # a real clock-in arrived meanwhile
        raise Refused("makeup_has_punch", kind=kind, at=None) from None
    fines = [f for f in [ledger.fine_for_punch(session, punch=row, now=now, policy=policy)] if f]
    if kind == "out" and not place.free:
        fines.append(_leaving_fine(session, req, now, policy))
    audit.record(session, actor=actor.slack_id, action="makeup.apply", entity="punch",
                 entity_id=row.id, after={"request": req.id, "at": counted.isoformat(),
                                          "nth": place.nth, "free": place.free})
    return MakeupApplied(to_view(row, policy), place, fines)


def _place_now(session: Session, req: RequestView, a: Assignment, kind: Kind,
               policy: Policy) -> Quota:
    """Count the request's place again and keep it on the request, so its card shows what
    was applied (an earlier make-up rejected since can make this one free)."""
    place = quota(standing_in_month(session, staff_id=req.requester.id, day=a.day,
                                    up_to_id=req.id), policy)
    row = session.get(Request, req.id)
    assert row is not None
    asked = datetime.fromisoformat(str(req.payload["filed_at"]))
    row.payload = json.dumps({**req.payload, **quota_payload(place, kind, a, asked, policy)})
    session.add(row)
    return place


def _leaving_fine(session: Session, req: RequestView, now: datetime,
                  policy: Policy) -> EntryView:
    assert req.day is not None
    row = LedgerEntry(
        staff_id=req.requester.id, kind="fine", rule="makeup_out",
        amount_fen=policy.makeup.leave_fine_fen, red_packet=True, day=req.day,
        due_at=ledger.due_for(session, req.requester.id, req.day, policy),
        request_id=req.id, dedupe_key=f"makeup:{req.id}", actor=ledger.BOT_ACTOR)
    return ledger.add_entry(session, row, action="ledger.fine", now=now, policy=policy)


def missed_to_mention(session: Session, *, who: StaffView, now: datetime,
                      policy: Policy) -> list[MissedPunch]:
    """My missed punches (缺卡) that can still be made up and are not already asked for."""
    missed = recent_missed_punches(session, staff_id=who.id, now=now, policy=policy,
                                   days=policy.makeup.max_age_days)
    pending = session.exec(select(Request).where(
        Request.requester_id == who.id, Request.kind == "makeup",
        Request.state == requests.PENDING)).all()
    asked = {(r.day, json.loads(r.payload).get("kind")) for r in pending}
    return [m for m in missed if (m.day, m.kind) not in asked]
