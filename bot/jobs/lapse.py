"""At each shift's start, the open swap and leave requests about it lapse: their approvals
cards and the swap counterpart's message are redrawn, and the requester is told."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.jobs import say
from bot.services import requests


def run(ctx: Context, now: datetime) -> None:
    """Lapse every open request whose shift has started; harmless to run at any time."""
    with ctx.session() as session:
        lapsed = requests.lapse_due(session, now=now, policy=ctx.policy)
    for item in lapsed:
        r = item.request
        if item.was == requests.PENDING:  # only a pending request has a card for the leads
            ctx.enqueue("card_update", {"request": r.id})
        if r.counterpart is not None and r.counterpart_channel and r.counterpart_ts:
            say.rewrite(ctx, r.counterpart_channel, r.counterpart_ts, r.counterpart.slack_id,
                        "swap_ask_dm", r=r)
        say.dm(ctx, r.requester.slack_id, "request_lapsed_dm", r=r, was=item.was)
        say.home(ctx, [r.requester.slack_id, *([r.counterpart.slack_id] if r.counterpart else [])])
