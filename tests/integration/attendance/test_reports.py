"""Attendance and penalty reports against real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain.attendance import MissedPunch
from bot.domain.period import Month
from bot.policy import Policy
from bot.services.attendance.clocking import clock
from bot.services.attendance.report import penalties_table
from bot.services.attendance.rows import attendance_rows, recent_missed_punches
from bot.services.roster.entries import Cell, store_cells
from bot.services.staff import StaffView, add_or_update, set_base_wage
from db.models import LedgerEntry, LedgerPayment, Request, Staff

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOV = Month(2026, 11)
DEC_2 = datetime(2026, 12, 2, 12, 0, tzinfo=SHANGHAI)
WEEKDAYS = [d for d in (date(2026, 11, n) for n in range(1, 31)) if d.weekday() < 5]


@pytest.fixture
def db(any_engine: Engine) -> Iterator[Session]:
    """A session on a freshly migrated database of each kind."""
    with Session(any_engine, expire_on_commit=False) as s:
        yield s


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def person(s: Session, slack_id: str, name: str) -> StaffView:
    who, _ = add_or_update(s, slack_id=slack_id, name=name, role="agent", group=None,
                           actor="test")
    return who


def work(s: Session, policy: Policy, who: StaffView, *, late: dict[int, int] | None = None,
         skip_out: frozenset[int] = frozenset(), absent: frozenset[int] = frozenset()) -> None:
    """Roster WHO on every weekday of November and clock in and out (LATE: day -> minutes)."""
    store_cells(s, [Cell(who.id, d, "D") for d in WEEKDAYS], actor="test", source="test")
    for d in WEEKDAYS:
        if d.day in absent:
            continue
        minutes = (late or {}).get(d.day)
        arrive = at(d, 8, 25) if minutes is None else at(d, 8, 30) + timedelta(minutes=minutes)
        clock(s, who=who, kind="in", now=arrive, policy=policy)
        if d.day not in skip_out:
            clock(s, who=who, kind="out", now=at(d, 17, 35), policy=policy)


def fine(s: Session, who: StaffView, day: date, fen: int, *, red: bool = True,
         rule: str = "late", reverses: int | None = None) -> LedgerEntry:
    e = LedgerEntry(staff_id=who.id, kind="reversal" if reverses else "fine", rule=rule,
                    amount_fen=fen, red_packet=red, day=day, reverses_id=reverses,
                    due_at=at(day + timedelta(days=1), 17, 30) if red else None, actor="test")
    s.add(e)
    s.flush()
    return e


def rows_by_name(s: Session, policy: Policy, now: datetime = DEC_2) -> dict[str, object]:
    return {r.who.name: r for r in attendance_rows(s, month=NOV, now=now, policy=policy)}


def test_late_over_30_minutes_is_half_a_day_and_deducts_three_days_of_wage(
        db: Session, policy: Policy) -> None:
    who = person(db, "U0A1", "陈晓")
    set_base_wage(db, ref="陈晓", fen=450000, actor="test")
    work(db, policy, who, late={3: 40, 4: 12})
    [row] = attendance_rows(db, month=NOV, now=DEC_2, policy=policy)
    s = row.summary
    assert (s.scheduled_days, s.attended_days, s.late_count, s.late_minutes) == (21, 21, 2, 52)
    assert s.absence_days == Decimal("0.5") and not s.full_attendance
    assert s.deduction is not None and (s.deduction.days, s.deduction.fen) == (3, 45000)


def test_clean_month_earns_the_bonus_and_a_missed_clock_out_does_not(
        db: Session, policy: Policy) -> None:
    work(db, policy, person(db, "U0A1", "陈晓"))
    work(db, policy, person(db, "U0A2", "林悦"), skip_out=frozenset({10}))
    rows = {r.who.name: r.summary for r in attendance_rows(db, month=NOV, now=DEC_2,
                                                           policy=policy)}
    assert (rows["陈晓"].full_attendance, rows["陈晓"].bonus_fen) == (True, 20000)
    assert (rows["林悦"].missed_punches, rows["林悦"].bonus_fen) == (1, 0)


def test_a_rostered_day_without_punches_is_a_full_day_of_absence(
        db: Session, policy: Policy) -> None:
    work(db, policy, person(db, "U0A1", "陈晓"), absent=frozenset({5, 6}))
    [row] = attendance_rows(db, month=NOV, now=DEC_2, policy=policy)
    assert (row.summary.absence_days, row.summary.notice, row.summary.attended_days) == (
        2, True, 19)
    assert row.summary.deduction is not None and row.summary.deduction.fen is None


def test_only_approved_make_ups_of_the_month_are_counted(db: Session, policy: Policy) -> None:
    who = person(db, "U0A1", "陈晓")
    for state, day in [("approved", 3), ("approved", 28), ("pending", 4), ("rejected", 5)]:
        db.add(Request(kind="makeup", state=state, requester_id=who.id, payload="{}",
                       day=date(2026, 11, day)))
    db.add(Request(kind="makeup", state="approved", requester_id=who.id, payload="{}",
                   day=date(2026, 12, 1)))
    db.add(Request(kind="leave", state="approved", requester_id=who.id, payload="{}",
                   day=date(2026, 11, 6)))
    db.flush()
    [row] = attendance_rows(db, month=NOV, now=DEC_2, policy=policy)
    assert row.makeups == 2


def test_fines_net_reversals_and_unpaid_red_packets_double_once_overdue(
        db: Session, policy: Policy) -> None:
    who = person(db, "U0A1", "陈晓")
    fine(db, who, date(2026, 11, 3), 1000)  # unpaid, overdue on Dec 2: owed 20
    paid = fine(db, who, date(2026, 11, 4), 2000)
    db.add(LedgerPayment(entry_id=paid.id, amount_fen=2000, paid_at=DEC_2, actor="U0A1"))
    waived = fine(db, who, date(2026, 11, 5), 5000)
    fine(db, who, date(2026, 11, 5), -5000, reverses=waived.id)
    fine(db, who, date(2026, 11, 6), 1000, red=False, rule="games")  # not a red packet
    fine(db, who, date(2026, 10, 30), 9900)  # another month
    db.flush()
    [row] = attendance_rows(db, month=NOV, now=DEC_2, policy=policy)
    assert (row.fines_fen, row.unpaid_red_packets_fen) == (4000, 2000)
    [early] = attendance_rows(db, month=NOV, now=at(date(2026, 11, 4), 9, 0), policy=policy)
    assert early.unpaid_red_packets_fen == 1000


def test_a_reversal_made_in_a_later_month_still_clears_the_red_packet(
        db: Session, policy: Policy) -> None:
    who = person(db, "U0A1", "陈晓")
    waived = fine(db, who, date(2026, 11, 30), 1000)
    fine(db, who, date(2026, 12, 1), -1000, reverses=waived.id)
    db.flush()
    [row] = attendance_rows(db, month=NOV, now=DEC_2, policy=policy)
    assert (row.fines_fen, row.unpaid_red_packets_fen) == (1000, 0)


def test_inactive_people_appear_only_when_rostered_or_fined_that_month(
        db: Session, policy: Policy) -> None:
    gone, fined, left = (person(db, f"U0B{i}", n) for i, n in enumerate(["王芳", "李娜", "张伟"]))
    store_cells(db, [Cell(gone.id, date(2026, 11, 2), "D")], actor="test", source="test")
    fine(db, fined, date(2026, 11, 2), 1000)
    for who in (gone, fined, left):
        row = db.get(Staff, who.id)
        assert row is not None
        row.active = False
    db.flush()
    assert sorted(rows_by_name(db, policy)) == sorted(["王芳", "李娜"])


def test_report_queries_do_not_grow_with_the_team(db: Session, policy: Policy) -> None:
    def statements(n: int) -> int:
        for i in range(n):
            who = person(db, f"U0N{n}X{i}", f"员工{n}-{i}")
            store_cells(db, [Cell(who.id, d, "D") for d in WEEKDAYS[:3]], actor="t", source="t")
            fine(db, who, date(2026, 11, 2), 1000)
        db.flush()
        seen: list[str] = []
        listen = lambda *args: seen.append(args[2])  # noqa: E731
        sa.event.listen(db.get_bind(), "before_cursor_execute", listen)
        try:
            attendance_rows(db, month=NOV, now=DEC_2, policy=policy)
        finally:
            sa.event.remove(db.get_bind(), "before_cursor_execute", listen)
        return len(seen)

    assert statements(2) == statements(10)


def test_penalties_rows_show_each_entry_with_its_state_and_what_is_owed_now(
        db: Session, policy: Policy) -> None:
    who = person(db, "U0A1", "陈晓")
    overdue = fine(db, who, date(2026, 11, 3), 1000)
    paid = fine(db, who, date(2026, 11, 4), 2000)
    db.add(LedgerPayment(entry_id=paid.id, amount_fen=2000, paid_at=DEC_2, actor="U0A1"))
    waived = fine(db, who, date(2026, 11, 5), 5000)
    fine(db, who, date(2026, 11, 5), -5000, reverses=waived.id)
    fine(db, who, date(2026, 11, 30), 1000)  # due Dec 1 17:30, overdue by Dec 2 noon
    db.flush()
    table = penalties_table(db, month=NOV, now=at(date(2026, 12, 1), 12, 0), policy=policy,
                            lang="zh")
    got = [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in table.rows]
    assert got == [
        ("2026-11-03", "陈晓", "迟到", Decimal("10.00"), Decimal("20.00"), "逾期"),
        ("2026-11-04", "陈晓", "迟到", Decimal("20.00"), Decimal("0.00"), "已付"),
        ("2026-11-05", "陈晓", "迟到", Decimal("50.00"), Decimal("0.00"), "已撤销"),
        ("2026-11-05", "陈晓", "迟到", Decimal("-50.00"), Decimal("0.00"), "冲销"),
        ("2026-11-30", "陈晓", "迟到", Decimal("10.00"), Decimal("10.00"), "未付"),
    ]
    assert table.rows[0][6] == overdue.id and table.rows[3][7] == waived.id


def test_recent_missed_punches_lists_a_missing_clock_out(db: Session, policy: Policy) -> None:
    who = person(db, "U0A1", "陈晓")
    work(db, policy, who, skip_out=frozenset({26}))
    found = recent_missed_punches(db, staff_id=who.id, now=at(date(2026, 11, 27), 9, 0),
                                  policy=policy, days=7)
    assert found == [MissedPunch(date(2026, 11, 26), "D", "out")]
