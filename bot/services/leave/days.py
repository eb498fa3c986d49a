"""Reading leave: a person's approved and pending days, open requests, a month's leave."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bot.domain.leave import LEAVE_KINDS, LeaveKind, LeaveRules, Usage
from bot.domain.period import Month
from bot.domain.shifts import Assignment
from bot.policy import Policy
from bot.services import requests
from bot.services.requests import RequestView
from db.models import LeaveDay, Request, RosterEntry


def rules_of(policy: Policy) -> LeaveRules:
    """Return the policy's leave numbers; sick leave may be filed as late as a make-up."""
    c = policy.leave
    return LeaveRules(c.personal_days_ahead, c.rest_days_ahead, policy.makeup.max_age_days,
                      c.rest_days_per_month, c.leave_days_blocking_rest,
                      c.personal_days_per_year, c.max_days_per_request)


def _kind(value: Any) -> LeaveKind:
    return "rest" if value == "rest" else "sick" if value == "sick" else "personal"


def payload_days(payload: dict[str, Any]) -> list[date]:
    """Return the days a leave request's payload asks for."""
    return [date.fromisoformat(d) for d in payload.get("days", [])]


def _pending(session: Session, staff_id: int) -> list[Request]:
    return list(session.exec(select(Request).where(
        Request.requester_id == staff_id, Request.kind == "leave",
        Request.state == requests.PENDING).order_by(col(Request.id))).all())


def usage_of(session: Session, *, staff_id: int) -> Usage:
    """Return the person's approved leave days and the days of their pending requests."""
    rows = session.exec(select(LeaveDay).where(LeaveDay.staff_id == staff_id)).all()
    pending = []
    for r in _pending(session, staff_id):
        payload = json.loads(r.payload)
        pending += [(d, _kind(payload.get("kind"))) for d in payload_days(payload)]
    return Usage(tuple((r.day, _kind(r.kind)) for r in rows), tuple(pending))


def open_requests(session: Session, *, staff_id: int, policy: Policy) -> list[RequestView]:
    """Return the person's leave requests still waiting for a lead, oldest first."""
    out = []
    for r in _pending(session, staff_id):
        assert r.id is not None
        found = requests.get(session, request_id=r.id, policy=policy)
        if found is not None:
            out.append(found)
    return out


def roster_codes(session: Session, *, staff_id: int, first: date,
                 last: date) -> dict[date, str | None]:
    """Return the person's roster cells between two days (None: a rest day)."""
    rows = session.exec(select(RosterEntry).where(
        RosterEntry.staff_id == staff_id, col(RosterEntry.day) >= first,
        col(RosterEntry.day) <= last)).all()
    return {r.day: r.shift_code for r in rows}


@dataclass(frozen=True)
class MonthLeave:
    """A month's approved leave for attendance: the days, and the shifts leave took off."""

    days: dict[int, set[date]] = field(default_factory=dict)  # staff id -> leave days
    shifts: dict[int, list[Assignment]] = field(default_factory=dict)  # rostered before


def month_leave(session: Session, *, month: Month, policy: Policy) -> MonthLeave:
    """Return the month's personal and sick leave (rest days are not leave)."""
    rows = session.exec(select(LeaveDay, Request).join(
        Request, LeaveDay.request_id == Request.id, isouter=True).where(  # type: ignore[arg-type]
        col(LeaveDay.day) >= month.first, col(LeaveDay.day) <= month.last,
        col(LeaveDay.kind).in_(LEAVE_KINDS))).all()
    days: dict[int, set[date]] = defaultdict(set)
    shifts: dict[int, list[Assignment]] = defaultdict(list)
    for leave, req in rows:
        days[leave.staff_id].add(leave.day)
        rested = json.loads(req.payload).get("rested", {}) if req is not None else {}
        code = rested.get(leave.day.isoformat())
        shift = policy.find_shift(str(code)) if code else None
        if shift is not None:
            shifts[leave.staff_id].append(Assignment(leave.day, shift))
    return MonthLeave(dict(days), dict(shifts))
