"""Requests that wait for a lead: filing, the once-only decision, cancelling and lapsing, the
answers a use case hands back, and the registry of request kinds (each capability registers
its own, so this package imports none of them)."""

from bot.services.requests.answers import Answer, Notice, Ref, Update
from bot.services.requests.approvals import (
    OPEN,
    PENDING,
    PROPOSED,
    Outcome,
    RequestView,
    attach_message,
    cancel,
    file,
    get,
    transition,
)
from bot.services.requests.kinds import decide, decided, register
from bot.services.requests.lapse import Lapsed, lapse_due

__all__ = [
    "OPEN",
    "PENDING",
    "PROPOSED",
    "Answer",
    "Lapsed",
    "Notice",
    "Outcome",
    "Ref",
    "RequestView",
    "Update",
    "attach_message",
    "cancel",
    "decide",
    "decided",
    "file",
    "get",
    "lapse_due",
    "register",
    "transition",
]
