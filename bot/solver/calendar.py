"""Which days count as weekend days for fairness: rest days of the national calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import chinese_calendar  # type: ignore[import-untyped]


@dataclass(frozen=True)
class WeekendDays:
    """Weekend days of a span, and the days the national calendar did not know."""

    days: frozenset[date]
    fell_back: frozenset[date]  # plain Saturday/Sunday used: the library has no data


def weekend_calendar(days: Iterable[date]) -> WeekendDays:
    """Classify days: statutory rest days (调休 included), or plain weekends where unknown."""
    rest: set[date] = set()
    unknown: set[date] = set()
    for day in days:
        try:
            # is_holiday is True for Sat/Sun unless a make-up working day, and for holidays
            if chinese_calendar.is_holiday(day):
                rest.add(day)
        except NotImplementedError:
            unknown.add(day)
            if day.weekday() >= 5:
                rest.add(day)
    return WeekendDays(frozenset(rest), frozenset(unknown))


def weekend_days(days: Iterable[date]) -> frozenset[date]:
    """Return the Saturdays/Sundays that are not make-up working days, plus statutory holidays."""
    return weekend_calendar(days).days
