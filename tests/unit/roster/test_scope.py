"""How the policy's group coverage counts a team with groups, without, or with some."""

from __future__ import annotations

from datetime import date

from bot.policy import Policy
from bot.services.roster.scope import Scope, needs, scope_of, takes_shifts
from db.models import Staff

WEDNESDAY = (date(2026, 11, 25),)


def person(name: str, group: str | None = None, role: str = "agent") -> Staff:
    return Staff(slack_id=f"U0{name}", name=name, role=role, group_name=group)


def test_a_team_in_none_of_the_coverage_groups_is_counted_as_a_whole(policy: Policy) -> None:
    team = [person("李晓"), person("王芳", "客服")]
    assert scope_of(policy, team) == Scope(("售前", "售后"), pooled=True)
    assert {(n.shift, n.group, n.min, n.max) for n in needs(policy, WEDNESDAY, frozenset(),
                                                            pooled=True)} == {
        ("D", "", 2, 6), ("E", "", 2, 4)}


def test_a_grouped_team_is_counted_per_group_and_names_who_is_outside(policy: Policy) -> None:
    team = [person("A1", "售前"), person("B1", "售后"), person("李晓")]
    assert scope_of(policy, team) == Scope(("售前", "售后"), False, ("李晓",))
    assert len(needs(policy, WEDNESDAY, frozenset(), pooled=False)) == 4


def test_agents_take_shifts_and_leads_only_with_a_group() -> None:
    assert takes_shifts(person("A1"))
    assert takes_shifts(person("L1", "售前", role="lead"))
    assert not takes_shifts(person("L2", role="lead"))
    assert not takes_shifts(person("X", "售前", role="admin"))
