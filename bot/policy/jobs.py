"""Policy section [jobs]: when each routine of the day runs, in the team's time zone."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.policy.fields import HHMM, FrozenModel

Days = Literal["all", "workday", "restday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class JobConfig(FrozenModel):
    """A routine at fixed times of the day: switched off, or moved, here."""

    enabled: bool = True
    at: tuple[HHMM, ...] = Field(min_length=1)
    days: Days = "all"  # workday / restday follow the national calendar (调休 included)
    # Only on this day of the month; past a short month's end, on its last day.
    monthday: int | None = Field(default=None, ge=1, le=31)


def _at(*times: str, days: Days = "all") -> JobConfig:
    return JobConfig(at=times, days=days)


class JobsConfig(FrozenModel):
    """Every scheduled routine; a run missed by downtime still fires within `grace_minutes`."""

    grace_minutes: int = Field(default=60, ge=0, le=24 * 60)
    morning_summary: JobConfig = Field(default_factory=lambda: _at("08:20", days="workday"))
    weekly_meeting: JobConfig = Field(default_factory=lambda: _at("18:45", days="mon"))
    monday_attendance: JobConfig = Field(default_factory=lambda: _at("09:00", days="mon"))
    daily_report: JobConfig = Field(default_factory=lambda: _at("22:30"))
    # The reward/penalty sheets go to the leads the day before payday (its monthday is set
    # from `payday`, 发工资前一天).
    monthly_sheet: JobConfig = Field(default_factory=lambda: _at("10:00"))
    payday: int = Field(default=10, ge=1, le=28)  # a day every month has, so its eve is too

    def sheet_day(self) -> int:
        """The day of the month before payday; 31 (the month's last day) when payday is the 1st."""
        return self.payday - 1 if self.payday > 1 else 31
