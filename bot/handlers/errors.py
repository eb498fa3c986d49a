"""Failures: log the traceback with a reference, tell the user, never stay silent."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import Respond
from slack_sdk.webhook import WebhookClient

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.text import render

log = logging.getLogger("kefu")


def report_error(ctx: Context, body: dict[str, Any], error: BaseException,
                 respond: Respond | None = None) -> None:
    """Log ERROR with its traceback and tell the user (if we can reach them) it failed;
    RESPOND, when given, is the request's durable reply channel."""
    ref = uuid.uuid4().hex[:8]
    log.error("error %s while handling a request", ref, exc_info=error)
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    url = body.get("response_url")
    if not url:
        return
    try:
        text = render(ctx.lang_for(user) if user else ctx.team_lang, "error", ref=ref)
        if respond is not None:
            respond(**text_message(text))
            return
        WebhookClient(url, timeout=5).send_dict({"response_type": "ephemeral",
                                                 "replace_original": False,
                                                 **text_message(text)})
    except Exception:  # noqa: BLE001 - already failing; the log has the cause
        log.exception("could not tell the user about error %s", ref)
