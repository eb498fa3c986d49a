"""The Curtois benchmark: our roster per instance against the best known, checked by the
independent evaluator.

    PYTHONPATH=. .venv/bin/python bench/curtois.py --instances 1-7 --time-limit 60

The instances are read from --dir (or KEFU_CURTOIS_DIR, or ../shared/benchmarks/curtois next
to the repository); they are never copied into it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from time import perf_counter

from bench.curtois_eval import evaluate
from bench.curtois_load import instance_dir, load
from bot.solver.roster import generate

# the README's "overall best listed" (upper bounds found by published methods)
BEST_KNOWN = {1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1308, 9: 439,
              10: 4631, 11: 3443, 12: 4040, 13: 1905, 14: 1279, 15: 3928, 16: 3225, 17: 5750,
              18: 4650, 19: 3218}
HEADER = ("inst", "staff", "days", "shifts", "ours", "best", "gap%", "bound", "secs", "status",
          "evaluator")


def numbers(spec: str) -> list[int]:
    """Parse '1-7,9' into [1, …, 7, 9]."""
    out: list[int] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def row(path: Path, number: int, time_limit: float) -> tuple[str, ...]:
    """Solve one instance and judge the roster independently."""
    loaded = load(path)
    p = loaded.problem
    began = perf_counter()
    sol = generate(p, time_limit=time_limit)
    secs = perf_counter() - began
    best = BEST_KNOWN.get(number)
    if not sol.cells:
        return (str(number), str(len(p.people)), str(len(p.days)), str(len(p.shifts)), "—",
                str(best or "—"), "—", "—", f"{secs:.1f}", sol.status, "no roster")
    rep = evaluate(loaded.instance, loaded.assignment(sol.cells))
    agree = "agrees" if rep.objective == sol.objective and not rep.violations else \
        f"DIFFERS: {rep.objective}, {len(rep.violations)} violations"
    gap = f"{100 * (rep.objective - best) / best:.1f}" if best else "—"
    bound = "—" if sol.bound is None else f"{sol.bound:.0f}"
    return (str(number), str(len(p.people)), str(len(p.days)), str(len(p.shifts)),
            str(sol.objective), str(best or "—"), gap, bound, f"{secs:.1f}", sol.status, agree)


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=None, help="where InstanceN.txt are")
    ap.add_argument("--instances", default="1-12")
    ap.add_argument("--time-limit", type=float, default=60.0)
    args = ap.parse_args(argv)
    folder = instance_dir(args.dir)
    if not folder.is_dir():
        print(f"no benchmark directory at {folder} (use --dir or KEFU_CURTOIS_DIR)")
        return 2
    widths = (4, 5, 4, 6, 6, 6, 6, 6, 6, 9, 10)
    print("  ".join(h.rjust(w) for h, w in zip(HEADER, widths, strict=True)), flush=True)
    for n in numbers(args.instances):
        cells = row(folder / f"Instance{n}.txt", n, args.time_limit)
        print("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
