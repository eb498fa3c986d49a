"""An agent asks a named colleague to take a shift that the policy's richer rules forbid them:
the refusal names the rule, at the figure the policy states, and the day, in their language."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot import ids
from db.models import Request
from tests.e2e.harness import Bot

TUESDAY = date(2026, 11, 24)  # today in the e2e clock


def rules(bot: Bot, **changed: Any) -> None:
    """Run the team under the default policy with these roster rules changed."""
    p = bot.ctx.policy
    bot.ctx.policy = p.model_copy(update={"roster": p.roster.model_copy(update=changed)})


def pair(bot: Bot, locale: str) -> tuple[Any, Any]:
    """X asks, Y is named; neither in a group (a team without groups)."""
    return (bot.add_staff("U0X1", "小徐", locale=locale),
            bot.add_staff("U0Y1", "小杨", locale=locale))


def worked(bot: Bot, who: Any, first: date, days: int, code: str = "D") -> None:
    for i in range(days):
        bot.set_shift(who, first + timedelta(days=i), code)


def ask(bot: Bot, day: date) -> str:
    reply = bot.command("U0X1", "/swap", f"{day:%m-%d} <@U0Y1>")
    assert bot.rows(Request) == []
    return reply


def succession(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, no_day_after_night=False, forbidden_successions=(("E", "D"),))
    bot.set_shift(y, TUESDAY - timedelta(days=1), "E")  # yesterday, history now
    bot.set_shift(x, TUESDAY, "D")
    return TUESDAY


def in_a_row(bot: Bot, x: Any, y: Any) -> date:
    worked(bot, y, TUESDAY - timedelta(days=6), 6)  # Wed to Mon
    bot.set_shift(x, TUESDAY, "D")
    return TUESDAY


def short_run(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, min_consecutive_days=2)
    bot.set_shift(x, TUESDAY, "D")
    return TUESDAY


def short_rest(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, min_consecutive_days_off=2)
    bot.set_shift(y, TUESDAY - timedelta(days=1), "D")  # off today, so Wed would end it
    bot.set_shift(x, TUESDAY + timedelta(days=1), "D")
    return TUESDAY + timedelta(days=1)


def weekends(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, max_weekends_per_month=1)
    bot.set_shift(y, date(2026, 12, 19), "D")
    bot.set_shift(x, date(2026, 12, 12), "D")
    return date(2026, 12, 12)


def most_hours(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, max_hours_per_month=20)  # a fortnight's share is one 9-hour day shift
    bot.set_shift(y, date(2026, 12, 15), "D")
    bot.set_shift(x, date(2026, 12, 10), "D")
    return date(2026, 12, 10)


def least_hours(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, min_hours_per_month=20)  # giving a day shift away leaves X short
    bot.set_shift(x, date(2026, 12, 15), "D")
    bot.set_shift(x, date(2026, 12, 10), "D")
    return date(2026, 12, 10)


def shift_cap(bot: Bot, x: Any, y: Any) -> date:
    rules(bot, max_shifts_per_month={"D": 1})
    bot.set_shift(y, date(2026, 12, 15), "D")
    bot.set_shift(x, date(2026, 12, 10), "D")
    return date(2026, 12, 10)


CASES = [
    (succession, "11-24 晚班后第二天不能上白班（小杨）",
     "11-24: no Day (D) the day after Late (E) (for 小杨)"),
    (in_a_row, "11-24 最多连续上班 6 天（小杨）",
     "11-24: at most 6 working days in a row (for 小杨)"),
    (short_run, "11-24 至少连续上班 2 天（小杨）",
     "11-24: at least 2 working days in a row (for 小杨)"),
    (short_rest, "11-24 至少连续休息 2 天（小杨）",
     "11-24: at least 2 days off in a row (for 小杨)"),
    (weekends, "12-20 每月最多 1 个周末（小杨）", "12-20: at most 1 weekend a month (for 小杨)"),
    (most_hours, "12-20 每月工时最多 20 小时（小杨）",
     "12-20: at most 20 paid hours a month (for 小杨)"),
    (least_hours, "12-20 每月工时至少 20 小时（小徐）",
     "12-20: at least 20 paid hours a month (for 小徐)"),
    (shift_cap, "12-20 每月最多 1 个白班（小杨）",
     "12-20: at most 1 Day (D) shift a month (for 小杨)"),
]


@pytest.mark.parametrize(("setup", "zh", "en"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_named_colleague_the_rule_bars_is_refused_with_rule_and_day_in_chinese(
        bot: Bot, setup: Any, zh: str, en: str) -> None:
    day = setup(bot, *pair(bot, "zh-CN"))
    reply = ask(bot, day)
    assert f"<@U0Y1> 接你 {day:%m-%d} 的班会违反排班规则：{zh}。" in reply, reply


@pytest.mark.parametrize(("setup", "zh", "en"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_named_colleague_the_rule_bars_is_refused_with_rule_and_day_in_english(
        bot: Bot, setup: Any, zh: str, en: str) -> None:
    day = setup(bot, *pair(bot, "en-US"))
    reply = ask(bot, day)
    assert (f"<@U0Y1> cannot take your shift on {day:%m-%d} without breaking a roster rule: "
            f"{en}.") in reply, reply


def test_a_swap_a_new_rule_forbids_by_approval_time_is_refused_naming_it(bot: Bot) -> None:
    rules(bot, no_day_after_night=False)
    x, y = pair(bot, "zh-CN")
    bot.add_staff("U0L1", "老李", role="lead")
    bot.set_shift(y, TUESDAY - timedelta(days=1), "E")
    bot.set_shift(x, TUESDAY, "D")
    bot.command("U0X1", "/swap", "11-24 <@U0Y1>")
    [r] = bot.rows(Request)
    bot.click("U0Y1", ids.SWAP_ACCEPT, r.id)
    r = bot.rows(Request)[-1]
    rules(bot, no_day_after_night=False, forbidden_successions=(("E", "D"),))
    reply = bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert "这个换班会违反排班规则：11-24 晚班后第二天不能上白班（小杨）。未做更改。" in reply
    assert bot.rows(Request)[-1].state == "pending"
