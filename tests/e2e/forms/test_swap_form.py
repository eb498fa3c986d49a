"""The swap form end to end: my coming shifts to pick from; once picked, the form is redrawn
with the solver's counterparts and their reasons; filed as the Ask button under `/swap DATE`."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.views import View

from bot import ids
from db.models import Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.swaps.test_swaps import buttons, team


def test_bare_swap_offers_new_and_the_form_lists_only_shifts_not_begun(bot: Bot) -> None:
    team(bot)
    bot.now = datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)  # Tuesday's day shift has begun
    reply = bot.reply_call("U0A1", "/swap")
    assert buttons(reply)[-1]["action_id"] == ids.FORM_OPEN
    trigger, call = bot.press_new("U0A1", "swap")
    assert call.args["trigger_id"] == trigger
    view = call.args["view"]
    View(**view).validate_json()
    assert view["callback_id"] == ids.FORM_SWAP and view["title"]["text"] == "Swap request"
    days = [o["value"] for o in view["blocks"][1]["element"]["options"]]
    assert days == ["2026-11-25", "2026-11-26"]  # Mon-Thu; Monday is past, Tuesday begun
    assert view["blocks"][1]["dispatch_action"] is True


def test_picking_a_day_shows_the_solvers_counterparts_with_their_reasons(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/swap", "换班")
    update = bot.choose(bot.modal("U0A1"), "shift", {"shift": "2026-11-25"})
    view = update.args["view"]
    View(**view).validate_json()
    assert update.args["view_id"] == bot.modal("U0A1")["id"] and update.response["ok"]
    pick = view["blocks"][2]
    assert pick["block_id"] == "pick" and pick["element"]["type"] == "radio_buttons"
    command = bot.reply_call("U0A1", "/swap", "11-25")
    assert [o["value"] for o in pick["element"]["options"]] == [
        b["value"].removesuffix("|") for b in buttons(command)]
    assert all(o["description"]["text"] for o in pick["element"]["options"])
    shown = [o["text"]["text"] for o in pick["element"]["options"]]
    assert all(t.startswith(("A2 ", "A4 ", "trade with A")) for t in shown), shown
    assert any("your D shift" in t for t in shown), shown


def test_a_valid_form_asks_the_counterpart_as_the_button_does(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/swap", "换班")
    bot.choose(bot.modal("U0A1"), "shift", {"shift": "2026-11-25"})
    view = bot.modal("U0A1")
    first = view["blocks"][2]["element"]["options"][0]["value"]
    seq = bot.api.last_seq
    reply = bot.submit(view, {"shift": "2026-11-25", "pick": first, "reason": "doctor"})
    assert reply.json is None
    [r] = bot.rows(Request)
    assert (r.kind, r.state, r.reason, str(r.day)) == ("swap", "proposed", "doctor", "2026-11-25")
    assert "#1" in text_of(bot.posts("U0A1", after=seq)[0])
    [asked] = [c for c in bot.api.calls_since(seq) if c.method == "chat.postMessage"
               and c.args.get("channel") in ("U0A2", "U0A4")]
    assert ids.SWAP_ACCEPT in str(asked.args["blocks"])


def test_submitting_before_a_counterpart_is_picked_is_refused_inline(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/swap", "换班")
    reply = bot.submit(bot.modal("U0A1"), {"shift": "2026-11-25"})
    assert reply.json == {"response_action": "errors", "errors": {
        "shift": "Pick a shift first, then one of the colleagues suggested for it."}}
    assert bot.rows(Request) == []


def test_a_form_submitted_twice_asks_once(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/swap", "换班")
    bot.choose(bot.modal("U0A1"), "shift", {"shift": "2026-11-25"})
    view = bot.modal("U0A1")
    values = {"shift": "2026-11-25", "pick": view["blocks"][2]["element"]["options"][0]["value"]}
    bot.submit(view, values)
    bot.submit(view, values)
    assert len(bot.rows(Request)) == 1
