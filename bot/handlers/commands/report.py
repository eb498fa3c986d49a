"""`/kefu report attendance|penalties [MONTH]` (lead): the month's report as an xlsx in a DM."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_bolt import Respond

from bot.context import Context
from bot.domain.period import Month
from bot.handlers.common import reply, reply_usage, role_or_reply
from bot.handlers.files import send_file_to_dm
from bot.parse.common import UsageError
from bot.parse.report import parse_report
from bot.render.text import render
from bot.services.attendance import report_file

LEADS = ("lead", "admin")
ReportWork = Callable[[str, str, Respond, datetime], None]


def report_work(ctx: Context) -> ReportWork:
    """Make the work behind `/kefu report`: check, say it is coming, build, send, tell where."""

    def handle_report(user_id: str, text: str, respond: Respond, now: datetime) -> None:
        lang = ctx.lang_for(user_id)
        try:
            cmd = parse_report(text)
        except UsageError as err:
            return reply_usage(respond, lang, err)
        with ctx.session() as session:
            if role_or_reply(session, respond, lang, user_id, LEADS) is None:
                return None
        month = cmd.month or Month.of(now.astimezone(ctx.policy.tz).date())
        said = {"kind": cmd.kind, "month": month}
        reply(respond, lang, "report_working", **said)
        with ctx.session() as session:
            made = report_file(session, kind=cmd.kind, month=month, now=now, policy=ctx.policy,
                               lang=lang)
        comment = render(lang, "report_file_comment", so_far=made.so_far, **said)
        send_file_to_dm(ctx, user_id=user_id, filename=made.filename, content=made.content,
                        title=made.filename, comment=comment,
                        before=respond.response_url)
        return reply(respond, lang, "report_sent", rows=made.rows, filename=made.filename,
                     **said)

    return handle_report
