"""When a job is due: its times of day on its kind of day, in the team's zone (pure)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from bot.policy.jobs import Days, JobConfig

RestDay = Callable[[date], bool]
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def on_day(days: Days, day: date, rest_day: RestDay) -> bool:
    """Whether a job for DAYS runs on DAY."""
    if days == "all":
        return True
    if days == "workday":
        return not rest_day(day)
    if days == "restday":
        return rest_day(day)
    return _WEEKDAYS[day.weekday()] == days


def on_monthday(monthday: int | None, day: date) -> bool:
    """Whether DAY is MONTHDAY of its month (a day past the month's end means its last)."""
    if monthday is None:
        return True
    return day.day == min(monthday, calendar.monthrange(day.year, day.month)[1])


def instants(cfg: JobConfig, tz: tzinfo, after: datetime, until: datetime,
             rest_day: RestDay) -> list[datetime]:
    """The job's scheduled instants in (AFTER, UNTIL], oldest first."""
    out = []
    day = after.astimezone(tz).date() - timedelta(days=1)
    while day <= until.astimezone(tz).date():
        if on_day(cfg.days, day, rest_day) and on_monthday(cfg.monthday, day):
            for hhmm in cfg.at:
                hh, mm = (int(p) for p in hhmm.split(":"))
                at = datetime.combine(day, time(hh, mm), tz)
                if after < at <= until:
                    out.append(at)
        day += timedelta(days=1)
    return sorted(out)


def next_instant(cfg: JobConfig, tz: tzinfo, after: datetime,
                 rest_day: RestDay) -> datetime | None:
    """The first scheduled instant after AFTER (within a year), or None."""
    for weeks in (1, 5, 53):
        found = instants(cfg, tz, after, after + timedelta(weeks=weeks), rest_day)
        if found:
            return found[0]
    return None
