"""Buttons: one module per surface, each with register(app, ctx)."""

from __future__ import annotations

from slack_bolt import App

from bot.context import Context
from bot.handlers.actions import buttons


def register(app: App, ctx: Context) -> None:
    """Register every button."""
    buttons.register(app, ctx)
