"""The daily report to the leads (每日工作报告): the day's punches and who has not clocked in,
lateness and early leave, fines, problem parcels logged and closed, requests decided.
A fixed number of queries, however large the team."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services.parcels import parcel_counts, parcels_logged_and_closed
from db.models import LeaveDay, LedgerEntry, Punch, Request, RosterEntry, Staff

DECIDED = ("approved", "rejected")


@dataclass(frozen=True)
class DailyReport:
    """The day as the leads read it at its end."""

    day: date
    started: int  # rostered shifts that have started by now (leave excluded)
    clocked_in: int
    clocked_out: int
    missing: list[str]  # on a started shift with no clock-in
    late: list[tuple[str, int]]
    early: list[tuple[str, int]]
    fines: list[tuple[str, str, int]]  # name, rule, fen
    parcels: dict[str, int]  # logged, closed today; open, stale, due now
    decided: dict[str, dict[str, int]]  # kind -> approved/rejected -> count


def _names(session: Session) -> dict[int, str]:
    return {int(i): str(n) for i, n in session.exec(select(Staff.id, Staff.name)).all()
            if i is not None}


def _started(session: Session, day: date, now: datetime, policy: Policy) -> set[int]:
    """People whose shift of DAY has started by NOW, leave days left out."""
    starts = {s.code: s.start_minute for s in policy.shift_defs()}
    midnight = datetime.combine(day, time(0), policy.tz)
    rows = session.exec(select(RosterEntry.staff_id, RosterEntry.shift_code).where(
        RosterEntry.day == day, col(RosterEntry.shift_code).is_not(None))).all()
    away = set(session.exec(select(LeaveDay.staff_id).where(LeaveDay.day == day)).all())
    return {int(sid) for sid, code in rows if code in starts and sid not in away
            and midnight + timedelta(minutes=starts[code]) <= now}


def _decided(session: Session, since: datetime, until: datetime) -> dict[str, dict[str, int]]:
    rows = session.exec(select(Request.kind, Request.state, func.count()).where(
        col(Request.state).in_(DECIDED), col(Request.decided_at) >= since,
        col(Request.decided_at) < until).group_by(col(Request.kind), col(Request.state))).all()
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for kind, state, n in rows:
        out[str(kind)][str(state)] = int(n)
    return dict(out)


def build(session: Session, *, now: datetime, policy: Policy) -> DailyReport:
    """Gather the report of the local day of NOW, as it stands at NOW."""
    day = now.astimezone(policy.tz).date()
    since = datetime.combine(day, time(0), policy.tz)
    names = _names(session)
    punches = session.exec(select(Punch.staff_id, Punch.kind, Punch.minutes_late,
                                  Punch.minutes_early).where(Punch.shift_day == day)).all()
    fines = session.exec(select(LedgerEntry.staff_id, LedgerEntry.rule, LedgerEntry.amount_fen)
                         .where(LedgerEntry.kind == "fine", LedgerEntry.day == day)
                         .order_by(col(LedgerEntry.id))).all()
    ins = {int(s) for s, kind, _, _ in punches if kind == "in"}
    started = _started(session, day, now, policy)
    parcels = parcels_logged_and_closed(session, since=since, until=now + timedelta(seconds=1))
    return DailyReport(
        day, len(started), len(ins), len({s for s, kind, _, _ in punches if kind == "out"}),
        sorted(names.get(s, "?") for s in started - ins),
        sorted((names.get(s, "?"), late) for s, kind, late, _ in punches
               if kind == "in" and late > 0),
        sorted((names.get(s, "?"), early) for s, kind, _, early in punches
               if kind == "out" and early > 0),
        [(names.get(s, "?"), r, a) for s, r, a in fines],
        parcels | parcel_counts(session, now=now, policy=policy),
        _decided(session, since, now + timedelta(seconds=1)))
