"""Lateness tiers of the default shop policy, and punch assessment."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.lateness import LatenessTier, assess_punch, tier_for
from bot.domain.shifts import Assignment, ShiftDef
from bot.policy import load_policy

TZ = ZoneInfo("Asia/Shanghai")
TIERS = load_policy().lateness_tiers()
DAY = Assignment(date(2026, 11, 25), ShiftDef("D", "白班", "Day", 510, 1050))


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    """Return a Shanghai instant on 2026-11-25."""
    return datetime(2026, 11, 25, hh, mm, ss, tzinfo=TZ)


@pytest.mark.parametrize(
    ("minutes", "tier_no", "fine_fen", "shares", "absence_days"),
    [
        (1, 1, 1000, 5, Decimal(0)),
        (10, 1, 1000, 5, Decimal(0)),
        (11, 2, 2000, None, Decimal(0)),
        (20, 2, 2000, None, Decimal(0)),
        (21, 3, 5000, 5, Decimal(0)),
        (30, 3, 5000, 5, Decimal(0)),
        (31, 4, 0, None, Decimal("0.5")),
        (600, 4, 0, None, Decimal("0.5")),
    ],
)
def test_default_tiers_match_the_shop_rules(
    minutes: int, tier_no: int, fine_fen: int, shares: int | None, absence_days: Decimal
) -> None:
    found = tier_for(minutes, TIERS)
    assert found is not None
    number, tier = found
    assert (number, tier.fine_fen, tier.shares, tier.absence_days) == (
        tier_no, fine_fen, shares, absence_days,
    )


def test_on_time_is_no_tier() -> None:
    assert tier_for(0, TIERS) is None
    assert tier_for(-5, TIERS) is None


def test_late_11_minutes_costs_20_yuan() -> None:
    result = assess_punch("in", at(8, 41), DAY, TZ, TIERS)
    assert (result.minutes_late, result.tier_no) == (11, 2)
    assert result.tier is not None and result.tier.fine_fen == 2000


def test_late_30_minutes_59_seconds_is_still_tier_3() -> None:
    result = assess_punch("in", at(9, 0, 59), DAY, TZ, TIERS)
    assert (result.minutes_late, result.tier_no) == (30, 3)


def test_late_31_minutes_is_half_a_day_of_absence() -> None:
    result = assess_punch("in", at(9, 1), DAY, TZ, TIERS)
    assert result.tier is not None and result.tier.absence_days == Decimal("0.5")


def test_early_leave_uses_the_lateness_tiers() -> None:
    result = assess_punch("out", at(17, 15), DAY, TZ, TIERS)
    assert (result.minutes_early, result.overtime_minutes, result.tier_no) == (15, 0, 2)


def test_staying_late_is_overtime_without_a_tier() -> None:
    result = assess_punch("out", at(18, 5), DAY, TZ, TIERS)
    assert (result.minutes_early, result.overtime_minutes, result.tier) == (0, 35, None)


def test_arriving_early_is_not_overtime() -> None:
    result = assess_punch("in", at(8, 0), DAY, TZ, TIERS)
    assert (result.minutes_late, result.overtime_minutes, result.tier) == (0, 0, None)


def test_punch_without_a_shift_is_all_zero() -> None:
    result = assess_punch("in", at(9, 30), None, TZ, TIERS)
    assert (result.minutes_late, result.minutes_early, result.overtime_minutes) == (0, 0, 0)
    assert (result.assignment, result.tier_no, result.tier) == (None, None, None)


def test_tiers_without_an_unbounded_last_tier_are_an_error() -> None:
    with pytest.raises(ValueError, match="unbounded"):
        tier_for(11, (LatenessTier(10, 1000),))


ascending_bounds = st.lists(st.integers(1, 500), max_size=6, unique=True).map(sorted)


def make_tiers(bounds: list[int]) -> list[LatenessTier]:
    """Return tiers with the given upper bounds and an unbounded last tier."""
    return [LatenessTier(b, 100 * i) for i, b in enumerate(bounds)] + [LatenessTier(None, 0)]


@given(bounds=ascending_bounds, a=st.integers(1, 2000), b=st.integers(1, 2000))
def test_more_minutes_never_land_in_a_lower_tier(bounds: list[int], a: int, b: int) -> None:
    tiers = make_tiers(bounds)
    low, high = sorted((a, b))
    found_low, found_high = tier_for(low, tiers), tier_for(high, tiers)
    assert found_low is not None and found_high is not None
    assert found_low[0] <= found_high[0]


@given(bounds=ascending_bounds, minutes=st.integers(1, 10**9))
def test_every_minute_lands_in_exactly_one_tier(bounds: list[int], minutes: int) -> None:
    tiers = make_tiers(bounds)
    covering = [
        number
        for number, tier in enumerate(tiers, start=1)
        if (number == 1 or minutes > (tiers[number - 2].up_to_minutes or 0))
        and (tier.up_to_minutes is None or minutes <= tier.up_to_minutes)
    ]
    found = tier_for(minutes, tiers)
    assert found is not None and [found[0]] == covering
    assert found[1] is tiers[found[0] - 1]
