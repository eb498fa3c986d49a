"""/kefu report through signed requests: a lead gets the xlsx in a DM, an agent gets nothing."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from bot.localslack.recorder import Call
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

MONDAY = date(2026, 11, 23)


def uploads(calls: list[Call]) -> list[str]:
    """The calls that open a DM or send a file."""
    return [c.method for c in calls
            if c.method in {"conversations.open", "upload_url"} or c.method.startswith("files.")]


def team(bot: Bot) -> None:
    """A lead, and an agent who was 12 minutes late on Monday and never clocked out."""
    bot.add_staff("U0L1", "孙丽", role="lead")
    agent = bot.add_staff("U0A1", "陈晓")
    bot.set_shift(agent, MONDAY, "D")
    bot.now = datetime(2026, 11, 23, 8, 42, tzinfo=SHANGHAI)
    bot.command("U0A1", "/clock", "in")
    bot.now = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)


def test_lead_gets_the_attendance_xlsx_in_a_direct_message(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    assert bot.command("U0L1", "/kefu", "report attendance 2026-11") == "正在生成 2026-11 考勤报表…"
    done = bot.api.wait_for(lambda c: c.method == "files.completeUploadExternal", after=seq)
    assert done.args["channel_id"] == "DU0L1"
    assert "本月未结束" in done.args["initial_comment"]
    [shown] = done.response["files"]
    sheet = load_workbook(io.BytesIO(bot.api.file_content(shown["id"]))).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert sheet["A1"].value == "姓名" and sheet["N1"].value == "旷工扣薪天数"
    assert rows["陈晓"][1:7] == (1, 1, 1, 12, 0, 1)  # scheduled, attended, late ×1 12 min, 缺卡 1
    sent = bot.api.wait_for(lambda c: c.method == "response_url" and "私信" in text_of(c),
                            after=done.seq)
    assert "kefu-attendance-2026-11.xlsx" in text_of(sent) and "（2 行）" in text_of(sent)


def test_english_lead_gets_english_headers_and_replies(bot: Bot) -> None:
    bot.add_staff("U0L2", "Ann", role="admin", locale="en-US")
    seq = bot.api.last_seq
    assert bot.command("U0L2", "/kefu", "report attendance") == (
        "Working on it: the attendance report for 2026-11…")
    done = bot.api.wait_for(lambda c: c.method == "files.completeUploadExternal", after=seq)
    sheet = load_workbook(io.BytesIO(bot.api.file_content(done.response["files"][0]["id"]))).active
    assert sheet["B1"].value == "Scheduled days"


def test_agent_asking_for_a_report_is_told_the_role_and_nothing_is_uploaded(bot: Bot) -> None:
    team(bot)
    seq = bot.api.last_seq
    text = bot.command("U0A1", "/kefu", "report attendance 2026-11")
    assert text == "这个命令需要组长或管理员权限，你的角色是客服。没有做任何更改。"
    assert uploads(bot.api.wait_quiet(seq)) == []


def test_bad_month_gets_the_usage_and_nothing_is_uploaded(bot: Bot) -> None:
    bot.add_staff("U0L1", "孙丽", role="lead")
    seq = bot.api.last_seq
    text = bot.command("U0L1", "/kefu", "report attendance 2026-13")
    assert "看不懂月份“2026-13”" in text and "/kefu report attendance|penalties" in text
    assert uploads(bot.api.wait_quiet(seq)) == []


def test_unknown_report_name_gets_the_usage(bot: Bot) -> None:
    bot.add_staff("U0L1", "孙丽", role="lead")
    text = bot.command("U0L1", "/kefu", "report parcels")
    assert "没有“parcels”这个报表" in text


def test_penalties_report_is_sent_the_same_way(bot: Bot) -> None:
    bot.add_staff("U0L1", "孙丽", role="lead")
    seq = bot.api.last_seq
    bot.command("U0L1", "/kefu", "报表 罚款 2026-10")
    done = bot.api.wait_for(lambda c: c.method == "files.completeUploadExternal", after=seq)
    assert done.response["files"][0]["name"] == "kefu-penalties-2026-10.xlsx"
