"""Make-up punches and appeals through the approvals channel, end to end."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

from sqlmodel import select

from bot import ids
from db.models import AuditLog, LedgerEntry, Punch, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

TUESDAY = date(2026, 11, 24)
MONDAY = TUESDAY - timedelta(days=1)


def at(hh: int, mm: int, day: date = TUESDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot) -> None:
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0L2", "孙丽", role="lead")
    for day in range(1, 25):
        bot.set_shift(ann, date(2026, 11, day), "D")



def card(bot: Bot, r: Request) -> str:
    assert r.channel and r.ts
    message = bot.api.message(r.channel, r.ts)
    assert message is not None
    return text_of_message(message)


def text_of_message(message: dict[str, object]) -> str:
    blocks = message.get("blocks") or []
    assert isinstance(blocks, list)
    return "\n".join(b["text"]["text"] for b in blocks if b.get("type") == "section")



def test_a_make_up_goes_to_the_leads_and_approval_adds_the_punch(bot: Bot) -> None:
    team(bot)
    bot.now = at(9, 0)
    seq = bot.api.last_seq
    text = bot.command("U0A1", "/clock", "fix yesterday 08:25 in forgot my badge")
    assert "Make-up request #1 sent" in text and "make-up 1 of 3 free" in text
    r = bot.rows(Request)[0]
    posted = bot.posts("kefu-approvals", after=seq)
    assert len(posted) == 1 and r.ts == posted[0].response["ts"]
    assert "补卡申请 #1" in card(bot, r) and "forgot my badge" in card(bot, r)
    reply = bot.click("U0L2", ids.APPROVE, r.id, r.channel, r.ts)
    assert "已处理" in reply
    punch = bot.rows(Punch)[-1]
    assert (punch.kind, punch.shift_day, punch.source, punch.minutes_late) == (
        "in", MONDAY, "makeup", 0)
    assert punch.at == at(8, 25, MONDAY)
    assert "<@U0L2> 于 11-24 09:00 批准" in card(bot, bot.rows(Request)[0])
    dm = bot.posts("U0A1", after=seq)
    assert len(dm) == 1 and "was approved by <@U0L2>" in dm[0].args["text"]


def test_the_fourth_arrival_make_up_counts_at_the_time_it_was_asked(bot: Bot) -> None:
    team(bot)
    for n, day in enumerate((17, 18, 19, 20), start=1):
        bot.now = at(8, 40, date(2026, 11, day))  # asked 10 minutes after the start
        text = bot.command("U0A1", "/clock", f"fix 11-{day} 08:25 in forgot")
        assert ("over the 3 free ones" in text) == (n == 4)
        r = bot.rows(Request)[-1]
        bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    fourth = bot.rows(Punch)[-1]
    assert (fourth.shift_day, fourth.minutes_late) == (date(2026, 11, 20), 10)
    fines = [(e.rule, e.amount_fen, e.punch_id) for e in bot.rows(LedgerEntry)]
    assert fines == [("late", 1000, fourth.id)]


def test_a_leaving_make_up_over_the_quota_costs_a_10_yuan_red_packet(bot: Bot) -> None:
    team(bot)
    for day in (17, 18, 19, 20):
        bot.now = at(9, 0, date(2026, 11, day + 1))
        bot.command("U0A1", "/clock", f"fix 11-{day} 17:35 out forgot")
        r = bot.rows(Request)[-1]
        bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert [(e.rule, e.amount_fen, e.request_id) for e in bot.rows(LedgerEntry)] == [
        ("makeup_out", 1000, bot.rows(Request)[-1].id)]


def test_make_up_refusals_say_why_and_file_nothing(bot: Bot) -> None:
    team(bot)
    bot.add_staff("U0A3", "Zoe", locale="en-US")
    bot.now = at(8, 29)
    bot.command("U0A1", "/clock", "in")
    cases = {
        ("U0A1", "fix today 18:00 out gone"): "has not happened yet",
        ("U0A1", "fix 11-01 08:30 in long ago"): "more than 7 days ago",
        ("U0A1", "fix today 08:20 in again"): "You already have a clock-in at 11-24 08:29",
        ("U0A3", "fix yesterday 08:30 in no shift"): "You have no shift on 11-23",
        ("U0A1", "fix yesterday 8:30"): "needs the date, the time",
        ("U0A1", "fix someday 08:30 in x"): "can't read the date",
        ("U0A1", "fix yesterday 25:00 in x"): "can't read the time",
        ("U0A1", "fix yesterday 08:30 sideways x"): "should be `in` or `out`",
        ("U0A1", "fix yesterday 08:30 in"): "give a reason",
    }
    for (user, text), expected in cases.items():
        assert expected in bot.command(user, "/clock", text), text
    assert bot.rows(Request) == []


def test_asking_twice_for_the_same_make_up_files_one_request(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/clock", "fix yesterday 08:25 in forgot")
    again = bot.command("U0A1", "/clock", "fix yesterday 08:20 in forgot")
    assert "already asked for this make-up (#1)" in again
    assert len(bot.rows(Request)) == 1


def test_twenty_simultaneous_approve_clicks_decide_once(bot: Bot) -> None:
    team(bot)
    bot.now = at(9, 0)
    bot.command("U0A1", "/clock", "fix yesterday 08:25 in forgot")
    r = bot.rows(Request)[0]
    seq = bot.api.last_seq
    leads = ["U0L1", "U0L2"] * 10
    with ThreadPoolExecutor(20) as pool:
        replies = list(pool.map(
            lambda u: bot.sender.block_action(u, ids.APPROVE, str(r.id), block_id="b",
                                              message=None, channel_id=r.channel,
                                              message_ts=r.ts), leads))
    assert all(reply.status == 200 for reply in replies)
    texts = wait_for_answers(bot, seq, 20)
    assert len(texts) == 20
    done = [t for t in texts if "Done" in t or "已处理" in t]
    already = [t for t in texts if "already approved" in t or "已由" in t]
    assert len(done) == 1 and len(already) == 19
    assert len([p for p in bot.rows(Punch) if p.source == "makeup"]) == 1
    assert len(bot.posts("U0A1", after=seq)) == 1
    assert len([c for c in bot.api.calls_since(seq) if c.method == "chat.update"]) == 1
    with bot.ctx.session() as s:
        approved = s.exec(select(AuditLog).where(AuditLog.action == "request.approved")).all()
    assert len(approved) == 1


def test_an_agent_clicking_approve_changes_nothing_and_is_told_why(bot: Bot) -> None:
    team(bot)
    bot.add_staff("U0A2", "Bob", locale="en-US")
    bot.command("U0A1", "/clock", "fix yesterday 08:25 in forgot")
    r = bot.rows(Request)[0]
    text = bot.click("U0A2", ids.APPROVE, r.id, r.channel, r.ts)
    assert "Only a lead can do that (your role: agent)" in text
    assert bot.rows(Request)[0].state == "pending"
    assert [p for p in bot.rows(Punch) if p.source == "makeup"] == []


def test_a_lead_cannot_approve_their_own_request(bot: Bot) -> None:
    team(bot)
    lee = bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.set_shift(lee, date(2026, 11, 23), "D")
    bot.command("U0L1", "/clock", "fix yesterday 08:25 in forgot")
    r = bot.rows(Request)[0]
    assert "cannot decide your own request" in bot.click("U0L1", ids.APPROVE, r.id)
    assert bot.rows(Request)[0].state == "pending"


def test_the_requester_can_cancel_and_a_later_approve_changes_nothing(bot: Bot) -> None:
    team(bot)
    reply = bot.reply_call("U0A1", "/clock", "fix yesterday 08:25 in forgot")
    assert reply.args["blocks"][-1]["elements"][0]["action_id"] == ids.CANCEL_REQUEST
    r = bot.rows(Request)[0]
    assert "now *cancelled*" in bot.click("U0A1", ids.CANCEL_REQUEST, r.id)
    assert "already cancelled" in bot.click("U0L1", ids.APPROVE, r.id)
    assert "撤回" in card(bot, bot.rows(Request)[0])
    again = bot.command("U0A1", "/clock", "fix yesterday 08:25 in forgot it again")
    assert "Make-up request #2 sent" in again


def test_an_upheld_appeal_reverses_the_fine_and_a_rejected_one_keeps_it(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 35)
    bot.command("U0A1", "/clock", "in")
    fine = bot.rows(LedgerEntry)[0]
    assert "Appeal #1 against fine" in bot.click("U0A1", ids.APPEAL, fine.id)
    assert "already has an open appeal" in bot.command(
        "U0A1", "/penalty", f"appeal {fine.id} the metro")
    r = bot.rows(Request)[0]
    assert "申诉 #1" in card(bot, r)
    bot.click("U0L1", ids.REJECT, r.id, r.channel, r.ts)
    assert sum(e.amount_fen for e in bot.rows(LedgerEntry)) == 500 * 2
    bot.command("U0A1", "/penalty", f"appeal {fine.id} the metro broke down, here is proof")
    second = bot.rows(Request)[-1]
    bot.click("U0L1", ids.APPROVE, second.id, second.channel, second.ts)
    reversal = bot.rows(LedgerEntry)[-1]
    assert (reversal.kind, reversal.reverses_id, reversal.request_id) == (
        "reversal", fine.id, second.id)
    assert sum(e.amount_fen for e in bot.rows(LedgerEntry)) == 0


def test_only_the_fined_person_can_appeal(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 35)
    bot.command("U0A1", "/clock", "in")
    fine = bot.rows(LedgerEntry)[0]
    assert "不是你的" in bot.click("U0L2", ids.APPEAL, fine.id)
    assert bot.rows(Request) == []


def wait_for_answers(bot: Bot, seq: int, count: int) -> list[str]:
    """Wait until COUNT private answers arrived after SEQ; return their texts."""
    deadline = time.monotonic() + 10
    while True:
        answers = [c for c in bot.api.calls_since(seq) if c.method == "response_url"]
        if len(answers) >= count or time.monotonic() > deadline:
            bot.settle()
            return [text_of(c) for c in answers]
        time.sleep(0.02)



def test_approving_a_make_up_after_a_real_clock_in_changes_nothing(bot: Bot) -> None:
    team(bot)
    bot.now = at(9, 0)
    bot.command("U0A1", "/clock", "fix today 08:25 in forgot")
    bot.now = at(9, 5)
    bot.command("U0A1", "/clock", "in")
    r = bot.rows(Request)[0]
    text = bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert "cannot be applied; reject it" in text
    assert bot.rows(Request)[0].state == "pending"
    assert [p.source for p in bot.rows(Punch)] == ["slack"]
    assert "Rejected" not in card(bot, r) and "批准" not in card(bot, r)


def test_a_missing_clock_out_is_mentioned_until_a_make_up_is_asked_for(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 20, MONDAY)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(8, 20)
    text = bot.command("U0A1", "/clock", "in")
    assert "Missed punches you can still make up: 11-23 clock-out" in text
    assert "`/clock fix 11-23 HH:MM out REASON`" in text
    assert "11-23 clock-out" in bot.command("U0A1", "/penalty")
    bot.command("U0A1", "/clock", "fix 11-23 17:40 out forgot")
    assert "Missed punches" not in bot.command("U0A1", "/clock")
