"""Parse the text of slash commands into frozen dataclasses; mistakes raise UsageError."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from bot.domain.period import Month, Week

_WORDS_TODAY = {"today", "今天"}
_WORDS_TOMORROW = {"tomorrow", "明天"}
_WORDS_YESTERDAY = {"yesterday", "昨天"}
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


class UsageError(Exception):
    """The user typed something we cannot read; `problem` names a template fragment."""

    def __init__(self, command: str, problem: str, **params: Any) -> None:
        super().__init__(f"{command}: {problem} {params}")
        self.command = command
        self.problem = problem
        self.params = params


@dataclass(frozen=True)
class PersonRef:
    """Somebody named in a command: a Slack ID from a mention, or a typed @name."""

    slack_id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class ClockCmd:
    """What `/clock` was asked to do."""

    action: Literal["status", "in", "out", "fix"]
    note: str | None = None


@dataclass(frozen=True)
class RosterCmd:
    """Which roster view `/roster` was asked for."""

    view: Literal["day", "week", "person", "generate", "wish"]
    day: date | None = None
    person: PersonRef | None = None
    rest: str = field(default="")


def split_first(text: str) -> tuple[str, str]:
    """Split off the first word (lower-cased) from the rest of the text."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower(), (parts[1].strip() if len(parts) > 1 else "")


def parse_date(word: str, today: date) -> date | None:
    """Read 2026-11-25, 11-25, today/今天, tomorrow/明天, yesterday/昨天; None if not a date."""
    w = word.strip().lower()
    if w in _WORDS_TODAY:
        return today
    if w in _WORDS_TOMORROW:
        return today + timedelta(days=1)
    if w in _WORDS_YESTERDAY:
        return today - timedelta(days=1)
    m = re.fullmatch(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})", w)
    if not m:
        return None
    year = int(m.group(1)) if m.group(1) else today.year
    try:
        return date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_person(word: str) -> PersonRef | None:
    """Read a Slack mention (<@U123|name>) or a typed @name."""
    m = _MENTION.match(word)
    if m:
        return PersonRef(slack_id=m.group(1))
    if word.startswith("@") and len(word) > 1:
        return PersonRef(name=word[1:])
    return None


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


def parse_roster(text: str, today: date) -> RosterCmd:
    """Parse `/roster [today|tomorrow|week|DATE|@user|generate WEEK]`."""
    word, rest = split_first(text)
    if not word:
        return RosterCmd("day", day=today)
    if word in {"week", "本周"}:
        return RosterCmd("week", day=today)
    if word in {"generate", "排班"}:
        return RosterCmd("generate", rest=rest)
    if word in {"wish", "意愿"}:
        return _wish(rest, today)
    person = parse_person(text.strip().split()[0])
    if person is not None:
        return RosterCmd("person", day=today, person=person)
    day = parse_date(word, today)
    if day is None:
        raise UsageError("roster", "unknown_word", word=word)
    return RosterCmd("day", day=day)


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
    month = Month.parse(rest)
    if month is None:
        raise UsageError("kefu", "bad_month", word=rest)
    return ReportCmd(kind, month)


@dataclass(frozen=True)
class SwapCmd:
    """`/swap`: list mine, ask for DAY (maybe with one person), or a lead's direct swap."""

    action: Literal["list", "ask", "direct"]
    day: date | None = None
    people: tuple[PersonRef, ...] = ()
    reason: str | None = None


def parse_swap(text: str, today: date) -> SwapCmd:
    """Parse `/swap [DATE [@user [@user]] [reason]]`."""
    words = text.split()
    if not words:
        return SwapCmd("list")
    day = parse_date(words[0], today)
    if day is None:
        raise UsageError("swap", "bad_date", word=words[0])
    people: list[PersonRef] = []
    for word in words[1:3]:
        person = parse_person(word)
        if person is None:
            break
        people.append(person)
    reason = " ".join(words[1 + len(people):])[:500] or None
    if len(people) == 2 and people[0] == people[1]:
        raise UsageError("swap", "same_person")
    return SwapCmd("direct" if len(people) == 2 else "ask", day, tuple(people), reason)


def _wish(text: str, today: date) -> RosterCmd:
    """`/roster wish DATE SHIFT|rest`: a shift or a day off wished for."""
    words = text.split()
    if len(words) != 2:
        raise UsageError("roster", "wish_form")
    day = parse_date(words[0], today)
    if day is None:
        raise UsageError("roster", "bad_date", word=words[0])
    return RosterCmd("wish", day=day, rest=words[1])


def parse_week(text: str, today: date) -> Week:
    """Read the week of `/roster generate WEEK`: 2026-W48, W48, next/下周 (the default)."""
    word = text.strip() or "next"
    week = Week.parse(word, today)
    if week is None:
        raise UsageError("roster", "bad_week", week=word)
    return week
