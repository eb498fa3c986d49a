"""Ack latency of `/clock in` against the real bot and a minimal ack-only Bolt app, over HTTP.

Both apps are served by the production server (waitress via bot.web) in one process and one
run, and receive signed slash commands from concurrent client threads, as Slack sends them.
The goal of the issue: our p99 at most 1.5 x the minimal app's p99. This prints figures; it
is never a pass/fail test.

    PYTHONPATH=. python bench/ack_latency.py [--requests 500] [--clients 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlalchemy import func
from sqlmodel import select

from bot.app import build_context, create_app
from bot.context import Context
from bot.localslack.api import FakeSlackApi
from bot.localslack.sender import Reply, SlackSender
from bot.services import staff as staff_service
from bot.services.roster import Cell, store_cells
from bot.settings import load_settings
from bot.web import HttpServer, make_wsgi
from db.engine import upgrade
from db.models import Punch

SECRET = "bench-signing-secret"
STAFF = 100
SHIFT = "D"
GOAL = 1.5
WARMUP = 20


class TimedSender(SlackSender):
    """A SlackSender that remembers how long its last HTTP post took (send to response)."""

    elapsed = 0.0

    def post(self, body: str, content_type: str) -> Reply:
        """Sign, post and time one request."""
        start = time.perf_counter()
        reply = super().post(body, content_type)
        self.elapsed = time.perf_counter() - start
        return reply


@dataclass
class Target:
    """One app under test: its URL and the latencies and statuses measured against it."""

    name: str
    url: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    rounds: list[str] = field(default_factory=list)


class ErrorCounter(logging.Handler):
    """Count log records at ERROR or above (a failed handler logs one)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record."""
        self.count += 1


def percentiles(values: list[float]) -> dict[str, float]:
    """Return p50, p90, p99 and max of latencies in seconds, as milliseconds."""
    if len(values) < 2:
        only = values[0] * 1000 if values else float("nan")
        return {"p50": only, "p90": only, "p99": only, "max": only}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p90": cuts[89] * 1000, "p99": cuts[98] * 1000,
            "max": max(values) * 1000}


def fmt(stats: dict[str, float]) -> str:
    """Show p50/p90/p99/max in ms."""
    return "  ".join(f"{k} {v:7.1f}" for k, v in stats.items())


def staff_id(n: int) -> str:
    """The Slack ID of bench member number n."""
    return f"U0BENCH{n:03d}"


def minimal_app(api: FakeSlackApi) -> App:
    """A Bolt app with one /clock listener that only acks."""
    app = App(client=WebClient(base_url=api.url, token="xoxb-bench"), signing_secret=SECRET,
              token_verification_enabled=False)

    def only_ack(ack: Ack) -> None:
        ack()

    app.command("/clock")(only_ack)
    return app


def seed(ctx: Context, api: FakeSlackApi, day: Any) -> None:
    """Put STAFF members on the team, each rostered on shift SHIFT for `day`."""
    with ctx.session() as s:
        cells = []
        for n in range(STAFF):
            api.add_user(staff_id(n), f"Bench {n:03d}")
            who, _ = staff_service.add_or_update(s, slack_id=staff_id(n), name=f"Bench {n:03d}",
                                                 role="agent", group=None, actor="bench")
            cells.append(Cell(who.id, day, SHIFT))
        store_cells(s, cells, actor="bench", source="bench")


def fire(target: Target, api: FakeSlackApi, users: list[str], clients: int,
         record: bool = True) -> float:
    """Send `/clock in` for each user from `clients` threads; return the wall time taken."""
    local = threading.local()
    lock = threading.Lock()

    def one(user: str) -> None:
        sender = getattr(local, "sender", None)
        if sender is None:
            sender = local.sender = TimedSender(target.url + "/slack/events", SECRET, api)
        reply = sender.command(user, "/clock", "in")
        if record:
            with lock:
                target.latencies.append(sender.elapsed)
                target.statuses[reply.status] = target.statuses.get(reply.status, 0) + 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, users))
    return time.perf_counter() - start


def wait_replies(api: FakeSlackApi, after: int, expected: int, timeout: float = 120.0) -> int:
    """Wait until `expected` response_url replies were recorded after seq `after`."""
    deadline = time.monotonic() + timeout
    while True:
        got = sum(1 for c in api.calls_since(after) if c.method == "response_url")
        if got >= expected or time.monotonic() > deadline:
            return got
        time.sleep(0.002)


def run(requests: int, clients: int, rounds: int, at: dtime) -> int:
    """Set up both apps, measure them in alternating rounds and print the figures."""
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="kefu-bench-") as tmp:
        api = FakeSlackApi().start()
        settings = load_settings(_env_file=None, database_url=f"sqlite:///{Path(tmp) / 'b.db'}",
                                 slack_api_url=api.url, slack_bot_token="xoxb-bench",
                                 slack_signing_secret=SECRET)
        probe = build_context(settings)
        tz = probe.policy.tz
        probe.engine.dispose()
        today = datetime.now(tz).date()
        fixed = datetime.combine(today, at, tzinfo=tz)
        ctx = build_context(settings, clock=lambda: fixed)
        upgrade(ctx.engine)
        seed(ctx, api, today)
        servers = [HttpServer(make_wsgi(create_app(ctx), ctx.engine), host="127.0.0.1",
                              port=0).start(),
                   HttpServer(make_wsgi(minimal_app(api), ctx.engine), host="127.0.0.1",
                              port=0).start()]
        ours = Target("ours", f"http://127.0.0.1:{servers[0].port}")
        minimal = Target("minimal", f"http://127.0.0.1:{servers[1].port}")
        print(f"kefu-bot ack latency: {requests} signed `/clock in` per app, {clients} clients, "
              f"{rounds} rounds, {STAFF} staff on shift {SHIFT} {today} "
              f"(bot clock fixed at {fixed:%H:%M %Z}), SQLite, waitress")
        try:
            return measure(api, ctx, ours, minimal, requests, clients, rounds, errors)
        finally:
            for server in servers:
                server.stop()
            api.stop()
            ctx.engine.dispose()


def measure(api: FakeSlackApi, ctx: Context, ours: Target, minimal: Target, requests: int,
            clients: int, rounds: int, errors: ErrorCounter) -> int:
    """Warm both apps up, run the rounds (ABBA order) and report."""
    users = [staff_id(n % STAFF) for n in range(WARMUP + requests)]
    seen: set[str] = set(users[:WARMUP])
    seq = api.last_seq
    fire(minimal, api, [staff_id(n) for n in range(WARMUP)], clients, record=False)
    fire(ours, api, users[:WARMUP], clients, record=False)
    wait_replies(api, seq, WARMUP)
    sizes = [requests // rounds + (1 if r < requests % rounds else 0) for r in range(rounds)]
    offset = WARMUP
    full_times: list[float] = []
    replies_total = 0
    for r, size in enumerate(sizes):
        batch = users[offset:offset + size]
        offset += size

        def run_minimal(batch: list[str] = batch) -> None:
            wall = fire(minimal, api, batch, clients)
            minimal.rounds.append(f"{fmt(percentiles(minimal.latencies[-len(batch):]))}"
                                  f"  ({len(batch) / wall:.0f} req/s)")

        def run_ours(batch: list[str] = batch) -> None:
            nonlocal replies_total
            before = api.last_seq
            start = time.perf_counter()
            wall = fire(ours, api, batch, clients)
            got = wait_replies(api, before, len(batch))
            full = time.perf_counter() - start
            full_times.append(full)
            replies_total += got
            seen.update(batch)
            ours.rounds.append(f"{fmt(percentiles(ours.latencies[-len(batch):]))}"
                               f"  ({len(batch) / wall:.0f} req/s acked; last reply after "
                               f"{full * 1000:.0f} ms, {got}/{len(batch)} replies)")

        order = [run_minimal, run_ours] if r % 2 == 0 else [run_ours, run_minimal]
        for step in order:
            step()
    return report(ctx, ours, minimal, requests, seen, full_times, replies_total, errors)


def report(ctx: Context, ours: Target, minimal: Target, requests: int, seen: set[str],
           full_times: list[float], replies_total: int, errors: ErrorCounter) -> int:
    """Print the per-app figures, the ratio against the goal and the punch check."""
    print()
    for t in (minimal, ours):
        print(f"{t.name:8} n={len(t.latencies):4}  {fmt(percentiles(t.latencies))}  ms  "
              f"HTTP {dict(sorted(t.statuses.items()))}")
        for r, line in enumerate(t.rounds, 1):
            print(f"  round {r}  {line}")
    ratio = percentiles(ours.latencies)["p99"] / percentiles(minimal.latencies)["p99"]
    verdict = "within" if ratio <= GOAL else "OVER"
    print(f"\np99 ratio ours/minimal = {ratio:.2f}  (goal <= {GOAL}: {verdict})")
    total = sum(full_times)
    print(f"full processing (ours): {replies_total}/{requests} response_url replies; "
          f"{requests / total:.0f} req/s end to end ({total * 1000:.0f} ms over all rounds)")
    with ctx.session() as s:
        punches = s.exec(select(func.count()).select_from(Punch)
                         .where(Punch.kind == "in")).one()
        people = s.exec(select(func.count(func.distinct(Punch.staff_id)))
                        .where(Punch.kind == "in")).one()
    ok = punches == people == len(seen)
    print(f"punches in database: {punches} clock-ins for {people} people; distinct users sent: "
          f"{len(seen)} -> {'OK' if ok else 'MISMATCH'}")
    print(f"errors logged: {errors.count}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse options and run the bench."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=500, help="requests per app (500)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds, ABBA order (2: minimal, ours, ours, minimal)")
    parser.add_argument("--at", default="08:25",
                        help="the bot's fixed clock, team time today (08:25: on time for D)")
    args = parser.parse_args(argv)
    if args.requests < args.rounds or args.clients < 1 or args.rounds < 1:
        parser.error("need --requests >= --rounds >= 1 and --clients >= 1")
    return run(args.requests, args.clients, args.rounds, dtime.fromisoformat(args.at))


if __name__ == "__main__":
    sys.exit(main())
