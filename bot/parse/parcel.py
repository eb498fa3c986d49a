"""Parse `/parcel …` (问题件) into a frozen dataclass; mistakes raise UsageError."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bot.domain.parcels import is_waybill, split_reply
from bot.parse.common import PersonRef, UsageError, parse_person, split_first

Action = Literal["log", "note", "show", "close", "list", "fee", "assign"]
Dims = tuple[Decimal, Decimal, Decimal]

_ACTIONS: dict[str, Action] = {
    "log": "log", "登记": "log", "note": "note", "跟进": "note", "备注": "note",
    "show": "show", "查看": "show", "close": "close", "关闭": "close", "完结": "close",
    "list": "list", "列表": "list", "fee": "fee", "运费": "fee", "assign": "assign",
    "指派": "assign",
}
_STATES = {
    "delivered": "delivered", "已派送": "delivered", "派送": "delivered", "签收": "delivered",
    "transferred": "transferred", "转件": "transferred", "已转": "transferred",
    "转运": "transferred", "returned": "returned", "退回": "returned", "退件": "returned",
    "other": "other", "其他": "other",
}
_VIEWS = {"": "open", "open": "open", "未结": "open", "stale": "stale", "未更新": "stale",
          "due": "due", "到期": "due", "mine": "mine", "我的": "mine"}
_REPLY_FLAGS = {"--reply", "-r", "回复"}
_KG = re.compile(r"^(\d{1,4}(?:\.\d{1,3})?)(?:kg|公斤)?$", re.I | re.ASCII)
_NUM = r"(\d{1,4}(?:\.\d{1,2})?)"
_DIMS = re.compile(rf"^{_NUM}[x*]{_NUM}[x*]{_NUM}(?:cm)?$", re.I | re.ASCII)


@dataclass(frozen=True)
class ParcelCmd:
    """What `/parcel` was asked to do; fields unused by an action stay empty."""

    action: Action
    waybill: str = ""
    word: str = ""  # the type (log), the close state, or the list view
    text: str = ""  # the note
    reply: bool = False  # the note records the sender station's reply
    channel: str = ""  # transfer channel (close … transferred CHANNEL), if it is one
    raw: str = ""  # close: everything after the state, as typed
    kg: Decimal | None = None
    dims: Dims | None = None
    person: PersonRef | None = None


def parse_kg(word: str) -> Decimal | None:
    """Read a weight such as 3, 3.5 or 3.5kg; None if it is not one above zero."""
    m = _KG.match(unicodedata.normalize("NFKC", word))
    return Decimal(m.group(1)) if m and Decimal(m.group(1)) > 0 else None


def parse_dims(word: str) -> Dims | None:
    """Read sizes in cm such as 40x30x20 (x, × or *); None if not three sizes above zero."""
    m = _DIMS.match(unicodedata.normalize("NFKC", word).replace("×", "x"))
    if not m:
        return None
    sizes = (Decimal(m.group(1)), Decimal(m.group(2)), Decimal(m.group(3)))
    return sizes if all(s > 0 for s in sizes) else None


def _waybill(rest: str) -> tuple[str, str]:
    """Split off the waybill number; refuse anything but 12 digits."""
    word, tail = split_first(rest)
    word = unicodedata.normalize("NFKC", word)  # full-width digits from a Chinese IME
    if not word:
        raise UsageError("parcel", "missing_waybill")
    if not is_waybill(word):
        raise UsageError("parcel", "bad_waybill", word=word)
    return word, tail


def _weight_and_size(rest: str) -> tuple[Decimal | None, Dims | None, str]:
    """Read an optional KG then an optional LxWxH from the front of REST."""
    word, tail = split_first(rest)
    kg = parse_kg(word) if word else None
    if kg is None:
        return None, None, rest
    word, after = split_first(tail)
    dims = parse_dims(word) if word else None
    return kg, dims, after if dims else tail


def _close(waybill: str, rest: str) -> ParcelCmd:
    word, tail = split_first(rest)
    state = _STATES.get(word)
    if state is None:
        raise UsageError("parcel", "unknown_state", word=word)
    if state != "transferred":
        return ParcelCmd("close", waybill, state, tail[:500])
    # `transferred [note]` stays valid: whether the first word names a channel is for the
    # policy to say, so the service decides between (channel, kg, sizes, note) and raw.
    channel, after = split_first(tail)
    kg, dims, note = _weight_and_size(after) if channel else (None, None, "")
    return ParcelCmd("close", waybill, state, note[:500], channel=channel, kg=kg, dims=dims,
                     raw=tail[:500])


def _note(waybill: str, rest: str) -> ParcelCmd:
    first, tail = split_first(rest)
    flagged = first in _REPLY_FLAGS
    replied, text = split_reply(tail if flagged else rest)
    if not text:
        raise UsageError("parcel", "missing_text")
    return ParcelCmd("note", waybill, text=text[:500], reply=flagged or replied)


def _fee(rest: str) -> ParcelCmd:
    word, tail = split_first(rest)
    kg = parse_kg(word)
    if kg is None:
        raise UsageError("parcel", "bad_weight", word=word)
    size, extra = split_first(tail)
    dims = parse_dims(size) if size else None
    if size and dims is None:
        raise UsageError("parcel", "bad_size", word=size)
    if extra:
        raise UsageError("parcel", "unknown_word", word=extra.split()[0])
    return ParcelCmd("fee", kg=kg, dims=dims)


def parse_parcel(text: str) -> ParcelCmd:
    """Parse `/parcel log|note|show|close|list|fee|assign …` (Chinese words too)."""
    word, rest = split_first(text)
    action = _ACTIONS.get(word) if word else "list"
    if action is None:
        raise UsageError("parcel", "unknown_word", word=word)
    if action == "list":
        view, extra = split_first(rest)
        if view not in _VIEWS or extra:
            raise UsageError("parcel", "unknown_view", word=view or extra)
        return ParcelCmd("list", word=_VIEWS[view])
    if action == "fee":
        return _fee(rest)
    waybill, rest = _waybill(rest)
    if action == "log":
        kind, note = split_first(rest)
        if not kind:
            raise UsageError("parcel", "missing_type")
        return ParcelCmd("log", waybill, kind, note[:500])
    if action == "note":
        return _note(waybill, rest)
    if action == "close":
        return _close(waybill, rest)
    if action == "assign":
        person = parse_person(rest.split()[0]) if rest else None
        if person is None:
            raise UsageError("parcel", "missing_person")
        return ParcelCmd("assign", waybill, person=person)
    return ParcelCmd("show", waybill)
