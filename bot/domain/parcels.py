"""Problem parcels (问题件): waybills, the type catalogue, close states, notes and masking."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WAYBILL_DIGITS = 12
_WAYBILL = re.compile(r"^\d{12}$", re.ASCII)
_WAYBILL_IN_TEXT = re.compile(r"(?<!\d)\d{12}(?!\d)", re.ASCII)
# Phone numbers as people type them: digits ASCII or full-width (１３８), grouped by a
# space, dash or dot in either width; never part of a longer number such as a waybill.
_D = "[0-9０-９]"
_SEP = "[-. \u3000．－‐‑–—]"
# Mobiles: 11 digits starting 13-19, maybe +86 in front (138-1234-5678, +86 138.1234.5678).
_MOBILE = re.compile(rf"(?<!{_D})((?:[+＋]?[8８][6６]{_SEP}?)?[1１][3-9３-９]{_D})({_SEP}?)"
                     rf"({_D}{{4}})({_SEP}?)({_D}{{4}})(?!{_D})")
# Landlines: an area code 0XX or 0XXX, set apart (021-62345678, (0755) 1234 567), then
# 7-8 digits; run together with the area code they cannot be told from other numbers.
_AREA = rf"[0０]{_D}{{2,3}}"
_LANDLINE = re.compile(rf"(?<!{_D})([(（]{_AREA}[)）]{_SEP}?|{_AREA}{_SEP})"
                       rf"({_D}{{3,4}})({_SEP}?)({_D}{{4}})(?!{_D})")
_REPLY_PREFIXES = ("回复:", "回复：", "reply:")

CLOSE_STATES = ("delivered", "transferred", "returned", "other")


@dataclass(frozen=True)
class ParcelType:
    """One kind of problem: how it is named and how it is handled."""

    code: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    hold: bool = True  # held for the sender station's reply, returned after the hold
    photo: bool = False  # the seeds require a photo on the record
    transfer: bool = False  # normally transferred to another carrier, not held
    needs_related: bool = False  # must name the main/sub waybills

    def words(self) -> set[str]:
        """Return every word that names this type, folded for comparison."""
        return {w.casefold() for w in (self.code, self.name, self.name_en, *self.aliases)}


def is_waybill(text: str) -> bool:
    """Say whether TEXT is a waybill number: exactly 12 digits."""
    return bool(_WAYBILL.match(text))


def waybills_in(text: str) -> list[str]:
    """Return the 12-digit waybill numbers standing alone in TEXT, in order, once each."""
    return list(dict.fromkeys(_WAYBILL_IN_TEXT.findall(text)))


def find_type(catalogue: Sequence[ParcelType], word: str) -> ParcelType | None:
    """Return the type named by code, Chinese or English name or alias, ignoring case."""
    wanted = word.strip().casefold()
    return next((t for t in catalogue if wanted in t.words()), None)


def mask_phones(text: str) -> str:
    """Mask phone numbers for a channel: 13812345678 → 138****5678, 021-62345678 → 021-****5678."""
    text = _MOBILE.sub(lambda m: f"{m[1]}{m[2]}****{m[4]}{m[5]}", text)
    return _LANDLINE.sub(lambda m: f"{m[1]}{'*' * len(m[2])}{m[3]}{m[4]}", text)


def dated_note(text: str, day: date) -> str:
    """Return a follow-up in the seeds' form: the text, then the day as (MMDD)."""
    return f"{text.strip()}({day:%m%d})"


def split_reply(text: str) -> tuple[bool, str]:
    """Say whether a note records the sender station's reply (回复:), and strip the mark."""
    stripped = text.strip()
    for prefix in _REPLY_PREFIXES:
        if stripped.casefold().startswith(prefix):
            return True, stripped[len(prefix):].strip()
    return False, stripped


def marked_do_not_transfer(text: str, marks: Sequence[str]) -> bool:
    """Say whether a note carries a "do not transfer" mark such as 超区勿转."""
    folded = text.casefold()
    return any(mark.casefold() in folded for mark in marks)


def is_held(kind: ParcelType, no_transfer: bool) -> bool:
    """Say whether the parcel waits for the sender station (and goes back after the hold)."""
    return kind.hold or (kind.transfer and no_transfer)


def is_transfer(kind: ParcelType, no_transfer: bool) -> bool:
    """Say whether the parcel is sent on through a partner carrier."""
    return kind.transfer and not no_transfer
