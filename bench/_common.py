"""Pieces the HTTP benches (ack_latency.py, load.py) share: the app server in its own process
(bench/_serve.py), a prepared database, signed requests sent and timed from client threads, a
Slack stand-in that stamps when each call arrived, and reading what was replied and settled."""

from __future__ import annotations

import contextlib
import http.client
import logging
import os
import select
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from datetime import time as dtime
from pathlib import Path
from typing import IO, Any

from bot.app import build_context
from bot.context import Context
from bot.localslack.api import FakeSlackApi
from bot.localslack.recorder import Call
from bot.localslack.sender import Reply, SlackSender
from bot.services import staff as staff_service
from bot.services.roster.entries import Cell, store_cells
from bot.settings import load_settings
from db.engine import upgrade

SECRET = "bench-signing-secret"
SHIFT = "D"
SERVE = Path(__file__).with_name("_serve.py")
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


class StampedApi(FakeSlackApi):
    """The Slack stand-in, also noting when (time.monotonic) each call was recorded."""

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.stamps: dict[int, float] = {}

    def start(self) -> StampedApi:
        """Serve; an answer to a bot that was killed meanwhile is counted, not printed."""
        super().start()
        server: Any = self._server
        default = server.handle_error
        self.dropped = 0

        def handle_error(request: Any, client_address: Any) -> None:
            if isinstance(sys.exc_info()[1], ConnectionError):
                self.dropped += 1
            else:
                default(request, client_address)

        server.handle_error = handle_error
        return self

    def record(self, method: str, args: dict[str, Any], response: dict[str, Any]) -> Call:
        """Record the call and stamp it."""
        call = super().record(method, args, response)
        self.stamps[call.seq] = time.monotonic()
        return call


class TimedSender(SlackSender):
    """A SlackSender that remembers its last post: when it was sent (time.monotonic), how
    long it took (send to response) and the token of the response_url it carried."""

    elapsed = 0.0
    sent_at = 0.0
    token = ""

    def post(self, body: str, content_type: str,
             headers: dict[str, str] | None = None) -> Reply:
        """Sign, post and time one request."""
        url = urllib.parse.parse_qs(body).get("response_url", [""])[0]
        self.token = url.rstrip("/").rsplit("/", 1)[-1] if url else ""
        self.sent_at = time.monotonic()
        start = time.perf_counter()
        reply = super().post(body, content_type, headers)
        self.elapsed = time.perf_counter() - start
        return reply


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

    def __init__(self, which: str, api_url: str, db: Path, at: datetime, tmp: Path,
                 tag: str = "") -> None:
        self.name = which
        self.log_path = tmp / f"{which}{tag}.stderr"
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

    def peak_rss_mib(self) -> float:
        """The process's peak resident set size so far (VmHWM), in MiB; NaN if unknown."""
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def kill(self) -> None:
        """SIGKILL it, as a crash or an OOM kill would: no shutdown code runs."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.stop()

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

    def error_lines(self) -> list[str]:
        """ERROR and CRITICAL lines in the child's stderr, and the exception line that ends
        each traceback in it (logged or uncaught)."""
        found, in_trace = [], False
        for line in self.log_path.read_text(errors="replace").splitlines():
            if line.startswith(("ERROR ", "CRITICAL ", "Exception in")):
                found.append(line)
            if line.startswith("Traceback"):
                in_trace = True
            elif in_trace and line and not line.startswith(" "):
                found.append(line)
                in_trace = False
        return found

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


def seed(ctx: Context, api: FakeSlackApi, day: Any, staff: int) -> None:
    """Put STAFF members on the team, each rostered on shift SHIFT for `day`."""
    with ctx.session() as s:
        cells = []
        for n in range(staff):
            api.add_user(staff_id(n), f"Bench {n:03d}")
            who, _ = staff_service.add_or_update(s, slack_id=staff_id(n), name=f"Bench {n:03d}",
                                                 role="agent", group=None, actor="bench")
            cells.append(Cell(who.id, day, SHIFT))
        store_cells(s, cells, actor="bench", source="bench")


def prepare(db: Path, api: FakeSlackApi, at: dtime, staff: int) -> tuple[Context, datetime]:
    """Create and migrate the SQLite file DB and seed STAFF members rostered today; return
    this process's context on it and the instant AT today, the apps' fixed clock."""
    ctx = build_context(load_settings(
        _env_file=None, database_url=f"sqlite:///{db}", slack_api_url=api.url,
        slack_bot_token="xoxb-bench", slack_signing_secret=SECRET))
    try:
        today = datetime.now(ctx.policy.tz).date()
        upgrade(ctx.engine)
        seed(ctx, api, today, staff)  # before the apps start; they only open the file
    except BaseException:
        ctx.close()
        raise
    return ctx, datetime.combine(today, at, tzinfo=ctx.policy.tz)


@dataclass(frozen=True)
class Sent:
    """One request: its response_url token, when it was sent, its ack time and status."""

    token: str
    sent_at: float
    ack: float
    status: int | None  # None: no HTTP answer (refused, or the connection dropped)
    waybill: str = ""


def send(sender: TimedSender, user: str, command: str, text: str, waybill: str = "") -> Sent:
    """Send one slash command; a connection that fails is a request without an answer."""
    try:
        status: int | None = sender.command(user, command, text).status
    except (OSError, http.client.HTTPException):
        status = None
    return Sent(sender.token, sender.sent_at, sender.elapsed, status, waybill)


def replies(api: FakeSlackApi) -> dict[str, list[int]]:
    """The seqs of the response_url posts the stand-in took (not refused), by token."""
    found: dict[str, list[int]] = {}
    for call in api.calls:
        if call.method == "response_url" and "status" not in call.response:
            found.setdefault(str(call.args.get("token")), []).append(call.seq)
    return found


def wait_settled(db: Path, timeout: float) -> tuple[float, float]:
    """Wait until no inbox row is new/working and no outbox row pending/sending; return
    the seconds until the inbox and until the outbox had nothing left open."""
    start, inbox_done = time.monotonic(), float("nan")
    with closing(sqlite3.connect(db, timeout=30)) as con:
        while time.monotonic() - start < timeout:
            open_in = con.execute("SELECT count(*) FROM inbox WHERE state IN "
                                  "('new', 'working')").fetchone()[0]
            open_out = con.execute("SELECT count(*) FROM outbox WHERE state IN "
                                   "('pending', 'sending')").fetchone()[0]
            if open_in == 0 and inbox_done != inbox_done:  # still NaN: first time empty
                inbox_done = time.monotonic() - start
            if open_in == open_out == 0:
                break
            time.sleep(0.2)
    return inbox_done, time.monotonic() - start


def fire(url: str, api: FakeSlackApi, jobs: int, clients: int,
         job: Callable[[TimedSender, int], Sent], slot: Callable[[int], float] | None = None,
         ) -> list[Sent]:
    """Run JOB 0..JOBS-1 from CLIENTS threads (each its own sender), job i no earlier than
    SLOT(i) (a time.monotonic instant) if given."""
    local = threading.local()

    def one(i: int) -> Sent:
        if not hasattr(local, "sender"):
            local.sender = TimedSender(url, SECRET, api)
        if slot is not None:
            time.sleep(max(0.0, slot(i) - time.monotonic()))
        return job(local.sender, i)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(one, range(jobs)))


def wait_replies(api: FakeSlackApi, tokens: set[str], grace: float) -> dict[str, list[int]]:
    """Wait (up to GRACE seconds) until every token has a reply."""
    deadline = time.monotonic() + grace
    while not tokens <= (got := replies(api)).keys() and time.monotonic() < deadline:
        time.sleep(0.05)
    return got


def logged(child: Child) -> list[str]:
    """A child's error lines, the first few printed."""
    lines = child.error_lines()
    for line in lines[:6]:
        print(f"      {child.log_path.name}: {line[:160]}")
    return lines
