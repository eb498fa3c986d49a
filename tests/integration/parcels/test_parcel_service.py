"""The problem-parcel register against real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.policy import Policy
from bot.services.parcels.close import Transfer, close_parcel
from bot.services.parcels.handover import open_for_leaving_shift
from bot.services.parcels.records import ParcelRefused, add_note, attach_photos, log_parcel
from bot.services.parcels.views import (
    history,
    list_parcels,
    open_for_handover,
    stale_for_followup,
    transfers_to_track,
)
from bot.services.roster.entries import Cell, store_cells
from bot.services.staff import StaffView, add_or_update
from db.engine import session_scope
from db.models import AuditLog, Parcel, ParcelEvent

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=SH)  # a Tuesday morning
W1, W2, W3 = "518012345601", "518012345602", "518012345603"


def _people(engine: Engine) -> tuple[StaffView, StaffView]:
    with session_scope(engine) as s:
        a, _ = add_or_update(s, slack_id="U0A1", name="陈晓", role="agent", group=None, actor="t")
        b, _ = add_or_update(s, slack_id="U0A2", name="林悦", role="agent", group=None, actor="t")
    return a, b


def _log(engine: Engine, policy: Policy, who: StaffView, waybill: str, kind: str,
         at: datetime, note: str = "") -> None:
    with session_scope(engine) as s:
        log_parcel(s, who=who, waybill=waybill, type_word=kind, note=note, now=at, policy=policy)


def _audits(engine: Engine, action: str) -> int:
    with Session(engine) as s:
        return len(s.exec(select(AuditLog).where(AuditLog.action == action)).all())


def test_twenty_concurrent_logs_of_one_waybill_store_one_record(any_engine: Engine,
                                                                policy: Policy) -> None:
    who, _ = _people(any_engine)

    def one(i: int) -> tuple[int, bool]:
        with session_scope(any_engine) as s:
            r = log_parcel(s, who=who, waybill=W1, type_word="破损", note=f"第{i}次",
                           now=T0 + timedelta(seconds=i), policy=policy)
            return r.parcel.id, r.duplicate

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    with Session(any_engine) as s:
        rows = s.exec(select(Parcel)).all()
        logs = s.exec(select(ParcelEvent).where(ParcelEvent.kind == "log")).all()
    assert len(rows) == 1 and {pid for pid, _ in results} == {rows[0].id}
    assert sum(not dup for _, dup in results) == 1
    assert len(logs) == 1 and _audits(any_engine, "parcel.log") == 1


def test_instants_round_trip_as_aware_utc_and_the_hold_runs_72_hours(any_engine: Engine,
                                                                     policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "phone", T0)
    with Session(any_engine) as s:
        found = history(s, waybill=W1, now=T0, policy=policy)
    assert found is not None
    parcel, events, records = found
    assert parcel.logged_at == T0 and parcel.logged_at.utcoffset() == timedelta(hours=8)
    assert parcel.due_at == T0 + timedelta(hours=72) and not parcel.due
    assert [e.kind for e in events] == ["log"] and records == 1


def test_a_reply_note_restarts_the_hold_and_takes_the_parcel_off_the_due_list(
        any_engine: Engine, policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "address", T0)
    later = T0 + timedelta(hours=73)
    with Session(any_engine) as s:
        assert list_parcels(s, view="due", me=who.slack_id, now=later, policy=policy).total == 1
    with session_scope(any_engine) as s:
        r = add_note(s, who=who, waybill=W1, text="寄件网点：暂放续送", reply=True,
                     now=later, policy=policy)
    assert r.restarted and r.text == "寄件网点：暂放续送(1127)"
    assert r.parcel.due_at == later + timedelta(hours=72)
    with Session(any_engine) as s:
        assert list_parcels(s, view="due", me=who.slack_id, now=later, policy=policy).total == 0
    assert _audits(any_engine, "parcel.reply") == 1


def test_returning_before_the_hold_is_kept_flagged_and_audited(any_engine: Engine,
                                                               policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "damaged", T0)
    with session_scope(any_engine) as s:
        r = close_parcel(s, who=who, waybill=W1, state="returned", note="",
                         now=T0 + timedelta(hours=10), policy=policy)
    assert r.early and r.parcel.early_return and r.parcel.status == "returned"
    with Session(any_engine) as s:
        audit = s.exec(select(AuditLog).where(AuditLog.action == "parcel.close")).one()
    assert audit.after is not None and '"early_return": true' in audit.after


def test_closing_frees_the_waybill_for_a_new_record(any_engine: Engine, policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "phone", T0)
    with session_scope(any_engine) as s:
        close_parcel(s, who=who, waybill=W1, state="delivered", note="", now=T0, policy=policy)
    _log(any_engine, policy, who, W1, "address", T0 + timedelta(days=1))
    with Session(any_engine) as s:
        found = history(s, waybill=W1, now=T0 + timedelta(days=1), policy=policy)
    assert found is not None and found[0].kind.code == "address" and found[2] == 2


def test_a_refused_transfer_changes_nothing(any_engine: Engine, policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "超区", T0)
    with pytest.raises(ParcelRefused) as err, session_scope(any_engine) as s:
        close_parcel(s, who=who, waybill=W1, state="transferred", note="", now=T0,
                     policy=policy, transfer=Transfer("postal", kg=Decimal(25)))
    assert err.value.problem == "postal_limits"
    with Session(any_engine) as s:
        row = s.exec(select(Parcel)).one()
    assert (row.status, row.transfer_channel, row.open_key) == ("open", None, W1)


def test_stale_follow_up_lists_open_parcels_not_updated_today(any_engine: Engine,
                                                              policy: Policy) -> None:
    a, b = _people(any_engine)
    _log(any_engine, policy, a, W1, "phone", T0 - timedelta(days=1))
    _log(any_engine, policy, b, W2, "address", T0 - timedelta(days=1))
    _log(any_engine, policy, a, W3, "damaged", T0)
    with session_scope(any_engine) as s:
        add_note(s, who=b, waybill=W2, text="已联系", reply=False, now=T0, policy=policy)
    with Session(any_engine) as s:
        stale = stale_for_followup(s, now=T0 + timedelta(hours=1), policy=policy)
        tomorrow = stale_for_followup(s, now=T0 + timedelta(days=1), policy=policy)
    assert [p.waybill for p in stale] == [W1]
    assert [p.waybill for p in tomorrow] == [W1, W2, W3]


def test_handover_shows_the_open_parcels_of_the_leaving_people(any_engine: Engine,
                                                               policy: Policy) -> None:
    a, b = _people(any_engine)
    for n, (who, waybill) in enumerate(((a, W1), (b, W2), (a, W3))):
        _log(any_engine, policy, who, waybill, "phone", T0 + timedelta(minutes=n))
    with session_scope(any_engine) as s:
        close_parcel(s, who=a, waybill=W3, state="delivered", note="", now=T0, policy=policy)
    with Session(any_engine) as s:
        leaving = open_for_handover(s, owners=["U0A1"], now=T0, policy=policy)
        nobody = open_for_handover(s, owners=[], now=T0, policy=policy)
    assert [p.waybill for p in leaving] == [W1] and nobody == []


def test_transfers_are_tracked_for_three_days_after_they_leave(any_engine: Engine,
                                                               policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "超区", T0)
    with session_scope(any_engine) as s:
        close_parcel(s, who=who, waybill=W1, state="transferred", note="", now=T0,
                     policy=policy, transfer=Transfer("申通"))
    with Session(any_engine) as s:
        day3 = transfers_to_track(s, now=T0 + timedelta(days=3, hours=14), policy=policy)
        day4 = transfers_to_track(s, now=T0 + timedelta(days=4), policy=policy)
    assert [p.waybill for p in day3] == [W1] and day3[0].tracked_until is not None
    assert day4 == []


def test_photos_are_filed_under_the_open_record(any_engine: Engine, policy: Policy) -> None:
    who, _ = _people(any_engine)
    _log(any_engine, policy, who, W1, "破损", T0)
    with session_scope(any_engine) as s:
        p = attach_photos(s, actor="U0A1", waybill=W1, now=T0, policy=policy,
                          files=[("F01", "https://slack/F01"), ("F02", None)])
    assert p.photos == 2 and not p.photo_missing
    with Session(any_engine) as s:
        rows = s.exec(select(ParcelEvent).where(ParcelEvent.kind == "photo")
                      .order_by(col(ParcelEvent.id))).all()
    assert [(r.file_id, r.file_url) for r in rows] == [("F01", "https://slack/F01"), ("F02", None)]
    assert _audits(any_engine, "parcel.photo") == 1


def test_the_handover_of_a_leaving_shift_lists_its_peoples_open_parcels(
        any_engine: Engine, policy: Policy) -> None:
    a, b = _people(any_engine)
    with session_scope(any_engine) as s:
        store_cells(s, [Cell(a.id, T0.date(), "D"), Cell(b.id, T0.date(), "E")], actor="t",
                    source="t")
    _log(any_engine, policy, a, W1, "phone", T0)
    _log(any_engine, policy, b, W2, "phone", T0)
    with Session(any_engine) as s:
        day = open_for_leaving_shift(s, day=T0.date(), shift_code="D", now=T0, policy=policy)
        late = open_for_leaving_shift(s, day=T0.date(), shift_code="E", now=T0, policy=policy)
    assert [p.waybill for p in day] == [W1] and [p.waybill for p in late] == [W2]
