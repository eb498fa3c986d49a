"""Open swap and leave requests lapse as their shift starts, by the clock rather than when
someone next reads them: the approvals card and the swap counterpart's message are redrawn
in place, and the requester is told."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot import ids
from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from db.models import LeaveDay, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.requests.test_approvals import card, text_of_message
from tests.e2e.swaps.test_swaps import ask_best
from tests.e2e.swaps.test_swaps import team as swap_team

WEDNESDAY = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def lapse(bot: Bot, instant: datetime) -> bool:
    ran = scheduler.run_job(bot.ctx, JOBS["request_lapse"], instant)
    bot.settle()  # the redrawn cards and messages are sent
    return ran


def has_buttons(message: dict[str, Any] | None) -> bool:
    assert message is not None
    return any(b.get("type") == "actions" for b in message.get("blocks", []))


def leave_team(bot: Bot) -> None:
    """Ann (English) and 陈晓 on D (08:30) on Thursday; one lead."""
    for slack_id, name, locale in (("U0A1", "Ann", "en-US"), ("U0A2", "陈晓", "zh-CN")):
        bot.set_shift(bot.add_staff(slack_id, name, locale=locale), THURSDAY, "D")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")


def dms(bot: Bot, user: str, after: int) -> list[str]:
    return [text_of(c) for c in bot.posts(user, after=after)]


def test_open_leave_lapses_at_its_shift_start_and_its_card_is_redrawn(bot: Bot) -> None:
    leave_team(bot)
    bot.command("U0A1", "/leave", "11-26 personal dentist")
    bot.command("U0A2", "/leave", "11-26 personal 家里有事")
    first = bot.rows(Request)[0]
    assert has_buttons(bot.api.message(str(first.channel), str(first.ts)))
    seq = bot.api.last_seq
    assert lapse(bot, at(WEDNESDAY, 17, 0))  # an earlier shift start: not theirs yet
    assert {r.state for r in bot.rows(Request)} == {"pending"}
    assert lapse(bot, at(THURSDAY, 8, 30))
    for r in bot.rows(Request):
        assert r.state == "expired" and r.decided_by == "kefu-bot"
        assert "已于 11-26 08:30 过期" in card(bot, r)
        assert not has_buttons(bot.api.message(str(r.channel), str(r.ts)))
    [en] = dms(bot, "U0A1", seq)
    assert "Your leave request #1 lapsed: no lead decided before the shift started " \
           "(11-26 08:30). The roster is unchanged, so please work your shift." in en
    [zh] = dms(bot, "U0A2", seq)
    assert "你的请假申请 #2 在班次开始（11-26 08:30）前没有组长审批，已自动失效，排班不变" in zh
    assert "has expired" in bot.click("U0L1", ids.APPROVE, first.id, first.channel, first.ts)
    assert bot.rows(LeaveDay) == []


def test_sick_leave_does_not_lapse(bot: Bot) -> None:
    leave_team(bot)
    bot.now = at(THURSDAY, 7, 0)
    bot.command("U0A1", "/leave", "11-26 sick fever")
    lapse(bot, at(THURSDAY, 8, 30))
    assert [r.state for r in bot.rows(Request)] == ["pending"]


def test_a_swap_its_counterpart_never_answered_lapses_and_their_message_is_redrawn(
        bot: Bot) -> None:
    swap_team(bot)
    r, other = ask_best(bot)
    r = bot.rows(Request)[-1]
    assert has_buttons(bot.api.message(str(r.counterpart_channel), str(r.counterpart_ts)))
    seq = bot.api.last_seq
    assert lapse(bot, at(WEDNESDAY, 8, 30))
    r = bot.rows(Request)[-1]
    assert r.state == "expired"
    shown = bot.api.message(str(r.counterpart_channel), str(r.counterpart_ts))
    assert "Lapsed: the shift has started" in text_of_message(shown)
    assert not has_buttons(shown)
    [dm] = dms(bot, "U0A1", seq)
    assert f"Your swap #{r.id} lapsed: the other person did not answer" in dm
    assert bot.posts("kefu-approvals", after=seq) == []  # it never had a card
    assert dms(bot, other, seq) == []  # their message changed in place


def test_an_accepted_swap_waiting_for_a_lead_lapses_on_its_card_too(bot: Bot) -> None:
    swap_team(bot)
    r, other = ask_best(bot)
    bot.click(other, ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    assert r.state == "pending" and has_buttons(bot.api.message(str(r.channel), str(r.ts)))
    seq = bot.api.last_seq
    assert lapse(bot, at(WEDNESDAY, 8, 30))
    assert "已于 11-25 08:30 过期" in card(bot, bot.rows(Request)[-1])
    assert not has_buttons(bot.api.message(str(r.channel), str(r.ts)))
    shown = bot.api.message(str(r.counterpart_channel), str(r.counterpart_ts))
    assert "Lapsed: the shift has started" in text_of_message(shown)
    [dm] = dms(bot, "U0A1", seq)
    assert "lapsed: no lead decided before the shift started (11-25 08:30)" in dm


def test_a_lapse_run_twice_or_again_later_tells_the_requester_once(bot: Bot) -> None:
    leave_team(bot)
    bot.command("U0A1", "/leave", "11-26 personal dentist")
    seq = bot.api.last_seq
    assert lapse(bot, at(THURSDAY, 8, 30))
    assert not lapse(bot, at(THURSDAY, 8, 30))
    assert lapse(bot, at(THURSDAY, 17, 0))  # the next shift start finds nothing left
    assert len(dms(bot, "U0A1", seq)) == 1
