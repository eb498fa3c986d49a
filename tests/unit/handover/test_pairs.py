"""Which shift hands over to which: the shift that started last before it, within a day."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.domain.handover import earlier_shifts
from bot.domain.shifts import Assignment, ShiftDef
from bot.parse.common import UsageError
from bot.parse.handover import HandoverCmd, parse_handover
from bot.policy import describe_policy, parse_policy
from tests.unit.test_policy import BASE

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 24)
EARLY = ShiftDef("A", "早班", "Early", 8 * 60, 16 * 60)
MIDDLE = ShiftDef("B", "中班", "Middle", 16 * 60, 24 * 60)
NIGHT = ShiftDef("C", "晚班", "Night", 24 * 60, 32 * 60)  # 24:00–08:00 of the next day
SHOP_DAY = ShiftDef("D", "白班", "Day", 8 * 60 + 30, 17 * 60 + 30)
SHOP_LATE = ShiftDef("E", "晚班", "Late", 17 * 60, 25 * 60)


def test_three_shifts_hand_over_round_the_clock() -> None:
    three = (EARLY, MIDDLE, NIGHT)
    yesterday = date(2026, 11, 23)
    assert earlier_shifts(Assignment(DAY, MIDDLE), three, TZ)[0] == Assignment(DAY, EARLY)
    assert earlier_shifts(Assignment(DAY, NIGHT), three, TZ)[0] == Assignment(DAY, MIDDLE)
    # The 24:00 shift of the day before ends as the early shift starts.
    assert earlier_shifts(Assignment(DAY, EARLY), three, TZ)[0] == Assignment(yesterday, NIGHT)


def test_overlapping_shifts_hand_over_to_the_one_starting_next() -> None:
    shop = (SHOP_DAY, SHOP_LATE)
    assert earlier_shifts(Assignment(DAY, SHOP_LATE), shop, TZ) == [
        Assignment(DAY, SHOP_DAY), Assignment(date(2026, 11, 23), SHOP_LATE)]
    assert earlier_shifts(Assignment(DAY, SHOP_DAY), shop, TZ) == [
        Assignment(date(2026, 11, 23), SHOP_LATE), Assignment(date(2026, 11, 23), SHOP_DAY)]


def test_a_one_shift_team_hands_over_to_itself_the_next_day() -> None:
    assert earlier_shifts(Assignment(DAY, SHOP_DAY), (SHOP_DAY,), TZ) == [
        Assignment(date(2026, 11, 23), SHOP_DAY)]


@pytest.mark.parametrize(("text", "cmd"), [
    ("", HandoverCmd("show")),
    ("  show ", HandoverCmd("show")),
    ("查看", HandoverCmd("show")),
    ("ＳＨＯＷ", HandoverCmd("show")),
    ("  退款单 88 等财务  ", HandoverCmd("note", "退款单 88 等财务")),
    ("show me the refund", HandoverCmd("note", "show me the refund")),
])
def test_handover_text_is_read_as_show_or_a_note(text: str, cmd: HandoverCmd) -> None:
    assert parse_handover(text) == cmd


@pytest.mark.parametrize(("text", "problem"), [("help", "help"), ("帮助", "help"),
                                                ("？", "help"), ("x" * 1001, "too_long")])
def test_handover_mistakes_raise_usage(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_handover(text)
    assert caught.value.problem == problem


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Handover: sent to each shift's people 15 min before the start; the leads hear "
     "who has not read it 30 min after the start (off)"),
    ("zh", "交接班：开班前 15 分钟私信给接班的人；开班后 30 分钟（已关闭）把未读名单发给组长"),
])
def test_policy_check_describes_the_handover_jobs(lang: str, text: str) -> None:
    moved = BASE + ("\n[jobs.handover]\nminutes_before = 15\n"
                    "\n[jobs.handover_unread]\nenabled = false\nminutes_after = 30\n")
    assert text in describe_policy(parse_policy(moved, "t.toml"), lang)
