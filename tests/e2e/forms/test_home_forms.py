"""The App Home's row of forms: an agent's opens leave, swap, make-up and parcel; a lead's
also the fine. A form opened from the Home files as from a command, and the Home is
republished afterwards."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot import ids
from db.models import Request
from tests.e2e.harness import Bot
from tests.e2e.home.test_home import open_home, team


def form_row(view: dict[str, object]) -> list[tuple[str, str, str]]:
    blocks = view["blocks"]
    assert isinstance(blocks, list)
    return [(e["action_id"], e["value"], e["text"]["text"]) for b in blocks
            if b["type"] == "actions" for e in b["elements"]
            if e["action_id"].startswith(ids.FORM_OPEN)]


def test_an_agents_home_opens_four_forms_and_a_leads_also_the_fine(bot: Bot) -> None:
    team(bot)
    agent, lead = open_home(bot, "U0A1"), open_home(bot, "U0L1")
    assert form_row(agent) == [(f"{ids.FORM_OPEN}:{f}", f, label) for f, label in (
        ("leave", "请假"), ("swap", "换班"), ("makeup", "补卡"), ("parcel", "登记问题件"))]
    assert [v for _, v, _ in form_row(lead)] == ["leave", "swap", "makeup", "parcel", "fine"]
    View(**agent).validate_json()
    View(**lead).validate_json()


def test_a_form_opened_from_the_home_files_and_the_home_is_republished(bot: Bot) -> None:
    team(bot)
    open_home(bot, "U0A1")
    seq = bot.api.last_seq
    reply = bot.sender.home_action("U0A1", f"{ids.FORM_OPEN}:leave", "leave")
    assert reply.status == 200
    trigger = bot.sender.last_trigger
    call = bot.api.wait_for(lambda c: c.method == "views.open", after=seq)
    assert call.args["trigger_id"] == trigger
    assert call.args["view"]["callback_id"] == ids.FORM_LEAVE
    bot.settle()
    seq = bot.api.last_seq
    bot.submit(bot.modal("U0A1"), {"kind": "personal", "first": "2026-11-27",
                                   "reason": "家里有事"})
    [r] = bot.rows(Request)
    assert r.kind == "leave"
    published = [c for c in bot.api.calls_since(seq) if c.method == "views.publish"
                 and c.args["user_id"] == "U0A1"]
    assert published and "#1" in str(published[-1].args["view"])
