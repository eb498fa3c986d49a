"""Waybills, the type catalogue, dated notes, reply marks and phone masking."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.domain.parcels import (
    dated_note,
    is_waybill,
    mask_phones,
    split_reply,
    waybills_in,
)
from bot.policy import describe_policy, load_policy
from bot.policy.parcels import ParcelsConfig

CATALOGUE = ParcelsConfig()


@pytest.mark.parametrize(("text", "masked"), [
    ("客户 13812345678 不在家", "客户 138****5678 不在家"),
    ("+8613812345678", "+86138****5678"),
    ("138-1234-5678 / 159 8765 4321", "138-****-5678 / 159 **** 4321"),
    ("运单 518012345678", "运单 518012345678"),  # a waybill is not a phone
    ("12345678901", "12345678901"),  # mobiles start 13-19
    ("1381234567890", "1381234567890"),  # part of a longer number
])
def test_mobile_numbers_are_masked_for_channels(text: str, masked: str) -> None:
    assert mask_phones(text) == masked


@pytest.mark.parametrize(("text", "masked"), [
    ("客户 １３８１２３４５６７８ 不在家", "客户 １３８****５６７８ 不在家"),  # full width
    ("1３8１２３４５６７８", "1３8****５６７８"),  # mixed widths
    ("138.1234.5678", "138.****.5678"),
    ("１３８－１２３４－５６７８", "１３８－****－５６７８"),
    ("＋８６ １３８ １２３４ ５６７８", "＋８６ １３８ **** ５６７８"),
    ("+86 138-1234-5678", "+86 138-****-5678"),
    ("座机 021-62345678", "座机 021-****5678"),  # landline
    ("0755-1234567 转 8", "0755-***4567 转 8"),
    ("(021) 6234 5678", "(021) **** 5678"),
    ("（０２１）６２３４５６７８", "（０２１）****５６７８"),
    ("2026-11-24 08:30 收 0.50 元", "2026-11-24 08:30 收 0.50 元"),
    ("运单 ５１８０１２３４５６７８", "运单 ５１８０１２３４５６７８"),
])
def test_phones_are_masked_in_every_form_people_type(text: str, masked: str) -> None:
    assert mask_phones(text) == masked


_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789+-."}


@st.composite
def typed_mobile(draw: st.DrawFn) -> tuple[str, str]:
    """A mobile number and one way a person may type it: widths, groups, +86."""
    digits = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9,
                                                                  max_size=9))
    sep = [draw(st.sampled_from(["", " ", "-", ".", "－", "．", "\u3000"])) for _ in range(2)]
    text = draw(st.sampled_from(["", "+86", "86 ", "+86-", "＋８６ "])) + digits[:3] + sep[0] + \
        digits[3:7] + sep[1] + digits[7:]
    text = "".join(_WIDE[c] if c in _WIDE and draw(st.booleans()) else c for c in text)
    return digits, text


@given(typed_mobile(), st.text("客户电话不在家，。 ab", max_size=5),
       st.text("客户电话不在家，。 ab", max_size=5))
def test_no_typed_mobile_reaches_a_channel(mobile: tuple[str, str], before: str,
                                           after: str) -> None:
    digits, typed = mobile
    shown = unicodedata.normalize("NFKC", mask_phones(before + typed + after))
    assert "****" in shown and digits not in re.sub(r"\D", "", shown)
    assert re.sub(r"\D", "", shown).endswith(digits[7:])  # the last four still tell them apart


@given(st.text("0123456789", min_size=12, max_size=12))
def test_a_waybill_is_never_masked(waybill: str) -> None:
    assert mask_phones(f"运单 {waybill} 破损") == f"运单 {waybill} 破损"


@pytest.mark.parametrize(("word", "ok"), [("518012345678", True), ("51801234567", False),
                                          ("5180123456789", False), ("51801234567a", False),
                                          ("５１８０１２３４５６７８", False)])
def test_a_waybill_is_exactly_12_ascii_digits(word: str, ok: bool) -> None:
    assert is_waybill(word) is ok


def test_waybills_in_text_are_found_once_each_in_order() -> None:
    text = "主单 518012345678 子单 518012345679、518012345678 电话 13812345678 号 1234567890123"
    assert waybills_in(text) == ["518012345678", "518012345679"]


def test_a_follow_up_carries_its_date_in_the_seeds_form() -> None:
    assert dated_note(" 暂放续送 ", date(2026, 12, 6)) == "暂放续送(1206)"


@pytest.mark.parametrize(("text", "result"), [
    ("回复: 同意退回", (True, "同意退回")), ("回复：暂放", (True, "暂放")),
    ("reply: ok", (True, "ok")), ("已回复客户", (False, "已回复客户"))])
def test_a_reply_mark_records_the_sender_station_reply(text: str,
                                                       result: tuple[bool, str]) -> None:
    assert split_reply(text) == result


@pytest.mark.parametrize(("word", "code"), [
    ("phone", "phone"), ("电话错误", "phone"), ("停机", "phone"), ("地址不详", "address"),
    ("破损", "damaged"), ("DAMAGED", "damaged"), ("未到齐", "incomplete"), ("超区", "out-of-area"),
    ("Out of area", "out-of-area"), ("错分", "missorted"), ("回单空封", "empty-return"),
    ("不明货物", "unidentified"), ("刷单件", "fake-order"), ("刷单", "fake-order")])
def test_types_are_found_by_code_chinese_name_or_alias(word: str, code: str) -> None:
    found = CATALOGUE.find_type(word)
    assert found is not None and found.code == code


def test_an_unknown_type_is_not_guessed() -> None:
    assert CATALOGUE.find_type("坏了") is None


def test_courier_policy_spells_out_the_same_parcel_rules_as_the_defaults() -> None:
    courier = Path(__file__).resolve().parents[3] / "bot" / "policy" / "courier.toml"
    assert load_policy(courier).parcels == load_policy(None).parcels == CATALOGUE


def test_policy_refuses_a_weekday_outside_1_to_7() -> None:
    with pytest.raises(ValidationError, match="weekdays are 1"):
        ParcelsConfig.model_validate({"transfer_weekdays": [1, 8]})


def test_policy_refuses_one_word_naming_two_types() -> None:
    types = [{"code": "a", "name": "破损", "name_en": "A"},
             {"code": "b", "name": "B", "name_en": "B", "aliases": ["破损"]}]
    with pytest.raises(ValidationError, match="names two parcel types"):
        ParcelsConfig.model_validate({"types": types})


def test_fees_in_the_policy_are_written_in_yuan() -> None:
    rules = ParcelsConfig.model_validate({"first_kg_fee": "6.5", "next_kg_fee": 2}).fee_rules()
    assert (rules.first_kg_fen, rules.next_kg_fen) == (650, 200)


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "问题件：留存 72 小时；超区件 14:00 前到件当日转出"),
    ("en", "Problem parcels: held 72 h, transfers leave the same day before 14:00")])
def test_policy_check_describes_the_parcel_rules(lang: str, expected: str) -> None:
    text = describe_policy(load_policy(None), lang)
    assert expected in text and "out-of-area 超区" in text
