"""Buttons: requests, fines, swap answers and picks, roster drafts, missed-call rounds,
handovers, and the App Home's clock buttons."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.deliver import answer_member
from bot.handlers.inbound import acked
from bot.services import buttons


def register(app: App, ctx: Context) -> None:
    """Register the buttons; each click is checked and decided on the server."""

    def handle_button(body: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id = body["user"]["id"]
        lang = ctx.lang_for(user_id)
        action = body["actions"][0]
        return answer_member(ctx, respond, lang, user_id, lambda session, who: buttons.run(
            session, who=who, action_id=action["action_id"], value=str(action.get("value", "")),
            now=now, policy=ctx.policy))

    for action_id in (ids.APPROVE, ids.REJECT, ids.CANCEL_REQUEST, ids.APPEAL, ids.MARK_PAID,
                      ids.SWAP_ACCEPT, ids.SWAP_DECLINE, ids.DRAFT_PUBLISH, ids.DRAFT_DISCARD,
                      ids.SWAP_PICK):
        # A choice button's ID carries its position in the message (swap_pick:0).
        app.action(re.compile(rf"^{action_id}(:\d+)?$"))(acked(ctx, action_id, handle_button))
    for action_id in (ids.CALLS_DONE, ids.HANDOVER_READ, ids.HOME_CLOCK_IN, ids.HOME_CLOCK_OUT):
        app.action(action_id)(acked(ctx, action_id, handle_button))
