"""Attendance: clocking in and out, make-up punches, missed punches, the month's rows, reports."""

from bot.services import requests
from bot.services.attendance.cases import correct, run
from bot.services.attendance.clocking import DayStatus, clock, day_status
from bot.services.attendance.correction import Corrected, correct_shifts
from bot.services.attendance.makeup import apply_makeup, missed_to_mention
from bot.services.attendance.quota import Quota, next_makeup
from bot.services.attendance.report import ReportFile, ReportKind, report_file
from bot.services.attendance.steps import AbsenceFlag, new_absence_flags
from bot.services.attendance.week import WeekRow, week_rows

__all__ = [
    "AbsenceFlag",
    "Quota",
    "ReportFile",
    "ReportKind",
    "WeekRow",
    "Corrected",
    "DayStatus",
    "apply_makeup",
    "clock",
    "correct",
    "correct_shifts",
    "day_status",
    "missed_to_mention",
    "new_absence_flags",
    "next_makeup",
    "report_file",
    "run",
    "week_rows",
]

requests.register("makeup", apply=apply_makeup)
