"""The problem-parcel register: log, follow up, close, assign, attach photos — each audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.domain import parcel_clocks as clocks
from bot.domain.parcels import (
    ParcelType,
    dated_note,
    is_transfer,
    marked_do_not_transfer,
    waybills_in,
)
from bot.policy import Policy
from bot.services import audit
from bot.services.parcels.views import ParcelView, open_record, to_view
from bot.services.staff import StaffView
from db.models import Parcel, ParcelEvent


class ParcelRefused(Exception):
    """A parcel change the rules refuse; `problem` names a template fragment."""

    def __init__(self, problem: str, **params: Any) -> None:
        super().__init__(f"{problem} {params}")
        self.problem = problem
        self.params = params


@dataclass(frozen=True)
class LogResult:
    """What /parcel log did: a new record, or the open one already there."""

    parcel: ParcelView
    duplicate: bool = False


@dataclass(frozen=True)
class NoteResult:
    """A follow-up as stored (dated), and whether it restarted the hold."""

    parcel: ParcelView
    text: str
    restarted: bool


def _kind(word: str, policy: Policy) -> ParcelType:
    kind = policy.parcels.find_type(word)
    if kind is None:
        types = [(t.code, t.name) for t in policy.parcels.catalogue()]
        raise ParcelRefused("unknown_type", word=word, types=types)
    return kind


def event(session: Session, p: Parcel, kind: str, actor: str, at: datetime,
          text: str | None = None, file_id: str | None = None,
          file_url: str | None = None) -> None:
    """Add one entry to the parcel's history."""
    assert p.id is not None
    session.add(ParcelEvent(parcel_id=p.id, at=at, kind=kind, actor=actor, text=text,
                            file_id=file_id, file_url=file_url))


def open_or_refuse(session: Session, waybill: str) -> Parcel:
    """Return the open record of WAYBILL, or refuse: nothing is open under that number."""
    row = open_record(session, waybill)
    if row is None:
        raise ParcelRefused("not_open", waybill=waybill)
    return row


def _insert_once(session: Session, row: Parcel) -> Parcel | None:
    """Insert a new open record; if another request opened this waybill first, return it."""
    try:
        with session.begin_nested():
            session.add(row)
        return None
    except IntegrityError:
        return open_record(session, row.waybill)


def log_parcel(session: Session, *, who: StaffView, waybill: str, type_word: str, note: str,
               now: datetime, policy: Policy) -> LogResult:
    """Log a problem against a waybill; an already open waybill shows its record instead."""
    kind = _kind(type_word, policy)
    existing = open_record(session, waybill)
    if existing is not None:
        return LogResult(to_view(existing, now=now, policy=policy), duplicate=True)
    related = [w for w in waybills_in(note) if w != waybill]
    if kind.needs_related and not related:
        raise ParcelRefused("needs_related", waybill=waybill, kind=kind)
    c = policy.parcels
    no_transfer = kind.transfer and marked_do_not_transfer(note, c.do_not_transfer_marks)
    day = clocks.transfer_day(now, policy.tz, c.cutoff_minute, c.transfer_weekdays) \
        if is_transfer(kind, no_transfer) else None
    row = Parcel(waybill=waybill, type_code=kind.code, open_key=waybill, note=note or None,
                 related=",".join(related) or None, no_transfer=no_transfer,
                 logged_by=who.slack_id, owner=who.slack_id, logged_at=now, updated_at=now,
                 hold_from=now, transfer_day=day)
    winner = _insert_once(session, row)
    if winner is not None:
        return LogResult(to_view(winner, now=now, policy=policy), duplicate=True)
    event(session, row, "log", who.slack_id, now, note or None)
    audit.record(session, actor=who.slack_id, action="parcel.log", entity="parcel",
                 entity_id=row.id, after={"waybill": waybill, "type": kind.code,
                                          "transfer_day": day, "no_transfer": no_transfer})
    return LogResult(to_view(row, now=now, policy=policy))


def add_note(session: Session, *, who: StaffView, waybill: str, text: str, reply: bool,
             now: datetime, policy: Policy) -> NoteResult:
    """Add a dated follow-up; a sender-station reply restarts the hold from now."""
    row = open_or_refuse(session, waybill)
    dated = dated_note(text, clocks.local_day(now, policy.tz))
    before = {"updated_at": row.updated_at, "hold_from": row.hold_from}
    row.updated_at = now
    if reply:
        row.hold_from, row.replied = now, True
    session.add(row)
    event(session, row, "reply" if reply else "note", who.slack_id, now, dated)
    audit.record(session, actor=who.slack_id, action="parcel.reply" if reply else "parcel.note",
                 entity="parcel", entity_id=row.id, before=before,
                 after={"updated_at": now, "hold_from": row.hold_from, "text": dated})
    return NoteResult(to_view(row, now=now, policy=policy), dated, reply)


def assign_parcel(session: Session, *, who: StaffView, waybill: str, to: StaffView,
                  now: datetime, policy: Policy) -> ParcelView:
    """Make TO the owner of an open parcel; only a lead (or admin) may."""
    if who.role not in ("lead", "admin"):
        raise ParcelRefused("lead_only")
    row = open_or_refuse(session, waybill)
    before = row.owner
    row.owner = to.slack_id
    session.add(row)
    event(session, row, "assign", who.slack_id, now, to.slack_id)
    audit.record(session, actor=who.slack_id, action="parcel.assign", entity="parcel",
                 entity_id=row.id, before={"owner": before}, after={"owner": to.slack_id})
    return to_view(row, now=now, policy=policy)


def attach_photos(session: Session, *, actor: str, waybill: str,
                  files: list[tuple[str, str | None]], now: datetime,
                  policy: Policy) -> ParcelView:
    """File photos (Slack file ID and permalink) under the open record of WAYBILL."""
    row = open_or_refuse(session, waybill)
    for file_id, url in files:
        row.photos += 1
        event(session, row, "photo", actor, now, None, file_id=file_id[:32], file_url=url)
    session.add(row)
    audit.record(session, actor=actor, action="parcel.photo", entity="parcel", entity_id=row.id,
                 after={"files": [f for f, _ in files], "photos": row.photos})
    return to_view(row, now=now, policy=policy)
