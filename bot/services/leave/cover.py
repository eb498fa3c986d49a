"""Leave and coverage: who best covers a leave day, and the gaps an approved leave leaves."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.policy import Policy
from bot.services.roster import Gap, Team, gaps
from bot.services.swaps import team_around
from bot.solver import swaps as solver
from bot.solver.problem import SwapAsk


class _Teams:
    """The roster around each week a leave touches, loaded once per week."""

    def __init__(self, session: Session, policy: Policy, now: datetime) -> None:
        self.session, self.policy, self.now = session, policy, now
        self.loaded: dict[date, Team] = {}

    def around(self, day: date) -> Team:
        monday = day - timedelta(days=day.weekday())
        if monday not in self.loaded:
            self.loaded[monday] = team_around(self.session, day, self.policy, self.now)
        return self.loaded[monday]


def best_cover(session: Session, *, staff_id: int, shifts: dict[date, str | None],
               policy: Policy, now: datetime) -> list[dict[str, Any]]:
    """For each rostered leave day whose shift would fall below coverage: the gap, and the
    solver's best cover (someone off that day; a swap back never lands on the leave). A
    shift that has begun stays on the roster, so it opens no gap."""
    out = []
    teams = _Teams(session, policy, now)
    for day, code in sorted(shifts.items()):
        if code is None:
            continue
        team = teams.around(day)
        if team.fixed.judged((staff_id, day)):
            continue
        opened = [g for g in gaps(team, {**team.current, (staff_id, day): None}, [day],
                                  before=team.current) if g.shift == code]
        if not opened:
            continue
        options = [o for o in solver.suggest(team.problem, team.current,
                                             SwapAsk(staff_id, day), limit=10)
                   if o.back_day is None or o.back_day not in shifts]
        best = options[0] if options else None
        out.append({"day": day.isoformat(), "shift": code, "group": opened[0].group,
                    "have": opened[0].have, "need": opened[0].need,
                    "taker": team.names[best.taker] if best else None,
                    "back_day": best.back_day.isoformat() if best and best.back_day else None,
                    "back_shift": best.back_shift if best else None})
    return out


def gaps_left(session: Session, *, staff_id: int, rested: dict[date, str], policy: Policy,
              now: datetime) -> tuple[Gap, ...]:
    """Shifts an approved leave left below coverage (or further below) on the days it took
    off the roster; shifts already short before it are not its doing."""
    teams = _Teams(session, policy, now)
    by_week: dict[date, list[date]] = {}
    for day in sorted(rested):
        by_week.setdefault(day - timedelta(days=day.weekday()), []).append(day)
    found: list[Gap] = []
    for days in by_week.values():
        team = teams.around(days[0])
        before = {**team.current, **{(staff_id, d): rested[d] for d in days}}
        found.extend(gaps(team, team.current, days, before=before))
    return tuple(found)
