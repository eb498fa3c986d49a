"""The fine ledger: fines and reversals, payments, the month's lines, the team fund, appeals,
and `/penalty`."""

from bot.services import requests
from bot.services.ledger.appeals import apply_appeal, file_appeal
from bot.services.ledger.cases import run
from bot.services.ledger.fines import (
    BOT_ACTOR,
    add_entry,
    due_for,
    fine_for_punch,
    mark_paid,
    record_manual,
    reverse_punch_fine,
)
from bot.services.ledger.month import (
    EntryState,
    dismissal_flagged,
    entry_state,
    load_month_ledger,
    net_fen_between,
    net_fen_by_staff,
    refund_fen,
    unpaid_red_packets_fen,
)
from bot.services.ledger.views import EntryView, Statement, statement

__all__ = [
    "BOT_ACTOR",
    "EntryState",
    "EntryView",
    "Statement",
    "add_entry",
    "apply_appeal",
    "dismissal_flagged",
    "due_for",
    "entry_state",
    "file_appeal",
    "fine_for_punch",
    "load_month_ledger",
    "mark_paid",
    "net_fen_between",
    "net_fen_by_staff",
    "record_manual",
    "refund_fen",
    "reverse_punch_fine",
    "run",
    "statement",
    "unpaid_red_packets_fen",
]

requests.register("appeal", apply=apply_appeal)
