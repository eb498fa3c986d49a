"""`/kefu remind add|list|remove`: the leads' reminders, posted to the team channel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_bolt import Respond
from sqlmodel import Session

from bot.context import Context
from bot.handlers.common import reply_usage
from bot.handlers.deliver import answer_member
from bot.parse.common import UsageError
from bot.parse.remind import RemindCmd, parse_remind
from bot.services import custom_reminders as reminders
from bot.services.requests import Answer
from bot.services.staff import StaffView

RemindWork = Callable[[str, str, Respond, datetime], None]


def remind_work(ctx: Context) -> RemindWork:
    """Make the work behind `/kefu remind`: read the command, then one service call."""

    def handle_remind(user_id: str, text: str, respond: Respond, now: datetime) -> None:
        lang = ctx.lang_for(user_id)
        try:
            cmd = parse_remind(text)
        except UsageError as err:
            return reply_usage(respond, lang, err)
        return answer_member(ctx, respond, lang, user_id, lambda session, who: remind_answer(
            session, who, cmd, now, ctx.team_channel))

    return handle_remind


def remind_answer(session: Session, who: StaffView, cmd: RemindCmd, now: datetime,
                  channel: str) -> Answer:
    """Add, remove or list reminders; the reply shows the reminder or the list."""
    if cmd.action == "add":
        assert cmd.schedule is not None
        added = reminders.add(session, who=who, schedule=cmd.schedule, text=cmd.text, now=now)
        return Answer("remind_added", {"r": added, "channel": channel})
    if cmd.action == "remove":
        assert cmd.reminder_id is not None
        gone = reminders.remove(session, who=who, reminder_id=cmd.reminder_id, now=now)
        return Answer("remind_removed", {"r": gone})
    return Answer("remind_list", {"reminders": reminders.active(session), "channel": channel})
