"""The swap form: one of my shifts that has not begun; once picked, the form is redrawn
(views.update) with the solver's counterparts as radio buttons with their reasons; filed as
pressing that counterpart under `/swap DATE` is.

The day is a select of my coming shifts rather than a date picker: Slack's date picker
cannot be limited to some days, and a day without a shift would only be refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot import ids
from bot.context import Context
from bot.domain.shifts import shift_window
from bot.handlers.deliver import message
from bot.handlers.forms.base import FieldError, Form, Prefill, Submission, chosen, typed
from bot.parse.common import split_first
from bot.parse.swap import SwapCmd
from bot.render.form_views import swap_view
from bot.render.forms import View
from bot.render.text import Lang, render
from bot.services import roster, swaps
from bot.services.errors import Refused
from bot.services.requests import Answer
from bot.services.staff import StaffView

AHEAD = timedelta(days=13)  # how far ahead my shifts are offered: this week and the next
FORM_WORDS = frozenset({"new", "换班", "新申请", "申请", "form", "表单"})


def wants_form(text: str) -> bool:
    """True for `/swap 换班` (new) alone."""
    word, rest = split_first(text)
    return word in FORM_WORDS and not rest


def coming_shifts(ctx: Context, session: Session, who: StaffView,
                  now: datetime) -> list[tuple[str, str]]:
    """My shifts that have not begun, as (day, label) choices."""
    today = now.astimezone(ctx.policy.tz).date()
    mine = roster.assignments(session, staff_id=who.id, first=today, last=today + AHEAD,
                              policy=ctx.policy)
    return [(a.day.isoformat(), f"{a.day:%m-%d} · {a.shift.code} {a.shift.name_zh}")
            for a in mine if shift_window(a, ctx.policy.tz)[0] > now]


def draw(ctx: Context, session: Session, who: StaffView, lang: Lang, now: datetime,
         prefill: Prefill) -> View:
    """The form with only the shift to pick; the counterparts come once it is picked."""
    days = coming_shifts(ctx, session, who, now)
    return swap_view(lang, render(lang, "form_note", part="swap", days=days), days, None, [])


def redraw(ctx: Context, session: Session, who: StaffView, lang: Lang, now: datetime,
           day: date) -> View:
    """The form once DAY is picked: the solver's counterparts, or why there are none."""
    days = coming_shifts(ctx, session, who, now)
    intro = render(lang, "form_note", part="swap", days=days)
    try:
        found = swaps.run(session, who=who, cmd=SwapCmd("ask", day), now=now, policy=ctx.policy)
    except Refused as err:
        why = message(ctx, lang, "refused", {"reason": err.reason, "p": err.params})["text"]
        return swap_view(lang, intro, days, day.isoformat(), [], str(why))
    offers: list[Any] = found.data["offers"]
    options = [(o.value, render(lang, "form_note", part="swap_offer", o=o),
                render(lang, "form_note", part="swap_why", o=o)) for o in offers]
    none = "" if options else message(ctx, lang, "swap_offers", found.data)["text"]
    return swap_view(lang, intro, days, day.isoformat(), options, str(none))


def file(ctx: Context, session: Session, who: StaffView, sent: Submission,
         now: datetime) -> Answer:
    """Ask the chosen counterpart, as the Ask button under `/swap DATE` does."""
    values = sent.values
    picked = chosen(values, "pick")
    if picked is None:
        raise FieldError("shift", template="form_field", data={"part": "swap_pick_first"})
    reason = typed(values, "reason")[:500]
    return swaps.pick(session, who=who, value=f"{picked}|{reason}", now=now, policy=ctx.policy)


FORM = Form("swap", ids.FORM_SWAP, draw, file, first_block="shift")
