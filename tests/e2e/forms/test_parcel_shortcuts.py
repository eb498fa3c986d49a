"""The parcel shortcuts: the global one opens the empty form; the message one fills in the
message's waybill and files its image with the record."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot import ids
from db.models import Parcel, ParcelEvent
from tests.e2e.harness import Bot, text_of

W = "518012345678"
MESSAGE = {"type": "message", "user": "U0A2", "ts": "1700000000.000100",
           "text": f"客户说 {W} 外箱压坏了，照片见图",
           "files": [{"id": "F0BOX", "name": "box.jpg", "mimetype": "image/jpeg",
                      "permalink": "https://local.slack/files/F0BOX/box.jpg"}]}


def team(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0A2", "Ann", locale="en-US")


def test_the_global_shortcut_opens_the_parcel_form(bot: Bot) -> None:
    team(bot)
    trigger, call = bot.shortcut("U0A2", ids.SHORTCUT_PARCEL)
    assert call.args["trigger_id"] == trigger
    view = call.args["view"]
    View(**view).validate_json()
    assert view["callback_id"] == ids.FORM_PARCEL
    assert view["title"]["text"] == "Log a problem parcel"
    assert "initial_value" not in view["blocks"][0]["element"]


def test_the_message_shortcut_fills_in_the_waybill_and_files_the_messages_photo(
        bot: Bot) -> None:
    team(bot)
    _, call = bot.shortcut("U0A1", ids.SHORTCUT_PARCEL_MESSAGE, MESSAGE)
    view = call.args["view"]
    View(**view).validate_json()
    assert "消息里的照片会一起存入" in view["blocks"][0]["text"]["text"]
    assert view["blocks"][1]["element"]["initial_value"] == W
    seq = bot.api.last_seq
    assert bot.submit(bot.modal("U0A1"), {"type": "damaged", "note": "外箱压坏"}).json is None
    [p] = bot.rows(Parcel)
    assert (p.waybill, p.type_code, p.photos) == (W, "damaged", 1)
    [photo] = [e for e in bot.rows(ParcelEvent) if e.kind == "photo"]
    assert (photo.file_id, photo.file_url) == ("F0BOX", MESSAGE["files"][0]["permalink"])
    assert f"已登记问题件 `{W}` 破损" in text_of(bot.posts("U0A1", after=seq)[0])


def test_a_message_without_a_waybill_or_image_opens_an_empty_form(bot: Bot) -> None:
    team(bot)
    _, call = bot.shortcut("U0A1", ids.SHORTCUT_PARCEL_MESSAGE,
                           {**MESSAGE, "text": "在吗", "files": []})
    view = call.args["view"]
    assert view["blocks"][0]["block_id"] == "waybill" and view["private_metadata"] == ""
    assert "initial_value" not in view["blocks"][0]["element"]
