"""A reversed fine that was paid is owed back and leaves the fund; the dismissal step of a
catalogue fine records the flag and no money."""

from __future__ import annotations

from bot import ids
from db.models import LedgerEntry, Request
from tests.e2e.harness import Bot
from tests.e2e.ledger.test_fines import late_by, team


def paid_fine(bot: Bot, rule: str) -> LedgerEntry:
    """Lee fines 陈晓 under RULE and she pays it; return the fine."""
    bot.command("U0L1", "/penalty", f"<@U0A1> {rule}")
    fine = bot.rows(LedgerEntry)[-1]
    bot.command("U0A1", "/penalty", f"paid {fine.id}")
    return fine


def test_a_waived_paid_fine_is_owed_back_and_the_fund_drops_by_it(bot: Bot) -> None:
    team(bot)
    fine = paid_fine(bot, "games")
    assert "Balance now: 10 yuan" in bot.command("U0A2", "/penalty", "fund")
    seq = bot.api.last_seq
    reply = bot.command("U0L1", "/penalty", f"waive {fine.id} wrong person")
    assert "10 yuan is owed back to 陈晓 (from the team fund); the team fund now stands at " \
           "0 yuan" in reply
    dm = bot.posts("U0A1", after=seq)[0].args["text"]
    assert "你已付的 10 元应退还给你（从团队经费退回）" in dm
    fund = bot.command("U0A2", "/penalty", "fund")
    assert "In: 10 yuan · Refunded: 10 yuan · Out: 0 yuan · *Balance now: 0 yuan*" in fund
    assert f"− 10 refund to 陈晓: #{fine.id} (Games or videos at work) cancelled by " \
           f"#{fine.id + 1} 11-24" in fund  # dated by the bot's clock at the reversal
    mine = bot.command("U0A1", "/penalty")
    assert f"已由 #{fine.id + 1} 冲销；已付 10 元，应退还 10 元（从团队经费退回）" in mine
    assert "*应退还给我*：10 元" in mine
    assert "only 0 yuan" in bot.command("U0L1", "/penalty", "fund spend 10 snacks")


def test_an_upheld_appeal_after_the_money_was_spent_leaves_the_fund_owing(bot: Bot) -> None:
    team(bot)
    fine = paid_fine(bot, "shirking")
    bot.command("U0L1", "/penalty", "fund spend 100 team dinner")
    bot.click("U0A1", ids.APPEAL, fine.id)
    r = bot.rows(Request)[-1]
    seq = bot.api.last_seq
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    dm = bot.posts("U0A1", after=seq)[-1].args["text"]
    assert "你已付的 100 元应退还给你（从团队经费退回）" in dm
    fund = bot.command("U0A2", "/penalty", "fund")
    assert "Refunded: 100 yuan" in fund and "*Balance now: -100 yuan*" in fund
    assert "More is owed back than the fund holds" in fund
    assert "refunds of reversed fines exceed" in bot.command("U0L1", "/penalty",
                                                             "fund spend 1 tea")


def test_a_paid_red_packet_reversed_is_owed_back_in_the_group_not_from_the_fund(
        bot: Bot) -> None:
    team(bot)
    fine = late_by(bot, 3)
    bot.command("U0A1", "/penalty", f"paid {fine.id}")
    bot.command("U0L1", "/penalty", f"waive {fine.id} the metro stopped")
    mine = bot.command("U0A1", "/penalty")
    assert "应退还 10 元（红包，在团队群退回）" in mine
    fund = bot.command("U0A2", "/penalty", "fund")
    assert "Refunded: 0 yuan" in fund and "*Balance now: 0 yuan*" in fund


def test_the_third_games_offence_records_dismissal_and_no_money(bot: Bot) -> None:
    team(bot)
    bot.command("U0L1", "/penalty", "<@U0A1> games")
    bot.command("U0L1", "/penalty", "<@U0A1> games")
    seq = bot.api.last_seq
    third = bot.command("U0L1", "/penalty", "<@U0A1> games")
    assert "This reaches the dismissal threshold for this month (dismissal from time 3" in third
    assert "*No fine; the dismissal flag is set*" in third and "30 yuan" not in third
    entry = bot.rows(LedgerEntry)[-1]
    assert (entry.amount_fen, entry.flag) == (0, "dismissal")
    dm = bot.posts("U0A1", after=seq)[0]
    assert "本月已达辞退标准，按规定辞退，不罚款" in dm.args["text"]
    assert [b["action_id"] for b in dm.args["blocks"][-1]["elements"]] == [ids.APPEAL]
    assert "没有需要付的钱" in bot.command("U0A1", "/penalty", f"paid {entry.id}")
    mine = bot.command("U0A1", "/penalty")
    assert "合计 40 元" in mine
    assert "上班玩游戏/看视频：不罚款 — :warning: 已达辞退标准，按规定辞退" in mine
