"""Leave cover honours the policy's richer rules through the solver: the best cover for a
leave day is never someone a rule bars from the shift."""

from __future__ import annotations

from typing import Any

from db.models import Request
from tests.e2e.harness import Bot, text_of
from tests.e2e.swaps.test_swaps import team


def best_cover(bot: Bot) -> str:
    seq = bot.api.last_seq
    bot.command("U0A1", "/leave", "11-26 personal family matter")
    assert bot.rows(Request)
    card = text_of(bot.posts("kefu-approvals", after=seq)[0])
    assert "11-26 D 售前 只剩 0 人（至少 1 人）" in card
    return card


def with_rules(bot: Bot, **rules: Any) -> None:
    p = bot.ctx.policy
    bot.ctx.policy = p.model_copy(update={"roster": p.roster.model_copy(update=rules)})


def test_a_forbidden_succession_passes_over_who_it_bars(bot: Bot) -> None:
    team(bot)
    with_rules(bot, forbidden_successions=(("D", "E"),))  # no late shift the day after a day one
    card = best_cover(bot)
    # Without the rule A4 covers Thursday and gives A1 the Saturday; with it, A4 may not
    # work Friday's late shift after Thursday's day shift, so A1 takes that one back.
    assert "最佳替班：A2" in card or "最佳替班：A4（A1 还 A4 11-27 的 E 班）" in card

