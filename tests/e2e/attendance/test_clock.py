"""/clock through signed HTTP requests, with the Slack stand-in recording the replies."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select

from db.models import AuditLog, Punch
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot

TUESDAY = date(2026, 11, 24)


def at(hh: int, mm: int, ss: int = 0, day: date = TUESDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=SHANGHAI)



def test_clock_in_on_time_shows_the_shift(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 25)
    text = bot.command("U0A1", "/clock", "in")
    assert "上班打卡 *08:25*" in text
    assert "白班" in text and "08:30–17:30" in text
    assert "准时" in text


def test_clock_in_11_minutes_late_states_the_20_yuan_tier(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 41, 30)
    text = bot.command("U0A1", "/clock", "上班 堵车")
    assert "迟到 11 分钟" in text and "20 元红包" in text
    assert "备注：堵车" in text
    [p] = bot.rows(Punch)
    assert (p.minutes_late, p.tier_no, p.fine_fen) == (11, 2, 2000)


def test_english_locale_gets_english_reply(bot: Bot) -> None:
    who = bot.add_staff("U0A2", "Ann", locale="en-US")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 33)
    text = bot.command("U0A2", "/clock", "in")
    assert "3 min late" in text and "10 yuan red packet in 5 shares" in text


def test_second_clock_in_adds_no_punch_and_shows_the_first(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 29)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(8, 50)
    text = bot.command("U0A1", "/clock", "in")
    assert "已在 08:29 打过" in text
    assert len(bot.rows(Punch)) == 1


def test_punch_time_is_the_server_clock_not_the_request_text(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(9, 5)
    bot.command("U0A1", "/clock", "in 08:00")
    [p] = bot.rows(Punch)
    assert p.at == at(9, 5) and p.minutes_late == 35 and p.absence_half_days == 1


def test_late_shift_clock_out_after_midnight_belongs_to_the_day_it_started(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "E")
    bot.now = at(16, 55)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(1, 20, day=TUESDAY + timedelta(days=1))
    text = bot.command("U0A1", "/clock", "下班")
    assert "加班 20 分钟" in text
    out = bot.rows(Punch)[-1]
    assert (out.kind, out.shift_day, out.shift_code, out.overtime_minutes) == (
        "out", TUESDAY, "E", 20)


def test_clock_out_early_states_the_tier(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 20)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(17, 5)
    text = bot.command("U0A1", "/clock", "out")
    assert "早退 25 分钟" in text and "50 元红包" in text


def test_no_shift_today_keeps_the_punch_and_says_so(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.now = at(10, 0)
    text = bot.command("U0A1", "/clock", "in")
    assert "没有排班" in text
    [p] = bot.rows(Punch)
    assert p.shift_code is None and p.shift_day == TUESDAY


def test_clock_status_lists_today_shift_and_punches(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 35)
    bot.command("U0A1", "/clock", "in")
    text = bot.command("U0A1", "/clock")
    assert "白班 08:30–17:30" in text and "上班 08:35 迟到 5 分钟" in text


def test_every_punch_leaves_an_audit_row(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    bot.now = at(8, 30)
    bot.command("U0A1", "/clock", "in")
    with bot.ctx.session() as s:
        rows = s.exec(select(AuditLog).where(AuditLog.action == "clock.in")).all()
    assert [r.actor for r in rows] == ["U0A1"]


def test_mistyped_clock_word_gets_usage_and_changes_nothing(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    text = bot.command("U0A1", "/clock", "inn")
    assert "看不懂“inn”" in text and "/clock in" in text
    assert bot.rows(Punch) == []


def test_unknown_user_is_told_how_to_join(bot: Bot) -> None:
    text = bot.command("U0NOBODY", "/clock", "in")
    assert "kefu staff add U0NOBODY" in text
    assert bot.rows(Punch) == []


def test_user_text_is_escaped_for_slack(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "D")
    text = bot.command("U0A1", "/clock", "in <!channel> & co")
    assert "&lt;!channel&gt; &amp; co" in text


def test_clock_status_after_midnight_shows_the_late_shift_still_running(bot: Bot) -> None:
    who = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(who, TUESDAY, "E")
    bot.now = at(16, 58)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(0, 30, day=TUESDAY + timedelta(days=1))
    text = bot.command("U0A1", "/clock")
    assert "11-24 周二" in text and "晚班 17:00–01:00（次日）" in text and "上班 16:58" in text
