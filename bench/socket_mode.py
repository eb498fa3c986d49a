"""The bot over Socket Mode: ack and reply latency, and how long a reconnect takes.

A real `kefu serve --socket` process connects to the local Socket Mode stand-in (its URL from
apps.connections.open on the Web API stand-in). This process sends REQUESTS `/parcel log`
envelopes at RATE a second from CLIENTS threads, and times each envelope's ack (Slack wants
it within 3 s) and its reply on the response_url. Then it ends the connection ROUNDS times
each way — a refresh (Slack's `disconnect` message), a close frame without warning, a TCP
reset — timing until the bot's next connection is greeted, with the CPU the bot used
meanwhile. This prints figures; it is never a pass/fail test.

    python bench/socket_mode.py [--requests 300] [--clients 10] [--rate 10] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from _common import StampedApi, fmt, percentiles, staff_id

from bot.localslack.sender import SlackSender
from bot.localslack.socket_mode import SocketModeStandIn
from bot.services import staff as staff_service
from db.engine import make_engine, session_scope, upgrade

STAFF = 20
HOW: dict[Literal["refresh", "close", "reset"], str] = {
    "refresh": "after a refresh (Slack's disconnect message)",
    "close": "after a close frame without warning",
    "reset": "after a TCP reset (a network failure)"}
WAYBILL0 = 518100000000


def serve(tmp: Path, db_url: str, api_url: str) -> subprocess.Popen[bytes]:
    """`kefu serve --socket` in its own process, its log in TMP."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
           and not k.startswith("SLACK_")}
    env.update(DATABASE_URL=db_url, SLACK_BOT_TOKEN="xoxb-bench", SLACK_API_URL=api_url,
               SLACK_APP_TOKEN="xapp-1-A0LOCAL-bench")
    with (tmp / "server.log").open("ab") as out:
        return subprocess.Popen([sys.executable, "-c", "from bot.cli import main; main()",
                                 "serve", "--socket", "--no-scheduler"],
                                env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp)


def seed(db_url: str, api: StampedApi) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with session_scope(engine) as s:
        for n in range(STAFF):
            staff_service.add_or_update(s, slack_id=staff_id(n), name=f"Bench {n:03d}",
                                        role="agent", group=None, actor="bench")
            api.add_user(staff_id(n), f"Bench {n:03d}")
    engine.dispose()


def burst(api: StampedApi, link: SocketModeStandIn, requests: int, clients: int,
          rate: float) -> tuple[list[float], list[float], int]:
    """Send the envelopes; return ack times, reply times (seconds) and replies missing."""
    slack = SlackSender("", "", api)
    sent: dict[str, float] = {}
    acks: list[float] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        fields = slack.command_fields(staff_id(n % STAFF), "/parcel",
                                      f"log {WAYBILL0 + n} 破损 bench")
        token = fields["response_url"].rsplit("/", 1)[1]
        with lock:
            sent[token] = time.monotonic()
        ack = link.wait_ack(link.send("slash_commands", fields, accepts_response_payload=True))
        with lock:
            acks.append(ack.seconds)

    with ThreadPoolExecutor(clients) as pool:
        start = time.monotonic()
        for n in range(requests):  # at a steady RATE, as people type, not all at once
            time.sleep(max(0.0, start + n / rate - time.monotonic()))
            pool.submit(one, n)
    deadline = time.monotonic() + 60
    replies: dict[str, float] = {}
    while len(replies) < len(sent) and time.monotonic() < deadline:
        replies = {c.args["token"]: api.stamps[c.seq] for c in api.calls
                   if c.method == "response_url" and c.args.get("token") in sent}
        time.sleep(0.1)
    return acks, [replies[t] - sent[t] for t in replies], len(sent) - len(replies)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reconnect(link: SocketModeStandIn, pid: int,
              how: Literal["refresh", "close", "reset"]) -> tuple[float, float]:
    """End the newest connection HOW; seconds until the bot's next one is greeted, and the
    CPU seconds the bot used meanwhile."""
    count, cpu = link.connections, cpu_seconds(pid)
    start = time.monotonic()
    link.drop(how)
    link.wait_connections(count + 1, timeout=180)
    return time.monotonic() - start, cpu_seconds(pid) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--rate", type=float, default=10.0, help="envelopes per second")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db_url = f"sqlite:///{tmp / 'socket.db'}"
        api = StampedApi().start()
        link = api.socket_mode = SocketModeStandIn().start()
        seed(db_url, api)
        proc = serve(tmp, db_url, api.url)
        try:
            link.wait_connections(1, timeout=120)
            acks, replies, missing = burst(api, link, args.requests, args.clients,
                                           args.rate)
            drops = {how: [reconnect(link, proc.pid, how) for _ in range(args.rounds)]
                     for how in HOW}
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            link.stop()
            api.stop()
        print(f"Socket Mode, {args.requests} `/parcel log` envelopes at {args.rate:g}/s from "
              f"{args.clients} clients, one `kefu serve --socket` process")
        print(f"  ack (ms)    {fmt(percentiles(acks))}   (Slack's limit: 3000)")
        print(f"  reply (ms)  {fmt(percentiles(replies))}   missing {missing}")
        print("  reconnect, seconds until the next connection (CPU seconds the bot used):")
        for how, label in HOW.items():
            print(f"    {label:44} " + ", ".join(f"{t:5.2f} ({c:4.2f})" for t, c in drops[how]))
        errors = (tmp / "server.log").read_text(errors="replace").count("Traceback")
        print(f"  tracebacks in the server log: {errors}")


if __name__ == "__main__":
    main()
