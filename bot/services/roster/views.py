"""What `/roster` shows: the data for a day, a week, or one person's week."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session

from bot.parse.roster import RosterCmd
from bot.policy import Policy
from bot.services.roster.entries import day_lines, week_grid
from bot.services.staff import StaffView, resolve


def roster_view(session: Session, *, cmd: RosterCmd, who: StaffView,
                policy: Policy) -> tuple[str, dict[str, Any]]:
    """Pick the template and load its data for a parsed /roster command asked by WHO."""
    assert cmd.day is not None
    if cmd.view == "day":
        return "roster_day", {"day": cmd.day, "lines": day_lines(session, day=cmd.day,
                                                                  policy=policy)}
    monday = cmd.day - timedelta(days=cmd.day.weekday())
    only = resolve(session, cmd.person, "roster", asker=who) if cmd.view == "person" else None
    grid = week_grid(session, monday=monday, policy=policy, only=only)
    width = max([4, *(len(name) * 2 for name, _ in grid)])
    return "roster_week", {"monday": monday, "grid": grid, "width": width,
                           "person": only.name if only else None,
                           "shifts": policy.shift_defs()}
