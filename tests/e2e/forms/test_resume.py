"""A form request the bot stored but had not worked when it stopped is worked on restart:
a submission is filed (or its errors told by DM, the form being gone), and an opening whose
trigger has expired is answered with the command to type."""

from __future__ import annotations

import urllib.parse
from datetime import timedelta
from typing import Any

from bot import ids
from bot.handlers.forms.lane import OPEN_ROUTE
from bot.handlers.inbound import resume
from bot.localslack.forms import state_values
from bot.transport import inbox
from db.models import Request
from tests.e2e.forms.test_leave_form import REST, team
from tests.e2e.harness import Bot, text_of


def stored_submission(bot: Bot, values: dict[str, Any]) -> None:
    bot.open_form("U0A1", "/leave", "请假")
    view = bot.modal("U0A1")
    body = {"type": "view_submission", "user": {"id": "U0A1"},
            "view": {**view, "state": {"values": state_values(view, values)}}}
    assert inbox.store(bot.ctx.engine, route=ids.FORM_LEAVE, body=body, now=bot.now,
                       key="v:resumed") is not None


def test_a_stored_submission_is_filed_on_restart_and_answered_by_dm(bot: Bot) -> None:
    team(bot)
    stored_submission(bot, REST)
    seq = bot.api.last_seq
    assert resume(bot.ctx) == 1
    bot.settle()
    assert [r.kind for r in bot.rows(Request)] == ["leave"]
    assert "Request #1 for rest days" in text_of(bot.posts("U0A1", after=seq)[0])


def test_a_stored_invalid_submission_tells_its_errors_by_dm(bot: Bot) -> None:
    team(bot)
    stored_submission(bot, {**REST, "reason": " "})
    seq = bot.api.last_seq
    resume(bot.ctx)
    bot.settle()
    assert bot.rows(Request) == []
    dm = text_of(bot.posts("U0A1", after=seq)[0])
    assert dm == '"Leave request" was not filed; please correct it and try again:\n' \
                 "• Please give a reason at the end."


def test_an_opening_resumed_after_its_trigger_expired_says_what_to_type(bot: Bot) -> None:
    team(bot)
    body = dict(urllib.parse.parse_qsl(bot.sender.command_body("U0C1", "/clock", "fix")))
    assert inbox.store(bot.ctx.engine, route=OPEN_ROUTE, body=body, now=bot.now) is not None
    bot.now += timedelta(seconds=10)
    seq = bot.api.last_seq
    resume(bot.ctx)
    bot.settle()
    reply = bot.api.wait_for(lambda c: c.method == "response_url", after=seq)
    assert "表单没能及时打开，请再试一次" in text_of(reply)
    assert not [c for c in bot.api.calls_since(seq) if c.method == "views.open"]
