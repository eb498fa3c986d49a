"""OR-Tools CP-SAT on a bench instance, as a reference: reads JSON on stdin, prints JSON.

Runs in its own process (bench/solver.py starts it): highspy and OR-Tools clash in one.
Same hard rules as the MILP (coverage held at the minimum); objective: the weighted ranges
of the fairness loads (an hour 1, a night or weekend shift 8), which CP-SAT handles well.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from ortools.sat.python import cp_model


def _rules(m: cp_model.CpModel, inst: dict[str, Any], work: dict[tuple[int, int], Any],
           night: dict[tuple[int, int], Any], day: dict[tuple[int, int], Any]) -> None:
    """Night rest, sliding windows and the weekly cap, with the days before the horizon."""
    nd, weeks = len(inst["days"]), inst["weeks"]
    for p in inst["people"]:
        pid, before = p["id"], inst["before"].get(str(p["id"]), [])
        nb = len(before)
        seq = [int(c is not None) for c in before] + [work[(pid, d)] for d in range(nd)]
        if before and before[-1] in inst["nights"]:
            m.Add(day[(pid, 0)] == 0)
        for d in range(1, nd):
            m.Add(night[(pid, d - 1)] + day[(pid, d)] <= 1)
        for length, most in inst["windows"]:
            for end in range(max(length, nb + 1), len(seq) + 1):
                m.Add(sum(seq[end - length:end]) <= most)
        for w in set(weeks):
            m.Add(sum(work[(pid, d)] for d in range(nd) if weeks[d] == w)
                  + p["before_in_week"].get(str(w), 0) <= inst["per_week"])


def _objective(m: cp_model.CpModel, inst: dict[str, Any], get: Any) -> list[tuple[Any, Any]]:
    """Minimise the weighted ranges; return the (max, min) variables per dimension."""
    nd, shifts, terms, spans = len(inst["days"]), inst["shifts"], [], []
    for i, weight in enumerate((1, 480, 480)):  # minutes: 1 per minute; a night: 8 h
        loads = [p["base"][i] + sum(
            get(p["id"], d, s["code"]) * (s["minutes"] if i == 0 else
                                          s["night"] if i == 1 else d in inst["weekend"])
            for d in range(nd) for s in shifts) for p in inst["people"]]
        hi, lo = m.NewIntVar(0, 10**7, ""), m.NewIntVar(0, 10**7, "")
        m.AddMaxEquality(hi, loads)
        m.AddMinEquality(lo, loads)
        terms.append(weight * (hi - lo))
        spans.append((hi, lo))
    m.Minimize(sum(terms))
    return spans


def solve(inst: dict[str, Any]) -> dict[str, Any]:
    """Build and solve; return status, seconds and ranges."""
    start, m = time.perf_counter(), cp_model.CpModel()
    nd, shifts = len(inst["days"]), inst["shifts"]
    off = {tuple(x) for x in inst["off"]}
    x = {(p["id"], d, s["code"]): m.NewBoolVar("") for p in inst["people"] for d in range(nd)
         for s in shifts if (p["id"], d) not in off}
    zero = m.NewConstant(0)

    def get(p: int, d: int, code: str) -> Any:
        return x.get((p, d, code), zero)

    work = {(p["id"], d): m.NewBoolVar("") for p in inst["people"] for d in range(nd)}
    night, day = {}, {}
    for (pid, d), w in work.items():
        m.Add(w == sum(get(pid, d, s["code"]) for s in shifts))
        night[(pid, d)] = sum(get(pid, d, s["code"]) for s in shifts if s["night"])
        day[(pid, d)] = sum(get(pid, d, s["code"]) for s in shifts if not s["night"])
    for n in inst["needs"]:
        m.Add(sum(get(p["id"], n["day"], n["shift"]) for p in inst["people"]
                  if n["group"] in ("", p["group"])) == n["min"])
    _rules(m, inst, work, night, day)
    spans = _objective(m, inst, get)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = inst["time_limit"]
    solver.parameters.num_workers = inst.get("workers", 2)
    status = solver.Solve(m)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    ranges = [int(solver.Value(h) - solver.Value(lo)) for h, lo in spans] if found else None
    bound = round(solver.BestObjectiveBound()) if found else None
    return {"status": solver.StatusName(status), "seconds": time.perf_counter() - start,
            "ranges": ranges, "bound": bound}


if __name__ == "__main__":
    print(json.dumps(solve(json.load(sys.stdin))))
