"""Loading the demo again a week later keeps the days already past as they were."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.policy import Policy
from bot.services.demo import load_demo
from db.models import AuditLog, RosterEntry

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def roster(session: Session) -> dict[tuple[int, object], str | None]:
    return {(r.staff_id, r.day): r.shift_code for r in session.exec(select(RosterEntry))}


def test_a_demo_loaded_again_a_week_later_rewrites_no_day_already_begun(
        session: Session, policy: Policy) -> None:
    load_demo(session, policy=policy, now=T0)
    session.commit()
    first = roster(session)
    later = T0 + timedelta(days=7, hours=2)  # the next Tuesday, 10:00: its day shift began
    load_demo(session, policy=policy, now=later)
    session.commit()
    again = roster(session)
    # Every day before, and that Tuesday's day shifts (begun at 08:30); its rest days and
    # late shifts may still change, since a late shift can still start that day.
    begun = {k: v for k, v in first.items()
             if k[1] < later.date() or (k[1] == later.date() and v == "D")}
    assert {k: again[k] for k in begun} == begun
    assert len(again) > len(first)  # the weeks ahead were added
    notes = [a.after or "" for a in session.exec(select(AuditLog))
             if a.action == "roster.correct"]
    assert notes and all("demo: the history of a new demo team" in n for n in notes)
