"""What a form is: how its view is drawn, how a submission is read and filed, and the
inline error a field shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlmodel import Session

from bot.context import Context
from bot.parse.common import UsageError
from bot.render.forms import VALUE, View
from bot.render.text import Lang, render
from bot.services.requests import Answer
from bot.services.staff import StaffView

Values = dict[str, dict[str, Any]]  # view.state.values: block_id -> action_id -> element state
Prefill = dict[str, str]  # what the command or shortcut already said (kind, waybill, …)


class FieldError(Exception):
    """A field of a submitted form is wrong: the usage problem (or TEMPLATE with DATA) is
    shown under BLOCK, in the member's language."""

    def __init__(self, block: str, problem: UsageError | None = None, template: str = "",
                 data: dict[str, Any] | None = None) -> None:
        super().__init__(f"{block}: {problem or template}")
        self.block = block
        self.problem = problem
        self.template = template
        self.data = data or {}

    def text(self, lang: Lang) -> str:
        """What the field says, in LANG."""
        if self.problem is not None:
            return usage_problem(lang, self.problem)
        return render(lang, self.template, **self.data)


def usage_problem(lang: Lang, err: UsageError) -> str:
    """The one line of a usage error that says what was wrong (not the command's usage)."""
    return render(lang, "usage_error", command=err.command, problem=err.problem,
                  params=err.params).splitlines()[0]


@dataclass(frozen=True)
class Submission:
    """What a submitted form carries: the values, what the form was opened with (its
    private_metadata, e.g. a message's photo) and a short identity for dedupe keys."""

    values: Values
    metadata: str
    key: str


@dataclass(frozen=True)
class Form:
    """One form: DRAW builds its view for a member; FILE reads a submission and runs the same
    service as the text command (raising FieldError, UsageError or Refused, all shown inline)."""

    name: str
    callback_id: str
    draw: Callable[[Context, Session, StaffView, Lang, datetime, Prefill], View]
    file: Callable[[Context, Session, StaffView, Submission, datetime], Answer]
    blocks: dict[str, str] = field(default_factory=dict)  # refusal reason -> block it shows on
    first_block: str = "first"  # where any other refusal or usage error shows
    roles: tuple[str, ...] = ()  # who may open it; () = every member

    def block_for(self, reason: str) -> str:
        """The field a refusal or usage problem is shown on."""
        return self.blocks.get(reason, self.first_block)


def _state(values: Values, block: str) -> dict[str, Any]:
    return values.get(block, {}).get(VALUE) or {}


def chosen(values: Values, block: str) -> str | None:
    """The value of a static select or radio group, if one was chosen."""
    picked = _state(values, block).get("selected_option") or {}
    return str(picked["value"]) if picked.get("value") else None


def typed(values: Values, block: str) -> str:
    """The text typed in a plain text input (stripped; empty when left blank)."""
    return str(_state(values, block).get("value") or "").strip()


def picked_date(values: Values, block: str) -> date | None:
    """The day chosen in a date picker."""
    raw = _state(values, block).get("selected_date")
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def picked_time(values: Values, block: str) -> time | None:
    """The time chosen in a time picker (HH:MM)."""
    raw = _state(values, block).get("selected_time")
    try:
        return time.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def picked_user(values: Values, block: str) -> str | None:
    """The member chosen in a users select."""
    raw = _state(values, block).get("selected_user")
    return str(raw) if raw else None


def picked_files(values: Values, block: str) -> list[dict[str, Any]]:
    """The files uploaded in a file input."""
    return list(_state(values, block).get("files") or [])
