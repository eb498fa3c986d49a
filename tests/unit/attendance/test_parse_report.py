"""Parsing `/kefu report …`: which report and which month."""

from __future__ import annotations

import pytest

from bot.domain.period import Month
from bot.parse.common import UsageError
from bot.parse.report import ReportCmd, parse_report


@pytest.mark.parametrize(("text", "cmd"), [
    ("attendance", ReportCmd("attendance")),
    ("attendance 2026-11", ReportCmd("attendance", Month(2026, 11))),
    ("考勤 2026-1", ReportCmd("attendance", Month(2026, 1))),
    ("Penalties 2026-10", ReportCmd("penalties", Month(2026, 10))),
    ("罚款", ReportCmd("penalties")),
])
def test_report_words_in_english_or_chinese_with_an_optional_month(text: str,
                                                                   cmd: ReportCmd) -> None:
    assert parse_report(text) == cmd


@pytest.mark.parametrize(("text", "problem"), [
    ("", "unknown_report"), ("parcels 2026-11", "unknown_report"),
    ("attendance 2026-13", "bad_month"), ("attendance november", "bad_month"),
    ("attendance 2026-11 extra", "bad_month"),
])
def test_unreadable_report_requests_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_report(text)
    assert (caught.value.command, caught.value.problem) == ("kefu", problem)
