"""Parse `/clock [in|out|fix …]` and the make-up punch after `/clock fix`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Literal

from bot.parse.common import UsageError, need_date, normal, split_first

_KINDS: dict[str, Literal["in", "out"]] = {"in": "in", "上班": "in", "out": "out", "下班": "out"}


@dataclass(frozen=True)
class ClockCmd:
    """What `/clock` was asked to do."""

    action: Literal["status", "in", "out", "fix"]
    note: str | None = None


@dataclass(frozen=True)
class FixCmd:
    """`/clock fix DATE HH:MM in|out REASON`."""

    day: date
    hhmm: time
    kind: Literal["in", "out"]
    reason: str


_CLOCK_WORDS: dict[str, Literal["in", "out", "fix"]] = {
    "in": "in",
    "上班": "in",
    "out": "out",
    "下班": "out",
    "fix": "fix",
    "补卡": "fix",
}


def parse_clock(text: str) -> ClockCmd:
    """Parse `/clock [in|out|fix …] [note]`."""
    word, rest = split_first(text)
    if not word:
        return ClockCmd("status")
    action = _CLOCK_WORDS.get(word)
    if action is None:
        raise UsageError("clock", "unknown_word", word=word)
    return ClockCmd(action, rest[:500] or None)


def parse_hhmm(word: str) -> time | None:
    """Read 08:25 or 8:25 (also in full-width digits and colon)."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", normal(word).strip(), re.ASCII)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return time(int(m.group(1)), int(m.group(2)))


def parse_fix(text: str, today: date) -> FixCmd:
    """Parse the words after `/clock fix`."""
    words = text.split(maxsplit=3)
    if len(words) < 3:
        raise UsageError("clock", "fix_form")
    day = need_date("clock", words[0], today)
    hhmm = parse_hhmm(words[1])
    if hhmm is None:
        raise UsageError("clock", "bad_time", word=words[1])
    kind = _KINDS.get(normal(words[2]).lower())
    if kind is None:
        raise UsageError("clock", "bad_kind", word=words[2])
    reason = words[3].strip()[:500] if len(words) > 3 else ""
    if not reason:
        raise UsageError("clock", "no_reason")
    return FixCmd(day, hhmm, kind, reason)
