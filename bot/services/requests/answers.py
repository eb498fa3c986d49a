"""What a use case hands back to the transport: a reply, and messages to send after commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.services.requests.approvals import Outcome, RequestView

Buttons = Literal["fine", "appeal", "request", "request_cancel", "swap_answer", "draft",
                  "handover"] | None
Ref = int | tuple[int, ...] | None


@dataclass(frozen=True)
class Notice:
    """A message for the team channel ("team") or one person (a Slack user ID)."""

    to: str
    template: str
    data: dict[str, Any]
    buttons: Buttons = None
    ref: Ref = None  # the entry or request the buttons act on
    # Remember where the message went: ("swap_dm", request ID) or ("draft", draft ID).
    attach: tuple[str, int] | None = None


@dataclass(frozen=True)
class Update:
    """Rewrite a message the bot posted earlier, in place (chat.update)."""

    channel: str
    ts: str
    template: str
    data: dict[str, Any]
    team: bool  # written in the team's language (a channel); else the reader's
    reader: str = ""  # the Slack user the message is for, when not the team
    buttons: Buttons = None
    ref: Ref = None


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
    updates: list[Update] = field(default_factory=list)
    choices: tuple[tuple[str, str, str], ...] = ()  # (action ID, label, value) buttons
