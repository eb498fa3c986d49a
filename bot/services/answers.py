"""What a use case hands back to the transport: a reply, and messages to send after commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.services.approvals import Outcome, RequestView

Buttons = Literal["fine", "request_cancel"] | None
Ref = int | tuple[int, ...] | None


@dataclass(frozen=True)
class Notice:
    """A message for the team channel ("team") or one person (a Slack user ID)."""

    to: str
    template: str
    data: dict[str, Any]
    buttons: Buttons = None
    ref: Ref = None  # the entry or request the buttons act on


@dataclass(frozen=True)
class Answer:
    """The private reply, plus what to post once the transaction has committed."""

    template: str
    data: dict[str, Any]
    buttons: Buttons = None
    ref: Ref = None  # several: one row of buttons each
    notices: list[Notice] = field(default_factory=list)
    new_request: RequestView | None = None  # post to the approvals channel
    decided: Outcome | None = None  # update the approvals message, tell the requester
