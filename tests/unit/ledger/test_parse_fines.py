"""Parsing /penalty and /clock fix: every form, and every mistake with its problem name."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.parse.clock import FixCmd, parse_fix
from bot.parse.common import PersonRef, UsageError
from bot.parse.fines import PenaltyCmd, parse_penalty, parse_yuan

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(("text", "expected"), [
    ("yesterday 08:25 in forgot my badge", FixCmd(date(2026, 11, 23), time(8, 25), "in",
                                                  "forgot my badge")),
    ("11-20 17:35 下班 忘了", FixCmd(date(2026, 11, 20), time(17, 35), "out", "忘了")),
    ("昨天 8：05 上班 地铁", FixCmd(date(2026, 11, 23), time(8, 5), "in", "地铁")),
])
def test_fix_reads_date_time_kind_and_reason(text: str, expected: FixCmd) -> None:
    assert parse_fix(text, TODAY) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("", "fix_form"), ("yesterday 08:25", "fix_form"), ("someday 08:25 in x", "bad_date"),
    ("11-31 08:25 in x", "bad_date"), ("today 24:00 in x", "bad_time"),
    ("today 8 in x", "bad_time"), ("today 08:25 inn x", "bad_kind"),
    ("today 08:25 in", "no_reason"),
])
def test_fix_mistakes_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_fix(text, TODAY)
    assert caught.value.problem == problem


@pytest.mark.parametrize(("text", "expected"), [
    ("", PenaltyCmd("mine")),
    ("paid 12", PenaltyCmd("paid", entry_id=12)),
    ("已发 #12", PenaltyCmd("paid", entry_id=12)),
    ("waive 3 metro broke down", PenaltyCmd("waive", entry_id=3, text="metro broke down")),
    ("申诉 3", PenaltyCmd("appeal", entry_id=3)),
    ("rules", PenaltyCmd("rules")),
    ("fund", PenaltyCmd("fund", month=date(2026, 11, 1))),
    ("基金 2026-10", PenaltyCmd("fund", month=date(2026, 10, 1))),
    ("fund 9", PenaltyCmd("fund", month=date(2026, 9, 1))),
    ("fund spend 35.5 fruit for the team", PenaltyCmd("spend", amount_fen=3550,
                                                      text="fruit for the team")),
    ("<@U0A1|ann> games on the phone", PenaltyCmd("fine", person=PersonRef("U0A1"),
                                                   rule_word="games", text="on the phone")),
    ("@陈晓 wrong_heading 7 Wuhan", PenaltyCmd("fine", person=PersonRef(name="陈晓"),
                                              rule_word="wrong_heading", count=7,
                                              text="Wuhan")),
])
def test_penalty_forms(text: str, expected: PenaltyCmd) -> None:
    assert parse_penalty(text, TODAY) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("bogus", "unknown_word"), ("paid", "no_id"), ("paid x1", "bad_id"),
    ("paid 1234567890", "bad_id"), ("waive 3", "no_reason"), ("<@U0A1>", "no_rule"),
    ("<@U0A1> monitoring 0", "bad_count"), ("<@U0A1> monitoring 1001", "bad_count"),
    ("fund spend", "bad_amount"), ("fund spend -5 x", "bad_amount"),
    ("fund spend 1.005 x", "bad_amount"), ("fund spend 5", "no_note"),
    ("fund 13", "bad_month"), ("fund nov", "bad_month"),
])
def test_penalty_mistakes_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_penalty(text, TODAY)
    assert caught.value.problem == problem


def test_yuan_is_read_exactly() -> None:
    assert [parse_yuan(w) for w in ("0.1", "10元", "1e2", "nan", "0")] == [10, 1000, None,
                                                                             None, None]
