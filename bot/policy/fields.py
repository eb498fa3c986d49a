"""Field types and helpers of the policy: yuan amounts, HH:MM times, rule errors."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from bot.domain.shifts import DAY_MINUTES

Loc = tuple[str | int, ...]
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


class FrozenModel(BaseModel):
    """Base of the policy models: unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyRuleError(ValueError):
    """Several problems found by a validator, each at a location relative to it."""

    def __init__(self, problems: list[tuple[Loc, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key_path(loc)}: {msg}" for loc, msg in problems))


def key_path(loc: Loc) -> str:
    """Return a location as a key path such as shifts[1].start."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def quoted(value: object) -> str:
    """Return a value as the operator wrote it, for error messages."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _to_fen(value: Any) -> int:
    """Convert an amount in yuan (int, decimal string, Decimal or exact float) to fen."""
    example = f"an amount in yuan such as 10 or \"10.50\" (got {quoted(value)})"
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise ValueError(f"must be {example}")
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise ValueError(f"must be {example}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"must be zero or more yuan (got {quoted(value)})")
    fen = amount * 100
    if fen != fen.to_integral_value():
        hint = "; write the amount as a string" if isinstance(value, float) else ""
        raise ValueError(f"must have at most 2 decimals (got {quoted(value)}){hint}")
    return int(fen)


def _to_hhmm(value: Any) -> str:
    """Normalise a TOML time or "HH:MM" string, 00:00..24:00, to "HH:MM"."""
    if isinstance(value, time) and value.second == value.microsecond == 0:
        return f"{value.hour:02d}:{value.minute:02d}"
    match = _HHMM.match(value.strip()) if isinstance(value, str) else None
    if match is None or int(match[2]) > 59 or int(match[1]) * 60 + int(match[2]) > DAY_MINUTES:
        raise ValueError(f"must be HH:MM between 00:00 and 24:00 (got {quoted(value)})")
    return f"{int(match[1]):02d}:{match[2]}"


def minute_of(hhmm: str) -> int:
    """Return the minute of the day of an "HH:MM" string."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


Fen = Annotated[int, BeforeValidator(_to_fen)]
HHMM = Annotated[str, BeforeValidator(_to_hhmm)]


def clashes(items: Sequence[Any], keys: tuple[str, ...], section: str,
            hint: str = "") -> list[tuple[Loc, str]]:
    """Report each KEY value (ignoring case) already used by an earlier item of SECTION."""
    problems: list[tuple[Loc, str]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        for key in keys:
            token = str(getattr(item, key)).casefold()
            if seen.get(token, i) != i:
                problems.append(((i, key), f"{quoted(getattr(item, key))} is already used by "
                                 f"{section}[{seen[token]}]{hint}"))
            seen.setdefault(token, i)
    return problems
