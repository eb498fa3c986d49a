"""The month's attendance of the whole team, loaded with one query per table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain.absence import AbsenceRule, MonthSummary, summarize_month
from bot.domain.attendance import Judging, MissedPunch, PunchFact, judge_shifts, missed_punches
from bot.domain.period import Month
from bot.domain.shifts import Assignment
from bot.policy import Policy
from bot.services.leave import MonthLeave, month_leave
from bot.services.ledger import (
    dismissal_flagged,
    load_month_ledger,
    net_fen_by_staff,
    unpaid_red_packets_fen,
)
from bot.services.roster import assignments
from bot.services.staff import StaffView, view
from db.models import Punch, Request, RosterEntry, Staff


@dataclass(frozen=True)
class AttendanceRow:
    """One person's line of the monthly attendance report."""

    who: StaffView
    summary: MonthSummary
    makeups: int  # approved make-up punches (补卡) of the month
    fines_fen: int  # net of the month's ledger entries
    unpaid_red_packets_fen: int  # still owed now, doubled when overdue
    dismissal_fine: bool = False  # a standing catalogue fine of the month flags dismissal


def judging(policy: Policy) -> Judging:
    """Return the numbers shifts are judged by, from the policy's clock and lateness tiers."""
    tiers = policy.lateness_tiers()
    first_absent = next((i for i, t in enumerate(tiers) if t.absence_days > 0), None)
    if first_absent is None:
        return Judging(timedelta(minutes=policy.clock.out_grace_minutes), None)
    bound = tiers[first_absent - 1].up_to_minutes if first_absent else 0
    return Judging(timedelta(minutes=policy.clock.out_grace_minutes), bound,
                   int(tiers[first_absent].absence_days * 2))


def absence_rules(policy: Policy) -> tuple[AbsenceRule, ...]:
    """Return the policy's absence steps as domain rules."""
    return tuple(AbsenceRule(s.days, s.deduct_wage_days, s.whole_month, s.notice, s.dismissal)
                 for s in policy.absence.steps)


def punch_facts(session: Session, first: date, last: date) -> dict[int, list[PunchFact]]:
    """Everyone's punches for the shift days FIRST..LAST, by person."""
    # Plain rows, not ORM objects: a month of a big team is tens of thousands of punches.
    t = Punch.__table__.c  # type: ignore[attr-defined]
    rows = session.connection().execute(sa.select(
        t.staff_id, t.kind, t.at, t.shift_day, t.shift_code, t.minutes_late, t.minutes_early,
        t.absence_half_days, t.source,
    ).where(t.shift_day >= first, t.shift_day <= last))
    out: dict[int, list[PunchFact]] = defaultdict(list)
    for r in rows:
        out[r.staff_id].append(PunchFact("in" if r.kind == "in" else "out", r.at, r.shift_day,
                                         r.shift_code, r.minutes_late, r.minutes_early,
                                         r.absence_half_days, r.source))
    return out


def roster_between(session: Session, first: date, last: date, policy: Policy,
                   leave: MonthLeave) -> dict[int, list[Assignment]]:
    """Each person's shifts, with those that approved leave turned into rest days put back."""
    rows = session.exec(select(col(RosterEntry.staff_id), col(RosterEntry.day),
                               col(RosterEntry.shift_code)).where(
        col(RosterEntry.day) >= first, col(RosterEntry.day) <= last)).all()
    shifts = {s.code: s for s in policy.shift_defs()}
    out: dict[int, list[Assignment]] = defaultdict(list)
    for staff_id, day, code in rows:
        if code in shifts:
            out[staff_id].append(Assignment(day, shifts[code]))
    for staff_id, taken in leave.shifts.items():
        rostered = {a.day for a in out[staff_id]}
        out[staff_id] += [a for a in taken if a.day not in rostered]
    return out


def _makeups(session: Session, month: Month) -> dict[int, int]:
    rows = session.exec(select(Request.requester_id, func.count()).where(
        Request.kind == "makeup", Request.state == "approved",
        col(Request.day) >= month.first, col(Request.day) <= month.last,
    ).group_by(col(Request.requester_id))).all()
    return {staff_id: int(n) for staff_id, n in rows}


def attendance_rows(session: Session, *, month: Month, now: datetime,
                    policy: Policy) -> list[AttendanceRow]:
    """One row per person who is active or was rostered or fined in MONTH, by name.

    Approved personal and sick leave (LeaveDay) is leave: neither attendance nor absence,
    but no full attendance. Rest days (休假) are not leave.
    """
    leave = month_leave(session, month=month, policy=policy)
    roster = roster_between(session, month.first, month.last, policy, leave)
    punches = punch_facts(session, month.first, month.last)
    makeups, ledger = _makeups(session, month), load_month_ledger(session, month=month)
    fines, flagged = net_fen_by_staff(ledger), dismissal_flagged(ledger)
    unpaid = unpaid_red_packets_fen(ledger, now=now,
                                    multiplier=policy.red_packet.unpaid_multiplier)
    involved = roster.keys() | fines.keys()
    people = [p for p in session.exec(select(Staff).order_by(col(Staff.name), col(Staff.id)))
              if p.active or p.id in involved]
    rules, steps = judging(policy), absence_rules(policy)
    rows = []
    for p in people:
        assert p.id is not None
        outcomes = judge_shifts(roster.get(p.id, []), punches.get(p.id, []),
                                leave_days=leave.days.get(p.id, ()), now=now, tz=policy.tz,
                                rules=rules)
        summary = summarize_month(month, outcomes, now=now, tz=policy.tz, steps=steps,
                                  bonus_fen=policy.full_attendance.bonus_fen,
                                  base_wage_fen=p.base_wage_fen)
        rows.append(AttendanceRow(view(p), summary, makeups.get(p.id, 0), fines.get(p.id, 0),
                                  unpaid.get(p.id, 0), p.id in flagged))
    return rows


def recent_missed_punches(session: Session, *, staff_id: int, now: datetime, policy: Policy,
                          days: int = 7) -> list[MissedPunch]:
    """List one person's missed punches (缺卡) of the last DAYS days, oldest first."""
    today = now.astimezone(policy.tz).date()
    first = today - timedelta(days=days)
    shifts = assignments(session, staff_id=staff_id, first=first, last=today, policy=policy)
    rows = session.exec(select(Punch).where(
        Punch.staff_id == staff_id, col(Punch.shift_day) >= first,
        col(Punch.shift_day) <= today)).all()
    facts = [PunchFact("in" if p.kind == "in" else "out", p.at, p.shift_day, p.shift_code,
                       p.minutes_late, p.minutes_early, p.absence_half_days, p.source)
             for p in rows]
    return missed_punches(shifts, facts, now=now, tz=policy.tz, rules=judging(policy),
                          days=days)
