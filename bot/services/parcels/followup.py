"""The daily follow-up (every open parcel is updated every day, yesterday's before
`parcels.followup_by`) and the once-only announcement of a parcel whose hold ran out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session

from bot.policy import Policy
from bot.services import once
from bot.services.parcels.views import ParcelView, counts, due_for_return, stale_for_followup


@dataclass(frozen=True)
class OwnerFollowUp:
    """One owner's parcels to act on today."""

    owner: str  # Slack ID
    stale: list[ParcelView]  # not updated today, hold still running
    due: list[ParcelView]  # hold ran out: may go back to the sender station


@dataclass(frozen=True)
class FollowUp:
    """The morning follow-up: each owner's list, and the team's counts."""

    day: date
    by: str  # HH:MM, yesterday's parcels are followed up before it
    owners: list[OwnerFollowUp]
    counts: dict[str, int]


def followup(session: Session, *, now: datetime, policy: Policy) -> FollowUp:
    """Gather, per owner, the open parcels not updated today and those due for return."""
    due = due_for_return(session, now=now, policy=policy)
    due_ids = {p.id for p in due}
    lists: dict[str, tuple[list[ParcelView], list[ParcelView]]] = defaultdict(
        lambda: ([], []))
    for p in stale_for_followup(session, now=now, policy=policy):
        if p.id not in due_ids:  # a due parcel is listed once, with the due ones
            lists[p.owner][0].append(p)
    for p in due:
        lists[p.owner][1].append(p)
    owners = [OwnerFollowUp(o, stale, d) for o, (stale, d) in sorted(lists.items())]
    return FollowUp(now.astimezone(policy.tz).date(), policy.parcels.followup_by, owners,
                    counts(session, now=now, policy=policy))


def newly_due(session: Session, *, now: datetime, policy: Policy) -> list[ParcelView]:
    """Parcels whose hold ran out and were not announced for this hold yet; recorded now.

    The record names the hold's end, so a reply that restarts the hold makes a new one.
    """
    return [p for p in due_for_return(session, now=now, policy=policy)
            if p.due_at is not None and once.first_time(
                session, topic="parcel_hold",
                subject=f"{p.id}@{p.due_at.astimezone(UTC):%Y-%m-%dT%H:%M:%S}", now=now)]
