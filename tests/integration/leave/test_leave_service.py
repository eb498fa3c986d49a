"""Leave against a real database: filing, every refusal, quotas, approval and attendance."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.domain.period import Month
from bot.policy import Policy
from bot.services.attendance.clocking import clock
from bot.services.attendance.rows import attendance_rows
from bot.services.errors import Refused
from bot.services.leave.filing import LeaveApplied, LeaveFiled, request_leave, standing
from bot.services.requests import approvals
from bot.services.requests import kinds as decisions
from bot.services.roster.entries import Cell, store_cells
from bot.services.staff import StaffView, add_or_update
from db.models import AuditLog, LeaveDay, Request, RosterEntry

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=SHANGHAI)


def nov(n: int) -> date:
    return date(2026, 11, n)


def person(s: Session, slack_id: str, name: str, role: str = "agent") -> StaffView:
    who, _ = add_or_update(s, slack_id=slack_id, name=name, role=role, group=None,
                           actor="test")
    return who


def roster(s: Session, who: StaffView, days: list[date], code: str | None = "D") -> None:
    store_cells(s, [Cell(who.id, d, code) for d in days], actor="test", source="test")


def ask(s: Session, policy: Policy, who: StaffView, kind: str, first: date,
        last: date | None = None, now: datetime = NOW) -> LeaveFiled:
    return request_leave(s, who=who, kind=kind, first=first, last=last or first,  # type: ignore[arg-type]
                         reason="because", now=now, policy=policy)


def approve(s: Session, policy: Policy, request_id: int, lead: StaffView,
            now: datetime = NOW) -> approvals.Outcome:
    return decisions.decide(s, request_id=request_id, approve=True, actor=lead, now=now,
                            policy=policy)


def refusal(s: Session, policy: Policy, who: StaffView, kind: str, first: date,
            last: date | None = None, now: datetime = NOW) -> Refused:
    with pytest.raises(Refused) as caught:
        ask(s, policy, who, kind, first, last, now)
    return caught.value


@pytest.fixture
def ann(session: Session) -> StaffView:
    return person(session, "U0A1", "Ann")


@pytest.fixture
def lead(session: Session) -> StaffView:
    return person(session, "U0L1", "Lee", role="lead")


def test_a_request_lists_its_days_with_the_rostered_shift_and_the_quota(
        session: Session, policy: Policy, ann: StaffView) -> None:
    roster(session, ann, [nov(26), nov(27)])
    filed = ask(session, policy, ann, "rest", nov(26), nov(27))
    p = filed.request.payload
    assert (filed.created, filed.request.kind, filed.request.day) == (True, "leave", nov(26))
    assert p["days"] == ["2026-11-26", "2026-11-27"]
    assert p["shifts"] == {"2026-11-26": "D", "2026-11-27": "D"}
    assert p["figures"] == [{"what": "rest", "period": "2026-11", "used": 2, "limit": 2,
                             "blocked": False, "pending": 0}]


def test_roster_rest_days_are_skipped_and_unrostered_days_counted(
        session: Session, policy: Policy, ann: StaffView) -> None:
    roster(session, ann, [nov(25), nov(26)])
    roster(session, ann, [nov(27)], None)
    filed = ask(session, policy, ann, "personal", nov(25), nov(28))
    assert filed.days == (nov(25), nov(26), nov(28))
    assert filed.skipped == (nov(27),)
    assert filed.request.payload["shifts"]["2026-11-28"] is None


def test_a_range_that_is_all_rest_days_is_refused(
        session: Session, policy: Policy, ann: StaffView) -> None:
    roster(session, ann, [nov(28), nov(29)], None)
    assert refusal(session, policy, ann, "rest", nov(28), nov(29)).reason == "leave_all_rest"


@pytest.mark.parametrize(("kind", "first", "last", "reason"), [
    ("personal", nov(24), None, "leave_personal_notice"),
    ("rest", nov(25), None, "leave_rest_notice"),
    ("sick", nov(16), None, "leave_sick_too_old"),
    ("sick", nov(26), date(2026, 12, 27), "leave_too_long"),
    ("personal", nov(27), nov(26), "leave_backwards"),
])
def test_date_rules_refuse_and_file_nothing(session: Session, policy: Policy, ann: StaffView,
                                            kind: str, first: date, last: date | None,
                                            reason: str) -> None:
    assert refusal(session, policy, ann, kind, first, last).reason == reason
    assert session.exec(select(Request)).all() == []


def test_sick_leave_may_be_filed_for_last_week(
        session: Session, policy: Policy, ann: StaffView) -> None:
    assert ask(session, policy, ann, "sick", nov(17), nov(18)).created


def test_asking_twice_files_one_request(session: Session, policy: Policy,
                                        ann: StaffView) -> None:
    first = ask(session, policy, ann, "rest", nov(26), nov(27))
    again = ask(session, policy, ann, "rest", nov(26), nov(27))
    assert (again.created, again.request.id) == (False, first.request.id)
    assert len(session.exec(select(Request)).all()) == 1


def test_a_day_of_a_pending_or_approved_request_cannot_be_asked_again(
        session: Session, policy: Policy, ann: StaffView, lead: StaffView) -> None:
    filed = ask(session, policy, ann, "rest", nov(26), nov(27))
    clash = refusal(session, policy, ann, "personal", nov(25), nov(26))
    assert (clash.reason, clash.params["days"]) == ("leave_overlap", [nov(26)])
    approve(session, policy, filed.request.id, lead)
    assert refusal(session, policy, ann, "sick", nov(27)).reason == "leave_overlap"
    assert refusal(session, policy, ann, "rest", nov(26), nov(27)).reason == "leave_overlap"


def test_a_cancelled_request_frees_its_days(session: Session, policy: Policy,
                                            ann: StaffView) -> None:
    filed = ask(session, policy, ann, "rest", nov(26))
    approvals.cancel(session, request_id=filed.request.id, who=ann, now=NOW, policy=policy)
    assert ask(session, policy, ann, "rest", nov(26)).created


def test_rest_quota_counts_approved_and_pending_days_of_each_month(
        session: Session, policy: Policy, ann: StaffView, lead: StaffView) -> None:
    approve(session, policy, ask(session, policy, ann, "rest", nov(26)).request.id, lead)
    ask(session, policy, ann, "rest", nov(28))
    third = refusal(session, policy, ann, "rest", nov(30))
    assert (third.reason, third.params["used"], third.params["month"]) == (
        "leave_rest_quota", 2, "2026-11")
    assert ask(session, policy, ann, "rest", date(2026, 12, 1), date(2026, 12, 2)).created
    assert refusal(session, policy, ann, "rest", date(2026, 12, 3)).reason == "leave_rest_quota"


def test_four_approved_leave_days_in_november_block_rest_days_in_december(
        session: Session, policy: Policy, ann: StaffView, lead: StaffView) -> None:
    approve(session, policy, ask(session, policy, ann, "sick", nov(20), nov(21)).request.id,
            lead)
    approve(session, policy, ask(session, policy, ann, "personal", nov(25), nov(26)).request.id,
            lead)
    blocked = refusal(session, policy, ann, "rest", date(2026, 12, 5))
    assert blocked.params == {"month": "2026-12", "leave": 4, "most": 3}
    assert ask(session, policy, ann, "rest", nov(28)).created  # November itself is not blocked
    rest = standing(session, who=ann, now=datetime(2026, 12, 1, 9, tzinfo=SHANGHAI),
                    policy=policy).figures[0]
    assert (rest.period, rest.blocked) == ("2026-12", True)


def test_personal_leave_over_30_days_a_year_is_refused_and_the_new_year_starts_fresh(
        session: Session, policy: Policy, ann: StaffView) -> None:
    ask(session, policy, ann, "personal", nov(25), date(2026, 12, 24))  # 30 days
    over = refusal(session, policy, ann, "personal", date(2026, 12, 28))
    assert over.params == {"year": 2026, "used": 30, "asked": 1, "most": 30}
    assert ask(session, policy, ann, "personal", date(2027, 1, 4)).created


def test_approval_writes_leave_days_rests_the_roster_and_audits(
        session: Session, policy: Policy, ann: StaffView, lead: StaffView) -> None:
    roster(session, ann, [nov(25), nov(26)])
    filed = ask(session, policy, ann, "personal", nov(25), nov(27))
    outcome = approve(session, policy, filed.request.id, lead)
    effect = outcome.effect
    assert dataclasses.replace(effect, gaps=()) == LeaveApplied(
        ann.id, "personal", (nov(25), nov(26), nov(27)), {nov(25): "D", nov(26): "D"})
    # Nobody else is rostered: the day shifts she left are now empty; the late shifts were
    # empty before the leave, so they are not its doing and are not flagged.
    assert {(g.day, g.shift, g.have) for g in effect.gaps} == {
        (d, "D", 0) for d in (nov(25), nov(26))}
    days = session.exec(select(LeaveDay)).all()
    assert [(d.day, d.kind, d.request_id) for d in days] == [
        (nov(n), "personal", filed.request.id) for n in (25, 26, 27)]
    cells = {(r.day, r.shift_code, r.source) for r in session.exec(select(RosterEntry))}
    assert cells == {(nov(25), None, "leave"), (nov(26), None, "leave")}  # 27: no entry made
    actions = [a.action for a in session.exec(select(AuditLog).where(
        AuditLog.actor == "U0L1"))]
    assert actions == ["request.approved", "roster.set", "roster.set", "leave.apply"]


def test_a_second_approval_applies_nothing(session: Session, policy: Policy, ann: StaffView,
                                           lead: StaffView) -> None:
    filed = ask(session, policy, ann, "sick", nov(25))
    approve(session, policy, filed.request.id, lead)
    again = approve(session, policy, filed.request.id, person(session, "U0L2", "Sun", "lead"))
    assert (again.changed, again.effect) == (False, None)
    assert len(session.exec(select(LeaveDay)).all()) == 1


def test_a_clash_at_approval_is_refused_and_rolls_back(
        session: Session, policy: Policy, ann: StaffView,
        lead: StaffView) -> None:
    roster(session, ann, [nov(25)])
    filed = ask(session, policy, ann, "sick", nov(25))
    session.add(LeaveDay(staff_id=ann.id, day=nov(25), kind="rest"))  # got there first
    session.commit()
    with pytest.raises(Refused) as caught:
        approve(session, policy, filed.request.id, lead)
    session.rollback()
    assert caught.value.reason == "leave_clash"
    assert session.get(Request, filed.request.id).state == "pending"  # type: ignore[union-attr]
    assert session.exec(select(RosterEntry)).one().shift_code == "D"


def test_leave_counts_in_attendance_and_rest_days_do_not(
        session: Session, policy: Policy, ann: StaffView, lead: StaffView) -> None:
    bob = person(session, "U0A2", "Bob")
    days = [nov(n) for n in (23, 24, 25, 26, 27)]
    for who in (ann, bob):
        roster(session, who, days)
    early = datetime(2026, 11, 20, 9, tzinfo=SHANGHAI)
    approve(session, policy, ask(session, policy, ann, "personal", nov(25), now=early)
            .request.id, lead, early)
    approve(session, policy, ask(session, policy, bob, "rest", nov(25), now=early)
            .request.id, lead, early)
    for who in (ann, bob):
        for d in days:
            if d != nov(25):
                clock(session, who=who, kind="in", now=datetime(
                    d.year, d.month, d.day, 8, 20, tzinfo=SHANGHAI), policy=policy)
                clock(session, who=who, kind="out", now=datetime(
                    d.year, d.month, d.day, 17, 40, tzinfo=SHANGHAI), policy=policy)
    end = datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
    rows = {r.who.name: r.summary for r in attendance_rows(session, month=Month(2026, 11),
                                                          now=end, policy=policy)}
    ann_s, bob_s = rows["Ann"], rows["Bob"]
    assert (ann_s.scheduled_days, ann_s.attended_days, ann_s.leave_days) == (5, 4, 1)
    assert (ann_s.absence_half_days, ann_s.full_attendance) == (0, False)
    assert (bob_s.scheduled_days, bob_s.leave_days, bob_s.full_attendance) == (4, 0, True)


def test_standing_lists_open_requests_and_days_used(
        session: Session, policy: Policy, ann: StaffView, lead: StaffView) -> None:
    approve(session, policy, ask(session, policy, ann, "personal", nov(25)).request.id, lead)
    pending = ask(session, policy, ann, "rest", nov(27), nov(28))
    mine = standing(session, who=ann, now=NOW, policy=policy)
    rest, personal, sick = mine.figures
    assert (rest.used, rest.pending, rest.left) == (2, 2, 0)
    assert (personal.used, personal.left, sick.used) == (1, 29, 0)
    assert [r.id for r in mine.open] == [pending.request.id]
