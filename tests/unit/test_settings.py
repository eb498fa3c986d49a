"""Settings: defaults, accepted forms, and one-line errors naming the variable."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


def test_postgres_scheme_is_accepted_and_uses_psycopg() -> None:
    s = load_settings(_env_file=None, database_url="postgres://u:p@db:5432/kefu")
    assert s.database_url == "postgresql+psycopg://u:p@db:5432/kefu"


def test_slack_mode_follows_the_tokens() -> None:
    assert load_settings(_env_file=None).slack_mode is None
    assert load_settings(_env_file=None, slack_bot_token="xoxb-1",
                         slack_signing_secret="s").slack_mode == "http"
    assert load_settings(_env_file=None, slack_bot_token="xoxb-1",
                         slack_app_token="xapp-1").slack_mode == "socket"


def test_api_url_gets_its_trailing_slash() -> None:
    assert load_settings(_env_file=None, slack_api_url="http://localhost:9/api").slack_api_url \
        == "http://localhost:9/api/"


@pytest.mark.parametrize(("field", "value", "starts"), [
    ("port", "http", "PORT:"),
    ("kefu_lang", "fr", "KEFU_LANG:"),
    ("slack_bot_token", "xoxp-1", "SLACK_BOT_TOKEN: must start with xoxb-"),
    ("slack_app_token", "xoxb-1", "SLACK_APP_TOKEN: must start with xapp-"),
    ("kefu_policy", "/nope.toml", "KEFU_POLICY: no such file"),
    ("database_url", "kefu.db", "DATABASE_URL: must be a SQLAlchemy URL"),
])
def test_bad_value_names_the_variable(field: str, value: str, starts: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(_env_file=None, **{field: value})
    assert str(err.value).startswith(starts) and "\n" not in str(err.value)
