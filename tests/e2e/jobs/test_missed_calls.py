"""Missed-call rounds (呼损回拨): a post with a "called back" button at 10:00, 13:00, 15:00 and
17:00; the first click by a team member confirms the round in place, later clicks only hear
who did it; a round nobody confirmed is named in the next one."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from bot import ids
from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from bot.localslack.recorder import Call
from db.models import AuditLog, CallRound
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot) -> None:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0A2", "Ann", locale="en-US")
    bot.add_staff("U0L1", "孙丽", role="lead")


def round_post(bot: Bot, when: datetime) -> Call:
    """Run the round of WHEN; return its one post to the team channel."""
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["missed_calls"], when)
    [post] = bot.posts("kefu", after=seq)
    return post


def button(post: Call) -> dict[str, str]:
    [element] = [e for b in post.args["blocks"] if b["type"] == "actions"
                 for e in b["elements"]]
    return element


def click(bot: Bot, user: str, post: Call, value: str | None = None) -> str:
    return bot.click(user, ids.CALLS_DONE, value or button(post)["value"],
                     post.response["channel"], post.response["ts"])


def updates(bot: Bot, after: int) -> list[Call]:
    bot.settle()
    return [c for c in bot.api.calls_since(after) if c.method == "chat.update"]


def test_the_rounds_fall_at_ten_one_three_and_five_every_day(bot: Bot) -> None:
    found = scheduler.scheduled(bot.ctx, JOBS["missed_calls"], at(TUESDAY, 0),
                                at(date(2026, 11, 28), 23, 59))
    assert [t for t in found if t.date() == date(2026, 11, 28)] == [
        at(date(2026, 11, 28), h) for h in (10, 13, 15, 17)]


def test_a_round_posts_a_called_back_button_to_the_team_channel(bot: Bot) -> None:
    team(bot)
    post = round_post(bot, at(TUESDAY, 10))
    assert "10:00 呼损回拨" in text_of(post) and "还没有人确认" not in text_of(post)
    b = button(post)
    assert (b["action_id"], b["text"]["text"]) == (ids.CALLS_DONE, "已回拨")


def test_clicking_called_back_confirms_the_round_in_place(bot: Bot) -> None:
    team(bot)
    post = round_post(bot, at(TUESDAY, 10))
    bot.now = at(TUESDAY, 10, 12)
    seq = bot.api.last_seq
    assert "已确认 10:00 的呼损回拨" in click(bot, "U0A1", post)
    [update] = updates(bot, seq)
    assert (update.args["channel"], update.args["ts"]) == (post.response["channel"],
                                                           post.response["ts"])
    assert "<@U0A1> 已于 10:12 确认回拨" in text_of(update)
    assert not [b for b in update.args["blocks"] if b["type"] == "actions"]
    [r] = bot.rows(CallRound)
    assert r.done_by == "U0A1" and r.done_at == at(TUESDAY, 10, 12)
    with bot.ctx.session() as s:
        assert s.exec(select(AuditLog).where(AuditLog.action == "calls.confirmed")).one()


def test_a_second_click_changes_nothing_and_says_who_did_it(bot: Bot) -> None:
    team(bot)
    post = round_post(bot, at(TUESDAY, 10))
    bot.now = at(TUESDAY, 10, 12)
    click(bot, "U0A1", post)
    bot.now = at(TUESDAY, 10, 30)
    seq = bot.api.last_seq
    again = click(bot, "U0A2", post)
    assert "<@U0A1> already confirmed the 10:00 round at 10:12" in again
    assert "陈晓" not in again  # the English reader gets English
    assert updates(bot, seq) == []
    [r] = bot.rows(CallRound)
    assert (r.done_by, r.done_at) == ("U0A1", at(TUESDAY, 10, 12))


def test_someone_not_on_the_team_cannot_confirm_a_round(bot: Bot) -> None:
    team(bot)
    post = round_post(bot, at(TUESDAY, 10))
    bot.api.add_user("U0X9", "路人")
    seq = bot.api.last_seq
    reply = click(bot, "U0X9", post)
    assert "你还不在团队名单里" in reply
    assert bot.rows(CallRound)[0].done_by is None and updates(bot, seq) == []


def test_a_button_for_no_round_is_stale_and_changes_nothing(bot: Bot) -> None:
    team(bot)
    post = round_post(bot, at(TUESDAY, 10))
    assert "这个按钮已失效" in click(bot, "U0A1", post, value="999")
    assert "这个按钮已失效" in click(bot, "U0A1", post, value="１")
    assert bot.rows(CallRound)[0].done_by is None


def test_an_unconfirmed_round_is_named_in_the_next_one(bot: Bot) -> None:
    team(bot)
    round_post(bot, at(TUESDAY, 10))
    thirteen = round_post(bot, at(TUESDAY, 13))
    assert "10:00 的回拨还没有人确认" in text_of(thirteen)
    bot.now = at(TUESDAY, 13, 20)
    click(bot, "U0L1", thirteen)
    assert "还没有人确认" not in text_of(round_post(bot, at(TUESDAY, 15)))


def test_yesterdays_last_round_unconfirmed_is_named_with_its_date(bot: Bot) -> None:
    team(bot)
    round_post(bot, at(TUESDAY, 17))
    morning = round_post(bot, at(WEDNESDAY, 10))
    assert "11-24 17:00 的回拨还没有人确认" in text_of(morning)


def test_a_round_runs_once_however_often_it_is_asked(bot: Bot) -> None:
    team(bot)
    round_post(bot, at(TUESDAY, 10))
    seq = bot.api.last_seq
    assert not scheduler.run_job(bot.ctx, JOBS["missed_calls"], at(TUESDAY, 10))
    assert bot.posts("kefu", after=seq) == [] and len(bot.rows(CallRound)) == 1
