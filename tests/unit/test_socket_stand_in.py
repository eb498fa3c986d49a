"""The Socket Mode stand-in keeps Slack's rules: only an app token gets a URL, a URL lets one
connection in, the connection is greeted with hello, and an envelope not acknowledged in time
is a failure."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import struct
import urllib.parse
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.localslack.api import FakeSlackApi
from bot.localslack.socket_mode import SocketModeStandIn


@pytest.fixture
def api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        fake.socket_mode = SocketModeStandIn().start()
        yield fake
        fake.socket_mode.stop()


def open_url(api: FakeSlackApi, token: str) -> str:
    return str(WebClient(base_url=api.url).apps_connections_open(app_token=token)["url"])


def upgrade(url: str) -> tuple[socket.socket, bytes]:
    """Connect and ask for the websocket; return the socket and the HTTP answer's head."""
    parts = urllib.parse.urlsplit(url)
    sock = socket.create_connection((parts.hostname or "", parts.port or 80), timeout=5)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.hostname}\r\n"
                  "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    if b" 101 " in head:
        accept = base64.b64encode(hashlib.sha1(
            (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        assert b"Sec-WebSocket-Accept: " + accept in head
    return sock, head


def read_json(sock: socket.socket) -> dict[str, object]:
    first, size = sock.recv(2)
    assert first == 0x81  # a final text frame, unmasked
    if size == 126:
        size = struct.unpack("!H", sock.recv(2))[0]
    data = b""
    while len(data) < size:
        data += sock.recv(size - len(data))
    loaded = json.loads(data)
    assert isinstance(loaded, dict)
    return loaded


def send_json(sock: socket.socket, message: dict[str, object]) -> None:
    """Send a masked text frame, as a client must."""
    data, mask = json.dumps(message).encode(), os.urandom(4)
    assert len(data) < 126
    sock.sendall(bytes([0x81, 0x80 | len(data)]) + mask
                 + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def test_only_an_app_token_gets_a_socket_mode_url(api: FakeSlackApi) -> None:
    with pytest.raises(SlackApiError) as refused:
        open_url(api, "xoxb-bot-token")
    assert refused.value.response["error"] == "not_allowed_token_type"
    assert open_url(api, "xapp-1-A0LOCAL-x").startswith("ws://127.0.0.1:")


def test_a_url_lets_one_connection_in_and_it_is_greeted_with_hello(api: FakeSlackApi) -> None:
    url = open_url(api, "xapp-1-A0LOCAL-x")
    sock, head = upgrade(url)
    with sock:
        assert head.startswith(b"HTTP/1.1 101 ")
        assert read_json(sock)["type"] == "hello"
        again, refused = upgrade(url)
        again.close()
        assert refused.startswith(b"HTTP/1.1 403 ")
    made_up, refused = upgrade(url.split("?")[0] + "?ticket=0123456789abcdef")
    made_up.close()
    assert refused.startswith(b"HTTP/1.1 403 ")


def test_an_envelope_counts_as_acknowledged_only_by_its_envelope_id(api: FakeSlackApi) -> None:
    assert api.socket_mode is not None
    sock, _ = upgrade(open_url(api, "xapp-1-A0LOCAL-x"))
    with sock:
        read_json(sock)
        envelope_id = api.socket_mode.send("events_api", {"event": {"type": "app_mention"}})
        assert read_json(sock)["envelope_id"] == envelope_id
        send_json(sock, {"envelope_id": "someone-else"})
        with pytest.raises(AssertionError, match="not acknowledged"):
            api.socket_mode.wait_ack(envelope_id, within=0.3)
        second = api.socket_mode.send("events_api", {"event": {"type": "app_mention"}})
        read_json(sock)
        send_json(sock, {"envelope_id": second})
        assert api.socket_mode.wait_ack(second).link == 1
