"""What every command parser shares: words, dates, people, and the usage error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

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
