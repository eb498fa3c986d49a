"""Leave and rest days: the rules applied to a request, the days taken, cover for a gap, /leave."""

from bot.services import requests
from bot.services.leave.cases import run
from bot.services.leave.days import MonthLeave, month_leave
from bot.services.leave.decision import after_decision, approve
from bot.services.leave.filing import LeaveApplied

__all__ = [
    "LeaveApplied",
    "MonthLeave",
    "month_leave",
    "run",
]

requests.register("leave", apply=approve, after=after_decision)
