"""`/kefu`: help, the monthly reports, the morning summary on demand, a lead's focus items,
the leads' reminders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.commands.remind import remind_work
from bot.handlers.commands.report import report_work
from bot.handlers.common import member_or_reply, reply, reply_usage
from bot.handlers.deliver import answer_member
from bot.handlers.inbound import acked
from bot.parse.common import UsageError, split_first
from bot.render.labels import rule_labeler
from bot.render.text import Lang
from bot.services import summary
from bot.services.requests import Answer

_HELP = {"", "help", "帮助"}
_REPORT = {"report", "报表"}
_SUMMARY = {"summary", "汇总", "晨会"}
_FOCUS = {"focus", "重点"}
_REMIND = {"remind", "提醒"}


def register(app: App, ctx: Context) -> None:
    """Register /kefu: help, reports, the summary, focus items and reminders."""
    handle_report = report_work(ctx)
    handle_remind = remind_work(ctx)

    def handle_kefu_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        word, rest = split_first(command.get("text", ""))
        if word in _REPORT:
            return handle_report(user_id, rest, respond, now)
        if word in _SUMMARY:
            return show_summary(user_id, lang, respond, now)
        if word in _FOCUS:
            return add_focus(user_id, lang, rest, respond, now)
        if word in _REMIND:
            return handle_remind(user_id, rest, respond, now)
        if word not in _HELP:
            return reply_usage(respond, lang, UsageError("kefu", "unknown_word", word=word))
        with ctx.session() as session:
            who = member_or_reply(session, respond, lang, user_id)
        if who is not None:
            reply(respond, lang, "help", role=who.role)
        return None

    def show_summary(user_id: str, lang: Lang, respond: Respond, now: datetime) -> None:
        with ctx.session() as session:
            if member_or_reply(session, respond, lang, user_id) is None:
                return
            built = summary.build(session, now=now, policy=ctx.policy)
        reply(respond, lang, "morning_summary", s=built, rule=rule_labeler(ctx.policy, lang))

    def add_focus(user_id: str, lang: Lang, text: str, respond: Respond, now: datetime) -> None:
        if not text:
            return reply_usage(respond, lang, UsageError("kefu", "focus_form"))
        return answer_member(ctx, respond, lang, user_id, lambda session, who: focus_answer(
            summary.add_focus(session, who=who, text=text, now=now, policy=ctx.policy), text))

    app.command(ids.KEFU)(acked(ctx, ids.KEFU, handle_kefu_command, slow=is_report))


def is_report(body: dict[str, Any]) -> bool:
    """`/kefu report` builds a spreadsheet: slow work."""
    return split_first(str(body.get("text", "")))[0] in _REPORT


def focus_answer(added: tuple[int, date], text: str) -> Answer:
    """The lead's reply: the item's number and the morning it will be read."""
    return Answer("focus_added", {"id": added[0], "day": added[1], "text": text})
