"""Slack surfaces only: commands, actions, views, events; one aggregator."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.context import Context
from bot.handlers import actions, commands, events, forms, verified
from bot.handlers.errors import report_error


def register(app: App, ctx: Context) -> None:
    """Register every surface, the verified-request marker and the one global error handler."""
    verified.register(app, ctx.settings.slack_timeout)
    commands.register(app, ctx)
    actions.register(app, ctx)
    events.register(app, ctx)
    forms.register(app, ctx)

    def handle_error(error: Exception, body: dict[str, Any],
                     context: BoltContext) -> BoltResponse:
        # An error raised inside Bolt's own verification comes here with an unverified body:
        # nothing in it is acted on, and the request is refused rather than failed.
        respond = verified.verified_respond(context)
        report_error(ctx, body, error, respond)
        return BoltResponse(status=401 if respond is None else 500, body="")

    app.error(handle_error)
