"""Load, kill and retry counts for the bot over HTTP, against a slow and failing Slack.

1. Load: PEOPLE different staff each send one signed `/clock in`, at a steady rate over
   WINDOW seconds from CLIENTS threads, to the bot ("ours") and then to a minimal ack-only
   Bolt app, each served in its own process (bench/_serve.py); the Slack stand-in answers
   every call after LATENCY. Ack and reply times, replies per second, errors, peak RSS.
2. Kill count: `/parcel log` requests as fast as 4 clients go, while the bot is SIGKILLed
   twice at random moments and restarted on the same database: acknowledged, kept, lost,
   replies and duplicates once everything has settled.
3. Retry count: `/parcel log` requests while Slack answers chat.postMessage 429 and then
   500: channel posts attempted, delivered, duplicated, and how long delivery took.
Reply times run until the stand-in recorded the reply, so they include its latency. This
prints figures; it is never a pass/fail test.

    python bench/load.py [--people 500] [--window 60] [--clients 20] [--latency 0.1]
                         [--kill-staff 30] [--retry-requests 30] [--at 08:25] [--seed N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import closing
from datetime import time as dtime
from pathlib import Path

from _common import (
    SECRET,
    Child,
    Sent,
    StampedApi,
    TimedSender,
    fire,
    logged,
    percentiles,
    prepare,
    replies,
    send,
    staff_id,
    wait_replies,
    wait_settled,
)

GOAL_ACK_P99, GOAL_REPLY_P99, GOAL_RATIO = 100.0, 2000.0, 1.5  # ms, ms, ours/minimal
WARMUP = 10  # extra staff whose requests warm each app up, not measured
GRACE = 30.0  # seconds a reply may still arrive after the last request was sent
SETTLE = 600.0  # seconds the inbox and outbox may take to empty
FAULTS = ((429, 4, 1), (500, 4, None))  # chat.postMessage answers: status, times, Retry-After
KILL_CLIENTS = 4
WAYBILL0 = 518000000000


def paced(url: str, api: StampedApi, users: list[str], window: float,
          clients: int) -> list[Sent]:
    """Send `/clock in` for each user, request i at start + i*window/len(users)."""
    start, gap = time.monotonic() + 0.1, window / len(users)
    return fire(url, api, len(users), clients,
                lambda sender, i: send(sender, users[i], "/clock", "in"),
                lambda i: start + i * gap)


def log_parcel(sender: TimedSender, user: str, n: int, note: str) -> Sent:
    """`/parcel log WAYBILL 破损 NOTE` for the Nth distinct waybill."""
    waybill = f"{WAYBILL0 + n:012d}"
    return send(sender, user, "/parcel", f"log {waybill} 破损 {note} {n}", waybill)


def goal(ok: bool) -> str:
    """Say whether a goal was met."""
    return "met" if ok else "MISSED"


def load(args: argparse.Namespace, tmp: Path, at: dtime) -> None:
    """Part 1: the steady load against ours, then the minimal app."""
    api = StampedApi(args.latency).start()
    db = tmp / "load.db"
    ctx, fixed = prepare(db, api, at, args.people + WARMUP)
    ctx.close()
    users = [staff_id(n) for n in range(args.people)]
    print(f"1. load: {args.people} people, one signed `/clock in` each, steady over "
          f"{args.window:g} s from {args.clients} clients; Slack stand-in latency "
          f"{args.latency * 1000:.0f} ms")
    p99: dict[str, float] = {}
    for which in ("ours", "minimal"):
        child = Child(which, api.url, db, fixed, tmp)
        try:
            url = f"http://127.0.0.1:{child.port()}/slack/events"
            warm = paced(url, api, [staff_id(args.people + n) for n in range(WARMUP)], 0.5, 4)
            wait_replies(api, {s.token for s in warm} if which == "ours" else set(), GRACE)
            mark = api.last_seq
            sent = paced(url, api, users, args.window, args.clients)
            acked = [s for s in sent if s.status == 200]
            got = wait_replies(api, {s.token for s in acked} if which == "ours" else set(), GRACE)
            rss = child.peak_rss_mib()
        finally:
            child.stop()
        acks = percentiles([s.ack for s in acked])
        p99[which] = acks["p99"]
        print(f"   {which:7} ack    p50 {acks['p50']:6.1f}  p99 {acks['p99']:6.1f}  max "
              f"{acks['max']:6.1f} ms" + (f"   (goal p99 < {GOAL_ACK_P99:.0f} ms: "
                                          f"{goal(acks['p99'] < GOAL_ACK_P99)})"
                                          if which == "ours" else ""))
        arrived = {s: api.stamps[got[s.token][0]] for s in acked if s.token in got}
        missing = len(acked) - len(arrived) if which == "ours" else 0
        if which == "ours" and arrived:
            waits = percentiles([t - s.sent_at for s, t in arrived.items()])
            span = max(arrived.values()) - min(s.sent_at for s in sent)
            busiest = max(Counter(int(t - min(arrived.values())) for t in arrived.values())
                          .values())
            print(f"   {which:7} reply  p50 {waits['p50']:6.0f}  p99 {waits['p99']:6.0f}  max "
                  f"{waits['max']:6.0f} ms   (goal p99 < {GOAL_REPLY_P99:.0f} ms: "
                  f"{goal(waits['p99'] < GOAL_REPLY_P99)})")
            print(f"   {which:7} replies {len(arrived) / span:.1f}/s over the run ({len(arrived)} "
                  f"in {span:.1f} s from the first request; busiest second {busiest}); Slack "
                  f"calls made {dict(Counter(c.method for c in api.calls_since(mark)))}")
        bad = len(sent) - len(acked)
        print(f"   {which:7} peak RSS {rss:.0f} MiB; errors: {bad} non-200 acks (HTTP "
              f"{dict(Counter(s.status for s in sent))}), {missing} replies missing "
              f"{GRACE:.0f} s on, ERROR lines in stderr:")
        errors = bad + missing + len(logged(child))
        print(f"   {which:7} errors {errors}   (goal 0: {goal(errors == 0)})")
    ratio = p99["ours"] / p99["minimal"]
    print(f"   ack p99 ours/minimal = {ratio:.2f}   (goal <= {GOAL_RATIO}: "
          f"{goal(ratio <= GOAL_RATIO)})")
    api.stop()


def kill_count(args: argparse.Namespace, tmp: Path, at: dtime, rng: random.Random) -> None:
    """Part 2: `/parcel log` as fast as the clients go, through two SIGKILLs and restarts."""
    api = StampedApi(args.latency).start()
    db = tmp / "kill.db"
    ctx, fixed = prepare(db, api, at, args.kill_staff)
    ctx.close()
    sent: list[Sent] = []
    url, up, stop, numbers = [""], threading.Event(), threading.Event(), itertools.count()
    children: list[Child] = []

    def client() -> None:
        sender = TimedSender("", SECRET, api)
        while not stop.is_set():
            if up.wait(0.05):
                n, sender.app_url = next(numbers), url[0]
                sent.append(log_parcel(sender, staff_id(n % args.kill_staff), n, "kill"))

    def start(run: int) -> None:
        children.append(Child("ours", api.url, db, fixed, tmp, f"-run{run}"))
        url[0] = f"http://127.0.0.1:{children[-1].port()}/slack/events"
        up.set()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(KILL_CLIENTS)]
    waits = [rng.uniform(0.5, 2.0) for _ in range(3)]
    try:
        start(1)
        for thread in threads:
            thread.start()
        for run, wait in enumerate(waits[:2], 2):
            time.sleep(wait)
            up.clear()
            children[-1].kill()
            start(run)
        time.sleep(waits[2])
        stop.set()
        for thread in threads:
            thread.join()
        inbox_done, outbox_done = wait_settled(db, SETTLE)
    finally:
        stop.set()
        for child in children:  # the killed ones are already stopped
            child.stop()
    with closing(sqlite3.connect(db)) as con:
        kept = dict(con.execute("SELECT waybill, count(*) FROM parcel GROUP BY waybill"))
        rows = dict(con.execute("SELECT 'inbox ' || state, count(*) FROM inbox GROUP BY state "
                                "UNION ALL SELECT 'outbox ' || state, count(*) FROM outbox "
                                "GROUP BY state"))
    got = replies(api)
    posted = Counter(str(c.args.get("text")) for c in api.calls
                     if c.method == "chat.postMessage" and c.response.get("ok"))
    acked = [s for s in sent if s.status == 200]
    lost = [s.waybill for s in acked if s.waybill not in kept]
    print(f"\n2. kill count: `/parcel log` from {args.kill_staff} staff, {KILL_CLIENTS} "
          f"clients flat out; SIGKILL after {waits[0]:.2f} s and again {waits[1]:.2f} s after "
          f"the restart, restarted on the same database; sending stopped {waits[2]:.2f} s "
          f"after the second restart; then the inbox emptied in {inbox_done:.1f} s and the "
          f"outbox in {outbox_done:.1f} s")
    print(f"   sent {len(sent)}: acknowledged (HTTP 200) {len(acked)}, no answer "
          f"{sum(s.status is None for s in sent)}, other "
          f"{sum(s.status not in (None, 200) for s in sent)}")
    print(f"   kept {sum(s.waybill in kept for s in acked)} acknowledged (and "
          f"{sum(s.waybill in kept for s in sent if s.status != 200)} never acknowledged); "
          f"lost {len(lost)}   (goal 0: {goal(not lost)})" + (f" e.g. {lost[:5]}" if lost else ""))
    print(f"   replies delivered for acknowledged requests: "
          f"{sum(s.token in got for s in acked)} of {len(acked)}")
    print(f"   duplicates: {sum(n > 1 for n in kept.values())} waybills with more than one "
          f"parcel row, {sum(len(v) > 1 for v in got.values())} tokens with more than one reply, "
          f"{sum(n > 1 for n in posted.values())} channel posts made more than once "
          f"(answers the stand-in could not give a killed server: {api.dropped})")
    print(f"   rows at the end: {rows}; ERROR lines in the 3 servers' stderr:")
    print(f"   errors logged: {sum(len(logged(c)) for c in children)}")
    api.stop()


def retry_count(args: argparse.Namespace, tmp: Path, at: dtime) -> None:
    """Part 3: `/parcel log` while Slack refuses the first channel posts with 429, then 500."""
    api = StampedApi(args.latency).start()
    db = tmp / "retry.db"
    ctx, fixed = prepare(db, api, at, args.retry_requests)
    ctx.close()
    for status, times, retry_after in FAULTS:
        api.fail("chat.postMessage", status, times, retry_after)
    child = Child("ours", api.url, db, fixed, tmp, "-retry")
    try:
        url = f"http://127.0.0.1:{child.port()}/slack/events"
        start = time.monotonic()
        sent = fire(url, api, args.retry_requests, KILL_CLIENTS,
                    lambda sender, n: log_parcel(sender, staff_id(n), 500000 + n, "retry"))
        _, settled = wait_settled(db, SETTLE)
    finally:
        child.stop()
    with closing(sqlite3.connect(db)) as con:
        rows = [(state, tries) for payload, state, tries in con.execute(
            "SELECT payload, state, attempts FROM outbox WHERE kind = 'api'")
            if json.loads(payload).get("method") == "chat.postMessage"]
    posts = [c for c in api.calls if c.method == "chat.postMessage"]
    ok = [c for c in posts if c.response.get("ok")]
    texts = Counter(str(c.args.get("text")) for c in ok)
    refused = Counter(c.response.get("status") for c in posts if not c.response.get("ok"))
    took = max(api.stamps[c.seq] for c in ok) - start if ok else float("nan")
    faults = ", then ".join(f"{t} x {s}" + (f" (Retry-After: {a})" if a else "")
                            for s, t, a in FAULTS)
    print(f"\n3. retry count: {args.retry_requests} `/parcel log` "
          f"({sum(s.status == 200 for s in sent)} acknowledged), each posting to the team "
          f"channel; Slack answers the first chat.postMessage calls {faults}")
    print(f"   attempted {len(rows)} (outbox rows; ended {dict(Counter(s for s, _ in rows))}, "
          f"{sum(t for _, t in rows)} outbox retries)")
    print(f"   chat.postMessage calls {len(posts)}: refused {dict(refused)}, delivered "
          f"{len(ok)} ({len(texts)} distinct texts); duplicated "
          f"{sum(n - 1 for n in texts.values() if n > 1)}")
    print(f"   all delivered {took:.1f} s after the first request was sent (outbox empty "
          f"{settled:.1f} s after the last was acknowledged)")
    print(f"   errors logged: {len(logged(child))}")
    api.stop()


def main(argv: list[str] | None = None) -> int:
    """Parse options and run the three parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=500, help="people in the load (500)")
    parser.add_argument("--window", type=float, default=60.0, help="load window, s (60)")
    parser.add_argument("--clients", type=int, default=20, help="load client threads (20)")
    parser.add_argument("--latency", type=float, default=0.1,
                        help="seconds the Slack stand-in adds to every answer (0.1)")
    parser.add_argument("--kill-staff", type=int, default=30, help="staff in the kill run (30)")
    parser.add_argument("--retry-requests", type=int, default=30, help="in the retry run (30)")
    parser.add_argument("--at", default="08:25",
                        help="the bot's fixed clock, team time today (08:25: on time for D)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the kill moments")
    args = parser.parse_args(argv)
    if min(args.people, args.clients, args.kill_staff, args.retry_requests) < 1:
        parser.error("counts must be at least 1")
    at = dtime.fromisoformat(args.at)
    with tempfile.TemporaryDirectory(prefix="kefu-load-") as tmp_name:
        tmp = Path(tmp_name)
        print("kefu-bot under load: each app in its own process (waitress, SQLite); "
              "this process plays Slack and the people\n")
        load(args, tmp, at)
        kill_count(args, tmp, at, random.Random(args.seed))
        retry_count(args, tmp, at)
    return 0


if __name__ == "__main__":
    sys.exit(main())
