"""One app server of the ack-latency bench, in its own process (started by ack_latency.py).

Builds the bot ("ours") or a minimal ack-only Bolt app ("minimal") on a database the parent
has already prepared, serves it with bot.web.HttpServer on 127.0.0.1 and an ephemeral port,
prints that port as one stdout line, and serves until stdin closes; then it stops the server,
closes the context and exits. Logs go to stderr (the parent counts the ERROR lines).

    python bench/_serve.py ours|minimal --api-url URL --db PATH --at ISO-DATETIME --secret S
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.app import build_context, create_app
from bot.settings import load_settings
from bot.web import HttpServer, make_wsgi

TOKEN = "xoxb-bench"
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


def minimal_app(api_url: str, secret: str) -> App:
    """A Bolt app with one /clock listener that only acks."""
    app = App(client=WebClient(base_url=api_url, token=TOKEN), signing_secret=secret,
              token_verification_enabled=False)

    def only_ack(ack: Ack) -> None:
        ack()

    app.command("/clock")(only_ack)
    return app


def serve(which: str, api_url: str, db: Path, at: datetime, secret: str) -> int:
    """Serve WHICH app until stdin reaches end of file, then shut down cleanly."""
    settings = load_settings(_env_file=None, database_url=f"sqlite:///{db}",
                             slack_api_url=api_url, slack_bot_token=TOKEN,
                             slack_signing_secret=secret)
    ctx = build_context(settings, clock=lambda: at)  # opens the database; never seeds it
    try:
        app = create_app(ctx) if which == "ours" else minimal_app(api_url, secret)
        server = HttpServer(make_wsgi(app, ctx), host="127.0.0.1", port=0).start()
        try:
            print(server.port, flush=True)
            sys.stdin.read()  # the parent closes our stdin when it is done
        finally:
            server.stop()
    finally:
        ctx.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the parent's arguments and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("which", choices=["ours", "minimal"])
    parser.add_argument("--api-url", required=True, help="the Slack Web API stand-in")
    parser.add_argument("--db", required=True, type=Path, help="the prepared SQLite file")
    parser.add_argument("--at", required=True, type=datetime.fromisoformat,
                        help="the bot's fixed clock, an ISO datetime with offset")
    parser.add_argument("--secret", required=True, help="the signing secret")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format=LOG_FORMAT)
    return serve(args.which, args.api_url, args.db, args.at, args.secret)


if __name__ == "__main__":
    sys.exit(main())
