"""The fine ledger of one month, read for reports: totals, what is still owed, each state."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain.ledger import Line, is_overdue, outstanding
from bot.domain.period import Month
from db.models import LedgerEntry, LedgerPayment

EntryState = Literal["owed", "overdue", "paid", "reversed", "reversal", "dismissal"]


@dataclass(frozen=True)
class MonthLedger:
    """The month's entries (by the day of what caused them), and what reversed or paid them."""

    entries: list[LedgerEntry]
    reversed_ids: frozenset[int]  # fines of the month with a reversal, whenever it was made
    paid_fen: dict[int, int]  # fine id -> amount paid

    def line(self, e: LedgerEntry) -> Line:
        """Return the arithmetic's view of an entry."""
        assert e.id is not None
        return Line(e.id, e.amount_fen, e.red_packet, e.due_at, e.reverses_id,
                    self.paid_fen.get(e.id))

    def lines(self) -> list[Line]:
        """Return every entry of the month as lines, with the reversals of its fines."""
        shown = [self.line(e) for e in self.entries]
        known = {line.reverses for line in shown}
        extra = [Line(-i, 0, reverses=i) for i in self.reversed_ids if i not in known]
        return shown + extra


def load_month_ledger(session: Session, *, month: Month) -> MonthLedger:
    """Load the month's entries, the reversals of its fines and their payments: three queries."""
    entries = list(session.exec(select(LedgerEntry).where(
        col(LedgerEntry.day) >= month.first, col(LedgerEntry.day) <= month.last,
    ).order_by(col(LedgerEntry.day), col(LedgerEntry.id))).all())
    ids = [e.id for e in entries if e.id is not None]
    reversed_ids = session.exec(select(LedgerEntry.reverses_id).where(
        col(LedgerEntry.reverses_id).in_(ids))).all() if ids else []
    payments = session.exec(select(LedgerPayment).where(
        col(LedgerPayment.entry_id).in_(ids))).all() if ids else []
    return MonthLedger(entries, frozenset(i for i in reversed_ids if i is not None),
                       {p.entry_id: p.amount_fen for p in payments})


def net_fen_by_staff(ledger: MonthLedger) -> dict[int, int]:
    """Return each person's net total of the month's entries: fines minus reversals."""
    totals: dict[int, int] = defaultdict(int)
    for e in ledger.entries:
        totals[e.staff_id] += e.amount_fen
    return dict(totals)


def net_fen_between(session: Session, *, first: date, last: date) -> dict[int, int]:
    """Each person's net total of the entries for the days FIRST..LAST (one query)."""
    rows = session.exec(select(LedgerEntry.staff_id, func.sum(LedgerEntry.amount_fen)).where(
        col(LedgerEntry.day) >= first, col(LedgerEntry.day) <= last,
    ).group_by(col(LedgerEntry.staff_id))).all()
    return {int(staff_id): int(total or 0) for staff_id, total in rows}


def unpaid_red_packets_fen(ledger: MonthLedger, *, now: datetime,
                           multiplier: int) -> dict[int, int]:
    """Return what each person still owes NOW for the month's red packets, doubled if overdue."""
    staff_of = {e.id: e.staff_id for e in ledger.entries}
    totals: dict[int, int] = defaultdict(int)
    for line, owed in outstanding(ledger.lines(), now, multiplier):
        if line.red_packet:
            totals[staff_of[line.id]] += owed
    return dict(totals)


def entry_state(ledger: MonthLedger, e: LedgerEntry, now: datetime) -> EntryState:
    """Say where an entry stands at NOW."""
    if e.kind == "reversal" or e.reverses_id is not None:
        return "reversal"
    if e.id in ledger.reversed_ids:
        return "reversed"
    if e.id in ledger.paid_fen:
        return "paid"
    if e.flag == "dismissal" and e.amount_fen == 0:
        return "dismissal"
    return "overdue" if is_overdue(ledger.line(e), now) else "owed"


def refund_fen(ledger: MonthLedger, e: LedgerEntry) -> int:
    """Return what is owed back for a reversed fine that was paid (shown on its reversal)."""
    if e.reverses_id is None:
        return 0
    return ledger.paid_fen.get(e.reverses_id, 0)


def dismissal_flagged(ledger: MonthLedger) -> frozenset[int]:
    """Return the people a standing (not reversed) fine of the month flags for dismissal."""
    return frozenset(e.staff_id for e in ledger.entries
                     if e.flag == "dismissal" and e.kind == "fine"
                     and e.id not in ledger.reversed_ids)
