"""Reading the ledger: entries with their payment and reversal, statements, the team fund."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.domain.ledger import Line, is_overdue, month_bounds, owed_now_fen
from bot.policy import Policy
from db.models import LedgerEntry, LedgerPayment, Staff


@dataclass(frozen=True)
class EntryView:
    """A ledger line as people read it, with what it costs at the moment it was read."""

    id: int
    staff_id: int
    name: str
    slack_id: str
    kind: str
    rule: str
    amount_fen: int
    quantity: int
    red_packet: bool
    shares: int | None
    flag: str | None
    day: date
    due_at: datetime | None
    note: str | None
    actor: str
    reverses_id: int | None
    reversed_by: int | None
    paid_fen: int | None
    paid_at: datetime | None
    owed_fen: int
    overdue: bool
    # What was paid on a fine that is reversed, owed back to the person: on the fine and on
    # its reversal. A catalogue fine's refund leaves the team fund; a red packet's does not.
    refund_fen: int = 0
    created_at: datetime | None = None

    @property
    def state(self) -> str:
        """Return reversal, reversed, paid, dismissal, overdue or owed."""
        if self.kind == "reversal":
            return "reversal"
        if self.reversed_by is not None:
            return "reversed"
        if self.paid_fen is not None:
            return "paid"
        if self.flag == "dismissal" and self.amount_fen == 0:
            return "dismissal"  # the dismissal step charges nothing: nothing to pay
        return "overdue" if self.overdue else "owed"


def line_of(e: LedgerEntry, paid_fen: int | None = None) -> Line:
    """Return the arithmetic's view of a stored entry."""
    assert e.id is not None
    return Line(e.id, e.amount_fen, e.red_packet, e.due_at, e.reverses_id, paid_fen)


def _view(e: LedgerEntry, s: Staff, pay: LedgerPayment | None, reversed_by: int | None,
          paid_before_reversal: int | None, now: datetime, policy: Policy) -> EntryView:
    assert e.id is not None
    line = line_of(e, pay.amount_fen if pay else None)
    open_fine = e.kind == "fine" and reversed_by is None and pay is None
    owed = owed_now_fen(line, now, policy.red_packet.unpaid_multiplier) if open_fine else 0
    refund = (pay.amount_fen if pay and reversed_by is not None else 0) \
        if e.kind == "fine" else paid_before_reversal or 0
    tz = policy.tz
    return EntryView(
        e.id, e.staff_id, s.name, s.slack_id, e.kind, e.rule, e.amount_fen, e.quantity,
        e.red_packet, e.shares, e.flag, e.day, e.due_at.astimezone(tz) if e.due_at else None,
        e.note, e.actor, e.reverses_id, reversed_by, pay.amount_fen if pay else None,
        pay.paid_at.astimezone(tz) if pay else None, owed, open_fine and is_overdue(line, now),
        refund, e.created_at.astimezone(tz))


def entries(session: Session, *, now: datetime, policy: Policy, where: Any = True,
            limit: int | None = None, newest_first: bool = False) -> list[EntryView]:
    """Load ledger lines matching WHERE, each with its payment and reversal (and, for a
    reversal, what was paid on the fine it reverses)."""
    rev = aliased(LedgerEntry)
    order = col(LedgerEntry.id).desc() if newest_first else col(LedgerEntry.id)
    query = (select(LedgerEntry, Staff, LedgerPayment, rev.id)
             .join(Staff, col(Staff.id) == LedgerEntry.staff_id)
             .outerjoin(LedgerPayment, col(LedgerPayment.entry_id) == LedgerEntry.id)
             .outerjoin(rev, col(rev.reverses_id) == LedgerEntry.id)
             .where(where).order_by(order).limit(limit))
    rows = session.exec(query).all()
    fines = [e.reverses_id for e, *_ in rows if e.reverses_id is not None]
    paid = dict(session.exec(select(LedgerPayment.entry_id, LedgerPayment.amount_fen).where(
        col(LedgerPayment.entry_id).in_(fines))).all()) if fines else {}
    return [_view(e, s, p, r, paid.get(e.reverses_id or 0), now, policy) for e, s, p, r in rows]


def entry(session: Session, *, entry_id: int, now: datetime, policy: Policy) -> EntryView | None:
    """Load one ledger line."""
    found = entries(session, now=now, policy=policy, where=LedgerEntry.id == entry_id)
    return found[0] if found else None


@dataclass(frozen=True)
class Statement:
    """A person's fines: this month's lines, everything still owed, and earlier history."""

    month: date
    month_lines: list[EntryView]
    month_total_fen: int
    owed: list[EntryView]
    owed_total_fen: int
    history: list[EntryView]
    refunds: list[EntryView]  # reversed fines of those shown that had been paid
    refund_total_fen: int


def statement(session: Session, *, staff_id: int, now: datetime, policy: Policy) -> Statement:
    """Build what `/penalty` shows one person."""
    first, last = month_bounds(now.astimezone(policy.tz).date())
    mine = entries(session, now=now, policy=policy, where=LedgerEntry.staff_id == staff_id)
    month = [e for e in mine if first <= e.day <= last]
    owed = [e for e in mine if e.owed_fen > 0]
    history = [e for e in reversed(mine) if e.day < first][:10]
    refunds = [e for e in (*month, *history) if e.kind == "fine" and e.refund_fen]
    return Statement(first, month, sum(e.amount_fen for e in month), owed,
                     sum(e.owed_fen for e in owed), history, refunds,
                     sum(e.refund_fen for e in refunds))

