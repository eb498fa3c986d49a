"""The App Home: drawn when it is sent (so a late refresh shows the current state), and
queued for everyone a change concerns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot import ids
from bot.context import Context
from bot.render.blocks import Part, home_view
from bot.render.buttons import button
from bot.render.forms import form_button
from bot.render.labels import rule_labeler
from bot.render.text import Lang, render
from bot.services import home
from bot.services.home import Home
from bot.services.staff import by_slack_id
from bot.transport.send import Render


def refresh(ctx: Context, people: Iterable[str]) -> None:
    """Queue a redraw of each person's Home, in the current transaction."""
    for user in people:
        ctx.enqueue("home", {"user": user})


def home_renderer(ctx: Context) -> Render:
    """The outbox's "home" kind: publish the person's Home as it is at sending time."""

    def draw(payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        user = str(payload["user"])
        return "views.publish", {"user_id": user, "view": view_for(ctx, user)}

    return draw


def view_for(ctx: Context, user: str) -> dict[str, Any]:
    """USER's Home now, in their language; a stranger is told how to join the team."""
    lang, now = ctx.lang_for(user), ctx.clock()
    with ctx.session() as session:
        who = by_slack_id(session, slack_id=user)
        h = home.build(session, who=who, now=now, policy=ctx.policy) if who else None
    if h is None:
        return home_view([Part(render(lang, "home_unknown", user_id=user))])
    return home_view(parts(ctx, lang, h))


def parts(ctx: Context, lang: Lang, h: Home) -> list[Part]:
    """The Home, top to bottom: the forms (a lead's has the fine form), mine, then what a
    lead decides and watches."""
    rule = rule_labeler(ctx.policy, lang)

    def text(part: str, **data: Any) -> str:
        return render(lang, "home", part=part, h=h, rule=rule, **data)

    clock = {"in": ids.HOME_CLOCK_IN, "out": ids.HOME_CLOCK_OUT}.get(h.next_punch or "")
    forms = ("leave", "swap", "makeup", "parcel") + (("fine",) if h.lead is not None else ())
    out = [Part(text("hello"), tuple(form_button(lang, f, ids.FORM_OPEN) for f in forms)),
           Part(text("days"), divider=True),
           Part(text("today"), (button(clock, lang, 0),) if clock else (), divider=True),
           Part(text("owed"), divider=True)]
    out += [Part(text("owed_line", e=e), (button(ids.MARK_PAID, lang, e.id),)) for e in h.owed]
    out.append(Part(text("mine"), divider=True))
    out += [Part(text("mine_line", r=r), (button(ids.CANCEL_REQUEST, lang, r.id),))
            for r in h.mine]
    out.append(Part(text("parcels"), divider=True))
    if h.lead is not None:
        out.append(Part(text("waiting"), divider=True))
        out += [Part(text("waiting_line", r=r), (button(ids.APPROVE, lang, r.id),
                                                 button(ids.REJECT, lang, r.id)))
                for r in h.lead.waiting]
        out.append(Part(text("coverage"), divider=True))
    return out
