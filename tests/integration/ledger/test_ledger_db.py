"""The ledger and approvals on real databases: invariants under random use, and races."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from bot.policy import Policy, load_policy
from bot.services.errors import Refused
from bot.services.ledger import appeals
from bot.services.ledger import fines as ledger
from bot.services.ledger.views import statement
from bot.services.requests import kinds as decisions
from bot.services.staff import StaffView, add_or_update
from db.engine import make_engine, session_scope, upgrade
from db.models import AuditLog, LedgerEntry, LedgerPayment, Request

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)
POLICY = load_policy(None)


def _people(engine: Engine) -> tuple[StaffView, StaffView]:
    with session_scope(engine) as s:
        ann, _ = add_or_update(s, slack_id="U0A1", name="Ann", role="agent", group=None,
                               actor="test")
        lee, _ = add_or_update(s, slack_id="U0L1", name="Lee", role="lead", group=None,
                               actor="test")
    return ann, lee


ops = st.lists(st.tuples(st.sampled_from(["fine", "waive", "pay", "appeal"]),
                         st.integers(0, 20), st.integers(0, 72 * 3600)), max_size=25)


def _apply(s: Session, op: str, pick: int, now: datetime, ann: StaffView, lee: StaffView,
           policy: Policy) -> None:
    ids = list(s.exec(select(LedgerEntry.id).where(LedgerEntry.kind == "fine")).all())
    target = ids[pick % len(ids)] if ids else None
    if op == "fine" or target is None:
        rule = policy.fines[pick % len(policy.fines)]
        ledger.record_manual(s, lead=lee, target=ann, rule=rule, quantity=1 + pick % 3,
                             note=None, now=now, policy=policy)
    elif op == "waive":
        ledger.waive(s, lead=lee, entry_id=target, reason="test", now=now, policy=policy)
    elif op == "pay":
        ledger.mark_paid(s, who=ann, entry_id=target, now=now, policy=policy)
    else:
        req, _ = appeals.file_appeal(s, who=ann, entry_id=target, reason=None, now=now,
                                     policy=policy)
        decisions.decide(s, request_id=req.id, approve=True, actor=lee, now=now,
                         policy=policy)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=ops)
def test_ledger_invariants_hold_under_any_sequence_of_actions(
        steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'l.db'}")
        upgrade(engine)
        ann, lee = _people(engine)
        now = START
        for op, pick, seconds in steps:
            now += timedelta(seconds=seconds)
            try:
                with session_scope(engine) as s:
                    _apply(s, op, pick, now, ann, lee, POLICY)
            except Refused:
                pass  # e.g. waiving a fine twice: refused, and rolled back
        with session_scope(engine) as s:
            _check(s, ann, now)
        engine.dispose()


def _check(s: Session, ann: StaffView, now: datetime) -> None:
    rows = list(s.exec(select(LedgerEntry)).all())
    st_ = statement(s, staff_id=ann.id, now=now, policy=POLICY)
    month = [r for r in rows if r.day.month == now.astimezone(SHANGHAI).month]
    assert st_.month_total_fen == sum(r.amount_fen for r in month)
    by_id = {r.id: r for r in rows}
    for r in rows:
        if r.kind == "reversal":
            assert r.reverses_id is not None
            assert by_id[r.reverses_id].amount_fen + r.amount_fen == 0
    reversed_ids = [r.reverses_id for r in rows if r.reverses_id]
    assert len(reversed_ids) == len(set(reversed_ids))
    for p in s.exec(select(LedgerPayment)).all():
        fine = by_id[p.entry_id]
        assert p.amount_fen in {fine.amount_fen, fine.amount_fen * 2}
        assert fine.red_packet or p.amount_fen == fine.amount_fen


def test_twenty_racing_approvals_change_the_state_once(any_engine: Engine) -> None:
    ann, lee = _people(any_engine)
    with session_scope(any_engine) as s:
        leads = [add_or_update(s, slack_id=f"U0L{i:02d}", name=f"L{i}", role="lead",
                               group=None, actor="test")[0] for i in range(20)]
        fine = ledger.record_manual(s, lead=lee, target=ann, rule=POLICY.fines[0], quantity=1,
                                    note=None, now=START, policy=POLICY)
        req, _ = appeals.file_appeal(s, who=ann, entry_id=fine.id, reason="x", now=START,
                                     policy=POLICY)

    def click(actor: StaffView) -> bool:
        with session_scope(any_engine) as s:
            outcome = decisions.decide(s, request_id=req.id, approve=True, actor=actor,
                                       now=START, policy=POLICY)
            return outcome.changed

    with ThreadPoolExecutor(20) as pool:
        changed = list(pool.map(click, leads))
    assert changed.count(True) == 1
    with session_scope(any_engine) as s:
        assert s.exec(select(Request.state)).one() == "approved"
        reversals = s.exec(select(func.count()).select_from(LedgerEntry).where(
            col(LedgerEntry.reverses_id) == fine.id)).one()
        audits = s.exec(select(func.count()).select_from(AuditLog).where(
            AuditLog.action == "request.approved")).one()
    assert (reversals, audits) == (1, 1)


def test_an_agent_deciding_is_refused_and_the_request_stays_pending(any_engine: Engine) -> None:
    ann, lee = _people(any_engine)
    with session_scope(any_engine) as s:
        fine = ledger.record_manual(s, lead=lee, target=ann, rule=POLICY.fines[0], quantity=1,
                                    note=None, now=START, policy=POLICY)
        req, _ = appeals.file_appeal(s, who=ann, entry_id=fine.id, reason="x", now=START,
                                     policy=POLICY)
    bob = StaffView(ann.id, ann.slack_id, ann.name, "agent", None)
    with pytest.raises(Refused) as err, session_scope(any_engine) as s:
        decisions.decide(s, request_id=req.id, approve=True, actor=bob, now=START,
                         policy=POLICY)
    assert err.value.reason == "role"
    with session_scope(any_engine) as s:
        assert s.exec(select(Request.state)).one() == "pending"

