"""Handover between shifts (交接班): `/handover TEXT` adds a note to my shift's handover; 10
minutes before the next shift starts its people get the handover by DM (notes, open problem
parcels of the leaving shift's people, their open swaps) with a Read button; 30 minutes into
that shift the leads hear privately who has not read it; `/handover` shows the latest."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot import ids
from bot.domain.shifts import Assignment
from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from bot.localslack.recorder import Call
from bot.services import handover
from db.models import AuditLog, Handover, HandoverNote, HandoverRead
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of
from tests.e2e.swaps import test_swaps as swaps

TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)
NOTE = "客户 王先生 的退款等财务确认，17:30 前回电"


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def team(bot: Bot, day: date = TUESDAY) -> None:
    """陈晓 and Ann on the day shift D (08:30–17:30); 林悦 and Bob on the late shift E
    (17:00–01:00); 孙丽 leads."""
    for slack_id, name, locale, code in (("U0A1", "陈晓", "zh-CN", "D"),
                                         ("U0A2", "Ann", "en-US", "D"),
                                         ("U0A3", "林悦", "zh-CN", "E"),
                                         ("U0A4", "Bob", "en-US", "E")):
        bot.set_shift(bot.add_staff(slack_id, name, locale=locale), day, code)
    bot.add_staff("U0L1", "孙丽", role="lead")


def run(bot: Bot, job: str, instant: datetime) -> bool:
    return scheduler.run_job(bot.ctx, JOBS[job], instant)


def dms(bot: Bot, user: str, after: int) -> list[Call]:
    return bot.posts(user, after=after)


def buttons(call: Call) -> list[dict[str, Any]]:
    return [e for b in call.args.get("blocks", []) if b.get("type") == "actions"
            for e in b["elements"]]


def send_at_1650(bot: Bot) -> int:
    """Run the handover for the late shift; return the sequence number before it."""
    seq = bot.api.last_seq
    assert run(bot, "handover", at(TUESDAY, 16, 50))
    bot.settle()  # its DMs are sent before anything that follows
    return seq


def test_a_note_goes_to_the_late_shift_ten_minutes_before_it_starts(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 10)
    reply = bot.command("U0A1", "/handover", NOTE)
    assert "已记入 *白班* 11-24 周二 08:30–17:30 的交接（本班共 1 条留言）" in reply
    assert "下一班开始前 10 分钟" in reply
    seq = send_at_1650(bot)
    [zh] = dms(bot, "U0A3", seq)
    text = text_of(zh)
    assert "*交接班* *白班* 11-24 周二 08:30–17:30 → *晚班* 11-24 周二 17:00–01:00（次日）" in text
    assert f"11-24 10:00 <@U0A1>：{NOTE}" in text
    assert "读完请点“已读”" in text
    [read] = buttons(zh)
    [h] = bot.rows(Handover)
    assert (read["action_id"], read["value"], read["text"]["text"]) == (
        ids.HANDOVER_READ, str(h.id), "已读")
    [en] = dms(bot, "U0A4", seq)
    assert "*Handover* *Day* Tue 11-24 08:30–17:30 → *Late* Tue 11-24 17:00–01:00 (next day)" \
        in text_of(en)
    assert NOTE in text_of(en) and buttons(en)[0]["text"]["text"] == "Read"
    assert dms(bot, "U0A1", seq) == [] and dms(bot, "U0A2", seq) == []
    assert bot.posts("kefu", after=seq) == [] and bot.posts("kefu-approvals", after=seq) == []
    assert (h.day, h.shift_code, h.to_day, h.to_code) == (TUESDAY, "D", TUESDAY, "E")


def test_the_handover_lists_the_leaving_shifts_open_parcels(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 9)
    bot.command("U0A1", "/parcel", "log 518012345678 破损 外箱压坏")
    bot.command("U0A3", "/parcel", "log 518012345679 错分")  # the late shift's own parcel
    seq = send_at_1650(bot)
    text = text_of(dms(bot, "U0A3", seq)[0])
    assert "*未结问题件*（1 件）" in text and "`518012345678` 破损 · <@U0A1>" in text
    assert "518012345679" not in text
    assert "*交班留言*（0 条）\n• 没有留言。" in text


def test_the_handover_lists_the_open_swaps_of_the_leaving_shifts_people(bot: Bot) -> None:
    swaps.team(bot)  # A1 works D and A3 works E, Monday to Thursday; everyone reads English
    r, other = swaps.ask_best(bot)  # A1 asks to swap Wednesday's shift
    seq = bot.api.last_seq
    assert run(bot, "handover", at(TUESDAY, 16, 50))
    text = text_of(dms(bot, "U0A3", seq)[0])
    name = {"U0A2": "A2", "U0A4": "A4"}[other]
    assert "*Swaps waiting* (1)" in text and f"• #{r.id} " in text
    assert f"waiting for {name} to accept" in text


def test_the_night_shifts_handover_goes_to_the_next_morning(bot: Bot) -> None:
    team(bot)
    bot.set_shift(bot.add_staff("U0A1", "陈晓"), WEDNESDAY, "D")
    bot.now = at(WEDNESDAY, 0, 40)  # the late shift of Tuesday runs until 01:00
    assert "已记入 *晚班* 11-24 周二 17:00–01:00（次日） 的交接" in bot.command(
        "U0A3", "/handover", "仓库 3 号门的锁坏了")
    seq = bot.api.last_seq
    assert run(bot, "handover", at(WEDNESDAY, 8, 20))
    [text] = [text_of(c) for c in dms(bot, "U0A1", seq)]
    assert "*晚班* 11-24 周二 17:00–01:00（次日） → *白班* 11-25 周三 08:30–17:30" in text
    assert "仓库 3 号门的锁坏了" in text


def test_the_handover_jobs_fall_before_and_after_each_shifts_start(bot: Bot) -> None:
    def due(job: str) -> list[str]:
        found = scheduler.scheduled(bot.ctx, JOBS[job], at(TUESDAY, 0), at(TUESDAY, 23, 59))
        return [f"{i:%H:%M}" for i in found]

    assert due("handover") == ["08:20", "16:50"]
    assert due("handover_unread") == ["09:00", "17:30"]


def test_before_my_shift_a_note_goes_to_my_next_shift_today(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 7, 50)
    assert "已记入 *白班* 11-24 周二 08:30–17:30 的交接" in bot.command(
        "U0A1", "/handover", "早到了，先记一下")
    [n] = bot.rows(HandoverNote)
    assert (n.day, n.shift_code, n.author) == (TUESDAY, "D", "U0A1")


def test_with_no_shift_left_today_a_note_is_refused_and_nothing_is_kept(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 18)
    reply = bot.command("U0A1", "/handover", "下班后想起一件事")
    assert "你现在不在班上，今天也没有还没开始的班" in reply
    bot.add_staff("U0A5", "Eve", locale="en-US")  # on no roster at all
    assert "You are not on a shift now and have none left to start today" in bot.command(
        "U0A5", "/handover", "hello")
    assert bot.rows(HandoverNote) == []


def test_a_note_after_the_handover_went_out_reaches_its_readers_at_once(bot: Bot) -> None:
    team(bot)
    send_at_1650(bot)
    bot.now = at(TUESDAY, 17, 10)
    seq = bot.api.last_seq
    reply = bot.command("U0A2", "/handover", "Refund for order 88 approved")
    assert "This shift's handover went out at 16:50; this addition was sent to the 2 people" \
        in reply
    [zh] = [text_of(c) for c in dms(bot, "U0A3", seq)]
    assert "*交接补充*" in zh and "11-24 17:10 <@U0A2>：Refund for order 88 approved" in zh
    assert len(dms(bot, "U0A4", seq)) == 1


def test_read_clicked_twice_is_recorded_once_and_the_dm_marked_in_place(bot: Bot) -> None:
    team(bot)
    seq = send_at_1650(bot)
    [dm] = dms(bot, "U0A3", seq)
    [h] = bot.rows(Handover)
    bot.now = at(TUESDAY, 16, 58)
    seq = bot.api.last_seq
    first = bot.click("U0A3", ids.HANDOVER_READ, h.id, dm.response["channel"],
                      dm.response["ts"])
    assert "已确认阅读 *白班* 11-24 周二 08:30–17:30 → *晚班*" in first
    bot.settle()
    [update] = [c for c in bot.api.calls_since(seq) if c.method == "chat.update"]
    assert (update.args["channel"], update.args["ts"]) == (dm.response["channel"],
                                                           dm.response["ts"])
    assert "你已于 11-24 16:58 确认已读" in text_of(update) and buttons(update) == []
    bot.now = at(TUESDAY, 17, 5)
    seq = bot.api.last_seq
    again = bot.click("U0A3", ids.HANDOVER_READ, h.id, dm.response["channel"],
                      dm.response["ts"])
    assert "你已于 11-24 16:58 确认阅读这份交接，没有做任何改动" in again
    bot.settle()
    assert [c for c in bot.api.calls_since(seq) if c.method == "chat.update"] == []
    read = {r.reader: r.read_at for r in bot.rows(HandoverRead)}
    assert read == {"U0A3": at(TUESDAY, 16, 58), "U0A4": None}
    assert len([a for a in bot.rows(AuditLog) if a.action == "handover.read"]) == 1


def test_someone_the_handover_was_not_sent_to_cannot_mark_it_read(bot: Bot) -> None:
    team(bot)
    send_at_1650(bot)
    [h] = bot.rows(Handover)
    assert "这份交接不是发给你的" in bot.click("U0A1", ids.HANDOVER_READ, h.id)
    assert "这个按钮已失效" in bot.click("U0A3", ids.HANDOVER_READ, "abc")
    assert all(r.read_at is None for r in bot.rows(HandoverRead))


def test_the_leads_hear_privately_who_has_not_read_it_30_minutes_in(bot: Bot) -> None:
    team(bot)
    send_at_1650(bot)
    [h] = bot.rows(Handover)
    bot.now = at(TUESDAY, 17, 2)
    bot.click("U0A4", ids.HANDOVER_READ, h.id)
    seq = bot.api.last_seq
    assert run(bot, "handover_unread", at(TUESDAY, 17, 30))
    [post] = [text_of(c) for c in bot.posts("kefu-approvals", after=seq)]
    assert "*晚班* 11-24 周二 17:00–01:00（次日） 已开始 30 分钟，以下 1 人还没有确认阅读交接" \
        in post and "：林悦。" in post and "Bob" not in post
    assert bot.posts("kefu", after=seq) == [] and dms(bot, "U0L1", seq) == []


def test_when_everyone_has_read_it_the_leads_hear_nothing(bot: Bot) -> None:
    team(bot)
    send_at_1650(bot)
    [h] = bot.rows(Handover)
    for reader in ("U0A3", "U0A4"):
        bot.click(reader, ids.HANDOVER_READ, h.id)
    seq = bot.api.last_seq
    assert run(bot, "handover_unread", at(TUESDAY, 17, 30))
    assert bot.posts("kefu-approvals", after=seq) == []


def test_handover_alone_shows_the_latest_sent_to_me_or_says_there_is_none(bot: Bot) -> None:
    team(bot)
    assert "还没有发给你的交接" in bot.command("U0A3", "/handover")
    assert "There is no handover for you yet" in bot.command("U0A4", "/handover", "  ")
    bot.now = at(TUESDAY, 11)
    bot.command("U0A1", "/handover", NOTE)
    send_at_1650(bot)
    call = bot.reply_call("U0A3", "/handover")
    assert "*交接班* *白班* 11-24" in text_of(call) and NOTE in text_of(call)
    assert [b["action_id"] for b in buttons(call)] == [ids.HANDOVER_READ]
    [h] = bot.rows(Handover)
    bot.click("U0A3", ids.HANDOVER_READ, h.id)
    call = bot.reply_call("U0A3", "/handover", "ｓｈｏｗ")
    assert "你已于" in text_of(call) and buttons(call) == []
    assert "还没有发给你的交接" in bot.command("U0A1", "/handover")  # the writer reads none


def test_the_handover_runs_once_however_often_it_is_asked(bot: Bot) -> None:
    team(bot)
    seq = send_at_1650(bot)
    assert not run(bot, "handover", at(TUESDAY, 16, 50))
    with bot.ctx.session() as s:  # a second scheduler that got past the job record
        late = bot.ctx.policy.find_shift("E")
        assert late is not None
        assert handover.hand_over(s, to=Assignment(TUESDAY, late), now=at(TUESDAY, 16, 50),
                                  policy=bot.ctx.policy) is None
    assert len(dms(bot, "U0A3", seq)) == 1 and len(bot.rows(Handover)) == 1


def test_nobody_on_the_next_shift_means_no_handover(bot: Bot) -> None:
    team(bot)
    for slack_id in ("U0A3", "U0A4"):
        bot.set_shift(bot.add_staff(slack_id, slack_id), TUESDAY, None)
    seq = send_at_1650(bot)
    assert bot.rows(Handover) == [] and bot.api.calls_since(seq) == []


def test_handover_mistakes_get_usage_and_change_nothing(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 10)
    long = bot.command("U0A1", "/handover", "长" * 1001)
    assert "留言太长（1001 字），每条最多 1000 字" in long and "用法：`/handover 内容`" in long
    assert "Write the note after `/handover`" in bot.command("U0A2", "/handover", "help")
    assert "只输入 `/handover` 查看" in bot.command("U0A1", "/handover", "？")
    assert bot.rows(HandoverNote) == []


def test_handover_is_no_longer_coming_soon(bot: Bot) -> None:
    team(bot)
    bot.now = at(TUESDAY, 10)
    reply = bot.command("U0A1", "/handover", "anything")
    assert "即将上线" not in reply and "已记入" in reply
    assert "即将上线" not in bot.command("U0A1", "/kefu", "help")
    assert "`/handover TEXT` a note for the next shift" in bot.command("U0A2", "/kefu", "help")
