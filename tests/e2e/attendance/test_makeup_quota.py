"""The make-up quota counts pending requests: the agent and the lead see the Nth before it
is approved, and approval applies what they saw."""

from __future__ import annotations

from datetime import date, datetime

from bot import ids
from db.models import LedgerEntry, Punch, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot
from tests.e2e.requests.test_approvals import card

TODAY = date(2026, 11, 24)
DAYS = (19, 20, 21, 24)  # the fourth is today's own shift


def at(hh: int, mm: int, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot) -> None:
    chen = bot.add_staff("U0C1", "陈晓")
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for n in range(1, 25):
        bot.set_shift(chen, date(2026, 11, n), "D")
        bot.set_shift(ann, date(2026, 11, n), "D")


def file_four(bot: Bot, user: str, kind: str = "in") -> list[str]:
    """Ask for four make-ups before any is decided (arrivals at 11-24 17:10, leavings the
    next morning); return the replies."""
    bot.now = at(17, 10) if kind == "in" else at(9, 0, date(2026, 11, 25))
    hhmm = "08:25" if kind == "in" else "17:35"
    return [bot.command(user, "/clock", f"fix 11-{d} {hhmm} {kind} forgot") for d in DAYS]


def test_four_pending_make_ups_are_told_first_to_fourth_and_the_fourth_is_warned(
        bot: Bot) -> None:
    team(bot)
    replies = file_four(bot, "U0C1")
    for n, text in enumerate(replies[:3], start=1):
        assert f"这是 2026-11 月第 {n} 次补卡（每月免费 3 次" in text and "超过" not in text
    assert "这是 2026-11 月第 4 次补卡，超过免费的 3 次" in replies[3]
    assert "上班卡按实际补卡时间 11-24 17:10 计，即迟到 520 分钟，按旷工半天处理" in replies[3]


def test_the_leads_card_warns_before_the_click_that_the_fourth_counts_at_the_real_time(
        bot: Bot) -> None:
    team(bot)
    file_four(bot, "U0C1")
    cards = [card(bot, r) for r in bot.rows(Request)]
    assert "本月第 2 次补卡（每月免费 3 次）" in cards[1] and "超出免费次数" not in cards[1]
    assert "本月第 4 次补卡（每月免费 3 次）" in cards[3]
    assert ":warning: *超出免费次数*：批准后上班卡按实际补卡时间 11-24 17:10 计，" \
           "即迟到 520 分钟，按旷工半天处理" in cards[3]


def test_approving_the_fourth_first_still_counts_it_at_the_real_time_as_warned(
        bot: Bot) -> None:
    team(bot)
    file_four(bot, "U0C1")
    fourth = bot.rows(Request)[3]
    bot.click("U0L1", ids.APPROVE, fourth.id, fourth.channel, fourth.ts)
    punch = bot.rows(Punch)[-1]
    assert (punch.shift_day, punch.at, punch.minutes_late) == (TODAY, at(17, 10),
                                                                520)
    assert "超出免费次数" in card(bot, bot.rows(Request)[3])
    for r in bot.rows(Request)[:3]:
        bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    late = [p.minutes_late for p in bot.rows(Punch)]
    assert sorted(late) == [0, 0, 0, 520]  # exactly one over the quota, the one warned of


def test_an_earlier_make_up_withdrawn_lifts_the_warning_at_approval(bot: Bot) -> None:
    team(bot)
    file_four(bot, "U0C1")
    first, *_, fourth = bot.rows(Request)
    bot.click("U0C1", ids.CANCEL_REQUEST, first.id)
    bot.click("U0L1", ids.APPROVE, fourth.id, fourth.channel, fourth.ts)
    assert bot.rows(Punch)[-1].minutes_late == 0
    shown = card(bot, bot.rows(Request)[3])
    assert "本月第 3 次补卡" in shown and "超出免费次数" not in shown


def test_the_fourth_leaving_make_up_warns_of_the_10_yuan_red_packet_in_english_and_on_the_card(
        bot: Bot) -> None:
    team(bot)
    replies = file_four(bot, "U0A1", kind="out")
    assert "make-up 3 of 3 free in 2026-11" in replies[2]
    assert "This is the 4th make-up of 2026-11 (3 free), over the 3 free ones" in replies[3]
    assert "the leaving make-up costs a 10 yuan red packet" in replies[3]
    fourth = bot.rows(Request)[3]
    assert "超出免费次数*：批准后下班补卡需发 10 元红包" in card(bot, fourth)
    bot.click("U0L1", ids.APPROVE, fourth.id, fourth.channel, fourth.ts)
    assert [(e.rule, e.amount_fen) for e in bot.rows(LedgerEntry)] == [("makeup_out", 1000)]
