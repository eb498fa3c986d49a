"""A swap refused by a roster rule names the rule and the day, in the reader's language."""

from __future__ import annotations

from datetime import date

import pytest

from bot.render.text import Lang, render

NIGHT = {"rule": "day_after_night", "day": date(2026, 11, 26), "shift": "D", "group": None,
         "person": "李晓"}
SHORT = {"rule": "coverage_min", "day": date(2026, 11, 25), "shift": "D", "group": "售前",
         "person": None}


@pytest.mark.parametrize(("lang", "breach", "text"), [
    ("zh", NIGHT, "这个换班会违反排班规则：11-26 晚班后次日不能上白班（李晓）。未做更改。"),
    ("en", NIGHT, "This swap would break a roster rule: 11-26: no day shift right after a "
                  "late shift (for 李晓). Nothing was changed."),
    ("zh", SHORT, "这个换班会违反排班规则：11-25 D 售前 人数会低于最低要求。未做更改。"),
    ("en", SHORT, "This swap would break a roster rule: 11-25 D 售前: too few people on the "
                  "shift. Nothing was changed."),
])
def test_a_rule_refusal_names_the_rule_and_the_day(lang: Lang, breach: dict[str, object],
                                                   text: str) -> None:
    assert render(lang, "refused", reason="swap_breaks_rule", p=breach) == text


def test_no_offer_says_which_rule_stops_them_not_a_list() -> None:
    text = render("zh", "swap_offers", day=date(2026, 11, 25), offers=[], blocked=NIGHT)
    assert "11-25 没有人能接你的班而不违反排班规则：11-26 晚班后次日不能上白班（李晓）" in text
    assert "晚班后休息、休息日、人数要求" not in text
