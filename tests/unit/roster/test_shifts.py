"""Shift windows, which shift a punch belongs to, and minute arithmetic."""

from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import pytest

from bot.domain.shifts import (
    Assignment,
    ShiftDef,
    match_punch,
    minutes_early,
    minutes_late,
    overtime_minutes,
    shift_window,
)

TZ = ZoneInfo("Asia/Shanghai")
DAY = ShiftDef("D", "白班", "Day", 510, 1050)  # 08:30-17:30
LATE = ShiftDef("E", "晚班", "Late", 1020, 1500, night=True)  # 17:00-01:00 next day
GRAVE = ShiftDef("G", "晚班", "Graveyard", 1440, 1920, night=True)  # 24:00-08:00
MARGIN = timedelta(minutes=60)
GRACE = timedelta(minutes=360)


def at(day: int, hh: int, mm: int, ss: int = 0) -> datetime:
    """Return a Shanghai wall-clock instant in November 2026."""
    return datetime(2026, 11, day, hh, mm, ss, tzinfo=TZ)


def roster(*pairs: tuple[int, ShiftDef]) -> list[Assignment]:
    """Return assignments on the given November days."""
    return [Assignment(date(2026, 11, d), s) for d, s in pairs]


def match(kind: Literal["in", "out"], when: datetime, shifts: list[Assignment],
          clocked_in: tuple[tuple[date, str], ...] = ()) -> Assignment | None:
    """Match a punch with the team's usual margins."""
    return match_punch(kind, when, shifts, TZ, early_margin=MARGIN, out_grace=GRACE,
                       clocked_in=clocked_in)


def test_late_shift_ends_at_one_the_next_morning() -> None:
    start, end = shift_window(Assignment(date(2026, 11, 25), LATE), TZ)
    assert (start, end) == (at(25, 17, 0), at(26, 1, 0))


def test_shift_starting_at_24_00_starts_at_the_next_midnight() -> None:
    start, end = shift_window(Assignment(date(2026, 11, 25), GRAVE), TZ)
    assert (start, end) == (at(26, 0, 0), at(26, 8, 0))


def test_duration_leaves_out_breaks() -> None:
    weekday = ShiftDef("W", "工作日班", "Weekday", 540, 1080, breaks=((720, 780),))
    assert weekday.duration_minutes == 480


@pytest.mark.parametrize(
    ("start", "end", "breaks"),
    [(-1, 60, ()), (1441, 1500, ()), (600, 600, ()), (0, 1441, ()), (540, 1080, ((500, 560),)),
     (540, 1080, ((720, 780), (760, 800)))],
)
def test_impossible_shift_is_rejected(
    start: int, end: int, breaks: tuple[tuple[int, int], ...]
) -> None:
    with pytest.raises(ValueError, match="shift X"):
        ShiftDef("X", "错", "Wrong", start, end, breaks=breaks)


def test_clock_out_at_00_50_belongs_to_yesterdays_late_shift_and_is_10_min_early() -> None:
    shifts = roster((25, LATE), (26, DAY), (27, LATE))
    found = match("out", at(26, 0, 50), shifts, clocked_in=((date(2026, 11, 25), "E"),))
    assert found == Assignment(date(2026, 11, 25), LATE)
    assert minutes_early(at(26, 0, 50), shift_window(found, TZ)[1]) == 10


def test_clock_out_at_01_20_is_20_minutes_overtime_on_the_late_shift() -> None:
    found = match("out", at(26, 1, 20), roster((25, LATE), (26, DAY)))
    assert found == Assignment(date(2026, 11, 25), LATE)
    assert overtime_minutes(at(26, 1, 20), shift_window(found, TZ)[1]) == 20


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(25, 7, 30), DAY),   # exactly the 60-minute margin
        (at(25, 8, 45), DAY),   # late, still the day shift
        (at(25, 16, 10), LATE),  # within the late shift's margin: the later start wins
        (at(25, 17, 40), LATE),
        (at(25, 7, 29), None),  # before the margin
        (at(26, 2, 0), None),   # after every shift
    ],
)
def test_clock_in_picks_the_latest_shift_whose_window_has_opened(
    when: datetime, expected: ShiftDef | None
) -> None:
    found = match("in", when, roster((25, DAY), (25, LATE)))
    assert (found.shift if found else None) == expected


def test_clock_out_prefers_the_shift_clocked_in_to() -> None:
    shifts = roster((25, DAY), (25, LATE))
    # 17:10 fits both windows: the earliest start wins unless the late shift is the open one.
    assert match("out", at(25, 17, 10), shifts) == shifts[0]
    assert match("out", at(25, 17, 10), shifts, ((date(2026, 11, 25), "E"),)) == shifts[1]


def test_clock_out_beyond_the_grace_matches_nothing() -> None:
    assert match("out", at(25, 23, 31), roster((25, DAY))) is None
    assert match("out", at(25, 23, 30), roster((25, DAY))) is not None


def test_punch_with_no_shift_matches_nothing() -> None:
    assert match("in", at(25, 9, 0), []) is None


def test_punch_in_utc_matches_like_local_time() -> None:
    found = match("in", datetime(2026, 11, 25, 0, 40, tzinfo=UTC), roster((25, DAY)))
    assert found == Assignment(date(2026, 11, 25), DAY)


def test_naive_punch_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        match("in", datetime(2026, 11, 25, 8, 30), roster((25, DAY)))


@pytest.mark.parametrize(
    ("punch", "late"),
    [(at(25, 8, 0), 0), (at(25, 8, 30), 0), (at(25, 8, 30, 59), 0), (at(25, 8, 31), 1),
     (at(25, 8, 41, 30), 11)],
)
def test_lateness_counts_whole_minutes_ignoring_seconds(punch: datetime, late: int) -> None:
    assert minutes_late(punch, at(25, 8, 30)) == late


@pytest.mark.parametrize(
    ("punch", "early", "overtime"),
    [(at(25, 17, 29, 30), 1, 0), (at(25, 17, 30, 30), 0, 0), (at(25, 17, 0), 30, 0),
     (at(25, 17, 31, 59), 0, 1), (at(25, 18, 0), 0, 30)],
)
def test_early_leave_and_overtime_count_whole_minutes(
    punch: datetime, early: int, overtime: int
) -> None:
    end = at(25, 17, 30)
    assert (minutes_early(punch, end), overtime_minutes(punch, end)) == (early, overtime)
