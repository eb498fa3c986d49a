"""Swap suggestions, batch matching and week repair, checked against the whole roster."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.solver.check import violations
from bot.solver.fairness import fair_loads
from bot.solver.problem import Cells, Need, Person, Problem, SwapAsk, SwapOption, Violation
from bot.solver.roster import generate
from bot.solver.rules import week_of
from bot.solver.swaps import UNIT, match, repair, suggest
from tests.unit.solver_cases import WEEK, applied, shop

Roster = tuple[Problem, dict[tuple[int, date], str | None]]


@pytest.fixture(scope="module")
def roster() -> Roster:
    problem = replace(shop(12, 4, 2), people=tuple(Person(i, swap_balance=i % 3 - 1)
                                                   for i in range(12)))
    return problem, dict(generate(problem, time_limit=10).cells)


def objective(problem: Problem, cells: Cells) -> dict[str, float]:
    """Σ squared deviation from the mean per dimension, recomputed from scratch."""
    fair = fair_loads(problem, cells)
    rows = {p.id: (*fair[p.id], p.swap_balance) for p in problem.people}
    out = {}
    for i, key in enumerate(("minutes", "nights", "weekends", "swaps")):
        mean = sum(r[i] for r in rows.values()) / len(rows)
        out[key] = sum((r[i] - mean) ** 2 for r in rows.values())
    return out


def after(problem: Problem, o: SwapOption) -> Problem:
    """Move the swap balance as a favour does (还班)."""
    if o.back_day is not None:
        return problem
    return replace(problem, people=tuple(
        replace(p, swap_balance=p.swap_balance + (p.id == o.taker) - (p.id == o.giver))
        for p in problem.people))


def asks(problem: Problem, cells: Cells) -> list[SwapAsk]:
    return [SwapAsk(p, d) for (p, d), c in sorted(cells.items()) if c is not None]


def test_every_suggestion_keeps_the_whole_roster_rule_clean(roster: Roster) -> None:
    problem, cells = roster
    offered = [o for a in asks(problem, cells) for o in suggest(problem, cells, a)]
    assert offered
    for o in offered:
        assert violations(problem, applied(cells, o)) == []


def test_the_score_is_the_exact_change_of_the_fairness_objective(roster: Roster) -> None:
    problem, cells = roster
    old = objective(problem, cells)
    for a in asks(problem, cells)[::5]:
        for o in suggest(problem, cells, a, limit=5):
            new = objective(after(problem, o), applied(cells, o))
            for key in old:
                assert o.reasons[key] == pytest.approx(new[key] - old[key], abs=1e-6)
            assert o.score == o.reasons["minutes"] + UNIT * (
                o.reasons["nights"] + o.reasons["weekends"] + o.reasons["swaps"])


def test_suggestions_come_best_first(roster: Roster) -> None:
    problem, cells = roster
    for a in asks(problem, cells)[::7]:
        scores = [o.score for o in suggest(problem, cells, a, limit=10)]
        assert scores == sorted(scores)


def test_a_true_swap_gives_a_shift_back_in_the_same_iso_week(roster: Roster) -> None:
    problem, cells = roster
    swaps = [o for a in asks(problem, cells) for o in suggest(problem, cells, a)
             if o.back_day not in (None, o.day)]
    assert swaps
    for o in swaps:
        assert o.back_day is not None and o.back_day.isocalendar()[1] == o.day.isocalendar()[1]
        assert cells[(o.giver, o.back_day)] is None and cells[(o.taker, o.day)] is None


def test_a_named_counterpart_is_the_only_taker(roster: Roster) -> None:
    problem, cells = roster
    a = asks(problem, cells)[0]
    others = {o.taker for o in suggest(problem, cells, a, limit=20)}
    for b in others:
        assert {o.taker for o in suggest(problem, cells, replace(a, counterpart=b))} == {b}


def test_a_plain_cover_is_a_favour_owed_when_nothing_else_fits() -> None:
    problem = shop(3, 1, 0)
    cells = {(p, d): "D" if p == 0 else None for p in range(3) for d in WEEK[:5]}
    cells |= {(p, d): None for p in range(3) for d in WEEK[5:]}
    problem = replace(problem, needs=tuple(Need(d, "D", "", 1, 1) for d in WEEK[:5]))
    [first, *_] = suggest(problem, cells, SwapAsk(0, WEEK[0]))
    assert first.back_day is None and first.reasons["swaps"] == 2  # 1² + (−1)², from 0 and 0
    assert violations(problem, applied(cells, first)) == []


def test_a_day_off_cannot_be_given_away(roster: Roster) -> None:
    problem, cells = roster
    p, d = next(k for k, c in cells.items() if c is None)
    assert suggest(problem, cells, SwapAsk(p, d)) == []


def test_batch_matching_never_uses_a_person_twice(roster: Roster) -> None:
    problem, cells = roster
    day = WEEK[2]
    open_asks = [SwapAsk(p, day) for p in range(12) if cells[(p, day)] is not None]
    chosen = match(problem, cells, open_asks)
    picked = [o for o in chosen if o is not None]
    people = [x for o in picked for x in (o.giver, o.taker)]
    assert picked and len(people) == len(set(people))
    together = dict(cells)
    for o in picked:
        together = applied(together, o)
    assert violations(problem, together) == []


def test_week_repair_frees_the_day_and_keeps_the_rest(roster: Roster) -> None:
    problem, cells = roster
    a = asks(problem, cells)[3]
    solution = repair(problem, cells, a)
    assert solution.status in ("optimal", "feasible")
    assert solution.cells[(a.person, a.day)] is None
    assert violations(problem, solution.cells) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["D", "E", None, None]), min_size=42, max_size=42),
       st.integers(0, 41))
def test_suggestions_on_random_rosters_add_no_violation(codes: list[str | None],
                                                        pick: int) -> None:
    problem = shop(6, 0, 0)
    cells = {(p, d): codes[p * 7 + i] for p in range(6) for i, d in enumerate(WEEK)}
    # needs that the random roster meets, with one spare either way
    count = {(d, s): sum(1 for p in range(6) if cells[(p, d)] == s) for d in WEEK for s in "DE"}
    problem = replace(problem, needs=tuple(Need(d, s, "", max(0, n - 1), n + 1)
                                           for (d, s), n in count.items()))
    before = {where(v) for v in violations(problem, cells)}
    worked = [k for k, c in cells.items() if c is not None] or [(0, WEEK[0])]
    person, day = worked[pick % len(worked)]
    for o in suggest(problem, cells, SwapAsk(person, day), limit=10):
        now = {where(v) for v in violations(problem, applied(cells, o))}
        assert now <= before


def where(v: Violation) -> tuple[object, ...]:
    """A breach's place; a week over its cap is one breach whichever day it is dated by."""
    day = week_of(v.day) if v.rule == "working_days_per_week" and v.day else v.day
    return v.rule, day, v.person


