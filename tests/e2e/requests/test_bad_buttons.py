"""A button whose value is malformed or forged is refused as stale and changes nothing."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot import ids
from db.models import Punch, Request
from tests.e2e.harness import Bot


def twelve_make_ups(bot: Bot) -> Request:
    """Twelve agents each ask for a make-up; return request #12, still pending."""
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    for n in range(1, 13):
        who = bot.add_staff(f"U0A{n}", f"A{n}", locale="en-US")
        bot.set_shift(who, date(2026, 11, 23), "D")
        bot.command(f"U0A{n}", "/clock", "fix yesterday 08:25 in forgot")
    twelfth = bot.rows(Request)[-1]
    assert (twelfth.id, twelfth.state) == (12, "pending")
    return twelfth


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "१२", "１２", "0", "9" * 5000])
def test_a_malformed_approve_value_is_stale_and_approves_nothing(
        bot: Bot, caplog: pytest.LogCaptureFixture, value: str) -> None:
    r = twelve_make_ups(bot)
    with caplog.at_level(logging.ERROR, logger="kefu"):
        reply = bot.click("U0L1", ids.APPROVE, value, r.channel, r.ts)
    assert "That button no longer works" in reply
    assert {x.state for x in bot.rows(Request)} == {"pending"} and bot.rows(Punch) == []
    assert [x for x in caplog.records if x.name == "kefu"] == []


def test_the_refusal_is_in_the_clickers_language(bot: Bot) -> None:
    r = twelve_make_ups(bot)
    bot.add_staff("U0L2", "孙丽", role="lead")
    assert "这个按钮已失效" in bot.click("U0L2", ids.APPROVE, "१२", r.channel, r.ts)
    assert bot.rows(Request)[-1].state == "pending"
