"""Events API listeners."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.events import im, parcel_photo
from bot.handlers.home import refresh
from bot.handlers.inbound import acked
from bot.services.staff import keep_locale


def register(app: App, ctx: Context) -> None:
    """Register event listeners."""

    def handle_app_home_opened(body: dict[str, Any], _respond: Respond, _now: datetime) -> None:
        refresh(ctx, [body["event"]["user"]])  # drawn as it is sent: see handlers/home.py

    def handle_user_change(body: dict[str, Any], _respond: Respond, now: datetime) -> None:
        user = body["event"].get("user") or {}
        if not isinstance(user.get("id"), str):
            return
        with ctx.session() as session:
            keep_locale(session, slack_id=user["id"], locale=user.get("locale"), now=now)
        if ctx.locales is not None:
            ctx.locales.forget(user["id"])

    app.event(ids.EVENT_APP_HOME_OPENED)(acked(ctx, ids.EVENT_APP_HOME_OPENED,
                                               handle_app_home_opened))
    app.event(ids.EVENT_USER_CHANGE)(acked(ctx, ids.EVENT_USER_CHANGE, handle_user_change))
    im.register(app, ctx)  # before parcel_photo's listener that takes every other message
    parcel_photo.register(app, ctx)
