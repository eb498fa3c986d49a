"""Problem parcels on schedule: at 09:30 each owner gets a DM of their parcels not updated
today and those due for return, the team channel the counts; a parcel whose 72-hour hold ran
out is announced to the team once (phones masked), however often the check runs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

OLD, YESTERDAY, EN, TODAY = "518000000001", "518000000002", "518000000003", "518000000004"
PHONE = "13812345678"


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=SHANGHAI)


def register(bot: Bot) -> None:
    """Four open parcels: one logged three days ago, two yesterday, one this morning."""
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0A2", "Ann", locale="en-US")
    bot.add_staff("U0L1", "孙丽", role="lead")
    for when, user, text in (
            (at(21, 9), "U0A1", f"log {OLD} 破损 外箱压坏 客户 {PHONE}"),
            (at(23, 15), "U0A1", f"log {YESTERDAY} 地址不详"),
            (at(23, 16), "U0A2", f"log {EN} phone"),
            (at(24, 8, 30), "U0A1", f"log {TODAY} 地址不详")):
        bot.now = when
        assert "`518" in bot.command(user, "/parcel", text)


def run(bot: Bot, job: str, when: datetime) -> int:
    seq = bot.api.last_seq
    bot.now = when
    assert scheduler.run_job(bot.ctx, JOBS[job], when)
    return seq


def texts(bot: Bot, where: str, after: int) -> list[str]:
    return [text_of(c) for c in bot.posts(where, after=after)]


def test_each_owner_gets_their_parcels_to_follow_up_and_to_return(bot: Bot) -> None:
    register(bot)
    seq = run(bot, "parcel_followup", at(24, 9, 30))
    [mine] = texts(bot, "U0A1", seq)
    assert "请在 10:00 前逐件跟进" in mine
    stale, due = mine.split("留存已满，可退回寄件网点：1 件")
    assert "今天还没更新：1 件" in stale and YESTERDAY in stale and OLD not in stale
    assert OLD in due and "留存至 11-24 09:00" in due
    assert TODAY not in mine and EN not in mine
    [ann] = texts(bot, "U0A2", seq)
    assert "Not updated today: 1" in ann and EN in ann and "before 10:00" in ann
    assert texts(bot, "U0L1", seq) == []  # owns nothing


def test_the_team_channel_gets_the_counts_only(bot: Bot) -> None:
    register(bot)
    seq = run(bot, "parcel_followup", at(24, 9, 30))
    [post] = texts(bot, "kefu", seq)
    assert "未结 4 件，今天还没更新 3 件，留存已满可退回 1 件" in post
    assert OLD not in post and PHONE not in post


def test_a_quiet_morning_posts_nothing(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.command("U0A1", "/parcel", f"log {TODAY} 地址不详")  # logged today: not yet stale
    seq = run(bot, "parcel_followup", at(24, 9, 30))
    assert texts(bot, "kefu", seq) == [] and texts(bot, "U0A1", seq) == []


def test_a_parcel_whose_hold_ran_out_is_announced_once_with_the_phone_masked(
        bot: Bot) -> None:
    register(bot)
    seq = run(bot, "parcel_hold", at(24, 9))
    [post] = texts(bot, "kefu", seq)
    assert f"`{OLD}` 破损 · <@U0A1> · 留存至 11-24 09:00" in post
    assert "138****5678" in post and PHONE not in post
    assert YESTERDAY not in post
    for later in (at(24, 10), at(24, 22), at(25, 8)):
        seq = run(bot, "parcel_hold", later)
        assert texts(bot, "kefu", seq) == []


def test_the_announcement_is_not_repeated_after_a_restart(bot: Bot, tmp_path: Path) -> None:
    register(bot)
    run(bot, "parcel_hold", at(24, 9))
    restarted = Bot(tmp_path, at(24, 10))  # a new process on the same database
    try:
        seq = run(restarted, "parcel_hold", at(24, 10))
        assert texts(restarted, "kefu", seq) == []
    finally:
        restarted.close()


def test_a_parcel_not_yet_due_is_not_announced(bot: Bot) -> None:
    register(bot)
    seq = run(bot, "parcel_hold", at(24, 8))
    assert texts(bot, "kefu", seq) == []


def test_a_reply_restarts_the_hold_and_its_end_is_announced_again(bot: Bot) -> None:
    register(bot)
    run(bot, "parcel_hold", at(24, 9))
    bot.now = at(24, 11)
    bot.command("U0A1", "/parcel", f"note {OLD} 回复: 寄件网点让再等等")
    seq = run(bot, "parcel_hold", at(27, 11))
    [post] = texts(bot, "kefu", seq)
    assert f"`{OLD}`" in post and "留存至 11-27 11:00" in post
