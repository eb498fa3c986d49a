"""Photos of problem parcels: an image shared in a channel with the waybill in its text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import App, Respond

from bot import ids
from bot.context import Context
from bot.domain.parcels import waybills_in
from bot.handlers.inbound import acked
from bot.render.blocks import text_message
from bot.render.text import render
from bot.services.parcels import ParcelRefused, attach_photos
from bot.services.staff import by_slack_id


def _images(event: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Return (file ID, permalink) of each image attached to the message."""
    return [(str(f["id"]), f.get("permalink")) for f in event.get("files") or []
            if f.get("id") and str(f.get("mimetype", "")).startswith("image/")]


def register(app: App, ctx: Context) -> None:
    """Register the file-share listener."""

    def handle_parcel_photo(body: dict[str, Any], _respond: Respond, now: datetime) -> None:
        event = body["event"]
        user, channel = event.get("user"), event.get("channel")
        waybills, images = waybills_in(event.get("text") or ""), _images(event)
        if not (user and channel and waybills and images) or event.get("bot_id"):
            return  # not a parcel photo: files are shared for many reasons
        lang = ctx.lang_for(user)
        try:
            with ctx.session() as session:
                if by_slack_id(session, slack_id=user) is None:
                    return
                parcel = attach_photos(session, actor=user, waybill=waybills[0], files=images,
                                       now=now, policy=ctx.policy)
            text = render(lang, "parcel_photo", p=parcel)
        except ParcelRefused as err:
            text = render(lang, "parcel_refused", problem=err.problem, params=err.params)
        ctx.post("chat.postEphemeral", channel=channel, user=user, **text_message(text))

    def ignore_other_messages() -> None:
        """Acknowledge the channel's other messages: the bot only reads parcel photos."""

    app.event({"type": ids.EVENT_MESSAGE, "subtype": ids.SUBTYPE_FILE_SHARE})(
        acked(ctx, ids.SUBTYPE_FILE_SHARE, handle_parcel_photo))
    app.event(ids.EVENT_MESSAGE)(ignore_other_messages)
