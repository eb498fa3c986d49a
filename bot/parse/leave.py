"""Parse `/leave DATE[..DATE] [rest|personal|sick] REASON`; mistakes raise UsageError."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.domain.leave import LeaveKind
from bot.parse.common import UsageError, need_date, split_first

KIND_WORDS: dict[str, LeaveKind] = {
    "rest": "rest", "休息": "rest", "休假": "rest",
    "personal": "personal", "事假": "personal",
    "sick": "sick", "病假": "sick",
}
_RANGE = re.compile(r"\.\.|~|～|至")
_SPACED_RANGE = re.compile(r"^(\s*[^\s.~～至]+)\s*(\.\.|~|～|至)\s*")
_NO_YEAR = re.compile(r"\d{1,2}-\d{1,2}")


@dataclass(frozen=True)
class LeaveCmd:
    """What `/leave` was asked: my standing ("mine") or a request for FIRST..LAST."""

    action: Literal["mine", "file"]
    first: date | None = None
    last: date | None = None
    kind: LeaveKind = "personal"
    reason: str = ""


def parse_range(word: str, today: date) -> tuple[date, date]:
    """Read DATE or DATE..DATE; an end without a year takes the start's (Dec..Jan: the next)."""
    parts = _RANGE.split(word)
    if len(parts) > 2 or not all(parts):
        raise UsageError("leave", "bad_date", word=word)
    first = need_date("leave", parts[0], today)
    if len(parts) == 1:
        return first, first
    if not _NO_YEAR.fullmatch(parts[1]):
        return first, need_date("leave", parts[1], today)
    last = need_date("leave", parts[1], date(first.year, 1, 1))
    if last < first and first.month == 12:  # 12-30..01-02 runs into the new year
        last = need_date("leave", parts[1], date(first.year + 1, 1, 1))
    return first, last


def parse_leave(text: str, today: date) -> LeaveCmd:
    """Parse the words after `/leave`; the kind defaults to personal leave (事假)."""
    word, rest = split_first(_SPACED_RANGE.sub(r"\1\2", text, count=1))
    if not word:
        return LeaveCmd("mine")
    first, last = parse_range(word, today)
    kind_word, after = split_first(rest)
    kind = KIND_WORDS.get(kind_word)
    reason = (after if kind else rest).strip()[:500]
    if not reason:
        raise UsageError("leave", "no_reason")
    return LeaveCmd("file", first, last, kind or "personal", reason)
