"""Shift swaps: the solver's offers, the counterpart's answer, a lead's decision or direct swap."""

from bot.services import requests
from bot.services.swaps.cases import after_decision, answer, pick, run
from bot.services.swaps.offers import apply_swap, team_around

__all__ = [
    "after_decision",
    "answer",
    "apply_swap",
    "pick",
    "run",
    "team_around",
]

requests.register("swap", apply=apply_swap, after=after_decision)
