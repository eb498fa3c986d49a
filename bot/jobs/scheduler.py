"""The scheduler: APScheduler fires each job at its policy times in the team's zone; every
run, scheduled, caught up or by hand, goes through `run_job`, which records (job, instant)
in the transaction of what the job sends, so an instant is never run twice."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.context import Context
from bot.jobs import runs
from bot.jobs.registry import JOBS, Job
from bot.jobs.reminders import reminder_jobs
from bot.jobs.timing import RestDay, instants
from bot.policy import Policy
from bot.solver.calendar import weekend_days
from bot.transport.outbox import wall_clock

log = logging.getLogger("kefu.jobs")
LOOKBACK = timedelta(hours=24)  # how far back a start-up looks for runs missed by downtime


def rest_day_of(policy: Policy) -> RestDay:
    """Rest days: the national calendar's (调休 included), or plain weekends."""
    if policy.roster.holidays == "cn":
        return lambda day: day in weekend_days([day])
    return lambda day: day.weekday() >= 5


def enabled(policy: Policy) -> list[Job]:
    """The jobs the policy has switched on."""
    return [j for j in JOBS.values() if j.config(policy).enabled]


def every_job(ctx: Context) -> list[Job]:
    """The jobs the policy has switched on, and the leads' reminders."""
    return enabled(ctx.policy) + reminder_jobs(ctx)


def find(ctx: Context, name: str) -> Job | None:
    """A job of the registry or a reminder (remind:<id>) by name."""
    return JOBS.get(name) or next((j for j in reminder_jobs(ctx) if j.name == name), None)


def scheduled(ctx: Context, job: Job, after: datetime, until: datetime) -> list[datetime]:
    """JOB's instants in (AFTER, UNTIL], none before the job existed."""
    if job.since is not None:
        after = max(after, job.since)
    return instants(job.config(ctx.policy), ctx.policy.tz, after, until,
                    rest_day_of(ctx.policy))


def run_job(ctx: Context, job: Job, instant: datetime) -> bool:
    """Run JOB for INSTANT unless that instant already ran; True when this call ran it."""
    with ctx.session() as session:
        if not runs.claim(session, job=job.name, instant=instant, state="done",
                          now=wall_clock()):
            return False
        job.run(ctx, instant)
    log.info("job %s ran for %s", job.name, instant.isoformat())
    return True


def catch_up(ctx: Context, now: datetime,
             jobs: list[Job] | None = None) -> list[tuple[str, datetime, str]]:
    """Runs missed while nothing ran (of JOBS, default all): within the grace they run now,
    once; older ones are recorded as skipped (and `kefu jobs list` shows them)."""
    grace = timedelta(minutes=ctx.policy.jobs.grace_minutes)
    done: list[tuple[str, datetime, str]] = []
    for job in every_job(ctx) if jobs is None else jobs:
        with ctx.session() as session:
            seen = runs.recorded(session, job=job.name, since=now - LOOKBACK)
        for at in scheduled(ctx, job, now - LOOKBACK, now):
            if at in seen:
                continue
            if now - at <= grace:
                if run_job(ctx, job, at):
                    done.append((job.name, at, "ran"))
                continue
            with ctx.session() as session:
                if runs.claim(session, job=job.name, instant=at, state="skipped",
                              now=wall_clock(), note="missed: nothing was running"):
                    done.append((job.name, at, "skipped"))
    return done


def tick(ctx: Context, job: Job) -> None:
    """APScheduler's call: run the instant just due (the day's kind is checked here)."""
    now = ctx.clock()
    grace = timedelta(minutes=ctx.policy.jobs.grace_minutes)
    due = scheduled(ctx, job, now - grace, now)
    if due:
        run_job(ctx, job, due[-1])


def remind_tick(ctx: Context) -> None:
    """Every minute: post the reminders now due, those added since the start included."""
    catch_up(ctx, ctx.clock(), reminder_jobs(ctx))


def start(ctx: Context) -> BackgroundScheduler:
    """Catch up on missed runs, then fire every enabled job at its times from now on."""
    tz = ctx.policy.tz
    grace_seconds = max(1, ctx.policy.jobs.grace_minutes * 60)
    scheduler = BackgroundScheduler(timezone=tz)
    # The reminders' minute tick would log two lines a minute; our runs log their own line.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    for job in enabled(ctx.policy):
        for hhmm in job.config(ctx.policy).at:
            hh, mm = (int(p) for p in hhmm.split(":"))
            scheduler.add_job(tick, CronTrigger(hour=hh, minute=mm, timezone=tz),
                              args=(ctx, job), id=f"{job.name}@{hhmm}", coalesce=True,
                              misfire_grace_time=grace_seconds, max_instances=1)
    scheduler.add_job(remind_tick, CronTrigger(second=0, timezone=tz), args=(ctx,),
                      id="reminders", coalesce=True, misfire_grace_time=grace_seconds,
                      max_instances=1)
    for name, at, what in catch_up(ctx, ctx.clock()):
        log.info("job %s for %s: %s after downtime", name, at.isoformat(), what)
    scheduler.start()
    return scheduler

