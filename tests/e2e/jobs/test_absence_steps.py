"""The absence steps, checked daily at 09:05: at 2 days of absence in a month the
company-wide notice is posted (to the channel the policy names), at 3 days the leads are told
of the dismissal flag privately; each once per person and month, however often it runs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of


def at(day: date, hh: int = 9, mm: int = 5) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def nov(day: int) -> date:
    return date(2026, 11, day)


def absent_on(bot: Bot, *days: date) -> None:
    """陈晓 is rostered on DAYS and never clocks in; two leads and a colleague are on the team."""
    chen = bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0A2", "林悦")
    bot.add_staff("U0L1", "孙丽", role="lead")
    bot.add_staff("U0L2", "Lee", role="lead", locale="en-US")
    for day in days:
        bot.set_shift(chen, day, "D")


def run(bot: Bot, when: datetime) -> dict[str, list[str]]:
    """Run the check for WHEN; return what it posted, by channel or person."""
    seq = bot.api.last_seq
    bot.now = when
    scheduler.run_job(bot.ctx, JOBS["absence_steps"], when)
    return {where: [text_of(c) for c in bot.posts(where, after=seq)]
            for where in ("kefu", "U0A1", "U0A2", "U0L1", "U0L2", "kefu-approvals")}


def nothing(posted: dict[str, list[str]]) -> bool:
    return not any(posted.values())


def test_two_days_of_absence_post_the_company_wide_notice_once(bot: Bot) -> None:
    absent_on(bot, nov(2), nov(3))
    assert nothing(run(bot, at(nov(3))))  # a day and a half so far (no clock-in by 09:00)
    posted = run(bot, at(nov(4)))
    [notice] = posted["kefu"]
    assert "考勤通报" in notice and "陈晓 2026 年 11 月累计旷工 2 天" in notice
    assert "扣发 10 天工资" in notice
    assert posted["U0L1"] == posted["U0L2"] == []  # no dismissal flag yet
    assert nothing(run(bot, at(nov(4), 11, 0)))  # run again by hand the same day


def test_three_days_tell_each_lead_privately_and_the_notice_is_not_repeated(
        bot: Bot) -> None:
    absent_on(bot, nov(2), nov(3), nov(4))
    [notice] = run(bot, at(nov(4)))["kefu"]
    assert "累计旷工 2.5 天" in notice  # today's shift, 35 minutes without a clock-in
    posted = run(bot, at(nov(5)))
    assert posted["kefu"] == [] and posted["U0A1"] == posted["U0A2"] == []
    [zh] = posted["U0L1"]
    assert "辞退标记" in zh and "<@U0A1>" in zh and "累计旷工 3 天" in zh
    assert "/kefu report attendance 2026-11" in zh
    [en] = posted["U0L2"]
    assert "Dismissal flag" in en and "3 day(s) of absence in November 2026" in en
    for later in (at(nov(6)), at(nov(20)), at(nov(5), 17, 0)):
        assert nothing(run(bot, later))


def test_jumping_past_both_steps_at_once_posts_the_notice_and_tells_the_leads(
        bot: Bot) -> None:
    absent_on(bot, nov(2), nov(3), nov(4))
    posted = run(bot, at(nov(5)))  # the first check sees three days
    assert len(posted["kefu"]) == 1 and len(posted["U0L1"]) == len(posted["U0L2"]) == 1


def test_the_last_day_of_a_month_counts_on_the_first_of_the_next(bot: Bot) -> None:
    absent_on(bot, nov(27), nov(30))
    assert nothing(run(bot, at(nov(30))))
    [notice] = run(bot, at(date(2026, 12, 1)))["kefu"]
    assert "11 月累计旷工 2 天" in notice


def test_a_new_month_starts_the_count_again(bot: Bot) -> None:
    absent_on(bot, nov(2), nov(3), date(2026, 12, 1), date(2026, 12, 2))
    assert len(run(bot, at(nov(4)))["kefu"]) == 1
    [notice] = run(bot, at(date(2026, 12, 3)))["kefu"]
    assert "12 月累计旷工 2 天" in notice


def test_the_notice_goes_to_the_channel_the_policy_names(bot: Bot) -> None:
    p = bot.ctx.policy
    bot.ctx.policy = p.model_copy(update={
        "absence": p.absence.model_copy(update={"notice_channel": "all-staff"})})
    absent_on(bot, nov(2), nov(3))
    seq = bot.api.last_seq
    bot.now = at(nov(4))
    scheduler.run_job(bot.ctx, JOBS["absence_steps"], at(nov(4)))
    [notice] = [text_of(c) for c in bot.posts("all-staff", after=seq)]
    assert "陈晓" in notice and bot.posts("kefu", after=seq) == []


def test_one_day_of_absence_tells_nobody(bot: Bot) -> None:
    absent_on(bot, nov(2))
    assert nothing(run(bot, at(nov(2) + timedelta(days=20))))


def test_with_no_lead_on_record_the_flag_goes_to_the_approvals_channel(bot: Bot) -> None:
    chen = bot.add_staff("U0A1", "陈晓")
    for day in (nov(2), nov(3), nov(4)):
        bot.set_shift(chen, day, "D")
    posted = run(bot, at(nov(5)))
    [flag] = posted["kefu-approvals"]
    assert "辞退标记" in flag and posted["U0A1"] == []
