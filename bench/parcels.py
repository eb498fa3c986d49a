"""Time `/parcel list open` with 10,000 open problem parcels, and the monthly report.

Fills a fresh SQLite database with OPEN open parcels and CLOSED closed ones, all logged in
November 2026, then times: the list service call (open, stale, due), one signed `/parcel
list open` request end to end (sent as Slack sends it, until the reply reaches the Slack
stand-in), and `monthly_report` plus writing it to .xlsx. Prints figures; never pass/fail.

    python bench/parcels.py [--open 10000] [--closed 2000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_context, create_app
from bot.context import Context
from bot.localslack.api import FakeSlackApi
from bot.localslack.sender import SlackSender
from bot.services import staff as staff_service
from bot.services.parcels.report import ParcelReport, monthly_report, write_report
from bot.services.parcels.views import list_parcels
from bot.settings import load_settings
from bot.web import HttpServer, make_wsgi
from db.engine import upgrade
from db.models import Parcel

SECRET = "bench-signing-secret"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
AGENTS = 20
KINDS = ("phone", "address", "damaged", "incomplete", "out-of-area", "missorted",
         "empty-return", "unidentified", "fake-order")


def seed(ctx: Context, n_open: int, n_closed: int) -> None:
    """Add the team and the parcels directly (the setup is not what is measured)."""
    with ctx.session() as s:
        for i in range(AGENTS):
            staff_service.add_or_update(s, slack_id=f"U0B{i:04d}", name=f"客服{i}",
                                        role="agent", group=None, actor="bench")
        for i in range(n_open + n_closed):
            logged = NOW - timedelta(minutes=37 * (i % 1000) + i // 1000)
            closed = i >= n_open
            waybill = f"5180{i:08d}"
            s.add(Parcel(waybill=waybill, type_code=KINDS[i % len(KINDS)],
                         status="delivered" if closed else "open",
                         open_key=None if closed else waybill, note="客户 13812345678",
                         logged_by=f"U0B{i % AGENTS:04d}", owner=f"U0B{i % AGENTS:04d}",
                         logged_at=logged, updated_at=logged, hold_from=logged,
                         closed_at=logged + timedelta(hours=30) if closed else None))


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Return the median and the slowest time of ROUNDS calls, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def end_to_end(ctx: Context, api: FakeSlackApi, rounds: int) -> tuple[float, float]:
    """Time signed `/parcel list open` requests from send until the reply reaches Slack."""
    api.add_user("U0B0000", "客服0")
    server = HttpServer(make_wsgi(create_app(ctx), ctx), host="127.0.0.1",
                        port=0).start()
    sender = SlackSender(f"http://127.0.0.1:{server.port}/slack/events", SECRET, api)
    try:
        def one() -> None:
            seq = api.last_seq
            sender.command("U0B0000", "/parcel", "list open")
            api.wait_for(lambda c: c.method == "response_url", after=seq, timeout=60)

        one()  # warm up: templates, the locale cache
        return timed(one, rounds)
    finally:
        server.stop()


def main() -> None:
    """Seed, measure, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--open", type=int, default=10_000)
    ap.add_argument("--closed", type=int, default=2_000)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeSlackApi() as api:
        settings = load_settings(_env_file=None, database_url=f"sqlite:///{tmp}/bench.db",
                                 slack_api_url=api.url, slack_bot_token="xoxb-bench",
                                 slack_signing_secret=SECRET)
        ctx = build_context(settings, clock=lambda: NOW)
        upgrade(ctx.engine)
        seed(ctx, args.open, args.closed)
        print(f"parcels: {args.open} open + {args.closed} closed (SQLite), "
              f"median / slowest of {args.rounds} runs")
        for view in ("open", "stale", "due"):
            def call(view: str = view) -> object:
                with ctx.session() as s:
                    return list_parcels(s, view=view, me="U0B0000", now=NOW, policy=ctx.policy)
            med, worst = timed(call, args.rounds)
            print(f"  service list_parcels({view!r}): {med:8.1f} ms  {worst:8.1f} ms")
        med, worst = end_to_end(ctx, api, args.rounds)
        print(f"  /parcel list open, signed request to reply: {med:8.1f} ms  {worst:8.1f} ms")

        def report() -> ParcelReport:
            with ctx.session() as s:
                return monthly_report(s, month=date(2026, 11, 1), now=NOW, policy=ctx.policy)
        med, worst = timed(report, max(3, args.rounds // 4))
        print(f"  monthly_report(2026-11): {med:8.1f} ms  {worst:8.1f} ms")
        found = report()
        start = time.perf_counter()
        write_report(found, Path(tmp) / "parcels.xlsx")
        print(f"  writing it to .xlsx: {(time.perf_counter() - start) * 1000:8.1f} ms")
        ctx.close()


if __name__ == "__main__":
    main()
