"""Every change that alters what a person's Home shows republishes it for that person, in the
change's own transaction, once per person: clock in/out, a request filed (by command or
form), a decision (the requester, and every lead whose waiting list lost it), a fine added,
paid or waived, and a roster published (everyone in it)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from bot import ids
from db.models import Request, RosterDraft
from tests.e2e.harness import Bot
from tests.e2e.home.test_home import at, buttons, shown, team
from tests.e2e.roster.test_roster_generate import replies
from tests.e2e.roster.test_roster_generate import team as generate_team

LEAVE = {"kind": "personal", "first": "2026-11-27", "last": "2026-11-27", "reason": "家里有事"}


def two_leads(bot: Bot) -> None:
    team(bot)
    bot.add_staff("U0L2", "Lee", role="lead", locale="en-US")


def published(bot: Bot, after: int) -> dict[str, list[dict[str, Any]]]:
    """The Home views published since AFTER, by user, in order."""
    bot.settle()
    found: dict[str, list[dict[str, Any]]] = {}
    for c in bot.api.calls_since(after):
        if c.method == "views.publish":
            found.setdefault(str(c.args["user_id"]), []).append(c.args["view"])
    return found


def once_each(found: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Each person's one republished Home, as text; fails if anyone's was written twice."""
    assert Counter({u: len(v) for u, v in found.items()}) == Counter(dict.fromkeys(found, 1))
    return {u: shown(v[0]) for u, v in found.items()}


def test_clock_out_redraws_only_my_home_with_the_punch(bot: Bot) -> None:
    team(bot)
    bot.now = at(8, 20)
    bot.command("U0A1", "/clock", "in")
    bot.now = at(17, 35)
    seq = bot.api.last_seq
    bot.command("U0A1", "/clock", "out")
    homes = published(bot, seq)
    assert list(homes) == ["U0A1"]
    assert "下班 17:35" in once_each(homes)["U0A1"]
    assert not [b for b in buttons(homes["U0A1"][0]) if b[0] == ids.HOME_CLOCK_OUT]


def test_a_request_filed_by_form_redraws_the_requester_and_every_lead_once(bot: Bot) -> None:
    two_leads(bot)
    bot.open_form("U0A1", "/leave", "请假")
    seq = bot.api.last_seq
    bot.submit(bot.modal("U0A1"), LEAVE)
    homes = once_each(published(bot, seq))
    assert sorted(homes) == ["U0A1", "U0L1", "U0L2"]  # not Ann: nothing of hers changed
    assert "#1 请假 11-27 · 等待组长审批" in homes["U0A1"]
    assert "*待审批*（1 个）" in homes["U0L1"] and "*Waiting*" not in homes["U0L1"]
    assert "#1" in homes["U0L2"]


def test_a_decision_by_one_lead_drops_it_from_the_other_leads_home(bot: Bot) -> None:
    two_leads(bot)
    bot.command("U0A1", "/leave", "11-27 事假 家里有事")
    r = bot.rows(Request)[0]
    seq = bot.api.last_seq
    bot.click("U0L2", ids.APPROVE, r.id, r.channel, r.ts)  # on the approvals card
    homes = once_each(published(bot, seq))
    assert sorted(homes) == ["U0A1", "U0L1", "U0L2"]
    assert "*待审批*（1 个）" not in homes["U0L1"]
    assert "*待审批*：没有等待审批的申请。" in homes["U0L1"]
    assert "*Waiting for approval*: nothing." in homes["U0L2"]
    assert "*我的申请*：没有未完成的申请。" in homes["U0A1"]
    assert "11-27 周五 事假" in homes["U0A1"]  # the approved day off is on my shifts


def test_a_fine_waived_redraws_the_fined_persons_home_without_it(bot: Bot) -> None:
    team(bot)
    bot.command("U0L1", "/penalty", "<@U0A1> games")
    seq = bot.api.last_seq
    bot.command("U0L1", "/penalty", "waive 1 误判")
    homes = published(bot, seq)
    texts = once_each(homes)
    assert "U0A1" in texts and "*罚款*：没有需要发出的红包" in texts["U0A1"]
    assert not [b for b in buttons(homes["U0A1"][0]) if b[0] == ids.MARK_PAID]


def test_a_fine_added_and_paid_each_redraw_the_persons_home_once(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    bot.command("U0L1", "/penalty", "<@U0A1> games")
    assert "#1" in once_each(published(bot, seq))["U0A1"]
    seq = bot.api.last_seq
    bot.click_home("U0A1", ids.MARK_PAID, 1)
    assert "*罚款*：没有需要发出的红包" in once_each(published(bot, seq))["U0A1"]


def test_a_roster_published_redraws_the_home_of_everyone_in_it(bot: Bot) -> None:
    generate_team(bot)
    bot.now = at(10, 0, date(2026, 11, 24))
    replies(bot, "U0L1", "generate 2026-W49")
    for user in ("U0A1", "U0B4"):  # Homes seen before: next week not rostered yet
        bot.sender.event({"type": "app_home_opened", "user": user, "tab": "home"})
    assert "Mon 11-30 not rostered yet" in shown(bot.home("U0A1"))
    draft = bot.rows(RosterDraft)[0]
    seq = bot.api.last_seq
    bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)
    homes = once_each(published(bot, seq))
    everyone = {f"U0{p}{n}" for p in "AB" for n in range(1, 5)}
    assert everyone <= set(homes)
    for user in everyone:
        assert "not rostered yet" not in homes[user].split("*Next week*")[1]


def test_a_clock_in_redraws_each_leads_coverage_but_no_other_agents_home(bot: Bot) -> None:
    two_leads(bot)
    bot.now = at(8, 20)
    seq = bot.api.last_seq
    bot.command("U0A2", "/clock", "in")
    homes = once_each(published(bot, seq))
    assert sorted(homes) == ["U0A2", "U0L1", "U0L2"]
    assert "Ann :white_check_mark:、陈晓 未打卡（1/2 已上班打卡）" in homes["U0L1"]
    assert "Ann :white_check_mark:, 陈晓 not in (1/2 clocked in)" in homes["U0L2"]
    assert "In 08:20" in homes["U0A2"]
