"""A direct message to the bot is a command without the slash (`上班`, `排班 明天`, `罚款`),
worked through the same parse → service path and answered in the DM; anything else gets the
short help in the member's language."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any

import pytest

from bot.localslack.sender import JSON
from bot.localslack.store import BOT_ID, BOT_USER_ID
from db.models import Inbox, LedgerEntry, Punch, RosterDraft
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.roster.test_roster_generate import team as generate_team

TUESDAY = date(2026, 11, 24)
_TS = itertools.count(1)


def dm_event(user: str, text: str, **fields: Any) -> dict[str, Any]:
    """A message.im event as Slack sends it when USER writes TEXT to the bot."""
    ts = f"1790000000.{next(_TS):06d}"
    return {"type": "message", "channel_type": "im", "channel": "D" + user, "user": user,
            "text": text, "ts": ts, "client_msg_id": f"m-{ts}", **fields}


def dm(bot: Bot, user: str, text: str) -> list[str]:
    """Write TEXT to the bot in USER's DM; return the texts the bot wrote back there."""
    seq = bot.api.last_seq
    assert bot.sender.event(dm_event(user, text)).status == 200
    bot.settle()
    assert [c for c in bot.api.calls_since(seq) if c.method == "response_url"] == []
    return [text_of(c) for c in bot.posts(user, after=seq)]


def test_shang_ban_clocks_in_and_xia_ban_clocks_out_answered_in_the_dm(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = datetime(2026, 11, 24, 8, 25, tzinfo=SHANGHAI)
    [said] = dm(bot, "U0A1", "上班")
    assert "上班打卡" in said and "08:25" in said
    bot.now = datetime(2026, 11, 24, 17, 30, tzinfo=SHANGHAI)
    [said] = dm(bot, "U0A1", "下班")
    assert "下班打卡" in said and "17:30" in said
    assert [p.kind for p in bot.rows(Punch)] == ["in", "out"]


# (what the member writes in the DM, the slash command and text it stands for)
SAME_AS = [
    ("排班 明天", "/roster", "明天"),
    ("排班明天", "/roster", "明天"),  # no space after a Chinese word, as typed on a phone
    ("排班", "/roster", ""),
    ("打卡", "/clock", ""),
    ("罚款", "/penalty", ""),
    ("罚款 条例", "/penalty", "条例"),
    ("请假", "/leave", ""),
    ("换班", "/swap", ""),
    ("问题件", "/parcel", ""),
    ("件 列表 mine", "/parcel", "列表 mine"),
    ("交接", "/handover", ""),
    ("汇总", "/kefu", "汇总"),
    ("ＲＯＳＴＥＲ week", "/roster", "week"),  # full-width letters from a Chinese keyboard
]


@pytest.mark.parametrize(("words", "command", "text"), SAME_AS)
def test_a_dm_is_answered_as_its_slash_command(bot: Bot, words: str, command: str,
                                               text: str) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, date(2026, 11, 25), "E")
    assert dm(bot, "U0A1", words) == [bot.command("U0A1", command, text)]


ENGLISH = [
    ("roster tomorrow", "/roster", "tomorrow"),
    ("clock", "/clock", ""),
    ("fines", "/penalty", ""),
    ("penalty rules", "/penalty", "rules"),
    ("leave", "/leave", ""),
    ("swap", "/swap", ""),
    ("parcel list", "/parcel", "list"),
    ("handover", "/handover", ""),
    ("summary", "/kefu", "summary"),
]


@pytest.mark.parametrize(("words", "command", "text"), ENGLISH)
def test_english_words_in_a_dm_are_answered_in_english(bot: Bot, words: str, command: str,
                                                       text: str) -> None:
    bot.add_staff("U0E1", "Ann", locale="en-US")
    assert dm(bot, "U0E1", words) == [bot.command("U0E1", command, text)]


def test_in_and_out_in_english(bot: Bot) -> None:
    who = bot.add_staff("U0E1", "Ann", locale="en-US")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = datetime(2026, 11, 24, 8, 20, tzinfo=SHANGHAI)
    [said] = dm(bot, "U0E1", "in")
    assert "Clocked in at *08:20*" in said
    bot.now = datetime(2026, 11, 24, 17, 45, tzinfo=SHANGHAI)
    assert "17:45" in dm(bot, "U0E1", "out")[0]
    assert [p.kind for p in bot.rows(Punch)] == ["in", "out"]


def test_a_dm_retried_by_slack_clocks_in_once_and_answers_once(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    seq = bot.api.last_seq
    body = bot.sender.event_body(dm_event("U0A1", "上班"))
    assert bot.sender.post(body, JSON).status == 200
    bot.settle()
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.sender.post(body, JSON, headers=retry).status == 200
    bot.settle()
    assert [p.kind for p in bot.rows(Punch)] == ["in"]
    assert len(bot.posts("U0A1", after=seq)) == 1
    assert len(bot.rows(Inbox)) == 1


def test_a_lead_fines_by_dm_once_though_slack_retries_and_the_agent_is_told(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0L1", "孙丽", role="lead")
    seq = bot.api.last_seq
    body = bot.sender.event_body(dm_event("U0L1", "罚款 <@U0A1> games"))
    assert bot.sender.post(body, JSON).status == 200
    assert bot.sender.post(body, JSON, headers={"X-Slack-Retry-Num": "1"}).status == 200
    bot.settle()
    [fine] = bot.rows(LedgerEntry)
    assert (fine.kind, fine.rule) == ("fine", "games")
    [told_lead] = bot.posts("U0L1", after=seq)
    [told_agent] = bot.posts("U0A1", after=seq)
    assert f"#{fine.id}" in text_of(told_lead)
    assert "上班玩游戏/看视频" in text_of(told_agent)


@pytest.mark.parametrize("fields", [
    {"user": BOT_USER_ID, "bot_id": BOT_ID},  # the bot's own reply in the DM
    {"subtype": "bot_message", "bot_id": "B0OTHER"},  # another app's message
    {"subtype": "message_changed"},  # the member edited a message
    {"subtype": "message_deleted"},
], ids=["own", "other_bot", "edit", "delete"])
def test_the_bots_own_messages_edits_and_other_subtypes_are_left_alone(
        bot: Bot, fields: dict[str, Any]) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    seq = bot.api.last_seq
    assert bot.sender.event({**dm_event("U0A1", "上班"), **fields}).status == 200
    bot.settle()
    assert bot.rows(Punch) == []
    assert bot.posts("U0A1", after=seq) == []
    assert bot.rows(Inbox) == []


def test_a_channel_message_is_not_read_as_a_command(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    seq = bot.api.last_seq
    event = {**dm_event("U0A1", "上班"), "channel_type": "channel", "channel": "C0KEFU"}
    assert bot.sender.event(event).status == 200
    bot.settle()
    assert bot.rows(Punch) == []
    assert [c.method for c in bot.api.calls_since(seq) if c.method.startswith("chat.")] == []


def test_an_unknown_word_gets_the_short_help_in_chinese(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    [said] = dm(bot, "U0A1", "你好")
    assert "看不懂“你好”" in said
    assert "`上班`" in said and "`排班 明天`" in said and "`罚款`" in said
    assert "Clock" not in said


def test_an_unknown_word_gets_the_short_help_in_english(bot: Bot) -> None:
    bot.add_staff("U0E1", "Ann", locale="en-US")
    [said] = dm(bot, "U0E1", "hello there")
    assert "I don't understand \"hello\"" in said
    assert "`in`" in said and "`roster tomorrow`" in said and "`fines`" in said
    assert "上班" not in said


def test_help_in_a_dm_is_the_short_help_without_complaint(bot: Bot) -> None:
    bot.add_staff("U0E1", "Ann", locale="en-US")
    [said] = dm(bot, "U0E1", "help")
    assert "`roster tomorrow`" in said and "understand" not in said


def test_a_mistyped_argument_gets_the_commands_own_usage(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0E1", "Ann", locale="en-US")
    [said] = dm(bot, "U0A1", "排班 后天")
    assert said == bot.command("U0A1", "/roster", "后天")
    assert "看不懂“后天”" in said and "/roster" in said
    [said] = dm(bot, "U0E1", "fix yesterday 25:00 in forgot")
    assert "I can't read the time \"25:00\"" in said and "Usage:" in said


def test_a_stranger_is_told_how_to_join(bot: Bot) -> None:
    bot.api.add_user("U0X9", "路人")
    [said] = dm(bot, "U0X9", "上班")
    assert "kefu staff add U0X9" in said
    assert bot.rows(Punch) == []


def test_a_lead_generates_a_roster_draft_by_dm(bot: Bot) -> None:
    generate_team(bot)
    said = dm(bot, "U0L1", "roster generate 2026-W49")
    assert "Working on it" in said[0] and "Draft #1 for 2026-W49" in said[-1]
    assert len(bot.rows(RosterDraft)) == 1


@pytest.mark.parametrize("words", ["补卡", "请假 事假", "问题件 登记"])
def test_a_dm_that_would_open_a_form_gets_the_typed_usage_instead(bot: Bot,
                                                                  words: str) -> None:
    """A message has no trigger_id, so no form can open from a DM: what the form would ask
    is asked as the command's usage, in the DM, and nothing is stored."""
    bot.add_staff("U0A1", "陈晓")
    seq = bot.api.last_seq
    [said] = dm(bot, "U0A1", words)
    assert [c for c in bot.api.calls_since(seq) if c.method == "views.open"] == []
    assert "用法：" in said  # what to type instead, in Chinese
    assert "Usage" not in said
    assert bot.rows(Punch) == [] and bot.rows(LedgerEntry) == []
