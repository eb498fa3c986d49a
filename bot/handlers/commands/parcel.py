"""`/parcel` (问题件): log, follow up, show, close, list problem parcels; transfer fees."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.common import member_or_reply, reply, reply_usage
from bot.handlers.forms import WithNew, form_or
from bot.handlers.forms.parcel import wants_form
from bot.handlers.home import refresh
from bot.handlers.inbound import acked
from bot.parse.common import UsageError
from bot.parse.parcel import parse_parcel
from bot.render.blocks import text_message
from bot.render.text import render
from bot.services import home
from bot.services.parcels import Outcome, ParcelRefused, parcel_command


def register(app: App, ctx: Context) -> None:
    """Register the /parcel command; `/parcel log` without a type opens the form."""

    def announce(outcome: Outcome) -> None:
        """Post a new or closed record to the team channel; phones are masked there."""
        text = render(ctx.team_lang, "parcel_posted", kind=outcome.template, **outcome.data)
        ctx.post("chat.postMessage", channel=ctx.team_channel, **text_message(text))

    def handle_parcel_command(command: dict[str, Any], respond: Respond, now: datetime) -> None:
        user_id, lang = command["user_id"], ctx.lang_for(command["user_id"])
        if not str(command.get("text", "")).strip():  # the open list, and New to log one
            respond = WithNew(respond, lang, "parcel")
        try:
            cmd = parse_parcel(command.get("text", ""))
            with ctx.session() as session:
                who = member_or_reply(session, respond, lang, user_id)
                if who is None:
                    return None
                outcome = parcel_command(session, cmd=cmd, who=who, now=now, policy=ctx.policy)
                people = home.changed_by(session, [who.slack_id, outcome.owner])
        except UsageError as err:
            return reply_usage(respond, lang, err)
        except ParcelRefused as err:
            return reply(respond, lang, "parcel_refused", problem=err.problem, params=err.params)
        if outcome.announce:
            announce(outcome)  # first, so the channel shows it by the time the reply arrives
        reply(respond, lang, outcome.template, **outcome.data)
        return refresh(ctx, people)

    listener = acked(ctx, ids.PARCEL, handle_parcel_command)
    app.command(ids.PARCEL)(form_or(ctx, listener, wants_form))  # `/parcel log`: the form
