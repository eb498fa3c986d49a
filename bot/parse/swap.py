"""Parse `/swap [DATE [@user [@user]] [reason]]`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.parse.common import PersonRef, UsageError, need_date, parse_person


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
    day = need_date("swap", words[0], today)
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
