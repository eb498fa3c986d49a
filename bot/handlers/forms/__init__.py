"""Forms (modals): opened by a command without its arguments, a "新申请 / New" button or a
shortcut; submitted through the same parse → service path as the text commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from slack_bolt import Ack, App, Respond

from bot import ids
from bot.context import Context
from bot.handlers.forms import fine, leave, makeup, parcel, swap
from bot.handlers.forms.base import Form
from bot.handlers.forms.filing import filing_work
from bot.handlers.forms.lane import Waiting, opener, submitter
from bot.handlers.inbound import Listener, acked
from bot.render.forms import VALUE, new_button
from bot.render.text import Lang
from bot.services.staff import by_slack_id

FORMS: dict[str, Form] = {f.name: f for f in (leave.FORM, makeup.FORM, parcel.FORM, fine.FORM,
                                              swap.FORM)}
_BY_COMMAND = {ids.LEAVE: "leave", ids.CLOCK: "makeup", ids.PARCEL: "parcel",
               ids.PENALTY: "fine", ids.SWAP: "swap"}


def form_of(body: dict[str, Any]) -> Form | None:
    """The form a request opens: by its command, its button's value or its shortcut."""
    if body.get("command"):
        return FORMS.get(_BY_COMMAND.get(str(body["command"]), ""))
    if body.get("callback_id") in (ids.SHORTCUT_PARCEL, ids.SHORTCUT_PARCEL_MESSAGE):
        return FORMS["parcel"]
    actions = body.get("actions") or []
    if actions:
        return FORMS.get(str(actions[0].get("value", "")))
    return None


def form_or(ctx: Context, listener: Listener, wants: Callable[[str], bool]) -> Listener:
    """A command's listener that opens its form when WANTS(text), else runs LISTENER."""
    open_form = opener(ctx, form_of)

    def command_or_form(ack: Ack, body: dict[str, Any]) -> None:
        chosen = open_form if wants(str(body.get("text") or "")) else listener
        chosen(ack, body)

    return command_or_form


class WithNew(Respond):
    """A reply with the "新申请 / New" button that opens FORM under it."""

    def __init__(self, respond: Respond, lang: Lang, form: str) -> None:
        super().__init__(response_url=respond.response_url or "")
        self._respond, self._lang, self._form = respond, lang, form

    def __call__(self, text: str | dict[str, Any] = "",  # type: ignore[override]
                 blocks: list[Any] | None = None, **kwargs: Any) -> Any:
        extra = new_button(self._lang, self._form, ids.FORM_OPEN)
        return self._respond(text=text, blocks=[*(blocks or []), extra], **kwargs)


def register(app: App, ctx: Context) -> None:
    """Register the New buttons, the shortcuts, each form's submission and the swap form's
    day."""
    waiting = Waiting()
    # A row of several form buttons (the App Home) makes each ID unique: form_open:leave.
    app.action(re.compile(rf"^{ids.FORM_OPEN}(:\w+)?$"))(opener(ctx, form_of))
    for shortcut in (ids.SHORTCUT_PARCEL, ids.SHORTCUT_PARCEL_MESSAGE):
        app.shortcut(shortcut)(opener(ctx, form_of))
    app.action({"block_id": "shift", "action_id": VALUE})(
        acked(ctx, ids.FORM_SWAP_DAY, _swap_day_work(ctx), slow=lambda _body: True))
    for form in FORMS.values():
        work = filing_work(ctx, form, waiting)
        app.view(form.callback_id)(submitter(ctx, form, waiting, work))


def _swap_day_work(ctx: Context) -> Callable[[dict[str, Any], Respond, datetime], None]:
    """A shift picked in the swap form: redraw it with the solver's counterparts (slow
    work, so the update goes through the outbox; views.update needs no trigger)."""

    def work(body: dict[str, Any], _respond: Respond, now: datetime) -> None:
        view, user = body.get("view") or {}, str(body["user"]["id"])
        day = picked_date_of(body)
        if view.get("callback_id") != ids.FORM_SWAP or day is None:
            return
        lang = ctx.lang_for(user)
        with ctx.session() as session:
            who = by_slack_id(session, slack_id=user)
            if who is None:
                return
            redrawn = swap.redraw(ctx, session, who, lang, now, day)
        ctx.post("views.update", view_id=view["id"], hash=view.get("hash"), view=redrawn)

    return work


def picked_date_of(body: dict[str, Any]) -> date | None:
    """The day the swap form's shift select now says."""
    picked = (body.get("actions") or [{}])[0].get("selected_option") or {}
    try:
        return date.fromisoformat(str(picked.get("value")))
    except ValueError:
        return None
