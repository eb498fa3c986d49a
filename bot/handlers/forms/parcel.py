"""The problem parcel form: waybill, type, note, photo and, out of area, the transfer channel;
filed as `/parcel log WAYBILL TYPE NOTE` is, the photo as one shared with the waybill."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime

from sqlmodel import Session

from bot import ids
from bot.context import Context
from bot.domain.parcels import is_waybill, waybills_in
from bot.handlers.forms.base import (
    FieldError,
    Form,
    Prefill,
    Submission,
    Values,
    chosen,
    picked_files,
    typed,
)
from bot.parse.common import UsageError, split_first
from bot.parse.parcel import ParcelCmd
from bot.render.form_views import parcel_view
from bot.render.forms import View
from bot.render.text import Lang
from bot.services.parcels import ParcelRefused, attach_photos, parcel_command
from bot.services.requests import Answer, Notice
from bot.services.staff import StaffView


def wants_form(text: str) -> bool:
    """True for `/parcel log` (登记) with no type: alone, or with just the waybill."""
    word, rest = split_first(text)
    return word in ("log", "登记") and len(rest.split()) <= 1


def draw(ctx: Context, session: Session, who: StaffView, lang: Lang, now: datetime,
         prefill: Prefill) -> View:
    """The form, with the waybill the command or message named, if any."""
    c = ctx.policy.parcels
    types = [(t.code, t.name if lang == "zh" else t.name_en) for t in c.catalogue()]
    channels = [(ch.code, ch.name if lang == "zh" else ch.name_en) for ch in c.channels]
    found = waybills_in(unicodedata.normalize("NFKC", prefill.get("text", "")))
    photo = {k: prefill[k] for k in ("file", "url") if k in prefill}
    return parcel_view(lang, types, found[0] if found else "", channels,
                       json.dumps(photo) if photo else "")


def read(ctx: Context, values: Values, lang: Lang) -> ParcelCmd:
    """The typed /parcel log the form says; a missing or impossible field is a FieldError."""
    waybill = unicodedata.normalize("NFKC", typed(values, "waybill")).replace(" ", "")
    if not is_waybill(waybill):
        raise FieldError("waybill", UsageError("parcel", "bad_waybill", word=waybill))
    kind = ctx.policy.parcels.find_type(chosen(values, "type") or "")
    if kind is None:
        raise FieldError("type", UsageError("parcel", "missing_type"))
    note = typed(values, "note")
    channel = next((ch for ch in ctx.policy.parcels.channels
                    if ch.code == chosen(values, "channel")), None)
    if channel is not None:
        if not kind.transfer:
            raise FieldError("channel", template="form_field",
                             data={"part": "channel_not_transfer"})
        shown = channel.name if lang == "zh" else channel.name_en
        note = f"{note} · {shown}" if note else shown
    return ParcelCmd("log", waybill, kind.code, note[:500])


def photos_of(sent: Submission) -> list[tuple[str, str | None]]:
    """The photos to file: the message's (a message shortcut), then those uploaded."""
    shared = json.loads(sent.metadata) if sent.metadata.startswith("{") else {}
    found = [(str(shared["file"]), shared.get("url"))] if shared.get("file") else []
    return found + [(str(f["id"]), f.get("permalink"))
                    for f in picked_files(sent.values, "photo")]


def file(ctx: Context, session: Session, who: StaffView, sent: Submission,
         now: datetime) -> Answer:
    """Log the parcel, then file the photos under it; posted to the team as a new record."""
    lang = ctx.lang_for(who.slack_id)
    cmd, photos = read(ctx, sent.values, lang), photos_of(sent)
    try:
        outcome = parcel_command(session, cmd=cmd, who=who, now=now, policy=ctx.policy)
        if photos and outcome.announce:
            attach_photos(session, actor=who.slack_id, waybill=cmd.waybill, files=photos,
                          now=now, policy=ctx.policy)
    except ParcelRefused as err:
        raise FieldError("waybill", template="parcel_refused",
                         data={"problem": err.problem, "params": err.params}) from err
    posted = [Notice("team", "parcel_posted", {"kind": outcome.template, **outcome.data})] \
        if outcome.announce else []
    return Answer(outcome.template, outcome.data, notices=posted)


FORM = Form("parcel", ids.FORM_PARCEL, draw, file, first_block="waybill",
            blocks={"missing_type": "type"})
