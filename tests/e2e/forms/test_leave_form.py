"""The leave form end to end: opened by `/leave 请假` or the New button, filed like
`/leave FIRST..LAST KIND REASON`, refused inline, filed once however often it is sent."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from slack_sdk.models.views import View

from bot import ids
from db.models import Request
from tests.e2e.harness import Bot, text_of


def team(bot: Bot) -> None:
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    chen = bot.add_staff("U0C1", "陈晓")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    for n in range(23, 31):
        for who in (ann, chen):
            bot.set_shift(who, date(2026, 11, n), None if n == 29 else "D")


REST = {"kind": "rest", "first": "2026-11-27", "last": "2026-11-28", "reason": "family visit"}


def test_leave_word_opens_the_form_with_the_commands_trigger(bot: Bot) -> None:
    team(bot)
    trigger, call = bot.open_form("U0A1", "/leave", "请假")
    assert call.args["trigger_id"] == trigger and call.response["ok"]
    view = call.args["view"]
    View(**view).validate_json()
    assert view["callback_id"] == ids.FORM_LEAVE and view["title"]["text"] == "Leave request"
    assert [b.get("block_id") for b in view["blocks"]] == ["note", "kind", "first", "last",
                                                           "reason"]
    assert "rest days 2026-11: 0/2, 2 left" in view["blocks"][0]["text"]["text"]
    assert view["blocks"][2]["element"]["initial_date"] == "2026-11-24"


def test_a_kind_alone_opens_the_form_with_that_kind_chosen_in_chinese(bot: Bot) -> None:
    team(bot)
    _, call = bot.open_form("U0C1", "/leave", "病假")
    view = call.args["view"]
    assert view["title"]["text"] == "请假申请" and view["submit"]["text"] == "提交"
    assert view["blocks"][1]["element"]["initial_option"]["value"] == "sick"
    assert "2026 年事假 0/30 天，剩 30 天" in view["blocks"][0]["text"]["text"]


def test_bare_leave_keeps_its_meaning_and_offers_new_which_opens_the_form(bot: Bot) -> None:
    team(bot)
    reply = bot.reply_call("U0A1", "/leave")
    assert "*My leave*" in text_of(reply)
    new = reply.args["blocks"][-1]["elements"][0]
    assert (new["action_id"], new["value"], new["text"]["text"]) == (ids.FORM_OPEN, "leave",
                                                                     "New")
    trigger, call = bot.press_new("U0A1", "leave")
    assert call.args["trigger_id"] == trigger
    assert bot.modal("U0A1")["callback_id"] == ids.FORM_LEAVE


def test_a_valid_form_files_what_the_text_command_files(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/leave", "请假")
    seq = bot.api.last_seq
    reply = bot.submit(bot.modal("U0A1"), REST)
    assert reply.json is None  # an empty ack: the modal closes
    assert bot.api.open_modal("U0A1") is None
    dm = text_of(bot.posts("U0A1", after=seq)[0])
    assert "Request #1 for rest days sent to the leads: 11-27 to 11-28, 2 days" in dm
    assert len(bot.posts("kefu-approvals", after=seq)) == 1
    bot.command("U0C1", "/leave", "11-27..11-28 rest family visit")
    by_form, by_text = bot.rows(Request)
    keys = ("kind", "first", "last", "days", "skipped", "listed", "shifts", "figures")
    form_says, text_says = ((r.kind, r.reason, {k: json.loads(r.payload)[k] for k in keys})
                            for r in (by_form, by_text))
    assert form_says == text_says


def test_a_range_typed_backwards_is_refused_on_the_last_day_in_english_and_stores_nothing(
        bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/leave", "请假")
    reply = bot.submit(bot.modal("U0A1"), {**REST, "first": "2026-11-28", "last": "2026-11-27"})
    assert reply.json is not None and reply.json["response_action"] == "errors"
    assert list(reply.json["errors"]) == ["last"]
    assert "11-28" in reply.json["errors"]["last"] and "Nothing" not in reply.json["errors"]
    assert bot.rows(Request) == []
    assert bot.api.open_modal("U0A1") is not None  # the form stays open to correct


def test_a_blank_reason_and_the_rest_quota_are_refused_inline_in_chinese(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0C1", "/leave", "请假")
    reply = bot.submit(bot.modal("U0C1"), {**REST, "reason": "   "})
    assert reply.json == {"response_action": "errors", "errors": {"reason": "请在最后写上原因。"}}
    bot.submit(bot.modal("U0C1"), REST)
    assert len(bot.rows(Request)) == 1
    bot.open_form("U0C1", "/leave", "请假")
    reply = bot.submit(bot.modal("U0C1"), {**REST, "first": "2026-11-30", "last": "2026-11-30"})
    assert reply.json == {"response_action": "errors", "errors": {
        "first": "每月最多休假 2 天：2026-11 月已用或已申请 2 天，这次又申请 1 天。"}}
    assert len(bot.rows(Request)) == 1


def test_a_form_submitted_twice_is_filed_once(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/leave", "请假")
    view = bot.modal("U0A1")
    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(lambda _: bot.submit(view, REST), range(2)))
    assert all(r.json is None for r in replies)
    bot.submit(view, REST)  # and once more, later
    assert len(bot.rows(Request)) == 1


def test_an_invalid_form_submitted_again_unchanged_shows_its_errors_again(bot: Bot) -> None:
    """A second press of Submit without correcting anything must not close the form as if
    it had been filed: the same field errors come back, and still nothing is stored."""
    team(bot)
    bot.open_form("U0A1", "/leave", "请假")
    backwards = {**REST, "first": "2026-11-28", "last": "2026-11-27"}
    first = bot.submit(bot.modal("U0A1"), backwards)
    again = bot.submit(bot.modal("U0A1"), backwards)
    assert first.json is not None and first.json["response_action"] == "errors"
    assert again.json == first.json
    assert bot.rows(Request) == []
    assert bot.api.open_modal("U0A1") is not None
