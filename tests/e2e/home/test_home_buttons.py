"""The Home's buttons act directly, each like its command: Reject for a lead, Cancel on a
swap I proposed, and the row of forms (each of them opens its modal from the Home)."""

from __future__ import annotations

import pytest

from bot import ids
from db.models import Request
from tests.e2e.harness import Bot
from tests.e2e.home.test_home import buttons, open_home, shown, team
from tests.e2e.swaps.test_swaps import ask_best
from tests.e2e.swaps.test_swaps import team as swap_team


def test_reject_from_the_leads_home_decides_and_tells_the_requester(bot: Bot) -> None:
    team(bot)
    bot.command("U0A2", "/leave", "11-27 personal family matter")
    open_home(bot, "U0L1")
    seq = bot.api.last_seq
    answer = bot.click_home("U0L1", ids.REJECT, 1)
    assert "#1" in answer and "驳回" in answer
    assert bot.rows(Request)[0].state == "rejected"
    told = [c for c in bot.posts("U0A2", after=seq)]
    assert told and "rejected" in str(told[0].args)
    assert "*待审批*：没有等待审批的申请。" in shown(bot.home("U0L1"))
    assert "*My requests*: none open." in shown(bot.home("U0A2"))


def test_a_swap_i_proposed_shows_cancel_on_my_home_and_cancel_withdraws_it(bot: Bot) -> None:
    swap_team(bot)
    r, other = ask_best(bot)
    assert r.state == "proposed"
    view = open_home(bot, "U0A1")
    assert f"#{r.id} swap 11-25" in shown(view)
    assert (ids.CANCEL_REQUEST, str(r.id), "Cancel") in buttons(view)
    seq = bot.api.last_seq
    answer = bot.click_home("U0A1", ids.CANCEL_REQUEST, r.id)
    assert f"#{r.id}" in answer
    assert bot.rows(Request)[-1].state == "cancelled"
    assert "*My requests*: none open." in shown(bot.home("U0A1"))
    assert [c for c in bot.api.calls_since(seq) if c.method == "views.publish"
            and c.args["user_id"] == other]  # the colleague asked is redrawn too


@pytest.mark.parametrize(("form", "callback_id"), [
    ("leave", ids.FORM_LEAVE), ("swap", ids.FORM_SWAP), ("makeup", ids.FORM_MAKEUP),
    ("parcel", ids.FORM_PARCEL)])
def test_each_form_button_on_the_home_opens_its_form(bot: Bot, form: str,
                                                     callback_id: str) -> None:
    team(bot)
    open_home(bot, "U0A1")
    seq = bot.api.last_seq
    assert bot.sender.home_action("U0A1", f"{ids.FORM_OPEN}:{form}", form).status == 200
    call = bot.api.wait_for(lambda c: c.method == "views.open", after=seq)
    assert call.args["trigger_id"] == bot.sender.last_trigger
    assert call.args["view"]["callback_id"] == callback_id
    assert bot.api.open_modal("U0A1") is not None
