"""A local stand-in for the Slack Web API that records every call it answers."""

from __future__ import annotations

import contextlib
import email.parser
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast

from bot.localslack.recorder import Call, CallLog
from bot.localslack.socket_mode import SocketModeStandIn
from bot.localslack.store import TEAM_ID, SlackState

__all__ = ["Call", "FakeSlackApi"]

_JSON_ARGS = frozenset({"blocks", "attachments", "view", "files", "metadata", "unfurls"})


def _decode_json_args(args: dict[str, Any]) -> dict[str, Any]:
    """Parse JSON-text arguments (form posts send blocks as text) into objects."""
    for key in _JSON_ARGS & args.keys():
        if isinstance(args[key], str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(args[key])
    return args


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Parse a form, JSON or multipart request body into a flat dict."""
    if content_type.startswith("application/json"):
        loaded = json.loads(body or b"{}")
        return dict(loaded) if isinstance(loaded, dict) else {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        parsed = email.parser.BytesParser().parsebytes(head + body)
        out: dict[str, Any] = {}
        for part in cast(list[Any], parsed.get_payload() if parsed.is_multipart() else []):
            raw = part.get_payload(decode=True) or b""
            name = part.get_param("name", header="content-disposition")
            out[name] = raw if part.get_filename() else raw.decode("utf-8", "replace")
        return out
    return dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


@dataclass
class Fault:
    """Answer the next TIMES calls to METHOD with STATUS (429 carries Retry-After)."""

    method: str
    status: int
    times: int
    retry_after: int | None = None


class FakeSlackApi(CallLog):
    """Serve Slack-like Web API answers on 127.0.0.1 and record each call.

    `latency` adds a round trip to every answer; `fail()` makes the next calls of a method
    answer 429 or 5xx, as Slack does on a bad minute (each is recorded with its status).
    """

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__()
        self.state = SlackState()
        self.latency = latency
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        # Where apps.connections.open sends a bot that connects over Socket Mode, if anywhere.
        self.socket_mode: SocketModeStandIn | None = None

    def fail(self, method: str, status: int, times: int, retry_after: int | None = None) -> None:
        """Answer the next TIMES calls of METHOD ("response_url" for replies) with STATUS."""
        with self._lock:
            self._faults.append(Fault(method, status, times, retry_after))

    def take_fault(self, method: str) -> Fault | None:
        """The fault this call of METHOD meets, if any (each fault is used TIMES times)."""
        with self._lock:
            for fault in self._faults:
                if fault.method == method and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def start(self) -> FakeSlackApi:
        """Start serving in a daemon thread on a free port."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        cast(Any, self._server).fake_api = self
        self.state.upload_base = self._base() + "upload/"
        serve = self._server.serve_forever
        threading.Thread(target=serve, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSlackApi:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _base(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeSlackApi is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def url(self) -> str:
        """Base URL for slack_sdk's WebClient(base_url=...)."""
        return self._base() + "api/"

    def new_response_url(self, channel_id: str | None = None,
                         message_ts: str | None = None) -> str:
        """Issue a response_url, optionally tied to the message it may replace."""
        token = secrets.token_hex(8)
        with self._lock:
            self.state.response_targets[token] = (channel_id, message_ts)
        return self._base() + "response/" + token

    def response_target(self, token: str) -> tuple[str | None, str | None]:
        """Return the (channel_id, message_ts) a response_url token was issued for."""
        with self._lock:
            return self.state.response_targets.get(token, (None, None))

    def add_user(self, user_id: str, name: str, locale: str = "zh-CN") -> None:
        """Register a workspace member that users.info can describe."""
        profile = {"real_name": name, "display_name": name}
        with self._lock:
            self.state.users[user_id] = {
                "id": user_id, "team_id": TEAM_ID, "name": name, "real_name": name,
                "tz": "Asia/Shanghai", "tz_label": "China Standard Time", "tz_offset": 28800,
                "is_bot": False, "deleted": False, "profile": profile, "locale": locale}

    def user(self, user_id: str) -> dict[str, Any] | None:
        """Return a registered member's users.info record."""
        with self._lock:
            found = self.state.users.get(user_id)
            return dict(found) if found else None

    def next_ts(self) -> str:
        """Return a fresh message timestamp (e.g. for an ephemeral message)."""
        with self._lock:
            return self.state.next_ts()

    def add_channel(self, name: str, channel_id: str | None = None) -> str:
        """Register a channel by name (and ID, if known) and return its ID."""
        with self._lock:
            return self.state.add_channel(name, channel_id)

    def channel_id(self, name_or_id: str) -> str:
        """Return the channel ID for "kefu" or "#kefu"; IDs pass through."""
        with self._lock:
            return self.state.resolve_channel(name_or_id)

    def channel_name(self, channel_id: str) -> str:
        """Show a channel as "#kefu" or "DM with NAME"."""
        with self._lock:
            return self.state.channel_name(channel_id)

    def message(self, channel_id: str, ts: str) -> dict[str, Any] | None:
        """Return the current state of a posted message, or None once deleted."""
        with self._lock:
            found = self.state.messages.get((channel_id, ts))
            return dict(found) if found else None

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """Return the App Home view last published for a user."""
        with self._lock:
            return self.state.home_views.get(user_id)

    def issue_trigger(self, trigger_id: str, user_id: str) -> None:
        """Remember a trigger_id sent with an interaction, for views.open."""
        with self._lock:
            self.state.issue_trigger(trigger_id, user_id)

    def open_modal(self, user_id: str) -> dict[str, Any] | None:
        """The modal open on USER's screen now (as last opened or updated), if any."""
        with self._lock:
            view_id = self.state.modal_of.get(user_id)
            return dict(self.state.views[view_id]) if view_id else None

    def view(self, view_id: str) -> dict[str, Any] | None:
        """An open modal by its ID."""
        with self._lock:
            found = self.state.views.get(view_id)
            return dict(found) if found else None

    def close_view(self, view_id: str) -> None:
        """Close a modal (its submission was accepted, or it was cancelled)."""
        with self._lock:
            self.state.close_view(view_id)

    def add_file(self, name: str, mimetype: str = "image/jpeg", content: bytes = b"") -> str:
        """Keep a file a member uploaded (in a form's file input, say); return its ID."""
        with self._lock:
            file_id = f"F{len(self.state.files) + 1:08d}"
            self.state.files[file_id] = {
                "id": file_id, "name": name, "title": name, "mimetype": mimetype,
                "size": len(content), "content": content,
                "permalink": f"https://local.slack/files/{file_id}/{name}"}
            return file_id

    def file_info(self, file_id: str) -> dict[str, Any] | None:
        """A stored file as a submission or message carries it (no content)."""
        with self._lock:
            found = self.state.files.get(file_id)
            return {k: v for k, v in found.items() if k != "content"} if found else None

    def file_content(self, file_id: str) -> bytes:
        """Return the bytes uploaded for a file."""
        with self._lock:
            return bytes(self.state.files[file_id]["content"])

    def handle(self, path: str, args: dict[str, Any], authorization: str,
               raw: bytes) -> Call:
        """Answer one request to `path` and record it."""
        kind, _, rest = path.strip("/").partition("/")
        with self._lock:
            if kind == "api":
                method, response = rest, self._answer_api(rest, args, authorization)
            elif kind == "response":
                args["token"] = rest
                method, response = "response_url", self.state.answer_response(rest, args)
            else:
                args.update({"file_id": rest, "length": len(raw)})
                method, response = "upload_url", self.state.answer_upload(rest, raw)
            return self.record(method, args, response)

    def _answer_api(self, method: str, args: dict[str, Any], authorization: str) -> dict[str, Any]:
        token = authorization.removeprefix("Bearer ").strip() or str(args.get("token", ""))
        if method == "apps.connections.open":
            return self._open_connection(token)
        if not token.startswith("xoxb-"):
            return {"ok": False, "error": "not_authed"}
        return self.state.answer(method, _decode_json_args(args))

    def _open_connection(self, token: str) -> dict[str, Any]:
        """apps.connections.open: an app-level token gets a Socket Mode URL, as from Slack."""
        if not token.startswith("xapp-"):
            return {"ok": False, "error": "not_allowed_token_type" if token else "not_authed"}
        if self.socket_mode is None:
            return {"ok": False, "error": "socket_mode_not_enabled"}
        return {"ok": True, "url": self.socket_mode.issue_url()}


class _Handler(BaseHTTPRequestHandler):
    """Route HTTP requests to the FakeSlackApi that owns the server."""

    def do_POST(self) -> None:  # noqa: N802 - name fixed by http.server
        length = int(self.headers.get("Content-Length") or 0)
        self._serve(self.rfile.read(length))

    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        self._serve(b"")

    def _serve(self, raw: bytes) -> None:
        api = cast(FakeSlackApi, cast(Any, self.server).fake_api)
        path, _, query = self.path.partition("?")
        if not path.startswith(("/api/", "/response/", "/upload/")):
            self.send_error(404)
            return
        args: dict[str, Any] = dict(urllib.parse.parse_qsl(query))
        if api.latency:
            time.sleep(api.latency)
        try:
            if not path.startswith("/upload/"):
                args.update(_parse_body(self.headers.get("Content-Type", ""), raw))
        except ValueError:
            self._answer({"ok": False, "error": "invalid_json"})
            return
        kind, _, rest = path.strip("/").partition("/")
        method = rest if kind == "api" else "response_url" if kind == "response" else "upload"
        fault = api.take_fault(method)
        if fault is not None:
            error = "ratelimited" if fault.status == 429 else "internal_error"
            api.record(method, args, {"ok": False, "error": error, "status": fault.status})
            self._answer({"ok": False, "error": error}, fault.status, fault.retry_after)
            return
        call = api.handle(path, args, self.headers.get("Authorization", ""), raw)
        self._answer(call.response)

    def _answer(self, response: dict[str, Any], status: int = 200,
                retry_after: int | None = None) -> None:
        body = json.dumps(response, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the console quiet: the recordings replace the access log."""
