"""The problem parcel form end to end: `/parcel log` without a type opens it; it logs what
`/parcel log WAYBILL TYPE NOTE` logs and files the photo under the record."""

from __future__ import annotations

from slack_sdk.models.views import View

from bot import ids
from db.models import Parcel, ParcelEvent
from tests.e2e.harness import Bot, text_of

W = "518012345678"


def team(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0A2", "Ann", locale="en-US")


def test_parcel_log_alone_opens_the_form_with_the_policys_types(bot: Bot) -> None:
    team(bot)
    trigger, call = bot.open_form("U0A1", "/parcel", "log")
    assert call.args["trigger_id"] == trigger
    view = call.args["view"]
    View(**view).validate_json()
    assert view["callback_id"] == ids.FORM_PARCEL and view["title"]["text"] == "登记问题件"
    assert [b["block_id"] for b in view["blocks"]] == ["waybill", "type", "note", "photo",
                                                       "channel"]
    types = [o["text"]["text"] for o in view["blocks"][1]["element"]["options"]]
    assert types[:3] == ["电话错误", "地址不详", "破损"]
    assert view["blocks"][3]["element"]["type"] == "file_input"


def test_the_waybill_typed_after_log_is_filled_in_in_english(bot: Bot) -> None:
    team(bot)
    _, call = bot.open_form("U0A2", "/parcel", f"登记 {W}")
    view = call.args["view"]
    assert view["blocks"][0]["element"]["initial_value"] == W
    assert view["blocks"][1]["element"]["options"][2]["text"]["text"] == "Damaged"


def test_a_valid_form_logs_what_the_text_command_logs_and_files_the_photo(bot: Bot) -> None:
    team(bot)
    photo = bot.api.add_file("box.jpg")
    bot.open_form("U0A1", "/parcel", "log")
    seq = bot.api.last_seq
    reply = bot.submit(bot.modal("U0A1"), {"waybill": f" {W} ", "type": "damaged",
                                           "note": "外箱压坏", "photo": [photo]})
    assert reply.json is None
    dm = text_of(bot.posts("U0A1", after=seq)[0])
    assert f"已登记问题件 `{W}` 破损" in dm
    [post] = bot.posts("kefu", after=seq)
    assert f"<@U0A1> 登记问题件 `{W}` 破损" in text_of(post)
    text = bot.command("U0A1", "/parcel", f"log {W.replace('8', '9', 1)} 破损 外箱压坏")
    first, second = bot.rows(Parcel)
    assert (first.type_code, first.note, first.photos) == ("damaged", "外箱压坏", 1)
    assert (second.type_code, second.note) == (first.type_code, first.note) and "已登记" in text
    photos = [e for e in bot.rows(ParcelEvent) if e.kind == "photo"]
    assert [(e.file_id, e.file_url) for e in photos] == [
        (photo, f"https://local.slack/files/{photo}/box.jpg")]


def test_a_bad_waybill_and_a_channel_for_a_held_type_are_refused_inline(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A2", "/parcel", "log")
    reply = bot.submit(bot.modal("U0A2"), {"waybill": "51801234", "type": "damaged"})
    assert reply.json == {"response_action": "errors", "errors": {
        "waybill": '"51801234" is not a waybill number: it has 12 digits, like 518012345678.'}}
    reply = bot.submit(bot.modal("U0A2"), {"waybill": W, "type": "damaged", "channel": "ems"})
    assert reply.json is not None and list(reply.json["errors"]) == ["channel"]
    bot.open_form("U0A1", "/parcel", "log")
    reply = bot.submit(bot.modal("U0A1"), {"waybill": "１２３", "type": "phone"})
    assert reply.json is not None and "运单号“123”不对" in reply.json["errors"]["waybill"]
    assert bot.rows(Parcel) == []


def test_an_out_of_area_parcel_keeps_its_transfer_channel(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/parcel", "log")
    bot.submit(bot.modal("U0A1"), {"waybill": W, "type": "out-of-area", "channel": "zto"})
    [p] = bot.rows(Parcel)
    assert (p.type_code, p.note) == ("out-of-area", "中通")


def test_a_form_submitted_twice_logs_once(bot: Bot) -> None:
    team(bot)
    bot.open_form("U0A1", "/parcel", "log")
    view = bot.modal("U0A1")
    values = {"waybill": W, "type": "phone"}
    bot.submit(view, values)
    bot.submit(view, values)
    assert len(bot.rows(Parcel)) == 1
    assert len([e for e in bot.rows(ParcelEvent) if e.kind == "log"]) == 1


def test_bare_parcel_keeps_its_list_and_offers_new_which_opens_the_form(bot: Bot) -> None:
    team(bot)
    reply = bot.reply_call("U0A2", "/parcel")
    new = reply.args["blocks"][-1]["elements"][0]
    assert (new["action_id"], new["value"], new["text"]["text"]) == (ids.FORM_OPEN, "parcel",
                                                                     "New")
    assert "New" not in str(bot.reply_call("U0A2", "/parcel", "list").args["blocks"])
    trigger, call = bot.press_new("U0A2", "parcel")
    assert call.args["trigger_id"] == trigger
    assert bot.modal("U0A2")["callback_id"] == ids.FORM_PARCEL
