"""Time of `/roster week` (the week grid) as the team grows, and how it scales.

Builds a database per size (default 20, 100 and 500 staff) with a month of roster, punches
and ledger lines (bench/report.py's team), then times the week grid the command shows.
This prints figures; it is never a pass/fail test.

    python -m bench.roster_week [--sizes 20,100,500] [--rounds 30]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlmodel import Session

from bench.report import populate
from bot.policy import load_policy
from bot.services.roster.entries import week_grid
from db.engine import make_engine, upgrade

MONDAY = date(2026, 11, 9)


def median_ms(size: int, rounds: int) -> float:
    """Build a team of SIZE and return the median time of one week grid, in ms."""
    policy = load_policy(None)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'week.db'}")
        upgrade(engine)
        populate(engine, policy, size)
        times = []
        for _ in range(rounds):
            with Session(engine) as s:
                t0 = time.perf_counter()
                grid = week_grid(s, monday=MONDAY, policy=policy)
                times.append(time.perf_counter() - t0)
        assert len(grid) == size
        engine.dispose()
    return statistics.median(times) * 1000


def main() -> None:
    """Time the grid at each size and print how it grows."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20,100,500")
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    results = {n: median_ms(n, args.rounds) for n in sizes}
    print(f"/roster week grid, week of {MONDAY} (median of {args.rounds})")
    for n, ms in results.items():
        print(f"  {n:5d} staff: {ms:7.2f} ms")
    first, last = sizes[0], sizes[-1]
    print(f"  growth {first} -> {last} staff: x{results[last] / results[first]:.1f} "
          f"(staff x{last / first:.0f})")


if __name__ == "__main__":
    main()
