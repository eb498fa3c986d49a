"""Refusals name a broken roster rule and its day in the reader's language, with the figure
the policy states: table-driven from the checker's Violation objects."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from bot.policy import parse_policy
from bot.render.text import render
from bot.services.roster import breach
from bot.solver.problem import Violation
from tests.unit.test_policy import BASE

POLICY = parse_policy(BASE + """
[roster]
forbidden_successions = [["E", "D"]]
min_consecutive_days = 2
min_consecutive_days_off = 2
max_weekends_per_month = 2
min_hours_per_month = 120
max_hours_per_month = 200
max_shifts_per_month = { E = 8 }
""", "p.toml")
DAY = date(2026, 12, 8)
NAMES = {3: "陈晓"}

CASES = [
    (Violation("succession", DAY, 3, "D", detail="after E"),
     "12-08 晚班后第二天不能上白班（陈晓）", "12-08: no Day (D) the day after Late (E) (for 陈晓)"),
    (Violation("consecutive_days", DAY, 3, need=6, have=7, span=7),
     "12-08 最多连续上班 6 天（陈晓）", "12-08: at most 6 working days in a row (for 陈晓)"),
    (Violation("min_consecutive_days", DAY, 3, need=2, have=1),
     "12-08 至少连续上班 2 天（陈晓）", "12-08: at least 2 working days in a row (for 陈晓)"),
    (Violation("min_days_off", DAY, 3, need=2, have=1),
     "12-08 至少连续休息 2 天（陈晓）", "12-08: at least 2 days off in a row (for 陈晓)"),
    (Violation("max_weekends", DAY, 3, need=1, have=2),  # the week's share of the month's 2
     "12-08 每月最多 2 个周末（陈晓）", "12-08: at most 2 weekends a month (for 陈晓)"),
    (Violation("min_minutes", DAY, 3, need=1680, have=1200),
     "12-08 每月工时至少 120 小时（陈晓）", "12-08: at least 120 paid hours a month (for 陈晓)"),
    (Violation("max_minutes", DAY, 3, need=2800, have=3000),
     "12-08 每月工时最多 200 小时（陈晓）", "12-08: at most 200 paid hours a month (for 陈晓)"),
    (Violation("max_shifts", DAY, 3, "E", need=2, have=3),
     "12-08 每月最多 8 个晚班（陈晓）", "12-08: at most 8 Late (E) shifts a month (for 陈晓)"),
]


@pytest.mark.parametrize(("v", "zh", "en"), CASES, ids=[c[0].rule for c in CASES])
def test_a_swap_that_breaks_a_rule_is_refused_naming_the_rule_and_the_day(
        v: Violation, zh: str, en: str) -> None:
    p = breach(v, POLICY, NAMES)
    assert f"这个换班会违反排班规则：{zh}。未做更改。" in render("zh", "refused",
                                                       reason="swap_breaks_rule", p=p)
    assert f"This swap would break a roster rule: {en}. Nothing was changed." in render(
        "en", "refused", reason="swap_breaks_rule", p=p)


@pytest.mark.parametrize(("v", "zh", "en"), CASES, ids=[c[0].rule for c in CASES])
def test_no_counterpart_names_the_rule_that_stops_them(v: Violation, zh: str,
                                                       en: str) -> None:
    p = {"who": "U0A3", "day": DAY, "blocked": breach(v, POLICY, NAMES)}
    assert f"会违反排班规则：{zh}。" in render("zh", "refused", reason="swap_none_with", p=p)
    assert f"without breaking a roster rule: {en}." in render("en", "refused",
                                                               reason="swap_none_with", p=p)


def test_the_shift_before_comes_from_the_roster_when_several_successions_bar_it() -> None:
    policy = POLICY.model_copy(update={"roster": POLICY.roster.model_copy(
        update={"forbidden_successions": (("E", "D"), ("D", "D"))})})
    v = Violation("succession", DAY, 3, "D")
    assert breach(v, policy, NAMES, {(3, date(2026, 12, 7)): "E"})["after"] == "E"
    assert breach(v, policy, NAMES)["after"] is None  # unknown: said without it
    assert "12-08 前一天的班之后第二天不能上白班" in render(
        "zh", "refused", reason="swap_breaks_rule", p=breach(v, policy, NAMES))


def test_a_week_that_cannot_keep_the_new_rules_lists_them_in_words() -> None:
    problems = [breach(v, POLICY, NAMES) for v, _, _ in CASES]
    p = {"week": "2026-W50", "names": NAMES, "problems": problems}
    zh = render("zh", "refused", reason="roster_infeasible", p=p)
    for said in ("12-08 D — 禁止的班次衔接（陈晓）：晚班后第二天不能上白班",
                 "— 每月周末班（陈晓）：每月最多 2 个周末",
                 "12-08 E — 每月班次次数（陈晓）：每月最多 8 个晚班"):
        assert said in zh
    en = render("en", "refused", reason="roster_infeasible", p=p)
    for said in ("Tue 12-08 D — shifts in a barred order (陈晓): no Day (D) the day after Late",
                 "— hours a month (陈晓): at least 120 paid hours a month",
                 "— shortest run of days off (陈晓): at least 2 days off in a row"):
        assert said in en
    assert "设置 `[roster.soft_coverage]`（例如 `under = 100`）后，排不满的周也会生成草稿" in zh
    assert "With `[roster.soft_coverage]` (e.g. `under = 100`) in the policy" in en
    plain = [asdict(v) for v, _, _ in CASES]  # data stored before the figures were added
    assert "每月最多 1 个周末" in render("zh", "refused", reason="roster_infeasible",
                                    p={**p, "problems": plain})
