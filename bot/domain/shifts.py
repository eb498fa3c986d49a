"""Shift definitions, their windows in time, and which shift a punch belongs to."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

DAY_MINUTES = 1440
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class ShiftDef:
    """A shift of the catalogue; minutes count from midnight of the roster day."""

    code: str
    name_zh: str
    name_en: str
    start_minute: int
    end_minute: int
    night: bool = False
    breaks: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        """Reject windows and breaks that cannot exist."""
        if not 0 <= self.start_minute <= DAY_MINUTES:
            raise ValueError(f"shift {self.code}: start must be within 0..{DAY_MINUTES}")
        if not self.start_minute < self.end_minute <= self.start_minute + DAY_MINUTES:
            raise ValueError(f"shift {self.code}: end must be after start, at most 24 h later")
        previous_end = self.start_minute
        for begin, end in self.breaks:
            # Breaks are ascending, disjoint and inside the shift.
            if not previous_end <= begin < end <= self.end_minute:
                raise ValueError(f"shift {self.code}: break {begin}-{end} is out of place")
            previous_end = end

    @property
    def duration_minutes(self) -> int:
        """Return the paid length of the shift: its window minus its breaks."""
        unpaid = sum(end - begin for begin, end in self.breaks)
        return self.end_minute - self.start_minute - unpaid


@dataclass(frozen=True)
class Assignment:
    """A shift worked on a roster day; a shift past midnight belongs to the day it starts."""

    day: date
    shift: ShiftDef


def shift_window(a: Assignment, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Return the aware start and end of an assignment on the local wall clock."""
    midnight = datetime.combine(a.day, time())
    start = midnight + timedelta(minutes=a.shift.start_minute)
    end = midnight + timedelta(minutes=a.shift.end_minute)
    return start.replace(tzinfo=tz), end.replace(tzinfo=tz)


def _utc(moment: datetime) -> datetime:
    """Return an aware instant in UTC, refusing naive datetimes."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: a time zone is required")
    return moment.astimezone(UTC)


def match_punch(
    kind: Literal["in", "out"],
    at: datetime,
    assignments: Sequence[Assignment],
    tz: ZoneInfo,
    *,
    early_margin: timedelta,
    out_grace: timedelta,
    clocked_in: Collection[tuple[date, str]] = (),
) -> Assignment | None:
    """Return the assignment a punch belongs to, or None when it fits no shift."""
    instant = _utc(at)
    candidates: list[tuple[datetime, Assignment]] = []
    for a in assignments:
        start, end = (_utc(t) for t in shift_window(a, tz))
        opens = start - early_margin
        fits = opens <= instant < end if kind == "in" else opens <= instant <= end + out_grace
        if fits:
            candidates.append((start, a))
    if not candidates:
        return None
    if kind == "in":
        return max(candidates, key=lambda c: c[0])[1]
    # A clock-out closes the shift the person is clocked in to, else the earliest one.
    return min(candidates, key=lambda c: ((c[1].day, c[1].shift.code) not in clocked_in, c[0]))[1]


def _whole_minutes_after(later: datetime, earlier: datetime) -> int:
    """Return whole minutes from earlier to later after truncating later's seconds; >= 0."""
    punch = _utc(later).replace(second=0, microsecond=0)
    return max(0, (punch - _utc(earlier)) // _MINUTE)


def minutes_late(at: datetime, start: datetime) -> int:
    """Return whole minutes a punch at `at` is after `start` (08:30:59 is 0 minutes late)."""
    return _whole_minutes_after(at, start)


def minutes_early(at: datetime, end: datetime) -> int:
    """Return whole minutes a punch at `at` is before `end` (17:29:30 is 1 minute early)."""
    punch = _utc(at).replace(second=0, microsecond=0)
    return max(0, (_utc(end) - punch) // _MINUTE)


def overtime_minutes(at: datetime, end: datetime) -> int:
    """Return whole minutes a punch at `at` is after `end`."""
    return _whole_minutes_after(at, end)
