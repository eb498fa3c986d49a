"""Lateness and early-leave tiers, and the assessment of a single punch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.shifts import (
    Assignment,
    minutes_early,
    minutes_late,
    overtime_minutes,
    shift_window,
)


@dataclass(frozen=True)
class LatenessTier:
    """One band of minutes late (or early) and what it costs."""

    up_to_minutes: int | None
    fine_fen: int
    shares: int | None = None
    absence_days: Decimal = Decimal(0)


def tier_for(minutes: int, tiers: Sequence[LatenessTier]) -> tuple[int, LatenessTier] | None:
    """Return the 1-based number and tier that `minutes` falls in, or None when not late."""
    if minutes <= 0:
        return None
    for number, tier in enumerate(tiers, start=1):
        if tier.up_to_minutes is None or minutes <= tier.up_to_minutes:
            return number, tier
    raise ValueError(f"no tier covers {minutes} minutes: the last tier must be unbounded")


@dataclass(frozen=True)
class PunchAssessment:
    """What a punch means for its shift: lateness, early leave, overtime and the tier hit."""

    kind: Literal["in", "out"]
    assignment: Assignment | None
    minutes_late: int
    minutes_early: int
    overtime_minutes: int
    tier_no: int | None
    tier: LatenessTier | None


def assess_punch(
    kind: Literal["in", "out"],
    at: datetime,
    assignment: Assignment | None,
    tz: ZoneInfo,
    tiers: Sequence[LatenessTier],
) -> PunchAssessment:
    """Assess a punch against its assignment; early leave uses the same tiers as lateness."""
    if assignment is None:
        return PunchAssessment(kind, None, 0, 0, 0, None, None)
    start, end = shift_window(assignment, tz)
    late = minutes_late(at, start) if kind == "in" else 0
    early = minutes_early(at, end) if kind == "out" else 0
    overtime = overtime_minutes(at, end) if kind == "out" else 0
    found = tier_for(late + early, tiers)
    tier_no, tier = found if found is not None else (None, None)
    return PunchAssessment(kind, assignment, late, early, overtime, tier_no, tier)
