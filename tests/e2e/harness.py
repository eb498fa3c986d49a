"""The bot served over real HTTP, talking to the local Slack stand-in, driven like Slack."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import SQLModel, select

from bot import ids
from bot.app import build_context, create_app
from bot.context import Context
from bot.localslack.api import FakeSlackApi
from bot.localslack.recorder import Call
from bot.localslack.sender import Reply, SlackSender
from bot.services import staff as staff_service
from bot.services.roster.entries import Cell, store_cells
from bot.settings import load_settings
from bot.transport import inbox
from bot.web import HttpServer, make_wsgi
from db.engine import upgrade

SECRET = "e2e-signing-secret"
Row = TypeVar("Row", bound=SQLModel)


def text_of(call: Call) -> str:
    """The readable text of a recorded message (its sections, else its text)."""
    blocks = call.args.get("blocks") or []
    parts = [b["text"]["text"] for b in blocks if b.get("type") == "section" and b.get("text")]
    return "\n".join(parts) or str(call.args.get("text", ""))


class Bot:
    """One running bot with a settable clock, a Slack stand-in and a signed-request sender."""

    def __init__(self, tmp_path: Path, now: datetime) -> None:
        self.now = now
        self.api = FakeSlackApi().start()
        settings = load_settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
                                 slack_api_url=self.api.url, slack_bot_token="xoxb-e2e",
                                 slack_signing_secret=SECRET)
        self.ctx: Context = build_context(settings, clock=lambda: self.now)
        upgrade(self.ctx.engine)
        self.server = HttpServer(make_wsgi(create_app(self.ctx), self.ctx),
                                 host="127.0.0.1", port=0).start()
        self.url = f"http://127.0.0.1:{self.server.port}"
        self.sender = SlackSender(self.url + "/slack/events", SECRET, self.api)

    def close(self) -> None:
        """Stop the server and the stand-in."""
        self.server.stop()
        self.ctx.close()
        self.api.stop()

    def add_staff(self, slack_id: str, name: str, role: str = "agent",
                  locale: str = "zh-CN", group: str | None = None) -> staff_service.StaffView:
        """Put a member on the team and in the stand-in workspace."""
        self.api.add_user(slack_id, name, locale=locale)
        with self.ctx.session() as s:
            who, _ = staff_service.add_or_update(s, slack_id=slack_id, name=name, role=role,
                                                 group=group, actor="test")
        return who

    def set_shift(self, who: staff_service.StaffView, day: Any, code: str | None) -> None:
        """Roster a member for a day (None = rest)."""
        with self.ctx.session() as s:
            store_cells(s, [Cell(who.id, day, code)], actor="test", source="test")

    def command(self, user_id: str, command: str, text: str = "") -> str:
        """Send a slash command; return the text of the bot's (first) reply to it."""
        seq = self.api.last_seq
        reply = self.sender.command(user_id, command, text)
        assert reply.status == 200, reply
        call = self.api.wait_for(lambda c: c.method == "response_url", after=seq)
        self.settle()
        return text_of(call)

    def reply_call(self, user_id: str, command: str, text: str = "") -> Call:
        """Send a slash command; return the recorded reply (its blocks carry any buttons)."""
        seq = self.api.last_seq
        assert self.sender.command(user_id, command, text).status == 200
        call = self.api.wait_for(lambda c: c.method == "response_url", after=seq)
        self.settle()
        return call

    def click(self, user_id: str, action_id: str, value: int | str,
              channel_id: str | None = None, ts: str | None = None) -> str:
        """Press a button; return the text of the bot's private answer to the click."""
        seq = self.api.last_seq
        reply = self.sender.block_action(user_id, action_id, str(value), block_id="b",
                                         message=None, channel_id=channel_id, message_ts=ts)
        assert reply.status == 200, reply
        call = self.api.wait_for(lambda c: c.method == "response_url", after=seq)
        self.settle()
        return text_of(call)

    def click_home(self, user_id: str, action_id: str, value: int | str = 0) -> str:
        """Press a button on USER's App Home; return the text of the answer, which comes to
        their direct messages (a Home click has no response_url)."""
        seq = self.api.last_seq
        assert self.sender.home_action(user_id, action_id, str(value)).status == 200
        self.settle()
        [answer] = self.posts(user_id, after=seq)[:1]
        return text_of(answer)

    def home(self, user_id: str) -> dict[str, Any]:
        """The App Home last published for a user (after everything queued was sent)."""
        self.settle()
        view = self.api.home_view(user_id)
        assert view is not None, f"no Home published for {user_id}"
        return view

    def open_form(self, user_id: str, command: str, text: str = "") -> tuple[str, Call]:
        """Send a command that opens a form; return the trigger_id it carried and the
        recorded views.open."""
        seq = self.api.last_seq
        assert self.sender.command(user_id, command, text).status == 200
        trigger = self.sender.last_trigger
        call = self.api.wait_for(lambda c: c.method == "views.open", after=seq)
        self.settle()
        return trigger, call

    def press_new(self, user_id: str, form: str) -> tuple[str, Call]:
        """Press a reply's "新申请 / New" button; return its trigger_id and the views.open."""
        seq = self.api.last_seq
        reply = self.sender.block_action(user_id, ids.FORM_OPEN, form, block_id=f"form:{form}",
                                         message=None, channel_id="C0KEFU")
        assert reply.status == 200, reply
        trigger = self.sender.last_trigger
        call = self.api.wait_for(lambda c: c.method == "views.open", after=seq)
        self.settle()
        return trigger, call

    def shortcut(self, user_id: str, callback_id: str,
                 message: dict[str, Any] | None = None) -> tuple[str, Call]:
        """Use a global shortcut, or a message shortcut on MESSAGE (in #kefu); return its
        trigger_id and the recorded views.open."""
        seq = self.api.last_seq
        if message is None:
            reply = self.sender.shortcut(user_id, callback_id)
        else:
            reply = self.sender.message_shortcut(user_id, callback_id, message, "C0KEFU")
        assert reply.status == 200, reply
        trigger = self.sender.last_trigger
        call = self.api.wait_for(lambda c: c.method == "views.open", after=seq)
        self.settle()
        return trigger, call

    def modal(self, user_id: str) -> dict[str, Any]:
        """The modal open on the user's screen."""
        view = self.api.open_modal(user_id)
        assert view is not None, f"no modal open for {user_id}"
        return view

    def submit(self, view: dict[str, Any], values: dict[str, Any]) -> Reply:
        """Submit a modal with VALUES filled in (block_id -> value; see localslack.forms),
        signed and shaped as Slack sends a view_submission; return the bot's answer."""
        reply = self.sender.view_submission(str(view["user"]), view, values)
        assert reply.status == 200, reply
        self.settle()
        return reply

    def choose(self, view: dict[str, Any], block_id: str, values: dict[str, Any]) -> Call:
        """Choose in a modal's input that redraws the form (the swap form's shift), with
        VALUES filled so far; return the recorded views.update."""
        seq = self.api.last_seq
        reply = self.sender.view_action(str(view["user"]), view, block_id, values)
        assert reply.status == 200, reply
        self.settle()
        return self.api.wait_for(lambda c: c.method == "views.update", after=seq)

    def rows(self, model: type[Row]) -> list[Row]:
        """Every stored row of a table, oldest first."""
        with self.ctx.session() as s:
            return list(s.exec(select(model).order_by(model.id)).all())  # type: ignore[attr-defined]

    def idle(self, timeout: float = 30.0) -> None:
        """Wait for the worker and the dispatcher, without asking the database."""
        self.ctx.worker.submit(lambda: None).result(timeout=timeout)
        if self.ctx.dispatcher is not None:
            assert self.ctx.dispatcher.drain(timeout=timeout)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until the bot has finished everything it was asked (posts after replies):
        no request left in the inbox, nothing being sent, twice in a row."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 2:
            assert time.monotonic() < deadline, "the bot did not settle"
            self.ctx.worker.submit(lambda: None).result(timeout=timeout)
            dispatcher = self.ctx.dispatcher
            idle = not inbox.unfinished(self.ctx.engine) and (
                dispatcher is None or dispatcher.drain(timeout=timeout))
            quiet = quiet + 1 if idle else 0
            time.sleep(0.005)

    def posts(self, channel: str, after: int = 0) -> list[Call]:
        """Messages the bot posted to a channel name ("kefu") or a user's DM (a user ID)."""
        self.settle()
        wanted = self.api.channel_id(channel)
        return [c for c in self.api.calls_since(after) if c.method == "chat.postMessage"
                and c.response.get("channel") == wanted]

    def raw_command(self, user_id: str, command: str, text: str = "", **kw: Any) -> Reply:
        """Send a slash command with sender options (forged, stale) and return the HTTP reply."""
        sender = SlackSender(self.url + "/slack/events", SECRET, self.api, **kw)
        return sender.command(user_id, command, text)
