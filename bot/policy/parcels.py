"""The `[parcels]` policy section: problem types, the hold, transfers and the fee rules."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pydantic import ConfigDict, Field, field_validator

from bot.domain.parcel_fees import FeeRules
from bot.domain.parcels import ParcelType, find_type
from bot.policy.fields import HHMM, Fen, FrozenModel, minute_of, quoted


class ParcelTypeConfig(FrozenModel):
    """One problem type of the catalogue."""

    code: str = Field(pattern=r"^[a-z][a-z0-9-]{0,15}$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    hold: bool = True
    photo: bool = False
    transfer: bool = False
    needs_related: bool = False

    def to_type(self) -> ParcelType:
        """Return the domain type for this entry."""
        return ParcelType(self.code, self.name, self.name_en, self.aliases, self.hold,
                          self.photo, self.transfer, self.needs_related)


class ChannelConfig(FrozenModel):
    """A way to send an out-of-area parcel on: a partner carrier or postal parcel."""

    code: str = Field(pattern=r"^[a-z][a-z0-9-]{0,15}$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    postal: bool = False  # the postal limits apply
    needs_consent: bool = False  # only with the sender station's recorded reply (EMS)

    def words(self) -> set[str]:
        """Return every word that names this channel, folded."""
        return {w.casefold() for w in (self.code, self.name, self.name_en)}


_TYPES: tuple[dict[str, Any], ...] = (
    {"code": "phone", "name": "电话错误", "name_en": "Wrong phone", "aliases": ["停机", "电话"]},
    {"code": "address", "name": "地址不详", "name_en": "Unclear address", "aliases": ["地址"]},
    {"code": "damaged", "name": "破损", "name_en": "Damaged", "photo": True},
    {"code": "incomplete", "name": "未到齐", "name_en": "Incomplete", "needs_related": True},
    {"code": "out-of-area", "name": "超区", "name_en": "Out of area", "transfer": True,
     "hold": False},
    {"code": "missorted", "name": "错分", "name_en": "Mis-sorted", "photo": True},
    {"code": "empty-return", "name": "回单空封", "name_en": "Empty return envelope"},
    {"code": "unidentified", "name": "不明货物", "name_en": "Unidentified goods",
     "photo": True},
    {"code": "fake-order", "name": "刷单件", "name_en": "Fake order", "aliases": ["刷单"],
     "hold": False},
)
_CHANNELS: tuple[dict[str, Any], ...] = (
    {"code": "sto", "name": "申通", "name_en": "STO"},
    {"code": "zto", "name": "中通", "name_en": "ZTO"},
    {"code": "yto", "name": "圆通", "name_en": "YTO"},
    {"code": "postal", "name": "邮政小包", "name_en": "Postal parcel", "postal": True},
    {"code": "ems", "name": "EMS", "name_en": "EMS", "needs_consent": True},
)


class ParcelsConfig(FrozenModel):
    """Rules of the problem-parcel register; money in yuan in the file, fen here."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    hold_hours: int = Field(default=72, ge=1, le=24 * 30)
    transfer_cutoff: HHMM = "14:00"
    transfer_weekdays: tuple[int, ...] = Field(default=(1, 2, 3, 4, 5, 6, 7), min_length=1)
    transfer_tracking_days: int = Field(default=3, ge=0, le=30)
    followup_by: HHMM = "10:00"
    do_not_transfer_marks: tuple[str, ...] = ("超区勿转", "勿转", "do not transfer")
    volume_divisor: int = Field(default=7000, ge=1)
    first_kg_fen: Fen = Field(default=500, alias="first_kg_fee")
    next_kg_fen: Fen = Field(default=100, alias="next_kg_fee")
    max_kg: int = Field(default=100, ge=1)
    max_side_cm: int = Field(default=250, ge=1)
    max_sides_sum_cm: int = Field(default=300, ge=1)
    heavy_over_kg: int = Field(default=50, ge=1)
    heavy_fee_per_kg_fen: Fen = Field(default=300, alias="heavy_fee_per_kg")
    postal_max_kg: int = Field(default=20, ge=1)
    postal_max_side_cm: int = Field(default=100, ge=1)
    types: tuple[ParcelTypeConfig, ...] = Field(
        default=tuple(ParcelTypeConfig.model_validate(t) for t in _TYPES), min_length=1)
    channels: tuple[ChannelConfig, ...] = Field(
        default=tuple(ChannelConfig.model_validate(c) for c in _CHANNELS), min_length=1)

    @field_validator("transfer_weekdays")
    @classmethod
    def _iso_weekdays(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        bad = [d for d in value if not 1 <= d <= 7]
        if bad:
            raise ValueError(f"weekdays are 1 (Monday) to 7 (Sunday) (got {quoted(bad[0])})")
        return value

    @field_validator("types")
    @classmethod
    def _unique_words(cls, value: tuple[ParcelTypeConfig, ...]) -> tuple[ParcelTypeConfig, ...]:
        seen: set[str] = set()
        for entry in value:
            words = entry.to_type().words()
            clash = words & seen
            if clash:
                raise ValueError(f"{quoted(sorted(clash)[0])} names two parcel types")
            seen |= words
        return value

    @property
    def cutoff_minute(self) -> int:
        """Return the transfer cut-off as minutes after midnight."""
        return minute_of(self.transfer_cutoff)

    @cached_property
    def _catalogue(self) -> tuple[ParcelType, ...]:
        return tuple(t.to_type() for t in self.types)

    @cached_property
    def _by_code(self) -> dict[str, ParcelType]:
        return {t.code: t for t in self._catalogue}

    def catalogue(self) -> tuple[ParcelType, ...]:
        """Return the problem types as domain types."""
        return self._catalogue

    def find_type(self, word: str) -> ParcelType | None:
        """Return the type named by WORD (code, Chinese or English name, alias)."""
        return find_type(self._catalogue, word)

    def type_of(self, code: str) -> ParcelType:
        """Return the type with this stored code; an unknown one reads as a held problem."""
        return self._by_code.get(code) or ParcelType(code, code, code)

    def find_channel(self, word: str) -> ChannelConfig | None:
        """Return the transfer channel named by WORD."""
        wanted = word.strip().casefold()
        return next((c for c in self.channels if wanted in c.words()), None)

    def fee_rules(self) -> FeeRules:
        """Return the fee rules as a domain value."""
        return FeeRules(self.volume_divisor, self.first_kg_fen, self.next_kg_fen, self.max_kg,
                        self.max_side_cm, self.max_sides_sum_cm, self.heavy_over_kg,
                        self.heavy_fee_per_kg_fen, self.postal_max_kg, self.postal_max_side_cm)
