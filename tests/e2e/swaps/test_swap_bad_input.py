"""Absurd dates and forged pick buttons on /swap get an answer and change nothing."""

from __future__ import annotations

import logging

import pytest

from bot import ids
from db.models import Request, Staff
from tests.e2e.harness import Bot
from tests.e2e.swaps.test_swaps import cells, team


@pytest.mark.parametrize(("text", "expected"), [
    ("9999-12-31", "out of range"), ("0001-01-01", "out of range")])
def test_a_far_away_date_is_answered_not_crashed_on(
        bot: Bot, caplog: pytest.LogCaptureFixture, text: str, expected: str) -> None:
    team(bot)
    with caplog.at_level(logging.ERROR, logger="kefu"):
        assert expected in bot.command("U0A1", "/swap", text)
    assert bot.rows(Request) == [] and [x for x in caplog.records if x.name == "kefu"] == []


@pytest.mark.parametrize("value", [
    "2026-12-01|99999999999999999999||", "9999-12-31|{a2}||", "0001-01-01|{a2}||",
    "2026-11-25|{a2_deva}||", "2026-11-25|{a2}|9999-12-31|D|why"])
def test_a_forged_swap_pick_is_stale_and_asks_nobody(
        bot: Bot, caplog: pytest.LogCaptureFixture, value: str) -> None:
    team(bot)
    before = cells(bot)
    a2 = next(s.id for s in bot.rows(Staff) if s.slack_id == "U0A2")
    a2_deva = "".join(chr(0x966 + int(c)) for c in str(a2))  # A2's id in Devanagari digits
    with caplog.at_level(logging.ERROR, logger="kefu"):
        reply = bot.click("U0A1", f"{ids.SWAP_PICK}:0", value.format(a2=a2, a2_deva=a2_deva))
    assert "That button no longer works" in reply
    assert bot.rows(Request) == [] and cells(bot) == before
    assert [x for x in caplog.records if x.name == "kefu"] == []
