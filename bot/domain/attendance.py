"""One person's attendance: each rostered shift judged from its punches at a given moment.

The rules (DOMAIN.md §3, issue 3), for a shift that is not on a leave day:
- Nothing is judged before the shift starts; a running shift only for what already happened.
- No clock-in and no clock-out once the shift is over (end + the policy's out_grace): a full
  day of absence (旷工一天). It is not also counted as a missed punch.
- No clock-in yet when a clock-in would be past the last non-absence lateness tier (with the
  shop tiers: from start + 31 min, as a clock-in at start + 30:59 is 30 minutes late): the
  absence of that tier (half a day). A clock-in made later carries the same half day itself.
- A clock-in or clock-out in an absence tier (over 30 minutes late or early): its half day,
  as stored on the punch when it was assessed.
- A clock-out without any clock-in: a missed punch (缺卡, kind "in") besides the half day.
- A clock-in without a clock-out once the shift is over: a missed punch (kind "out").
- At most one day (two half days) of absence per shift.
Punches are matched to the roster by (shift day, shift code); a punch for a shift that is no
longer rostered, or with no shift, is not judged. The first clock-in and the last clock-out
count. A leave day's shift is neither absence nor attendance; a rest day has no shift at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.shifts import Assignment, shift_window

FULL_DAY_HALVES = 2
ShiftState = Literal["upcoming", "running", "over", "leave"]
PunchKind = Literal["in", "out"]


@dataclass(frozen=True)
class PunchFact:
    """A stored punch as attendance sees it (lateness as assessed when it was stored)."""

    kind: PunchKind
    at: datetime
    shift_day: date
    shift_code: str | None
    minutes_late: int = 0
    minutes_early: int = 0
    absence_half_days: int = 0
    source: str = "slack"  # slack | makeup


@dataclass(frozen=True)
class Judging:
    """The policy numbers a shift is judged by."""

    out_grace: timedelta
    absent_after_minutes: int | None = 30  # a clock-in later than this is absence; None: never
    missing_in_half_days: int = 1  # what a clock-in still missing past that point costs


@dataclass(frozen=True)
class ShiftOutcome:
    """What a rostered shift came to, as of the moment it was judged."""

    day: date
    shift_code: str
    state: ShiftState
    clock_in: PunchFact | None = None
    clock_out: PunchFact | None = None
    absence_half_days: int = 0
    missed: tuple[PunchKind, ...] = ()  # missed punches (缺卡)

    @property
    def worked(self) -> bool:
        """Tell whether the person punched for this shift at all."""
        return self.clock_in is not None or self.clock_out is not None

    @property
    def minutes_late(self) -> int:
        """Return the minutes the counting clock-in was late."""
        return self.clock_in.minutes_late if self.clock_in else 0

    @property
    def minutes_early(self) -> int:
        """Return the minutes the counting clock-out was early."""
        return self.clock_out.minutes_early if self.clock_out else 0


@dataclass(frozen=True)
class MissedPunch:
    """A punch missing from a shift (缺卡): the clock-in or the clock-out."""

    day: date
    shift_code: str
    kind: PunchKind


def _in_overdue(start: datetime, now: datetime, rules: Judging) -> bool:
    """Tell whether a clock-in made now would already be absence."""
    if rules.absent_after_minutes is None:
        return False
    return now >= start + timedelta(minutes=rules.absent_after_minutes + 1)


def _absence_and_missed(start: datetime, over: bool, first_in: PunchFact | None,
                        last_out: PunchFact | None, now: datetime,
                        rules: Judging) -> tuple[int, tuple[PunchKind, ...]]:
    """Return the half days of absence and the missed punches of a started shift."""
    if first_in is None and last_out is None:
        if over:
            return FULL_DAY_HALVES, ()
        return (rules.missing_in_half_days if _in_overdue(start, now, rules) else 0), ()
    halves = 0
    missed: list[PunchKind] = []
    if first_in is None:
        missed.append("in")
        halves += rules.missing_in_half_days if _in_overdue(start, now, rules) else 0
    else:
        halves += first_in.absence_half_days
    if last_out is None:
        if over:
            missed.append("out")
    else:
        halves += last_out.absence_half_days
    return min(halves, FULL_DAY_HALVES), tuple(missed)


def judge_shift(a: Assignment, punches: Iterable[PunchFact], *, on_leave: bool,
                now: datetime, tz: ZoneInfo, rules: Judging) -> ShiftOutcome:
    """Judge one rostered shift from its punches, as far as NOW allows."""
    start, end = shift_window(a, tz)
    code = a.shift.code
    if on_leave:
        return ShiftOutcome(a.day, code, "leave")
    if now < start:
        return ShiftOutcome(a.day, code, "upcoming")
    ins = sorted((p for p in punches if p.kind == "in"), key=lambda p: p.at)
    outs = sorted((p for p in punches if p.kind == "out"), key=lambda p: p.at)
    first_in, last_out = (ins[0] if ins else None), (outs[-1] if outs else None)
    over = now >= end + rules.out_grace
    halves, missed = _absence_and_missed(start, over, first_in, last_out, now, rules)
    return ShiftOutcome(a.day, code, "over" if over else "running", first_in, last_out,
                        halves, missed)


def judge_shifts(assignments: Sequence[Assignment], punches: Iterable[PunchFact], *,
                 leave_days: Collection[date], now: datetime, tz: ZoneInfo,
                 rules: Judging) -> list[ShiftOutcome]:
    """Judge each of one person's rostered shifts, in day order."""
    by_shift: dict[tuple[date, str], list[PunchFact]] = defaultdict(list)
    for p in punches:
        if p.shift_code is not None:
            by_shift[(p.shift_day, p.shift_code)].append(p)
    return [judge_shift(a, by_shift.get((a.day, a.shift.code), ()), on_leave=a.day in leave_days,
                        now=now, tz=tz, rules=rules)
            for a in sorted(assignments, key=lambda a: a.day)]


def missed_punches(assignments: Sequence[Assignment], punches: Iterable[PunchFact], *,
                   now: datetime, tz: ZoneInfo, rules: Judging, days: int,
                   leave_days: Collection[date] = frozenset()) -> list[MissedPunch]:
    """List missed punches (缺卡) of shifts on the last DAYS local days up to NOW, oldest first."""
    since = now.astimezone(tz).date() - timedelta(days=days)
    recent = [a for a in assignments if a.day >= since]
    outcomes = judge_shifts(recent, punches, leave_days=leave_days, now=now, tz=tz, rules=rules)
    return [MissedPunch(o.day, o.shift_code, kind) for o in outcomes for kind in o.missed]
