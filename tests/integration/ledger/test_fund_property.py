"""The team fund on a real database: balance = paid in - refunded - spent, after every step
of any sequence of fines, payments, waivers, upheld appeals and spending."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.policy import load_policy
from bot.services.errors import Refused
from bot.services.ledger import appeals, fund
from bot.services.ledger import fines as ledger
from bot.services.ledger.views import entry
from bot.services.requests import kinds as decisions
from bot.services.staff import StaffView, add_or_update
from db.engine import make_engine, session_scope, upgrade
from db.models import LedgerEntry

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
POLICY = load_policy(None)
OPS = ("fine", "red_packet", "pay", "waive", "appeal", "spend")


@dataclass
class Expected:
    """What the test itself saw go in and out of the fund."""

    paid_in: int = 0
    refunded: int = 0
    spent: int = 0


def _people(engine: Engine) -> tuple[StaffView, StaffView]:
    with session_scope(engine) as s:
        ann, _ = add_or_update(s, slack_id="U0A1", name="Ann", role="agent", group=None,
                               actor="test")
        lee, _ = add_or_update(s, slack_id="U0L1", name="Lee", role="lead", group=None,
                               actor="test")
    return ann, lee


def _red_packet(s: Session, ann: StaffView, now: datetime) -> None:
    """A late punch's red packet: paid to the team group, never into the fund."""
    row = LedgerEntry(staff_id=ann.id, kind="fine", rule="late", amount_fen=1000,
                      red_packet=True, day=now.astimezone(SHANGHAI).date(),
                      due_at=now + timedelta(days=1), actor=ledger.BOT_ACTOR)
    ledger.add_entry(s, row, action="ledger.fine", now=now, policy=POLICY)


def _reverse(s: Session, op: str, target: int, now: datetime, ann: StaffView,
             lee: StaffView, seen: Expected) -> None:
    fine = entry(s, entry_id=target, now=now, policy=POLICY)
    assert fine is not None
    if op == "waive":
        ledger.waive(s, lead=lee, entry_id=target, reason="test", now=now, policy=POLICY)
    else:
        req, _ = appeals.file_appeal(s, who=ann, entry_id=target, reason=None, now=now,
                                     policy=POLICY)
        decisions.decide(s, request_id=req.id, approve=True, actor=lee, now=now, policy=POLICY)
    if not fine.red_packet and fine.paid_fen:
        seen.refunded += fine.paid_fen


def _apply(s: Session, op: str, pick: int, now: datetime, ann: StaffView, lee: StaffView,
           seen: Expected) -> None:
    ids = list(s.exec(select(LedgerEntry.id).where(LedgerEntry.kind == "fine")).all())
    target = ids[pick % len(ids)] if ids else None
    if op == "fine" or (target is None and op != "spend"):
        rule = POLICY.fines[pick % len(POLICY.fines)]
        ledger.record_manual(s, lead=lee, target=ann, rule=rule, quantity=1 + pick % 3,
                             note=None, now=now, policy=POLICY)
    elif op == "red_packet":
        _red_packet(s, ann, now)
    elif op == "pay" and target is not None:
        paid, newly = ledger.mark_paid(s, who=ann, entry_id=target, now=now, policy=POLICY)
        if newly and not paid.red_packet:
            seen.paid_in += paid.paid_fen or 0
    elif op in ("waive", "appeal") and target is not None:
        _reverse(s, op, target, now, ann, lee, seen)
    elif op == "spend":
        before = fund.balance_fen(s)
        fund.spend(s, lead=lee, amount_fen=(pick + 1) * 500, note="t", now=now, policy=POLICY)
        assert (pick + 1) * 500 <= before  # never more than the balance
        seen.spent += (pick + 1) * 500


def _check(s: Session, seen: Expected, now: datetime) -> None:
    balance = fund.balance_fen(s)
    assert balance == seen.paid_in - seen.refunded - seen.spent
    month = fund.month_view(s, month=START.date(), now=now, policy=POLICY)
    assert (month.in_fen, month.refunded_fen, month.out_fen) == (
        seen.paid_in, seen.refunded, seen.spent)
    assert month.balance_fen == balance


steps = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 20),
                           st.integers(0, 20 * 3600)), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=steps)
def test_fund_balance_is_paid_in_minus_refunded_minus_spent_after_every_step(
        ops: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'f.db'}")
        upgrade(engine)
        ann, lee = _people(engine)
        now, seen = START, Expected()
        for op, pick, seconds in ops:
            now += timedelta(seconds=seconds)  # 30 steps of at most 20 h stay in November
            attempt = Expected(seen.paid_in, seen.refunded, seen.spent)
            try:
                with session_scope(engine) as s:
                    _apply(s, op, pick, now, ann, lee, attempt)
                seen = attempt
            except Refused:
                pass  # refused and rolled back: the fund is as it was
            with session_scope(engine) as s:
                _check(s, seen, now)
        engine.dispose()
