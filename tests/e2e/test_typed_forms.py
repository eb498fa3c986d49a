"""What people type with a Chinese keyboard, and the hints the bot gives, work end to end."""

from __future__ import annotations

import re
from datetime import date

from bot.services.staff import StaffView
from db.models import Parcel, Request
from tests.e2e.harness import Bot

TUESDAY = date(2026, 11, 24)


def team(bot: Bot) -> StaffView:
    chen = bot.add_staff("U0A1", "陈晓")
    sun = bot.add_staff("U0L1", "孙丽", role="lead")
    bot.add_staff("U0A2", "Ann", locale="en-US")
    bot.set_shift(chen, TUESDAY, "D")
    bot.set_shift(sun, TUESDAY, "E")
    return chen


def test_a_full_width_at_names_a_person(bot: Bot) -> None:
    team(bot)
    text = bot.command("U0A1", "/roster", "＠孙丽")
    assert "（孙丽）" in text and "找不到" not in text


def test_the_roster_hint_after_a_refusal_works_when_typed(bot: Bot) -> None:
    team(bot)
    refusal = bot.command("U0A1", "/swap", "11-26")
    hint = re.search(r"`/roster ([^`]+)`", refusal)
    assert hint is not None, refusal
    text = bot.command("U0A1", "/roster", hint[1])
    assert "找不到" not in text and "（陈晓）" in text


def test_the_english_hint_works_when_typed(bot: Bot) -> None:
    team(bot)
    refusal = bot.command("U0A2", "/swap", "11-26")
    hint = re.search(r"`/roster ([^`]+)`", refusal)
    assert hint is not None, refusal
    text = bot.command("U0A2", "/roster", hint[1])
    assert "can't find" not in text and "(Ann)" in text


def test_me_and_myself_in_chinese_name_the_asker(bot: Bot) -> None:
    team(bot)
    for word in ("我", "@我", "＠自己", "me"):
        assert "（陈晓）" in bot.command("U0A1", "/roster", word), word


def test_a_lead_assigns_a_parcel_to_herself(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/parcel", "log 518012345678 破损")
    text = bot.command("U0L1", "/parcel", "assign ５１８０１２３４５６７８ ＠自己")
    assert "找不到" not in text
    assert [p.owner for p in bot.rows(Parcel)] == ["U0L1"]


def test_a_make_up_typed_in_full_width_is_filed(bot: Bot) -> None:
    bot.set_shift(team(bot), date(2026, 11, 23), "D")
    text = bot.command("U0A1", "/clock", "fix １１－２３ ０８：２５ ＩＮ 忘记打卡，手机没电")
    assert "补卡申请 #1 已提交组长：11-23 08:25 上班卡" in text
    [r] = bot.rows(Request)
    assert r.reason == "忘记打卡，手机没电"  # the note is kept as typed


def test_the_handover_refusals_roster_hint_works_when_typed(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    said = bot.command("U0A1", "/handover", "3号柜钥匙在前台")
    found = re.search(r"`(/roster [^`]+)`", said)
    assert found is not None, said
    command, text = found.group(1).split(" ", 1)
    answer = bot.command("U0A1", command, text)
    assert "找不到" not in answer and "陈晓" in answer
