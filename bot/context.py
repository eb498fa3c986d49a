"""What every handler and job needs: settings, database, policy, clock and language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.i18n import LocaleCache, lang_from_locale
from bot.policy import Policy
from bot.render.text import Lang
from bot.settings import Settings
from db.engine import session_scope


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
    # Finishes requests after their ack. One thread: SQLite writes one at a time anyway, and
    # more threads only fight the request threads for the GIL (bench: p99 ack 2.4x -> 1.6x).
    worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="work"))

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
        """Finish queued work and release the database."""
        self.worker.shutdown(wait=True)
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction for one request."""
        with session_scope(self.engine) as s:
            yield s
