"""/parcel (问题件) through signed HTTP requests: what each person sees, refusals included."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from db.models import AuditLog, Parcel, ParcelEvent
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

W = "518012345678"
SUB = "518012345679"
PHONE = "13812345678"


@pytest.fixture
def team(bot: Bot) -> Bot:
    bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0A2", "Ann", locale="en-US")
    bot.add_staff("U0L1", "孙丽", role="lead")
    return bot


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=SHANGHAI)


def parcel(bot: Bot, text: str, user: str = "U0A1") -> str:
    return bot.command(user, "/parcel", text)


def channel_posts(bot: Bot, after: int) -> list[str]:
    calls = bot.api.wait_quiet(after)
    return [text_of(c) for c in calls if c.method == "chat.postMessage"]


def counts(bot: Bot) -> tuple[int, int, int]:
    with bot.ctx.session() as s:
        return (len(s.exec(select(Parcel)).all()), len(s.exec(select(ParcelEvent)).all()),
                len(s.exec(select(AuditLog).where(AuditLog.entity == "parcel")).all()))


def test_logging_posts_to_the_team_channel_with_the_phone_masked(team: Bot) -> None:
    seq = team.api.last_seq
    text = parcel(team, f"log {W} 破损 外箱压坏 客户 {PHONE}")
    assert f"已登记问题件 `{W}` 破损" in text and "留存至 *11-27 08:00*" in text
    assert "138****5678" in text and PHONE not in text
    assert "需要照片" in text
    [post] = channel_posts(team, seq)
    assert f"<@U0A1> 登记问题件 `{W}` 破损" in post and "138****5678" in post
    assert PHONE not in post
    call = next(c for c in team.api.calls_since(seq) if c.method == "chat.postMessage")
    assert call.args["channel"] == "kefu"


@pytest.mark.parametrize(("typed", "shown"), [
    ("１３８１２３４５６７８", "１３８****５６７８"), ("1３8１２３４５６７８", "1３8****５６７８"),
    ("138.1234.5678", "138.****.5678"), ("021-62345678", "021-****5678")])
def test_a_phone_in_any_typed_form_is_masked_in_the_channel(team: Bot, typed: str,
                                                            shown: str) -> None:
    seq = team.api.last_seq
    parcel(team, f"log {W} 电话错误 客户电话 {typed} 打不通")
    [post] = channel_posts(team, seq)
    assert shown in post and typed not in post


def test_the_record_view_shows_the_full_phone_number(team: Bot) -> None:
    parcel(team, f"log {W} 电话错误 客户 {PHONE} 停机")
    text = parcel(team, f"show {W}")
    assert f"*问题件 `{W}`* 电话错误 · 未结" in text and PHONE in text
    assert "• 11-24 08:00 <@U0A1> 登记" in text


def test_logging_an_open_waybill_again_shows_the_existing_record(team: Bot) -> None:
    parcel(team, f"log {W} 破损")
    seq = team.api.last_seq
    text = parcel(team, f"log {W} 电话错误 又登记一次")
    assert f"运单 `{W}` 已有未结问题件，没有重复登记" in text
    assert f"`{W}` 破损 · <@U0A1> · 登记 11-24 08:00" in text
    assert channel_posts(team, seq) == []
    assert counts(team)[0] == 1


def test_a_note_is_dated_and_a_reply_restarts_the_72_hour_hold(team: Bot) -> None:
    parcel(team, f"log {W} 地址不详")
    team.now = at(26, 9, 15)
    assert f"已跟进 `{W}`：暂放续送(1126)" in parcel(team, f"note {W} 暂放续送")
    team.now = at(27, 8, 0)
    assert "留存已满" in parcel(team, "list due")
    text = parcel(team, f"跟进 {W} 回复: 客户下周在家")
    assert "客户下周在家(1127)" in text and "留存重新计时，至 *11-30 08:00*" in text
    assert "0 件" in parcel(team, "list due")


def test_lists_show_open_stale_due_and_mine(team: Bot) -> None:
    parcel(team, f"log {W} 电话错误")
    team.now = at(25, 10, 0)
    parcel(team, f"log {SUB} 破损", user="U0L1")
    team.now = at(27, 9, 0)
    assert "*未结问题件：2 件*" in (open_list := parcel(team, "list"))
    assert f"`{W}` 电话错误 · <@U0A1> · 登记 11-24 08:00 · :alarm_clock: 留存已满，可退回" \
        in open_list
    assert "*今天未更新的问题件：2 件*" in parcel(team, "list stale")
    due = parcel(team, "列表 到期")
    assert W in due and SUB not in due
    mine = parcel(team, "list mine", user="U0L1")
    assert SUB in mine and W not in mine


def test_english_locale_reads_english(team: Bot) -> None:
    parcel(team, f"log {W} damaged", user="U0A2")
    text = parcel(team, "list", user="U0A2")
    assert "*Open problem parcels: 1*" in text and "Damaged" in text and "photo missing" in text


def test_returning_before_the_hold_ends_warns_of_a_fault(team: Bot) -> None:
    parcel(team, f"log {W} 回单空封")
    team.now = at(25, 9, 0)
    seq = team.api.last_seq
    text = parcel(team, f"close {W} 退回")
    assert f"`{W}` 已完结：已退回" in text and "提前退回：留存期到 11-27 08:00 才满" in text
    [post] = channel_posts(team, seq)
    assert "完结问题件" in post and "提前退回" in post


def test_returning_after_the_hold_is_not_a_fault(team: Bot) -> None:
    parcel(team, f"log {W} 回单空封")
    team.now = at(27, 8, 0)
    text = parcel(team, f"close {W} returned")
    assert "已退回" in text and "提前" not in text


def test_out_of_area_before_the_cut_off_leaves_today_and_is_priced_on_transfer(team: Bot) -> None:
    team.now = at(24, 13, 59)
    assert "转出日 *11-24 周二*" in parcel(team, f"log {W} 超区 明港")
    text = parcel(team, f"close {W} transferred 申通 3.2 50x40x30 换单")
    assert "转件渠道：申通；计费重量 9 公斤，转件费 13 元" in text
    assert "转出后跟踪至 11-27 周五" in text
    assert "*转出后跟踪中*" in parcel(team, "list")


def test_out_of_area_after_the_cut_off_leaves_tomorrow(team: Bot) -> None:
    team.now = at(24, 14, 0)
    assert "转出日 *11-25 周三*" in parcel(team, f"log {W} out-of-area")


def test_ems_needs_the_sender_stations_consent_on_record(team: Bot) -> None:
    parcel(team, f"log {W} 超区")
    assert "转 EMS 须经寄件网点同意" in parcel(team, f"close {W} transferred ems")
    parcel(team, f"note {W} --reply 同意转EMS")
    assert "转件渠道：EMS" in parcel(team, f"close {W} transferred EMS")


def test_a_lead_assigns_an_owner(team: Bot) -> None:
    parcel(team, f"log {W} 错分")
    assert "现由 <@U0A2> 负责" in parcel(team, f"assign {W} <@U0A2|ann>", user="U0L1")
    assert W in parcel(team, "list mine", user="U0A2")


def test_fee_quotes_billing_weight_fee_and_notes(team: Bot) -> None:
    text = parcel(team, "fee 3.2 50x40x30")
    assert "*转件费 13 元* · 计费重量 9 公斤" in text and "体积重 8.57 公斤" in text
    assert "可走邮政小包" in text
    heavy = parcel(team, "运费 60", user="U0A2")
    assert "*Transfer fee 64 yuan*" in heavy and "180 yuan in all" in heavy
    assert "Not for postal parcel" in heavy


@pytest.mark.parametrize(("text", "reply"), [
    ("fee 100.5", "单件超过 100 公斤（此件 100.5）"),
    ("fee 3 251x10x10", "单边超过 250 厘米（此件 251）"),
    ("fee 3 200x60x41", "三边合计超过 300 厘米（此件 301）"),
])
def test_fee_refuses_pieces_too_heavy_or_too_big(team: Bot, text: str, reply: str) -> None:
    answer = parcel(team, text)
    assert "不能收运这件货" in answer and reply in answer


def test_a_photo_shared_with_the_waybill_is_filed_under_the_record(team: Bot) -> None:
    parcel(team, f"log {W} 破损")
    seq = team.api.last_seq
    team.sender.event({"type": "message", "subtype": "file_share", "user": "U0A1",
                       "channel": "C0KEFU", "text": f"{W} 外箱照片", "ts": "1700000000.000100",
                       "files": [{"id": "F0PHOTO1", "mimetype": "image/jpeg",
                                  "permalink": "https://files.example/F0PHOTO1"}]})
    call = team.api.wait_for(lambda c: c.method == "chat.postEphemeral", after=seq)
    assert call.args["user"] == "U0A1" and f"照片已存入问题件 `{W}`（共 1 张）" in text_of(call)
    shown = parcel(team, f"show {W}")
    assert "<https://files.example/F0PHOTO1|查看照片>" in shown and "还没有照片" not in shown


def test_a_photo_for_a_waybill_with_no_open_record_says_what_to_do(team: Bot) -> None:
    seq = team.api.last_seq
    team.sender.event({"type": "message", "subtype": "file_share", "user": "U0A1",
                       "channel": "C0KEFU", "text": f"{W}", "ts": "1700000000.000200",
                       "files": [{"id": "F0PHOTO2", "mimetype": "image/png"}]})
    call = team.api.wait_for(lambda c: c.method == "chat.postEphemeral", after=seq)
    assert f"运单 `{W}` 没有未结的问题件。先登记" in text_of(call)


def test_files_without_a_waybill_are_left_alone(team: Bot) -> None:
    seq = team.api.last_seq
    team.sender.event({"type": "message", "subtype": "file_share", "user": "U0A1",
                       "channel": "C0KEFU", "text": "排班表", "ts": "1700000000.000300",
                       "files": [{"id": "F0DOC", "mimetype": "image/png"}]})
    team.sender.event({"type": "message", "user": "U0A1", "channel": "C0KEFU",
                       "text": f"{W} 在吗", "ts": "1700000000.000400"})
    assert team.api.wait_quiet(seq) == []


USAGE = "用法：`/parcel log 运单号 类型 [备注]`"


# `log` alone or with only the waybill opens the form (tests/e2e/forms/test_parcel_form.py).
@pytest.mark.parametrize(("text", "reply"), [
    ("lgo 518012345678 破损", "看不懂“lgo”"),
    ("log 51801234567 破损", "运单号“51801234567”不对：应为 12 位数字，例如 518012345678"),
    ("note 518012345678", "请写上跟进内容"),
    ("close 518012345678 lost", "看不懂完结方式“lost”：用 delivered（已派送）"),
    ("list everything", "看不懂列表“everything”：用 open（未结）"),
    ("fee heavy", "看不懂重量“heavy”"),
    ("fee 3 40x30", "看不懂尺寸“40x30”：写 长x宽x高 厘米"),
    ("assign 518012345678", "请 @提及 要指派的同事"),
])
def test_mistyped_commands_say_what_to_type_and_change_nothing(team: Bot, text: str,
                                                               reply: str) -> None:
    answer = parcel(team, text)
    assert reply in answer and USAGE in answer
    assert counts(team) == (0, 0, 0)


@pytest.mark.parametrize(("setup", "text", "reply"), [
    ([], f"log {W} 坏了", "没有“坏了”这种问题件类型。可用：电话错误（phone）"),
    ([], f"log {W} 未到齐 少一件", "未到齐件要写明主单/子单号（12 位）"),
    ([], f"note {W} 跟进", f"运单 `{W}` 没有未结的问题件。先登记"),
    ([], f"close {W} delivered", f"运单 `{W}` 没有未结的问题件"),
    ([], f"show {W}", f"运单 `{W}` 从未登记过问题件"),
    ([f"log {W} 破损"], f"close {W} transferred 申通", "破损件不能转件"),
    ([f"log {W} 超区 超区勿转"], f"close {W} transferred 申通", "标有“超区勿转”，不能转件"),
    ([f"log {W} 超区"], f"close {W} transferred 邮政小包 21",
     "邮政小包只收单件 20 公斤、单边 100 厘米以内"),
    ([f"log {W} 超区"], f"close {W} transferred 申通 120",
     "不能转件：单件超过 100 公斤（此件 120）"),
    ([f"log {W} 错分"], f"assign {W} <@U0A2>", "只有组长（lead）可以指派"),
])
def test_refusals_say_what_to_do_instead_and_change_nothing(team: Bot, setup: list[str],
                                                            text: str, reply: str) -> None:
    for line in setup:
        parcel(team, line)
    before = counts(team)
    assert reply in parcel(team, text)
    assert counts(team) == before


def test_assigning_someone_not_on_the_team_is_refused(team: Bot) -> None:
    parcel(team, f"log {W} 错分")
    assert "找不到“U0NOBODY”" in parcel(team, f"assign {W} <@U0NOBODY>", user="U0L1")


def test_someone_not_on_the_team_is_told_how_to_join(bot: Bot) -> None:
    bot.api.add_user("U0X9", "路人")
    assert "U0X9" in parcel(bot, f"log {W} 破损", user="U0X9")
    assert counts(bot) == (0, 0, 0)


def test_help_lists_the_parcel_commands(team: Bot) -> None:
    text = team.command("U0A1", "/kefu", "help")
    assert "`/parcel log 运单号 类型 [备注]`" in text and "`/parcel fee 重量 [长x宽x高]`" in text


def test_every_change_is_audited(team: Bot) -> None:
    parcel(team, f"log {W} 超区")
    parcel(team, f"note {W} 已通知")
    parcel(team, f"close {W} transferred 中通 2")
    with team.ctx.session() as s:
        actions = [a.action for a in s.exec(select(AuditLog).where(AuditLog.entity == "parcel")
                                             .order_by(AuditLog.id)).all()]
    assert actions == ["parcel.log", "parcel.note", "parcel.close"]


def test_a_transfer_closed_without_a_known_channel_keeps_the_note_and_says_so(team: Bot) -> None:
    parcel(team, f"log {W} 超区")
    text = parcel(team, f"close {W} transferred 顺丰 已转")
    assert "已完结：已转件" in text and "转件渠道和转件费未登记" in text
    assert "可用：申通、中通、圆通、邮政小包、EMS" in text
    assert "完结：已转件：顺丰 已转" in parcel(team, f"show {W}")
