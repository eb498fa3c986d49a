"""The missed-call rounds (呼损回拨): a post with a "called back" button at each round's time;
a round nobody confirmed is named in the next one."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.render.buttons import with_buttons
from bot.render.text import render
from bot.services import rounds


def run(ctx: Context, now: datetime) -> None:
    """Post this round to the team channel; its location is kept to update it in place."""
    with ctx.session() as session:
        r = rounds.open_round(session, instant=now, policy=ctx.policy)
    lang = ctx.team_lang
    body = with_buttons(render(lang, "calls_round", r=r), "calls", lang, r.id)
    ctx.post("chat.postMessage", then=["round", r.id], channel=ctx.team_channel, **body)
