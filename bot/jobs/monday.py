"""The Monday attendance post (每星期一公布上周考勤): last week's attendance and fines per
person to the team channel, and a chart of each person's minutes late."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from bot.context import Context
from bot.handlers.files import send_file_to_channel
from bot.render.blocks import text_message
from bot.render.chart import bar_chart_png
from bot.render.text import render
from bot.services.attendance import WeekRow, week_rows


def last_week(now: datetime, tz: tzinfo) -> tuple[date, date]:
    """Monday and Sunday of the week before NOW's."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def run(ctx: Context, now: datetime) -> None:
    """Post last week's attendance, then its lateness chart, to the team channel."""
    first, last = last_week(now, ctx.policy.tz)
    with ctx.session() as session:
        rows = week_rows(session, first=first, last=last, now=now, policy=ctx.policy)
    lang, channel = ctx.team_lang, ctx.team_channel
    clean = [r.name for r in rows if r.full_attendance]
    text = render(lang, "monday_attendance", first=first, last=last, rows=rows, clean=clean)
    ctx.post("chat.postMessage", channel=channel, **text_message(text))
    if any(r.late_minutes for r in rows):
        title = render(lang, "late_chart", first=first, last=last)
        send_file_to_channel(ctx, channel=channel, filename=f"kefu-late-{first}.png",
                             content=chart(title, rows), title=title, comment="")


def chart(title: str, rows: list[WeekRow]) -> bytes:
    """Minutes late per person, the latest first."""
    ordered = sorted(rows, key=lambda r: (-r.late_minutes, r.name))
    return bar_chart_png(title, [r.name for r in ordered], [r.late_minutes for r in ordered])
