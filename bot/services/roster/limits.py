"""Per-person limits from the policy's monthly rules, for the days one roster plans."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping
from datetime import date

from bot.policy import Policy
from bot.solver.problem import Limits


def month_share(most: int, days: tuple[date, ...], worked: Mapping[str, int],
                code: str) -> int:
    """The most shifts CODE the days may hold under a monthly cap MOST: the sum of each
    month's share of the cap by its days planned (rounded up, so a week is never barred by
    rounding), the first month's share no more than what its earlier days left (WORKED)."""
    total = 0
    for month in dict.fromkeys((d.year, d.month) for d in days):
        planned = sum(1 for d in days if (d.year, d.month) == month)
        share = -(-most * planned // calendar.monthrange(*month)[1])
        first = month == (days[0].year, days[0].month)
        total += max(0, min(share, most - worked.get(code, 0))) if first else share
    return total


def person_limits(policy: Policy, ids: list[int], days: tuple[date, ...],
                  earlier: Mapping[tuple[int, date], str | None]) -> dict[int, Limits]:
    """Each person's limits over DAYS; EARLIER holds the cells of the month before DAYS."""
    caps = policy.roster.max_shifts_per_month
    worked: dict[int, Counter[str]] = {pid: Counter() for pid in ids}
    for (pid, _), code in earlier.items():
        if code is not None and pid in worked:
            worked[pid][code] += 1
    return {pid: Limits(max_shifts=tuple((code, month_share(most, days, counts, code))
                                         for code, most in caps.items()))
            for pid, counts in worked.items()}
