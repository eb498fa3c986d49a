"""Events API listeners."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.events import parcel_photo
from bot.handlers.inbound import acked
from bot.render.blocks import home_view
from bot.render.text import render
from bot.services.attendance import day_status, missed_to_mention
from bot.services.staff import by_slack_id, keep_locale


def register(app: App, ctx: Context) -> None:
    """Register event listeners."""

    def handle_app_home_opened(body: dict[str, Any], _respond: Respond, now: datetime) -> None:
        user_id = body["event"]["user"]
        lang = ctx.lang_for(user_id)
        with ctx.session() as session:
            who = by_slack_id(session, slack_id=user_id)
            if who is None:
                text = render(lang, "home_unknown", user_id=user_id)
            else:
                status = day_status(session, who=who, now=now, policy=ctx.policy)
                missed = missed_to_mention(session, who=who, now=now, policy=ctx.policy)
                text = render(lang, "home", name=who.name, s=status, missed=missed)
        ctx.post("views.publish", user_id=user_id, view=home_view(text))

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
    parcel_photo.register(app, ctx)
