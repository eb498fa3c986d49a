"""Reading slash-command text: every form a user may type, and what is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from bot.parse.clock import ClockCmd, parse_clock, parse_fix
from bot.parse.common import PersonRef, UsageError, parse_date, parse_id
from bot.parse.fines import parse_penalty
from bot.parse.leave import parse_leave
from bot.parse.report import parse_report
from bot.parse.roster import parse_roster, parse_week
from bot.parse.swap import parse_swap

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(("text", "expected"), [
    ("", ClockCmd("status")),
    ("in", ClockCmd("in")),
    ("IN  traffic jam", ClockCmd("in", "traffic jam")),
    ("上班", ClockCmd("in")),
    ("下班 客户还在咨询", ClockCmd("out", "客户还在咨询")),
    ("out", ClockCmd("out")),
    ("fix 11-23 08:30 in forgot", ClockCmd("fix", "11-23 08:30 in forgot")),
])
def test_clock_words(text: str, expected: ClockCmd) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["inn", "clock in", "08:30"])
def test_unknown_clock_word_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_clock(text)
    assert err.value.command == "clock" and err.value.problem == "unknown_word"


@pytest.mark.parametrize(("word", "expected"), [
    ("today", TODAY), ("今天", TODAY), ("tomorrow", date(2026, 11, 25)),
    ("明天", date(2026, 11, 25)), ("yesterday", date(2026, 11, 23)), ("昨天", date(2026, 11, 23)),
    ("2026-12-01", date(2026, 12, 1)), ("12-01", date(2026, 12, 1)), ("2-29", None),
    ("2026-13-01", None), ("someday", None), ("9999-12-31", None), ("0001-01-01", None),
])
def test_dates(word: str, expected: date | None) -> None:
    assert parse_date(word, TODAY) == expected


def test_roster_views() -> None:
    assert parse_roster("", TODAY).day == TODAY
    assert parse_roster("week", TODAY).view == "week"
    assert parse_roster("本周", TODAY).view == "week"
    assert parse_roster("<@U0A2|lin>", TODAY).person == PersonRef(slack_id="U0A2")
    assert parse_roster("@林悦", TODAY).person == PersonRef(name="林悦")
    assert parse_roster("generate 2026-W48", TODAY).rest == "2026-W48"


def test_roster_unknown_word_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        parse_roster("fortnight", TODAY)


@pytest.mark.parametrize(("text", "action", "day", "people", "reason"), [
    ("", "list", None, 0, None),
    ("11-25", "ask", date(2026, 11, 25), 0, None),
    ("tomorrow <@U0A2> doctor", "ask", TODAY + timedelta(days=1), 1, "doctor"),
    ("11-25 <@U0A1> <@U0A2> cover", "direct", date(2026, 11, 25), 2, "cover"),
    ("明天 家里有事", "ask", TODAY + timedelta(days=1), 0, "家里有事"),
])
def test_swap_commands_parse(text: str, action: str, day: date | None, people: int,
                             reason: str | None) -> None:
    cmd = parse_swap(text, TODAY)
    assert (cmd.action, cmd.day, len(cmd.people), cmd.reason) == (action, day, people, reason)


@pytest.mark.parametrize(("text", "problem"), [
    ("someday", "bad_date"), ("11-25 <@U0A1> <@U0A1>", "same_person")])
def test_malformed_swaps_are_usage_errors(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_swap(text, TODAY)
    assert err.value.problem == problem


@pytest.mark.parametrize(("text", "week"), [
    ("2026-W48", "2026-W48"), ("w49", "2026-W49"), ("", "2026-W49"), ("next", "2026-W49"),
    ("下周", "2026-W49"), ("this", "2026-W48"), ("2026-W53", "2026-W53")])
def test_weeks_parse(text: str, week: str) -> None:
    assert str(parse_week(text, TODAY)) == week


@pytest.mark.parametrize("text", ["2026-W54", "week", "2026-48", "W0"])
def test_malformed_weeks_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        parse_week(text, TODAY)


@pytest.mark.parametrize(("word", "expected"), [
    ("12", 12), ("1", 1), ("999999999", 999_999_999), ("0", None), ("1000000000", None),
    ("99999999999999999999", None), ("9" * 5000, None), ("²", None), ("१२", None),
    ("１２", None), ("", None), ("-3", None), ("+3", None), (" 3", None), ("3.0", None),
])
def test_an_id_is_ascii_digits_that_fit_the_database(word: str, expected: int | None) -> None:
    assert parse_id(word) == expected


def _report(text: str, _today: date) -> object:
    return parse_report(text)


@pytest.mark.parametrize(("parse", "text", "command", "problem"), [
    (parse_swap, "9999-12-31", "swap", "date_range"),
    (parse_swap, "0001-01-01", "swap", "date_range"),
    (parse_fix, "9999-12-31 08:00 in r", "clock", "date_range"),
    (parse_leave, "9999-12-31 r", "leave", "date_range"),
    (parse_leave, "9999-12-30..01-02 r", "leave", "date_range"),
    (parse_leave, "11-26..1900-01-01 r", "leave", "date_range"),
    (parse_roster, "9999-12-31", "roster", "date_range"),
    (parse_roster, "wish 0001-01-01 D", "roster", "date_range"),
    (parse_week, "9998-W52", "roster", "bad_week"),
    (parse_penalty, "paid ²", "penalty", "bad_id"),
    (parse_penalty, "paid १२", "penalty", "bad_id"),
    (parse_penalty, "paid 99999999999999999999", "penalty", "bad_id"),
    (parse_penalty, "appeal #0 no", "penalty", "bad_id"),
    (parse_penalty, "@x late १२", "penalty", "bad_count"),
    (parse_penalty, "@x late ²", "penalty", "bad_count"),
    (parse_penalty, "fund 0000-11", "penalty", "bad_month"),
    (parse_penalty, "fund 9999-12", "penalty", "bad_month"),
    (_report, "attendance 9999-12", "kefu", "bad_month"),
], ids=lambda v: getattr(v, "__name__", None))
def test_numbers_and_dates_out_of_range_are_usage_errors(
        parse: Callable[[str, date], object], text: str, command: str, problem: str) -> None:
    with pytest.raises(UsageError) as err:
        parse(text, TODAY)
    assert (err.value.command, err.value.problem) == (command, problem)
