"""Ack latency of `/clock in` against the real bot and a minimal ack-only Bolt app, over HTTP.

Each app runs in its own process (bench/_serve.py), served by the production server (waitress
via bot.web), as in production. This process prepares the SQLite database, plays Slack (the
Web API stand-in, which records the response_url replies) and sends signed slash commands from
concurrent client threads, so the clients never compete with the apps for one GIL. The goal
of the issue: our p99 at most 1.5 x the minimal app's p99. This prints figures; it is never a
pass/fail test.

    python bench/ack_latency.py [--requests 500] [--clients 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import time as dtime
from pathlib import Path

from _common import (
    SECRET,
    SHIFT,
    Child,
    ErrorCounter,
    TimedSender,
    fmt,
    percentiles,
    prepare,
    staff_id,
)
from sqlalchemy import func
from sqlmodel import select as sql_select

from bot.context import Context
from bot.localslack.api import FakeSlackApi
from db.models import Punch

STAFF = 100
GOAL = 1.5
WARMUP = 20


@dataclass
class Target:
    """One app under test: its URL and the latencies and statuses measured against it."""

    name: str
    url: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    rounds: list[str] = field(default_factory=list)


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


@dataclass
class Results:
    """What the rounds measured, for the report."""

    seen: set[str]
    full_times: list[float]
    replies_total: int


def run(requests: int, clients: int, rounds: int, at: dtime) -> int:
    """Prepare the database, start both app processes, measure them and print the figures."""
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="kefu-bench-") as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "b.db"
        api = FakeSlackApi().start()
        ctx, fixed = prepare(db, api, at, STAFF)  # before the apps start; they only open it
        today = fixed.date()
        children: list[Child] = []
        try:
            for which in ("ours", "minimal"):
                children.append(Child(which, api.url, db, fixed, tmp))
            ours, minimal = (Target(c.name, f"http://127.0.0.1:{c.port()}") for c in children)
            print(f"kefu-bot ack latency: {requests} signed `/clock in` per app, {clients} "
                  f"clients, {rounds} rounds, {STAFF} staff on shift {SHIFT} {today} "
                  f"(bot clock fixed at {fixed:%H:%M %Z}), SQLite, waitress, "
                  f"each app in its own process")
            results = measure(api, ours, minimal, requests, clients, rounds)
            codes = {c.name: c.stop() for c in children}  # their queued work is done now
            report(ctx, ours, minimal, requests, results)
            logged = {c.name: c.errors() for c in children} | {"bench": errors.count}
            print(f"errors logged: {sum(logged.values())} "
                  f"({', '.join(f'{k} {v}' for k, v in logged.items())}); "
                  f"app exit codes {codes}")
        finally:
            for child in children:  # no-op if stopped above; kills them if we failed
                child.stop()
            api.stop()
            ctx.close()
    return 0


def measure(api: FakeSlackApi, ours: Target, minimal: Target, requests: int, clients: int,
            rounds: int) -> Results:
    """Warm both apps up and run the rounds (ABBA order)."""
    users = [staff_id(n % STAFF) for n in range(WARMUP + requests)]
    res = Results(seen=set(users[:WARMUP]), full_times=[], replies_total=0)
    seq = api.last_seq
    fire(minimal, api, [staff_id(n) for n in range(WARMUP)], clients, record=False)
    fire(ours, api, users[:WARMUP], clients, record=False)
    wait_replies(api, seq, WARMUP)
    sizes = [requests // rounds + (1 if r < requests % rounds else 0) for r in range(rounds)]
    offset = WARMUP
    for r, size in enumerate(sizes):
        batch = users[offset:offset + size]
        offset += size

        def run_minimal(batch: list[str] = batch) -> None:
            wall = fire(minimal, api, batch, clients)
            minimal.rounds.append(f"{fmt(percentiles(minimal.latencies[-len(batch):]))}"
                                  f"  ({len(batch) / wall:.0f} req/s)")

        def run_ours(batch: list[str] = batch) -> None:
            before = api.last_seq
            start = time.perf_counter()
            wall = fire(ours, api, batch, clients)
            got = wait_replies(api, before, len(batch))
            full = time.perf_counter() - start
            res.full_times.append(full)
            res.replies_total += got
            res.seen.update(batch)
            ours.rounds.append(f"{fmt(percentiles(ours.latencies[-len(batch):]))}"
                               f"  ({len(batch) / wall:.0f} req/s acked; last reply after "
                               f"{full * 1000:.0f} ms, {got}/{len(batch)} replies)")

        order = [run_minimal, run_ours] if r % 2 == 0 else [run_ours, run_minimal]
        for step in order:
            step()
    return res


def report(ctx: Context, ours: Target, minimal: Target, requests: int, res: Results) -> None:
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
    total = sum(res.full_times)
    print(f"full processing (ours): {res.replies_total}/{requests} response_url replies; "
          f"{requests / total:.0f} req/s end to end ({total * 1000:.0f} ms over all rounds)")
    with ctx.session() as s:
        punches = s.exec(sql_select(func.count()).select_from(Punch)
                         .where(Punch.kind == "in")).one()
        people = s.exec(sql_select(func.count(func.distinct(Punch.staff_id)))
                        .where(Punch.kind == "in")).one()
    ok = punches == people == len(res.seen)
    print(f"punches in database: {punches} clock-ins for {people} people; distinct users sent: "
          f"{len(res.seen)} -> {'OK' if ok else 'MISMATCH'}")


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
