"""Swaps on a team without groups and on rosters that already break a rule somewhere: a swap
is judged by what it makes worse, and a refusal names the rule and the day."""

from __future__ import annotations

from datetime import timedelta

from bot import ids
from bot.services.staff import view
from db.models import Request, Staff
from tests.e2e.harness import Bot, text_of
from tests.e2e.swaps.test_swaps import MONDAY, WEDNESDAY, buttons, cells, team


def newcomer_team(bot: Bot) -> None:
    """A team set up as the README's newcomer would: no --group, a roster imported by hand."""
    li = bot.add_staff("U0N1", "李晓")
    wang = bot.add_staff("U0N2", "王芳")
    bot.add_staff("U0N3", "孙丽", role="lead")
    for d in range(0, 3):
        bot.set_shift(li, MONDAY + timedelta(days=d), "D")
    for d in range(3, 6):
        bot.set_shift(wang, MONDAY + timedelta(days=d), "D")


def test_a_team_without_groups_can_swap_a_rostered_shift(bot: Bot) -> None:
    newcomer_team(bot)
    assert "白班 08:30–17:30：李晓" in bot.command("U0N1", "/roster", "11-25")
    call = bot.reply_call("U0N1", "/swap", "11-25")
    assert "11-25 可以和你换班的人" in text_of(call)
    pick = buttons(call)[0]
    assert pick["text"]["text"].startswith("王芳 ↔ ")
    bot.click("U0N1", pick["action_id"], pick["value"])
    r = bot.rows(Request)[-1]
    bot.click("U0N2", ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    assert "已批准" in bot.click("U0N3", ids.APPROVE, r.id, r.channel, r.ts)
    after = cells(bot)
    assert after[("李晓", WEDNESDAY)] is None and after[("王芳", WEDNESDAY)] == "D"


def test_a_shift_already_short_elsewhere_on_the_day_does_not_block_every_swap(
        bot: Bot) -> None:
    team(bot)
    b1 = next(s for s in bot.rows(Staff) if s.slack_id == "U0B1")
    bot.set_shift(view(b1), WEDNESDAY, None)  # imported by hand: 售后 has no day shift
    seq = bot.api.last_seq
    call = bot.reply_call("U0A1", "/swap", "11-25")
    offered = [b["text"]["text"] for b in buttons(call)]
    assert offered and {o.split(" ")[0] for o in offered} <= {"A2", "A4"}
    pick = buttons(call)[0]
    bot.click("U0A1", pick["action_id"], pick["value"])
    r = bot.rows(Request)[-1]
    other = next(s.slack_id for s in bot.rows(Staff) if s.id == r.counterpart_id)
    assert "You accepted swap" in bot.click(other, ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    assert "now *approved*" in bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    flags = [text_of(c) for c in bot.posts("kefu-approvals", after=seq)]
    assert not any("人手不足" in f for f in flags)  # the 售后 gap was there before the swap


def test_a_named_person_who_cannot_take_it_is_refused_with_the_rule_and_the_day(
        bot: Bot) -> None:
    team(bot)
    reply = bot.command("U0A1", "/swap", "11-25 <@U0A3>")  # A3 works late shifts Mon–Thu
    assert ("cannot take your shift on 11-25 without breaking a roster rule: "
            "11-26: no day shift right after a late shift (for A1)") in reply
    assert bot.rows(Request) == []


def test_no_offer_at_all_names_the_rule_and_the_day_that_stop_them(bot: Bot) -> None:
    team(bot)
    for name in ("U0A2", "U0A4"):  # the other 售前 agents already work that day
        who = next(s for s in bot.rows(Staff) if s.slack_id == name)
        bot.set_shift(view(who), WEDNESDAY, "E")
    reply = bot.command("U0A1", "/swap", "11-25")
    assert ("Nobody can take your shift on 11-25 without breaking a roster rule: "
            "11-25 D 售前: too few people on the shift.") in reply
