"""Swap suggestions never create a breach of the richer rules, and a refusal names the rule.

Each case has the giver (1) working so that no true swap exists, and one other person (2)
for whom taking the shift would break the rule under test; without the rule it is offered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.solver.check import violations
from bot.solver.problem import Limits, Need, Person, Problem, Rules, SwapAsk
from bot.solver.swaps import suggest, why_not
from tests.unit.solver_cases import MONDAY, D, E, applied

FREE = Rules(None, None, None, None, False)


def team(days: int, rules: Rules, rows: dict[int, str], **kw: object
         ) -> tuple[Problem, dict[tuple[int, date], str | None]]:
    """Two people, a roster spelled per person (D, E or '.' from Monday 2 Nov)."""
    span = tuple(MONDAY + timedelta(days=i) for i in range(days))
    needs = tuple(Need(d, c, "", 0, 2) for d in span for c in ("D", "E"))
    problem = replace(Problem(span, (D, E), (Person(1), Person(2)), needs, rules), **kw)
    cells = {(p, span[i]): None if c == "." else c for p, row in rows.items()
             for i, c in enumerate(row)}
    return problem, cells


def day(i: int) -> date:
    return MONDAY + timedelta(days=i)


CASES = {
    "consecutive_days": (team(7, replace(FREE, max_consecutive_days=6),
                              {1: "DDDDDD.", 2: "DDDDD.."}, before={2: ("D",)}), day(5)),
    "succession": (team(7, replace(FREE, successions=frozenset({("D", "E")})),
                        {1: "EEEEEE.", 2: "....D.."}), day(5)),
    "max_weekends": (team(28, replace(FREE, max_weekends_per_month=2),
                          {1: "." * 14 + "DDDDDD." + "." * 7,
                           2: ".....D." + ".....D." + "." * 14}), day(19)),
    "max_minutes": (team(7, FREE, {1: "DDD....", 2: "DD....."},
                         people=(Person(1), Person(2, limits=Limits(max_minutes=1500)))),
                    day(2)),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_a_cover_that_would_break_the_rule_is_not_offered_and_the_refusal_names_it(
        rule: str) -> None:
    (problem, cells), when = CASES[rule]
    assert violations(problem, cells) == []
    ask = SwapAsk(1, when)
    assert suggest(problem, cells, ask) == []
    why = why_not(problem, cells, ask)
    assert why is not None and (why.rule, why.person) == (rule, 2)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_without_the_rule_the_same_cover_is_offered(rule: str) -> None:
    (problem, cells), when = CASES[rule]
    free = replace(problem, rules=FREE, people=(Person(1), Person(2)))
    [option] = suggest(free, cells, SwapAsk(1, when))
    assert (option.taker, option.back_day) == (2, None)
    assert violations(free, applied(cells, option)) == []
