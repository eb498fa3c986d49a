"""`/clock` (上班/下班/补卡): clock in, clock out, today's state, make-up punch requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import reply_usage
from bot.handlers.deliver import answer_member
from bot.handlers.forms import WithNew, form_or
from bot.handlers.forms.makeup import wants_form
from bot.handlers.inbound import acked
from bot.parse.clock import parse_clock, parse_fix
from bot.parse.common import UsageError
from bot.services import attendance


def register(app: App, ctx: Context) -> None:
    """Register the /clock command; `/clock fix` alone opens the make-up form."""

    def handle_clock_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        today = now.astimezone(ctx.policy.tz).date()
        try:
            cmd = parse_clock(command.get("text", ""))
            fix = parse_fix(cmd.note or "", today) if cmd.action == "fix" else None
        except UsageError as err:
            return reply_usage(respond, lang, err)
        if cmd.action == "status":  # today's state, and New for a make-up punch
            respond = WithNew(respond, lang, "makeup")
        return answer_member(ctx, respond, lang, user_id, lambda session, who: attendance.run(
            session, who=who, cmd=cmd, fix=fix, now=now, policy=ctx.policy))

    listener = acked(ctx, ids.CLOCK, handle_clock_command)
    app.command(ids.CLOCK)(form_or(ctx, listener, wants_form))  # `/clock fix` alone: the form
