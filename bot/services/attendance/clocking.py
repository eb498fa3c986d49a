"""Clocking in and out: load the shift, assess the punch, store it once, report it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.domain.lateness import LatenessTier, PunchAssessment, assess_punch
from bot.domain.shifts import Assignment, ShiftDef, match_punch, shift_window
from bot.policy import Policy
from bot.services import audit, ledger
from bot.services.ledger import EntryView
from bot.services.roster import assignments
from bot.services.staff import StaffView
from db.models import Punch

Kind = Literal["in", "out"]


@dataclass(frozen=True)
class PunchView:
    """A stored punch with its shift, in the team's time zone."""

    id: int
    kind: str
    at: datetime
    shift_day: date
    shift: ShiftDef | None
    window: tuple[datetime, datetime] | None
    minutes_late: int
    minutes_early: int
    overtime_minutes: int
    tier_no: int | None
    tier: LatenessTier | None
    fine_fen: int
    absence_half_days: int
    note: str | None


@dataclass(frozen=True)
class ClockResult:
    """What a /clock in or out did."""

    punch: PunchView
    duplicate: bool = False
    replaced: PunchView | None = None
    missing_in: bool = False
    fine: EntryView | None = None
    cancelled_fine: EntryView | None = None


@dataclass(frozen=True)
class DayStatus:
    """A person's shift and punches for a day."""

    day: date
    shift: ShiftDef | None
    window: tuple[datetime, datetime] | None
    punches: list[PunchView]


def to_view(p: Punch, policy: Policy) -> PunchView:
    """Describe a stored punch for rendering."""
    assert p.id is not None
    tz = policy.tz
    shift = policy.find_shift(p.shift_code) if p.shift_code else None
    window = None
    if shift is not None:
        start, end = shift_window(Assignment(p.shift_day, shift), tz)
        window = (start, end)
    tiers = policy.lateness_tiers()
    tier = tiers[p.tier_no - 1] if p.tier_no and p.tier_no <= len(tiers) else None
    return PunchView(p.id, p.kind, p.at.astimezone(tz), p.shift_day, shift, window,
                     p.minutes_late, p.minutes_early, p.overtime_minutes, p.tier_no, tier,
                     p.fine_fen, p.absence_half_days, p.note)


def _punches(session: Session, staff_id: int, first: date, last: date) -> list[Punch]:
    return list(session.exec(select(Punch).where(
        Punch.staff_id == staff_id, col(Punch.shift_day) >= first,
        col(Punch.shift_day) <= last).order_by(col(Punch.at))).all())


def _assess(session: Session, who: StaffView, kind: Kind, now: datetime,
            policy: Policy) -> tuple[PunchAssessment, date, list[Punch]]:
    """Match the punch to a shift; also return the punches already stored around it."""
    local_day = now.astimezone(policy.tz).date()
    first, last = local_day - timedelta(days=1), local_day + timedelta(days=1)
    shifts = assignments(session, staff_id=who.id, first=first, last=last, policy=policy)
    nearby = _punches(session, who.id, first, last)
    clocked_in = {(p.shift_day, p.shift_code or "") for p in nearby if p.kind == "in"}
    matched = match_punch(kind, now, shifts, policy.tz,
                          early_margin=timedelta(minutes=policy.clock.early_margin_minutes),
                          out_grace=timedelta(minutes=policy.clock.out_grace_minutes),
                          clocked_in=clocked_in)
    found = assess_punch(kind, now, matched, policy.tz, policy.lateness_tiers())
    return found, matched.day if matched else local_day, nearby


def punch_row(who: StaffView, kind: Kind, now: datetime, a: PunchAssessment, day: date,
         note: str | None, source: str) -> Punch:
    code = a.assignment.shift.code if a.assignment else None
    return Punch(
        staff_id=who.id, kind=kind, at=now, shift_day=day, shift_code=code,
        minutes_late=a.minutes_late, minutes_early=a.minutes_early,
        overtime_minutes=a.overtime_minutes, tier_no=a.tier_no,
        fine_fen=a.tier.fine_fen if a.tier else 0,
        absence_half_days=int(a.tier.absence_days * 2) if a.tier else 0,
        note=note, source=source,
        dedupe_key=f"in:{who.id}:{day.isoformat()}:{code or '-'}" if kind == "in" else None,
    )


def clock(session: Session, *, who: StaffView, kind: Kind, now: datetime, policy: Policy,
          note: str | None = None, source: str = "slack") -> ClockResult:
    """Record a punch at NOW (the server's clock); a repeated clock-in adds nothing."""
    assessed, day, nearby = _assess(session, who, kind, now, policy)
    row = punch_row(who, kind, now, assessed, day, note, source)
    earlier = [p for p in nearby if p.shift_day == day and p.shift_code == row.shift_code]
    if kind == "in":
        first_in = next((p for p in earlier if p.dedupe_key == row.dedupe_key), None)
        if first_in is None:
            first_in = _insert_once(session, row)
        if first_in is not None:
            return ClockResult(to_view(first_in, policy), duplicate=True)
    else:
        session.add(row)
        session.flush()
    audit.record(session, actor=who.slack_id, action=f"clock.{kind}", entity="punch",
                 entity_id=row.id, after={"at": now.isoformat(), "shift_day": day.isoformat(),
                                          "shift": row.shift_code, "tier": row.tier_no},
                 concerns_leads=kind == "in" and row.shift_code is not None)  # coverage
    outs = [p for p in earlier if p.kind == "out"]
    missing_in = kind == "out" and row.shift_code is not None and \
        not any(p.kind == "in" for p in earlier)
    fine = ledger.fine_for_punch(session, punch=row, now=now, policy=policy)
    cancelled = None
    if outs and outs[-1].id is not None:  # the earlier clock-out no longer counts
        cancelled = ledger.reverse_punch_fine(session, punch_id=outs[-1].id, now=now,
                                              policy=policy, reason="replaced by a later clock-out")
    return ClockResult(to_view(row, policy),
                       replaced=to_view(outs[-1], policy) if outs else None,
                       missing_in=missing_in, fine=fine, cancelled_fine=cancelled)


def _insert_once(session: Session, row: Punch) -> Punch | None:
    """Insert a clock-in; if a concurrent request won the race, return its punch instead."""
    try:
        with session.begin_nested():
            session.add(row)
        return None
    except IntegrityError:
        return session.exec(select(Punch).where(Punch.dedupe_key == row.dedupe_key)).one()


def day_status(session: Session, *, who: StaffView, now: datetime, policy: Policy) -> DayStatus:
    """The person's current roster day (yesterday's while its late shift runs) and punches."""
    today = now.astimezone(policy.tz).date()
    shifts = assignments(session, staff_id=who.id, first=today - timedelta(days=1), last=today,
                         policy=policy)
    running = [a for a in shifts if a.day < today and shift_window(a, policy.tz)[1] > now]
    current = running[0] if running else next((a for a in shifts if a.day == today), None)
    day = current.day if current else today
    window = shift_window(current, policy.tz) if current else None
    punches = [to_view(p, policy) for p in _punches(session, who.id, day, day)]
    return DayStatus(day, current.shift if current else None, window, punches)
