"""The solver's view of the team: who can be rostered, coverage, leave, history, the ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services.roster.fixed import Fixed, load_fixed
from bot.services.roster.limits import person_limits
from bot.services.roster.scope import Scope, needs, rostered, scope_of
from bot.solver.calendar import weekend_days
from bot.solver.problem import History, Person, Problem, Rules, Shift, Wish
from db.models import LeaveDay, RosterEntry, RosterWish, SwapCredit

NEVER = datetime(1970, 1, 1, tzinfo=UTC)  # a moment before every shift: nothing has begun


@dataclass(frozen=True)
class Team:
    """A built problem, the staff behind its person IDs, the roster it starts from, and how
    the coverage counts the team."""

    problem: Problem
    names: Mapping[int, str]
    slack_ids: Mapping[int, str]
    current: dict[tuple[int, date], str | None]
    scope: Scope
    fixed: Fixed  # which cells are history at the moment the team was read
    policy: Policy  # the rules as the policy states them, for replies


def span(first: date, last: date) -> tuple[date, ...]:
    """Return the days from FIRST to LAST inclusive."""
    return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))


def shifts(policy: Policy) -> tuple[Shift, ...]:
    """Return the policy's catalogue as solver shifts (paid minutes, night flag)."""
    return tuple(Shift(s.code, s.duration_minutes, s.start_minute, s.end_minute, s.night)
                 for s in policy.shift_defs())


def weekend(policy: Policy, days: Iterable[date]) -> frozenset[date]:
    """Days counted as rest days: weekends and, by policy, statutory holidays (调休 aside)."""
    days = tuple(days)
    if policy.roster.holidays == "none":
        return frozenset(d for d in days if d.weekday() >= 5)
    return weekend_days(days)


def rules(policy: Policy) -> Rules:
    """Return the policy's hard roster rules."""
    r = policy.roster
    hours = (r.min_hours_per_month, r.max_hours_per_month)
    return Rules(r.max_consecutive_days, r.working_days_per_week, r.rest_days_per_month,
                 r.min_days_off_per_7, r.no_day_after_night,
                 successions=frozenset(r.forbidden_successions),
                 min_consecutive_days=r.min_consecutive_days,
                 min_consecutive_days_off=r.min_consecutive_days_off,
                 max_weekends_per_month=r.max_weekends_per_month,
                 min_minutes_per_month=None if hours[0] is None else hours[0] * 60,
                 max_minutes_per_month=None if hours[1] is None else hours[1] * 60)


def _cells(session: Session, ids: list[int], first: date,
           last: date) -> dict[tuple[int, date], str | None]:
    rows = session.exec(select(RosterEntry).where(
        col(RosterEntry.staff_id).in_(ids), col(RosterEntry.day) >= first,
        col(RosterEntry.day) <= last)).all()
    return {(r.staff_id, r.day): r.shift_code for r in rows}


def _history(policy: Policy, cells: Mapping[tuple[int, date], str | None],
             ids: list[int]) -> dict[int, History]:
    by_code = {s.code: s for s in shifts(policy)}
    rest = weekend(policy, {d for _, d in cells})
    minutes, nights, weekends = Counter[int](), Counter[int](), Counter[int]()
    for (pid, day), code in cells.items():
        shift = by_code.get(code or "")
        if shift is None:
            continue
        minutes[pid] += shift.minutes
        nights[pid] += shift.night
        weekends[pid] += day in rest
    return {p: History(minutes[p], nights[p], weekends[p]) for p in ids}


def swap_balances(session: Session) -> Counter[int]:
    """Shifts each person took for others minus shifts others took for them (还班)."""
    balance = Counter[int]()
    for credit in session.exec(select(SwapCredit).where(~col(SwapCredit.shift_back))).all():
        balance[credit.helper_id] += 1
        balance[credit.helped_id] -= 1
    return balance


def build_team(session: Session, *, policy: Policy, first: date, last: date,
               now: datetime | None = None) -> Team:
    """Load everything the solver needs for the days FIRST..LAST; the cells that are history
    at NOW (begun shifts, judged days) are fixed. Without NOW only punched days are."""
    staff = rostered(session)
    scope = scope_of(policy, staff)
    ids = [s.id for s in staff if s.id is not None]
    days = span(first, last)
    fixed = load_fixed(session, first=first, last=last, now=now or NEVER, policy=policy,
                       people=ids)
    back = max(7, policy.roster.max_consecutive_days or 0)
    before_cells = _cells(session, ids, first - timedelta(days=back), first - timedelta(days=1))
    past_first = first - timedelta(weeks=policy.roster.history_weeks)
    history = _history(policy, _cells(session, ids, past_first, first - timedelta(days=1)), ids)
    balance = swap_balances(session)
    earlier = _cells(session, ids, first.replace(day=1), first - timedelta(days=1))
    limits = person_limits(policy, ids, days, earlier)
    people = tuple(Person(pid, s.group_name or "", history[pid], balance[pid], limits[pid])
                   for pid, s in zip(ids, staff, strict=True))
    before = {pid: tuple(before_cells.get((pid, first - timedelta(days=back - i)))
                         for i in range(back)) for pid in ids}
    rest = weekend(policy, days)
    problem = Problem(days, shifts(policy), people, needs(policy, days, rest, scope.pooled),
                      rules(policy), rest, _leave(session, ids, first, last),
                      fixed.cells(ids, days), before, _wishes(session, policy, ids, first, last))
    return Team(problem, {s.id: s.name for s in staff if s.id is not None},
                {s.id: s.slack_id for s in staff if s.id is not None},
                _cells(session, ids, first, last), scope, fixed, policy)


def _leave(session: Session, ids: list[int], first: date,
           last: date) -> frozenset[tuple[int, date]]:
    rows = session.exec(select(LeaveDay).where(
        col(LeaveDay.staff_id).in_(ids), col(LeaveDay.day) >= first,
        col(LeaveDay.day) <= last)).all()
    return frozenset((r.staff_id, r.day) for r in rows)


def _wishes(session: Session, policy: Policy, ids: list[int], first: date,
            last: date) -> tuple[Wish, ...]:
    rows = session.exec(select(RosterWish).where(
        col(RosterWish.staff_id).in_(ids), col(RosterWish.day) >= first,
        col(RosterWish.day) <= last).order_by(col(RosterWish.id))).all()
    weight = policy.roster.wish_weights
    return tuple(Wish(r.staff_id, r.day, r.shift_code,
                      weight.rest if r.shift_code is None else weight.shift) for r in rows)
