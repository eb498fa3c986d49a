"""`/roster` (排班): a day, the week, or one person's week."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import acked, member_or_reply, reply, reply_usage
from bot.parse import UsageError, parse_roster
from bot.services.roster_views import roster_view


def register(app: App, ctx: Context) -> None:
    """Register the /roster command."""

    def handle_roster_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        today = now.astimezone(ctx.policy.tz).date()
        try:
            cmd = parse_roster(command.get("text", ""), today)
            if cmd.view == "generate":
                return reply(respond, lang, "coming_soon", command="/roster generate")
            with ctx.session() as session:
                if member_or_reply(session, respond, lang, user_id) is None:
                    return None
                template, data = roster_view(session, cmd=cmd, policy=ctx.policy)
        except UsageError as err:
            return reply_usage(respond, lang, err)
        return reply(respond, lang, template, **data)

    app.command(ids.ROSTER)(acked(ctx, handle_roster_command))
