"""What every `kefu` command shares: the operator's input error, settings, the database."""

from __future__ import annotations

from typing import IO, Any

import click

from bot.policy import PolicyError, load_policy
from bot.settings import Settings, SettingsError, load_settings


class BadInput(click.ClickException):
    """Bad input from the operator: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        """Print just the message."""
        click.echo(self.message, err=True)


def settings() -> Settings:
    """Load the settings, or stop with one line naming the bad variable."""
    try:
        return load_settings()
    except SettingsError as exc:
        raise BadInput(str(exc)) from None


def init_database(s: Settings) -> None:
    """Create or upgrade the schema and check the policy loads."""
    from db.engine import make_engine, upgrade

    try:
        load_policy(s.kefu_policy)
    except PolicyError as exc:
        raise BadInput(str(exc)) from None
    upgrade(make_engine(s.database_url))
