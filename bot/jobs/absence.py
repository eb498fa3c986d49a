"""The absence steps, checked daily: the company-wide notice when someone's absence in a
month reaches its step, and the dismissal flag told privately to the leads; each once per
person and month."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.text import render
from bot.services import attendance
from bot.services.errors import LEADS
from bot.services.staff import list_active


def run(ctx: Context, now: datetime) -> None:
    """Post each new notice; tell every lead (DM) of each new dismissal flag."""
    with ctx.session() as session:
        flags = attendance.new_absence_flags(session, now=now, policy=ctx.policy)
        leads = [s.slack_id for s in list_active(session) if s.role in LEADS]
    notices = ctx.policy.absence.notice_channel or ctx.team_channel
    for flag in flags:
        if flag.kind == "notice":
            text = render(ctx.team_lang, "absence_notice", a=flag)
            ctx.post("chat.postMessage", channel=notices, **text_message(text))
            continue
        # Not to the flagged lead themself; with no lead on record, the approvals channel.
        told = [lead for lead in leads if lead != flag.who.slack_id]
        for to in told or [ctx.approvals_channel]:
            lang = ctx.team_lang if to == ctx.approvals_channel else ctx.lang_for(to)
            text = render(lang, "absence_dismissal", a=flag)
            ctx.post("chat.postMessage", channel=to, **text_message(text))
