"""Billing weight and the transfer fee of a piece, with the carrier's size limits."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class FeeRules:
    """The numbers of the fee rules, from the policy; money in fen, lengths in cm."""

    volume_divisor: int = 7000
    first_kg_fen: int = 500
    next_kg_fen: int = 100
    max_kg: int = 100
    max_side_cm: int = 250
    max_sides_sum_cm: int = 300
    heavy_over_kg: int = 50
    heavy_fee_per_kg_fen: int = 300
    postal_max_kg: int = 20
    postal_max_side_cm: int = 100


@dataclass(frozen=True)
class Refusal:
    """A limit the piece breaks: which one, the limit and what the piece has."""

    code: str  # too_heavy | side_too_long | sides_too_long
    limit: int
    got: Decimal


@dataclass(frozen=True)
class FeeQuote:
    """What a piece costs to transfer, or why it cannot be taken."""

    kg: Decimal
    dims_cm: tuple[Decimal, Decimal, Decimal] | None
    refusals: tuple[Refusal, ...]
    volumetric_kg: Decimal | None = None  # L×W×H/divisor, two decimals, for display
    billing_kg: int = 0
    fee_fen: int = 0
    heavy_delivery_fen: int | None = None  # set when over the heavy limit
    postal_weight_ok: bool = False
    postal_length_ok: bool | None = None  # None: no sizes given, check the length by hand


def billing_kg(kg: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None,
               divisor: int) -> int:
    """Return max(actual kg, L×W×H/divisor) rounded up to the whole kg, at least 1."""
    weight = Fraction(kg)
    if dims_cm is not None:
        length, width, height = (Fraction(d) for d in dims_cm)
        weight = max(weight, length * width * height / divisor)
    return max(1, math.ceil(weight))


def transfer_fee_fen(kg: int, rules: FeeRules) -> int:
    """Return the transfer fee for a billing weight: the first kg, then each further kg."""
    return rules.first_kg_fen + rules.next_kg_fen * max(0, kg - 1)


def refusals(kg: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None,
             rules: FeeRules) -> tuple[Refusal, ...]:
    """Return every limit the piece breaks (none: it can be taken)."""
    found = []
    if kg > rules.max_kg:
        found.append(Refusal("too_heavy", rules.max_kg, kg))
    if dims_cm is not None:
        if max(dims_cm) > rules.max_side_cm:
            found.append(Refusal("side_too_long", rules.max_side_cm, max(dims_cm)))
        total = sum(dims_cm, Decimal(0))
        if total > rules.max_sides_sum_cm:
            found.append(Refusal("sides_too_long", rules.max_sides_sum_cm, total))
    return tuple(found)


def quote(kg: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None,
          rules: FeeRules) -> FeeQuote:
    """Return the billing weight, the transfer fee and the notes for a piece, or refusals."""
    refused = refusals(kg, dims_cm, rules)
    if refused:
        return FeeQuote(kg, dims_cm, refused)
    volumetric = None
    if dims_cm is not None:
        raw = dims_cm[0] * dims_cm[1] * dims_cm[2] / rules.volume_divisor
        volumetric = raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    charged = billing_kg(kg, dims_cm, rules.volume_divisor)
    heavy = charged * rules.heavy_fee_per_kg_fen if kg > rules.heavy_over_kg else None
    length_ok = None if dims_cm is None else max(dims_cm) <= rules.postal_max_side_cm
    return FeeQuote(kg, dims_cm, (), volumetric, charged, transfer_fee_fen(charged, rules),
                    heavy, kg <= rules.postal_max_kg, length_ok)
