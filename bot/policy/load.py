"""Read a policy file, and explain every problem in it by file, line and key."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.domain.shifts import DAY_MINUTES
from bot.policy.model import (
    AbsenceStep,
    Loc,
    Policy,
    PolicyRuleError,
    ShiftConfig,
    key_path,
    quoted,
)

_TOML_AT = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.S)
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]")
_BRIEF_MESSAGES = {"missing": "required key is missing", "extra_forbidden": "unknown key"}


class PolicyError(Exception):
    """A policy file that cannot be used; str() has one line per problem."""


def load_policy(path: Path | None = None) -> Policy:
    """Load the policy at `path`, or the packaged default policy when None."""
    try:
        if path is None:
            text = resources.files("bot.policy").joinpath("default.toml").read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path or 'default.toml'}: cannot read the file ({exc})") from exc
    return parse_policy(text, str(path) if path is not None else "default.toml")


def parse_policy(text: str, source: str) -> Policy:
    """Parse and validate policy TOML; `source` names the file in error messages."""
    try:
        # Decimal floats keep "10.55" exact, so money never passes through binary floats.
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(_syntax_problem(str(exc), source)) from exc
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        lines = _key_lines(text)
        problems = [_problem(source, loc, msg, lines) for loc, msg in _flatten(exc)]
        raise PolicyError("\n".join(problems)) from exc


def _syntax_problem(message: str, source: str) -> str:
    """Return a tomllib error as "FILE line N: message (column C)"."""
    match = _TOML_AT.match(message)
    if match is None:
        return f"{source}: TOML syntax error: {message}"
    where = f"{source} line {match['line']}"
    return f"{where}: TOML syntax error: {match['msg']} (column {match['col']})"


def _flatten(exc: ValidationError) -> list[tuple[Loc, str]]:
    """Return each problem of a validation error with its location from the file's root."""
    found: list[tuple[Loc, str]] = []
    for err in exc.errors():
        loc: Loc = tuple(err["loc"])
        rule_error = err.get("ctx", {}).get("error")
        if isinstance(rule_error, PolicyRuleError):
            found.extend((loc + sub, msg) for sub, msg in rule_error.problems)
        else:
            found.append((loc, _message(err)))
    return found


def _message(err: ErrorDetails) -> str:
    """Return a short lower-case message for one pydantic error."""
    if err["type"] in _BRIEF_MESSAGES:
        return _BRIEF_MESSAGES[err["type"]]
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] != "value_error" and isinstance(err["input"], str | int | Decimal | float):
        msg += f" (got {quoted(err['input'])})"
    return msg[:1].lower() + msg[1:]


def _problem(source: str, loc: Loc, msg: str, lines: dict[Loc, int]) -> str:
    """Return one problem as "FILE line N: key: message", the line of the nearest key."""
    where = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
    place = f"{source} line {where}" if where is not None else source
    return f"{place}: {key_path(loc) or 'policy'}: {msg}"


def _key_lines(text: str) -> dict[Loc, int]:
    """Map each table header and key of valid TOML text to the line it is written on."""
    lines: dict[Loc, int] = {}
    counts: dict[Loc, int] = {}
    table: Loc = ()
    open_state: tuple[int, str | None] = (0, None)
    for number, raw in enumerate(text.splitlines(), start=1):
        if open_state != (0, None):  # inside a multi-line array, table or string
            open_state = _scan(raw, *open_state)
        elif match := _ARRAY_HEADER.match(raw):
            table = _open_array(_split_key(match[1]), counts)
            lines.setdefault(table, number)
        elif match := _TABLE_HEADER.match(raw):
            table = _resolve(_split_key(match[1]), counts)
            lines.setdefault(table, number)
        elif match := _KEY.match(raw):
            key = table + _split_key(match[1])
            for n in range(len(table) + 1, len(key) + 1):
                lines.setdefault(key[:n], number)
            open_state = _scan(raw[match.end() :], 0, None)
    return lines


def _split_key(text: str) -> Loc:
    """Split a dotted TOML key into its parts, unquoted."""
    return tuple(a or b or c for a, b, c in re.findall(r'"([^"]*)"|\'([^\']*)\'|([\w-]+)', text))


def _resolve(parts: Loc, counts: dict[Loc, int]) -> Loc:
    """Return a table path with the current index of every array of tables on it."""
    path: Loc = ()
    for part in parts:
        path += (part,)
        if path in counts:
            path += (counts[path] - 1,)
    return path


def _open_array(parts: Loc, counts: dict[Loc, int]) -> Loc:
    """Start the next element of an array of tables and return its path."""
    array = _resolve(parts[:-1], counts) + parts[-1:]
    counts[array] = counts.get(array, 0) + 1
    return array + (counts[array] - 1,)


def _scan(segment: str, depth: int, in_string: str | None) -> tuple[int, str | None]:
    """Return the bracket depth and open multi-line string after a piece of a value."""
    i = 0
    while i < len(segment):
        if in_string is not None:
            close = segment.find(in_string, i)
            if close < 0:
                return depth, in_string
            i, in_string = close + 3, None
        elif segment.startswith(('"""', "'''"), i):
            in_string, i = segment[i : i + 3], i + 3
        elif segment[i] in "\"'":
            i = _string_end(segment, i) + 1
        elif segment[i] == "#":
            break
        else:
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(segment[i], 0)
            i += 1
    return depth, in_string


def _string_end(segment: str, start: int) -> int:
    """Return the index of the quote closing the one-line string opened at `start`."""
    quote, i = segment[start], start + 1
    while i < len(segment) and segment[i] != quote:
        i += 2 if quote == '"' and segment[i] == "\\" else 1
    return i


_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "team": "Team: {name} (time zone {zone}, language {lang})",
        "channels": "Channels: #{channel}, approvals #{approvals}",
        "clock": "Punches count from {early} min before a shift to {grace} min after its end",
        "shifts": "Shifts:", "next_day": " (next day)", "night": ", night",
        "breaks": ", breaks {breaks}", "paid": ", {h} h {m:02d} min paid",
        "tiers": "Lateness / early leave:", "over": "over {n} min", "range": "{a}-{b} min",
        "fine": "{yuan} yuan red packet", "shares": " in {n} shares", "no_fine": "no fine",
        "absent": "{days} day(s) of absence",
        "makeup": "Make-up punches: {free} free a month, then {yuan} yuan for a leaving "
        "make-up; up to {age} days back",
        "steps": "Absence in a month:", "step": "{days} day(s): ", "deduct": "{n} days' wage",
        "month": "the whole month's wage", "notice": "company-wide notice",
        "dismissal": "dismissal",
        "bonus": "Full attendance bonus: {yuan} yuan",
        "red_packet": "Red packets due by the end of the next working day; unpaid ones owe x{n}",
        "colon": ": ", "comma": ", ",
    },
    "zh": {
        "team": "团队：{name}（时区 {zone}，语言 {lang}）",
        "channels": "频道：#{channel}，审批 #{approvals}",
        "clock": "打卡有效范围：班前 {early} 分钟起，至下班后 {grace} 分钟",
        "shifts": "班次：", "next_day": "（次日）", "night": "，夜班",
        "breaks": "，休息 {breaks}", "paid": "，计 {h} 小时 {m:02d} 分",
        "tiers": "迟到 / 早退：", "over": "超过 {n} 分钟", "range": "{a}-{b} 分钟",
        "fine": "{yuan} 元红包", "shares": "（拼手气 {n} 份）", "no_fine": "不罚款",
        "absent": "旷工 {days} 天",
        "makeup": "补卡：每月免费 {free} 次，超出后下班补卡罚 {yuan} 元；可补 {age} 天内的漏卡",
        "steps": "当月旷工：", "step": "{days} 天：", "deduct": "扣 {n} 天工资",
        "month": "扣当月全部工资", "notice": "全公司通报", "dismissal": "辞退",
        "bonus": "全勤奖：{yuan} 元",
        "red_packet": "红包须在下一个工作日结束前发出；漏发者补发 {n} 倍",
        "colon": "：", "comma": "，",
    },
}


def describe_policy(p: Policy, lang: str = "en") -> str:
    """Return a multi-line description of everything the policy defines."""
    t = _LABELS.get(lang, _LABELS["en"])
    lines = [
        t["team"].format(name=p.team.name, zone=p.team.timezone, lang=p.team.language),
        t["channels"].format(channel=p.team.channel, approvals=p.team.approvals_channel),
        t["clock"].format(early=p.clock.early_margin_minutes, grace=p.clock.out_grace_minutes),
        t["shifts"],
        *(f"  {_describe_shift(shift, t)}" for shift in p.shifts),
        t["tiers"],
        *(f"  {_describe_tier(p, i, t)}" for i in range(len(p.lateness.tiers))),
        t["makeup"].format(free=p.makeup.free_per_month, yuan=yuan(p.makeup.leave_fine_fen),
                           age=p.makeup.max_age_days),
        t["steps"],
        *(f"  {_describe_step(step, t)}" for step in p.absence.steps),
        t["bonus"].format(yuan=yuan(p.full_attendance.bonus_fen)),
        t["red_packet"].format(n=p.red_packet.unpaid_multiplier),
    ]
    return "\n".join(lines)


def yuan(fen: int) -> str:
    """Return fen as a yuan amount: 1000 -> "10", 1050 -> "10.50"."""
    whole, cents = divmod(fen, 100)
    return f"{whole}.{cents:02d}" if cents else str(whole)


def _describe_shift(shift: ShiftConfig, t: dict[str, str]) -> str:
    """Return one line for a shift: code, names, times, breaks and paid hours."""
    text = f"{shift.code} {shift.name} / {shift.name_en}  {shift.start}-{shift.end}"
    text += t["next_day"] if shift.end_minute > DAY_MINUTES else ""
    text += t["night"] if shift.night else ""
    if shift.breaks:
        text += t["breaks"].format(breaks=", ".join(f"{a}-{b}" for a, b in shift.breaks))
    hours, minutes = divmod(shift.to_def().duration_minutes, 60)
    return text + t["paid"].format(h=hours, m=minutes)


def _describe_tier(p: Policy, index: int, t: dict[str, str]) -> str:
    """Return one line for the lateness tier at `index`."""
    tier = p.lateness.tiers[index]
    low = (p.lateness.tiers[index - 1].up_to_minutes or 0) + 1 if index else 1
    if tier.up_to_minutes is None:
        span = t["over"].format(n=low - 1)
    else:
        span = t["range"].format(a=low, b=tier.up_to_minutes)
    parts = []
    if tier.fine_fen:
        shares = t["shares"].format(n=tier.shares) if tier.shares else ""
        parts.append(t["fine"].format(yuan=yuan(tier.fine_fen)) + shares)
    if tier.absence_days:
        parts.append(t["absent"].format(days=tier.absence_days))
    return span + t["colon"] + (t["comma"].join(parts) or t["no_fine"])


def _describe_step(step: AbsenceStep, t: dict[str, str]) -> str:
    """Return one line for an absence escalation step."""
    parts = [t["deduct"].format(n=step.deduct_wage_days)] if step.deduct_wage_days else []
    flags = {"month": step.whole_month, "notice": step.notice, "dismissal": step.dismissal}
    parts += [t[flag] for flag, is_set in flags.items() if is_set]
    return t["step"].format(days=step.days) + t["comma"].join(parts)
