"""Fines from punches, /penalty, paying and doubling, waivers and the fund, end to end."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select

from bot import ids
from db.models import AuditLog, LedgerEntry, LedgerPayment
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot

TUESDAY = date(2026, 11, 24)
WEDNESDAY = TUESDAY + timedelta(days=1)


def at(hh: int, mm: int, day: date = TUESDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)



def late_by(bot: Bot, minutes: int) -> LedgerEntry:
    """Ann (agent, zh) clocks in MINUTES late on Tuesday's day shift; return her fine."""
    bot.now = at(8, 30) + timedelta(minutes=minutes)
    bot.command("U0A1", "/clock", "in")
    return bot.rows(LedgerEntry)[-1]


def team(bot: Bot) -> None:
    ann = bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0A2", "Bob", locale="en-US")
    bot.set_shift(ann, TUESDAY, "D")
    bot.set_shift(ann, WEDNESDAY, "D")


def test_late_12_minutes_records_a_20_yuan_red_packet_due_end_of_next_working_day(
        bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 42)
    seq = bot.api.last_seq
    reply = bot.reply_call("U0A1", "/clock", "in")
    fine = bot.rows(LedgerEntry)[-1]
    assert (fine.rule, fine.amount_fen, fine.red_packet, fine.kind) == ("late", 2000, True, "fine")
    assert fine.due_at == at(0, 0, WEDNESDAY + timedelta(days=1))
    text = reply.args["blocks"][0]["text"]["text"]
    assert f"罚款 #{fine.id}" in text and "11-25 24:00" in text
    buttons = [e["action_id"] for e in reply.args["blocks"][-1]["elements"]]
    assert buttons == [ids.MARK_PAID, ids.APPEAL]
    notices = bot.posts("kefu", after=seq)
    assert len(notices) == 1 and "陈晓：迟到 12 分钟 → 20 元红包" in notices[0].args["text"]


def test_a_second_clock_in_adds_no_second_fine(bot: Bot) -> None:
    team(bot)
    late_by(bot, 5)
    bot.now = at(8, 40)
    bot.command("U0A1", "/clock", "in")
    assert [(e.rule, e.amount_fen) for e in bot.rows(LedgerEntry)] == [("late", 1000)]


def test_a_later_clock_out_reverses_the_early_leave_fine(bot: Bot) -> None:
    team(bot)
    bot.now = at(17, 20)
    bot.command("U0A1", "/clock", "out")
    bot.now = at(17, 35)
    text = bot.command("U0A1", "/clock", "out")
    fine, reversal = bot.rows(LedgerEntry)
    assert (fine.rule, fine.amount_fen) == ("early", 1000)
    assert (reversal.kind, reversal.amount_fen, reversal.reverses_id) == ("reversal", -1000,
                                                                          fine.id)
    assert f"罚款 #{fine.id} 已撤销" in text


def test_paying_marks_it_once_and_tells_the_team(bot: Bot) -> None:
    team(bot)
    fine = late_by(bot, 3)
    seq = bot.api.last_seq
    assert "已标记为已付：10 元" in bot.command("U0A1", "/penalty", f"paid {fine.id}")
    again = bot.click("U0A1", ids.MARK_PAID, fine.id)
    assert "之前已标记为已付" in again
    assert len(bot.posts("kefu", after=seq)) == 1
    with bot.ctx.session() as s:
        assert [p.amount_fen for p in s.exec(select(LedgerPayment)).all()] == [1000]


def test_an_unpaid_red_packet_past_due_is_owed_double_once(bot: Bot) -> None:
    team(bot)
    fine = late_by(bot, 25)  # 50 yuan
    bot.now = at(12, 0, WEDNESDAY)
    assert "截止 11-25 24:00" in bot.command("U0A1", "/penalty")
    bot.now = at(0, 1, WEDNESDAY + timedelta(days=1))
    assert "100 元（已逾期，双倍）" in bot.command("U0A1", "/penalty")
    bot.now = at(0, 1, WEDNESDAY + timedelta(days=30))
    assert "还需发出*：100 元" in bot.command("U0A1", "/penalty")
    assert "100 元（逾期，双倍）" in bot.command("U0A1", "/penalty", f"paid {fine.id}")


def test_someone_else_cannot_mark_my_fine_paid(bot: Bot) -> None:
    team(bot)
    fine = late_by(bot, 3)
    assert "is not yours" in bot.command("U0A2", "/penalty", f"paid {fine.id}")
    with bot.ctx.session() as s:
        assert s.exec(select(LedgerPayment)).all() == []


def test_catalogue_fines_escalate_within_the_month_and_flag_dismissal(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    first = bot.command("U0L1", "/penalty", "<@U0A1|陈晓> games playing a game")
    second = bot.command("U0L1", "/penalty", "<@U0A1|陈晓> 上班玩游戏/看视频")
    third = bot.command("U0L1", "/penalty", "<@U0A1> games")
    assert "10 yuan" in first and "30 yuan" in second
    assert "dismissal threshold" in third and "dismissal" not in second
    assert [e.amount_fen for e in bot.rows(LedgerEntry)] == [1000, 3000, 0]  # 3rd: dismissal
    dms = bot.posts("U0A1", after=seq)
    assert len(dms) == 3 and "上班玩游戏/看视频" in dms[0].args["text"]
    assert [b["action_id"] for b in dms[0].args["blocks"][-1]["elements"]] == [
        ids.MARK_PAID, ids.APPEAL]


def test_a_per_unit_fine_multiplies_by_the_count(bot: Bot) -> None:
    team(bot)
    text = bot.command("U0L1", "/penalty", "<@U0A1> wrong_heading 7 three parcels to Wuhan")
    assert "14 yuan" in text
    entry = bot.rows(LedgerEntry)[-1]
    assert (entry.quantity, entry.amount_fen, entry.note) == (7, 1400, "three parcels to Wuhan")


def test_an_agent_cannot_record_a_fine(bot: Bot) -> None:
    team(bot)
    text = bot.command("U0A2", "/penalty", "<@U0A1> games")
    assert "Only a lead can do that" in text
    assert bot.rows(LedgerEntry) == []


def test_penalty_mistakes_are_explained_and_change_nothing(bot: Bot) -> None:
    team(bot)
    cases = {
        "<@U0A1> poker": "There is no fine rule \"poker\"",
        "<@U0A1> games 3": "counted per occurrence",
        # "<@U0A1>" alone opens the fine form (tests/e2e/forms/test_fine_form.py)
        "@nobody games": "can't find \"nobody\"",
        "paid": "Which one?",
        "paid twelve": "is not a number",
        "paid 999": "There is no fine #999",
        "waive 1": "give a reason",
        "fund spend lots": "can't read the amount",
        "fund spend 20": "what the money was spent on",
        "fund 2026-13": "can't read the month",
        "bogus": "don't understand",
    }
    for text, expected in cases.items():
        assert expected in bot.command("U0L1", "/penalty", text), text
    assert bot.rows(LedgerEntry) == []


def test_a_lead_waives_with_a_reversing_entry_and_the_person_is_told(bot: Bot) -> None:
    team(bot)
    fine = late_by(bot, 3)
    seq = bot.api.last_seq
    text = bot.command("U0L1", "/penalty", f"waive {fine.id} metro breakdown, certified")
    assert "is cancelled by entry" in text
    assert f"Fine #{fine.id} is already cancelled" in bot.command(
        "U0L1", "/penalty", f"waive {fine.id} again")
    assert sum(e.amount_fen for e in bot.rows(LedgerEntry)) == 0
    assert "已由 <@U0L1> 撤销" in bot.posts("U0A1", after=seq)[0].args["text"]
    assert "Only a lead" in bot.command("U0A2", "/penalty", f"waive {fine.id} mine")
    with bot.ctx.session() as s:
        actions = [a.action for a in s.exec(select(AuditLog)).all()]
    assert actions.count("ledger.reverse") == 1


def test_the_fund_takes_paid_catalogue_fines_and_refuses_overspending(bot: Bot) -> None:
    team(bot)
    bot.command("U0L1", "/penalty", "<@U0A1> shirking")
    fine = bot.rows(LedgerEntry)[-1]
    assert "only 0 yuan" in bot.command("U0L1", "/penalty", "fund spend 20 snacks")
    bot.command("U0A1", "/penalty", f"paid {fine.id}")
    assert "Balance now 70 yuan" in bot.command("U0L1", "/penalty", "fund spend 30 fruit")
    assert "Only a lead" in bot.command("U0A2", "/penalty", "fund spend 1 tea")
    view = bot.command("U0A2", "/penalty", "fund")
    assert "In: 100 yuan" in view and "Out: 30 yuan" in view and "fruit" in view
