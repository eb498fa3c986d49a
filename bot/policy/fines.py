"""The policy's catalogue of manual fines (罚款条例): amounts, units and escalation."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from bot.policy.fields import Fen, FrozenModel, Loc, PolicyRuleError, clashes, quoted

# Rule codes the bot itself uses for fines it derives; a catalogue rule may not take them.
RESERVED_CODES = frozenset({"late", "early", "makeup_out"})


class FineRule(FrozenModel):
    """One manual fine a lead may record; `amounts` escalate per occurrence in a month."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    amounts_fen: tuple[Fen, ...] = Field(alias="amounts", min_length=1)
    unit: str | None = None  # set when the amount is per unit (件, 票, 项): a count is typed
    unit_en: str | None = None
    # From the Nth time in a month: the dismissal flag, and no money.
    dismissal_from: int | None = Field(default=None, ge=1)

    @property
    def per_unit(self) -> bool:
        """Tell whether the amount is charged per unit, so the lead types a count."""
        return self.unit is not None


def shop_fines() -> tuple[FineRule, ...]:
    rows: list[dict[str, Any]] = [
        {"code": "games", "name": "上班玩游戏/看视频", "name_en": "Games or videos at work",
         "amounts": [10, 30], "dismissal_from": 3},
        {"code": "missed_call", "name": "漏接客户电话", "name_en": "Missed customer call",
         "amounts": [5]},
        {"code": "monitoring", "name": "监控项未按时检查", "name_en": "Monitoring item not checked",
         "amounts": [10], "unit": "项", "unit_en": "item"},
        {"code": "shirking", "name": "推诿工作", "name_en": "Shirking a task",
         "amounts": [100], "dismissal_from": 4},
        {"code": "order_late", "name": "订单5天内未录入", "name_en": "Order not entered in 5 days",
         "amounts": [500], "unit": "件", "unit_en": "parcel"},
        {"code": "wrong_heading", "name": "错写大头笔", "name_en": "Wrong destination heading",
         "amounts": [2], "unit": "票", "unit_en": "waybill"},
    ]
    return tuple(FineRule.model_validate(row) for row in rows)


def check_catalogue(rules: tuple[FineRule, ...]) -> tuple[FineRule, ...]:
    """Refuse duplicate codes or names and the codes the bot keeps for itself."""
    problems: list[tuple[Loc, str]] = []
    for i, rule in enumerate(rules):
        if rule.code in RESERVED_CODES:
            problems.append(((i, "code"), f"{quoted(rule.code)} is used by the bot itself"))
    problems += clashes(rules, ("code", "name", "name_en"), "fines")
    if problems:
        raise PolicyRuleError(problems)
    return rules

