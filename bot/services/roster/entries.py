"""The roster: one shift (or rest) per person per day; import, export and views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from bot.domain.period import YEARS, in_years
from bot.domain.shifts import Assignment, ShiftDef
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused
from bot.services.roster.files import RawRow, RosterFileError
from bot.services.staff import StaffView, matching
from db.models import LeaveDay, RosterEntry, Staff, utcnow

REST_WORDS = {"", "休", "rest", "off", "休息"}


def read_shift(text: str, policy: Policy) -> str | None:
    """The shift code TEXT names by code or name (None: a rest day); refuse one unknown."""
    if text.strip().lower() in REST_WORDS:
        return None
    shift = policy.find_shift(text)
    if shift is None:
        raise Refused("wish_unknown_shift", word=text, codes=[s.code for s in policy.shifts])
    return shift.code


@dataclass(frozen=True)
class Cell:
    """A validated roster cell."""

    staff_id: int
    day: date
    shift_code: str | None


@dataclass(frozen=True)
class DayLine:
    """Who works which shift on a day (rest days listed apart)."""

    shift: ShiftDef
    people: tuple[str, ...]


def _parse_day(text: str) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if in_years(day) else None  # a far-off day would overflow the week views


def _staff_for(session: Session, ref: str) -> StaffView | str:
    found = matching(session, ref=ref)
    if len(found) == 1:
        return found[0]
    return f'staff "{ref}" is named by {len(found)} people; use the Slack ID' if found else \
        f'unknown staff "{ref}" (use a Slack user ID or a name from `kefu staff list`)'


def validate_rows(session: Session, rows: Sequence[RawRow], policy: Policy,
                  name: str) -> list[Cell]:
    """Check every row; the first problem raises RosterFileError with file and line."""
    cells: list[Cell] = []
    seen: dict[tuple[int, date], int] = {}
    for r in rows:
        day = _parse_day(r.date)
        if day is None:
            raise RosterFileError(f'{name} line {r.line}: bad date "{r.date}" (use YYYY-MM-DD, '
                                  f"years {YEARS[0]}-{YEARS[-1]})")
        who = _staff_for(session, r.staff)
        if isinstance(who, str):
            raise RosterFileError(f"{name} line {r.line}: {who}")
        code = None
        if r.shift.lower() not in REST_WORDS:
            shift = policy.find_shift(r.shift)
            if shift is None:
                codes = ", ".join(s.code for s in policy.shift_defs())
                raise RosterFileError(f'{name} line {r.line}: unknown shift "{r.shift}" '
                                      f"(use a code or name: {codes}, or 休/rest)")
            code = shift.code
        if (who.id, day) in seen:
            raise RosterFileError(f"{name} line {r.line}: {who.name} on {day} "
                                  f"is already on line {seen[(who.id, day)]}")
        seen[(who.id, day)] = r.line
        cells.append(Cell(who.id, day, code))
    return cells


def store_cells(session: Session, cells: Sequence[Cell], *, actor: str, source: str,
                reason: str | None = None) -> int:
    """Upsert cells in the session's transaction, with one audit row per changed cell.

    Unguarded: services write through `fixed.write_cells`, which keeps the past; tests call
    this to lay down history. With REASON the audit row is a correction that carries it.
    """
    changed = 0
    for c in cells:
        row = session.exec(select(RosterEntry).where(
            RosterEntry.staff_id == c.staff_id, RosterEntry.day == c.day)).first()
        before = None if row is None else row.shift_code
        if row is not None and before == c.shift_code:
            continue
        row = row or RosterEntry(staff_id=c.staff_id, day=c.day)
        row.shift_code, row.source, row.updated_at = c.shift_code, source, utcnow()
        session.add(row)
        after = {"shift": c.shift_code} if reason is None else \
            {"shift": c.shift_code, "reason": reason}
        audit.record(session, actor=actor, action="roster.correct" if reason else "roster.set",
                     entity="roster", entity_id=f"{c.staff_id}:{c.day}",
                     before={"shift": before}, after=after, concerns=c.staff_id)
        changed += 1
    return changed


def assignments(session: Session, *, staff_id: int, first: date, last: date,
                policy: Policy) -> list[Assignment]:
    """The person's shifts between two days (inclusive); rest days and unknown codes skipped."""
    rows = session.exec(select(RosterEntry).where(
        RosterEntry.staff_id == staff_id, col(RosterEntry.day) >= first,
        col(RosterEntry.day) <= last).order_by(col(RosterEntry.day))).all()
    out = []
    for r in rows:
        shift = policy.find_shift(r.shift_code) if r.shift_code else None
        if shift is not None:
            out.append(Assignment(r.day, shift))
    return out


def day_lines(session: Session, *, day: date, policy: Policy) -> list[DayLine]:
    """Who works each shift of the policy on DAY."""
    rows = session.exec(select(RosterEntry, Staff).join(Staff).where(
        RosterEntry.day == day, col(Staff.active)).order_by(Staff.name)).all()
    by_code: dict[str, list[str]] = {}
    for entry, person in rows:
        if entry.shift_code:
            by_code.setdefault(entry.shift_code, []).append(person.name)
    return [DayLine(s, tuple(by_code.get(s.code, ()))) for s in policy.shift_defs()]


def week_grid(session: Session, *, monday: date, policy: Policy,
              only: StaffView | None = None) -> list[tuple[str, list[str | None]]]:
    """One row per rostered person: the shift code of each day Monday..Sunday (None = rest,
    "leave:KIND" = approved leave). Reads the columns it shows, not whole rows: a week of a
    large team is thousands of cells."""
    days = [monday + timedelta(days=i) for i in range(7)]
    if only:
        people = [(only.id, only.name)]
    else:
        people = [(int(i), str(n)) for i, n in session.execute(
            select(col(Staff.id), col(Staff.name)).where(col(Staff.active))
            .order_by(col(Staff.name))).all()]
    within = (days[0], days[-1])
    cell: dict[tuple[int, date], str | None] = {
        (sid, day): code for sid, day, code in session.execute(
            select(col(RosterEntry.staff_id), col(RosterEntry.day),
                   col(RosterEntry.shift_code)).where(col(RosterEntry.day).between(*within)))}
    cell |= {(sid, day): f"leave:{kind}" for sid, day, kind in session.execute(
        select(col(LeaveDay.staff_id), col(LeaveDay.day), col(LeaveDay.kind))
        .where(col(LeaveDay.day).between(*within)))}
    return [(name, [cell.get((pid, d)) for d in days]) for pid, name in people
            if only or any((pid, d) in cell for d in days)]


def export_rows(session: Session, *, first: date,
                last: date) -> list[tuple[str, str, str, str]]:
    """Rows for a roster file: date, staff Slack ID, name, shift code (or 休)."""
    rows = session.exec(select(RosterEntry, Staff).join(Staff).where(
        col(RosterEntry.day) >= first, col(RosterEntry.day) <= last,
    ).order_by(col(RosterEntry.day), col(Staff.name))).all()
    return [(e.day.isoformat(), s.slack_id, s.name, e.shift_code or "休") for e, s in rows]
