"""Find the line of policy TOML text that each table header and key is written on."""

from __future__ import annotations

import re

from bot.policy.fields import Loc

_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]")


def key_lines(text: str) -> dict[Loc, int]:
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
