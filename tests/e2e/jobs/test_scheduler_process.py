"""The real scheduler, as `kefu scheduler` processes under a clock a few seconds before a job
(libfaketime): two of them post the morning summary once; a restart within the grace posts
a missed one once, past the grace it is recorded as skipped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.cli import main
from bot.localslack.api import FakeSlackApi
from bot.localslack.recorder import Call
from bot.services import staff as staff_service
from bot.services.roster.entries import Cell, store_cells
from db.engine import make_engine, session_scope, upgrade
from db.models import JobRun

TUESDAY = date(2026, 11, 24)
FAKETIME = shutil.which("faketime")  # Debian's faketime; scripts/test.sh installs it


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[str, FakeSlackApi, Engine]]:
    db_url = f"sqlite:///{tmp_path / 'jobs.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    with session_scope(engine) as s:
        who, _ = staff_service.add_or_update(s, slack_id="U0A1", name="陈晓", role="agent",
                                             group=None, actor="test")
        store_cells(s, [Cell(who.id, TUESDAY, "D")], actor="test", source="test")
    api = FakeSlackApi().start()
    yield db_url, api, engine
    api.stop()
    engine.dispose()


def start(db_url: str, api: FakeSlackApi, utc: str, log: Path) -> subprocess.Popen[bytes]:
    """`kefu scheduler` whose clock starts at UTC (e.g. "2026-11-24 00:19:56") and runs on."""
    assert FAKETIME is not None, "faketime is missing: apt-get install faketime"
    env = {**os.environ, "DATABASE_URL": db_url, "SLACK_BOT_TOKEN": "xoxb-jobs",
           "SLACK_API_URL": api.url, "TZ": "UTC",
           "FAKETIME_DONT_FAKE_MONOTONIC": "1"}  # waits run on real time, the clock is fake
    with log.open("ab") as out:
        return subprocess.Popen(
            [FAKETIME, "-f", f"@{utc}", sys.executable, "-c",
             "from bot.cli import main; main()", "scheduler"],
            env=env, stdout=out, stderr=subprocess.STDOUT)


def summaries(api: FakeSlackApi) -> list[Call]:
    return [c for c in api.calls if c.method == "chat.postMessage"
            and "晨会" in str(c.args.get("text", ""))]


def wait_for_posts(api: FakeSlackApi, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(summaries(api)) < count:
        assert time.monotonic() < deadline, "the scheduler did not post in time"
        time.sleep(0.1)


def stop(*procs: subprocess.Popen[bytes]) -> None:
    for p in procs:
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)


def runs(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as s:
        return [(r.job, r.state) for r in s.exec(select(JobRun).where(
            JobRun.job == "morning_summary").order_by(JobRun.instant))]


def test_two_schedulers_post_the_morning_summary_once(
        world: tuple[str, FakeSlackApi, Engine], tmp_path: Path) -> None:
    db_url, api, engine = world
    both = [start(db_url, api, "2026-11-24 00:19:54", tmp_path / f"s{n}.log") for n in (1, 2)]
    try:
        wait_for_posts(api, 1, timeout=40)
        time.sleep(3)  # room for a second post, which must not come
    finally:
        stop(*both)
    assert len(summaries(api)) == 1
    assert ("morning_summary", "done") in runs(engine)
    assert "Traceback" not in "".join(p.read_text() for p in tmp_path.glob("s*.log"))


def test_a_restart_within_the_grace_posts_the_missed_summary_once(
        world: tuple[str, FakeSlackApi, Engine], tmp_path: Path) -> None:
    db_url, api, engine = world
    first = start(db_url, api, "2026-11-24 00:50:00", tmp_path / "a.log")  # 08:50 Shanghai
    try:
        wait_for_posts(api, 1, timeout=40)
    finally:
        stop(first)
    again = start(db_url, api, "2026-11-24 00:51:00", tmp_path / "b.log")
    try:
        time.sleep(6)  # it has started and caught up by now
    finally:
        stop(again)
    assert len(summaries(api)) == 1
    assert runs(engine)[-1] == ("morning_summary", "done")


def test_a_restart_past_the_grace_records_the_summary_as_skipped(
        world: tuple[str, FakeSlackApi, Engine], tmp_path: Path) -> None:
    db_url, api, engine = world
    late = start(db_url, api, "2026-11-24 01:30:00", tmp_path / "c.log")  # 09:30 Shanghai
    try:
        deadline = time.monotonic() + 40
        while ("morning_summary", "skipped") not in runs(engine):
            assert time.monotonic() < deadline, "no skipped run was recorded"
            time.sleep(0.2)
    finally:
        stop(late)
    assert summaries(api) == []
    listed = CliRunner().invoke(main, ["jobs", "list"], env={"DATABASE_URL": db_url})
    assert listed.exit_code == 0, listed.output
    line = next(x for x in listed.output.splitlines() if x.startswith("morning_summary"))
    assert "2026-11-24 08:20 skipped" in line
