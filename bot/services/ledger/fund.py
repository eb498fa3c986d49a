"""The team fund (活动经费): fines paid in, refunds, spending recorded by a lead, the balance.

Red packets are sent to the team group and grabbed there, so they never reach the fund;
the catalogue fines a lead records are paid into it. A paid catalogue fine that is later
reversed (waived, appeal upheld) is owed back to the person out of the fund: the refund is
what was paid, dated by the reversal. It needs no row of its own: the payment and the
reversal are both kept for good, so a payment that raced a reversal cannot lose it.
Balance = paid in - refunded - spent, always; it may go below zero when money already
spent is owed back, and then nothing more can be spent until it recovers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from bot.domain.ledger import month_bounds
from bot.policy import Policy
from bot.services import audit
from bot.services.errors import Refused, require_role
from bot.services.ledger.views import EntryView, entries
from bot.services.staff import StaffView
from db.models import FundSpend, LedgerEntry, LedgerPayment


@dataclass(frozen=True)
class SpendView:
    """Money taken out of the fund."""

    id: int
    amount_fen: int
    day: date
    note: str
    actor: str


@dataclass(frozen=True)
class FundView:
    """One month of the fund, and the balance at the moment it was read."""

    month: date
    paid_in: list[EntryView]
    refunds: list[EntryView]  # the reversals of paid catalogue fines, made this month
    spent: list[SpendView]
    in_fen: int
    refunded_fen: int
    out_fen: int
    balance_fen: int


def _reversed_ids() -> Any:
    return select(LedgerEntry.reverses_id).where(col(LedgerEntry.reverses_id).is_not(None))


def _paid_total(session: Session, *, reversed_only: bool) -> int:
    """Sum what was paid on catalogue fines: all of it, or that of the reversed ones."""
    paid = select(func.coalesce(func.sum(LedgerPayment.amount_fen), 0)).join(
        LedgerEntry, col(LedgerEntry.id) == LedgerPayment.entry_id).where(
        col(LedgerEntry.red_packet).is_(False))
    if reversed_only:
        paid = paid.where(col(LedgerEntry.id).in_(_reversed_ids()))
    return int(session.exec(paid).one())


def totals_fen(session: Session) -> tuple[int, int, int]:
    """Return everything paid in, refunded and spent, since the fund began."""
    spent = session.exec(select(func.coalesce(func.sum(FundSpend.amount_fen), 0))).one()
    return (_paid_total(session, reversed_only=False), _paid_total(session, reversed_only=True),
            int(spent))


def balance_fen(session: Session) -> int:
    """Return everything paid in, minus what is owed back, minus everything spent."""
    paid_in, refunded, spent = totals_fen(session)
    return paid_in - refunded - spent


def month_view(session: Session, *, month: date, now: datetime, policy: Policy) -> FundView:
    """Return the fund's month: who paid what in, what was spent, and the balance now."""
    first, last = month_bounds(month)
    tz = policy.tz
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    paid_ids = select(LedgerPayment.entry_id).where(
        col(LedgerPayment.paid_at) >= start, col(LedgerPayment.paid_at) < end)
    paid_in = entries(session, now=now, policy=policy, where=col(LedgerEntry.id).in_(paid_ids)
                      & col(LedgerEntry.red_packet).is_(False))
    rows = session.exec(select(FundSpend).where(
        col(FundSpend.day) >= first, col(FundSpend.day) <= last).order_by(col(FundSpend.id)))
    spent = [SpendView(r.id or 0, r.amount_fen, r.day, r.note, r.actor) for r in rows]
    refunds = _refunds(session, start, end, now, policy)
    in_fen = sum(e.paid_fen or 0 for e in paid_in)
    out_fen = sum(s.amount_fen for s in spent)
    return FundView(first, paid_in, refunds, spent, in_fen, sum(e.refund_fen for e in refunds),
                    out_fen, balance_fen(session))


def _refunds(session: Session, start: datetime, end: datetime, now: datetime,
             policy: Policy) -> list[EntryView]:
    """Return the reversals made between START and END of catalogue fines that were paid."""
    paid = select(LedgerPayment.entry_id)
    made = entries(session, now=now, policy=policy, where=(col(LedgerEntry.kind) == "reversal")
                   & col(LedgerEntry.red_packet).is_(False)
                   & col(LedgerEntry.reverses_id).in_(paid)
                   & (col(LedgerEntry.created_at) >= start) & (col(LedgerEntry.created_at) < end))
    return [e for e in made if e.refund_fen]


def spend(session: Session, *, lead: StaffView, amount_fen: int, note: str, now: datetime,
          policy: Policy, dedupe_key: str | None = None) -> tuple[SpendView, int]:
    """Record spending from the fund; it may not exceed the balance. Return it and the balance."""
    require_role(lead)
    if dedupe_key:
        done = session.exec(select(FundSpend).where(FundSpend.dedupe_key == dedupe_key)).first()
        if done is not None and done.id is not None:
            view = SpendView(done.id, done.amount_fen, done.day, done.note, done.actor)
            return view, balance_fen(session)
    balance = balance_fen(session)
    if amount_fen > balance:
        raise Refused("fund_short", balance=balance, amount=amount_fen)
    row = FundSpend(amount_fen=amount_fen, day=now.astimezone(policy.tz).date(), note=note,
                    actor=lead.slack_id, dedupe_key=dedupe_key)
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(session, actor=lead.slack_id, action="fund.spend", entity="fund",
                 entity_id=row.id, before={"balance_fen": balance},
                 after={"fen": amount_fen, "note": note})
    return SpendView(row.id, amount_fen, row.day, note, lead.slack_id), balance - amount_fen
