"""Roster solver figures: generation at several team sizes, swaps, matching, week repair.

Per size N: a seeded team of N agents in two groups (售前 60 %, 售后 40 %), four weeks of the
shop catalogue (白班 D 08:30–17:30 540 min, 晚班 E 17:00–01:00 480 min, night) or, with
--catalogue jd, four shifts (早 午 晚 夜), coverage per group and day, about 3 % leave,
random history and three days before the horizon. Prints build and solve time, status,
ranges against their lower bounds (and the gaps), the weighted fairness with its proven
bound, and the checker's violation count; then OR-Tools CP-SAT on the same instance in a
separate process (highspy and OR-Tools clash in one), with its own bound of the same figure.
This prints figures; it is never a pass/fail test.

    python bench/solver.py [--sizes 20,50,200,1000] [--time-limit 30] [--cpsat-limit 60]
                           [--cpsat-max 1000] [--catalogue shop|jd] [--asks 200]

The reference for the teams that use this (N ≤ 50) is CP-SAT at 300 s:
    python bench/solver.py --sizes 20,50 --cpsat-limit 300
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bot.solver.bands import lower_bounds
from bot.solver.calendar import weekend_days
from bot.solver.check import violations
from bot.solver.fairness import DIMS, bases, spread
from bot.solver.problem import Cells, History, Need, Person, Problem, Shift, SwapAsk
from bot.solver.roster import generate
from bot.solver.rules import week_of, window_limits, worked_before_in_week
from bot.solver.swaps import match, repair, suggest

START = date(2026, 11, 2)  # a Monday
CATALOGUES = {
    "shop": ((Shift("D", 540, 510, 1050), 0.22), (Shift("E", 480, 1020, 1500, True), 0.12)),
    "jd": ((Shift("早", 480, 480, 960), 0.12), (Shift("午", 480, 720, 1200), 0.10),
           (Shift("晚", 480, 960, 1440, True), 0.08), (Shift("夜", 660, 1200, 1920, True), 0.06)),
}


def instance(n: int, catalogue: str, seed: int = 7) -> Problem:
    """Return a seeded four-week problem for n agents."""
    rng, days = random.Random(seed), tuple(START + timedelta(days=i) for i in range(28))
    cat, groups = CATALOGUES[catalogue], {"售前": 0.6, "售后": 0.4}
    people = tuple(Person(i, "售前" if i < n * 0.6 else "售后",
                          History(rng.randint(0, 4) * 60, rng.randint(0, 3), rng.randint(0, 2)))
                   for i in range(n))
    weekend = weekend_days(days)
    needs = tuple(Need(d, s.code, g, m, m + 2) for d in days for g, share in groups.items()
                  for s, rate in cat
                  if (m := max(1, round(n * share * rate * (0.8 if d in weekend else 1)))))
    off = frozenset((rng.randrange(n), rng.choice(days)) for _ in range(int(n * 28 * 0.03)))
    before = {p.id: tuple(rng.choice([None, None, cat[0][0].code, cat[-1][0].code])
                          for _ in range(3)) for p in people}
    return Problem(days, tuple(s for s, _ in cat), people, needs, weekend=weekend, off=off,
                   before=before)


def as_json(problem: Problem, time_limit: float) -> str:
    """Describe the problem for the CP-SAT process."""
    index, base = {d: i for i, d in enumerate(problem.days)}, bases(problem)
    weeks = [week_of(d)[1] for d in problem.days]
    return json.dumps({
        "days": [d.isoformat() for d in problem.days], "weeks": weeks,
        "shifts": [{"code": s.code, "minutes": s.minutes, "night": int(s.night)}
                   for s in problem.shifts],
        "nights": [s.code for s in problem.shifts if s.night],
        "people": [{"id": p.id, "group": p.group, "base": list(base[p.id]),
                    "before_in_week": {str(w[1]): worked_before_in_week(problem, p.id, w)
                                       for w in {week_of(d) for d in problem.days}}}
                   for p in problem.people],
        "needs": [{"day": index[n.day], "shift": n.shift, "group": n.group, "min": n.min}
                  for n in problem.needs],
        "off": [[p, index[d]] for p, d in problem.off],
        "before": {str(p): list(v) for p, v in problem.before.items()},
        "weekend": [index[d] for d in problem.weekend if d in index],
        "windows": [[length, most] for length, most, _ in window_limits(problem)],
        "per_week": problem.rules.working_days_per_week, "time_limit": time_limit})


def cpsat(problem: Problem, time_limit: float) -> dict[str, object]:
    """Run CP-SAT in a separate process."""
    script = Path(__file__).with_name("_cpsat.py")
    done = subprocess.run([sys.executable, str(script)], input=as_json(problem, time_limit),
                          capture_output=True, text=True, check=False)
    if done.returncode:
        return {"status": "error: " + done.stderr.strip().splitlines()[-1][:80]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def roster(n: int, args: argparse.Namespace) -> tuple[Problem, Cells]:
    """Generate and print one size's figures."""
    problem = instance(n, args.catalogue)
    t = time.perf_counter()
    bounds = lower_bounds(problem)
    bound_s = time.perf_counter() - t
    s = generate(problem, time_limit=args.time_limit)
    bad = len(violations(problem, s.cells)) if s.cells else "-"
    print(f"N={n:5d}: build {s.build_seconds:5.1f} s  solve {s.solve_seconds:5.1f} s  "
          f"total {s.seconds:5.1f} s  {s.status:9s} violations {bad}  rules kept "
          f"{s.rules_kept}  (bounds {bound_s:.1f} s)")
    for k in ("minutes", "nights", "weekends"):
        got = s.ranges.get(k, "-")
        print(f"          {k:8s} range {got!s:>5}  lower bound {bounds[k]:5d}  "
              f"gap {s.range_gaps.get(k, '-')!s:>5}")
    print(f"          fairness (minutes + 480 × (nights + weekends)) {s.fairness}  "
          f"proven bound {s.fairness_bound}  proven fairest: {s.fairness_proven}")
    if n <= args.cpsat_max:
        ref = cpsat(problem, args.cpsat_limit)
        got = ref.get("ranges")
        score = spread(dict(zip(DIMS, got, strict=True))) if isinstance(got, list) else "-"
        print(f"          CP-SAT: {ref.get('status')}  {ref.get('seconds', 0):.1f} s  "
              f"ranges (min, nights, weekends) {got}  fairness {score}  "
              f"its bound {ref.get('bound', '-')}")
    else:
        print(f"          CP-SAT: skipped above N={args.cpsat_max} (--cpsat-max)")
    return problem, s.cells


def swaps(problem: Problem, cells: Cells, asks: int, repairs: bool) -> None:
    """Time suggestions, a batch match and (optionally) week repairs."""
    rng = random.Random(3)
    worked = sorted(k for k, c in cells.items() if c is not None)
    picks = [SwapAsk(*rng.choice(worked)) for _ in range(asks)]
    times, offered = [], 0
    for a in picks:
        t = time.perf_counter()
        offered += len(suggest(problem, cells, a))
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"          swaps: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms over {asks} asks "
          f"({offered / asks:.1f} options each)")
    day = problem.days[9]
    batch = [SwapAsk(p.id, day) for p in problem.people if cells.get((p.id, day))][:10]
    t = time.perf_counter()
    got = match(problem, cells, batch)
    print(f"          match of {len(batch)} asks on one day: {time.perf_counter() - t:.2f} s, "
          f"{sum(o is not None for o in got)} matched")
    if repairs:
        runs = [repair(problem, cells, a) for a in picks[:5]]
        total = sorted(r.build_seconds + r.solve_seconds for r in runs)
        print(f"          week repair: median {statistics.median(total):.2f} s over 5 "
              f"({', '.join(r.status for r in runs)})")


def main() -> None:
    """Run the sizes asked for."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20,50,200,1000")
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--cpsat-limit", type=float, default=60.0)
    ap.add_argument("--cpsat-max", type=int, default=1000)
    ap.add_argument("--catalogue", choices=sorted(CATALOGUES), default="shop")
    ap.add_argument("--asks", type=int, default=200)
    args = ap.parse_args()
    print(f"roster solver bench: 4 weeks, {args.catalogue} catalogue, HiGHS limit "
          f"{args.time_limit:.0f} s, CP-SAT limit {args.cpsat_limit:.0f} s")
    for n in (int(x) for x in args.sizes.split(",")):
        problem, cells = roster(n, args)
        if cells and n >= 200:
            swaps(problem, cells, args.asks, repairs=n == 200)


if __name__ == "__main__":
    main()
