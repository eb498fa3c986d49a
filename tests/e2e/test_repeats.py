"""Every repeat is harmless: Slack's retries of an event and replays of a signed request
(within its five minutes) change nothing twice and send nothing twice."""

from __future__ import annotations

from datetime import date, datetime

from bot.localslack.sender import FORM, JSON
from db.models import Inbox, LedgerEntry, Parcel, ParcelEvent, Punch, RosterDraft
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot
from tests.e2e.roster.test_roster_generate import team as generate_team

TUESDAY = date(2026, 11, 24)
W = "518012345678"


def replies(bot: Bot, after: int) -> list[str]:
    return [c.args["token"] for c in bot.api.calls_since(after) if c.method == "response_url"]


def send_twice(bot: Bot, user: str, command: str, text: str) -> None:
    """Post one signed command body, then the very same body again (a replay)."""
    body = bot.sender.command_body(user, command, text)
    assert bot.sender.post(body, FORM).status == 200
    bot.settle()
    assert bot.sender.post(body, FORM).status == 200
    bot.settle()


def test_a_replayed_clock_out_adds_no_second_punch_fine_or_notice(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = datetime(2026, 11, 24, 8, 25, tzinfo=SHANGHAI)
    bot.command("U0A1", "/clock", "in")
    bot.now = datetime(2026, 11, 24, 17, 0, tzinfo=SHANGHAI)  # 30 minutes early: a fine
    seq = bot.api.last_seq
    send_twice(bot, "U0A1", "/clock", "out")
    assert [p.kind for p in bot.rows(Punch)] == ["in", "out"]
    assert [e.kind for e in bot.rows(LedgerEntry)] == ["fine"]
    assert len(replies(bot, seq)) == 1
    team = [c for c in bot.api.calls_since(seq) if c.method == "chat.postMessage"]
    assert len(team) == 1


def test_a_replayed_parcel_note_is_stored_once(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.command("U0A1", "/parcel", f"log {W} 破损")
    seq = bot.api.last_seq
    send_twice(bot, "U0A1", "/parcel", f"note {W} 联系寄件人")
    assert [e.kind for e in bot.rows(ParcelEvent)].count("note") == 1
    assert len(replies(bot, seq)) == 1


def test_a_replayed_roster_generate_posts_one_draft(bot: Bot) -> None:
    generate_team(bot)
    seq = bot.api.last_seq
    send_twice(bot, "U0L1", "/roster", "generate 2026-W49")
    assert len(bot.rows(RosterDraft)) == 1
    drafts = [c for c in bot.api.calls_since(seq) if c.method == "chat.postMessage"]
    assert len(drafts) == 1


def test_a_replayed_lead_fine_sends_one_dm(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0L1", "孙丽", role="lead")
    seq = bot.api.last_seq
    send_twice(bot, "U0L1", "/penalty", "<@U0A1> games")
    assert len(bot.rows(LedgerEntry)) == 1
    dms = [c for c in bot.api.calls_since(seq) if c.method == "chat.postMessage"]
    assert len(dms) == 1


def test_an_event_retried_by_slack_is_handled_once(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.command("U0A1", "/parcel", f"log {W} 破损")
    seq = bot.api.last_seq
    body = bot.sender.event_body({
        "type": "message", "subtype": "file_share", "user": "U0A1", "channel": "C0KEFU",
        "text": f"{W} 外箱照片", "ts": "1700000000.000100",
        "files": [{"id": "F0PHOTO1", "mimetype": "image/jpeg"}]})
    assert bot.sender.post(body, JSON).status == 200
    bot.settle()
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.sender.post(body, JSON, headers=retry).status == 200
    bot.settle()
    [p] = bot.rows(Parcel)
    assert p.photos == 1
    told = [c for c in bot.api.calls_since(seq) if c.method == "chat.postEphemeral"]
    assert len(told) == 1


def test_app_home_opened_twice_by_a_retry_publishes_once(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    seq = bot.api.last_seq
    body = bot.sender.event_body({"type": "app_home_opened", "user": "U0A1", "tab": "home"})
    assert bot.sender.post(body, JSON).status == 200
    assert bot.sender.post(body, JSON, headers={"X-Slack-Retry-Num": "1"}).status == 200
    bot.settle()
    published = [c for c in bot.api.calls_since(seq) if c.method == "views.publish"]
    assert len(published) == 1
    assert [i.route for i in bot.rows(Inbox)].count("app_home_opened") == 1
