"""Calendar months as the reports and the monthly rules count them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month, e.g. Month(2026, 11) for November 2026."""

    year: int
    month: int

    def __post_init__(self) -> None:
        """Reject months that do not exist."""
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise ValueError(f"no such month: {self.year}-{self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        """Return the month DAY falls in."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """Read "2026-11" (or "2026-1"); None when the text is no month."""
        found = _MONTH.match(text.strip())
        if found is None or not 1 <= int(found[2]) <= 12:
            return None
        return cls(int(found[1]), int(found[2]))

    @property
    def days(self) -> int:
        """Return how many days the month has (28 to 31)."""
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def first(self) -> date:
        """Return the month's first day."""
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        """Return the month's last day."""
        return date(self.year, self.month, self.days)

    @property
    def next_first(self) -> date:
        """Return the first day of the following month."""
        return self.last + timedelta(days=1)

    def __str__(self) -> str:
        """Write the month as 2026-11."""
        return f"{self.year:04d}-{self.month:02d}"
