"""How fast a form opens and a submission is answered, idle and with the worker kept busy.

Slack honours a trigger_id for 3 s: `views.open` must arrive within that. The fast lane opens
a form on the request's own thread, so it should not wait behind the worker's queue; this
prints the time from sending `/leave 请假` to the stand-in receiving views.open, beside the
time a plain `/leave` reply (worked on the worker) takes, both idle and while other members
keep the worker busy with `/clock` and `/leave` commands. Then the round trip of a
view_submission, valid (filed, modal closed) and invalid (errors on the fields), which Slack
also waits for. One process (the bot, the stand-in and the clients share the GIL): figures
to compare, not absolutes. Never a pass/fail test.

    python bench/forms.py [--opens 40] [--busy 4]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

from _common import TimedSender, fmt, percentiles

from bot.app import build_context, create_app
from bot.localslack.api import FakeSlackApi
from bot.services import staff as staff_service
from bot.services.roster.entries import Cell, store_cells
from bot.settings import load_settings
from bot.web import HttpServer, make_wsgi
from db.engine import upgrade

SECRET = "bench-forms-secret"
NOW = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, before the day shift
LEAVE = {"kind": "personal", "first": "2026-11-27", "reason": "bench"}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--opens", type=int, default=40, help="forms opened per round")
    args.add_argument("--busy", type=int, default=4, help="clients keeping the worker busy")
    opts = args.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp, FakeSlackApi() as api:
        settings = load_settings(_env_file=None, database_url=f"sqlite:///{Path(tmp) / 'f.db'}",
                                 slack_api_url=api.url, slack_bot_token="xoxb-bench",
                                 slack_signing_secret=SECRET)
        ctx = build_context(settings, clock=lambda: NOW)
        upgrade(ctx.engine)
        users = [f"U0FORM{n:03d}" for n in range(opts.opens + opts.busy)]
        with ctx.session() as s:
            for user in users:
                api.add_user(user, user)
                who, _ = staff_service.add_or_update(s, slack_id=user, name=user, role="agent",
                                                     group=None, actor="bench")
                store_cells(s, [Cell(who.id, date(2026, 11, 24), "D")], actor="bench",
                            source="bench")
        server = HttpServer(make_wsgi(create_app(ctx), ctx), host="127.0.0.1", port=0).start()
        url = f"http://127.0.0.1:{server.port}/slack/events"
        try:
            for busy in (0, opts.busy):
                measure(api, url, users[:opts.opens], users[opts.opens:][:busy], busy)
        finally:
            server.stop()
            ctx.close()


def measure(api: FakeSlackApi, url: str, users: list[str], busy_users: list[str],
            busy: int) -> None:
    """One round: opens, plain replies and submissions, with BUSY clients in the background."""
    stop = threading.Event()
    threads = [threading.Thread(target=keep_busy, args=(api, url, u, stop), daemon=True)
               for u in busy_users]
    for t in threads:
        t.start()
    sender = TimedSender(url, SECRET, api)
    opens, replies, valid, invalid = [], [], [], []
    for user in users:
        seq, start = api.last_seq, time.perf_counter()
        sender.command(user, "/leave", "请假")
        api.wait_for(lambda c: c.method == "views.open"
                     and c.args.get("trigger_id") == sender.last_trigger, after=seq, timeout=30)
        opens.append(time.perf_counter() - start)
        seq, start = api.last_seq, time.perf_counter()
        sender.command(user, "/leave", "")
        api.wait_for(lambda c: c.method == "response_url"
                     and c.args.get("token") == sender.token, after=seq, timeout=30)
        replies.append(time.perf_counter() - start)
        view = api.open_modal(user)
        assert view is not None
        start = time.perf_counter()
        bad = sender.view_submission(user, view, {**LEAVE, "reason": " "})
        invalid.append(time.perf_counter() - start)
        assert bad.json is not None and bad.json.get("response_action") == "errors", bad
        start = time.perf_counter()
        sender.view_submission(user, view, LEAVE)
        valid.append(time.perf_counter() - start)
    stop.set()
    for t in threads:
        t.join()
    print(f"-- {busy} clients each keeping a request in the worker's queue; "
          f"{len(users)} forms, ms --")
    print(f"form opened (send → views.open)   {fmt(percentiles(opens))}")
    print(f"/leave reply (send → response_url) {fmt(percentiles(replies))}")
    print(f"submission with errors (answered)  {fmt(percentiles(invalid))}")
    print(f"valid submission (filed, closed)   {fmt(percentiles(valid))}")
    late = sum(1 for t in opens if t > 3.0)
    print(f"forms opened later than Slack's 3 s: {late} of {len(opens)}")


def keep_busy(api: FakeSlackApi, url: str, user: str, stop: threading.Event) -> None:
    """Send commands the worker must work, each once the last was answered, until told to
    stop: every busy client keeps one request in the worker's queue."""
    sender = TimedSender(url, SECRET, api)
    while not stop.is_set():
        for text in ("", "11-30 personal bench"):
            seq = api.last_seq
            sender.command(user, "/leave", text)
            api.wait_for(lambda c: c.method == "response_url"
                         and c.args.get("token") == sender.token, after=seq, timeout=60)


if __name__ == "__main__":
    main()
