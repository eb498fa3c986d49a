"""Process settings from the environment (and `.env`), validated once at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(Exception):
    """A setting has a bad value; the message names the variable."""


class Settings(BaseSettings):
    """Everything an operator can set; all optional except what serving Slack needs."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    # Seconds any call to Slack (Web API, response_url) may take: a stuck call holds a thread.
    slack_timeout: int = Field(default=5, ge=1, le=60)
    database_url: str = "sqlite:///data/kefu.db"
    port: int = Field(default=3000, ge=1, le=65535)
    kefu_policy: Path | None = None
    kefu_team_channel: str | None = None
    kefu_approvals_channel: str | None = None
    kefu_lang: Literal["zh", "en"] | None = None

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, v: str | None) -> str | None:
        if v and not v.startswith("xoxb-"):
            raise ValueError("must start with xoxb-")
        return v or None

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, v: str | None) -> str | None:
        if v and not v.startswith("xapp-"):
            raise ValueError("must start with xapp-")
        return v or None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return v if v.endswith("/") else v + "/"

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, v: str) -> str:
        return normalise_database_url(v)

    @field_validator("kefu_policy")
    @classmethod
    def _policy(cls, v: Path | None) -> Path | None:
        if v is not None and not v.is_file():
            raise ValueError(f"no such file: {v}")
        return v

    @property
    def slack_mode(self) -> Literal["socket", "http"] | None:
        """Say how Slack is reached, or None for the local console."""
        if self.slack_bot_token and self.slack_app_token:
            return "socket"
        if self.slack_bot_token and self.slack_signing_secret:
            return "http"
        return None


def normalise_database_url(url: str) -> str:
    """Accept Heroku-style `postgres://` and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" not in url:
        raise ValueError("must be a SQLAlchemy URL such as sqlite:///data/kefu.db")
    return url


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a bad value raises SettingsError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "settings"
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {msg} (got {err.get('input')!r})") from None
