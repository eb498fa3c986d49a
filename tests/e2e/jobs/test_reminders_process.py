"""The real `kefu scheduler` process under a fake clock (libfaketime) picks up a reminder a
lead added after it started, and posts it once at its time."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from bot.localslack.api import FakeSlackApi
from bot.parse.remind import parse_remind
from bot.services import custom_reminders as reminders
from bot.services import staff as staff_service
from db.engine import session_scope
from tests.e2e.jobs.test_scheduler_process import start, stop, world

__all__ = ["world"]  # the fixture, shared with the scheduler's process tests


def posted(api: FakeSlackApi) -> list[str]:
    return [str(c.args.get("text", "")) for c in api.calls if c.method == "chat.postMessage"
            and "下单到仓库" in str(c.args.get("text", ""))]


def wait(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_reminder_added_while_the_scheduler_runs_is_posted_once_at_its_time(
        world: tuple[str, FakeSlackApi, Engine], tmp_path: Path) -> None:
    db_url, api, engine = world
    log = tmp_path / "s.log"
    proc = start(db_url, api, "2026-11-24 05:59:45", log)  # 13:59:45 Shanghai
    try:
        wait(lambda: log.exists() and "scheduler running" in log.read_text(), 40,
             "the scheduler did not start")
        with session_scope(engine) as s:
            lead, _ = staff_service.add_or_update(s, slack_id="U0L1", name="孙丽", role="lead",
                                                  group=None, actor="test")
            cmd = parse_remind("add 14:00 下单到仓库")
            assert cmd.schedule is not None
            reminders.add(s, who=lead, schedule=cmd.schedule, text=cmd.text,
                          now=datetime(2026, 11, 24, 13, 59, 45, tzinfo=ZoneInfo("Asia/Shanghai")))
        wait(lambda: posted(api), 90, "the reminder was not posted")
        time.sleep(3)  # room for a second post, which must not come
    finally:
        stop(proc)
    assert posted(api) == [":alarm_clock: 下单到仓库"]
    assert "Traceback" not in log.read_text()
