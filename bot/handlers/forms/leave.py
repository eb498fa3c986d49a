"""The leave form: kind, days and reason, filed as `/leave FIRST..LAST KIND REASON` is."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot import ids
from bot.context import Context
from bot.domain.period import YEARS, in_years
from bot.handlers.forms.base import (
    FieldError,
    Form,
    Prefill,
    Submission,
    Values,
    chosen,
    picked_date,
    typed,
)
from bot.parse.common import UsageError, split_first
from bot.parse.leave import KIND_WORDS, LeaveCmd
from bot.render.form_views import leave_view
from bot.render.forms import View
from bot.render.text import Lang, render
from bot.services import leave
from bot.services.requests import Answer
from bot.services.staff import StaffView

# `/leave 请假` (or new/新申请, or a kind alone: `/leave 病假`) opens the form.
FORM_WORDS = frozenset({"请假", "休假", "申请", "新申请", "new", "form", "表单", *KIND_WORDS})


def wants_form(text: str) -> bool:
    """True for a /leave that names no days: a form word alone."""
    word, rest = split_first(text)
    return word in FORM_WORDS and not rest


def draw(ctx: Context, session: Session, who: StaffView, lang: Lang, now: datetime,
         prefill: Prefill) -> View:
    """The form, opened at today, with the member's days used and left."""
    mine = leave.run(session, who=who, cmd=LeaveCmd("mine"), now=now, policy=ctx.policy)
    standing = render(lang, "form_note", part="leave", s=mine.data["s"])
    word, _ = split_first(prefill.get("text", ""))
    return leave_view(lang, standing, now.astimezone(ctx.policy.tz).date(), KIND_WORDS.get(word))


def read(values: Values) -> LeaveCmd:
    """The typed command the form says; a missing or impossible field is a FieldError."""
    kind = KIND_WORDS.get(chosen(values, "kind") or "")
    first = picked_date(values, "first")
    last = picked_date(values, "last") or first
    reason = typed(values, "reason")[:500]
    for block, day in (("first", first), ("last", last)):
        if day is None or not in_years(day):
            raise FieldError(block, UsageError("leave", "date_range", word=str(day or ""),
                                               first=YEARS[0], last=YEARS[-1]))
    if not reason:
        raise FieldError("reason", UsageError("leave", "no_reason"))
    assert first is not None and last is not None
    return LeaveCmd("file", first, last, kind or "personal", reason)


def file(ctx: Context, session: Session, who: StaffView, sent: Submission,
         now: datetime) -> Answer:
    """File the leave request the form describes."""
    return leave.run(session, who=who, cmd=read(sent.values), now=now, policy=ctx.policy)


FORM = Form("leave", ids.FORM_LEAVE, draw, file, first_block="first",
            blocks={"leave_backwards": "last", "leave_too_long": "last"})
