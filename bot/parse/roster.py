"""Parse `/roster [today|tomorrow|week|DATE|@user|generate WEEK|wish DATE SHIFT|correct …]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.domain.period import Week
from bot.parse.common import (
    ME_WORDS,
    PersonRef,
    UsageError,
    need_date,
    normal,
    parse_person,
    split_first,
)

GENERATE_WORDS = frozenset({"generate", "排班"})
CORRECT_WORDS = frozenset({"correct", "更正"})


@dataclass(frozen=True)
class RosterCmd:
    """Which roster view `/roster` was asked for."""

    view: Literal["day", "week", "person", "generate", "wish", "correct"]
    day: date | None = None
    person: PersonRef | None = None
    rest: str = field(default="")


def parse_roster(text: str, today: date) -> RosterCmd:
    """Parse `/roster [today|tomorrow|week|DATE|@user|me|generate WEEK]`."""
    word, rest = split_first(text)
    if not word:
        return RosterCmd("day", day=today)
    if word in {"week", "本周"}:
        return RosterCmd("week", day=today)
    if word in GENERATE_WORDS:
        return RosterCmd("generate", rest=rest)
    if word in {"wish", "意愿"}:
        return _wish(rest, today)
    if word in CORRECT_WORDS:
        return _correct(rest, today)
    person = PersonRef(me=True) if word in ME_WORDS else parse_person(text.split()[0])
    if person is not None:
        return RosterCmd("person", day=today, person=person)
    return RosterCmd("day", day=need_date("roster", word, today, unreadable="unknown_word"))


def _wish(text: str, today: date) -> RosterCmd:
    """`/roster wish DATE SHIFT|rest`: a shift or a day off wished for."""
    words = text.split()
    if len(words) != 2:
        raise UsageError("roster", "wish_form")
    return RosterCmd("wish", day=need_date("roster", words[0], today), rest=normal(words[1]))


def _correct(text: str, today: date) -> RosterCmd:
    """`/roster correct DATE @person SHIFT REASON`: a lead's correction; `rest` keeps the
    shift and the reason."""
    words = text.split(maxsplit=2)
    person = parse_person(words[1]) if len(words) == 3 else None
    if person is None:
        raise UsageError("roster", "correct_form")
    return RosterCmd("correct", day=need_date("roster", words[0], today), person=person,
                     rest=words[2])


def parse_week(text: str, today: date) -> Week:
    """Read the week of `/roster generate WEEK`: 2026-W48, W48, next/下周 (the default)."""
    word = normal(text).strip() or "next"
    week = Week.parse(word, today)
    if week is None:
        raise UsageError("roster", "bad_week", week=word)
    return week
