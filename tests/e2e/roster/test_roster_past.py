"""A draft never rewrites the past: it plans only days not begun, and a week wholly begun is
refused with the reason."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from bot import ids
from bot.services.roster.problem import build_team
from bot.solver.check import violations
from db.models import Punch, RosterDraft, RosterEntry, Staff
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot
from tests.e2e.roster.test_roster_generate import draft_post, replies

W48 = [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]
W49 = [date(2026, 11, 30) + timedelta(days=i) for i in range(7)]
# Mon and Tue of a week, per group: who works D and E (the others rest); lawful and covered.
BEGUN = {"1": ("D", "D"), "2": ("E", "E"), "3": (None, None), "4": (None, None)}


def team(bot: Bot, days: list[date]) -> None:
    """Eight agents in two groups, a lead, and (given DAYS) a Monday and Tuesday rostered."""
    for prefix, group in (("A", "售前"), ("B", "售后")):
        for n, codes in BEGUN.items():
            who = bot.add_staff(f"U0{prefix}{n}", f"{prefix}{n}", group=group, locale="en-US")
            for day, code in zip(days, codes, strict=False):
                bot.set_shift(who, day, code)
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")


def cells(bot: Bot, days: list[date]) -> dict[tuple[str, date], str | None]:
    names = {s.id: s.name for s in bot.rows(Staff)}
    return {(names[r.staff_id], r.day): r.shift_code for r in bot.rows(RosterEntry)
            if r.day in days}


def lawful(bot: Bot, days: list[date]) -> None:
    """The independent checker finds nothing wrong with DAYS as they now stand."""
    with bot.ctx.session() as s:
        built = build_team(s, policy=bot.ctx.policy, first=days[0], last=days[-1])
    assert violations(built.problem, built.current) == []


def test_publishing_the_running_week_at_17_12_leaves_the_days_begun_as_they_were(
        bot: Bot) -> None:
    team(bot, W48)
    bot.now = datetime(2026, 11, 24, 8, 25, tzinfo=SHANGHAI)
    bot.command("U0A1", "/clock", "in")  # A1 is at work on Tuesday's day shift
    bot.now = datetime(2026, 11, 24, 17, 12, tzinfo=SHANGHAI)
    begun = cells(bot, W48[:2])
    seq = bot.api.last_seq
    assert "Draft #1 for 2026-W48" in replies(bot, "U0L1", "generate 2026-W48")[-1]
    text, _ = draft_post(bot, seq)
    assert "11-25 之前的日子已经开始，保持原排班" in text
    draft = bot.rows(RosterDraft)[0]
    shown = json.loads(draft.cells)  # the days begun are shown as they stand
    assert [1, "2026-11-24", "D"] in shown and [3, "2026-11-24", None] in shown
    assert "published" in bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)
    assert cells(bot, W48[:2]) == begun  # A3 rests today still; nobody's Monday moved
    assert begun[("A3", W48[1])] is None
    assert {r.day for r in bot.rows(RosterEntry) if r.source == "solver"} <= set(W48[2:])
    punch = bot.rows(Punch)[0]
    assert (punch.shift_day, punch.shift_code, punch.minutes_late) == (W48[1], "D", 0)
    lawful(bot, W48)


def test_a_draft_published_after_its_first_day_began_keeps_that_day(bot: Bot) -> None:
    team(bot, [])
    bot.now = datetime(2026, 11, 30, 7, 0, tzinfo=SHANGHAI)  # Monday, before the day shift
    replies(bot, "U0L1", "generate 2026-W49")
    draft = bot.rows(RosterDraft)[0]
    assert {day for _, day, _ in json.loads(draft.cells)} == {d.isoformat() for d in W49}
    bot.now = datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)  # the day shift has begun
    reply = bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)
    assert "only days not begun yet" in reply
    assert cells(bot, W49[:1]) == {}  # Monday's roster (none) is left as it was
    assert {r.day for r in bot.rows(RosterEntry)} == set(W49[1:])
    lawful(bot, W49[1:])


def test_a_week_wholly_past_is_refused_with_the_reason_and_nothing_is_posted(
        bot: Bot) -> None:
    team(bot, W48)
    bot.add_staff("U0L2", "孙丽", role="lead")
    seq = bot.api.last_seq
    said = replies(bot, "U0L1", "generate 2026-W40")[-1]
    assert "2026-W40 has already begun or passed (today is 11-24)" in said
    assert "/roster generate next" in said
    said = replies(bot, "U0L2", "generate 2026-W40")[-1]
    assert "2026-W40 的日子都已经开始或过去" in said and "已开始的班次保持原样" in said
    assert bot.rows(RosterDraft) == []
    assert bot.posts("kefu", after=seq) == [] and bot.posts("kefu-approvals", after=seq) == []


def test_a_week_that_began_after_its_draft_was_made_is_not_published(bot: Bot) -> None:
    team(bot, W48)
    bot.now = datetime(2026, 11, 28, 20, 0, tzinfo=SHANGHAI)  # Saturday evening
    replies(bot, "U0L1", "generate 2026-W48")
    draft = bot.rows(RosterDraft)[0]
    before = cells(bot, W48)
    bot.now = datetime(2026, 11, 29, 9, 0, tzinfo=SHANGHAI)  # Sunday has begun as well
    assert "2026-W48 has already begun or passed" in bot.click("U0L1", ids.DRAFT_PUBLISH,
                                                               draft.id)
    assert cells(bot, W48) == before and bot.rows(RosterDraft)[0].state == "draft"
