"""Leave and rest days: the rules applied to a request, the days taken, cover for a gap, /leave."""

from bot.services.leave.cases import run
from bot.services.leave.cover import gaps_left
from bot.services.leave.days import MonthLeave, month_leave
from bot.services.leave.filing import LeaveApplied, apply_leave

__all__ = [
    "LeaveApplied",
    "MonthLeave",
    "apply_leave",
    "gaps_left",
    "month_leave",
    "run",
]
