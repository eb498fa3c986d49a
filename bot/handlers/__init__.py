"""Slack surfaces only: commands, actions, views, events; one aggregator."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk.webhook import WebhookClient

from bot.context import Context
from bot.handlers import commands, events
from bot.render.blocks import text_message
from bot.render.text import render

log = logging.getLogger("kefu")


def register(app: App, ctx: Context) -> None:
    """Register every surface and the one global error handler."""
    commands.register(app, ctx)
    events.register(app, ctx)

    def handle_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        ref = uuid.uuid4().hex[:8]
        log.error("error %s while handling a request", ref, exc_info=error)
        user = body.get("user_id") or (body.get("user") or {}).get("id")
        url = body.get("response_url")
        if url:
            text = render(ctx.lang_for(user) if user else ctx.team_lang, "error", ref=ref)
            try:
                WebhookClient(url).send_dict(
                    {"response_type": "ephemeral", **text_message(text)})
            except Exception:  # noqa: BLE001 - already failing; the log has the cause
                log.exception("could not tell the user about error %s", ref)
        return BoltResponse(status=500, body="")

    app.error(handle_error)
