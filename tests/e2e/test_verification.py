"""Requests Slack did not sign are refused with 401, before the bot reaches out or reads data."""

from __future__ import annotations

import hashlib
import hmac
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any

import pytest
import sqlalchemy as sa
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.webhook import WebhookClient
from sqlalchemy import event

from bot.app import create_app
from bot.web import HttpServer
from db.models import AuditLog, Punch
from tests.e2e.harness import SECRET, Bot

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def stalled() -> Iterator[tuple[str, list[socket.socket]]]:
    """A URL on a local port that accepts connections and never answers, and those accepted."""
    server, accepted, stop = socket.create_server(("127.0.0.1", 0)), [], threading.Event()
    server.settimeout(0.05)

    def accept() -> None:
        while not stop.is_set():
            with suppress(TimeoutError):
                accepted.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/hook", accepted
    stop.set()
    thread.join()
    for conn in [*accepted, server]:  # closing frees any client stuck on it at once
        conn.close()


def command_body(response_url: str, text: str = "in") -> bytes:
    """A /clock slash command from a team member, shaped as Slack sends it."""
    return urllib.parse.urlencode({
        "token": "t", "team_id": "T0LOCAL", "channel_id": "C0KEFU", "channel_name": "kefu",
        "user_id": "U0A1", "user_name": "chen", "command": "/clock", "text": text,
        "api_app_id": "A0LOCAL", "response_url": response_url,
        "trigger_id": "1.T0LOCAL.x"}).encode()


def headers(body: bytes, *, timestamp: str | None = None, secret: str = SECRET,
            omit: str = "") -> dict[str, str]:
    """Slack's signature headers for BODY, optionally with a given timestamp or one left out."""
    ts = str(int(time.time())) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256)
    sent = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + digest.hexdigest()}
    return {k: v for k, v in sent.items() if k != omit}


def post(url: str, body: bytes, extra: dict[str, str], timeout: float = 10.0) -> int:
    """POST a raw body to URL; return the HTTP status."""
    request = urllib.request.Request(url, body, {"Content-Type": FORM, **extra}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def statements(bot: Bot) -> Iterator[list[str]]:
    """Collect every SQL statement the bot's engine runs inside the block, but the outbox
    sweeper's: it looks for due messages every second whatever arrives."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if threading.current_thread().name != "outbox":
            seen.append(statement)

    event.listen(bot.ctx.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(bot.ctx.engine, "before_cursor_execute", record)


def assert_refused_untouched(bot: Bot, body: bytes, extra: dict[str, str],
                             status: int = 401, url: str | None = None) -> None:
    """Send the request: it gets STATUS, no call goes out and the database is not touched."""
    bot.add_staff("U0A1", "陈晓")
    before = len(bot.rows(Punch)), len(bot.rows(AuditLog))
    seq = bot.api.last_seq
    with statements(bot) as seen:
        assert post(url or bot.url + "/slack/events", body, extra) == status
        bot.idle()
        calls = bot.api.wait_quiet(seq)
    assert [c.method for c in calls] == []
    assert seen == []
    assert (len(bot.rows(Punch)), len(bot.rows(AuditLog))) == before


@pytest.mark.parametrize("timestamp", ["abc", "1795770237.5", "9" * 400, ""],
                         ids=["non-numeric", "fractional", "400-digits", "empty"])
def test_a_malformed_timestamp_gets_401_and_nothing_else(bot: Bot, timestamp: str) -> None:
    body = command_body(bot.api.new_response_url("C0KEFU"))
    assert_refused_untouched(bot, body, headers(body, timestamp=timestamp))


@pytest.mark.parametrize("how", [
    pytest.param({"omit": "X-Slack-Request-Timestamp"}, id="no-timestamp"),
    pytest.param({"omit": "X-Slack-Signature"}, id="no-signature"),
    pytest.param({"secret": "not-the-secret"}, id="wrong-signature"),
    pytest.param({"timestamp": str(int(time.time()) - 600)}, id="stale"),
])
def test_a_missing_wrong_or_stale_signature_gets_401_and_nothing_else(
        bot: Bot, how: dict[str, Any]) -> None:
    body = command_body(bot.api.new_response_url("C0KEFU"))
    assert_refused_untouched(bot, body, headers(body, **how))


def test_a_signature_that_is_not_ascii_gets_401(bot: Bot) -> None:
    body = command_body(bot.api.new_response_url("C0KEFU"))
    signed = headers(body) | {"X-Slack-Signature": "v0=" + "é" * 64}
    assert_refused_untouched(bot, body, signed)


def test_a_signed_body_that_is_not_utf8_gets_401(bot: Bot) -> None:
    body = command_body(bot.api.new_response_url("C0KEFU")) + b"&x=\xff\xfe"
    assert_refused_untouched(bot, body, headers(body))


def test_a_signed_body_over_a_mebibyte_gets_413(bot: Bot) -> None:
    body = command_body(bot.api.new_response_url("C0KEFU"), text="x" * (1 << 20))
    assert_refused_untouched(bot, body, headers(body), status=413)


def test_bolt_alone_also_refuses_a_bad_timestamp_without_acting(bot: Bot) -> None:
    # The second line of defence: Bolt's own check, reached without our screen in front.
    bolt_only = HttpServer(SlackRequestHandler(create_app(bot.ctx)), host="127.0.0.1",
                           port=0).start()
    try:
        body = command_body(bot.api.new_response_url("C0KEFU"))
        assert_refused_untouched(bot, body, headers(body, timestamp="abc"),
                                 url=f"http://127.0.0.1:{bolt_only.port}/slack/events")
    finally:
        bolt_only.stop()


def test_unverified_requests_to_a_stalled_url_do_not_delay_a_real_one(
        bot: Bot, stalled: tuple[str, list[socket.socket]]) -> None:
    url, accepted = stalled
    bot.add_staff("U0A1", "陈晓")
    body = command_body(url)
    with ThreadPoolExecutor(max_workers=20) as pool:
        pending = [pool.submit(post, bot.url + "/slack/events", body,
                               headers(body, timestamp="abc"))
                   for _ in range(20)]
        time.sleep(0.3)  # let them reach the server first, as an attack would
        start = time.monotonic()
        reply = bot.raw_command("U0A1", "/clock", "in", timeout=3.0)
        elapsed = time.monotonic() - start
        statuses = [p.result() for p in pending]
    assert reply.status == 200 and elapsed < 3.0
    assert statuses == [401] * 20
    assert accepted == []


def test_every_outbound_client_gives_up_within_seconds(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    send = WebhookClient.send_dict

    def spy(self: WebhookClient, body: dict[str, Any], headers: Any = None) -> Any:
        waits.append(self.timeout)
        return send(self, body, headers)

    monkeypatch.setattr(WebhookClient, "send_dict", spy)
    bot.add_staff("U0A1", "陈晓")
    bot.command("U0A1", "/roster")  # an ordinary reply, through respond()
    with bot.ctx.engine.begin() as conn:  # a real fault, so the error report replies too
        conn.execute(sa.text("DROP TABLE punch"))
    assert "出错了" in bot.command("U0A1", "/clock", "in")
    assert bot.ctx.web().timeout <= 5
    assert len(waits) == 2 and max(waits) <= 5


def test_a_signed_url_verification_still_answers_its_challenge(bot: Bot) -> None:
    reply = bot.sender.url_verification("challenge-42")
    assert reply.status == 200 and reply.json == {"challenge": "challenge-42"}


def test_slacks_unsigned_ssl_check_gets_200_and_nothing_else(bot: Bot) -> None:
    body = b"ssl_check=1&token=t"
    seq = bot.api.last_seq
    assert post(bot.url + "/slack/events", body, {}) == 200
    assert bot.api.wait_quiet(seq) == []
