"""`/parcel …` text into commands, and each mistake into the problem the user is told."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from bot.parse.common import PersonRef, UsageError
from bot.parse.parcel import ParcelCmd, parse_parcel

W = "518012345678"


@pytest.mark.parametrize(("text", "cmd"), [
    ("", ParcelCmd("list", word="open")),
    ("列表 到期", ParcelCmd("list", word="due")),
    ("list mine", ParcelCmd("list", word="mine")),
    (f"log {W} 破损 外箱压坏", ParcelCmd("log", W, "破损", "外箱压坏")),
    (f"登记 {W} phone", ParcelCmd("log", W, "phone")),
    (f"note {W} 暂放续送", ParcelCmd("note", W, text="暂放续送")),
    (f"跟进 {W} --reply 同意退回", ParcelCmd("note", W, text="同意退回", reply=True)),
    (f"备注 {W} 回复：暂放三天", ParcelCmd("note", W, text="暂放三天", reply=True)),
    (f"查看 {W}", ParcelCmd("show", W)),
    (f"close {W} delivered 已签收", ParcelCmd("close", W, "delivered", "已签收")),
    (f"完结 {W} 退回", ParcelCmd("close", W, "returned")),
    (f"关闭 {W} transferred 申通", ParcelCmd("close", W, "transferred", channel="申通",
                                           raw="申通")),
    (f"close {W} transferred", ParcelCmd("close", W, "transferred")),
    (f"close {W} 转件 postal 3.5 40x30x20 换单", ParcelCmd(
        "close", W, "transferred", "换单", channel="postal", kg=D("3.5"),
        dims=(D(40), D(30), D(20)), raw="postal 3.5 40x30x20 换单")),
    ("fee 3.2", ParcelCmd("fee", kg=D("3.2"))),
    ("运费 3.2kg 50×40×30", ParcelCmd("fee", kg=D("3.2"), dims=(D(50), D(40), D(30)))),
    (f"assign {W} <@U0A2|lin>", ParcelCmd("assign", W, person=PersonRef(slack_id="U0A2"))),
])
def test_parcel_commands_are_read(text: str, cmd: ParcelCmd) -> None:
    assert parse_parcel(text) == cmd


@pytest.mark.parametrize(("text", "problem"), [
    ("lgo 518012345678 破损", "unknown_word"),
    ("log", "missing_waybill"),
    ("log 51801234567 破损", "bad_waybill"),
    ("log 5180123456789 破损", "bad_waybill"),
    (f"log {W}", "missing_type"),
    (f"note {W}", "missing_text"),
    (f"note {W} --reply", "missing_text"),
    (f"close {W}", "unknown_state"),
    (f"close {W} lost", "unknown_state"),
    ("list everything", "unknown_view"),
    ("list open now", "unknown_view"),
    ("fee", "bad_weight"),
    ("fee heavy", "bad_weight"),
    ("fee 0", "bad_weight"),
    ("fee -3", "bad_weight"),
    ("fee 3 40x30", "bad_size"),
    ("fee 3 40x0x20", "bad_size"),
    ("fee 3 40x30x20 extra", "unknown_word"),
    (f"assign {W}", "missing_person"),
])
def test_mistakes_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_parcel(text)
    assert (err.value.command, err.value.problem) == ("parcel", problem)


def test_full_width_digits_from_a_chinese_keyboard_are_read() -> None:
    assert parse_parcel("log ５１８０１２３４５６７８ 破损") == ParcelCmd("log", W, "破损")
    assert parse_parcel("fee ３．５ ４０×３０×２０") == ParcelCmd("fee", kg=D("3.5"),
                                                            dims=(D(40), D(30), D(20)))
