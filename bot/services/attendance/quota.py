"""Where a make-up punch falls in the month's free quota, and what it costs past it.

A make-up's place is its order of filing among the month's make-ups that still stand
(pending or approved): the agent is told it when filing, the lead reads it on the card, and
approval counts it again, so a warning shown is never exceeded, only lifted when an earlier
request is rejected or withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlmodel import Session, col, func, select

from bot.domain.lateness import assess_punch
from bot.domain.ledger import month_bounds
from bot.domain.shifts import Assignment
from bot.policy import Policy
from db.models import Request

STANDING = ("pending", "approved")


@dataclass(frozen=True)
class Quota:
    """Where a make-up falls in the month's quota: the Nth, and whether it is free."""

    nth: int
    free: bool
    free_per_month: int


def quota(nth: int, policy: Policy) -> Quota:
    """Return the quota of the NTH make-up of a month."""
    free = policy.makeup.free_per_month
    return Quota(nth, nth <= free, free)


def standing_in_month(session: Session, *, staff_id: int, day: date,
                      up_to_id: int | None = None) -> int:
    """Count the person's pending and approved make-ups of DAY's month (filed up to an ID)."""
    first, last = month_bounds(day)
    query = select(func.count()).select_from(Request).where(
        Request.requester_id == staff_id, Request.kind == "makeup",
        col(Request.state).in_(STANDING), col(Request.day) >= first, col(Request.day) <= last)
    if up_to_id is not None:
        query = query.where(col(Request.id) <= up_to_id)
    return int(session.exec(query).one())


def over_quota_cost(kind: Literal["in", "out"], a: Assignment, asked_at: datetime,
                    policy: Policy) -> dict[str, Any]:
    """Say what a make-up past the quota costs: an arrival at the time it was asked, or a
    leaving make-up's red packet; kept in the request so the card shows it before the click."""
    if kind == "out":
        return {"fine_fen": policy.makeup.leave_fine_fen}
    found = assess_punch("in", asked_at, a, policy.tz, policy.lateness_tiers())
    tier = found.tier
    return {"late_minutes": found.minutes_late, "fine_fen": tier.fine_fen if tier else 0,
            "absence_days": str(tier.absence_days) if tier and tier.absence_days else None}


def quota_payload(q: Quota, kind: Literal["in", "out"], a: Assignment, asked_at: datetime,
                  policy: Policy) -> dict[str, Any]:
    """Return the quota fields of a make-up request's payload."""
    cost = None if q.free else over_quota_cost(kind, a, asked_at, policy)
    return {"nth": q.nth, "free": q.free, "free_per_month": q.free_per_month, "cost": cost}


def quota_of(payload: dict[str, Any], policy: Policy) -> Quota:
    """Read the quota a request was filed with (older requests lack the monthly number)."""
    free_per_month = int(payload.get("free_per_month", policy.makeup.free_per_month))
    nth = int(payload.get("nth", 1))
    return Quota(nth, bool(payload.get("free", nth <= free_per_month)), free_per_month)


def next_makeup(session: Session, *, staff_id: int, day: date, policy: Policy) -> Quota:
    """Where a make-up for DAY filed now would fall in its month's quota (the form shows it)."""
    return quota(standing_in_month(session, staff_id=staff_id, day=day) + 1, policy)
