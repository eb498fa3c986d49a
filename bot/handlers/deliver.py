"""Send what a use case answered: the private reply, then posts, updates and DMs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from sqlmodel import Session

from bot.context import Context
from bot.handlers.common import member_or_reply, reply_usage
from bot.parse.common import UsageError
from bot.render.blocks import Message
from bot.render.buttons import with_buttons, with_choices
from bot.render.labels import rule_labeler
from bot.render.text import Lang, render
from bot.services import requests, roster
from bot.services.errors import Refused
from bot.services.requests import Answer, Notice, Outcome, Ref, RequestView, Update
from bot.services.staff import StaffView


def message(ctx: Context, lang: Lang, template: str, data: dict[str, Any],
            buttons: str | None = None, ref: Ref = None) -> Message:
    """Render a template with the rule names of the policy, and any buttons."""
    text = render(lang, template, rule=rule_labeler(ctx.policy, lang), **data)
    return with_buttons(text, buttons, lang, ref)


def answer_member(ctx: Context, respond: Respond, lang: Lang, user_id: str,
                  case: Callable[[Session, StaffView], Answer]) -> None:
    """Run CASE for a team member in one transaction, then deliver its answer.

    A refusal raised inside the transaction rolls it back before the user hears why.
    """
    try:
        with ctx.session() as session:
            who = member_or_reply(session, respond, lang, user_id)
            if who is None:
                return
            answer = case(session, who)
    except Refused as err:
        refused(ctx, respond, lang, err)
        return
    except UsageError as err:  # e.g. a person named in the command is not on the team
        reply_usage(respond, lang, err)
        return
    deliver(ctx, respond, lang, answer)


def deliver(ctx: Context, respond: Respond, lang: Lang, answer: Answer) -> None:
    """Reply privately, then send everything the answer asks for."""
    body = message(ctx, lang, answer.template, answer.data, answer.buttons, answer.ref)
    respond(**with_choices(body, answer.choices))
    if answer.new_request is not None:
        post_request(ctx, answer.new_request)
    if answer.decided is not None and answer.decided.changed:
        show_decision(ctx, answer.decided)
    for update in answer.updates:
        rewrite(ctx, update)
    for notice in answer.notices:
        send(ctx, notice)


def refused(ctx: Context, respond: Respond, lang: Lang, err: Refused) -> None:
    """Say why the rules refused; nothing was changed."""
    respond(**message(ctx, lang, "refused", {"reason": err.reason, "p": err.params}))


def send(ctx: Context, notice: Notice) -> None:
    """Post a notice to the team or approvals channel or a person's DM, in the reader's
    language."""
    channels = {"team": ctx.team_channel, "approvals": ctx.approvals_channel}
    lang = ctx.team_lang if notice.to in channels else ctx.lang_for(notice.to)
    channel = channels.get(notice.to, notice.to)
    body = message(ctx, lang, notice.template, notice.data, notice.buttons, notice.ref)
    posted = ctx.web().chat_postMessage(channel=channel, **body)
    if notice.attach is not None:
        _remember(ctx, notice.attach, str(posted["channel"]), str(posted["ts"]))


def _remember(ctx: Context, attach: tuple[str, int], channel: str, ts: str) -> None:
    kind, ref = attach
    with ctx.session() as session:
        if kind == "draft":
            roster.attach_draft_message(session, draft_id=ref, channel=channel, ts=ts)
        else:
            requests.attach_message(session, request_id=ref, channel=channel, ts=ts,
                                     counterpart=True)


def rewrite(ctx: Context, update: Update) -> None:
    """Rewrite an earlier message in place, in its reader's language."""
    lang = ctx.team_lang if update.team else ctx.lang_for(update.reader)
    body = message(ctx, lang, update.template, update.data, update.buttons, update.ref)
    ctx.web().chat_update(channel=update.channel, ts=update.ts, **body)


def _card(ctx: Context, r: RequestView) -> Message:
    buttons = "request" if r.state == requests.PENDING else None
    return message(ctx, ctx.team_lang, "request_card", {"r": r}, buttons, r.id)


def post_request(ctx: Context, r: RequestView) -> None:
    """Post a request with Approve / Reject to the approvals channel; remember where."""
    posted = ctx.web().chat_postMessage(channel=ctx.approvals_channel, **_card(ctx, r))
    with ctx.session() as session:
        requests.attach_message(session, request_id=r.id, channel=str(posted["channel"]),
                                 ts=str(posted["ts"]))


def show_decision(ctx: Context, outcome: Outcome) -> None:
    """Update the request's message in place and tell the requester."""
    r = outcome.request
    if r.channel and r.ts:
        ctx.web().chat_update(channel=r.channel, ts=r.ts, **_card(ctx, r))
    if r.decided_by != r.requester.slack_id:  # no DM about one's own cancellation
        send(ctx, Notice(r.requester.slack_id, "request_decided_dm",
                         {"r": r, "effect": outcome.effect}))
