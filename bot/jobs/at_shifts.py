"""Jobs tied to the shifts: their times of day come from the shift catalogue, and each run
finds the shifts it is for (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.shifts import DAY_MINUTES, Assignment, ShiftDef
from bot.policy.jobs import JobConfig, ShiftJobConfig


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def shift_schedule(cfg: ShiftJobConfig, shifts: Sequence[ShiftDef]) -> JobConfig:
    """Every day, at each shift's start moved by the job's offset (shared times once)."""
    times = sorted({_hhmm((s.start_minute + cfg.offset_minutes) % DAY_MINUTES)
                    for s in shifts})
    return JobConfig(enabled=cfg.enabled, at=tuple(times), days="all")


def shifts_at(instant: datetime, offset_minutes: int, shifts: Sequence[ShiftDef],
              tz: ZoneInfo) -> list[Assignment]:
    """The shifts starting OFFSET_MINUTES before INSTANT, each on the day it belongs to
    (a shift starting at 24:00 belongs to the day before)."""
    # Wall-clock arithmetic, as shift_window places a shift: midnight plus its start minute.
    start = instant.astimezone(tz).replace(tzinfo=None) - timedelta(minutes=offset_minutes)
    found = []
    for shift in shifts:
        midnight = start - timedelta(minutes=shift.start_minute)
        if midnight.time() == time():
            found.append(Assignment(midnight.date(), shift))
    return found
