"""Integration fixtures: each migrated database kind the bot supports, and the `kefu` command
line on a fresh database with two members."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from sqlalchemy.engine import Engine

from bot.cli import main
from bot.settings import normalise_database_url
from db.engine import make_engine, upgrade

Invoke = Callable[..., tuple[int, str, str]]
STAFF = [("U0A1", "陈晓"), ("U0A2", "林悦")]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run `kefu …` in a temp dir on its own SQLite file, with 陈晓 and 林悦 on the team."""
    monkeypatch.chdir(tmp_path)  # no stray .env, data/ lands in the temp dir
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    for var in ("KEFU_POLICY", "SLACK_BOT_TOKEN", "KEFU_LANG"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        r = runner.invoke(main, list(args))
        return r.exit_code, r.stdout, r.stderr

    for slack_id, name in STAFF:
        assert invoke("staff", "add", slack_id, "--name", name)[0] == 0
    return invoke


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, db_url: str) -> Iterator[Engine]:
    """A freshly migrated database of each kind."""
    if request.param == "sqlite":
        e = make_engine(db_url)
    else:
        url = os.environ.get("KEFU_TEST_POSTGRES_URL")
        if not url:
            pytest.fail("KEFU_TEST_POSTGRES_URL is not set: run the suite with `make test`")
        e = make_engine(normalise_database_url(url))
        with e.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(e)
    yield e
    e.dispose()
