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
import contextlib
import logging
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as dtime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func
from sqlmodel import select as sql_select

from bot.app import build_context
from bot.context import Context
from bot.localslack.api import FakeSlackApi
from bot.localslack.sender import Reply, SlackSender
from bot.services import staff as staff_service
from bot.services.roster.entries import Cell, store_cells
from bot.settings import load_settings
from db.engine import upgrade
from db.models import Punch

SECRET = "bench-signing-secret"
STAFF = 100
SHIFT = "D"
GOAL = 1.5
WARMUP = 20
SERVE = Path(__file__).with_name("_serve.py")
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


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
    """Count this process's log records at ERROR or above."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record."""
        self.count += 1


class Child:
    """One app server in its own process: started, asked for its port, stopped via stdin."""

    def __init__(self, which: str, api_url: str, db: Path, at: datetime, tmp: Path) -> None:
        self.name = which
        self.log_path = tmp / f"{which}.stderr"
        self._log: IO[bytes] = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVE), which, "--api-url", api_url, "--db", str(db),
             "--at", at.isoformat(), "--secret", SECRET],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, text=True)

    def port(self) -> int:
        """Wait for the one stdout line with the port the child bound."""
        out = self.proc.stdout
        assert out is not None
        ready, _, _ = select.select([out], [], [], START_TIMEOUT)
        line = out.readline() if ready else ""
        if not line.strip().isdigit():
            raise RuntimeError(f"{self.name} server did not start (exit {self.proc.poll()}):\n"
                               + self.log_path.read_text(errors="replace")[-4000:])
        return int(line)

    def stop(self) -> int | None:
        """Close its stdin so it shuts down; kill it if it does not exit in time."""
        if self.proc.stdin and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):  # a dead child's pipe may be broken
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self._log.close()
        return self.proc.returncode

    def errors(self) -> int:
        """ERROR (and CRITICAL) lines the child logged to stderr."""
        lines = self.log_path.read_text(errors="replace").splitlines()
        return sum(1 for line in lines if line.startswith(("ERROR ", "CRITICAL ")))


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
        ctx = build_context(load_settings(
            _env_file=None, database_url=f"sqlite:///{db}", slack_api_url=api.url,
            slack_bot_token="xoxb-bench", slack_signing_secret=SECRET))
        children: list[Child] = []
        try:
            today = datetime.now(ctx.policy.tz).date()
            fixed = datetime.combine(today, at, tzinfo=ctx.policy.tz)
            upgrade(ctx.engine)
            seed(ctx, api, today)  # before the apps start; they only open the file
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
