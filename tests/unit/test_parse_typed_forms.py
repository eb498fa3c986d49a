"""What a Chinese keyboard types is read as its ASCII form; notes stay as typed."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.domain.period import Month
from bot.parse.clock import FixCmd, parse_fix
from bot.parse.common import PersonRef, UsageError, normal, parse_date, parse_person
from bot.parse.fines import PenaltyCmd, parse_penalty
from bot.parse.leave import LeaveCmd, parse_leave
from bot.parse.parcel import ParcelCmd, parse_parcel
from bot.parse.report import ReportCmd, parse_report
from bot.parse.roster import RosterCmd, parse_roster, parse_week
from bot.parse.swap import parse_swap

TODAY = date(2026, 11, 24)
ME = PersonRef(me=True)


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


@pytest.mark.parametrize(("typed", "read"), [
    ("＠孙丽", "@孙丽"), ("１２－０１", "12-01"), ("０８：３０", "08:30"), ("ｗｅｅｋ", "week"),
    ("１２－０１，１２－０３", "12-01,12-03"), ("12-01、12-03", "12-01,12-03"),
    ("11-26～11-28", "11-26~11-28"), ("11-26〜11-28", "11-26~11-28"), ("＃１２", "#12"),
    ("12—01", "12-01"), ("a\u3000b", "a b"),
    ("²", "²"), ("①", "①"), ("१२", "१२"),  # not width forms: nobody means a digit by these
])
def test_width_forms_and_chinese_punctuation_read_as_ascii(typed: str, read: str) -> None:
    assert normal(typed) == read


@pytest.mark.parametrize(("word", "day"), [
    ("１２－０１", d(12, 1)), ("２０２６－１２－０１", d(12, 1)), ("１２—０１", d(12, 1)),
    ("ＴＯＭＯＲＲＯＷ", d(11, 25)),
])
def test_full_width_dates(word: str, day: date) -> None:
    assert parse_date(word, TODAY) == day


@pytest.mark.parametrize(("word", "person"), [
    ("＠孙丽", PersonRef(name="孙丽")), ("@我", ME), ("@me", ME), ("@ME", ME), ("@自己", ME),
    ("＠自己", ME), ("@我自己", ME), ("@myself", ME), ("<@U0A2|lin>", PersonRef(slack_id="U0A2")),
    ("@自己人", PersonRef(name="自己人")), ("自己", None),
])
def test_a_person_is_a_mention_a_name_or_the_asker(word: str, person: PersonRef | None) -> None:
    assert parse_person(word) == person


@pytest.mark.parametrize(("text", "cmd"), [
    ("＠孙丽", RosterCmd("person", day=TODAY, person=PersonRef(name="孙丽"))),
    ("@自己", RosterCmd("person", day=TODAY, person=ME)),
    ("我", RosterCmd("person", day=TODAY, person=ME)),
    ("me", RosterCmd("person", day=TODAY, person=ME)),
    ("ｗｅｅｋ", RosterCmd("week", day=TODAY)),
    ("１２－０１", RosterCmd("day", day=d(12, 1))),
    ("wish １２－０５ Ｄ", RosterCmd("wish", day=d(12, 5), rest="D")),
])
def test_roster_reads_typed_forms(text: str, cmd: RosterCmd) -> None:
    assert parse_roster(text, TODAY) == cmd


def test_a_full_width_week_is_read() -> None:
    assert str(parse_week("２０２６－Ｗ４９", TODAY)) == "2026-W49"


@pytest.mark.parametrize(("text", "cmd"), [
    ("12-01，12-03 事假 家里有事，要回去",
     LeaveCmd("file", d(12, 1), d(12, 3), "personal", "家里有事，要回去", (d(12, 1), d(12, 3)))),
    ("12-01、12-03 事假 x", LeaveCmd("file", d(12, 1), d(12, 3), "personal", "x",
                                   (d(12, 1), d(12, 3)))),
    ("12-03,12-01 x", LeaveCmd("file", d(12, 1), d(12, 3), "personal", "x", (d(12, 1), d(12, 3)))),
    ("12-01，12-02，12-03 x", LeaveCmd("file", d(12, 1), d(12, 3), "personal", "x")),
    ("12-01， 12-03 x", LeaveCmd("file", d(12, 1), d(12, 3), "personal", "x",
                                (d(12, 1), d(12, 3)))),
    ("12-31,01-02 x", LeaveCmd("file", d(12, 31), d(1, 2, 2027), "personal", "x",
                               (d(12, 31), d(1, 2, 2027)))),
    ("１２－０１至１２－０３ 病假 发烧（３９度）",
     LeaveCmd("file", d(12, 1), d(12, 3), "sick", "发烧（３９度）")),
    ("12-01 到 12-03 ｓｉｃｋ x", LeaveCmd("file", d(12, 1), d(12, 3), "sick", "x")),
    ("12-01～12-03 休息 x", LeaveCmd("file", d(12, 1), d(12, 3), "rest", "x")),
    ("12-01．．12-03 x", LeaveCmd("file", d(12, 1), d(12, 3), "personal", "x")),
])
def test_leave_reads_lists_and_ranges_in_any_width(text: str, cmd: LeaveCmd) -> None:
    assert parse_leave(text, TODAY) == cmd


@pytest.mark.parametrize(("text", "first", "last"), [
    ("12-03..12-01 x", d(12, 3), d(12, 1)),  # backwards: the service says so, not "364 days"
    ("11-30..10-01 x", d(11, 30), d(10, 1)),
    ("12-30..01-02 x", d(12, 30), d(1, 2, 2027)),  # over new year
    ("11-20..01-05 x", d(11, 20), d(1, 5, 2027)),
])
def test_a_range_end_without_a_year_is_the_nearer_reading(text: str, first: date,
                                                          last: date) -> None:
    cmd = parse_leave(text, TODAY)
    assert (cmd.first, cmd.last) == (first, last)


@pytest.mark.parametrize("text", ["12-01,,12-03 x", "12-01,12-02..12-04 x", "12-01, x"])
def test_a_malformed_list_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_leave(text, TODAY)
    assert caught.value.problem == "bad_date"


@pytest.mark.parametrize(("text", "cmd"), [
    ("ｐａｉｄ　＃１２", PenaltyCmd("paid", entry_id=12)),
    ("＠陈晓 ｌａｔｅ ２ 迟到，两次", PenaltyCmd("fine", person=PersonRef(name="陈晓"),
                                          rule_word="late", count=2, text="迟到，两次")),
    ("@我 games", PenaltyCmd("fine", person=ME, rule_word="games")),
    ("fund ２０２６－１０", PenaltyCmd("fund", month=d(10, 1))),
    ("fund spend １０元 买水果，饮料", PenaltyCmd("spend", amount_fen=1000, text="买水果，饮料")),
])
def test_penalty_reads_typed_forms_and_keeps_the_note(text: str, cmd: PenaltyCmd) -> None:
    assert parse_penalty(text, TODAY) == cmd


def test_fix_reads_full_width_date_time_and_kind() -> None:
    assert parse_fix("１１－２３ ０８：２５ ＩＮ 忘记打卡：手机没电", TODAY) == FixCmd(
        d(11, 23), time(8, 25), "in", "忘记打卡：手机没电")


def test_swap_reads_full_width_date_and_mentions() -> None:
    cmd = parse_swap("１１－２６ ＠孙丽 ＠我 家里有事，换一下", TODAY)
    assert (cmd.action, cmd.day, cmd.people, cmd.reason) == (
        "direct", d(11, 26), (PersonRef(name="孙丽"), ME), "家里有事，换一下")


def test_parcel_assign_to_me_and_list_in_full_width() -> None:
    assert parse_parcel("assign 518012345678 ＠自己") == ParcelCmd(
        "assign", "518012345678", person=ME)
    assert parse_parcel("ｌｉｓｔ ｍｉｎｅ") == ParcelCmd("list", word="mine")


def test_report_reads_a_full_width_month() -> None:
    assert parse_report("attendance ２０２６－１１") == ReportCmd("attendance", Month(2026, 11))
