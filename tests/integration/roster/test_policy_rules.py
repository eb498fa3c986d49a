"""The richer roster rules of the policy reach the solver's problem: rules, per-person limits,
soft coverage weights and wish weights."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from bot.policy import Policy, parse_policy
from bot.services import staff as staff_service
from bot.services.roster import build_team
from bot.services.roster.entries import Cell, store_cells
from bot.services.roster.limits import month_share
from db.models import RosterWish
from tests.unit.test_policy import BASE

RULES = """
[roster]
forbidden_successions = [["晚班", "D"]]
min_consecutive_days = 2
min_consecutive_days_off = 2
max_weekends_per_month = 2
min_hours_per_month = 120
max_hours_per_month = 200
max_shifts_per_month = { E = 4 }
wish_weights = { shift = 2, rest = 5 }

[roster.soft_coverage]
under = 100
over = 1

[[roster.coverage]]
shift = "D"
min = 1
under = 500

[[roster.coverage]]
shift = "E"
min = 1
"""
MONDAY = date(2026, 12, 7)
WEEK = (MONDAY, MONDAY + timedelta(days=6))


def _team(session: Session) -> tuple[int, int]:
    ids = []
    for slack_id, name in (("U0A1", "陈晓"), ("U0A2", "林悦")):
        who, _ = staff_service.add_or_update(session, slack_id=slack_id, name=name,
                                             role="agent", group=None, actor="test")
        ids.append(who.id)
    # 陈晓 has worked four late shifts this month already: the month's cap is reached.
    store_cells(session, [Cell(ids[0], date(2026, 12, d), "E") for d in range(1, 5)],
                actor="test", source="test")
    return ids[0], ids[1]


def _policy() -> Policy:
    return parse_policy(BASE + RULES, "p.toml")


def test_the_policy_rules_become_the_solvers_rules(session: Session) -> None:
    _team(session)
    r = build_team(session, policy=_policy(), first=WEEK[0], last=WEEK[1]).problem.rules
    assert r.successions == frozenset({("E", "D")})
    assert (r.min_consecutive_days, r.min_consecutive_days_off, r.max_weekends_per_month) == (
        2, 2, 2)
    assert (r.min_minutes_per_month, r.max_minutes_per_month) == (120 * 60, 200 * 60)


def test_a_monthly_shift_cap_is_prorated_and_counts_what_the_month_already_had(
        session: Session) -> None:
    chen, lin = _team(session)
    people = {p.id: p for p in build_team(session, policy=_policy(), first=WEEK[0],
                                          last=WEEK[1]).problem.people}
    assert people[chen].limits.max_shifts == (("E", 0),)  # 4 of 4 worked already
    assert people[lin].limits.max_shifts == (("E", 1),)  # a week's share of 4, rounded up


def test_soft_coverage_weights_reach_every_need_and_a_row_may_weigh_more(
        session: Session) -> None:
    _team(session)
    needs = build_team(session, policy=_policy(), first=WEEK[0], last=WEEK[1]).problem.needs
    assert {(n.shift, n.under, n.over) for n in needs} == {("D", 500, 1), ("E", 100, 1)}


def test_without_soft_coverage_the_minimums_stay_hard(session: Session,
                                                      policy: Policy) -> None:
    _team(session)
    needs = build_team(session, policy=policy, first=WEEK[0], last=WEEK[1]).problem.needs
    assert {(n.under, n.over) for n in needs} == {(None, 0)}


def test_wishes_weigh_what_the_policy_says_for_their_kind(session: Session) -> None:
    chen, lin = _team(session)
    session.add(RosterWish(staff_id=chen, day=MONDAY, shift_code="D"))
    session.add(RosterWish(staff_id=lin, day=MONDAY, shift_code=None))
    session.flush()
    wishes = build_team(session, policy=_policy(), first=WEEK[0], last=WEEK[1]).problem.wishes
    assert {(w.person, w.shift, w.weight) for w in wishes} == {(chen, "D", 2), (lin, None, 5)}


def test_a_fortnight_across_two_months_holds_each_months_share_of_a_shift_cap() -> None:
    days = tuple(date(2026, 11, 23) + timedelta(days=i) for i in range(14))  # 8 Nov, 6 Dec
    assert month_share(4, days, {}, "E") == 2 + 1  # ceil(4·8/30) + ceil(4·6/31)
    assert month_share(4, days, {"E": 3}, "E") == 1 + 1  # November has one left
    assert month_share(4, days, {"E": 9}, "E") == 0 + 1  # never below nothing
