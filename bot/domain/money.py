"""Money is integer fen (分); this is how it is written for people."""

from __future__ import annotations


def yuan(fen: int) -> str:
    """Format integer fen as yuan: 1000 → "10", 1050 → "10.50", -2000 → "-20"."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{whole}" if part == 0 else f"{sign}{whole}.{part:02d}"
