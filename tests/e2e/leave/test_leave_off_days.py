"""Leave never spends a quota on a day that is already off, and /leave shows the months
ahead that hold requests."""

from __future__ import annotations

from datetime import date

from bot import ids
from db.models import LeaveDay, Request
from tests.e2e.harness import Bot
from tests.e2e.swaps.test_swaps import cells, team

SATURDAY = date(2026, 11, 28)


def test_a_rest_day_a_swap_has_since_made_off_is_refused_at_approval(bot: Bot) -> None:
    team(bot)
    assert "Request #1 for rest days" in bot.command("U0A2", "/leave", "11-28 rest family")
    assert "done" in bot.command("U0L1", "/swap", "11-28 <@U0A2> <@U0A1> covering")
    assert cells(bot)[("A2", SATURDAY)] is None  # the swap moved the shift away
    r = bot.rows(Request)[0]
    reply = bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert "Request #1 cannot be approved: 11-28 is already off in the roster now" in reply
    assert "so no rest day is needed. Nothing was changed; reject it" in reply
    assert bot.rows(LeaveDay) == [] and bot.rows(Request)[0].state == "pending"
    assert "Rest days 2026-11: 1 used (1 pending)" in bot.command("U0A2", "/leave")


def test_asking_for_rest_on_a_day_a_swap_made_off_is_refused_with_the_reason(
        bot: Bot) -> None:
    team(bot)
    bot.command("U0L1", "/swap", "11-28 <@U0A2> <@U0A1> covering")
    reply = bot.command("U0A2", "/leave", "11-28 rest family")
    assert "You are already off on 11-28; there is nothing to ask for" in reply
    assert [r.kind for r in bot.rows(Request)] == ["swap"]


def test_leave_alone_shows_this_month_and_the_months_ahead_that_hold_requests(
        bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "12-05 rest family")
    bot.command("U0A1", "/leave", "2027-01-08 personal exam")
    text = bot.command("U0A1", "/leave")
    assert "Rest days 2026-11: 0 used of 2 a month, 2 left" in text
    assert "Rest days 2026-12: 1 used (1 pending) of 2 a month, 1 left" in text
    assert "Personal leave 2027: 1 day used (1 pending) of 30 a year, 29 left" in text
    assert "Rest days 2027-01" not in text  # no rest days asked for in January
    zh = bot.add_staff("U0C1", "陈晓")
    bot.set_shift(zh, date(2026, 12, 6), "D")
    bot.command("U0C1", "/leave", "12-06 休息 回家")
    assert "2026-12 月休假：已用 1 天（其中 1 天待审批），每月 2 天，剩 1 天" in bot.command(
        "U0C1", "/leave")
