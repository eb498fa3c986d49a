"""Closing a problem parcel: delivered, transferred (channel, fee), returned, other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from bot.domain import parcel_clocks as clocks
from bot.domain.parcel_fees import FeeQuote, quote
from bot.domain.parcels import is_held
from bot.policy import Policy
from bot.policy.parcels import ChannelConfig
from bot.services import audit
from bot.services.parcels.records import ParcelRefused, event, open_or_refuse
from bot.services.parcels.views import ParcelView, to_view
from bot.services.staff import StaffView
from db.models import Parcel

Dims = tuple[Decimal, Decimal, Decimal]


@dataclass(frozen=True)
class Transfer:
    """How an out-of-area parcel leaves: the channel word, weight and sizes, the text as typed."""

    channel: str
    kg: Decimal | None = None
    dims: Dims | None = None
    raw: str = ""  # the note when the first word turns out not to name a channel


@dataclass(frozen=True)
class CloseResult:
    """A closed parcel; `early` warns of a return before the hold ran out (a fault)."""

    parcel: ParcelView
    early: bool = False
    quote: FeeQuote | None = None
    channel_missing: bool = False  # transferred without a known channel: no fee recorded


def _channel(row: Parcel, transfer: Transfer | None, policy: Policy) -> ChannelConfig | None:
    """Check the parcel may be transferred; return the channel named, if one is."""
    kind = policy.parcels.type_of(row.type_code)
    if not kind.transfer:
        raise ParcelRefused("not_transferable", kind=kind)
    if row.no_transfer:
        raise ParcelRefused("do_not_transfer", waybill=row.waybill)
    channel = policy.parcels.find_channel(transfer.channel) if transfer else None
    if channel is not None and channel.needs_consent and not row.replied:
        raise ParcelRefused("needs_consent", channel=channel.name, waybill=row.waybill)
    return channel


def _fee(channel: ChannelConfig, transfer: Transfer, policy: Policy) -> FeeQuote | None:
    """Price the transfer when a weight was given; refuse what the carrier cannot take."""
    if transfer.kg is None:
        return None
    q = quote(transfer.kg, transfer.dims, policy.parcels.fee_rules())
    if q.refusals:
        raise ParcelRefused("too_big", refusals=q.refusals)
    if channel.postal and (not q.postal_weight_ok or q.postal_length_ok is False):
        rules = policy.parcels
        raise ParcelRefused("postal_limits", kg=rules.postal_max_kg,
                            cm=rules.postal_max_side_cm)
    return q


def _transfer(row: Parcel, transfer: Transfer | None, note: str,
              policy: Policy) -> tuple[FeeQuote | None, str]:
    """Record the channel and fee of a transfer; return the quote and the note to keep."""
    channel = _channel(row, transfer, policy)
    if channel is None or transfer is None:
        return None, transfer.raw if transfer else note
    q = _fee(channel, transfer, policy)
    row.transfer_channel = channel.code
    if q is not None:
        row.billing_kg, row.transfer_fee_fen = q.billing_kg, q.fee_fen
    return q, note


def close_parcel(session: Session, *, who: StaffView, waybill: str, state: str, note: str,
                 now: datetime, policy: Policy, transfer: Transfer | None = None) -> CloseResult:
    """Close the open record of WAYBILL; a return before the hold ends is kept and flagged."""
    row = open_or_refuse(session, waybill)
    q = None
    if state == "transferred":
        q, note = _transfer(row, transfer, note, policy)
    kind = policy.parcels.type_of(row.type_code)
    early = state == "returned" and is_held(kind, row.no_transfer) and \
        clocks.returned_early(row.hold_from, now, policy.parcels.hold_hours)
    row.status, row.open_key, row.closed_at, row.closed_by = state, None, now, who.slack_id
    row.early_return = early
    session.add(row)
    event(session, row, state, who.slack_id, now, note or None)  # the kind is the close state
    audit.record(session, actor=who.slack_id, action="parcel.close", entity="parcel",
                 entity_id=row.id, before={"status": "open"},
                 after={"status": state, "early_return": early, "channel": row.transfer_channel,
                        "fee_fen": row.transfer_fee_fen, "note": note or None})
    missing = state == "transferred" and row.transfer_channel is None
    return CloseResult(to_view(row, now=now, policy=policy), early, q, missing)
