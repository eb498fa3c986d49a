"""The forms' two paths through the inbox: opening a form fast, and filing a submission.

Opening. `views.open` takes a trigger_id that Slack honours for 3 s only, so the call can
wait neither in the outbox (sent in order, retried with back-off) nor behind the worker's
queue (one thread, maybe busy with other members' requests). The listener stores the request
in the inbox like every other (a retried delivery is not opened twice) and acks; then, on the
request's own thread and ahead of background work in the database's queue (`inbox.waited_for`), it
marks the item working, reads what the form shows, calls `views.open` directly and marks the
item done; no transaction is open during the call. This is the fast lane: the only Slack call
not made through the outbox. A request a restart resumes finds its trigger expired and is
answered with the command to type instead.

Submitting. Slack waits for the answer to a `view_submission` (field errors go back in the
ack, within 3 s). The submission is stored under its own identity: the view's ID and hash
and the values typed, so a double submit is stored once while a corrected one is new. It is
worked at once, on a thread of its own and ahead of background work, in one transaction with
all it changes and the messages it causes, while the listener waits up to FORM_WAIT: valid,
the modal closes and the answer comes to the member's DM; invalid, the errors show on the
fields and nothing is stored. Work slower than that closes the modal; the answer, errors
included, then comes by DM (as it does for a submission a restart resumes).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk.errors import SlackApiError

from bot.context import Context
from bot.handlers.common import member_or_reply, reply
from bot.handlers.forms.base import Form
from bot.handlers.inbound import (
    DurableRespond,
    Listener,
    Route,
    never_slow,
    process,
    user_of,
)
from bot.transport import inbox

OPEN_ROUTE = "form_open"
OPEN_WINDOW = timedelta(seconds=3)  # how long Slack honours a trigger_id
FORM_WAIT = 2.0  # seconds a submission's listener waits for its work before it acks
REMEMBERED = 1000  # refused submissions whose errors are kept for a second press of Submit
Finder = Callable[[dict[str, Any]], Form | None]


def opener(ctx: Context, find: Finder) -> Listener:
    """A listener that stores the request, acks and opens FIND(body)'s form at once."""
    ctx.routes[OPEN_ROUTE] = Route(_open_work(ctx, find), slow=lambda _body: True)

    def open_form(ack: Ack, body: dict[str, Any]) -> None:
        item_id = inbox.store(ctx.engine, route=OPEN_ROUTE, body=body, now=ctx.clock())
        ack()
        if item_id is not None:
            with inbox.waited_for():  # here, not behind the worker's queue: the trigger expires
                process(ctx, item_id)

    return open_form


def _open_work(ctx: Context, find: Finder) -> Callable[[dict[str, Any], Respond, datetime],
                                                        None]:
    def work(body: dict[str, Any], respond: Respond, received_at: datetime) -> None:
        form, user = find(body), user_of(body) or ""
        lang = ctx.lang_for(user)
        if form is None:
            return None
        if not respond.response_url:  # a global shortcut or a Home click: answer by DM
            respond = DurableRespond(ctx, None, dm=user)
        if ctx.clock() - received_at > OPEN_WINDOW:
            return reply(respond, lang, "form_expired", form=form.name)
        with ctx.session() as session:
            who = member_or_reply(session, respond, lang, user)
            if who is None:
                return None
            if form.roles and who.role not in form.roles:
                return reply(respond, lang, "role_needed", roles=list(form.roles), role=who.role)
            view = form.draw(ctx, session, who, lang, received_at, prefill_of(body))
        try:
            ctx.web().views_open(trigger_id=str(body["trigger_id"]), view=view)
        except SlackApiError:
            reply(respond, lang, "form_expired", form=form.name)
        return None

    return work


def prefill_of(body: dict[str, Any]) -> dict[str, str]:
    """What the request already says: a command's words, a shortcut's message text and
    its first image."""
    message = body.get("message") or {}
    images = [f for f in message.get("files") or []
              if f.get("id") and str(f.get("mimetype", "")).startswith("image/")]
    found = {"text": str(body.get("text") or message.get("text") or "")}
    if images:
        found["file"] = str(images[0]["id"])
        if images[0].get("permalink"):
            found["url"] = str(images[0]["permalink"])
    return found


def submission_key(body: dict[str, Any]) -> str:
    """A submission's identity: the view, its hash and what was filled in."""
    view = body.get("view") or {}
    values = json.dumps((view.get("state") or {}).get("values") or {}, sort_keys=True)
    digest = hashlib.sha256(values.encode()).hexdigest()[:32]
    return f"v:{view.get('id')}:{view.get('hash', '')}:{digest}"


def _urgently(ctx: Context, item_id: int) -> None:
    """Work a stored request ahead of background work in the database's queue."""
    with inbox.waited_for():
        process(ctx, item_id)


class Waiting:
    """Submissions whose listener still waits for the field errors to send back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, list[dict[str, str]]] = {}
        # the errors of recent refused submissions: Submit pressed again without a change is
        # the same key, already in the inbox, and must get the same errors, not a closed form
        self._refused: OrderedDict[str, dict[str, str]] = OrderedDict()

    def expect(self, key: str) -> None:
        """A listener starts waiting for KEY."""
        with self._lock:
            self._slots[key] = []

    def give(self, key: str, errors: dict[str, str]) -> bool:
        """Hand ERRORS to the waiting listener; False when none waits any more."""
        with self._lock:
            slot = self._slots.get(key)
            if slot is None:
                return False
            slot.append(errors)
            return True

    def take(self, key: str) -> dict[str, str] | None:
        """Stop waiting; the errors handed over, if any."""
        with self._lock:
            slot = self._slots.pop(key, None)
            if slot:
                self._refused[key] = slot[0]
                while len(self._refused) > REMEMBERED:
                    self._refused.popitem(last=False)
        return slot[0] if slot else None

    def refused(self, key: str) -> dict[str, str] | None:
        """The errors a submission with this key was refused with, if it was recently."""
        with self._lock:
            return self._refused.get(key)


def submitter(ctx: Context, form: Form, waiting: Waiting,
              work: Callable[[dict[str, Any], Respond, datetime], None]) -> Listener:
    """A view_submission listener: store, have WORK file it, ack with its field errors."""
    route = form.callback_id
    ctx.routes[route] = Route(work, never_slow)

    def submit(ack: Ack, body: dict[str, Any]) -> None:
        key = submission_key(body)
        ctx.lang_for(user_of(body))  # learned here, not inside the worker's transaction
        waiting.expect(key)
        item_id = inbox.store(ctx.engine, route=route, body=body, now=ctx.clock(), key=key)
        if item_id is not None:
            filing = threading.Thread(target=_urgently, args=(ctx, item_id), daemon=True,
                                      name=f"form-{item_id}")
            filing.start()
            filing.join(FORM_WAIT)  # slower work answers by DM
            errors = waiting.take(key)
        else:  # filed before: a valid one stays filed once, a refused one is refused again
            waiting.take(key)
            errors = waiting.refused(key)
        if errors:
            ack(response_action="errors", errors=errors)
        else:
            ack()

    return submit

