"""Problem parcels on schedule: the morning follow-up (each owner's list by DM, the counts to
the team channel) and the announcement of a parcel whose hold ran out, once per hold."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.text import render
from bot.services import parcels


def followup(ctx: Context, now: datetime) -> None:
    """DM each owner their parcels to follow up and to return; post the counts."""
    with ctx.session() as session:
        f = parcels.followup(session, now=now, policy=ctx.policy)
    for mine in f.owners:
        text = render(ctx.lang_for(mine.owner), "parcel_followup_dm", f=f, mine=mine)
        ctx.post("chat.postMessage", channel=mine.owner, **text_message(text))
    if f.counts["stale"] or f.counts["due"]:  # a quiet morning needs no post
        text = render(ctx.team_lang, "parcel_followup_team", f=f)
        ctx.post("chat.postMessage", channel=ctx.team_channel, **text_message(text))


def hold(ctx: Context, now: datetime) -> None:
    """Announce the parcels whose hold ran out since the last check, each once."""
    with ctx.session() as session:
        due = parcels.newly_due(session, now=now, policy=ctx.policy)
    if due:
        text = render(ctx.team_lang, "parcel_hold_due", due=due)
        ctx.post("chat.postMessage", channel=ctx.team_channel, **text_message(text))
