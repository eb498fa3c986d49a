"""The HTTP surface: POST /slack/events and GET /healthz, served by waitress."""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier
from waitress import wasyncore
from waitress.server import create_server

from bot.context import Context
from bot.signing import MAX_BODY, screen
from db.engine import ping

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
EVENTS_PATH = "/slack/events"


def make_wsgi(app: App, ctx: Context) -> WSGIApp:
    """Answer the health check; pass only requests Slack signed on to Bolt."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    # Built now, so a missing signing secret stops start-up rather than every request.
    verifier = SignatureVerifier(ctx.settings.slack_signing_secret or "")

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            ok = ping(ctx.engine)
            body = json.dumps({"ok": ok}).encode()
            return _answer(start_response, "200 OK" if ok else "503 Service Unavailable", body)
        # Every other path is screened: Bolt (and so our error handler) must never see a
        # body Slack did not sign, whatever is wrong with the request.
        status = screen(environ, verifier)
        if status is not None:
            return _answer(start_response, status, b"", "text/plain")
        return slack(environ, start_response)

    return wsgi


def _answer(start_response: Callable[..., Any], status: str, body: bytes,
            content_type: str = "application/json") -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


class HttpServer:
    """A waitress server that can run in the foreground or in a thread (console, tests)."""

    def __init__(self, wsgi: WSGIApp, *, host: str = "0.0.0.0", port: int = 3000,
                 threads: int = 16) -> None:
        # Request threads get the GIL back sooner from threads busy rendering or querying,
        # which keeps acks quick while earlier requests are still being finished.
        sys.setswitchinterval(0.001)
        # Waitress refuses bodies far beyond Slack's before spooling them to disk; those
        # just over the limit still reach the app, which answers them 413 itself.
        self._server = create_server(wsgi, host=host, port=port, threads=threads,
                                     ident="kefu-bot", clear_untrusted_proxy_headers=True,
                                     max_request_body_size=4 * MAX_BODY)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port actually bound (useful with port 0)."""
        return int(self._server.effective_port)

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self._server.run()

    def start(self) -> HttpServer:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="http")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: close every socket from inside the server's own loop, then join."""
        server = self._server
        if self._thread and self._thread.is_alive():
            # Closing sockets from another thread races the loop (EBADF); the trigger runs
            # this in the loop thread, and the loop ends once its socket map is empty.
            # A trigger the loop has already closed (EBADF) means it is on its way out.
            with contextlib.suppress(OSError):
                server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            self._thread.join(timeout=5)
        else:
            server.close()
        server.task_dispatcher.shutdown()
