"""The leave rules as pure functions: notice, length, overlaps, quotas and the blocking rule."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.leave import (
    Breach,
    Figure,
    LeaveKind,
    LeaveRules,
    Usage,
    date_breach,
    figures,
    overlap_breach,
    quota_breach,
    span,
    standing,
)

TODAY = date(2026, 11, 24)
RULES = LeaveRules()  # the shop defaults: 1 / 2 days ahead, sick 7 back, 2 rest a month …


def nov(*days: int) -> list[date]:
    return [date(2026, 11, n) for n in days]


def reason(breach: Breach | None) -> str | None:
    return None if breach is None else breach.reason


@pytest.mark.parametrize(("kind", "first", "last", "expected"), [
    ("personal", date(2026, 11, 25), date(2026, 11, 25), None),
    ("personal", TODAY, TODAY, "leave_personal_notice"),
    ("rest", date(2026, 11, 26), date(2026, 11, 26), None),
    ("rest", date(2026, 11, 25), date(2026, 11, 25), "leave_rest_notice"),
    ("sick", TODAY, TODAY, None),
    ("sick", date(2026, 11, 17), date(2026, 11, 18), None),
    ("sick", date(2026, 11, 16), date(2026, 11, 18), "leave_sick_too_old"),
    ("sick", date(2026, 12, 1), date(2026, 12, 31), None),
    ("sick", date(2026, 12, 1), date(2027, 1, 1), "leave_too_long"),
    ("personal", date(2026, 11, 28), date(2026, 11, 26), "leave_backwards"),
])
def test_dates_are_checked_for_order_length_and_notice(
        kind: LeaveKind, first: date, last: date, expected: str | None) -> None:
    assert reason(date_breach(kind, first, last, TODAY, RULES)) == expected


def test_notice_refusal_names_the_earliest_day() -> None:
    breach = date_breach("rest", TODAY, TODAY, TODAY, RULES)
    assert breach == Breach("leave_rest_notice", {"days": 2, "earliest": date(2026, 11, 26)})


def test_days_already_approved_or_pending_overlap() -> None:
    usage = Usage(approved=((date(2026, 11, 27), "rest"),),
                  pending=((date(2026, 11, 29), "sick"),))
    breach = overlap_breach(nov(26, 27, 28, 29), usage)
    assert breach == Breach("leave_overlap", {"days": nov(27, 29)})
    assert overlap_breach(nov(26, 28), usage) is None


def test_rest_days_count_approved_and_pending_in_the_same_month_only() -> None:
    usage = Usage(approved=((date(2026, 10, 30), "rest"), (date(2026, 11, 3), "rest")),
                  pending=((date(2026, 11, 10), "personal"),))
    assert quota_breach("rest", nov(27), usage, RULES) is None
    assert quota_breach("rest", nov(27, 28), usage, RULES) == Breach(
        "leave_rest_quota", {"month": "2026-11", "used": 1, "asked": 2, "most": 2})
    pending = Usage(pending=((date(2026, 11, 3), "rest"), (date(2026, 11, 4), "rest")))
    assert reason(quota_breach("rest", nov(27), pending, RULES)) == "leave_rest_quota"


def test_a_rest_range_across_two_months_is_counted_per_month() -> None:
    usage = Usage(approved=((date(2026, 12, 1), "rest"),))
    assert quota_breach("rest", [date(2026, 11, 30), date(2026, 12, 2)], usage, RULES) is None
    breach = quota_breach("rest", [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 3)],
                          usage, RULES)
    assert breach is not None and breach.params["month"] == "2026-12"


def test_more_than_three_leave_days_last_month_block_rest_days_this_month() -> None:
    four = tuple((d, "personal" if d.day % 2 else "sick") for d in
                 [date(2026, 10, n) for n in (5, 6, 7, 8)])
    breach = quota_breach("rest", nov(27), Usage(approved=four), RULES)
    assert breach == Breach("leave_rest_blocked", {"month": "2026-11", "leave": 4, "most": 3})
    three = Usage(approved=four[:3])
    assert quota_breach("rest", nov(27), three, RULES) is None


def test_pending_leave_and_rest_days_do_not_block_next_months_rest() -> None:
    usage = Usage(approved=tuple((date(2026, 10, n), "rest") for n in range(1, 6)),
                  pending=tuple((date(2026, 10, n), "personal") for n in range(10, 15)))
    assert quota_breach("rest", nov(27), usage, RULES) is None


def test_personal_leave_is_counted_per_calendar_year() -> None:
    usage = Usage(approved=tuple((d, "personal") for d in span(date(2026, 1, 5),
                                                              date(2026, 1, 29))),
                  pending=tuple((d, "personal") for d in span(date(2026, 3, 2),
                                                             date(2026, 3, 4))))
    assert quota_breach("personal", nov(25, 26), usage, RULES) is None
    assert quota_breach("personal", nov(25, 26, 27), usage, RULES) == Breach(
        "leave_personal_quota", {"year": 2026, "used": 28, "asked": 3, "most": 30})
    new_year = [date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)]
    assert reason(quota_breach("personal", new_year, usage, RULES)) is None


def test_sick_leave_has_no_quota() -> None:
    usage = Usage(approved=tuple((d, "sick") for d in span(date(2026, 1, 1),
                                                          date(2026, 6, 30))))
    assert quota_breach("sick", nov(25), usage, RULES) is None


def test_figures_show_each_period_with_this_request() -> None:
    usage = Usage(approved=((date(2026, 11, 3), "rest"),))
    assert figures("rest", [date(2026, 11, 30), date(2026, 12, 1)], usage, RULES) == [
        Figure("rest", "2026-11", 2, 2), Figure("rest", "2026-12", 1, 2)]
    assert figures("sick", nov(25), usage, RULES) == [Figure("sick", "2026", 1, None)]


def test_standing_splits_pending_from_used_and_flags_a_blocked_month() -> None:
    usage = Usage(approved=(*((date(2026, 10, n), "sick") for n in range(1, 5)),
                            (date(2026, 11, 3), "rest"), (date(2026, 2, 3), "personal")),
                  pending=((date(2026, 11, 28), "personal"),))
    rest, personal, sick = standing(TODAY, usage, RULES)
    assert (rest.used, rest.left, rest.blocked) == (1, 0, True)
    assert (personal.used, personal.pending, personal.left) == (2, 1, 28)
    assert (sick.used, sick.limit, sick.left) == (4, None, None)


def test_standing_adds_the_later_months_and_years_that_hold_days_of_each_kind() -> None:
    usage = Usage(approved=((date(2026, 12, 5), "rest"),),
                  pending=((date(2027, 1, 8), "personal"), (date(2026, 11, 30), "rest")))
    got = [(f.what, f.period, f.used, f.pending) for f in standing(TODAY, usage, RULES)]
    assert got == [("rest", "2026-11", 1, 1), ("rest", "2026-12", 1, 0),
                   ("personal", "2026", 0, 0), ("personal", "2027", 1, 1),
                   ("sick", "2026", 0, 0)]
