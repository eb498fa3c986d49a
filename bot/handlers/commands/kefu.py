"""`/kefu`: help, the monthly reports, and the entries still to come."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.commands.report import report_work
from bot.handlers.common import member_or_reply, reply, reply_usage
from bot.handlers.inbound import acked
from bot.parse.common import UsageError, split_first

_HELP = {"", "help", "帮助"}
_REPORT = {"report", "报表"}
_LATER = {"summary": "/kefu summary", "汇总": "/kefu summary"}


def register(app: App, ctx: Context) -> None:
    """Register /kefu, and a "coming soon" answer for the commands not built yet."""
    handle_report = report_work(ctx)

    def handle_kefu_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        word, rest = split_first(command.get("text", ""))
        if word in _REPORT:
            return handle_report(user_id, rest, respond, now)
        if word in _LATER:
            return reply(respond, lang, "coming_soon", command=_LATER[word])
        if word not in _HELP:
            return reply_usage(respond, lang, UsageError("kefu", "unknown_word", word=word))
        with ctx.session() as session:
            who = member_or_reply(session, respond, lang, user_id)
        if who is not None:
            reply(respond, lang, "help", role=who.role)
        return None

    def handle_coming_soon(command: dict[str, Any], respond: Respond, _now: datetime) -> None:
        reply(respond, ctx.lang_for(command["user_id"]), "coming_soon",
              command=command["command"])

    app.command(ids.KEFU)(acked(ctx, ids.KEFU, handle_kefu_command, slow=is_report))
    for name in ids.NOT_BUILT_YET:
        app.command(name)(acked(ctx, name, handle_coming_soon))


def is_report(body: dict[str, Any]) -> bool:
    """`/kefu report` builds a spreadsheet: slow work."""
    return split_first(str(body.get("text", "")))[0] in _REPORT
