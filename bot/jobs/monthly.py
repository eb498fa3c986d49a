"""The monthly reward/penalty sheets (奖惩表), sent to each lead the day before payday:
the attendance sheet (full-attendance bonus, absence deductions) and the fines, as xlsx."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from bot.context import Context
from bot.domain.period import Month
from bot.handlers.files import send_file_to_dm
from bot.policy import Policy
from bot.policy.jobs import JobConfig
from bot.render.text import Lang, render
from bot.services import staff
from bot.services.attendance import ReportFile, ReportKind, report_file
from bot.services.errors import LEADS

KINDS: tuple[ReportKind, ...] = ("attendance", "penalties")


def config(policy: Policy) -> JobConfig:
    """The policy's monthly_sheet times, on the day before payday."""
    return policy.jobs.monthly_sheet.model_copy(update={"monthday": policy.jobs.sheet_day()})


def sheet_month(now: datetime, tz: tzinfo) -> Month:
    """The month tomorrow's payday pays: the one before payday's month."""
    payday = now.astimezone(tz).date() + timedelta(days=1)
    return Month.of(Month.of(payday).first - timedelta(days=1))


def run(ctx: Context, now: datetime) -> None:
    """Send each active lead the month's sheets, built once per language."""
    month = sheet_month(now, ctx.policy.tz)
    built: dict[tuple[Lang, ReportKind], ReportFile] = {}
    with ctx.session() as session:
        leads = [p for p in staff.list_active(session) if p.role in LEADS]
        for lead in leads:
            lang = ctx.lang_for(lead.slack_id)
            for kind in KINDS:
                if (lang, kind) not in built:
                    built[lang, kind] = report_file(session, kind=kind, month=month, now=now,
                                                    policy=ctx.policy, lang=lang)
                made = built[lang, kind]
                send_file_to_dm(ctx, user_id=lead.slack_id, filename=made.filename,
                                content=made.content, title=made.filename,
                                comment=render(lang, "monthly_sheet", month=month, kind=kind))
