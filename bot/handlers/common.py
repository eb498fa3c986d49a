"""Small pieces every handler uses: replies, usage errors, who is asking."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from sqlmodel import Session

from bot.context import Context
from bot.handlers.errors import report_error
from bot.parse.common import UsageError
from bot.render.blocks import text_message
from bot.render.text import Lang, render
from bot.services.staff import StaffView, by_slack_id

Work = Callable[[dict[str, Any], Respond, datetime], None]
Listener = Callable[[Ack, dict[str, Any], Respond], None]


def acked(ctx: Context, work: Work) -> Listener:
    """Make a listener that acks at once and does WORK on the context's worker pool.

    Bolt's own pool runs listeners until they return; doing the database work there would
    make every new request's ack wait behind it. `now` is read before the ack.
    """

    def listener(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        now = ctx.clock()
        ack()
        ctx.worker.submit(_guarded, ctx, work, body, respond, now)

    return listener


def _guarded(ctx: Context, work: Work, body: dict[str, Any], respond: Respond,
             now: datetime) -> None:
    try:
        work(body, respond, now)
    except Exception as exc:  # noqa: BLE001 - reported with its traceback, user told
        report_error(ctx, body, exc, respond)  # a listener ran: Bolt verified the request


def reply(respond: Respond, lang: Lang, template: str, **context: Any) -> None:
    """Answer privately (ephemeral) with a rendered template."""
    respond(**text_message(render(lang, template, **context)))


def reply_usage(respond: Respond, lang: Lang, err: UsageError) -> None:
    """Say what was wrong and show the command's usage; nothing is changed."""
    reply(respond, lang, "usage_error", command=err.command, problem=err.problem,
          params=err.params)


def member_or_reply(session: Session, respond: Respond, lang: Lang,
                    user_id: str) -> StaffView | None:
    """Find the asking member; if they are not on the team, tell them how to be added."""
    who = by_slack_id(session, slack_id=user_id)
    if who is None:
        reply(respond, lang, "not_registered", user_id=user_id)
    return who


def role_or_reply(session: Session, respond: Respond, lang: Lang, user_id: str,
                  roles: Collection[str]) -> StaffView | None:
    """Find the asking member if they hold one of ROLES; else say which role is needed."""
    who = member_or_reply(session, respond, lang, user_id)
    if who is not None and who.role not in roles:
        reply(respond, lang, "role_needed", roles=list(roles), role=who.role)
        return None
    return who
