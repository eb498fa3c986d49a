"""The make-up punch form end to end: `/clock fix` alone opens it, saying which make-up of
the month this would be; it files what `/clock fix DATE HH:MM in REASON` files."""

from __future__ import annotations

from datetime import date, datetime

from slack_sdk.models.views import View

from bot import ids
from db.models import Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

FIX = {"day": "2026-11-23", "time": "08:25", "kind": "in", "reason": "忘记打卡"}


def team(bot: Bot) -> None:
    chen = bot.add_staff("U0C1", "陈晓")
    ann = bot.add_staff("U0A1", "Ann", locale="en-US")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for n in range(1, 25):
        bot.set_shift(chen, date(2026, 11, n), "D")
        bot.set_shift(ann, date(2026, 11, n), "D")
    bot.now = datetime(2026, 11, 24, 17, 10, tzinfo=SHANGHAI)


def test_clock_fix_alone_opens_the_form_with_the_months_first_make_up(bot: Bot) -> None:
    team(bot)
    trigger, call = bot.open_form("U0C1", "/clock", "补卡")
    assert call.args["trigger_id"] == trigger
    view = call.args["view"]
    View(**view).validate_json()
    assert view["callback_id"] == ids.FORM_MAKEUP and view["title"]["text"] == "补卡申请"
    assert [b["block_id"] for b in view["blocks"]] == ["note", "day", "time", "kind", "reason"]
    note = view["blocks"][0]["text"]["text"]
    assert "这将是 2026-11 月第 1 次补卡，在每月 3 次免费额度内" in note


def test_past_the_quota_the_form_says_what_it_costs(bot: Bot) -> None:
    team(bot)
    for d in (19, 20, 21):
        bot.command("U0A1", "/clock", f"fix 11-{d} 08:25 in forgot")
    _, call = bot.open_form("U0A1", "/clock", "fix")
    note = call.args["view"]["blocks"][0]["text"]["text"]
    assert "make-up number 4 in 2026-11, over the free 3 a month" in note
    assert "a leaving one costs 10 yuan" in note


def test_a_valid_form_files_what_the_text_command_files(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0C1", "/clock", "fix")
    seq = bot.api.last_seq
    assert bot.submit(bot.modal("U0C1"), FIX).json is None
    dm = text_of(bot.posts("U0C1", after=seq)[0])
    text = bot.command("U0A1", "/clock", "fix 11-23 08:25 in 忘记打卡")
    assert "#1" in dm and "#2" in text
    by_form, by_text = bot.rows(Request)
    assert (by_form.kind, by_form.day, by_form.reason, by_form.payload) == (
        by_text.kind, by_text.day, by_text.reason, by_text.payload)


def test_a_day_without_a_shift_and_a_future_time_are_refused_inline(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/clock", "fix")
    reply = bot.submit(bot.modal("U0A1"), {**FIX, "day": "2026-11-25"})
    assert reply.json is not None and list(reply.json["errors"]) == ["day"]
    assert "11-25" in reply.json["errors"]["day"]
    reply = bot.submit(bot.modal("U0A1"), {**FIX, "day": "2026-11-24", "time": "17:30",
                                           "kind": "out"})
    assert reply.json is not None and list(reply.json["errors"]) == ["time"]
    bot.open_form("U0C1", "/clock", "fix")
    reply = bot.submit(bot.modal("U0C1"), {**FIX, "reason": " "})
    assert reply.json == {"response_action": "errors", "errors": {"reason": "请在最后写上原因。"}}
    assert bot.rows(Request) == []


def test_a_form_submitted_twice_is_filed_once(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0C1", "/clock", "fix")
    view = bot.modal("U0C1")
    bot.submit(view, FIX)
    bot.submit(view, FIX)
    assert len(bot.rows(Request)) == 1


def test_bare_clock_keeps_its_meaning_and_offers_new_which_opens_the_form(bot: Bot) -> None:
    team(bot)
    reply = bot.reply_call("U0C1", "/clock")
    new = reply.args["blocks"][-1]["elements"][0]
    assert (new["action_id"], new["value"], new["text"]["text"]) == (ids.FORM_OPEN, "makeup",
                                                                     "新申请")
    trigger, call = bot.press_new("U0C1", "makeup")
    assert call.args["trigger_id"] == trigger
    assert bot.modal("U0C1")["callback_id"] == ids.FORM_MAKEUP


def test_a_day_in_another_month_counts_in_that_month_and_the_answer_says_so(bot: Bot) -> None:
    team(bot)
    ann = bot.add_staff("U0A2", "Amy", locale="en-US")
    chen = bot.add_staff("U0C2", "陈明")
    for n in range(23, 31):
        bot.set_shift(ann, date(2026, 11, n), "D")
        bot.set_shift(chen, date(2026, 11, n), "D")
    bot.set_shift(ann, date(2026, 12, 1), "D")
    bot.set_shift(chen, date(2026, 12, 1), "D")
    bot.now = datetime(2026, 11, 30, 20, 0, tzinfo=SHANGHAI)
    for d in (26, 27, 28):
        bot.command("U0A2", "/clock", f"fix 11-{d} 08:25 in forgot")
        bot.command("U0C2", "/clock", f"fix 11-{d} 08:25 in 忘记打卡")
    bot.now = datetime(2026, 12, 1, 18, 0, tzinfo=SHANGHAI)
    _, call = bot.open_form("U0A2", "/clock", "fix")
    note = call.args["view"]["blocks"][0]["text"]["text"]
    assert "make-up number 1 in 2026-12, within the free 3 a month" in note
    assert "A day in another month counts in that month" in note
    seq = bot.api.last_seq
    bot.submit(bot.modal("U0A2"), {**FIX, "day": "2026-11-30", "reason": "forgot"})
    said = text_of(bot.posts("U0A2", after=seq)[0])
    assert "the 4th make-up of 2026-11 (3 free)" in said and "this month" not in said
    _, call = bot.open_form("U0C2", "/clock", "补卡")
    assert "其他月份的日期按那个月计" in call.args["view"]["blocks"][0]["text"]["text"]
    seq = bot.api.last_seq
    bot.submit(bot.modal("U0C2"), {**FIX, "day": "2026-11-30"})
    said = text_of(bot.posts("U0C2", after=seq)[0])
    assert "这是 2026-11 月第 4 次补卡" in said and "本月" not in said
    # a make-up of today's month still says the month it counts in
    seq = bot.api.last_seq
    bot.command("U0A2", "/clock", "fix 12-01 08:25 in forgot")
    bot.open_form("U0A2", "/clock", "fix")
    bot.submit(bot.modal("U0A2"), {**FIX, "day": "2026-12-01", "time": "17:30", "kind": "out",
                                   "reason": "forgot"})
    said = text_of(bot.posts("U0A2", after=seq)[-1])
    assert "This is make-up 2 of 3 free in 2026-12" in said
