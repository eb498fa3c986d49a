"""A request's path once Bolt has verified it: kept in the inbox, acknowledged, then worked
through once, in one transaction with everything it changes and every message it causes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk.models.attachments import Attachment
from slack_sdk.models.blocks import Block
from slack_sdk.models.metadata import Metadata
from slack_sdk.webhook import WebhookResponse

from bot.context import Context
from bot.handlers.errors import report_error
from bot.transport import inbox, outbox
from bot.transport.outbox import wall_clock

log = logging.getLogger("kefu")
Work = Callable[[dict[str, Any], Respond, datetime], None]
Listener = Callable[[Ack, dict[str, Any]], None]
RESPONSE_URL_LIFETIME = timedelta(minutes=30)  # Slack's limit for a response_url


@dataclass(frozen=True)
class Route:
    """What a stored request runs, and whether it is slow work (solver, reports)."""

    work: Work
    slow: Callable[[dict[str, Any]], bool]


def never_slow(_body: dict[str, Any]) -> bool:
    """Most work is a few database statements."""
    return False


def acked(ctx: Context, route: str, work: Work,
          slow: Callable[[dict[str, Any]], bool] = never_slow) -> Listener:
    """Make a listener that stores the request, acks, and has WORK done from the inbox.

    The ack goes out only once the request is committed to the inbox, so a crash after it
    loses nothing; a retried or replayed request (same trigger or event ID) is not stored
    again. The work runs at the instant the request arrived.
    """
    ctx.routes[route] = Route(work, slow)

    def listener(ack: Ack, body: dict[str, Any]) -> None:
        item_id = inbox.store(ctx.engine, route=route, body=body, now=ctx.clock())
        ack()
        if item_id is not None:
            user = user_of(body)
            if user and (body.get("response_url") or im_channel(body)):  # a reply is awaited
                ctx.lookups.submit(ctx.lang_for, user)
            submit(ctx, item_id, route, body)

    return listener


def submit(ctx: Context, item_id: int, route: str, body: dict[str, Any]) -> None:
    """Queue a stored request on the worker, or on the slow pool for slow work."""
    found: Route | None = ctx.routes.get(route)
    pool = ctx.slow if found is not None and found.slow(body) else ctx.worker
    pool.submit(process, ctx, item_id)


def resume(ctx: Context) -> int:
    """Queue every stored request a crash or restart left unfinished; return how many."""
    ids = inbox.unfinished(ctx.engine)
    for item_id in ids:
        item = inbox.load(ctx.engine, item_id)
        if item is not None:
            inbox.mark(ctx.engine, item_id, state="new", now=ctx.clock())
            submit(ctx, item_id, item.route, item.body)
    return len(ids)


def process(ctx: Context, item_id: int) -> None:
    """Do a stored request's work once; a failure is logged and the user is told."""
    item = inbox.load(ctx.engine, item_id)
    route: Route | None = ctx.routes.get(item.route) if item else None
    if item is None or route is None:
        return
    user = user_of(item.body)
    # A click on the App Home comes with nowhere to reply: the answer goes to the user's DM.
    on_view = (item.body.get("container") or {}).get("type") == "view"
    dm = user if on_view else im_channel(item.body)
    respond = DurableRespond(ctx, item.body.get("response_url"), dm=dm)
    if user and (respond.response_url or dm):
        ctx.lang_for(user)  # learn the language now, not while holding the transaction
    origin = outbox.ORIGIN.set(item.id)
    try:
        if route.slow(item.body):
            _run_slow(ctx, item, route, respond)
        else:
            with ctx.session() as session:  # one transaction for all the work
                if inbox.claim(session, item.id, state="done", now=ctx.clock()):
                    route.work(item.body, respond, item.received_at)
    except Exception as exc:  # noqa: BLE001 - reported with its traceback, user told
        inbox.mark(ctx.engine, item.id, state="failed", now=ctx.clock())
        report_error(ctx, item.body, exc, respond)
    finally:
        outbox.ORIGIN.reset(origin)


def _run_slow(ctx: Context, item: inbox.Item, route: Route, respond: Respond) -> None:
    """Slow work keeps no transaction open: it loads, computes, then writes briefly."""
    if inbox.mark(ctx.engine, item.id, state="working", now=ctx.clock()):
        route.work(item.body, respond, item.received_at)
        inbox.mark(ctx.engine, item.id, state="done", now=ctx.clock())


def user_of(body: dict[str, Any]) -> str | None:
    """The Slack user a request comes from (command, interaction or event)."""
    found = body.get("user_id") or (body.get("user") or {}).get("id") \
        or (body.get("event") or {}).get("user")
    return str(found) if isinstance(found, str) else None


def im_channel(body: dict[str, Any]) -> str | None:
    """The DM channel of a direct message to the bot: it is answered there."""
    event = body.get("event") or {}
    channel = event.get("channel")
    return channel if event.get("channel_type") == "im" and isinstance(channel, str) else None


class DurableRespond(Respond):
    """Bolt's `respond`, but the reply is an outbox row: kept with the request's changes and
    sent until Slack takes it. Private and additive unless asked otherwise; with no
    response_url (a click on the App Home, a direct message) it goes to the DM given."""

    def __init__(self, ctx: Context, response_url: str | None, dm: str | None = None) -> None:
        super().__init__(response_url=response_url or "")
        self._ctx = ctx
        self._dm = dm

    def __call__(self, text: str | dict[str, Any] = "",  # type: ignore[override]
                 blocks: list[dict[str, Any] | Block] | None = None,
                 attachments: list[dict[str, Any] | Attachment] | None = None,
                 response_type: str | None = None, replace_original: bool | None = None,
                 delete_original: bool | None = None, unfurl_links: bool | None = None,
                 unfurl_media: bool | None = None, thread_ts: str | None = None,
                 metadata: dict[str, Any] | Metadata | None = None) -> WebhookResponse:
        body: dict[str, Any] = {"text": text, "response_type": response_type or "ephemeral",
                                "replace_original": bool(replace_original)}
        if blocks:
            body["blocks"] = [b.to_dict() if isinstance(b, Block) else b for b in blocks]
        if not self.response_url and self._dm:
            self._ctx.post("chat.postMessage", channel=self._dm, text=body["text"],
                           **({"blocks": body["blocks"]} if blocks else {}))
        elif not self.response_url:
            log.warning("no response_url to answer on: %s", str(text)[:80])
        else:
            expires = (wall_clock() + RESPONSE_URL_LIFETIME).isoformat()
            self._ctx.enqueue("respond", {"url": self.response_url, "body": body,
                                          "expires": expires})
        return WebhookResponse(url=self.response_url or "", status_code=202, body="queued",
                               headers={})
