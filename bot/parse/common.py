"""What every command parser shares: words, dates, people, and the usage error."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.domain.period import YEARS, in_years

_WORDS_TODAY = {"today", "今天"}
_WORDS_TOMORROW = {"tomorrow", "明天"}
_WORDS_YESTERDAY = {"yesterday", "昨天"}
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
# What NFKC leaves alone but a Chinese keyboard types where ASCII is meant.
_PUNCTUATION = str.maketrans({"、": ",", "〜": "~", "‐": "-", "‑": "-", "‒": "-", "–": "-",
                              "—": "-", "−": "-"})
# Words that name the person asking, so that "`/roster @自己`" works as the hints say.
ME_WORDS = frozenset({"me", "myself", "我", "自己", "我自己"})
# Row IDs are at most nine digits: well inside the database's signed 32-bit integer.
ID_MAX = 999_999_999


class UsageError(Exception):
    """The user typed something we cannot read; `problem` names a template fragment."""

    def __init__(self, command: str, problem: str, **params: Any) -> None:
        super().__init__(f"{command}: {problem} {params}")
        self.command = command
        self.problem = problem
        self.params = params


@dataclass(frozen=True)
class PersonRef:
    """Somebody named in a command: a Slack ID from a mention, a typed @name, or the asker."""

    slack_id: str | None = None
    name: str | None = None
    me: bool = False  # @我, @me, @自己: whoever typed the command

    @property
    def typed(self) -> str:
        """Return what names the person, as the user typed it (for "not found" replies)."""
        return self.slack_id or self.name or ""


def _narrow(char: str) -> str:
    # Only width variants (ｍｅ, １２, ＠, ：, ，, the ideographic space) are folded: NFKC
    # would also read "²" or "①" as a digit, and nobody types those meaning a number.
    if unicodedata.decomposition(char).startswith(("<wide>", "<narrow>")):
        return unicodedata.normalize("NFKC", char)
    return char


def normal(text: str) -> str:
    """Read full-width letters, digits and punctuation (＠，－：～、) as their ASCII forms."""
    return "".join(_narrow(c) if ord(c) >= 0x3000 else c for c in text).translate(_PUNCTUATION)


def split_first(text: str) -> tuple[str, str]:
    """Split off the first word (normalised, lower-cased) from the rest, kept as typed."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return normal(parts[0]).lower(), (parts[1].strip() if len(parts) > 1 else "")


def ascii_int(word: str, lo: int, hi: int) -> int | None:
    """Read WORD as digits 0-9 only, worth LO..HI; None for anything else."""
    # str.isdigit() also says yes to "²" (int() fails) and to "१२" or "１２" (int() reads 12).
    # Typed words reach here through `normal`, so "１２" typed is "12"; a button's is not.
    if not (word.isascii() and word.isdigit()):
        return None
    digits = word.lstrip("0") or "0"
    if len(digits) > len(str(hi)):  # too big, and keeps int() off a 5000-digit word
        return None
    number = int(digits)
    return number if lo <= number <= hi else None


def parse_id(word: str) -> int | None:
    """Read a row ID typed or carried by a button: 1..ID_MAX in digits 0-9; None otherwise."""
    return ascii_int(word, 1, ID_MAX)


def parse_date(word: str, today: date) -> date | None:
    """Read a date as `_read_date` does; None if it is not one or falls outside YEARS."""
    day = _read_date(word, today)
    return day if day is not None and in_years(day) else None


def need_date(command: str, word: str, today: date, unreadable: str = "bad_date") -> date:
    """Read a date for COMMAND, or raise the usage error saying what to type."""
    day = _read_date(word, today)
    if day is None:
        raise UsageError(command, unreadable, word=word)
    if not in_years(day):
        raise UsageError(command, "date_range", word=word, first=YEARS[0], last=YEARS[-1])
    return day


def _read_date(word: str, today: date) -> date | None:
    """Read 2026-11-25, 11-25, today/今天, tomorrow/明天, yesterday/昨天; None if not a date."""
    w = normal(word).strip().lower()
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
    """Read a Slack mention (<@U123|name>), a typed @name (＠ too), or @我/@me/@自己."""
    word = normal(word.strip())
    m = _MENTION.match(word)
    if m:
        return PersonRef(slack_id=m.group(1))
    if word.startswith("@") and len(word) > 1:
        name = word[1:]
        return PersonRef(me=True) if name.casefold() in ME_WORDS else PersonRef(name=name)
    return None
