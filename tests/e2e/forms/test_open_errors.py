"""What a member sees when a form cannot open: the trigger expired before the bot could use
it, or they are not on the team yet; nothing is opened and nothing stored."""

from __future__ import annotations

from bot import ids
from db.models import Request
from tests.e2e.forms.test_leave_form import team
from tests.e2e.harness import Bot, text_of


def test_an_expired_trigger_is_answered_with_the_command_to_type(bot: Bot) -> None:
    team(bot)
    bot.api.state.trigger_lifetime = -1.0  # Slack took longer than 3 s to hear back
    text = bot.command("U0A1", "/leave", "请假")
    assert text.startswith("The form could not open in time; please try again")
    assert "`/leave DATE[..DATE] [rest|personal|sick] REASON`" in text
    [call] = [c for c in bot.api.calls if c.method == "views.open"]
    assert call.response == {"ok": False, "error": "expired_trigger_id"}
    assert bot.api.open_modal("U0A1") is None


def test_an_expired_trigger_is_told_in_chinese_from_the_new_button(bot: Bot) -> None:
    team(bot)
    bot.api.state.trigger_lifetime = -1.0
    seq = bot.api.last_seq
    bot.sender.block_action("U0C1", ids.FORM_OPEN, "makeup", block_id="form:makeup",
                            message=None, channel_id="C0KEFU")
    reply = bot.api.wait_for(lambda c: c.method == "response_url", after=seq)
    assert "表单没能及时打开，请再试一次" in str(reply.args["text"])
    assert "/clock fix" in str(reply.args["text"])


def test_a_stranger_is_told_how_to_join_and_no_form_opens(bot: Bot) -> None:
    team(bot)
    bot.api.add_user("U0X9", "Stranger", locale="en-US")
    text = bot.command("U0X9", "/clock", "fix")
    assert "not on the team list yet" in text
    assert not [c for c in bot.api.calls if c.method == "views.open"]
    assert bot.rows(Request) == []


def test_a_global_shortcut_that_cannot_open_answers_by_dm(bot: Bot) -> None:
    team(bot)
    bot.api.state.trigger_lifetime = -1.0
    seq = bot.api.last_seq
    assert bot.sender.shortcut("U0A1", ids.SHORTCUT_PARCEL).status == 200
    [dm] = bot.posts("U0A1", after=seq)
    assert "The form could not open in time" in text_of(dm) and "/parcel log" in text_of(dm)
