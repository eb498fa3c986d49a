"""Leave that breaks coverage: the card shows the solver's best cover; approval flags the gap."""

from __future__ import annotations

from datetime import date

from bot import ids
from bot.services.staff import view
from db.models import Request, RosterEntry, Staff
from tests.e2e.harness import Bot, text_of
from tests.e2e.swaps.test_swaps import team

THURSDAY = date(2026, 11, 26)


def test_leave_that_empties_a_shift_shows_the_best_cover_and_approval_flags_it(
        bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    bot.command("U0A1", "/leave", "11-26 personal family matter")
    r = bot.rows(Request)[-1]
    card = text_of(bot.posts("kefu-approvals", after=seq)[0])
    assert "11-26 D 售前 只剩 0 人（至少 1 人）" in card
    assert "最佳替班：A2" in card or "最佳替班：A4" in card
    seq = bot.api.last_seq
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    flags = [text_of(c) for c in bot.posts("kefu-approvals", after=seq)]
    assert any("人手不足" in f and "11-26 D 售前：0 人，至少需要 1 人" in f for f in flags)
    a1 = [e for e in bot.rows(RosterEntry) if e.staff_id == 1 and e.day == THURSDAY]
    assert a1[0].shift_code is None


def test_leave_on_a_day_others_still_cover_shows_no_cover_line(bot: Bot) -> None:
    team(bot)
    extra = bot.add_staff("U0A5", "A5", group="售前", locale="en-US")
    bot.set_shift(extra, THURSDAY, "D")
    seq = bot.api.last_seq
    bot.command("U0A1", "/leave", "11-26 personal family matter")
    card = text_of(bot.posts("kefu-approvals", after=seq)[0])
    assert "最佳替班" not in card


def test_approved_sick_leave_flags_only_the_gap_it_made_not_those_already_there(
        bot: Bot) -> None:
    team(bot)
    for slack_id in ("U0B1", "U0B3"):  # 售后 has nobody on 11-26 already, on either shift
        who = next(s for s in bot.rows(Staff) if s.slack_id == slack_id)
        bot.set_shift(view(who), THURSDAY, None)
    bot.command("U0A1", "/leave", "11-26 sick fever")
    r = bot.rows(Request)[-1]
    seq = bot.api.last_seq
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    flags = [text_of(c) for c in bot.posts("kefu-approvals", after=seq) if "人手不足" in text_of(c)]
    assert len(flags) == 1 and "11-26 D 售前：0 人，至少需要 1 人" in flags[0]
    assert "售后" not in flags[0]
