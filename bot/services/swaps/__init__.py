"""Shift swaps: the solver's offers, the counterpart's answer, a lead's decision or direct swap."""

from bot.services.swaps.cases import after_decision, answer, gap_notices, pick, run
from bot.services.swaps.offers import apply_swap, team_around

__all__ = [
    "after_decision",
    "answer",
    "apply_swap",
    "gap_notices",
    "pick",
    "run",
    "team_around",
]
