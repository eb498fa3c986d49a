"""Socket Mode, exercised: a real `kefu serve --socket` process connects to the local Socket
Mode stand-in (the URL from apps.connections.open on the Web API stand-in), acknowledges a
slash command, a button and events within Slack's 3 seconds, answers through the outbox,
keeps each request in the inbox once (a retried event acts once), and reconnects after a
refresh, after a close without warning and after a TCP reset."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from bot import ids
from bot.localslack.api import FakeSlackApi
from bot.localslack.recorder import Call
from bot.localslack.sender import SlackSender
from bot.localslack.socket_mode import SocketModeStandIn
from bot.services import staff as staff_service
from db.engine import make_engine, session_scope, upgrade
from db.models import Inbox, LedgerEntry, Outbox, Parcel
from tests.e2e.harness import text_of
from tests.e2e.test_dm import dm_event

W = "518012345678"
_PROXIES = {"http_proxy", "https_proxy", "all_proxy"}
Row = TypeVar("Row", bound=SQLModel)


@dataclass
class World:
    """The bot's process, the two Slack stand-ins, the database and a shaper of payloads."""

    proc: subprocess.Popen[bytes]
    log: Path
    api: FakeSlackApi
    socket: SocketModeStandIn
    engine: Engine
    slack: SlackSender  # shapes payloads as Slack does; nothing is posted over HTTP


def start(tmp: Path, db_url: str, api: FakeSlackApi) -> tuple[subprocess.Popen[bytes], Path]:
    """`kefu serve --socket` in its own process: a bot and an app token, no signing secret."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in _PROXIES and not k.startswith("SLACK_")}
    env.update(DATABASE_URL=db_url, SLACK_BOT_TOKEN="xoxb-socket", SLACK_API_URL=api.url,
               SLACK_APP_TOKEN="xapp-1-A0LOCAL-socket")
    log = tmp / "server.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from bot.cli import main; main()", "serve", "--socket",
             "--no-scheduler"], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp)
    return proc, log


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    db_url = f"sqlite:///{tmp_path / 'socket.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    api = FakeSlackApi().start()
    api.socket_mode = SocketModeStandIn().start()
    with session_scope(engine) as s:
        for slack_id, name, role in (("U0A1", "陈晓", "agent"), ("U0L1", "孙丽", "lead")):
            staff_service.add_or_update(s, slack_id=slack_id, name=name, role=role, group=None,
                                        actor="test")
            api.add_user(slack_id, name)
    proc, log = start(tmp_path, db_url, api)
    yield World(proc, log, api, api.socket_mode, engine, SlackSender("", "", api))
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    api.socket_mode.stop()
    api.stop()
    engine.dispose()


def opened(w: World) -> int:
    """How many Socket Mode URLs Slack's apps.connections.open handed out."""
    return sum(1 for c in w.api.calls if c.method == "apps.connections.open" and c.response["ok"])


def dm_to(user: str, after: int, w: World) -> Call:
    """The bot's next message in USER's DM."""
    return w.api.wait_for(lambda c: c.method == "chat.postMessage"
                          and c.response.get("channel") == "D" + user, after=after, timeout=30)


def replied(after: int, w: World) -> Call:
    """The bot's next reply on a response_url."""
    return w.api.wait_for(lambda c: c.method == "response_url", after=after, timeout=30)


def command(w: World, user: str, name: str, text: str) -> tuple[int, str]:
    """Send a slash command envelope; check it is acked in time; return (link, reply text)."""
    seq = w.api.last_seq
    envelope = w.socket.send("slash_commands", w.slack.command_fields(user, name, text),
                             accepts_response_payload=True)
    ack = w.socket.wait_ack(envelope)
    return ack.link, text_of(replied(seq, w))


def settled(engine: Engine) -> bool:
    with Session(engine) as s:
        open_items = s.exec(select(Inbox).where(col(Inbox.state).in_(("new", "working"))))
        pending = s.exec(select(Outbox).where(col(Outbox.state) != "sent"))
        return open_items.first() is None and pending.first() is None


def test_socket_mode_acks_answers_keeps_once_and_reconnects(world: World) -> None:
    w = world
    w.socket.wait_connections(1, timeout=60)
    assert opened(w) == 1

    # A slash command: the lead fines the agent; the reply and the fine's DM come back.
    seq = w.api.last_seq
    link, said = command(w, "U0L1", "/penalty", "<@U0A1> games")
    assert link == 1 and "上班玩游戏/看视频" in said
    fine_dm = dm_to("U0A1", seq, w)
    [fine] = [e for e in rows(w, LedgerEntry) if e.kind == "fine"]

    # A button: the agent presses "I have paid" on that DM.
    seq = w.api.last_seq
    click = w.slack.block_action_payload("U0A1", ids.MARK_PAID, str(fine.id), block_id="b",
                                         message=None, channel_id="DU0A1",
                                         message_ts=fine_dm.response["ts"])
    assert w.socket.wait_ack(w.socket.send("interactive", click)).link == 1
    assert "已标记为已付" in text_of(replied(seq, w))

    # An event: a DM to the bot, answered in the DM; Slack's retry of it acts on nothing.
    seq = w.api.last_seq
    event = w.slack.event_envelope(dm_event("U0A1", "罚款"))
    w.socket.wait_ack(w.socket.send("events_api", event))
    assert "我的罚款" in text_of(dm_to("U0A1", seq, w))
    w.socket.wait_ack(w.socket.send("events_api", event, retry_attempt=1,
                                    retry_reason="timeout"))
    w.socket.wait_ack(w.socket.send("events_api",
                                    w.slack.event_envelope(dm_event("U0A1", "帮助"))))
    assert "`上班`" in text_of(w.api.wait_for(  # the DM after the retry has its answer…
        lambda c: c.method == "chat.postMessage" and "`上班`" in text_of(c), after=seq))
    assert sum(1 for c in w.api.calls_since(seq)  # …and the retry had none
               if c.method == "chat.postMessage" and "我的罚款" in text_of(c)) == 1

    # Slack asks for a refresh: the bot opens a new connection and goes on there.
    w.socket.drop("refresh")
    w.socket.wait_connections(2)
    link, said = command(w, "U0A1", "/parcel", f"log {W} 破损 外箱压坏")
    assert link == 2 and W in said
    assert opened(w) == 2

    # The connection drops without a word: the bot notices, reconnects, and goes on.
    w.socket.drop("close")
    w.socket.wait_connections(3, timeout=60)
    seq = w.api.last_seq
    home = w.slack.event_envelope({"type": "app_home_opened", "user": "U0A1", "tab": "home"})
    assert w.socket.wait_ack(w.socket.send("events_api", home)).link == 3
    w.api.wait_for(lambda c: c.method == "views.publish" and c.args.get("user_id") == "U0A1",
                   after=seq, timeout=30)
    assert opened(w) == 3

    # The network fails (a TCP reset, no frame at all): the bot reconnects all the same.
    w.socket.drop("reset")
    w.socket.wait_connections(4, timeout=120)
    seq = w.api.last_seq
    roster = w.slack.event_envelope(dm_event("U0A1", "排班"))
    assert w.socket.wait_ack(w.socket.send("events_api", roster)).link == 4
    assert "排班" in text_of(dm_to("U0A1", seq, w))
    assert opened(w) == 4

    # Everything went through the inbox once and out through the outbox.
    deadline = time.monotonic() + 30
    while not settled(w.engine):
        assert time.monotonic() < deadline, "the bot did not finish"
        time.sleep(0.1)
    assert [(i.route, i.state) for i in rows(w, Inbox)] == [
        ("/penalty", "done"), (ids.MARK_PAID, "done"), (ids.EVENT_MESSAGE_IM, "done"),
        (ids.EVENT_MESSAGE_IM, "done"), ("/parcel", "done"), (ids.EVENT_APP_HOME_OPENED, "done"),
        (ids.EVENT_MESSAGE_IM, "done")]
    assert [p.waybill for p in rows(w, Parcel)] == [W]
    assert "Traceback" not in w.log.read_text()


def rows(w: World, model: type[Row]) -> list[Row]:
    """Every stored row of a table, oldest first."""
    with Session(w.engine) as s:
        return list(s.exec(select(model).order_by(model.id)).all())  # type: ignore[attr-defined]
