"""The make-up punch form: day, time, in or out, reason, filed as `/clock fix` is."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

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
    picked_time,
    typed,
)
from bot.parse.clock import ClockCmd, FixCmd
from bot.parse.common import UsageError, split_first
from bot.render.form_views import makeup_view
from bot.render.forms import View
from bot.render.text import Lang, render
from bot.services import attendance
from bot.services.requests import Answer
from bot.services.staff import StaffView

_KINDS: dict[str, Literal["in", "out"]] = {"in": "in", "out": "out"}


def wants_form(text: str) -> bool:
    """True for `/clock fix` (补卡) with nothing after it."""
    word, rest = split_first(text)
    return word in ("fix", "补卡") and not rest


def draw(ctx: Context, session: Session, who: StaffView, lang: Lang, now: datetime,
         prefill: Prefill) -> View:
    """The form, opened at today, saying which make-up of the month this would be."""
    today = now.astimezone(ctx.policy.tz).date()
    place = attendance.next_makeup(session, staff_id=who.id, day=today, policy=ctx.policy)
    quota = render(lang, "form_note", part="makeup", q=place, month=f"{today:%Y-%m}",
                   fine_fen=ctx.policy.makeup.leave_fine_fen)
    return makeup_view(lang, quota, today)


def read(values: Values) -> FixCmd:
    """The typed make-up the form says; a missing or impossible field is a FieldError."""
    day, at = picked_date(values, "day"), picked_time(values, "time")
    kind, reason = chosen(values, "kind"), typed(values, "reason")[:500]
    if day is None or not in_years(day):
        raise FieldError("day", UsageError("clock", "date_range", word=str(day or ""),
                                           first=YEARS[0], last=YEARS[-1]))
    if at is None:
        raise FieldError("time", UsageError("clock", "bad_time", word=""))
    punch = _KINDS.get(kind or "")
    if punch is None:
        raise FieldError("kind", UsageError("clock", "bad_kind", word=kind or ""))
    if not reason:
        raise FieldError("reason", UsageError("clock", "no_reason"))
    return FixCmd(day, at, punch, reason)


def file(ctx: Context, session: Session, who: StaffView, sent: Submission,
         now: datetime) -> Answer:
    """File the make-up request the form describes."""
    return attendance.run(session, who=who, cmd=ClockCmd("fix"), fix=read(sent.values), now=now,
                          policy=ctx.policy)


FORM = Form("makeup", ids.FORM_MAKEUP, draw, file, first_block="day",
            blocks={"makeup_future": "time", "makeup_has_punch": "kind"})
