"""Leave (请假) and rest days (休假): filing a request, what its approval changes, my standing."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.domain import leave as rules
from bot.domain.leave import Breach, Figure, LeaveKind
from bot.domain.shifts import Assignment, shift_window
from bot.policy import Policy
from bot.services import audit, requests
from bot.services.errors import Refused
from bot.services.leave.cover import best_cover
from bot.services.leave.days import open_requests, payload_days, roster_codes, rules_of, usage_of
from bot.services.requests import RequestView
from bot.services.roster import Cell, load_fixed, write_cells
from bot.services.staff import StaffView
from db.models import LeaveDay, Request


@dataclass(frozen=True)
class LeaveFiled:
    """A filed (or already filed) leave request and the days it counts."""

    request: RequestView
    created: bool
    days: tuple[date, ...]  # the days that count: rostered or not rostered yet
    skipped: tuple[date, ...]  # already rest days in the roster


@dataclass(frozen=True)
class LeaveApplied:
    """What an approved leave changed: its days, and the shifts it took off the roster."""

    staff_id: int
    kind: str
    days: tuple[date, ...]
    rested: dict[date, str]  # day -> the shift code that is now a rest day (a gap to cover)
    gaps: tuple[Any, ...] = ()  # coverage.Gap: shifts the leave left below coverage
    kept: dict[date, str] = field(default_factory=dict)  # begun shifts left on the roster


@dataclass(frozen=True)
class LeaveStanding:
    """Where a person stands: quota figures and open leave requests."""

    figures: tuple[Figure, ...]  # rest days this month, personal and sick days this year
    open: tuple[RequestView, ...]
    blocking: int  # more leave days than this last month: no rest days this month


def _check(breach: Breach | None) -> None:
    if breach is not None:
        raise Refused(breach.reason, **breach.params)


def _pending_same(session: Session, key: str) -> Request | None:
    return session.exec(select(Request).where(
        Request.dedupe_key == key, Request.state == requests.PENDING)).first()


def _lapses_at(kind: LeaveKind, first: date, code: str | None, now: datetime,
               policy: Policy) -> datetime | None:
    """When an undecided request lapses: as its first day's shift starts (the day's first
    shift when none is rostered yet). Sick leave is often filed afterwards and never lapses."""
    if kind == "sick":
        return None
    shifts = policy.shift_defs()
    shift = next((s for s in shifts if s.code == code), None) or \
        min(shifts, key=lambda s: s.start_minute)
    start = shift_window(Assignment(first, shift), policy.tz)[0]
    return start if start > now else None


def request_leave(session: Session, *, who: StaffView, kind: LeaveKind, first: date,
                  last: date, reason: str, now: datetime, policy: Policy,
                  only: tuple[date, ...] = ()) -> LeaveFiled:
    """File leave for FIRST..LAST (or ONLY those days) after checking notice and quotas."""
    today, numbers = now.astimezone(policy.tz).date(), rules_of(policy)
    _check(rules.date_breach(kind, first, last, today, numbers))
    usage = usage_of(session, staff_id=who.id)
    taken = {d for d, _ in usage.approved}
    roster = roster_codes(session, staff_id=who.id, first=first, last=last)
    asked = [d for d in rules.span(first, last) if not only or d in only]
    skipped = [d for d in asked if d in roster and roster[d] is None and d not in taken]
    days = [d for d in asked if d not in skipped]
    if not days:
        raise Refused("leave_all_rest", first=first, last=last)
    key = f"leave:{who.id}:{kind}:{first}:{last}" + "".join(f":{d}" for d in only)
    if _pending_same(session, key) is None:  # a repeat is answered with the first request
        _check(rules.overlap_breach(days, usage))
        _check(rules.quota_breach(kind, days, usage, numbers))
    payload = {"kind": kind, "first": first.isoformat(), "last": last.isoformat(),
               "days": [d.isoformat() for d in days],
               "skipped": [d.isoformat() for d in skipped], "listed": bool(only),
               "shifts": {d.isoformat(): roster.get(d) for d in days},
               "figures": [asdict(f) for f in rules.figures(kind, days, usage, numbers)],
               "cover": best_cover(session, staff_id=who.id,
                                   shifts={d: roster.get(d) for d in days}, policy=policy,
                                   now=now)}
    request, created = requests.file(
        session, kind="leave", requester=who, payload=payload, reason=reason, day=first,
        now=now, policy=policy, dedupe_key=key,
        expires_at=_lapses_at(kind, days[0], roster.get(days[0]), now, policy))
    return LeaveFiled(request, created, tuple(days), tuple(skipped))


def _insert_days(session: Session, req: RequestView, kind: str, days: list[date]) -> None:
    try:
        with session.begin_nested():
            for d in days:
                session.add(LeaveDay(staff_id=req.requester.id, day=d, kind=kind,
                                     request_id=req.id))
    except IntegrityError:  # leave for one of these days was approved meanwhile
        raise Refused("leave_clash", id=req.id) from None


def apply_leave(session: Session, req: RequestView, actor: StaffView, now: datetime,
                policy: Policy) -> LeaveApplied:
    """Write the leave days and turn the person's rostered shifts on them into rest days.

    A shift that has begun (or a day with punches) stays on the roster as it was: the leave
    day is recorded and attendance counts that shift as leave, so the past stays true (a
    sick day filed afterwards is such a case)."""
    kind, days = str(req.payload["kind"]), payload_days(req.payload)
    _insert_days(session, req, kind, days)
    roster = roster_codes(session, staff_id=req.requester.id, first=min(days), last=max(days))
    # Days off when filed were left out; one that is off now (a swap or a new roster moved
    # the shift away) needs no leave, and would spend a rest day or leave quota for nothing.
    # The refusal rolls the whole decision back.
    off = [d for d in days if d in roster and roster[d] is None]
    if off:
        raise Refused("leave_now_off", id=req.id, days=off, kind=kind)
    fixed = load_fixed(session, first=min(days), last=max(days), now=now, policy=policy,
                       people=[req.requester.id])
    shifts = {d: code for d in days if (code := fixed.current.get((req.requester.id, d)))}
    rested = {d: c for d, c in shifts.items() if fixed.allows((req.requester.id, d), None)}
    kept = {d: c for d, c in shifts.items() if d not in rested}
    write_cells(session, [Cell(req.requester.id, d, None) for d in rested],
                actor=actor.slack_id, source="leave", now=now, policy=policy)
    row = session.get(Request, req.id)
    assert row is not None
    # Attendance reads which shifts leave replaced: a leave day is not a rest day.
    row.payload = json.dumps({**req.payload,
                              "rested": {d.isoformat(): c for d, c in rested.items()}})
    session.add(row)
    audit.record(session, actor=actor.slack_id, action="leave.apply", entity="request",
                 entity_id=req.id, after={"kind": kind, "days": [d.isoformat() for d in days],
                                          "rested": {d.isoformat(): c
                                                     for d, c in rested.items()},
                                          "kept": {d.isoformat(): c
                                                   for d, c in kept.items()}}, at=now)
    return LeaveApplied(req.requester.id, kind, tuple(days), rested, kept=kept)


def standing(session: Session, *, who: StaffView, now: datetime,
             policy: Policy) -> LeaveStanding:
    """My rest days this month, personal and sick leave this year, my open requests."""
    today = now.astimezone(policy.tz).date()
    usage, numbers = usage_of(session, staff_id=who.id), rules_of(policy)
    return LeaveStanding(tuple(rules.standing(today, usage, numbers)),
                         tuple(open_requests(session, staff_id=who.id, policy=policy)),
                         numbers.leave_days_blocking_rest)
