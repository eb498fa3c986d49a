"""The morning-meeting summary (晨会): today's roster and leave, yesterday's lateness, fines,
absences and unpaid red packets, open problem parcels, requests waiting for a lead, and the
leads' focus items. A fixed number of queries, however large the team."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain.shifts import ShiftDef
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import require_role
from bot.services.parcels import parcel_counts
from bot.services.staff import StaffView
from db.models import (
    FocusItem,
    LeaveDay,
    LedgerEntry,
    LedgerPayment,
    Punch,
    Request,
    RosterEntry,
    Staff,
)


@dataclass(frozen=True)
class Summary:
    """Everything the morning meeting reads, as template data."""

    day: date
    shifts: list[tuple[ShiftDef, list[str]]]
    on_leave: list[tuple[str, str]]
    late: list[tuple[str, int]]
    fines: list[tuple[str, str, int]]
    absent: list[tuple[str, float]]
    unpaid: tuple[int, int]
    parcels: dict[str, int]
    waiting: dict[str, int]
    focus: list[str] = field(default_factory=list)


def _names(session: Session) -> dict[int, str]:
    return {int(i): str(n) for i, n in session.exec(select(Staff.id, Staff.name)).all()
            if i is not None}


def _roster(session: Session, day: date, policy: Policy,
            names: dict[int, str]) -> list[tuple[ShiftDef, list[str]]]:
    rows = session.exec(select(RosterEntry.staff_id, RosterEntry.shift_code).where(
        RosterEntry.day == day, col(RosterEntry.shift_code).is_not(None))).all()
    by_code: dict[str, list[str]] = defaultdict(list)
    for staff_id, code in rows:
        by_code[str(code)].append(names.get(staff_id, "?"))
    return [(s, sorted(by_code[s.code])) for s in policy.shift_defs() if by_code.get(s.code)]


def _yesterday_absence(session: Session, day: date, names: dict[int, str]) -> dict[int, float]:
    """Half days from yesterday's punches, and a whole day for a shift with no punch at all."""
    half = session.exec(select(Punch.staff_id, func.sum(Punch.absence_half_days)).where(
        Punch.shift_day == day).group_by(col(Punch.staff_id))).all()
    out = {int(sid): (n or 0) / 2 for sid, n in half if n}
    punched = {int(sid) for sid, _ in half}
    rostered = session.exec(select(RosterEntry.staff_id).where(
        RosterEntry.day == day, col(RosterEntry.shift_code).is_not(None))).all()
    on_leave = set(session.exec(select(LeaveDay.staff_id).where(LeaveDay.day == day)).all())
    for sid in rostered:
        if sid not in punched and sid not in on_leave and sid in names:
            out[int(sid)] = 1.0
    return out


def _unpaid(session: Session) -> tuple[int, int]:
    """Red packets neither paid nor reversed: how many, and what they come to (fen)."""
    paid = select(LedgerPayment.entry_id)
    reversed_ = select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).is_not(None))
    count, total = session.exec(select(func.count(), func.coalesce(func.sum(
        LedgerEntry.amount_fen), 0)).where(
        LedgerEntry.kind == "fine", col(LedgerEntry.red_packet),
        col(LedgerEntry.id).not_in(paid), col(LedgerEntry.id).not_in(reversed_))).one()
    return int(count), int(total)


def build(session: Session, *, now: datetime, policy: Policy) -> Summary:
    """Gather the summary for the local day of NOW."""
    today = now.astimezone(policy.tz).date()
    yesterday = today - timedelta(days=1)
    names = _names(session)
    leave = session.exec(select(LeaveDay.staff_id, LeaveDay.kind).where(
        LeaveDay.day == today)).all()
    late = session.exec(select(Punch.staff_id, Punch.minutes_late).where(
        Punch.shift_day == yesterday, Punch.kind == "in", col(Punch.minutes_late) > 0)).all()
    fines = session.exec(select(LedgerEntry.staff_id, LedgerEntry.rule, LedgerEntry.amount_fen)
                         .where(LedgerEntry.kind == "fine", LedgerEntry.day == yesterday)).all()
    waiting = session.exec(select(Request.kind, func.count()).where(
        Request.state == "pending").group_by(col(Request.kind))).all()
    focus = session.exec(select(FocusItem.text).where(FocusItem.day == today)
                         .order_by(col(FocusItem.id))).all()
    absent = _yesterday_absence(session, yesterday, names)
    return Summary(
        today, _roster(session, today, policy, names),
        sorted((names.get(s, "?"), k) for s, k in leave),
        sorted((names.get(s, "?"), m) for s, m in late),
        [(names.get(s, "?"), r, a) for s, r, a in fines],
        sorted((names.get(s, "?"), d) for s, d in absent.items()),
        _unpaid(session), parcel_counts(session, now=now, policy=policy),
        {str(k): int(n) for k, n in waiting}, list(focus))


def focus_day(now: datetime, policy: Policy) -> date:
    """The morning a focus item added at NOW is read at: today's, until it has been posted."""
    local = now.astimezone(policy.tz)
    first = min(policy.jobs.morning_summary.at)
    return local.date() if local.strftime("%H:%M") < first else local.date() + timedelta(days=1)


def add_focus(session: Session, *, who: StaffView, text: str, now: datetime,
              policy: Policy) -> tuple[int, date]:
    """Keep a lead's focus item for the next morning summary; return its number and day."""
    require_role(who)
    day = focus_day(now, policy)
    row = FocusItem(day=day, text=text[:300], by=who.slack_id, created_at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(session, actor=who.slack_id, action="summary.focus", entity="focusitem",
                 entity_id=row.id, after={"day": day.isoformat(), "text": row.text}, at=now)
    return row.id, day
