"""Which roster cells are history: the one rule every roster writer asks."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.policy import Policy
from bot.services.roster.fixed import Fixed

NOON = datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # D began, E not yet
MON, TUE, WED = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


def fixed(policy: Policy, current: dict[date, str | None], punched: tuple[date, ...] = (),
          now: datetime = NOON) -> Fixed:
    return Fixed(now, policy, {(1, d): c for d, c in current.items()},
                 frozenset((1, d) for d in punched))


@pytest.mark.parametrize(("day", "was", "to", "punched", "allowed"), [
    (TUE, "D", None, False, False),  # the day shift has begun
    (TUE, "E", None, False, True),  # the late shift has not
    (TUE, "E", None, True, False),  # ... but a punch for the day makes it judged
    (TUE, None, "E", False, True),  # a rest day today may still take the late shift
    (TUE, None, "D", False, False),  # ... never one that has begun
    (MON, None, "D", False, False),  # a day gone by
    (MON, "D", "D", True, True),  # writing what is there changes nothing
    (WED, "D", "E", False, True),  # tomorrow is open
])
def test_a_cell_may_change_only_while_neither_shift_has_begun_and_no_punch_is_judged(
        policy: Policy, day: date, was: str | None, to: str | None, punched: bool,
        allowed: bool) -> None:
    f = fixed(policy, {day: was}, (day,) if punched else ())
    assert f.allows((1, day), to) is allowed


def test_a_rest_day_is_history_once_no_shift_can_start_on_it(policy: Policy) -> None:
    assert not fixed(policy, {TUE: None}).judged((1, TUE))
    evening = NOON.replace(hour=17)
    assert fixed(policy, {TUE: None}, now=evening).judged((1, TUE))


def test_a_draft_plans_from_the_first_day_whose_first_shift_has_not_begun(
        policy: Policy) -> None:
    week = tuple(date(2026, 11, 23 + i) for i in range(7))
    assert fixed(policy, {}).first_open(week) == WED
    early = NOON.replace(day=23, hour=8)
    assert fixed(policy, {}, now=early).first_open(week) == MON
    assert fixed(policy, {}, punched=(MON,), now=early).first_open(week) == TUE
    assert fixed(policy, {}, now=NOON.replace(day=29, hour=9)).first_open(week) is None
