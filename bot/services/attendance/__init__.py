"""Attendance: clocking in and out, make-up punches, missed punches, the month's rows, reports."""

from bot.services import requests
from bot.services.attendance.cases import run
from bot.services.attendance.clocking import DayStatus, clock, day_status
from bot.services.attendance.makeup import apply_makeup, missed_to_mention
from bot.services.attendance.report import report_file
from bot.services.attendance.steps import AbsenceFlag, new_absence_flags

__all__ = [
    "AbsenceFlag",
    "DayStatus",
    "apply_makeup",
    "clock",
    "day_status",
    "missed_to_mention",
    "new_absence_flags",
    "report_file",
    "run",
]

requests.register("makeup", apply=apply_makeup)
