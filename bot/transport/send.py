"""One attempt at delivering an outbox row: the Web API, a response_url or a file upload,
each with slack_sdk's own retry handlers for the short hiccups (429, 5xx, a dropped
connection); what still fails is Transient and waits in the outbox."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.webhook import WebhookClient

from bot.transport.outbox import wall_clock

TIMEOUT_SECONDS = 5
WAIT_IN_THREAD_SECONDS = 5  # a longer Retry-After waits in the outbox, not in a thread
RENDER_TRIES = 10  # e.g. a card update whose card never got posted
_TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                     "request_timeout"}
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,}$")
Render = Callable[[dict[str, Any]], "tuple[str, dict[str, Any]] | None"]


@dataclass(frozen=True)
class Delivered:
    """Where a message landed, when Slack says (a post has a channel and ts)."""

    channel: str | None = None
    ts: str | None = None


class Transient(Exception):
    """Slack could not take it now; try again later (after RETRY_AFTER seconds if known)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(headers: dict[str, Any]) -> float | None:
    for key, value in headers.items():
        if key.lower() == "retry-after":
            first = value[0] if isinstance(value, list) else value
            return float(first) if str(first).isdigit() else None
    return None


class _ShortRateLimit(RateLimitErrorRetryHandler):
    """Wait out a 429 in the thread only when Slack asks for a short pause."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = _retry_after(dict(response.headers))
        return wait is None or wait <= WAIT_IN_THREAD_SECONDS


def retry_handlers() -> list[RetryHandler]:
    """slack_sdk's retry handlers: connection errors, 429 (honouring Retry-After), 5xx."""
    return [ConnectionErrorRetryHandler(max_retry_count=2), _ShortRateLimit(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2)]


class Sender:
    """Deliver one row; raise Transient to try again later, anything else to give up."""

    def __init__(self, client: WebClient, *, renderers: dict[str, Render]) -> None:
        self._client = client
        self._renderers = renderers
        self._channel_ids: dict[str, str] = {}  # channel name -> ID, for uploads

    def send(self, kind: str, payload: dict[str, Any], *, attempts: int) -> Delivered:
        """Deliver a row of KIND: api, respond, file, or a kind rendered at sending time."""
        if kind == "respond":
            return self._respond(payload)
        if kind == "file":
            return self._file(payload)
        if kind in self._renderers:
            try:
                rendered = self._renderers[kind](payload)
            except Transient:
                if attempts >= RENDER_TRIES:
                    raise RuntimeError(f"{kind}: gave up after {attempts} tries") from None
                raise
            if rendered is None:
                return Delivered()
            return self._api(*rendered)
        return self._api(payload["method"], payload["args"])

    def _api(self, method: str, args: dict[str, Any]) -> Delivered:
        try:
            answer = self._client.api_call(method, json=args)
        except SlackApiError as exc:
            raise _classified(exc) from exc
        except (OSError, ValueError) as exc:  # connection, timeout, a body that is not JSON
            raise Transient(f"{method}: {exc!r}") from exc
        return Delivered(_text(answer.get("channel")), _text(answer.get("ts")))

    def _respond(self, payload: dict[str, Any]) -> Delivered:
        if datetime.fromisoformat(payload["expires"]) < wall_clock():
            raise RuntimeError("response_url expired")
        hook = WebhookClient(payload["url"], timeout=TIMEOUT_SECONDS,
                             retry_handlers=retry_handlers())
        try:
            answer = hook.send_dict(payload["body"])
        except (OSError, ValueError) as exc:
            raise Transient(f"response_url: {exc!r}") from exc
        if answer.status_code == 429 or answer.status_code >= 500:
            raise Transient(f"response_url: HTTP {answer.status_code}",
                            _retry_after(dict(answer.headers)))
        if answer.status_code != 200:
            raise RuntimeError(f"response_url: HTTP {answer.status_code} {answer.body[:80]}")
        return Delivered()

    def _file(self, payload: dict[str, Any]) -> Delivered:
        """Upload to a person's DM ("user") or to a channel ("channel", a name or an ID)."""
        try:
            if payload.get("channel"):
                channel = self._channel_id(str(payload["channel"]))
            else:
                opened = self._client.conversations_open(users=payload["user"])
                channel = str(opened["channel"]["id"])
            self._client.files_upload_v2(
                channel=channel, content=base64.b64decode(payload["content"]),
                filename=payload["filename"], title=payload["title"],
                initial_comment=payload["comment"])
        except SlackApiError as exc:
            raise _classified(exc) from exc
        except (OSError, ValueError) as exc:
            raise Transient(f"file: {exc!r}") from exc
        return Delivered(channel)

    def _channel_id(self, name: str) -> str:
        """A channel's ID: uploads take only IDs, while the policy may name the channel."""
        wanted = name.lstrip("#")
        if _CHANNEL_ID.match(wanted):
            return wanted
        if wanted not in self._channel_ids:
            for page in self._client.conversations_list(
                    types="public_channel,private_channel", exclude_archived=True, limit=500):
                for c in page.get("channels") or []:
                    self._channel_ids[str(c["name"])] = str(c["id"])
        if wanted not in self._channel_ids:
            raise RuntimeError(f"no channel #{wanted} the bot can see")
        return self._channel_ids[wanted]


def _text(value: Any) -> str | None:
    return str(value) if value else None


def _classified(exc: SlackApiError) -> Exception:
    status = exc.response.status_code
    error = str(exc.response.get("error") or "") if isinstance(exc.response.data, dict) else ""
    if status == 429 or status >= 500 or error in _TRANSIENT_ERRORS:
        return Transient(f"HTTP {status} {error}", _retry_after(dict(exc.response.headers)))
    return RuntimeError(f"Slack said {error or status}")
