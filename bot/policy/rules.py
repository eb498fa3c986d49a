"""Policy sections for lateness, make-up punches, absence, the bonus and red packets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from bot.domain.lateness import LatenessTier
from bot.policy.fields import Fen, FrozenModel, Loc, PolicyRuleError


class TierConfig(FrozenModel):
    """A lateness band as written in the file; `fine` is in yuan, stored as fen."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    up_to_minutes: int | None = Field(default=None, ge=1)
    fine_fen: Fen = Field(alias="fine")
    shares: int | None = Field(default=None, ge=1)
    absence_days: Decimal = Field(default=Decimal(0), ge=0)

    def to_tier(self) -> LatenessTier:
        """Return the domain tier for this entry."""
        return LatenessTier(self.up_to_minutes, self.fine_fen, self.shares, self.absence_days)


def _shop_tiers() -> tuple[TierConfig, ...]:
    rows: list[dict[str, Any]] = [
        {"up_to_minutes": 10, "fine": 10, "shares": 5},
        {"up_to_minutes": 20, "fine": 20},
        {"up_to_minutes": 30, "fine": 50, "shares": 5},
        {"fine": 0, "absence_days": "0.5"},
    ]
    return tuple(TierConfig.model_validate(row) for row in rows)


class LatenessConfig(FrozenModel):
    """Tiers for late arrival and early leave, ascending, the last one unbounded."""

    tiers: tuple[TierConfig, ...] = Field(default_factory=_shop_tiers, min_length=1)

    @field_validator("tiers")
    @classmethod
    def _ascending(cls, tiers: tuple[TierConfig, ...]) -> tuple[TierConfig, ...]:
        problems: list[tuple[Loc, str]] = []
        previous = 0
        for i, tier in enumerate(tiers):
            loc: Loc = (i, "up_to_minutes")
            last = i == len(tiers) - 1
            if tier.up_to_minutes is None and not last:
                problems.append((loc, "only the last tier may be unbounded (no up_to_minutes)"))
            elif tier.up_to_minutes is not None and last:
                problems.append((loc, "the last tier must be unbounded: remove up_to_minutes"))
            if tier.up_to_minutes is not None:
                if tier.up_to_minutes <= previous:
                    problems.append((loc, f"must be greater than {previous}, tiers ascend"))
                previous = tier.up_to_minutes
        if problems:
            raise PolicyRuleError(problems)
        return tiers


class MakeupConfig(FrozenModel):
    """Make-up punches (补卡): free quota, the fine beyond it, how old a gap may be."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    free_per_month: int = Field(default=3, ge=0)
    leave_fine_fen: Fen = Field(default=1000, alias="leave_fine")
    max_age_days: int = Field(default=7, ge=0)


class AbsenceStep(FrozenModel):
    """What a month's total absence (旷工) of at least `days` leads to."""

    days: Decimal = Field(gt=0)
    deduct_wage_days: int | None = Field(default=None, ge=0)
    whole_month: bool = False
    notice: bool = False
    dismissal: bool = False


def _shop_steps() -> tuple[AbsenceStep, ...]:
    return (
        AbsenceStep(days=Decimal("0.5"), deduct_wage_days=3),
        AbsenceStep(days=Decimal(1), deduct_wage_days=5),
        AbsenceStep(days=Decimal(2), deduct_wage_days=10, notice=True),
        AbsenceStep(days=Decimal(3), whole_month=True, dismissal=True),
    )


class AbsenceConfig(FrozenModel):
    """Escalation steps for absence, ascending by days."""

    steps: tuple[AbsenceStep, ...] = Field(default_factory=_shop_steps)
    # Where the company-wide notice of a step with `notice` goes; unset: the team channel.
    notice_channel: str | None = Field(default=None, min_length=1)

    @field_validator("steps")
    @classmethod
    def _ascending(cls, steps: tuple[AbsenceStep, ...]) -> tuple[AbsenceStep, ...]:
        problems: list[tuple[Loc, str]] = []
        for i, step in enumerate(steps):
            if i and step.days <= steps[i - 1].days:
                problems.append(((i, "days"), f"must be greater than {steps[i - 1].days}"))
            if step.whole_month and step.deduct_wage_days is not None:
                problems.append(((i, "deduct_wage_days"), "not with whole_month = true"))
        if problems:
            raise PolicyRuleError(problems)
        return steps


class FullAttendanceConfig(FrozenModel):
    """The monthly full-attendance bonus (全勤奖), stored as fen."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    bonus_fen: Fen = Field(default=20000, alias="bonus")


class RedPacketConfig(FrozenModel):
    """When a red-packet fine is due, and what an unpaid one grows to."""

    due: Literal["next_working_day_end"] = "next_working_day_end"
    unpaid_multiplier: int = Field(default=2, ge=1)
