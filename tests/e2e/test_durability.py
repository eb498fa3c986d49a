"""Acknowledged means kept: a real `kefu serve --http` process killed with SIGKILL in the
middle of a burst loses no request it answered 200, and sends the replies it owed."""

from __future__ import annotations

import itertools
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.localslack.api import FakeSlackApi
from bot.localslack.sender import FORM, SlackSender
from bot.services import staff as staff_service
from db.engine import make_engine, session_scope, upgrade
from db.models import Inbox, Outbox, Parcel

SECRET = "kill-test-secret"
STAFF = [f"U0K{n:03d}" for n in range(30)]
CLIENTS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`kefu serve --http` in its own process, on a fixed port and database."""

    def __init__(self, tmp: Path, db_url: str, api: FakeSlackApi) -> None:
        self.port = free_port()
        self.env = {**os.environ, "DATABASE_URL": db_url, "SLACK_BOT_TOKEN": "xoxb-kill",
                    "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": api.url,
                    "PORT": str(self.port)}
        self.log = tmp / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "from bot.cli import main; main()", "serve", "--http",
                 "--no-scheduler"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            assert self.proc.poll() is None, self.log.read_text()[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz",
                                            timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Server, FakeSlackApi, Engine]]:
    db_url = f"sqlite:///{tmp_path / 'kill.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    api = FakeSlackApi().start()
    with session_scope(engine) as s:
        for n, slack_id in enumerate(STAFF):
            staff_service.add_or_update(s, slack_id=slack_id, name=f"员工{n}", role="agent",
                                        group=None, actor="test")
            api.add_user(slack_id, f"员工{n}")
    server = Server(tmp_path, db_url, api)
    yield server, api, engine
    server.stop()
    api.stop()
    engine.dispose()


def burst(server: Server, api: FakeSlackApi, numbers: Iterator[int],
          acked: dict[str, str], stop: threading.Event) -> None:
    """Send `/parcel log` with a fresh waybill until STOP; remember each one answered 200."""
    sender = SlackSender(f"http://127.0.0.1:{server.port}/slack/events", SECRET, api,
                         timeout=5)
    while not stop.is_set():
        waybill = f"5180{next(numbers):08d}"
        body = sender.command_body(random.choice(STAFF), "/parcel", f"log {waybill} 破损 外箱")
        url = urllib.parse.parse_qs(body)["response_url"][0]
        try:
            reply = sender.post(body, FORM)
        except OSError:
            continue  # no answer: not acknowledged, so nothing is owed
        if reply.status == 200:
            acked[waybill] = url.rsplit("/", 1)[1]


def unfinished(engine: Engine) -> int:
    with Session(engine) as s:
        return len(s.exec(select(Inbox).where(col(Inbox.state).in_(("new", "working")))).all())


def settled(engine: Engine) -> bool:
    with Session(engine) as s:
        open_items = s.exec(select(Inbox).where(col(Inbox.state).in_(("new", "working"))))
        pending = s.exec(select(Outbox).where(col(Outbox.state) != "sent"))
        return open_items.first() is None and pending.first() is None


def test_a_sigkill_loses_no_acknowledged_request_and_every_reply_is_sent(
        world: tuple[Server, FakeSlackApi, Engine]) -> None:
    server, api, engine = world
    numbers = itertools.count(1)
    acked: dict[str, str] = {}
    backlog: list[int] = []  # requests stored but not yet worked through at each kill
    for _ in range(2):
        server.start()
        stop = threading.Event()
        clients = [threading.Thread(target=burst, args=(server, api, numbers, acked, stop))
                   for _ in range(CLIENTS)]
        for c in clients:
            c.start()
        time.sleep(random.uniform(0.8, 1.6))
        server.kill()
        stop.set()
        for c in clients:
            c.join(timeout=30)
        backlog.append(unfinished(engine))
    server.start()
    deadline = time.monotonic() + 120
    while not settled(engine):
        assert time.monotonic() < deadline, "the restarted server did not catch up"
        time.sleep(0.2)
    with Session(engine) as s:
        stored = [p.waybill for p in s.exec(select(Parcel)).all()]
    print("acked", len(acked), "stored", len(stored), "backlog at kills", backlog)
    assert len(acked) >= 50  # a real burst was acknowledged before each kill
    assert sorted(set(acked) - set(stored)) == []  # kept: every acknowledged request
    assert len(stored) == len(set(stored))  # and each once
    replied = {c.args["token"] for c in api.calls if c.method == "response_url"}
    assert sorted(w for w, token in acked.items() if token not in replied) == []
    assert "Traceback" not in server.log.read_text()
