"""Billing weight, transfer fee and the carrier's limits, at their boundaries."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from bot.domain.parcel_fees import FeeRules, billing_kg, quote, transfer_fee_fen

RULES = FeeRules()


def dims(a: str, b: str, c: str) -> tuple[D, D, D]:
    return D(a), D(b), D(c)


@pytest.mark.parametrize(("kg", "size", "billed"), [
    ("3", None, 3),
    ("3.01", None, 4),  # rounded up to the whole kg
    ("0.2", None, 1),  # at least 1 kg
    ("0.5", ("70", "10", "10"), 1),  # 7000 / 7000 = exactly 1 kg
    ("0.5", ("70", "10", "10.1"), 2),  # 1.01 kg volumetric rounds up to 2
    ("3.2", ("50", "40", "30"), 9),  # 60000 / 7000 = 8.57 → 9
    ("12", ("50", "40", "30"), 12),  # the actual weight is higher
    ("8", ("56", "50", "20"), 8),  # 56000 / 7000 = exactly 8
])
def test_billing_weight_is_the_higher_of_actual_and_volumetric_rounded_up(
        kg: str, size: tuple[str, str, str] | None, billed: int) -> None:
    assert billing_kg(D(kg), dims(*size) if size else None, 7000) == billed


@pytest.mark.parametrize(("kg", "fen"), [(1, 500), (2, 600), (10, 1400), (100, 10400)])
def test_transfer_fee_is_5_yuan_first_kg_and_1_yuan_each_further_kg(kg: int, fen: int) -> None:
    assert transfer_fee_fen(kg, RULES) == fen


def test_a_quote_carries_weight_fee_and_volumetric_weight() -> None:
    q = quote(D("3.2"), dims("50", "40", "30"), RULES)
    assert (q.billing_kg, q.fee_fen, q.volumetric_kg, q.refusals) == (9, 1300, D("8.57"), ())


@pytest.mark.parametrize(("kg", "size", "codes"), [
    ("100", None, []),  # exactly 100 kg is still taken
    ("100.01", None, ["too_heavy"]),
    ("5", ("250", "25", "25"), []),  # a 2.5 m side and exactly 3 m in all
    ("5", ("250.5", "20", "20"), ["side_too_long"]),
    ("5", ("200", "60", "41"), ["sides_too_long"]),  # 301 cm in all
    ("120", ("260", "30", "30"), ["too_heavy", "side_too_long", "sides_too_long"]),
])
def test_pieces_over_the_limits_are_refused(kg: str, size: tuple[str, str, str] | None,
                                            codes: list[str]) -> None:
    q = quote(D(kg), dims(*size) if size else None, RULES)
    assert [r.code for r in q.refusals] == codes
    assert (q.fee_fen == 0) is bool(codes)


@pytest.mark.parametrize(("kg", "heavy"), [("50", None), ("50.5", 51 * 300)])
def test_over_50_kg_the_delivery_fee_is_3_yuan_per_kg(kg: str, heavy: int | None) -> None:
    assert quote(D(kg), None, RULES).heavy_delivery_fen == heavy


@pytest.mark.parametrize(("kg", "size", "weight_ok", "length_ok"), [
    ("20", None, True, None),  # no sizes: the length is for the agent to check
    ("20.1", None, False, None),
    ("5", ("100", "30", "20"), True, True),  # exactly 1 m
    ("5", ("101", "30", "20"), True, False),
])
def test_postal_limits_are_20_kg_and_1_m(kg: str, size: tuple[str, str, str] | None,
                                         weight_ok: bool, length_ok: bool | None) -> None:
    q = quote(D(kg), dims(*size) if size else None, RULES)
    assert (q.postal_weight_ok, q.postal_length_ok) == (weight_ok, length_ok)


def test_the_divisor_comes_from_the_rules() -> None:
    assert billing_kg(D("1"), dims("60", "50", "40"), 6000) == 20
