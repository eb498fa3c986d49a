"""Generation under the policy's richer rules: a week that cannot be fully covered still gets a
draft and its gaps when coverage is soft, and a draft keeps the new rules."""

from __future__ import annotations

import json
from typing import Any

from bot import ids
from bot.policy.roster import SoftCoverage
from bot.services.roster.problem import build_team
from bot.solver.check import gaps, violations
from db.models import RosterDraft, RosterEntry
from tests.e2e.harness import Bot
from tests.e2e.roster.test_roster_generate import W49, draft_post, replies, team


def with_rules(bot: Bot, **rules: Any) -> None:
    p = bot.ctx.policy
    bot.ctx.policy = p.model_copy(update={"roster": p.roster.model_copy(update=rules)})


def test_a_week_too_thin_to_cover_gets_a_draft_with_its_gaps_when_coverage_is_soft(
        bot: Bot) -> None:
    team(bot, per_group=1)  # two people for four places a day: refused while coverage is hard
    with_rules(bot, soft_coverage=SoftCoverage(under=100))
    seq = bot.api.last_seq
    assert "Draft #1 for 2026-W49" in replies(bot, "U0L1", "generate next")[-1]
    text, actions = draft_post(bot, seq)
    assert actions == [ids.DRAFT_PUBLISH, ids.DRAFT_DISCARD]
    assert "全部规则已遵守（独立核对）；人手不足时，公平性没有可证明的下限可比" in text
    assert "人手缺口（策略允许人数不足，所以照样出了草稿）：" in text
    stored = json.loads(bot.rows(RosterDraft)[0].summary)["gaps"]
    assert stored and all(g["short"] >= 1 for g in stored)
    first = stored[0]
    assert f"• {first['day'][5:]} {first['shift']} {first['group']} 缺 {first['short']} 人" in text
    bot.click("U0L1", ids.DRAFT_PUBLISH, bot.rows(RosterDraft)[0].id)
    with bot.ctx.session() as s:
        built = build_team(s, policy=bot.ctx.policy, first=W49[0], last=W49[-1])
    assert violations(built.problem, built.current) == []
    assert len(gaps(built.problem, built.current)) == len(stored)


def test_a_draft_keeps_a_forbidden_succession_and_a_minimum_run(bot: Bot) -> None:
    team(bot)
    with_rules(bot, forbidden_successions=(("D", "E"),), min_consecutive_days=2)
    replies(bot, "U0L1", "generate next")
    bot.click("U0L1", ids.DRAFT_PUBLISH, bot.rows(RosterDraft)[0].id)
    assert len(bot.rows(RosterEntry)) == 8 * 7
    with bot.ctx.session() as s:
        built = build_team(s, policy=bot.ctx.policy, first=W49[0], last=W49[-1])
    assert built.problem.rules.successions == frozenset({("D", "E")})
    assert violations(built.problem, built.current) == []


def test_a_draft_a_new_rule_breaks_by_publish_time_is_refused_naming_it(bot: Bot) -> None:
    team(bot)
    replies(bot, "U0L1", "generate next")
    with_rules(bot, max_shifts_per_month={"E": 0})  # the lead bans late shifts meanwhile
    reply = bot.click("U0L1", ids.DRAFT_PUBLISH, bot.rows(RosterDraft)[0].id)
    assert "Draft #1 no longer fits the roster rules" in reply
    assert "Sun 12-06 E — shifts of one kind a month (" in reply
    assert "): at most 0 Late (E) shifts a month" in reply
    assert bot.rows(RosterEntry) == [] and bot.rows(RosterDraft)[0].state == "draft"
