"""Parse the words after `/kefu report`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.domain.period import Month
from bot.parse.common import UsageError, normal, split_first

_REPORT_WORDS: dict[str, Literal["attendance", "penalties"]] = {
    "attendance": "attendance", "考勤": "attendance", "penalties": "penalties", "罚款": "penalties"}


@dataclass(frozen=True)
class ReportCmd:
    """Which report `/kefu report` was asked for; no month means the current one."""

    kind: Literal["attendance", "penalties"]
    month: Month | None = None


def parse_report(text: str) -> ReportCmd:
    """Parse the words after `/kefu report`: `attendance|penalties [YYYY-MM]`."""
    word, rest = split_first(text)
    kind = _REPORT_WORDS.get(word)
    if kind is None:
        raise UsageError("kefu", "unknown_report", word=word)
    if not rest:
        return ReportCmd(kind)
    month = Month.parse(normal(rest))
    if month is None:
        raise UsageError("kefu", "bad_month", word=rest)
    return ReportCmd(kind, month)
