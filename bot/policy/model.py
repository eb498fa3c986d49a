"""The team policy: pydantic models of the TOML file, with money stored as fen."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationInfo, field_validator

from bot.domain.lateness import LatenessTier
from bot.domain.shifts import DAY_MINUTES, ShiftDef
from bot.policy.fields import (
    HHMM,
    FrozenModel,
    PolicyRuleError,
    clashes,
    minute_of,
    quoted,
)
from bot.policy.fines import FineRule, check_catalogue, shop_fines
from bot.policy.jobs import JobsConfig
from bot.policy.parcels import ParcelsConfig
from bot.policy.roster import LeaveConfig, RosterConfig, roster_shifts
from bot.policy.rules import (
    AbsenceConfig,
    FullAttendanceConfig,
    LatenessConfig,
    MakeupConfig,
    RedPacketConfig,
)


class TeamConfig(FrozenModel):
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


class ClockConfig(FrozenModel):
    """How far from a shift a punch still counts for it."""

    early_margin_minutes: int = Field(default=60, ge=0, le=DAY_MINUTES)
    out_grace_minutes: int = Field(default=360, ge=0, le=DAY_MINUTES)


class ShiftConfig(FrozenModel):
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


class Policy(FrozenModel):
    """A team's rules as loaded from its policy file."""

    team: TeamConfig
    clock: ClockConfig = Field(default_factory=ClockConfig)
    shifts: tuple[ShiftConfig, ...] = Field(min_length=1)
    lateness: LatenessConfig = Field(default_factory=LatenessConfig)
    makeup: MakeupConfig = Field(default_factory=MakeupConfig)
    absence: AbsenceConfig = Field(default_factory=AbsenceConfig)
    full_attendance: FullAttendanceConfig = Field(default_factory=FullAttendanceConfig)
    red_packet: RedPacketConfig = Field(default_factory=RedPacketConfig)
    fines: tuple[FineRule, ...] = Field(default_factory=shop_fines)
    parcels: ParcelsConfig = Field(default_factory=ParcelsConfig)
    roster: RosterConfig = Field(default_factory=RosterConfig)
    leave: LeaveConfig = Field(default_factory=LeaveConfig)
    jobs: JobsConfig = Field(default_factory=JobsConfig)

    @field_validator("shifts")
    @classmethod
    def _unique(cls, shifts: tuple[ShiftConfig, ...]) -> tuple[ShiftConfig, ...]:
        problems = clashes(shifts, ("code", "name", "name_en"), "shifts",
                           "; codes and names must be unique")
        if problems:
            raise PolicyRuleError(problems)
        return shifts

    @field_validator("roster")
    @classmethod
    def _roster_shifts(cls, roster: RosterConfig, info: ValidationInfo) -> RosterConfig:
        return roster_shifts(roster, info.data.get("shifts", ()))

    @field_validator("fines")
    @classmethod
    def _fine_catalogue(cls, rules: tuple[FineRule, ...]) -> tuple[FineRule, ...]:
        return check_catalogue(rules)

    def find_fine(self, text: str) -> FineRule | None:
        """Return the catalogue rule named by code or Chinese or English name."""
        wanted = text.strip().casefold()
        return next((r for r in self.fines
                     if wanted in {r.code, r.name.casefold(), r.name_en.casefold()}), None)

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
