"""Each form's view, in Chinese or English: what it asks, in which order, with which pickers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot import ids
from bot.render.forms import (
    View,
    datepicker,
    field,
    file_input,
    modal,
    note,
    number_input,
    radios,
    select,
    text_input,
    timepicker,
    users_select,
)
from bot.render.text import Lang

_L: dict[Lang, dict[str, str]] = {
    "zh": {"leave": "请假申请", "kind": "类型", "first": "第一天", "last": "最后一天",
           "last_hint": "只请一天可不填", "reason": "原因", "rest": "休假", "personal": "事假",
           "sick": "病假", "makeup": "补卡申请", "day": "日期", "time": "时间",
           "in": "上班", "out": "下班", "inout": "上班还是下班",
           "parcel": "登记问题件", "waybill": "运单号", "waybill_hint": "12 位数字",
           "type": "问题类型", "note": "备注", "photo": "照片", "channel": "转寄渠道",
           "channel_hint": "超区件才填",
           "shared_photo": ":frame_with_picture: 消息里的照片会一起存入这条问题件。",
           "fine": "记录罚款", "person": "成员", "rule": "规则",
           "count": "次数（按件计的规则）", "swap": "换班申请", "shift": "我的班",
           "pick": "换给谁"},
    "en": {"leave": "Leave request", "kind": "Kind", "first": "First day", "last": "Last day",
           "last_hint": "Leave it empty for one day", "reason": "Reason", "rest": "Rest days",
           "personal": "Personal leave", "sick": "Sick leave", "makeup": "Make-up punch",
           "day": "Date", "time": "Time", "in": "Clock in", "out": "Clock out",
           "inout": "In or out", "parcel": "Log a problem parcel", "waybill": "Waybill",
           "waybill_hint": "12 digits", "type": "Problem type", "note": "Note",
           "photo": "Photo", "channel": "Transfer channel",
           "channel_hint": "Only for an out-of-area parcel",
           "shared_photo": ":frame_with_picture: The message's photo is filed with this record.",
           "fine": "Record a fine",
           "person": "Member", "rule": "Rule", "count": "Count (rules counted per unit)",
           "swap": "Swap request", "shift": "My shift", "pick": "Swap with"},
}
LEAVE_KINDS = ("personal", "sick", "rest")


def label(lang: Lang, key: str) -> str:
    """A form's label in LANG."""
    return _L[lang][key]


def leave_view(lang: Lang, standing: str, today: date, kind: str | None) -> View:
    """Leave: kind, first and last day, reason; the days used and left above them."""
    t = _L[lang]
    kinds = [(k, t[k]) for k in LEAVE_KINDS]
    return modal(ids.FORM_LEAVE, lang, t["leave"], [
        note(standing),
        field("kind", t["kind"], select(kinds, kind or "personal")),
        field("first", t["first"], datepicker(today)),
        field("last", t["last"], datepicker(), optional=True, hint=t["last_hint"]),
        field("reason", t["reason"], text_input(multiline=True)),
    ])


def makeup_view(lang: Lang, quota: str, day: date) -> View:
    """A make-up punch: day, time, in or out, reason; which make-up of the month it is."""
    t = _L[lang]
    return modal(ids.FORM_MAKEUP, lang, t["makeup"], [
        note(quota),
        field("day", t["day"], datepicker(day)),
        field("time", t["time"], timepicker()),
        field("kind", t["inout"], radios([("in", t["in"], ""), ("out", t["out"], "")], "in")),
        field("reason", t["reason"], text_input(multiline=True)),
    ])


def parcel_view(lang: Lang, types: Sequence[tuple[str, str]], waybill: str,
                channels: Sequence[tuple[str, str]], shared_photo: str = "") -> View:
    """A problem parcel: waybill, type, note, photo and, out of area, the transfer channel.
    SHARED_PHOTO (a message's image, as metadata) is filed with it and said so above."""
    t = _L[lang]
    blocks = [note(t["shared_photo"])] if shared_photo else []
    blocks += [
        field("waybill", t["waybill"], text_input(waybill, most=40), hint=t["waybill_hint"]),
        field("type", t["type"], select(types)),
        field("note", t["note"], text_input(multiline=True), optional=True),
        field("photo", t["photo"], file_input(), optional=True),
    ]
    if channels:
        blocks.append(field("channel", t["channel"], select(channels), optional=True,
                            hint=t["channel_hint"]))
    return modal(ids.FORM_PARCEL, lang, t["parcel"], blocks, metadata=shared_photo)


def fine_view(lang: Lang, rules: Sequence[tuple[str, str]], person: str | None) -> View:
    """A lead's fine: member, rule from the catalogue, count, note."""
    t = _L[lang]
    return modal(ids.FORM_FINE, lang, t["fine"], [
        field("person", t["person"], users_select(person)),
        field("rule", t["rule"], select(rules)),
        field("count", t["count"], number_input(1000), optional=True),
        field("note", t["note"], text_input(), optional=True),
    ])


def swap_view(lang: Lang, intro: str, days: Sequence[tuple[str, str]], day: str | None,
              options: Sequence[tuple[str, str, str]], options_note: str = "") -> View:
    """A swap: one of my coming shifts; once picked, the solver's counterparts with reasons."""
    t = _L[lang]
    blocks = [note(intro)]
    if days:  # a select needs options, and an input a Submit button
        blocks.append(field("shift", t["shift"], select(days, day), dispatch=True))
    if options:
        blocks.append(field("pick", t["pick"], radios(options)))
        blocks.append(field("reason", t["reason"], text_input(), optional=True))
    elif options_note:
        blocks.append(note(options_note, "options"))
    return modal(ids.FORM_SWAP, lang, t["swap"], blocks, metadata=day or "",
                 submit=bool(days))
