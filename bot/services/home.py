"""The App Home: a person's dashboard, and who needs theirs redrawn after a change.

It reads several capabilities (roster, attendance, ledger, requests, parcels), so it sits
above them, as the morning summary does. Lists are cut to a few rows to keep the view
within Slack's block limit; the commands show the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, and_
from sqlmodel import Session, col, func, or_, select

from bot.domain.attendance import MissedPunch
from bot.domain.shifts import Assignment, ShiftDef, shift_window
from bot.policy import Policy
from bot.services import audit, ledger, parcels, requests
from bot.services.attendance import DayStatus, day_status, missed_to_mention
from bot.services.errors import LEADS
from bot.services.ledger import EntryView
from bot.services.reminders import OnShift, on_shift
from bot.services.requests import OPEN, PENDING, Answer, RequestView
from bot.services.staff import StaffView, list_active
from db.models import LeaveDay, Request, RosterEntry

SHOWN = 10  # rows per list on the Home


@dataclass(frozen=True)
class Day:
    """One day of my roster: the shift, or rest, or leave, or nothing rostered yet."""

    day: date
    rostered: bool
    shift: ShiftDef | None
    window: tuple[datetime, datetime] | None
    leave: str | None


@dataclass(frozen=True)
class Coverage:
    """A shift of today and its people, each with whether they have clocked in."""

    shift: ShiftDef
    window: tuple[datetime, datetime]
    people: list[OnShift]


@dataclass(frozen=True)
class LeadPart:
    """What a lead sees besides their own: requests waiting, today's coverage."""

    waiting: list[RequestView]
    waiting_total: int
    coverage: list[Coverage]


@dataclass(frozen=True)
class Home:
    """Everything a person's Home shows."""

    who: StaffView
    today: date
    days: list[Day]  # this week and next, Monday first
    status: DayStatus  # today's shift and punches
    missed: list[MissedPunch]  # missed punches that can still be made up
    next_punch: Literal["in", "out"] | None
    owed: list[EntryView]
    owed_total_fen: int
    mine: list[RequestView]
    parcels: parcels.ParcelList
    lead: LeadPart | None


def _days(session: Session, who: StaffView, today: date, policy: Policy) -> list[Day]:
    first = today - timedelta(days=today.weekday())
    last = first + timedelta(days=13)
    between = (col(RosterEntry.day) >= first, col(RosterEntry.day) <= last)
    rostered = {r.day: r.shift_code for r in session.exec(select(RosterEntry).where(
        RosterEntry.staff_id == who.id, *between)).all()}
    leave = {d.day: d.kind for d in session.exec(select(LeaveDay).where(
        LeaveDay.staff_id == who.id, col(LeaveDay.day) >= first,
        col(LeaveDay.day) <= last)).all()}
    out = []
    for n in range(14):
        day = first + timedelta(days=n)
        code = rostered.get(day)
        shift = policy.find_shift(code) if code else None
        window = shift_window(Assignment(day, shift), policy.tz) if shift else None
        out.append(Day(day, day in rostered, shift, window, leave.get(day)))
    return out


def _requests(session: Session, where: ColumnElement[bool], now: datetime,
              policy: Policy) -> tuple[list[RequestView], int]:
    """Open requests matching WHERE that have not lapsed: the newest SHOWN, and how many."""
    alive = or_(col(Request.expires_at).is_(None), col(Request.expires_at) > now)
    total = session.exec(select(func.count()).select_from(Request).where(where, alive)).one()
    ids = session.exec(select(Request.id).where(where, alive)
                       .order_by(col(Request.id).desc()).limit(SHOWN)).all()
    found = (requests.get(session, request_id=i, policy=policy) for i in ids if i is not None)
    return [r for r in found if r is not None], int(total)


def _lead_part(session: Session, who: StaffView, now: datetime, policy: Policy) -> LeadPart:
    waiting, total = _requests(session, and_(col(Request.state) == PENDING,
                                             col(Request.requester_id) != who.id), now, policy)
    today = now.astimezone(policy.tz).date()
    coverage = []
    for shift in policy.shift_defs():
        people = on_shift(session, day=today, code=shift.code)
        if people:
            window = shift_window(Assignment(today, shift), policy.tz)
            coverage.append(Coverage(shift, window, people))
    return LeadPart(waiting, total, coverage)


def build(session: Session, *, who: StaffView, now: datetime, policy: Policy) -> Home:
    """Gather WHO's Home at NOW."""
    today = now.astimezone(policy.tz).date()
    status = day_status(session, who=who, now=now, policy=policy)
    punches = status.punches
    next_punch: Literal["in", "out"] | None = None
    if punches:
        next_punch = "out" if punches[-1].kind == "in" else None
    elif status.shift is not None:
        next_punch = "in"
    owed = ledger.statement(session, staff_id=who.id, now=now, policy=policy)
    mine, _ = _requests(session, and_(col(Request.requester_id) == who.id,
                                      col(Request.state).in_(OPEN)), now, policy)
    missed = missed_to_mention(session, who=who, now=now, policy=policy)
    return Home(who, today, _days(session, who, today, policy), status, missed, next_punch,
                owed.owed[:SHOWN], owed.owed_total_fen, mine,
                parcels.list_parcels(session, view="mine", me=who.slack_id, now=now,
                                     policy=policy, limit=SHOWN),
                _lead_part(session, who, now, policy) if who.role in LEADS else None)


def concerned(session: Session, *, actor: str, answer: Answer) -> list[str]:
    """Whose Home a use case's answer changes: the actor when anything was written, the
    people whose rows it wrote (a roster published), the people it messages, the people of
    a request filed or decided, and then every lead. Each once: one redraw per person."""
    people = set(changed_by(session, [actor]))
    touched, leads = audit.concerned(session), audit.concerned_leads(session)
    if touched or leads:
        people |= {s.slack_id for s in list_active(session)
                   if s.id in touched or (leads and s.role in LEADS)}
    people |= {n.to for n in answer.notices if n.to not in ("team", "approvals")}
    decided = answer.decided.request if answer.decided and answer.decided.changed else None
    for r in (answer.new_request, decided):
        if r is not None:
            people.add(r.requester.slack_id)
            if r.counterpart is not None:
                people.add(r.counterpart.slack_id)
    if answer.new_request is not None or decided is not None:
        people |= {s.slack_id for s in list_active(session) if s.role in LEADS}
    return sorted(people)


def changed_by(session: Session, people: Iterable[str | None]) -> list[str]:
    """PEOPLE, when this transaction has changed anything; else nobody."""
    return sorted({p for p in people if p}) if audit.written(session) else []
