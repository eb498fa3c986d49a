"""Calendar months as the reports and the monthly rules count them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

# The years a typed or clicked date may fall in. Anything else is a typo or a forged value,
# and staying centuries away from date.min/date.max keeps every week or fortnight of date
# arithmetic around such a day from overflowing.
YEARS = range(2000, 2101)


def in_years(day: date) -> bool:
    """Tell whether DAY falls in the years the bot accepts from users and buttons."""
    return day.year in YEARS


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
        if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) not in YEARS:
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


_WEEK = re.compile(r"^(?:(\d{4})-)?w(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Week:
    """One ISO week (Monday to Sunday), e.g. Week(2026, 48)."""

    year: int
    week: int

    def __post_init__(self) -> None:
        """Reject weeks that do not exist (week 53 only in long ISO years)."""
        weeks = date(self.year, 12, 28).isocalendar()[1] if 1 <= self.year <= 9998 else 0
        if not 1 <= self.week <= weeks:
            raise ValueError(f"no such week: {self.year}-W{self.week}")

    @classmethod
    def of(cls, day: date) -> Week:
        """Return the ISO week DAY falls in."""
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str, today: date) -> Week | None:
        """Read "2026-W48", "W48" (this year) or "next"/"下周"; None when it is no week."""
        word = text.strip().lower()
        if word in {"next", "下周"}:
            return cls.of(today + timedelta(days=7))
        if word in {"this", "本周"}:
            return cls.of(today)
        found = _WEEK.match(word)
        if found is None:
            return None
        year = int(found[1]) if found[1] else today.isocalendar()[0]
        if year not in YEARS:
            return None
        try:
            return cls(year, int(found[2]))
        except ValueError:
            return None

    @property
    def monday(self) -> date:
        """Return the week's Monday."""
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def days(self) -> tuple[date, ...]:
        """Return Monday to Sunday."""
        return tuple(self.monday + timedelta(days=i) for i in range(7))

    def __str__(self) -> str:
        """Write the week as 2026-W48."""
        return f"{self.year:04d}-W{self.week:02d}"
