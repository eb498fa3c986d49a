"""The clocks of a problem parcel: the 72 h hold, staleness, the 14:00 cut-off, tracking."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parcel_clocks import (
    hold_due,
    is_due,
    is_overdue,
    is_stale,
    is_tracked,
    returned_early,
    tracked_until,
    transfer_day,
    transfer_deadline,
)

SH = ZoneInfo("Asia/Shanghai")
CUTOFF = 14 * 60
WEEKDAYS_ONLY = frozenset(range(1, 6))


def at(day: int, hh: int, mm: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hh, mm, tzinfo=SH)


# 2026-11-24 is a Tuesday; 11-27 Friday, 11-28 Saturday, 11-29 Sunday, 11-30 Monday.
LOGGED = at(24, 9, 30)


def test_hold_ends_72_hours_after_logging() -> None:
    assert hold_due(LOGGED, 72) == at(27, 9, 30)


@pytest.mark.parametrize(("now", "due"), [(at(27, 9, 29), False), (at(27, 9, 30), True),
                                          (at(28, 0, 0), True)])
def test_parcel_is_due_only_once_the_full_hold_has_run(now: datetime, due: bool) -> None:
    assert is_due(LOGGED, now, 72) is due


def test_a_sender_reply_restarts_the_hold_from_the_reply() -> None:
    reply = at(26, 15, 0)
    assert not is_due(reply, at(27, 10, 0), 72)
    assert hold_due(reply, 72) == at(29, 15, 0)


@pytest.mark.parametrize(("returned", "early"), [(at(27, 9, 29), True), (at(27, 9, 30), False)])
def test_returning_before_the_hold_is_over_is_early(returned: datetime, early: bool) -> None:
    assert returned_early(LOGGED, returned, 72) is early


@pytest.mark.parametrize(("updated", "now", "stale"), [
    (at(23, 23, 59), at(24, 0, 0), True),  # yesterday, one minute before midnight
    (at(24, 0, 0), at(24, 23, 59), False),  # today's first minute
    (datetime(2026, 11, 23, 16, 30, tzinfo=UTC), at(24, 9, 0), False),  # 00:30 local today
    (datetime(2026, 11, 23, 15, 59, tzinfo=UTC), at(24, 9, 0), True),  # 23:59 local yesterday
])
def test_stale_means_not_updated_today_in_the_team_zone(updated: datetime, now: datetime,
                                                         stale: bool) -> None:
    assert is_stale(updated, now, SH) is stale


@pytest.mark.parametrize(("arrived", "leaves"), [
    (at(24, 13, 59), date(2026, 11, 24)),  # before 14:00: today
    (at(24, 14, 0), date(2026, 11, 25)),  # exactly 14:00 counts as after
    (at(24, 23, 59), date(2026, 11, 25)),  # late evening: tomorrow
    (at(25, 0, 1), date(2026, 11, 25)),  # just past midnight: the new day's morning
    (datetime(2026, 11, 24, 5, 59, tzinfo=UTC), date(2026, 11, 24)),  # 13:59 in Shanghai
    (datetime(2026, 11, 24, 16, 30, tzinfo=UTC), date(2026, 11, 25)),  # 00:30 local next day
    (at(28, 13, 0), date(2026, 11, 28)),  # the station works weekends by default
    (at(28, 15, 0), date(2026, 11, 29)),
    (at(30, 23, 0), date(2026, 12, 1)),  # across a month end
])
def test_transfer_day_follows_the_14_00_cut_off(arrived: datetime, leaves: date) -> None:
    assert transfer_day(arrived, SH, CUTOFF) == leaves


@pytest.mark.parametrize(("arrived", "leaves"), [
    (at(27, 13, 0), date(2026, 11, 27)),  # Friday before the cut-off: Friday
    (at(27, 15, 0), date(2026, 11, 30)),  # Friday after: Monday
    (at(28, 10, 0), date(2026, 11, 30)),  # Saturday morning: Monday
    (at(29, 23, 0), date(2026, 11, 30)),  # Sunday night: Monday
])
def test_without_weekend_transfers_the_next_weekday_is_the_transfer_day(arrived: datetime,
                                                                        leaves: date) -> None:
    assert transfer_day(arrived, SH, CUTOFF, WEEKDAYS_ONLY) == leaves


def test_transfer_not_gone_by_the_end_of_its_day_is_overdue() -> None:
    deadline = transfer_deadline(date(2026, 11, 24), SH)
    assert deadline == at(25, 0, 0)
    assert not is_overdue(deadline, at(24, 16, 0), at(30, 0, 0))
    assert is_overdue(deadline, None, at(25, 0, 1))


def test_a_transfer_is_tracked_three_days_after_it_leaves() -> None:
    left = at(24, 16, 0)
    assert tracked_until(left, SH, 3) == date(2026, 11, 27)
    assert is_tracked(left, at(27, 23, 59), SH, 3)
    assert not is_tracked(left, at(28, 0, 0), SH, 3)


def test_overdue_is_judged_at_the_report_cut_not_after_it() -> None:
    deadline = at(27, 9, 30)
    month_end = at(1, 0, 0, month=12)
    assert not is_overdue(None, None, month_end)
    assert not is_overdue(deadline, at(27, 9, 0), month_end)
    assert is_overdue(deadline, at(28, 9, 0), month_end)
    assert not is_overdue(deadline, None, deadline - timedelta(minutes=1))
