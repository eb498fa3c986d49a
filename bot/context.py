"""What every handler and job needs: settings, database, policy, clock and language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.i18n import LocaleCache, lang_from_locale
from bot.policy import Policy
from bot.render.text import Lang
from bot.settings import Settings
from bot.transport import outbox
from bot.transport.dispatch import Dispatcher
from db.engine import session_scope

# The transaction of the request this thread is working on: everything the request changes,
# the messages it causes and its inbox row commit together or not at all.
_UNIT: ContextVar[Session | None] = ContextVar("kefu_unit", default=None)


def system_clock() -> datetime:
    """The server's clock, in UTC: the only source of punch times."""
    return datetime.now(UTC)


@dataclass
class Context:
    """Shared, read-mostly state of one running bot."""

    settings: Settings
    engine: Engine
    policy: Policy
    clock: Callable[[], datetime] = system_clock
    locales: LocaleCache | None = field(default=None)
    slack: WebClient | None = field(default=None)  # the Web API client, set by create_app
    # Works through the inbox. One thread: SQLite writes one at a time anyway, and more
    # threads only fight the request threads for the GIL; Slack I/O has its own pool.
    worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="work"))
    # Slow work (the solver, reports): its own bounded pool, so no reply waits behind it.
    slow: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="slow"))
    # Learns members' languages from Slack ahead of the work that needs them (first contact).
    lookups: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=8, thread_name_prefix="lookup"))
    dispatcher: Dispatcher | None = field(default=None)  # sends the outbox, set by create_app
    routes: dict[str, Any] = field(default_factory=dict)  # inbox route -> its work

    @property
    def team_lang(self) -> Lang:
        """The team's default language: KEFU_LANG, else the policy's."""
        return self.settings.kefu_lang or self.policy.team.language

    @property
    def team_channel(self) -> str:
        """Where summaries and notices go."""
        return self.settings.kefu_team_channel or self.policy.team.channel

    @property
    def approvals_channel(self) -> str:
        """Where leads approve requests."""
        return self.settings.kefu_approvals_channel or self.policy.team.approvals_channel

    def lang_for(self, user_id: str | None) -> Lang:
        """The user's Slack locale if we know it, else the team default."""
        locale = self.locales.locale(user_id) if self.locales and user_id else None
        return lang_from_locale(locale, self.team_lang)

    def web(self) -> WebClient:
        """Return the Web API client; only a context serving Slack has one."""
        if self.slack is None:
            raise RuntimeError("no Slack client: build the app with create_app first")
        return self.slack

    def close(self) -> None:
        """Finish queued work, send what is due, and release the database."""
        self.worker.shutdown(wait=True)
        self.slow.shutdown(wait=True)
        self.lookups.shutdown(wait=True)
        if self.dispatcher is not None:
            self.dispatcher.stop()
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction; inside another (a request's unit), a savepoint of it, so that
        the outermost transaction commits everything, messages included, or nothing."""
        current = _UNIT.get()
        if current is not None:
            with current.begin_nested():
                yield current
            return
        with session_scope(self.engine) as s:
            token = _UNIT.set(s)
            try:
                yield s
            finally:
                _UNIT.reset(token)


    def enqueue(self, kind: str, payload: dict[str, Any]) -> None:
        """Queue a message for Slack in the current request's transaction (or its own)."""
        kick = self.dispatcher.kick if self.dispatcher else _no_kick
        current = _UNIT.get()
        if current is not None:
            outbox.add(current, kind=kind, payload=payload, kick=kick)
            return
        with session_scope(self.engine) as s:
            outbox.add(s, kind=kind, payload=payload, kick=kick)

    def post(self, method: str, then: list[Any] | None = None, **args: Any) -> None:
        """Queue a Web API call (chat.postMessage, chat.update, views.publish…)."""
        self.enqueue("api", {"method": method, "args": args, "then": then})


def _no_kick(_rows: list[tuple[int, str]]) -> None:
    """Without a dispatcher (CLI), rows wait for the next one that starts."""
