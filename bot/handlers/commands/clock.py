"""`/clock` (上班/下班): clock in, clock out, today's state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import acked, member_or_reply, reply, reply_usage
from bot.parse import UsageError, parse_clock
from bot.services.clocking import clock, day_status


def register(app: App, ctx: Context) -> None:
    """Register the /clock command."""

    def handle_clock_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        try:
            cmd = parse_clock(command.get("text", ""))
        except UsageError as err:
            return reply_usage(respond, lang, err)
        if cmd.action == "fix":
            return reply(respond, lang, "coming_soon", command="/clock fix")
        with ctx.session() as session:
            who = member_or_reply(session, respond, lang, user_id)
            if who is None:
                return None
            if cmd.action == "status":
                status = day_status(session, who=who, now=now, policy=ctx.policy)
                return reply(respond, lang, "clock_status", s=status)
            # `now` is the server's clock at receipt; never a time from the request.
            result = clock(session, who=who, kind=cmd.action, now=now, policy=ctx.policy,
                           note=cmd.note)
        return reply(respond, lang, f"clock_{cmd.action}", r=result)

    app.command(ids.CLOCK)(acked(ctx, handle_clock_command))
