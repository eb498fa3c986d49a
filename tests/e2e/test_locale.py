"""A member's language is kept with them: Slack's users.info is asked once, not on every
clock-in, and a profile change (user_change) switches the replies at once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from db.models import Staff
from tests.e2e.harness import Bot


def users_info_calls(bot: Bot, after: int) -> int:
    return sum(1 for c in bot.api.calls_since(after) if c.method == "users.info")


def test_slack_is_asked_for_a_members_language_once_not_on_every_clock_in(
        bot: Bot, tmp_path: Path) -> None:
    bot.add_staff("U0A1", "Ann", locale="en-US")
    seq = bot.api.last_seq
    assert "Clocked in" in bot.command("U0A1", "/clock", "in")
    assert users_info_calls(bot, seq) == 1
    [row] = bot.rows(Staff)
    assert row.locale == "en-US" and row.locale_checked_at is not None
    # Nine hours later, and after a restart (nothing remembered in memory): no users.info.
    later = Bot(tmp_path, bot.now + timedelta(hours=9))
    try:
        later.api.add_user("U0A1", "Ann", locale="en-US")
        assert "Clocked out" in later.command("U0A1", "/clock", "out")
        assert users_info_calls(later, 0) == 0
    finally:
        later.close()


def test_a_profile_change_switches_the_language_without_asking_slack(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    assert "No shift today" not in bot.command("U0A1", "/clock", "")
    seq = bot.api.last_seq
    bot.sender.event({"type": "user_change", "user": {"id": "U0A1", "locale": "en-US"}})
    bot.settle()
    assert "No shift today" in bot.command("U0A1", "/clock", "")
    assert users_info_calls(bot, seq) == 0
    assert bot.rows(Staff)[0].locale == "en-US"
