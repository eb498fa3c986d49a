"""The morning-meeting summary, posted to the team channel before the day starts."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.labels import rule_labeler
from bot.render.text import Lang, render
from bot.services import summary


def summary_text(ctx: Context, now: datetime, lang: Lang) -> str:
    """The summary for the day of NOW, in LANG."""
    with ctx.session() as session:
        built = summary.build(session, now=now, policy=ctx.policy)
    return render(lang, "morning_summary", s=built, rule=rule_labeler(ctx.policy, lang))


def run(ctx: Context, now: datetime) -> None:
    """Post today's summary to the team channel."""
    text = summary_text(ctx, now, ctx.team_lang)
    ctx.post("chat.postMessage", channel=ctx.team_channel, **text_message(text))
