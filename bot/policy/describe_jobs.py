"""The [jobs] lines of `kefu policy check`: each routine's times, or that it is off."""

from __future__ import annotations

from typing import Any

from bot.policy.jobs import JobConfig, ShiftJobConfig
from bot.policy.model import Policy


def describe_jobs(p: Policy, t: dict[str, Any]) -> list[str]:
    """Return the lines for every scheduled job, in the labels T of one language."""
    return [*_describe_jobs(p, t), *_describe_shift_jobs(p, t)]


def _describe_jobs(p: Policy, t: dict[str, Any]) -> list[str]:
    """Return the lines of the scheduled jobs: each one's times and days, or off."""
    lines = [t["jobs"].format(grace=p.jobs.grace_minutes, payday=p.jobs.payday)]
    for name, cfg in p.jobs:
        if not isinstance(cfg, JobConfig):
            continue
        if not cfg.enabled:
            lines.append("  " + t["job_off"].format(name=name))
            continue
        monthday = p.jobs.sheet_day() if name == "monthly_sheet" else cfg.monthday
        days = "" if monthday and cfg.days == "all" else t["job_days"][cfg.days]
        lines.append("  " + t["job"].format(
            name=name, at=", ".join(cfg.at), days=days,
            monthday=t["monthday"].format(n=monthday) if monthday else ""))
    return lines


def _shift_job(cfg: ShiftJobConfig, t: dict[str, Any]) -> str:
    """Return when a shift routine runs, relative to the start, and whether it is off."""
    when: str = t["shiftjobs_before"].format(n=cfg.minutes_before) if cfg.minutes_before else \
        t["shiftjobs_after"].format(n=cfg.minutes_after) if cfg.minutes_after else \
        t["shiftjobs_start"]
    return when + ("" if cfg.enabled else t["shiftjobs_off"])


def _describe_shift_jobs(p: Policy, t: dict[str, Any]) -> list[str]:
    """Return the lines of the routines tied to each shift's start."""
    j = p.jobs
    return [t["shiftjobs"].format(remind=_shift_job(j.shift_reminder, t),
                                  check=_shift_job(j.shift_no_clock_in, t),
                                  lapse=_shift_job(j.request_lapse, t)),
            t["handoverjobs"].format(send=_shift_job(j.handover, t),
                                     check=_shift_job(j.handover_unread, t))]
