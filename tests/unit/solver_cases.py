"""Small solver instances shared by the solver tests."""

from __future__ import annotations

import random
from datetime import date, timedelta

from bot.solver.calendar import weekend_days
from bot.solver.problem import Cells, History, Need, Person, Problem, Shift, SwapOption

MONDAY = date(2026, 11, 2)
D = Shift("D", 540, 510, 1050)  # 08:30–17:30
E = Shift("E", 480, 1020, 1500, night=True)  # 17:00–01:00
WEEK = tuple(MONDAY + timedelta(days=i) for i in range(7))
WEEKEND = frozenset(d for d in WEEK if d.weekday() >= 5)


def shop(people: int = 10, day_min: int = 4, late_min: int = 2, **kw: object) -> Problem:
    """One week of the shop catalogue, one group, fixed minimums and one spare of maximum."""
    needs = tuple(Need(d, code, "", m, m + 1) for d in WEEK
                  for code, m in (("D", day_min), ("E", late_min)))
    base = {"days": WEEK, "shifts": (D, E), "people": tuple(Person(i) for i in range(people)),
            "needs": needs, "weekend": WEEKEND}
    return Problem(**{**base, **kw})  # type: ignore[arg-type]


def courier() -> Problem:
    """One week, three groups (进港, 出港, 质控), day and evening shifts."""
    groups = {"进港": (3, 1), "出港": (2, 1), "质控": (1, 1)}
    people = tuple(Person(i, g) for i, g in enumerate(
        [g for g, (dm, em) in groups.items() for _ in range(2 * (dm + em))]))
    needs = tuple(Need(d, code, g, m, m) for d in WEEK for g, mins in groups.items()
                  for code, m in zip(("D", "E"), mins, strict=True))
    return Problem(WEEK, (D, E), people, needs, weekend=WEEKEND)


EARLY = Shift("早", 480, 480, 960)  # the courier station's four shifts (JD style)
NOON = Shift("午", 480, 720, 1200)
LATE4 = Shift("晚", 480, 960, 1440, night=True)  # ends at midnight: no day shift after it
NIGHT4 = Shift("夜", 660, 1200, 1920, night=True)  # 20:00–08:00
FOUR = (EARLY, NOON, LATE4, NIGHT4)


def four_shifts(people: int, days: int, seed: int) -> Problem:
    """One group covering 早 午 晚 夜 once a day, seeded history and two days before."""
    rng = random.Random(seed)
    horizon = tuple(MONDAY + timedelta(days=i) for i in range(days))
    team = tuple(Person(i, "", History(rng.randint(0, 4) * 60, rng.randint(0, 2),
                                       rng.randint(0, 1))) for i in range(people))
    needs = tuple(Need(d, s.code, "", 1, 1) for d in horizon for s in FOUR)
    before = {p.id: tuple(rng.choice([None, "早", "夜"]) for _ in range(2)) for p in team}
    return Problem(horizon, FOUR, team, needs, weekend=weekend_days(horizon), before=before)


def with_history(problem: Problem, person: int, history: History) -> Problem:
    """Return the problem with one person's history replaced."""
    people = tuple(Person(p.id, p.group, history) if p.id == person else p
                   for p in problem.people)
    return Problem(problem.days, problem.shifts, people, problem.needs, problem.rules,
                   problem.weekend, problem.off, problem.fixed, problem.before, problem.wishes)


def applied(cells: Cells, o: SwapOption) -> dict[tuple[int, date], str | None]:
    """Return the roster after a swap option."""
    out = dict(cells)
    out[(o.taker, o.day)] = o.shift
    out[(o.giver, o.day)] = o.back_shift if o.back_day == o.day else None
    if o.back_day is not None and o.back_day != o.day:
        out[(o.giver, o.back_day)] = o.back_shift
        out[(o.taker, o.back_day)] = None
    return out
