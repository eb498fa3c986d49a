"""Parse `/penalty …`; mistakes raise UsageError and change nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.domain import money
from bot.domain.period import YEARS
from bot.parse.common import PersonRef, UsageError, ascii_int, parse_id, parse_person, split_first

PenaltyAction = Literal["mine", "fine", "paid", "waive", "appeal", "fund", "spend", "rules"]
_ACTIONS: dict[str, PenaltyAction] = {
    "paid": "paid", "已发": "paid", "waive": "waive", "免除": "waive", "appeal": "appeal",
    "申诉": "appeal", "fund": "fund", "基金": "fund", "rules": "rules", "条例": "rules"}
_SPEND = {"spend", "支出"}
MAX_COUNT = 1000


@dataclass(frozen=True)
class PenaltyCmd:
    """What `/penalty` was asked to do."""

    action: PenaltyAction
    entry_id: int | None = None
    person: PersonRef | None = None
    rule_word: str = ""
    count: int | None = None
    text: str = ""
    month: date | None = None
    amount_fen: int | None = None


def parse_month(word: str, today: date) -> date | None:
    """Read 2026-11 or 11 (this year) as the first day of that month."""
    m = re.fullmatch(r"(?:(\d{4})-)?(\d{1,2})", word.strip())
    year = int(m.group(1)) if m and m.group(1) else today.year
    if not m or not 1 <= int(m.group(2)) <= 12 or year not in YEARS:
        return None
    return date(year, int(m.group(2)), 1)


def parse_yuan(word: str) -> int | None:
    """Read a positive amount in yuan (at most 2 decimals, an optional 元) as fen."""
    try:
        fen = money.parse_yuan(word.strip().removesuffix("元"))
    except ValueError:
        return None
    return fen if fen > 0 else None


def _entry_id(word: str) -> int:
    entry_id = parse_id(word.removeprefix("#"))
    if entry_id is None:
        raise UsageError("penalty", "bad_id", word=word)
    return entry_id


def parse_penalty(text: str, today: date) -> PenaltyCmd:
    """Parse `/penalty [paid ID | waive ID REASON | appeal ID [REASON] | fund … | @user RULE …]`."""
    word, rest = split_first(text)
    if not word:
        return PenaltyCmd("mine")
    first = text.strip().split()[0]
    person = parse_person(first)
    if person is not None:
        return _parse_fine(person, rest)
    action = _ACTIONS.get(word)
    if action is None:
        raise UsageError("penalty", "unknown_word", word=word)
    if action == "rules":
        return PenaltyCmd("rules")
    if action == "fund":
        return _parse_fund(rest, today)
    id_word, reason = split_first(rest)
    if not id_word:
        raise UsageError("penalty", "no_id", action=action)
    if action == "waive" and not reason:
        raise UsageError("penalty", "no_reason")
    return PenaltyCmd(action, entry_id=_entry_id(id_word), text=reason[:500])


def _parse_fine(person: PersonRef, rest: str) -> PenaltyCmd:
    rule_word, after = split_first(rest)
    if not rule_word:
        raise UsageError("penalty", "no_rule")
    count_word, note = split_first(after)
    # Digits of any script mean a count was meant, but only 1..MAX_COUNT in 0-9 is read as one.
    meant = count_word.isdigit()
    count = ascii_int(count_word, 1, MAX_COUNT) if meant else None
    if meant and count is None:
        raise UsageError("penalty", "bad_count", word=count_word, most=MAX_COUNT)
    return PenaltyCmd("fine", person=person, rule_word=rule_word, count=count,
                      text=(note if count is not None else after)[:500])


def _parse_fund(rest: str, today: date) -> PenaltyCmd:
    word, after = split_first(rest)
    if not word:
        return PenaltyCmd("fund", month=today.replace(day=1))
    if word in _SPEND:
        amount_word, note = split_first(after)
        amount = parse_yuan(amount_word) if amount_word else None
        if amount is None:
            raise UsageError("penalty", "bad_amount", word=amount_word)
        if not note:
            raise UsageError("penalty", "no_note")
        return PenaltyCmd("spend", amount_fen=amount, text=note[:500])
    month = parse_month(word, today)
    if month is None:
        raise UsageError("penalty", "bad_month", word=word)
    return PenaltyCmd("fund", month=month)
