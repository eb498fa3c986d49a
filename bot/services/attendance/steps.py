"""The absence steps that call for a message (the company-wide notice, the dismissal flag to
the leads), each once per person and month however often the check runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from sqlmodel import Session

from bot.domain.period import Month
from bot.policy import Policy
from bot.policy.rules import AbsenceStep
from bot.services import once
from bot.services.attendance.rows import attendance_rows
from bot.services.staff import StaffView

Flag = Literal["notice", "dismissal"]
FLAGS: tuple[Flag, ...] = ("notice", "dismissal")


@dataclass(frozen=True)
class AbsenceFlag:
    """A person whose month's absence reached a step that must be told."""

    who: StaffView
    month: Month
    days: Decimal  # the month's absence so far
    kind: Flag
    step: AbsenceStep  # the lowest step of the policy that carries this flag


def _first_steps(policy: Policy) -> dict[Flag, AbsenceStep]:
    """For each flag, the lowest step carrying it: reaching any higher one reaches it too."""
    found: dict[Flag, AbsenceStep] = {}
    for step in policy.absence.steps:  # ascending, the policy checks it
        for kind in FLAGS:
            if getattr(step, kind) and kind not in found:
                found[kind] = step
    return found


def new_absence_flags(session: Session, *, now: datetime, policy: Policy) -> list[AbsenceFlag]:
    """Flags reached and not told yet, recorded as told now.

    Yesterday's month is checked too: a shift is judged absent only once it is over, so the
    last day of a month is counted on the first of the next.
    """
    steps = _first_steps(policy)
    today = now.astimezone(policy.tz).date()
    out: list[AbsenceFlag] = []
    for month in sorted({Month.of(today - timedelta(days=1)), Month.of(today)}):
        for row in attendance_rows(session, month=month, now=now, policy=policy):
            days = row.summary.absence_days
            out += [AbsenceFlag(row.who, month, days, kind, step)
                    for kind, step in steps.items()
                    if days >= step.days and once.first_time(
                        session, topic=f"absence_{kind}",
                        subject=f"{row.who.id}@{month.year}-{month.month:02d}", now=now)]
    return out
