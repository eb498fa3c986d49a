"""/leave end to end: filing, the approvals card, Approve, Cancel, and every refusal."""

from __future__ import annotations

from datetime import date

from bot import ids
from db.models import LeaveDay, Request, RosterEntry
from tests.e2e.harness import Bot, text_of
from tests.e2e.requests.test_approvals import card


def nov(n: int) -> date:
    return date(2026, 11, n)


def team(bot: Bot) -> None:
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    bot.add_staff("U0C1", "陈晓")
    for n in range(23, 31):
        bot.set_shift(ann, nov(n), None if n == 29 else "D")


def test_rest_days_go_to_the_leads_and_approval_turns_the_roster_to_rest(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    reply = bot.reply_call("U0A1", "/leave", "11-27..11-28 rest family visit")
    assert "Request #1 for rest days sent to the leads: 11-27 to 11-28, 2 days" in text_of(reply)
    assert "Rest days 2026-11: 2/2 after this" in text_of(reply)
    assert reply.args["blocks"][-1]["elements"][0]["action_id"] == ids.CANCEL_REQUEST
    r = bot.rows(Request)[0]
    posted = bot.posts("kefu-approvals", after=seq)
    assert len(posted) == 1 and r.ts == posted[0].response["ts"]
    shown = card(bot, r)
    assert "休假申请 #1" in shown and "11-27 至 11-28，共 2 天" in shown
    assert "原排班 11-27 D、11-28 D" in shown and "2026-11 月休假 2/2 天（含本次）" in shown
    assert "family visit" in shown
    assert "Done" in bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert "批准" in card(bot, bot.rows(Request)[0])
    week = bot.command("U0A1", "/roster", "@Ann")
    assert "D   D   D   D   -   -   -" in week
    assert [(d.day, d.kind) for d in bot.rows(LeaveDay)] == [(nov(27), "rest"), (nov(28), "rest")]
    dm = text_of(bot.posts("U0A1", after=seq)[0])
    assert "leave request #1 was approved" in dm and "rest on 11-27 (was D), 11-28 (was D)" in dm


def test_a_rejected_request_changes_no_roster(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "11-26 personal dentist")
    r = bot.rows(Request)[0]
    bot.click("U0L1", ids.REJECT, r.id, r.channel, r.ts)
    assert bot.rows(LeaveDay) == []
    assert {e.shift_code for e in bot.rows(RosterEntry)} == {"D", None}
    assert "11-26" in bot.command("U0A1", "/leave", "11-26..11-26 personal dentist again")


def test_leave_alone_shows_days_used_and_left_and_a_cancel_per_open_request(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "11-26 dentist")
    bot.command("U0A1", "/leave", "today sick fever")
    call = bot.reply_call("U0A1", "/leave")
    text = text_of(call)
    assert "Rest days 2026-11: 0 used of 2 a month, 2 left" in text
    assert "Personal leave 2026: 1 day used (1 pending) of 30 a year, 29 left" in text
    assert "Sick leave 2026: 1 day (1 pending)" in text
    assert "#1 personal leave 11-26, 1 day — dentist" in text
    buttons = [b["elements"][0] for b in call.args["blocks"] if b["type"] == "actions"]
    assert [(b["value"], b["text"]["text"]) for b in buttons] == [
        ("1", "Cancel #1"), ("2", "Cancel #2"), ("leave", "New")]  # New opens the form
    assert "now *cancelled*" in bot.click("U0A1", ids.CANCEL_REQUEST, 1)
    assert "#1 personal" not in bot.command("U0A1", "/leave")
    assert "撤回" in card(bot, bot.rows(Request)[0])


def test_leave_alone_in_chinese_says_when_rest_days_are_blocked(bot: Bot) -> None:
    team(bot)
    bot.command("U0C1", "/leave", "11-25..11-28 病假 住院")
    r = bot.rows(Request)[0]
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    week = bot.command("U0C1", "/roster", "@陈晓")
    assert "休  病  病  病  病  休" in week and "病=病假" in week
    text = bot.command("U0C1", "/leave", "12-05 休息 回家")
    assert "上月请假 4 天，超过 3 天，2026-12 月不能休假" in text
    assert "2026 年病假：4 天" in bot.command("U0C1", "/leave")


def test_leave_refusals_say_why_and_file_nothing(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "11-27 rest family")
    bot.command("U0A1", "/leave", "11-30 rest more")
    cases = {
        "today personal errand": "at least 1 day ahead: the earliest start is 11-25",
        "11-25 rest tired": "at least 2 days ahead: the earliest is 11-26",
        "11-10 sick flu": "at most 7 days back (from 11-17)",
        "11-26..12-31 personal trip": "at most 31 days (this one is 36)",
        "11-28..11-26 personal trip": "The end 11-26 is before the start 11-28",
        "11-29 rest nap": "You are already off on 11-29",
        "11-26..11-27 sick flu": "11-27 already has approved leave or a pending leave request",
        "2026-11-26 rest still more": "At most 2 rest days a month: 2026-11 already has 2",
        "2026-11-25..2026-12-31 personal long": "at most 31 days",
    }
    for text, expected in cases.items():
        assert expected in bot.command("U0A1", "/leave", text), text
    assert len(bot.rows(Request)) == 2


def test_personal_leave_over_the_years_quota_is_refused(bot: Bot) -> None:
    team(bot)
    filed = bot.command("U0A1", "/leave", "11-25..12-24 personal long trip")
    assert "29 days (11-29 already off, not counted)" in filed
    reply = bot.command("U0A1", "/leave", "12-28..12-29 personal two more")
    assert "At most 30 days of personal leave a year: 2026 already has 29" in reply
    assert "this asks for 2 more" in reply
    assert "counts as absence" in reply


def test_malformed_leave_shows_the_usage_and_changes_nothing(bot: Bot) -> None:
    team(bot)
    cases = {
        "someday errand": 'can\'t read the date "someday"',
        "11-26..": "a range as 11-26..11-28",
        "11-26 rest": "give a reason",
    }
    for text, expected in cases.items():
        reply = bot.command("U0A1", "/leave", text)
        assert expected in reply and "/leave DATE[..DATE] [rest|personal|sick] REASON" in reply
    zh = bot.command("U0C1", "/leave", "明天")
    assert "请在最后写上原因" in zh and "/leave 日期[..日期] [休息|事假|病假] 原因" in zh
    assert bot.rows(Request) == []


def test_asking_twice_for_the_same_leave_files_one_request(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    bot.command("U0A1", "/leave", "11-26 dentist")
    again = bot.command("U0A1", "/leave", "11-26 dentist, really")
    assert "You already asked for this: #1, 11-26, 1 day" in again
    assert len(bot.rows(Request)) == 1 and len(bot.posts("kefu-approvals", after=seq)) == 1


def test_help_lists_leave_and_leave_is_no_longer_coming_soon(bot: Bot) -> None:
    team(bot)
    text = bot.command("U0A1", "/kefu", "help")
    assert "/leave DATE[..DATE]" in text and "`/leave` leave" not in text
