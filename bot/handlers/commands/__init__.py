"""Slash commands: one module per command, each with register(app, ctx)."""

from __future__ import annotations

from slack_bolt import App

from bot.context import Context
from bot.handlers.commands import (
    clock,
    handover,
    kefu,
    leave,
    parcel,
    penalty,
    roster,
    swap,
)


def register(app: App, ctx: Context) -> None:
    """Register every slash command."""
    for module in (clock, roster, swap, leave, penalty, parcel, handover, kefu):
        module.register(app, ctx)
