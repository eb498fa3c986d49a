"""Slack has a bad minute: 429s and 500s are retried, nothing is lost, nothing is sent twice,
and the person is told what really happened."""

from __future__ import annotations

import time
from datetime import date, datetime

from bot import ids
from bot.localslack.recorder import Call
from db.models import LedgerEntry, Outbox, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

TUESDAY = date(2026, 11, 24)


def wait_until(check: object, timeout: float = 40.0) -> None:
    """Poll CHECK (a callable) until it is true."""
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "not delivered in time"
        time.sleep(0.1)


def ok_calls(bot: Bot, method: str, after: int = 0) -> list[Call]:
    """Calls of METHOD that Slack took (the failed attempts are recorded with a status)."""
    return [c for c in bot.api.calls_since(after) if c.method == method
            and "status" not in c.response]


def failed_calls(bot: Bot, method: str, after: int = 0) -> list[Call]:
    return [c for c in bot.api.calls_since(after) if c.method == method
            and "status" in c.response]


def team(bot: Bot) -> None:
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    for n in range(23, 31):
        bot.set_shift(ann, date(2026, 11, n), "D")


def test_a_leave_card_that_meets_429s_and_500s_is_posted_once_and_the_user_hears_the_truth(
        bot: Bot) -> None:
    team(bot)
    bot.api.fail("chat.postMessage", 429, times=2, retry_after=1)
    bot.api.fail("chat.postMessage", 500, times=4)
    seq = bot.api.last_seq
    reply = bot.command("U0A1", "/leave", "11-27..11-28 rest family visit")
    assert "Request #1 for rest days sent to the leads" in reply
    assert "went wrong" not in reply and "出错" not in reply
    wait_until(lambda: bot.rows(Request)[0].ts is not None)
    cards = [c for c in ok_calls(bot, "chat.postMessage", seq) if "#1" in text_of(c)]
    assert len(cards) == 1 and cards[0].response["ts"] == bot.rows(Request)[0].ts
    assert len(failed_calls(bot, "chat.postMessage", seq)) == 6
    [row] = [o for o in bot.rows(Outbox) if o.kind == "card"]
    assert row.state == "sent" and row.attempts >= 1  # it waited in the outbox, then went
    # The lead sees it and can act on it: the card is the real one.
    r = bot.rows(Request)[0]
    assert "Done" in bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)


def test_a_reply_whose_response_url_answers_500_is_delivered_once(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = datetime(2026, 11, 24, 8, 25, tzinfo=SHANGHAI)
    bot.api.fail("response_url", 500, times=5)
    seq = bot.api.last_seq
    assert bot.sender.command("U0A1", "/clock", "in").status == 200
    wait_until(lambda: ok_calls(bot, "response_url", seq))
    bot.settle()
    [reply] = ok_calls(bot, "response_url", seq)
    assert "上班打卡 *08:25*" in text_of(reply)
    assert len(failed_calls(bot, "response_url", seq)) == 5


def test_a_leads_fine_dm_and_a_paid_notice_survive_429s(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0L1", "孙丽", role="lead")
    bot.api.fail("chat.postMessage", 429, times=6, retry_after=1)
    seq = bot.api.last_seq
    assert "#1" in bot.command("U0L1", "/penalty", "<@U0A1> games")
    bot.command("U0A1", "/penalty", "paid 1")
    wait_until(lambda: len(ok_calls(bot, "chat.postMessage", seq)) == 2)
    bot.settle()
    posted = ok_calls(bot, "chat.postMessage", seq)
    assert len(posted) == 2 and len(bot.rows(LedgerEntry)) == 1
    channels = {c.response["channel"] for c in posted}
    assert channels == {bot.api.channel_id("U0A1"), bot.api.channel_id("kefu")}


def test_every_reply_says_whether_it_is_private_and_whether_it_replaces(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    seq = bot.api.last_seq
    bot.command("U0A1", "/clock", "")
    bot.command("U0A1", "/roster", "")
    replies = [c for c in bot.api.calls_since(seq) if c.method == "response_url"]
    assert len(replies) == 2
    for call in replies:
        assert call.args["response_type"] == "ephemeral"
        assert call.args["replace_original"] is False
