"""A swap never moves a shift that has begun or a day with punches: none is offered, and one
asked in time is checked again when the counterpart answers and when a lead approves."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot import ids
from db.models import Request, SwapCredit
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot
from tests.e2e.swaps.test_swaps import MONDAY, buttons, cells, team

FRIDAY, SUNDAY = MONDAY + timedelta(days=4), MONDAY + timedelta(days=6)


def offered(bot: Bot, user: str, text: str) -> list[str]:
    return [b["text"]["text"] for b in buttons(bot.reply_call(user, "/swap", text))]


def ask_with_a_day_back(bot: Bot) -> tuple[Request, str, datetime]:
    """On Tuesday 08:00 A2 asks to give up Friday and picks an exchange with a day back
    before it; return the request, the counterpart and when the shift back starts."""
    call = bot.reply_call("U0A2", "/swap", "11-27")
    pick = next(b for b in buttons(call) if "↔ 11-2" in b["text"]["text"])
    taker, back = pick["text"]["text"].split(" ↔ ")
    day = date(2026, 11, int(back[3:5]))
    assert MONDAY < day < FRIDAY
    bot.click("U0A2", pick["action_id"], pick["value"])
    starts = datetime.combine(day, time(8, 30) if back.endswith("D") else time(17, 0), SHANGHAI)
    return bot.rows(Request)[-1], f"U0{taker}", starts


def test_on_friday_a_sunday_swap_offers_no_day_back_in_the_week_already_past(
        bot: Bot) -> None:
    team(bot)
    bot.now = datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI)
    before = cells(bot)
    offers = offered(bot, "U0A2", "11-29")
    assert offers and not any("↔" in o for o in offers)  # only covers: Mon–Thu are history
    pick = buttons(bot.reply_call("U0A2", "/swap", "11-29"))[0]
    bot.click("U0A2", pick["action_id"], pick["value"])
    r = bot.rows(Request)[-1]
    bot.click(f"U0{pick['text']['text']}", ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    assert "now *approved*" in bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    after = cells(bot)
    assert {k: v for k, v in after.items() if k[1] < FRIDAY} == \
        {k: v for k, v in before.items() if k[1] < FRIDAY}
    assert after[("A2", SUNDAY)] is None


def test_a_swap_accepted_after_its_day_back_began_lapses_and_changes_nothing(bot: Bot) -> None:
    team(bot)
    r, other, starts = ask_with_a_day_back(bot)
    before = cells(bot)
    bot.now = starts + timedelta(minutes=1)
    assert "already expired" in bot.click(other, ids.SWAP_ACCEPT, r.id)
    assert bot.rows(Request)[-1].state == "expired" and cells(bot) == before


def test_a_swap_approved_after_its_day_back_began_lapses_and_changes_nothing(bot: Bot) -> None:
    team(bot)
    r, other, starts = ask_with_a_day_back(bot)
    bot.click(other, ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    before = cells(bot)
    bot.now = starts + timedelta(minutes=1)
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert bot.rows(Request)[-1].state == "expired"
    assert cells(bot) == before and bot.rows(SwapCredit) == []


def test_a_day_back_with_a_punch_is_refused_when_the_counterpart_accepts(bot: Bot) -> None:
    team(bot)
    r, other, starts = ask_with_a_day_back(bot)
    before = cells(bot)
    bot.now = starts - timedelta(minutes=25)
    bot.command(other, "/clock", "in")  # early for the shift the swap would take away
    reply = bot.click(other, ids.SWAP_ACCEPT, r.id)
    assert f"on {starts:%m-%d} has already begun (or has punches)" in reply
    assert bot.rows(Request)[-1].state == "proposed" and cells(bot) == before
