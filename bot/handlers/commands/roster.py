"""`/roster` (排班): a day, the week, one person's week; a lead generates a fair week."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.domain.period import Week
from bot.handlers.common import member_or_reply, reply, reply_usage, role_or_reply
from bot.handlers.deliver import answer_member, deliver, refused
from bot.handlers.inbound import acked
from bot.parse.common import UsageError, split_first
from bot.parse.roster import GENERATE_WORDS, parse_roster, parse_week
from bot.render.text import Lang
from bot.services import roster
from bot.services.attendance import correct
from bot.services.errors import LEADS, Refused
from bot.services.roster import file_wish, roster_view


def register(app: App, ctx: Context) -> None:
    """Register the /roster command."""

    def handle_roster_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        today = now.astimezone(ctx.policy.tz).date()
        try:
            cmd = parse_roster(command.get("text", ""), today)
            if cmd.view == "generate":
                return generate(user_id, lang, parse_week(cmd.rest, today), respond, now)
            if cmd.view == "correct":
                return answer_member(ctx, respond, lang, user_id, lambda s, who: correct(
                    s, who=who, cmd=cmd, now=now, policy=ctx.policy))
            if cmd.view == "wish":
                return answer_member(ctx, respond, lang, user_id, lambda s, who: file_wish(
                    s, who=who, day=cmd.day or today, shift_text=cmd.rest, now=now,
                    policy=ctx.policy))
            with ctx.session() as session:
                who = member_or_reply(session, respond, lang, user_id)
                if who is None:
                    return None
                template, data = roster_view(session, cmd=cmd, who=who, policy=ctx.policy)
        except UsageError as err:
            return reply_usage(respond, lang, err)
        return reply(respond, lang, template, **data)

    def generate(user_id: str, lang: Lang, week: Week, respond: Respond, now: datetime) -> None:
        with ctx.session() as session:
            who = role_or_reply(session, respond, lang, user_id, LEADS)
        if who is None:
            return
        reply(respond, lang, "roster_working", week=str(week))
        try:  # the solver runs outside any transaction; only the draft is written after
            answer = roster.generate_draft(ctx.session, who=who, week=week, now=now,
                                           policy=ctx.policy)
        except Refused as err:
            return refused(ctx, respond, lang, err)
        return deliver(ctx, respond, lang, answer)

    app.command(ids.ROSTER)(acked(ctx, ids.ROSTER, handle_roster_command, slow=is_generate))


def is_generate(body: dict[str, Any]) -> bool:
    """`/roster generate` runs the solver: slow work."""
    return split_first(str(body.get("text", "")))[0] in GENERATE_WORDS
