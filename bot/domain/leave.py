"""Leave (请假) and monthly rest days (休假): notice, overlaps and quotas (DOMAIN.md §2).

Choices where the rules are silent:
- Quotas count approved days and days of requests still pending, so that two requests
  filed before either is decided cannot together exceed a quota.
- The blocking rule ("more than 3 days of leave in a month: no rest days the next month")
  counts approved personal and sick days of the month before the rest day's month.
- Sick leave may start up to `sick_days_back` days in the past: an emergency is phoned in
  and the request filed afterwards. Personal leave and rest days need their notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from bot.domain.period import Month

LeaveKind = Literal["rest", "personal", "sick"]
KINDS: tuple[LeaveKind, ...] = ("rest", "personal", "sick")
LEAVE_KINDS: tuple[LeaveKind, ...] = ("personal", "sick")  # break full attendance


@dataclass(frozen=True)
class LeaveRules:
    """The policy numbers leave is checked against."""

    personal_days_ahead: int = 1
    rest_days_ahead: int = 2
    sick_days_back: int = 7
    rest_days_per_month: int = 2
    leave_days_blocking_rest: int = 3
    personal_days_per_year: int = 30
    max_days_per_request: int = 31


@dataclass(frozen=True)
class Breach:
    """A rule the request breaks: `reason` names a refusal, `params` fill its text."""

    reason: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Usage:
    """One person's leave days: approved ones and those of pending requests."""

    approved: tuple[tuple[date, LeaveKind], ...] = ()
    pending: tuple[tuple[date, LeaveKind], ...] = ()

    def count(self, kinds: Iterable[LeaveKind], first: date, last: date, *,
              pending: bool = True) -> int:
        """Count days of KINDS between FIRST and LAST, pending ones too unless told not to."""
        wanted = set(kinds)
        days = [*self.approved, *(self.pending if pending else ())]
        return sum(1 for d, k in days if k in wanted and first <= d <= last)


@dataclass(frozen=True)
class Figure:
    """A quota line: days used in a period (this request included when filing) of a limit."""

    what: Literal["rest", "personal", "sick"]
    period: str  # "2026-11" or "2026"
    used: int
    limit: int | None
    blocked: bool = False  # rest days refused this month by last month's leave
    pending: int = 0  # of `used`, days of requests still waiting for a lead

    @property
    def left(self) -> int | None:
        """Return the days still free under the limit (none while blocked, never below 0)."""
        if self.limit is None:
            return None
        return 0 if self.blocked else max(0, self.limit - self.used)


def span(first: date, last: date) -> list[date]:
    """Return every day from FIRST to LAST inclusive."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def date_breach(kind: LeaveKind, first: date, last: date, today: date,
                rules: LeaveRules) -> Breach | None:
    """Check the range itself: order, length and notice."""
    if last < first:
        return Breach("leave_backwards", {"first": first, "last": last})
    n = (last - first).days + 1
    if n > rules.max_days_per_request:
        return Breach("leave_too_long", {"days": n, "most": rules.max_days_per_request})
    if kind == "sick":
        earliest = today - timedelta(days=rules.sick_days_back)
        if first < earliest:
            return Breach("leave_sick_too_old", {"days": rules.sick_days_back,
                                                 "earliest": earliest})
        return None
    ahead = rules.rest_days_ahead if kind == "rest" else rules.personal_days_ahead
    if first < today + timedelta(days=ahead):
        return Breach(f"leave_{kind}_notice", {"days": ahead,
                                               "earliest": today + timedelta(days=ahead)})
    return None


def overlap_breach(days: Sequence[date], usage: Usage) -> Breach | None:
    """Refuse days already covered by approved leave or a pending request."""
    taken = {d for d, _ in (*usage.approved, *usage.pending)}
    clash = [d for d in days if d in taken]
    return Breach("leave_overlap", {"days": clash}) if clash else None


def blocked_by(month: Month, usage: Usage, rules: LeaveRules) -> int | None:
    """Return last month's leave days when they bar rest days in MONTH, else None."""
    prev = Month.of(month.first - timedelta(days=1))
    n = usage.count(LEAVE_KINDS, prev.first, prev.last, pending=False)
    return n if n > rules.leave_days_blocking_rest else None


def quota_breach(kind: LeaveKind, days: Sequence[date], usage: Usage,
                 rules: LeaveRules) -> Breach | None:
    """Check the monthly rest-day and yearly personal-leave quotas, this request included."""
    if kind == "rest":
        for month in sorted({Month.of(d) for d in days}):
            leave = blocked_by(month, usage, rules)
            if leave is not None:
                return Breach("leave_rest_blocked", {
                    "month": str(month), "leave": leave, "most": rules.leave_days_blocking_rest})
            used = usage.count(["rest"], month.first, month.last)
            asked = sum(1 for d in days if Month.of(d) == month)
            if used + asked > rules.rest_days_per_month:
                return Breach("leave_rest_quota", {"month": str(month), "used": used,
                                                   "asked": asked,
                                                   "most": rules.rest_days_per_month})
    if kind == "personal":
        for y in sorted({d.year for d in days}):
            used = usage.count(["personal"], *_year(y))
            asked = sum(1 for d in days if d.year == y)
            if used + asked > rules.personal_days_per_year:
                return Breach("leave_personal_quota", {"year": y, "used": used, "asked": asked,
                                                       "most": rules.personal_days_per_year})
    return None


def figures(kind: LeaveKind, days: Sequence[date], usage: Usage,
            rules: LeaveRules) -> list[Figure]:
    """Quota lines for the periods DAYS fall in, as they stand with this request."""
    out: list[Figure] = []
    if kind == "rest":
        for month in sorted({Month.of(d) for d in days}):
            asked = sum(1 for d in days if Month.of(d) == month)
            used = usage.count(["rest"], month.first, month.last) + asked
            out.append(Figure("rest", str(month), used, rules.rest_days_per_month))
        return out
    limit = rules.personal_days_per_year if kind == "personal" else None
    for y in sorted({d.year for d in days}):
        used = usage.count([kind], *_year(y)) + sum(1 for d in days if d.year == y)
        out.append(Figure(kind, str(y), used, limit))
    return out


def standing(today: date, usage: Usage, rules: LeaveRules) -> list[Figure]:
    """Where a person stands today: rest days this month and each later month holding rest
    days, then personal and sick days this year and each later year holding such days."""
    month = Month.of(today)
    waiting = Usage(pending=usage.pending)

    def ahead(kind: LeaveKind) -> list[date]:
        return [d for d, k in (*usage.approved, *usage.pending) if k == kind and d > month.last]

    def figure(kind: LeaveKind, period: str, first: date, last: date, limit: int | None,
               blocked: bool = False) -> Figure:
        return Figure(kind, period, usage.count([kind], first, last), limit, blocked,
                      waiting.count([kind], first, last))

    months = [month, *sorted({Month.of(d) for d in ahead("rest")})]
    out = [figure("rest", str(m), m.first, m.last, rules.rest_days_per_month,
                  blocked_by(m, usage, rules) is not None) for m in months]
    per_year: tuple[tuple[LeaveKind, int | None], ...] = (
        ("personal", rules.personal_days_per_year), ("sick", None))
    for kind, limit in per_year:
        years = [today.year, *sorted({d.year for d in ahead(kind) if d.year > today.year})]
        out += [figure(kind, str(y), *_year(y), limit) for y in years]
    return out
