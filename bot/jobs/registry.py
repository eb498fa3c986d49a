"""Every scheduled job by name: its schedule in the policy, and the function that runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.context import Context
from bot.jobs import daily as daily_report
from bot.jobs import meeting, morning
from bot.jobs import monday as monday_attendance
from bot.jobs import monthly as monthly_sheet
from bot.policy import Policy
from bot.policy.jobs import JobConfig


@dataclass(frozen=True)
class Job:
    """A routine: where its schedule lives in the policy, what it does, in a line."""

    name: str
    config: Callable[[Policy], JobConfig]
    run: Callable[[Context, datetime], None]
    about: str
    since: datetime | None = None  # instants before this are not its (a reminder's creation)


JOBS: dict[str, Job] = {j.name: j for j in (
    Job("morning_summary", lambda p: p.jobs.morning_summary, morning.run,
        "morning-meeting summary to the team channel"),
    Job("weekly_meeting", lambda p: p.jobs.weekly_meeting, meeting.run,
        "weekly meeting reminder to the team channel"),
    Job("monday_attendance", lambda p: p.jobs.monday_attendance, monday_attendance.run,
        "last week's attendance, fines and lateness chart to the team channel"),
    Job("daily_report", lambda p: p.jobs.daily_report, daily_report.run,
        "the day's report to the approvals channel (leads)"),
    Job("monthly_sheet", monthly_sheet.config, monthly_sheet.run,
        "the month's reward/penalty sheets to each lead, the day before payday"),
)}
