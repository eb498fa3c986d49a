"""The record of each job's scheduled instants: claimed in the transaction of what the run
sends, so one instant runs once whatever restarts, extra schedulers or manual runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from db.models import JobRun


@dataclass(frozen=True)
class LastRun:
    """The newest recorded instant of a job, and what became of it."""

    instant: datetime
    state: str
    note: str | None


def claim(session: Session, *, job: str, instant: datetime, state: str, now: datetime,
          note: str | None = None) -> bool:
    """Record JOB's INSTANT as STATE; False when it was recorded before (by anyone)."""
    try:
        with session.begin_nested():
            session.add(JobRun(job=job, instant=instant, state=state, recorded_at=now,
                               note=note))
            session.flush()
    except IntegrityError:
        return False
    return True


def recorded(session: Session, *, job: str, since: datetime) -> set[datetime]:
    """The instants of JOB recorded after SINCE."""
    rows = session.exec(select(JobRun.instant).where(
        JobRun.job == job, col(JobRun.instant) > since)).all()
    return set(rows)


def last_runs(session: Session) -> dict[str, LastRun]:
    """Each job's newest recorded instant."""
    newest = select(JobRun.job, func.max(JobRun.instant).label("at")).group_by(
        col(JobRun.job)).subquery()
    rows = session.exec(select(JobRun).join(newest, (col(JobRun.job) == newest.c.job) & (
        col(JobRun.instant) == newest.c.at))).all()
    return {r.job: LastRun(r.instant, r.state, r.note) for r in rows}
