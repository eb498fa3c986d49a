"""Read a policy file, and explain every problem in it by file, line and key."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.policy.fields import Loc, PolicyRuleError, key_path, quoted
from bot.policy.locate import key_lines
from bot.policy.model import Policy

__all__ = ["PolicyError", "load_policy", "parse_policy"]

_TOML_AT = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.S)
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
        lines = key_lines(text)
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
