"""`/kefu remind add|list|remove`: a lead's reminder, its schedule and its text.

A schedule (team time) is one of:
  HH:MM             every day at that time                 08:50
  HH:MM,HH:MM,…     several times a day                    10:00,15:00
  HH:MM-HH:MM/Nh    every N hours (/Nm: minutes), both ends included
                                                           14:00-17:00/1h = 14, 15, 16, 17:00
  M H * * D         a 5-field cron: minute and hour as cron writes them (5, 1-3, */15,
                    8-18/2, lists); day of month and month `*`; day of week `*` or one day
A day word may come first: workday/工作日, restday/休息日, mon…sun/周一…周日, daily/每天.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, cast

from apscheduler.triggers.cron import CronTrigger

from bot.parse.common import UsageError, parse_id
from bot.policy.jobs import Days

MOST_TIMES = 48  # a day's posts: more would drown the channel
Action = Literal["add", "list", "remove"]
_ACTIONS: dict[str, Action] = {
    "add": "add", "添加": "add", "新增": "add", "list": "list", "列表": "list", "": "list",
    "remove": "remove", "rm": "remove", "delete": "remove", "删除": "remove"}
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_WORDS: dict[str, Days] = {
    "daily": "all", "每天": "all", "workday": "workday", "工作日": "workday",
    "restday": "restday", "休息日": "restday",
    **{d: cast(Days, d) for d in _WEEK},
    **{f"周{c}": cast(Days, d) for c, d in zip("一二三四五六日", _WEEK, strict=True)}}
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EVERY = re.compile(r"^(.+)-(.+)/(\d{1,3})(h|m|小时|分钟|分)$")
_CRON_WORD = re.compile(r"^[\d*,/-]+$")
_CRON_DAYS = {"0": "sun", "7": "sun", **{str(i + 1): d for i, d in enumerate(_WEEK[:6])}}


@dataclass(frozen=True)
class Schedule:
    """When a reminder is posted: times of day on a kind of day."""

    spec: str  # as typed (normalised), shown back in the list
    times: tuple[str, ...]
    days: Days = "all"


@dataclass(frozen=True)
class RemindCmd:
    """One /kefu remind command."""

    action: Action
    schedule: Schedule | None = None
    text: str = ""
    reminder_id: int | None = None


def parse_remind(text: str) -> RemindCmd:
    """Read `add [DAY] WHEN TEXT`, `list` or `remove ID`, or raise the usage error."""
    word, rest = _take(text)
    action = _ACTIONS.get(word.lower())
    if action is None:
        raise UsageError("remind", "remind_action", word=word)
    if action == "list":
        return RemindCmd("list")
    if action == "remove":
        first, _ = _take(rest)
        if not first:
            raise UsageError("remind", "remind_no_id")
        found = parse_id(first.removeprefix("#"))
        if found is None:
            raise UsageError("remind", "bad_id", word=first)
        return RemindCmd("remove", reminder_id=found)
    schedule, words = _schedule(rest)
    if not words:
        raise UsageError("remind", "remind_text")
    return RemindCmd("add", schedule, words[:300])


def _take(text: str) -> tuple[str, str]:
    """The first word, full-width forms made plain (１４：００ → 14:00), and the rest as typed."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return unicodedata.normalize("NFKC", parts[0]), (parts[1] if len(parts) > 1 else "")


def _schedule(text: str) -> tuple[Schedule, str]:
    """Split the schedule off the front of TEXT; return it and the reminder's words."""
    first, rest = _take(text)
    days = _DAY_WORDS.get(first.lower())
    if days is not None:
        first, rest = _take(rest)
    if not first:
        raise UsageError("remind", "remind_form")
    if ":" in first:
        return _checked(Schedule(first, _clock_times(first), days or "all")), rest
    if days is None and _CRON_WORD.match(first):
        fields = [first]
        while len(fields) < 5 and rest:
            word, rest = _take(rest)
            fields.append(word)
        if len(fields) == 5:
            return _checked(_cron(fields)), rest
    raise UsageError("remind", "bad_schedule", word=first)


def _checked(schedule: Schedule) -> Schedule:
    if not schedule.times:
        raise UsageError("remind", "bad_schedule", word=schedule.spec)
    if len(schedule.times) > MOST_TIMES:
        raise UsageError("remind", "remind_too_many", word=schedule.spec, most=MOST_TIMES)
    return schedule


def _hhmm(word: str, spec: str) -> int:
    """Minutes after midnight of an HH:MM; the usage error names the whole SPEC."""
    found = _HHMM.match(word)
    if found is None:
        raise UsageError("remind", "bad_schedule", word=spec)
    return int(found[1]) * 60 + int(found[2])


def _clock_times(spec: str) -> tuple[str, ...]:
    """HH:MM, a comma list of them, or FIRST-LAST/Nh|Nm."""
    every = _EVERY.match(spec)
    if every is None:
        minutes = {_hhmm(w, spec) for w in spec.split(",")}
    else:
        first, last = _hhmm(every[1], spec), _hhmm(every[2], spec)
        step = int(every[3]) * (60 if every[4] in ("h", "小时") else 1)
        if step == 0 or last < first:
            raise UsageError("remind", "bad_schedule", word=spec)
        minutes = set(range(first, last + 1, step))
    return tuple(f"{m // 60:02d}:{m % 60:02d}" for m in sorted(minutes))


def _cron(fields: list[str]) -> Schedule:
    """Expand a cron's minute and hour fields (APScheduler reads them) into times of day."""
    spec = " ".join(fields)
    minute, hour, monthday, month, weekday = fields
    days = "all" if weekday == "*" else _CRON_DAYS.get(weekday)
    if monthday != "*" or month != "*" or days is None:
        raise UsageError("remind", "bad_cron", word=spec)
    try:
        trigger = CronTrigger(minute=minute, hour=hour, timezone=UTC)
    except ValueError:
        raise UsageError("remind", "bad_cron", word=spec) from None
    start = datetime(2026, 1, 5, tzinfo=UTC)
    times: list[str] = []
    at = trigger.get_next_fire_time(None, start)
    while at is not None and at < start + timedelta(days=1) and len(times) <= MOST_TIMES:
        times.append(f"{at:%H:%M}")
        at = trigger.get_next_fire_time(at, at + timedelta(minutes=1))
    return Schedule(spec, tuple(times), cast(Days, days))
