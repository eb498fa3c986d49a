"""`kefu jobs list` and `kefu jobs run NAME [--at TIME]`: the schedule, and one run by hand
through the same path as the scheduler (an instant that already ran is not run again)."""

from __future__ import annotations

from datetime import datetime

import click

from bot.app import build_context
from bot.cli.common import BadInput, init_database, settings
from bot.context import Context
from bot.jobs import runs, scheduler
from bot.jobs.registry import JOBS
from bot.jobs.reminders import reminder_jobs
from bot.jobs.timing import next_instant

_AT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%H:%M")


def _context() -> Context:
    s = settings()
    init_database(s)
    return build_context(s)


def _at(ctx: Context, text: str | None) -> datetime:
    """The instant to run for: now, or TEXT in the team's zone (HH:MM means today)."""
    now = ctx.clock().astimezone(ctx.policy.tz)
    if text is None:
        return now.replace(second=0, microsecond=0)
    for fmt in _AT_FORMATS:
        try:
            parsed = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        if fmt == "%H:%M":
            parsed = datetime.combine(now.date(), parsed.time())
        return parsed.replace(tzinfo=ctx.policy.tz)
    raise BadInput(f'--at "{text}": use HH:MM (today) or YYYY-MM-DD HH:MM, team time')


@click.group()
def jobs() -> None:
    """The scheduled jobs."""


@jobs.command(name="list")
def jobs_list() -> None:
    """Print each job, its schedule, its next run and its last recorded run."""
    ctx = _context()
    now = ctx.clock()
    with ctx.session() as session:
        last = runs.last_runs(session)
    for job in [*JOBS.values(), *reminder_jobs(ctx)]:
        name, cfg = job.name, job.config(ctx.policy)
        monthly = f" monthday {cfg.monthday}" if cfg.monthday else ""
        when = f"{','.join(cfg.at)} {cfg.days}{monthly}" if cfg.enabled else "off"
        nxt = next_instant(cfg, ctx.policy.tz, max(now, job.since or now),
                           scheduler.rest_day_of(ctx.policy)) if cfg.enabled else None
        seen = last.get(name)
        done = f"{seen.instant.astimezone(ctx.policy.tz):%Y-%m-%d %H:%M} {seen.state}" \
            if seen else "never"
        shown = f"{nxt.astimezone(ctx.policy.tz):%Y-%m-%d %H:%M}" if nxt else "-"
        click.echo(f"{name:18} {when:28} next {shown:16}  last {done}  ({job.about})")


@jobs.command(name="run")
@click.argument("name")
@click.option("--at", "at_text", default=None, metavar="TIME",
              help="The scheduled instant to run for (default: now), team time.")
def jobs_run(name: str, at_text: str | None) -> None:
    """Run one job now, or for an instant, as the scheduler would; then send its posts."""
    from bot.app import start_outbox

    ctx = _context()
    job = scheduler.find(ctx, name)
    if job is None:
        ctx.close()
        raise BadInput(f'no job "{name}": one of {", ".join(JOBS)}, or remind:ID '
                       "(kefu jobs list shows them)")
    at = _at(ctx, at_text)
    dispatcher = start_outbox(ctx)
    try:
        ran = scheduler.run_job(ctx, job, at)
        dispatcher.drain(timeout=30)
    finally:
        ctx.close()
    shown = f"{at:%Y-%m-%d %H:%M}"
    click.echo(f"{name} ran for {shown}" if ran else f"{name} had already run for {shown}")


