"""Swaps on a roster that already breaks a rule: judged by the breaches they add."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.solver.check import violations
from bot.solver.compare import added
from bot.solver.problem import Need, Person, Problem, SwapAsk, Violation
from bot.solver.roster import generate
from bot.solver.swaps import suggest, why_not
from tests.unit.solver_cases import WEEK, D, E, applied, shop

Cells = dict[tuple[int, date], str | None]
MON, TUE, WED, THU = WEEK[:4]


@pytest.fixture(scope="module")
def short_roster() -> tuple[Problem, Cells, date]:
    """A lawful week with one day shift then left a person short, as a hand edit would."""
    problem = shop(12, 4, 2)
    cells = dict(generate(problem, time_limit=10).cells)
    gone = next(p for (p, d), c in sorted(cells.items()) if d == WED and c == "D")
    cells[(gone, WED)] = None
    return problem, cells, WED


def test_the_same_breach_kept_is_not_added_but_a_deeper_or_new_one_is() -> None:
    short = Violation("coverage_min", WED, None, "D", "", "1 < 2", 1)
    night = Violation("day_after_night", THU, 3, "D")
    assert added([short, night], [short, night]) == []
    assert added([short], [replace(short, excess=2)]) == [replace(short, excess=2)]
    assert added([short], [night]) == [night]
    week = Violation("working_days_per_week", WEEK[5], 3, excess=1)
    assert added([week], [replace(week, day=WEEK[6])]) == []  # its last day moved, no worse


def test_a_day_already_short_still_gets_offers_and_none_makes_anything_worse(
        short_roster: tuple[Problem, Cells, date]) -> None:
    problem, cells, day = short_roster
    before = violations(problem, cells)
    assert any(v.rule == "coverage_min" and v.day == day for v in before)
    asking = [p for (p, d), c in sorted(cells.items()) if d == day and c == "D"]
    offered = [o for p in asking for o in suggest(problem, cells, SwapAsk(p, day))]
    assert offered
    for o in offered:
        assert added(before, violations(problem, applied(cells, o))) == []


def test_why_not_names_the_rule_and_the_day_that_stop_a_swap() -> None:
    # Two people: 1 works D Mon–Wed, 2 works E Mon–Wed; both are needed every day.
    needs = tuple(Need(d, c, "", 1, 1) for d in WEEK[:3] for c in ("D", "E"))
    problem = Problem(WEEK, (D, E), (Person(1), Person(2)), needs)
    cells: Cells = {(1, d): "D" for d in WEEK[:3]} | {(2, d): "E" for d in WEEK[:3]}
    assert suggest(problem, cells, SwapAsk(1, TUE)) == []
    why = why_not(problem, cells, SwapAsk(1, TUE))
    assert why is not None and (why.rule, why.day, why.person) == ("day_after_night", WED, 1)


def test_why_not_is_none_when_nobody_else_could_take_the_shift() -> None:
    problem = Problem(WEEK, (D, E), (Person(1),), ())
    assert why_not(problem, {(1, MON): "D"}, SwapAsk(1, MON)) is None
