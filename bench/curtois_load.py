"""Turn a Curtois benchmark instance into the solver's Problem, with policy-equivalent inputs.

Day 0 is a Monday (FIRST_DAY); Saturdays and Sundays are the weekend. Every team rule is
switched off so only the per-person limits of the file apply; cover becomes soft needs
(under/over weights) and requests become weighted wishes; fairness is off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from bench.curtois_eval import Assignment, Instance, parse
from bot.solver.problem import Cells, Limits, Need, Person, Problem, Rules, Shift, Wish

FIRST_DAY = date(2024, 1, 1)  # a Monday
DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "curtois"
NO_TEAM_RULES = Rules(max_consecutive_days=None, working_days_per_week=None,
                      rest_days_per_month=None, min_days_off_per_7=None,
                      no_day_after_night=False)


@dataclass(frozen=True)
class Loaded:
    """An instance read from its file and the Problem made of it, with the ID mappings."""

    instance: Instance
    problem: Problem
    person_ids: dict[str, int]  # file ID → Person.id

    def assignment(self, cells: Cells) -> Assignment:
        """Translate a solver roster back into the evaluator's plain assignment."""
        days = self.problem.days
        return {(e, i): cells.get((pid, d)) for e, pid in self.person_ids.items()
                for i, d in enumerate(days)}


def instance_dir(given: str | None = None) -> Path:
    """Return the benchmark directory: the argument, KEFU_CURTOIS_DIR, or ../shared/…."""
    return Path(given or os.environ.get("KEFU_CURTOIS_DIR") or DEFAULT_DIR)


def load(path: Path) -> Loaded:
    """Read an instance file."""
    return convert(parse(path.read_text(encoding="utf-8")))


def convert(inst: Instance) -> Loaded:
    """Build the Problem of a parsed instance."""
    days = tuple(FIRST_DAY + timedelta(days=i) for i in range(inst.days))
    ids = {s.id: i + 1 for i, s in enumerate(inst.staff)}
    shifts = tuple(Shift(code, minutes, 0, minutes) for code, minutes in inst.lengths.items())
    people = tuple(Person(ids[s.id], limits=Limits(
        max_shifts=tuple((c, s.max_shifts.get(c, 0)) for c in inst.lengths),
        min_minutes=s.min_minutes, max_minutes=s.max_minutes,
        max_consecutive_days=s.max_consecutive, min_consecutive_days=s.min_consecutive,
        min_consecutive_days_off=s.min_days_off, max_weekends=s.max_weekends))
        for s in inst.staff)
    needs = tuple(Need(days[d], code, "", need, len(people), under=under, over=over)
                  for d, code, need, under, over in inst.cover)
    wishes = tuple(Wish(ids[e], days[d], code, weight) for e, d, code, weight in inst.on) + \
        tuple(Wish(ids[e], days[d], code, weight, avoid=True) for e, d, code, weight in inst.off)
    successions = frozenset((a, b) for a, bs in inst.barred.items() for b in bs)
    rules = replace(NO_TEAM_RULES, successions=successions)
    weekend = frozenset(d for d in days if d.weekday() >= 5)
    off = frozenset((ids[e], days[d]) for e, ds in inst.days_off.items() for d in ds)
    problem = Problem(days, shifts, people, needs, rules, weekend, off, wishes=wishes, fair=False)
    return Loaded(inst, problem, ids)
