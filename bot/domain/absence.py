"""A person's month: totals of the judged shifts, the absence step, wage deduction, bonus.

Choices where the rules are silent:
- 应出勤 (scheduled) counts every rostered shift of the month, leave days included, also
  those still to come; every other total counts only what has happened by NOW.
- 实际出勤 (attended) counts shifts with at least one punch, leave days aside.
- Late and early counts include punches in the absence tier; their half days are also in
  the absence total (the minutes are real, the absence is the consequence).
- A day's wage is base wage / days in that month; a deduction of N days is
  floor(base × N / days) in fen, rounded down so nobody pays a fraction of a fen too much.
  The whole-month step deducts the whole base wage.
- Full attendance needs at least one rostered shift and no lateness, early leave, leave,
  absence or missed punch still missing (a made-up punch is no longer missing). For a month
  still running it is "so far".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.domain.attendance import ShiftOutcome
from bot.domain.period import Month


@dataclass(frozen=True)
class AbsenceRule:
    """What a month's total absence of at least `days` leads to."""

    days: Decimal
    deduct_wage_days: int | None = None
    whole_month: bool = False
    notice: bool = False
    dismissal: bool = False


@dataclass(frozen=True)
class WageDeduction:
    """Wage deducted for absence: N days or the whole month, in fen when the wage is known."""

    days: int | None
    whole_month: bool
    fen: int | None


@dataclass(frozen=True)
class MonthSummary:
    """One person's month as the attendance report shows it."""

    month: Month
    so_far: bool
    scheduled_days: int
    attended_days: int
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    missed_punches: int
    leave_days: int
    absence_half_days: int
    step: AbsenceRule | None
    deduction: WageDeduction | None
    full_attendance: bool
    bonus_fen: int

    @property
    def absence_days(self) -> Decimal:
        """Return the absence total in days (halves shown as .5)."""
        return Decimal(self.absence_half_days) / 2

    @property
    def notice(self) -> bool:
        """Tell whether the absence step calls for a company-wide notice."""
        return self.step is not None and self.step.notice

    @property
    def dismissal(self) -> bool:
        """Tell whether the absence step flags the person for dismissal."""
        return self.step is not None and self.step.dismissal


def absence_step(days: Decimal, steps: Sequence[AbsenceRule]) -> AbsenceRule | None:
    """Return the highest step whose threshold the month's absence reaches, or None."""
    reached = [s for s in steps if s.days <= days]
    return max(reached, key=lambda s: s.days) if reached else None


def wage_deduction(step: AbsenceRule | None, month: Month,
                   base_wage_fen: int | None) -> WageDeduction | None:
    """Return what STEP deducts in MONTH; fen only when the base wage is known."""
    if step is None or (step.deduct_wage_days is None and not step.whole_month):
        return None
    if step.whole_month:
        return WageDeduction(None, True, base_wage_fen)
    days = step.deduct_wage_days
    assert days is not None
    fen = None if base_wage_fen is None else base_wage_fen * days // month.days
    return WageDeduction(days, False, fen)


def summarize_month(month: Month, outcomes: Sequence[ShiftOutcome], *, now: datetime,
                    tz: ZoneInfo, steps: Sequence[AbsenceRule], bonus_fen: int,
                    base_wage_fen: int | None = None) -> MonthSummary:
    """Total one person's judged shifts of MONTH and apply the monthly rules."""
    first, last = month.first, month.last
    mine = [o for o in outcomes if first <= o.day <= last]
    judged = [o for o in mine if o.state in ("running", "over")]
    late = [o.minutes_late for o in judged if o.minutes_late > 0]
    early = [o.minutes_early for o in judged if o.minutes_early > 0]
    missed = sum(len(o.missed) for o in judged)
    leave = sum(1 for o in mine if o.state == "leave" and o.day <= now.astimezone(tz).date())
    halves = sum(o.absence_half_days for o in judged)
    step = absence_step(Decimal(halves) / 2, steps)
    clean = bool(mine) and not (late or early or missed or leave or halves)
    so_far = any(o.state in ("upcoming", "running") for o in mine) or \
        now.astimezone(tz).date() <= month.last
    return MonthSummary(
        month=month, so_far=so_far, scheduled_days=len(mine),
        attended_days=sum(1 for o in judged if o.worked),
        late_count=len(late), late_minutes=sum(late),
        early_count=len(early), early_minutes=sum(early),
        missed_punches=missed, leave_days=leave, absence_half_days=halves, step=step,
        deduction=wage_deduction(step, month, base_wage_fen),
        full_attendance=clean, bonus_fen=bonus_fen if clean else 0)
