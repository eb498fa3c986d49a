"""Direct messages to the bot: a command without the slash (`上班`, `排班 明天`, `罚款`),
worked through the slash command's own path and answered in the DM."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import reply
from bot.handlers.inbound import Route, acked
from bot.parse.dm import DmCommand, DmHelp, parse_dm


def from_member(event: dict[str, Any]) -> bool:
    """A member's own new message in a DM with the bot: not the bot's, not an edit."""
    return (event.get("channel_type") == "im" and "subtype" not in event
            and not event.get("bot_id") and isinstance(event.get("user"), str)
            and isinstance(event.get("channel"), str))


def as_command(body: dict[str, Any], found: DmCommand) -> dict[str, Any]:
    """The slash command's body the DM stands for. It has no trigger_id: Slack gives a
    message none, so nothing can open a form from it; the inbox, keyed by the event ID,
    keeps a retried DM from acting twice."""
    event = body["event"]
    return {"command": found.command, "text": found.text, "user_id": event["user"],
            "channel_id": event["channel"]}


def register(app: App, ctx: Context) -> None:
    """Register the listener for members' direct messages."""

    def command_of(body: dict[str, Any]) -> tuple[Route, dict[str, Any]] | DmHelp:
        found = parse_dm(str(body["event"].get("text") or ""))
        if isinstance(found, DmHelp):
            return found
        return ctx.routes[found.command], as_command(body, found)

    def handle_dm(body: dict[str, Any], respond: Respond, now: datetime) -> None:
        command = command_of(body)
        if isinstance(command, DmHelp):
            lang = ctx.lang_for(body["event"]["user"])
            return reply(respond, lang, "dm_help", word=command.word)
        route, as_slash = command
        return route.work(as_slash, respond, now)

    def is_slow(body: dict[str, Any]) -> bool:
        command = command_of(body)
        return not isinstance(command, DmHelp) and command[0].slow(command[1])

    app.event(ids.EVENT_MESSAGE, matchers=[from_member])(
        acked(ctx, ids.EVENT_MESSAGE_IM, handle_dm, slow=is_slow))
