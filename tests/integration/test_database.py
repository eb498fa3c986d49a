"""Migrations and the clocking service against real databases: SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.policy import Policy
from bot.services.attendance.clocking import clock
from bot.services.roster.entries import Cell, store_cells
from bot.services.staff import StaffView, add_or_update
from db.engine import session_scope, upgrade
from db.models import AuditLog, Punch

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 24)
TABLES = {"alembic_version", "staff", "rosterentry", "punch", "auditlog"}


def _agent(engine: Engine, policy: Policy) -> StaffView:
    with session_scope(engine) as s:
        who, _ = add_or_update(s, slack_id="U0A1", name="陈晓", role="agent", group=None,
                               actor="test")
        store_cells(s, [Cell(who.id, DAY, "D")], actor="test", source="test")
    return who


def test_migrations_create_every_table_and_can_run_again(any_engine: Engine) -> None:
    upgrade(any_engine)
    assert set(sa.inspect(any_engine).get_table_names()) >= TABLES


def test_punch_instants_round_trip_as_aware_utc(any_engine: Engine, policy: Policy) -> None:
    who = _agent(any_engine, policy)
    at = datetime(2026, 11, 24, 8, 41, 30, tzinfo=SHANGHAI)
    with session_scope(any_engine) as s:
        clock(s, who=who, kind="in", now=at, policy=policy)
    with Session(any_engine) as s:
        p = s.exec(select(Punch)).one()
    assert p.at == at and p.at.utcoffset() is not None
    assert (p.minutes_late, p.fine_fen) == (11, 2000)


def test_twenty_concurrent_clock_ins_store_one_punch(any_engine: Engine, policy: Policy) -> None:
    who = _agent(any_engine, policy)

    def one(i: int) -> int:
        at = datetime(2026, 11, 24, 8, 20, i, tzinfo=SHANGHAI)
        with session_scope(any_engine) as s:
            return clock(s, who=who, kind="in", now=at, policy=policy).punch.id

    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = set(pool.map(one, range(20)))
    with Session(any_engine) as s:
        stored = s.exec(select(Punch)).all()
        audits = s.exec(select(AuditLog).where(AuditLog.action == "clock.in")).all()
    assert len(stored) == 1 and ids == {stored[0].id}
    assert len(audits) == 1
