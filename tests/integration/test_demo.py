"""The demo team's roster keeps every roster rule, as the independent checker reads it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from bot.policy import Policy
from bot.services.demo import load_demo
from bot.services.roster import build_team
from bot.solver.check import violations


@pytest.mark.parametrize("now", [datetime(2026, 11, 24, 8, 0), datetime(2027, 3, 7, 23, 0)])
def test_the_demo_roster_breaks_no_rule(session: Session, policy: Policy,
                                        now: datetime) -> None:
    now = now.replace(tzinfo=policy.tz)
    load_demo(session, policy=policy, now=now)
    today = now.date()
    first = today - timedelta(days=today.weekday() + 7)
    team = build_team(session, policy=policy, first=first, last=first + timedelta(days=27))
    assert len(team.names) == 6 and len(team.current) == 6 * 28
    assert violations(team.problem, team.current) == []


def test_the_demo_keeps_the_readme_example_a_day_shift_for_chen_xiao_today(
        session: Session, policy: Policy) -> None:
    now = datetime(2026, 11, 24, 8, 0, tzinfo=policy.tz)
    load_demo(session, policy=policy, now=now)
    team = build_team(session, policy=policy, first=now.date(), last=now.date())
    chen = next(pid for pid, name in team.names.items() if name == "陈晓")
    assert team.current[(chen, now.date())] == "D"
