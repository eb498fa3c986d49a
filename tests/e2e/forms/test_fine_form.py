"""The lead's fine form end to end: `/penalty @someone` (or 罚款) opens it; it records what
`/penalty @someone RULE [COUNT] [note]` records; an agent cannot open or submit it."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot import ids
from db.models import LedgerEntry
from tests.e2e.harness import Bot, text_of


def team(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0L2", "孙丽", role="lead")


def test_penalty_at_someone_opens_the_form_with_them_chosen(bot: Bot) -> None:
    team(bot)
    trigger, call = bot.open_form("U0L1", "/penalty", "<@U0A1|陈晓>")
    assert call.args["trigger_id"] == trigger
    view = call.args["view"]
    View(**view).validate_json()
    assert view["callback_id"] == ids.FORM_FINE and view["title"]["text"] == "Record a fine"
    assert [b["block_id"] for b in view["blocks"]] == ["person", "rule", "count", "note"]
    assert view["blocks"][0]["element"]["initial_user"] == "U0A1"
    rules = [o["text"]["text"] for o in view["blocks"][1]["element"]["options"]]
    assert "Games or videos at work · 10 yuan" in rules
    assert "Wrong destination heading · 2 yuan/waybill" in rules


def test_an_agent_is_told_the_role_needed_and_no_form_opens(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    text = bot.command("U0A1", "/penalty", "罚款")
    assert "需要组长或管理员权限" in text
    assert not [c for c in bot.api.calls_since(seq) if c.method == "views.open"]


def test_a_valid_form_records_what_the_text_command_records(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0L2", "/penalty", "罚款")
    seq = bot.api.last_seq
    reply = bot.submit(bot.modal("U0L2"), {"person": "U0A1", "rule": "wrong_heading",
                                           "count": "7", "note": "三票错发武汉"})
    assert reply.json is None
    dm_lead = text_of(bot.posts("U0L2", after=seq)[0])
    dm_agent = text_of(bot.posts("U0A1", after=seq)[0])
    assert "#1" in dm_lead and "#1" in dm_agent
    bot.command("U0L2", "/penalty", "<@U0A1> wrong_heading 7 三票错发武汉")
    by_form, by_text = bot.rows(LedgerEntry)
    assert (by_form.rule, by_form.amount_fen, by_form.quantity, by_form.note) == (
        by_text.rule, by_text.amount_fen, by_text.quantity, by_text.note) == (
        "wrong_heading", 1400, 7, "三票错发武汉")


def test_a_count_for_a_per_occurrence_rule_is_refused_on_the_count(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0L1", "/penalty", "new")
    reply = bot.submit(bot.modal("U0L1"), {"person": "U0A1", "rule": "games", "count": "3"})
    assert reply.json is not None and list(reply.json["errors"]) == ["count"]
    assert "counted per occurrence" in reply.json["errors"]["count"]
    bot.open_form("U0L2", "/penalty", "new")
    reply = bot.submit(bot.modal("U0L2"), {"person": "U0XX", "rule": "games"})
    assert reply.json is not None and list(reply.json["errors"]) == ["person"]
    assert bot.rows(LedgerEntry) == []


def test_an_agent_submitting_a_fine_form_is_refused_inline(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0L1", "/penalty", "new")
    view = {**bot.modal("U0L1"), "user": "U0A1"}  # the same form, sent by an agent
    reply = bot.submit(view, {"person": "U0A1", "rule": "games"})
    assert reply.json is not None and "只有组长/主管" in reply.json["errors"]["person"]
    assert bot.rows(LedgerEntry) == []


def test_a_form_submitted_twice_records_once(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0L1", "/penalty", "new")
    view = bot.modal("U0L1")
    bot.submit(view, {"person": "U0A1", "rule": "games"})
    bot.submit(view, {"person": "U0A1", "rule": "games"})
    assert len(bot.rows(LedgerEntry)) == 1
