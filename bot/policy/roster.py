"""Policy sections for roster generation (coverage, rest rules) and leave (请假 / 休假)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from bot.policy.fields import FrozenModel, Loc, PolicyRuleError, quoted

Count = Annotated[int, Field(ge=0, le=31)]


class CoverageRow(FrozenModel):
    """How many people of a group a shift needs; `days` picks working or rest days."""

    shift: str = Field(min_length=1)
    group: str = ""  # "" counts everyone on the shift
    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=1)
    days: Literal["all", "workday", "restday"] = "all"
    # Soft coverage of this row (overrides [roster.soft_coverage]): cost per person short of
    # min, and per person above min; without either, min is a hard rule.
    under: int | None = Field(default=None, ge=1)
    over: int | None = Field(default=None, ge=0)

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


class SoftCoverage(FrozenModel):
    """Coverage minimums as costs: a week that cannot be fully covered still gets a draft."""

    under: int = Field(ge=1)  # cost of each person short of a row's min
    over: int = Field(default=0, ge=0)  # cost of each person above a row's min (up to max)


class WishWeights(FrozenModel):
    """How much a wish (/roster wish) weighs, by kind: a shift, or a day off."""

    shift: int = Field(default=1, ge=1, le=1000)
    rest: int = Field(default=1, ge=1, le=1000)


class RosterConfig(FrozenModel):
    """The hard rules a generated or changed roster keeps, and the fairness window."""

    coverage: tuple[CoverageRow, ...] = Field(default_factory=_shop_coverage)
    working_days_per_week: int | None = Field(default=5, ge=1, le=7)
    rest_days_per_month: int | None = Field(default=None, ge=0, le=31)
    max_consecutive_days: int | None = Field(default=6, ge=1)
    min_days_off_per_7: int | None = Field(default=1, ge=0, le=7)
    no_day_after_night: bool = True
    # (shift, shift) pairs by code or name: the second may not follow the first the next day.
    forbidden_successions: tuple[tuple[str, str], ...] = ()
    min_consecutive_days: int | None = Field(default=None, ge=1, le=31)
    min_consecutive_days_off: int | None = Field(default=None, ge=1, le=31)
    max_weekends_per_month: int | None = Field(default=None, ge=0, le=5)
    min_hours_per_month: int | None = Field(default=None, ge=0, le=744)  # paid hours
    max_hours_per_month: int | None = Field(default=None, ge=0, le=744)
    max_shifts_per_month: dict[str, Count] = Field(default_factory=dict)  # per person, by shift
    wish_weights: WishWeights = Field(default_factory=WishWeights)
    soft_coverage: SoftCoverage | None = None
    history_weeks: int = Field(default=4, ge=0, le=12)  # fairness counts this far back
    holidays: Literal["cn", "none"] = "cn"  # statutory holidays and 调休 from chinese-calendar
    wish_days_ahead: int = Field(default=7, ge=0)  # a wish is filed at least this far ahead
    time_limit_seconds: int = Field(default=20, ge=1, le=600)

    @field_validator("forbidden_successions", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            problems: list[tuple[Loc, str]] = [
                ((i,), 'must be two shifts, e.g. ["E", "D"]: no D the day after E')
                for i, pair in enumerate(value)
                if not (isinstance(pair, list | tuple) and len(pair) == 2
                        and all(isinstance(x, str) for x in pair))]
            if problems:
                raise PolicyRuleError(problems)
        return value

    @model_validator(mode="after")
    def _min_not_above_max(self) -> RosterConfig:
        problems: list[tuple[Loc, str]] = []
        pairs = (("min_consecutive_days", "max_consecutive_days"),
                 ("min_hours_per_month", "max_hours_per_month"))
        for low, high in pairs:
            least, most = getattr(self, low), getattr(self, high)
            if least is not None and most is not None and least > most:
                problems.append(((low,), f"must be at most {high} ({most}): lower it, "
                                 f"or raise {high}"))
        if problems:
            raise PolicyRuleError(problems)
        return self


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


def roster_shifts(roster: RosterConfig, shifts: Sequence[Any]) -> RosterConfig:
    """Check that the roster rules name shifts of the catalogue; return them with each shift
    written by its code (a rule may name a shift by code or by either name)."""
    if not shifts:
        return roster
    codes = {k.casefold(): s.code for s in shifts for k in (s.code, s.name, s.name_en)}
    known = ", ".join(f"{s.code} {s.name} {s.name_en}" for s in shifts)
    problems: list[tuple[Loc, str]] = []

    def code(word: str, loc: Loc, what: str) -> str:
        found = codes.get(word.strip().casefold())
        if found is None:
            problems.append((loc, f"unknown shift {quoted(word)}, use {what} ({known})"))
        return found or word

    for i, row in enumerate(roster.coverage):
        code(row.shift, ("coverage", i, "shift"), "one of the shift codes")
    pairs = tuple(dict.fromkeys(
        (code(a, ("forbidden_successions", i, 0), "a shift code or name"),
         code(b, ("forbidden_successions", i, 1), "a shift code or name"))
        for i, (a, b) in enumerate(roster.forbidden_successions)))
    most = {code(k, ("max_shifts_per_month", k), "a shift code or name"): n
            for k, n in roster.max_shifts_per_month.items()}
    if problems:
        raise PolicyRuleError(problems)
    return roster.model_copy(update={"forbidden_successions": pairs,
                                     "max_shifts_per_month": most})
