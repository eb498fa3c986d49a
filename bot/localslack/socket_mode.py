"""A local stand-in for Slack's Socket Mode endpoint.

The bot asks the Web API stand-in for `apps.connections.open` with its app token and gets a
`ws://127.0.0.1:PORT/link/?ticket=…` URL; it connects here over a websocket (RFC 6455, with
the standard library only), is greeted with `hello`, and receives envelopes (slash_commands,
interactive, events_api) that it must acknowledge with their envelope_id — Slack wants that
within 3 seconds. `drop()` ends a connection: as Slack refreshes one, without warning, or
by a reset.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import struct
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Literal

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455's key suffix
ACK_WITHIN = 3.0  # seconds Slack gives an envelope to be acknowledged
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


@dataclass(frozen=True)
class Ack:
    """An envelope's acknowledgement: its response payload, if any, and how long it took."""

    envelope_id: str
    payload: dict[str, Any] | None
    seconds: float
    link: int  # which connection (1, 2, …) carried the envelope


def _frame(opcode: int, data: bytes) -> bytes:
    """A final, unmasked frame, as a server sends them."""
    size = len(data)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    return head + data


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the client closed the connection")
        data += chunk
    return data


def _read_frame(sock: socket.socket) -> tuple[int, bytes]:
    """Read one frame from the client (clients mask what they send)."""
    first, second = _read_exactly(sock, 2)
    size = second & 0x7F
    if size == 126:
        size = struct.unpack("!H", _read_exactly(sock, 2))[0]
    elif size == 127:
        size = struct.unpack("!Q", _read_exactly(sock, 8))[0]
    mask = _read_exactly(sock, 4) if second & 0x80 else b"\0\0\0\0"
    data = _read_exactly(sock, size)
    return first & 0x0F, bytes(b ^ mask[i % 4] for i, b in enumerate(data))


class _Link:
    """One websocket connection from the bot."""

    def __init__(self, number: int, sock: socket.socket) -> None:
        self.number = number
        self.sock = sock
        self.open = True
        self._send_lock = threading.Lock()

    def send(self, opcode: int, data: bytes) -> None:
        with self._send_lock:
            self.sock.sendall(_frame(opcode, data))

    def send_json(self, message: dict[str, Any]) -> None:
        self.send(TEXT, json.dumps(message, ensure_ascii=False).encode())

    def close(self, code: int = 1001) -> None:
        """Send a close frame and stop sending; the reader drains what the client still sends
        until it closes its end (closing with unread data would reset the connection)."""
        if self.open:
            self.open = False
            try:
                self.send(CLOSE, struct.pack("!H", code))
                self.sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the client went first

    def reset(self) -> None:
        """End the connection with a TCP reset: no close frame, as when a network drops it."""
        self.open = False
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


class SocketModeStandIn:
    """Serve Socket Mode on 127.0.0.1: hand out URLs, greet, send envelopes, record acks."""

    def __init__(self, app_id: str = "A0LOCAL") -> None:
        self.app_id = app_id
        self._cond = threading.Condition()
        self._tickets: set[str] = set()
        self._links: list[_Link] = []
        self._sent: dict[str, tuple[float, int]] = {}
        self._acks: dict[str, Ack] = {}
        self.urls_issued = 0
        self._server: socket.socket | None = None

    def start(self) -> SocketModeStandIn:
        """Listen on a free port and accept connections in a daemon thread."""
        self._server = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, args=(self._server,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Close every connection and stop listening."""
        if self._server is not None:
            self._server.close()
            self._server = None
        with self._cond:
            links = list(self._links)
        for link in links:
            link.close()

    @property
    def port(self) -> int:
        """The port the stand-in listens on."""
        if self._server is None:
            raise RuntimeError("SocketModeStandIn is not started")
        return int(self._server.getsockname()[1])

    def issue_url(self) -> str:
        """A fresh single-use URL, as apps.connections.open answers."""
        ticket = secrets.token_hex(8)
        with self._cond:
            self._tickets.add(ticket)
            self.urls_issued += 1
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}"

    @property
    def connections(self) -> int:
        """How many connections were ever greeted with hello."""
        with self._cond:
            return len(self._links)

    def wait_connections(self, count: int, timeout: float = 30.0) -> None:
        """Wait until COUNT connections have been greeted (the bot connected or reconnected)."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._links) >= count, timeout):
                raise AssertionError(f"{len(self._links)} connection(s), not {count}, "
                                     f"within {timeout}s")

    def send(self, kind: str, payload: dict[str, Any], *, accepts_response_payload: bool = False,
             retry_attempt: int = 0, retry_reason: str = "") -> str:
        """Send an envelope on the newest connection; return its envelope_id."""
        envelope_id = secrets.token_hex(16)
        envelope: dict[str, Any] = {"envelope_id": envelope_id, "type": kind,
                                    "payload": payload,
                                    "accepts_response_payload": accepts_response_payload}
        if kind == "events_api":
            envelope.update(retry_attempt=retry_attempt, retry_reason=retry_reason)
        with self._cond:
            link = self._links[-1]
            self._sent[envelope_id] = (time.monotonic(), link.number)
        link.send_json(envelope)
        return envelope_id

    def wait_ack(self, envelope_id: str, within: float = ACK_WITHIN) -> Ack:
        """The envelope's ack; fail as Slack would if it does not come WITHIN seconds."""
        with self._cond:
            sent_at = self._sent[envelope_id][0]
            left = sent_at + within - time.monotonic()
            if not self._cond.wait_for(lambda: envelope_id in self._acks, max(left, 0.0)) \
                    or self._acks[envelope_id].seconds > within:
                raise AssertionError(f"envelope {envelope_id} not acknowledged within {within}s")
            return self._acks[envelope_id]

    def drop(self, how: Literal["refresh", "close", "reset"]) -> None:
        """End the newest connection: "refresh" as Slack does from time to time (a
        `disconnect` message, then a close frame), "close" without warning (a close frame
        alone), "reset" as a network failure does (a TCP reset, no frame)."""
        with self._cond:
            link = self._links[-1]
        if how == "reset":
            return link.reset()
        if how == "refresh":
            link.send_json({"type": "disconnect", "reason": "refresh_requested",
                            "debug_info": {"host": "localslack"}})
            time.sleep(0.2)  # as Slack does, leave the bot a moment to open the next one
        return link.close()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                sock, _ = server.accept()
            except OSError:
                return  # stopped
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _handshake(self, sock: socket.socket) -> bool:
        """Answer the HTTP upgrade; only a URL this stand-in issued, once, is let in."""
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = sock.recv(1024)
            if not chunk:
                return False
            request += chunk
        lines = request.decode("latin-1").split("\r\n")
        target = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 2 else ""
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.partition(":") for line in lines[1:] if ":" in line)}
        ticket = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("ticket", [""])[0]
        with self._cond:
            known = ticket in self._tickets
            self._tickets.discard(ticket)
        key = headers.get("sec-websocket-key", "")
        if not known or not key:
            sock.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return False
        accept = base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()
        sock.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        return True

    def _serve(self, sock: socket.socket) -> None:
        with sock:
            if not self._handshake(sock):
                return
            with self._cond:
                link = _Link(len(self._links) + 1, sock)
                self._links.append(link)
                self._cond.notify_all()
            link.send_json({"type": "hello", "num_connections": 1,
                            "debug_info": {"host": "localslack", "build_number": 1,
                                           "approximate_connection_time": 3600},
                            "connection_info": {"app_id": self.app_id}})
            self._read(link)

    def _read(self, link: _Link) -> None:
        """Answer pings, record acks, until the connection ends."""
        try:
            while True:
                opcode, data = _read_frame(link.sock)
                if opcode == PING and link.open:
                    link.send(PONG, data)
                elif opcode == CLOSE:
                    break
                elif opcode == TEXT:
                    self._record(link, json.loads(data.decode()))
        except (OSError, ValueError):
            pass  # closed by the client, reset, or garbage: the connection is over
        finally:
            link.open = False

    def _record(self, link: _Link, message: dict[str, Any]) -> None:
        envelope_id = str(message.get("envelope_id", ""))
        with self._cond:
            sent = self._sent.get(envelope_id)
            if sent is None or envelope_id in self._acks:
                return
            payload = message.get("payload")
            self._acks[envelope_id] = Ack(envelope_id, payload if isinstance(payload, dict)
                                          else None, time.monotonic() - sent[0], sent[1])
            self._cond.notify_all()
