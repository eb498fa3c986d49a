"""Policy sections for roster generation (coverage, rest rules) and leave (请假 / 休假)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bot.policy.fields import FrozenModel


class CoverageRow(FrozenModel):
    """How many people of a group a shift needs; `days` picks working or rest days."""

    shift: str = Field(min_length=1)
    group: str = ""  # "" counts everyone on the shift
    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=1)
    days: Literal["all", "workday", "restday"] = "all"

    @model_validator(mode="after")
    def _max_not_below_min(self) -> CoverageRow:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) must be at least min ({self.min})")
        return self


def _shop_coverage() -> tuple[CoverageRow, ...]:
    return (
        CoverageRow(shift="D", group="售前", min=1, max=3),
        CoverageRow(shift="D", group="售后", min=1, max=3),
        CoverageRow(shift="E", group="售前", min=1, max=2),
        CoverageRow(shift="E", group="售后", min=1, max=2),
    )


class RosterConfig(FrozenModel):
    """The hard rules a generated or changed roster keeps, and the fairness window."""

    coverage: tuple[CoverageRow, ...] = Field(default_factory=_shop_coverage)
    working_days_per_week: int | None = Field(default=5, ge=1, le=7)
    rest_days_per_month: int | None = Field(default=None, ge=0, le=31)
    max_consecutive_days: int | None = Field(default=6, ge=1)
    min_days_off_per_7: int | None = Field(default=1, ge=0, le=7)
    no_day_after_night: bool = True
    history_weeks: int = Field(default=4, ge=0, le=12)  # fairness counts this far back
    holidays: Literal["cn", "none"] = "cn"  # statutory holidays and 调休 from chinese-calendar
    wish_days_ahead: int = Field(default=7, ge=0)  # a wish is filed at least this far ahead
    time_limit_seconds: int = Field(default=20, ge=1, le=600)


class LeaveConfig(FrozenModel):
    """Leave (请假) and monthly rest days (休假): notice, quotas and the carry-over rule."""

    personal_days_ahead: int = Field(default=1, ge=0)
    rest_days_ahead: int = Field(default=2, ge=0)
    sick_days_ahead: int = Field(default=0, ge=0)
    rest_days_per_month: int = Field(default=2, ge=0)
    # More than this many days of leave in a month: no rest days in the next month.
    leave_days_blocking_rest: int = Field(default=3, ge=0)
    personal_days_per_year: int = Field(default=30, ge=0)
    max_days_per_request: int = Field(default=31, ge=1)
