"""Fixtures of the integration tests: every database the bot runs on."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.settings import normalise_database_url
from db.engine import make_engine, upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def each_db(request: pytest.FixtureRequest, db_url: str) -> Iterator[Engine]:
    """A freshly migrated SQLite file, then the PostgreSQL of KEFU_TEST_POSTGRES_URL."""
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
