"""Running the bot: over HTTP, over Socket Mode, or in the local console."""

from __future__ import annotations

import logging
import secrets
import signal
import threading
from typing import Literal

from bot.app import build_context, create_app
from bot.context import Context
from bot.settings import Settings
from bot.web import HttpServer, make_wsgi

log = logging.getLogger("kefu")


def serve(s: Settings, mode: Literal["http", "socket"], *, scheduler: bool = True) -> None:
    """Serve Slack until interrupted, with the scheduler in-process unless told not to."""
    ctx = build_context(s)
    if mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        app = create_app(ctx, socket_mode=True)
        _maybe_schedule(ctx, scheduler)
        log.info("connecting to Slack over Socket Mode")
        SocketModeHandler(app, s.slack_app_token).start()  # type: ignore[no-untyped-call]
        return
    app = create_app(ctx)
    _maybe_schedule(ctx, scheduler)
    server = HttpServer(make_wsgi(app, ctx), port=s.port)
    log.info("serving POST /slack/events and GET /healthz on port %s", server.port)
    server.serve_forever()


def _maybe_schedule(ctx: Context, wanted: bool) -> None:
    if wanted:
        from bot.jobs import scheduler

        scheduler.start(ctx)
        log.info("scheduler running in-process (kefu serve --no-scheduler to leave it out)")


def run_scheduler(s: Settings) -> None:
    """The scheduler alone (the Procfile's clock process), sending what it queues."""
    from bot.app import start_outbox
    from bot.jobs import scheduler

    ctx = build_context(s)
    start_outbox(ctx)
    running = scheduler.start(ctx)
    log.info("scheduler running: %s", ", ".join(j.id for j in running.get_jobs()))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.shutdown(wait=False)
        ctx.close()


def run_local_console(s: Settings, *, as_name: str | None, load_demo_if_empty: bool) -> int:
    """Run the real bot against the local Slack stand-in and talk to it from the terminal."""
    from bot.localslack.api import FakeSlackApi
    from bot.localslack.console import Member, run_console
    from bot.localslack.sender import SlackSender
    from bot.services.demo import load_demo
    from bot.services.staff import list_active

    logging.getLogger().setLevel(logging.WARNING)
    secret = secrets.token_hex(16)
    with FakeSlackApi() as api:
        local = s.model_copy(update={"slack_api_url": api.url, "slack_signing_secret": secret,
                                     "slack_bot_token": "xoxb-local-console"})
        ctx = build_context(local)
        with ctx.session() as session:
            people = list_active(session)
            if not people and load_demo_if_empty:
                load_demo(session, policy=ctx.policy, now=ctx.clock())
                people = list_active(session)
        for p in people:
            api.add_user(p.slack_id, p.name, locale="en-US" if p.name.isascii() else "zh-CN")
        server = HttpServer(make_wsgi(create_app(ctx), ctx), host="127.0.0.1",
                            port=0).start()
        try:
            sender = SlackSender(f"http://127.0.0.1:{server.port}/slack/events", secret, api)
            members = [Member(p.slack_id, p.name, p.role) for p in people]
            return run_console(api=api, sender=sender, members=members, as_name=as_name)
        finally:
            server.stop()
            ctx.close()
