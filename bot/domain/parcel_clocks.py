"""The clocks of a problem parcel: the 72 h hold, staleness, the transfer cut-off, tracking.

Every function takes the instants it compares; none reads the clock. Instants are aware;
"today" is always the local day in the team's time zone.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta, tzinfo

ALL_WEEK = frozenset(range(1, 8))  # ISO weekdays, Monday = 1


def local_day(at: datetime, tz: tzinfo) -> date:
    """Return the team's calendar day of an instant."""
    return at.astimezone(tz).date()


def start_of_day(day: date, tz: tzinfo) -> datetime:
    """Return the instant a local day begins."""
    return datetime.combine(day, time(0), tzinfo=tz)


def hold_due(hold_from: datetime, hold_hours: int) -> datetime:
    """Return when the hold ends: HOLD_HOURS after the sender station was notified or replied."""
    return hold_from + timedelta(hours=hold_hours)


def is_due(hold_from: datetime, now: datetime, hold_hours: int) -> bool:
    """Say whether the hold has run out (the parcel may now go back to the sender station)."""
    return now >= hold_due(hold_from, hold_hours)


def returned_early(hold_from: datetime, returned_at: datetime, hold_hours: int) -> bool:
    """Say whether a return came before the hold ran out: a fault in the seeds."""
    return returned_at < hold_due(hold_from, hold_hours)


def is_stale(updated_at: datetime, now: datetime, tz: tzinfo) -> bool:
    """Say whether an open parcel has not been updated today (every open one must be)."""
    return local_day(updated_at, tz) < local_day(now, tz)


def transfer_day(arrived: datetime, tz: tzinfo, cutoff_minute: int,
                 weekdays: Collection[int] = ALL_WEEK) -> date:
    """Return the day an out-of-area parcel leaves: before the cut-off the same day, else the next.

    Transfers leave only on WEEKDAYS (ISO numbers); a parcel arriving on another day, or after
    the cut-off, leaves on the next day that is one. Exactly at the cut-off is "after".
    """
    local = arrived.astimezone(tz)
    day = local.date()
    if local.hour * 60 + local.minute >= cutoff_minute or day.isoweekday() not in weekdays:
        day += timedelta(days=1)
    for _ in range(7):
        if day.isoweekday() in weekdays:
            return day
        day += timedelta(days=1)
    raise ValueError("no transfer weekday given")


def transfer_deadline(day: date, tz: tzinfo) -> datetime:
    """Return the end of the transfer day: a transfer not gone by then is overdue."""
    return start_of_day(day + timedelta(days=1), tz)


def tracked_until(left_at: datetime, tz: tzinfo, days: int) -> date:
    """Return the last day a transfer is tracked: DAYS days after the day it left."""
    return local_day(left_at, tz) + timedelta(days=days)


def is_tracked(left_at: datetime, now: datetime, tz: tzinfo, days: int) -> bool:
    """Say whether a transfer that left at LEFT_AT is still followed today."""
    return local_day(now, tz) <= tracked_until(left_at, tz, days)


def is_overdue(deadline: datetime | None, closed_at: datetime | None, as_of: datetime) -> bool:
    """Say whether a parcel was still open past its deadline, judged at AS_OF."""
    if deadline is None:
        return False
    end = closed_at if closed_at is not None and closed_at <= as_of else as_of
    return end > deadline
