"""The richer rules in the MILP: each one avoided where breaking it would pay, soft coverage
costed, and the model and the independent checker agreeing on random small problems."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pulp  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.solver.check import cost, gaps, violations
from bot.solver.explain import explain
from bot.solver.model import build, cells_of, costs
from bot.solver.problem import Cells, Limits, Need, Person, Problem, Rules, SwapAsk, Wish
from bot.solver.roster import generate
from bot.solver.swaps import repair, suggest
from tests.unit.solver_cases import MONDAY, D, E, applied

FREE = Rules(None, None, None, None, False)  # only the rule under test
MONTH = tuple(MONDAY + timedelta(days=i) for i in range(28))  # Mon 2 Nov – Sun 29 Nov


def tiny(days: int = 7, people: int = 1, rules: Rules = FREE, **kw: object) -> Problem:
    """People who may work D or E any day (no minimums), and nothing else asked of them."""
    span = tuple(MONDAY + timedelta(days=i) for i in range(days))
    needs = tuple(Need(d, c, "", 0, people) for d in span for c in ("D", "E"))
    problem = Problem(span, (D, E), tuple(Person(i) for i in range(1, people + 1)), needs, rules)
    return replace(problem, **kw)  # type: ignore[arg-type]


def limited(limits: Limits, **kw: object) -> Problem:
    """One person (id 1) with their own limits."""
    return replace(tiny(**kw), people=(Person(1, limits=limits),))  # type: ignore[arg-type]


def solve(problem: Problem) -> tuple[dict[tuple[int, date], str | None], int]:
    """Minimise model.costs under the hard rows; return the roster and the model's cost."""
    m = build(problem, staff_to_min=False)
    assert m.broken == []
    terms = costs(problem, m)
    m.lp += pulp.LpAffineExpression(terms)
    m.lp.solve(pulp.HiGHS(msg=False, timeLimit=20))
    assert m.lp.sol_status == pulp.LpSolutionOptimal
    value = sum(c * (v.varValue or 0) for v, c in terms)
    assert abs(value - round(value)) < 1e-6
    return cells_of(problem, m), round(value)


def clean(problem: Problem) -> tuple[dict[tuple[int, date], str | None], int]:
    """Solve and insist the checker finds nothing and agrees on the cost."""
    cells, value = solve(problem)
    assert violations(problem, cells) == []
    assert cost(problem, cells) == value
    return cells, value


def wish(day: int, shift: str | None, weight: int = 1, person: int = 1) -> Wish:
    return Wish(person, MONDAY + timedelta(days=day), shift, weight)


def row(cells: Cells, days: int = 7, person: int = 1) -> str:
    return "".join(cells.get((person, MONDAY + timedelta(days=i))) or "." for i in range(days))


def test_a_barred_succession_is_not_rostered_even_when_both_are_wished() -> None:
    problem = tiny(2, rules=replace(FREE, successions=frozenset({("D", "E")})),
                   wishes=(wish(0, "D"), wish(1, "E")))
    cells, value = clean(problem)
    assert row(cells, 2) != "DE" and value == 1
    assert solve(replace(problem, rules=FREE))[1] == 0  # without the rule both are granted


def test_a_single_working_day_between_days_off_is_lengthened_or_dropped() -> None:
    problem = tiny(5, rules=replace(FREE, min_consecutive_days=2),
                   wishes=(wish(2, "D", 3), wish(1, None), wish(3, None)))
    cells, value = clean(problem)
    days = row(cells, 5)
    assert days[2] == "D" and (days[1] == ".") != (days[3] == ".") and value == 1


def test_a_single_day_off_between_working_days_is_lengthened_or_worked() -> None:
    problem = tiny(5, rules=replace(FREE, min_consecutive_days_off=2),
                   wishes=(wish(0, "D"), wish(1, "D"), wish(2, None, 3), wish(3, "D"),
                           wish(4, "D")))
    cells, value = clean(problem)
    assert "." in row(cells, 5) and value == 1


def test_blocks_on_the_known_edges_are_free() -> None:
    rules = replace(FREE, min_consecutive_days=3)
    problem = tiny(5, rules=rules, wishes=(wish(0, "D"), wish(1, None, 5), wish(4, "D"),
                                          wish(2, None, 5), wish(3, None, 5)))
    cells, value = clean(problem)
    assert row(cells, 5) == "D...D" and value == 0
    # with a day before the horizon, the first day is no longer an edge
    cells, value = clean(replace(problem, before={1: (None,)}))
    assert row(cells, 5)[0] == "." and value == 1


def test_no_third_weekend_in_a_month_however_much_it_is_wished() -> None:
    saturdays = tuple(wish(5 + 7 * k, "D") for k in range(4))
    problem = tiny(28, rules=replace(FREE, max_weekends_per_month=2), wishes=saturdays)
    cells, value = clean(problem)
    assert sum(1 for w in saturdays if cells[(1, w.day)]) == 2 and value == 2


def test_a_persons_own_weekend_limit_counts_a_saturday_and_sunday_once() -> None:
    wishes = (wish(5, "D"), wish(6, "D"), wish(12, "D"), wish(13, "E"))
    cells, value = clean(limited(Limits(max_weekends=1), days=14, wishes=wishes))
    assert value == 2 and row(cells, 14).count(".") == 12


def test_paid_minutes_stay_under_the_most_and_reach_the_least() -> None:
    cells, value = clean(limited(Limits(max_minutes=1500), wishes=tuple(
        wish(i, "D") for i in range(3))))
    assert value == 1
    cells, value = clean(limited(Limits(min_minutes=1500), wishes=tuple(
        wish(i, None) for i in range(7))))
    assert value == 3 and sum(540 if c == "D" else 480 for c in row(cells) if c != ".") >= 1500


def test_the_teams_monthly_minutes_are_prorated_to_the_week() -> None:
    # ⌈9000 × 7 / 30⌉ = 2100 minutes at most this week: three day shifts, not four
    problem = tiny(rules=replace(FREE, max_minutes_per_month=9000),
                   wishes=tuple(wish(i, "D") for i in range(4)))
    assert clean(problem)[1] == 1


def test_a_shift_a_person_may_never_work_goes_to_someone_else() -> None:
    needs = (Need(MONDAY, "E", "", 1, 1),)
    problem = replace(tiny(1, people=2), needs=needs,
                      people=(Person(1, limits=Limits(max_shifts=(("E", 0),))), Person(2)),
                      wishes=(wish(0, "E", 5),))
    cells, value = clean(problem)
    assert cells[(1, MONDAY)] is None and cells[(2, MONDAY)] == "E" and value == 5


def test_a_soft_need_that_cannot_be_met_leaves_a_costed_gap_not_a_refusal() -> None:
    needs = (Need(MONDAY, "D", "", 3, 3, under=4), Need(MONDAY, "E", "", 0, 2, over=2))
    problem = replace(tiny(1, people=2), needs=needs,
                      wishes=(wish(0, "E", 1, person=1), wish(0, "E", 1, person=2)))
    cells, value = clean(problem)
    assert [(g.need, g.have) for g in gaps(problem, cells)] == [(3, 2)]
    assert value == 4 + 2  # one short of D, the E wishes given up (each would cost 2 over)


def test_generate_keeps_the_new_rules_and_reports_objective_and_gaps() -> None:
    rules = replace(Rules(), successions=frozenset({("E", "D"), ("D", "E")}),
                    min_consecutive_days=2, max_weekends_per_month=1)
    span = tuple(MONDAY + timedelta(days=i) for i in range(7))
    needs = tuple(Need(d, c, "", 2, 3, under=10) for d in span for c in ("D", "E"))
    people = tuple(Person(i, limits=Limits(max_minutes=2600)) for i in range(5))
    problem = Problem(span, (D, E), people, needs, rules, wishes=(wish(0, "D", 2, 0),))
    solution = generate(problem, time_limit=10)
    assert solution.status in ("optimal", "feasible")
    assert violations(problem, solution.cells) == []
    assert solution.objective == cost(problem, solution.cells)
    assert solution.gaps == tuple(gaps(problem, solution.cells)) != ()


def test_minutes_beyond_what_the_free_days_hold_are_refused_by_name() -> None:
    off = frozenset((1, MONDAY + timedelta(days=i)) for i in range(5))
    problem = replace(limited(Limits(min_minutes=1500)), off=off)
    solution = generate(problem, time_limit=5)
    assert solution.status == "infeasible"
    assert [(v.rule, v.person, v.need) for v in solution.explanation] == \
        [("min_minutes", 1, 1500)]


def test_an_impossible_limit_is_named_in_the_explanation() -> None:
    problem = replace(tiny(1), needs=(Need(MONDAY, "E", "", 1, 1),),
                      people=(Person(1, limits=Limits(max_shifts=(("E", 0),))),))
    assert [(v.rule, v.person, v.shift) for v in explain(problem)] == [("max_shifts", 1, "E")]


def test_week_repair_hands_a_saturday_only_to_someone_it_gives_no_third_weekend() -> None:
    # person k works the days i with i % 4 == k: everyone already works 2 weekends this month
    problem = replace(tiny(28, people=4, rules=replace(FREE, max_weekends_per_month=2)),
                      people=tuple(Person(i) for i in range(4)),
                      needs=tuple(Need(d, "D", "", 1, 1) for d in MONTH))
    cells = {(p, d): "D" if i % 4 == p else None for p in range(4) for i, d in enumerate(MONTH)}
    assert violations(problem, cells) == []
    saturday = MONTH[12]  # person 0's; person 1 works the Sunday after it
    solution = repair(problem, cells, SwapAsk(0, saturday))
    assert solution.status in ("optimal", "feasible")
    assert solution.cells[(0, saturday)] is None and solution.cells[(1, saturday)] == "D"
    assert violations(problem, solution.cells) == []


def test_week_repair_fills_a_soft_need_when_its_weight_beats_a_change() -> None:
    needs = tuple(Need(d, "D", "", 1, 1, under=5) for d in MONTH[:7])
    problem = replace(tiny(7, people=2), needs=needs)
    cells = {(p, d): "D" if p == 1 else None for p in (1, 2) for d in MONTH[:7]}
    solution = repair(problem, cells, SwapAsk(1, MONDAY))
    assert solution.cells[(2, MONDAY)] == "D" and solution.gaps == ()
    assert solution.objective == 0


def test_fixed_cells_past_a_persons_maximum_are_refused_before_solving() -> None:
    fixed = {(1, MONDAY + timedelta(days=i)): "E" for i in (0, 2, 5, 6)}
    problem = replace(limited(Limits(max_shifts=(("E", 3),), max_weekends=0, max_minutes=1000)),
                      fixed=fixed)
    solution = generate(problem, time_limit=5)
    assert solution.status == "infeasible"
    assert {(v.rule, v.person, v.have) for v in solution.explanation} == {
        ("max_minutes", 1, 1920), ("max_shifts", 1, 4), ("max_weekends", 1, 1)}


def test_fixed_cells_that_make_a_short_block_are_refused_naming_the_rule_and_day() -> None:
    fixed = {(1, MONDAY + timedelta(days=i)): c for i, c in enumerate([None, "D", None])}
    problem = tiny(5, rules=replace(FREE, min_consecutive_days=2), fixed=fixed)
    solution = generate(problem, time_limit=5)
    assert solution.status == "infeasible"
    assert [(v.rule, v.person, v.day, v.need, v.have) for v in solution.explanation] == [
        ("min_consecutive_days", 1, MONDAY + timedelta(days=1), 2, 1)]


# ---- the model and the checker, on random small problems --------------------------------

@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """Up to 3 people, 4–10 days, any mix of the richer rules, soft and hard needs, wishes."""
    n_days, n_people = draw(st.integers(4, 10)), draw(st.integers(1, 3))
    first = MONDAY + timedelta(days=draw(st.integers(0, 6)))
    span = tuple(first + timedelta(days=i) for i in range(n_days))
    small = st.none() | st.integers(1, 3)
    rules = Rules(draw(st.none() | st.integers(2, 6)), None, None, None, draw(st.booleans()),
                  frozenset(draw(st.sets(st.sampled_from(
                      [("D", "E"), ("E", "D"), ("E", "E"), ("D", "D")]), max_size=2))),
                  draw(small), draw(small), draw(st.none() | st.integers(0, 2)),
                  draw(st.none() | st.integers(0, 6000)),
                  draw(st.none() | st.integers(2000, 12000)))
    people = tuple(Person(i, limits=Limits(
        tuple(draw(st.lists(st.tuples(st.sampled_from("DE"), st.integers(0, 3)), max_size=1))),
        draw(st.none() | st.integers(0, 2000)), draw(st.none() | st.integers(500, 4000)),
        draw(st.none() | st.integers(2, 5)), draw(small), draw(small),
        draw(st.none() | st.integers(0, 1)))) for i in range(n_people))
    needs = []
    for d in span:
        for c in ("D", "E"):
            lo = draw(st.integers(0, 1))
            needs.append(Need(d, c, "", lo, lo + draw(st.integers(0, 1)),
                              draw(st.none() | st.integers(1, 5)), draw(st.integers(0, 2))))
    before = {p.id: tuple(draw(st.lists(st.sampled_from(["D", "E", None]), max_size=3)))
              for p in people}
    wishes = tuple(Wish(draw(st.integers(0, n_people - 1)), draw(st.sampled_from(span)),
                        draw(st.sampled_from(["D", "E", None])), draw(st.integers(1, 4)),
                        draw(st.booleans())) for _ in range(draw(st.integers(0, 4))))
    off = frozenset(draw(st.sets(st.tuples(st.integers(0, n_people - 1), st.sampled_from(span)),
                                 max_size=2)))
    return Problem(span, (D, E), people, tuple(needs), rules, off=off, before=before, wishes=wishes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_roster_the_model_returns_is_clean_and_costs_what_the_model_says(
        problem: Problem) -> None:
    m = build(problem, staff_to_min=False)
    if m.broken:
        return
    terms = costs(problem, m)
    m.lp += pulp.LpAffineExpression(terms)
    m.lp.solve(pulp.HiGHS(msg=False, timeLimit=20))
    if m.lp.sol_status != pulp.LpSolutionOptimal:
        assert explain(problem) != []  # no roster: the elastic model names what gives
        return
    cells = cells_of(problem, m)
    assert violations(problem, cells) == []
    assert abs(sum(c * (v.varValue or 0) for v, c in terms) - cost(problem, cells)) < 1e-6


@settings(max_examples=80, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_on_a_fixed_roster_the_model_breaks_exactly_what_the_checker_finds(
        problem: Problem, rnd: random.Random) -> None:
    cells = {(p.id, d): None if (p.id, d) in problem.off else rnd.choice(["D", "E", None])
             for p in problem.people for d in problem.days}
    fixed = replace(problem, fixed=cells)
    broken = {(v.rule, v.person) for v in build(fixed).broken}
    assert broken == {(v.rule, v.person) for v in violations(fixed, cells)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_no_swap_or_week_repair_on_a_clean_roster_breaks_a_rule(problem: Problem) -> None:
    m = build(problem, staff_to_min=False)
    if m.broken:
        return
    m.lp.solve(pulp.HiGHS(msg=False, timeLimit=20))
    if m.lp.sol_status != pulp.LpSolutionOptimal:
        return
    cells = cells_of(problem, m)
    for (p, d), code in sorted(cells.items()):
        if code is None or (p, d) in problem.fixed:
            continue
        for option in suggest(problem, cells, SwapAsk(p, d), limit=5):
            assert violations(problem, applied(cells, option)) == []
        fixed = repair(problem, cells, SwapAsk(p, d), time_limit=5)
        if fixed.status in ("optimal", "feasible"):
            assert fixed.cells[(p, d)] is None and violations(problem, fixed.cells) == []
