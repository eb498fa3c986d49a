"""Policy section [jobs]: when each routine of the day runs, in the team's time zone."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bot.policy.fields import HHMM, FrozenModel

Days = Literal["all", "workday", "restday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class JobConfig(FrozenModel):
    """A routine at fixed times of the day: switched off, or moved, here."""

    enabled: bool = True
    at: tuple[HHMM, ...] = Field(min_length=1)
    days: Days = "all"  # workday / restday follow the national calendar (调休 included)
    # Only on this day of the month; past a short month's end, on its last day.
    monthday: int | None = Field(default=None, ge=1, le=31)


class ShiftJobConfig(FrozenModel):
    """A routine at every shift's start, or this many minutes before or after it."""

    enabled: bool = True
    minutes_before: int = Field(default=0, ge=0, le=12 * 60)
    minutes_after: int = Field(default=0, ge=0, le=12 * 60)

    @model_validator(mode="after")
    def _one_side(self) -> ShiftJobConfig:
        if self.minutes_before and self.minutes_after:
            raise ValueError("set minutes_before or minutes_after, not both")
        return self

    @property
    def offset_minutes(self) -> int:
        """Minutes from a shift's start to the run: negative before it."""
        return self.minutes_after - self.minutes_before


def _at(*times: str, days: Days = "all") -> JobConfig:
    return JobConfig(at=times, days=days)


class JobsConfig(FrozenModel):
    """Every scheduled routine; a run missed by downtime still fires within `grace_minutes`."""

    grace_minutes: int = Field(default=60, ge=0, le=24 * 60)
    morning_summary: JobConfig = Field(default_factory=lambda: _at("08:20", days="workday"))
    weekly_meeting: JobConfig = Field(default_factory=lambda: _at("18:45", days="mon"))
    shift_reminder: ShiftJobConfig = Field(
        default_factory=lambda: ShiftJobConfig(minutes_before=15))
    shift_no_clock_in: ShiftJobConfig = Field(
        default_factory=lambda: ShiftJobConfig(minutes_after=30))
    request_lapse: ShiftJobConfig = Field(default_factory=ShiftJobConfig)
    missed_punch: JobConfig = Field(default_factory=lambda: _at("09:00"))
    missed_calls: JobConfig = Field(
        default_factory=lambda: _at("10:00", "13:00", "15:00", "17:00"))
    parcel_followup: JobConfig = Field(default_factory=lambda: _at("09:30"))
    # Holds run out at any hour: checked hourly through the working day, announced once.
    parcel_hold: JobConfig = Field(
        default_factory=lambda: _at(*(f"{h:02d}:00" for h in range(8, 23))))
    absence_steps: JobConfig = Field(default_factory=lambda: _at("09:05"))
    # The handover (交接班) reaches the next shift as its people arrive (10 minutes early);
    # the leads hear who has not read it 30 minutes into that shift.
    handover: ShiftJobConfig = Field(default_factory=lambda: ShiftJobConfig(minutes_before=10))
    handover_unread: ShiftJobConfig = Field(
        default_factory=lambda: ShiftJobConfig(minutes_after=30))
    monday_attendance: JobConfig = Field(default_factory=lambda: _at("09:00", days="mon"))
    daily_report: JobConfig = Field(default_factory=lambda: _at("22:30"))
    # The reward/penalty sheets go to the leads the day before payday (its monthday is set
    # from `payday`, 发工资前一天).
    monthly_sheet: JobConfig = Field(default_factory=lambda: _at("10:00"))
    payday: int = Field(default=10, ge=1, le=28)  # a day every month has, so its eve is too

    def sheet_day(self) -> int:
        """The day of the month before payday; 31 (the month's last day) when payday is the 1st."""
        return self.payday - 1 if self.payday > 1 else 31
