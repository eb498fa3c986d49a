"""What the register shows: one parcel with its clocks, its history, and the lists."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from bot.domain import parcel_clocks as clocks
from bot.domain.parcels import ParcelType, is_held, is_transfer
from bot.policy import Policy
from db.models import Parcel, ParcelEvent

LIST_LIMIT = 25


@dataclass(frozen=True)
class ParcelView:
    """A parcel as the templates and reports see it; instants in the team's zone."""

    id: int
    waybill: str
    kind: ParcelType
    status: str
    note: str | None
    related: tuple[str, ...]
    no_transfer: bool
    logged_by: str
    owner: str
    logged_at: datetime
    updated_at: datetime
    due_at: datetime | None  # when the hold runs out (held parcels only)
    due: bool
    stale: bool
    transfer_day: date | None
    deadline: datetime | None  # past it while open: overdue
    overdue: bool
    photos: int
    photo_missing: bool
    closed_at: datetime | None
    closed_by: str | None
    early_return: bool
    channel: str | None
    billing_kg: int | None
    fee_fen: int | None
    tracked_until: date | None


@dataclass(frozen=True)
class EventView:
    """One entry of a parcel's history."""

    at: datetime
    kind: str
    actor: str
    text: str | None
    file_url: str | None


@dataclass(frozen=True)
class ParcelList:
    """One page of a list: how many match, the first of them, transfers still followed."""

    view: str
    total: int
    rows: list[ParcelView]
    tracked: list[ParcelView]


def _deadline(p: Parcel, kind: ParcelType, policy: Policy) -> datetime | None:
    c = policy.parcels
    if is_transfer(kind, p.no_transfer) and p.transfer_day is not None:
        return clocks.transfer_deadline(p.transfer_day, policy.tz)
    if is_held(kind, p.no_transfer):
        return clocks.hold_due(p.hold_from, c.hold_hours)
    return None


def to_view(p: Parcel, *, now: datetime, policy: Policy) -> ParcelView:
    """Describe a stored parcel and its clocks at NOW."""
    assert p.id is not None
    tz, c = policy.tz, policy.parcels
    kind = c.type_of(p.type_code)
    held, is_open = is_held(kind, p.no_transfer), p.status == "open"
    due_at = clocks.hold_due(p.hold_from, c.hold_hours) if held else None
    deadline = _deadline(p, kind, policy)
    channel = c.find_channel(p.transfer_channel) if p.transfer_channel else None
    tracked = None
    if p.status == "transferred" and p.closed_at is not None:
        tracked = clocks.tracked_until(p.closed_at, tz, c.transfer_tracking_days)
    return ParcelView(
        p.id, p.waybill, kind, p.status, p.note,
        tuple(p.related.split(",")) if p.related else (), p.no_transfer, p.logged_by, p.owner,
        p.logged_at.astimezone(tz), p.updated_at.astimezone(tz),
        due_at.astimezone(tz) if due_at else None,
        is_open and due_at is not None and now >= due_at,
        is_open and clocks.is_stale(p.updated_at, now, tz), p.transfer_day,
        deadline.astimezone(tz) if deadline else None,
        clocks.is_overdue(deadline, p.closed_at, now), p.photos,
        kind.photo and p.photos == 0, p.closed_at.astimezone(tz) if p.closed_at else None,
        p.closed_by, p.early_return, channel.name if channel else p.transfer_channel,
        p.billing_kg, p.transfer_fee_fen, tracked)


def open_record(session: Session, waybill: str) -> Parcel | None:
    """Return the open record of a waybill, if any."""
    return session.exec(select(Parcel).where(Parcel.open_key == waybill)).first()


def history(session: Session, *, waybill: str, now: datetime,
            policy: Policy) -> tuple[ParcelView, list[EventView], int] | None:
    """Return the waybill's open (else latest) record, its history, and how many records."""
    rows = session.exec(select(Parcel).where(Parcel.waybill == waybill)
                        .order_by(col(Parcel.logged_at).desc(), col(Parcel.id).desc())).all()
    if not rows:
        return None
    chosen = next((r for r in rows if r.status == "open"), rows[0])
    events = session.exec(select(ParcelEvent).where(ParcelEvent.parcel_id == chosen.id)
                          .order_by(col(ParcelEvent.at), col(ParcelEvent.id))).all()
    tz = policy.tz
    shown = [EventView(e.at.astimezone(tz), e.kind, e.actor, e.text, e.file_url) for e in events]
    return to_view(chosen, now=now, policy=policy), shown, len(rows)


def _due_filter(now: datetime, policy: Policy) -> ColumnElement[bool]:
    """Open parcels whose hold has run out (held types, and transfers marked 超区勿转)."""
    c = policy.parcels
    held = [t.code for t in c.catalogue() if t.hold]
    moved = [t.code for t in c.catalogue() if t.transfer and not t.hold]
    kinds = or_(col(Parcel.type_code).in_(held),
                and_(col(Parcel.type_code).in_(moved), col(Parcel.no_transfer)))
    return and_(kinds, col(Parcel.hold_from) <= now - timedelta(hours=c.hold_hours))


def _view_filter(view: str, me: str, now: datetime, policy: Policy) -> ColumnElement[bool]:
    today = clocks.local_day(now, policy.tz)
    is_open = col(Parcel.status) == "open"
    if view == "stale":
        return and_(is_open, col(Parcel.updated_at) < clocks.start_of_day(today, policy.tz))
    if view == "due":
        return and_(is_open, _due_filter(now, policy))
    if view == "mine":
        return and_(is_open, or_(col(Parcel.owner) == me, col(Parcel.logged_by) == me))
    return is_open


def _find(session: Session, where: ColumnElement[bool], now: datetime, policy: Policy,
          limit: int | None) -> list[ParcelView]:
    query = select(Parcel).where(where).order_by(col(Parcel.hold_from), col(Parcel.id))
    rows = session.exec(query.limit(limit) if limit is not None else query).all()
    return [to_view(p, now=now, policy=policy) for p in rows]


def list_parcels(session: Session, *, view: str, me: str, now: datetime, policy: Policy,
                 limit: int = LIST_LIMIT) -> ParcelList:
    """Return the open|stale|due|mine list: the count and the oldest LIMIT parcels."""
    where = _view_filter(view, me, now, policy)
    total = session.exec(select(func.count()).select_from(Parcel).where(where)).one()
    tracked = transfers_to_track(session, now=now, policy=policy) if view == "open" else []
    return ParcelList(view, total, _find(session, where, now, policy, limit), tracked)


def counts(session: Session, *, now: datetime, policy: Policy) -> dict[str, int]:
    """How many parcels are open, not followed up today, and due to go back."""
    return {view: session.exec(select(func.count()).select_from(Parcel).where(
        _view_filter(view, "", now, policy))).one() for view in ("open", "stale", "due")}


def logged_and_closed(session: Session, *, since: datetime, until: datetime) -> dict[str, int]:
    """How many parcels were logged, and how many closed, in [SINCE, UNTIL)."""
    return {name: session.exec(select(func.count()).select_from(Parcel).where(
        column >= since, column < until)).one()
        for name, column in (("logged", col(Parcel.logged_at)), ("closed", col(Parcel.closed_at)))}


def stale_for_followup(session: Session, *, now: datetime, policy: Policy) -> list[ParcelView]:
    """Every open parcel not updated today: what the daily follow-up reminder posts."""
    return _find(session, _view_filter("stale", "", now, policy), now, policy, None)


def due_for_return(session: Session, *, now: datetime, policy: Policy) -> list[ParcelView]:
    """Every open parcel whose hold has run out: it may go back to the sender station."""
    return _find(session, _view_filter("due", "", now, policy), now, policy, None)


def transfers_to_track(session: Session, *, now: datetime, policy: Policy) -> list[ParcelView]:
    """Transfers that left within the tracking days: their progress is checked daily."""
    days = policy.parcels.transfer_tracking_days
    first = clocks.start_of_day(clocks.local_day(now, policy.tz) - timedelta(days=days),
                                policy.tz)
    where = and_(col(Parcel.status) == "transferred", col(Parcel.closed_at) >= first)
    return _find(session, where, now, policy, None)


def open_for_handover(session: Session, *, owners: Collection[str], now: datetime,
                      policy: Policy) -> list[ParcelView]:
    """Open parcels owned by the people of a leaving shift (Slack IDs), oldest first."""
    if not owners:
        return []
    where = and_(col(Parcel.status) == "open", col(Parcel.owner).in_(list(owners)))
    return _find(session, where, now, policy, None)
