"""The team policy: pydantic models of the TOML file, with money stored as fen."""

from __future__ import annotations

import json
import re
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from bot.domain.lateness import LatenessTier
from bot.domain.shifts import DAY_MINUTES, ShiftDef

Loc = tuple[str | int, ...]
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


class PolicyRuleError(ValueError):
    """Several problems found by a validator, each at a location relative to it."""

    def __init__(self, problems: list[tuple[Loc, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key_path(loc)}: {msg}" for loc, msg in problems))


def key_path(loc: Loc) -> str:
    """Return a location as a key path such as shifts[1].start."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def quoted(value: object) -> str:
    """Return a value as the operator wrote it, for error messages."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _to_fen(value: Any) -> int:
    """Convert an amount in yuan (int, decimal string, Decimal or exact float) to fen."""
    example = f"an amount in yuan such as 10 or \"10.50\" (got {quoted(value)})"
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise ValueError(f"must be {example}")
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise ValueError(f"must be {example}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"must be zero or more yuan (got {quoted(value)})")
    fen = amount * 100
    if fen != fen.to_integral_value():
        hint = "; write the amount as a string" if isinstance(value, float) else ""
        raise ValueError(f"must have at most 2 decimals (got {quoted(value)}){hint}")
    return int(fen)


def _to_hhmm(value: Any) -> str:
    """Normalise a TOML time or "HH:MM" string, 00:00..24:00, to "HH:MM"."""
    if isinstance(value, time) and value.second == value.microsecond == 0:
        return f"{value.hour:02d}:{value.minute:02d}"
    match = _HHMM.match(value.strip()) if isinstance(value, str) else None
    if match is None or int(match[2]) > 59 or int(match[1]) * 60 + int(match[2]) > DAY_MINUTES:
        raise ValueError(f"must be HH:MM between 00:00 and 24:00 (got {quoted(value)})")
    return f"{int(match[1]):02d}:{match[2]}"


def minute_of(hhmm: str) -> int:
    """Return the minute of the day of an "HH:MM" string."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


Fen = Annotated[int, BeforeValidator(_to_fen)]
HHMM = Annotated[str, BeforeValidator(_to_hhmm)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TeamConfig(_Model):
    """Who the team is and where it talks."""

    name: str = Field(min_length=1)
    timezone: str
    language: Literal["zh", "en"] = "zh"
    channel: str = Field(default="kefu", min_length=1)
    approvals_channel: str = Field(default="kefu-approvals", min_length=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            msg = f"unknown time zone, use e.g. \"Asia/Shanghai\" (got {quoted(value)})"
            raise ValueError(msg) from None
        return value


class ClockConfig(_Model):
    """How far from a shift a punch still counts for it."""

    early_margin_minutes: int = Field(default=60, ge=0, le=DAY_MINUTES)
    out_grace_minutes: int = Field(default=360, ge=0, le=DAY_MINUTES)


class ShiftConfig(_Model):
    """One shift of the catalogue; an end at or before the start means the next day."""

    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,16}$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    start: HHMM
    end: HHMM
    night: bool = False
    breaks: tuple[tuple[HHMM, HHMM], ...] = ()

    @property
    def start_minute(self) -> int:
        """Return the start as minutes after midnight of the roster day."""
        return minute_of(self.start)

    @property
    def end_minute(self) -> int:
        """Return the end in the start's minute frame (past 1440 when it is the next day)."""
        return _after(minute_of(self.end), self.start_minute)

    @field_validator("breaks")
    @classmethod
    def _breaks_inside(
        cls, value: tuple[tuple[str, str], ...], info: ValidationInfo
    ) -> tuple[tuple[str, str], ...]:
        if "start" not in info.data or "end" not in info.data:
            return value
        start = minute_of(info.data["start"])
        end = _after(minute_of(info.data["end"]), start)
        previous = start
        for (begin, stop), (begin_text, end_text) in zip(_frame(value, start), value, strict=True):
            if not previous <= begin < stop <= end:
                window = f"{info.data['start']}-{info.data['end']}"
                raise ValueError(
                    f"break {begin_text}-{end_text} must lie inside the shift {window}, "
                    "after the previous break"
                )
            previous = stop
        return value

    def to_def(self) -> ShiftDef:
        """Return the domain shift for this entry."""
        return ShiftDef(
            self.code, self.name, self.name_en, self.start_minute, self.end_minute,
            self.night, _frame(self.breaks, self.start_minute),
        )


def _after(minute: int, anchor: int, *, allow_equal: bool = False) -> int:
    """Return `minute` moved into the day after when it falls before (or at) `anchor`."""
    while minute < anchor or (minute == anchor and not allow_equal):
        minute += DAY_MINUTES
    return minute


def _frame(breaks: tuple[tuple[str, str], ...], start: int) -> tuple[tuple[int, int], ...]:
    """Return breaks as minutes in the frame of a shift starting at `start`."""
    framed = []
    for begin_text, end_text in breaks:
        begin = _after(minute_of(begin_text), start, allow_equal=True)
        framed.append((begin, _after(minute_of(end_text), begin)))
    return tuple(framed)


class TierConfig(_Model):
    """A lateness band as written in the file; `fine` is in yuan, stored as fen."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    up_to_minutes: int | None = Field(default=None, ge=1)
    fine_fen: Fen = Field(alias="fine")
    shares: int | None = Field(default=None, ge=1)
    absence_days: Decimal = Field(default=Decimal(0), ge=0)

    def to_tier(self) -> LatenessTier:
        """Return the domain tier for this entry."""
        return LatenessTier(self.up_to_minutes, self.fine_fen, self.shares, self.absence_days)


def _shop_tiers() -> tuple[TierConfig, ...]:
    rows: list[dict[str, Any]] = [
        {"up_to_minutes": 10, "fine": 10, "shares": 5},
        {"up_to_minutes": 20, "fine": 20},
        {"up_to_minutes": 30, "fine": 50, "shares": 5},
        {"fine": 0, "absence_days": "0.5"},
    ]
    return tuple(TierConfig.model_validate(row) for row in rows)


class LatenessConfig(_Model):
    """Tiers for late arrival and early leave, ascending, the last one unbounded."""

    tiers: tuple[TierConfig, ...] = Field(default_factory=_shop_tiers, min_length=1)

    @field_validator("tiers")
    @classmethod
    def _ascending(cls, tiers: tuple[TierConfig, ...]) -> tuple[TierConfig, ...]:
        problems: list[tuple[Loc, str]] = []
        previous = 0
        for i, tier in enumerate(tiers):
            loc: Loc = (i, "up_to_minutes")
            last = i == len(tiers) - 1
            if tier.up_to_minutes is None and not last:
                problems.append((loc, "only the last tier may be unbounded (no up_to_minutes)"))
            elif tier.up_to_minutes is not None and last:
                problems.append((loc, "the last tier must be unbounded: remove up_to_minutes"))
            if tier.up_to_minutes is not None:
                if tier.up_to_minutes <= previous:
                    problems.append((loc, f"must be greater than {previous}, tiers ascend"))
                previous = tier.up_to_minutes
        if problems:
            raise PolicyRuleError(problems)
        return tiers


class MakeupConfig(_Model):
    """Make-up punches (补卡): free quota, the fine beyond it, how old a gap may be."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    free_per_month: int = Field(default=3, ge=0)
    leave_fine_fen: Fen = Field(default=1000, alias="leave_fine")
    max_age_days: int = Field(default=7, ge=0)


class AbsenceStep(_Model):
    """What a month's total absence (旷工) of at least `days` leads to."""

    days: Decimal = Field(gt=0)
    deduct_wage_days: int | None = Field(default=None, ge=0)
    whole_month: bool = False
    notice: bool = False
    dismissal: bool = False


def _shop_steps() -> tuple[AbsenceStep, ...]:
    return (
        AbsenceStep(days=Decimal("0.5"), deduct_wage_days=3),
        AbsenceStep(days=Decimal(1), deduct_wage_days=5),
        AbsenceStep(days=Decimal(2), deduct_wage_days=10, notice=True),
        AbsenceStep(days=Decimal(3), whole_month=True, dismissal=True),
    )


class AbsenceConfig(_Model):
    """Escalation steps for absence, ascending by days."""

    steps: tuple[AbsenceStep, ...] = Field(default_factory=_shop_steps)

    @field_validator("steps")
    @classmethod
    def _ascending(cls, steps: tuple[AbsenceStep, ...]) -> tuple[AbsenceStep, ...]:
        problems: list[tuple[Loc, str]] = []
        for i, step in enumerate(steps):
            if i and step.days <= steps[i - 1].days:
                problems.append(((i, "days"), f"must be greater than {steps[i - 1].days}"))
            if step.whole_month and step.deduct_wage_days is not None:
                problems.append(((i, "deduct_wage_days"), "not with whole_month = true"))
        if problems:
            raise PolicyRuleError(problems)
        return steps


class FullAttendanceConfig(_Model):
    """The monthly full-attendance bonus (全勤奖), stored as fen."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    bonus_fen: Fen = Field(default=20000, alias="bonus")


class RedPacketConfig(_Model):
    """When a red-packet fine is due, and what an unpaid one grows to."""

    due: Literal["next_working_day_end"] = "next_working_day_end"
    unpaid_multiplier: int = Field(default=2, ge=1)


class Policy(_Model):
    """A team's rules as loaded from its policy file."""

    team: TeamConfig
    clock: ClockConfig = Field(default_factory=ClockConfig)
    shifts: tuple[ShiftConfig, ...] = Field(min_length=1)
    lateness: LatenessConfig = Field(default_factory=LatenessConfig)
    makeup: MakeupConfig = Field(default_factory=MakeupConfig)
    absence: AbsenceConfig = Field(default_factory=AbsenceConfig)
    full_attendance: FullAttendanceConfig = Field(default_factory=FullAttendanceConfig)
    red_packet: RedPacketConfig = Field(default_factory=RedPacketConfig)

    @field_validator("shifts")
    @classmethod
    def _unique(cls, shifts: tuple[ShiftConfig, ...]) -> tuple[ShiftConfig, ...]:
        seen: dict[str, int] = {}
        problems: list[tuple[Loc, str]] = []
        for i, shift in enumerate(shifts):
            own = {"code": shift.code.casefold(), "name": shift.name,
                   "name_en": shift.name_en.casefold()}
            for key, token in own.items():
                if seen.get(token, i) != i:
                    problems.append(((i, key), f"{quoted(getattr(shift, key))} is already used "
                                     f"by shifts[{seen[token]}]; codes and names must be unique"))
                seen.setdefault(token, i)
        if problems:
            raise PolicyRuleError(problems)
        return shifts

    @property
    def tz(self) -> ZoneInfo:
        """Return the team's time zone."""
        return ZoneInfo(self.team.timezone)

    def shift_defs(self) -> tuple[ShiftDef, ...]:
        """Return the shift catalogue as domain shifts."""
        return tuple(shift.to_def() for shift in self.shifts)

    def find_shift(self, text: str) -> ShiftDef | None:
        """Return the shift named by code or Chinese or English name, ignoring case."""
        wanted = text.strip().casefold()
        for shift in self.shifts:
            if wanted in {shift.code.casefold(), shift.name.casefold(), shift.name_en.casefold()}:
                return shift.to_def()
        return None

    def lateness_tiers(self) -> tuple[LatenessTier, ...]:
        """Return the lateness tiers as domain tiers."""
        return tuple(tier.to_tier() for tier in self.lateness.tiers)
