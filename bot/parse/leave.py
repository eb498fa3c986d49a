"""Parse `/leave DATE[..DATE|,DATE…] [rest|personal|sick] REASON`; mistakes raise UsageError."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.domain.leave import LeaveKind
from bot.parse.common import UsageError, need_date, split_first

KIND_WORDS: dict[str, LeaveKind] = {
    "rest": "rest", "休息": "rest", "休假": "rest",
    "personal": "personal", "事假": "personal",
    "sick": "sick", "病假": "sick",
}
# Words reach here normalised: ～ and 〜 are already ~, and ，、 are ",".
_RANGE = re.compile(r"\.\.|~|至|到")
_ENDS_JOINED = re.compile(r"(?:\.\.|~|至|到|,)$")
_STARTS_JOINED = re.compile(r"^(?:\.\.|~|至|到|,)")
_NO_YEAR = re.compile(r"\d{1,2}-\d{1,2}")


@dataclass(frozen=True)
class LeaveCmd:
    """What `/leave` was asked: my standing ("mine") or a request for FIRST..LAST."""

    action: Literal["mine", "file"]
    first: date | None = None
    last: date | None = None
    kind: LeaveKind = "personal"
    reason: str = ""
    only: tuple[date, ...] = ()  # a list such as 12-01,12-03: just these days of FIRST..LAST


def _end(first: date, word: str, today: date) -> date:
    """Read a later date; without a year, the reading nearer FIRST (12-30..01-02 is January)."""
    if not _NO_YEAR.fullmatch(word):
        return need_date("leave", word, today)
    same = need_date("leave", word, date(first.year, 1, 1))
    if same >= first:
        return same
    # 12-03..12-01 is a range typed backwards, not one that runs to next December.
    later = need_date("leave", word, date(first.year + 1, 1, 1))
    return later if later - first < first - same else same


def parse_range(word: str, today: date) -> tuple[date, date]:
    """Read DATE or DATE..DATE (also ~, 至, 到); the end may come first: the service says so."""
    parts = _RANGE.split(word)
    if len(parts) > 2 or not all(parts):
        raise UsageError("leave", "bad_date", word=word)
    first = need_date("leave", parts[0], today)
    return first, (_end(first, parts[1], today) if len(parts) == 2 else first)


def parse_days(word: str, today: date) -> tuple[date, date, tuple[date, ...]]:
    """Read a range, or a list of days (12-01,12-03); return first, last and the listed days."""
    pieces = word.split(",")
    if len(pieces) == 1:
        return (*parse_range(word, today), ())
    if not all(pieces) or any(_RANGE.search(p) for p in pieces):
        raise UsageError("leave", "bad_date", word=word)
    first = need_date("leave", pieces[0], today)
    days = sorted({first, *(_end(first, p, today) for p in pieces[1:])})
    if days[-1] - days[0] == timedelta(days=len(days) - 1):  # 12-01,12-02,12-03: a range
        return days[0], days[-1], ()
    return days[0], days[-1], tuple(days)


def _date_words(text: str) -> tuple[str, str]:
    """Split off the dates, joined across spaces around .. ~ 至 , ; the rest as typed."""
    word, rest = split_first(text)
    while rest:
        following, after = split_first(rest)
        if not (_ENDS_JOINED.search(word) or _STARTS_JOINED.match(following)):
            break
        word, rest = word + following, after
    return word, rest


def parse_leave(text: str, today: date) -> LeaveCmd:
    """Parse the words after `/leave`; the kind defaults to personal leave (事假)."""
    word, rest = _date_words(text)
    if not word:
        return LeaveCmd("mine")
    first, last, only = parse_days(word, today)
    kind_word, after = split_first(rest)
    kind = KIND_WORDS.get(kind_word)
    reason = (after if kind else rest).strip()[:500]
    if not reason:
        raise UsageError("leave", "no_reason")
    return LeaveCmd("file", first, last, kind or "personal", reason, only)
