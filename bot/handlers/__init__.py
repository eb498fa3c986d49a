"""Slack surfaces only: commands, actions, views, events; one aggregator."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltResponse

from bot.context import Context
from bot.handlers import actions, commands, events
from bot.handlers.errors import report_error


def register(app: App, ctx: Context) -> None:
    """Register every surface and the one global error handler."""
    commands.register(app, ctx)
    actions.register(app, ctx)
    events.register(app, ctx)

    def handle_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        report_error(ctx, body, error)
        return BoltResponse(status=500, body="")

    app.error(handle_error)
