"""Time to produce a month's attendance report for a big team, and its peak memory.

Builds a database with N staff (default 200), a full month of roster (five shifts a week,
day and late shifts), both punches of every shift (some late, early, missing), a few hundred
ledger entries with payments and waivers; then times the report rows and the .xlsx file,
as `kefu report attendance --out FILE.xlsx` and `/kefu report attendance` build them.
This prints figures; it is never a pass/fail test.

    python bench/report.py [--staff 200] [--rounds 3] [--database-url URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain.period import Month
from bot.domain.shifts import Assignment, shift_window
from bot.policy import Policy, load_policy
from bot.services.attendance.report import attendance_table
from bot.services.attendance.rows import attendance_rows
from bot.services.report_files import xlsx_bytes
from db.engine import make_engine, upgrade
from db.models import LedgerEntry, LedgerPayment, Punch, RosterEntry, Staff

MONTH = Month(2026, 11)
NOW = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)  # noon on Dec 1 in Shanghai: the month is over


def _punches(rng: random.Random, staff_id: int, a: Assignment, policy: Policy) -> list[Punch]:
    start, end = shift_window(a, policy.tz)
    late = rng.choice([0] * 12 + [3, 14, 25, 40])
    early = rng.choice([0] * 20 + [5, 45])
    common = {"staff_id": staff_id, "shift_day": a.day, "shift_code": a.shift.code}
    out = [Punch(kind="in", at=start + timedelta(minutes=late or -5),
                 minutes_late=late, absence_half_days=int(late > 30), **common)]
    if rng.random() > 0.02:  # now and then a missed clock-out
        out.append(Punch(kind="out", at=end - timedelta(minutes=early), minutes_early=early,
                         absence_half_days=int(early > 30), **common))
    return out


def populate(engine: Engine, policy: Policy, staff: int, seed: int = 7) -> int:
    """Fill the database; return how many punches it holds."""
    rng, shifts, count = random.Random(seed), policy.shift_defs(), 0
    with Session(engine) as s:
        people = [Staff(slack_id=f"U0BENCH{i:04d}", name=f"员工{i:04d}",
                        base_wage_fen=rng.choice([None, 450000, 520000])) for i in range(staff)]
        s.add_all(people)
        s.flush()
        for n, p in enumerate(people):
            assert p.id is not None
            for d in range(MONTH.days):
                day = MONTH.first + timedelta(days=d)
                if (d + n) % 7 in (5, 6):
                    s.add(RosterEntry(staff_id=p.id, day=day, shift_code=None))
                    continue
                shift = shifts[(n + d // 7) % len(shifts)]
                s.add(RosterEntry(staff_id=p.id, day=day, shift_code=shift.code))
                if rng.random() > 0.01:  # now and then a day of absence
                    punches = _punches(rng, p.id, Assignment(day, shift), policy)
                    s.add_all(punches)
                    count += len(punches)
            _ledger(s, rng, p.id)
        s.commit()
    return count


def _ledger(s: Session, rng: random.Random, staff_id: int) -> None:
    for _ in range(rng.choice([0, 1, 2, 3])):
        day = date(2026, 11, rng.randint(1, 30))
        e = LedgerEntry(staff_id=staff_id, kind="fine", rule="late", red_packet=True,
                        amount_fen=rng.choice([1000, 2000, 5000]), day=day, actor="bench",
                        due_at=datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC))
        s.add(e)
        s.flush()
        roll = rng.random()
        if roll < 0.4:
            s.add(LedgerPayment(entry_id=e.id, amount_fen=e.amount_fen, paid_at=NOW, actor="x"))
        elif roll < 0.5:
            s.add(LedgerEntry(staff_id=staff_id, kind="reversal", rule="late", day=day,
                              amount_fen=-e.amount_fen, reverses_id=e.id, actor="bench"))


def report_bytes(engine: Engine, policy: Policy) -> bytes:
    """Build the month's attendance report as .xlsx, as the CLI and /kefu report do."""
    with Session(engine) as s:
        return xlsx_bytes(attendance_table(s, month=MONTH, now=NOW, policy=policy, lang="zh"))


def one_round(engine: Engine, policy: Policy) -> tuple[float, float, int]:
    """Return seconds for the rows alone, for rows + xlsx, and the xlsx size."""
    t0 = time.perf_counter()
    with Session(engine) as s:
        attendance_rows(s, month=MONTH, now=NOW, policy=policy)
    t1 = time.perf_counter()
    content = report_bytes(engine, policy)
    return t1 - t0, time.perf_counter() - t1, len(content)


def peak_mib(engine: Engine, policy: Policy) -> float:
    """Return the peak Python memory of one rows + xlsx build (tracemalloc slows it, so apart)."""
    tracemalloc.start()
    report_bytes(engine, policy)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def main() -> None:
    """Build the team, then time the report a few times."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = ap.parse_args()
    policy = load_policy(None)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        punches = populate(engine, policy, args.staff)
        results = [one_round(engine, policy) for _ in range(args.rounds)]
        peak = peak_mib(engine, policy)
        engine.dispose()
    rows_s = statistics.median(r[0] for r in results)
    file_s = statistics.median(r[1] for r in results)
    print(f"attendance report {MONTH}: {args.staff} staff, {punches} punches, "
          f"{args.rounds} rounds (median)")
    print(f"  rows:              {rows_s * 1000:7.0f} ms")
    print(f"  rows + xlsx:       {file_s * 1000:7.0f} ms  ({results[0][2] / 1024:.0f} KiB file)")
    print(f"  peak memory:       {peak:7.1f} MiB (tracemalloc, rows + xlsx)")


if __name__ == "__main__":
    main()
