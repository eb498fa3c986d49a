"""Send what a use case answered: the private reply, then posts, updates and DMs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from sqlmodel import Session

from bot.context import Context
from bot.handlers.common import member_or_reply, reply_usage
from bot.handlers.home import home_renderer, refresh
from bot.parse.common import UsageError
from bot.render.blocks import Message
from bot.render.buttons import with_buttons, with_choices
from bot.render.labels import rule_labeler
from bot.render.text import Lang, render
from bot.services import handover, home, requests, roster, rounds
from bot.services.errors import Refused
from bot.services.requests import Answer, Notice, Outcome, Ref, RequestView, Update
from bot.services.staff import StaffView
from bot.transport.send import Delivered, Render, Transient


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
            people = home.concerned(session, actor=who.slack_id, answer=answer)
    except Refused as err:
        refused(ctx, respond, lang, err)
        return
    except UsageError as err:  # e.g. a person named in the command is not on the team
        reply_usage(respond, lang, err)
        return
    deliver(ctx, respond, lang, answer)
    refresh(ctx, people)


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
    ctx.post("chat.postMessage", then=list(notice.attach) if notice.attach else None,
             channel=channel, **body)


def remember(session: Session, then: list[Any], done: Delivered) -> None:
    """Once a message is posted, remember where, to update it in place later."""
    kind, ref = str(then[0]), int(then[1])
    assert done.channel is not None and done.ts is not None
    if kind == "draft":
        roster.attach_draft_message(session, draft_id=ref, channel=done.channel, ts=done.ts)
    elif kind == "round":
        rounds.attach_message(session, round_id=ref, channel=done.channel, ts=done.ts)
    elif kind == "handover":  # a reader's copy of a handover
        handover.attach_message(session, read_id=ref, channel=done.channel, ts=done.ts)
    else:  # a request's card, or the swap counterpart's DM
        requests.attach_message(session, request_id=ref, channel=done.channel, ts=done.ts,
                                counterpart=kind == "swap_dm")


def rewrite(ctx: Context, update: Update) -> None:
    """Rewrite an earlier message in place, in its reader's language."""
    lang = ctx.team_lang if update.team else ctx.lang_for(update.reader)
    body = message(ctx, lang, update.template, update.data, update.buttons, update.ref)
    ctx.post("chat.update", channel=update.channel, ts=update.ts, **body)


def _card(ctx: Context, r: RequestView) -> Message:
    buttons = "request" if r.state == requests.PENDING else None
    return message(ctx, ctx.team_lang, "request_card", {"r": r}, buttons, r.id)


def card_renderers(ctx: Context) -> dict[str, Render]:
    """A request's card (and a person's App Home) is drawn when it is sent, so a late one
    shows the current state."""

    def load(payload: dict[str, Any]) -> RequestView | None:
        with ctx.session() as session:
            return requests.get(session, request_id=int(payload["request"]), policy=ctx.policy)

    def card(payload: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        r = load(payload)
        return None if r is None else ("chat.postMessage",
                                       {"channel": ctx.approvals_channel, **_card(ctx, r)})

    def card_update(payload: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        r = load(payload)
        if r is None:
            return None
        if not (r.channel and r.ts):
            raise Transient("the card is not posted yet")
        return "chat.update", {"channel": r.channel, "ts": r.ts, **_card(ctx, r)}

    return {"card": card, "card_update": card_update, "home": home_renderer(ctx)}


def post_request(ctx: Context, r: RequestView) -> None:
    """Post a request with Approve / Reject to the approvals channel; remember where."""
    ctx.enqueue("card", {"request": r.id, "then": ["request", r.id]})


def show_decision(ctx: Context, outcome: Outcome) -> None:
    """Update the request's message in place and tell the requester."""
    r = outcome.request
    ctx.enqueue("card_update", {"request": r.id})
    if r.decided_by != r.requester.slack_id:  # no DM about one's own cancellation
        send(ctx, Notice(r.requester.slack_id, "request_decided_dm",
                         {"r": r, "effect": outcome.effect}))
