"""`/handover` (交接班): a note for my shift's handover, or the latest handover I should read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import reply_usage
from bot.handlers.deliver import answer_member
from bot.handlers.inbound import acked
from bot.parse.common import UsageError
from bot.parse.handover import parse_handover
from bot.services import handover


def register(app: App, ctx: Context) -> None:
    """Register the /handover command."""

    def handle_handover_command(command: dict[str, Any], respond: Respond,
                                now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        try:
            cmd = parse_handover(command.get("text", ""))
        except UsageError as err:
            return reply_usage(respond, lang, err)
        return answer_member(ctx, respond, lang, user_id, lambda session, who: handover.run(
            session, who=who, cmd=cmd, now=now, policy=ctx.policy))

    app.command(ids.HANDOVER)(acked(ctx, ids.HANDOVER, handle_handover_command))
