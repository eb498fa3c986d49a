"""Failures: log the traceback with a reference, tell the user, never stay silent."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import Respond

from bot.context import Context
from bot.render.blocks import text_message
from bot.render.text import render

log = logging.getLogger("kefu")


def report_error(ctx: Context, body: dict[str, Any], error: BaseException,
                 respond: Respond | None) -> None:
    """Log ERROR with its traceback and tell the user it failed, through a verified respond().

    RESPOND is None when the request was not verified: then BODY may be forged, and neither
    its response_url nor its user may be reached.
    """
    ref = uuid.uuid4().hex[:8]
    log.error("error %s while handling a request", ref, exc_info=error)
    if respond is None or not respond.response_url:
        return
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    try:
        text = render(ctx.lang_for(user) if user else ctx.team_lang, "error", ref=ref)
        respond(response_type="ephemeral", **text_message(text))
    except Exception:  # noqa: BLE001 - already failing; the log has the cause
        log.exception("could not tell the user about error %s", ref)
