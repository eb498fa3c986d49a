"""`/penalty` (罚款): my fines, a lead's fine or waiver, paying, appealing, the team fund."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import reply_usage
from bot.handlers.deliver import answer_member
from bot.handlers.forms import form_or
from bot.handlers.forms.fine import wants_form
from bot.handlers.inbound import acked
from bot.parse.common import UsageError
from bot.parse.fines import parse_penalty
from bot.services import ledger
from bot.services.attendance import missed_to_mention


def register(app: App, ctx: Context) -> None:
    """Register the /penalty command; `/penalty 罚款` or `/penalty @someone` opens the form."""

    def handle_penalty_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        try:
            cmd = parse_penalty(command.get("text", ""), now.astimezone(ctx.policy.tz).date())
        except UsageError as err:
            return reply_usage(respond, lang, err)
        return answer_member(ctx, respond, lang, user_id, lambda session, who: ledger.run(
            session, who=who, cmd=cmd, now=now, policy=ctx.policy,
            key=command.get("trigger_id"),
            missed=lambda s, w: missed_to_mention(s, who=w, now=now, policy=ctx.policy)))

    listener = acked(ctx, ids.PENALTY, handle_penalty_command)
    app.command(ids.PENALTY)(form_or(ctx, listener, wants_form))  # `/penalty @someone`: the form
