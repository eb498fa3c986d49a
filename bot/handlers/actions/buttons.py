"""Approve / Reject / Cancel on requests; Appeal / I have paid on fines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import acked, member_or_reply
from bot.handlers.deliver import deliver, refused
from bot.services import button_cases
from bot.services.errors import Refused


def register(app: App, ctx: Context) -> None:
    """Register the buttons; each click is checked and decided on the server."""

    def handle_button(body: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id = body["user"]["id"]
        lang = ctx.lang_for(user_id)
        action = body["actions"][0]
        try:
            with ctx.session() as session:
                who = member_or_reply(session, respond, lang, user_id)
                if who is None:
                    return None
                answer = button_cases.run(session, who=who, action_id=action["action_id"],
                                          value=str(action.get("value", "")), now=now,
                                          policy=ctx.policy)
        except Refused as err:  # raised inside the session: it rolled back
            return refused(ctx, respond, lang, err)
        return deliver(ctx, respond, lang, answer)

    for action_id in (ids.APPROVE, ids.REJECT, ids.CANCEL_REQUEST, ids.APPEAL, ids.MARK_PAID):
        app.action(action_id)(acked(ctx, handle_button))
