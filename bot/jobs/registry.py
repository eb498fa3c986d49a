"""Every scheduled job by name: its schedule in the policy, and the function that runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.context import Context
from bot.jobs import absence, calls, meeting, morning, parcels
from bot.jobs import daily as daily_report
from bot.jobs import monday as monday_attendance
from bot.jobs import monthly as monthly_sheet
from bot.jobs.at_shifts import shift_schedule
from bot.jobs.handover import report_unread, send_handover
from bot.jobs.lapse import run as lapse_requests
from bot.jobs.missed_punch import run as remind_missed_punches
from bot.jobs.shift_start import no_clock_in, remind
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
    Job("shift_reminder", lambda p: shift_schedule(p.jobs.shift_reminder, p.shift_defs()),
        remind, "DM to each person before their shift: come early for handover"),
    Job("shift_no_clock_in",
        lambda p: shift_schedule(p.jobs.shift_no_clock_in, p.shift_defs()),
        no_clock_in, "who on a started shift has not clocked in, to the leads"),
    Job("request_lapse", lambda p: shift_schedule(p.jobs.request_lapse, p.shift_defs()),
        lapse_requests, "open swaps and leave lapse as their shift starts; cards redrawn"),
    Job("missed_punch", lambda p: p.jobs.missed_punch, remind_missed_punches,
        "DM each person with a missed punch yesterday: the /clock fix to send"),
    Job("missed_calls", lambda p: p.jobs.missed_calls, calls.run,
        "missed-call round with a 'called back' button to the team channel"),
    Job("parcel_followup", lambda p: p.jobs.parcel_followup, parcels.followup,
        "each owner's parcels to follow up (DM), the counts to the team channel"),
    Job("parcel_hold", lambda p: p.jobs.parcel_hold, parcels.hold,
        "parcels whose hold ran out, announced once to the team channel"),
    Job("absence_steps", lambda p: p.jobs.absence_steps, absence.run,
        "absence steps: the notice, the dismissal flag to the leads; once a month each"),
    Job("monday_attendance", lambda p: p.jobs.monday_attendance, monday_attendance.run,
        "last week's attendance, fines and lateness chart to the team channel"),
    Job("daily_report", lambda p: p.jobs.daily_report, daily_report.run,
        "the day's report to the approvals channel (leads)"),
    Job("monthly_sheet", monthly_sheet.config, monthly_sheet.run,
        "the month's reward/penalty sheets to each lead, the day before payday"),
    Job("handover", lambda p: shift_schedule(p.jobs.handover, p.shift_defs()), send_handover,
        "the handover of the shift before, DMed to each shift's people with a Read button"),
    Job("handover_unread", lambda p: shift_schedule(p.jobs.handover_unread, p.shift_defs()),
        report_unread, "who on a started shift has not read the handover, to the leads"),
)}
