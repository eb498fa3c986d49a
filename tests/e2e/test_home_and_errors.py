"""The App Home tab, and what a user sees when something breaks on our side."""

from __future__ import annotations

import logging
from datetime import date

import pytest
import sqlalchemy as sa

from tests.e2e.harness import Bot


def test_app_home_shows_today_for_a_member(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, date(2026, 11, 24), "D")
    seq = bot.api.last_seq
    reply = bot.sender.event({"type": "app_home_opened", "user": "U0A1", "tab": "home"})
    assert reply.status == 200
    call = bot.api.wait_for(lambda c: c.method == "views.publish", after=seq)
    assert call.args["user_id"] == "U0A1"
    view = call.args["view"]
    shown = "\n".join(b["text"]["text"] for b in view["blocks"] if b["type"] == "section")
    assert view["type"] == "home" and "你好，陈晓" in shown and "白班 08:30–17:30" in shown


def test_a_failure_is_logged_and_the_user_is_told_nothing_changed(
        bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    bot.add_staff("U0A1", "陈晓")
    with bot.ctx.engine.begin() as conn:  # a real fault: the table the punch needs is gone
        conn.execute(sa.text("DROP TABLE punch"))
    with caplog.at_level(logging.ERROR, logger="kefu"):
        text = bot.command("U0A1", "/clock", "in")
    assert "出错了" in text and "没有改动任何数据" in text
    assert any(r.exc_info for r in caplog.records if r.name == "kefu")
