"""A person's loads in the MILP: variable terms and the constants of fixed cells."""

from __future__ import annotations

from bot.solver.model import Model
from bot.solver.problem import Problem


def load_terms(problem: Problem, m: Model, p: int) -> tuple[list[tuple[object, int]], ...]:
    """Return a person's horizon minutes, nights and weekend shifts as variable terms."""
    codes = {s.code: s for s in problem.shifts}
    out: tuple[list[tuple[object, int]], ...] = ([], [], [])
    for d in problem.days:
        for code, v in m.rows.get((p, d), ()):
            s = codes[code]
            out[0].append((v, s.minutes))
            if s.night:
                out[1].append((v, 1))
            if d in problem.weekend:
                out[2].append((v, 1))
    return out


def fixed_loads(problem: Problem, m: Model, p: int) -> tuple[int, int, int]:
    """Return the loads of a person's constant (fixed) cells."""
    codes, out = {s.code: s for s in problem.shifts}, [0, 0, 0]
    for d in problem.days:
        s = codes.get(m.const.get((p, d)) or "")
        if s is not None:
            out = [out[0] + s.minutes, out[1] + s.night, out[2] + (d in problem.weekend)]
    return out[0], out[1], out[2]
