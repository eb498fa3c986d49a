"""/leave typed as people type it: a Chinese comma list of days, a range backwards."""

from __future__ import annotations

from datetime import date

from bot import ids
from db.models import LeaveDay, Request, RosterEntry
from tests.e2e.harness import Bot
from tests.e2e.requests.test_approvals import card


def dec(n: int) -> date:
    return date(2026, 12, n)


def team(bot: Bot) -> None:
    chen = bot.add_staff("U0C1", "陈晓")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for n in range(1, 5):
        bot.set_shift(chen, dec(n), "D")


def test_days_apart_with_a_chinese_comma_are_one_request_for_just_those_days(bot: Bot) -> None:
    team(bot)
    reply = bot.command("U0C1", "/leave", "12-01，12-03 事假 家里有事，要回去")
    assert "事假申请 #1 已提交组长：12-01、12-03，共 2 天" in reply
    r = bot.rows(Request)[0]
    shown = card(bot, r)
    assert "12-01、12-03，共 2 天" in shown and "家里有事，要回去" in shown
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert [d.day for d in bot.rows(LeaveDay)] == [dec(1), dec(3)]
    codes = {e.day: e.shift_code for e in bot.rows(RosterEntry)}
    assert [codes[dec(n)] for n in range(1, 5)] == [None, "D", None, "D"]


def test_a_full_width_range_is_read(bot: Bot) -> None:
    team(bot)
    reply = bot.command("U0C1", "/leave", "１２－０１ 至 １２－０２ 事假 回老家")
    assert "事假申请 #1 已提交组长：12-01 至 12-02，共 2 天" in reply


def test_a_range_typed_backwards_is_explained_as_backwards(bot: Bot) -> None:
    team(bot)
    reply = bot.command("U0C1", "/leave", "12-03..12-01 事假 回老家")
    assert "结束日期 12-01 早于开始日期 12-03" in reply
    assert "364" not in reply and "31 天" not in reply
    assert bot.rows(Request) == []
