"""The report jobs at chosen instants: Monday's attendance with its lateness chart, the daily
report to the leads, the reward/penalty sheets the day before payday."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from bot import ids
from bot.jobs import scheduler
from bot.jobs.registry import JOBS
from bot.localslack.recorder import Call
from db.models import Request
from tests.e2e.conftest import SHANGHAI
from tests.e2e.harness import Bot, text_of

PNG = b"\x89PNG\r\n\x1a\n"
LAST_TUE, LAST_WED = date(2026, 11, 17), date(2026, 11, 18)
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def punch(bot: Bot, user: str, day: date, clock_in: tuple[int, int],
          clock_out: tuple[int, int] | None = (17, 35)) -> None:
    bot.now = at(day, *clock_in)
    bot.command(user, "/clock", "in")
    if clock_out is not None:
        bot.now = at(day, *clock_out)
        bot.command(user, "/clock", "out")


def last_week(bot: Bot) -> None:
    """陈晓 12 minutes late on Tuesday (a 20 yuan red packet); 林悦 on time both days."""
    chen, lin = bot.add_staff("U0A1", "陈晓"), bot.add_staff("U0A2", "林悦")
    for day in (LAST_TUE, LAST_WED):
        bot.set_shift(chen, day, "D")
        bot.set_shift(lin, day, "D")
        punch(bot, "U0A2", day, (8, 20))
    punch(bot, "U0A1", LAST_TUE, (8, 42))
    punch(bot, "U0A1", LAST_WED, (8, 25))


def uploads(bot: Bot, after: int) -> list[Call]:
    bot.settle()
    return [c for c in bot.api.calls_since(after) if c.method == "files.completeUploadExternal"]


def in_english(bot: Bot) -> None:
    bot.ctx.settings = bot.ctx.settings.model_copy(update={"kefu_lang": "en"})


def test_monday_posts_last_weeks_attendance_and_fines_then_a_png_of_minutes_late(
        bot: Bot) -> None:
    last_week(bot)
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["monday_attendance"], at(MONDAY, 9, 0))
    [post] = bot.posts("kefu", after=seq)
    text = text_of(post)
    assert "上周考勤 11-16–11-22" in text
    assert "陈晓：出勤 2/2 班，迟到 1 次共 12 分钟，罚款 20 元" in text
    assert "林悦：出勤 2/2 班\n" in text and "全勤：林悦" in text
    assert "合计：迟到 1 次共 12 分钟，罚款 20 元" in text
    [upload] = uploads(bot, seq)
    assert upload.seq > post.seq and upload.args["channel_id"] == post.response["channel"]
    [shown] = upload.response["files"]
    assert shown["name"] == "kefu-late-2026-11-16.png"
    assert shown["title"] == "上周迟到分钟数 11-16–11-22"
    assert bot.api.file_content(shown["id"]).startswith(PNG)


def test_monday_attendance_reads_in_english_for_an_english_team(bot: Bot) -> None:
    last_week(bot)
    in_english(bot)
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["monday_attendance"], at(MONDAY, 9, 0))
    text = text_of(bot.posts("kefu", after=seq)[0])
    assert "Last week's attendance, 11-16–11-22" in text
    assert "陈晓: 2/2 shifts worked, late 1× for 12 min, fines 20 yuan" in text
    assert "Full attendance: 林悦" in text


def test_a_week_without_lateness_posts_no_chart(bot: Bot) -> None:
    lin = bot.add_staff("U0A2", "林悦")
    bot.set_shift(lin, LAST_TUE, "D")
    punch(bot, "U0A2", LAST_TUE, (8, 20))
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["monday_attendance"], at(MONDAY, 9, 0))
    assert "林悦：出勤 1/1 班" in text_of(bot.posts("kefu", after=seq)[0])
    assert uploads(bot, seq) == []


def test_monday_attendance_is_due_on_mondays_at_nine_only(bot: Bot) -> None:
    week = scheduler.scheduled(bot.ctx, JOBS["monday_attendance"], at(MONDAY, 0, 0),
                               at(date(2026, 11, 29), 23, 59))
    assert week == [at(MONDAY, 9, 0)]


def day_of_work(bot: Bot) -> None:
    """Tuesday: 陈晓 late 12 minutes, 林悦 on the late shift without a clock-in, a parcel
    logged and another closed, a make-up punch approved."""
    chen, lin = bot.add_staff("U0A1", "陈晓"), bot.add_staff("U0A2", "林悦")
    bot.add_staff("U0L1", "孙丽", role="lead")
    bot.set_shift(chen, TUESDAY, "D")
    bot.set_shift(lin, TUESDAY, "E")
    bot.set_shift(chen, MONDAY, "D")
    bot.now = at(MONDAY, 16, 0)
    bot.command("U0A1", "/parcel", "log 518012345670 破损")
    punch(bot, "U0A1", TUESDAY, (8, 42), None)
    bot.command("U0A1", "/parcel", "log 518012345678 地址不详")
    bot.command("U0A1", "/parcel", "close 518012345670 delivered")
    bot.command("U0A1", "/clock", "fix 昨天 08:25 in 忘记打卡")
    r = bot.rows(Request)[0]
    bot.click("U0L1", ids.APPROVE, r.id, r.channel, r.ts)
    assert bot.rows(Request)[0].state == "approved"
    bot.now = at(TUESDAY, 22, 30)


def test_the_daily_report_tells_the_leads_the_days_punches_fines_parcels_and_decisions(
        bot: Bot) -> None:
    day_of_work(bot)
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["daily_report"], at(TUESDAY, 22, 30))
    assert bot.posts("kefu", after=seq) == []
    [post] = bot.posts("kefu-approvals", after=seq)
    text = text_of(post)
    assert "每日工作报告 11-24 周二" in text
    assert "已开始的班 2 人，上班打卡 1 人，下班打卡 0 人；未打上班卡：林悦" in text
    assert "迟到：陈晓 12 分钟" in text
    assert "罚款 1 笔共 20 元：陈晓 迟到 20 元" in text
    assert "今日登记 1 件，完结 1 件；未结 1 件" in text
    assert "今日审批：补卡 批准 1、驳回 0" in text


def test_the_daily_report_reads_in_english_for_an_english_team(bot: Bot) -> None:
    day_of_work(bot)
    in_english(bot)
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["daily_report"], at(TUESDAY, 22, 30))
    text = text_of(bot.posts("kefu-approvals", after=seq)[0])
    assert "Daily report Tue 11-24" in text and "no clock-in: 林悦" in text
    assert "Late: 陈晓 12 min" in text and "1 logged and 1 closed today" in text
    assert "make-up punches 1 approved, 0 rejected" in text


def test_each_lead_gets_last_months_sheets_in_their_language_the_day_before_payday(
        bot: Bot) -> None:
    chen = bot.add_staff("U0A1", "陈晓")
    bot.add_staff("U0L1", "孙丽", role="lead")
    bot.add_staff("U0L2", "Ann", role="admin", locale="en-US")
    bot.set_shift(chen, TUESDAY, "D")
    punch(bot, "U0A1", TUESDAY, (8, 42))
    seq = bot.api.last_seq
    assert scheduler.run_job(bot.ctx, JOBS["monthly_sheet"], at(date(2026, 12, 9), 10, 0))
    done = uploads(bot, seq)
    sent = {(c.args["channel_id"], c.response["files"][0]["name"]): c for c in done}
    assert sorted(sent) == [
        ("DU0L1", "kefu-attendance-2026-11.xlsx"), ("DU0L1", "kefu-penalties-2026-11.xlsx"),
        ("DU0L2", "kefu-attendance-2026-11.xlsx"), ("DU0L2", "kefu-penalties-2026-11.xlsx")]
    zh = sent["DU0L1", "kefu-penalties-2026-11.xlsx"]
    assert "明天发工资：2026-11 奖惩表（罚款明细）" in zh.args["initial_comment"]
    en = sent["DU0L2", "kefu-attendance-2026-11.xlsx"]
    assert "Payday is tomorrow: the 2026-11 reward/penalty sheet" in en.args["initial_comment"]
    sheet = load_workbook(io.BytesIO(bot.api.file_content(en.response["files"][0]["id"]))).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert sheet["B1"].value == "Scheduled days" and rows["陈晓"][3:5] == (1, 12)


def test_the_sheets_are_due_the_day_before_payday_and_the_last_day_for_payday_on_the_1st(
        bot: Bot) -> None:
    job = JOBS["monthly_sheet"]
    december = scheduler.scheduled(bot.ctx, job, at(date(2026, 12, 1), 0, 0),
                                   at(date(2026, 12, 31), 23, 59))
    assert december == [at(date(2026, 12, 9), 10, 0)]
    jobs = bot.ctx.policy.jobs.model_copy(update={"payday": 1})
    bot.ctx.policy = bot.ctx.policy.model_copy(update={"jobs": jobs})
    february = scheduler.scheduled(bot.ctx, job, at(date(2027, 2, 1), 0, 0),
                                   at(date(2027, 3, 1), 23, 59))
    assert february == [at(date(2027, 2, 28), 10, 0)]
