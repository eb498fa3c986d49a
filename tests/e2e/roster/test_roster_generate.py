"""`/roster generate WEEK`: a fair draft in the approvals channel, then Publish or Discard."""

from __future__ import annotations

import json
from datetime import date, timedelta

from bot import ids
from bot.services.roster.problem import build_team
from bot.solver.check import violations
from db.models import AuditLog, RosterDraft, RosterEntry, RosterWish
from tests.e2e.harness import Bot, text_of

W49 = [date(2026, 11, 30) + timedelta(days=i) for i in range(7)]


def team(bot: Bot, per_group: int = 4) -> None:
    for prefix, group in (("A", "售前"), ("B", "售后")):
        for n in range(1, per_group + 1):
            bot.add_staff(f"U0{prefix}{n}", f"{prefix}{n}", group=group, locale="en-US")
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")


def replies(bot: Bot, user: str, text: str) -> list[str]:
    seq = bot.api.last_seq
    assert bot.sender.command(user, "/roster", text).status == 200
    bot.api.wait_for(lambda c: c.method == "response_url", after=seq)
    bot.settle()
    return [text_of(c) for c in bot.api.calls_since(seq) if c.method == "response_url"]


def draft_post(bot: Bot, after: int) -> tuple[str, list[str]]:
    post = bot.posts("kefu-approvals", after=after)[-1]
    actions = [e["action_id"] for b in post.args["blocks"] if b.get("type") == "actions"
               for e in b["elements"]]
    return text_of(post), actions


def test_a_lead_gets_a_fair_draft_with_publish_and_discard(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    said = replies(bot, "U0L1", "generate next")
    assert "Working on it" in said[0] and "Draft #1 for 2026-W49" in said[-1]
    text, actions = draft_post(bot, seq)
    # The approvals channel reads the team's language (zh by default).
    assert "排班草稿 #1 — 2026-W49" in text and "A1" in text
    figures = json.loads(bot.rows(RosterDraft)[0].summary)
    r = figures["ranges"]
    assert (f"公平性：算上前 4 周，工时最多相差 {r['minutes'] / 60:g} 小时；夜班最多相差 "
            f"{r['nights']} 次；周末班最多相差 {r['weekends']} 次。") in text
    assert "全部规则已遵守（独立核对）；" in text and f"用时 {figures['seconds']} 秒" in text
    assert ("公平性已证明是最优" in text) == figures["proven"]
    assert actions == [ids.DRAFT_PUBLISH, ids.DRAFT_DISCARD]
    assert bot.rows(RosterEntry) == []  # nothing is written before Publish


def test_publish_writes_a_rule_clean_week_and_posts_it_once(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    replies(bot, "U0L1", "generate 2026-W49")
    draft = bot.rows(RosterDraft)[0]
    assert "published" in bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)
    rows = bot.rows(RosterEntry)
    assert {r.day for r in rows} == set(W49) and len(rows) == 8 * 7
    assert {r.source for r in rows} == {"solver"}
    with bot.ctx.session() as s:
        built = build_team(s, policy=bot.ctx.policy, first=W49[0], last=W49[-1])
    assert violations(built.problem, built.current) == []
    assert any("2026-W49 排班已发布" in text_of(c) for c in bot.posts("kefu", after=seq))
    assert "already published" in bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)
    assert len(bot.rows(RosterEntry)) == 8 * 7
    assert "已由 <@U0L1> 发布" in text_of_draft(bot, draft.id)
    assert [a.action for a in bot.rows(AuditLog) if a.entity == "rosterdraft"] == [
        "roster.draft", "roster.published"]


def text_of_draft(bot: Bot, draft_id: int) -> str:
    row = next(d for d in bot.rows(RosterDraft) if d.id == draft_id)
    message = bot.api.message(str(row.channel), str(row.ts))
    assert message is not None
    return "\n".join(b["text"]["text"] for b in message["blocks"] if b.get("type") == "section")


def test_discard_leaves_the_roster_alone(bot: Bot) -> None:
    team(bot)
    replies(bot, "U0L1", "generate next")
    draft = bot.rows(RosterDraft)[0]
    assert "discarded" in bot.click("U0L1", ids.DRAFT_DISCARD, draft.id)
    assert bot.rows(RosterEntry) == []
    assert "already discarded" in bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)


def test_an_agent_can_neither_generate_nor_publish(bot: Bot) -> None:
    team(bot)
    assert "lead" in replies(bot, "U0A1", "generate next")[0]
    replies(bot, "U0L1", "generate next")
    draft = bot.rows(RosterDraft)[0]
    assert "Only a lead can do that" in bot.click("U0A1", ids.DRAFT_PUBLISH, draft.id)
    assert bot.rows(RosterEntry) == [] and bot.rows(RosterDraft)[0].state == "draft"


def test_a_week_that_cannot_be_covered_is_explained(bot: Bot) -> None:
    team(bot, per_group=1)
    said = replies(bot, "U0L1", "generate next")
    assert "No roster for 2026-W49 can keep every rule" in said[-1]
    assert "not enough people" in said[-1] or "working days" in said[-1]
    assert bot.rows(RosterDraft) == []


def test_a_malformed_week_gets_the_usage(bot: Bot) -> None:
    team(bot)
    assert "2026-W48" in replies(bot, "U0L1", "generate soon")[0]


def test_a_wish_filed_a_week_ahead_is_kept_and_honoured_when_free(bot: Bot) -> None:
    team(bot)
    reply = replies(bot, "U0A1", "wish 12-05 rest")[0]
    assert "Wish noted for Sat 12-05: a day off" in reply
    assert "12-05 off" in replies(bot, "U0A1", "wish 12-01 E")[0]
    wishes = {(w.day, w.shift_code) for w in bot.rows(RosterWish)}
    assert wishes == {(date(2026, 12, 5), None), (date(2026, 12, 1), "E")}
    replies(bot, "U0L1", "generate next")
    draft = bot.rows(RosterDraft)[0]
    bot.click("U0L1", ids.DRAFT_PUBLISH, draft.id)
    mine = {r.day: r.shift_code for r in bot.rows(RosterEntry) if r.staff_id == 1}
    assert mine[date(2026, 12, 5)] is None and mine[date(2026, 12, 1)] == "E"


def test_a_wish_too_soon_or_for_an_unknown_shift_is_refused(bot: Bot) -> None:
    team(bot)
    assert "first day you can still ask for is 12-01" in replies(bot, "U0A1", "wish 11-30 rest")[0]
    assert 'There is no shift "X"' in replies(bot, "U0A1", "wish 12-05 X")[0]
    assert "/roster wish 12-05 rest" in replies(bot, "U0A1", "wish 12-05")[0]
    assert bot.rows(RosterWish) == []


def test_a_team_without_groups_gets_a_lawful_week_and_is_told_how_it_is_counted(
        bot: Bot) -> None:
    for n in range(1, 7):
        bot.add_staff(f"U0N{n}", f"N{n}", locale="en-US")  # as `kefu staff add` without --group
    bot.add_staff("U0L1", "Lee", role="lead", locale="en-US")
    seq = bot.api.last_seq
    assert "Draft #1 for 2026-W49" in replies(bot, "U0L1", "generate next")[-1]
    text, _ = draft_post(bot, seq)
    assert "覆盖要求按组（售前、售后），但团队里没有人属于这些组：按全队计算" in text
    bot.click("U0L1", ids.DRAFT_PUBLISH, bot.rows(RosterDraft)[0].id)
    assert len(bot.rows(RosterEntry)) == 6 * 7
    with bot.ctx.session() as s:
        built = build_team(s, policy=bot.ctx.policy, first=W49[0], last=W49[-1])
    assert built.scope.pooled and violations(built.problem, built.current) == []
    assert {(n.shift, n.min) for n in built.problem.needs} == {("D", 2), ("E", 2)}
