"""Act only on requests Bolt verified, and let replies to them give up within seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, Respond
from slack_sdk.webhook import WebhookClient, WebhookResponse

_VERIFIED = "kefu_verified"


class TimedRespond(Respond):
    """Bolt's respond(), but its POST to response_url gives up after `timeout` seconds."""

    def __init__(self, *, response_url: str | None, timeout: int) -> None:
        super().__init__(response_url=response_url)
        self.timeout = timeout

    def __call__(self, *args: Any, **fields: Any) -> WebhookResponse:
        """Post the message given as keyword fields (text, blocks, replace_original…)."""
        # Bolt's own respond() builds its WebhookClient inside, with a 30 s default timeout.
        if args:
            raise TypeError("respond() takes keyword fields only")
        if self.response_url is None:
            raise ValueError("respond() needs a response_url; this request has none")
        # As Bolt does: text always present, unset fields and empty block lists left out.
        message = {k: v for k, v in {"text": "", **fields}.items() if v is not None and v != []}
        return WebhookClient(self.response_url, timeout=self.timeout).send_dict(message)


def register(app: App, timeout: int) -> None:
    """Mark each request that got past Bolt's checks and give it a respond() with a timeout."""

    def mark_verified(context: BoltContext, next_: Callable[[], None]) -> None:
        # Global middleware runs in order, ours after Bolt's request verification: reaching
        # here means the signature held (or Socket Mode, authenticated, brought the request).
        context[_VERIFIED] = True
        context["respond"] = TimedRespond(response_url=context.response_url, timeout=timeout)
        next_()

    app.middleware(mark_verified)


def verified_respond(context: BoltContext) -> Respond | None:
    """The request's respond(), or None if Bolt never verified it (its body may be forged)."""
    respond = context.get("respond")
    return respond if context.get(_VERIFIED) is True and isinstance(respond, Respond) else None
