"""The handover (交接班): before each shift its people receive the handover of the shift
before it, each with a Read button; later the leads hear privately who has not read it."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.jobs import say
from bot.jobs.at_shifts import shifts_at
from bot.render.buttons import with_buttons
from bot.render.text import render
from bot.services import handover


def send_handover(ctx: Context, now: datetime) -> None:
    """DM the handover to each person of the shifts starting soon; remember each copy."""
    cfg, policy = ctx.policy.jobs.handover, ctx.policy
    with ctx.session() as session:
        for a in shifts_at(now, cfg.offset_minutes, policy.shift_defs(), policy.tz):
            h = handover.hand_over(session, to=a, now=now, policy=policy)
            if h is None:
                continue
            for me in h.readers:
                lang = ctx.lang_for(me.slack_id)
                body = with_buttons(render(lang, "handover_dm", h=h, me=me), "handover", lang,
                                    h.id)
                ctx.post("chat.postMessage", then=["handover", me.id], channel=me.slack_id,
                         **body)


def report_unread(ctx: Context, now: datetime) -> None:
    """Name to the leads the people of a started shift who have not read its handover."""
    cfg, policy = ctx.policy.jobs.handover_unread, ctx.policy
    with ctx.session() as session:
        for a in shifts_at(now, cfg.offset_minutes, policy.shift_defs(), policy.tz):
            found = handover.unread(session, to=a, now=now, policy=policy)
            if found is not None and found[1]:
                say.to_leads(ctx, "handover_unread", h=found[0], people=found[1],
                             minutes=cfg.minutes_after)
