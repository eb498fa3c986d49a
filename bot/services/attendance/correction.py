"""A lead's explicit correction of the roster's past, and what it re-derives.

Roster cells that are history (a begun shift, a day with punches) change only here: the
cell is rewritten with the reason in the audit, then the punches around the day are matched
and assessed again against the roster as it now is. Lateness and absence follow from the
punches; a red packet that no longer applies is reversed and one that now applies is added
(the ledger is never edited). A make-up punch stays on its day and is assessed against that
day's shift, since its time may be when it was filed, not a time within the shift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from bot.domain.lateness import PunchAssessment, assess_punch
from bot.domain.shifts import Assignment, match_punch
from bot.policy import Policy
from bot.services import audit, ledger
from bot.services.attendance.clocking import Kind, PunchView, punch_row, to_view
from bot.services.errors import Refused, require_role
from bot.services.ledger import EntryView
from bot.services.roster import Cell, assignments, load_fixed, write_cells
from bot.services.staff import StaffView, view
from db.models import Punch, Staff

ASSESSED = ("shift_day", "shift_code", "minutes_late", "minutes_early", "overtime_minutes",
            "tier_no", "fine_fen", "absence_half_days")


@dataclass(frozen=True)
class Reassessed:
    """One punch read again against the corrected roster, and the red packets that moved."""

    before: PunchView
    after: PunchView
    reversed: EntryView | None
    fined: EntryView | None


@dataclass(frozen=True)
class Corrected:
    """One corrected roster cell and what it re-derived."""

    who: StaffView
    day: date
    before: str | None
    after: str | None
    punches: tuple[Reassessed, ...]


def correct_shifts(session: Session, *, lead: StaffView, cells: Sequence[Cell], reason: str,
                   now: datetime, policy: Policy) -> list[Corrected]:
    """Rewrite CELLS, history or not, for REASON; re-derive each changed day's punches."""
    require_role(lead)
    reason = reason.strip()
    if not cells:
        return []
    if not reason:
        raise Refused("correct_no_reason")
    fixed = load_fixed(session, first=min(c.day for c in cells), last=max(c.day for c in cells),
                       now=now, policy=policy, people={c.staff_id for c in cells})
    was = {(c.staff_id, c.day): fixed.current.get((c.staff_id, c.day)) for c in cells}
    changed = [c for c in cells if was[(c.staff_id, c.day)] != c.shift_code]
    write_cells(session, changed, actor=lead.slack_id, source="correct", now=now,
                policy=policy, correction=reason)
    out = []
    for c in changed:
        person = session.get(Staff, c.staff_id)
        assert person is not None
        who = view(person)
        punches = rederive(session, who=who, day=c.day, lead=lead, reason=reason, now=now,
                           policy=policy)
        out.append(Corrected(who, c.day, was[(c.staff_id, c.day)], c.shift_code,
                             tuple(punches)))
    return out


def _matches(rows: list[Punch], shifts: list[Assignment], policy: Policy,
             ) -> dict[int, tuple[PunchAssessment, date]]:
    """Match each punch to the roster as it is now, the way a clock-in or -out would."""
    tz, tiers = policy.tz, policy.lateness_tiers()
    margin = timedelta(minutes=policy.clock.early_margin_minutes)
    grace = timedelta(minutes=policy.clock.out_grace_minutes)
    out: dict[int, tuple[PunchAssessment, date]] = {}
    clocked_in: set[tuple[date, str]] = set()
    for p in rows:
        assert p.id is not None
        kind: Kind = "in" if p.kind == "in" else "out"
        if p.source == "makeup":
            matched = next((a for a in shifts if a.day == p.shift_day), None)
        else:
            matched = match_punch(kind, p.at, shifts, tz, early_margin=margin, out_grace=grace,
                                  clocked_in=clocked_in)
        # An unmatched punch counts for its local day (a make-up: the day it was made up for).
        own_day = p.shift_day if p.source == "makeup" else p.at.astimezone(tz).date()
        out[p.id] = (assess_punch(kind, p.at, matched, tz, tiers),
                     matched.day if matched else own_day)
        if kind == "in" and matched is not None:
            clocked_in.add((matched.day, matched.shift.code))
    return out


def rederive(session: Session, *, who: StaffView, day: date, lead: StaffView, reason: str,
             now: datetime, policy: Policy) -> list[Reassessed]:
    """Re-match and re-assess the punches that did or now do count for DAY's shift."""
    first, last = day - timedelta(days=1), day + timedelta(days=1)
    shifts = assignments(session, staff_id=who.id, first=first, last=last, policy=policy)
    rows = list(session.exec(select(Punch).where(
        Punch.staff_id == who.id, col(Punch.shift_day) >= first,
        col(Punch.shift_day) <= last).order_by(col(Punch.at))).all())
    matched = _matches(rows, shifts, policy)
    fresh = {pid: punch_row(who, a.kind, p.at, a, d, p.note, p.source)
             for p in rows if (pid := p.id) is not None for a, d in [matched[pid]]}
    moved = [p for p in rows if p.id is not None and (p.shift_day == day
             or fresh[p.id].shift_day == day)
             and any(getattr(p, f) != getattr(fresh[p.id], f) for f in ASSESSED)]
    _rekey(session, moved, fresh)
    return [_reassess(session, p, fresh[p.id], lead=lead, reason=reason, now=now,
                      policy=policy) for p in moved if p.id is not None]


def _reassess(session: Session, p: Punch, fresh: Punch, *, lead: StaffView, reason: str,
              now: datetime, policy: Policy) -> Reassessed:
    """Store the punch's new assessment (audited); move its red packet if that changed."""
    assert p.id is not None
    before, was = to_view(p, policy), {f: getattr(p, f) for f in ASSESSED}
    fine_moved = (p.fine_fen, p.tier_no) != (fresh.fine_fen, fresh.tier_no)
    for f in ASSESSED:
        setattr(p, f, getattr(fresh, f))
    session.add(p)
    session.flush()
    audit.record(session, actor=lead.slack_id, action="punch.rederive", entity="punch",
                 entity_id=p.id, before=was,
                 after={f: getattr(p, f) for f in ASSESSED} | {"reason": reason}, at=now)
    if not fine_moved:
        return Reassessed(before, to_view(p, policy), None, None)
    reversed_ = ledger.reverse_punch_fine(session, punch_id=p.id, now=now, policy=policy,
                                          reason=f"roster corrected: {reason}")
    # A red packet that now applies is due counting from today, not from the day judged.
    fined = ledger.fine_for_punch(session, punch=p, now=now, policy=policy,
                                  due_from=now.astimezone(policy.tz).date())
    return Reassessed(before, to_view(p, policy), reversed_, fined)


def _rekey(session: Session, moved: list[Punch], fresh: dict[int, Punch]) -> None:
    """Give re-matched clock-ins the key of their new shift; a second clock-in for the same
    shift keeps none (the first one counts), so the one-clock-in-per-shift key holds."""
    ins = [p for p in moved if p.kind == "in"]
    for p in ins:
        p.dedupe_key = None
        session.add(p)
    session.flush()
    for p in ins:
        assert p.id is not None
        key = fresh[p.id].dedupe_key
        taken = session.exec(select(Punch.id).where(Punch.dedupe_key == key)).first()
        p.dedupe_key = None if taken is not None else key
        session.add(p)
        session.flush()
