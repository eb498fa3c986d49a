"""The kinds of request: each capability registers what approving its kind does, and what
to tell whom after a decision; deciding looks the kind up here, so this package imports no
capability."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.policy import Policy
from bot.services.errors import Refused
from bot.services.requests import approvals
from bot.services.requests.answers import Answer, Notice, Update
from bot.services.requests.approvals import Applier, Outcome
from bot.services.staff import StaffView

AfterDecision = Callable[[Outcome], tuple[list[Update], list[Notice]]]


@dataclass(frozen=True)
class Kind:
    """What a kind of request does when approved, and who hears of a decision or cancel."""

    apply: Applier | None = None
    after: AfterDecision | None = None


_KINDS: dict[str, Kind] = {}


def register(kind: str, *, apply: Applier | None = None,
             after: AfterDecision | None = None) -> None:
    """Declare KIND (a capability does this when its package is imported)."""
    _KINDS[kind] = Kind(apply, after)


def kind_of(name: str) -> Kind:
    """The registration of NAME; an unregistered kind is a programming error."""
    found = _KINDS.get(name)
    if found is None:
        raise LookupError(f"request kind {name!r} is not registered")
    return found


def decide(session: Session, *, request_id: int, approve: bool, actor: StaffView,
           now: datetime, policy: Policy) -> Outcome:
    """Approve or reject a request of any kind, applying its effect exactly once."""
    found = approvals.get(session, request_id=request_id, policy=policy)
    if found is None:
        raise Refused("no_request", id=request_id)
    return approvals.decide(session, request_id=request_id, approve=approve, actor=actor,
                            now=now, policy=policy, apply=kind_of(found.kind).apply)


def decided(outcome: Outcome) -> Answer:
    """The reply to a decision or cancel, with the kind's own updates and notices."""
    after = kind_of(outcome.request.kind).after if outcome.changed else None
    updates, notices = after(outcome) if after else ([], [])
    return Answer("decision_reply", {"o": outcome}, decided=outcome, updates=updates,
                  notices=notices)
