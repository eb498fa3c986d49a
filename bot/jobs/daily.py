"""The daily report (每日工作报告) to the leads, at the end of the day: one post to the
approvals channel, where the leads already work, rather than a copy in each lead's DM."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.labels import rule_labeler
from bot.render.text import render
from bot.services import daily


def run(ctx: Context, now: datetime) -> None:
    """Post the day's report to the approvals channel."""
    with ctx.session() as session:
        built = daily.build(session, now=now, policy=ctx.policy)
    lang = ctx.team_lang
    text = render(lang, "daily_report", r=built, rule=rule_labeler(ctx.policy, lang))
    ctx.post("chat.postMessage", channel=ctx.approvals_channel, **text_message(text))
