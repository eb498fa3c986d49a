"""A broken roster rule as reply data: the rule, its day, and the figures the policy states."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from bot.policy import Policy
from bot.solver.problem import Violation

Cells = Mapping[tuple[int, date], str | None]
_AFTER = re.compile(r"\bafter (\S+)")


def limit(v: Violation, policy: Policy) -> int | None:
    """The rule's figure as the policy states it (a month's, not the days' share); else the
    checker's own limit."""
    r = policy.roster
    stated = {"consecutive_days": r.max_consecutive_days,
              "min_consecutive_days": r.min_consecutive_days,
              "min_days_off": r.min_consecutive_days_off,
              "max_weekends": r.max_weekends_per_month,
              "min_minutes": r.min_hours_per_month, "max_minutes": r.max_hours_per_month,
              "max_shifts": r.max_shifts_per_month.get(v.shift or "")}.get(v.rule)
    if stated is not None or v.need is None:
        return stated
    return round(v.need / 60) if v.rule in ("min_minutes", "max_minutes") else v.need


def previous(v: Violation, policy: Policy, cells: Cells | None = None) -> str | None:
    """The shift of the day before that a succession forbids V's shift after."""
    firsts = [a for a, b in policy.roster.forbidden_successions if b == v.shift]
    if v.rule != "succession" or v.day is None:
        return None
    if cells is not None and v.person is not None:
        worked = cells.get((v.person, v.day - timedelta(days=1)))
        if worked in firsts:
            return worked
    said = _AFTER.search(v.detail)
    if said and said[1] in firsts:
        return said[1]
    return firsts[0] if len(firsts) == 1 else None


def shift_names(policy: Policy) -> dict[str, dict[str, str]]:
    """Each shift code's name in each language."""
    return {s.code: {"zh": s.name, "en": s.name_en} for s in policy.shifts}


def breach(v: Violation, policy: Policy, names: Mapping[int, str],
           cells: Cells | None = None) -> dict[str, Any]:
    """V as template data: its fields, the person's name, the policy's figure for the rule,
    the shift before (a succession) and the shift names, so a reply can say it in words."""
    return {**asdict(v), "person": names.get(v.person) if v.person is not None else None,
            "person_id": v.person, "limit": limit(v, policy),
            "after": previous(v, policy, cells), "names": shift_names(policy)}
