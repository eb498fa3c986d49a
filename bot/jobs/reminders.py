"""The leads' custom reminders as jobs: one per reminder, named remind:<id>, run through the
same `run_job` as every job, so each of its instants is posted once."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from bot.context import Context
from bot.jobs.registry import Job
from bot.policy.jobs import JobConfig
from bot.render.blocks import text_message
from bot.render.text import render
from bot.services import custom_reminders as reminders
from bot.services.custom_reminders import ReminderView

PREFIX = "remind:"


def job_of(r: ReminderView) -> Job:
    """The job of one reminder: its times, from its creation on."""
    cfg = JobConfig(at=r.times, days=r.days)
    return Job(f"{PREFIX}{r.id}", lambda _policy: cfg, partial(run, reminder_id=r.id),
               f"reminder: {r.text[:40]}", since=r.created_at)


def reminder_jobs(ctx: Context) -> list[Job]:
    """Every active reminder's job, read afresh (the scheduler calls this every minute)."""
    with ctx.session() as session:
        return [job_of(r) for r in reminders.active(session)]


def run(ctx: Context, now: datetime, *, reminder_id: int) -> None:
    """Post the reminder's text to the team channel, unless it was removed meanwhile."""
    with ctx.session() as session:
        text = reminders.text_if_active(session, reminder_id=reminder_id)
    if text is None:
        return
    body = text_message(render(ctx.team_lang, "reminder", text=text))
    ctx.post("chat.postMessage", channel=ctx.team_channel, **body)
