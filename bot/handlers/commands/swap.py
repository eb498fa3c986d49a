"""`/swap` (换班): ask for a swap, see the best counterparts, list mine; a lead swaps two."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import reply_usage
from bot.handlers.deliver import answer_member
from bot.handlers.forms import WithNew, form_or
from bot.handlers.forms.swap import wants_form
from bot.handlers.inbound import acked
from bot.parse.common import UsageError
from bot.parse.swap import parse_swap
from bot.services import swaps


def register(app: App, ctx: Context) -> None:
    """Register the /swap command; `/swap 换班` (new) opens the form."""

    def handle_swap_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        try:
            cmd = parse_swap(command.get("text", ""), now.astimezone(ctx.policy.tz).date())
        except UsageError as err:
            return reply_usage(respond, lang, err)
        if cmd.action == "list":
            respond = WithNew(respond, lang, "swap")
        return answer_member(ctx, respond, lang, user_id, lambda session, who: swaps.run(
            session, who=who, cmd=cmd, now=now, policy=ctx.policy,
            trigger=command.get("trigger_id")))

    listener = acked(ctx, ids.SWAP, handle_swap_command)
    app.command(ids.SWAP)(form_or(ctx, listener, wants_form))  # `/swap 换班`: the form
