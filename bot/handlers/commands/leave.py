"""`/leave` (请假/休假): ask for leave or rest days; alone, my days used and left."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import reply_usage
from bot.handlers.deliver import answer_member
from bot.handlers.forms import WithNew, form_or
from bot.handlers.forms.leave import wants_form
from bot.handlers.inbound import acked
from bot.parse.common import UsageError
from bot.parse.leave import parse_leave
from bot.services import leave


def register(app: App, ctx: Context) -> None:
    """Register the /leave command; `/leave 请假` opens the form."""

    def handle_leave_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        try:
            cmd = parse_leave(command.get("text", ""), now.astimezone(ctx.policy.tz).date())
        except UsageError as err:
            return reply_usage(respond, lang, err)
        if cmd.action == "mine":
            respond = WithNew(respond, lang, "leave")
        return answer_member(ctx, respond, lang, user_id, lambda session, who: leave.run(
            session, who=who, cmd=cmd, now=now, policy=ctx.policy))

    listener = acked(ctx, ids.LEAVE, handle_leave_command)
    app.command(ids.LEAVE)(form_or(ctx, listener, wants_form))
