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


def scheduled(ctx: Context, job: Job, after: datetime, until: datetime) -> list[datetime]:
    """JOB's instants in (AFTER, UNTIL]."""
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


def catch_up(ctx: Context, now: datetime) -> list[tuple[str, datetime, str]]:
    """Runs missed while nothing ran: within the grace they run now, once; older ones are
    recorded as skipped (and `kefu jobs list` shows them)."""
    grace = timedelta(minutes=ctx.policy.jobs.grace_minutes)
    done: list[tuple[str, datetime, str]] = []
    for job in enabled(ctx.policy):
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


def start(ctx: Context) -> BackgroundScheduler:
    """Catch up on missed runs, then fire every enabled job at its times from now on."""
    tz = ctx.policy.tz
    grace_seconds = max(1, ctx.policy.jobs.grace_minutes * 60)
    scheduler = BackgroundScheduler(timezone=tz)
    for job in enabled(ctx.policy):
        for hhmm in job.config(ctx.policy).at:
            hh, mm = (int(p) for p in hhmm.split(":"))
            scheduler.add_job(tick, CronTrigger(hour=hh, minute=mm, timezone=tz),
                              args=(ctx, job), id=f"{job.name}@{hhmm}", coalesce=True,
                              misfire_grace_time=grace_seconds, max_instances=1)
    for name, at, what in catch_up(ctx, ctx.clock()):
        log.info("job %s for %s: %s after downtime", name, at.isoformat(), what)
    scheduler.start()
    return scheduler

