"""The benchmark's independent evaluator, one hard rule and one cost at a time, on a tiny
hand-written instance (not the benchmark files); and the loader's translation of it."""

from __future__ import annotations

import pytest

from bench.curtois_eval import Assignment, evaluate, parse
from bench.curtois_load import FIRST_DAY, convert

TINY = """# a comment
SECTION_HORIZON
14

SECTION_SHIFTS
# ID, minutes, cannot follow
E,480,
L,600,E

SECTION_STAFF
A,E=14|L=2,5000,2400,4,2,2,1
B,E=14|L=0,4000,0,5,1,1,2

SECTION_DAYS_OFF
A,3

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
A,1,E,3

SECTION_COVER
0,E,2,100,1
0,L,0,100,1
4,E,0,100,1
"""
INST = parse(TINY)
CLEAN_A = "EE..EEEE..EE.."
OFF = "." * 14


def roster(a: str, b: str = OFF) -> Assignment:
    """Spell both rows: a shift ID per day, '.' for a day off."""
    return {(e, d): None if c == "." else c for e, row in (("A", a), ("B", b))
            for d, c in enumerate(row)}


def test_a_clean_roster_breaks_nothing_and_costs_each_part() -> None:
    rep = evaluate(INST, roster(CLEAN_A))
    assert rep.violations == []
    # on-request met; off-request on day 1 broken (3); day 0 E one short (100); day 4 one over
    assert (rep.on_cost, rep.off_cost, rep.under_cost, rep.over_cost) == (0, 3, 100, 1)
    assert rep.objective == 104


def test_unmet_on_request_and_cover_short_by_two_cost_their_weights() -> None:
    rep = evaluate(INST, roster(".EE..EEEE....."))
    assert rep.violations == []
    assert (rep.on_cost, rep.off_cost, rep.under_cost, rep.over_cost) == (2, 3, 200, 0)


def test_over_cover_costs_the_over_weight_per_extra_person() -> None:
    assert evaluate(INST, roster(CLEAN_A, "....E.........")).over_cost == 2


@pytest.mark.parametrize(("a", "b", "words"), [
    ("EE..LLL...EE..", OFF, "3 × L > 2"),
    (CLEAN_A, "L.............", "1 × L > 0"),
    (CLEAN_A, "EEEEE.EEEEE...", "4800 min outside [0, 4000]"),
    ("EE..EE........", OFF, "1920 min outside [2400, 5000]"),
    ("EE..EEEEE.....", OFF, "5 shifts in a row > 4"),
    ("EE..E..EEEE...", OFF, "1 shifts in a row < 2"),
    ("EE..EEE.EEE...", OFF, "1 days off in a row < 2"),
    ("EE..EEEE...EE.", OFF, "2 weekends > 1"),
    ("EE..EEEE.....E", OFF, "2 weekends > 1"),  # a Sunday alone makes a weekend
    ("EEEE..EEEE....", OFF, "day 3: works on a day off"),
    ("EE..ELEE......", OFF, "day 6: E after L"),
    ("EE..EXEE......", OFF, "unknown shift X"),
])
def test_each_hard_rule_is_reported(a: str, b: str, words: str) -> None:
    found = evaluate(INST, roster(a, b)).violations
    assert len(found) == 1 and words in found[0], found


@pytest.mark.parametrize("a", ["E...EEEE..EE..", "EE.....EEEE..E", ".EE..EEEE....."])
def test_blocks_touching_the_horizon_edges_are_not_held_to_the_minimums(a: str) -> None:
    assert evaluate(INST, roster(a)).violations == []


def test_crlf_files_read_the_same() -> None:
    assert parse(TINY.replace("\n", "\r\n")) == INST


def test_the_loader_turns_limits_wishes_and_cover_into_policy_inputs() -> None:
    loaded = convert(INST)
    p = loaded.problem
    a = loaded.person_ids["A"]
    assert p.days[0] == FIRST_DAY and FIRST_DAY.weekday() == 0 and len(p.days) == 14
    assert p.rules.successions == frozenset({("L", "E")}) and not p.fair
    lim = p.people[0].limits
    assert (lim.max_shifts, lim.min_minutes, lim.max_minutes) == ((("E", 14), ("L", 2)), 2400,
                                                                  5000)
    assert (lim.max_consecutive_days, lim.min_consecutive_days, lim.min_consecutive_days_off,
            lim.max_weekends) == (4, 2, 2, 1)
    assert (a, p.days[3]) in p.off
    assert [(w.shift, w.weight, w.avoid) for w in p.wishes] == [("E", 2, False), ("E", 3, True)]
    assert [(n.min, n.max, n.under, n.over) for n in p.needs][0] == (2, 2, 100, 1)
    assert sorted(d.weekday() for d in p.weekend) == [5, 5, 6, 6]
    cells = {(a, p.days[0]): "E"}
    assert loaded.assignment(cells)[("A", 0)] == "E" and loaded.assignment(cells)[("B", 0)] is None

