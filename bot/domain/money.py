"""Money is integer fen (分); this is how it is written for people."""

from __future__ import annotations

import re


def yuan(fen: int) -> str:
    """Format integer fen as yuan: 1000 → "10", 1050 → "10.50", -2000 → "-20"."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{whole}" if part == 0 else f"{sign}{whole}.{part:02d}"


def parse_yuan(text: str) -> int:
    """Read an amount in yuan exactly as fen: "4500" → 450000, "10.5" → 1050; else ValueError."""
    found = re.fullmatch(r"(\d{1,12})(?:\.(\d{1,2}))?", text.strip())
    if found is None:
        raise ValueError(f'"{text}" is not an amount in yuan (write e.g. 4500 or 4500.50)')
    return int(found[1]) * 100 + int((found[2] or "0").ljust(2, "0"))
