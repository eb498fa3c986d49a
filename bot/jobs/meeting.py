"""The weekly meeting reminder: a quarter of an hour before it, to the team channel."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.text import render

LEAD_TIME = timedelta(minutes=15)


def run(ctx: Context, now: datetime) -> None:
    """Remind the team that the weekly meeting starts soon."""
    at = (now.astimezone(ctx.policy.tz) + LEAD_TIME).strftime("%H:%M")
    text = render(ctx.team_lang, "weekly_meeting", at=at)
    ctx.post("chat.postMessage", channel=ctx.team_channel, **text_message(text))
