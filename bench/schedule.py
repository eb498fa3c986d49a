"""The day on schedule, measured: the morning summary of a large team with months of history,
and a whole simulated day of every job for a 50-person team.

1. Morning summary: teams of 50 and 500 with six months of roster, punches (some late),
   fines and payments, problem parcels and open requests; the time to build the summary
   (median) and the SQL statements it runs (they should not grow with the team).
2. A simulated day, 06:00 -> 24:00 on a Tuesday, 50 people: every enabled job at each of
   its instants through the scheduler's own `run_job`, then every instant again (a restart
   or a second scheduler): messages queued per job, instants run twice (must be 0), and the
   CPU time the jobs took. Messages are counted as outbox rows (nothing is sent).
This prints figures; it is never a pass/fail test.

    python bench/schedule.py [--staff 500] [--months 6] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.app import build_context
from bot.jobs import scheduler
from bot.policy import Policy
from bot.services import summary
from bot.settings import load_settings
from db.engine import upgrade
from db.models import (
    LedgerEntry,
    LedgerPayment,
    Outbox,
    Parcel,
    Punch,
    Request,
    RosterEntry,
    Staff,
)

TODAY = date(2026, 11, 24)  # a Tuesday, a working day


def populate(engine: Engine, policy: Policy, staff: int, months: int, seed: int = 5) -> int:
    """Fill the database with STAFF people and MONTHS of history; return the punch count."""
    rng, codes = random.Random(seed), [s.code for s in policy.shift_defs()]
    first = TODAY - timedelta(days=30 * months)
    with Session(engine) as s:
        s.execute(insert(Staff), [{"slack_id": f"U0S{i:05d}", "name": f"员工{i:04d}",
                                   "role": "lead" if i < 3 else "agent", "active": True}
                                  for i in range(staff)])
        ids = [int(i) for i in s.exec(select(Staff.id)).all() if i is not None]
        roster, punches, fines = [], [], []
        for n, sid in enumerate(ids):
            for d in range((TODAY - first).days + 1):
                day = first + timedelta(days=d)
                code = None if (d + n) % 7 in (5, 6) else codes[(n + d // 7) % len(codes)]
                roster.append({"staff_id": sid, "day": day, "shift_code": code,
                               "source": "bench"})
                if code and day < TODAY:
                    late = rng.choice([0] * 15 + [5, 12, 40])
                    at = datetime.combine(day, datetime.min.time(), UTC)
                    punches.append({"staff_id": sid, "kind": "in", "at": at, "shift_day": day,
                                    "shift_code": code, "minutes_late": late,
                                    "absence_half_days": int(late > 30), "source": "bench"})
                    if 0 < late <= 30:
                        fines.append({"staff_id": sid, "kind": "fine", "rule": "late",
                                      "red_packet": True, "amount_fen": 1000, "day": day,
                                      "actor": "bench", "created_at": at})
        for table, rows in ((RosterEntry, roster), (Punch, punches), (LedgerEntry, fines)):
            for start in range(0, len(rows), 5000):
                s.execute(insert(table), rows[start:start + 5000])
        paid = [int(i) for i in s.exec(select(LedgerEntry.id)).all() if i is not None]
        s.execute(insert(LedgerPayment), [{"entry_id": i, "amount_fen": 1000, "actor": "b",
                                           "paid_at": datetime.now(UTC)}
                                          for i in paid if rng.random() < 0.7])
        _parcels_and_requests(s, rng, ids)
        s.commit()
        return len(punches)


def _parcels_and_requests(s: Session, rng: random.Random, ids: list[int]) -> None:
    now = datetime.combine(TODAY, datetime.min.time(), UTC)
    s.execute(insert(Parcel), [{
        "waybill": f"5180{n:08d}", "type_code": "damaged", "status": "open" if n % 3 else
        "delivered", "open_key": f"5180{n:08d}" if n % 3 else None, "logged_by": "U0S00003",
        "owner": "U0S00003", "logged_at": now - timedelta(days=n % 9),
        "updated_at": now - timedelta(days=n % 4), "hold_from": now - timedelta(days=n % 9)}
        for n in range(len(ids) * 2)])
    s.execute(insert(Request), [{"kind": rng.choice(["leave", "makeup"]),
                                 "state": "pending", "requester_id": ids[n], "payload": "{}",
                                 "day": TODAY + timedelta(days=2), "created_at": now}
                                for n in range(0, len(ids), 10)])


def summary_figures(staff: int, months: int, rounds: int) -> tuple[float, int, int]:
    """Build a team; return the median build time (s), its SQL statements and punch count."""
    with tempfile.TemporaryDirectory() as tmp:
        ctx = build_context(load_settings(_env_file=None,
                                          database_url=f"sqlite:///{Path(tmp) / 's.db'}"))
        upgrade(ctx.engine)
        punches = populate(ctx.engine, ctx.policy, staff, months)
        now = datetime(2026, 11, 24, 0, 20, tzinfo=UTC)  # 08:20 in Shanghai
        seen: list[str] = []

        def count(*args: Any) -> None:
            seen.append(str(args[2]))

        times = []
        for n in range(rounds):
            if n == rounds - 1:
                event.listen(ctx.engine, "before_cursor_execute", count)
            with Session(ctx.engine) as s:
                t0 = time.perf_counter()
                summary.build(s, now=now, policy=ctx.policy)
                times.append(time.perf_counter() - t0)
        event.remove(ctx.engine, "before_cursor_execute", count)
        ctx.close()
    return statistics.median(times), len(seen), punches


def simulated_day(staff: int) -> tuple[Counter[str], int, float, int]:
    """Run every job's instants of one day twice; return rows per job, repeats, CPU s, runs."""
    with tempfile.TemporaryDirectory() as tmp:
        ctx = build_context(load_settings(_env_file=None,
                                          database_url=f"sqlite:///{Path(tmp) / 'd.db'}"))
        upgrade(ctx.engine)
        populate(ctx.engine, ctx.policy, staff, 1)
        tz = ctx.policy.tz
        first = datetime.combine(TODAY, datetime.min.time(), tz) + timedelta(hours=6)
        last = datetime.combine(TODAY, datetime.min.time(), tz) + timedelta(hours=24)
        plan = sorted((at, job.name, job) for job in scheduler.enabled(ctx.policy)
                      for at in scheduler.scheduled(ctx, job, first, last))
        per_job: Counter[str] = Counter()
        repeats, cpu0 = 0, time.process_time()
        for at, name, job in plan:
            ctx.clock = lambda at=at: at  # type: ignore[misc]
            before = _rows(ctx.engine)
            scheduler.run_job(ctx, job, at)
            per_job[name] += _rows(ctx.engine) - before
        for at, _name, job in plan:  # a restart, or a second scheduler: nothing again
            repeats += scheduler.run_job(ctx, job, at)
        cpu = time.process_time() - cpu0
        ctx.close()
    return per_job, repeats, cpu, len(plan)


def _rows(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(Outbox)).one())


def main() -> None:
    """Print both figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--staff", type=int, default=500)
    ap.add_argument("--months", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    print(f"1. morning summary, {args.months} months of history (median of {args.rounds})")
    for size in (50, args.staff):
        seconds, statements, punches = summary_figures(size, args.months, args.rounds)
        print(f"   {size:4d} staff, {punches:7d} punches: {seconds * 1000:7.1f} ms, "
              f"{statements} SQL statements   (goal <= 1 s, statements not growing)")
    per_job, repeats, cpu, runs = simulated_day(50)
    print("2. a simulated day 06:00-24:00, 50 people: messages queued per job")
    for name, n in sorted(per_job.items()):
        print(f"   {name:20s} {n:4d}")
    print(f"   {runs} job instants run, {sum(per_job.values())} messages; every instant run "
          f"again: {repeats} ran twice (goal 0); job CPU time {cpu:.2f} s")


if __name__ == "__main__":
    main()
