"""The App Home: my shifts this week and next, today's punches with the next clock button,
the red packets I owe with "I have paid", my open requests with Cancel, my open parcels; for a
lead, the requests waiting with Approve / Reject and today's coverage. It is redrawn after
each change that concerns the person, and every button on it works like the command."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from slack_sdk.models.views import View

from bot import ids
from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from bot.localslack.recorder import Call
from db.models import LedgerPayment, Punch, Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot

TUESDAY = date(2026, 11, 24)


def at(hh: int, mm: int = 0, day: date = TUESDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot) -> None:
    """陈晓 (zh) and Ann (en) on D this week and next Monday; 陈晓 on E on Wednesday and
    resting on Saturday; the other days are not rostered yet."""
    chen = bot.add_staff("U0A1", "陈晓")
    ann = bot.add_staff("U0A2", "Ann", locale="en-US")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for who in (chen, ann):
        for day in (23, 24, 26, 30):
            bot.set_shift(who, date(2026, 11, day), "D")
    bot.set_shift(chen, date(2026, 11, 25), "E")
    bot.set_shift(chen, date(2026, 11, 28), None)  # a rest day on the roster


def open_home(bot: Bot, user: str) -> dict[str, Any]:
    """Open the Home tab as Slack does; return the view the bot published."""
    seq = bot.api.last_seq
    assert bot.sender.event({"type": "app_home_opened", "user": user, "tab": "home"}).status \
        == 200
    bot.api.wait_for(lambda c: c.method == "views.publish" and c.args["user_id"] == user,
                     after=seq)
    return bot.home(user)


def shown(view: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] for b in view["blocks"] if b["type"] == "section")


def buttons(view: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Every button on the view: (action ID, value, label), top to bottom; the row that
    opens the forms is left out (tests/e2e/forms/test_home_forms.py)."""
    found = []
    for b in view["blocks"]:
        elements = [b["accessory"]] if "accessory" in b else b.get("elements", [])
        found += [(e["action_id"], e["value"], e["text"]["text"]) for e in elements
                  if not e["action_id"].startswith(ids.FORM_OPEN)]
    return found


def publishes(bot: Bot, user: str, after: int) -> list[Call]:
    bot.settle()
    return [c for c in bot.api.calls_since(after)
            if c.method == "views.publish" and c.args["user_id"] == user]


def valid(view: dict[str, Any]) -> None:
    """Slack's own models accept the view: at most 100 blocks, each within its limits."""
    checked = View(**view).to_dict()  # raises SlackObjectFormationError when a limit breaks
    assert len(checked["blocks"]) == len(view["blocks"]) <= 100


def test_an_agents_home_shows_shifts_punches_fines_requests_and_parcels(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 45)
    bot.command("U0A1", "/clock", "in")  # 15 minutes late: a 20 yuan red packet
    bot.command("U0A1", "/leave", "11-27 事假 家里有事")
    bot.command("U0A1", "/parcel", "log 518012345678 破损 外箱压坏")
    view = open_home(bot, "U0A1")
    text = shown(view)
    assert "*你好，陈晓！*" in text and "*我的排班*" in text
    assert "▸ 11-24 周二 白班 08:30–17:30（今天）" in text
    assert "• 11-25 周三 晚班 17:00–01:00（次日）" in text and "• 11-28 周六 休息" in text
    assert "• 11-29 周日 未排班" in text
    assert "*下周*\n• 11-30 周一 白班 08:30–17:30" in text
    assert "上班 08:45 迟到 15 分钟" in text and "下一步：下班打卡。" in text
    assert "*还需发出的红包*：合计 20 元" in text
    assert "#1 11-24 迟到：20 元，截止 11-25 24:00" in text
    assert "#1 请假 11-27 · 等待组长审批" in text
    assert "*我的未结问题件*（1 件）" in text and "`518012345678` 破损" in text
    assert "待审批" not in text and "在岗" not in text
    assert buttons(view) == [(ids.HOME_CLOCK_OUT, "0", "下班打卡"),
                             (ids.MARK_PAID, "1", "我已发红包"),
                             (ids.CANCEL_REQUEST, "1", "撤回")]
    valid(view)


def test_the_home_is_in_english_for_an_english_reader(bot: Bot) -> None:
    team(bot)
    view = open_home(bot, "U0A2")
    text = shown(view)
    assert "*Hello, Ann!*" in text and "▸ Tue 11-24 Day 08:30–17:30 (today)" in text
    assert "• Wed 11-25 not rostered yet" in text and "Next: clock in." in text
    assert "*Fines*: nothing to send" in text and "*My requests*: none open." in text
    assert buttons(view) == [(ids.HOME_CLOCK_IN, "0", "Clock in")]
    assert "你好" not in text
    valid(view)


def test_a_leads_home_adds_the_requests_waiting_and_todays_coverage(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "11-27 事假 家里有事")
    bot.now = at(8, 25)
    bot.command("U0A1", "/clock", "in")
    view = open_home(bot, "U0L1")
    text = shown(view)
    assert "*待审批*（1 个）" in text and "事假申请 #1* — 陈晓" in text
    assert "白班 08:30–17:30：Ann 未打卡、陈晓 :white_check_mark:（1/2 已上班打卡）" in text
    assert (ids.APPROVE, "1", "批准") in buttons(view)
    assert (ids.REJECT, "1", "驳回") in buttons(view)
    [_forms, row] = [b for b in view["blocks"] if b["type"] == "actions"]
    assert [e["action_id"] for e in row["elements"]] == [ids.APPROVE, ids.REJECT]
    assert "待审批" not in shown(open_home(bot, "U0A1"))  # an agent decides nothing
    valid(view)


def test_clock_in_and_out_from_the_home_punch_and_redraw_it(bot: Bot) -> None:
    team(bot)
    open_home(bot, "U0A1")
    bot.now = at(8, 25)
    seq = bot.api.last_seq
    answer = bot.click_home("U0A1", ids.HOME_CLOCK_IN)
    assert "上班打卡 *08:25*" in answer and "准时，谢谢！" in answer
    [p] = bot.rows(Punch)
    assert (p.kind, p.at, p.shift_code) == ("in", at(8, 25), "D")
    [redrawn] = publishes(bot, "U0A1", seq)
    assert "上班 08:25" in shown(redrawn.args["view"])
    assert buttons(redrawn.args["view"])[0] == (ids.HOME_CLOCK_OUT, "0", "下班打卡")
    bot.now = at(17, 35)
    assert "下班" in bot.click_home("U0A1", ids.HOME_CLOCK_OUT)
    view = bot.home("U0A1")
    assert "今天的打卡已完成。" in shown(view)
    assert not [b for b in buttons(view) if b[0].startswith("home_clock")]
    assert [x.kind for x in bot.rows(Punch)] == ["in", "out"]


def test_clock_in_by_command_redraws_the_home(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 20)
    seq = bot.api.last_seq
    bot.command("U0A1", "/clock", "in")
    [redrawn] = publishes(bot, "U0A1", seq)
    assert "上班 08:20" in shown(redrawn.args["view"])
    assert publishes(bot, "U0A2", seq) == []  # nobody else's Home changed


def test_only_a_command_that_changes_something_redraws(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    bot.command("U0A1", "/roster", "")
    bot.command("U0A1", "/clock", "")
    assert publishes(bot, "U0A1", seq) == []  # reading changes nothing
    bot.command("U0A1", "/clock", "in")
    assert len(publishes(bot, "U0A1", seq)) == 1


def test_i_have_paid_from_the_home_pays_the_fine_and_redraws(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 45)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(9, 30)
    seq = bot.api.last_seq
    answer = bot.click_home("U0A1", ids.MARK_PAID, 1)
    assert "#1" in answer
    [pay] = bot.rows(LedgerPayment)
    assert (pay.entry_id, pay.amount_fen) == (1, 2000)
    assert len(bot.posts("kefu", after=seq)) == 1  # the team hears it was paid
    view = bot.home("U0A1")
    assert "*罚款*：没有需要发出的红包" in shown(view)
    assert not [b for b in buttons(view) if b[0] == ids.MARK_PAID]


def test_a_lead_fining_someone_redraws_that_persons_home(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    bot.command("U0L1", "/penalty", "<@U0A1> games")
    [redrawn] = publishes(bot, "U0A1", seq)
    assert (ids.MARK_PAID, "1", "我已发红包") in buttons(redrawn.args["view"])


def test_approve_from_the_leads_home_decides_once_and_redraws_both_homes(bot: Bot) -> None:
    team(bot)
    bot.command("U0A1", "/leave", "11-27 事假 家里有事")
    open_home(bot, "U0L1")
    seq = bot.api.last_seq
    answer = bot.click_home("U0L1", ids.APPROVE, 1)
    assert "已处理：申请 #1 现在已批准。" in answer  # in the lead's DM: a Home has no reply URL
    assert bot.rows(Request)[0].state == "approved"
    assert "*待审批*：没有等待审批的申请。" in shown(bot.home("U0L1"))
    assert "*我的申请*：没有未完成的申请。" in shown(bot.home("U0A1"))
    assert publishes(bot, "U0A1", seq) and publishes(bot, "U0L1", seq)
    again = bot.click_home("U0L1", ids.APPROVE, 1)
    assert "申请 #1 已由 <@U0L1> 于 11-24 08:00 批准，没有做任何改动。" in again
    assert bot.rows(Request)[0].state == "approved"


def test_cancel_from_the_home_withdraws_my_request(bot: Bot) -> None:
    team(bot)
    bot.command("U0A2", "/leave", "11-27 personal family matter")
    answer = bot.click_home("U0A2", ids.CANCEL_REQUEST, 1)
    assert "#1" in answer
    assert bot.rows(Request)[0].state == "cancelled"
    assert "*My requests*: none open." in shown(bot.home("U0A2"))


def test_a_request_lapsing_at_its_shift_start_redraws_the_requesters_home(bot: Bot) -> None:
    team(bot)
    bot.command("U0A2", "/leave", "11-26 personal dentist")
    assert "#1 leave 11-26 · waiting for a lead" in shown(open_home(bot, "U0A2"))
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["request_lapse"], at(8, 30, date(2026, 11, 26)))
    [redrawn] = publishes(bot, "U0A2", seq)
    assert "*My requests*: none open." in shown(redrawn.args["view"])
    assert bot.rows(Request)[0].state == "expired"


def test_a_parcel_logged_and_closed_redraws_the_home(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    bot.command("U0A1", "/parcel", "log 518012345678 破损")
    [logged] = publishes(bot, "U0A1", seq)
    assert "`518012345678`" in shown(logged.args["view"])
    seq = bot.api.last_seq
    bot.command("U0A1", "/parcel", "close 518012345678 delivered")
    [closed] = publishes(bot, "U0A1", seq)
    assert "*我的问题件*：没有未结的问题件。" in shown(closed.args["view"])


def test_a_full_home_stays_within_slacks_block_limit(bot: Bot) -> None:
    team(bot)
    bot.add_staff("U0L2", "Lee", role="lead", locale="en-US")
    for n in range(12):
        bot.command("U0L1", "/penalty", f"<@U0L2> missed_call round {n}")  # no dismissal step
        bot.command("U0L2", "/leave", f"12-{n + 1:02d} personal errand {n}")
        bot.command("U0L2", "/parcel", f"log 5180123457{n:02d} damaged")
    for n in range(12):
        bot.command("U0A1", "/leave", f"12-{n + 10:02d} 事假 事情 {n}")
    view = open_home(bot, "U0L2")
    text = shown(view)
    assert "*My open problem parcels* (12)" in text and "…and 2 more" in text
    assert "*Waiting for approval* (12; the newest 10 here" in text
    assert len([b for b in buttons(view) if b[0] == ids.MARK_PAID]) == 10
    assert len([b for b in buttons(view) if b[0] == ids.CANCEL_REQUEST]) == 10
    valid(view)


def test_someone_not_on_the_team_sees_how_to_join_and_cannot_clock_in(bot: Bot) -> None:
    bot.api.add_user("U0X9", "路人")
    view = open_home(bot, "U0X9")
    assert "U0X9" in shown(view) and buttons(view) == []
    valid(view)
    assert "你还不在团队名单里" in bot.click_home("U0X9", ids.HOME_CLOCK_IN)
    assert bot.rows(Punch) == []
