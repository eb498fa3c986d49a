"""Parsing /leave: every form, and every mistake with its problem name."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parse.common import UsageError
from bot.parse.leave import LeaveCmd, parse_leave

TODAY = date(2026, 11, 24)
NOV = 11


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


@pytest.mark.parametrize(("text", "expected"), [
    ("", LeaveCmd("mine")),
    ("   ", LeaveCmd("mine")),
    ("11-26 family matters", LeaveCmd("file", d(NOV, 26), d(NOV, 26), "personal",
                                      "family matters")),
    ("11-26 事假 家里有事", LeaveCmd("file", d(NOV, 26), d(NOV, 26), "personal", "家里有事")),
    ("2026-11-27 rest going home", LeaveCmd("file", d(NOV, 27), d(NOV, 27), "rest",
                                            "going home")),
    ("11-27..11-28 休息 回老家", LeaveCmd("file", d(NOV, 27), d(NOV, 28), "rest", "回老家")),
    ("11-27..11-28 休假 回老家", LeaveCmd("file", d(NOV, 27), d(NOV, 28), "rest", "回老家")),
    ("今天 病假 发烧", LeaveCmd("file", TODAY, TODAY, "sick", "发烧")),
    ("yesterday SICK fever", LeaveCmd("file", d(NOV, 23), d(NOV, 23), "sick", "fever")),
    ("明天..11-27 personal wedding", LeaveCmd("file", d(NOV, 25), d(NOV, 27), "personal",
                                              "wedding")),
    ("11-26 .. 11-27 sick fever", LeaveCmd("file", d(NOV, 26), d(NOV, 27), "sick", "fever")),
    ("11-26~11-27 sick fever", LeaveCmd("file", d(NOV, 26), d(NOV, 27), "sick", "fever")),
    ("11-26 至 11-27 病假 发烧 至 39 度", LeaveCmd("file", d(NOV, 26), d(NOV, 27), "sick",
                                                "发烧 至 39 度")),
    ("2027-01-05..01-06 rest trip", LeaveCmd("file", d(1, 5, 2027), d(1, 6, 2027), "rest",
                                             "trip")),
    ("12-30..01-02 rest new year", LeaveCmd("file", d(12, 30), d(1, 2, 2027), "rest",
                                            "new year")),
    ("11-28..11-26 personal backwards", LeaveCmd("file", d(NOV, 28), d(NOV, 26), "personal",
                                                 "backwards")),
])
def test_leave_reads_range_kind_and_reason(text: str, expected: LeaveCmd) -> None:
    assert parse_leave(text, TODAY) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("someday family", "bad_date"),
    ("11-31 family", "bad_date"),
    ("11-26.. family", "bad_date"),
    ("..11-26 family", "bad_date"),
    ("11-26..11-27..11-28 family", "bad_date"),
    ("11-26..27 family", "bad_date"),
    ("11-26", "no_reason"),
    ("11-26 rest", "no_reason"),
    ("11-26..11-27 病假   ", "no_reason"),
])
def test_leave_mistakes_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_leave(text, TODAY)
    assert (caught.value.command, caught.value.problem) == ("leave", problem)


def test_a_long_reason_is_cut_to_500_characters() -> None:
    assert len(parse_leave("11-26 " + "x" * 900, TODAY).reason) == 500
