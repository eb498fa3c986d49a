"""/roster, /kefu help, the coming-soon commands, signatures and /healthz."""

from __future__ import annotations

import json
import urllib.request
from datetime import date

import pytest

from tests.e2e.harness import Bot

TUESDAY = date(2026, 11, 24)


def test_roster_today_lists_people_per_shift(bot: Bot) -> None:
    a = bot.add_staff("U0A1", "陈晓")
    b = bot.add_staff("U0A2", "林悦")
    bot.set_shift(a, TUESDAY, "D")
    bot.set_shift(b, TUESDAY, "E")
    text = bot.command("U0A1", "/roster")
    assert "11-24 周二 排班" in text
    assert "白班 08:30–17:30：陈晓" in text and "晚班 17:00–01:00：林悦" in text


def test_roster_tomorrow_and_a_date(bot: Bot) -> None:
    a = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(a, date(2026, 11, 25), "E")
    bot.set_shift(a, date(2026, 11, 27), "D")
    assert "晚班 17:00–01:00：陈晓" in bot.command("U0A1", "/roster", "明天")
    assert "白班 08:30–17:30：陈晓" in bot.command("U0A1", "/roster", "11-27")


def test_roster_week_shows_the_team_grid(bot: Bot) -> None:
    a = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(a, TUESDAY, "D")
    bot.set_shift(a, date(2026, 11, 26), "E")
    text = bot.command("U0A1", "/roster", "week")
    assert "11-23 起一周排班" in text
    row = next(line for line in text.splitlines() if line.startswith("陈晓"))
    assert row.split() == ["陈晓", "休", "D", "休", "E", "休", "休", "休"]


def test_roster_of_a_mentioned_person(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    b = bot.add_staff("U0A2", "林悦")
    bot.set_shift(b, TUESDAY, "E")
    text = bot.command("U0A1", "/roster", "<@U0A2|linyue>")
    assert "（林悦）" in text and "陈晓" not in text.split("```")[1]


@pytest.mark.parametrize(("text", "expected"), [
    ("nextweek", "看不懂“nextweek”"),
    ("2026-13-40", "看不懂“2026-13-40”"),
    ("<@U0GHOST>", "找不到“U0GHOST”"),
])
def test_roster_mistakes_get_usage(bot: Bot, text: str, expected: str) -> None:
    bot.add_staff("U0A1", "陈晓")
    reply = bot.command("U0A1", "/roster", text)
    assert expected in reply and "/roster week" in reply


def test_kefu_help_lists_what_works_today(bot: Bot) -> None:
    bot.add_staff("U0A1", "Ann", locale="en-US")
    text = bot.command("U0A1", "/kefu", "help")
    assert "/clock in" in text and "/roster week" in text and "/handover TEXT" in text
    assert "Coming soon" not in text  # every command is built


def test_forged_signature_is_refused_with_401(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    seq = bot.api.last_seq
    reply = bot.raw_command("U0A1", "/clock", "in", forge=True)
    assert reply.status == 401
    assert [c for c in bot.api.calls_since(seq) if c.method == "response_url"] == []


def test_stale_timestamp_is_refused_with_401(bot: Bot) -> None:
    reply = bot.raw_command("U0A1", "/clock", "in", timestamp_offset=-6 * 60)
    assert reply.status == 401


def test_healthz_answers_ok_when_the_database_answers(bot: Bot) -> None:
    with urllib.request.urlopen(bot.url + "/healthz") as resp:
        assert resp.status == 200
        assert json.loads(resp.read()) == {"ok": True}
