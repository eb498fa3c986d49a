"""Shift swaps end to end: suggestions, the counterpart's answer, the lead's decision."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot import ids
from bot.localslack.recorder import Call
from bot.services.staff import view
from db.models import AuditLog, Request, RosterEntry, Staff, SwapCredit
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

MONDAY = date(2026, 11, 23)
WEDNESDAY = MONDAY + timedelta(days=2)
# Per group: one person on days Mon–Thu and one on Fri–Sun, for each of D and E.
PATTERN = {1: ("D", range(0, 4)), 2: ("D", range(4, 7)), 3: ("E", range(0, 4)),
           4: ("E", range(4, 7))}


def team(bot: Bot) -> None:
    """Eight agents in two groups, each shift covered exactly once per group per day."""
    for prefix, group in (("A", "售前"), ("B", "售后")):
        for n, (code, days) in PATTERN.items():
            who = bot.add_staff(f"U0{prefix}{n}", f"{prefix}{n}", group=group, locale="en-US")
            for d in days:
                bot.set_shift(who, MONDAY + timedelta(days=d), code)
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0L2", "Liu", role="lead", locale="en-US")


def cells(bot: Bot) -> dict[tuple[str, date], str | None]:
    names = {s.id: s.name for s in bot.rows(Staff)}
    return {(names[r.staff_id], r.day): r.shift_code for r in bot.rows(RosterEntry)}


def buttons(call: Call) -> list[dict[str, Any]]:
    return [e for b in call.args.get("blocks", []) if b.get("type") == "actions"
            for e in b["elements"]]


def dm(bot: Bot, user: str, after: int) -> list[str]:
    return [text_of(c) for c in bot.posts(user, after=after)]


def ask_best(bot: Bot) -> tuple[Request, str]:
    """A1 asks for Wednesday and picks the first suggestion; return it and its counterpart."""
    call = bot.reply_call("U0A1", "/swap", "11-25 doctor's appointment")
    pick = buttons(call)[0]
    bot.click("U0A1", pick["action_id"], pick["value"])
    r = bot.rows(Request)[-1]
    other = next(s for s in bot.rows(Staff) if s.id == r.counterpart_id)
    return r, other.slack_id


def test_swap_without_a_name_offers_only_same_group_counterparts_as_buttons(bot: Bot) -> None:
    team(bot)
    call = bot.reply_call("U0A1", "/swap", "11-25")
    text = text_of(call)
    assert "Who can take your shift on 11-25" in text
    offered = [b["text"]["text"] for b in buttons(call)]
    assert 1 <= len(offered) <= 3 and {o.split(" ")[0] for o in offered} <= {"A2", "A4"}
    assert all(b["action_id"].startswith(ids.SWAP_PICK) for b in buttons(call))


def test_pick_accept_approve_swaps_the_shifts_and_records_the_ledger(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    r, other = ask_best(bot)
    assert (r.kind, r.state, r.day) == ("swap", "proposed", WEDNESDAY)
    asked = dm(bot, other, seq)
    assert len(asked) == 1 and "A1 asks" not in asked[0] and "<@U0A1> asks" in asked[0]
    assert bot.posts("kefu-approvals", after=seq) == []  # not before the counterpart accepts
    reply = bot.click(other, ids.SWAP_ACCEPT, r.id)
    assert "You accepted swap" in reply
    r = bot.rows(Request)[-1]
    assert r.state == "pending" and r.channel and r.ts
    card = text_of(bot.posts("kefu-approvals", after=seq)[0])  # in the team's language
    assert "换班 #1" in card and "已同意" in card and "doctor's appointment" in card
    assert "accepted swap" in dm(bot, "U0A1", seq)[-1]
    assert cells(bot)[("A1", WEDNESDAY)] == "D"  # A1 stays responsible until approval
    assert "now *approved*" in bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    after = cells(bot)
    name = other.replace("U0", "")
    assert after[("A1", WEDNESDAY)] is None and after[(name, WEDNESDAY)] == "D"
    back = [d for d in (MONDAY + timedelta(days=i) for i in range(4, 7))
            if after.get(("A1", d)) is not None]
    assert len(back) == 1 and after[(name, back[0])] is None  # a true swap: hours kept
    credit = bot.rows(SwapCredit)
    assert len(credit) == 1 and credit[0].shift_back and credit[0].request_id == r.id
    assert bot.api.message(str(r.counterpart_channel), str(r.counterpart_ts)) is not None
    assert "Approved by" in text_of_message(bot.api.message(str(r.counterpart_channel),
                                                            str(r.counterpart_ts)))
    assert any("approved" in t for t in dm(bot, other, seq))
    assert {a.action for a in bot.rows(AuditLog)} >= {"request.swap", "request.pending",
                                                      "request.approved", "swap.ledger",
                                                      "roster.set"}


def text_of_message(message: dict[str, Any] | None) -> str:
    assert message is not None
    return "\n".join(b["text"]["text"] for b in message.get("blocks", [])
                     if b.get("type") == "section")


def test_a_second_approve_click_swaps_nothing_more(bot: Bot) -> None:
    team(bot)
    r, other = ask_best(bot)
    bot.click(other, ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    before = cells(bot)
    again = bot.click("U0L2", ids.APPROVE, r.id, r.channel, r.ts)
    assert "already approved" in again
    assert cells(bot) == before and len(bot.rows(SwapCredit)) == 1


def test_only_the_counterpart_can_accept(bot: Bot) -> None:
    team(bot)
    r, other = ask_best(bot)
    stranger = "U0A2" if other != "U0A2" else "U0A4"
    reply = bot.click(stranger, ids.SWAP_ACCEPT, r.id)
    assert "was not asked of you" in reply
    assert bot.rows(Request)[-1].state == "proposed"


def test_decline_tells_the_requester_and_the_day_can_be_asked_again(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    r, other = ask_best(bot)
    assert "You declined" in bot.click(other, ids.SWAP_DECLINE, r.id)
    assert "declined swap" in dm(bot, "U0A1", seq)[-1]
    assert bot.rows(Request)[-1].state == "declined"
    assert "Swap #2 sent" in bot.command("U0A1", "/swap", f"11-25 <@{other}>")


def test_asking_twice_for_the_same_day_files_one_request(bot: Bot) -> None:
    team(bot)
    ask_best(bot)
    again = bot.command("U0A1", "/swap", "11-25 <@U0A2>")
    assert "You already asked for a swap on 11-25" in again
    assert len(bot.rows(Request)) == 1


def test_a_named_person_who_would_break_coverage_is_refused(bot: Bot) -> None:
    team(bot)
    reply = bot.command("U0A1", "/swap", "11-25 <@U0B2>")
    assert "cannot take your shift on 11-25 without breaking a roster rule" in reply
    assert bot.rows(Request) == []


def test_swap_refusals_say_what_to_do(bot: Bot) -> None:
    team(bot)
    assert "no shift on 11-28" in bot.command("U0A1", "/swap", "11-28")
    assert "cannot swap with yourself" in bot.command("U0A1", "/swap", "11-25 <@U0A1>")
    assert "I can't read the date" in bot.command("U0A1", "/swap", "someday")
    assert "Name two different people" in bot.command("U0L1", "/swap", "11-25 <@U0A1> <@U0A1>")
    assert "not on the roster" in bot.command("U0A1", "/swap", "11-25 <@U0L1>")
    bot.now = datetime(2026, 11, 25, 8, 31, tzinfo=SHANGHAI)
    assert "has already started" in bot.command("U0A1", "/swap", "11-25")
    assert bot.rows(Request) == []


def test_an_open_swap_lapses_when_the_shift_starts(bot: Bot) -> None:
    team(bot)
    r, other = ask_best(bot)
    bot.now = datetime(2026, 11, 25, 8, 30, tzinfo=SHANGHAI)
    reply = bot.click(other, ids.SWAP_ACCEPT, r.id)
    assert "already expired" in reply
    assert bot.rows(Request)[-1].state == "expired" and cells(bot)[("A1", WEDNESDAY)] == "D"


def test_a_roster_change_before_approval_refuses_and_changes_nothing(bot: Bot) -> None:
    team(bot)
    r, other = ask_best(bot)
    bot.click(other, ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    taker = next(s for s in bot.rows(Staff) if s.slack_id == other)
    bot.set_shift(view(taker), WEDNESDAY, "E")
    reply = bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert "changed after this swap was asked" in reply
    assert bot.rows(Request)[-1].state == "pending" and bot.rows(SwapCredit) == []


def test_my_open_swaps_are_listed_with_cancel_and_cancel_tells_the_counterpart(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    r, other = ask_best(bot)
    call = bot.reply_call("U0A1", "/swap")
    assert "Your open swaps" in text_of(call) and "waiting for the counterpart" in text_of(call)
    cancel = buttons(call)[0]
    assert cancel["action_id"].startswith(ids.CANCEL_REQUEST) and cancel["value"] == str(r.id)
    bot.click("U0A1", cancel["action_id"], cancel["value"])
    r = bot.rows(Request)[-1]
    assert r.state == "cancelled"
    assert "Withdrawn" in text_of_message(bot.api.message(str(r.counterpart_channel),
                                                          str(r.counterpart_ts)))
    assert any("cancelled" in t for t in dm(bot, other, seq))
    assert "no open swaps" in bot.command("U0A1", "/swap")


def test_a_lead_swaps_two_people_directly(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    reply = bot.command("U0L1", "/swap", "11-25 <@U0A1> <@U0A2> covering")
    assert "done" in reply
    after = cells(bot)
    assert after[("A1", WEDNESDAY)] is None and after[("A2", WEDNESDAY)] == "D"
    assert bot.rows(Request)[-1].state == "approved"
    assert dm(bot, "U0A1", seq) and dm(bot, "U0A2", seq)


def test_an_agent_cannot_swap_two_others(bot: Bot) -> None:
    team(bot)
    reply = bot.command("U0A3", "/swap", "11-25 <@U0A1> <@U0A2>")
    assert "Only a lead can do that" in reply
    assert bot.rows(Request) == [] and cells(bot)[("A1", WEDNESDAY)] == "D"
