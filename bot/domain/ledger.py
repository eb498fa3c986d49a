"""The fine ledger's arithmetic: what a fine costs now, balances, escalation by count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Line:
    """A ledger line as the arithmetic sees it; `reverses` names the fine a reversal cancels."""

    id: int
    amount_fen: int
    red_packet: bool = False
    due_at: datetime | None = None
    reverses: int | None = None
    paid_fen: int | None = None  # what was paid, when it was marked paid


def balance_fen(lines: Iterable[Line]) -> int:
    """Return the net total of the lines: fines minus reversals."""
    return sum(line.amount_fen for line in lines)


def is_overdue(line: Line, now: datetime) -> bool:
    """Tell whether an unpaid red packet is past its due time."""
    return line.red_packet and line.due_at is not None and now > line.due_at


def owed_now_fen(line: Line, now: datetime, multiplier: int) -> int:
    """Return what an unpaid fine costs at NOW: a red packet past due is multiplied, once."""
    return line.amount_fen * multiplier if is_overdue(line, now) else line.amount_fen


def outstanding(lines: Sequence[Line], now: datetime, multiplier: int) -> list[tuple[Line, int]]:
    """Return each fine still owed (not paid, not reversed) with what it costs at NOW."""
    reversed_ids = {line.reverses for line in lines if line.reverses is not None}
    return [(line, owed_now_fen(line, now, multiplier)) for line in lines
            if line.reverses is None and line.amount_fen > 0 and line.paid_fen is None
            and line.id not in reversed_ids]


def step_amount_fen(amounts_fen: Sequence[int], occurrence: int) -> int:
    """Return the amount of the Nth occurrence in a month (1-based); the last step repeats."""
    if occurrence < 1 or not amounts_fen:
        raise ValueError("occurrence counts from 1 and a rule needs at least one amount")
    return amounts_fen[min(occurrence, len(amounts_fen)) - 1]


def red_packet_due(next_working_day: date, tz: ZoneInfo) -> datetime:
    """Return the due instant of a red packet: the end of the given working day, local time."""
    return datetime.combine(next_working_day + timedelta(days=1), time(0), tzinfo=tz)


def month_bounds(day: date) -> tuple[date, date]:
    """Return the first and last day of DAY's month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)
