"""Which shift hands over to which (交接班): pure, from the shift catalogue alone.

A shift takes over from the shift that started last before it, within the 24 hours before
its start. Catalogues whose shifts overlap (a day shift 08:30–17:30 and a late shift from
17:00) still pair one to one, and a shift nobody works that day is passed over by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.domain.shifts import Assignment, ShiftDef, shift_window

_LOOK_BACK = timedelta(hours=24)


def earlier_shifts(incoming: Assignment, shifts: Sequence[ShiftDef],
                   tz: ZoneInfo) -> list[Assignment]:
    """The shifts that started in the 24 hours before INCOMING starts, the latest first."""
    start = shift_window(incoming, tz)[0]
    found = []
    for back in (0, 1):
        day = incoming.day - timedelta(days=back)
        for shift in shifts:
            a = Assignment(day, shift)
            begins = shift_window(a, tz)[0]
            if start - _LOOK_BACK <= begins < start:
                found.append((begins, shift.code, a))
    return [a for _, _, a in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]
