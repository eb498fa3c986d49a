"""The monthly reports show a fine's dismissal flag and the refund a reversed paid fine owes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain.period import Month
from bot.policy import Policy
from bot.services.attendance.report import attendance_table, penalties_table
from bot.services.ledger import fines as ledger
from bot.services.staff import StaffView, add_or_update

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOV = Month(2026, 11)
NOV_10 = datetime(2026, 11, 10, 12, 0, tzinfo=SHANGHAI)
NOTES, REFUND, FLAG = 15, 9, 10  # attendance 备注; penalties 应退 and 标记


@pytest.fixture
def db(any_engine: Engine) -> Iterator[Session]:
    """A session on a freshly migrated database of each kind."""
    with Session(any_engine, expire_on_commit=False) as s:
        yield s


def people(s: Session) -> tuple[StaffView, StaffView, StaffView]:
    made = [add_or_update(s, slack_id=i, name=n, role=r, group=None, actor="test")[0]
            for i, n, r in (("U0A1", "陈晓", "agent"), ("U0A2", "林悦", "agent"),
                            ("U0L1", "孙丽", "lead"))]
    return made[0], made[1], made[2]


def games(s: Session, lead: StaffView, who: StaffView, times: int, policy: Policy) -> int:
    """Record the games fine TIMES; return the last entry's ID."""
    rule = policy.find_fine("games")
    assert rule is not None
    last = 0
    for _ in range(times):
        last = ledger.record_manual(s, lead=lead, target=who, rule=rule, quantity=1, note=None,
                                    now=NOV_10, policy=policy).id
    return last


def test_a_dismissal_fine_shows_in_the_attendance_notes_until_it_is_reversed(
        db: Session, policy: Policy) -> None:
    chen, lin, lead = people(db)
    games(db, lead, chen, 3, policy)
    third = games(db, lead, lin, 3, policy)
    ledger.waive(db, lead=lead, entry_id=third, reason="appeal upheld", now=NOV_10,
                 policy=policy)
    for lang, word in (("zh", "建议辞退"), ("en", "dismissal flag")):
        table = attendance_table(db, month=NOV, now=NOV_10, policy=policy, lang=lang)
        notes = {row[0]: row[NOTES] for row in table.rows}
        assert word in str(notes["陈晓"]) and word not in str(notes["林悦"])


def test_the_penalties_report_shows_the_dismissal_step_and_a_refund_owed(
        db: Session, policy: Policy) -> None:
    chen, _, lead = people(db)
    first = games(db, lead, chen, 1, policy)
    ledger.mark_paid(db, who=chen, entry_id=first, now=NOV_10, policy=policy)
    ledger.waive(db, lead=lead, entry_id=first, reason="wrong person", now=NOV_10,
                 policy=policy)
    games(db, lead, chen, 3, policy)  # standing: the 1st was reversed, so 10, 30, dismissal
    table = penalties_table(db, month=NOV, now=NOV_10, policy=policy, lang="zh")
    assert [c.header for c in table.columns][REFUND:] == ["应退", "标记"]
    got = [(r[3], r[5], r[REFUND], r[FLAG]) for r in table.rows]
    assert got == [
        (Decimal("10.00"), "已撤销", Decimal("0.00"), ""),
        (Decimal("-10.00"), "冲销", Decimal("10.00"), ""),
        (Decimal("10.00"), "未付", Decimal("0.00"), ""),
        (Decimal("30.00"), "未付", Decimal("0.00"), ""),
        (Decimal("0.00"), "辞退", Decimal("0.00"), "建议辞退"),
    ]
